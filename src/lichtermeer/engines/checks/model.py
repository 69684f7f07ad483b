"""The vocabulary every check speaks: statuses, results and the check descriptor."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from lichtermeer.engines.publiccode.messages import Text


class Status(StrEnum):
    PASS = "pass"  # noqa: S105 - a status, not a password
    FAIL = "fail"
    WARNING = "warning"
    NOT_APPLICABLE = "not_applicable"
    NEEDS_REVIEW = "needs_review"
    ERROR = "error"


@dataclass(frozen=True)
class Result:
    """What one check says about one bundle. `location` names the exact place in the evidence
    (file name plus line, JSON pointer or component reference) so a reader can find it."""

    check: str
    version: str
    status: Status
    explanation: Text
    evidence: str = ""
    location: str = ""
    references: tuple[str, ...] = ()
    details: dict[str, Any] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        return {
            "check": self.check,
            "version": self.version,
            "status": self.status.value,
            "explanation": {"en": self.explanation.en, "de": self.explanation.de},
            "evidence": self.evidence,
            "location": self.location,
            "references": list(self.references),
            "details": self.details,
        }


@dataclass(frozen=True)
class Check:
    """A registered check. `run(bundle, reference)` must be pure: same bundle and reference data,
    same result. It returns one Result (or a list when the check reports several places)."""

    id: str
    version: str
    requirements: tuple[str, ...]
    evidence: tuple[str, ...]
    title: Text
    run: Callable[..., Result | list[Result]]
    references: tuple[str, ...] = ()

    def result(self, status: Status, explanation: Text, **kwargs: Any) -> Result:
        kwargs.setdefault("references", self.references)
        return Result(self.id, self.version, status, explanation, **kwargs)

    def missing(self, kind: str) -> Result:
        """The evidence this check needs was not supplied: a human has to look (never a silent pass)."""
        return self.result(
            Status.NEEDS_REVIEW,
            Text(f"No {kind} evidence was supplied, so this cannot be checked automatically.",
                 f"Es wurde kein Nachweis der Art {kind} eingereicht; eine automatische Prüfung ist nicht möglich."),
            evidence=kind,
        )
