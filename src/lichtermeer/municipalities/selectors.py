"""Reads: finding municipalities, what they use and run, and the reuse register of a solution."""

import re

from django.db.models import Count, Q, QuerySet

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
    matches = municipalities.filter(name__icontains=query).order_by("dissolved_on", "-population")
    exact = [m for m in matches[:limit] if _plain(m.name) == query.casefold()]
    return exact + [m for m in matches[:limit] if m not in exact]


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


def platforms(*, standard: str = "", co_use: str = "", land: str = "", query: str = "") -> QuerySet:
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
    return list(Land.objects.annotate(n=Count("municipalities")).order_by("code"))


def kreise_of(land: Land) -> list[Kreis]:
    return list(land.kreise.filter(dissolved_on__isnull=True).order_by("name"))
