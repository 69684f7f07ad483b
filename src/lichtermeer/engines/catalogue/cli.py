"""Command line of the catalogue engine.

    validate FILE... [--json] [--lang en|de]
        Without --json one line per finding: `FILE:LINE:COLUMN: KEY: message`. With --json a list
        with one object per file: {"file", "valid", "findings": [Finding.to_dict()]}.
        Exit 0 when every file is valid, 1 otherwise.
    diff OLD_FILE NEW_FILE [--json] [--lang de|en] [--tightened ID]...
        The difference and the version bump it calls for, as text (German by default) or as
        Diff.to_dict() JSON. Exit 0; 1 (findings on stderr) when a file is invalid.

Exit 2 for usage errors. `main(argv)` never calls sys.exit, so other entry points can delegate to it.
"""

from __future__ import annotations

import argparse
import json
import sys

from .diffing import diff
from .findings import LoadResult
from .loader import load_file
from .rendering import render_diff_text


def _arguments() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m lichtermeer.engines.catalogue",
                                     description="Lichtermeer catalogue of base requirements")
    commands = parser.add_subparsers(dest="command", required=True)
    validate = commands.add_parser("validate", help="validate catalogue files (YAML or JSON)")
    validate.add_argument("files", nargs="+", metavar="FILE")
    validate.add_argument("--json", action="store_true", help="print a JSON list instead of lines")
    validate.add_argument("--lang", choices=("en", "de"), default="en", help="language of the messages")
    compare = commands.add_parser("diff", help="compare two catalogue versions")
    compare.add_argument("old", metavar="OLD_FILE")
    compare.add_argument("new", metavar="NEW_FILE")
    compare.add_argument("--json", action="store_true", help="print Diff.to_dict() as JSON")
    compare.add_argument("--lang", choices=("de", "en"), default="de", help="language of the text output")
    compare.add_argument("--tightened", action="append", default=[], metavar="ID",
                         help="a requirement id the committee declared stricter (repeatable)")
    return parser


def main(argv: list[str] | None = None) -> int:
    try:
        args = _arguments().parse_args(argv)
    except SystemExit as exit_:
        return int(exit_.code or 0)
    if args.command == "validate":
        return _validate(args)
    return _diff(args)


def _print_findings(path: str, result: LoadResult, language: str, stream=None) -> None:
    for finding in result.findings:
        key = f"{finding.key}: " if finding.key else ""
        print(f"{path}:{finding.line}:{finding.column}: {key}{finding.message(language)}", file=stream or sys.stdout)


def _validate(args: argparse.Namespace) -> int:
    reports, all_valid = [], True
    for path in args.files:
        result = load_file(path)
        all_valid = all_valid and result.valid
        if args.json:
            reports.append({"file": path, "valid": result.valid, "findings": [f.to_dict() for f in result.findings]})
        else:
            _print_findings(path, result, args.lang)
    if args.json:
        print(json.dumps(reports, ensure_ascii=False, indent=2))
    return 0 if all_valid else 1


def _diff(args: argparse.Namespace) -> int:
    old, new = load_file(args.old), load_file(args.new)
    if old.document is None or new.document is None:
        _print_findings(args.old, old, args.lang, sys.stderr)
        _print_findings(args.new, new, args.lang, sys.stderr)
        return 1
    result = diff(old.document, new.document, tightened=set(args.tightened))
    if args.json:
        print(json.dumps(result.to_dict(), ensure_ascii=False, indent=2))
    else:
        print(render_diff_text(result, args.lang), end="")
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
