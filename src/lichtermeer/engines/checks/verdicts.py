"""From check results to one verdict per requirement of a catalogue version.

The catalogue decides which checks evidence a requirement (its `checks` list); a requirement
without a registered deciding check, or whose checks could not decide, goes to human review.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from lichtermeer.engines.publiccode.messages import Text

from .model import Result, Status

# Strongest first: one failing check fails the requirement; an error is never read as a pass.
_PRECEDENCE = (Status.FAIL, Status.ERROR, Status.NEEDS_REVIEW, Status.WARNING, Status.PASS, Status.NOT_APPLICABLE)


class Verdict:
    PASS = "pass"  # noqa: S105 - a verdict, not a password
    FAIL = "fail"
    NEEDS_REVIEW = "needs_review"
    ERROR = "error"
    NOT_APPLICABLE = "not_applicable"


@dataclass(frozen=True)
class RequirementVerdict:
    requirement: str
    obligation: str
    verdict: str
    explanation: Text
    checks: tuple[str, ...] = ()
    results: tuple[Result, ...] = field(default_factory=tuple)

    @property
    def automatic(self) -> bool:
        return self.verdict in (Verdict.PASS, Verdict.FAIL, Verdict.NOT_APPLICABLE)

    def as_dict(self) -> dict[str, Any]:
        return {
            "requirement": self.requirement,
            "obligation": self.obligation,
            "verdict": self.verdict,
            "explanation": {"en": self.explanation.en, "de": self.explanation.de},
            "checks": list(self.checks),
        }


def applies(requirement: dict[str, Any], software_type: str | None, operating_models: list[str] | None) -> bool:
    scope = requirement.get("applies_to") or {}
    types = scope.get("software_types")
    models = scope.get("operating_models")
    if types and software_type and software_type not in types:
        return False
    return not (models and operating_models and not set(operating_models) & set(models))


def verdict_for(requirement: dict[str, Any], results: dict[str, list[Result]], *, software_type: str | None = None,
                operating_models: list[str] | None = None) -> RequirementVerdict:
    rid, obligation = requirement["id"], requirement.get("obligation", "")
    if not applies(requirement, software_type, operating_models):
        return RequirementVerdict(rid, obligation, Verdict.NOT_APPLICABLE, Text(
            "The requirement does not apply to this software type or operating model.",
            "Die Anforderung gilt nicht für diesen Softwaretyp oder dieses Betriebsmodell."))
    deciding = tuple(check for check in requirement.get("checks") or () if check in results)
    if not deciding:
        return RequirementVerdict(rid, obligation, Verdict.NEEDS_REVIEW, Text(
            "No automated check decides this requirement; committee reviewers assess the evidence.",
            "Keine automatische Prüfung entscheidet diese Anforderung; Prüferinnen und Prüfer des Fachgremiums "
            "bewerten die Nachweise."))
    found = tuple(result for check in deciding for result in results[check])
    statuses = {result.status for result in found}
    worst = next(status for status in _PRECEDENCE if status in statuses)
    verdict = {
        Status.FAIL: Verdict.FAIL, Status.ERROR: Verdict.ERROR, Status.NEEDS_REVIEW: Verdict.NEEDS_REVIEW,
        Status.WARNING: Verdict.PASS, Status.PASS: Verdict.PASS, Status.NOT_APPLICABLE: Verdict.NOT_APPLICABLE,
    }[worst]
    deciders = [result for result in found if result.status == worst]
    explanation = Text(" ".join(result.explanation.en for result in deciders),
                       " ".join(result.explanation.de for result in deciders))
    return RequirementVerdict(rid, obligation, verdict, explanation, deciding, found)


def verdicts(catalogue: dict[str, Any], results: dict[str, list[Result]], *, software_type: str | None = None,
             operating_models: list[str] | None = None) -> list[RequirementVerdict]:
    return [verdict_for(requirement, results, software_type=software_type, operating_models=operating_models)
            for requirement in catalogue.get("requirements") or ()]


def blocking(found: list[RequirementVerdict]) -> list[RequirementVerdict]:
    """MUSS requirements that fail, or whose evidence could not be read: these stop an admission (and a CI job)."""
    return [item for item in found if item.obligation == "MUSS" and item.verdict in (Verdict.FAIL, Verdict.ERROR)]
