"""OSV range semantics (osv-schema docs/schema.md, "Evaluation"), implemented here rather than trusted to a library.

A range's events are sorted by version under the range's ordering (never in JSON order); walking them, the last
event that applies decides: `introduced ≤ v` → affected, `fixed ≤ v` → not, `last_affected < v` → not. `limit`
events bound the range from above (`*` is infinity). `introduced: "0"` sorts before every version. GIT ranges need
the repository's commit graph and are skipped; a range whose versions cannot be ordered is "undetermined".
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from . import versions

EVENT_KINDS = ("introduced", "fixed", "last_affected", "limit")
# At the same version an `introduced` is applied first, so `introduced: X, fixed: X` is an empty range whatever
# order the JSON lists them in.
_KIND_RANK = {"introduced": 0, "last_affected": 1, "fixed": 2, "limit": 3}


@dataclass(frozen=True)
class Event:
    kind: str
    text: str
    parsed: Any  # None for introduced "0" and limit "*"


@dataclass(frozen=True)
class CompiledRange:
    """One `affected[].ranges[]` entry, sorted and parsed once. `problem` says why it cannot be evaluated."""

    ordering: str | None
    events: tuple[Event, ...] = ()
    limits: tuple[Event, ...] = ()
    problem: str = ""

    @property
    def everything(self) -> bool:
        """Only `introduced: "0"` events (and no upper bound): every version is affected, no ordering needed."""
        return bool(self.events) and not self.limits and all(
            event.kind == "introduced" and event.text == "0" for event in self.events)


@dataclass(frozen=True)
class Outcome:
    affected: bool | None  # None: could not be compared
    fixed: str | None = None  # the first fixed version above the one looked up, when affected
    reason: str = ""


NOT_AFFECTED = Outcome(False)


def compile_range(entry: Any, ecosystem: str) -> CompiledRange | None:
    """None for GIT ranges (skipped by design); otherwise a compiled range, possibly with a `problem`."""
    if not isinstance(entry, dict):
        return CompiledRange(None, problem="a range is not an object")
    kind = entry.get("type")
    if kind == "GIT":
        return None
    ordering = versions.ordering_name(kind, ecosystem) if isinstance(kind, str) else None
    raw_events = entry.get("events")
    if not isinstance(raw_events, list):
        return CompiledRange(ordering, problem="a range has no list of events")
    events: list[Event] = []
    for raw in raw_events:
        keys = [key for key in EVENT_KINDS if isinstance(raw, dict) and key in raw]
        if len(keys) != 1 or not isinstance(raw[keys[0]], str):
            return CompiledRange(ordering, problem=f"a range event is malformed: {str(raw)[:80]}")
        events.append(Event(keys[0], raw[keys[0]], None))
    if all(event.kind == "introduced" and event.text == "0" for event in events) and events:
        return CompiledRange(ordering, tuple(events))  # "every version": no ordering needed
    if ordering is None:
        return CompiledRange(None, problem=f"range type {kind!r} in ecosystem {ecosystem!r} has no version "
                                           f"ordering here")
    parsed_events: list[Event] = []
    for event in events:
        if (event.kind == "introduced" and event.text == "0") or (event.kind == "limit" and "*" in event.text):
            parsed_events.append(event)
            continue
        parsed = versions.parse(ordering, event.text)
        if parsed is None:
            return CompiledRange(ordering, problem=f"{event.kind} version {event.text!r} is not a valid {ordering} "
                                                   f"version")
        parsed_events.append(Event(event.kind, event.text, parsed))
    walk = [event for event in parsed_events if event.kind != "limit"]
    limits = tuple(event for event in parsed_events if event.kind == "limit")
    try:
        walk.sort(key=_sort_key)
    except TypeError:
        return CompiledRange(ordering, problem="the range's versions cannot be ordered against each other")
    return CompiledRange(ordering, tuple(walk), limits)


def _sort_key(event: Event) -> tuple:
    if event.parsed is None:  # introduced "0"
        return (0,)
    return (1, event.parsed, _KIND_RANK[event.kind])


def evaluate(compiled: CompiledRange, version: str) -> Outcome:
    if compiled.problem:
        return Outcome(None, reason=compiled.problem)
    if compiled.everything:
        return Outcome(True)
    current = versions.parse(compiled.ordering or "", version)
    if current is None:
        return Outcome(None, reason=f"version {version!r} is not a valid {compiled.ordering} version")
    # Only `<` is used: univers' Alpine/Gentoo versions define <, > and == themselves but inherit <= and >= from
    # attrs, which compares the version *text* ("1.2.3-r10" <= "1.2.3-r6").
    try:
        if compiled.limits and not any(limit.parsed is None or current < limit.parsed for limit in compiled.limits):
            return NOT_AFFECTED
        vulnerable = False
        for event in compiled.events:
            if event.kind == "introduced":
                if event.parsed is None or not current < event.parsed:
                    vulnerable = True
            elif event.kind == "fixed":
                if not current < event.parsed:
                    vulnerable = False
            elif event.kind == "last_affected" and event.parsed < current:
                vulnerable = False
        if not vulnerable:
            return NOT_AFFECTED
        fixed = next((event.text for event in compiled.events if event.kind == "fixed" and current < event.parsed),
                     None)
    except TypeError:
        return Outcome(None, reason=f"version {version!r} cannot be ordered against the range")
    return Outcome(True, fixed)
