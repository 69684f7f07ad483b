"""Who may do what in the governance of the catalogue (django-rules).

Committee rights come from a sitting CommitteeSeat (term covers today, not left early), not from a group alone,
so that a member whose term ended loses them the same day. Time-bound rules (comment period, voting window)
are part of the object predicates, so pages and API show exactly what the services would allow.
"""

import rules
from django.utils import timezone

from lichtermeer.accounts.rules import has_verified_email, is_operator

from .models import CommitteeSeat, Proposal, Vote


def _active(user) -> bool:
    return bool(user is not None and user.is_authenticated and user.is_active)


def sitting_seat(user, day=None) -> CommitteeSeat | None:
    if not _active(user):
        return None
    day = day or timezone.localdate()
    for seat in CommitteeSeat.objects.filter(user=user, term_start__lte=day, term_end__gte=day):
        if seat.sits_on(day):
            return seat
    return None


@rules.predicate
def is_sitting_member(user) -> bool:
    return sitting_seat(user) is not None


@rules.predicate
def is_chair(user) -> bool:
    seat = sitting_seat(user)
    return seat is not None and seat.role == CommitteeSeat.Role.CHAIR


@rules.predicate
def is_author(user, proposal) -> bool:
    return isinstance(proposal, Proposal) and _active(user) and proposal.author_id == user.pk


@rules.predicate
def in_comment_period(user, proposal) -> bool:
    return isinstance(proposal, Proposal) and proposal.in_comment_period()


@rules.predicate
def comment_period_over(user, proposal) -> bool:
    return (
        isinstance(proposal, Proposal)
        and proposal.status == Proposal.Status.COMMENTING
        and timezone.now() > proposal.comment_until
    )


@rules.predicate
def voting_is_open(user, proposal) -> bool:
    return isinstance(proposal, Proposal) and proposal.voting_is_open()


@rules.predicate
def has_conflict(user, proposal) -> bool:
    return isinstance(proposal, Proposal) and proposal.conflicts.filter(member_id=user.pk).exists()


@rules.predicate
def has_voted(user, proposal) -> bool:
    return isinstance(proposal, Proposal) and Vote.objects.filter(proposal=proposal, voter_id=user.pk).exists()


@rules.predicate
def ready_for_decision(user, proposal) -> bool:
    if not isinstance(proposal, Proposal) or proposal.status != Proposal.Status.VOTING:
        return False
    from .selectors import all_eligible_have_voted

    return timezone.now() > proposal.voting_closes_at or all_eligible_have_voted(proposal)


@rules.predicate
def undecided(user, proposal) -> bool:
    return isinstance(proposal, Proposal) and proposal.status in (Proposal.Status.COMMENTING, Proposal.Status.VOTING)


rules.add_perm("requirements.view_catalogue", rules.always_allow)
rules.add_perm("requirements.view_committee_workspace", is_sitting_member | is_operator)
rules.add_perm("requirements.manage_committee", is_operator)
rules.add_perm("requirements.add_proposal", is_sitting_member)
rules.add_perm("requirements.declare_interests", is_sitting_member)
rules.add_perm("requirements.withdraw_proposal", in_comment_period & ((is_author & is_sitting_member) | is_chair))
rules.add_perm("requirements.add_comment", has_verified_email & in_comment_period)
rules.add_perm("requirements.hide_comment", is_operator)
rules.add_perm("requirements.declare_conflict", is_sitting_member & undecided & ~has_voted & ~has_conflict)
rules.add_perm("requirements.record_conflict", is_chair & undecided)
rules.add_perm("requirements.open_voting", is_chair & comment_period_over)
rules.add_perm("requirements.vote", is_sitting_member & voting_is_open & ~has_conflict & ~has_voted)
rules.add_perm("requirements.decide", is_chair & ready_for_decision)
rules.add_perm("requirements.publish_version", is_chair)
