"""Command line of the tender engine (`lichtermeer tender …` hands its arguments, starting with the subcommand, here).

    render SPEC.json --kind leistungsbeschreibung|bewertungsmatrix --format docx|odt|pdf -o FILE [--lang de|en]
        Validate the spec (JSON, the form `spec_from_dict` reads, see `example`) and write the document.
        -o - writes to standard output. PDF needs LibreOffice (soffice on PATH or $SOFFICE_BINARY);
        --timeout SECONDS bounds the conversion (default 60).
    check SPEC.json [--lang de|en]
        Validate only; also lists places outside the annex that name a product of the market survey.
    example
        Print an example spec (JSON).

Exit codes: 0 done, 1 the spec names market-survey products outside the annex (`check` only; `render` warns on
stderr and still writes), 2 usage error, unreadable or invalid spec, LibreOffice missing or failing.
`main(argv)` never calls sys.exit.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from .content import neutrality_warnings
from .example import example_spec
from .model import FORMATS, KINDS, MAX_SPEC_BYTES, Problem, SpecInvalid, TenderSpec, spec_from_dict, spec_to_dict
from .pdf import PdfFailed
from .render import render, render_pdf

EXIT_OK, EXIT_WARNINGS, EXIT_ERROR = 0, 1, 2


def _arguments() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="lichtermeer tender", description="Draft tender documents (German)")
    commands = parser.add_subparsers(dest="command", required=True)
    command = commands.add_parser("render", help="write a Leistungsbeschreibung or Bewertungsmatrix")
    command.add_argument("spec", metavar="SPEC.json")
    command.add_argument("--kind", choices=KINDS, required=True)
    command.add_argument("--format", choices=(*FORMATS, "pdf"), required=True, dest="fmt")
    command.add_argument("-o", "--output", required=True, metavar="FILE", help="output file, - for stdout")
    command.add_argument("--timeout", type=int, default=60, help="seconds LibreOffice may take (PDF)")
    command.add_argument("--lang", choices=("de", "en"), default="de", help="language of messages")
    command = commands.add_parser("check", help="validate a spec")
    command.add_argument("spec", metavar="SPEC.json")
    command.add_argument("--lang", choices=("de", "en"), default="de", help="language of messages")
    commands.add_parser("example", help="print an example spec (JSON)")
    return parser


def main(argv: list[str] | None = None) -> int:
    try:
        args = _arguments().parse_args(argv)
    except SystemExit as exit_:
        return EXIT_ERROR if exit_.code else EXIT_OK
    if args.command == "example":
        print(json.dumps(spec_to_dict(example_spec()), ensure_ascii=False, indent=2))
        return EXIT_OK
    spec = _load(args.spec, args.lang)
    if spec is None:
        return EXIT_ERROR
    warnings = neutrality_warnings(spec)
    for problem in warnings:
        print(f"{_warning(args.lang)}: {problem.text(args.lang)}", file=sys.stderr)
    if args.command == "check":
        return EXIT_WARNINGS if warnings else EXIT_OK
    return _render(spec, args)


def _load(path: str, lang: str) -> TenderSpec | None:
    try:
        with open(path, "rb") as handle:
            data = handle.read(MAX_SPEC_BYTES + 1)
    except OSError as error:
        _error(lang, f"cannot read {path}: {error.strerror}", f"{path} kann nicht gelesen werden: {error.strerror}")
        return None
    if len(data) > MAX_SPEC_BYTES:
        _error(lang, f"{path}: file larger than {MAX_SPEC_BYTES} bytes",
               f"{path}: Datei größer als {MAX_SPEC_BYTES} Bytes")
        return None
    try:
        document = json.loads(data.decode("utf-8"))
    except UnicodeDecodeError:
        _error(lang, f"{path}: not UTF-8", f"{path}: kein UTF-8")
        return None
    except json.JSONDecodeError as error:
        _error(lang, f"{path}: invalid JSON at line {error.lineno}, column {error.colno}: {error.msg}",
               f"{path}: ungültiges JSON in Zeile {error.lineno}, Spalte {error.colno}: {error.msg}")
        return None
    except RecursionError:
        _error(lang, f"{path}: JSON nested too deeply", f"{path}: JSON zu tief verschachtelt")
        return None
    try:
        return spec_from_dict(document)
    except SpecInvalid as invalid:
        _problems(lang, path, invalid.problems)
        return None


def _render(spec: TenderSpec, args: argparse.Namespace) -> int:
    try:
        if args.fmt == "pdf":
            data = render_pdf(spec, args.kind, timeout=args.timeout)
            if data is None:
                _error(args.lang, "LibreOffice (soffice) not found: install it or set SOFFICE_BINARY",
                       "LibreOffice (soffice) nicht gefunden: installieren oder SOFFICE_BINARY setzen")
                return EXIT_ERROR
        else:
            data = render(spec, args.kind, args.fmt)
    except SpecInvalid as invalid:
        _problems(args.lang, args.spec, invalid.problems)
        return EXIT_ERROR
    except PdfFailed as failed:
        _error(args.lang, failed.en, failed.de)
        return EXIT_ERROR
    if args.output == "-":
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
    else:
        try:
            Path(args.output).write_bytes(data)
        except OSError as error:
            _error(args.lang, f"cannot write {args.output}: {error.strerror}",
                   f"{args.output} kann nicht geschrieben werden: {error.strerror}")
            return EXIT_ERROR
    return EXIT_OK


def _warning(lang: str) -> str:
    return "Warnung" if lang == "de" else "warning"


def _error(lang: str, en: str, de: str) -> None:
    print(f"{'FEHLER' if lang == 'de' else 'ERROR'}: {de if lang == 'de' else en}", file=sys.stderr)


def _problems(lang: str, path: str, problems: list[Problem]) -> None:
    for problem in problems:
        print(f"{'FEHLER' if lang == 'de' else 'ERROR'}: {path}: {problem.text(lang)}", file=sys.stderr)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
