"""Pages of the procurement app: shortlists (Merklisten), the comparison and its exports, evaluations (Wertungen)
with criteria, offers and points, the result, the Vergabevermerk and the tender documents.

Thin: reads go through selectors, writes through services (which check the rules again). Every action is a
POST to its own address that redirects back (post/redirect/get) with a message; a refusal answers with the page,
the reason and the refusal's status code. Someone else's shortlist or evaluation is "not found" (404), never
"forbidden": its existence is private. Everything works without JavaScript.
"""

from __future__ import annotations

import re

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language, gettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from lichtermeer.accounts.selectors import staff_organisations
from lichtermeer.solutions.models import Solution

from . import comparison as comparing
from . import evbit, exports, forms, selectors, services, tender
from .models import Criterion, Evaluation, Offer, ShortlistItem
from .services import ProcurementError

MAX_SELECTED = 50  # values of ?s= read at all
OFFER_ID = re.compile(r"\bO[0-9]+\b")


def _lang() -> str:
    return "en" if (get_language() or "de").startswith("en") else "de"


def login_required_404(view):
    """Sign in first (redirect to the sign-in page); then the view."""

    def wrapper(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        return view(request, *args, **kwargs)

    wrapper.__name__ = view.__name__
    wrapper.__doc__ = view.__doc__
    return wrapper


def _shortlist(request, pk):
    shortlist = selectors.visible_shortlist(request.user, pk)
    if shortlist is None:
        raise Http404
    return shortlist


def _evaluation(request, pk):
    evaluation = selectors.visible_evaluation(request.user, pk)
    if evaluation is None:
        raise Http404
    return evaluation


# --- shortlists ---------------------------------------------------------------------------------------------------


def _shortlists_page(request, *, form=None, status=200, error=""):
    context = {
        "mine": selectors.shortlists_of(request.user),
        "shared": selectors.shared_with(request.user),
        "form": form or forms.ShortlistForm(),
        "may_keep": request.user.has_perm("procurement.keep_shortlists"),
        "evaluations": selectors.evaluations_of(request.user)[:20],
        "error": error,
        "section": "shortlists",
    }
    return render(request, "procurement/shortlists.html", context, status=status)


@require_GET
@login_required_404
def shortlists(request):
    return _shortlists_page(request)


@require_POST
@login_required_404
def shortlist_create(request):
    form = forms.ShortlistForm(request.POST)
    if not form.is_valid():
        return _shortlists_page(request, form=form, status=422)
    try:
        shortlist = services.create_shortlist(actor=request.user, **form.cleaned_data)
    except ProcurementError as refusal:
        return _shortlists_page(request, form=form, status=refusal.status, error=refusal.message)
    messages.success(request, gettext("The shortlist “%(name)s” has been created.") % {"name": shortlist.name})
    return redirect(shortlist.get_absolute_url())


def _shortlist_page(request, shortlist, *, status=200, error="", selected=None):
    user = request.user
    rows = selectors.items(shortlist)
    context = {
        "shortlist": shortlist,
        "items": rows,
        "can_change": user.has_perm("procurement.change_shortlist", shortlist),
        "can_evaluate": user.has_perm("procurement.create_evaluation", shortlist),
        "evaluations": [e for e in shortlist.evaluations.select_related("organisation").order_by("-updated_at")
                        if user.has_perm("procurement.view_evaluation", e)],
        "max_compare": settings.COMPARISON_MAX_SOLUTIONS,
        "max_items": settings.SHORTLIST_MAX_ITEMS,
        "selected": set(selected or ()),
        "error": error,
        "section": "shortlists",
    }
    return render(request, "procurement/shortlist.html", context, status=status)


@require_GET
@login_required_404
def shortlist(request, pk):
    return _shortlist_page(request, _shortlist(request, pk))


@require_http_methods(["GET", "POST"])
@login_required_404
def shortlist_edit(request, pk):
    shortlist = _shortlist(request, pk)
    if not request.user.has_perm("procurement.change_shortlist", shortlist):
        return _shortlist_page(request, shortlist, status=403, error=gettext("Only the owner changes a shortlist."))
    error, status = "", 200
    if request.method == "POST":
        form = forms.ShortlistForm(request.POST)
        if form.is_valid():
            try:
                services.update_shortlist(actor=request.user, shortlist=shortlist, **form.cleaned_data)
            except ProcurementError as refusal:
                error, status = refusal.message, refusal.status
            else:
                messages.success(request, gettext("The shortlist has been saved."))
                return redirect(shortlist.get_absolute_url())
        else:
            status = 422
    else:
        form = forms.ShortlistForm(initial={"name": shortlist.name, "note": shortlist.note})
    return render(request, "procurement/shortlist_form.html",
                  {"shortlist": shortlist, "form": form, "error": error, "section": "shortlists"}, status=status)


@require_http_methods(["GET", "POST"])
@login_required_404
def shortlist_delete(request, pk):
    shortlist = _shortlist(request, pk)
    if not request.user.has_perm("procurement.change_shortlist", shortlist):
        return _shortlist_page(request, shortlist, status=403, error=gettext("Only the owner changes a shortlist."))
    if request.method == "POST":
        name = shortlist.name
        try:
            services.delete_shortlist(actor=request.user, shortlist=shortlist)
        except ProcurementError as refusal:
            return _shortlist_page(request, shortlist, status=refusal.status, error=refusal.message)
        messages.success(request, gettext("The shortlist “%(name)s” has been deleted.") % {"name": name})
        return redirect("procurement:shortlists")
    return render(request, "procurement/shortlist_delete.html", {"shortlist": shortlist, "section": "shortlists"})


def _item(shortlist, item_id) -> ShortlistItem:
    return get_object_or_404(ShortlistItem.objects.select_related("solution", "shortlist"), pk=item_id,
                             shortlist=shortlist)


@require_POST
@login_required_404
def item_remove(request, pk, item_id):
    shortlist = _shortlist(request, pk)
    item = _item(shortlist, item_id)
    try:
        services.remove_item(actor=request.user, item=item)
    except ProcurementError as refusal:
        return _shortlist_page(request, shortlist, status=refusal.status, error=refusal.message)
    messages.success(request, gettext("“%(name)s” has been removed from the shortlist.") % {
        "name": item.solution.name})
    return redirect(shortlist.get_absolute_url())


@require_POST
@login_required_404
def item_note(request, pk, item_id):
    shortlist = _shortlist(request, pk)
    item = _item(shortlist, item_id)
    form = forms.ItemNoteForm(request.POST)
    if not form.is_valid():
        return _shortlist_page(request, shortlist, status=422,
                               error=gettext("The note is too long (at most %(max)d characters).") % {"max": 2000})
    try:
        services.set_item_note(actor=request.user, item=item, note=form.cleaned_data["note"])
    except ProcurementError as refusal:
        return _shortlist_page(request, shortlist, status=refusal.status, error=refusal.message)
    messages.success(request, gettext("The note on “%(name)s” has been saved.") % {"name": item.solution.name})
    return redirect(shortlist.get_absolute_url() + f"#item-{item.pk}")


@require_POST
def add(request):
    """From the solution page: add the solution to one of the user's shortlists, or to a new one."""
    slug = (request.POST.get("solution") or "")[:120]
    solution = Solution.objects.filter(slug=slug, listing_status__in=Solution.PUBLIC_STATUSES).first()
    if solution is None:
        raise Http404
    back = solution.get_absolute_url() + "#shortlist"
    if not request.user.is_authenticated:
        return redirect_to_login(back)
    choice = (request.POST.get("shortlist") or "new")[:20]
    try:
        if choice == "new":
            name = request.POST.get("name") or gettext("Shortlist of %(date)s") % {
                "date": timezone.localdate().strftime("%d.%m.%Y")}
            item = services.add_to_new_shortlist(actor=request.user, name=name[:1000], solution=solution)
        else:
            digits = re.fullmatch(r"[0-9]{1,10}", choice)
            target = selectors.visible_shortlist(request.user, int(choice)) if digits else None
            if target is None:
                raise Http404
            item = services.add_item(actor=request.user, shortlist=target, solution=solution)
    except ProcurementError as refusal:
        messages.error(request, refusal.message)
        return redirect(back)
    messages.success(request, gettext("“%(solution)s” is now on the shortlist “%(shortlist)s”.") % {
        "solution": solution.name, "shortlist": item.shortlist.name})
    return redirect(back)


# --- comparison ---------------------------------------------------------------------------------------------------


def _selection(request, shortlist):
    """The chosen solutions (?s=slug, repeated), or an error message. With no choice and at most the maximum on the
    shortlist, all of them."""
    slugs = [s[:120] for s in request.GET.getlist("s")[:MAX_SELECTED]]
    limit = settings.COMPARISON_MAX_SOLUTIONS
    if not slugs:
        rows = selectors.items(shortlist)
        if not rows:
            return [], slugs, gettext("The shortlist is empty: add solutions first.")
        if len(rows) > limit:
            return [], slugs, gettext("Choose up to %(max)d solutions to compare.") % {"max": limit}
        return [item.solution for item in rows], slugs, ""
    chosen = selectors.solutions_for_comparison(shortlist, slugs)
    if len(chosen) > limit:
        return [], slugs, gettext("You chose %(count)d solutions; at most %(max)d can be compared side by side. "
                                  "Please remove %(extra)d.") % {"count": len(chosen), "max": limit,
                                                                 "extra": len(chosen) - limit}
    if not chosen:
        return [], slugs, gettext("None of the chosen solutions is on this shortlist.")
    return chosen, slugs, ""


@require_GET
@login_required_404
def compare(request, pk):
    shortlist = _shortlist(request, pk)
    chosen, slugs, error = _selection(request, shortlist)
    if error:
        return _shortlist_page(request, shortlist, status=422, error=error, selected=slugs)
    table = comparing.compare(chosen)
    query = "&".join(f"s={s.slug}" for s in chosen)
    context = {"shortlist": shortlist, "comparison": table, "query": query, "section": "shortlists",
               "formats": list(exports.FORMATS)}
    return render(request, "procurement/comparison.html", context)


@require_GET
@login_required_404
def compare_export(request, pk, fmt):
    if fmt not in exports.FORMATS:
        raise Http404
    shortlist = _shortlist(request, pk)
    chosen, slugs, error = _selection(request, shortlist)
    if error:
        return _shortlist_page(request, shortlist, status=422, error=error, selected=slugs)
    content = exports.render(comparing.compare(chosen), fmt, title=shortlist.name)
    response = HttpResponse(content, content_type=exports.FORMATS[fmt])
    response["Content-Disposition"] = f'attachment; filename="{exports.filename(shortlist.name, fmt)}"'
    return response


# --- evaluations: list, create, overview, settings, copy -----------------------------------------------------------


@require_GET
@login_required_404
def evaluations(request):
    return render(request, "procurement/evaluations.html",
                  {"evaluations": selectors.evaluations_of(request.user), "section": "evaluations"})


@require_http_methods(["GET", "POST"])
@login_required_404
def evaluation_create(request, pk):
    shortlist = _shortlist(request, pk)
    if not request.user.has_perm("procurement.create_evaluation", shortlist):
        return _shortlist_page(request, shortlist, status=403, error=gettext(
            "Only verified municipal staff create evaluations, from their own shortlists."))
    organisations = staff_organisations(request.user).order_by("name")
    error, status = "", 200
    if request.method == "POST":
        form = forms.EvaluationCreateForm(request.POST, organisations=organisations)
        if form.is_valid():
            try:
                evaluation = services.create_evaluation(actor=request.user, shortlist=shortlist,
                                                        **form.cleaned_data)
            except ProcurementError as refusal:
                error, status = refusal.message, refusal.status
            else:
                messages.success(request, gettext("The evaluation has been created with one offer per shortlisted "
                                                  "solution. Now add criteria."))
                return redirect("procurement:criteria", evaluation.pk)
        else:
            status = 422
    else:
        initial_org = shortlist.organisation if shortlist.organisation_id and organisations.filter(
            pk=shortlist.organisation_id).exists() else organisations.first()
        form = forms.EvaluationCreateForm(organisations=organisations, initial={
            "title": shortlist.name, "method": Evaluation.Method.SIMPLE, "organisation": initial_org})
    return render(request, "procurement/evaluation_create.html",
                  {"shortlist": shortlist, "form": form, "error": error, "section": "evaluations"}, status=status)


def _evaluation_context(request, evaluation, **extra) -> dict:
    user = request.user
    return {
        "evaluation": evaluation,
        "can_change": user.has_perm("procurement.change_evaluation", evaluation),
        "can_record": user.has_perm("procurement.record_evaluation", evaluation),
        "can_copy": user.has_perm("procurement.copy_evaluation", evaluation),
        "can_generate": user.has_perm("procurement.generate_tender", evaluation),
        "contract": evbit.get(evaluation.evb_it),
        "section": "evaluations",
        **extra,
    }


@require_GET
@login_required_404
def evaluation(request, pk):
    evaluation = _evaluation(request, pk)
    context = _evaluation_context(
        request, evaluation, step="overview", criteria=selectors.criteria_tree(evaluation),
        offers=selectors.offers(evaluation), pdf_available=tender.pdf_available(),
        kinds=[("leistungsbeschreibung", gettext("Service description (Leistungsbeschreibung)")),
               ("bewertungsmatrix", gettext("Evaluation matrix (Bewertungsmatrix)"))])
    return render(request, "procurement/evaluation.html", context)


def _standard_choices(evaluation) -> list[tuple[str, str]]:
    from .comparison import _standard_names

    names = _standard_names()
    entries = list(evaluation.standards or [])
    if evaluation.shortlist_id:
        solutions = [i.solution for i in evaluation.shortlist.items.select_related("solution")]
        for entry in services.standards_of(solutions):
            if entry not in entries:
                entries.append(entry)
    choices = []
    for entry in entries:
        label = names.get(entry["standard"], entry["standard"])
        if entry.get("version"):
            label += f" {entry['version']}"
        if entry.get("role"):
            label += f" ({entry['role']})"
        choices.append((forms.standard_token(entry), label))
    return choices


@require_http_methods(["GET", "POST"])
@login_required_404
def evaluation_settings(request, pk):
    evaluation = _evaluation(request, pk)
    choices = _standard_choices(evaluation)
    error, status = "", 200
    if request.method == "POST":
        form = forms.SettingsForm(request.POST, standard_choices=choices)
        if form.is_valid():
            try:
                services.update_settings(actor=request.user, evaluation=evaluation, **form.values())
            except ProcurementError as refusal:
                error, status = refusal.message, refusal.status
            else:
                messages.success(request, gettext("The settings have been saved."))
                return redirect("procurement:evaluation", evaluation.pk)
        else:
            status = 422
    else:
        form = forms.SettingsForm(standard_choices=choices, initial={
            "title": evaluation.title, "reference": evaluation.reference, "subject": evaluation.subject,
            "method": evaluation.method,
            "band": evaluation.band * 100 if evaluation.band is not None else None,
            "decision": evaluation.decision,
            "price_weight": evaluation.price_weight * 100 if evaluation.price_weight is not None else None,
            "price_formula": evaluation.price_formula, "tie_break": evaluation.tie_break,
            "evb_it": evaluation.evb_it, "standards": [forms.standard_token(s) for s in evaluation.standards or []],
            "operating_models": evaluation.operating_models or [],
        })
    context = _evaluation_context(request, evaluation, step="settings", form=form, error=error,
                                  contract_types=evbit.TYPES)
    return render(request, "procurement/evaluation_settings.html", context, status=status)


@require_POST
@login_required_404
def evaluation_copy(request, pk):
    evaluation = _evaluation(request, pk)
    try:
        copy = services.copy_evaluation(actor=request.user, evaluation=evaluation)
    except ProcurementError as refusal:
        messages.error(request, refusal.message)
        return redirect("procurement:evaluation", evaluation.pk)
    messages.success(request, gettext("A copy has been made; you can change it."))
    return redirect("procurement:evaluation", copy.pk)


# --- criteria -----------------------------------------------------------------------------------------------------


def _criteria_page(request, evaluation, *, status=200, error="", errors=(), catalogue_form=None,
                   criterion_form=None):
    tree = selectors.criteria_tree(evaluation)
    groups = [c for c, _depth in tree if c.kind == Criterion.Kind.GROUP]
    requirements = selectors.requirements_in_force()
    present = {c.requirement_id for c, _depth in tree if c.requirement_id}
    available = [r for r in requirements if r.code not in present]
    version = selectors.catalogue_in_force()
    context = _evaluation_context(
        request, evaluation, step="criteria", tree=tree, error=error, errors=list(errors),
        catalogue_version=version, requirements=available,
        catalogue_form=catalogue_form or forms.CatalogueCriteriaForm(requirements=available, groups=groups),
        criterion_form=criterion_form or forms.CriterionForm(groups=groups),
        weight_total=_top_weight_total(tree),
    )
    return render(request, "procurement/criteria.html", context, status=status)


def _top_weight_total(tree) -> str:
    from decimal import Decimal

    total = sum((c.weight or Decimal(0)) for c, depth in tree if depth == 0 and c.kind != "A")
    return f"{total.normalize():f}" if total else "0"


@require_GET
@login_required_404
def criteria(request, pk):
    return _criteria_page(request, _evaluation(request, pk))


@require_POST
@login_required_404
def criteria_catalogue(request, pk):
    evaluation = _evaluation(request, pk)
    tree = selectors.criteria_tree(evaluation)
    groups = [c for c, _depth in tree if c.kind == Criterion.Kind.GROUP]
    present = {c.requirement_id for c, _depth in tree if c.requirement_id}
    available = [r for r in selectors.requirements_in_force() if r.code not in present]
    form = forms.CatalogueCriteriaForm(request.POST, requirements=available, groups=groups)
    if not form.is_valid():
        return _criteria_page(request, evaluation, status=422, catalogue_form=form)
    chosen = set(form.cleaned_data["requirements"])
    parent = next((g for g in groups if str(g.pk) == form.cleaned_data.get("parent")), None)
    try:
        created = services.add_catalogue_criteria(actor=request.user, evaluation=evaluation,
                                                  requirements=[r for r in available if r.code in chosen],
                                                  parent=parent)
    except ProcurementError as refusal:
        return _criteria_page(request, evaluation, status=refusal.status, error=refusal.message,
                              catalogue_form=form)
    messages.success(request, gettext("%(count)d criteria taken from the catalogue: MUST requirements as A "
                                      "criteria, SHOULD and MAY requirements as B criteria with a proposed weight.")
                     % {"count": len(created)})
    return redirect("procurement:criteria", evaluation.pk)


@require_POST
@login_required_404
def criteria_add(request, pk):
    evaluation = _evaluation(request, pk)
    groups = [c for c, _depth in selectors.criteria_tree(evaluation) if c.kind == Criterion.Kind.GROUP]
    form = forms.CriterionForm(request.POST, groups=groups)
    if not form.is_valid():
        return _criteria_page(request, evaluation, status=422, criterion_form=form)
    data = form.cleaned_data
    parent = next((g for g in groups if str(g.pk) == data.get("parent")), None)
    try:
        criterion = services.add_criterion(actor=request.user, evaluation=evaluation, kind=data["kind"],
                                           title=data["title"], text=data["text"], weight=data.get("weight"),
                                           parent=parent)
    except ProcurementError as refusal:
        return _criteria_page(request, evaluation, status=refusal.status, error=refusal.message,
                              criterion_form=form)
    messages.success(request, gettext("“%(code)s %(title)s” has been added.") % {"code": criterion.code,
                                                                                  "title": criterion.title})
    return redirect("procurement:criteria", evaluation.pk)


@require_POST
@login_required_404
def criteria_update(request, pk):
    evaluation = _evaluation(request, pk)
    criteria = [c for c, _depth in selectors.criteria_tree(evaluation)]
    changes, errors = forms.parse_weights(request.POST, criteria)
    if errors:
        return _criteria_page(request, evaluation, status=422, errors=errors,
                              error=gettext("Please check your input."))
    try:
        services.update_criteria(actor=request.user, evaluation=evaluation, changes=changes)
    except ProcurementError as refusal:
        return _criteria_page(request, evaluation, status=refusal.status, error=refusal.message)
    messages.success(request, gettext("The criteria have been saved."))
    return redirect("procurement:criteria", evaluation.pk)


@require_POST
@login_required_404
def criterion_remove(request, pk, criterion_id):
    evaluation = _evaluation(request, pk)
    criterion = get_object_or_404(Criterion, pk=criterion_id, evaluation=evaluation)
    try:
        services.remove_criterion(actor=request.user, evaluation=evaluation, criterion=criterion)
    except ProcurementError as refusal:
        return _criteria_page(request, evaluation, status=refusal.status, error=refusal.message)
    messages.success(request, gettext("“%(code)s %(title)s” has been removed.") % {"code": criterion.code,
                                                                                    "title": criterion.title})
    return redirect("procurement:criteria", evaluation.pk)


# --- offers and points --------------------------------------------------------------------------------------------


def _offers_page(request, evaluation, *, status=200, error="", errors=(), problems=(), posted=None, offer_form=None):
    tree = selectors.criteria_tree(evaluation)
    offers = selectors.offers(evaluation)
    scores = {(s.offer_id, s.criterion_id): s for o in offers for s in o.scores.all()}
    rows = []
    for criterion, depth in tree:
        cells = []
        for offer in offers:
            name = f"score-{offer.pk}-{criterion.pk}"
            score = scores.get((offer.pk, criterion.pk))
            if posted is not None and name in posted:
                value = posted.get(name, "")[:40]
            elif criterion.kind == Criterion.Kind.A:
                value = "" if score is None or score.passed is None else ("yes" if score.passed else "no")
            else:
                value = "" if score is None or score.points is None else str(score.points)
            cells.append({"name": name, "value": value, "offer": offer})
        rows.append({"criterion": criterion, "depth": depth, "cells": cells})
    prices = []
    for offer in offers:
        name = f"price-{offer.pk}"
        if posted is not None and name in posted:
            value = posted.get(name, "")[:40]
        else:
            value = "" if offer.price is None else f"{offer.price:f}"
            value = value.replace(".", ",") if _lang() == "de" else value
        prices.append({"name": name, "value": value, "offer": offer})
    invalid = {e.field for e in errors}
    lang = _lang()
    context = _evaluation_context(
        request, evaluation, step="offers", offers=offers, rows=rows, prices=prices, error=error,
        errors=list(errors), invalid=invalid,
        problems=[{"subject": p.subject(lang), "message": p.message(lang), "path": p.path} for p in problems],
        offer_form=offer_form or forms.OfferForm(),
    )
    return render(request, "procurement/offers.html", context, status=status)


@require_http_methods(["GET", "POST"])
@login_required_404
def offers(request, pk):
    evaluation = _evaluation(request, pk)
    if request.method == "GET":
        return _offers_page(request, evaluation)
    criteria = [c for c, _depth in selectors.criteria_tree(evaluation)]
    offer_list = list(evaluation.offers.all())
    prices, scores, errors = forms.parse_offer_table(request.POST, offer_list, criteria)
    if errors:
        return _offers_page(request, evaluation, status=422, errors=errors, posted=request.POST,
                            error=gettext("Please check your input. Nothing has been saved."))
    try:
        services.save_offers(actor=request.user, evaluation=evaluation, prices=prices, scores=scores)
    except ProcurementError as refusal:
        return _offers_page(request, evaluation, status=refusal.status, error=refusal.message, posted=request.POST)
    if request.POST.get("action") == "evaluate":
        return _run(request, evaluation)
    messages.success(request, gettext("Prices and points have been saved."))
    return redirect("procurement:offers", evaluation.pk)


def _run(request, evaluation):
    try:
        outcome = services.evaluate(actor=request.user, evaluation=evaluation)
    except ProcurementError as refusal:
        return _offers_page(request, evaluation, status=refusal.status, error=refusal.message)
    if outcome.problems:
        return _offers_page(request, evaluation, status=422, problems=outcome.problems,
                            error=gettext("The evaluation cannot be scored yet. Please fix these problems; no score "
                                          "is shown before they are solved."))
    messages.success(request, gettext("The offers have been evaluated."))
    return redirect("procurement:result", evaluation.pk)


@require_POST
@login_required_404
def evaluate(request, pk):
    return _run(request, _evaluation(request, pk))


@require_POST
@login_required_404
def offer_add(request, pk):
    evaluation = _evaluation(request, pk)
    form = forms.OfferForm(request.POST)
    if not form.is_valid():
        return _offers_page(request, evaluation, status=422, offer_form=form,
                            error=gettext("Please name the bidder (at most 200 characters)."))
    try:
        offer = services.add_offer(actor=request.user, evaluation=evaluation, bidder=form.cleaned_data["bidder"])
    except ProcurementError as refusal:
        return _offers_page(request, evaluation, status=refusal.status, error=refusal.message, offer_form=form)
    messages.success(request, gettext("The offer of “%(bidder)s” has been added.") % {"bidder": offer.bidder})
    return redirect("procurement:offers", evaluation.pk)


@require_POST
@login_required_404
def offer_remove(request, pk, offer_id):
    evaluation = _evaluation(request, pk)
    offer = get_object_or_404(Offer, pk=offer_id, evaluation=evaluation)
    try:
        services.remove_offer(actor=request.user, evaluation=evaluation, offer=offer)
    except ProcurementError as refusal:
        return _offers_page(request, evaluation, status=refusal.status, error=refusal.message)
    messages.success(request, gettext("The offer of “%(bidder)s” has been removed.") % {"bidder": offer.bidder})
    return redirect("procurement:offers", evaluation.pk)


# --- result, record, documents ------------------------------------------------------------------------------------


def result_view_model(evaluation) -> dict | None:
    """The stored result with names and the active language's texts, for the page."""
    record = evaluation.result or {}
    if not record.get("offers"):
        return None
    lang = _lang()
    names = record.get("names", {}).get("offers", {})

    def bidder(offer_id):
        return (names.get(offer_id) or {}).get("bidder", offer_id)

    def named(text: str) -> str:
        """Engine texts name offers by their ids (O17); show the bidders instead."""
        return OFFER_ID.sub(lambda m: f"„{bidder(m.group(0))}“" if lang == "de" else f"“{bidder(m.group(0))}”",
                            text or "") if names else (text or "")

    offers = []
    for offer in record["offers"]:
        reason = offer.get("reason") or {}
        offers.append({
            **offer, "bidder": bidder(offer["id"]), "reason_text": named(reason.get(lang) or reason.get("en") or ""),
            "notes_text": [named(n.get(lang) or n.get("en")) for n in offer.get("notes") or []],
        })
    ranked = [o for o in offers if not o["excluded"]]
    ranked.sort(key=lambda o: (o["rank"] is None, o["rank"] or 0))
    return {
        "method": record.get("method"),
        "ranked": ranked,
        "excluded": [o for o in offers if o["excluded"]],
        "ties": [[bidder(i) for i in group] for group in record.get("ties") or []],
        "band_members": [bidder(i) for i in record.get("band_members") or []],
        "z_max": record.get("z_max"), "threshold": record.get("threshold"), "p_min": record.get("p_min"),
        "explanation": named((record.get("explanation") or {}).get(lang, "")),
        "winner": bidder(record["ranking"][0]) if record.get("ranking") else None,
        "criteria": record.get("names", {}).get("criteria", {}),
    }


@require_GET
@login_required_404
def result(request, pk):
    evaluation = _evaluation(request, pk)
    context = _evaluation_context(request, evaluation, step="result", outcome=result_view_model(evaluation))
    return render(request, "procurement/result.html", context)


@require_POST
@login_required_404
def record(request, pk):
    evaluation = _evaluation(request, pk)
    try:
        services.record(actor=request.user, evaluation=evaluation)
    except ProcurementError as refusal:
        messages.error(request, refusal.message)
        return redirect("procurement:result", evaluation.pk)
    messages.success(request, gettext("The Vergabevermerk has been recorded in the audit log. The evaluation can no "
                                      "longer be changed."))
    return redirect("procurement:result", evaluation.pk)


@require_POST
@login_required_404
def tender_document(request, pk, kind, fmt):
    evaluation = _evaluation(request, pk)
    if kind not in tender.KINDS or fmt not in tender.FORMATS:
        raise Http404
    if not request.user.has_perm("procurement.generate_tender", evaluation):
        raise Http404
    try:
        document = tender.render(evaluation, kind, fmt)
    except tender.TenderUnavailable as unavailable:
        messages.error(request, unavailable.de if _lang() == "de" else unavailable.en)
        return redirect(reverse("procurement:evaluation", args=[evaluation.pk]) + "#documents")
    services.tender_generated(actor=request.user, evaluation=evaluation, kind=kind, fmt=fmt,
                              sha256=document.sha256, size=len(document.content))
    response = HttpResponse(document.content, content_type=document.media_type)
    response["Content-Disposition"] = f'attachment; filename="{document.filename}"'
    return response
