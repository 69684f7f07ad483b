"""Shapes of the register's JSON API: query parameters, request bodies and responses.

Every schema name begins with Dataset or Register: django-ninja merges same-named schemas of different apps
silently into one OpenAPI component, so a generic name ("Source", "Run") could overwrite another app's.
Labels (`*_label`) are in the language of the request; harvested values are returned as harvested.
"""

import datetime as dt
from typing import Annotated, Literal

from ninja import Field, Path, Schema
from pydantic import ConfigDict, WithJsonSchema

from lichtermeer.municipalities.schemas import AGS_PATTERN, TEXT, MunicipalityRef

from .models import HarvestRun, Source
from .selectors import BANDS

SLUG_PATTERN = r"^[-a-zA-Z0-9_]+$"
MDK_PATTERN = r"^https?://musterdatenkatalog\.de/def/musterdatensatz/[^\s]+$"

DatasetId = Annotated[int, Path(..., ge=1, le=2_147_483_647, description="Number of the dataset.")]
# Documented, not enforced: an impossible slug names nothing and gets 404 like an unknown one. No `examples`
# (see RegisterMunicipalityKey).
RegisterSourceSlug = Annotated[
    str,
    WithJsonSchema({"type": "string", "pattern": SLUG_PATTERN, "maxLength": 80,
                    "description": "Short name (slug) of the harvest source."}),
    Path(..., description="Short name (slug) of the harvest source."),
]
# As municipalities.schemas.MunicipalityKey, without `examples`: ninja lifts them to the parameter, where
# OpenAPI 3.1 wants a map, not a list (the document would not validate).
RegisterMunicipalityKey = Annotated[
    str,
    WithJsonSchema({"type": "string", "pattern": AGS_PATTERN,
                    "description": "Amtlicher Gemeindeschlüssel (AGS): eight digits."}),
    Path(..., description="Amtlicher Gemeindeschlüssel (AGS): eight digits, e.g. 13003000."),
]
BandCode = Literal[BANDS]
SourceKindCode = Literal[tuple(Source.Kind.values)]
RunStatusCode = Literal[tuple(HarvestRun.Status.values)]


# --- query parameters -------------------------------------------------------------------------------


class DatasetParams(Schema):
    q: str = Field("", max_length=200, pattern=TEXT,
                   description="Words in the title, description, publisher or category (all must occur).")
    municipality: str | None = Field(None, pattern=AGS_PATTERN, description="Only this municipality (AGS).")
    land: str | None = Field(None, pattern=r"^[0-9]{2}$", description="Only this Land (two-digit key, e.g. 13).")
    thema: str | None = Field(None, max_length=200, pattern=TEXT,
                              description="Only this Thema of the Musterdatenkatalog, e.g. Raumplanung.")
    format: str | None = Field(None, max_length=50, pattern=TEXT, description="Only datasets offering this format, "
                               "e.g. CSV.")
    license: str | None = Field(None, max_length=500, pattern=TEXT, description="Only this licence (as harvested, "
                                "usually a URI).")
    band: BandCode | None = Field(None, description="Only this band of metadata quality.")
    page: int = Field(1, ge=1, le=10_000)
    per_page: int = Field(20, ge=1, le=100)


class RegisterMatrixParams(Schema):
    land: str | None = Field(None, pattern=r"^[0-9]{2}$", description="Only municipalities of this Land.")


# --- request bodies ---------------------------------------------------------------------------------


class DatasetCategoryIn(Schema):
    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [
        {"uri": "https://musterdatenkatalog.de/def/musterdatensatz/raumplanung/bebauungsplan"}]})

    uri: str = Field(max_length=300, pattern=MDK_PATTERN,
                     description="URI of a Musterdatensatz of the Musterdatenkatalog V4.")


class RegisterSourceIn(Schema):
    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [
        {"name": "Open-Data-Portal Rostock", "kind": "dcat", "url": "https://www.opendata-hro.de/catalog.rdf",
         "organisation": "hansestadt-rostock", "municipality": "13003000", "schedule_hours": 24}]})

    name: str = Field(min_length=1, max_length=200, pattern=TEXT)
    kind: SourceKindCode = Field(description="dcat: a DCAT catalogue (RDF/XML, Turtle, JSON-LD; Hydra paging); "
                                 "ckan: a CKAN portal's action API.")
    url: str = Field(max_length=500, pattern=r"^https?://[^\s]+$")
    organisation: str = Field(max_length=100, pattern=r"^[-a-z0-9_]+$",
                              description="Slug of the publishing organisation; you must be a verified member "
                              "(operators: any).")
    municipality: str | None = Field(None, pattern=AGS_PATTERN,
                                     description="AGS; empty: the organisation's municipality.")
    schedule_hours: int = Field(24, ge=1, le=720, description="Harvest every this many hours.")


# --- responses: datasets ----------------------------------------------------------------------------


class DatasetSourceRef(Schema):
    slug: str
    name: str
    html_url: str
    api_url: str


class DatasetCategory(Schema):
    uri: str | None = Field(description="Musterdatensatz URI; null: not classified.")
    thema: str
    bezeichnung: str
    confidence: float = Field(description="Estimated probability that the category is right (1.0: confirmed or "
                              "stated by the publisher).")
    source: str | None = Field(description="reference (dct:references of the publisher), classifier or confirmed.")
    source_label: str
    needs_confirmation: bool


class DatasetSummary(Schema):
    id: int
    title: str
    description: str
    publisher: str
    license: str
    formats: list[str]
    municipality: MunicipalityRef | None
    source: DatasetSourceRef
    quality_total: int
    quality_band: str | None
    quality_band_label: str
    violations: int
    warnings: int = Field(description="SHACL results of severity Warning or Info.")
    category: DatasetCategory
    modified: str
    html_url: str
    api_url: str


class DatasetFacetValue(Schema):
    value: str
    label: str
    count: int


class DatasetFacets(Schema):
    municipality: list[DatasetFacetValue]
    land: list[DatasetFacetValue]
    thema: list[DatasetFacetValue]
    format: list[DatasetFacetValue]
    license: list[DatasetFacetValue]
    band: list[DatasetFacetValue]


class DatasetList(Schema):
    count: int
    page: int
    pages: int
    per_page: int
    items: list[DatasetSummary]
    facets: DatasetFacets


class DatasetDistribution(Schema):
    iri: str
    title: str
    format: str
    media_type: str
    license: str
    access_urls: list[str]
    download_urls: list[str]


class DatasetValidationResult(Schema):
    severity: str = Field(description="SHACL severity IRI (sh:Violation, sh:Warning, sh:Info).")
    severity_label: str
    path: str
    component: str
    focus: str
    message: str = Field(description="The profile's message (German).")


class DatasetValidationGroup(Schema):
    resource: str = Field(description="IRI of the dataset or distribution the results concern ('' = neither).")
    kind: Literal["dataset", "distribution", "other"]
    label: str
    violations: int
    results: list[DatasetValidationResult]


class DatasetValidation(Schema):
    violations: int
    warnings: int
    groups: list[DatasetValidationGroup]


class DatasetIndicator(Schema):
    id: str
    label: str
    points: float
    maximum: int
    status: str = Field(description="met, partial, not_met or not_checked.")
    status_label: str
    detail: str


class DatasetDimension(Schema):
    name: str
    label: str
    points: float
    maximum: int
    indicators: list[DatasetIndicator]


class DatasetQuality(Schema):
    total: int
    maximum: int
    band: str | None
    band_label: str
    dimensions: list[DatasetDimension]
    unchecked: list[str] = Field(description="Indicators whose URLs were not requested (points not counted).")
    error: str = Field(description="Why the metadata could not be scored ('' when they were).")


class DatasetWord(Schema):
    term: str
    weight: float


class DatasetNeighbour(Schema):
    title: str
    label: str
    uri: str
    similarity: float
    source: str


class DatasetCategoryDetail(DatasetCategory):
    words: list[DatasetWord] = Field(description="The words that pushed the classifier to this category.")
    neighbours: list[DatasetNeighbour] = Field(description="The most similar training examples.")


class DatasetDetail(DatasetSummary):
    identifier: str
    iri: str
    keywords: list[str]
    landing_page: str
    issued: str
    first_seen_at: dt.datetime
    harvested_at: dt.datetime
    distributions: list[DatasetDistribution]
    validation: DatasetValidation
    quality: DatasetQuality
    category: DatasetCategoryDetail


# --- responses: sources and runs --------------------------------------------------------------------


class RegisterOrganisationRef(Schema):
    slug: str
    name: str


class RegisterRunError(Schema):
    page: str = Field(description="Address of the page the error occurred on ('' = the whole run).")
    kind: str
    message_en: str
    message_de: str
    fatal: bool


class RegisterRun(Schema):
    id: int
    status: RunStatusCode
    status_label: str
    incremental_since: dt.datetime | None = Field(description="Only changes since then (null: everything).")
    started_at: dt.datetime | None
    finished_at: dt.datetime | None
    pages: int
    expected: int | None = Field(description="Datasets the source announced (hydra:totalItems, CKAN count).")
    seen: int
    created: int
    updated: int
    unchanged: int
    error_count: int
    errors: list[RegisterRunError]


class RegisterSource(Schema):
    slug: str
    name: str
    kind: SourceKindCode
    kind_label: str
    url: str
    organisation: RegisterOrganisationRef
    municipality: MunicipalityRef | None
    schedule_hours: int
    enabled: bool
    last_started_at: dt.datetime | None
    last_success_at: dt.datetime | None
    datasets: int
    last_run: RegisterRun | None
    html_url: str
    api_url: str


class RegisterSourceList(Schema):
    count: int
    items: list[RegisterSource]


class RegisterSourceDetail(RegisterSource):
    runs: list[RegisterRun]


class RegisterHarvestAccepted(Schema):
    run_id: int
    status: RunStatusCode
    source: DatasetSourceRef


# --- responses: coverage ----------------------------------------------------------------------------


class RegisterCoverageCategory(Schema):
    uri: str
    thema: str
    bezeichnung: str
    datasets: int
    quality: int = Field(description="Mean MQA points of these datasets (of 405).")


class RegisterComparable(MunicipalityRef):
    population: int


class RegisterGap(Schema):
    uri: str
    thema: str
    bezeichnung: str
    publishers: int = Field(description="Comparable municipalities that publish the category.")
    share: float = Field(description="publishers / number of comparable municipalities.")


class RegisterCoverage(Schema):
    municipality: MunicipalityRef
    datasets: int
    quality: float | None = Field(description="Mean MQA points of all its datasets (of 405).")
    band: str | None
    band_label: str
    categories: list[RegisterCoverageCategory]
    comparables: list[RegisterComparable] = Field(description="Same Land, half to twice the population, with "
                                                  "datasets in the register.")
    gaps: list[RegisterGap]


class RegisterMatrixCategory(Schema):
    uri: str
    thema: str
    bezeichnung: str


class RegisterMatrixCell(Schema):
    uri: str
    ags: str
    datasets: int


class RegisterMatrix(Schema):
    land: str | None
    categories: list[RegisterMatrixCategory]
    municipalities: list[MunicipalityRef]
    cells: list[RegisterMatrixCell] = Field(description="Only non-empty cells.")
