#!/usr/bin/env python
"""Compatibility benchmark: works with, exit score, the "compatible with our inventory" filter, the solution page.

    .venv/bin/python bench/compat.py                    # SQLite in a temporary directory, 2,000 and 20,000
    .venv/bin/python bench/compat.py --sizes 2000 --repeat 10
    .venv/bin/python bench/compat.py --sizes 2000 --database-url postgresql://postgres@127.0.0.1:5432/test

Each size runs in a fresh database (a new SQLite file, or a new PostgreSQL database created beside the one
the URL names and dropped afterwards) in its own subprocess, because Django's settings are fixed per process.
The standards register is loaded from data/interop/standards.yaml (`load_standards`); every solution provides
0-4 and consumes 0-3 of its standards with roles from the register's role pairs and versions from its lists
(a few standards are common, most are rare); a few municipalities get inventories of 5-20 solutions and an
urban data platform. The last line printed is one JSON object (figures in milliseconds).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import statistics
import sys
import tempfile
import time
from collections import Counter

from harness import REPO, measure_in_fresh_database, percentile

SEED = 20_251_206



def _words(text: str) -> list[str]:
    return text.split()


NAME_PARTS = _words("Stadt Kommunal Bürger Daten Verkehrs Park Umwelt Klima Geo Rats Termin Mängel Open Smart "
                    "Urban Civic Mobil Energie Wasser Karten Portal Melde Plan Bau Grün")
NAME_SUFFIXES = _words("Hub Cloud Manager Plattform Portal Kompass Werk Box Lotse Radar Netz Pilot Board App Dienst")
DOMAINS = _words("mobility energy environment participation administration open-data urban-data-platform geodata "
                 "communication collaboration iot education health safety tourism culture social")
HOSTING = ("saas", "on-premises", "shared-service", "managed-hosting")
STATUSES = ("admitted",) * 14 + ("submitted",) * 2 + ("draft",) * 2 + ("suspended", "expired")
SOFTWARE_TYPES = ("standalone/web", "standalone/mobile", "standalone/backend", "standalone/iot", "library", "addon")
LICENSES = (("EUPL-1.2", True), ("AGPL-3.0-or-later", True), ("MIT", True), ("Apache-2.0", True),
            ("LicenseRef-proprietary", False))
CONTRACTORS = ("Kommunal-IT Süd", "Dataport", "AKDB", "Open Source Service GmbH", "Stadtwerke IT", "ekom21")
# Standards most solutions declare come first; the rest of the register follows in file order (rarer and rarer).
COMMON_STANDARDS = ("oidc", "openapi", "geojson", "csv", "wms", "saml", "wfs", "ldap", "dcat-ap-de", "mqtt",
                    "ngsi-ld", "ogc-sensorthings", "icalendar", "xrechnung", "oparl", "fit-connect", "gtfs")
ZIPF_EXPONENT = 0.8
PLATFORM_STANDARDS = ("ngsi-ld", "mqtt", "ogc-sensorthings", "wms", "wfs", "geojson", "dcat-ap-de", "oidc",
                      "smart-data-models", "ogc-api-features")
MUNICIPALITIES = (("09162000", "München, Landeshauptstadt"), ("05315000", "Köln, Stadt"),
                  ("14612000", "Dresden, Stadt"), ("08212000", "Karlsruhe, Stadt"), ("03241001", "Hannover, Stadt"),
                  ("16055000", "Weimar, Stadt"), ("07315000", "Mainz, Stadt"), ("01002000", "Kiel, Stadt"))


# --- data -----------------------------------------------------------------------------------------------------


def _standard_pool(register) -> tuple[list, list[float]]:
    """The register's standards (not retired), common ones first, with Zipf weights."""
    active = [entry for entry in register.standards.values() if not entry.retired]
    order = {sid: i for i, sid in enumerate(COMMON_STANDARDS)}
    active.sort(key=lambda e: order.get(e.id, len(order)))
    return active, [1 / (rank + 1) ** ZIPF_EXPONENT for rank in range(len(active))]


def _declarations(rng: random.Random, pool, weights, count: int, side: int) -> list[dict]:
    """`count` different standards; side 0 = the providing role of a role pair, 1 = the consuming role."""
    chosen: dict[str, object] = {}
    while len(chosen) < count:
        entry = rng.choices(pool, weights)[0]
        chosen.setdefault(entry.id, entry)
    found = []
    for entry in chosen.values():
        version = rng.choice(entry.versions) if entry.versions and rng.random() < 0.8 else ""
        found.append({"standard": entry.id, "role": rng.choice(entry.roles)[side], "version": version})
    return found


def generate(n: int) -> dict:
    from django.core.management import call_command
    from django.db import connection, transaction

    from lichtermeer.accounts.models import Organisation
    from lichtermeer.interop import selectors as interop
    from lichtermeer.municipalities.models import (
        InventoryEntry,
        Kreis,
        Land,
        Municipality,
        OperatingModel,
        UrbanDataPlatform,
    )
    from lichtermeer.solutions import search
    from lichtermeer.solutions.facets import facet_values
    from lichtermeer.solutions.models import Solution

    t0 = time.perf_counter()
    call_command("load_standards", verbosity=0, stdout=open(os.devnull, "w"))  # noqa: SIM115
    register_s = time.perf_counter() - t0
    pool, weights = _standard_pool(interop.register())

    rng = random.Random(SEED)
    orgs = Organisation.objects.bulk_create(
        Organisation(slug=f"org-{i}", name=f"Anbieter {i}", kind="municipality" if i % 3 else "company")
        for i in range(max(1, n // 20))
    )
    declared: Counter = Counter()
    for start in range(0, n, 2000):
        solutions = []
        for i in range(start, min(n, start + 2000)):
            name = f"{rng.choice(NAME_PARTS)}{rng.choice(NAME_SUFFIXES).lower()} {i}"
            license_id, license_open = rng.choice(LICENSES)
            contractors = [{"name": c, "until": "2030-01-01"} for c in rng.sample(CONTRACTORS, rng.randint(0, 2))]
            document = {
                "publiccodeYmlVersion": "0.4", "name": name, "url": f"https://git.example.org/compat/{i}",
                "description": {"de": {"shortDescription": f"{name}: kommunale Lösung.",
                                       "longDescription": f"{name} ist eine kommunale Lösung. " * 8}},
                "legal": {"license": license_id},
                "maintenance": {"type": "contract" if contractors else "internal", "contractors": contractors},
            }
            provided = _declarations(rng, pool, weights, rng.randint(0, 4), 0)
            consumed = _declarations(rng, pool, weights, rng.randint(0, 3), 1)
            declared.update({d["standard"] for d in provided + consumed})
            solutions.append(Solution(
                slug=f"compat-{i}", organisation=rng.choice(orgs), url=document["url"], name=name,
                publiccode=document, publiccode_version="0.4",
                release_date=dt.date(rng.randint(2015, 2025), rng.randint(1, 12), 1),
                development_status="stable", software_type=rng.choice(SOFTWARE_TYPES),
                license=license_id, license_open=license_open,
                maintenance_type="contract" if contractors else "internal",
                domains=rng.sample(DOMAINS, rng.randint(1, 3)), hosting_models=rng.sample(HOSTING, rng.randint(0, 2)),
                standards_provided=provided, standards_consumed=consumed, listing_status=rng.choice(STATUSES),
            ))
        # One transaction per batch: in autocommit every row would be a commit of its own.
        with transaction.atomic(), connection.cursor() as cursor:
            Solution.objects.bulk_create(solutions)
            cursor.executemany(
                "INSERT INTO solutions_solutionfacet (solution_id, facet, value) VALUES (%s, %s, %s)",
                [(s.pk, f, v) for s in solutions for f, v in sorted(facet_values(s))],
            )
    search.rebuild_index()

    public = list(Solution.objects.filter(listing_status__in=Solution.PUBLIC_STATUSES).values_list("pk", flat=True))
    statuses = [InventoryEntry.Status.PRODUCTION] * 3 + [InventoryEntry.Status.PILOT, InventoryEntry.Status.PLANNED,
                                                          InventoryEntry.Status.RETIRED]
    with transaction.atomic():
        for ags, name in MUNICIPALITIES:
            land, _ = Land.objects.get_or_create(code=ags[:2], defaults={"name": f"Land {ags[:2]}"})
            kreis, _ = Kreis.objects.get_or_create(ags=ags[:5], defaults={"name": f"Kreis {ags[:5]}",
                                                                          "type_code": "41", "land": land})
            town = Municipality.objects.create(
                ags=ags, ars=ags[:5] + "0000" + ags[5:], name=name, type_code="61", land=land, kreis=kreis,
                population=rng.randint(20_000, 1_500_000), area_km2=100, gebietsstand=dt.date(2025, 11, 30))
            entries = [InventoryEntry(municipality=town, solution_id=pk, status=rng.choice(statuses),
                                      operating_model=rng.choice(OperatingModel.values),
                                      operator_name=rng.choice(("", "", *CONTRACTORS)))
                       for pk in rng.sample(public, rng.randint(5, 20))]
            entries.append(InventoryEntry(municipality=town, unlisted_name="Fachverfahren (nicht gelistet)",
                                          status=InventoryEntry.Status.PRODUCTION,
                                          operating_model=OperatingModel.PUBLIC_IT))
            InventoryEntry.objects.bulk_create(entries)
            UrbanDataPlatform.objects.create(
                municipality=town, name=f"Urbane Datenplattform {name.split(',')[0]}", hosting=OperatingModel.OWN,
                standards=rng.sample(PLATFORM_STANDARDS, rng.randint(3, 6)))
    top = declared.most_common(1)[0] if declared else ("", 0)
    return {"register_s": register_s, "standards": len(pool), "public": len(public),
            "top_standard": top[0], "top_share": round(top[1] / max(1, n), 3)}


# --- timing ---------------------------------------------------------------------------------------------------


def _time(fn, inputs: list, repeat: int) -> dict:
    """fn over the inputs in turn (one warm-up call first); median, p95 and max in ms, and what it returned."""
    fn(inputs[0])  # warm caches, the register and the query planner
    samples, sizes = [], []
    for i in range(repeat):
        t0 = time.perf_counter()
        size = fn(inputs[i % len(inputs)])
        samples.append((time.perf_counter() - t0) * 1000)
        sizes.append(size)
    return {"p50_ms": statistics.median(samples), "p95_ms": percentile(samples, 95), "max_ms": max(samples),
            "result_median": statistics.median(sizes), "samples": len(samples)}


def run_size(n: int, repeat: int) -> dict:
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import setup_test_environment
    from django.urls import reverse
    from django.utils import translation

    from lichtermeer.interop import selectors as interop
    from lichtermeer.municipalities.models import Municipality
    from lichtermeer.solutions import selectors as solutions
    from lichtermeer.solutions.models import Solution

    setup_test_environment()  # the test client's host, as in tests
    call_command("migrate", verbosity=0)
    t0 = time.perf_counter()
    facts = generate(n)
    build_s = time.perf_counter() - t0

    rng = random.Random(SEED + n)
    public = list(Solution.objects.filter(listing_status__in=Solution.PUBLIC_STATUSES).select_related("organisation")
                  .order_by("pk"))
    picked = rng.sample(public, min(len(public), max(repeat, 1)))
    towns = list(Municipality.objects.order_by("ags"))
    with translation.override("de"):
        pages = [reverse("solutions:detail", kwargs={"slug": s.slug}) for s in picked]
        search_page = reverse("solutions:search")
    client = Client()

    def works_with(solution):
        return len(interop.works_with(solution))

    def works_with_page(solution):  # what the solution page asks for (30 shown, counts of all)
        return interop.works_with_summary(solution, limit=30, refs=300).total

    def exit_score(solution):
        return interop.exit_score_for(solution).score

    def compatible_ids(town):
        return len(interop.compatible_solution_ids(town))

    def filtered_search(town):
        _, ids = solutions.compatible_with(town.ags)
        filters, _ = solutions.with_listing_status_default({})
        return solutions.search_solutions(filters=filters, only_ids=ids).total

    def detail_page(url):
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)
        return len(response.content) // 1024

    def search_page_get(town):
        response = client.get(search_page, {"kompatibel": town.ags})
        assert response.status_code == 200, response.status_code
        return len(response.content) // 1024

    operations = [
        ("works_with(solution)", works_with, picked, "partners"),
        ("works_with_summary(limit=30)", works_with_page, picked, "partners"),
        ("exit_score_for(solution)", exit_score, picked, "score"),
        ("compatible_solution_ids(town)", compatible_ids, towns, "ids"),
        ("search kompatibel=<AGS>", filtered_search, towns, "hits"),
        ("GET solution page", detail_page, pages, "KiB"),
        ("GET /solutions/?kompatibel=", search_page_get, towns, "KiB"),
    ]
    rows = []
    for label, fn, inputs, unit in operations:
        rows.append({"operation": label, "unit": unit, **_time(fn, inputs, repeat)})
    return {"n": n, "database": connection.vendor, "build_s": round(build_s, 1), **facts, "operations": rows}


# --- orchestration --------------------------------------------------------------------------------------------


def _child(args) -> int:
    sys.path.insert(0, str(REPO / "src"))
    os.environ["DJANGO_SETTINGS_MODULE"] = "lichtermeer.settings"
    print(json.dumps(run_size(args.child, args.repeat)))
    return 0


def _measure(n: int, args, tmp: str) -> dict:
    # Pages render without collectstatic (as in tests): no manifest to look names up in.
    return measure_in_fresh_database(
        __file__, n, ["--repeat", str(args.repeat)], database_url=args.database_url, tmp=tmp, prefix="compat",
        extra_env={"STATICFILES_STORAGE": "django.contrib.staticfiles.storage.StaticFilesStorage"})


def _table(result: dict) -> str:
    lines = [
        f"n = {result['n']:,} solutions ({result['public']:,} public) on {result['database']}; "
        f"data built in {result['build_s']} s (register {result['register_s']:.1f} s, {result['standards']} "
        f"standards; most declared: {result['top_standard']} by {result['top_share']:.0%} of the solutions)",
        f"  {'operation':<32}{'p50 ms':>9}{'p95 ms':>9}{'max ms':>9}{'result (median)':>20}",
    ]
    for row in result["operations"]:
        lines.append(f"  {row['operation']:<32}{row['p50_ms']:>9.1f}{row['p95_ms']:>9.1f}{row['max_ms']:>9.1f}"
                     f"{row['result_median']:>14g} {row['unit']:<5}")
    return "\n".join(lines)


KEYS = {"works_with(solution)": "works_with", "works_with_summary(limit=30)": "works_with_summary",
        "exit_score_for(solution)": "exit_score",
        "compatible_solution_ids(town)": "compatible_ids", "search kompatibel=<AGS>": "search_kompatibel",
        "GET solution page": "solution_page", "GET /solutions/?kompatibel=": "search_page_kompatibel"}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default="2000,20000", help="comma-separated numbers of solutions")
    parser.add_argument("--database-url", default="", help="PostgreSQL server to create scratch databases on")
    parser.add_argument("--repeat", type=int, default=20, help="samples per operation")
    parser.add_argument("--child", type=int, default=0, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        return _child(args)

    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    summary: dict = {"database": "", "sizes": {}}
    with tempfile.TemporaryDirectory(prefix="lichtermeer-bench-") as tmp:
        for n in sizes:
            result = _measure(n, args, tmp)
            print(_table(result), flush=True)
            print(flush=True)
            summary["database"] = result["database"]
            summary["sizes"][str(n)] = {
                "build_s": result["build_s"], "public": result["public"],
                **{f"{KEYS[row['operation']]}_{k}": round(row[k], 2)
                   for row in result["operations"] for k in ("p50_ms", "p95_ms")},
            }
    # The machine's load at the end: figures from a busy machine are slower than they would be alone.
    summary.update({"load_avg_1m": round(os.getloadavg()[0], 2), "cpus": os.cpu_count()})
    print(json.dumps(summary))
    return 0


if __name__ == "__main__":
    sys.exit(main())
