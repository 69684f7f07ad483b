"""Checks the JSON Schema cannot express. They run on any input (also on schema-invalid documents)
and only judge values that already have the right shape, so a problem is reported once."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from . import messages
from .findings import Issue, format_key
from .schema import CATEGORIES

_ID = re.compile(r"LM-([A-Z]{2})-[0-9]{2}")
DATE_SHAPE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def real_date(value: Any) -> dt.date | None:
    """The date a YYYY-MM-DD string names, None for anything else (also for 2027-02-30)."""
    if not isinstance(value, str) or not DATE_SHAPE.fullmatch(value):
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        return None


def check(document: Any) -> list[Issue]:
    if not isinstance(document, dict):
        return []
    issues: list[Issue] = []
    requirements = document.get("requirements")
    if isinstance(requirements, list):
        issues += _requirement_ids(requirements)
    effective, transition = real_date(document.get("effective_from")), real_date(document.get("transition_until"))
    if effective and transition and transition < effective:
        issues.append(Issue(("transition_until",),
                            messages.transition_before_effective(effective.isoformat(), transition.isoformat())))
    return issues


def _requirement_ids(requirements: list) -> list[Issue]:
    issues: list[Issue] = []
    first_use: dict[str, int] = {}
    for index, requirement in enumerate(requirements):
        if not isinstance(requirement, dict):
            continue
        value = requirement.get("id")
        if not isinstance(value, str):
            continue
        path = ("requirements", index, "id")
        if value in first_use:
            first = format_key(("requirements", first_use[value]))
            issues.append(Issue(path, messages.duplicate_requirement_id(value, first)))
            continue
        first_use[value] = index
        match = _ID.fullmatch(value)
        category = requirement.get("category")
        if match and isinstance(category, str) and category in CATEGORIES:
            prefix = CATEGORIES[category].prefix
            if match.group(1) != prefix:
                issues.append(Issue(path, messages.prefix_mismatch(value, category, prefix)))
    return issues
