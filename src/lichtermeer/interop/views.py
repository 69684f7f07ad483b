"""Pages of the standards register, the comparison of two solutions and the explanation of the exit score.

Thin: reads go through selectors, writes through services (which check the rules again). The operator's forms
post to their own address and redirect (post/redirect/get); a refusal answers with the form, the problems at
their fields and the refusal's status code. Everything works without JavaScript.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from lichtermeer.engines.interop import CATEGORIES, FACTORS, KINDS
from lichtermeer.solutions.models import Solution

from . import exports, labels, presenters, selectors, services
from .forms import AdapterForm, RetireForm, StandardForm
from .models import Adapter, Standard
from .services import InteropError
from .templatetags.interop_tags import own_inventory_rows


def _guard(request, perm: str, obj=None):
    """Sign in first; then only those with the permission (403 page otherwise)."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if not request.user.has_perm(perm, obj):
        raise PermissionDenied
    return None


def _standard_or_404(standard_id: str) -> Standard:
    found = selectors.standard(standard_id)
    if found is None:
        raise Http404
    return found


# --- the register --------------------------------------------------------------------------------------------


@require_GET
def standards(request):
    category = request.GET.get("category", "")
    kind = request.GET.get("kind", "")
    category = category if category in CATEGORIES else ""
    kind = kind if kind in KINDS else ""
    rows = selectors.standards(category=category, kind=kind)
    context = {
        "standards": rows,
        "category": category,
        "kind": kind,
        "categories": [(c, labels.category_label(c)) for c in CATEGORIES],
        "kinds": [(k, labels.kind_label(k)) for k in KINDS],
        "adapters": selectors.all_adapters(),
        "formats": list(exports.FORMATS),
        "may_add": request.user.has_perm("interop.add_standard"),
        "may_change_adapters": request.user.has_perm("interop.change_adapter"),
        "api_url": "/api/v1/standards" + (f"?{request.GET.urlencode()}" if request.GET else ""),
    }
    return render(request, "interop/standards.html", context)


@require_GET
def export(request, fmt: str):
    if fmt not in exports.FORMATS:
        raise Http404
    content_type, extension = exports.FORMATS[fmt]
    response = HttpResponse(exports.render(fmt), content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="lichtermeer-standards.{extension}"'
    return response


@require_GET
def standard(request, standard_id: str):
    row = _standard_or_404(standard_id)
    context = {
        "standard": row,
        "adapters": selectors.adapters_of(row),
        "declared": selectors.declarers(row.id),
        "platform_uri": exports.platform_uri(row.id),
        "category_label": labels.category_label(row.category),
        "kind_label": labels.kind_label(row.kind),
        "rule_label": labels.rule_label(row.compatibility),
        "may_change": request.user.has_perm("interop.change_standard", row),
        "may_retire": request.user.has_perm("interop.retire_standard", row),
        "may_change_adapters": request.user.has_perm("interop.change_adapter"),
        "retire_form": RetireForm(),
    }
    return render(request, "interop/standard.html", context)


def _form_page(request, form, *, standard=None, error: str = "", status: int = 200):
    return render(request, "interop/standard_form.html", {"form": form, "standard": standard, "error": error},
                  status=status)


@require_http_methods(["GET", "POST"])
def standard_add(request):
    refused = _guard(request, "interop.add_standard")
    if refused:
        return refused
    if request.method == "GET":
        return _form_page(request, StandardForm())
    form = StandardForm(request.POST)
    if not form.is_valid():
        return _form_page(request, form, error=_("Please check your input."), status=422)
    try:
        row = services.create_standard(actor=request.user, standard_id=form.cleaned_data["id"], values=form.values())
    except InteropError as refusal:
        form.add_problems(refusal.problems)
        return _form_page(request, form, error=refusal.message, status=refusal.status)
    messages.success(request, _("The standard “%(name)s” has been added to the register.") % {"name": row.name})
    return redirect(row.get_absolute_url())


@require_http_methods(["GET", "POST"])
def standard_edit(request, standard_id: str):
    row = _standard_or_404(standard_id)
    refused = _guard(request, "interop.change_standard", row)
    if refused:
        return refused
    if request.method == "GET":
        return _form_page(request, StandardForm(standard=row), standard=row)
    form = StandardForm(request.POST, standard=row)
    if not form.is_valid():
        return _form_page(request, form, standard=row, error=_("Please check your input."), status=422)
    try:
        services.change_standard(actor=request.user, standard=row, values=form.values())
    except InteropError as refusal:
        form.add_problems(refusal.problems)
        return _form_page(request, form, standard=row, error=refusal.message, status=refusal.status)
    messages.success(request, _("The standard has been saved."))
    return redirect(row.get_absolute_url())


@require_POST
def standard_retire(request, standard_id: str):
    row = _standard_or_404(standard_id)
    refused = _guard(request, "interop.retire_standard", row)
    if refused:
        return refused
    form = RetireForm(request.POST)
    reason = form.cleaned_data["reason"] if form.is_valid() else ""
    retire = request.POST.get("retired", "1") != "0"
    try:
        services.retire_standard(actor=request.user, standard=row, retired=retire, reason=reason)
    except InteropError as refusal:
        messages.error(request, refusal.message)
        return redirect(row.get_absolute_url())
    messages.success(request, _("The standard has been retired.") if retire else _("The standard is in use again."))
    return redirect(row.get_absolute_url())


def _adapter_page(request, form, *, adapter=None, error: str = "", status: int = 200):
    return render(request, "interop/adapter_form.html", {"form": form, "adapter": adapter, "error": error},
                  status=status)


@require_http_methods(["GET", "POST"])
def adapter_edit(request, pk: int | None = None):
    adapter = get_object_or_404(Adapter, pk=pk) if pk is not None else None
    refused = _guard(request, "interop.change_adapter", adapter)
    if refused:
        return refused
    if request.method == "GET":
        initial = {"from_standard": request.GET.get("von", "")[:64]} if adapter is None else None
        form = AdapterForm(adapter=adapter, initial=initial) if initial else AdapterForm(adapter=adapter)
        return _adapter_page(request, form, adapter=adapter)
    form = AdapterForm(request.POST, adapter=adapter)
    if not form.is_valid():
        return _adapter_page(request, form, adapter=adapter, error=_("Please check your input."), status=422)
    data = form.cleaned_data
    try:
        saved = services.save_adapter(actor=request.user, from_id=data["from_standard"], to_id=data["to_standard"],
                                      via_de=data["via_de"], via_en=data["via_en"], both_ways=data["both_ways"],
                                      adapter=adapter)
    except InteropError as refusal:
        return _adapter_page(request, form, adapter=adapter, error=refusal.message, status=refusal.status)
    messages.success(request, _("The adapter has been saved."))
    return redirect(reverse("interop:standard", args=[saved.from_standard_id]) + "#adapters")


@require_POST
def adapter_remove(request, pk: int):
    adapter = get_object_or_404(Adapter, pk=pk)
    refused = _guard(request, "interop.change_adapter", adapter)
    if refused:
        return refused
    target = reverse("interop:standard", args=[adapter.from_standard_id]) + "#adapters"
    services.remove_adapter(actor=request.user, adapter=adapter)
    messages.success(request, _("The adapter has been removed."))
    return redirect(target)


# --- exit score ----------------------------------------------------------------------------------------------


@require_GET
def exit_method(request):
    weights = settings.EXIT_SCORE_WEIGHTS
    language = presenters.lang()
    factors = [{"id": key, "label": label_de if language == "de" else label_en, "weight": weights.get(key, 0)}
               for key, (label_en, label_de) in FACTORS.items()]
    return render(request, "interop/exit_method.html",
                  {"factors": factors, "total": sum(f["weight"] for f in factors)})


# --- comparing two solutions ---------------------------------------------------------------------------------


def _visible_solution(request, slug: str) -> Solution:
    solution = get_object_or_404(Solution.objects.select_related("organisation"), slug=slug)
    if not request.user.has_perm("solutions.view_solution", solution):
        raise Http404
    return solution


@require_GET
def compare_pick(request, slug: str):
    """The "compare with" form on the solution page (GET ?mit=<slug>) leads to the comparison's own address."""
    solution = _visible_solution(request, slug)
    other = request.GET.get("mit", "").strip()[:120]
    if not other:
        return redirect(solution.get_absolute_url() + "#works-with")
    return redirect("interop:compare", slug=solution.slug, other=_visible_solution(request, other).slug)


@require_GET
def compare(request, slug: str, other: str):
    a = _visible_solution(request, slug)
    b = _visible_solution(request, other)
    if a.pk == b.pk:
        return redirect(a.get_absolute_url() + "#works-with")
    result = presenters.compatibility(selectors.compatibility(a, b))
    context = {
        "a": a, "b": b, "result": result,
        "own_a": own_inventory_rows(a, request.user),
        "own_b": own_inventory_rows(b, request.user),
        "api_url": reverse("api:get_solution_compatibility", kwargs={"slug": a.slug}) + f"?with={b.slug}",
    }
    return render(request, "interop/compare.html", context)
