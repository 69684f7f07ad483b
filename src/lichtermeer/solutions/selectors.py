"""Reads of the solution catalogue: search and the data of its pages. Views and API handlers call these."""

from __future__ import annotations

from dataclasses import dataclass

from lichtermeer.accounts.models import Organisation

from . import search
from .categories import CATEGORY_LABELS
from .facets import FACETS
from .labels import VALUE_LABELS
from .models import Solution

MAX_LATEST = 50

# The marketplace lists admitted solutions unless the searcher asks for more: `listing_status=all` (any public
# status: submitted, admitted, suspended, expired) or the statuses wanted.
DEFAULT_LISTING_STATUSES = (Solution.ListingStatus.ADMITTED.value,)
ALL_LISTING_STATUSES = "all"


def with_listing_status_default(filters: dict[str, list[str]]) -> tuple[dict[str, list[str]], str]:
    """The filters to search with and how the listing status was chosen: "default" (none asked for: admitted
    only), "all" (`all` among the values: no restriction beyond public) or "chosen" (the values given)."""
    filters = dict(filters)
    statuses = [value for value in filters.pop("listing_status", []) if value]
    if ALL_LISTING_STATUSES in statuses:
        return filters, "all"
    if not statuses:
        return {**filters, "listing_status": list(DEFAULT_LISTING_STATUSES)}, "default"
    return {**filters, "listing_status": statuses}, "chosen"


def search_solutions(
    *,
    query: str = "",
    filters: dict[str, list[str]] | None = None,
    sort: str = "relevance",
    page: int = 1,
    per_page: int = 20,
    public_only: bool = True,
    only_ids: set[int] | None = None,
) -> search.SearchResult:
    """Full-text search with facets; see lichtermeer.solutions.search for the query syntax. `only_ids` restricts
    the result (and the facet counts) to these solutions, e.g. compatible_with(municipality)."""
    return search.search(
        query=query, filters=filters, sort=sort, page=page, per_page=per_page, public_only=public_only,
        only_ids=only_ids,
    )


COMPATIBLE_PARAMETER = "kompatibel"


def compatible_with(ags: str):
    """(municipality, ids of the solutions compatible with its inventory) for the search filter `kompatibel=<AGS>`;
    (None, None) for a key that is not an AGS or names no municipality."""
    import re

    from lichtermeer.interop.selectors import compatible_solution_ids
    from lichtermeer.municipalities import selectors as municipal

    if not re.fullmatch(r"[0-9]{8}", ags or ""):
        return None, None
    town = municipal.get(ags)
    if town is None:
        return None, None
    return town, compatible_solution_ids(town)


def solution_detail(slug: str, *, public_only: bool = False) -> Solution | None:
    """The solution with its organisation and facets; None if there is none (or, if asked, none public)."""
    queryset = Solution.objects.select_related("organisation").prefetch_related("facets")
    if public_only:
        queryset = queryset.filter(listing_status__in=Solution.PUBLIC_STATUSES)
    return queryset.filter(slug=slug).first()


@dataclass(frozen=True)
class OrganisationPage:
    organisation: Organisation
    solutions: list[Solution]


def organisation_detail(slug: str, *, public_only: bool = True) -> OrganisationPage | None:
    organisation = Organisation.objects.filter(slug=slug).first()
    if organisation is None:
        return None
    solutions = organisation.solutions.select_related("organisation").order_by("name", "id")
    if public_only:
        solutions = solutions.filter(listing_status__in=Solution.PUBLIC_STATUSES)
    return OrganisationPage(organisation, list(solutions))


def latest_solutions(n: int = 6) -> list[Solution]:
    """The most recently listed public solutions, newest first."""
    n = min(max(int(n), 0), MAX_LATEST)
    queryset = Solution.objects.filter(listing_status__in=Solution.PUBLIC_STATUSES)
    return list(queryset.select_related("organisation").order_by("-created_at", "-id")[:n])


def facet_labels() -> dict[str, dict[str, str]]:
    """facet -> value -> human label (lazy, in the active language).

    Categories outside the publiccode.yml vocabulary are their own label.
    """
    labels = {facet: dict(VALUE_LABELS[facet]) for facet in FACETS}
    labels["category"] = {value: CATEGORY_LABELS.get(value, value) for value in search.facet_values("category")}
    return labels
