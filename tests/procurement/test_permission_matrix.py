"""Every role × procurement action × object, allowed or denied. The table is the specification."""

import pytest
import rules
from django.contrib.auth.models import AnonymousUser

from factories import CommitteeMemberFactory, MembershipFactory, OperatorFactory, UserFactory
from lichtermeer.procurement import services
from lichtermeer.procurement.models import Evaluation
from municipal_support import staff_of

from .support import shortlist_of

ROLES = ("anonymous", "unverified_user", "verified_user", "owner", "colleague", "unverified_colleague",
         "foreign_staff", "provider_editor", "committee", "operator")
SIGNED_IN_VERIFIED = {"verified_user", "owner", "colleague", "unverified_colleague", "foreign_staff",
                      "provider_editor", "committee", "operator"}

MATRIX = [
    ("procurement.keep_shortlists", None, SIGNED_IN_VERIFIED),
    ("procurement.view_shortlist", "shortlist", {"owner", "colleague"}),
    ("procurement.view_shortlist", "private_shortlist", {"owner"}),
    ("procurement.change_shortlist", "shortlist", {"owner"}),
    ("procurement.create_evaluation", "shortlist", {"owner"}),
    ("procurement.view_evaluation", "draft", {"owner", "colleague"}),
    ("procurement.change_evaluation", "draft", {"owner"}),
    ("procurement.change_evaluation", "recorded", set()),
    ("procurement.record_evaluation", "draft", {"owner"}),
    ("procurement.record_evaluation", "recorded", set()),
    ("procurement.view_evaluation", "recorded", {"owner", "colleague"}),
    ("procurement.copy_evaluation", "recorded", {"owner", "colleague"}),
    ("procurement.generate_tender", "recorded", {"owner", "colleague"}),
]


@pytest.fixture
def matrix_world(world):
    owner = world.staff
    shortlist = shortlist_of(owner, [world.parking])
    private = services.create_shortlist(actor=UserFactory(), name="privat")  # no organisation
    private.owner = owner
    private.save()
    draft = services.create_evaluation(actor=owner, shortlist=shortlist, title="Entwurf")
    recorded = services.create_evaluation(actor=owner, shortlist=shortlist, title="Festgehalten")
    Evaluation.objects.filter(pk=recorded.pk).update(status=Evaluation.Status.RECORDED)
    users = {
        "anonymous": AnonymousUser(),
        "unverified_user": UserFactory(email_verified=False),
        "verified_user": UserFactory(),
        "owner": owner,
        "colleague": world.colleague,
        "unverified_colleague": staff_of(world.town, verified=False),
        "foreign_staff": world.foreign_staff,
        "provider_editor": MembershipFactory().user,
        "committee": CommitteeMemberFactory(),
        "operator": OperatorFactory(),
    }
    objects = {None: None, "shortlist": shortlist, "private_shortlist": private,
               "draft": Evaluation.objects.get(pk=draft.pk), "recorded": Evaluation.objects.get(pk=recorded.pk)}
    return users, objects


def test_the_matrix_covers_every_procurement_permission():
    declared = {name for name in rules.permissions.permissions if name.startswith("procurement.")}
    assert declared == {perm for perm, _, _ in MATRIX}


@pytest.mark.parametrize(("perm", "obj", "allowed"), MATRIX, ids=[f"{p}-{o}" for p, o, _ in MATRIX])
def test_permission_matrix(matrix_world, perm, obj, allowed):
    users, objects = matrix_world
    granted = {role for role in ROLES if users[role].has_perm(perm, objects[obj])}
    assert granted == allowed


def test_a_staff_member_who_left_loses_the_evaluation(world):
    shortlist = shortlist_of(world.staff, [world.parking])
    evaluation = services.create_evaluation(actor=world.staff, shortlist=shortlist, title="Entwurf")
    world.staff.memberships.update(verified=False)
    assert world.staff.has_perm("procurement.view_evaluation", evaluation)  # still the owner: may read
    assert not world.staff.has_perm("procurement.change_evaluation", evaluation)
