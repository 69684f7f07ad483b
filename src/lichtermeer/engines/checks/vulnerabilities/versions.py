"""Version ordering per OSV range type and ecosystem. Only ordering lives here; the range walk is ours (ranges.py).

`univers` and `packaging` parse and compare; `univers.version_range.from_osv_v1` is an empty stub and is not used.
A version that does not parse yields `None`, never an exception: the caller reports "could not compare".
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache
from typing import Any

import semver
from packaging.utils import canonicalize_version
from packaging.version import InvalidVersion, Version
from univers import versions as uv

from .ecosystems import base_ecosystem

Parser = Callable[[str], Any]


def _semver(text: str) -> Any:
    # SemVer 2.0 precedence; OSV says "no leading v", but Go, npm and tags in SBOMs often carry one.
    return semver.Version.parse(text[1:] if text[:1] in ("v", "V") else text)


def _pep440(text: str) -> Any:
    return Version(text)


def _univers(cls: type) -> Parser:
    return lambda text: cls(text)


# ECOSYSTEM ordering by base ecosystem. Missing ecosystems have no known ordering: only `versions` lists apply.
_ECOSYSTEM_ORDER: dict[str, Parser] = {
    "PyPI": _pep440,
    "npm": _semver,
    "Go": _semver,
    "crates.io": _semver,
    "Hex": _semver,
    "Pub": _semver,
    "SwiftURL": _semver,
    "Maven": _univers(uv.MavenVersion),
    "Packagist": _univers(uv.ComposerVersion),
    "RubyGems": _univers(uv.RubygemsVersion),
    "NuGet": _univers(uv.NugetVersion),
    "Debian": _univers(uv.DebianVersion),
    "Ubuntu": _univers(uv.DebianVersion),
    "Alpine": _univers(uv.AlpineLinuxVersion),
    "Wolfi": _univers(uv.AlpineLinuxVersion),
    "Chainguard": _univers(uv.AlpineLinuxVersion),
    "Red Hat": _univers(uv.RpmVersion),
    "Rocky Linux": _univers(uv.RpmVersion),
    "AlmaLinux": _univers(uv.RpmVersion),
    "openSUSE": _univers(uv.RpmVersion),
    "SUSE": _univers(uv.RpmVersion),
    "Mageia": _univers(uv.RpmVersion),
    "Photon OS": _univers(uv.RpmVersion),
    "openEuler": _univers(uv.RpmVersion),
}


def ordering_name(range_type: str, ecosystem: str) -> str | None:
    """The name of the ordering a range uses (cache key), or None when it cannot be ordered here."""
    if range_type == "SEMVER":
        return "SEMVER"
    if range_type == "ECOSYSTEM":
        base = base_ecosystem(ecosystem)
        return base if base in _ECOSYSTEM_ORDER else None
    return None  # GIT needs the repository's commit graph


@lru_cache(maxsize=200_000)
def parse(ordering: str, text: str) -> Any | None:
    """The comparable form of `text` under `ordering`, or None when it is not a valid version there."""
    if not text or len(text) > 256 or text != text.strip():
        return None
    parser = _semver if ordering == "SEMVER" else _ECOSYSTEM_ORDER.get(ordering)
    if parser is None:
        return None
    try:
        return parser(text)
    except (ValueError, TypeError, InvalidVersion, uv.InvalidVersion, IndexError, AttributeError):
        return None


@lru_cache(maxsize=65536)
def same_pep440(text: str) -> str | None:
    """PEP 440 normal form for `versions` membership in PyPI (`2.0` and `2.0.0` are the same release)."""
    try:
        return canonicalize_version(Version(text))
    except InvalidVersion:
        return None
