import pytest
from django.urls import NoReverseMatch, reverse

from factories import ApiTokenFactory, MembershipFactory, OrganisationFactory, UserFactory
from lichtermeer.accounts.models import ApiToken, Membership
from lichtermeer.accounts.services import authenticate_token


def _urlconf():
    try:
        reverse("accounts:tokens")
        return None  # the project already includes the pages
    except NoReverseMatch:
        return "accounts.urls"


pytestmark = [pytest.mark.django_db, pytest.mark.urls(_urlconf() or "lichtermeer.urls")]


def test_a_user_creates_a_token_and_sees_it_once(client):
    user = UserFactory()
    client.force_login(user)
    response = client.post("/accounts/tokens/", {"name": "Beschaffung"})
    assert response.status_code == 200
    plaintext = response.context["plaintext"]
    assert authenticate_token(plaintext) == user
    assert "no-store" in response["Cache-Control"]
    page = client.get("/accounts/tokens/")
    assert plaintext.encode() not in page.content and b"Beschaffung" in page.content


def test_an_empty_name_is_refused_with_422(client):
    client.force_login(UserFactory())
    assert client.post("/accounts/tokens/", {"name": ""}).status_code == 422
    assert not ApiToken.objects.exists()


def test_a_user_revokes_only_own_tokens(client):
    own, foreign = ApiTokenFactory(), ApiTokenFactory()
    client.force_login(own.user)
    assert client.post(f"/accounts/tokens/{foreign.pk}/revoke/").status_code == 404
    assert client.post(f"/accounts/tokens/{own.pk}/revoke/").status_code == 302
    assert authenticate_token(own.plaintext) is None
    assert authenticate_token(foreign.plaintext) == foreign.user


def test_anonymous_users_are_sent_to_login(client):
    assert "/accounts/login/" in client.get("/accounts/tokens/")["Location"]
    assert "/accounts/login/" in client.get("/accounts/organisations/")["Location"]


def test_a_user_requests_a_membership_and_can_withdraw_it(client):
    user, org = UserFactory(), OrganisationFactory()
    client.force_login(user)
    response = client.post("/accounts/organisations/", {"organisation": org.pk, "role": "provider-editor"})
    assert response.status_code == 302
    membership = Membership.objects.get(user=user)
    assert not membership.verified
    assert client.post(f"/accounts/organisations/{membership.pk}/leave/").status_code == 302
    assert not Membership.objects.filter(user=user).exists()


def test_a_user_cannot_leave_for_someone_else(client):
    other = MembershipFactory()
    client.force_login(UserFactory())
    assert client.post(f"/accounts/organisations/{other.pk}/leave/").status_code == 404


def test_unverified_email_cannot_request(client):
    client.force_login(UserFactory(email_verified=False))
    org = OrganisationFactory()
    assert client.get("/accounts/organisations/").status_code == 200
    response = client.post("/accounts/organisations/", {"organisation": org.pk, "role": "provider-editor"})
    assert response.status_code == 403


def test_a_bad_role_is_refused_with_422(client):
    client.force_login(UserFactory())
    org = OrganisationFactory()
    response = client.post("/accounts/organisations/", {"organisation": org.pk, "role": "operator"})
    assert response.status_code == 422
    assert not Membership.objects.exists()


def test_the_pages_render_in_english(client):
    client.force_login(MembershipFactory().user)
    assert client.get("/en/accounts/organisations/").status_code == 200
    assert client.get("/en/accounts/tokens/").status_code == 200
