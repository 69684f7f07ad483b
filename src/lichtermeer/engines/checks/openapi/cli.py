"""`lichtermeer openapi lint FILE [--json]`: the API Design Rules linter on the command line.

Text output is exactly what `spectral lint -r <ADR ruleset> FILE` prints; `--json` prints the
findings as a JSON list. Exit status: 0 no error-level finding, 1 error-level findings,
2 the file cannot be read or linted.
"""

from __future__ import annotations

import argparse
import json
import os
import sys

from ..evidence import MAX_BYTES
from .lint import LintError, decode, has_errors, lint_text
from .render import stylish


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="lichtermeer openapi", description=__doc__.split("\n\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)
    lint = commands.add_parser("lint", help="check an OpenAPI document against the NL GOV API Design Rules")
    lint.add_argument("file", help="OpenAPI document (JSON or YAML)")
    lint.add_argument("--json", action="store_true", help="print the findings as JSON")
    return parser


def main(argv: list[str]) -> int:
    try:
        args = _parser().parse_args(argv)
    except SystemExit as exc:  # argparse exits on --help and on usage errors
        return int(exc.code or 0) if exc.code in (0, None) else 2
    try:
        with open(args.file, "rb") as handle:
            data = handle.read(MAX_BYTES + 1)
    except OSError as exc:
        print(f"{args.file}: cannot be read ({exc.strerror or exc})", file=sys.stderr)
        return 2
    try:
        if len(data) > MAX_BYTES:
            raise LintError(_too_large())
        findings = lint_text(decode(data))
    except LintError as exc:
        where = f":{exc.line}:{exc.column}" if exc.line else ""
        print(f"{args.file}{where}: {exc.text.en}", file=sys.stderr)
        return 2
    if args.json:
        print(json.dumps([finding.as_dict() for finding in findings], indent=2, ensure_ascii=False))
    else:
        sys.stdout.write(stylish(findings, os.path.abspath(args.file)))
    return 1 if has_errors(findings) else 0


def _too_large():
    from lichtermeer.engines.publiccode.messages import Text

    return Text(f"the file is larger than {MAX_BYTES} bytes", f"die Datei ist größer als {MAX_BYTES} Bytes")
