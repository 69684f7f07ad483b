"""Maps OpenID Connect claims (e.g. from a Keycloak realm) onto Lichtermeer roles.

- `groups` / `roles` / `realm_access.roles` / `resource_access.<client>.roles` → the global roles
  "committee" and "operator". When any of these claims is present it is authoritative: mapped groups
  are added and removed to match. When none is present, the user's groups stay as they are.
- `organisation` (a slug, or a list of slugs) → an *unverified* membership request; an operator decides.
  The role is municipal staff for public-sector organisations and provider editor otherwise;
  `organisation_role` ("provider-editor" / "municipal-staff") overrides that.

The claim names and the value → group table can be changed with the settings OIDC_ROLE_MAP,
OIDC_ORGANISATION_CLAIM and OIDC_ORGANISATION_ROLE_CLAIM.
"""

import logging

from allauth.socialaccount.adapter import DefaultSocialAccountAdapter
from django.conf import settings

from . import roles, services
from .models import Membership, Organisation

logger = logging.getLogger(__name__)

DEFAULT_ROLE_MAP = {
    "operator": roles.OPERATOR,
    "lichtermeer-operator": roles.OPERATOR,
    "committee": roles.COMMITTEE,
    "lichtermeer-committee": roles.COMMITTEE,
}
MAX_CLAIM_VALUES = 200
MAX_ORGANISATIONS_PER_LOGIN = 10


def claims_of(sociallogin) -> dict:
    """ID-token claims overlaid with userinfo claims (allauth stores both in extra_data)."""
    extra = getattr(sociallogin.account, "extra_data", None) or {}
    if "userinfo" in extra or "id_token" in extra:
        merged = dict(extra.get("id_token") or {})
        merged.update(extra.get("userinfo") or {})
        return merged
    return dict(extra)


def _strings(value) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, list | tuple):
        return [item for item in value[:MAX_CLAIM_VALUES] if isinstance(item, str)]
    return []


def role_claim_values(claims: dict, client_id: str = "") -> list[str] | None:
    """All group/role names in the claims, or None when the token carries no such claim at all."""
    found, values = False, []
    for key in ("groups", "roles"):
        if key in claims:
            found = True
            values += _strings(claims[key])
    realm = claims.get("realm_access")
    if isinstance(realm, dict) and "roles" in realm:
        found = True
        values += _strings(realm["roles"])
    resource = claims.get("resource_access")
    if client_id and isinstance(resource, dict) and isinstance(resource.get(client_id), dict):
        found = True
        values += _strings(resource[client_id].get("roles"))
    return values if found else None


def map_global_roles(values: list[str], role_map: dict | None = None) -> set[str]:
    """Keycloak group paths such as "/lichtermeer/operator" match by their last segment."""
    role_map = {k.lower(): v for k, v in (role_map or DEFAULT_ROLE_MAP).items()}
    mapped = set()
    for value in values:
        for candidate in (value.lower(), value.rstrip("/").rsplit("/", 1)[-1].lower()):
            if candidate in role_map and role_map[candidate] in roles.GLOBAL_GROUPS:
                mapped.add(role_map[candidate])
    return mapped


def _membership_role(organisation: Organisation, claimed: str | None) -> str:
    if claimed in Membership.Role.values:
        return claimed
    if organisation.kind in Organisation.PUBLIC_SECTOR_KINDS:
        return Membership.Role.MUNICIPAL_STAFF
    return Membership.Role.PROVIDER_EDITOR


def apply_claims(user, claims: dict, *, client_id: str = "") -> None:
    """Bring the user's global roles and membership requests in line with the identity provider's claims."""
    role_map = getattr(settings, "OIDC_ROLE_MAP", None)
    values = role_claim_values(claims, client_id)
    if values is not None:
        services.set_global_roles(user=user, groups=map_global_roles(values, role_map), source="oidc")

    org_claim = getattr(settings, "OIDC_ORGANISATION_CLAIM", "organisation")
    role_claim = getattr(settings, "OIDC_ORGANISATION_ROLE_CLAIM", "organisation_role")
    claimed_role = claims.get(role_claim) if isinstance(claims.get(role_claim), str) else None
    for slug in _strings(claims.get(org_claim))[:MAX_ORGANISATIONS_PER_LOGIN]:
        organisation = Organisation.objects.filter(slug=slug.strip().lower()[:100]).first()
        if organisation is None:
            logger.info("OIDC organisation claim %r matches no organisation", slug[:100])
            continue
        role = _membership_role(organisation, claimed_role)
        # A claim is a request, never a grant: an operator verifies it like any other.
        services.request_membership(user=user, organisation=organisation, role=role)


class LichtermeerSocialAccountAdapter(DefaultSocialAccountAdapter):
    def save_user(self, request, sociallogin, form=None):
        user = super().save_user(request, sociallogin, form)
        self._apply(sociallogin, user)
        return user

    def pre_social_login(self, request, sociallogin):
        super().pre_social_login(request, sociallogin)
        if sociallogin.is_existing:
            self._apply(sociallogin, sociallogin.user)

    def _apply(self, sociallogin, user) -> None:
        app = _app(sociallogin)
        if app is None or getattr(app, "provider", "") != "openid_connect":
            return
        apply_claims(user, claims_of(sociallogin), client_id=app.client_id or "")


def _app(sociallogin):
    try:
        return sociallogin.account.get_provider().app
    except Exception:  # an unknown or removed provider must not break the login
        logger.warning("No social app for provider %r", getattr(sociallogin.account, "provider", ""))
        return None
