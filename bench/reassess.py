#!/usr/bin/env python
"""Re-assessment benchmark: N admitted solutions with SBOMs of M components each are re-assessed after a
catalogue change (offline checks: publiccode.yml, SBOM schema and TR-03183-2 fields, licences, OSV matching
against the real pypa advisory snapshot), through the same code path the daily lifecycle job uses.

    .venv/bin/python bench/reassess.py                        # 10,000 × 300 on SQLite in a temporary directory
    .venv/bin/python bench/reassess.py --solutions 1000 --components 300 --workers 2
    .venv/bin/python bench/reassess.py --database-url postgresql://postgres@127.0.0.1:5432/test

Setup (catalogue, solutions, evidence, admissions, and their first assessment with every check) is not timed.
The re-assessment reuses results of checks that are pure functions of unchanged evidence (same check version,
same pinned data) and re-runs the rest: OSV matching of every component (only when the advisory snapshot
changed: the bench imports the snapshot after the first assessment, as a daily update would), and date-bound
checks. Target: ≤ 60 s for 10,000 × 300 on 2 cores.
The last line printed is one JSON object with `seconds` and `components_per_second`.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import os
import random
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

REPO = Path(__file__).resolve().parent.parent
OSV_DIR = REPO / "tests" / "engines_checks" / "data" / "osv" / "osv-pypi"
SEED = 20_261_122
LICENCES = ["MIT", "Apache-2.0", "BSD-3-Clause", "BSD-2-Clause", "ISC", "MPL-2.0", "LGPL-3.0-or-later", "PSF-2.0"]


def _packages() -> list[tuple[str, list[str]]]:
    """Real PyPI package names from the advisory snapshot, with versions named in their advisories."""
    import yaml

    found: dict[str, set[str]] = {}
    for path in sorted(OSV_DIR.glob("vulns/*/*.yaml"))[:4000]:
        record = yaml.safe_load(path.read_text())
        for affected in record.get("affected") or ():
            name = (affected.get("package") or {}).get("name")
            if name:
                found.setdefault(name, set()).update(str(v) for v in (affected.get("versions") or [])[-6:])
    return sorted((name, sorted(versions) or ["1.0.0"]) for name, versions in found.items())


def _pool(packages: list[tuple[str, list[str]]], rng: random.Random) -> list[tuple[str, list[str]]]:
    """The ecosystem the bench's solutions draw from: the ~660 PyPI packages that have advisories (with versions
    their advisories name, and newer ones) among 4,000 packages that have none, as in a real dependency
    landscape where most libraries have no known advisory. Each package has a handful of versions in use."""
    pool = [(name, sorted(set(versions[-4:]) | {f"{rng.randint(1, 9)}.{rng.randint(0, 30)}.0"})) for name, versions in
            packages]
    pool += [(f"lib-{n:04d}", [f"{major}.{minor}.0" for major, minor in
                               {(rng.randint(0, 6), rng.randint(0, 20)) for _ in range(5)}]) for n in range(4000)]
    return pool


def _sbom(rng: random.Random, packages, components: int, index: int) -> bytes:
    # Popular packages are used more often (a Zipf-like choice), each at one of its few versions in use.
    chosen: dict[str, list[str]] = {}
    while len(chosen) < min(components, len(packages)):
        name, versions = packages[min(int(rng.paretovariate(0.8)) - 1, len(packages) - 1)
                                  if rng.random() < 0.5 else rng.randrange(len(packages))]
        chosen.setdefault(name, versions)
    chosen_items = list(chosen.items())
    items = []
    for position, (name, versions) in enumerate(chosen_items):
        version = rng.choice(versions)
        ref = f"c{position}"
        items.append({
            "type": "library", "bom-ref": ref, "name": name, "version": version,
            "supplier": {"name": f"{name} maintainers"}, "purl": f"pkg:pypi/{name}@{version}",
            "licenses": [{"license": {"id": rng.choice(LICENCES)}}],
            "hashes": [{"alg": "SHA-512", "content": hashlib.sha512(f"{name}{version}".encode()).hexdigest()}],
        })
    document = {
        "bomFormat": "CycloneDX", "specVersion": "1.5",
        "serialNumber": f"urn:uuid:{uuid.UUID(int=rng.getrandbits(128))}", "version": 1,
        "metadata": {"timestamp": "2026-11-01T10:00:00Z",
                     "authors": [{"name": "Bench GmbH", "email": "sbom@bench.example"}],
                     "supplier": {"name": "Bench GmbH"},
                     "component": {"type": "application", "bom-ref": "app", "name": f"app-{index}",
                                   "version": "1.0.0"}},
        "components": items,
        "dependencies": [{"ref": "app", "dependsOn": [item["bom-ref"] for item in items]}]
        + [{"ref": item["bom-ref"], "dependsOn": []} for item in items],
    }
    return json.dumps(document, separators=(",", ":")).encode()


def _setup(solutions: int, components: int, workers: int) -> None:
    from django.utils import timezone

    from lichtermeer.accounts.models import Organisation
    from lichtermeer.assessment import advisories
    from lichtermeer.assessment.models import Admission, Application, Evidence, EvidenceBlob
    from lichtermeer.engines.publiccode import dump
    from lichtermeer.requirements import services as governance
    from lichtermeer.solutions.models import Solution

    seed_file = REPO / "data" / "catalogue" / "basisanforderungen-1.0.0.yaml"
    version, _ = governance.import_catalogue(content=seed_file.read_bytes(), path=str(seed_file))
    rng = random.Random(SEED)
    packages = _pool(_packages(), rng)
    rng.shuffle(packages)
    organisation = Organisation.objects.create(slug="bench", name="Bench GmbH", kind="company")
    now = timezone.now()
    batch = 500
    for start in range(0, solutions, batch):
        rows = [Solution(slug=f"bench-{i}", organisation=organisation, url=f"https://git.bench.example/s/{i}",
                         name=f"Bench {i}", software_type="standalone/web", license="EUPL-1.2", license_open=True,
                         listing_status="admitted")
                for i in range(start, min(start + batch, solutions))]
        Solution.objects.bulk_create(rows)
        applications = Application.objects.bulk_create([
            Application(solution=s, catalogue_version=version, status="admitted", software_type="standalone/web",
                        decided_at=now, decision_reason="bench") for s in rows])
        publiccode = {
            "publiccodeYmlVersion": "0.4", "name": "Bench", "url": "https://git.bench.example/s/x",
            "softwareVersion": "1.0.0", "releaseDate": "2026-01-15", "platforms": ["web"],
            "categories": ["it-development"], "developmentStatus": "stable", "softwareType": "standalone/web",
            "description": {"de": {"shortDescription": "Bench", "longDescription": "Eine Lösung für Messungen. " * 10,
                                   "features": ["Messen"]}},
            "legal": {"license": "EUPL-1.2"}, "maintenance": {"type": "internal", "contacts": [{"name": "Erika"}]},
            "localisation": {"localisationReady": True, "availableLanguages": ["de"]},
        }
        publiccode_blob, _ = EvidenceBlob.objects.get_or_create(
            sha256=hashlib.sha256(dump(publiccode).encode()).hexdigest(),
            defaults={"size": len(dump(publiccode)), "content": dump(publiccode).encode()})
        blobs = []
        for application in applications:
            data = _sbom(rng, packages, components, application.solution_id)
            blobs.append(EvidenceBlob(sha256=hashlib.sha256(data).hexdigest(), size=len(data), content=data))
        EvidenceBlob.objects.bulk_create(blobs)
        Evidence.objects.bulk_create(
            [Evidence(application=a, kind="sbom", name="bom.json", blob=b)
             for a, b in zip(applications, blobs, strict=True)]
            + [Evidence(application=a, kind="publiccode", name="publiccode.yml", blob=publiccode_blob)
               for a in applications])
        Admission.objects.bulk_create([Admission(solution_id=a.solution_id, application=a, catalogue_version=version,
                                                 valid_until=dt.date(2028, 11, 22)) for a in applications])
    _initial_assessment(version, workers)
    # Advisory data arrives after the first assessment (in production: a daily import), so every component is
    # matched again in the re-assessment.
    advisories.import_path(path=str(OSV_DIR))


def _initial_assessment(version, workers: int) -> None:
    """The admitted solutions' first assessment, for real (its results are what a re-assessment may reuse)."""
    from lichtermeer.assessment import runner
    from lichtermeer.assessment.models import Application, CheckResult

    reference = runner.reference_for(dt.date.today())
    ids = list(Application.objects.order_by("id").values_list("id", flat=True))
    for start in range(0, len(ids), 500):
        applications = {a.pk: a for a in Application.objects.filter(pk__in=ids[start:start + 500])}
        jobs = [runner.job_for(a) for a in applications.values()]
        rows = []
        for application_id, outcome in runner.evaluate_many(jobs, version.document, reference, workers=workers):
            rows.extend(runner.result_rows(application_id, outcome))
            application = applications[application_id]
            application.check_versions, application.reference_versions = outcome["check_versions"], outcome["versions"]
        CheckResult.objects.bulk_create(rows, batch_size=2000)
        Application.objects.bulk_update(list(applications.values()), ["check_versions", "reference_versions"])


def _new_version():
    from lichtermeer.engines.catalogue import dump_yaml
    from lichtermeer.requirements import services as governance
    from lichtermeer.requirements.models import CatalogueVersion

    document = json.loads(json.dumps(CatalogueVersion.objects.get(version="1.0.0").document))
    document["version"] = "2.0.0"
    document["effective_from"] = dt.date.today().isoformat()
    document["published"] = dt.date.today().isoformat()
    for requirement in document["requirements"]:
        if requirement["id"] == "LM-LQ-03":  # tightened: SBOM licence coverage becomes a MUSS
            requirement["obligation"] = "MUSS"
    version, _ = governance.import_catalogue(content=dump_yaml(document).encode())
    return version


def child(solutions: int, components: int, workers: int) -> dict:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lichtermeer.settings")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    started = time.perf_counter()
    _setup(solutions, components, workers)
    setup_seconds = time.perf_counter() - started
    version = _new_version()

    from lichtermeer.assessment import lifecycle

    started = time.perf_counter()
    run = lifecycle.reassess_all(version=version, workers=workers)
    seconds = time.perf_counter() - started
    return {
        "solutions": solutions, "components": components, "workers": workers,
        "setup_seconds": round(setup_seconds, 1), "seconds": round(seconds, 2),
        "components_per_second": round(solutions * components / seconds),
        "still_meeting": run.still_meeting, "failing": run.failing, "to_review": run.to_review,
        "target_seconds": 60,
    }


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--solutions", type=int, default=10_000)
    parser.add_argument("--components", type=int, default=300)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--database-url", default="")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(child(args.solutions, args.components, args.workers)))
        return 0
    if not OSV_DIR.is_dir():
        print(f"advisory snapshot missing: {OSV_DIR}", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory() as tmp:
        env = {**os.environ, "VAR_DIR": tmp, "TASKS_BACKEND": "django_tasks.backends.dummy.DummyBackend"}
        database = None
        if args.database_url:
            parts = urlsplit(args.database_url)
            database = f"bench_reassess_{os.getpid()}"
            _psql(args.database_url, f"CREATE DATABASE {database}")
            env["DATABASE_URL"] = urlunsplit(parts._replace(path=f"/{database}"))
        else:
            env.pop("DATABASE_URL", None)
            env["SQLITE_PATH"] = str(Path(tmp) / "bench.sqlite3")
        try:
            output = subprocess.run(
                [sys.executable, __file__, "--child", "--solutions", str(args.solutions), "--components",
                 str(args.components), "--workers", str(args.workers)],
                env=env, cwd=REPO, check=True, capture_output=True, text=True).stdout
        finally:
            if database:
                _psql(args.database_url, f"DROP DATABASE IF EXISTS {database}")
    figures = json.loads(output.strip().splitlines()[-1])
    print(f"{figures['solutions']} solutions × {figures['components']} components re-assessed in "
          f"{figures['seconds']} s ({figures['components_per_second']:,} components/s, {figures['workers']} workers); "
          f"still meeting {figures['still_meeting']}, failing {figures['failing']}, to review {figures['to_review']}; "
          f"setup {figures['setup_seconds']} s (not timed)")
    print(json.dumps(figures))
    return 0


def _psql(url: str, sql: str) -> None:
    import psycopg

    with psycopg.connect(url, autocommit=True) as connection:
        connection.execute(sql)


if __name__ == "__main__":
    sys.exit(main())
