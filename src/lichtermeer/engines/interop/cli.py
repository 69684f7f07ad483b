"""Command line of the interop engine (`lichtermeer interop …` hands compat/exit/validate-register here).

    compat A.json B.json [--register FILE] [--missing related|all] [--json] [--lang de|en]
        Compare two sides. A side file (JSON or YAML) is {"name", "provides": [...], "consumes": [...]} or the
        platform.yml shape {standards_provided, standards_consumed} (then the name defaults to the folder name);
        entries are {"standard", "role", "version"}. Exit 0 whatever the status.
    exit FACTS.json [--weights open-licence=20,...] [--json] [--lang de|en]
        Exit score from facts (ExitFacts fields; null = unknown). Default weights: DEFAULT_WEIGHTS.
    validate-register FILE [--json] [--lang de|en]
        Check a standards register file. One line per problem `FILE:LINE:COLUMN: PATH: message`; exit 0 when
        valid, 1 otherwise.

Exit 2 for usage errors and unreadable or invalid input files. `main(argv)` never calls sys.exit.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from .compat import Compatibility, Side, SideInvalid, compare
from .exitscore import ExitFacts, ExitScore, FactsInvalid, WeightsInvalid, exit_score, parse_weights
from .register import DEFAULT_PATH, Problem, Register, RegisterInvalid, load_register, read_data, validate_register

EXIT_OK, EXIT_INVALID, EXIT_ERROR = 0, 1, 2


def _arguments() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="lichtermeer interop",
                                     description="Standards register, compatibility and exit score")
    commands = parser.add_subparsers(dest="command", required=True)
    compat = commands.add_parser("compat", help="which interfaces of two sides connect")
    compat.add_argument("a", metavar="A.json")
    compat.add_argument("b", metavar="B.json")
    compat.add_argument("--register", default=str(DEFAULT_PATH), help="standards register (YAML or JSON)")
    compat.add_argument("--missing", choices=("related", "all"), default="related",
                        help="unmet needs: only those related to the other side (default) or all")
    exit_ = commands.add_parser("exit", help="exit score (lock-in) from facts")
    exit_.add_argument("facts", metavar="FACTS.json")
    exit_.add_argument("--weights", default="", help="factor=weight,... (default: the standard weights)")
    validate = commands.add_parser("validate-register", help="check a standards register file")
    validate.add_argument("path", metavar="FILE")
    for command in (compat, exit_, validate):
        command.add_argument("--json", action="store_true", help="print JSON")
        command.add_argument("--lang", choices=("de", "en"), default="de", help="language of the text output")
    return parser


def main(argv: list[str] | None = None) -> int:
    try:
        args = _arguments().parse_args(argv)
    except SystemExit as exit_:
        return EXIT_ERROR if exit_.code else EXIT_OK
    if args.command == "compat":
        return _compat(args)
    if args.command == "exit":
        return _exit(args)
    return _validate(args)


def _t(lang: str, en: str, de: str) -> str:
    return de if lang == "de" else en


def _fail(lang: str, where: str, en: str, de: str) -> int:
    print(f"{where}: {_t(lang, 'ERROR', 'FEHLER')}: {_t(lang, en, de)}", file=sys.stderr)
    return EXIT_ERROR


def _problem_line(name: str, problem: Problem, lang: str) -> str:
    where = f"{name}:{problem.line}:{problem.column}" if problem.line else name
    path = f" {problem.path}:" if problem.path else ""
    return f"{where}:{path} {problem.text(lang)}"


def _read_side(path: str, lang: str) -> Side | int:
    value, problems = read_data(Path(path))
    if problems:
        for problem in problems:
            print(_problem_line(path, problem, lang), file=sys.stderr)
        return EXIT_ERROR
    default = Path(path).parent.name if Path(path).stem == "platform" else Path(path).stem
    try:
        return Side.from_dict(value, name=default, ref=default)
    except SideInvalid as exc:
        return _fail(lang, f"{path}: {exc.path}" if exc.path else path, exc.en, exc.de)


def _compat(args: argparse.Namespace) -> int:
    try:
        register = load_register(Path(args.register))
    except RegisterInvalid as exc:
        for problem in exc.problems:
            print(_problem_line(args.register, problem, args.lang), file=sys.stderr)
        return EXIT_ERROR
    sides = [_read_side(path, args.lang) for path in (args.a, args.b)]
    if any(isinstance(side, int) for side in sides):
        return EXIT_ERROR
    a, b = sides
    result = compare(a, b, register, missing=args.missing)  # type: ignore[arg-type]
    if args.json:
        print(json.dumps(result.to_dict(), ensure_ascii=False, indent=1))
    else:
        print(render_compatibility(result, register, args.lang))
    return EXIT_OK


_STATUS = {
    "connects": ("connects", "passt zusammen"),
    "adapter": ("connects through an adapter", "passt mit Adapter"),
    "none": ("no connection found", "keine Verbindung gefunden"),
}


def render_compatibility(result: Compatibility, register: Register, lang: str = "de") -> str:
    """Readable text of a comparison (German or English)."""
    def name(standard: str) -> str:
        entry = register.get(standard)
        return entry.name if entry else standard

    def version(text: str) -> str:
        return f" {text}" if text else ""

    en, de = _STATUS[result.status]
    lines = [f"{result.a} ↔ {result.b}: {_t(lang, en, de)}"]
    if result.connections:
        lines.append(_t(lang, "Connections:", "Verbindungen:"))
        for c in result.connections:
            mark = {True: "✓", None: "?", False: "✗"}[c.versions_compatible]
            provider, consumer = result.name(c.provider), result.name(c.consumer)
            lines.append(f"  {mark} {name(c.standard)}: {provider} "
                         f"({c.provider_role or '-'}{version(c.provider_version)}) → {consumer} "
                         f"({c.consumer_role or '-'}{version(c.consumer_version)}) – {c.note(lang)}")
    if result.adapters:
        lines.append(_t(lang, "Adapters:", "Adapter:"))
        for n in result.adapters:
            lines.append(f"  ⇄ {result.name(n.consumer)} {_t(lang, 'needs', 'braucht')} {name(n.standard)}; "
                         f"{result.name(n.provider)} {_t(lang, 'offers', 'bietet')} {name(n.provided_standard)} – "
                         f"Adapter: {n.via(lang)}")
    if result.missing:
        lines.append(_t(lang, "Missing:", "Fehlt:"))
        for m in result.missing:
            lines.append(f"  – {result.name(m.side)} {_t(lang, 'needs', 'braucht')} {name(m.standard)}"
                         f"{version(m.version)} ({m.role or '-'}): {m.note(lang)}")
    if result.unknown:
        lines.append(_t(lang, "Not in the register (ignored):", "Nicht im Register (nicht berücksichtigt):"))
        for u in result.unknown:
            lines.append(f"  ! {result.name(u.side)}: {u.standard} ({u.direction})")
    return "\n".join(lines)


def _exit(args: argparse.Namespace) -> int:
    try:
        weights = parse_weights(args.weights) if args.weights else None
    except WeightsInvalid as exc:
        for key, en, de in exc.problems:
            _fail(args.lang, f"--weights {key}".strip(), en, de)
        return EXIT_ERROR
    value, problems = read_data(Path(args.facts))
    if problems:
        for problem in problems:
            print(_problem_line(args.facts, problem, args.lang), file=sys.stderr)
        return EXIT_ERROR
    try:
        facts = ExitFacts.from_dict(value)
    except FactsInvalid as exc:
        return _fail(args.lang, f"{args.facts}: {exc.path}" if exc.path else args.facts, exc.en, exc.de)
    result = exit_score(facts, weights)
    if args.json:
        print(json.dumps(result.to_dict(), ensure_ascii=False, indent=1))
    else:
        print(render_exit_score(result, args.lang))
    return EXIT_OK


def render_exit_score(result: ExitScore, lang: str = "de") -> str:
    lines = [f"{_t(lang, 'Exit score', 'Exit-Score')}: {result.score}/100 ({result.band_label(lang)})"]
    width = max(len(f.label(lang)) for f in result.factors)
    for f in result.factors:
        source = f" [{_t(lang, 'source', 'Quelle')}: {f.source}]" if f.source else ""
        lines.append(f"  {f.label(lang):<{width}}  {f.points:>5g}/{f.weight:<3} {f.evidence(lang)}{source}")
    return "\n".join(lines)


def _validate(args: argparse.Namespace) -> int:
    problems = validate_register(Path(args.path))
    if args.json:
        data: dict[str, Any] = {"file": args.path, "valid": not problems, "problems": [p.to_dict() for p in problems]}
        print(json.dumps(data, ensure_ascii=False, indent=1))
    elif problems:
        for problem in problems:
            print(_problem_line(args.path, problem, args.lang))
    else:
        register = load_register(Path(args.path))
        counts = len(register.standards), len(register.adapters)
        print(_t(args.lang, f"{args.path}: valid ({counts[0]} standards, {counts[1]} adapters)",
                 f"{args.path}: gültig ({counts[0]} Standards, {counts[1]} Adapter)"))
    return EXIT_INVALID if problems else EXIT_OK


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
