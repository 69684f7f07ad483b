"""`lichtermeer check`: the provider's self-check against a catalogue version (docs/self-check.md).

    lichtermeer check --catalogue 1.0.0 --publiccode publiccode.yml --sbom bom.json --format junit

Exit status: 1 when a MUSS requirement fails or its evidence could not be read (`Assessment.blocking`),
2 for usage errors (unknown option, unreadable evidence file or catalogue, bad OSV database), else 0.
`main(argv)` never calls sys.exit, so `lichtermeer.cli` can delegate to it.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import re
import sys
from pathlib import Path
from typing import Any

from lichtermeer.engines.catalogue import OPERATING_MODELS, SOFTWARE_TYPES, load_file

from . import assess
from .evidence import Bundle
from .publiccode_checks import software_type
from .reference import Reference
from .report import FORMATS, LANGUAGES, render

CATALOGUE_DIR_VARIABLE = "LICHTERMEER_CATALOGUE_DIR"
# The repository's data/catalogue next to src/ (a checkout or an editable install).
REPOSITORY_CATALOGUES = Path(__file__).resolve().parents[4] / "data" / "catalogue"
_VERSION = re.compile(r"\d{1,4}\.\d{1,4}\.\d{1,4}")


class UsageError(Exception):
    """A problem with how the command was called; exit status 2."""


def default_osv_index() -> Any:
    """The advisory database used without --osv: none here (vulnerabilities.osv then asks for a review).
    The platform extends this to its imported database."""
    return None


def catalogue_directories() -> list[Path]:
    configured = os.environ.get(CATALOGUE_DIR_VARIABLE)
    return ([Path(configured)] if configured else []) + [REPOSITORY_CATALOGUES]


def resolve_catalogue(value: str) -> Path:
    """A version like 1.0.0 (looked up offline in the catalogue directories) or a path to a YAML/JSON file."""
    if _VERSION.fullmatch(value):
        for directory in catalogue_directories():
            for suffix in (".yaml", ".yml", ".json"):
                candidate = directory / f"basisanforderungen-{value}{suffix}"
                if candidate.is_file():
                    return candidate
        searched = ", ".join(str(directory) for directory in catalogue_directories())
        raise UsageError(f"catalogue version {value} not found (searched {searched}; set {CATALOGUE_DIR_VARIABLE} "
                         f"or pass a catalogue file)")
    path = Path(value)
    if not path.is_file():
        raise UsageError(f"catalogue {value!r} is neither a version (like 1.0.0) nor a readable file")
    return path


def published_catalogue(version: str) -> dict[str, Any] | None:
    """A version published on the platform (not only the files); the platform extends this."""
    return None


def load_catalogue(value: str) -> dict[str, Any]:
    if _VERSION.fullmatch(value):
        document = published_catalogue(value)
        if document is not None:
            return document
    path = resolve_catalogue(value)
    result = load_file(str(path))
    if result.document is None:
        shown = "; ".join(str(finding) for finding in result.findings[:5])
        raise UsageError(f"catalogue {path} is invalid: {shown}")
    return result.document


def _arguments() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="lichtermeer check",
        description="Check evidence against the Lichtermeer catalogue of base requirements (offline).",
        epilog="Exit status: 0 no MUSS requirement fails; 1 a MUSS requirement fails or its evidence is "
               "unreadable; 2 usage error or unreadable catalogue.")
    parser.add_argument("--catalogue", required=True, metavar="VERSION|FILE",
                        help="catalogue version (e.g. 1.0.0) or a catalogue YAML/JSON file")
    parser.add_argument("--publiccode", metavar="FILE", help="publiccode.yml")
    parser.add_argument("--sbom", metavar="FILE", help="CycloneDX or SPDX SBOM (JSON)")
    parser.add_argument("--osv", metavar="PATH", help="OSV advisories: JSON/YAML files, a directory or a zip archive")
    parser.add_argument("--openapi", metavar="FILE", action="append", default=[],
                        help="OpenAPI document (repeatable)")
    parser.add_argument("--securitytxt", metavar="FILE", help="security.txt (RFC 9116)")
    parser.add_argument("--a11y", metavar="FILE", help="axe-core JSON result (one page or a list of pages)")
    parser.add_argument("--declarations", metavar="FILE", help="provider declarations (YAML or JSON)")
    parser.add_argument("--format", choices=FORMATS, default="text", help="output format (default: text)")
    parser.add_argument("--lang", choices=LANGUAGES, default="de", help="language of text and JUnit (default: de)")
    parser.add_argument("--software-type", choices=SOFTWARE_TYPES, metavar="TYPE",
                        help="software type (default: softwareType of the publiccode.yml)")
    parser.add_argument("--operating-model", choices=OPERATING_MODELS, action="append", default=[], metavar="MODEL",
                        help=f"operating model, repeatable ({', '.join(OPERATING_MODELS)}); default: all apply")
    parser.add_argument("--today", type=dt.date.fromisoformat, metavar="YYYY-MM-DD",
                        help="reference date for expiry checks (default: today)")
    parser.add_argument("--output", metavar="FILE", help="write the report to FILE instead of standard output")
    return parser


def _bundle(args: argparse.Namespace) -> Bundle:
    paths = {"publiccode": args.publiccode, "sbom": args.sbom, "openapi": args.openapi,
             "securitytxt": args.securitytxt, "a11y": args.a11y, "declarations": args.declarations}
    try:
        return Bundle.from_paths(**paths)
    except OSError as exc:
        raise UsageError(f"cannot read {exc.filename}: {exc.strerror}") from exc


def _osv_index(path: str | None) -> Any:
    if path is None:
        return default_osv_index()
    from .vulnerabilities import OsvIndex

    if not os.path.exists(path):
        raise UsageError(f"OSV database {path!r} does not exist")
    try:
        return OsvIndex.from_path(path)
    except (OSError, ValueError) as exc:
        raise UsageError(f"cannot read the OSV database {path!r}: {exc}") from exc


def main(argv: list[str] | None = None) -> int:
    try:
        args = _arguments().parse_args(argv)
    except SystemExit as exit_:  # --help (0) or a usage error (2)
        return int(exit_.code or 0)
    try:
        catalogue = load_catalogue(args.catalogue)
        bundle = _bundle(args)
        reference = Reference(today=args.today or dt.date.today(), osv=_osv_index(args.osv))
    except UsageError as problem:
        print(f"lichtermeer check: {problem}", file=sys.stderr)
        return 2
    declared_type = software_type(bundle)
    # An unknown softwareType (the publiccode.yml is then invalid anyway) must not switch requirements off.
    chosen_type = args.software_type or (declared_type if declared_type in SOFTWARE_TYPES else None)
    assessment = assess(bundle, catalogue, reference, software_type=chosen_type,
                        operating_models=args.operating_model or None)
    report = render(assessment, args.format, lang=args.lang, catalogue=catalogue)
    if args.output:
        try:
            Path(args.output).write_text(report, encoding="utf-8")
        except OSError as exc:
            print(f"lichtermeer check: cannot write {args.output}: {exc.strerror}", file=sys.stderr)
            return 2
    else:
        sys.stdout.write(report)
    return 1 if assessment.blocking else 0
