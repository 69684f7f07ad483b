"""Comparing two catalogue versions, and the version bump the difference calls for.

Fields of a requirement are compared one by one: texts per language (`statement.de`), lists as
sets (`evidence`, `checks`, `applies_to.software_types`; order does not matter, and a missing
or empty applies_to list means "all", a missing checks list means none).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from .schema import (
    APPLIES_TO_KEYS,
    EVIDENCE_KINDS,
    OBLIGATIONS,
    OPERATING_MODELS,
    REQUIREMENT_KEYS,
    SOFTWARE_TYPES,
    TEXT_KEYS,
    TOP_LEVEL_KEYS,
)

NORMATIVE = frozenset({"category", "obligation", "statement", "applies_to", "evidence", "checks"})
_TEXTS = frozenset({"title", "description", "changelog", "statement", "rationale"})
_RANK = {obligation: rank for rank, obligation in enumerate(reversed(OBLIGATIONS))}  # KANN 0 < SOLL 1 < MUSS 2
_SET_ORDER = {"evidence": EVIDENCE_KINDS, "applies_to.software_types": SOFTWARE_TYPES,
              "applies_to.operating_models": OPERATING_MODELS}


@dataclass(frozen=True)
class FieldChange:
    field: str  # "statement.de", "obligation", "applies_to.software_types", "published", ...
    old: Any
    new: Any

    def to_dict(self) -> dict[str, Any]:
        return {"field": self.field, "from": self.old, "to": self.new}


@dataclass(frozen=True)
class RequirementSummary:
    id: str
    obligation: str
    category: str
    title: dict[str, str]

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "obligation": self.obligation, "category": self.category, "title": self.title}


@dataclass(frozen=True)
class RequirementChange:
    id: str
    title: dict[str, str]  # the new title
    obligation: str  # the new obligation
    normative: bool
    tightening: bool
    fields: tuple[FieldChange, ...]

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "title": self.title, "obligation": self.obligation, "normative": self.normative,
                "tightening": self.tightening, "fields": [f.to_dict() for f in self.fields]}


@dataclass(frozen=True)
class Diff:
    from_version: str | None
    to_version: str | None
    bump: str | None  # "major" | "minor" | "patch" | None (identical)
    added: tuple[RequirementSummary, ...]
    retired: tuple[RequirementSummary, ...]
    changed: tuple[RequirementChange, ...]
    metadata: tuple[FieldChange, ...]

    def to_dict(self) -> dict[str, Any]:
        return {"from": self.from_version, "to": self.to_version, "bump": self.bump,
                "added": [r.to_dict() for r in self.added], "retired": [r.to_dict() for r in self.retired],
                "changed": [c.to_dict() for c in self.changed], "metadata": [m.to_dict() for m in self.metadata]}


def diff(old: dict[str, Any], new: dict[str, Any], *, tightened: Iterable[str] = frozenset()) -> Diff:
    """What changed from `old` to `new` (both valid catalogues). `tightened`: ids whose statement the
    committee declared stricter. See the package docstring for the bump rule."""
    tightened = frozenset(tightened)
    before, after = _by_id(old), _by_id(new)
    added = tuple(_summary(after[i]) for i in sorted(after.keys() - before.keys()))
    retired = tuple(_summary(before[i]) for i in sorted(before.keys() - after.keys()))
    changed = tuple(change for i in sorted(after.keys() & before.keys())
                    if (change := _requirement_change(before[i], after[i], i in tightened)) is not None)
    metadata = tuple(_changes(_metadata_fields(old), _metadata_fields(new)))
    return Diff(old.get("version"), new.get("version"), _bump(added, retired, changed, metadata),
                added, retired, changed, metadata)


def _bump(added, retired, changed, metadata) -> str | None:
    if any(r.obligation == "MUSS" for r in added) or any(c.tightening and c.obligation == "MUSS" for c in changed):
        return "major"
    if added or retired or any(c.normative for c in changed):
        return "minor"
    if changed or metadata:
        return "patch"
    return None


def _by_id(document: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {r["id"]: r for r in document.get("requirements") or [] if isinstance(r, dict) and "id" in r}


def _summary(requirement: dict[str, Any]) -> RequirementSummary:
    return RequirementSummary(requirement["id"], requirement.get("obligation", ""), requirement.get("category", ""),
                              dict(requirement.get("title") or {}))


def _as_set(values: Any, field: str) -> list | None:
    """A list with set semantics in a stable order (schema order for enums, else sorted)."""
    if not values:
        return None
    order = _SET_ORDER.get(field, ())
    return sorted(set(values), key=lambda v: (order.index(v) if v in order else len(order), str(v)))


def _requirement_fields(requirement: dict[str, Any]) -> dict[str, Any]:
    fields: dict[str, Any] = {}
    for key in REQUIREMENT_KEYS:
        value = requirement.get(key)
        if key == "id":
            continue
        if key in _TEXTS:
            fields.update({f"{key}.{lang}": (value or {}).get(lang) for lang in TEXT_KEYS})
        elif key == "applies_to":
            fields.update({f"{key}.{sub}": _as_set((value or {}).get(sub), f"{key}.{sub}") for sub in APPLIES_TO_KEYS})
        elif key in ("evidence", "checks"):
            fields[key] = _as_set(value, key) or []
        else:
            fields[key] = value
    return fields


def _metadata_fields(document: dict[str, Any]) -> dict[str, Any]:
    fields: dict[str, Any] = {}
    for key in TOP_LEVEL_KEYS:
        if key in ("version", "requirements"):
            continue
        value = document.get(key)
        if key in _TEXTS:
            fields.update({f"{key}.{lang}": (value or {}).get(lang) for lang in TEXT_KEYS})
        else:
            fields[key] = value
    return fields


def _changes(before: dict[str, Any], after: dict[str, Any]) -> list[FieldChange]:
    return [FieldChange(field, before.get(field), after.get(field))
            for field in after if before.get(field) != after.get(field)]


def _requirement_change(old: dict[str, Any], new: dict[str, Any], declared: bool) -> RequirementChange | None:
    before, after = _requirement_fields(old), _requirement_fields(new)
    fields = _changes(before, after)
    if not fields:
        return None
    normative = any(f.field.split(".")[0] in NORMATIVE for f in fields)
    stricter = (
        declared
        or _RANK.get(after["obligation"], 0) > _RANK.get(before["obligation"], 0)
        or any(_widened(before[f"applies_to.{sub}"], after[f"applies_to.{sub}"]) for sub in APPLIES_TO_KEYS)
        or bool(set(before["evidence"]) - set(after["evidence"]))
    )
    return RequirementChange(new["id"], dict(new.get("title") or {}), new.get("obligation", ""), normative,
                             normative and stricter, tuple(fields))


def _widened(old: list | None, new: list | None) -> bool:
    """Applies to something it did not apply to before (None = everything)."""
    if old is None:
        return False
    return new is None or bool(set(new) - set(old))
