from unittest import mock

import pytest
from django.test import RequestFactory
from django.utils import timezone

from factories import ApiTokenFactory
from lichtermeer.accounts import tokens
from lichtermeer.accounts.api_auth import ApiTokenAuth
from lichtermeer.accounts.models import ApiToken
from lichtermeer.accounts.services import authenticate_token

pytestmark = pytest.mark.django_db


def test_it_accepts_a_valid_token_and_notes_its_use():
    token = ApiTokenFactory()
    assert authenticate_token(token.plaintext) == token.user
    token.refresh_from_db()
    assert token.last_used_at is not None


def test_it_rejects_a_revoked_token():
    token = ApiTokenFactory(revoked_at=timezone.now())
    assert authenticate_token(token.plaintext) is None


def test_it_rejects_a_wrong_secret():
    token = ApiTokenFactory()
    assert authenticate_token(f"lm_{token.prefix}_{'x' * 43}") is None


def test_it_rejects_a_token_of_an_inactive_user():
    token = ApiTokenFactory()
    token.user.is_active = False
    token.user.save()
    assert authenticate_token(token.plaintext) is None


@pytest.mark.parametrize(
    "raw",
    [
        "", "lm_", "lm__", "Bearer x", "lm_ABCDEFGH_" + "a" * 43, "lm_abc_" + "a" * 43,
        "xx_abcdefgh_" + "a" * 43, "lm_abcdefgh_" + "a" * 5000, "lm_abcdefgh_ä" + "a" * 40,
        "\x00", None, 12345,
    ],
)
def test_it_rejects_malformed_input_without_raising(raw):
    assert authenticate_token(raw) is None


def test_it_compares_in_constant_time_even_for_an_unknown_prefix():
    token = ApiTokenFactory()
    with mock.patch.object(tokens.hmac, "compare_digest", wraps=tokens.hmac.compare_digest) as spy:
        assert authenticate_token(token.plaintext.replace(token.prefix, "zzzzzzzz")) is None
        assert authenticate_token(f"lm_{token.prefix}_{'y' * 43}") is None
        assert authenticate_token(token.plaintext) == token.user
    # One constant-time comparison per well-formed token, whether or not the prefix exists.
    assert spy.call_count == 3


def test_it_never_stores_the_plaintext():
    token = ApiTokenFactory()
    secret = token.plaintext.split("_", 2)[2]
    stored = ApiToken.objects.filter(pk=token.pk).values().get()
    assert all(secret not in str(value) for value in stored.values())
    assert stored["key_hash"] == tokens.hash_secret(secret)


def test_the_ninja_auth_class_sets_request_auth_and_user():
    token = ApiTokenFactory()
    auth = ApiTokenAuth()
    request = RequestFactory().get("/api/v1/", HTTP_AUTHORIZATION=f"Bearer {token.plaintext}")
    assert auth(request) == token.user
    assert request.user == token.user
    bad = RequestFactory().get("/api/v1/", HTTP_AUTHORIZATION="Bearer lm_nope")
    assert auth(bad) is None
