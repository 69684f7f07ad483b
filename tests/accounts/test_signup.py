import re

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.cache import cache

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _no_rate_limits_between_tests():
    # allauth rate-limits mails per address in the cache; a fresh cache keeps tests independent.
    cache.clear()
    yield
    cache.clear()

PASSWORD = "a-long-and-unusual-passphrase"


def sign_up(client, email="neu@example.org"):
    return client.post(
        "/accounts/signup/", {"email": email, "password1": PASSWORD, "password2": PASSWORD}
    )


def test_signup_sends_a_verification_mail_and_does_not_log_in(client):
    response = sign_up(client)
    assert response.status_code == 302
    assert "confirm-email" in response["Location"]
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["neu@example.org"]
    assert not EmailAddress.objects.get(email="neu@example.org").verified
    assert "_auth_user_id" not in client.session


def test_login_is_refused_until_the_address_is_verified(client):
    sign_up(client)
    response = client.post("/accounts/login/", {"login": "neu@example.org", "password": PASSWORD})
    assert "_auth_user_id" not in client.session
    assert "confirm-email" in response["Location"]

    link = re.search(r"https?://[^\s]+/accounts/confirm-email/[^\s/]+/", mail.outbox[-1].body).group(0)
    path = link.split("testserver", 1)[-1]
    client.post(path)
    assert EmailAddress.objects.get(email="neu@example.org").verified
    client.post("/accounts/login/", {"login": "neu@example.org", "password": PASSWORD})
    assert int(client.session["_auth_user_id"]) == get_user_model().objects.get(email="neu@example.org").pk


def test_signup_rejects_a_weak_password(client):
    response = client.post(
        "/accounts/signup/", {"email": "weak@example.org", "password1": "123", "password2": "123"}
    )
    assert response.status_code == 200
    assert not get_user_model().objects.filter(email="weak@example.org").exists()
    assert mail.outbox == []
