"""Writes of the accounts app: memberships and API tokens. Every decision is audit-logged."""

import datetime as dt

from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from lichtermeer.audit import services as audit

from . import roles, tokens
from .models import ApiToken, Membership, Organisation

MAX_ACTIVE_TOKENS_PER_USER = 20
TOKEN_NAME_MAX_LENGTH = 100
# last_used_at is informative only; writing it on every request would make every API read a write.
LAST_USED_RESOLUTION = dt.timedelta(seconds=60)


def _require(actor, perm: str, obj=None) -> None:
    if actor is None or not actor.has_perm(perm, obj):
        raise PermissionDenied(_("You are not allowed to do this."))


@transaction.atomic
def request_membership(*, user, organisation: Organisation, role: str, actor=None) -> Membership:
    """Ask to act for `organisation` in `role`: an unverified membership (or the existing one)."""
    if role not in Membership.Role.values:
        raise ValidationError(_("Unknown role: %(role)s") % {"role": role})
    if not user.is_authenticated or not user.is_active:
        raise PermissionDenied(_("You are not allowed to do this."))
    membership, created = Membership.objects.get_or_create(user=user, organisation=organisation, role=role)
    if created:
        audit.record(
            action="membership.requested",
            actor=actor or user,
            obj=membership,
            data={"user": user.pk, "organisation": organisation.slug, "role": role},
        )
    return membership


@transaction.atomic
def verify_membership(*, membership: Membership, actor) -> Membership:
    """An operator confirms that the user really acts for the organisation."""
    _require(actor, "accounts.verify_membership", membership)
    # Re-read under lock so two operators clicking at once log one decision.
    membership = Membership.objects.select_for_update().get(pk=membership.pk)
    if not membership.verified:
        membership.verified = True
        membership.save(update_fields=["verified"])
        audit.record(
            action="membership.verified",
            actor=actor,
            obj=membership,
            data={"user": membership.user_id, "organisation": membership.organisation.slug,
                  "role": membership.role},
            before={"verified": False},
            after={"verified": True},
        )
    return membership


@transaction.atomic
def revoke_membership(*, membership: Membership, actor, reason: str = "") -> None:
    """Remove a membership (verified or pending): operators for anyone, users for themselves."""
    if actor is None or not actor.is_authenticated or (
        membership.user_id != actor.pk and not actor.has_perm("accounts.verify_membership", membership)
    ):
        raise PermissionDenied(_("You are not allowed to do this."))
    data = {
        "user": membership.user_id,
        "organisation": membership.organisation.slug,
        "role": membership.role,
        "was_verified": membership.verified,
        "reason": reason[:500],
    }
    audit.record(action="membership.revoked", actor=actor, obj=membership, data=data)
    membership.delete()


@transaction.atomic
def set_global_roles(*, user, groups: set[str], actor=None, source: str = "") -> bool:
    """Make the user's global roles (committee, operator) exactly `groups`. True when something changed."""
    wanted = set(groups) & set(roles.GLOBAL_GROUPS)
    current = set(user.groups.filter(name__in=roles.GLOBAL_GROUPS).values_list("name", flat=True))
    if wanted == current:
        return False
    for name in wanted - current:
        user.groups.add(Group.objects.get_or_create(name=name)[0])
    for name in current - wanted:
        user.groups.remove(Group.objects.get(name=name))
    roles.forget_cached_roles(user)
    audit.record(
        action="roles.changed",
        actor=actor,
        obj=user,
        data={"added": sorted(wanted - current), "removed": sorted(current - wanted), "source": source},
        before={"groups": sorted(current)},
        after={"groups": sorted(wanted)},
    )
    return True


def _clean_token_name(name: str) -> str:
    name = (name or "").strip()
    if not name:
        raise ValidationError(_("Please give the token a name."))
    if len(name) > TOKEN_NAME_MAX_LENGTH:
        raise ValidationError(
            _("The name may have at most %(max)d characters.") % {"max": TOKEN_NAME_MAX_LENGTH}
        )
    return name


@transaction.atomic
def create_api_token(*, user, name: str) -> tuple[ApiToken, str]:
    """A new token for `user`. The plaintext is returned once and never stored."""
    _require(user, "accounts.manage_tokens", user)
    name = _clean_token_name(name)
    active = ApiToken.objects.filter(user=user, revoked_at__isnull=True).count()
    if active >= MAX_ACTIVE_TOKENS_PER_USER:
        raise ValidationError(
            _("You already have %(max)d active tokens; revoke one first.")
            % {"max": MAX_ACTIVE_TOKENS_PER_USER}
        )
    secret = tokens.new_secret()
    for _attempt in range(5):
        try:
            with transaction.atomic():
                token = ApiToken.objects.create(
                    user=user, name=name, prefix=tokens.new_prefix(), key_hash=tokens.hash_secret(secret)
                )
            break
        except IntegrityError:  # prefix collision: 36^8 space, so this is rare
            continue
    else:
        raise RuntimeError("Could not allocate a unique token prefix")
    audit.record(
        action="api_token.created", actor=user, obj=token, data={"name": name, "prefix": token.prefix}
    )
    return token, tokens.format_token(token.prefix, secret)


@transaction.atomic
def revoke_api_token(*, token: ApiToken, actor) -> ApiToken:
    """Revoke a token: its owner or an operator. Revoking twice is harmless."""
    if not (actor is not None and (actor.has_perm("accounts.manage_tokens", token)
                                   or actor.has_perm("accounts.verify_membership"))):
        raise PermissionDenied(_("You are not allowed to do this."))
    token = ApiToken.objects.select_for_update().get(pk=token.pk)
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
        audit.record(
            action="api_token.revoked",
            actor=actor,
            obj=token,
            data={"name": token.name, "prefix": token.prefix, "owner": token.user_id},
        )
    return token


# A hash that no secret maps to in practice: compared when the prefix is unknown, so a miss costs
# the same as a wrong secret and the response time does not reveal which prefixes exist.
_DUMMY_HASH = tokens.hash_secret("lichtermeer-no-such-token")


def authenticate_token(raw: str):
    """The active user owning the token `raw`, or None. Never raises on malformed input."""
    parts = tokens.split_token(raw)
    if parts is None:
        return None
    prefix, secret = parts
    token = (
        ApiToken.objects.select_related("user")
        .filter(prefix=prefix, revoked_at__isnull=True)
        .first()
    )
    matches = tokens.secret_matches(secret, token.key_hash if token else _DUMMY_HASH)
    if token is None or not matches or not token.user.is_active:
        return None
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at > LAST_USED_RESOLUTION:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token.user
