#!/usr/bin/env python
"""DCAT-AP.de validation benchmark: pySHACL (the reference) against lichtermeer.engines.dcat on the real catalogues.

    .venv/bin/python bench/validate.py                      # the six catalogues of tests/engines_dcat/data/catalogs/
    .venv/bin/python bench/validate.py --repeat 5 FILE...   # other files, best of 5 runs each

Both engines validate every file against the same profile (data/dcat/: six shapes-3.0 files, vocabularies merged
into the data graph, no inference) and must report identical results (lichtermeer.engines.dcat.compare keys, as
multisets). Per file and engine the best of --repeat runs counts. pySHACL's time is rdflib parsing + merging the
vocabularies + pyshacl.validate (also shown without the parsing); ours is parsing (with the XML guard) + validation
+ building the results. Loading shapes and vocabularies happens once per process for both and is shown apart.
The last line printed is one JSON object (figures in seconds); target: speedup >= 20 with identical = true.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "src"))

from lichtermeer.engines.dcat import load_profile, validate_bytes  # noqa: E402
from lichtermeer.engines.dcat.compare import differences  # noqa: E402

CATALOGUES = REPO / "tests" / "engines_dcat" / "data" / "catalogs"
TARGET = 20


def _best(samples: list[float]) -> float:
    return min(samples)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="*", type=Path, help="RDF files (default: the six real catalogues)")
    parser.add_argument("--repeat", type=int, default=3, help="runs per file and engine; the best counts")
    args = parser.parse_args(argv)
    files = args.files or sorted(p for p in CATALOGUES.iterdir() if p.suffix in (".rdf", ".ttl"))

    from lichtermeer.engines.dcat.reference import Reference  # needs the dev extra (pyshacl)

    started = time.perf_counter()
    reference = Reference()
    setup_pyshacl = time.perf_counter() - started
    started = time.perf_counter()
    profile = load_profile()
    setup_ours = time.perf_counter() - started

    rows = []
    for path in files:
        data = path.read_bytes()
        theirs_total, theirs_validate, ours_total = [], [], []
        theirs = ours = None
        for _ in range(args.repeat):
            theirs, parse_seconds, validate_seconds = reference.validate_timed(path.name, data)
            theirs_total.append(parse_seconds + validate_seconds)
            theirs_validate.append(validate_seconds)
            started = time.perf_counter()
            ours = validate_bytes(path.name, data, profile=profile)
            ours_total.append(time.perf_counter() - started)
        diff = differences([r.key() for r in ours.results], [r.key() for r in theirs])
        identical = ours.error is None and not diff and \
            Counter(r.key() for r in ours.results) == Counter(r.key() for r in theirs)
        rows.append({"file": path.name, "triples": ours.triples, "results": len(ours.results),
                     "pyshacl": _best(theirs_total), "pyshacl_validate": _best(theirs_validate),
                     "ours": _best(ours_total), "identical": identical, "diff": diff})

    print(f"{'file':45} {'triples':>8} {'results':>8} {'pySHACL s':>10} {'ours s':>8} {'ratio':>7}  same")
    for row in rows:
        print(f"{row['file']:45} {row['triples']:8} {row['results']:8} {row['pyshacl']:10.3f} {row['ours']:8.3f} "
              f"{row['pyshacl'] / row['ours']:7.1f}  {'yes' if row['identical'] else 'NO'}")
        for line in row["diff"]:
            print(f"    {line}")
    pyshacl_seconds = sum(row["pyshacl"] for row in rows)
    seconds = sum(row["ours"] for row in rows)
    pyshacl_validate = sum(row["pyshacl_validate"] for row in rows)
    print(f"{'total':45} {sum(r['triples'] for r in rows):8} {sum(r['results'] for r in rows):8} "
          f"{pyshacl_seconds:10.3f} {seconds:8.3f} {pyshacl_seconds / seconds:7.1f}")
    print(f"one-time setup: pySHACL (rdflib shapes + vocabularies) {setup_pyshacl:.2f} s, ours {setup_ours:.2f} s; "
          f"pySHACL without parsing {pyshacl_validate:.2f} s ({pyshacl_validate / seconds:.1f}x ours)")
    summary = {
        "pyshacl_seconds": round(pyshacl_seconds, 3),
        "seconds": round(seconds, 3),
        "speedup": round(pyshacl_seconds / seconds, 1),
        "identical": all(row["identical"] for row in rows),
        "files": len(rows),
        "results": sum(row["results"] for row in rows),
        "pyshacl_validate_only_seconds": round(pyshacl_validate, 3),
        "setup_pyshacl_seconds": round(setup_pyshacl, 3),
        "setup_seconds": round(setup_ours, 3),
        "target_speedup": TARGET,
        "repeat": args.repeat,
        # The machine's load at the end: figures from a busy machine are slower than they would be alone.
        "load_avg_1m": round(os.getloadavg()[0], 2),
        "cpus": os.cpu_count(),
    }
    print(json.dumps(summary))
    return 0 if summary["identical"] else 1


if __name__ == "__main__":
    sys.exit(main())
