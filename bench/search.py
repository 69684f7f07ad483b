#!/usr/bin/env python
"""Search benchmark: lichtermeer.solutions.search against a naive icontains search on the same data.

    .venv/bin/python bench/search.py                    # SQLite in a temporary directory, 20,000 and 100,000
    .venv/bin/python bench/search.py --sizes 2000 --repeat 10
    .venv/bin/python bench/search.py --database-url postgresql://postgres@127.0.0.1:5432/test

Each size runs in a fresh database (a new SQLite file, or a new PostgreSQL database created beside the one
the URL names and dropped afterwards) in its own subprocess, because Django's settings are fixed per process.
The last line printed is one JSON object (figures in milliseconds).
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

from harness import REPO, measure_in_fresh_database, percentile

SEED = 20_251_122


def _vocabulary(text: str) -> list[str]:
    return text.split()


# Text from a smart-city vocabulary, with inflected forms so that stemming matters.
NOUNS_DE = _vocabulary(
    "Verkehr Verkehrs Parkplatz Parkplätze Parken Straße Straßen Beteiligung Beteiligungen Bürger "
    "Bürgerinnen Bürgerbeteiligung Daten Datenplattform Plattform Plattformen Sensor Sensoren Messung "
    "Messungen Umwelt Luftqualität Lärm Energie Energieverbrauch Stromnetz Ladesäule Ladesäulen Mobilität "
    "Fahrrad Fahrräder Radverkehr Haltestelle Haltestellen Fahrplan Fahrpläne Verwaltung Verwaltungen "
    "Antrag Anträge Formular Formulare Bescheid Bescheide Geodaten Karte Karten Stadtplan Baustelle "
    "Baustellen Abfall Müllabfuhr Wasser Wasserstand Hochwasser Warnung Warnungen Katastrophenschutz "
    "Schule Schulen Bildung Gesundheit Tourismus Veranstaltung Veranstaltungen Kultur Bibliothek "
    "Bibliotheken Rathaus Ratsinformation Sitzung Sitzungen Beschluss Beschlüsse Haushalt Haushalte "
    "Steuer Gebühren Zahlung Zahlungen Termin Termine Terminvergabe Bürgerbüro Meldung Meldungen "
    "Mängelmelder Schlagloch Schlaglöcher Beleuchtung Laterne Laternen Baum Bäume Grünfläche Grünflächen "
    "Klima Klimaschutz Wärmeplanung Gebäude Wohnung Wohnungen Bauantrag Bauanträge Bebauungsplan "
    "Bebauungspläne Schnittstelle Schnittstellen Dienst Dienste Portal Portale Anwendung Anwendungen "
    "Auswertung Auswertungen Dashboard Übersicht Visualisierung Prognose"
)
ADJECTIVES_DE = _vocabulary(
    "offene offenen digitale digitalen kommunale kommunalen städtische städtischen einfache sichere "
    "barrierefreie barrierefreien mobile zentrale regionale interaktive automatische freie"
)
WORDS_EN = _vocabulary(
    "traffic parking street participation citizen citizens data platform sensor sensors measurement "
    "environment air quality noise energy grid charging mobility bicycle stop timetable administration "
    "application form forms permit geodata map maps construction waste water flood warning school "
    "education health tourism event events culture library council meeting meetings budget tax payment "
    "appointment report reports lighting tree trees climate heating building housing interface service "
    "services portal dashboard overview visualisation forecast open digital municipal simple secure "
    "accessible mobile"
)
FILLER_DE = _vocabulary(
    "und für die der mit von zur im in auf als eine ein den des wird werden kann"
)
FILLER_EN = ["and", "for", "the", "with", "of", "to", "in", "on", "as", "a", "an", "is", "are", "can", "be"]
NAME_PARTS = _vocabulary(
    "Stadt Kommunal Bürger Daten Verkehrs Park Umwelt Klima Geo Rats Termin Mängel Open Smart Urban Civic "
    "Mobil Energie Wasser Karten Portal Melde Plan Bau Grün"
)
NAME_SUFFIXES = _vocabulary(
    "Hub Cloud Manager Plattform Portal Kompass Werk Box Lotse Radar Netz Pilot Board App Dienst"
)
ORG_KINDS = ("Stadt", "Landkreis", "Gemeinde", "Zweckverband", "GmbH", "eG", "Kommunal-IT", "Stiftung")
CITIES = _vocabulary(
    "Aachen Bamberg Bochum Bonn Bremen Chemnitz Darmstadt Dresden Erfurt Freiburg Göttingen Halle Hamm "
    "Heidelberg Jena Kassel Kiel Konstanz Leipzig Lübeck Mainz Münster Nürnberg Oldenburg Potsdam "
    "Regensburg Rostock Saarbrücken Schwerin Trier Tübingen Ulm Weimar Wiesbaden Würzburg Zwickau"
)
CATEGORIES = _vocabulary(
    "accounting agile-project-management appointment-scheduling business-intelligence citizen-engagement "
    "cloud-management collaboration communications content-management data-analytics data-collection "
    "data-visualization document-management e-commerce email-management event-management geographic- "
    "information-systems identity-management it-security knowledge-management online-community "
    "predictive-analysis project-management survey website-builder workflow-management"
)
DOMAINS = _vocabulary(
    "mobility energy environment participation administration open-data urban-data-platform geodata "
    "communication collaboration iot education health safety tourism culture social building "
    "infrastructure"
)
HOSTING = ("saas", "on-premises", "shared-service", "managed-hosting")
STANDARDS = _vocabulary(
    "ngsi-ld oparl wms wfs gtfs dcat-ap-de mqtt oidc open311 xplanung fit-connect geojson openapi "
    "sensorthings"
)
STATUSES = ("admitted",) * 14 + ("submitted",) * 2 + ("draft",) * 2 + ("suspended", "expired")
SOFTWARE_TYPES = (
    "standalone/web", "standalone/mobile", "standalone/backend", "standalone/iot", "library", "addon",
)
DEV_STATUSES = ("concept", "development", "beta", "stable", "stable", "stable", "obsolete")
MAINTENANCE = ("internal", "contract", "community", "none")
LICENSES = (("EUPL-1.2", True), ("AGPL-3.0-or-later", True), ("MIT", True), ("Apache-2.0", True),
            ("LicenseRef-proprietary", False))

QUERIES = [
    ("empty query + facets", {"query": ""}),
    ("one word", {"query": "Parkplätze"}),
    ("two words", {"query": "offene Daten"}),
    ("phrase", {"query": '"digitale Verwaltung"'}),
    ("facet filter + word", {"query": "Beteiligung", "filters": {"domain": ["participation", "mobility"]}}),
    ("prefix type-ahead", {"query": "Bürgerbet"}),
    ("sort by name", {"query": "Sensoren", "sort": "name"}),
    ("page 5", {"query": "Karte", "page": 5}),
]


def _zipf_choice(rng: random.Random, words: list[str]) -> str:
    # Few words are common, most are rare, as in real descriptions.
    return words[min(int(rng.paretovariate(1.1)) - 1, len(words) - 1)]


def _sentence(rng: random.Random, pools: dict, german: bool, words: int) -> str:
    out = []
    for _ in range(words):
        roll = rng.random()
        if roll < 0.35:
            out.append(rng.choice(FILLER_DE if german else FILLER_EN))
        elif german and roll < 0.5:
            out.append(_zipf_choice(rng, pools["adjectives"]))
        else:
            out.append(_zipf_choice(rng, pools["nouns"] if german else pools["english"]))
    text = " ".join(out)
    return text[:1].upper() + text[1:] + "."


def _shuffled(rng: random.Random, words: tuple | list) -> list[str]:
    copy = list(words)
    rng.shuffle(copy)
    return copy


def generate(n: int) -> None:
    from django.db import connection, transaction

    from lichtermeer.accounts.models import Organisation
    from lichtermeer.solutions import search
    from lichtermeer.solutions.facets import facet_values
    from lichtermeer.solutions.models import Solution

    rng = random.Random(SEED)
    pools = {"nouns": _shuffled(rng, NOUNS_DE), "adjectives": _shuffled(rng, ADJECTIVES_DE),
             "english": _shuffled(rng, WORDS_EN)}
    # Documents are drawn from a pool of sentences: varied enough for the index, cheap enough for 100,000.
    german = [_sentence(rng, pools, True, rng.randint(2, 16)) for _ in range(8000)]
    english = [_sentence(rng, pools, False, rng.randint(2, 16)) for _ in range(4000)]

    def text(sentences, count):
        return " ".join(rng.choices(sentences, k=count))

    orgs = Organisation.objects.bulk_create(
        Organisation(
            slug=f"org-{i}", name=f"{rng.choice(ORG_KINDS)} {rng.choice(CITIES)} {i}",
            kind="municipality" if i % 3 else "company",
        )
        for i in range(max(1, n // 20))
    )
    for start in range(0, n, 2000):
        solutions = []
        for i in range(start, min(n, start + 2000)):
            name = f"{rng.choice(NAME_PARTS)}{rng.choice(NAME_SUFFIXES).lower()} {i}"
            license_id, license_open = rng.choice(LICENSES)
            document = {
                "publiccodeYmlVersion": "0.4",
                "name": name,
                "url": f"https://git.example.org/bench/{i}",
                "categories": rng.sample(CATEGORIES, rng.randint(1, 3)),
                "description": {
                    "de": {
                        "shortDescription": text(german, 1),
                        "longDescription": text(german, rng.randint(5, 10)),
                        "features": rng.choices(german, k=rng.randint(2, 6)),
                    },
                    "en": {
                        "shortDescription": text(english, 1),
                        "longDescription": text(english, rng.randint(2, 6)),
                        "features": rng.choices(english, k=rng.randint(1, 4)),
                    },
                },
                "legal": {"license": license_id},
            }
            solutions.append(Solution(
                slug=f"bench-{i}", organisation=rng.choice(orgs), url=document["url"], name=name,
                publiccode=document, publiccode_version="0.4",
                release_date=(
                    None if rng.random() < 0.1 else dt.date(rng.randint(2015, 2025), rng.randint(1, 12), 1)
                ),
                development_status=rng.choice(DEV_STATUSES), software_type=rng.choice(SOFTWARE_TYPES),
                license=license_id, license_open=license_open, maintenance_type=rng.choice(MAINTENANCE),
                domains=rng.sample(DOMAINS, rng.randint(1, 3)),
                hosting_models=rng.sample(HOSTING, rng.randint(1, 2)),
                standards_provided=[
                    {"standard": s, "role": "server"} for s in rng.sample(STANDARDS, rng.randint(0, 3))
                ],
                listing_status=rng.choice(STATUSES),
            ))
        # One transaction per batch: in autocommit every row would be a commit of its own.
        with transaction.atomic(), connection.cursor() as cursor:
            Solution.objects.bulk_create(solutions)
            cursor.executemany(
                "INSERT INTO solutions_solutionfacet (solution_id, facet, value) VALUES (%s, %s, %s)",
                [(s.pk, f, v) for s in solutions for f, v in sorted(facet_values(s))],
            )
    search.rebuild_index()


# --- the naive baseline -------------------------------------------------------------------------------------


def naive_search(*, query="", filters=None, sort="relevance", page=1, per_page=20):
    """icontains over name, the document text (descriptions, features) and organisation name; same facets."""
    from django.db.models import Count, Q, TextField
    from django.db.models.functions import Cast

    from lichtermeer.solutions.facets import FACETS
    from lichtermeer.solutions.models import Solution, SolutionFacet
    from lichtermeer.solutions.search import parse_query

    queryset = Solution.objects.filter(listing_status__in=Solution.PUBLIC_STATUSES)
    terms = parse_query(query)
    if terms:
        queryset = queryset.annotate(document_text=Cast("publiccode", TextField()))
    for term in terms:
        text = " ".join(term.words)
        match = (Q(name__icontains=text) | Q(document_text__icontains=text)
                 | Q(organisation__name__icontains=text))
        queryset = queryset.exclude(match) if term.negated else queryset.filter(match)

    def filtered(skip=None):
        result = queryset
        for facet, values in (filters or {}).items():
            if facet != skip:
                result = result.filter(id__in=SolutionFacet.objects.filter(facet=facet, value__in=values)
                                       .values("solution_id"))
        return result

    matched = filtered()
    total = matched.count()
    order = {"newest": ["-created_at"], "updated": ["-updated_at"]}.get(sort, ["name", "id"])
    start = (page - 1) * per_page
    items = list(matched.select_related("organisation").order_by(*order)[start: start + per_page])
    facets = {facet: [] for facet in FACETS}
    groups = [(None, [f for f in FACETS if f not in (filters or {})])] + [(f, [f]) for f in (filters or {})]
    for skip, wanted in groups:
        rows = (SolutionFacet.objects.filter(facet__in=wanted, solution_id__in=filtered(skip).values("id"))
                .values_list("facet", "value").annotate(n=Count("id")))
        for facet, value, n in rows:
            facets[facet].append((value, n))
    return items, total, facets


# --- timing -------------------------------------------------------------------------------------------------


def _time(fn, kwargs: dict, repeat: int, budget_s: float) -> list[float]:
    fn(**kwargs)  # warm caches and the query planner
    samples: list[float] = []
    started = time.perf_counter()
    while len(samples) < repeat and (len(samples) < 5 or time.perf_counter() - started < budget_s):
        t0 = time.perf_counter()
        fn(**kwargs)
        samples.append((time.perf_counter() - t0) * 1000)
    return samples


def _after_save(repeat: int) -> list[float]:
    """The first search after a save through services: the snapshot is patched, not rebuilt."""
    from lichtermeer.solutions import search, services
    from lichtermeer.solutions.models import Solution

    rng = random.Random(SEED)
    ids = list(Solution.objects.values_list("id", flat=True))
    samples = []
    for _ in range(repeat):
        solution = Solution.objects.select_related("organisation").get(id=rng.choice(ids))
        solution.listing_status = rng.choice(STATUSES)
        solution.save()
        services.refresh_facets(solution)
        t0 = time.perf_counter()
        search.search(query="")
        samples.append((time.perf_counter() - t0) * 1000)
    return samples


def run_size(n: int, repeat: int, naive_budget_s: float) -> dict:
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from lichtermeer.solutions import search
    from lichtermeer.solutions.search import snapshot

    call_command("migrate", verbosity=0)
    t0 = time.perf_counter()
    generate(n)
    build_s = time.perf_counter() - t0

    def ours(**kwargs):
        result = search.search(**kwargs)
        return result.items, result.total, result.facets

    # Once per process, and again whenever a change bypasses index_solution.
    t0 = time.perf_counter()
    snapshot.load()
    snapshot_ms = (time.perf_counter() - t0) * 1000
    search.search(query="")  # loads the name order once, as any first browse does
    after_save = _after_save(repeat)

    rows, ours_all, naive_all = [], [], []
    for label, kwargs in QUERIES:
        ours_samples = _time(ours, kwargs, repeat, budget_s=60)
        naive_samples = _time(naive_search, kwargs, repeat, budget_s=naive_budget_s)
        result = search.search(**kwargs)
        _, naive_total, _ = naive_search(**kwargs)
        ours_all += ours_samples
        naive_all += naive_samples
        rows.append({
            "query": label, "total": result.total, "naive_total": naive_total,
            "p50_ms": statistics.median(ours_samples), "p95_ms": percentile(ours_samples, 95),
            "naive_p50_ms": statistics.median(naive_samples), "naive_p95_ms": percentile(naive_samples, 95),
            "samples": len(ours_samples), "naive_samples": len(naive_samples),
        })
    return {
        "n": n, "database": connection.vendor, "build_s": round(build_s, 1), "queries": rows,
        "snapshot_build_ms": snapshot_ms, "after_save_p50_ms": statistics.median(after_save),
        "after_save_p95_ms": percentile(after_save, 95),
        "p50_ms": statistics.median(ours_all), "p95_ms": percentile(ours_all, 95),
        "naive_p50_ms": statistics.median(naive_all), "naive_p95_ms": percentile(naive_all, 95),
    }


# --- orchestration ------------------------------------------------------------------------------------------


def _child(args) -> int:
    sys.path.insert(0, str(REPO / "src"))
    os.environ["DJANGO_SETTINGS_MODULE"] = "lichtermeer.settings"
    print(json.dumps(run_size(args.child, args.repeat, args.naive_budget)))
    return 0


def _measure(n: int, args, tmp: str) -> dict:
    return measure_in_fresh_database(
        __file__, n, ["--repeat", str(args.repeat), "--naive-budget", str(args.naive_budget)],
        database_url=args.database_url, tmp=tmp, prefix="bench")


def _table(result: dict) -> str:
    lines = [
        f"n = {result['n']:,} solutions on {result['database']} "
        f"(data + index built in {result['build_s']} s)",
        f"  {'query':<24}{'hits':>8}{'p50 ms':>9}{'p95 ms':>9}{'naive p50':>11}{'naive p95':>11}{'ratio':>8}",
    ]
    for row in result["queries"]:
        ratio = row["naive_p95_ms"] / row["p95_ms"] if row["p95_ms"] else 0
        lines.append(
            f"  {row['query']:<24}{row['total']:>8}{row['p50_ms']:>9.1f}{row['p95_ms']:>9.1f}"
            f"{row['naive_p50_ms']:>11.1f}{row['naive_p95_ms']:>11.1f}{ratio:>7.1f}x"
        )
    lines.append(f"  {'all queries':<24}{'':>8}{result['p50_ms']:>9.1f}{result['p95_ms']:>9.1f}"
                 f"{result['naive_p50_ms']:>11.1f}{result['naive_p95_ms']:>11.1f}"
                 f"{result['naive_p95_ms'] / result['p95_ms']:>7.1f}x")
    lines.append(f"  {'first search after save':<24}{'':>8}{result['after_save_p50_ms']:>9.1f}"
                 f"{result['after_save_p95_ms']:>9.1f}   (facet snapshot patched; a full build took "
                 f"{result['snapshot_build_ms']:.0f} ms)")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default="20000,100000", help="comma-separated numbers of solutions")
    parser.add_argument("--database-url", default="", help="PostgreSQL server to create scratch databases on")
    parser.add_argument("--repeat", type=int, default=40, help="samples per query (ours)")
    parser.add_argument("--naive-budget", type=float, default=4.0,
                        help="seconds per naive query (at least 5 samples)")
    parser.add_argument("--child", type=int, default=0, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        return _child(args)

    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    results = []
    with tempfile.TemporaryDirectory(prefix="lichtermeer-bench-") as tmp:
        for n in sizes:
            result = _measure(n, args, tmp)
            results.append(result)
            print(_table(result), flush=True)
            print(flush=True)
    first = results[0]
    summary = {
        "n": first["n"], "database": first["database"],
        # The machine's load at the end: figures from a busy machine are slower than they would be alone.
        "load_avg_1m": round(os.getloadavg()[0], 2), "cpus": os.cpu_count(),
        "p50_ms": round(first["p50_ms"], 2), "p95_ms": round(first["p95_ms"], 2),
        "naive_p50_ms": round(first["naive_p50_ms"], 2), "naive_p95_ms": round(first["naive_p95_ms"], 2),
        "ratio": round(first["naive_p95_ms"] / first["p95_ms"], 1),
        "query_p95_ms": {row["query"]: round(row["p95_ms"], 2) for row in first["queries"]},
        "after_save_p95_ms": round(first["after_save_p95_ms"], 2),
        "snapshot_build_ms": round(first["snapshot_build_ms"], 1),
    }
    for result in results[1:]:
        suffix = f"_{result['n'] // 1000}k" if result["n"] % 1000 == 0 else f"_{result['n']}"
        summary.update({
            f"p50_ms{suffix}": round(result["p50_ms"], 2), f"p95_ms{suffix}": round(result["p95_ms"], 2),
            f"naive_p95_ms{suffix}": round(result["naive_p95_ms"], 2),
            f"ratio{suffix}": round(result["naive_p95_ms"] / result["p95_ms"], 1),
            f"after_save_p95_ms{suffix}": round(result["after_save_p95_ms"], 2),
            f"snapshot_build_ms{suffix}": round(result["snapshot_build_ms"], 1),
        })
    print(json.dumps(summary))
    return 0


if __name__ == "__main__":
    sys.exit(main())
