"""An in-memory index of OSV advisories keyed by (ecosystem, normalised package name).

`OsvIndex.match(ecosystem, name, version)` is a dict lookup plus, the first time a (ecosystem, name, version)
is asked, the range walk over that package's advisories; the answer is memoised, so re-assessing thousands of
SBOMs with mostly the same components costs one dict lookup per component.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from . import ranges, versions
from .ecosystems import PackageKey, base_ecosystem, canonical_ecosystem, normalise_name
from .records import DEFAULT_LIMITS, Limits, RecordProblem, read_records, snapshot_of
from .severity import Severity, severity_of

MAX_MEMO = 1_000_000  # (ecosystem, name, version) answers kept; cleared when full so hostile input cannot grow it


@dataclass(frozen=True)
class Advisory:
    """The part of an OSV record a result needs."""

    id: str
    aliases: tuple[str, ...]
    summary: str
    modified: str
    published: str = ""

    @classmethod
    def of(cls, record: dict[str, Any]) -> Advisory:
        aliases = record.get("aliases") if isinstance(record.get("aliases"), list) else []
        summary = record.get("summary") if isinstance(record.get("summary"), str) else ""
        if not summary and isinstance(record.get("details"), str):
            # PYSEC records have no summary; the first sentence of `details` stands in, shortened.
            first = record["details"].strip().split("\n")[0]
            summary = first if len(first) <= 200 else first[:199].rstrip() + "…"
        published = record.get("published") if isinstance(record.get("published"), str) else ""
        return cls(record["id"], tuple(str(alias) for alias in aliases if isinstance(alias, str)), summary,
                   record["modified"], published)


@dataclass(frozen=True)
class Match:
    """One advisory for one looked-up package version. `affected` is True when the version is affected and None
    when it could not be compared (unparseable version, no ordering for the ecosystem): then `reason` says why."""

    advisory: Advisory
    severity: Severity
    affected: bool | None
    fixed: tuple[str, ...] = ()
    reason: str = ""

    @property
    def id(self) -> str:
        return self.advisory.id


class _Entry:
    """One `affected[]` entry of one record, for one package. Ranges are compiled on first use."""

    __slots__ = ("advisory", "record", "affected", "versions", "pypi", "_canonical", "_compiled", "_severity")

    def __init__(self, advisory: Advisory, record: dict[str, Any], affected: dict[str, Any], ecosystem: str):
        self.advisory, self.record, self.affected = advisory, record, affected
        listed = affected.get("versions") if isinstance(affected.get("versions"), list) else []
        self.versions = frozenset(item for item in listed if isinstance(item, str))
        self.pypi = base_ecosystem(ecosystem) == "PyPI"
        self._canonical: frozenset[str] | None = None
        self._compiled: tuple[ranges.CompiledRange, ...] | None = None
        self._severity: Severity | None = None

    def compiled(self, ecosystem: str) -> tuple[ranges.CompiledRange, ...]:
        if self._compiled is None:
            raw = self.affected.get("ranges") if isinstance(self.affected.get("ranges"), list) else []
            found = (ranges.compile_range(item, ecosystem) for item in raw)
            self._compiled = tuple(item for item in found if item is not None)
        return self._compiled

    @property
    def severity(self) -> Severity:
        if self._severity is None:
            self._severity = severity_of(self.record, self.affected)
        return self._severity

    def listed(self, version: str) -> bool:
        if version in self.versions:
            return True
        if not self.pypi or not self.versions:
            return False
        if self._canonical is None:  # PEP 440 forms only when first needed: most entries are never asked
            self._canonical = frozenset(filter(None, map(versions.same_pep440, self.versions)))
        canonical = versions.same_pep440(version)
        return canonical is not None and canonical in self._canonical


@dataclass
class OsvIndex:
    snapshot: str
    records: int = 0
    withdrawn: int = 0
    problems: list[RecordProblem] = field(default_factory=list)
    _packages: dict[tuple[str, str], list[_Entry]] = field(default_factory=dict, repr=False)
    _memo: dict[tuple[str, str, str], tuple[Match, ...]] = field(default_factory=dict, repr=False)
    ecosystems: frozenset[str] = frozenset()

    @classmethod
    def from_records(cls, records: Iterable[dict[str, Any]], snapshot: str | None = None) -> OsvIndex:
        """Build from OSV record dicts (as read by `read_records`, or as stored by the platform). Withdrawn records
        are counted and left out; `snapshot` defaults to the newest `modified` among the records."""
        records = list(records)
        # A stored `modified` timestamp is accepted too; results name the date.
        index = cls((snapshot if snapshot is not None else snapshot_of(records))[:10])
        ecosystems: set[str] = set()
        for record in records:
            if not isinstance(record, dict) or not isinstance(record.get("id"), str) \
                    or not isinstance(record.get("modified"), str):
                continue
            index.records += 1
            if record.get("withdrawn"):
                index.withdrawn += 1
                continue
            advisory = Advisory.of(record)
            affected_list = record.get("affected") if isinstance(record.get("affected"), list) else []
            for affected in affected_list:
                package = affected.get("package") if isinstance(affected, dict) else None
                if not isinstance(package, dict) or not isinstance(package.get("ecosystem"), str) \
                        or not isinstance(package.get("name"), str):
                    continue
                ecosystem = canonical_ecosystem(package["ecosystem"])
                key = (ecosystem, normalise_name(ecosystem, package["name"]))
                index._packages.setdefault(key, []).append(_Entry(advisory, record, affected, ecosystem))
                ecosystems.add(ecosystem)
        index.ecosystems = frozenset(ecosystems)
        return index

    @classmethod
    def from_path(cls, path: str | os.PathLike[str], *, limits: Limits = DEFAULT_LIMITS,
                  validate: bool = False) -> OsvIndex:
        """Read a file, directory or zip archive of OSV records; unreadable records end up in `problems`."""
        batch = read_records(path, limits=limits, validate=validate)
        index = cls.from_records(batch.records, snapshot=batch.snapshot)
        index.problems = batch.problems
        return index

    load = from_path  # the name the checks package docstring uses

    @property
    def packages(self) -> int:
        return len(self._packages)

    def covers(self, ecosystem: str) -> bool:
        """Whether any advisory in this index is for `ecosystem` (otherwise "no match" means "never looked")."""
        return canonical_ecosystem(ecosystem) in self.ecosystems

    def match_key(self, key: PackageKey) -> tuple[Match, ...]:
        return self.match(key.ecosystem, key.name, key.version)

    def match(self, ecosystem: str, name: str, version: str) -> tuple[Match, ...]:
        """Every advisory that affects `name` at `version`, plus those that could not be compared (affected=None).
        Ordered by advisory id."""
        memo_key = (ecosystem, name, version)
        found = self._memo.get(memo_key)
        if found is None:
            canonical = canonical_ecosystem(ecosystem)
            entries = self._packages.get((canonical, normalise_name(canonical, name)))
            found = self._evaluate(entries, canonical, version) if entries else ()
            if len(self._memo) >= MAX_MEMO:
                self._memo.clear()
            self._memo[memo_key] = found
        return found

    @staticmethod
    def _evaluate(entries: list[_Entry], ecosystem: str, version: str) -> tuple[Match, ...]:
        by_id: dict[str, Match] = {}
        for entry in entries:
            match = _match_entry(entry, ecosystem, version)
            if match is not None:
                by_id[match.id] = _merge(by_id.get(match.id), match)
        return tuple(by_id[key] for key in sorted(by_id))


def _match_entry(entry: _Entry, ecosystem: str, version: str) -> Match | None:
    compiled = entry.compiled(ecosystem)
    outcomes = [ranges.evaluate(item, version) for item in compiled]
    fixed = {outcome.fixed for outcome in outcomes if outcome.affected and outcome.fixed}
    if entry.listed(version):
        if not fixed:  # listed explicitly, ranges could not say which fix applies: name every fix they know
            fixed = {event.text for item in compiled for event in item.events if event.kind == "fixed"}
        return Match(entry.advisory, entry.severity, True, tuple(sorted(fixed)))
    if any(outcome.affected for outcome in outcomes):
        return Match(entry.advisory, entry.severity, True, tuple(sorted(fixed)))
    undetermined = [outcome.reason for outcome in outcomes if outcome.affected is None]
    if undetermined:
        return Match(entry.advisory, entry.severity, None, (), undetermined[0])
    return None


def _merge(known: Match | None, new: Match) -> Match:
    """One record may list the same package in several `affected` entries: affected wins over undetermined."""
    if known is None:
        return new
    if known.affected and new.affected:
        return Match(known.advisory, known.severity, True, tuple(sorted(set(known.fixed) | set(new.fixed))))
    return known if known.affected else new
