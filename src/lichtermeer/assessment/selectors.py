"""Reads for the assessment pages, API and badge."""

from __future__ import annotations

from django.db.models import Prefetch, QuerySet

from lichtermeer.solutions.models import Solution

from .models import Admission, Application, Assignment, CheckResult, RequirementVerdict


def current_admission(solution: Solution) -> Admission | None:
    return solution.admissions.filter(status__in=Admission.CURRENT).select_related("catalogue_version").first()


def latest_admission(solution: Solution) -> Admission | None:
    return solution.admissions.select_related("catalogue_version").first()


def public_report_application(solution: Solution) -> Application | None:
    """The application behind the current (or last) admission; else the last decided one."""
    admission = current_admission(solution) or latest_admission(solution)
    if admission is not None:
        return admission.application
    return solution.applications.exclude(status__in=[*Application.OPEN, Application.Status.WITHDRAWN]).first()


def report(application: Application) -> dict:
    """Per requirement: verdict, who or what decided, explanation, the check results behind it, the evidence."""
    document = application.catalogue_version.document
    titles = {r["id"]: r.get("title", {}) for r in document.get("requirements", ())}
    results: dict[str, list[CheckResult]] = {}
    for result in application.check_results.all():
        results.setdefault(result.check_id, []).append(result)
    verdicts = list(application.verdicts.all())
    rows = [{"verdict": verdict, "title": titles.get(verdict.code, {}),
             "results": [r for check in verdict.checks for r in results.get(check, ())]} for verdict in verdicts]
    deciding = {check for verdict in verdicts for check in verdict.checks}
    return {"application": application, "rows": rows,
            "evidence": list(application.evidence.select_related("blob")),
            "other_results": [r for check, found in results.items() if check not in deciding for r in found]}


def counts(application: Application) -> dict[str, int]:
    found: dict[str, int] = {}
    for verdict in application.verdicts.values_list("verdict", flat=True):
        found[verdict] = found.get(verdict, 0) + 1
    return found


def applications_for(solution: Solution) -> QuerySet[Application]:
    return solution.applications.select_related("catalogue_version")


def review_queue(user) -> QuerySet[Assignment]:
    return (Assignment.objects.filter(reviewer=user, released_at__isnull=True)
            .select_related("application__solution", "application__catalogue_version").order_by("completed_at",
                                                                                               "assigned_at"))


def open_applications() -> QuerySet[Application]:
    return (Application.objects.filter(status__in=Application.OPEN)
            .select_related("solution", "catalogue_version")
            .prefetch_related(Prefetch("assignments", queryset=Assignment.objects.select_related("reviewer"))))


def open_requirements(application: Application) -> QuerySet[RequirementVerdict]:
    return application.verdicts.filter(verdict__in=[RequirementVerdict.Verdict.NEEDS_REVIEW,
                                                    RequirementVerdict.Verdict.ERROR])


def disputed(application: Application) -> QuerySet[RequirementVerdict]:
    return application.verdicts.filter(verdict=RequirementVerdict.Verdict.DISPUTED)


def shown_admission(solution: Solution) -> Admission | None:
    """The admission a badge or a solution page shows: the current one, else the last one (suspended, expired)."""
    return current_admission(solution) or latest_admission(solution)


def open_application(solution: Solution) -> Application | None:
    return solution.applications.filter(status__in=Application.OPEN).first()
