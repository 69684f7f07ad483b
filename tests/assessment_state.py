"""Assessment states built with the ORM, without running the check engine: an application after its checks,
reviews, a dispute, an admission. For the tests of pages, API and permissions and for the browser seed.

Verdicts follow what the engine yields: requirements with checks are decided by them (with one CheckResult per
check), requirements without checks need review. Explanations differ per language, so pages can be tested for
the active one.
"""

import datetime as dt

from django.conf import settings
from django.utils import timezone

from lichtermeer.accounts.names import public_name
from lichtermeer.assessment import runner
from lichtermeer.assessment.models import Admission, Application, Assignment, CheckResult, RequirementVerdict
from lichtermeer.assessment.services import add_months
from lichtermeer.solutions.models import Solution
from lichtermeer.solutions.services import refresh_facets

Verdict = RequirementVerdict.Verdict
Source = RequirementVerdict.Source

OSV_SNAPSHOT = "2024-10-10T09:15:00Z"
REFERENCE_VERSIONS = {"today": "2026-12-02", "spdx-license-list": "3.25", "osv-snapshot": OSV_SNAPSHOT}
DEFAULT_FILES = [
    ("publiccode", "publiccode.yml", b'publiccodeYmlVersion: "0"\nname: Beispiel\n'),
    ("sbom", "bom.cdx.json", b'{"bomFormat": "CycloneDX", "specVersion": "1.5", "components": []}'),
    ("securitytxt", "security.txt", b"Contact: mailto:security@example.org\nExpires: 2027-12-31T00:00:00Z\n"),
]


def check_explanation(check: str, status: str) -> tuple[str, str]:
    return (f"Check {check} {status}: the evidence meets the requirement.",
            f"Prüfung {check} {status}: der Nachweis erfüllt die Anforderung.")


def make_application(solution: Solution, version, *, status: str = Application.Status.IN_REVIEW, submitted_by=None,
                     failing: tuple[str, ...] = (), files=None, kind: str = Application.Kind.APPLICATION
                     ) -> Application:
    """An application whose automated checks have run: check-decided requirements pass (or fail if named in
    `failing`), the others need review."""
    now = timezone.now()
    document = version.document
    checks = sorted({check for requirement in document["requirements"] for check in requirement.get("checks") or ()})
    application = Application.objects.create(
        solution=solution, catalogue_version=version, status=status, kind=kind, submitted_by=submitted_by,
        submitted_at=now, checked_at=None if status == Application.Status.SUBMITTED else now,
        check_versions=dict.fromkeys(checks, "1"), reference_versions=dict(REFERENCE_VERSIONS),
        software_type=solution.software_type)
    runner.attach(application, runner.store_blobs(files or DEFAULT_FILES))
    if status == Application.Status.SUBMITTED:
        return application
    verdicts, results = [], []
    for requirement in document["requirements"]:
        code, decided_by = requirement["id"], list(requirement.get("checks") or ())
        if decided_by:
            outcome = Verdict.FAIL if code in failing else Verdict.PASS
            for check in decided_by:
                en, de = check_explanation(check, outcome)
                results.append(CheckResult(application=application, check_id=check, check_version="1",
                                           status=outcome, explanation_en=en, explanation_de=de,
                                           evidence_name="bom.cdx.json", location="components[0]"))
            en = f"Decided by the automated checks ({outcome})."
            de = f"Von den automatischen Prüfungen entschieden ({outcome})."
        else:
            outcome = Verdict.NEEDS_REVIEW
            en = "No automated check decides this requirement; two reviewers judge it."
            de = "Keine automatische Prüfung entscheidet diese Anforderung; zwei Prüfende bewerten sie."
        verdicts.append(RequirementVerdict(application=application, code=code, obligation=requirement["obligation"],
                                           verdict=outcome, source=Source.CHECK, checks=decided_by,
                                           explanation_en=en, explanation_de=de))
    CheckResult.objects.bulk_create(results)
    RequirementVerdict.objects.bulk_create(verdicts)
    return application


def assign(application: Application, *reviewers) -> list[Assignment]:
    return [Assignment.objects.create(application=application, reviewer=reviewer) for reviewer in reviewers]


def reviewed(application: Application, reviewers, verdict: str = Verdict.PASS) -> Application:
    """Every open requirement decided by the reviewers in agreement (as services._combine_reviews writes it)."""
    names = [public_name(reviewer) for reviewer in reviewers]
    application.verdicts.filter(verdict__in=[Verdict.NEEDS_REVIEW, Verdict.ERROR]).update(
        verdict=verdict, source=Source.REVIEW, explanation_en=" / ".join(f"{n}: Nachweis geprüft." for n in names),
        explanation_de=" / ".join(f"{n}: Nachweis geprüft." for n in names), decided_by=names,
        decided_at=timezone.now())
    application.assignments.filter(released_at__isnull=True).update(completed_at=timezone.now())
    return application


def dispute(application: Application, code: str, reviewers) -> RequirementVerdict:
    row = application.verdicts.get(code=code)
    row.verdict, row.source = Verdict.DISPUTED, Source.REVIEW
    row.explanation_en = row.explanation_de = " / ".join(
        f"{public_name(user)}: {'erfüllt' if index == 0 else 'nicht erfüllt'}" for index, user in enumerate(reviewers))
    row.decided_by = [public_name(user) for user in reviewers]
    row.save()
    return row


def admit(application: Application, *, chair=None, valid_until: dt.date | None = None,
          status: str = Admission.Status.ACTIVE) -> Admission:
    """Close the application as admitted and create its admission (the solution's listing follows)."""
    now = timezone.now()
    application.status, application.decided_at, application.decided_by = Application.Status.ADMITTED, now, chair
    application.decision_reason = "Alle Anforderungen erfüllt."
    application.save()
    valid_until = valid_until or add_months(timezone.localdate(now), settings.ADMISSION_VALID_MONTHS)
    admission = Admission.objects.create(
        solution=application.solution, application=application, catalogue_version=application.catalogue_version,
        admitted_at=now, valid_until=valid_until,
        status=status, ended_at=None if status in Admission.CURRENT else now,
        end_reason="" if status in Admission.CURRENT else "validity ended")
    listing = {Admission.Status.SUSPENDED: Solution.ListingStatus.SUSPENDED,
               Admission.Status.EXPIRED: Solution.ListingStatus.EXPIRED}.get(status, Solution.ListingStatus.ADMITTED)
    Solution.objects.filter(pk=application.solution_id).update(listing_status=listing)
    application.solution.refresh_from_db()
    refresh_facets(application.solution)  # as the real services do, so search sees the status
    return admission


def close(application: Application, outcome: str, *, chair=None, reasons: str = "Bitte Nachweise ergänzen.") -> None:
    application.status, application.decided_at, application.decided_by = outcome, timezone.now(), chair
    application.decision_reason = reasons
    application.save()
