"""Command line of the DCAT-AP.de engine (`lichtermeer dcat …` hands its arguments, starting with the subcommand, here).

    validate PATH... [--json] [--lang de|en]
        Validate RDF files (Turtle, RDF/XML, JSON-LD, N-Triples; chosen by file extension, else sniffed) against
        the DCAT-AP.de 3.0 SHACL profile. Directories are searched for such files.
        --json prints one JSON object {file name: [result, ...]}; a result is
        {"focus", "path", "component", "severity", "message", "value", "shape"} (component and severity as
        full IRIs, path null for node shapes, message in German unless --lang en). A file that cannot be read
        or parsed maps to {"error": message} instead of a list.
        Without --json: per file a summary line, then one line per result grouped by dataset/distribution.

Exit codes: 0 no violation (warnings and infos allowed), 1 at least one sh:Violation, 2 usage error or a file that
could not be read or parsed (2 wins over 1). `main(argv)` never calls sys.exit.
"""

from __future__ import annotations

import argparse
import json
import sys

from .model import FileReport
from .parse import rdf_files
from .terms import SH, render, short

EXIT_OK, EXIT_VIOLATIONS, EXIT_ERROR = 0, 1, 2


def _arguments() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="lichtermeer dcat", description="DCAT-AP.de 3.0 SHACL validation")
    commands = parser.add_subparsers(dest="command", required=True)
    validate = commands.add_parser("validate", help="validate RDF files against the DCAT-AP.de 3.0 profile")
    validate.add_argument("paths", nargs="+", metavar="PATH")
    validate.add_argument("--json", action="store_true", help="print {file: [result, ...]} as JSON")
    validate.add_argument("--lang", choices=("de", "en"), default="de", help="language of the messages")
    return parser


def main(argv: list[str] | None = None) -> int:
    try:
        args = _arguments().parse_args(argv)
    except SystemExit as exit_:
        return EXIT_ERROR if exit_.code else EXIT_OK
    if args.command == "validate":
        return _validate(args)
    return EXIT_ERROR  # pragma: no cover - argparse only knows "validate"


def _validate(args: argparse.Namespace) -> int:
    from .validate import validate  # loads the profile: only when there is work

    report = validate(rdf_files(args.paths))
    if args.json:
        print(json.dumps(report.to_dict(args.lang), ensure_ascii=False, indent=1))
    else:
        for file in report.files:
            _print_file(file, args.lang)
    if report.has_errors:
        return EXIT_ERROR
    return EXIT_VIOLATIONS if report.has_violations else EXIT_OK


def _print_file(file: FileReport, language: str) -> None:
    def text(pair) -> str:
        return pair.de if language == "de" else pair.en

    if file.error is not None:
        print(f"{file.name}: {'FEHLER' if language == 'de' else 'ERROR'}: {text(file.error)}")
        return
    counts = file.counts()
    summary = ", ".join(f"{counts[k]} {k}" for k in ("Violation", "Warning", "Info") if k in counts)
    if language == "de":
        print(f"{file.name}: {file.triples} Tripel, {summary or 'konform'}")
    else:
        print(f"{file.name}: {file.triples} triples, {summary or 'conforms'}")
    for warning in file.warnings:
        print(f"  ! {text(warning)}")
    for owner, results in file.by_resource().items():
        resource = file.resource_of(results[0])
        label = f"{resource.kind} {render(owner)}" if resource else ("(ohne Datensatz)" if language == "de"
                                                                     else "(outside any dataset)")
        print(f"  {label}")
        for result in results:
            path = f" {short(result.path)}" if result.path and "|" not in result.path else (
                f" {result.path}" if result.path else "")
            value = f" = {render(result.value)}" if result.value is not None else ""
            focus = "" if result.focus == owner else f" @ {render(result.focus)}"
            print(f"    [{result.severity.removeprefix(SH)}]{focus}{path}{value}: {text(result.message)}")


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
