import pytest

from factories import DEFAULT_PASSWORD, UserFactory

pytestmark = pytest.mark.django_db


def log_in(client, user):
    response = client.post("/accounts/login/", {"login": user.email, "password": DEFAULT_PASSWORD})
    assert response.status_code == 302
    assert int(client.session["_auth_user_id"]) == user.pk


def test_the_two_factor_overview_is_reachable_for_a_logged_in_user(client):
    log_in(client, UserFactory())
    assert client.get("/accounts/2fa/").status_code == 200


def test_totp_activation_asks_for_the_password_again_then_shows_the_secret(client):
    log_in(client, UserFactory())
    response = client.get("/accounts/2fa/totp/activate/")
    assert response.status_code == 302 and "/accounts/reauthenticate/" in response["Location"]
    client.post(response["Location"], {"password": DEFAULT_PASSWORD})
    response = client.get("/accounts/2fa/totp/activate/")
    assert response.status_code == 200
    assert response.context["form"].secret


def test_anonymous_users_are_sent_to_login(client):
    response = client.get("/accounts/2fa/totp/activate/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
