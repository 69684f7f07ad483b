import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from factories import ApiTokenFactory, OperatorFactory, UserFactory
from lichtermeer.accounts import services
from lichtermeer.accounts.selectors import tokens_of
from lichtermeer.audit.models import AuditEntry

pytestmark = pytest.mark.django_db


def test_it_creates_a_token_and_shows_the_plaintext_once():
    user = UserFactory()
    token, plaintext = services.create_api_token(user=user, name="CI export")
    assert plaintext.startswith(f"lm_{token.prefix}_") and len(token.prefix) == 8
    assert services.authenticate_token(plaintext) == user
    assert list(tokens_of(user)) == [token]
    entry = AuditEntry.objects.get(action="api_token.created")
    assert plaintext.split("_", 2)[2] not in str(entry.data)


@pytest.mark.parametrize("name", ["", "   ", "x" * 101])
def test_it_rejects_a_bad_name(name):
    with pytest.raises(ValidationError):
        services.create_api_token(user=UserFactory(), name=name)


def test_it_limits_active_tokens_per_user(monkeypatch):
    monkeypatch.setattr(services, "MAX_ACTIVE_TOKENS_PER_USER", 2)
    user = UserFactory()
    services.create_api_token(user=user, name="a")
    services.create_api_token(user=user, name="b")
    with pytest.raises(ValidationError):
        services.create_api_token(user=user, name="c")


def test_it_refuses_tokens_for_anonymous_users():
    from django.contrib.auth.models import AnonymousUser

    with pytest.raises(PermissionDenied):
        services.create_api_token(user=AnonymousUser(), name="x")


def test_the_owner_revokes_and_it_is_logged_once():
    token = ApiTokenFactory()
    services.revoke_api_token(token=token, actor=token.user)
    services.revoke_api_token(token=token, actor=token.user)
    assert services.authenticate_token(token.plaintext) is None
    assert AuditEntry.objects.filter(action="api_token.revoked").count() == 1


def test_it_rejects_revoking_a_foreign_token():
    token = ApiTokenFactory()
    with pytest.raises(PermissionDenied):
        services.revoke_api_token(token=token, actor=UserFactory())
    assert services.authenticate_token(token.plaintext) == token.user


def test_an_operator_may_revoke_any_token():
    token = ApiTokenFactory()
    services.revoke_api_token(token=token, actor=OperatorFactory())
    token.refresh_from_db()
    assert token.revoked_at is not None
