"""Running the check engine for applications and writing its results.

The engine part (`evaluate`) is a pure function of evidence, catalogue and reference data, so many
applications can be evaluated in worker processes and written back in bulk (re-assessment of every
admitted solution after a catalogue change).
"""

from __future__ import annotations

import datetime as dt
import gc
import hashlib
import multiprocessing
from collections.abc import Iterable, Iterator
from typing import Any

from django.conf import settings

from lichtermeer.engines.checks import Bundle, Reference, Result, Status, assess, registry
from lichtermeer.engines.publiccode.messages import Text

from . import advisories
from .models import Application, CheckResult, Evidence, EvidenceBlob, RequirementVerdict

# (application id, files (kind, name, bytes), software type, operating models, results to reuse by check id)
Job = tuple[int, list[tuple[str, str, bytes]], str | None, list[str], dict[str, list[Result]]]


def reference_for(day: dt.date, solution=None) -> Reference:
    extra: dict[str, Any] = {}
    if solution is not None:
        extra = {"standards_provided": list(solution.standards_provided or []),
                 "standards_consumed": list(solution.standards_consumed or [])}
    return Reference(today=day, osv=advisories.current_index(), extra=extra)


def job_for(application: Application) -> Job:
    files = [(item.kind, item.name, bytes(item.blob.content))
             for item in application.evidence.select_related("blob").order_by("id")]
    return application.pk, files, application.software_type or None, list(application.operating_models or []), {}


def evaluate(job: Job, catalogue: dict, reference: Reference) -> tuple[int, dict]:
    application_id, files, software_type, operating_models, reuse = job
    bundle = Bundle(facts={"local_files": False})
    for kind, name, data in files:
        bundle.add(kind, name, data)
    result = assess(bundle, catalogue, reference, software_type=software_type, operating_models=operating_models,
                    reuse=reuse)
    return application_id, {"results": result.results, "verdicts": result.verdicts, "versions": result.versions,
                            "check_versions": result.as_dict()["check_versions"]}


# Worker processes inherit the catalogue and reference (with its OSV index) through fork: no pickling of the index.
_shared: dict[str, Any] = {}


def _evaluate_shared(job: Job) -> tuple[int, dict]:
    return evaluate(job, _shared["catalogue"], _shared["reference"])


def _quiet_collector() -> None:
    # The advisory index and the catalogue are long-lived: moving them out of the collector's view (freeze) and
    # collecting less often halves the time per SBOM, whose many small objects otherwise trigger full passes.
    gc.freeze()
    gc.set_threshold(10_000, 20, 20)


def evaluate_many(jobs: Iterable[Job], catalogue: dict, reference: Reference, *, workers: int | None = None
                  ) -> Iterator[tuple[int, dict]]:
    workers = settings.REASSESSMENT_WORKERS if workers is None else workers
    thresholds = gc.get_threshold()
    if workers <= 1 or "fork" not in multiprocessing.get_all_start_methods():
        _quiet_collector()
        try:
            for job in jobs:
                yield evaluate(job, catalogue, reference)
        finally:
            gc.set_threshold(*thresholds)
            gc.unfreeze()
        return
    _shared.update(catalogue=catalogue, reference=reference)
    try:
        with multiprocessing.get_context("fork").Pool(workers, initializer=_quiet_collector) as pool:
            yield from pool.imap(_evaluate_shared, jobs, chunksize=16)
    finally:
        _shared.clear()


def reusable(previous: Application, reference: Reference, *, same_evidence: bool) -> set[str]:
    """Checks whose earlier results for `previous` still hold: same evidence, same check version, same pinned
    package versions, and no reference input that changed (dates always change; OSV data by its snapshot)."""
    if not same_evidence or not previous.check_versions:
        return set()
    now = reference.versions()
    before = previous.reference_versions or {}
    pinned = {key for key in now if key not in ("today", "osv-snapshot")}
    if any(before.get(key) != now[key] for key in pinned):
        return set()
    checks = registry.all_checks()
    found = set()
    for check_id, version in previous.check_versions.items():
        chk = checks.get(check_id)
        if chk is None or chk.version != version:
            continue
        inputs = registry.uses(check_id)
        if "today" in inputs or "extra" in inputs:
            continue
        if "osv" in inputs and before.get("osv-snapshot") != now.get("osv-snapshot"):
            continue
        found.add(check_id)
    return found


def stored_results(application_ids: Iterable[int], checks: dict[int, set[str]]) -> dict[int, dict[str, list[Result]]]:
    """Earlier results as engine Results, for the checks allowed per application."""
    found: dict[int, dict[str, list[Result]]] = {}
    for row in CheckResult.objects.filter(application_id__in=list(application_ids)).order_by("id"):
        if row.check_id in checks.get(row.application_id, ()):
            found.setdefault(row.application_id, {}).setdefault(row.check_id, []).append(Result(
                row.check_id, row.check_version, Status(row.status), Text(row.explanation_en, row.explanation_de),
                evidence=row.evidence_name, location=row.location, references=tuple(row.references),
                details=row.details))
    return found


def result_rows(application_id: int, outcome: dict) -> list[CheckResult]:
    rows = []
    for found in outcome["results"].values():
        for result in found:
            rows.append(CheckResult(
                application_id=application_id, check_id=result.check, check_version=result.version,
                status=result.status.value, explanation_en=result.explanation.en, explanation_de=result.explanation.de,
                evidence_name=result.evidence[:200], location=result.location[:500],
                references=list(result.references), details=result.details))
    return rows


def verdict_rows(application_id: int, outcome: dict) -> list[RequirementVerdict]:
    return [RequirementVerdict(
        application_id=application_id, code=item.requirement, obligation=item.obligation, verdict=item.verdict,
        source=RequirementVerdict.Source.CHECK, checks=list(item.checks), explanation_en=item.explanation.en,
        explanation_de=item.explanation.de) for item in outcome["verdicts"]]


def store_blobs(files: list[tuple[str, str, bytes]]) -> list[tuple[str, str, Any]]:
    """Content-addressed: the same file handed in twice is stored once."""
    stored = []
    for kind, name, data in files:
        digest = hashlib.sha256(data).hexdigest()
        blob = EvidenceBlob.objects.filter(sha256=digest).first()
        if blob is None:
            blob = EvidenceBlob.objects.create(sha256=digest, size=len(data), content=data)
        stored.append((kind, name, blob))
    return stored


def attach(application: Application, stored: list[tuple[str, str, Any]]) -> None:
    Evidence.objects.bulk_create([Evidence(application=application, kind=kind, name=name, blob=blob)
                                  for kind, name, blob in stored])


__all__ = ["evaluate", "evaluate_many", "job_for", "reference_for", "result_rows", "store_blobs",
           "verdict_rows"]
