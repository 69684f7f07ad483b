"""Carrying human verdicts over to a re-assessment.

A reviewer's verdict is kept for a requirement when nothing it was based on changed: the requirement reads
the same in the new catalogue version, and its checks (if any) say exactly what they said before (same
statuses and explanations, so a newly published advisory or an expired file is never hidden by an old "met").
"""

from __future__ import annotations

from collections.abc import Iterable

from .models import CheckResult, RequirementVerdict

HUMAN = (RequirementVerdict.Source.REVIEW, RequirementVerdict.Source.CHAIR, RequirementVerdict.Source.CARRIED)
Signature = tuple[tuple[str, str, str], ...]


def signature(checks: Iterable[str], results: dict[str, list[tuple[str, str]]]) -> Signature:
    return tuple(sorted((check, status, text) for check in checks for status, text in results.get(check, ())))


def stored_results(application_ids: Iterable[int]) -> dict[int, dict[str, list[tuple[str, str]]]]:
    found: dict[int, dict[str, list[tuple[str, str]]]] = {}
    for app_id, check, status, text in CheckResult.objects.filter(application_id__in=list(application_ids)) \
            .values_list("application_id", "check_id", "status", "explanation_en"):
        found.setdefault(app_id, {}).setdefault(check, []).append((status, text))
    return found


def fresh_results(outcome: dict) -> dict[str, list[tuple[str, str]]]:
    return {check: [(r.status.value, r.explanation.en) for r in found] for check, found in outcome["results"].items()}


def human_verdicts(previous_ids: list[int], new_document: dict) -> dict[int, dict[str, RequirementVerdict]]:
    """Per previous application: its human verdicts for requirements that read the same in `new_document`."""
    now = {r["id"]: r for r in new_document.get("requirements", ())}
    documents: dict[int, dict] = {}
    found: dict[int, dict[str, RequirementVerdict]] = {}
    rows = RequirementVerdict.objects.filter(application_id__in=previous_ids, source__in=HUMAN) \
        .select_related("application__catalogue_version")
    for row in rows:
        version = row.application.catalogue_version
        if version.pk not in documents:
            documents[version.pk] = {r["id"]: r for r in version.document.get("requirements", ())}
        if documents[version.pk].get(row.code) == now.get(row.code):
            found.setdefault(row.application_id, {})[row.code] = row
    return found


def apply(rows: list[RequirementVerdict], previous: dict[str, RequirementVerdict],
          before: dict[str, list[tuple[str, str]]], after: dict[str, list[tuple[str, str]]]) -> None:
    for row in rows:
        old = previous.get(row.code)
        if old is None or row.verdict != RequirementVerdict.Verdict.NEEDS_REVIEW:
            continue
        if signature(row.checks, before) != signature(row.checks, after):
            continue
        row.verdict, row.source = old.verdict, RequirementVerdict.Source.CARRIED
        row.explanation_en, row.explanation_de = old.explanation_en, old.explanation_de
        row.decided_by, row.decided_at = old.decided_by, old.decided_at
