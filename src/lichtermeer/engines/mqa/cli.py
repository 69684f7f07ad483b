"""Command line of the MQA engine (`lichtermeer mqa …` hands its arguments, starting with the subcommand, here).

    score FILE... [--json] [--lang de|en] [--rule share|best] [--no-compliance]
        Score every dcat:Dataset in the RDF files (Turtle, RDF/XML, JSON-LD, N-Triples; by extension, else
        sniffed). URLs are not requested: A1/A3 (80 points) are reported "not checked" and not counted, the
        output names the upper bound. --no-compliance skips the DCAT-AP.de validation (I6, 30 points).
        --json prints {"files": {name: {"error", "warnings", "datasets": [...], "aggregate"}}, "aggregate"}
        with English and German texts; without --json one line per dataset, then the mean per file.

Exit codes: 0 scored (a file without datasets included), 2 usage error or a file that could not be read or parsed.
`main(argv)` never calls sys.exit.
"""

from __future__ import annotations

import argparse
import json
import sys

from lichtermeer.engines.dcat.parse import rdf_files

from .document import InputError, load
from .indicators import BAND_LABELS
from .messages import Text, no_datasets
from .score import RULES, Aggregate, DatasetScore, aggregate, score_all

EXIT_OK, EXIT_ERROR = 0, 2
SHORT = {"findability": "F", "accessibility": "A", "interoperability": "I", "reusability": "R", "contextuality": "C"}


def _arguments() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="lichtermeer mqa", description="Metadata quality score (data.europa.eu MQA)")
    commands = parser.add_subparsers(dest="command", required=True)
    command = commands.add_parser("score", help="score every dcat:Dataset in RDF files")
    command.add_argument("paths", nargs="+", metavar="FILE")
    command.add_argument("--json", action="store_true", help="print the scores as JSON")
    command.add_argument("--lang", choices=("de", "en"), default="de", help="language of the text output")
    command.add_argument("--rule", choices=RULES, default="share",
                         help="distribution-level indicators: share of distributions (default) or best distribution")
    command.add_argument("--no-compliance", action="store_true", help="skip the DCAT-AP.de validation (I6)")
    return parser


def main(argv: list[str] | None = None) -> int:
    try:
        args = _arguments().parse_args(argv)
    except SystemExit as exit_:
        return EXIT_ERROR if exit_.code else EXIT_OK
    return _score(args)


def _score(args: argparse.Namespace) -> int:
    results: list[tuple[str, list[DatasetScore], Text | None, list[Text]]] = []
    for path in rdf_files(args.paths):
        try:
            document = load(path, compliance=not args.no_compliance)
            scores = score_all(document, rule=args.rule, compliance=not args.no_compliance)
            warnings = list(document.warnings) + ([] if scores else [no_datasets(document.name)])
            results.append((document.name, scores, None, warnings))
        except InputError as error:
            results.append((path.name, [], error.text, []))
    overall = aggregate(s for _, scores, _, _ in results for s in scores)
    if args.json:
        print(json.dumps(_as_json(results, overall), ensure_ascii=False, indent=1))
    else:
        for name, scores, error, warnings in results:
            _print_file(name, scores, error, warnings, args.lang)
    return EXIT_ERROR if any(error is not None for _, _, error, _ in results) else EXIT_OK


def _pair(text: Text) -> dict[str, str]:
    return {"en": text.en, "de": text.de}


def _as_json(results, overall: Aggregate) -> dict:
    files = {}
    for name, scores, error, warnings in results:
        files[name] = {
            "error": _pair(error) if error else None,
            "warnings": [_pair(w) for w in warnings],
            "datasets": [s.to_dict() for s in scores],
            "aggregate": aggregate(scores).to_dict(),
        }
    return {"files": files, "aggregate": overall.to_dict()}


def _print_file(name: str, scores: list[DatasetScore], error: Text | None, warnings: list[Text],
                language: str) -> None:
    def text(pair: Text) -> str:
        return pair.de if language == "de" else pair.en

    if error is not None:
        print(f"{name}: {'FEHLER' if language == 'de' else 'ERROR'}: {text(error)}")
        return
    print(name)
    for warning in warnings:
        print(f"  ! {text(warning)}")
    for result in scores:
        dims = " ".join(f"{SHORT[d]} {p:g}/{m}" for d, (p, m) in result.dimensions.items())
        title = f" \"{result.title}\"" if result.title else ""
        print(f"  {result.total:g}/{result.maximum} {text(result.band_label)} ({dims}) {result.dataset}{title}")
        if result.unchecked:
            ids = ", ".join(result.unchecked)
            print(f"    {'nicht geprüft' if language == 'de' else 'not checked'}: {ids} "
                  f"({'höchstens' if language == 'de' else 'at most'} {result.upper_bound:g})")
    if scores:
        mean = aggregate(scores)
        band = text(BAND_LABELS[mean.band]) if mean.band else "–"
        dims = " ".join(f"{SHORT[d]} {p:g}" for d, (p, _m) in mean.dimensions.items())
        label = "Mittelwert" if language == "de" else "mean"
        print(f"  {label} ({mean.count}): {mean.total:g}/{mean.maximum} {band} ({dims})")


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
