"""Command line of the Musterdatenkatalog classifier.

    lichtermeer mdk classify FILE.csv [--json] [--threshold 0.6]
        FILE.csv: UTF-8, `,` or `;` separated, with the columns `title` and `description` (optional: `keywords`,
        `reference_uri`). Prints one result per data row: with --json a list of
        {"thema", "bezeichnung", "uri", "confidence"} (labels spelled as in the V4 taxonomy), otherwise a table
        that also marks the rows a person should confirm (confidence below the threshold).

Exit 0 on success, 2 for a usage error or an unreadable / invalid file (the reason in English and German on
stderr). `main(argv)` never calls sys.exit, so other entry points can delegate to it.
"""

from __future__ import annotations

import argparse
import json
import sys

from .classifier import DEFAULT_THRESHOLD, Prediction, default_classifier
from .csvinput import CsvError, read_rows
from .messages import Text


def _arguments() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="lichtermeer mdk", description="Musterdatenkatalog V4 classifier")
    commands = parser.add_subparsers(dest="command", required=True)
    classify = commands.add_parser("classify", help="classify the datasets of a CSV file (title, description)")
    classify.add_argument("file", metavar="FILE.csv")
    classify.add_argument("--json", action="store_true", help="print a JSON list instead of a table")
    classify.add_argument("--threshold", type=_probability, default=DEFAULT_THRESHOLD,
                          help=f"confidence below which a row needs confirmation (default {DEFAULT_THRESHOLD})")
    return parser


def _probability(value: str) -> float:
    number = float(value)
    if not 0.0 <= number <= 1.0:
        raise argparse.ArgumentTypeError("expected a number between 0 and 1 / erwartet: Zahl zwischen 0 und 1")
    return number


def main(argv: list[str] | None = None) -> int:
    try:
        args = _arguments().parse_args(argv)
    except SystemExit as exit_:
        return int(exit_.code or 0)
    try:
        rows = read_rows(args.file)
    except CsvError as error:
        _error(error.text)
        return 2
    predictions = default_classifier().classify_many(rows, threshold=args.threshold, explain=False)
    if args.json:
        print(json.dumps([_short(p) for p in predictions], ensure_ascii=False, indent=2))
    else:
        _table(rows, predictions)
    return 0


def _short(prediction: Prediction) -> dict[str, object]:
    return {"thema": prediction.thema, "bezeichnung": prediction.bezeichnung, "uri": prediction.uri,
            "confidence": round(prediction.confidence, 4)}


def _table(rows: list[dict[str, object]], predictions: list[Prediction]) -> None:
    header = ("line", "confidence", "check", "thema", "bezeichnung", "uri")
    lines = [header]
    for row, prediction in zip(rows, predictions, strict=True):
        lines.append((str(row["line"]), f"{prediction.confidence:.2f}", "?" if prediction.needs_confirmation else "",
                      prediction.thema, prediction.bezeichnung, prediction.uri))
    widths = [max(len(line[i]) for line in lines) for i in range(len(header) - 1)]
    for line in lines:
        print("  ".join(cell.ljust(width) for cell, width in zip(line, widths, strict=False)) + "  " + line[-1])
    flagged, total = sum(p.needs_confirmation for p in predictions), len(predictions)
    print(f"\n{total} rows, {flagged} to confirm (?) / {total} Zeilen, {flagged} zu bestätigen (?)")


def _error(text: Text) -> None:
    print(f"error: {text.en}\nFehler: {text.de}", file=sys.stderr)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
