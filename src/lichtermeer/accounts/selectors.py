"""Reads of the accounts app."""

from django.db.models import QuerySet

from .models import ApiToken, Membership, Organisation
from .rules import is_active_user, is_operator


def _verified_organisations(user, role: str) -> QuerySet[Organisation]:
    """Organisations in which an active `user` has a verified membership with this role."""
    if not is_active_user(user):
        return Organisation.objects.none()
    return Organisation.objects.filter(
        memberships__user=user,
        memberships__role=role,
        memberships__verified=True,
    ).distinct()


def editable_organisations(user) -> QuerySet[Organisation]:
    """Organisations whose solutions and profile `user` may edit (verified editor); all for operators."""
    if is_active_user(user) and is_operator(user):
        return Organisation.objects.all()
    return _verified_organisations(user, Membership.Role.PROVIDER_EDITOR)


def staff_organisations(user) -> QuerySet[Organisation]:
    """Organisations (municipalities, districts, …) `user` is verified municipal staff of."""
    return _verified_organisations(user, Membership.Role.MUNICIPAL_STAFF)


def memberships_of(user) -> QuerySet[Membership]:
    if user is None or not user.is_authenticated:
        return Membership.objects.none()
    return Membership.objects.filter(user=user).select_related("organisation").order_by("organisation__name")


def pending_memberships() -> QuerySet[Membership]:
    """Requests waiting for an operator's decision, oldest first."""
    return (
        Membership.objects.filter(verified=False)
        .select_related("user", "organisation")
        .order_by("created_at")
    )


def tokens_of(user) -> QuerySet[ApiToken]:
    if user is None or not user.is_authenticated:
        return ApiToken.objects.none()
    return ApiToken.objects.filter(user=user).order_by("-created_at")
