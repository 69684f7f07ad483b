"""Every role × governance action × proposal state, allowed or denied (rules), and the services agree.

The table is the specification; edit it deliberately.
"""

import datetime as dt

import pytest
import time_machine
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied

from catalogue_support import TERM_START, load_seed, new_requirement, seat
from factories import MembershipFactory, MunicipalityFactory, OperatorFactory, UserFactory
from lichtermeer.accounts.models import Membership
from lichtermeer.requirements import services
from lichtermeer.requirements.errors import GovernanceError
from lichtermeer.requirements.models import CommitteeSeat, Proposal

NOW = dt.datetime(2026, 12, 1, 9, 0, tzinfo=dt.UTC)
ROLES = (
    "anonymous",
    "unverified_user",
    "verified_user",
    "provider_editor",
    "municipal_staff",
    "former_member",
    "member",
    "conflicted_member",
    "author",
    "chair",
    "operator",
)
EVERYONE = set(ROLES)
VERIFIED = EVERYONE - {"anonymous", "unverified_user"}
SITTING = {"member", "conflicted_member", "author", "chair"}

MATRIX = [
    ("requirements.view_catalogue", None, EVERYONE),
    ("requirements.view_committee_workspace", None, SITTING | {"operator"}),
    ("requirements.manage_committee", None, {"operator"}),
    ("requirements.add_proposal", None, SITTING),
    ("requirements.declare_interests", None, SITTING),
    ("requirements.withdraw_proposal", "commenting", {"author", "chair"}),
    ("requirements.withdraw_proposal", "voting", set()),
    ("requirements.add_comment", "commenting", VERIFIED),
    ("requirements.add_comment", "comment_period_over", set()),
    ("requirements.add_comment", "voting", set()),
    ("requirements.hide_comment", None, {"operator"}),
    ("requirements.declare_conflict", "commenting", {"member", "author", "chair"}),
    ("requirements.declare_conflict", "voting", {"member", "author", "chair"}),
    ("requirements.declare_conflict", "decided", set()),
    ("requirements.record_conflict", "commenting", {"chair"}),
    ("requirements.record_conflict", "decided", set()),
    ("requirements.open_voting", "commenting", set()),
    ("requirements.open_voting", "comment_period_over", {"chair"}),
    ("requirements.open_voting", "voting", set()),
    ("requirements.vote", "voting", {"member", "author", "chair"}),
    ("requirements.vote", "commenting", set()),
    ("requirements.vote", "voting_closed", set()),
    ("requirements.decide", "voting", set()),
    ("requirements.decide", "voting_closed", {"chair"}),
    ("requirements.decide", "decided", set()),
    ("requirements.publish_version", None, {"chair"}),
]


def _proposal(author, code: str, *, days_ago: int):
    with time_machine.travel(NOW - dt.timedelta(days=days_ago), tick=False):
        return services.submit_proposal(actor=author, kind="add", requirement_code=code, title="t", reasoning="r",
                                        proposed=new_requirement(code, category="open-interfaces"))


def _open_voting(proposal, chair, *, days_ago: int):
    with time_machine.travel(NOW - dt.timedelta(days=days_ago), tick=False):
        services.open_voting(actor=chair, proposal=proposal)


@pytest.fixture
def world(db):
    with time_machine.travel(NOW, tick=False):
        load_seed()
        operator = OperatorFactory()
        chair = seat(role=CommitteeSeat.Role.CHAIR, operator=operator).user
        author = seat(operator=operator).user
        users = {
            "anonymous": AnonymousUser(),
            "unverified_user": UserFactory(email_verified=False),
            "verified_user": UserFactory(),
            "provider_editor": MembershipFactory().user,
            "municipal_staff": MembershipFactory(organisation=MunicipalityFactory(),
                                                 role=Membership.Role.MUNICIPAL_STAFF).user,
            "former_member": seat(operator=operator, start=TERM_START, end=dt.date(2026, 6, 30)).user,
            "member": seat(operator=operator).user,
            "conflicted_member": seat(operator=operator).user,
            "author": author,
            "chair": chair,
            "operator": operator,
        }
    commenting = _proposal(author, "LM-OS-91", days_ago=1)
    over = _proposal(author, "LM-OS-92", days_ago=30)
    voting = _proposal(author, "LM-OS-93", days_ago=30)
    _open_voting(voting, chair, days_ago=1)
    closed = _proposal(author, "LM-OS-94", days_ago=60)
    _open_voting(closed, chair, days_ago=30)
    decided = _proposal(author, "LM-OS-95", days_ago=60)
    _open_voting(decided, chair, days_ago=30)
    with time_machine.travel(NOW, tick=False):
        services.decide(actor=chair, proposal=decided, reasons="Keine Stimmen.")
        for proposal in (commenting, voting):
            services.declare_conflict(actor=users["conflicted_member"], proposal=proposal, reason="befangen")
    objects = {None: None, "commenting": commenting, "comment_period_over": over, "voting": voting,
               "voting_closed": closed, "decided": decided}
    return users, {k: Proposal.objects.get(pk=v.pk) if v else None for k, v in objects.items()}


def test_the_matrix_covers_every_governance_permission():
    import rules

    declared = {name for name in rules.permissions.permissions if name.startswith("requirements.")}
    assert declared == {perm for perm, _, _ in MATRIX}


@pytest.mark.parametrize(("perm", "obj", "allowed"), MATRIX, ids=[f"{p}-{o}" for p, o, _ in MATRIX])
def test_permission_matrix(world, perm, obj, allowed):
    users, objects = world
    with time_machine.travel(NOW, tick=False):
        result = {role: users[role].has_perm(perm, objects[obj]) for role in ROLES}
    assert {role for role, ok in result.items() if ok} == allowed


# The services enforce the same rules: for each action, exactly the allowed roles succeed.
def _act(action: str, user, objects):
    if action == "add_proposal":
        services.submit_proposal(actor=user, kind="add", requirement_code="LM-OS-96", title="t", reasoning="r",
                                 proposed=new_requirement("LM-OS-96", category="open-interfaces"))
    elif action == "add_comment":
        services.add_comment(actor=user, proposal=objects["commenting"], body="Ein Hinweis.")
    elif action == "withdraw_proposal":
        services.withdraw_proposal(actor=user, proposal=objects["commenting"], reason="überholt")
    elif action == "declare_conflict":
        services.declare_conflict(actor=user, proposal=objects["voting"], reason="befangen")
    elif action == "open_voting":
        services.open_voting(actor=user, proposal=objects["comment_period_over"])
    elif action == "vote":
        services.cast_vote(actor=user, proposal=objects["voting"], choice="yes")
    elif action == "decide":
        services.decide(actor=user, proposal=objects["voting_closed"], reasons="Begründung.")
    elif action == "manage_committee":
        services.appoint_member(actor=user, user=UserFactory(), affiliation="Land", term_start=dt.date(2027, 1, 1),
                                term_end=dt.date(2030, 12, 31))
    else:  # pragma: no cover
        raise AssertionError(action)


SERVICE_MATRIX = [
    ("add_proposal", SITTING),
    ("add_comment", VERIFIED),
    ("withdraw_proposal", {"author", "chair"}),
    ("declare_conflict", {"member", "author", "chair"}),
    ("open_voting", {"chair"}),
    ("vote", {"member", "author", "chair"}),
    ("decide", {"chair"}),
    ("manage_committee", {"operator"}),
]


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(("action", "allowed"), SERVICE_MATRIX, ids=[a for a, _ in SERVICE_MATRIX])
def test_services_enforce_the_matrix(world, role, action, allowed):
    users, objects = world
    user = users[role]
    with time_machine.travel(NOW, tick=False):
        try:
            _act(action, user, objects)
        except (GovernanceError, PermissionDenied):
            succeeded = False
        else:
            succeeded = True
    assert succeeded == (role in allowed)
