"""JSON API of assessment and admission (tag "assessment"): the public report and admission of a solution,
applications with their verdicts, and the writes of providers (apply, withdraw), reviewers (reviews) and the
chair (disputes, decisions), each with a token.

Handlers stay thin: reads go through selectors, writes through services; an AssessmentError becomes a problem
document with its status, its code and its message in English and German.
"""

from __future__ import annotations

import base64
import binascii
import functools
import io
import math

from django.conf import settings
from django.http import Http404
from django.urls import reverse
from ninja import Router, Status
from ninja.decorators import decorate_view

from lichtermeer.accounts.api_auth import OPTIONAL_TOKEN, caller, token_auth
from lichtermeer.accounts.names import public_name
from lichtermeer.problems import ApiProblem, error_item, problem_responses, refused, too_large_response
from lichtermeer.solutions import selectors as catalogue
from lichtermeer.solutions.models import Solution
from lichtermeer.solutions.schemas import SolutionSlug

from . import labels, selectors, services
from .errors import AssessmentError
from .models import Admission, Application, RequirementVerdict
from .schemas import (
    AdmissionOut,
    ApplicationId,
    ApplicationIn,
    ApplicationOut,
    AssessmentReportOut,
    DecisionIn,
    ResolutionIn,
    ReviewIn,
)

router = Router(tags=["assessment"])

# Room for the JSON around the base64 of the largest allowed upload.
JSON_OVERHEAD_BYTES = 256 * 1024


def application_body_limit() -> int:
    return 4 * math.ceil(settings.EVIDENCE_MAX_TOTAL_BYTES / 3) + JSON_OVERHEAD_BYTES


def _refused(error: AssessmentError) -> ApiProblem:
    if error.status == 413:
        return ApiProblem(413, error.code, ("Evidence too large", "Nachweise zu groß"), (error.en, error.de),
                          [error_item("files", error.en, error.de)])
    return refused(error)


def large_body(run):
    """Applications carry evidence as base64 in JSON, more than DATA_UPLOAD_MAX_MEMORY_SIZE allows for other
    requests. For a caller with a valid token, read the body here up to the evidence limit (which Django's
    own check would refuse); anything larger is refused before it is read."""

    @functools.wraps(run)
    def wrapper(request, *args, **kwargs):
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        if length > application_body_limit():
            return too_large_response()
        if length and not hasattr(request, "_body") and token_auth(request) is not None:
            request._body = request.read(length)
            request._stream = io.BytesIO(request._body)
        return run(request, *args, **kwargs)

    return wrapper


# --- serialisation -----------------------------------------------------------------------------------------


def _text(item) -> dict:
    return {"de": item.explanation_de or "", "en": item.explanation_en or ""}


def solution_ref(solution: Solution) -> dict:
    return {
        "slug": solution.slug,
        "name": solution.name,
        "organisation": solution.organisation.name,
        "html_url": solution.get_absolute_url(),
        "api_url": reverse("api:get_solution", kwargs={"slug": solution.slug}),
    }


def requirement_rows(application: Application) -> list[dict]:
    report = selectors.report(application)
    versions = application.check_versions or {}
    rows = []
    for item in report["rows"]:
        row: RequirementVerdict = item["verdict"]
        title = item["title"] if isinstance(item["title"], dict) else {}
        who = labels.checks_with_versions(row, versions) if row.source == RequirementVerdict.Source.CHECK else \
            [str(name) for name in row.decided_by or ()]
        rows.append({
            "requirement": row.code,
            "title": {"de": str(title.get("de", "")), "en": str(title.get("en", ""))},
            "obligation": row.obligation,
            "verdict": row.verdict,
            "verdict_label": labels.verdict_label(row.verdict),
            "source": row.source,
            "source_label": labels.source_label(row.source),
            "decided_by": who,
            "decided_at": row.decided_at,
            "explanation": _text(row),
            "checks": [{
                "check": result.check_id,
                "version": result.check_version,
                "status": result.status,
                "status_label": labels.check_status_label(result.status),
                "explanation": _text(result),
                "evidence": result.evidence_name,
                "location": result.location,
                "references": [str(ref) for ref in result.references or ()],
            } for result in item["results"]],
        })
    return rows


def evidence_rows(application: Application) -> list[dict]:
    return [{"kind": item.kind, "kind_label": labels.evidence_kind_label(item.kind), "name": item.name,
             "sha256": item.blob.sha256, "size": item.blob.size}
            for item in application.evidence.select_related("blob")]


def _strings(mapping) -> dict[str, str]:
    return {str(key): str(value) for key, value in (mapping or {}).items()} if isinstance(mapping, dict) else {}


def _common(application: Application) -> dict:
    return {
        "kind": application.kind,
        "catalogue_version": application.catalogue_version.version,
        "submitted_at": application.submitted_at,
        "checked_at": application.checked_at,
        "decided_at": application.decided_at,
        "decided_by": public_name(application.decided_by),
        "reasons": application.decision_reason,
        "check_versions": _strings(application.check_versions),
        "reference_versions": _strings(application.reference_versions),
        "counts": selectors.counts(application),
        "requirements": requirement_rows(application),
        "evidence": evidence_rows(application),
    }


def admission_out(solution: Solution) -> dict:
    admission: Admission | None = selectors.shown_admission(solution)
    has_report = selectors.public_report_application(solution) is not None
    return {
        "solution": solution.slug,
        "status": admission.status if admission else "none",
        "status_label": labels.admission_status_label(admission.status if admission else "none"),
        "admitted": bool(admission and admission.is_current),
        "catalogue_version": admission.catalogue_version.version if admission else None,
        "admitted_at": admission.admitted_at if admission else None,
        "valid_until": admission.valid_until if admission else None,
        "grace_until": admission.grace_until if admission else None,
        "ended_at": admission.ended_at if admission else None,
        "end_reason": admission.end_reason if admission else "",
        "report_html_url": reverse("assessment:report", args=[solution.slug]) if has_report else None,
        "report_api_url": reverse("api:get_assessment_report", kwargs={"slug": solution.slug}) if has_report
        else None,
        "badge_url": reverse("assessment:badge", args=[solution.slug]),
    }


def application_out(application: Application) -> dict:
    application = (Application.objects.select_related("solution__organisation", "catalogue_version", "submitted_by",
                                                      "decided_by").get(pk=application.pk))
    return {
        "id": application.pk,
        "solution": solution_ref(application.solution),
        "status": application.status,
        "status_label": application.get_status_display(),
        "submitted_by": public_name(application.submitted_by),
        **_common(application),
        "reviewers": [{
            "name": public_name(assignment.reviewer),
            "assigned_at": assignment.assigned_at,
            "completed_at": assignment.completed_at,
            "released_at": assignment.released_at,
            "release_reason": assignment.release_reason,
        } for assignment in application.assignments.select_related("reviewer")],
        "html_url": application.get_absolute_url(),
        "api_url": reverse("api:get_application", kwargs={"application_id": application.pk}),
    }


# --- lookups -----------------------------------------------------------------------------------------------


def _visible_solution(request, slug: str) -> Solution:
    solution = catalogue.solution_detail(slug)
    if solution is None or not caller(request).has_perm("solutions.view_solution", solution):
        raise Http404
    return solution


def _application(request, application_id: int) -> Application:
    application = (Application.objects.select_related("solution__organisation", "catalogue_version")
                   .filter(pk=application_id).first())
    # Not "forbidden": an application of a draft must not reveal that the draft exists.
    if application is None or not caller(request).has_perm("assessment.view_application", application):
        raise Http404
    return application


# --- reads -------------------------------------------------------------------------------------------------


@router.get(
    "/solutions/{slug}/assessment",
    response={200: AssessmentReportOut, **problem_responses(401, 404)},
    operation_id="getAssessmentReport",
    summary="Get the public assessment report of a solution",
    description="The JSON twin of the assessment report: per requirement the verdict, who or what decided it "
    "(checks with their version, reviewers and chair by name), the explanation and the check results; the evidence "
    "files (checksum and size), the catalogue version and the versions of checks and reference data. Public once "
    "an application has been decided; 404 before.",
    url_name="get_assessment_report",
    openapi_extra=OPTIONAL_TOKEN,
)
def get_assessment_report(request, slug: SolutionSlug):
    solution = _visible_solution(request, slug)
    application = selectors.public_report_application(solution)
    if application is None:
        raise ApiProblem(404, "no-report", ("No assessment report", "Kein Prüfbericht"),
                         ("No application of this solution has been decided yet.",
                          "Über keinen Antrag dieser Lösung ist bisher entschieden."))
    application = Application.objects.select_related("catalogue_version", "decided_by").get(pk=application.pk)
    return {
        "solution": solution_ref(solution),
        "admission": admission_out(solution),
        "application": application.pk,
        "outcome": application.status,
        "outcome_label": application.get_status_display(),
        **_common(application),
        "html_url": reverse("assessment:report", args=[solution.slug]),
    }


@router.get(
    "/solutions/{slug}/admission",
    response={200: AdmissionOut, **problem_responses(401, 404)},
    operation_id="getAdmission",
    summary="Get the admission status of a solution",
    description="Status (none, active, grace, suspended, expired), validity and catalogue version of the current "
    "or last admission, with the addresses of the report and the badge.",
    url_name="get_admission",
    openapi_extra=OPTIONAL_TOKEN,
)
def get_admission(request, slug: SolutionSlug):
    return admission_out(_visible_solution(request, slug))


@router.get(
    "/applications/{application_id}",
    response={200: ApplicationOut, **problem_responses(401, 404, 422)},
    operation_id="getApplication",
    summary="Get an application for admission",
    description="Status, evidence, verdicts, check results and reviewers of an application. Visible to the "
    "provider's editors, the assigned reviewers, the committee's chair and the operator; 404 for everyone else.",
    url_name="get_application",
    openapi_extra=OPTIONAL_TOKEN,
)
def get_application(request, application_id: ApplicationId):
    return application_out(_application(request, application_id))


# --- writes ------------------------------------------------------------------------------------------------


def _decoded(payload: ApplicationIn) -> list[tuple[str, str, bytes]]:
    files = []
    for index, item in enumerate(payload.files):
        try:
            data = base64.b64decode(item.content_base64, validate=True)
        except (binascii.Error, ValueError):
            raise ApiProblem(422, "invalid-base64", ("Invalid request", "Ungültige Anfrage"),
                             ("A file's content is not valid base64.", "Der Inhalt einer Datei ist kein gültiges "
                              "Base64."),
                             [error_item(f"files[{index}].content_base64", "not valid base64",
                                         "kein gültiges Base64")]) from None
        files.append((item.kind, item.name, data))
    return files


@router.post(
    "/solutions/{slug}/applications",
    auth=token_auth,
    response={201: ApplicationOut, **problem_responses(400, 401, 403, 404, 409, 413, 422)},
    operation_id="applyForAdmission",
    summary="Apply for admission (providers)",
    description="Submits the solution with its evidence files (base64) for admission. The automated checks run "
    "in the background; poll the application for the result. Only verified editors of the provider apply, one "
    f"open application per solution. Limits: {settings.EVIDENCE_MAX_FILES} files, "
    f"{settings.EVIDENCE_MAX_FILE_BYTES} bytes each, {settings.EVIDENCE_MAX_TOTAL_BYTES} bytes together (413).",
    url_name="apply_for_admission",
)
@decorate_view(large_body)
def apply_for_admission(request, slug: SolutionSlug, payload: ApplicationIn):
    solution = _visible_solution(request, slug)
    if not request.auth.has_perm("assessment.apply", solution):
        raise _refused(services.forbidden("Only the provider's editors can apply for this solution.",
                                          "Nur die Redakteurinnen und Redakteure des Anbieters können diese Lösung "
                                          "anmelden."))
    try:
        application = services.apply(actor=request.auth, solution=solution, files=_decoded(payload),
                                     publiccode_from_listing=payload.publiccode_from_listing)
    except AssessmentError as error:
        raise _refused(error) from None
    return Status(201, application_out(application))


@router.post(
    "/applications/{application_id}/reviews",
    auth=token_auth,
    response={200: ApplicationOut, **problem_responses(400, 401, 403, 404, 409, 422)},
    operation_id="submitReview",
    summary="Submit a review (assigned reviewers)",
    description="Your judgement (pass or fail, with reasoning) on every requirement open for review. When both "
    "reviewers agree, the requirement is decided; when they disagree, the chair decides.",
    url_name="submit_review",
)
def submit_review(request, application_id: ApplicationId, payload: ReviewIn):
    application = _application(request, application_id)
    judgements = {item.requirement: (item.verdict, item.comment) for item in payload.judgements}
    try:
        services.submit_review(actor=request.auth, application=application, judgements=judgements)
    except AssessmentError as error:
        raise _refused(error) from None
    return application_out(application)


@router.post(
    "/applications/{application_id}/resolutions",
    auth=token_auth,
    response={200: ApplicationOut, **problem_responses(400, 401, 403, 404, 409, 422)},
    operation_id="resolveDispute",
    summary="Decide a disputed requirement (chair)",
    description="The chair (without a conflict of interest) decides a requirement the reviewers disagree on.",
    url_name="resolve_dispute",
)
def resolve_dispute(request, application_id: ApplicationId, payload: ResolutionIn):
    application = _application(request, application_id)
    try:
        services.resolve_dispute(actor=request.auth, application=application, code=payload.requirement,
                                 verdict=payload.verdict, reasons=payload.reasons)
    except AssessmentError as error:
        raise _refused(error) from None
    return application_out(application)


@router.post(
    "/applications/{application_id}/decision",
    auth=token_auth,
    response={200: ApplicationOut, **problem_responses(400, 401, 403, 404, 409, 422)},
    operation_id="decideApplication",
    summary="Decide on an application (chair)",
    description="admitted (only when no requirement is open and no MUSS requirement fails), returned for "
    "changes, or rejected; always with reasons, which the report publishes.",
    url_name="decide_application",
)
def decide_application(request, application_id: ApplicationId, payload: DecisionIn):
    application = _application(request, application_id)
    try:
        services.decide(actor=request.auth, application=application, outcome=payload.outcome,
                        reasons=payload.reasons)
    except AssessmentError as error:
        raise _refused(error) from None
    return application_out(application)


@router.post(
    "/applications/{application_id}/withdraw",
    auth=token_auth,
    response={200: ApplicationOut, **problem_responses(401, 403, 404, 409, 422)},
    operation_id="withdrawApplication",
    summary="Withdraw an application (providers)",
    description="Ends an open application; its reviewers are released.",
    url_name="withdraw_application",
)
def withdraw_application(request, application_id: ApplicationId):
    application = _application(request, application_id)
    try:
        services.withdraw(actor=request.auth, application=application)
    except AssessmentError as error:
        raise _refused(error) from None
    return application_out(application)
