"""Every role × action × object, allowed or denied. The table is the specification; edit it deliberately."""

import pytest
from django.contrib.auth.models import AnonymousUser

from factories import (
    ApiTokenFactory,
    CommitteeMemberFactory,
    MembershipFactory,
    MunicipalityFactory,
    OperatorFactory,
    OrganisationFactory,
    SolutionFactory,
    UserFactory,
)
from lichtermeer.accounts.models import Membership

ROLES = (
    "anonymous",
    "verified_user",
    "unverified_editor_a",
    "editor_a",
    "editor_b",
    "municipal_staff",
    "committee",
    "operator",
)
EVERYONE = set(ROLES)
SIGNED_IN = EVERYONE - {"anonymous"}
EDITOR_A = {"editor_a", "operator"}
OPERATOR = {"operator"}

# (permission, object, roles that are allowed); every other role is denied.
MATRIX = [
    ("solutions.view_solution", "draft_a", EDITOR_A),
    ("solutions.view_solution", "submitted_a", EVERYONE),
    ("solutions.view_solution", None, EVERYONE),
    ("solutions.export_solution", "draft_a", EDITOR_A),
    ("solutions.export_solution", "submitted_a", EVERYONE),
    ("solutions.add_solution", None, {"editor_a", "editor_b", "operator"}),
    ("solutions.add_solution", "org_a", EDITOR_A),
    ("solutions.change_solution", "draft_a", EDITOR_A),
    ("solutions.change_solution", "submitted_a", EDITOR_A),
    ("solutions.change_solution", None, OPERATOR),
    ("solutions.set_listing_status", "draft_a", OPERATOR),
    ("solutions.set_listing_status", "submitted_a", OPERATOR),
    ("accounts.view_organisation", "org_a", EVERYONE),
    ("accounts.change_organisation", "org_a", EDITOR_A),
    ("accounts.change_organisation", "org_b", {"editor_b", "operator"}),
    ("accounts.verify_membership", None, OPERATOR),
    ("accounts.verify_membership", "pending_membership", OPERATOR),
    ("accounts.request_membership", None, SIGNED_IN),
    ("accounts.manage_tokens", None, SIGNED_IN),
    ("accounts.manage_tokens", "token_of_editor_a", {"editor_a"}),
]


@pytest.fixture
def world(db):
    org_a = OrganisationFactory(slug="org-a")
    org_b = OrganisationFactory(slug="org-b")
    town = MunicipalityFactory()
    users = {
        "anonymous": AnonymousUser(),
        "verified_user": UserFactory(),
        "unverified_editor_a": MembershipFactory(organisation=org_a, verified=False).user,
        "editor_a": MembershipFactory(organisation=org_a).user,
        "editor_b": MembershipFactory(organisation=org_b).user,
        "municipal_staff": MembershipFactory(organisation=town, role=Membership.Role.MUNICIPAL_STAFF).user,
        "committee": CommitteeMemberFactory(),
        "operator": OperatorFactory(),
    }
    objects = {
        None: None,
        "org_a": org_a,
        "org_b": org_b,
        "draft_a": SolutionFactory(organisation=org_a),
        "submitted_a": SolutionFactory(organisation=org_a, listing_status="submitted"),
        "pending_membership": Membership.objects.get(user=users["unverified_editor_a"]),
        "token_of_editor_a": ApiTokenFactory(user=users["editor_a"]),
    }
    return users, objects


CELLS = [
    pytest.param(role, perm, obj, role in allowed, id=f"{perm}-{obj}-{role}")
    for perm, obj, allowed in MATRIX
    for role in ROLES
]


@pytest.mark.parametrize(("role", "perm", "obj", "expected"), CELLS)
def test_permission_matrix(world, role, perm, obj, expected):
    users, objects = world
    assert users[role].has_perm(perm, objects[obj]) is expected


def test_matrix_names_only_known_roles():
    for _perm, _obj, allowed in MATRIX:
        assert allowed <= EVERYONE
