"""Every role × municipal action × object, allowed or denied. The table is the specification."""

import datetime as dt

import pytest
from django.contrib.auth.models import AnonymousUser

from factories import CommitteeMemberFactory, MembershipFactory, OperatorFactory, UserFactory
from lichtermeer.accounts.models import Membership
from lichtermeer.municipalities import services
from lichtermeer.municipalities.models import Municipality
from municipal_support import municipality, staff_of

ROLES = ("anonymous", "verified_user", "unverified_user", "unverified_staff_a", "staff_a", "staff_b",
         "provider_editor", "committee", "operator")
EVERYONE = set(ROLES)
VERIFIED = EVERYONE - {"anonymous", "unverified_user"}

MATRIX = [
    ("municipalities.view_municipality", "town_a", EVERYONE),
    ("municipalities.change_inventory", "town_a", {"staff_a"}),
    ("municipalities.change_inventory", "town_b", {"staff_b"}),
    ("municipalities.change_inventory", "dissolved_a", set()),
    ("municipalities.change_platform", "town_a", {"staff_a"}),
    ("municipalities.manage_contacts", "town_a", {"staff_a"}),
    ("municipalities.submit_report", "town_a", {"staff_a"}),
    ("municipalities.submit_report", "town_b", {"staff_b"}),
    ("municipalities.moderate_report", None, {"operator"}),
    ("municipalities.manage_shared_service", "town_a", {"staff_a"}),
    ("municipalities.send_reuse_request", "town_a", VERIFIED),
]


@pytest.fixture
def world(db):
    town_a = municipality("09162000", "München, Landeshauptstadt")
    town_b = municipality("05315000", "Köln, Stadt", postcode="50667")
    dissolved = municipality("09162999", "Altgemeinde")
    staff_a = staff_of(town_a)
    # staff_a also works for the dissolved municipality: still no inventory changes there.
    MembershipFactory(user=staff_a, organisation=services.organisation_for(dissolved),
                      role=Membership.Role.MUNICIPAL_STAFF)
    Municipality.objects.filter(pk=dissolved.pk).update(dissolved_on=dt.date(2025, 11, 30))
    users = {
        "anonymous": AnonymousUser(),
        "verified_user": UserFactory(),
        "unverified_user": UserFactory(email_verified=False),
        "unverified_staff_a": staff_of(town_a, verified=False),
        "staff_a": staff_a,
        "staff_b": staff_of(town_b),
        "provider_editor": MembershipFactory().user,
        "committee": CommitteeMemberFactory(),
        "operator": OperatorFactory(),
    }
    fresh = {m.pk: m for m in Municipality.objects.all()}
    objects = {None: None, "town_a": fresh[town_a.pk], "town_b": fresh[town_b.pk], "dissolved_a": fresh[dissolved.pk]}
    return users, objects


def test_the_matrix_covers_every_municipal_permission():
    import rules

    declared = {name for name in rules.permissions.permissions if name.startswith("municipalities.")}
    assert declared == {perm for perm, _, _ in MATRIX}


@pytest.mark.parametrize(("perm", "obj", "allowed"), MATRIX, ids=[f"{p}-{o}" for p, o, _ in MATRIX])
def test_permission_matrix(world, perm, obj, allowed):
    users, objects = world
    granted = {role for role in ROLES if users[role].has_perm(perm, objects[obj])}
    assert granted == allowed
