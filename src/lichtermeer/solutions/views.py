"""Pages of the solution catalogue. Thin: parsing of the query, permissions, and which template."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods
from django.views.decorators.vary import vary_on_headers

from lichtermeer.accounts.models import Organisation
from lichtermeer.web.labels import facet_label, value_label
from lichtermeer.web.preview import build_preview

from . import selectors, services
from .facets import FACETS
from .forms import DescribeForm
from .models import Solution

PER_PAGE = 20
MAX_QUERY_LENGTH = 200
MAX_FILTER_VALUES = 20
FACET_VISIBLE = 6
SORTS = {
    "relevance": gettext_lazy("Relevance"),
    "name": gettext_lazy("Name (A–Z)"),
    "updated": gettext_lazy("Recently updated"),
    "newest": gettext_lazy("Newly listed"),
    "release": gettext_lazy("Latest release"),
}
# Facets in the order a municipality asks its questions.
FACET_ORDER = (
    "domain",
    "hosting",
    "standard",
    "license",
    "development_status",
    "software_type",
    "maintenance",
    "category",
    "listing_status",
)


def _search_params(request) -> dict:
    query = request.GET.get("q", "").strip()[:MAX_QUERY_LENGTH]
    filters = {}
    for facet in FACETS:
        values = [v[:100] for v in request.GET.getlist(facet) if v.strip()][:MAX_FILTER_VALUES]
        if values:
            filters[facet] = list(dict.fromkeys(values))
    sort = request.GET.get("sort", "relevance")
    if sort not in SORTS:
        sort = "relevance"
    try:
        page = max(1, min(int(request.GET.get("page", "1")), 10_000))
    except ValueError:
        page = 1
    return {"query": query, "filters": filters, "sort": sort, "page": page}


def _facet_groups(result, filters: dict, status_scope: str = "chosen") -> list[dict]:
    """Facets with counts for the template; selected values stay visible even when they count zero."""
    groups = []
    for facet in FACET_ORDER:
        if facet == "listing_status":
            groups.append(_status_group(result, filters, status_scope))
            continue
        counts = dict(result.facets.get(facet, []))
        for value in filters.get(facet, []):
            counts.setdefault(value, 0)
        if not counts:
            continue
        selected = set(filters.get(facet, []))
        options = [
            {
                "value": value,
                "label": value_label(facet, value),
                "count": count,
                "selected": value in selected,
            }
            for value, count in counts.items()
        ]
        options.sort(key=lambda o: (not o["selected"], -o["count"], o["label"].lower()))
        for index, option in enumerate(options, start=1):
            option["id"] = f"f-{facet}-{index}"
        # Long lists fold away behind <details> (no JavaScript needed); selected values stay in view.
        shown = max(FACET_VISIBLE, sum(1 for o in options if o["selected"]))
        groups.append(
            {"name": facet, "label": facet_label(facet), "options": options[:shown], "more": options[shown:]}
        )
    return groups


def _status_group(result, filters: dict, status_scope: str) -> dict:
    """The listing status as one choice (radio buttons): admitted by default, one other status, or all of them."""
    counts = dict(result.facets.get("listing_status", []))
    selected = set() if status_scope == "all" else set(filters.get("listing_status", []))
    # The default first, then the other public statuses that occur (or are chosen), then "all".
    order = [*selectors.DEFAULT_LISTING_STATUSES,
             *(s for s in Solution.PUBLIC_STATUSES if s not in selectors.DEFAULT_LISTING_STATUSES)]
    shown = [s for s in order if counts.get(s) or s in selected or s in selectors.DEFAULT_LISTING_STATUSES]
    options = [
        {"value": value, "label": value_label("listing_status", value), "count": counts.get(value, 0),
         "selected": value in selected}
        for value in shown
    ]
    everything = sum(counts.get(s, 0) for s in Solution.PUBLIC_STATUSES)
    options.append({"value": selectors.ALL_LISTING_STATUSES, "label": _("All statuses"), "count": everything,
                    "selected": status_scope == "all"})
    for index, option in enumerate(options, start=1):
        option["id"] = f"f-listing_status-{index}"
    return {"name": "listing_status", "label": facet_label("listing_status"), "options": options, "more": [],
            "radio": True}


def _without(request, facet: str, value: str) -> str:
    """The query string with one filter value removed; removing the last listing status shows all statuses
    (with none chosen, the search would fall back to admitted solutions only)."""
    params = request.GET.copy()
    params.pop("page", None)
    remaining = [v for v in params.getlist(facet) if v != value]
    if facet == "listing_status" and value != selectors.ALL_LISTING_STATUSES and not remaining:
        remaining = [selectors.ALL_LISTING_STATUSES]
    params.setlist(facet, remaining)
    encoded = params.urlencode()
    return f"?{encoded}" if encoded else "?"


def _active_filters(request, filters: dict, status_scope: str = "chosen") -> list[dict]:
    active = []
    for facet in FACET_ORDER:
        values = filters.get(facet, [])
        if facet == "listing_status" and status_scope == "all":
            values = [selectors.ALL_LISTING_STATUSES]
        for value in values:
            shown = _("All statuses") if value == selectors.ALL_LISTING_STATUSES else value_label(facet, value)
            active.append({"facet": facet, "value": value, "label": f"{facet_label(facet)}: {shown}",
                           "query": _without(request, facet, value)})
    return active


def _explain_compatibility(solutions, town) -> None:
    """For the cards of a filtered result: what in the municipality's inventory each solution connects with."""
    from lichtermeer.interop.selectors import compatibility_with_municipality

    for solution in solutions:
        solution.connects_with = [m.name for m in compatibility_with_municipality(solution, town)
                                  if m.status == "connects"]


def _compatible_filter(request) -> dict:
    """The filter "compatible with our inventory" (`kompatibel=<AGS>`): the municipality, the ids it allows (None:
    no filter), whether the key was unusable, and the checkboxes to offer (the signed-in staff's municipalities and
    the chosen one)."""
    from lichtermeer.interop.selectors import staff_municipalities

    ags = request.GET.get(selectors.COMPATIBLE_PARAMETER, "").strip()[:20]
    town, ids = selectors.compatible_with(ags) if ags else (None, None)
    options = [{"ags": m.ags, "name": m.name, "selected": m.ags == ags} for m in staff_municipalities(request.user)]
    if town is not None and not any(o["selected"] for o in options):
        options.insert(0, {"ags": town.ags, "name": town.name, "selected": True})
    for index, option in enumerate(options, start=1):
        option["id"] = f"f-kompatibel-{index}"
    return {"ags": ags, "town": town, "ids": ids, "invalid": bool(ags) and town is None, "options": options}


@require_GET
@vary_on_headers("HX-Request")
def search(request):
    params = _search_params(request)
    filters, status_scope = selectors.with_listing_status_default(params["filters"])
    compatible = _compatible_filter(request)
    result = selectors.search_solutions(**{**params, "filters": filters}, per_page=PER_PAGE, public_only=True,
                                        only_ids=compatible["ids"])
    query_string = request.GET.urlencode()
    active = _active_filters(request, filters, status_scope)
    if compatible["town"] is not None:
        _explain_compatibility(result.items, compatible["town"])
        active.insert(0, {"facet": selectors.COMPATIBLE_PARAMETER, "value": compatible["ags"],
                          "label": _("Compatible with the inventory of %(name)s") % {"name": compatible["town"].name},
                          "query": _without(request, selectors.COMPATIBLE_PARAMETER, compatible["ags"])})
    context = {
        "result": result,
        "query": params["query"],
        "sort": params["sort"],
        "sorts": SORTS.items(),
        "facet_groups": _facet_groups(result, filters, status_scope),
        "active_filters": active,
        "compatible": compatible,
        "status_scope": status_scope,
        "filters_chosen": bool(params["filters"]) or compatible["town"] is not None,
        "all_statuses_query": _with_all_statuses(request),
        "page_numbers": _page_numbers(result.page, result.pages),
        "api_url": "/api/v1/search" + (f"?{query_string}" if query_string else ""),
    }
    partial = request.headers.get("HX-Request") and not request.headers.get("HX-History-Restore-Request")
    template = "solutions/_search_region.html" if partial else "solutions/search.html"
    return render(request, template, context)


def _with_all_statuses(request) -> str:
    params = request.GET.copy()
    params.pop("page", None)
    params.setlist("listing_status", [selectors.ALL_LISTING_STATUSES])
    return f"?{params.urlencode()}"


def _page_numbers(page: int, pages: int) -> list[int | None]:
    """1 … 4 5 [6] 7 8 … 20: None stands for a gap."""
    if pages <= 7:
        return list(range(1, pages + 1))
    shown = sorted({1, 2, pages - 1, pages, page - 1, page, page + 1} & set(range(1, pages + 1)))
    numbers: list[int | None] = []
    for number in shown:
        if numbers and number - numbers[-1] > 1:
            numbers.append(None)
        numbers.append(number)
    return numbers


def _visible_solution(request, slug: str) -> Solution:
    solution = get_object_or_404(Solution.objects.select_related("organisation"), slug=slug)
    # A draft that the user may not see does not exist for them: 404, not 403, so slugs leak nothing.
    if not request.user.has_perm("solutions.view_solution", solution):
        raise Http404
    return solution


@require_GET
def detail(request, slug):
    solution = _visible_solution(request, slug)
    document = solution.publiccode or {}
    context = {
        "solution": solution,
        "document": document,
        "description": solution.description(),
        "legal": document.get("legal") or {},
        "maintenance": document.get("maintenance") or {},
        "localisation": document.get("localisation") or {},
        "intended_audience": document.get("intendedAudience") or {},
        "depends_on": document.get("dependsOn") or {},
        "versions": solution.versions.order_by("-number")[:50],
        "may_change": request.user.has_perm("solutions.change_solution", solution),
    }
    return render(request, "solutions/detail.html", context)


@require_GET
def publiccode_yml(request, slug):
    solution = _visible_solution(request, slug)
    if not request.user.has_perm("solutions.export_solution", solution):
        raise Http404
    response = HttpResponse(
        services.export_publiccode(solution), content_type="application/yaml; charset=utf-8"
    )
    response["Content-Disposition"] = f'inline; filename="{solution.slug}-publiccode.yml"'
    return response


@require_GET
def organisation(request, slug):
    org = get_object_or_404(Organisation, slug=slug)
    solutions = [
        s
        for s in org.solutions.select_related("organisation").order_by("name")
        if s.is_public or request.user.has_perm("solutions.view_solution", s)
    ]
    return render(request, "solutions/organisation.html", {"organisation": org, "solutions": solutions})


@login_required
@require_http_methods(["GET", "POST"])
def describe(request):
    if not request.user.has_perm("solutions.add_solution"):
        raise PermissionDenied
    if request.method == "GET":
        form = DescribeForm(user=request.user)
        return render(request, "solutions/describe.html", {"form": form})

    form = DescribeForm(request.POST, request.FILES, user=request.user)
    if not form.is_valid():
        return render(request, "solutions/describe.html", {"form": form}, status=422)
    org = form.cleaned_data["organisation"]
    if not request.user.has_perm("solutions.add_solution", org):
        raise PermissionDenied
    text = form.cleaned_data["text"]
    # The preview keeps what was uploaded in the text field, so "save" needs no second upload.
    bound = DescribeForm(
        {
            **request.POST.dict(),
            "content": text,
            "domains": form.cleaned_data["domains"],
            "hosting_models": form.cleaned_data["hosting_models"],
        },
        user=request.user,
    )
    if request.POST.get("action") != "save":
        result = services.analyse(text)
        preview = build_preview(text, result.findings)
        return render(
            request, "solutions/describe.html", {"form": bound, "preview": preview, "valid": result.valid}
        )

    try:
        outcome = services.import_solution(
            content=text,
            organisation=org,
            facts=form.facts(),
            actor=request.user,
            listing_status=Solution.ListingStatus.DRAFT,
            source="web",
        )
    except services.ImportRejected as rejected:
        preview = build_preview(text, rejected.findings, rejected.fact_errors)
        context = {"form": bound, "preview": preview, "valid": False, "rejected": True}
        return render(request, "solutions/describe.html", context, status=422)
    if outcome.created:
        messages.success(request, _("Your solution has been saved as a draft."))
    elif outcome.changed:
        messages.success(request, _("A new version of your solution has been saved."))
    else:
        messages.info(request, _("Nothing has changed: the solution already has this content."))
    return redirect(outcome.solution.get_absolute_url())
