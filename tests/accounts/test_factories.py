import pytest

from factories import (
    ApiTokenFactory,
    MembershipFactory,
    OperatorFactory,
    SolutionFactory,
    UserFactory,
)
from lichtermeer.accounts.services import authenticate_token


@pytest.mark.django_db
def test_user_factory_makes_a_verified_user_with_known_password():
    user = UserFactory()
    assert user.check_password("correct-horse-battery-staple")
    assert user.emailaddress_set.get().verified
    assert UserFactory(email_verified=False).emailaddress_set.get().verified is False


@pytest.mark.django_db
def test_role_factories():
    assert OperatorFactory().groups.filter(name="operator").exists()
    membership = MembershipFactory()
    assert membership.verified and membership.role == "provider-editor"
    assert SolutionFactory(organisation=membership.organisation).listing_status == "draft"


@pytest.mark.django_db
def test_api_token_factory_exposes_a_working_plaintext():
    token = ApiTokenFactory()
    assert token.plaintext.startswith(f"lm_{token.prefix}_")
    assert authenticate_token(token.plaintext) == token.user
