"""Who may do what with organisations, memberships and API tokens (django-rules).

Predicates here are also used by other apps' rules.py. Only verified memberships grant anything.
"""

import rules
from allauth.account.models import EmailAddress

from . import roles
from .models import ApiToken, Membership, Organisation


def _active(user) -> bool:
    return bool(user is not None and user.is_authenticated and user.is_active)


@rules.predicate
def is_active_user(user) -> bool:
    return _active(user)


@rules.predicate
def has_verified_email(user) -> bool:
    return _active(user) and EmailAddress.objects.filter(user=user, verified=True).exists()


@rules.predicate
def is_operator(user) -> bool:
    return roles.in_group(user, roles.OPERATOR)


@rules.predicate
def is_committee_member(user) -> bool:
    return roles.in_group(user, roles.COMMITTEE)


def _verified_memberships(user, role: str):
    return Membership.objects.filter(user=user, role=role, verified=True)


@rules.predicate
def is_provider_editor(user) -> bool:
    """Verified provider editor of at least one organisation."""
    return _active(user) and _verified_memberships(user, Membership.Role.PROVIDER_EDITOR).exists()


@rules.predicate
def is_municipal_staff(user) -> bool:
    return _active(user) and _verified_memberships(user, Membership.Role.MUNICIPAL_STAFF).exists()


def _organisation_of(obj) -> Organisation | None:
    if isinstance(obj, Organisation):
        return obj
    organisation_id = getattr(obj, "organisation_id", None)
    return Organisation(pk=organisation_id) if organisation_id else None


def _has_role_in(user, obj, role: str) -> bool:
    """A verified membership with this role in `obj` (an Organisation) or in `obj.organisation`."""
    organisation = _organisation_of(obj)
    if organisation is None or not _active(user):
        return False
    return _verified_memberships(user, role).filter(organisation_id=organisation.pk).exists()


@rules.predicate
def is_editor_of(user, obj) -> bool:
    """Verified provider editor of `obj` (an Organisation) or of `obj.organisation`."""
    return _has_role_in(user, obj, Membership.Role.PROVIDER_EDITOR)


@rules.predicate
def is_staff_of(user, obj) -> bool:
    """Verified municipal staff of `obj` (an Organisation) or of `obj.organisation`."""
    return _has_role_in(user, obj, Membership.Role.MUNICIPAL_STAFF)


@rules.predicate
def owns_token(user, obj) -> bool:
    """No object: may manage own tokens at all. ApiToken: it is the user's own."""
    if not _active(user):
        return False
    if obj is None:
        return True
    if isinstance(obj, ApiToken):
        return obj.user_id == user.pk
    return getattr(obj, "pk", None) == user.pk


rules.add_perm("accounts.view_organisation", rules.always_allow)
rules.add_perm("accounts.change_organisation", is_editor_of | is_operator)
rules.add_perm("accounts.request_membership", has_verified_email)
rules.add_perm("accounts.verify_membership", is_operator)
rules.add_perm("accounts.manage_tokens", owns_token)

# What operators may do in the Django admin (which also requires is_staff). Memberships are verified
# and revoked through admin actions that call the audited services, never by editing or deleting rows.
rules.add_perm("accounts.add_organisation", is_operator)
rules.add_perm("accounts.view_membership", is_operator)
rules.add_perm("accounts.add_membership", is_operator)
rules.add_perm("accounts.view_apitoken", is_operator)
