import pytest

from factories import ApiTokenFactory, MembershipFactory, OperatorFactory, SolutionFactory, UserFactory
from lichtermeer.audit import services as audit
from lichtermeer.audit.models import AuditEntry

pytestmark = pytest.mark.django_db


@pytest.fixture
def operator_client(client):
    operator = OperatorFactory(is_staff=True)
    client.force_login(operator)
    return client


def test_an_operator_verifies_memberships_with_the_admin_action(operator_client):
    membership = MembershipFactory(verified=False)
    response = operator_client.post(
        "/admin/accounts/membership/",
        {"action": "verify", "_selected_action": [membership.pk]},
    )
    assert response.status_code == 302
    membership.refresh_from_db()
    assert membership.verified
    assert AuditEntry.objects.filter(action="membership.verified").count() == 1


@pytest.mark.parametrize(
    "path",
    ["/admin/accounts/organisation/", "/admin/accounts/membership/", "/admin/accounts/apitoken/",
     "/admin/audit/auditentry/", "/admin/solutions/solution/", "/admin/solutions/solutionversion/"],
)
def test_the_operator_sees_the_admin_lists(operator_client, path):
    ApiTokenFactory()
    SolutionFactory()
    audit.record(action="test.entry")
    assert operator_client.get(path).status_code == 200


def test_audit_entries_cannot_be_added_changed_or_deleted(operator_client):
    entry = audit.record(action="test.entry")
    base = f"/admin/audit/auditentry/{entry.pk}"
    assert operator_client.get("/admin/audit/auditentry/add/").status_code == 403
    assert operator_client.post(f"{base}/change/", {"action": "x"}).status_code == 403
    assert operator_client.post(f"{base}/delete/", {"post": "yes"}).status_code == 403
    entry.refresh_from_db()
    assert entry.action == "test.entry"


def test_token_hashes_are_read_only(operator_client):
    token = ApiTokenFactory()
    page = operator_client.get(f"/admin/accounts/apitoken/{token.pk}/change/")
    assert page.status_code == 200
    assert b'name="key_hash"' not in page.content


def test_an_operator_suspends_a_solution_through_the_service(operator_client):
    solution = SolutionFactory(listing_status="admitted")
    operator_client.post(
        "/admin/solutions/solution/", {"action": "set_status_suspended", "_selected_action": [solution.pk]}
    )
    solution.refresh_from_db()
    assert solution.listing_status == "suspended"
    assert AuditEntry.objects.filter(action="solution.status_changed").exists()


def test_staff_without_the_operator_role_sees_nothing(client):
    client.force_login(UserFactory(is_staff=True))
    assert client.get("/admin/accounts/membership/").status_code == 403
    assert client.get("/admin/audit/auditentry/").status_code == 403
