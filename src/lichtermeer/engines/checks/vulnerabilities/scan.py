"""Looking up every SBOM component in an `OsvIndex`.

Works on anything with `.ref`, `.name`, `.version` and `.purl` (the `Component` of `checks/sbom.py`, or a test
double). A component is either scanned (its purl maps to an OSV package), not scannable (no or a bad purl, or a
purl type without OSV advisories — osv-scanner's "Filtered N local/unscannable package/s"), or not covered (its
ecosystem has no advisories in this index, so "no match" would mean "never looked").
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, Protocol

from .ecosystems import NotScannable, PackageKey, package_of
from .index import Match, OsvIndex

_MAX_PURL_MEMO = 500_000
_purl_memo: dict[tuple[str | None, str | None], PackageKey | NotScannable] = {}


class ComponentLike(Protocol):
    ref: str
    name: str
    version: str | None
    purl: str | None


def lookup_key(purl: str | None, version: str | None = None) -> PackageKey | NotScannable:
    """`package_of` memoised: purl parsing costs ~10 µs and the same purls recur across thousands of SBOMs."""
    memo_key = (purl, version)
    found = _purl_memo.get(memo_key)
    if found is None:
        found = package_of(purl, version)
        if len(_purl_memo) >= _MAX_PURL_MEMO:
            _purl_memo.clear()
        _purl_memo[memo_key] = found
    return found


@dataclass(frozen=True)
class ComponentMatches:
    component: Any
    key: PackageKey
    matches: tuple[Match, ...]


@dataclass
class Scan:
    snapshot: str
    scanned: int = 0
    findings: list[ComponentMatches] = field(default_factory=list)
    not_scannable: list[tuple[Any, NotScannable]] = field(default_factory=list)
    not_covered: list[tuple[Any, PackageKey]] = field(default_factory=list)
    platform: int = 0  # operating-system components without purl: the base image itself, not a package


def scan(components: Iterable[ComponentLike], index: OsvIndex) -> Scan:
    result = Scan(index.snapshot)
    seen: set[tuple[str, str | None]] = set()
    covered: dict[str, bool] = {}  # per ecosystem: index.covers canonicalises the name on every call
    for component in components:
        ref, purl = str(getattr(component, "ref", "") or ""), getattr(component, "purl", None)
        if (ref, purl) in seen and ref:
            continue  # the same component listed twice (duplicate bom-ref and purl) is reported once
        seen.add((ref, purl))
        if not purl and getattr(component, "type", None) == "operating-system":
            result.platform += 1
            continue
        key = lookup_key(purl, getattr(component, "version", None))
        if isinstance(key, NotScannable):
            result.not_scannable.append((component, key))
            continue
        covers = covered.get(key.ecosystem)
        if covers is None:
            covers = covered[key.ecosystem] = index.covers(key.ecosystem)
        if not covers:
            result.not_covered.append((component, key))
            continue
        result.scanned += 1
        matches = index.match(key.ecosystem, key.name, key.version)
        if matches:
            result.findings.append(ComponentMatches(component, key, matches))
    return result
