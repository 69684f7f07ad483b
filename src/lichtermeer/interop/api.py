"""JSON API of interoperability (tag "interop"): the standards register (reads for everyone, writes for the
operator with token authentication), compatibility of two solutions and of a solution with a municipality's
inventory, and the exit score of a solution.

Handlers stay thin: reads go through selectors, writes through services; an InteropError becomes a problem
document with its status, code and the problems at their places (e.g. `versions[1]`) in English and German.
"""

from __future__ import annotations

import math

from django.http import Http404
from django.urls import reverse
from ninja import Query, Router, Status

from lichtermeer.accounts.api_auth import OPTIONAL_TOKEN, caller, token_auth
from lichtermeer.municipalities.api import municipality_or_problem, municipality_ref, solution_ref
from lichtermeer.municipalities.schemas import MunicipalityKey
from lichtermeer.problems import ApiProblem, error_item, problem_responses, refused
from lichtermeer.solutions.api import visible_solution
from lichtermeer.solutions.schemas import SolutionSlug

from . import exports, labels, presenters, selectors, services
from .models import Adapter, Standard
from .schemas import (
    AdapterId,
    InteropAdapterIn,
    InteropAdapterList,
    InteropAdapterOut,
    InteropCompatibilityParams,
    InteropExitScoreOut,
    InteropMunicipalCompatibilityOut,
    InteropPairOut,
    InteropRetireIn,
    InteropStandardDetail,
    InteropStandardFields,
    InteropStandardIn,
    InteropStandardList,
    InteropStandardParams,
    InteropWorksWithOut,
    StandardId,
)
from .services import InteropError

router = Router(tags=["interop"])


# --- serialisation -----------------------------------------------------------------------------------------


def standard_ref(row: Standard) -> dict:
    return {"id": row.id, "name": row.name, "html_url": row.get_absolute_url(),
            "api_url": reverse("api:get_standard", kwargs={"standard_id": row.id})}


def standard_item(row: Standard) -> dict:
    return {
        **standard_ref(row),
        "uri": row.uri, "platform_uri": exports.platform_uri(row.id),
        "category": row.category, "category_label": labels.category_label(row.category),
        "kind": row.kind, "kind_label": labels.kind_label(row.kind),
        "maintainer": row.maintainer, "versions": list(row.versions or []),
        "compatibility": row.compatibility, "compatibility_label": labels.rule_label(row.compatibility),
        "groups": [list(g) for g in row.version_groups or []], "roles": [list(p) for p in row.roles or []],
        "description": row.description(), "description_de": row.description_de, "description_en": row.description_en,
        "retired": row.retired, "updated_at": row.updated_at.isoformat(),
    }


def adapter_item(row: Adapter) -> dict:
    return {"id": row.pk, "from": standard_ref(row.from_standard), "to": standard_ref(row.to_standard),
            "both_ways": row.both_ways, "via": row.via(), "via_de": row.via_de, "via_en": row.via_en}


def compatibility_item(result) -> dict:
    shown = presenters.compatibility(result)
    return {key: shown[key] for key in ("a", "b", "status", "connections", "adapters", "missing", "unknown")}


def _problem(error: InteropError) -> ApiProblem:
    problem = refused(error)
    if error.problems:
        problem.errors = [error_item(p.path, p.en, p.de) for p in error.problems]
    return problem


def _standard(standard_id: str) -> Standard:
    found = selectors.standard(standard_id)
    if found is None:
        raise Http404
    return found


def _adapter(adapter_id: int) -> Adapter:
    found = Adapter.objects.select_related("from_standard", "to_standard").filter(pk=adapter_id).first()
    if found is None:
        raise Http404
    return found


def _values(payload: InteropStandardFields) -> dict:
    data = payload.model_dump()
    data["roles"] = [list(pair) for pair in data["roles"]]
    return data


# --- the register --------------------------------------------------------------------------------------------


@router.get(
    "/standards",
    response={200: InteropStandardList, **problem_responses(401, 422)},
    operation_id="listStandards",
    summary="List the standards register",
    description="Every interoperability standard of the register with versions, version rule, role pairs, "
    "the official specification and its stable platform URI; filtered by category and kind. The page "
    "/standards/ is the same list; `downloads` names the whole register as YAML, JSON, CSV and Turtle (SKOS).",
    url_name="list_standards",
    openapi_extra=OPTIONAL_TOKEN,
)
def list_standards(request, params: Query[InteropStandardParams]):
    caller(request)
    rows = selectors.standards(category=params.category or "", kind=params.kind or "")
    if params.retired is not None:
        rows = [r for r in rows if r.retired == params.retired]
    total = len(rows)
    pages = max(1, math.ceil(total / params.per_page))
    page = min(params.page, pages)
    shown = rows[(page - 1) * params.per_page: page * params.per_page]
    return {"total": total, "page": page, "pages": pages, "per_page": params.per_page,
            "items": [standard_item(r) for r in shown],
            "downloads": {fmt: reverse("interop:export", args=[fmt]) for fmt in exports.FORMATS}}


def _detail(row: Standard) -> dict:
    declared = selectors.declarers(row.id)

    def declarations(rows):
        return [{"solution": solution_ref(d.solution), "role": d.role, "version": d.version} for d in rows]

    return {
        **standard_item(row),
        "adapters": [adapter_item(a) for a in selectors.adapters_of(row)],
        "provided_by": declarations(declared["provides"]),
        "consumed_by": declarations(declared["consumes"]),
        "platforms": [{"id": d.platform.pk, "name": d.platform.name,
                       "municipality": municipality_ref(d.platform.municipality)} for d in declared["platforms"]],
    }


@router.get(
    "/standards/{standard_id}",
    response={200: InteropStandardDetail, **problem_responses(401, 404)},
    operation_id="getStandard",
    summary="Get a standard of the register",
    description="The standard with its adapters, the listed solutions that provide or consume it (role, "
    "version) and the urban data platforms that support it.",
    url_name="get_standard",
    openapi_extra=OPTIONAL_TOKEN,
)
def get_standard(request, standard_id: StandardId):
    caller(request)
    return _detail(_standard(standard_id))


@router.post(
    "/standards",
    auth=token_auth,
    response={201: InteropStandardDetail, **problem_responses(400, 401, 403, 409, 422)},
    operation_id="createStandard",
    summary="Add a standard to the register (operator)",
    description="Checked against the whole register by the register file's rules; audited "
    "(interop.standard_created). Nothing is saved when there is a problem.",
    url_name="create_standard",
)
def create_standard(request, payload: InteropStandardIn):
    values = _values(payload)
    standard_id = values.pop("id")
    try:
        row = services.create_standard(actor=request.auth, standard_id=standard_id, values=values)
    except InteropError as error:
        raise _problem(error) from None
    return Status(201, _detail(row))


@router.put(
    "/standards/{standard_id}",
    auth=token_auth,
    response={200: InteropStandardDetail, **problem_responses(400, 401, 403, 404, 422)},
    operation_id="changeStandard",
    summary="Change a standard of the register (operator)",
    description="Replaces what the register says about the standard (not its id, not whether it is retired). "
    "Audited (interop.standard_changed) with the state before and after.",
    url_name="change_standard",
)
def change_standard(request, standard_id: StandardId, payload: InteropStandardFields):
    row = _standard(standard_id)
    try:
        row = services.change_standard(actor=request.auth, standard=row, values=_values(payload))
    except InteropError as error:
        raise _problem(error) from None
    return _detail(row)


@router.post(
    "/standards/{standard_id}/retire",
    auth=token_auth,
    response={200: InteropStandardDetail, **problem_responses(400, 401, 403, 404, 422)},
    operation_id="retireStandard",
    summary="Retire a standard or use it again (operator)",
    description="A retired standard stays in the register (declarations keep their meaning) but no longer counts "
    "as an open standard interface. Audited (interop.standard_retired).",
    url_name="retire_standard",
)
def retire_standard(request, standard_id: StandardId, payload: InteropRetireIn):
    row = _standard(standard_id)
    try:
        row = services.retire_standard(actor=request.auth, standard=row, retired=payload.retired,
                                       reason=payload.reason)
    except InteropError as error:
        raise _problem(error) from None
    return _detail(row)


@router.get(
    "/adapters",
    response={200: InteropAdapterList, **problem_responses(401)},
    operation_id="listAdapters",
    summary="List the adapters between standards",
    url_name="list_adapters",
    openapi_extra=OPTIONAL_TOKEN,
)
def list_adapters(request):
    caller(request)
    return {"items": [adapter_item(a) for a in selectors.all_adapters()]}


def _save_adapter(request, payload: InteropAdapterIn, adapter: Adapter | None) -> Adapter:
    try:
        return services.save_adapter(actor=request.auth, from_id=payload.from_, to_id=payload.to,
                                     via_de=payload.via.de, via_en=payload.via.en, both_ways=payload.both_ways,
                                     adapter=adapter)
    except InteropError as error:
        raise _problem(error) from None


@router.post(
    "/adapters",
    auth=token_auth,
    response={201: InteropAdapterOut, **problem_responses(400, 401, 403, 422)},
    operation_id="createAdapter",
    summary="Add an adapter (operator)",
    url_name="create_adapter",
)
def create_adapter(request, payload: InteropAdapterIn):
    return Status(201, adapter_item(_adapter(_save_adapter(request, payload, None).pk)))


@router.put(
    "/adapters/{adapter_id}",
    auth=token_auth,
    response={200: InteropAdapterOut, **problem_responses(400, 401, 403, 404, 422)},
    operation_id="changeAdapter",
    summary="Change an adapter (operator)",
    url_name="change_adapter",
)
def change_adapter(request, adapter_id: AdapterId, payload: InteropAdapterIn):
    adapter = _adapter(adapter_id)
    return adapter_item(_adapter(_save_adapter(request, payload, adapter).pk))


@router.delete(
    "/adapters/{adapter_id}",
    auth=token_auth,
    response={204: None, **problem_responses(401, 403, 404)},
    operation_id="removeAdapter",
    summary="Remove an adapter (operator)",
    url_name="remove_adapter",
)
def remove_adapter(request, adapter_id: AdapterId):
    adapter = _adapter(adapter_id)
    try:
        services.remove_adapter(actor=request.auth, adapter=adapter)
    except InteropError as error:
        raise _problem(error) from None
    return Status(204, None)


# --- compatibility and exit score ---------------------------------------------------------------------------


@router.get(
    "/solutions/{slug}/compatibility",
    response={200: InteropWorksWithOut | InteropPairOut, **problem_responses(401, 404, 422)},
    operation_id="getSolutionCompatibility",
    summary="What a solution works with",
    description="With `with=<slug>`: the comparison of the two solutions (connections with roles, versions and "
    "notes, adapters, missing needs). Without: every public solution that connects with this one, directly or "
    "through an adapter of the register, connecting ones first (the page's \"Works with\" section).",
    tags=["interop", "solutions"],
    url_name="get_solution_compatibility",
    openapi_extra=OPTIONAL_TOKEN,
)
def get_solution_compatibility(request, slug: SolutionSlug, params: Query[InteropCompatibilityParams]):
    solution = visible_solution(request, slug)
    if params.with_:
        other = visible_solution(request, params.with_)
        return {"solution": solution_ref(solution), "other": solution_ref(other),
                "compatibility": compatibility_item(selectors.compatibility(solution, other)),
                "html_url": reverse("interop:compare", args=[solution.slug, other.slug])}
    summary = selectors.works_with_summary(solution, limit=params.limit)
    return {"solution": solution_ref(solution), "total": summary.total,
            "items": [{"solution": solution_ref(other), "compatibility": compatibility_item(result),
                       "html_url": reverse("interop:compare", args=[solution.slug, other.slug])}
                      for other, result in summary.partners]}


@router.get(
    "/solutions/{slug}/exit-score",
    response={200: InteropExitScoreOut, **problem_responses(401, 404)},
    operation_id="getSolutionExitScore",
    summary="The exit score of a solution",
    description="How easily a municipality could leave the solution: score 0–100, band, and every factor with "
    "its weight (settings.EXIT_SCORE_WEIGHTS), points and evidence. Facts not stated give 0 points.",
    tags=["interop", "solutions"],
    url_name="get_solution_exit_score",
    openapi_extra=OPTIONAL_TOKEN,
)
def get_solution_exit_score(request, slug: SolutionSlug):
    solution = visible_solution(request, slug)
    shown = presenters.exit_score(selectors.exit_score_for(solution))
    shown.pop("badge", None)
    return {"solution": solution_ref(solution), **shown, "method_url": reverse("interop:exit_method")}


@router.get(
    "/municipalities/{ags}/compatibility/{slug}",
    response={200: InteropMunicipalCompatibilityOut, **problem_responses(401, 404, 422)},
    operation_id="getMunicipalCompatibility",
    summary="A solution against a municipality's inventory",
    description="The solution compared with each active inventory entry (planned, pilot, production) and each "
    "urban data platform of the municipality. Unlisted entries declare nothing: status `unknown`; the solution "
    "itself in the inventory: `same`. A platform supports its standards in any role.",
    tags=["interop", "municipalities"],
    url_name="get_municipal_compatibility",
    openapi_extra=OPTIONAL_TOKEN,
)
def get_municipal_compatibility(request, ags: MunicipalityKey, slug: SolutionSlug):
    town = municipality_or_problem(ags)
    solution = visible_solution(request, slug)
    items = []
    for match in selectors.compatibility_with_municipality(solution, town):
        items.append({
            "kind": match.kind, "name": match.name, "status": match.status,
            "inventory_entry": match.entry.pk if match.entry else None,
            "inventory_status": match.entry.status if match.entry else None,
            "solution": solution_ref(match.entry.solution) if match.entry and match.entry.solution_id else None,
            "platform": match.platform.pk if match.platform else None,
            "compatibility": compatibility_item(match.compatibility) if match.compatibility else None,
        })
    return {"solution": solution_ref(solution), "municipality": municipality_ref(town), "items": items}
