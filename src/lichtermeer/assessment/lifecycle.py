"""Admissions over time: re-assessment when a catalogue version takes effect, transition periods,
reminders before expiry, expiry and suspension (writes; run daily by `assessment_lifecycle`).

A solution that fails a re-assessment keeps its admission (status `grace`) until the new version's
transition period ends; then it is suspended unless a new application has been admitted meanwhile.
"""

from __future__ import annotations

import datetime as dt
import time

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from lichtermeer.audit import services as audit
from lichtermeer.requirements.models import CatalogueVersion
from lichtermeer.solutions.models import Solution

from . import carry, runner, services
from .models import Admission, Application, Evidence, ReassessmentRun, RequirementVerdict

Verdict = RequirementVerdict.Verdict
OPEN = (Verdict.NEEDS_REVIEW, Verdict.ERROR, Verdict.DISPUTED)


def transition_end(version: CatalogueVersion) -> dt.date:
    return version.transition_until or version.effective_from + dt.timedelta(days=settings.CATALOGUE_TRANSITION_DAYS)


def due_versions(today: dt.date) -> list[CatalogueVersion]:
    """Versions in force whose re-assessment has not run yet (the newest in force only: older ones are moot)."""
    version = CatalogueVersion.objects.filter(effective_from__lte=today).first()
    if version is None or ReassessmentRun.objects.filter(catalogue_version=version).exists():
        return []
    if not Admission.objects.filter(status__in=Admission.CURRENT).exclude(catalogue_version=version).exists():
        return []
    return [version]


def reassess_all(*, version: CatalogueVersion, today: dt.date | None = None, workers: int | None = None,
                 batch: int = 500) -> ReassessmentRun:
    """Re-assess every current admission made against an older version, with the stored evidence."""
    today = today or timezone.localdate()
    started = time.perf_counter()
    with transaction.atomic():
        run, created = ReassessmentRun.objects.select_for_update().get_or_create(catalogue_version=version)
        if not created and run.finished_at is not None:
            return run
    admissions = list(Admission.objects.filter(status__in=Admission.CURRENT).exclude(catalogue_version=version)
                      .select_related("application").order_by("id").values_list("id", flat=True))
    reference = runner.reference_for(today)
    for start in range(0, len(admissions), batch):
        _reassess_batch(admissions[start:start + batch], version, reference, today, run, workers)
    run.finished_at = timezone.now()
    run.seconds = round(time.perf_counter() - started, 3)
    run.save()
    audit.record(action="assessment.reassessment_run", obj=run, data={
        "catalogue_version": version.version, "solutions": run.solutions, "still_meeting": run.still_meeting,
        "failing": run.failing, "to_review": run.to_review})
    return run


def _reassess_batch(ids: list[int], version: CatalogueVersion, reference, today: dt.date, run: ReassessmentRun,
                    workers: int | None) -> None:
    with transaction.atomic():
        admissions = list(Admission.objects.select_for_update().filter(pk__in=ids, status__in=Admission.CURRENT)
                          .select_related("application", "solution"))
        applications = Application.objects.bulk_create([Application(
            solution=a.solution, solution_version=a.application.solution_version, catalogue_version=version,
            kind=Application.Kind.REASSESSMENT, previous=a.application, software_type=a.application.software_type,
            operating_models=a.application.operating_models, status=Application.Status.CHECKING)
            for a in admissions])
        by_previous = {a.application_id: app for a, app in zip(admissions, applications, strict=True)}
        evidence = list(Evidence.objects.filter(application__in=[a.application_id for a in admissions])
                        .select_related("blob").order_by("id"))
        Evidence.objects.bulk_create([Evidence(application=by_previous[e.application_id], kind=e.kind, name=e.name,
                                               blob=e.blob) for e in evidence])
        files: dict[int, list] = {}
        for e in evidence:
            files.setdefault(by_previous[e.application_id].pk, []).append((e.kind, e.name, bytes(e.blob.content)))
        # Evidence is the same blobs as before, so pure checks keep their results unless something they read changed.
        previous_apps = {a.application_id: a.application for a in admissions}
        allowed = {app.previous_id: runner.reusable(previous_apps[app.previous_id], reference, same_evidence=True)
                   for app in applications}
        reuse = runner.stored_results(allowed, allowed)
        jobs = [(app.pk, files.get(app.pk, []), app.software_type or None, list(app.operating_models or []),
                 reuse.get(app.previous_id, {})) for app in applications]
        previous_of = {app.pk: app.previous_id for app in applications}
        carried = carry.human_verdicts(list(previous_of.values()), version.document)
        before = carry.stored_results(previous_of.values())
        results, verdicts, outcomes = [], [], {}
        for application_id, outcome in runner.evaluate_many(jobs, version.document, reference, workers=workers):
            results.extend(runner.result_rows(application_id, outcome))
            rows = runner.verdict_rows(application_id, outcome)
            old = previous_of[application_id]
            carry.apply(rows, carried.get(old, {}), before.get(old, {}), carry.fresh_results(outcome))
            verdicts.extend(rows)
            outcomes[application_id] = (outcome, rows)
        from .models import CheckResult

        CheckResult.objects.bulk_create(results, batch_size=2000)
        RequirementVerdict.objects.bulk_create(verdicts, batch_size=2000)
        _conclude(admissions, applications, outcomes, version, today, run)


def _conclude(admissions, applications, outcomes, version, today, run) -> None:
    now = timezone.now()
    grace_until = transition_end(version)
    entries = []
    for admission, application in zip(admissions, applications, strict=True):
        _outcome, rows = outcomes[application.pk]
        open_codes = [row.code for row in rows if row.verdict in OPEN]
        blocking = [row.code for row in rows if row.obligation == "MUSS" and row.verdict in (Verdict.FAIL,
                                                                                               Verdict.ERROR)]
        run.solutions += 1
        if not open_codes and not blocking:
            run.still_meeting += 1
            application.status, application.decided_at = Application.Status.ADMITTED, now
            application.decision_reason = (f"Re-assessed against catalogue {version.version}: all requirements met.")
            admission.status, admission.ended_at = Admission.Status.SUPERSEDED, now
            admission.end_reason = f"re-assessed against {version.version}"
            admission.save(update_fields=["status", "ended_at", "end_reason"])
            new = Admission.objects.create(solution=admission.solution, application=application,
                                           catalogue_version=version, admitted_at=now,
                                           valid_until=admission.valid_until)
            entries.append({"action": "admission.reassessed", "obj": new, "data": {
                "solution": admission.solution.slug, "catalogue_version": version.version, "result": "met"}})
        else:
            if blocking:
                run.failing += 1
                application.status, application.decided_at = Application.Status.RETURNED, now
                application.decision_reason = (f"Re-assessed against catalogue {version.version}: MUSS "
                                               f"requirements not met: {', '.join(blocking)}. The admission stays "
                                               f"valid until {grace_until.isoformat()} (transition period).")
            else:
                run.to_review += 1
                application.status = Application.Status.IN_REVIEW
            admission.status, admission.grace_until = Admission.Status.GRACE, grace_until
            admission.grace_reason = application.decision_reason or ("Requirements to review: " + ", ".join(
                open_codes))
            admission.save(update_fields=["status", "grace_until", "grace_reason"])
            entries.append({"action": "admission.transition", "obj": admission, "data": {
                "solution": admission.solution.slug, "catalogue_version": version.version,
                "failing": blocking, "to_review": open_codes, "until": grace_until.isoformat()}})
        application.checked_at = now
        application.check_versions = _outcome["check_versions"]
        application.reference_versions = _outcome["versions"]
    Application.objects.bulk_update(applications, ["status", "decided_at", "decision_reason", "checked_at",
                                                   "check_versions", "reference_versions"], batch_size=500)
    audit.record_many(entries)
    for application in applications:
        if application.status == Application.Status.IN_REVIEW:
            services.assign_reviewers(application=application)
    from .tasks import notify_reassessment

    ids = [a.pk for a in applications if a.status != Application.Status.ADMITTED]
    if ids:
        transaction.on_commit(lambda: notify_reassessment.enqueue(ids))


@transaction.atomic
def expire_and_remind(*, today: dt.date | None = None) -> dict[str, int]:
    today = today or timezone.localdate()
    now = timezone.now()
    counts = {"expired": 0, "suspended": 0, "reminded": 0}
    for admission in Admission.objects.select_for_update().filter(status__in=Admission.CURRENT, valid_until__lt=today):
        _end(admission, Admission.Status.EXPIRED, Solution.ListingStatus.EXPIRED, now,
             f"validity ended on {admission.valid_until.isoformat()}")
        counts["expired"] += 1
    for admission in Admission.objects.select_for_update().filter(status=Admission.Status.GRACE,
                                                                  grace_until__lt=today):
        _end(admission, Admission.Status.SUSPENDED, Solution.ListingStatus.SUSPENDED, now,
             f"transition period ended on {admission.grace_until.isoformat()} without meeting the catalogue")
        counts["suspended"] += 1
    horizon = today + dt.timedelta(days=settings.ADMISSION_REMINDER_DAYS)
    due = list(Admission.objects.select_for_update().filter(status__in=Admission.CURRENT, valid_until__lte=horizon,
                                                            reminder_sent_at__isnull=True))
    for admission in due:
        admission.reminder_sent_at = now
        admission.save(update_fields=["reminder_sent_at"])
        counts["reminded"] += 1
    if due:
        from .tasks import send_expiry_reminders

        ids = [a.pk for a in due]
        transaction.on_commit(lambda: send_expiry_reminders.enqueue(ids))
    return counts


def _end(admission: Admission, status: str, listing: str, now, reason: str, actor=None) -> None:
    admission.status, admission.ended_at, admission.end_reason = status, now, reason
    admission.save(update_fields=["status", "ended_at", "end_reason"])
    services.set_listing(admission.solution_id, listing, actor=actor, reason=f"admission {status}: {reason}")
    audit.record(action=f"admission.{status}", actor=actor, obj=admission,
                 data={"solution": admission.solution.slug, "reason": reason})


@transaction.atomic
def suspend(*, actor, admission: Admission, reason: str) -> Admission:
    if not actor.has_perm("assessment.suspend_admission"):
        raise services.forbidden("Only the operator suspends admissions.", "Nur der Betreiber setzt Zulassungen aus.")
    if not admission.is_current:
        raise services.AssessmentError("not-current", "The admission is not current.",
                                       "Die Zulassung ist nicht aktuell.")
    if not reason.strip():
        raise services.AssessmentError("missing-reason", "Give a reason.", "Bitte eine Begründung angeben.",
                                       status=400)
    _end(admission, Admission.Status.SUSPENDED, Solution.ListingStatus.SUSPENDED, timezone.now(), reason.strip(),
         actor)
    return admission


def run_daily(*, today: dt.date | None = None) -> dict:
    today = today or timezone.localdate()
    report: dict = {"reassessed": []}
    for version in due_versions(today):
        run = reassess_all(version=version, today=today)
        report["reassessed"].append({"version": version.version, "solutions": run.solutions,
                                     "failing": run.failing, "to_review": run.to_review})
    report.update(expire_and_remind(today=today))
    return report
