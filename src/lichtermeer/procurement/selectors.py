"""Reads of the procurement app: shortlists and evaluations a user may see, the comparison, the catalogue
requirements a criteria set can take."""

from __future__ import annotations

from django.db.models import Count, Prefetch, Q, QuerySet

from lichtermeer.accounts.selectors import staff_organisations
from lichtermeer.requirements import selectors as catalogue
from lichtermeer.requirements.models import CatalogueVersion, RequirementRevision
from lichtermeer.solutions.models import Solution

from .models import Criterion, Evaluation, Offer, Shortlist, ShortlistItem


def _active(user) -> bool:
    return bool(user is not None and user.is_authenticated and user.is_active)


def shortlists_of(user) -> QuerySet[Shortlist]:
    """The user's own shortlists, newest change first, with `item_count`."""
    if not _active(user):
        return Shortlist.objects.none()
    return Shortlist.objects.filter(owner=user).annotate(item_count=Count("items")).order_by("-updated_at", "-id")


def shared_with(user) -> QuerySet[Shortlist]:
    """Colleagues' shortlists that name an organisation the user is verified municipal staff of."""
    if not _active(user):
        return Shortlist.objects.none()
    return (Shortlist.objects.filter(organisation__in=staff_organisations(user)).exclude(owner=user)
            .select_related("owner", "organisation").annotate(item_count=Count("items"))
            .order_by("-updated_at", "-id"))


def visible_shortlist(user, pk: int) -> Shortlist | None:
    """The shortlist if the user may see it (None otherwise: someone else's shortlist does not exist for them)."""
    shortlist = Shortlist.objects.select_related("owner", "organisation").filter(pk=pk).first()
    if shortlist is None or not user.has_perm("procurement.view_shortlist", shortlist):
        return None
    return shortlist


def items(shortlist: Shortlist) -> list[ShortlistItem]:
    return list(shortlist.items.select_related("solution", "solution__organisation").order_by("added_at", "id"))


def shortlists_for_solution(user, solution: Solution) -> list[Shortlist]:
    """The user's shortlists with `contains` (whether the solution is on it), for the add form."""
    lists = list(shortlists_of(user).annotate(
        contains=Count("items", filter=Q(items__solution=solution))))
    return lists


def evaluations_of(user) -> QuerySet[Evaluation]:
    if not _active(user):
        return Evaluation.objects.none()
    return (Evaluation.objects.filter(Q(owner=user) | Q(organisation__in=staff_organisations(user)))
            .select_related("owner", "organisation", "shortlist").distinct().order_by("-updated_at", "-id"))


def visible_evaluation(user, pk: int) -> Evaluation | None:
    evaluation = (Evaluation.objects.select_related("owner", "organisation", "shortlist", "organisation__municipality")
                  .filter(pk=pk).first())
    if evaluation is None or not user.has_perm("procurement.view_evaluation", evaluation):
        return None
    return evaluation


def criteria_tree(evaluation: Evaluation) -> list[tuple[Criterion, int]]:
    """The criteria in document order, each with its depth (0 = top level)."""
    criteria = list(evaluation.criteria.order_by("position", "id"))
    children: dict[int | None, list[Criterion]] = {}
    for criterion in criteria:
        children.setdefault(criterion.parent_id, []).append(criterion)
    ordered: list[tuple[Criterion, int]] = []

    def walk(parent_id, depth):
        for criterion in children.get(parent_id, []):
            ordered.append((criterion, depth))
            if depth < 10:
                walk(criterion.pk, depth + 1)

    walk(None, 0)
    return ordered


def offers(evaluation: Evaluation) -> list[Offer]:
    return list(evaluation.offers.select_related("solution").prefetch_related(Prefetch("scores"))
                .order_by("position", "id"))


def catalogue_in_force() -> CatalogueVersion | None:
    """The published catalogue version in force today (the newest one if none is in force yet)."""
    return catalogue.current_version() or catalogue.latest_version()


def requirements_in_force() -> list[RequirementRevision]:
    version = catalogue_in_force()
    if version is None:
        return []
    return list(catalogue.requirements_of(version).select_related("catalogue_version").order_by("category", "code"))


def solutions_for_comparison(shortlist: Shortlist, slugs: list[str]) -> list[Solution]:
    """The shortlisted solutions with these slugs, in the order given (unknown slugs are left out)."""
    found = {item.solution.slug: item.solution for item in items(shortlist)}
    return [found[slug] for slug in dict.fromkeys(slugs) if slug in found]
