"""JSON API of the municipalities (tag "municipalities"): the JSON twins of the municipal pages and the inventory
writes of verified municipal staff (token authentication).

Handlers stay thin: reads go through selectors, writes through services; a MunicipalError becomes a problem
document with its status, its code and its message in English and German. A malformed AGS is a malformed
request (422, saying what an AGS looks like); a well-formed but unknown one is 404.
"""

import re

from django.http import Http404
from django.urls import reverse
from ninja import Query, Router, Status

from lichtermeer.accounts.api_auth import OPTIONAL_TOKEN, caller, token_auth
from lichtermeer.accounts.names import public_name
from lichtermeer.problems import ApiProblem, error_item, problem_responses, refused
from lichtermeer.solutions.api import visible_solution
from lichtermeer.solutions.models import Solution
from lichtermeer.solutions.schemas import SolutionSlug

from . import selectors, services, views
from .models import Grouping, InventoryEntry, Municipality, UrbanDataPlatform
from .schemas import (
    EntryId,
    GroupingOut,
    GroupingSlug,
    InventoryIn,
    InventoryOut,
    InventoryPatch,
    KreisDetail,
    KreisKey,
    LandCode,
    LandDetail,
    LandList,
    ModelProjectList,
    MunicipalityDetail,
    MunicipalityKey,
    MunicipalityList,
    MunicipalityParams,
    PlatformList,
    PlatformParams,
    UsageOut,
)
from .services import MunicipalError
from .templatetags.municipalities_tags import (
    co_use_label,
    grouping_kind_label,
    operating_model_label,
    standard_label,
    status_label,
    type_label,
)

router = Router(tags=["municipalities"])

AGS = re.compile(r"[0-9]{8}")


def municipality_or_problem(ags: str) -> Municipality:
    if not AGS.fullmatch(ags):
        shown = ags[:40]
        raise ApiProblem(
            422, "invalid-ags",
            ("Invalid municipality key", "Ungültiger Gemeindeschlüssel"),
            (f"“{shown}” is not an official municipality key (AGS): an AGS has exactly eight digits, "
             "e.g. 09162000.",
             f"„{shown}“ ist kein Amtlicher Gemeindeschlüssel (AGS): Ein AGS hat genau acht Ziffern, "
             "z. B. 09162000."),
            [error_item("ags", "an AGS has exactly eight digits", "ein AGS hat genau acht Ziffern")],
        )
    town = selectors.get(ags)
    if town is None:
        raise ApiProblem(
            404, "unknown-municipality",
            ("Unknown municipality", "Unbekannte Kommune"),
            (f"No municipality has the AGS {ags}.", f"Keine Kommune hat den AGS {ags}."),
            [error_item("ags", "unknown AGS", "unbekannter AGS")],
        )
    return town


# --- serialisation -----------------------------------------------------------------------------------------


def municipality_ref(town: Municipality) -> dict:
    return {
        "ags": town.ags,
        "name": town.name,
        "html_url": town.get_absolute_url(),
        "api_url": reverse("api:get_municipality", kwargs={"ags": town.ags}),
    }


def solution_ref(solution: Solution | None) -> dict | None:
    if solution is None:
        return None
    return {
        "slug": solution.slug,
        "name": solution.name,
        "html_url": solution.get_absolute_url(),
        "api_url": reverse("api:get_solution", kwargs={"slug": solution.slug}),
    }


def municipality_summary(town: Municipality) -> dict:
    return {
        **municipality_ref(town),
        "ars": town.ars,
        "type_code": town.type_code,
        "type_label": type_label(town.type_code),
        "kreis": {"ags": town.kreis.ags, "name": town.kreis.name},
        "land": {"code": town.land.code, "name": town.land.name},
        "population": town.population,
        "postcode": town.postcode,
        "dissolved_on": town.dissolved_on,
    }


def inventory_item(entry: InventoryEntry) -> dict:
    return {
        "id": entry.pk,
        "municipality": municipality_ref(entry.municipality),
        "name": entry.display_name,
        "solution": solution_ref(entry.solution if entry.solution_id else None),
        "unlisted": None if entry.solution_id else {"name": entry.unlisted_name, "url": entry.unlisted_url,
                                                   "vendor": entry.unlisted_vendor},
        "status": entry.status,
        "status_label": status_label(entry.status),
        "since": entry.since,
        "operating_model": entry.operating_model,
        "operating_model_label": operating_model_label(entry.operating_model),
        "operator_name": entry.operator_name,
        "shared_with": [municipality_ref(m) for m in entry.shared_with.all()],
        "notes": entry.notes,
        "updated_at": entry.updated_at,
        "removed": entry.removed_at is not None,
    }


def platform_item(platform: UrbanDataPlatform) -> dict:
    town = platform.municipality
    return {
        "id": platform.pk,
        "municipality": municipality_ref(town),
        "land": {"code": town.land.code, "name": town.land.name},
        "name": platform.name,
        "url": platform.url,
        "description": platform.description,
        "components": list(platform.components or []),
        "standards": [{"code": s, "label": standard_label(s)} for s in platform.standards or []],
        "hosting": platform.hosting,
        "hosting_label": operating_model_label(platform.hosting),
        "operator_name": platform.operator_name,
        "co_use": platform.co_use,
        "co_use_label": co_use_label(platform.co_use),
        "solution": solution_ref(platform.solution if platform.solution_id else None),
    }


def grouping_item(grouping: Grouping) -> dict:
    return {
        "slug": grouping.slug,
        "kind": grouping.kind,
        "kind_label": grouping_kind_label(grouping.kind),
        "name": grouping.name,
        "description": grouping.description,
        "round": grouping.round,
        "certain": grouping.certain,
        "source_note": grouping.source_note,
        "lead": municipality_ref(grouping.operator) if grouping.operator_id else None,
        "lead_name": grouping.operator.name if grouping.operator_id else grouping.operator_name,
        "members": [municipality_ref(m) for m in grouping.members.all()],
        "solution": solution_ref(grouping.solution if grouping.solution_id else None),
        "html_url": reverse("municipalities:grouping", args=[grouping.slug]),
        "api_url": reverse("api:get_grouping", kwargs={"slug": grouping.slug}),
    }


def report_item(report) -> dict:
    return {
        "id": report.pk,
        "municipality": municipality_ref(report.municipality),
        "solution": solution_ref(report.solution),
        "rating": report.rating,
        "title": report.title,
        "body": report.body,
        "created_at": report.created_at,
    }


# --- reads -----------------------------------------------------------------------------------------------


@router.get(
    "/municipalities",
    response={200: MunicipalityList, **problem_responses(401, 422)},
    operation_id="listMunicipalities",
    summary="Find municipalities",
    description="By name (or part of it), AGS (eight digits, or its leading digits) or postcode, optionally "
    "within one Land. Without a query: the largest municipalities (of the Land).",
    url_name="list_municipalities",
    openapi_extra=OPTIONAL_TOKEN,
)
def list_municipalities(request, params: Query[MunicipalityParams]):
    caller(request)
    found = selectors.find(params.q, land=params.land or "", limit=params.limit)
    return {"count": len(found), "items": [municipality_summary(m) for m in found]}


@router.get(
    "/municipalities/{ags}",
    response={200: MunicipalityDetail, **problem_responses(401, 404, 422)},
    operation_id="getMunicipality",
    summary="Get a municipality",
    description="The official facts of a municipality (Gemeindeverzeichnis of Destatis), the solutions in its "
    "inventory, its urban data platforms, its shared services and groupings, its public contacts (name and "
    "function only) and its published experience reports.",
    url_name="get_municipality",
    openapi_extra=OPTIONAL_TOKEN,
)
def get_municipality(request, ags: MunicipalityKey):
    caller(request)
    town = municipality_or_problem(ags)
    return {
        **municipality_summary(town),
        "verband": {"code": town.verband_ars, "name": town.verband_name} if town.verband_ars else None,
        "area_km2": float(town.area_km2),
        "lat": town.lat,
        "lon": town.lon,
        "gebietsstand": town.gebietsstand,
        "inventory": [inventory_item(e) for e in selectors.inventory(town)],
        "platforms": [platform_item(p) for p in views.platforms_of(town)],
        "groupings": [grouping_item(g) for g in selectors.groupings_of(town)],
        "contacts": [{"name": public_name(c.user), "function": c.function} for c in selectors.public_contacts(town)],
        "reports": [report_item(r) for r in selectors.published_reports(municipality=town)],
        "accepts_reuse_requests": selectors.accepts_reuse_requests(town),
    }


@router.get(
    "/platforms",
    response={200: PlatformList, **problem_responses(401, 422)},
    operation_id="listUrbanDataPlatforms",
    summary="List urban data platforms",
    description="Who runs which urban data platform, with which standards, and who may co-use it. The page "
    "/municipalities/platforms/ offers the same list as CSV and GeoJSON.",
    url_name="list_urban_data_platforms",
    openapi_extra=OPTIONAL_TOKEN,
)
def list_urban_data_platforms(request, params: Query[PlatformParams]):
    caller(request)
    rows = selectors.platforms(standard=params.standard or "", co_use=params.co_use or "", land=params.land or "",
                               query=" ".join(params.q.split()))
    return {"count": len(rows), "items": [platform_item(p) for p in rows]}


@router.get(
    "/solutions/{slug}/usage",
    response={200: UsageOut, **problem_responses(401, 404)},
    operation_id="getSolutionUsage",
    summary="Get the reuse register of a solution",
    description="The municipalities that record the solution in their inventory, with status, start and "
    "operating model, and the published experience reports about it.",
    url_name="get_solution_usage",
    openapi_extra=OPTIONAL_TOKEN,
)
def get_solution_usage(request, slug: SolutionSlug):
    solution = visible_solution(request, slug)
    entries = selectors.usage_of(solution)
    return {
        "solution": solution_ref(solution),
        "count": len(entries),
        "municipalities": len({e.municipality_id for e in entries}),
        "items": [
            {
                "entry": e.pk,
                "municipality": municipality_summary(e.municipality),
                "status": e.status,
                "status_label": status_label(e.status),
                "since": e.since,
                "operating_model": e.operating_model,
                "operating_model_label": operating_model_label(e.operating_model),
            }
            for e in entries
        ],
        "reports": [report_item(r) for r in selectors.published_reports(solution=solution)],
    }


@router.get(
    "/model-projects",
    response={200: ModelProjectList, **problem_responses(401)},
    operation_id="listModelProjects",
    summary="List the Modellprojekte Smart Cities",
    description="The federal smart-city model projects by funding round, with lead, partner municipalities, "
    "whether the facts could be verified (`certain`) and the source.",
    url_name="list_model_projects",
    openapi_extra=OPTIONAL_TOKEN,
)
def list_model_projects(request):
    caller(request)
    items = [grouping_item(p) for projects in views.model_projects_by_round().values() for p in projects]
    return {"count": len(items), "items": items}


# --- regions and groupings --------------------------------------------------------------------------------


def _region_problem(kind: str, key: str, *, malformed: bool) -> ApiProblem:
    shown = key[:40]
    if kind == "land":
        if malformed:
            return ApiProblem(
                422, "invalid-land-code", ("Invalid Land key", "Ungültiger Länderschlüssel"),
                (f"“{shown}” is not the key of a Land: it has exactly two digits, e.g. 08.",
                 f"„{shown}“ ist kein Länderschlüssel: Er hat genau zwei Ziffern, z. B. 08."),
                [error_item("code", "a Land key has exactly two digits", "ein Länderschlüssel hat genau zwei Ziffern")],
            )
        return ApiProblem(404, "unknown-land", ("Unknown Land", "Unbekanntes Land"),
                          (f"No Land has the key {key}.", f"Kein Land hat den Schlüssel {key}."),
                          [error_item("code", "unknown key", "unbekannter Schlüssel")])
    if malformed:
        return ApiProblem(
            422, "invalid-kreis-key", ("Invalid district key", "Ungültiger Kreisschlüssel"),
            (f"“{shown}” is not the key of a Kreis: it has exactly five digits, e.g. 08421.",
             f"„{shown}“ ist kein Kreisschlüssel: Er hat genau fünf Ziffern, z. B. 08421."),
            [error_item("ags", "a Kreis key has exactly five digits", "ein Kreisschlüssel hat genau fünf Ziffern")],
        )
    return ApiProblem(404, "unknown-kreis", ("Unknown district", "Unbekannter Kreis"),
                      (f"No Kreis has the key {key}.", f"Kein Kreis hat den Schlüssel {key}."),
                      [error_item("ags", "unknown key", "unbekannter Schlüssel")])


def _counts(region) -> dict:
    return {
        "municipality_count": region.municipality_count,
        "population": region.population,
        "with_inventory": region.with_inventory,
        "with_platforms": region.with_platforms,
    }


def land_summary(land) -> dict:
    return {
        "code": land.code,
        "name": land.name,
        "seat": land.seat,
        "kreis_count": land.kreise_count,
        **_counts(land),
        "html_url": reverse("municipalities:land", args=[land.code]),
        "api_url": reverse("api:get_land", kwargs={"code": land.code}),
    }


def kreis_summary(kreis) -> dict:
    return {
        "ags": kreis.ags,
        "name": kreis.name,
        "type_code": kreis.type_code,
        "type_label": type_label(kreis.type_code),
        **_counts(kreis),
        "html_url": reverse("municipalities:kreis", args=[kreis.ags]),
        "api_url": reverse("api:get_kreis", kwargs={"ags": kreis.ags}),
    }


@router.get(
    "/laender",
    response={200: LandList, **problem_responses(401)},
    operation_id="listLaender",
    summary="List the Länder",
    description="The 16 Länder with the number of their current Kreise and municipalities, their population, and "
    "how many municipalities recorded solutions in use or describe an urban data platform.",
    url_name="list_laender",
    openapi_extra=OPTIONAL_TOKEN,
)
def list_laender(request):
    caller(request)
    items = [land_summary(land) for land in selectors.laender_overview()]
    return {"count": len(items), "items": items}


@router.get(
    "/laender/{code}",
    response={200: LandDetail, **problem_responses(401, 404, 422)},
    operation_id="getLand",
    summary="Get a Land with its Kreise",
    description="The Land's counts and its current Kreise (districts), each with the same counts.",
    url_name="get_land",
    openapi_extra=OPTIONAL_TOKEN,
)
def get_land(request, code: LandCode):
    caller(request)
    land = selectors.land_by_code(code)
    if land is None:
        raise _region_problem("land", code, malformed=not selectors.LAND_CODE.fullmatch(code))
    return {**land_summary(land), "kreise": [kreis_summary(k) for k in selectors.kreise_overview(land)]}


@router.get(
    "/kreise/{ags}",
    response={200: KreisDetail, **problem_responses(401, 404, 422)},
    operation_id="getKreis",
    summary="Get a Kreis with its municipalities",
    description="The Kreis (district) with its counts and its current municipalities, each with its population, "
    "the number of entries in its inventory and the number of its urban data platforms.",
    url_name="get_kreis",
    openapi_extra=OPTIONAL_TOKEN,
)
def get_kreis(request, ags: KreisKey):
    caller(request)
    kreis = selectors.kreis_by_ags(ags)
    if kreis is None:
        raise _region_problem("kreis", ags, malformed=not selectors.KREIS_KEY.fullmatch(ags))
    land = kreis.land
    return {
        **kreis_summary(kreis),
        "seat": kreis.seat,
        "land": {"code": land.code, "name": land.name, "html_url": reverse("municipalities:land", args=[land.code]),
                 "api_url": reverse("api:get_land", kwargs={"code": land.code})},
        "dissolved_on": kreis.dissolved_on,
        "municipalities": [
            {
                **municipality_ref(m),
                "type_code": m.type_code,
                "type_label": type_label(m.type_code),
                "population": m.population,
                "inventory_count": m.inventory_count,
                "platform_count": m.platform_count,
            }
            for m in selectors.municipalities_of_kreis(kreis)
        ],
    }


@router.get(
    "/groups/{slug}",
    response={200: GroupingOut, **problem_responses(401, 404)},
    operation_id="getGrouping",
    summary="Get a shared service, model project or regional grouping",
    description="Kind, lead (operator), members, solution, funding round, whether the facts could be verified "
    "(`certain`) and the source.",
    url_name="get_grouping",
    openapi_extra=OPTIONAL_TOKEN,
)
def get_grouping(request, slug: GroupingSlug):
    caller(request)
    grouping = selectors.grouping_by_slug(slug[:120])
    if grouping is None:
        raise ApiProblem(404, "unknown-grouping", ("Unknown grouping", "Unbekannter Verbund"),
                         (f"No grouping has the short name {slug[:40]}.",
                          f"Kein Verbund hat das Kürzel {slug[:40]}."),
                         [error_item("slug", "unknown grouping", "unbekannter Verbund")])
    return grouping_item(grouping)


# --- writes (verified municipal staff) -------------------------------------------------------------------


def _solution_by_slug(slug: str | None) -> Solution | None:
    if not slug:
        return None
    solution = Solution.objects.filter(slug=slug, listing_status__in=Solution.PUBLIC_STATUSES).first()
    if solution is None:
        raise ApiProblem(
            422, "unknown-solution",
            ("Unknown solution", "Unbekannte Lösung"),
            (f"No listed solution has the slug {slug}.", f"Keine gelistete Lösung hat das Kürzel {slug}."),
            [error_item("solution", "unknown solution", "unbekannte Lösung")],
        )
    return solution


def _municipalities(keys: list[str]) -> list[Municipality]:
    keys = list(dict.fromkeys(keys))
    found = {m.ags: m for m in Municipality.objects.filter(ags__in=keys)}
    unknown = [k for k in keys if k not in found]
    if unknown:
        raise ApiProblem(
            422, "unknown-municipality",
            ("Unknown municipality", "Unbekannte Kommune"),
            (f"Unknown AGS: {', '.join(unknown[:10])}.", f"Unbekannte AGS: {', '.join(unknown[:10])}."),
            [error_item(f"shared_with[{keys.index(k)}]", "unknown AGS", "unbekannter AGS") for k in unknown[:10]],
        )
    return [found[k] for k in keys]


def _entry(entry_id: int) -> InventoryEntry:
    entry = InventoryEntry.objects.select_related("municipality", "solution").filter(pk=entry_id).first()
    if entry is None:
        raise Http404
    return entry


def _fresh(entry: InventoryEntry) -> dict:
    entry = InventoryEntry.objects.select_related("municipality", "solution").get(pk=entry.pk)
    return inventory_item(entry)


@router.post(
    "/municipalities/{ags}/inventory",
    auth=token_auth,
    response={201: InventoryOut, **problem_responses(400, 401, 403, 404, 409, 422)},
    operation_id="addInventoryEntry",
    summary="Add a solution to a municipality's inventory (municipal staff)",
    description="Records a listed solution (by slug) or an unlisted one (by name) that the municipality uses "
    "or plans to use. Only verified staff of the municipality; every change is audited.",
    url_name="add_inventory_entry",
)
def add_inventory_entry(request, ags: MunicipalityKey, payload: InventoryIn):
    town = municipality_or_problem(ags)
    if not request.auth.has_perm("municipalities.change_inventory", town):
        raise refused(MunicipalError("forbidden", "Only verified staff of this municipality change its inventory.",
                                     "Nur bestätigte Beschäftigte dieser Kommune ändern ihre Bestandsaufnahme.",
                                     status=403))
    values = payload.dict(exclude={"shared_with", "solution"})
    solution = _solution_by_slug(payload.solution)
    try:
        entry = services.add_inventory_entry(actor=request.auth, municipality=town, solution=solution,
                                             shared_with=_municipalities(payload.shared_with), **values)
    except MunicipalError as error:
        raise refused(error) from None
    return Status(201, _fresh(entry))


@router.patch(
    "/inventory/{entry_id}",
    auth=token_auth,
    response={200: InventoryOut, **problem_responses(400, 401, 403, 404, 409, 422)},
    operation_id="updateInventoryEntry",
    summary="Change an inventory entry (municipal staff)",
    description="Changes the given fields of an entry; fields left out keep their value. Only verified staff "
    "of the entry's municipality; every change is audited.",
    url_name="update_inventory_entry",
)
def update_inventory_entry(request, entry_id: EntryId, payload: InventoryPatch):
    entry = _entry(entry_id)
    changes = payload.dict(exclude_unset=True)
    shared_with = changes.pop("shared_with", None)
    if "solution" in changes:
        changes["solution"] = _solution_by_slug(changes["solution"])
    for key in ("unlisted_name", "unlisted_url", "unlisted_vendor", "operator_name", "notes", "status",
                "operating_model"):
        if key in changes and changes[key] is None:
            changes.pop(key)
    try:
        entry = services.update_inventory_entry(
            actor=request.auth, entry=entry, shared_with=_municipalities(shared_with) if shared_with is not None
            else None, **changes,
        )
    except MunicipalError as error:
        raise refused(error) from None
    return _fresh(entry)


@router.delete(
    "/inventory/{entry_id}",
    auth=token_auth,
    response={200: InventoryOut, **problem_responses(401, 403, 404)},
    operation_id="removeInventoryEntry",
    summary="Remove an inventory entry (municipal staff)",
    description="Marks the entry as removed (`removed: true`); it stays in the history and the audit log. "
    "Removing it again changes nothing.",
    url_name="remove_inventory_entry",
)
def remove_inventory_entry(request, entry_id: EntryId):
    entry = _entry(entry_id)
    try:
        entry = services.remove_inventory_entry(actor=request.auth, entry=entry)
    except MunicipalError as error:
        raise refused(error) from None
    return _fresh(entry)
