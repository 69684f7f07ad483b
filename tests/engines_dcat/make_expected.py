#!/usr/bin/env python
"""Record pySHACL's results for every RDF file under tests/engines_dcat/data/ (the expected output of the tests).

    .venv/bin/python tests/engines_dcat/make_expected.py          # rewrite data/expected/*.json
    .venv/bin/python tests/engines_dcat/make_expected.py --check  # only report files whose recording changed

pySHACL runs as GovData's validator is configured (lichtermeer.engines.dcat.reference): the six shapes-3.0 files
of data/dcat/, every vocabulary merged into the data graph, no inference. A file rdflib cannot parse is recorded
as {"error": ...} (the tests expect our engine to report a parse error for it as well).

Format of data/expected/<path of the input>.json:
    {"input": "catalogs/x.rdf", "pyshacl": "0.40.1", "rdflib": "7.6.0",
     "messages": [[message, ...], ...],                  # distinct sh:resultMessage sets, referenced by index
     "results": [[focus, path, component, severity, shape, value, message index], ...]}
focus/shape/value use the canonical comparison form of lichtermeer.engines.dcat.compare (blank nodes "_:").
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
DATA = HERE / "data"
EXPECTED = DATA / "expected"
REPO = HERE.parent.parent
sys.path.insert(0, str(REPO / "src"))

from lichtermeer.engines.dcat.parse import FORMATS  # noqa: E402


def inputs() -> list[Path]:
    return sorted(p for p in DATA.rglob("*") if p.is_file() and p.suffix.lower() in FORMATS
                  and EXPECTED not in p.parents)


def expected_path(source: Path) -> Path:
    return EXPECTED / (source.relative_to(DATA).as_posix() + ".json")


def record(reference, source: Path) -> dict:
    import pyshacl
    import rdflib

    relative = source.relative_to(DATA).as_posix()
    header = {"input": relative, "pyshacl": pyshacl.__version__, "rdflib": rdflib.__version__}
    try:
        results, _seconds = reference.validate(source.name, source.read_bytes())
    except Exception as exc:  # rdflib refuses the file: that is the recording
        return {**header, "error": f"{type(exc).__name__}: {str(exc)[:200]}"}
    # Sorted first, numbered after: pySHACL's report order changes with Python's hash seed.
    pairs = sorted((result.key(), tuple(sorted(m.lexical for m in result.messages))) for result in results)
    messages: list[list[str]] = []
    index: dict[tuple[str, ...], int] = {}
    rows = []
    for key, texts in pairs:
        if texts not in index:
            index[texts] = len(messages)
            messages.append(list(texts))
        rows.append([*key, index[texts]])
    return {**header, "messages": messages, "results": rows}


def _dumps(recorded: dict) -> str:
    """JSON with one message set and one result per line, so that a changed recording gives a readable diff."""
    def dump(value) -> str:
        return json.dumps(value, ensure_ascii=False, separators=(",", ":"))

    header = {k: v for k, v in recorded.items() if k not in ("messages", "results")}
    if "results" not in recorded:
        return dump(header) + "\n"
    return (dump(header)[:-1] + ',"messages":[\n' + ",\n".join(dump(m) for m in recorded["messages"])
            + '],\n"results":[\n' + ",\n".join(dump(r) for r in recorded["results"]) + "]}\n")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="compare with the recording, write nothing")
    args = parser.parse_args(argv)

    from lichtermeer.engines.dcat.reference import Reference

    reference = Reference()
    changed = 0
    for source in inputs():
        recorded = record(reference, source)
        target = expected_path(source)
        text = _dumps(recorded)
        old = target.read_text("utf-8") if target.exists() else None
        if old != text:
            changed += 1
            print(f"{'differs' if args.check else 'wrote'}: {target.relative_to(HERE)}")
            if not args.check:
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_text(text, "utf-8")
        count = "error" if "error" in recorded else len(recorded["results"])
        print(f"{source.relative_to(DATA)}: {count}", file=sys.stderr)
    return 1 if (args.check and changed) else 0


if __name__ == "__main__":
    sys.exit(main())
