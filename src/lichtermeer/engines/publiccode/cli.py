"""Command line: `validate PATH... [--json] [--no-network]`.

Without --json every finding is printed as `file:LINE:COLUMN: error: key: description`
(parser-go's errorformat, usable as a compiler error list); with --json a JSON list holds
one object per file: {"file", "valid", "findings": [{type, key, description, line, column}]}.
Exit status 1 if any file is invalid, 0 otherwise (2 for a usage error).
"""

from __future__ import annotations

import argparse
import json
import sys

from . import validate_file


def _arguments() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="publiccode", description="publiccode.yml validator")
    commands = parser.add_subparsers(dest="command", required=True)
    validate = commands.add_parser("validate", help="validate publiccode.yml files")
    validate.add_argument("paths", nargs="+", metavar="PATH")
    validate.add_argument("--json", action="store_true", help="print a JSON list instead of lines")
    validate.add_argument("--no-network", action="store_true",
                          help="skip URL reachability checks (local files are still checked)")
    return parser


def main(argv: list[str] | None = None) -> int:
    try:
        args = _arguments().parse_args(argv)
    except SystemExit as exit_:
        return int(exit_.code or 0)
    reports, all_valid = [], True
    for path in args.paths:
        result = validate_file(path, network=not args.no_network)
        all_valid = all_valid and result.valid
        if args.json:
            reports.append({"file": path, "valid": result.valid,
                            "findings": [f.to_dict() for f in result.findings]})
            continue
        for finding in result.findings:
            key = f"{finding.key}: " if finding.key else ""
            print(f"{path}:{finding.line}:{finding.column}: {finding.type}: {key}{finding.description}")
    if args.json:
        print(json.dumps(reports, ensure_ascii=False, indent=2))
    return 0 if all_valid else 1


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
