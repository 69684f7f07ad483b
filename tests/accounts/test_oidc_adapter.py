from types import SimpleNamespace

import pytest

from factories import OrganisationFactory, UserFactory
from lichtermeer.accounts.adapters import LichtermeerSocialAccountAdapter, apply_claims, map_global_roles
from lichtermeer.accounts.models import Membership, Organisation
from lichtermeer.audit.models import AuditEntry

pytestmark = pytest.mark.django_db


def fake_sociallogin(user, *, userinfo=None, id_token=None, provider="openid_connect", existing=True):
    app = SimpleNamespace(provider=provider, client_id="lichtermeer")
    account = SimpleNamespace(
        provider="keycloak",
        extra_data={"userinfo": userinfo or {}, "id_token": id_token or {}},
        get_provider=lambda: SimpleNamespace(app=app),
    )
    return SimpleNamespace(user=user, account=account, is_existing=existing)


def groups_of(user):
    return set(user.groups.values_list("name", flat=True))


def test_it_maps_keycloak_group_paths_and_roles():
    assert map_global_roles(["/lichtermeer/operator", "offline_access"]) == {"operator"}
    assert map_global_roles(["Lichtermeer-Committee"]) == {"committee"}
    assert map_global_roles(["admin", "/operators-of-something-else"]) == set()


def test_an_existing_user_gets_the_groups_from_the_claims():
    user = UserFactory()
    login = fake_sociallogin(user, userinfo={"groups": ["/lichtermeer/committee"]},
                             id_token={"realm_access": {"roles": ["operator"]}})
    LichtermeerSocialAccountAdapter().pre_social_login(None, login)
    assert groups_of(user) == {"committee", "operator"}
    assert AuditEntry.objects.get(action="roles.changed").data["source"] == "oidc"


def test_a_present_claim_is_authoritative_and_removes_groups():
    user = UserFactory(groups=["operator", "committee"])
    apply_claims(user, {"groups": []})
    assert groups_of(user) == set()


def test_a_missing_claim_leaves_groups_alone():
    user = UserFactory(groups=["operator"])
    apply_claims(user, {"email": "x@example.org"})
    assert groups_of(user) == {"operator"}


def test_client_roles_count_for_the_configured_client_only():
    user = UserFactory()
    apply_claims(user, {"resource_access": {"other-app": {"roles": ["operator"]}}}, client_id="lichtermeer")
    assert groups_of(user) == set()
    apply_claims(user, {"resource_access": {"lichtermeer": {"roles": ["operator"]}}}, client_id="lichtermeer")
    assert groups_of(user) == {"operator"}


def test_an_organisation_claim_becomes_an_unverified_request():
    company = OrganisationFactory(slug="beispiel-smart-solutions")
    town = OrganisationFactory(slug="stadt-musterstadt", kind=Organisation.Kind.MUNICIPALITY)
    user = UserFactory()
    apply_claims(user, {"organisation": ["beispiel-smart-solutions", "stadt-musterstadt", "no-such-org"]})
    memberships = {(m.organisation, m.role, m.verified) for m in Membership.objects.filter(user=user)}
    assert memberships == {
        (company, Membership.Role.PROVIDER_EDITOR, False),
        (town, Membership.Role.MUNICIPAL_STAFF, False),
    }


def test_the_role_claim_overrides_the_membership_role():
    OrganisationFactory(slug="muster-it")
    user = UserFactory()
    apply_claims(user, {"organisation": "muster-it", "organisation_role": "municipal-staff"})
    assert Membership.objects.get(user=user).role == Membership.Role.MUNICIPAL_STAFF


def test_hostile_claim_shapes_are_ignored():
    user = UserFactory()
    apply_claims(user, {"groups": {"operator": True}, "realm_access": "operator", "organisation": 42})
    assert groups_of(user) == set()
    assert not Membership.objects.filter(user=user).exists()


def test_other_providers_are_not_mapped():
    user = UserFactory()
    login = fake_sociallogin(user, userinfo={"groups": ["operator"]}, provider="github")
    LichtermeerSocialAccountAdapter().pre_social_login(None, login)
    assert groups_of(user) == set()


def test_a_new_user_is_mapped_on_signup(monkeypatch):
    from allauth.socialaccount.adapter import DefaultSocialAccountAdapter

    user = UserFactory()
    def save_user(self, request, login, form=None):
        return login.user  # the real one saves the SocialAccount, which the fake does not have

    monkeypatch.setattr(DefaultSocialAccountAdapter, "save_user", save_user)
    login = fake_sociallogin(user, userinfo={"roles": ["committee"]}, existing=False)
    LichtermeerSocialAccountAdapter().save_user(None, login)
    assert groups_of(user) == {"committee"}


def test_the_documented_callback_url_is_the_one_allauth_serves(settings):
    from django.urls import reverse

    settings.SOCIALACCOUNT_PROVIDERS = {"openid_connect": {"APPS": [{
        "provider_id": "keycloak", "name": "Kommunales Login", "client_id": "lichtermeer", "secret": "s",
        "settings": {"server_url": "https://sso.example.org/realms/kommune"},
    }]}}
    assert reverse("openid_connect_callback", kwargs={"provider_id": "keycloak"}) == (
        "/accounts/oidc/keycloak/login/callback/"
    )
