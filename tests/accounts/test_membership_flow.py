import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from factories import MembershipFactory, OperatorFactory, OrganisationFactory, SolutionFactory, UserFactory
from lichtermeer.accounts import services
from lichtermeer.accounts.models import Membership
from lichtermeer.accounts.selectors import editable_organisations, pending_memberships
from lichtermeer.audit.models import AuditEntry

pytestmark = pytest.mark.django_db


def test_a_request_grants_nothing_until_an_operator_verifies_it():
    user, org = UserFactory(), OrganisationFactory()
    solution = SolutionFactory(organisation=org)
    role = Membership.Role.PROVIDER_EDITOR
    membership = services.request_membership(user=user, organisation=org, role=role)
    assert not membership.verified and list(pending_memberships()) == [membership]
    assert not user.has_perm("solutions.change_solution", solution)
    assert list(editable_organisations(user)) == []

    services.verify_membership(membership=membership, actor=OperatorFactory())
    assert user.has_perm("solutions.change_solution", solution)
    assert list(editable_organisations(user)) == [org]
    entry = AuditEntry.objects.get(action="membership.verified")
    assert entry.object_id == str(membership.pk) and entry.after == {"verified": True}


def test_requesting_twice_returns_the_same_membership():
    user, org = UserFactory(), OrganisationFactory()
    first = services.request_membership(user=user, organisation=org, role="provider-editor")
    assert services.request_membership(user=user, organisation=org, role="provider-editor") == first
    assert AuditEntry.objects.filter(action="membership.requested").count() == 1


def test_it_rejects_an_unknown_role():
    with pytest.raises(ValidationError):
        services.request_membership(user=UserFactory(), organisation=OrganisationFactory(), role="admin")


def test_it_rejects_verification_by_a_non_operator():
    membership = MembershipFactory(verified=False)
    editor = MembershipFactory(organisation=membership.organisation).user
    with pytest.raises(PermissionDenied):
        services.verify_membership(membership=membership, actor=editor)
    membership.refresh_from_db()
    assert not membership.verified


def test_revoking_removes_the_rights_and_is_logged():
    membership = MembershipFactory()
    solution = SolutionFactory(organisation=membership.organisation)
    user = membership.user
    services.revoke_membership(membership=membership, actor=OperatorFactory(), reason="left the company")
    assert not user.has_perm("solutions.change_solution", solution)
    assert AuditEntry.objects.get(action="membership.revoked").data["was_verified"] is True


def test_a_user_may_leave_but_not_remove_others():
    membership = MembershipFactory()
    with pytest.raises(PermissionDenied):
        services.revoke_membership(membership=membership, actor=UserFactory())
    services.revoke_membership(membership=membership, actor=membership.user)
    assert not Membership.objects.filter(pk=membership.pk).exists()


def test_operators_may_edit_every_organisation():
    orgs = {OrganisationFactory(), OrganisationFactory()}
    assert set(editable_organisations(OperatorFactory())) == orgs


def test_municipal_staff_edits_no_organisation():
    membership = MembershipFactory(role=Membership.Role.MUNICIPAL_STAFF)
    assert list(editable_organisations(membership.user)) == []
