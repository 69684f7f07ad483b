"""Applying for admission, automated checks, four-eyes review and the decision (writes; keyword-only).

Rules of the workflow:
- An application is judged against the catalogue version in force when it was submitted (before the
  first version takes effect: the first published version, so providers can apply ahead of launch).
- Requirements decided by checks get their verdict automatically; all others go to ASSESSMENT_REVIEWERS (2)
  sitting committee members. Never assigned: members of the provider organisation, members whose seat
  affiliation names it, and members who declared a conflict with it (employer, client, competitor).
- Both reviewers judge every open requirement; agreement decides it, disagreement goes to the chair.
- The chair (without a conflict) decides: admitted (only when no MUSS requirement fails), returned for
  changes, or rejected — always with reasons.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import transaction
from django.db.models import Count
from django.utils import timezone

from lichtermeer.accounts.models import Membership
from lichtermeer.accounts.names import public_name
from lichtermeer.audit import services as audit
from lichtermeer.engines.checks.evidence import KINDS
from lichtermeer.requirements import selectors as catalogue
from lichtermeer.requirements.models import CommitteeSeat
from lichtermeer.requirements.rules import sitting_seat
from lichtermeer.solutions import services as solution_services
from lichtermeer.solutions.models import Solution

from . import carry, runner
from .errors import AssessmentError, forbidden
from .models import Admission, Application, Assignment, RequirementVerdict, Review, ReviewerConflict

Verdict = RequirementVerdict.Verdict


def catalogue_for_submission(day: dt.date):
    version = catalogue.current_version(day)
    if version is None:
        from lichtermeer.requirements.models import CatalogueVersion

        version = CatalogueVersion.objects.order_by("major", "minor", "patch").first()
    if version is None:
        raise AssessmentError("no-catalogue", "No catalogue of base requirements has been published yet.",
                              "Es ist noch kein Katalog der Basisanforderungen veröffentlicht.")
    return version


def _validate_files(files: list[tuple[str, str, bytes]]) -> None:
    if not files:
        raise AssessmentError("no-evidence", "An application needs at least one evidence file.",
                              "Ein Antrag braucht mindestens eine Nachweisdatei.", status=400)
    if len(files) > settings.EVIDENCE_MAX_FILES:
        raise AssessmentError("too-many-files", f"At most {settings.EVIDENCE_MAX_FILES} evidence files.",
                              f"Höchstens {settings.EVIDENCE_MAX_FILES} Nachweisdateien.", status=400)
    total = 0
    for kind, name, data in files:
        if kind not in KINDS:
            raise AssessmentError("unknown-kind", f"Unknown kind of evidence {kind!r}.",
                                  f"Unbekannte Art von Nachweis {kind!r}.", status=400)
        if kind != "openapi" and sum(1 for other, _n, _d in files if other == kind) > 1:
            raise AssessmentError("duplicate-kind", f"Only one file of kind {kind!r}.",
                                  f"Nur eine Datei der Art {kind!r}.", status=400)
        if len(data) > settings.EVIDENCE_MAX_FILE_BYTES:
            raise AssessmentError(
                "file-too-large", f"{name} is larger than {settings.EVIDENCE_MAX_FILE_BYTES} bytes.",
                f"{name} ist größer als {settings.EVIDENCE_MAX_FILE_BYTES} Bytes.", status=413)
        total += len(data)
    if total > settings.EVIDENCE_MAX_TOTAL_BYTES:
        raise AssessmentError("too-much-evidence", f"All files together exceed {settings.EVIDENCE_MAX_TOTAL_BYTES} "
                              f"bytes.", f"Alle Dateien zusammen sind größer als {settings.EVIDENCE_MAX_TOTAL_BYTES} "
                              f"Bytes.", status=413)


def _clean_name(name: str) -> str:
    base = (name or "").replace("\\", "/").rsplit("/", 1)[-1].strip()
    return "".join(ch for ch in base if ch.isprintable())[:200] or "evidence"


@transaction.atomic
def apply(*, actor, solution: Solution, files: list[tuple[str, str, bytes]], publiccode_from_listing: bool = True
          ) -> Application:
    """Submit a solution version with its evidence; checks run in the background after the commit."""
    if not actor.has_perm("assessment.apply", solution):
        raise forbidden("Only the provider's editors can apply for this solution.",
                        "Nur die Redakteurinnen und Redakteure des Anbieters können diese Lösung anmelden.")
    return submit(actor=actor, solution=solution, files=files, publiccode_from_listing=publiccode_from_listing)


def submit(*, actor, solution: Solution, files: list[tuple[str, str, bytes]], publiccode_from_listing: bool = True
           ) -> Application:
    """`apply` without the permission check, for the demo loader (actor may be None: system)."""
    solution = Solution.objects.select_for_update().get(pk=solution.pk)
    if solution.applications.filter(status__in=Application.OPEN).exists():
        raise AssessmentError("already-open", "This solution already has an open application.",
                              "Für diese Lösung läuft bereits ein Antrag.")
    files = [(kind, _clean_name(name), data) for kind, name, data in files]
    if publiccode_from_listing and not any(kind == "publiccode" for kind, _n, _d in files):
        version = solution.versions.order_by("-number").first()
        if version is not None:
            files.append(("publiccode", "publiccode.yml", version.publiccode_yaml.encode()))
    _validate_files(files)
    now = timezone.now()
    application = Application.objects.create(
        solution=solution, solution_version=solution.versions.order_by("-number").first(),
        catalogue_version=catalogue_for_submission(timezone.localdate(now)), submitted_by=actor, submitted_at=now,
        software_type=solution.software_type, operating_models=list(solution.hosting_models or []))
    stored = runner.store_blobs(files)
    runner.attach(application, stored)
    if solution.listing_status == Solution.ListingStatus.DRAFT:
        set_listing(solution.pk, Solution.ListingStatus.SUBMITTED, actor=actor, reason=f"application {application.pk}")
    audit.record(action="assessment.applied", actor=actor, obj=application, data={
        "solution": solution.slug, "catalogue_version": application.catalogue_version.version,
        "evidence": [{"kind": kind, "name": name, "sha256": blob.sha256, "size": blob.size}
                     for kind, name, blob in stored]})
    _enqueue_checks(application.pk)
    return application


def _enqueue_checks(application_id: int) -> None:
    from .tasks import run_checks

    transaction.on_commit(lambda: run_checks.enqueue(application_id))


@transaction.atomic
def run_checks(*, application_id: int, day: dt.date | None = None) -> Application | None:
    """Run the automated checks and derive the verdicts; idempotent (a retried task does nothing twice)."""
    application = (Application.objects.select_for_update().select_related("solution", "catalogue_version")
                   .filter(pk=application_id, status=Application.Status.SUBMITTED).first())
    if application is None:
        return None
    day = day or timezone.localdate()
    reference = runner.reference_for(day, application.solution)
    _id, outcome = runner.evaluate(runner.job_for(application), application.catalogue_version.document, reference)
    record_outcome(application, outcome)
    return route(application)


def record_outcome(application: Application, outcome: dict) -> None:
    from .models import CheckResult

    CheckResult.objects.bulk_create(runner.result_rows(application.pk, outcome))
    rows = runner.verdict_rows(application.pk, outcome)
    if application.previous_id is not None:
        previous = carry.human_verdicts([application.previous_id], application.catalogue_version.document)
        before = carry.stored_results([application.previous_id])
        carry.apply(rows, previous.get(application.previous_id, {}), before.get(application.previous_id, {}),
                    carry.fresh_results(outcome))
    RequirementVerdict.objects.bulk_create(rows)
    application.checked_at = timezone.now()
    application.check_versions = outcome["check_versions"]
    application.reference_versions = outcome["versions"]


def route(application: Application) -> Application:
    """After the checks: everything decided automatically → decide now; otherwise assign reviewers."""
    open_codes = list(application.verdicts.filter(
        verdict__in=[Verdict.NEEDS_REVIEW, Verdict.ERROR, Verdict.DISPUTED]).values_list("code", flat=True))
    if open_codes:
        application.status = Application.Status.IN_REVIEW
        application.save(update_fields=["status", "checked_at", "check_versions", "reference_versions"])
        assign_reviewers(application=application)
        return application
    application.save(update_fields=["checked_at", "check_versions", "reference_versions"])
    blocking = blocking_requirements(application)
    if blocking:
        return _close(application, Application.Status.RETURNED, None,
                      "Automated checks: MUSS requirements not met: " + ", ".join(blocking))
    return _close(application, Application.Status.ADMITTED, None, "All requirements met according to the "
                  "automated checks.")


def blocking_requirements(application: Application) -> list[str]:
    return list(application.verdicts.filter(obligation="MUSS", verdict__in=[Verdict.FAIL, Verdict.ERROR])
                .values_list("code", flat=True))


# --- reviewers ---------------------------------------------------------------------------------------------------

def has_conflict(user, solution: Solution, seat: CommitteeSeat | None = None) -> bool:
    """`seat`: the user's sitting seat when the caller already has it (saves looking it up again)."""
    organisation = solution.organisation
    if Membership.objects.filter(user=user, organisation=organisation).exists():
        return True
    if ReviewerConflict.objects.filter(member=user, organisation=organisation).exists():
        return True
    seat = seat or sitting_seat(user)
    return bool(seat and seat.affiliation.strip().casefold() == organisation.name.strip().casefold())


def eligible_reviewers(application: Application) -> list:
    day = timezone.localdate()
    excluded = set(application.assignments.values_list("reviewer_id", flat=True))
    seats = (CommitteeSeat.objects.filter(term_start__lte=day, term_end__gte=day, user__is_active=True)
             .exclude(user_id__in=excluded).select_related("user"))
    # The chair decides disputes and the outcome, so the chair never reviews (no one approves their own review).
    users = [seat.user for seat in seats if seat.sits_on(day) and seat.role != CommitteeSeat.Role.CHAIR
             and not has_conflict(seat.user, application.solution, seat)]
    load = dict(Assignment.objects.filter(completed_at__isnull=True, released_at__isnull=True, reviewer__in=users)
                .values("reviewer").annotate(n=Count("id")).values_list("reviewer", "n"))
    # Fewest open assignments first, then by id: spreads the work and stays reproducible.
    return sorted({u.pk: u for u in users}.values(), key=lambda user: (load.get(user.pk, 0), user.pk))


def assign_reviewers(*, application: Application, actor=None) -> list[Assignment]:
    active = application.assignments.filter(released_at__isnull=True).count()
    missing = settings.ASSESSMENT_REVIEWERS - active
    chosen = eligible_reviewers(application)[:max(missing, 0)]
    created = [Assignment.objects.create(application=application, reviewer=user) for user in chosen]
    if created:
        audit.record(action="assessment.reviewers_assigned", actor=actor, obj=application,
                     data={"reviewers": [public_name(a.reviewer) for a in created]})
        from .tasks import notify_reviewers

        ids = [a.pk for a in created]
        transaction.on_commit(lambda: notify_reviewers.enqueue(ids))
    if missing > len(created):
        audit.record(action="assessment.reviewers_missing", actor=actor, obj=application,
                     data={"needed": missing, "found": len(created)})
    return created


@transaction.atomic
def release_reviewer(*, actor, application: Application, reviewer, reason: str) -> Assignment | None:
    """A reviewer withdraws (e.g. a conflict came up) or the chair replaces one; a replacement is assigned."""
    assignment = application.assignments.filter(reviewer=reviewer, released_at__isnull=True).first()
    if assignment is None:
        raise AssessmentError("not-assigned", "This person is not assigned.", "Diese Person ist nicht zugeordnet.")
    if actor != reviewer and not actor.has_perm("assessment.reassign_reviewers", application):
        raise forbidden("Only the chair or the operator can replace reviewers.",
                        "Nur der Vorsitz oder der Betreiber kann Prüfende ersetzen.")
    if not reason.strip():
        raise AssessmentError("missing-reason", "Give a reason.", "Bitte eine Begründung angeben.", status=400)
    assignment.released_at, assignment.release_reason = timezone.now(), reason.strip()[:300]
    assignment.save(update_fields=["released_at", "release_reason"])
    audit.record(action="assessment.reviewer_released", actor=actor, obj=application,
                 data={"reviewer": public_name(reviewer), "reason": assignment.release_reason})
    replacement = assign_reviewers(application=application, actor=actor)
    return replacement[0] if replacement else None


@transaction.atomic
def declare_conflict(*, actor, organisation, reason: str) -> ReviewerConflict:
    if not actor.has_perm("assessment.declare_review_conflict"):
        raise forbidden("Only committee members declare conflicts.", "Nur Mitglieder des Fachgremiums erklären "
                        "Interessenkonflikte.")
    if not reason.strip():
        raise AssessmentError("missing-reason", "Give a reason.", "Bitte eine Begründung angeben.", status=400)
    conflict, _created = ReviewerConflict.objects.update_or_create(
        member=actor, organisation=organisation, defaults={"reason": reason.strip()[:300]})
    audit.record(action="assessment.conflict_declared", actor=actor, obj=conflict,
                 data={"organisation": organisation.slug, "reason": conflict.reason})
    for assignment in Assignment.objects.filter(reviewer=actor, released_at__isnull=True, completed_at__isnull=True,
                                                application__solution__organisation=organisation):
        release_reviewer(actor=actor, application=assignment.application, reviewer=actor,
                         reason="conflict of interest declared")
    return conflict


@transaction.atomic
def submit_review(*, actor, application: Application, judgements: dict[str, tuple[str, str]]) -> Assignment:
    """`judgements`: requirement id → (pass|fail, reasoning) for every requirement open for review."""
    application = Application.objects.select_for_update().get(pk=application.pk)
    if not actor.has_perm("assessment.review_application", application):
        raise forbidden("You are not an assigned reviewer of this application.",
                        "Sie sind diesem Antrag nicht als Prüferin oder Prüfer zugeordnet.")
    assignment = application.assignments.get(reviewer=actor, released_at__isnull=True)
    if assignment.completed_at is not None:
        raise AssessmentError("already-reviewed", "You have already submitted your review.",
                              "Sie haben Ihre Prüfung bereits abgegeben.")
    open_codes = set(application.verdicts.filter(verdict__in=[Verdict.NEEDS_REVIEW, Verdict.ERROR])
                     .values_list("code", flat=True))
    missing = sorted(open_codes - judgements.keys())
    if missing:
        raise AssessmentError("incomplete-review", "Judge every open requirement: " + ", ".join(missing),
                              "Bitte jede offene Anforderung bewerten: " + ", ".join(missing), status=400)
    for code in sorted(open_codes):
        verdict, comment = judgements[code]
        if verdict not in ("pass", "fail") or not (comment or "").strip():
            raise AssessmentError("invalid-judgement", f"{code}: choose met or not met and give reasons.",
                                  f"{code}: bitte erfüllt oder nicht erfüllt wählen und begründen.", status=400)
        Review.objects.create(assignment=assignment, code=code, verdict=verdict, comment=comment.strip()[:5000])
    assignment.completed_at = timezone.now()
    assignment.save(update_fields=["completed_at"])
    audit.record(action="assessment.reviewed", actor=actor, obj=application,
                 data={code: judgements[code][0] for code in sorted(open_codes)})
    _combine_reviews(application)
    return assignment


def _combine_reviews(application: Application) -> None:
    done = list(application.assignments.filter(released_at__isnull=True, completed_at__isnull=False)
                .select_related("reviewer"))
    if len(done) < settings.ASSESSMENT_REVIEWERS:
        return
    now = timezone.now()
    for row in application.verdicts.filter(verdict__in=[Verdict.NEEDS_REVIEW, Verdict.ERROR]):
        reviews = list(Review.objects.filter(assignment__in=done, code=row.code).select_related("assignment__reviewer"))
        verdicts = {review.verdict for review in reviews}
        names = [public_name(review.assignment.reviewer) for review in reviews]
        en = " / ".join(f"{public_name(r.assignment.reviewer)}: {r.comment}" for r in reviews)
        if len(verdicts) == 1:
            row.verdict, row.source = verdicts.pop(), RequirementVerdict.Source.REVIEW
        else:
            row.verdict, row.source = Verdict.DISPUTED, RequirementVerdict.Source.REVIEW
        row.explanation_en = row.explanation_de = en
        row.decided_by, row.decided_at = names, now
        row.save(update_fields=["verdict", "source", "explanation_en", "explanation_de", "decided_by", "decided_at"])


@transaction.atomic
def resolve_dispute(*, actor, application: Application, code: str, verdict: str, reasons: str) -> RequirementVerdict:
    if not actor.has_perm("assessment.resolve_dispute", application):
        raise forbidden("Only the chair without a conflict resolves disputes.",
                        "Nur der Vorsitz ohne Interessenkonflikt entscheidet Uneinigkeit.")
    row = application.verdicts.filter(code=code, verdict=Verdict.DISPUTED).first()
    if row is None:
        raise AssessmentError("not-disputed", f"{code} is not disputed.", f"{code} ist nicht strittig.", status=404)
    if verdict not in ("pass", "fail") or not reasons.strip():
        raise AssessmentError("invalid-judgement", "Choose met or not met and give reasons.",
                              "Bitte erfüllt oder nicht erfüllt wählen und begründen.", status=400)
    row.verdict, row.source = verdict, RequirementVerdict.Source.CHAIR
    row.explanation_en = row.explanation_de = f"{row.explanation_en} — {public_name(actor)}: {reasons.strip()}"
    row.decided_by = [*row.decided_by, public_name(actor)]
    row.decided_at = timezone.now()
    row.save()
    audit.record(action="assessment.dispute_resolved", actor=actor, obj=application,
                 data={"requirement": code, "verdict": verdict, "reasons": reasons.strip()})
    return row


@transaction.atomic
def decide(*, actor, application: Application, outcome: str, reasons: str) -> Application:
    application = Application.objects.select_for_update().get(pk=application.pk)
    if not actor.has_perm("assessment.decide_application", application):
        raise forbidden("Only the chair without a conflict decides applications under review.",
                        "Nur der Vorsitz ohne Interessenkonflikt entscheidet über Anträge in Prüfung.")
    if outcome not in (Application.Status.ADMITTED, Application.Status.RETURNED, Application.Status.REJECTED):
        raise AssessmentError("invalid-outcome", "Unknown outcome.", "Unbekanntes Ergebnis.", status=400)
    if not reasons.strip():
        raise AssessmentError("missing-reasons", "A decision needs reasons.",
                              "Eine Entscheidung braucht eine Begründung.", status=400)
    still_open = list(application.verdicts.filter(
        verdict__in=[Verdict.NEEDS_REVIEW, Verdict.ERROR, Verdict.DISPUTED]).values_list("code", flat=True))
    if still_open and outcome == Application.Status.ADMITTED:
        raise AssessmentError("review-open", "Requirements still open: " + ", ".join(still_open),
                              "Noch offene Anforderungen: " + ", ".join(still_open))
    blocking = blocking_requirements(application)
    if blocking and outcome == Application.Status.ADMITTED:
        raise AssessmentError("muss-failed", "MUSS requirements not met: " + ", ".join(blocking),
                              "Nicht erfüllte MUSS-Anforderungen: " + ", ".join(blocking))
    return _close(application, outcome, actor, reasons.strip())


def _close(application: Application, outcome: str, actor, reasons: str) -> Application:
    now = timezone.now()
    application.status, application.decided_at, application.decided_by = outcome, now, actor
    application.decision_reason = reasons
    application.save(update_fields=["status", "decided_at", "decided_by", "decision_reason"])
    solution = Solution.objects.select_for_update().get(pk=application.solution_id)
    if outcome == Application.Status.ADMITTED:
        admit(application=application, solution=solution, now=now)
    elif (application.kind == Application.Kind.APPLICATION
          and solution.listing_status == Solution.ListingStatus.SUBMITTED):
        set_listing(solution.pk, Solution.ListingStatus.DRAFT, actor=actor,
                    reason=f"application {application.pk}: {outcome}")
    audit.record(action="assessment.decided", actor=actor, obj=application, data={
        "solution": solution.slug, "outcome": outcome, "reasons": reasons, "kind": application.kind,
        "catalogue_version": application.catalogue_version.version})
    from .tasks import notify_decision

    transaction.on_commit(lambda: notify_decision.enqueue(application.pk))
    return application


def add_months(day: dt.date, months: int) -> dt.date:
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    for candidate in range(day.day, 27, -1):
        try:
            return dt.date(year, month, candidate)
        except ValueError:
            continue
    return dt.date(year, month, min(day.day, 28))


def admit(*, application: Application, solution: Solution, now) -> Admission:
    current = solution.admissions.filter(status__in=Admission.CURRENT).first()
    if application.kind == Application.Kind.REASSESSMENT and current is not None:
        # Passing a re-assessment moves the admission to the new catalogue version; the validity stays.
        valid_until = current.valid_until
    else:
        valid_until = add_months(timezone.localdate(now), settings.ADMISSION_VALID_MONTHS)
    if current is not None:
        current.status, current.ended_at, current.end_reason = Admission.Status.SUPERSEDED, now, \
            f"superseded by application {application.pk}"
        current.save(update_fields=["status", "ended_at", "end_reason"])
    admission = Admission.objects.create(solution=solution, application=application,
                                         catalogue_version=application.catalogue_version, admitted_at=now,
                                         valid_until=valid_until)
    set_listing(solution.pk, Solution.ListingStatus.ADMITTED, reason=f"application {application.pk}: admitted")
    audit.record(action="admission.granted", obj=admission, data={
        "solution": solution.slug, "valid_until": valid_until.isoformat(),
        "catalogue_version": application.catalogue_version.version})
    return admission


def set_listing(solution_id: int, status: str, *, actor=None, reason: str = "", only_from: str | None = None) -> None:
    """Change a listing status through the solution catalogue, which keeps the search facets and index current
    (a bare queryset update left search filtering on the old status)."""
    solution = Solution.objects.select_for_update().get(pk=solution_id)
    if only_from is None or solution.listing_status == only_from:
        solution_services.set_listing_status(solution=solution, status=status, actor=actor, reason=reason)


@transaction.atomic
def withdraw(*, actor, application: Application) -> Application:
    application = Application.objects.select_for_update().get(pk=application.pk)
    if not actor.has_perm("assessment.withdraw_application", application):
        raise forbidden("Only the provider can withdraw an open application.",
                        "Nur der Anbieter kann einen offenen Antrag zurückziehen.")
    application.status, application.decided_at = Application.Status.WITHDRAWN, timezone.now()
    application.save(update_fields=["status", "decided_at"])
    application.assignments.filter(released_at__isnull=True, completed_at__isnull=True).update(
        released_at=timezone.now(), release_reason="application withdrawn")
    set_listing(application.solution_id, Solution.ListingStatus.DRAFT, actor=actor,
                reason=f"application {application.pk} withdrawn", only_from=Solution.ListingStatus.SUBMITTED)
    audit.record(action="assessment.withdrawn", actor=actor, obj=application)
    return application


__all__ = ["apply", "assign_reviewers", "decide", "declare_conflict", "eligible_reviewers", "has_conflict",
           "release_reviewer", "resolve_dispute", "run_checks", "submit_review", "withdraw"]
