"""Reads: finding municipalities, what they use and run, and the reuse register of a solution."""

import re

from django.db.models import Count, OuterRef, Prefetch, Q, QuerySet, Subquery, Sum
from django.db.models.functions import Coalesce

from .models import ExperienceReport, Grouping, InventoryEntry, Kreis, Land, Municipality, UrbanDataPlatform

MAX_QUERY = 100


def current() -> QuerySet[Municipality]:
    return Municipality.objects.filter(dissolved_on__isnull=True)


def find(query: str, *, land: str = "", limit: int = 50) -> list[Municipality]:
    """By AGS (8 digits, or a leading part of it), by postcode (5 digits) or by name (part of it)."""
    query = " ".join(query.split())[:MAX_QUERY]
    municipalities = Municipality.objects.select_related("land", "kreis")
    if land:
        municipalities = municipalities.filter(land__code=land)
    if not query:
        return list(municipalities.filter(dissolved_on__isnull=True).order_by("-population")[:limit])
    if re.fullmatch(r"[0-9]{8}", query):
        return list(municipalities.filter(ags=query))
    if re.fullmatch(r"[0-9]{5}", query):
        by_postcode = list(municipalities.filter(postcode=query).order_by("-population")[:limit])
        return by_postcode or list(municipalities.filter(ags__startswith=query).order_by("-population")[:limit])
    if re.fullmatch(r"[0-9]{1,7}", query):
        return list(municipalities.filter(ags__startswith=query).order_by("ags")[:limit])
    matches = list(municipalities.filter(name__icontains=query).order_by("dissolved_on", "-population")[:limit])
    exact = [m for m in matches if _plain(m.name) == query.casefold()]
    return exact + [m for m in matches if m not in exact]


def _plain(name: str) -> str:
    """The name without the official suffixes (", Stadt", ", Landeshauptstadt", …)."""
    return name.split(",", 1)[0].strip().casefold()


def get(ags: str) -> Municipality | None:
    return Municipality.objects.select_related("land", "kreis", "organisation").filter(ags=ags).first()


def inventory(municipality: Municipality, *, include_removed: bool = False) -> list[InventoryEntry]:
    entries = municipality.inventory.select_related("solution").prefetch_related("shared_with")
    if not include_removed:
        entries = entries.filter(removed_at__isnull=True)
    return list(entries.order_by("status", "solution__name", "unlisted_name"))


def public_contacts(municipality: Municipality) -> list:
    return list(municipality.contacts.filter(show_publicly=True).select_related("user"))


def accepts_reuse_requests(municipality: Municipality) -> bool:
    return municipality.contacts.filter(accepts_reuse_requests=True).exists()


def published_reports(*, municipality: Municipality | None = None, solution=None) -> list[ExperienceReport]:
    reports = ExperienceReport.objects.filter(status=ExperienceReport.Status.PUBLISHED).select_related(
        "municipality", "solution"
    )
    if municipality is not None:
        reports = reports.filter(municipality=municipality)
    if solution is not None:
        reports = reports.filter(solution=solution)
    return list(reports)


def pending_reports() -> list[ExperienceReport]:
    return list(ExperienceReport.objects.filter(status=ExperienceReport.Status.PENDING)
                .select_related("municipality", "solution", "author").order_by("created_at"))


def usage_of(solution) -> list[InventoryEntry]:
    """The reuse register of one solution: who uses it, in which status."""
    return list(
        InventoryEntry.objects.filter(solution=solution, removed_at__isnull=True)
        .select_related("municipality", "municipality__land", "municipality__kreis")
        .order_by("municipality__name")
    )


def groupings_of(municipality: Municipality) -> list[Grouping]:
    return list(municipality.groupings.select_related("operator", "solution").order_by("kind", "name"))


def platforms(*, standard: str = "", co_use: str = "", land: str = "", query: str = "") -> list[UrbanDataPlatform]:
    """The transparency overview: who runs which urban data platform, with which specification, who may co-use it."""
    result = UrbanDataPlatform.objects.select_related("municipality", "municipality__land", "solution")
    if land:
        result = result.filter(municipality__land__code=land)
    if co_use:
        result = result.filter(co_use=co_use)
    if query:
        query = query[:MAX_QUERY]
        result = result.filter(Q(name__icontains=query) | Q(municipality__name__icontains=query)
                               | Q(operator_name__icontains=query))
    if standard:
        # JSON list membership, portable between SQLite and PostgreSQL: filter in Python (the list is short).
        return [p for p in result if standard in (p.standards or [])]
    return list(result)


def laender() -> list[Land]:
    return list(Land.objects.order_by("code"))


# --- regions and groupings -------------------------------------------------------------------------------------
# Counts come from a fixed number of grouped queries (one per measure), whatever the number of Länder, Kreise or
# municipalities: no query per row.

LAND_CODE = re.compile(r"[0-9]{2}")
KREIS_KEY = re.compile(r"[0-9]{5}")


def _live_entries() -> QuerySet[InventoryEntry]:
    return InventoryEntry.objects.filter(removed_at__isnull=True)


def _tallies(key: str, **scope) -> dict:
    """Per value of `key` ("land_id" or "kreis_id") of the current municipalities within `scope`: how many
    municipalities, their population, how many recorded solutions, how many described a platform."""
    towns = current().filter(**scope)
    tallies: dict = {}
    for row in towns.values(key).annotate(n=Count("id"), people=Sum("population")).order_by():
        tallies[row[key]] = {"municipality_count": row["n"], "population": row["people"] or 0,
                             "with_inventory": 0, "with_platforms": 0}
    recorded = (_live_entries().filter(municipality__in=towns).values(f"municipality__{key}")
                .annotate(n=Count("municipality", distinct=True)).order_by())
    for row in recorded:
        tallies.setdefault(row[f"municipality__{key}"], _empty_tally())["with_inventory"] = row["n"]
    running = (UrbanDataPlatform.objects.filter(municipality__in=towns).values(f"municipality__{key}")
               .annotate(n=Count("municipality", distinct=True)).order_by())
    for row in running:
        tallies.setdefault(row[f"municipality__{key}"], _empty_tally())["with_platforms"] = row["n"]
    return tallies


def _empty_tally() -> dict:
    return {"municipality_count": 0, "population": 0, "with_inventory": 0, "with_platforms": 0}


def _apply(rows: list, tallies: dict) -> list:
    for row in rows:
        for name, value in tallies.get(row.pk, _empty_tally()).items():
            setattr(row, name, value)
    return rows


def laender_overview() -> list[Land]:
    """The Länder with `municipality_count`, `population`, `with_inventory`, `with_platforms` (current municipalities)
    and `kreise` (current Kreise)."""
    rows = list(Land.objects.annotate(
        kreise_count=Count("kreise", filter=Q(kreise__dissolved_on__isnull=True))).order_by("code"))
    return _apply(rows, _tallies("land_id"))


def land_by_code(code: str) -> Land | None:
    """The Land with the two-digit key (None for a malformed or unknown key), with its counts."""
    if not LAND_CODE.fullmatch(code or ""):
        return None
    found = list(Land.objects.filter(code=code).annotate(
        kreise_count=Count("kreise", filter=Q(kreise__dissolved_on__isnull=True))))
    return _apply(found, _tallies("land_id", land__code=code))[0] if found else None


def kreise_overview(land: Land) -> list[Kreis]:
    """The current Kreise of a Land by name, each with `municipality_count`, `population`, `with_inventory` and
    `with_platforms`."""
    rows = list(land.kreise.filter(dissolved_on__isnull=True).order_by("name", "ags"))
    return _apply(rows, _tallies("kreis_id", land=land))


def kreis_by_ags(ags: str) -> Kreis | None:
    """The Kreis with the five-digit key (None for a malformed or unknown key), with its counts."""
    if not KREIS_KEY.fullmatch(ags or ""):
        return None
    found = list(Kreis.objects.select_related("land").filter(ags=ags))
    return _apply(found, _tallies("kreis_id", kreis__ags=ags))[0] if found else None


def _with_record_counts(towns: QuerySet[Municipality]) -> QuerySet[Municipality]:
    """`inventory_count` (entries not removed) and `platform_count`, as subqueries (no join multiplication)."""
    entries = (_live_entries().filter(municipality=OuterRef("pk")).order_by().values("municipality")
               .annotate(n=Count("id")).values("n"))
    platforms = (UrbanDataPlatform.objects.filter(municipality=OuterRef("pk")).order_by().values("municipality")
                 .annotate(n=Count("id")).values("n"))
    return towns.annotate(inventory_count=Coalesce(Subquery(entries), 0),
                          platform_count=Coalesce(Subquery(platforms), 0))


def municipalities_of_kreis(kreis: Kreis) -> list[Municipality]:
    """The current municipalities of a Kreis by name, with `inventory_count` and `platform_count`."""
    towns = current().filter(kreis=kreis).select_related("land", "kreis").order_by("name", "ags")
    return list(_with_record_counts(towns))


def recording_municipalities(*, land: Land | None = None, kreis: Kreis | None = None) -> list[Municipality]:
    """The municipalities (of a Land or Kreis) that recorded a solution in use or described a platform, with
    `inventory_count` and `platform_count`; dissolved ones too, as long as they have records."""
    towns = Municipality.objects.filter(Q(pk__in=_live_entries().values("municipality_id"))
                                        | Q(pk__in=UrbanDataPlatform.objects.values("municipality_id")))
    if land is not None:
        towns = towns.filter(land=land)
    if kreis is not None:
        towns = towns.filter(kreis=kreis)
    return list(_with_record_counts(towns.select_related("land", "kreis").order_by("name", "ags")))


def grouping_by_slug(slug: str) -> Grouping | None:
    """One grouping with its lead, solution and members (members with Land and Kreis, by name)."""
    members = Prefetch("members", queryset=Municipality.objects.select_related("land", "kreis").order_by("name",
                                                                                                       "ags"))
    return (Grouping.objects.select_related("operator", "operator__land", "operator__kreis", "solution")
            .prefetch_related(members).filter(slug=slug).first())
