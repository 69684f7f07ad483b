"""Command line of the UfAB engine (`lichtermeer ufab …` hands its arguments, starting with the subcommand, here).

    evaluate FILE.json [--lang de|en] [--details]
        Score the offers of FILE.json ("-" reads standard input) and print
        {"offers": [{"id", "excluded", "reason", "L", "Z"}], "ranking": [ids, best first]}, plus "ties" when
        offers remain tied and "band" for the extended method. "reason" is in the language of --lang (default
        de). --details prints the full record instead (both languages, points per criterion and group, notes,
        explanation).
    validate FILE.json
        Print {"problems": [...]} (empty when the input can be scored).

Every problem is {"path", "en", "de"} (a file that cannot be read or parsed also has "line" and "column").
Exit codes: 0 scored / valid, 2 usage error, unreadable file, invalid JSON or invalid input. The input is at most
2 MiB. `main(argv)` never calls sys.exit.
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from .methods import evaluate
from .model import MAX_FILE_BYTES, Problem, UfabInvalid
from .validation import validate

EXIT_OK, EXIT_ERROR = 0, 2


class _DuplicateKey(ValueError):
    def __init__(self, key: str):
        self.key = key
        super().__init__(key)


def _arguments() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="lichtermeer ufab", description="Evaluation of offers after the UfAB")
    commands = parser.add_subparsers(dest="command", required=True)
    command = commands.add_parser("evaluate", help="score the offers of a JSON file")
    command.add_argument("path", metavar="FILE.json", help='the input ("-" for standard input)')
    command.add_argument("--lang", choices=("de", "en"), default="de", help="language of the reasons")
    command.add_argument("--details", action="store_true", help="print the full record")
    command = commands.add_parser("validate", help="check a JSON file without scoring")
    command.add_argument("path", metavar="FILE.json", help='the input ("-" for standard input)')
    return parser


def main(argv: list[str] | None = None) -> int:
    try:
        args = _arguments().parse_args(argv)
    except SystemExit as exit_:
        return EXIT_ERROR if exit_.code else EXIT_OK
    spec, problem = load(args.path)
    if problem is not None:
        _print({"problems": [problem]})
        return EXIT_ERROR
    if args.command == "validate":
        problems = validate(spec)
        _print({"problems": [p.to_dict() for p in problems]})
        return EXIT_ERROR if problems else EXIT_OK
    try:
        result = evaluate(spec)
    except UfabInvalid as invalid:
        _print({"problems": [p.to_dict() for p in invalid.problems]})
        return EXIT_ERROR
    _print(result.to_record() if args.details else result.to_json(args.lang))
    return EXIT_OK


def _print(data: Any) -> None:
    print(json.dumps(data, ensure_ascii=False, indent=1))


def _problem(en: str, de: str, line: int | None = None, column: int | None = None) -> dict[str, Any]:
    data = Problem("", en, de).to_dict()
    if line is not None:
        data.update(line=line, column=column)
    return data


def load(path: str) -> tuple[Any, dict[str, Any] | None]:
    """The parsed JSON of `path` ("-": standard input), or a problem saying why it cannot be read."""
    name = "standard input" if path == "-" else path
    name_de = "Standardeingabe" if path == "-" else path
    try:
        if path == "-":
            data = sys.stdin.buffer.read(MAX_FILE_BYTES + 1)
        else:
            with open(path, "rb") as handle:
                data = handle.read(MAX_FILE_BYTES + 1)
    except OSError as error:
        reason = error.strerror or type(error).__name__
        return None, _problem(f"{name}: cannot be read ({reason})", f"{name_de}: nicht lesbar ({reason})")
    if len(data) > MAX_FILE_BYTES:
        return None, _problem(f"{name}: too large (more than {MAX_FILE_BYTES} bytes)",
                              f"{name_de}: zu groß (mehr als {MAX_FILE_BYTES} Bytes)")
    return parse_json(data, name, name_de)


def parse_json(data: bytes, name: str = "input", name_de: str = "Eingabe") -> tuple[Any, dict[str, Any] | None]:
    """Decode UTF-8 (a BOM is allowed) and parse JSON; duplicate keys in an object are refused."""
    data = data.removeprefix(b"\xef\xbb\xbf")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line, column = _position(data, error.start)
        return None, _problem(f"{name}:{line}:{column}: not valid UTF-8", f"{name_de}:{line}:{column}: kein gültiges "
                              "UTF-8", line, column)
    try:
        return json.loads(text, object_pairs_hook=_unique), None
    except json.JSONDecodeError as error:
        return None, _problem(f"{name}:{error.lineno}:{error.colno}: invalid JSON: {error.msg} (line "
                              f"{error.lineno}, column {error.colno})",
                              f"{name_de}:{error.lineno}:{error.colno}: ungültiges JSON: {error.msg} (Zeile "
                              f"{error.lineno}, Spalte {error.colno})", error.lineno, error.colno)
    except _DuplicateKey as error:
        key = json.dumps(error.key, ensure_ascii=False)[:60]
        return None, _problem(f"{name}: duplicate key {key} in a JSON object",
                              f"{name_de}: doppelter Schlüssel {key} in einem JSON-Objekt")
    except RecursionError:
        return None, _problem(f"{name}: JSON nested too deeply", f"{name_de}: JSON zu tief verschachtelt")
    except ValueError as error:  # e.g. an integer with more digits than Python converts
        return None, _problem(f"{name}: invalid JSON: {error}", f"{name_de}: ungültiges JSON: {error}")


def _unique(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for key, value in pairs:
        if key in result:
            raise _DuplicateKey(key)
        result[key] = value
    return result


def _position(data: bytes, offset: int) -> tuple[int, int]:
    before = data[:offset]
    line = before.count(b"\n") + 1
    start = before.rfind(b"\n") + 1
    return line, len(before[start:].decode("utf-8", errors="replace")) + 1


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
