"""Pages of the catalogue of base requirements and of its governance by the expert committee (Fachgremium).

Thin: reads go through selectors, writes through services. The rules decide which forms a page shows; the
services check the same rules again, so a refused action is refused everywhere. Every action is a POST to
its own address that redirects back to the page (post/redirect/get) with a message; a refusal answers
with the page, the reason and the refusal's status code.
"""

import functools
import json

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from lichtermeer.engines import catalogue as engine
from lichtermeer.problems import ApiProblem, error_item, problem_response

from . import forms, selectors, services, vocab
from .errors import CatalogueRejected, GovernanceError
from .models import CatalogueVersion, Comment, CommitteeSeat, Decision, Proposal
from .rules import sitting_seat
from .templatetags.requirements_tags import category_label, obligation_label

# --- shared with the API ------------------------------------------------------------------------------------


def compare(old: dict | None, new: dict | None, *, tightened: bool = False) -> dict | None:
    """What changed in one requirement (engine.diff's entry of `changed`); None when equal or one is missing."""
    if not isinstance(old, dict) or not isinstance(new, dict) or not old.get("id"):
        return None
    code = old["id"]
    difference = engine.diff(
        {"requirements": [old]}, {"requirements": [{**new, "id": code}]}, tightened={code} if tightened else ()
    )
    changed = difference.to_dict()["changed"]
    return changed[0] if changed else None


def history(code: str) -> list[dict]:
    """The requirement through the catalogue's versions, newest first: one entry per version from the one that
    added it on (event added, changed, unchanged), and one for the version that retired it."""
    revisions = {r.catalogue_version_id: r for r in selectors.requirement_history(code)}
    if not revisions:
        return []
    tightening = set(
        Proposal.objects.filter(requirement_code=code, tightens=True, published_in__isnull=False).values_list(
            "published_in_id", flat=True
        )
    )
    entries: list[dict] = []
    previous = None
    for version in CatalogueVersion.objects.defer("document").order_by("major", "minor", "patch"):
        revision = revisions.get(version.pk)
        if revision is None:
            if previous is not None:
                entries.append({"version": version, "revision": None, "event": "retired", "change": None})
                previous = None
            continue
        if previous is None:
            entry = {"event": "added", "change": None}
        else:
            change = compare(previous.data, revision.data, tightened=version.pk in tightening)
            entry = {"event": "changed" if change else "unchanged", "change": change}
        entries.append({"version": version, "revision": revision, **entry})
        previous = revision
    entries.reverse()
    return entries


def select_revision(code: str, requested: str = ""):
    """The requirement as in version `requested`, else as in the version in force, else its newest text
    (a retired requirement, or one only in a version not yet in force). Http404 when there is none."""
    revisions = selectors.requirement_history(code)
    if requested:
        revision = next((r for r in revisions if r.catalogue_version.version == requested), None)
    else:
        current = selectors.current_version()
        in_current = [r for r in revisions if current is not None and r.catalogue_version_id == current.pk]
        revision = in_current[0] if in_current else (revisions[0] if revisions else None)
    if revision is None:
        raise Http404
    return revision


def grouped(revisions) -> list[dict]:
    """Requirements by category, in the catalogue's order of categories."""
    groups: dict[str, list] = {}
    for revision in revisions:
        groups.setdefault(revision.category, []).append(revision)
    order = [*vocab.CATEGORIES, *sorted(set(groups) - set(vocab.CATEGORIES))]
    return [
        {"code": code, "label": category_label(code), "requirements": groups[code]} for code in order if code in groups
    ]


def chair_first(seats) -> list:
    """Seats with the chair first, then by start of term (the model's ordering puts "member" before "chair")."""
    return sorted(seats, key=lambda s: (s.role != CommitteeSeat.Role.CHAIR, s.term_start, s.pk))


def download_name(version: CatalogueVersion, extension: str) -> str:
    identifier = str(version.document.get("id") or "catalogue")
    return f"{identifier}-{version.version}.{extension}"


def catalogue_file(version: CatalogueVersion, kind: str, *, disposition: str = "attachment") -> HttpResponse:
    if kind == "yaml":
        response = HttpResponse(engine.dump_yaml(version.document), content_type="application/yaml; charset=utf-8")
    else:
        response = HttpResponse(engine.dump_json(version.document), content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = f'{disposition}; filename="{download_name(version, kind)}"'
    return response


# --- catalogue ----------------------------------------------------------------------------------------------


def _choice(request, name: str, allowed) -> str:
    value = request.GET.get(name, "")
    return value if value in allowed else ""


@require_GET
def index(request):
    current = selectors.current_version()
    upcoming = selectors.upcoming_version()
    in_force = current is not None
    if current is None:
        # Before the first version takes effect, show it rather than an empty page.
        current, upcoming = upcoming, None
    category = _choice(request, "category", vocab.CATEGORIES)
    obligation = _choice(request, "obligation", vocab.OBLIGATIONS)
    revisions = list(selectors.requirements_of(current, category=category, obligation=obligation)) if current else []
    counts: dict[str, int] = {}
    if current is not None:
        for revision in current.requirements.all():
            counts[revision.category] = counts.get(revision.category, 0) + 1
    context = {
        "version": current,
        "in_force": in_force,
        "upcoming": upcoming,
        "groups": grouped(revisions),
        "count": len(revisions),
        "total": sum(counts.values()),
        "category": category,
        "obligation": obligation,
        "categories": [(code, category_label(code), counts.get(code, 0)) for code in vocab.CATEGORIES],
        "obligations": [(code, obligation_label(code)) for code in vocab.OBLIGATIONS],
        "filtered": bool(category or obligation),
        "open_proposals": selectors.open_proposals().count(),
    }
    return render(request, "requirements/index.html", context)


@require_GET
def requirement(request, code):
    revision = select_revision(code, request.GET.get("version", ""))
    current = selectors.current_version()
    today = timezone.localdate()
    timeline = history(code)
    latest = selectors.latest_version()
    retired_in = next((e["version"] for e in timeline if e["event"] == "retired"), None)
    context = {
        "code": code,
        "revision": revision,
        "requirement": revision.data,
        "version": revision.catalogue_version,
        "is_current": current is not None and revision.catalogue_version_id == current.pk,
        "is_upcoming": revision.catalogue_version.effective_from > today,
        "retired_in": retired_in,
        "overdue": revision.review_by < today,
        "timeline": timeline,
        "proposals": selectors.proposals().filter(requirement_code=code),
        "may_propose": request.user.has_perm("requirements.add_proposal")
        and latest is not None
        and latest.requirements.filter(code=code).exists(),
    }
    return render(request, "requirements/requirement.html", context)


@require_GET
def versions(request):
    items = list(selectors.versions().select_related("previous"))
    return render(request, "requirements/versions.html", {"versions": items, "current": selectors.current_version()})


def _version_or_404(version: str) -> CatalogueVersion:
    found = selectors.get_version(version)
    if found is None:
        raise Http404
    return found


@require_GET
def version(request, version):
    found = _version_or_404(version)
    current = selectors.current_version()
    context = {
        "version": found,
        "groups": grouped(found.requirements.all()),
        "count": found.requirements.count(),
        "is_current": current is not None and current.pk == found.pk,
        "is_upcoming": found.effective_from > timezone.localdate(),
    }
    return render(request, "requirements/version.html", context)


@require_GET
def download(request, version, kind):
    return catalogue_file(_version_or_404(version), kind)


def _default_pair(all_versions: list[CatalogueVersion]) -> tuple[str, str]:
    if not all_versions:
        return "", ""
    newest = all_versions[0]
    older = all_versions[1] if len(all_versions) > 1 else newest
    return older.version, newest.version


@require_GET
def diff(request):
    all_versions = list(selectors.versions().defer("document"))
    default_from, default_to = _default_pair(all_versions)
    chosen_from = request.GET.get("from", "") or default_from
    chosen_to = request.GET.get("to", "") or default_to
    as_json = request.GET.get("format") == "json"
    known = {v.version for v in all_versions}
    unknown = [v for v in (chosen_from, chosen_to) if v and v not in known]
    if unknown or not all_versions:
        if as_json:
            problem = ApiProblem(
                404, "unknown-version", ("Unknown catalogue version", "Unbekannte Katalogversion"),
                (f"There is no published version {', '.join(unknown) or '(none)'}.",
                 f"Es gibt keine veröffentlichte Version {', '.join(unknown) or '(keine)'}."),
                [error_item("from" if chosen_from in unknown else "to", "unknown version", "unbekannte Version")]
                if unknown else [],
            )
            return problem_response(404, problem.body())
        context = {"versions": all_versions, "chosen_from": chosen_from, "chosen_to": chosen_to, "unknown": unknown}
        return render(request, "requirements/diff.html", context, status=404 if unknown else 200)
    old, new = selectors.get_version(chosen_from), selectors.get_version(chosen_to)
    difference = selectors.diff(old, new).to_dict()
    if as_json:
        text = json.dumps(difference, ensure_ascii=False, indent=2)
        return HttpResponse(text, content_type="application/json; charset=utf-8")
    context = {
        "versions": all_versions,
        "chosen_from": chosen_from,
        "chosen_to": chosen_to,
        "old": old,
        "new": new,
        "diff": difference,
    }
    return render(request, "requirements/diff.html", context)


# --- proposals ----------------------------------------------------------------------------------------------


@require_GET
def proposals(request):
    open_statuses = (Proposal.Status.COMMENTING, Proposal.Status.VOTING)
    context = {
        "open": selectors.open_proposals(),
        "closed": selectors.proposals().exclude(status__in=open_statuses),
        "may_propose": request.user.has_perm("requirements.add_proposal"),
    }
    return render(request, "requirements/proposals.html", context)


def _new_proposal_page(request, form, *, status: int = 200, error: str = ""):
    context = {"form": form, "error": error, "latest": selectors.latest_version()}
    return render(request, "requirements/proposal_form.html", context, status=status)


@require_http_methods(["GET", "POST"])
def proposal_new(request):
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if not request.user.has_perm("requirements.add_proposal"):
        raise PermissionDenied
    if request.method == "GET":
        kind = _choice(request, "kind", Proposal.Kind.values)
        initial = {"kind": kind or Proposal.Kind.ADD}
        code = request.GET.get("code", "").strip().upper()[:20]
        latest = selectors.latest_version()
        existing = latest.requirements.filter(code=code).first() if latest and code else None
        if existing is not None:
            initial = forms.ProposalForm.initial_from(existing.data, kind=kind or Proposal.Kind.CHANGE)
        elif code:
            initial["requirement_code"] = code
        return _new_proposal_page(request, forms.ProposalForm(initial=initial))
    form = forms.ProposalForm(request.POST)
    if not form.is_valid():
        return _new_proposal_page(request, form, status=422)
    data = form.cleaned_data
    try:
        proposal = services.submit_proposal(
            actor=request.user,
            kind=data["kind"],
            requirement_code=data["requirement_code"],
            title=data["title"],
            reasoning=data["reasoning"],
            proposed=form.proposed(),
            tightens=data["tightens"],
        )
    except CatalogueRejected as rejected:
        form.add_findings(rejected.findings)
        return _new_proposal_page(request, form, status=422)
    except GovernanceError as error:
        return _new_proposal_page(request, form, status=error.status, error=error.message)
    messages.success(
        request,
        _("Proposal #%(number)d has been submitted and is open for comments.") % {"number": proposal.number},
    )
    return redirect(proposal.get_absolute_url())


def _proposal_or_404(number: int) -> Proposal:
    return get_object_or_404(
        Proposal.objects.select_related("author", "base_version", "published_in"), number=number
    )


def _proposal_page(request, proposal: Proposal, *, status: int = 200, error: str = "", **bound_forms):
    user = request.user
    base = proposal.base_version.requirements.filter(code=proposal.requirement_code).first()
    current = base.data if base is not None else None
    workspace = user.has_perm("requirements.view_committee_workspace")
    can = {
        name: user.has_perm(f"requirements.{name}", proposal)
        for name in ("add_comment", "hide_comment", "declare_conflict", "record_conflict", "vote", "open_voting",
                     "decide", "withdraw_proposal")
    }
    candidates = selectors.conflict_candidates(proposal, user) if can["record_conflict"] else []
    context = {
        "proposal": proposal,
        "current": current,
        "proposed": proposal.proposed,
        "change": compare(current, proposal.proposed, tightened=proposal.tightens)
        if proposal.kind == Proposal.Kind.CHANGE
        else None,
        "comments": list(proposal.comments.all()),
        "conflicts": list(proposal.conflicts.select_related("member")),
        "tally": selectors.tally(proposal) if proposal.voting_opens_at else None,
        "decision": Decision.objects.filter(proposal=proposal).select_related("decided_by").first(),
        "in_comment_period": proposal.in_comment_period(),
        "workspace": workspace,
        "can": can,
        "error": error,
        "comment_form": bound_forms.get("comment_form") or forms.CommentForm(),
        "conflict_form": bound_forms.get("conflict_form") or forms.ConflictForm(),
        "record_conflict_form": bound_forms.get("record_conflict_form") or forms.RecordConflictForm(members=candidates),
        "vote_form": bound_forms.get("vote_form") or forms.VoteForm(),
        "decide_form": bound_forms.get("decide_form") or forms.DecideForm(),
        "withdraw_form": bound_forms.get("withdraw_form") or forms.ReasonForm(),
        "hide_form": bound_forms.get("hide_form"),
        "hide_comment_id": bound_forms.get("hide_comment_id"),
    }
    if user.is_authenticated:
        context["my_vote"] = proposal.votes.filter(voter=user).first()
        context["my_conflict"] = next((c for c in context["conflicts"] if c.member_id == user.pk), None)
    return render(request, "requirements/proposal.html", context, status=status)


@require_GET
def proposal(request, number):
    return _proposal_page(request, _proposal_or_404(number))


def _act(request, number: int, run, *, form_class=None, form_name: str = "", anchor: str = "", extra=None):
    """Run one action on a proposal: login first, then the form, then the service; redirect on success."""
    proposal = _proposal_or_404(number)
    if not request.user.is_authenticated:
        return redirect_to_login(proposal.get_absolute_url())
    form = form_class(request.POST) if form_class else None
    bound = {form_name: form, **(extra or {})} if form_name else dict(extra or {})
    if form is not None and not form.is_valid():
        return _proposal_page(request, proposal, status=422, error=_("Please check your input."), **bound)
    try:
        message = run(proposal, form.cleaned_data if form is not None else {})
    except GovernanceError as refusal:
        return _proposal_page(request, proposal, status=refusal.status, error=refusal.message, **bound)
    except PermissionDenied:
        return _proposal_page(request, proposal, status=403, error=_("You may not do this."), **bound)
    messages.success(request, message)
    return redirect(f"{proposal.get_absolute_url()}{'#' + anchor if anchor else ''}")


@require_POST
def comment(request, number):
    def run(proposal, data):
        services.add_comment(actor=request.user, proposal=proposal, body=data["body"])
        return _("Your comment has been published.")

    return _act(request, number, run, form_class=forms.CommentForm, form_name="comment_form", anchor="comments")


@require_POST
def hide_comment(request, number, comment_id):
    def run(proposal, data):
        target = Comment.objects.filter(pk=comment_id, proposal=proposal).first()
        if target is None:
            raise Http404
        services.hide_comment(actor=request.user, comment=target, reason=data["reason"])
        return _("The comment has been hidden.")

    return _act(request, number, run, form_class=forms.HideCommentForm, form_name="hide_form",
                anchor=f"comment-{comment_id}", extra={"hide_comment_id": comment_id})


@require_POST
def declare_conflict(request, number):
    def run(proposal, data):
        services.declare_conflict(actor=request.user, proposal=proposal, reason=data["reason"])
        return _("Your conflict of interest has been recorded. You will not vote on this proposal.")

    return _act(request, number, run, form_class=forms.ConflictForm, form_name="conflict_form", anchor="committee")


@require_POST
def record_conflict(request, number):
    proposal = _proposal_or_404(number)
    members = selectors.conflict_candidates(proposal, request.user) if request.user.is_authenticated else []

    def run(proposal, data):
        member = next(user for user in members if user.pk == data["member"])
        services.declare_conflict(actor=request.user, proposal=proposal, member=member, reason=data["reason"])
        return _("The conflict of interest has been recorded. The member will not vote on this proposal.")

    form_class = functools.partial(forms.RecordConflictForm, members=members)
    return _act(request, number, run, form_class=form_class, form_name="record_conflict_form", anchor="committee")


@require_POST
def vote(request, number):
    def run(proposal, data):
        services.cast_vote(actor=request.user, proposal=proposal, choice=data["choice"], reason=data["reason"])
        return _("Your vote has been recorded.")

    return _act(request, number, run, form_class=forms.VoteForm, form_name="vote_form", anchor="committee")


@require_POST
def open_voting(request, number):
    def run(proposal, data):
        opened = services.open_voting(actor=request.user, proposal=proposal)
        closes = timezone.localtime(opened.voting_closes_at).strftime("%Y-%m-%d %H:%M")
        return _("Voting is open until %(closes)s.") % {"closes": closes}

    return _act(request, number, run, anchor="committee")


@require_POST
def decide(request, number):
    def run(proposal, data):
        decision = services.decide(actor=request.user, proposal=proposal, reasons=data["reasons"])
        return _("The decision has been recorded: %(outcome)s.") % {"outcome": decision.get_outcome_display()}

    return _act(request, number, run, form_class=forms.DecideForm, form_name="decide_form", anchor="decision")


@require_POST
def withdraw(request, number):
    def run(proposal, data):
        services.withdraw_proposal(actor=request.user, proposal=proposal, reason=data["reason"])
        return _("The proposal has been withdrawn.")

    return _act(request, number, run, form_class=forms.ReasonForm, form_name="withdraw_form")


# --- committee ----------------------------------------------------------------------------------------------


def _committee_page(request, *, status: int = 200, error: str = "", findings=None, publish_form=None,
                    interests_form=None):
    user = request.user
    seats = selectors.committee()
    my_seat = sitting_seat(user)
    workspace = user.has_perm("requirements.view_committee_workspace")
    context = {
        "sitting": chair_first(seats["sitting"]),
        "former": sorted(seats["former"], key=lambda s: s.last_day, reverse=True),
        "future": chair_first(seats["future"]) if workspace else [],
        "workspace": workspace,
        "review": selectors.review_list() if workspace else None,
        "accepted": list(selectors.accepted_unpublished()) if workspace else [],
        "may_publish": user.has_perm("requirements.publish_version"),
        "publish_form": publish_form or forms.PublishForm(),
        "my_seat": my_seat,
        "interests_form": interests_form
        or (forms.InterestsForm(initial={"declared_interests": my_seat.declared_interests}) if my_seat else None),
        "latest": selectors.latest_version(),
        "error": error,
        "findings": findings or [],
    }
    return render(request, "requirements/committee.html", context, status=status)


@require_GET
def committee(request):
    return _committee_page(request)


@require_POST
def declare_interests(request):
    if not request.user.is_authenticated:
        return redirect_to_login(reverse("requirements:committee"))
    seat = sitting_seat(request.user)
    form = forms.InterestsForm(request.POST)
    if seat is None or not request.user.has_perm("requirements.declare_interests"):
        return _committee_page(request, status=403, error=_("Only sitting committee members declare interests here."))
    if not form.is_valid():
        return _committee_page(request, status=422, error=_("Please check your input."), interests_form=form)
    services.update_declared_interests(actor=request.user, seat=seat,
                                       declared_interests=form.cleaned_data["declared_interests"])
    messages.success(request, _("Your declared interests have been updated."))
    return redirect(reverse("requirements:committee") + "#interests")


@require_POST
def publish(request):
    if not request.user.is_authenticated:
        return redirect_to_login(reverse("requirements:committee"))
    form = forms.PublishForm(request.POST)
    if not form.is_valid():
        return _committee_page(request, status=422, error=_("Please check your input."), publish_form=form)
    data = form.cleaned_data
    try:
        published = services.publish_version(
            actor=request.user,
            changelog=form.changelog(),
            effective_from=data["effective_from"],
            transition_until=data["transition_until"],
        )
    except GovernanceError as refusal:
        return _committee_page(request, status=refusal.status, error=refusal.message, publish_form=form)
    except (CatalogueRejected, engine.CatalogueError) as rejected:
        return _committee_page(
            request, status=422, error=_("The new version would not be a valid catalogue."),
            findings=rejected.findings, publish_form=form,
        )
    messages.success(request, _("Version %(version)s of the catalogue has been published.") % {
        "version": published.version})
    return redirect(published.get_absolute_url())
