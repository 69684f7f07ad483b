"""Every role × interop action, allowed or denied. The table is the specification."""

import pytest
from django.contrib.auth.models import AnonymousUser

from factories import CommitteeMemberFactory, MembershipFactory, OperatorFactory, UserFactory
from municipal_support import municipality, staff_of

ROLES = ("anonymous", "verified_user", "unverified_user", "unverified_staff", "staff", "provider_editor",
         "committee", "operator")
EVERYONE = set(ROLES)

MATRIX = [
    ("interop.view_standard", EVERYONE),
    ("interop.add_standard", {"operator"}),
    ("interop.change_standard", {"operator"}),
    ("interop.retire_standard", {"operator"}),
    ("interop.change_adapter", {"operator"}),
    ("interop.compare_with_own_inventory", {"staff"}),
]


@pytest.fixture
def users(db):
    town = municipality()
    return {
        "anonymous": AnonymousUser(),
        "verified_user": UserFactory(),
        "unverified_user": UserFactory(email_verified=False),
        "unverified_staff": staff_of(town, verified=False),
        "staff": staff_of(town),
        "provider_editor": MembershipFactory().user,
        "committee": CommitteeMemberFactory(),
        "operator": OperatorFactory(),
    }


def test_the_matrix_covers_every_interop_permission():
    import rules

    declared = {name for name in rules.permissions.permissions if name.startswith("interop.")}
    assert declared == {perm for perm, _ in MATRIX}


@pytest.mark.parametrize(("perm", "allowed"), MATRIX, ids=[p for p, _ in MATRIX])
def test_permission_matrix(users, perm, allowed):
    assert {role for role in ROLES if users[role].has_perm(perm)} == allowed
