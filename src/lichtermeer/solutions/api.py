"""JSON API of the solution catalogue: the JSON twins of the search, solution and organisation pages,
the publiccode.yml export, and the provider writes (token authentication).

Handlers stay thin: reads go through selectors, writes through services.import_solution.
"""

import math

from django.conf import settings
from django.db.models import Count, Q
from django.http import Http404, HttpResponse
from django.urls import reverse
from ninja import Query, Router, Status

from lichtermeer.accounts.api_auth import OPTIONAL_TOKEN, caller, token_auth
from lichtermeer.accounts.models import Organisation
from lichtermeer.problems import ApiProblem, error_item, problem_responses

from . import selectors, services
from .facts import validate_facts
from .models import Solution, SolutionVersion
from .schemas import (
    FilterParams,
    OrganisationDetail,
    OrganisationPage,
    OrganisationSlug,
    PageParams,
    SearchOut,
    SearchParams,
    SolutionCreateIn,
    SolutionDetail,
    SolutionPage,
    SolutionSaved,
    SolutionSlug,
    SolutionUpdateIn,
    ValidateIn,
    ValidationOut,
    VersionList,
    fact_error_item,
    finding_item,
)

router = Router()

VERSIONS_IN_DETAIL = 20
ORGANISATION_SOLUTIONS_LIMIT = 500


# --- serialisation -----------------------------------------------------------------------------------


def organisation_summary(organisation: Organisation) -> dict:
    return {
        "slug": organisation.slug,
        "name": organisation.name,
        "kind": organisation.kind,
        "html_url": organisation.get_absolute_url(),
        "api_url": reverse("api:get_organisation", kwargs={"slug": organisation.slug}),
    }


def solution_summary(solution: Solution) -> dict:
    description = solution.description()
    short = description.get("shortDescription") if isinstance(description, dict) else ""
    return {
        "slug": solution.slug,
        "name": solution.name,
        "url": solution.url,
        "short_description": str(short or ""),
        "organisation": organisation_summary(solution.organisation),
        "software_version": solution.software_version,
        "release_date": solution.release_date,
        "development_status": solution.development_status,
        "software_type": solution.software_type,
        "license": solution.license,
        "license_open": solution.license_open,
        "listing_status": solution.listing_status,
        "is_demo": solution.is_demo,
        "updated_at": solution.updated_at,
        "html_url": solution.get_absolute_url(),
        "api_url": reverse("api:get_solution", kwargs={"slug": solution.slug}),
    }


def version_summary(version: SolutionVersion) -> dict:
    document = version.publiccode if isinstance(version.publiccode, dict) else {}
    return {
        "number": version.number,
        "created_at": version.created_at,
        "software_version": str(document.get("softwareVersion") or ""),
        "source": version.source,
        "findings": len(version.findings or []),
    }


def solution_detail(solution: Solution) -> dict:
    versions = solution.versions.order_by("-number")[:VERSIONS_IN_DETAIL]
    return {
        **solution_summary(solution),
        "publiccode_version": solution.publiccode_version,
        "maintenance_type": solution.maintenance_type,
        "description": solution.description(),
        "publiccode": solution.publiccode if isinstance(solution.publiccode, dict) else {},
        "platform_facts": services.platform_facts(solution),
        "versions": [version_summary(v) for v in versions],
        "publiccode_yml_url": reverse("api:export_publiccode", kwargs={"slug": solution.slug}),
        "created_at": solution.created_at,
    }


def page_of(total: int, page: int, per_page: int) -> dict:
    return {"total": total, "page": page, "pages": max(1, math.ceil(total / per_page)), "per_page": per_page}


def solution_page(result) -> dict:
    """One page of a search result: the paging figures and the solutions' summaries."""
    return {
        **page_of(result.total, result.page, result.per_page),
        "items": [solution_summary(s) for s in result.items],
    }


def visible_solution(request, slug: str) -> Solution:
    solution = selectors.solution_detail(slug)
    if solution is None or not caller(request).has_perm("solutions.view_solution", solution):
        raise Http404
    return solution


# --- search and lists -------------------------------------------------------------------------------


def _compatible_ids(params: FilterParams) -> set[int] | None:
    """The solutions allowed by `kompatibel=<AGS>` (None: no such filter); a malformed key is 422, an unknown
    one 404."""
    if not params.kompatibel:
        return None
    from lichtermeer.interop.selectors import compatible_solution_ids
    from lichtermeer.municipalities.api import municipality_or_problem

    return compatible_solution_ids(municipality_or_problem(params.kompatibel.strip()))


def _search(params: FilterParams, query: str, filters: dict | None = None):
    return selectors.search_solutions(
        query=query,
        filters=params.filters() if filters is None else filters,
        sort=params.sort,
        page=params.page,
        per_page=params.per_page,
        public_only=True,
        only_ids=_compatible_ids(params),
    )


@router.get(
    "/search",
    response={200: SearchOut, **problem_responses(401, 404, 422)},
    operation_id="searchSolutions",
    summary="Search solutions with facets",
    description="The JSON twin of the search page: full-text query, facet filters and facet counts. "
    "Repeat a facet parameter to select several values. Like the page, it lists admitted solutions unless "
    "`listing_status` asks for other statuses (`all` for every public one).",
    tags=["search"],
    url_name="search_solutions",
    openapi_extra=OPTIONAL_TOKEN,
)
def search_solutions(request, params: Query[SearchParams]):
    caller(request)
    filters, scope = selectors.with_listing_status_default(params.filters())
    result = _search(params, params.q, filters)
    statuses = list(Solution.PUBLIC_STATUSES) if scope == "all" else filters["listing_status"]
    labels = selectors.facet_labels()
    facets = {
        facet: [
            {"value": str(value), "label": str(labels.get(facet, {}).get(value, value)), "count": int(count)}
            for value, count in counts
        ]
        for facet, counts in result.facets.items()
    }
    return {
        "query": params.q,
        "sort": params.sort,
        "listing_status": [str(status) for status in statuses],
        **solution_page(result),
        "facets": facets,
    }


@router.get(
    "/solutions",
    response={200: SolutionPage, **problem_responses(401, 404, 422)},
    operation_id="listSolutions",
    summary="List listed solutions",
    description="All publicly listed solutions, filtered by the same facets as the search.",
    tags=["solutions"],
    url_name="list_solutions",
    openapi_extra=OPTIONAL_TOKEN,
)
def list_solutions(request, params: Query[FilterParams]):
    caller(request)
    return solution_page(_search(params, ""))


@router.get(
    "/solutions/{slug}",
    response={200: SolutionDetail, **problem_responses(401, 404)},
    operation_id="getSolution",
    summary="Get a solution",
    description="All facts of a solution: the publiccode.yml document, platform facts, organisation and "
    "recent versions. Drafts are visible only to the organisation's editors and operators.",
    tags=["solutions"],
    url_name="get_solution",
    openapi_extra=OPTIONAL_TOKEN,
)
def get_solution(request, slug: SolutionSlug):
    return solution_detail(visible_solution(request, slug))


@router.get(
    "/solutions/{slug}/versions",
    response={200: VersionList, **problem_responses(401, 404)},
    operation_id="listSolutionVersions",
    summary="List the versions of a solution",
    tags=["solutions"],
    url_name="list_solution_versions",
    openapi_extra=OPTIONAL_TOKEN,
)
def list_solution_versions(request, slug: SolutionSlug):
    solution = visible_solution(request, slug)
    versions = solution.versions.order_by("-number")
    return {"slug": solution.slug, "items": [version_summary(v) for v in versions]}


@router.get(
    "/solutions/{slug}/publiccode.yml",
    response={200: None, **problem_responses(401, 404)},
    operation_id="exportPubliccode",
    summary="Export the publiccode.yml of a solution",
    description="The current publiccode.yml, regenerated from the stored document (YAML).",
    tags=["solutions"],
    url_name="export_publiccode",
    openapi_extra={
        **OPTIONAL_TOKEN,
        "responses": {
            200: {
                "description": "OK",
                "content": {"application/yaml": {"schema": {"type": "object", "title": "publiccode.yml"}}},
            }
        },
    },
)
def export_publiccode(request, slug: SolutionSlug):
    solution = visible_solution(request, slug)
    text = services.export_publiccode(solution)
    response = HttpResponse(text, content_type="application/yaml; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{solution.slug}-publiccode.yml"'
    return response


@router.get(
    "/organisations",
    response={200: OrganisationPage, **problem_responses(401, 422)},
    operation_id="listOrganisations",
    summary="List organisations",
    tags=["organisations"],
    url_name="list_organisations",
    openapi_extra=OPTIONAL_TOKEN,
)
def list_organisations(request, params: Query[PageParams]):
    caller(request)
    organisations = Organisation.objects.annotate(
        solution_count=Count("solutions", filter=Q(solutions__listing_status__in=Solution.PUBLIC_STATUSES))
    ).order_by("name", "pk")
    total = organisations.count()
    start = (params.page - 1) * params.per_page
    items = organisations[start : start + params.per_page]
    return {
        **page_of(total, params.page, params.per_page),
        "items": [_organisation_item(o, o.solution_count) for o in items],
    }


def _organisation_item(organisation: Organisation, solution_count: int) -> dict:
    return {
        **organisation_summary(organisation),
        "city": organisation.city,
        "website": organisation.website,
        "is_demo": organisation.is_demo,
        "solution_count": solution_count,
    }


@router.get(
    "/organisations/{slug}",
    response={200: OrganisationDetail, **problem_responses(401, 404)},
    operation_id="getOrganisation",
    summary="Get an organisation and its solutions",
    description="The JSON twin of the organisation page. Drafts are listed only for the organisation's "
    "editors and operators.",
    tags=["organisations"],
    url_name="get_organisation",
    openapi_extra=OPTIONAL_TOKEN,
)
def get_organisation(request, slug: OrganisationSlug):
    user = caller(request)
    organisation = Organisation.objects.filter(slug=slug).first()
    if organisation is None:
        raise Http404
    solutions = organisation.solutions.select_related("organisation").order_by("name", "pk")
    visible = [
        s for s in solutions[:ORGANISATION_SOLUTIONS_LIMIT] if user.has_perm("solutions.view_solution", s)
    ]
    public_count = sum(1 for s in visible if s.is_public)
    return {
        **_organisation_item(organisation, public_count),
        "email": organisation.email,
        "phone": organisation.phone,
        "street": organisation.street,
        "postcode": organisation.postcode,
        "country": organisation.country,
        "description": organisation.description,
        "solutions": [solution_summary(s) for s in visible],
    }


# --- validation and writes -------------------------------------------------------------------------


def checked_text(text: str) -> str:
    """Refuse text that is not encodable as UTF-8 (lone surrogates) or larger than the limit."""
    try:
        size = len(text.encode("utf-8"))
    except UnicodeEncodeError as exc:
        before = text[: exc.start]
        line = before.count("\n") + 1
        column = exc.start - (before.rfind("\n") + 1) + 1
        raise ApiProblem(
            422, "invalid-text",
            ("Invalid text", "Ungültiger Text"),
            ("The publiccode.yml text contains characters that are not valid Unicode.",
             "Der publiccode.yml-Text enthält Zeichen, die kein gültiges Unicode sind."),
            [error_item("publiccode", "not valid UTF-8: lone surrogate character",
                        "kein gültiges UTF-8: einzelnes Ersatzzeichen (Surrogat)", line=line, column=column)],
        ) from None
    limit = settings.PUBLICCODE_MAX_BYTES
    if size > limit:
        raise ApiProblem(
            413, "too-large",
            ("publiccode.yml too large", "publiccode.yml zu groß"),
            (f"The publiccode.yml has {size} bytes; at most {limit} bytes (1 MiB) are accepted.",
             f"Die publiccode.yml hat {size} Bytes; höchstens {limit} Bytes (1 MiB) werden angenommen."),
            [error_item("publiccode", f"larger than {limit} bytes", f"größer als {limit} Bytes")],
        )
    return text


def rejected(findings: list, fact_errors: list) -> ApiProblem:
    return ApiProblem(
        422, "invalid-publiccode",
        ("Invalid publiccode.yml or platform facts", "Ungültige publiccode.yml oder Plattformangaben"),
        ("Nothing was saved. Each entry in errors says where the problem is.",
         "Es wurde nichts gespeichert. Jeder Eintrag in errors nennt die Stelle des Problems."),
        [
            *(finding_item(f) for f in findings),
            *(fact_error_item(e) for e in fact_errors),
        ],
    )


def _dry_run(text: str, facts: dict):
    """Parse and check facts first, so conflicts are found before anything is written."""
    result = services.analyse(text)
    fact_errors = validate_facts(facts)
    if not result.valid or result.document is None or fact_errors:
        raise rejected(result.findings, fact_errors)
    return result


def _save(request, *, text: str, organisation: Organisation, facts: dict):
    try:
        return services.import_solution(
            content=text, organisation=organisation, facts=facts, actor=request.auth, source="api"
        )
    except services.ImportRejected as exc:
        raise rejected(exc.findings, exc.fact_errors) from None


def saved(outcome) -> dict:
    solution = Solution.objects.select_related("organisation").get(pk=outcome.solution.pk)
    return {
        **solution_detail(solution),
        "created": outcome.created,
        "changed": outcome.changed,
        "findings": [finding_item(f) for f in outcome.findings if f.type != "error"],
    }


@router.post(
    "/publiccode/validate",
    response={200: ValidationOut, **problem_responses(400, 413, 422)},
    operation_id="validatePubliccode",
    summary="Validate a publiccode.yml (dry run)",
    description="Parses and checks the text like a save would, and stores nothing. `valid` says whether "
    "a save would succeed; `findings` list errors and warnings with line and column.",
    tags=["publiccode"],
    url_name="validate_publiccode",
)
def validate_publiccode(request, payload: ValidateIn):
    text = checked_text(payload.publiccode)
    result = services.analyse(text)
    valid = bool(result.valid and result.document is not None)
    return {
        "valid": valid,
        "publiccode_version": result.version or None,
        "findings": [finding_item(f) for f in result.findings],
        "document": result.document if valid else None,
    }


@router.post(
    "/solutions",
    auth=token_auth,
    response={201: SolutionSaved, **problem_responses(400, 401, 403, 409, 413, 422)},
    operation_id="createSolution",
    summary="Add a solution (providers)",
    description="Adds a solution for an organisation you are a verified provider editor of. The new solution "
    "is a draft. Nothing is saved if the publiccode.yml or the facts have errors (422).",
    tags=["solutions"],
    url_name="create_solution",
)
def create_solution(request, payload: SolutionCreateIn):
    organisation = Organisation.objects.filter(slug=payload.organisation).first()
    if organisation is None:
        raise ApiProblem(
            422, "unknown-organisation",
            ("Unknown organisation", "Unbekannte Organisation"),
            ("There is no organisation with this slug.", "Es gibt keine Organisation mit diesem Kürzel."),
            [error_item("organisation", "unknown organisation", "unbekannte Organisation")],
        )
    if not request.auth.has_perm("solutions.add_solution", organisation):
        raise ApiProblem(
            403, "not-an-editor",
            ("Forbidden", "Keine Berechtigung"),
            ("You are not a verified provider editor of this organisation.",
             "Sie sind keine bestätigte Anbieter-Redaktion dieser Organisation."),
            [error_item("organisation", "not your organisation", "nicht Ihre Organisation")],
        )
    text = checked_text(payload.publiccode)
    facts = payload.facts.as_facts() if payload.facts else {}
    result = _dry_run(text, facts)
    existing = Solution.objects.filter(url=result.document["url"]).first()
    if existing is not None:
        # Name the existing entry only to those who may see it (drafts stay secret).
        named = f" ({existing.slug})" if request.auth.has_perm("solutions.view_solution", existing) else ""
        raise ApiProblem(
            409, "already-listed",
            ("Already listed", "Bereits gelistet"),
            (f"This repository is already listed{named}; change it with PUT.",
             f"Dieses Repository ist bereits gelistet{named}; ändern Sie es mit PUT."),
            [error_item("url", "repository already listed", "Repository bereits gelistet")],
        )
    return Status(201, saved(_save(request, text=text, organisation=organisation, facts=facts)))


@router.put(
    "/solutions/{slug}",
    auth=token_auth,
    response={200: SolutionSaved, **problem_responses(400, 401, 403, 404, 413, 422)},
    operation_id="updateSolution",
    summary="Update a solution (providers)",
    description="Replaces the publiccode.yml of a solution and updates the facts that are sent. "
    "The document's url must stay the same. Nothing is saved if there are errors (422).",
    tags=["solutions"],
    url_name="update_solution",
)
def update_solution(request, slug: SolutionSlug, payload: SolutionUpdateIn):
    solution = visible_solution(request, slug)
    if not request.auth.has_perm("solutions.change_solution", solution):
        raise ApiProblem(
            403, "not-an-editor",
            ("Forbidden", "Keine Berechtigung"),
            ("You are not a verified provider editor of this solution's organisation.",
             "Sie sind keine bestätigte Anbieter-Redaktion der Organisation dieser Lösung."),
        )
    text = checked_text(payload.publiccode)
    facts = payload.facts.as_facts() if payload.facts else {}
    result = _dry_run(text, facts)
    if result.document["url"] != solution.url:
        raise ApiProblem(
            422, "url-changed",
            ("Repository address changed", "Repository-Adresse geändert"),
            ("The url in publiccode.yml must stay the same; add a new solution for another repository.",
             "Die url in der publiccode.yml muss gleich bleiben; legen Sie für ein anderes Repository eine "
             "neue Lösung an."),
            [error_item("url", f"must be {solution.url}", f"muss {solution.url} sein")],
        )
    return saved(_save(request, text=text, organisation=solution.organisation, facts=facts))
