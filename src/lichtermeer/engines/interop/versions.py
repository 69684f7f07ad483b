"""Version comparison under the register's three compatibility rules.

* Versions are compared normalised: trimmed, case-folded, inner white space collapsed, a "v" before a digit
  dropped ("v2" = "2"), and trailing ".0" parts of purely numeric versions dropped ("1.0.0" = "1.0" = "1").
  Equal normalised versions are compatible under every rule.
* `semver-major`: compatible when the leading numbers (major versions) are equal ("1.6.1" ~ "1.8"); a version
  without a leading number cannot be judged (None).
* `exact`: compatible only when equal.
* `groups`: compatible when both versions are in the same group; a version in no group cannot be judged (None).
* A missing version on either side cannot be judged (None): the caller assumes compatibility and says so.
"""

from __future__ import annotations

import re

_SPACE = re.compile(r"\s+")
_NUMERIC = re.compile(r"\d+(\.\d+)*")
_MAJOR = re.compile(r"(\d+)")


def normalise(version: str) -> str:
    text = _SPACE.sub(" ", (version or "").strip()).casefold()
    if len(text) > 1 and text[0] == "v" and text[1].isdigit():
        text = text[1:]
    if _NUMERIC.fullmatch(text):
        parts = text.split(".")
        while len(parts) > 1 and int(parts[-1]) == 0:
            parts.pop()
        text = ".".join(str(int(p)) for p in parts)
    return text


def major(version: str) -> int | None:
    """Leading number of the normalised version, None when it does not start with a digit."""
    match = _MAJOR.match(normalise(version))
    return int(match.group(1)) if match else None


def compatible(rule: str, groups, first: str, second: str) -> tuple[bool | None, str]:
    """(verdict, reason); reasons: missing, same, major, major-differs, unparseable, different, group,
    group-differs, not-in-group."""
    a, b = normalise(first), normalise(second)
    if not a or not b:
        return None, "missing"
    if a == b:
        return True, "same"
    if rule == "semver-major":
        major_a, major_b = major(a), major(b)
        if major_a is None or major_b is None:
            return None, "unparseable"
        return (True, "major") if major_a == major_b else (False, "major-differs")
    if rule == "groups":
        index = {normalise(v): i for i, group in enumerate(groups or ()) for v in group}
        if a not in index or b not in index:
            return None, "not-in-group"
        return (True, "group") if index[a] == index[b] else (False, "group-differs")
    return False, "different"
