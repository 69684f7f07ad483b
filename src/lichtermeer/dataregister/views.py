"""Pages of the register of urban data: dataset search with facets, the dataset page (validation, quality,
category and its confirmation), harvest sources with their runs and errors, coverage and gaps per municipality,
the category × municipality matrix (also as CSV) and the map of publishing municipalities.

Thin: reads go through selectors, writes through services (which check the rules again). Every action is a
POST to its own address that redirects back (post/redirect/get) with a message; a refusal answers with the
page, the reason and the refusal's status code. Everything works without JavaScript; while a harvest runs,
the source page polls its progress with HTMX and offers a reload link instead.
"""

from __future__ import annotations

import re

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django.views.decorators.vary import vary_on_headers

from lichtermeer.municipalities import selectors as municipal

from . import exports, labels, presenters, selectors, services
from .forms import CategoryForm, SourceForm
from .maps import publishers_map
from .services import RegisterError

PER_PAGE = 20
MAX_QUERY_LENGTH = 200
MAX_FILTER_LENGTH = 500
FACET_VISIBLE = 6
MATRIX_COLUMNS = 60
AGS = re.compile(r"[0-9]{8}")
LAND = re.compile(r"[0-9]{2}")
FACET_ORDER = labels.FACET_ORDER
facet_value_label = labels.facet_value_label
FACET_LABELS = {
    "municipality": gettext_lazy("Municipality"),
    "land": gettext_lazy("Land"),
    "thema": gettext_lazy("Topic (Musterdatenkatalog)"),
    "format": gettext_lazy("Format"),
    "license": gettext_lazy("Licence"),
    "band": gettext_lazy("Metadata quality"),
}



# --- helpers ------------------------------------------------------------------------------------------------


def _guard(request, perm: str, obj=None):
    """Sign in first; then only those with the permission (403 page otherwise)."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if not request.user.has_perm(f"dataregister.{perm}", obj):
        raise PermissionDenied
    return None


def _dataset_or_404(pk: int):
    found = selectors.dataset(pk)
    if found is None:
        raise Http404
    return found


def _source_or_404(slug: str):
    found = selectors.source_by_slug(slug)
    if found is None:
        raise Http404
    return found


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


# --- dataset search -----------------------------------------------------------------------------------------


def search_params(data) -> tuple[str, dict[str, str], int]:
    """Query, filters (one value per facet) and page from a GET query; oversized values are cut, not refused."""
    query = " ".join(str(data.get("q", "")).split())[:MAX_QUERY_LENGTH]
    filters = {}
    for facet in FACET_ORDER:
        value = str(data.get(facet, "")).strip()[:MAX_FILTER_LENGTH]
        if value:
            filters[facet] = value
    try:
        page = max(1, min(int(data.get("page", "1")), 10_000))
    except (TypeError, ValueError):
        page = 1
    return query, filters, page


def _facet_groups(counts: dict, filters: dict[str, str]) -> list[dict]:
    groups = []
    for facet in FACET_ORDER:
        options = [{"value": value, "label": facet_value_label(facet, value, label), "count": n,
                    "selected": filters.get(facet) == value} for value, label, n in counts.get(facet, [])]
        chosen = filters.get(facet)
        if chosen and not any(o["selected"] for o in options):
            options.insert(0, {"value": chosen, "label": facet_value_label(facet, chosen, chosen), "count": 0,
                               "selected": True})
        if not options:
            continue
        options.sort(key=lambda o: (not o["selected"], -o["count"], o["label"].casefold()))
        for index, option in enumerate(options, start=1):
            option["id"] = f"f-{facet}-{index}"
        groups.append({"name": facet, "label": FACET_LABELS[facet], "any_id": f"f-{facet}-0",
                       "any_selected": not chosen, "options": options[:FACET_VISIBLE],
                       "more": options[FACET_VISIBLE:]})
    return groups


def _active_filters(request, filters: dict[str, str], counts: dict) -> list[dict]:
    named = {(facet, value): label for facet in FACET_ORDER for value, label, _n in counts.get(facet, [])}
    active = []
    for facet in FACET_ORDER:
        if facet in filters:
            params = request.GET.copy()
            params.pop("page", None)
            params.pop(facet, None)
            encoded = params.urlencode()
            value = filters[facet]
            shown = facet_value_label(facet, value, named.get((facet, value), value))
            active.append({"label": f"{FACET_LABELS[facet]}: {shown}", "query": f"?{encoded}" if encoded else "?"})
    return active


@require_GET
@vary_on_headers("HX-Request")
def search(request):
    query, filters, page = search_params(request.GET)
    found = selectors.search(query, filters).order_by("title", "pk")
    counts = selectors.facet_counts(found)
    paginator = Paginator(found, PER_PAGE)
    current = paginator.get_page(page)
    query_string = request.GET.urlencode()
    context = {
        "query": query,
        "filters": filters,
        "items": list(current.object_list),
        "total": paginator.count,
        "page": current.number,
        "pages": paginator.num_pages,
        "page_numbers": _page_numbers(current.number, paginator.num_pages),
        "facet_groups": _facet_groups(counts, filters),
        "active_filters": _active_filters(request, filters, counts),
        "api_url": "/api/v1/datasets" + (f"?{query_string}" if query_string else ""),
    }
    return render(request, "dataregister/search.html", context)


# --- one dataset --------------------------------------------------------------------------------------------


def _dataset_page(request, dataset, *, status: int = 200, error: str = "", form=None):
    can_confirm = request.user.has_perm("dataregister.confirm_category", dataset)
    context = {
        "dataset": dataset,
        "distributions": presenters.distributions(dataset),
        "validation": presenters.validation_groups(dataset),
        "quality": presenters.quality(dataset),
        "category": presenters.category(dataset),
        "landing_page": labels.safe_url(dataset.landing_page),
        "iri_href": labels.safe_url(dataset.iri),
        "can_confirm": can_confirm,
        "form": form or (CategoryForm(initial={"uri": dataset.mdk_uri}) if can_confirm else None),
        "error": error,
    }
    return render(request, "dataregister/dataset.html", context, status=status)


@require_GET
def dataset_detail(request, pk):
    return _dataset_page(request, _dataset_or_404(pk))


@require_POST
def confirm_category(request, pk):
    dataset = _dataset_or_404(pk)
    refused = _guard(request, "confirm_category", dataset)
    if refused:
        return refused
    form = CategoryForm(request.POST)
    if not form.is_valid():
        return _dataset_page(request, dataset, status=422, error=_("Please check your input."), form=form)
    try:
        services.confirm_category(actor=request.user, dataset=dataset, uri=form.cleaned_data["uri"])
    except RegisterError as refusal:
        return _dataset_page(request, dataset, status=refusal.status, error=refusal.message, form=form)
    messages.success(request, _("The category has been confirmed. The classifier learns from it."))
    return redirect(dataset.get_absolute_url() + "#category")


# --- sources and harvest runs -------------------------------------------------------------------------------


@require_GET
def sources(request):
    context = {"sources": selectors.sources_overview(),
               "can_add": request.user.has_perm("dataregister.add_source")}
    return render(request, "dataregister/sources.html", context)


@require_http_methods(["GET", "POST"])
def source_add(request):
    refused = _guard(request, "add_source")
    if refused:
        return refused
    if request.method == "GET":
        return render(request, "dataregister/source_form.html", {"form": SourceForm(user=request.user)})
    form = SourceForm(request.POST, user=request.user)
    if not form.is_valid():
        return render(request, "dataregister/source_form.html",
                      {"form": form, "error": _("Please check your input.")}, status=422)
    data = form.cleaned_data
    try:
        source = services.create_source(actor=request.user, name=data["name"], kind=data["kind"], url=data["url"],
                                        organisation=data["organisation"], municipality=data["municipality"],
                                        schedule_hours=data["schedule_hours"])
    except RegisterError as refusal:
        return render(request, "dataregister/source_form.html", {"form": form, "error": refusal.message},
                      status=refusal.status)
    messages.success(request, _("The source “%(name)s” has been added. Start the first harvest below.")
                     % {"name": source.name})
    return redirect(source.get_absolute_url())


def _run_context(source) -> dict:
    runs = selectors.runs_of(source)
    active = selectors.active_run(source)
    shown = active or (runs[0] if runs else None)
    return {
        "source": source,
        "runs": runs,
        "active_run": active,
        "current_run": shown,
        "progress": presenters.run_progress(shown) if shown else None,
        "run_errors": presenters.run_errors(shown) if shown else [],
    }


@require_GET
def source_detail(request, slug):
    source = _source_or_404(slug)
    found = source.datasets.order_by("title", "pk")
    context = {
        **_run_context(source),
        "can_harvest": request.user.has_perm("dataregister.harvest_source", source),
        "dataset_count": found.count(),
        "datasets": list(found[:PER_PAGE]),
        "source_href": labels.safe_url(source.url),
    }
    return render(request, "dataregister/source.html", context)


@require_GET
def source_progress(request, slug):
    """The progress region alone, for the HTMX poll; without HTMX, the whole page."""
    source = _source_or_404(slug)
    if not request.headers.get("HX-Request"):
        return redirect(source.get_absolute_url())
    return render(request, "dataregister/_progress.html", {**_run_context(source), "polled": True})


@require_POST
def harvest(request, slug):
    source = _source_or_404(slug)
    refused = _guard(request, "harvest_source", source)
    if refused:
        return refused
    if selectors.active_run(source) is not None:
        messages.info(request, _("A harvest of this source is already queued or running."))
        return redirect(source.get_absolute_url() + "#progress")
    from . import tasks

    run = services.start_run(source=source, actor=request.user)
    tasks.harvest_run.enqueue(run.pk)
    messages.success(request, _("The harvest has been queued. Its progress appears below."))
    return redirect(source.get_absolute_url() + "#progress")


# --- coverage, matrix, map ----------------------------------------------------------------------------------


def _municipality_not_found(request, ags: str, *, malformed: bool):
    return render(request, "municipalities/not_found.html", {"ags": ags[:40], "malformed": malformed}, status=404)


@require_GET
def coverage(request, ags):
    if not AGS.fullmatch(ags):
        return _municipality_not_found(request, ags, malformed=True)
    town = municipal.get(ags)
    if town is None:
        return _municipality_not_found(request, ags, malformed=False)
    result = selectors.coverage(town)
    context = {
        "town": town,
        "coverage": result,
        "band_label": labels.band_label(result.band),
        "band_badge": labels.band_badge(result.band),
        "gaps": [{**gap, "percent": labels.percent(gap["share"])} for gap in result.gaps],
        "maximum": labels.maximum(),
    }
    return render(request, "dataregister/coverage.html", context)


@require_GET
def matrix(request):
    land = request.GET.get("land", "")
    land = land if LAND.fullmatch(land) else ""
    categories, towns, cells = selectors.matrix_of_land(land)
    if request.GET.get("format") == "csv":
        body = exports.matrix_csv(categories, towns, cells).encode("utf-8")
        response = HttpResponse(body, content_type="text/csv; charset=utf-8")
        name = f"datenkategorien-{land}.csv" if land else "datenkategorien.csv"
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        return response
    shown = towns[:MATRIX_COLUMNS]
    rows = [{"uri": uri, "thema": thema, "bezeichnung": bezeichnung,
             "cells": [cells.get((uri, town.pk), 0) for town in shown],
             "publishers": sum(1 for town in towns if (uri, town.pk) in cells)}
            for uri, thema, bezeichnung in categories]
    context = {
        "land": land,
        "laender": [(item.code, item.name) for item in municipal.laender()],
        "rows": rows,
        "towns": shown,
        "hidden_towns": len(towns) - len(shown),
        "town_count": len(towns),
        "csv_query": f"?land={land}&format=csv" if land else "?format=csv",
    }
    return render(request, "dataregister/matrix.html", context)


@require_GET
def category_map(request):
    categories = selectors.published_categories()
    chosen_uri = request.GET.get("category", "")[:MAX_FILTER_LENGTH]
    chosen = next((c for c in categories if c["uri"] == chosen_uri), None)
    themen: dict[str, list[dict]] = {}
    for category in categories:
        themen.setdefault(category["thema"], []).append(category)
    context = {
        "map": publishers_map(chosen),
        "chosen": chosen,
        "unknown": bool(chosen_uri) and chosen is None,
        "themen": sorted(themen.items(), key=lambda item: item[0].casefold()),
    }
    return render(request, "dataregister/map.html", context)
