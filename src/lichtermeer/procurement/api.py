"""JSON API of the procurement app (tag "procurement"): the token owner's shortlists, the comparison, a stateless
UfAB evaluation and the read of an evaluation with its result.

Handlers stay thin: reads through selectors, writes through services; a ProcurementError becomes a problem
document. Someone else's shortlist or evaluation is 404 (its existence is private).
"""

from __future__ import annotations

import json

from django.conf import settings
from django.http import HttpResponse
from django.urls import reverse
from django.utils.translation import get_language
from ninja import Router, Status

from lichtermeer.accounts.api_auth import OPTIONAL_TOKEN, caller, token_auth
from lichtermeer.problems import ApiProblem, error_item, problem_responses, refused
from lichtermeer.solutions import labels
from lichtermeer.solutions.models import Solution

from . import comparison, evbit, selectors, services, spec
from .models import Evaluation, Shortlist, ShortlistItem
from .schemas import (
    ComparisonOut,
    ComparisonQuery,
    EvaluationId,
    EvaluationOut,
    ItemIn,
    ShortlistId,
    ShortlistIn,
    ShortlistList,
    ShortlistOut,
    ShortlistPatch,
    SolutionSlug,
    UfabOut,
)
from .services import ProcurementError

router = Router(tags=["procurement"])

UFAB_MAX_BYTES = 2 * 1024 * 1024


def _not_found(what_en: str, what_de: str) -> ApiProblem:
    return ApiProblem(404, "not-found", ("Not found", "Nicht gefunden"),
                      (f"There is no {what_en} with this id, or you may not see it.",
                       f"Es gibt keine {what_de} mit dieser Kennung, oder Sie dürfen sie nicht sehen."))


def _shortlist(request, pk: int) -> Shortlist:
    shortlist = selectors.visible_shortlist(request.auth, pk)
    if shortlist is None:
        raise _not_found("shortlist", "Merkliste")
    return shortlist


def solution_ref(solution: Solution) -> dict:
    return {
        "slug": solution.slug, "name": solution.name, "provider": solution.organisation.name,
        "listing_status": solution.listing_status,
        "listing_status_label": str(labels.VALUE_LABELS["listing_status"].get(solution.listing_status, "")),
        "html_url": solution.get_absolute_url(),
        "api_url": reverse("api:get_solution", kwargs={"slug": solution.slug}),
    }


def _summary(shortlist: Shortlist, count: int) -> dict:
    return {
        "id": shortlist.pk, "name": shortlist.name, "note": shortlist.note,
        "organisation": shortlist.organisation.name if shortlist.organisation_id else None,
        "item_count": count, "created_at": shortlist.created_at, "updated_at": shortlist.updated_at,
        "html_url": shortlist.get_absolute_url(),
        "api_url": reverse("api:get_shortlist", kwargs={"pk": shortlist.pk}),
    }


def _detail(request, shortlist: Shortlist) -> dict:
    shortlist = Shortlist.objects.select_related("organisation").get(pk=shortlist.pk)
    items = selectors.items(shortlist)
    return {
        **_summary(shortlist, len(items)),
        "owned": shortlist.owner_id == request.auth.pk,
        "items": [{"solution": solution_ref(i.solution), "note": i.note, "added_at": i.added_at} for i in items],
    }


@router.get("/procurement/shortlists", auth=token_auth, response={200: ShortlistList, **problem_responses(401)},
            operation_id="listShortlists", summary="List your shortlists",
            description="The token owner's shortlists (Merklisten), newest change first.", url_name="list_shortlists")
def list_shortlists(request):
    found = list(selectors.shortlists_of(request.auth).select_related("organisation"))
    return {"count": len(found), "items": [_summary(s, s.item_count) for s in found]}


@router.post("/procurement/shortlists", auth=token_auth,
             response={201: ShortlistOut, **problem_responses(400, 401, 403, 409, 422)},
             operation_id="createShortlist", summary="Create a shortlist",
             description="A new, empty shortlist of the token owner (needs a confirmed e-mail address). It names the "
                         "owner's municipal organisation when the owner is verified staff of exactly one.",
             url_name="create_shortlist")
def create_shortlist(request, payload: ShortlistIn):
    try:
        shortlist = services.create_shortlist(actor=request.auth, name=payload.name, note=payload.note)
    except ProcurementError as error:
        raise refused(error) from None
    return Status(201, _detail(request, shortlist))


@router.get("/procurement/shortlists/{pk}", auth=token_auth,
            response={200: ShortlistOut, **problem_responses(401, 404)}, operation_id="getShortlist",
            summary="Get a shortlist", description="A shortlist with its solutions and notes: the owner's, or a "
            "colleague's that names an organisation the token owner is verified municipal staff of.",
            url_name="get_shortlist")
def get_shortlist(request, pk: ShortlistId):
    return _detail(request, _shortlist(request, pk))


@router.patch("/procurement/shortlists/{pk}", auth=token_auth,
              response={200: ShortlistOut, **problem_responses(400, 401, 403, 404, 422)},
              operation_id="updateShortlist", summary="Rename a shortlist or change its note",
              url_name="update_shortlist")
def update_shortlist(request, pk: ShortlistId, payload: ShortlistPatch):
    shortlist = _shortlist(request, pk)
    try:
        services.update_shortlist(actor=request.auth, shortlist=shortlist, name=payload.name, note=payload.note)
    except ProcurementError as error:
        raise refused(error) from None
    return _detail(request, shortlist)


@router.delete("/procurement/shortlists/{pk}", auth=token_auth,
               response={204: None, **problem_responses(401, 403, 404)}, operation_id="deleteShortlist",
               summary="Delete a shortlist", url_name="delete_shortlist")
def delete_shortlist(request, pk: ShortlistId):
    shortlist = _shortlist(request, pk)
    try:
        services.delete_shortlist(actor=request.auth, shortlist=shortlist)
    except ProcurementError as error:
        raise refused(error) from None
    return HttpResponse(status=204)


@router.post("/procurement/shortlists/{pk}/items", auth=token_auth,
             response={201: ShortlistOut, **problem_responses(400, 401, 403, 404, 409, 422)},
             operation_id="addShortlistItem", summary="Put a solution on a shortlist",
             description=f"At most SHORTLIST_MAX_ITEMS ({settings.SHORTLIST_MAX_ITEMS} by default) solutions; "
                         "a solution is on a shortlist once (409 otherwise).", url_name="add_shortlist_item")
def add_shortlist_item(request, pk: ShortlistId, payload: ItemIn):
    shortlist = _shortlist(request, pk)
    solution = Solution.objects.filter(slug=payload.solution, listing_status__in=Solution.PUBLIC_STATUSES).first()
    if solution is None:
        raise ApiProblem(422, "unknown-solution", ("Unknown solution", "Unbekannte Lösung"),
                         (f"No listed solution has the slug {payload.solution}.",
                          f"Keine gelistete Lösung hat das Kürzel {payload.solution}."),
                         [error_item("solution", "unknown solution", "unbekannte Lösung")])
    try:
        services.add_item(actor=request.auth, shortlist=shortlist, solution=solution, note=payload.note)
    except ProcurementError as error:
        raise refused(error) from None
    return Status(201, _detail(request, shortlist))


@router.delete("/procurement/shortlists/{pk}/items/{slug}", auth=token_auth,
               response={204: None, **problem_responses(401, 403, 404)}, operation_id="removeShortlistItem",
               summary="Take a solution off a shortlist", url_name="remove_shortlist_item")
def remove_shortlist_item(request, pk: ShortlistId, slug: SolutionSlug):
    shortlist = _shortlist(request, pk)
    item = ShortlistItem.objects.filter(shortlist=shortlist, solution__slug=slug[:120]).select_related(
        "shortlist").first()
    if item is None:
        raise _not_found("solution on this shortlist", "Lösung auf dieser Merkliste")
    try:
        services.remove_item(actor=request.auth, item=item)
    except ProcurementError as error:
        raise refused(error) from None
    return HttpResponse(status=204)


@router.get("/procurement/shortlists/{pk}/comparison", auth=token_auth,
            response={200: ComparisonOut, **problem_responses(401, 404, 422)}, operation_id="compareShortlist",
            summary="Compare solutions of a shortlist",
            description="The comparison page as JSON: general rows (provider, listing and admission status, licence, "
                        "operating models, price model, exit score, reuse), standards provided and consumed, and per "
                        "requirement the verdict of the public assessment report. Cells are texts in the language "
                        "of the request with a tone (success, danger, warning, info).",
            url_name="compare_shortlist")
def compare_shortlist(request, pk: ShortlistId, params: ComparisonQuery):
    shortlist = _shortlist(request, pk)
    limit = settings.COMPARISON_MAX_SOLUTIONS
    if params.solution:
        chosen = selectors.solutions_for_comparison(shortlist, params.solution)
    else:
        chosen = [item.solution for item in selectors.items(shortlist)]
    if len(chosen) > limit:
        raise ApiProblem(422, "too-many-solutions", ("Too many solutions", "Zu viele Lösungen"),
                         (f"{len(chosen)} solutions chosen; at most {limit} can be compared.",
                          f"{len(chosen)} Lösungen gewählt; höchstens {limit} lassen sich vergleichen."),
                         [error_item("solution", f"at most {limit}", f"höchstens {limit}")])
    if not chosen:
        raise ApiProblem(422, "nothing-to-compare", ("Nothing to compare", "Nichts zu vergleichen"),
                         ("None of the chosen solutions is on the shortlist (or it is empty).",
                          "Keine der gewählten Lösungen steht auf der Merkliste (oder sie ist leer)."),
                         [error_item("solution", "no shortlisted solution", "keine Lösung der Merkliste")])
    return {"shortlist": shortlist.pk, **comparison.compare(chosen).to_dict()}


# --- UfAB -----------------------------------------------------------------------------------------------------------

UFAB_EXAMPLE = {
    "method": "extended", "band": 0.05, "decision": "performance",
    "criteria": [{"id": "A1", "kind": "A"}, {"id": "B1", "kind": "B", "weight": 60},
                 {"id": "G1", "kind": "group", "weight": 40, "criteria": [{"id": "B2", "kind": "B", "weight": 40}]}],
    "offers": [{"id": "X", "price": 120000, "a": {"A1": True}, "points": {"B1": 8, "B2": 6}},
               {"id": "Y", "price": 100000, "a": {"A1": True}, "points": {"B1": 6, "B2": 7}}],
}


UFAB_SCHEMA = {
    "type": "object",
    "description": "The input of `lichtermeer ufab evaluate` (docs/ufab.md). Weights of one level add up to 100 or to "
                   "their group's weight; the engine checks what this schema cannot express.",
    "required": ["method", "criteria", "offers"],
    "properties": {
        "method": {"type": "string", "enum": ["simplified", "simple", "extended", "weighted"]},
        "title": {"type": "string", "maxLength": 500},
        "band": {"type": "number", "exclusiveMinimum": 0, "maximum": 0.1},
        "decision": {"type": "string", "enum": ["performance", "price"]},
        "price_weight": {"type": "number", "exclusiveMinimum": 0, "exclusiveMaximum": 1},
        "price_formula": {"type": "string", "enum": ["ratio", "linear"]},
        "tie_break": {"type": "string", "enum": ["price", "performance"]},
        "min_points": {"type": "number", "exclusiveMinimum": 0, "maximum": 1000},
        "criteria": {"type": "array", "minItems": 1, "maxItems": 1000, "items": {
            "type": "object", "required": ["id", "kind"], "properties": {
                "id": {"type": "string", "minLength": 1, "maxLength": 100},
                "kind": {"type": "string", "enum": ["A", "B", "group"]},
                "weight": {"type": "number", "exclusiveMinimum": 0, "maximum": 100},
                "title": {"type": "string", "maxLength": 500},
                "criteria": {"type": "array", "description": "The members of a group (same shape)."},
            }}},
        "offers": {"type": "array", "minItems": 1, "maxItems": 500, "items": {
            "type": "object", "required": ["id", "price"], "properties": {
                "id": {"type": "string", "minLength": 1, "maxLength": 100},
                "title": {"type": "string", "maxLength": 500},
                "price": {"type": "number", "exclusiveMinimum": 0},
                "a": {"type": "object", "additionalProperties": {"type": "boolean"}},
                "points": {"type": "object", "additionalProperties": {"type": "number", "minimum": 0, "maximum": 10}},
            }}},
    },
}


@router.post("/procurement/ufab/evaluate", response={200: UfabOut, **problem_responses(400, 401, 413, 422)},
             operation_id="evaluateUfab", summary="Evaluate offers after the UfAB (stateless)",
             description="Takes the JSON of `lichtermeer ufab evaluate` (method simplified|simple|extended|weighted, "
                         "its parameters, criteria A/B/group with weights, offers with price, A results and points) "
                         "and returns the engine's result `{offers: [{id, excluded, reason, L, Z}], ranking}` (plus "
                         "`ties` and, for the extended method, `band`). Every problem of the input answers 422 with "
                         "its path (`offers[1].price`) in English and German; nothing is stored. Reasons are in the "
                         "language of the request. docs/ufab.md explains the methods.",
             url_name="evaluate_ufab",
             openapi_extra={**OPTIONAL_TOKEN, "requestBody": {"required": True, "content": {
                 "application/json": {"schema": UFAB_SCHEMA, "example": UFAB_EXAMPLE}}}})
def evaluate_ufab(request):
    caller(request)
    from lichtermeer.engines import ufab

    body = request.body
    if len(body) > UFAB_MAX_BYTES:
        raise ApiProblem(413, "too-large", ("Request too large", "Anfrage zu groß"),
                         (f"At most {UFAB_MAX_BYTES} bytes.", f"Höchstens {UFAB_MAX_BYTES} Bytes."))
    try:
        data = json.loads(body.decode("utf-8"))
    except UnicodeDecodeError:
        raise ApiProblem(400, "unreadable-body", ("Unreadable request body", "Unlesbarer Inhalt der Anfrage"),
                         ("The body must be UTF-8 encoded JSON.", "Der Inhalt muss UTF-8-kodiertes JSON sein."),
                         [error_item("", "not UTF-8", "kein UTF-8")]) from None
    except (json.JSONDecodeError, RecursionError) as error:
        line = getattr(error, "lineno", None)
        column = getattr(error, "colno", None)
        raise ApiProblem(400, "unreadable-body", ("Unreadable request body", "Unlesbarer Inhalt der Anfrage"),
                         ("The body must be JSON.", "Der Inhalt muss JSON sein."),
                         [error_item("", f"invalid JSON: {getattr(error, 'msg', 'too deeply nested')}",
                                     f"ungültiges JSON: {getattr(error, 'msg', 'zu tief verschachtelt')}",
                                     line=line, column=column)]) from None
    problems = ufab.validate(data)
    if problems:
        raise ApiProblem(422, "ufab-invalid", ("The input cannot be evaluated", "Die Eingabe ist nicht bewertbar"),
                         (f"{len(problems)} problem(s); nothing was scored.",
                          f"{len(problems)} Problem(e); es wurde nichts bewertet."),
                         [error_item(p.path, p.en, p.de) for p in problems])
    lang = "en" if (get_language() or "de").startswith("en") else "de"
    return ufab.evaluate(data).to_json(lang)


# --- evaluations ----------------------------------------------------------------------------------------------------


@router.get("/procurement/evaluations/{pk}", auth=token_auth,
            response={200: EvaluationOut, **problem_responses(401, 404)}, operation_id="getEvaluation",
            summary="Get an evaluation with its result",
            description="Criteria (with the requirement, catalogue version and sources they come from), offers, the "
                        "method with its parameters and the stored result of the last evaluation (the engine's full "
                        "record, both languages). For the owner and verified staff of the evaluation's organisation.",
            url_name="get_evaluation")
def get_evaluation(request, pk: EvaluationId):
    evaluation = selectors.visible_evaluation(request.auth, pk)
    if evaluation is None:
        raise _not_found("evaluation", "Wertung")
    return evaluation_item(evaluation)


def evaluation_item(evaluation: Evaluation) -> dict:
    criteria = list(evaluation.criteria.order_by("position", "id"))
    codes = {c.pk: c.code for c in criteria}
    contract = evbit.get(evaluation.evb_it)
    parameters = {}
    for name in spec.METHOD_PARAMETERS.get(evaluation.method, ()):
        value = getattr(evaluation, name)
        if value not in (None, ""):
            parameters[name] = spec.number(value) if not isinstance(value, str) else value
    return {
        "id": evaluation.pk, "title": evaluation.title, "reference": evaluation.reference,
        "subject": evaluation.subject, "organisation": evaluation.organisation.name, "status": evaluation.status,
        "method": evaluation.method, "parameters": parameters,
        "evb_it": {"code": contract.code, "name": contract.name, "url": contract.url} if contract else None,
        "shortlist": evaluation.shortlist_id,
        "criteria": [{"id": c.code, "kind": c.kind, "title": c.title, "weight": spec.number(c.weight),
                      "parent": codes.get(c.parent_id, ""), "requirement_id": c.requirement_id,
                      "catalogue_version": c.catalogue_version, "obligation": c.obligation, "source": c.source,
                      "source_url": c.source_url} for c in criteria],
        "offers": [{"id": o.code, "bidder": o.bidder, "solution": o.solution.slug if o.solution_id else None,
                    "price": str(o.price) if o.price is not None else None}
                   for o in evaluation.offers.select_related("solution").order_by("position", "id")],
        "result": evaluation.result or None,
        "evaluated_at": evaluation.evaluated_at, "recorded_at": evaluation.recorded_at,
        "html_url": evaluation.get_absolute_url(),
    }
