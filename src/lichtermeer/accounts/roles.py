"""Role vocabulary: the global roles are Django groups, the per-organisation roles are Membership.Role."""

OPERATOR = "operator"
COMMITTEE = "committee"
GLOBAL_GROUPS = (COMMITTEE, OPERATOR)


def _active(user) -> bool:
    return bool(user is not None and user.is_authenticated and user.is_active)


def in_group(user, name: str) -> bool:
    if not _active(user):
        return False
    # Cached per user object: one query per request for every group check that follows.
    names = getattr(user, "_lm_group_names", None)
    if names is None:
        names = frozenset(user.groups.values_list("name", flat=True))
        user._lm_group_names = names
    return name in names


def forget_cached_roles(user) -> None:
    """Call after changing a user's groups within the same request."""
    if hasattr(user, "_lm_group_names"):
        del user._lm_group_names
