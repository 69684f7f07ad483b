"""Pages of assessment and admission: applying with evidence, the application with its verdicts, reviews and
decisions, the public assessment report with its badge, the reviewers' queue and conflicts of interest.

Thin: reads go through selectors, writes through services. The rules decide which forms a page shows; the
services check the same rules again. Every action is a POST to its own address that redirects back to the
page (post/redirect/get) with a message; a refusal answers with the page, the reason and the refusal's status.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.defaultfilters import filesizeformat
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.cache import patch_cache_control
from django.utils.html import escape
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from lichtermeer.accounts.rules import is_operator
from lichtermeer.requirements.rules import is_chair
from lichtermeer.solutions.models import Solution

from . import badge as badges
from . import forms, labels, selectors, services
from .errors import AssessmentError
from .labels import ordered_counts
from .models import Application, RequirementVerdict, ReviewerConflict

# Multipart overhead and the small form fields on top of the evidence itself.
UPLOAD_OVERHEAD_BYTES = 1024 * 1024
BADGE_MAX_AGE = 300


def upload_limit() -> int:
    return settings.EVIDENCE_MAX_TOTAL_BYTES + UPLOAD_OVERHEAD_BYTES


def _content_length(request) -> int:
    try:
        return int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return 0


def _visible_solution(request, slug: str) -> Solution:
    solution = get_object_or_404(Solution.objects.select_related("organisation"), slug=slug)
    # A draft that the user may not see does not exist for them: 404, not 403, so slugs leak nothing.
    if not request.user.has_perm("solutions.view_solution", solution):
        raise Http404
    return solution


# --- applying -----------------------------------------------------------------------------------------------


def _apply_page(request, solution: Solution, form, *, status: int = 200, error: str = ""):
    try:
        version = services.catalogue_for_submission(timezone.localdate())
    except AssessmentError:
        version = None
    context = {
        "solution": solution,
        "form": form,
        "error": error,
        "catalogue_version": version,
        "open_application": selectors.open_application(solution),
        "has_listing_publiccode": solution.versions.exists(),
        "max_file_bytes": settings.EVIDENCE_MAX_FILE_BYTES,
        "max_total_bytes": settings.EVIDENCE_MAX_TOTAL_BYTES,
        "max_files": settings.EVIDENCE_MAX_FILES,
    }
    return render(request, "assessment/apply.html", context, status=status)


def _may_apply(request, solution: Solution):
    """None if the user may apply for the solution, else the response (sign-in page or 403)."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if not request.user.has_perm("assessment.apply", solution):
        raise PermissionDenied
    return None


@csrf_exempt  # checked by _apply below, after the size check: the CSRF check would read the whole upload first
@require_http_methods(["GET", "POST"])
def apply(request, slug):
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if request.method == "POST" and _content_length(request) > upload_limit():
        solution = _visible_solution(request, slug)
        refused = _may_apply(request, solution)
        if refused is not None:
            return refused
        error = _("The upload is too large: all files together may have at most %(limit)s.") % {
            "limit": filesizeformat(settings.EVIDENCE_MAX_TOTAL_BYTES)}
        return _apply_page(request, solution, forms.ApplicationForm(), status=413, error=error)
    return _apply(request, slug)


@csrf_protect
def _apply(request, slug):
    solution = _visible_solution(request, slug)
    refused = _may_apply(request, solution)
    if refused is not None:
        return refused
    if request.method == "GET":
        return _apply_page(request, solution, forms.ApplicationForm())
    form = forms.ApplicationForm(request.POST, request.FILES)
    if not form.is_valid():
        return _apply_page(request, solution, form, status=413 if form.too_large else 422)
    try:
        application = services.apply(actor=request.user, solution=solution, files=form.files_for_service(),
                                     publiccode_from_listing=form.cleaned_data["use_listing_publiccode"])
    except AssessmentError as refusal:
        return _apply_page(request, solution, form, status=refusal.status, error=refusal.message)
    messages.success(request, _("Your application #%(number)d has been submitted. The automated checks run now; "
                                "their results appear on this page.") % {"number": application.pk})
    return redirect(application.get_absolute_url())


# --- one application ----------------------------------------------------------------------------------------


def _application_or_404(request, pk: int) -> Application:
    application = get_object_or_404(
        Application.objects.select_related("solution__organisation", "catalogue_version", "submitted_by",
                                           "decided_by"), pk=pk)
    if not request.user.has_perm("assessment.view_application", application):
        raise Http404  # applications of drafts must not reveal that the draft exists
    return application


def _can(user, application: Application) -> dict[str, bool]:
    can = {name: user.has_perm(f"assessment.{name}", application) for name in (
        "review_application", "resolve_dispute", "decide_application", "withdraw_application",
        "reassign_reviewers")}
    mine = application.assignments.filter(reviewer_id=user.pk, released_at__isnull=True).first()
    can["review_application"] = can["review_application"] and mine is not None and mine.completed_at is None
    can["release_self"] = application.is_open and mine is not None and mine.completed_at is None
    can["my_review_done"] = mine is not None and mine.completed_at is not None
    return can


def requirement_titles(application: Application) -> dict[str, dict]:
    document = application.catalogue_version.document
    return {r.get("id"): r.get("title") or {} for r in document.get("requirements", ())}


def review_form(application: Application, data=None) -> forms.ReviewForm:
    return forms.ReviewForm(data, requirements=selectors.open_requirements(application),
                            titles=requirement_titles(application))


def _application_page(request, application: Application, *, status: int = 200, error: str = "", **bound):
    user = request.user
    can = _can(user, application)
    report = selectors.report(application)
    assignments = list(application.assignments.select_related("reviewer"))
    release_forms = {}
    if application.is_open:
        for assignment in assignments:
            releasable = can["reassign_reviewers"] or assignment.reviewer_id == user.pk
            if assignment.active and assignment.completed_at is None and releasable:
                release_forms[assignment.pk] = (
                    bound.get("release_form") if bound.get("release_for") == assignment.pk
                    else forms.ReleaseForm(initial={"reviewer": assignment.reviewer_id},
                                           id_prefix=f"release-{assignment.pk}"))
    disputes = []
    if can["resolve_dispute"]:
        for row in selectors.disputed(application):
            form = bound.get("dispute_form") if bound.get("dispute_for") == row.code else None
            disputes.append((row, form or forms.DisputeForm(initial={"code": row.code},
                                                             id_prefix=f"dispute-{row.code}")))
    context = {
        "application": application,
        "solution": application.solution,
        "report": report,
        "counts": ordered_counts(selectors.counts(application)),
        "assignments": [(a, release_forms.get(a.pk)) for a in assignments],
        "admission": application.admissions.first(),
        "can": can,
        "error": error,
        "review_form": bound.get("review_form") or (
            review_form(application) if can["review_application"] else None),
        "disputes": disputes,
        "titles": requirement_titles(application),
        "decision_form": bound.get("decision_form") or forms.DecisionForm(),
        "blocking": services.blocking_requirements(application) if can["decide_application"] else [],
    }
    return render(request, "assessment/application.html", context, status=status)


@require_GET
def application(request, pk):
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    return _application_page(request, _application_or_404(request, pk))


def _act(request, pk: int, run, *, form_factory=None, form_name: str = "", anchor: str = "", extra=None):
    """Run one action on an application: sign-in first, then the form, then the service; redirect on success."""
    if not request.user.is_authenticated:
        return redirect_to_login(reverse("assessment:application", args=[pk]))
    application = _application_or_404(request, pk)
    form = form_factory(application) if form_factory else None
    bound = {form_name: form, **(extra or {})} if form_name else dict(extra or {})
    if form is not None and not form.is_valid():
        return _application_page(request, application, status=422, error=_("Please check your input."), **bound)
    try:
        message = run(application, form)
    except AssessmentError as refusal:
        return _application_page(request, application, status=refusal.status, error=refusal.message, **bound)
    messages.success(request, message)
    return redirect(f"{application.get_absolute_url()}{'#' + anchor if anchor else ''}")


@require_POST
def review(request, pk):
    def run(application, form):
        services.submit_review(actor=request.user, application=application, judgements=form.judgements())
        return _("Your review has been recorded.")

    return _act(request, pk, run, form_name="review_form", anchor="review",
                form_factory=lambda application: review_form(application, request.POST))


@require_POST
def resolve(request, pk):
    code = request.POST.get("code", "")[:20]

    def run(application, form):
        data = form.cleaned_data
        row = services.resolve_dispute(actor=request.user, application=application, code=data["code"],
                                       verdict=data["verdict"], reasons=data["reasons"])
        return _("Your decision on %(code)s has been recorded.") % {"code": row.code}

    return _act(request, pk, run, form_factory=lambda a: forms.DisputeForm(request.POST, id_prefix=f"dispute-{code}"),
                form_name="dispute_form", anchor="disputes", extra={"dispute_for": code})


@require_POST
def decide(request, pk):
    def run(application, form):
        data = form.cleaned_data
        decided = services.decide(actor=request.user, application=application, outcome=data["outcome"],
                                  reasons=data["reasons"])
        return _("The decision has been recorded: %(outcome)s.") % {"outcome": decided.get_status_display()}

    return _act(request, pk, run, form_factory=lambda a: forms.DecisionForm(request.POST),
                form_name="decision_form", anchor="decision")


@require_POST
def withdraw(request, pk):
    def run(application, form):
        services.withdraw(actor=request.user, application=application)
        return _("The application has been withdrawn.")

    return _act(request, pk, run)


@require_POST
def release(request, pk):
    extra: dict = {}

    def form_factory(application):
        assignment = application.assignments.filter(reviewer_id=_int(request.POST.get("reviewer")),
                                                    released_at__isnull=True).first()
        extra["release_for"] = assignment.pk if assignment else None
        return forms.ReleaseForm(request.POST, id_prefix=f"release-{assignment.pk}" if assignment else "release")

    def run(application, form):
        data = form.cleaned_data
        assignment = (application.assignments.filter(reviewer_id=data["reviewer"], released_at__isnull=True)
                      .select_related("reviewer").first())
        if assignment is None:
            raise AssessmentError("not-assigned", "This person is not assigned.", "Diese Person ist nicht zugeordnet.",
                                  status=404)
        replacement = services.release_reviewer(actor=request.user, application=application,
                                                reviewer=assignment.reviewer, reason=data["reason"])
        if replacement is None:
            return _("The reviewer has been released. No other committee member without a conflict is available "
                     "at the moment.")
        return _("The reviewer has been released and another committee member assigned.")

    return _act(request, pk, run, form_factory=form_factory, form_name="release_form", anchor="reviewers",
                extra=extra)


def _int(value) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        return 0


# --- public report and badge --------------------------------------------------------------------------------


def markdown_text(text: str) -> str:
    """Text safe inside Markdown link brackets."""
    return "".join(f"\\{ch}" if ch in "[]\\" else ch for ch in text)


def _snippets(request, solution: Solution, alt: str) -> dict[str, str]:
    # One badge address for every language; ?lang=en asks for English.
    with translation.override("de"):
        badge_url = request.build_absolute_uri(reverse("assessment:badge", args=[solution.slug]))
    if not labels.german():
        badge_url += "?lang=en"
    report_url = request.build_absolute_uri(reverse("assessment:report", args=[solution.slug]))
    return {
        "badge_url": badge_url,
        "report_url": report_url,
        "markdown": f"[![{markdown_text(alt)}]({badge_url})]({report_url})",
        "html": f'<a href="{escape(report_url)}"><img src="{escape(badge_url)}" alt="{escape(alt)}"></a>',
    }


@require_GET
def report(request, slug):
    solution = _visible_solution(request, slug)
    application = selectors.public_report_application(solution)
    admission = selectors.shown_admission(solution)
    if application is None:
        return render(request, "assessment/report.html", {"solution": solution, "application": None}, status=404)
    application = (Application.objects.select_related("catalogue_version", "decided_by")
                   .get(pk=application.pk))
    alt = _("Lichtermeer admission status of %(name)s") % {"name": solution.name}
    context = {
        "solution": solution,
        "application": application,
        "current_admission": admission,
        "report": selectors.report(application),
        "counts": ordered_counts(selectors.counts(application)),
        "check_version_rows": sorted((application.check_versions or {}).items()),
        "reference_versions": sorted((application.reference_versions or {}).items()),
        "snippets": _snippets(request, solution, alt),
        "badge_alt": alt,
    }
    return render(request, "assessment/report.html", context)


@require_GET
def badge(request, slug):
    solution = get_object_or_404(Solution, slug=slug)
    if not solution.is_public:
        raise Http404  # badges are for embedding; drafts have nothing to show and must stay hidden
    requested = request.GET.get("lang", "")
    language = requested if requested in ("de", "en") else (translation.get_language() or "de")[:2]
    svg = badges.render(selectors.shown_admission(solution), "de" if language == "de" else "en")
    response = HttpResponse(svg, content_type="image/svg+xml; charset=utf-8")
    patch_cache_control(response, public=True, max_age=BADGE_MAX_AGE)
    # Opened directly, an SVG is a document: it may run nothing and load nothing.
    response["Content-Security-Policy"] = "default-src 'none'; style-src 'unsafe-inline'"
    return response


# --- committee ----------------------------------------------------------------------------------------------


def _open_counts(queryset):
    Verdict = RequirementVerdict.Verdict
    return queryset.annotate(
        open_count=Count("verdicts", filter=Q(verdicts__verdict__in=[Verdict.NEEDS_REVIEW, Verdict.ERROR]),
                         distinct=True),
        disputed_count=Count("verdicts", filter=Q(verdicts__verdict=Verdict.DISPUTED), distinct=True),
    )


@login_required
@require_GET
def queue(request):
    user = request.user
    if not user.has_perm("assessment.view_queue"):
        raise PermissionDenied
    overview = (is_chair | is_operator).test(user)
    context = {
        "assignments": list(selectors.review_queue(user)),
        "overview": overview,
        "applications": list(_open_counts(selectors.open_applications())) if overview else [],
        "may_declare": user.has_perm("assessment.declare_review_conflict"),
    }
    return render(request, "assessment/queue.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def conflicts(request):
    user = request.user
    if not user.has_perm("assessment.declare_review_conflict"):
        raise PermissionDenied
    form = forms.ConflictForm(request.POST or None)
    status, error = 200, ""
    if request.method == "POST":
        if form.is_valid():
            try:
                conflict = services.declare_conflict(actor=user, organisation=form.cleaned_data["organisation"],
                                                     reason=form.cleaned_data["reason"])
            except AssessmentError as refusal:
                status, error = refusal.status, refusal.message
            else:
                messages.success(request, _("Your conflict of interest with %(organisation)s has been recorded. You "
                                            "will not review its solutions.") % {
                                     "organisation": conflict.organisation.name})
                return redirect("assessment:conflicts")
        else:
            status, error = 422, _("Please check your input.")
    declared = ReviewerConflict.objects.filter(member=user).select_related("organisation").order_by(
        "organisation__name")
    return render(request, "assessment/conflicts.html", {"form": form, "conflicts": declared, "error": error},
                  status=status)
