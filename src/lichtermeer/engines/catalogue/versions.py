"""Semantic version numbers of catalogue versions (MAJOR.MINOR.PATCH, no pre-release part)."""

from __future__ import annotations

import re

_SEMVER = re.compile(r"(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)")
BUMPS = ("major", "minor", "patch")


def version_key(version: str) -> tuple[int, int, int]:
    """Sort key: `sorted(versions, key=version_key)`. Raises ValueError for anything but MAJOR.MINOR.PATCH."""
    match = _SEMVER.fullmatch(version) if isinstance(version, str) else None
    if not match:
        raise ValueError(f"not a version MAJOR.MINOR.PATCH: {version!r}")
    major, minor, patch = (int(part) for part in match.groups())
    return major, minor, patch


def compare_versions(a: str, b: str) -> int:
    """-1, 0 or 1 as `a` is lower than, equal to or greater than `b` (1.10.0 > 1.9.0)."""
    key_a, key_b = version_key(a), version_key(b)
    return (key_a > key_b) - (key_a < key_b)


def next_version(current: str, bump: str) -> str:
    """1.4.2 -> 2.0.0 (major), 1.5.0 (minor), 1.4.3 (patch). Raises ValueError for another bump (also None)."""
    major, minor, patch = version_key(current)
    if bump == "major":
        return f"{major + 1}.0.0"
    if bump == "minor":
        return f"{major}.{minor + 1}.0"
    if bump == "patch":
        return f"{major}.{minor}.{patch + 1}"
    raise ValueError(f"bump must be one of {', '.join(BUMPS)}, not {bump!r}")
