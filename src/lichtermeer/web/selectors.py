"""Reads for the start page: small, indexed queries over public catalogue entries only."""

from dataclasses import dataclass

from django.db.models import Count

from lichtermeer.accounts.models import Organisation
from lichtermeer.solutions import vocab
from lichtermeer.solutions.models import Solution, SolutionFacet


@dataclass(frozen=True)
class HomeFigures:
    solutions: int
    organisations: int
    open_source: int


def public_solutions():
    return Solution.objects.filter(listing_status__in=Solution.PUBLIC_STATUSES)


def home_figures() -> HomeFigures:
    public = public_solutions()
    return HomeFigures(
        solutions=public.count(),
        organisations=Organisation.objects.filter(solutions__in=public).distinct().count(),
        open_source=public.filter(license_open=True).count(),
    )


def latest_solutions(limit: int = 6) -> list[Solution]:
    return list(public_solutions().select_related("organisation").order_by("-updated_at", "name")[:limit])


def domain_counts() -> list[tuple[str, str, int]]:
    """(value, label, count) for every domain of the vocabulary, public entries counted, largest first."""
    counts = dict(
        SolutionFacet.objects.filter(facet="domain", solution__listing_status__in=Solution.PUBLIC_STATUSES)
        .values_list("value")
        .annotate(n=Count("solution", distinct=True))
        .values_list("value", "n")
    )
    rows = [(value, str(label), counts.get(value, 0)) for value, label in vocab.DOMAINS.items()]
    return sorted(rows, key=lambda row: (-row[2], row[1]))
