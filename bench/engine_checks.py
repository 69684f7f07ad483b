#!/usr/bin/env python
"""Micro-benchmark of the per-SBOM check costs behind bench/reassess.py, without Django or a database.

    .venv/bin/python bench/engine_checks.py                  # 2 × 20 generated SBOMs of 300 components
    .venv/bin/python bench/engine_checks.py --sboms 50 --components 300 --reference 3 --freeze

The SBOMs come from bench/reassess.py's generator (real PyPI names from the pypa advisory snapshot, CycloneDX 1.5,
every TR-03183-2 field). Per step the mean CPU time per SBOM (process time, so other processes on a shared
machine do not count; garbage collection does) in milliseconds:

* parse         read the bytes into the normalised `Sbom` (JSON parse included)
* sbom.valid    the check as the platform runs it (compiled fast path; jsonschema only for invalid documents)
* tr-03183-2, licences (sbom-components-licensed + compatibility), vulnerabilities.osv
* jsonschema    the jsonschema validator alone on --reference SBOMs, for comparison (what sbom.valid cost before)

Three passes: `first` — --sboms SBOMs on a fresh advisory index with every cache empty (includes the one-off
work per package: compiling its advisories' ranges); `new` — --sboms other SBOMs on that warmed index (their
purls and package versions are mostly new, as in a re-assessment of many different SBOMs); `warm` — the same
--sboms again (every purl and package version seen before). --freeze calls gc.freeze() after loading the
advisories and --gc-threshold raises the collection threshold, as a worker could: both cut the garbage
collector's share (several ms per SBOM at Python's defaults, with the advisory index in memory).
The last line printed is one JSON object (milliseconds per SBOM).
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import gc
import json
import random
import statistics
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "src"))
sys.path.insert(0, str(REPO / "bench"))

import reassess  # noqa: E402 - the generator of bench/reassess.py, so both benches measure the same SBOMs

from lichtermeer.engines.checks import Bundle, Reference, registry  # noqa: E402
from lichtermeer.engines.checks.sbom import parse_sbom  # noqa: E402
from lichtermeer.engines.checks.sbom import validate as validate_module  # noqa: E402
from lichtermeer.engines.checks.vulnerabilities import OsvIndex, read_records  # noqa: E402
from lichtermeer.engines.publiccode import dump  # noqa: E402

PUBLICCODE = {
    "publiccodeYmlVersion": "0.4", "name": "Bench", "url": "https://git.bench.example/s/x", "softwareVersion": "1.0.0",
    "releaseDate": "2026-01-15", "platforms": ["web"], "categories": ["it-development"], "developmentStatus": "stable",
    "softwareType": "standalone/web",
    "description": {"de": {"shortDescription": "Bench", "longDescription": "Eine Lösung für Messungen. " * 10,
                           "features": ["Messen"]}},
    "legal": {"license": "EUPL-1.2"}, "maintenance": {"type": "internal", "contacts": [{"name": "Erika"}]},
    "localisation": {"localisationReady": True, "availableLanguages": ["de"]},
}
STEPS = ("parse", "sbom.valid", "tr-03183-2", "licences", "vulnerabilities.osv")
GROUPS = {"sbom.valid": ("sbom.valid",), "tr-03183-2": ("sbom.tr-03183-2",),
          "licences": ("licence.sbom-components-licensed", "licence.compatibility"),
          "vulnerabilities.osv": ("vulnerabilities.osv",)}
PASSES = ("first", "new", "warm")
MEMOS = {"vulnerabilities.scan": ("_purl_memo",), "vulnerabilities.check": ("_match_words", "_verdicts")}


@contextlib.contextmanager
def _libyaml() -> Iterator[None]:
    """reassess._packages reads 4,000 advisories with yaml.safe_load; the C loader gives the same values in a
    fraction of the time (this bench runs on a shared machine)."""
    import yaml

    original = yaml.safe_load
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    yaml.safe_load = lambda stream: yaml.load(stream, Loader=loader)  # noqa: S506 - a safe loader
    try:
        yield
    finally:
        yaml.safe_load = original


def _clear_caches() -> None:
    """Forget every purl, match and text memo of the SBOM and OSV code (whichever this version of it has)."""
    prefix = "lichtermeer.engines.checks."
    for name in ("sbom.parse", "sbom.purls", "sbom.tr03183", "vulnerabilities.ecosystems", "vulnerabilities.scan",
                 "vulnerabilities.check", "vulnerabilities.vex"):
        module = sys.modules.get(prefix + name)  # by module: the package exports a function named `scan`
        for value in list(vars(module).values()) if module else ():
            if callable(getattr(value, "cache_clear", None)):
                value.cache_clear()
        for memo in MEMOS.get(name, ()):
            getattr(module, memo, {}).clear()


def _timed(func: Callable[[], object]) -> tuple[float, object]:
    started = time.process_time()
    value = func()
    return (time.process_time() - started) * 1000, value


def _run_pass(documents: list[bytes], reference: Reference, publiccode: bytes) -> dict[str, list[float]]:
    checks = registry.all_checks()
    times: dict[str, list[float]] = {step: [] for step in STEPS}
    for position, data in enumerate(documents):
        bundle = Bundle().add("sbom", "bom.json", data).add("publiccode", "publiccode.yml", publiccode)
        elapsed, sbom = _timed(lambda data=data: parse_sbom(data, "bom.json"))
        times["parse"].append(elapsed)
        bundle.parsed("sbom", lambda sbom=sbom: sbom)  # what sbom_of would have stored
        for step, ids in GROUPS.items():
            elapsed, results = _timed(lambda ids=ids, bundle=bundle: [
                result for i in ids for result in registry.run_check(checks[i], bundle, reference)])
            if any(result.status.value == "error" for result in results):
                raise SystemExit(f"SBOM {position}: {step} gave error: {results[0].explanation.en}")
            times[step].append(elapsed)
    return times


def _summary(times: dict[str, list[float]]) -> dict[str, float]:
    found = {step: round(statistics.mean(times[step]), 2) for step in STEPS}
    found["parse+vulnerabilities.osv"] = round(found["parse"] + found["vulnerabilities.osv"], 2)
    found["total"] = round(sum(found[step] for step in STEPS), 2)
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sboms", type=int, default=20, help="SBOMs per pass")
    parser.add_argument("--components", type=int, default=300)
    parser.add_argument("--reference", type=int, default=2, help="SBOMs also timed with the jsonschema validator")
    parser.add_argument("--freeze", action="store_true", help="gc.freeze() after loading the advisories")
    parser.add_argument("--gc-threshold", type=int, default=0,
                        help="gc.set_threshold(N, 20, 20) for the passes (default: Python's 700, 10, 10)")
    args = parser.parse_args(argv)

    started = time.perf_counter()
    with _libyaml():
        packages = reassess._packages()
    rng = random.Random(reassess.SEED)
    documents = [reassess._sbom(rng, packages, args.components, index) for index in range(2 * args.sboms)]
    first, second = documents[:args.sboms], documents[args.sboms:]
    generate_seconds = time.perf_counter() - started

    started = time.perf_counter()
    batch = read_records(reassess.OSV_DIR / "vulns")
    load_seconds = time.perf_counter() - started
    publiccode = dump(PUBLICCODE).encode()

    # One-off costs: importing the checks and building the schema validators for CycloneDX 1.5.
    started = time.process_time()
    registry.all_checks()
    registry.run_check(registry.all_checks()["sbom.valid"], Bundle().add("sbom", "bom.json", documents[0]),
                       Reference(today=dt.date(2026, 11, 22)))
    setup_ms = (time.process_time() - started) * 1000

    _clear_caches()
    reference = Reference(today=dt.date(2026, 11, 22),
                          osv=OsvIndex.from_records(batch.records, snapshot=batch.snapshot))
    if args.freeze:
        gc.freeze()
    if args.gc_threshold:
        gc.set_threshold(args.gc_threshold, 20, 20)
    passes = {"first": _run_pass(first, reference, publiccode), "new": _run_pass(second, reference, publiccode),
              "warm": _run_pass(second, reference, publiccode)}

    jsonschema_ms: list[float] = []
    from lichtermeer.engines.checks.sbom import jsonschemas

    validator = jsonschemas.cyclonedx_validator("1.5")
    for data in documents[:args.reference]:
        document = json.loads(data)
        elapsed, errors = _timed(lambda document=document: list(validator.iter_errors(document)))
        assert not errors, errors[:3]
        jsonschema_ms.append(elapsed)
    fast = getattr(validate_module, "has_fast_path", None)

    figures = {
        "sboms": args.sboms, "components": args.components, "gc_frozen": args.freeze,
        "gc_threshold": list(gc.get_threshold()),
        **{f"{name}_ms": _summary(times) for name, times in passes.items()},
        "jsonschema_ms": round(statistics.mean(jsonschema_ms), 1) if jsonschema_ms else None,
        "fast_path": fast("CycloneDX JSON", "1.5") if fast else None,
        "setup_ms": round(setup_ms, 1), "generate_seconds": round(generate_seconds, 1),
        "osv_load_seconds": round(load_seconds, 1),
    }

    print(f"{args.sboms} SBOMs per pass × {args.components} components (CycloneDX 1.5); mean CPU ms per SBOM; "
          f"gc {'frozen, ' if args.freeze else ''}threshold {gc.get_threshold()}")
    print(f"{'step':<28}" + "".join(f"{name:>10}" for name in PASSES))
    for step in (*STEPS, "parse+vulnerabilities.osv", "total"):
        print(f"{step:<28}" + "".join(f"{figures[f'{name}_ms'][step]:>10.2f}" for name in PASSES))
    print(f"jsonschema validator alone (reference, {len(jsonschema_ms)} SBOMs): {figures['jsonschema_ms']} ms; "
          f"compiled fast path for CycloneDX 1.5: {figures['fast_path']}")
    print(f"one-off: checks imported and the 1.5 validators built in {figures['setup_ms']} ms CPU; advisories read "
          f"in {figures['osv_load_seconds']} s; SBOMs generated in {figures['generate_seconds']} s")
    print(json.dumps(figures))
    return 0


if __name__ == "__main__":
    sys.exit(main())
