"""Shapes of the municipal JSON API: query parameters, request bodies and responses.

Labels of codes (`*_label`) are in the language of the request; names and keys are as in the official
directory. Contacts appear with name and function only, never with an e-mail address.
"""

import datetime as dt
from typing import Annotated, Literal

from ninja import Field, Path, Schema
from pydantic import ConfigDict, WithJsonSchema

from lichtermeer.solutions.vocab import STANDARDS

from .models import InventoryEntry, OperatingModel, UrbanDataPlatform

TEXT = r"^[^\x00-\x08\x0b\x0c\x0e-\x1f]*$"
AGS_PATTERN = r"^[0-9]{8}$"

# The pattern is documented but not enforced by validation: a malformed key is answered by the handler with a 422
# problem that says what an AGS looks like (ninja would turn a failed path validation into a plain 404).
MunicipalityKey = Annotated[
    str,
    WithJsonSchema({"type": "string", "pattern": AGS_PATTERN, "example": "09162000",
                    "description": "Amtlicher Gemeindeschlüssel (AGS): eight digits."}),
    Path(..., description="Amtlicher Gemeindeschlüssel (AGS): eight digits."),
]
LandCode = Annotated[
    str,
    WithJsonSchema({"type": "string", "pattern": r"^[0-9]{2}$", "example": "08",
                    "description": "Key of the Land: two digits."}),
    Path(..., description="Key of the Land: two digits."),
]
KreisKey = Annotated[
    str,
    WithJsonSchema({"type": "string", "pattern": r"^[0-9]{5}$", "example": "08421",
                    "description": "Key of the Kreis (district): five digits."}),
    Path(..., description="Key of the Kreis (district): five digits."),
]
GroupingSlug = Annotated[
    str,
    WithJsonSchema({"type": "string", "pattern": r"^[-a-zA-Z0-9_]+$", "maxLength": 120,
                    "example": "mpsc-2019-ulm", "description": "Short name (slug) of the grouping."}),
    Path(..., description="Short name (slug) of the grouping."),
]
EntryId = Annotated[int, Path(..., ge=1, le=2_147_483_647, example=1)]
StatusCode = Literal[tuple(InventoryEntry.Status.values)]
OperatingModelCode = Literal[tuple(OperatingModel.values)]
CoUseCode = Literal[tuple(UrbanDataPlatform.CoUse.values)]
StandardCode = Literal[tuple(STANDARDS)]
AgsKey = Annotated[str, Field(pattern=AGS_PATTERN, examples=["09162000"])]


# --- query parameters -------------------------------------------------------------------------------


class MunicipalityParams(Schema):
    q: str = Field("", max_length=100, pattern=TEXT,
                   description="Name (or part of it), AGS (8 digits, or its leading digits) or postcode (5 digits).")
    land: str | None = Field(None, pattern=r"^[0-9]{2}$", description="Only this Land (two-digit key, e.g. 09).")
    limit: int = Field(50, ge=1, le=200, description="At most this many municipalities.")


class PlatformParams(Schema):
    q: str = Field("", max_length=100, pattern=TEXT, description="Text in the platform's, municipality's or "
                   "operator's name.")
    standard: StandardCode | None = Field(None, description="Only platforms supporting this standard.")
    co_use: CoUseCode | None = Field(None, description="Only platforms with this co-use setting.")
    land: str | None = Field(None, pattern=r"^[0-9]{2}$", description="Only this Land (two-digit key).")


# --- request bodies ---------------------------------------------------------------------------------


class InventoryIn(Schema):
    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [
        {"solution": "beispielportal", "status": "production", "since": "2024-05-01",
         "operating_model": "provider-saas", "shared_with": ["09184119"]},
        {"unlisted_name": "Parkraum-App Eigenbau", "status": "pilot", "operating_model": "own-operation"},
    ]})

    solution: str | None = Field(None, max_length=120, pattern=r"^[a-z0-9-]+$",
                                 description="Slug of a listed solution; or leave empty and name an unlisted one.")
    unlisted_name: str = Field("", max_length=200, pattern=TEXT)
    unlisted_url: str = Field("", max_length=200, pattern=r"^(https?://\S+)?$")
    unlisted_vendor: str = Field("", max_length=200, pattern=TEXT)
    status: StatusCode
    since: dt.date | None = None
    operating_model: OperatingModelCode
    operator_name: str = Field("", max_length=200, pattern=TEXT)
    shared_with: list[AgsKey] = Field(default_factory=list, max_length=100,
                                      description="AGS of the municipalities sharing the service.")
    notes: str = Field("", max_length=5000, pattern=TEXT)


class InventoryPatch(Schema):
    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [{"status": "retired"}]})

    solution: str | None = Field(None, max_length=120, pattern=r"^[a-z0-9-]+$")
    unlisted_name: str | None = Field(None, max_length=200, pattern=TEXT)
    unlisted_url: str | None = Field(None, max_length=200, pattern=r"^(https?://\S+)?$")
    unlisted_vendor: str | None = Field(None, max_length=200, pattern=TEXT)
    status: StatusCode | None = None
    since: dt.date | None = None
    operating_model: OperatingModelCode | None = None
    operator_name: str | None = Field(None, max_length=200, pattern=TEXT)
    shared_with: list[AgsKey] | None = Field(None, max_length=100)
    notes: str | None = Field(None, max_length=5000, pattern=TEXT)


# --- responses --------------------------------------------------------------------------------------


class Named(Schema):
    code: str
    name: str


class KreisRef(Schema):
    ags: str
    name: str


class MunicipalityRef(Schema):
    ags: str
    name: str
    html_url: str
    api_url: str


class SolutionRef(Schema):
    slug: str
    name: str
    html_url: str
    api_url: str


class MunicipalitySummary(Schema):
    ags: str
    ars: str
    name: str
    type_code: str
    type_label: str
    kreis: KreisRef
    land: Named
    population: int
    postcode: str
    dissolved_on: dt.date | None
    html_url: str
    api_url: str


class MunicipalityList(Schema):
    count: int
    items: list[MunicipalitySummary]


class Unlisted(Schema):
    name: str
    url: str
    vendor: str


class InventoryOut(Schema):
    id: int
    municipality: MunicipalityRef
    name: str
    solution: SolutionRef | None
    unlisted: Unlisted | None
    status: str
    status_label: str
    since: dt.date | None
    operating_model: str
    operating_model_label: str
    operator_name: str
    shared_with: list[MunicipalityRef]
    notes: str
    updated_at: dt.datetime
    removed: bool


class StandardRef(Schema):
    code: str
    label: str


class PlatformOut(Schema):
    id: int
    municipality: MunicipalityRef
    land: Named
    name: str
    url: str
    description: str
    components: list[str]
    standards: list[StandardRef]
    hosting: str
    hosting_label: str
    operator_name: str
    co_use: str
    co_use_label: str
    solution: SolutionRef | None


class PlatformList(Schema):
    count: int
    items: list[PlatformOut]


class GroupingOut(Schema):
    slug: str
    kind: str
    kind_label: str
    name: str
    description: str
    round: int | None
    certain: bool = Field(description="False: lead or partners could not be fully verified.")
    source_note: str
    lead: MunicipalityRef | None
    lead_name: str = Field(description="The lead's name when it has no municipality row (e.g. a Landkreis).")
    members: list[MunicipalityRef]
    solution: SolutionRef | None
    html_url: str
    api_url: str


class ModelProjectList(Schema):
    count: int
    items: list[GroupingOut]


class ContactOut(Schema):
    name: str
    function: str


class ReportOut(Schema):
    id: int
    municipality: MunicipalityRef
    solution: SolutionRef
    rating: int
    title: str
    body: str
    created_at: dt.datetime


class MunicipalityDetail(MunicipalitySummary):
    verband: Named | None
    area_km2: float
    lat: float | None
    lon: float | None
    gebietsstand: dt.date
    inventory: list[InventoryOut]
    platforms: list[PlatformOut]
    groupings: list[GroupingOut]
    contacts: list[ContactOut]
    reports: list[ReportOut]
    accepts_reuse_requests: bool


class UsageItem(Schema):
    entry: int
    municipality: MunicipalitySummary
    status: str
    status_label: str
    since: dt.date | None
    operating_model: str
    operating_model_label: str


class UsageOut(Schema):
    solution: SolutionRef
    count: int
    municipalities: int
    items: list[UsageItem]
    reports: list[ReportOut]


# --- regions -------------------------------------------------------------------------------------------


class RegionCounts(Schema):
    municipality_count: int = Field(description="Current municipalities (no longer listed ones left out).")
    population: int = Field(description="Population of the current municipalities.")
    with_inventory: int = Field(description="Municipalities with at least one solution in their inventory.")
    with_platforms: int = Field(description="Municipalities that describe at least one urban data platform.")


class LandSummary(RegionCounts):
    code: str
    name: str
    seat: str
    kreis_count: int = Field(description="Current Kreise (districts).")
    html_url: str
    api_url: str


class LandList(Schema):
    count: int
    items: list[LandSummary]


class KreisSummary(RegionCounts):
    ags: str
    name: str
    type_code: str
    type_label: str
    html_url: str
    api_url: str


class LandDetail(LandSummary):
    kreise: list[KreisSummary]


class LandRef(Schema):
    code: str
    name: str
    html_url: str
    api_url: str


class KreisMunicipality(Schema):
    ags: str
    name: str
    type_code: str
    type_label: str
    population: int
    inventory_count: int = Field(description="Entries in the inventory (removed ones left out).")
    platform_count: int
    html_url: str
    api_url: str


class KreisDetail(KreisSummary):
    seat: str
    land: LandRef
    dissolved_on: dt.date | None
    municipalities: list[KreisMunicipality]
