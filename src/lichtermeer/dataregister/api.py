"""JSON API of the register of urban data (tag "data"): the JSON twins of the register's pages, and the writes
of the publishing organisations' members and the operator (token authentication): adding a source, starting a
harvest, confirming a dataset's category.

Handlers stay thin: reads go through selectors, writes through services; a RegisterError becomes a problem
document with its status, its code and its message in English and German.
"""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import Http404
from django.urls import reverse
from ninja import Query, Router, Status

from lichtermeer.accounts.api_auth import OPTIONAL_TOKEN, caller, token_auth
from lichtermeer.accounts.models import Organisation
from lichtermeer.municipalities.api import municipality_or_problem, municipality_ref
from lichtermeer.municipalities.models import Municipality
from lichtermeer.problems import ApiProblem, error_item, problem_responses, refused

from . import labels, presenters, selectors, services
from .models import Dataset, HarvestRun, Source
from .schemas import (
    DatasetCategoryIn,
    DatasetDetail,
    DatasetId,
    DatasetList,
    DatasetParams,
    RegisterCoverage,
    RegisterHarvestAccepted,
    RegisterMatrix,
    RegisterMatrixParams,
    RegisterMunicipalityKey,
    RegisterSourceDetail,
    RegisterSourceIn,
    RegisterSourceList,
    RegisterSourceSlug,
)
from .services import RegisterError

router = Router(tags=["data"])
RUNS_SHOWN = 10


# --- serialisation -----------------------------------------------------------------------------------------


def source_ref(source: Source) -> dict:
    return {"slug": source.slug, "name": source.name, "html_url": source.get_absolute_url(),
            "api_url": reverse("api:get_harvest_source", kwargs={"slug": source.slug})}


def category_summary(dataset: Dataset) -> dict:
    shown = presenters.category(dataset)
    return {key: shown[key] for key in ("uri", "thema", "bezeichnung", "confidence", "source", "source_label",
                                        "needs_confirmation")}


def dataset_summary(dataset: Dataset) -> dict:
    band = dataset.quality_band or None
    return {
        "id": dataset.pk,
        "title": dataset.title,
        "description": dataset.description,
        "publisher": dataset.publisher,
        "license": dataset.license,
        "formats": [str(f) for f in dataset.formats or []],
        "municipality": municipality_ref(dataset.municipality) if dataset.municipality_id else None,
        "source": source_ref(dataset.source),
        "quality_total": dataset.quality_total,
        "quality_band": band,
        "quality_band_label": labels.band_label(band),
        "violations": dataset.violations,
        "warnings": dataset.shacl_warnings,
        "category": category_summary(dataset),
        "modified": dataset.modified,
        "html_url": dataset.get_absolute_url(),
        "api_url": reverse("api:get_dataset", kwargs={"dataset_id": dataset.pk}),
    }


def dataset_detail(dataset: Dataset) -> dict:
    groups = presenters.validation_groups(dataset)
    quality = presenters.quality(dataset)
    category = presenters.category(dataset)
    return {
        **dataset_summary(dataset),
        "identifier": dataset.identifier,
        "iri": dataset.iri,
        "keywords": [str(k) for k in dataset.keywords or []],
        "landing_page": dataset.landing_page,
        "issued": dataset.issued,
        "first_seen_at": dataset.first_seen_at,
        "harvested_at": dataset.harvested_at,
        "distributions": [{**d, "access_urls": [u["url"] for u in d["access_urls"]],
                           "download_urls": [u["url"] for u in d["download_urls"]]}
                          for d in presenters.distributions(dataset)],
        "validation": {
            "violations": dataset.violations,
            "warnings": dataset.shacl_warnings,
            "groups": [{**group, "results": [{key: r[key] for key in ("severity", "severity_label", "path",
                                                                      "component", "focus", "message")}
                                             for r in group["results"]]} for group in groups],
        },
        "quality": quality,
        "category": {**category_summary(dataset), "words": category["words"], "neighbours": category["neighbours"]},
    }


def run_item(run: HarvestRun) -> dict:
    errors = presenters.run_errors(run)
    return {
        "id": run.pk,
        "status": run.status,
        "status_label": labels.run_status_label(run.status),
        "incremental_since": run.incremental_since,
        "started_at": run.started_at,
        "finished_at": run.finished_at,
        "pages": run.pages,
        "expected": run.expected,
        "seen": run.seen,
        "created": run.created,
        "updated": run.updated,
        "unchanged": run.unchanged,
        "error_count": len(errors),
        "errors": [{"page": e["page"], "kind": e["kind"], "message_en": e["en"], "message_de": e["de"],
                    "fatal": e["fatal"]} for e in errors],
    }


def source_item(source: Source, *, datasets: int, last: HarvestRun | None) -> dict:
    return {
        **source_ref(source),
        "kind": source.kind,
        "kind_label": labels.kind_label(source.kind),
        "url": source.url,
        "organisation": {"slug": source.organisation.slug, "name": source.organisation.name},
        "municipality": municipality_ref(source.municipality) if source.municipality_id else None,
        "schedule_hours": source.schedule_hours,
        "enabled": source.enabled,
        "last_started_at": source.last_started_at,
        "last_success_at": source.last_success_at,
        "datasets": datasets,
        "last_run": run_item(last) if last else None,
    }


def source_detail(source: Source) -> dict:
    runs = selectors.runs_of(source, RUNS_SHOWN)
    return {**source_item(source, datasets=source.datasets.count(), last=runs[0] if runs else None),
            "runs": [run_item(run) for run in runs]}


# --- lookups -----------------------------------------------------------------------------------------------


def _dataset(dataset_id: int) -> Dataset:
    found = selectors.dataset(dataset_id)
    if found is None:
        raise Http404
    return found


def _source(slug: str) -> Source:
    found = selectors.source_by_slug(slug)
    if found is None:
        raise Http404
    return found


# --- datasets ----------------------------------------------------------------------------------------------


@router.get(
    "/datasets",
    response={200: DatasetList, **problem_responses(401, 422)},
    operation_id="listDatasets",
    summary="Find datasets of the register of urban data",
    description="Full text over title, description, publisher and category, filtered by municipality, Land, "
    "Thema of the Musterdatenkatalog, format, licence and quality band (one value each), paginated, with the "
    "counts of every facet over the whole result. The page /daten/ is the same search.",
    url_name="list_datasets",
    openapi_extra=OPTIONAL_TOKEN,
)
def list_datasets(request, params: Query[DatasetParams]):
    caller(request)
    filters = {facet: value for facet in labels.FACET_ORDER if (value := getattr(params, facet))}
    found = selectors.search(" ".join(params.q.split()), filters).order_by("title", "pk")
    counts = selectors.facet_counts(found)
    paginator = Paginator(found, params.per_page)
    page = paginator.get_page(params.page)
    return {
        "count": paginator.count,
        "page": page.number,
        "pages": paginator.num_pages,
        "per_page": params.per_page,
        "items": [dataset_summary(d) for d in page.object_list],
        "facets": {facet: [{"value": value, "label": labels.facet_value_label(facet, value, label), "count": n}
                           for value, label, n in counts.get(facet, [])] for facet in labels.FACET_ORDER},
    }


@router.get(
    "/datasets/{dataset_id}",
    response={200: DatasetDetail, **problem_responses(401, 404)},
    operation_id="getDataset",
    summary="Get a dataset with its validation, quality and category",
    description="The harvested metadata, the distributions (addresses as harvested; Lichtermeer never fetches "
    "them), the SHACL results against DCAT-AP.de 3.0 grouped by dataset and distribution, the MQA score by "
    "dimension and indicator, and the Musterdatenkatalog category with confidence and explanation.",
    url_name="get_dataset",
    openapi_extra=OPTIONAL_TOKEN,
)
def get_dataset(request, dataset_id: DatasetId):
    caller(request)
    return dataset_detail(_dataset(dataset_id))


@router.post(
    "/datasets/{dataset_id}/category",
    auth=token_auth,
    response={200: DatasetDetail, **problem_responses(400, 401, 403, 404, 422)},
    operation_id="confirmDatasetCategory",
    summary="Confirm or correct a dataset's category (publisher's members, operator)",
    description="Sets the Musterdatensatz of the dataset; it stays when the dataset is harvested again, and "
    "the classifier learns from it. Verified members of the source's organisation and the operator; audited.",
    url_name="confirm_dataset_category",
)
def confirm_dataset_category(request, dataset_id: DatasetId, payload: DatasetCategoryIn):
    dataset = _dataset(dataset_id)
    try:
        services.confirm_category(actor=request.auth, dataset=dataset, uri=payload.uri)
    except RegisterError as error:
        raise refused(error) from None
    return dataset_detail(_dataset(dataset_id))


# --- sources and runs --------------------------------------------------------------------------------------


@router.get(
    "/sources",
    response={200: RegisterSourceList, **problem_responses(401)},
    operation_id="listHarvestSources",
    summary="List the harvest sources",
    description="Every DCAT catalogue and CKAN portal the register harvests, with its schedule, its number of "
    "datasets and its last run.",
    url_name="list_harvest_sources",
    openapi_extra=OPTIONAL_TOKEN,
)
def list_harvest_sources(request):
    caller(request)
    found = selectors.sources_overview()
    return {"count": len(found),
            "items": [source_item(s, datasets=s.dataset_count, last=s.latest) for s in found]}


@router.get(
    "/sources/{slug}",
    response={200: RegisterSourceDetail, **problem_responses(401, 404)},
    operation_id="getHarvestSource",
    summary="Get a harvest source with its runs and errors",
    description=f"The source and its {RUNS_SHOWN} most recent runs: status, progress (pages, datasets seen of "
    "those announced), counts and the error log (page address, message in English and German).",
    url_name="get_harvest_source",
    openapi_extra=OPTIONAL_TOKEN,
)
def get_harvest_source(request, slug: RegisterSourceSlug):
    caller(request)
    return source_detail(_source(slug))


def _organisation_for(actor, slug: str) -> Organisation:
    organisation = Organisation.objects.filter(slug=slug).first()
    if organisation is None:
        raise ApiProblem(
            422, "unknown-organisation", ("Unknown organisation", "Unbekannte Organisation"),
            (f"No organisation has the slug {slug}.", f"Keine Organisation hat das Kürzel {slug}."),
            [error_item("organisation", "unknown organisation", "unbekannte Organisation")],
        )
    if not selectors.organisations_for(actor).filter(pk=organisation.pk).exists():
        raise refused(RegisterError(
            "forbidden", "You may add sources only for organisations you are a verified member of.",
            "Sie dürfen Quellen nur für Organisationen anlegen, deren bestätigtes Mitglied Sie sind.", status=403))
    return organisation


def _municipality(ags: str | None) -> Municipality | None:
    if not ags:
        return None
    town = Municipality.objects.filter(ags=ags).first()
    if town is None:
        raise ApiProblem(
            422, "unknown-municipality", ("Unknown municipality", "Unbekannte Kommune"),
            (f"No municipality has the AGS {ags}.", f"Keine Kommune hat den AGS {ags}."),
            [error_item("municipality", "unknown AGS", "unbekannter AGS")],
        )
    return town


@router.post(
    "/sources",
    auth=token_auth,
    response={201: RegisterSourceDetail, **problem_responses(400, 401, 403, 422)},
    operation_id="createHarvestSource",
    summary="Add a harvest source (verified members, operator)",
    description="Registers a DCAT catalogue or CKAN portal for harvesting on a schedule. For an organisation "
    "you are a verified member of (the operator: any). Start the first run with POST /sources/{slug}/harvest.",
    url_name="create_harvest_source",
)
def create_harvest_source(request, payload: RegisterSourceIn):
    actor = request.auth
    if not actor.has_perm("dataregister.add_source"):
        raise refused(RegisterError("forbidden", "You may not add harvest sources.",
                                    "Sie dürfen keine Quellen anlegen.", status=403))
    organisation = _organisation_for(actor, payload.organisation)
    try:
        source = services.create_source(actor=actor, name=payload.name, kind=payload.kind, url=payload.url,
                                        organisation=organisation, municipality=_municipality(payload.municipality),
                                        schedule_hours=payload.schedule_hours)
    except RegisterError as error:
        raise refused(error) from None
    return Status(201, source_detail(selectors.source_by_slug(source.slug)))


@router.post(
    "/sources/{slug}/harvest",
    auth=token_auth,
    response={202: RegisterHarvestAccepted, **problem_responses(401, 403, 404, 409)},
    operation_id="startHarvestRun",
    summary="Harvest a source now (its organisation's members, operator)",
    description="Queues a run (incremental: only datasets changed since the last complete run) and answers "
    "at once with its number; follow its progress with GET /sources/{slug}. While a run of the source is "
    "queued or running, another is refused (409).",
    url_name="start_harvest_run",
)
def start_harvest_run(request, slug: RegisterSourceSlug):
    source = _source(slug)
    if not request.auth.has_perm("dataregister.harvest_source", source):
        raise refused(RegisterError("forbidden", "You may not harvest this source.",
                                    "Sie dürfen diese Quelle nicht abrufen.", status=403))
    if selectors.active_run(source) is not None:
        raise refused(RegisterError("harvest-busy", "A harvest of this source is already queued or running.",
                                    "Ein Abruf dieser Quelle ist bereits eingereiht oder läuft.", status=409))
    from . import tasks

    run = services.start_run(source=source, actor=request.auth)
    tasks.harvest_run.enqueue(run.pk)
    run.refresh_from_db()
    return Status(202, {"run_id": run.pk, "status": run.status, "source": source_ref(source)})


# --- coverage ----------------------------------------------------------------------------------------------


@router.get(
    "/municipalities/{ags}/coverage",
    response={200: RegisterCoverage, **problem_responses(401, 404, 422)},
    operation_id="getDataCoverage",
    summary="Get what open data a municipality publishes, and its gaps",
    description="Musterdatenkatalog categories with the number of datasets and their mean quality, the mean "
    "quality and band, the comparable municipalities (same Land, half to twice the population) and the gaps: "
    "categories comparable municipalities publish and this one does not, with the share of them that do.",
    url_name="get_data_coverage",
    openapi_extra=OPTIONAL_TOKEN,
)
def get_data_coverage(request, ags: RegisterMunicipalityKey):
    caller(request)
    town = municipality_or_problem(ags)
    result = selectors.coverage(town)
    return {
        "municipality": municipality_ref(town),
        "datasets": result.datasets,
        "quality": result.quality,
        "band": result.band,
        "band_label": labels.band_label(result.band),
        "categories": result.categories,
        "comparables": [{**municipality_ref(peer), "population": peer.population} for peer in result.comparables],
        "gaps": [{**gap, "share": round(gap["share"], 4)} for gap in result.gaps],
    }


@router.get(
    "/coverage/matrix",
    response={200: RegisterMatrix, **problem_responses(401, 422)},
    operation_id="getCoverageMatrix",
    summary="Get the category × municipality matrix",
    description="Which municipality publishes how many datasets of which Musterdatenkatalog category (only "
    "non-empty cells). The page /daten/abdeckung/ offers it as CSV too.",
    url_name="get_coverage_matrix",
    openapi_extra=OPTIONAL_TOKEN,
)
def get_coverage_matrix(request, params: Query[RegisterMatrixParams]):
    caller(request)
    categories, towns, cells = selectors.matrix_of_land(params.land or "")
    by_pk = {town.pk: town for town in towns}
    return {
        "land": params.land,
        "categories": [{"uri": uri, "thema": thema, "bezeichnung": bezeichnung}
                       for uri, thema, bezeichnung in categories],
        "municipalities": [municipality_ref(town) for town in towns],
        "cells": [{"uri": uri, "ags": by_pk[town].ags, "datasets": n}
                  for (uri, town), n in sorted(cells.items(), key=lambda item: (item[0][0], by_pk[item[0][1]].ags))],
    }
