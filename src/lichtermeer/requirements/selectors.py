"""Reads of the catalogue and its governance."""

import datetime as dt
from fractions import Fraction

from django.conf import settings
from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from lichtermeer.engines import catalogue as engine

from .models import CatalogueVersion, CommitteeSeat, Proposal, RequirementRevision, Vote


def versions() -> QuerySet[CatalogueVersion]:
    return CatalogueVersion.objects.all()


def latest_version() -> CatalogueVersion | None:
    return CatalogueVersion.objects.first()


def current_version(on: dt.date | None = None) -> CatalogueVersion | None:
    """The version in force on `on` (today): the newest one whose effective date has come."""
    on = on or timezone.localdate()
    return CatalogueVersion.objects.filter(effective_from__lte=on).first() or None


def upcoming_version(on: dt.date | None = None) -> CatalogueVersion | None:
    on = on or timezone.localdate()
    return CatalogueVersion.objects.filter(effective_from__gt=on).first()


def get_version(version: str) -> CatalogueVersion | None:
    return CatalogueVersion.objects.filter(version=version).first()


def requirements_of(version: CatalogueVersion, *, category: str = "", obligation: str = "") -> QuerySet:
    revisions = version.requirements.all()
    if category:
        revisions = revisions.filter(category=category)
    if obligation:
        revisions = revisions.filter(obligation=obligation)
    return revisions


def requirement_history(code: str) -> list[RequirementRevision]:
    """The requirement in every version that contains it, newest first."""
    return list(
        RequirementRevision.objects.filter(code=code)
        .select_related("catalogue_version")
        .order_by("-catalogue_version__major", "-catalogue_version__minor", "-catalogue_version__patch")
    )


def diff(old: CatalogueVersion, new: CatalogueVersion) -> "engine.Diff":
    tightened = set(
        Proposal.objects.filter(published_in__in=_versions_between(old, new), tightens=True).values_list(
            "requirement_code", flat=True
        )
    )
    return engine.diff(old.document, new.document, tightened=tightened)


def _versions_between(old: CatalogueVersion, new: CatalogueVersion) -> list[CatalogueVersion]:
    low, high = sorted([old, new], key=lambda v: (v.major, v.minor, v.patch))
    return [
        v
        for v in CatalogueVersion.objects.all()
        if (low.major, low.minor, low.patch) < (v.major, v.minor, v.patch) <= (high.major, high.minor, high.patch)
    ]


def sitting_seats(day: dt.date | None = None) -> list[CommitteeSeat]:
    day = day or timezone.localdate()
    seats = CommitteeSeat.objects.filter(term_start__lte=day, term_end__gte=day).select_related("user")
    return [seat for seat in seats if seat.sits_on(day)]


def committee(day: dt.date | None = None) -> dict:
    day = day or timezone.localdate()
    seats = list(CommitteeSeat.objects.select_related("user"))
    return {
        "sitting": [s for s in seats if s.sits_on(day)],
        "former": [s for s in seats if s.last_day < day],
        "future": [s for s in seats if s.term_start > day],
    }


def eligible_voters(proposal: Proposal) -> set[int]:
    """User ids of members who sat during the voting window and declared no conflict on the proposal."""
    if proposal.voting_opens_at is None:
        return set()
    first = timezone.localdate(proposal.voting_opens_at)
    last = timezone.localdate(proposal.voting_closes_at)
    seats = CommitteeSeat.objects.filter(term_start__lte=last, term_end__gte=first)
    users = {s.user_id for s in seats if s.last_day >= first}
    return users - set(proposal.conflicts.values_list("member_id", flat=True))


def tally(proposal: Proposal) -> dict:
    counts = Vote.objects.filter(proposal=proposal).aggregate(
        yes=Count("id", filter=Q(choice=Vote.Choice.YES)),
        no=Count("id", filter=Q(choice=Vote.Choice.NO)),
        abstain=Count("id", filter=Q(choice=Vote.Choice.ABSTAIN)),
    )
    eligible = len(eligible_voters(proposal))
    quorum = Fraction(proposal.quorum or settings.COMMITTEE_QUORUM)
    majority = Fraction(proposal.majority or settings.COMMITTEE_MAJORITY)
    cast = counts["yes"] + counts["no"] + counts["abstain"]
    decisive = counts["yes"] + counts["no"]
    quorum_met = eligible > 0 and cast >= quorum * eligible
    majority_met = counts["yes"] > counts["no"] and counts["yes"] >= majority * decisive
    return {
        **counts,
        "cast": cast,
        "eligible": eligible,
        "quorum": str(quorum),
        "majority": str(majority),
        "quorum_met": quorum_met,
        "majority_met": majority_met,
        "accepted": quorum_met and majority_met,
    }


def all_eligible_have_voted(proposal: Proposal) -> bool:
    eligible = eligible_voters(proposal)
    voted = set(Vote.objects.filter(proposal=proposal).values_list("voter_id", flat=True))
    return bool(eligible) and eligible <= voted


def conflict_candidates(proposal: Proposal, chair) -> list:
    """Sitting members other than the chair who have neither a recorded conflict nor a vote on the proposal."""
    excluded = set(proposal.conflicts.values_list("member_id", flat=True))
    excluded |= set(Vote.objects.filter(proposal=proposal).values_list("voter_id", flat=True))
    excluded.add(chair.pk)
    return [seat.user for seat in sitting_seats() if seat.user_id not in excluded]


def proposals(*, status: str = "") -> QuerySet[Proposal]:
    queryset = Proposal.objects.select_related("author", "published_in", "base_version")
    return queryset.filter(status=status) if status else queryset


def open_proposals() -> QuerySet[Proposal]:
    return proposals().filter(status__in=[Proposal.Status.COMMENTING, Proposal.Status.VOTING])


def accepted_unpublished() -> QuerySet[Proposal]:
    return Proposal.objects.filter(status=Proposal.Status.ACCEPTED).order_by("number")


def review_list(on: dt.date | None = None) -> dict:
    """Requirements of the latest version that are overdue for review, and those due soon."""
    on = on or timezone.localdate()
    latest = latest_version()
    if latest is None:
        return {"overdue": [], "due_soon": []}
    soon = on + dt.timedelta(days=settings.CATALOGUE_REVIEW_WARNING_DAYS)
    revisions = latest.requirements.order_by("review_by", "code")
    return {
        "overdue": list(revisions.filter(review_by__lt=on)),
        "due_soon": list(revisions.filter(review_by__gte=on, review_by__lte=soon)),
    }
