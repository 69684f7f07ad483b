"""Shapes of the interop JSON API: the standards register, compatibility, exit score.

Texts that depend on the language come in both (`*_en`, `*_de`) plus the request's language (the plain key).
"""

from __future__ import annotations

from typing import Annotated, Literal

from ninja import Field, Path, Schema
from pydantic import ConfigDict, WithJsonSchema

from lichtermeer.engines.interop import CATEGORIES, CONSUMING_ROLES, KINDS, PROVIDING_ROLES, RULES

TEXT = r"^[^\x00-\x08\x0b\x0c\x0e-\x1f]*$"
ID_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"

# Not enforced by validation: an unknown or malformed id is answered with 404 by the handler.
StandardId = Annotated[
    str,
    WithJsonSchema({"type": "string", "pattern": ID_PATTERN, "maxLength": 64, "example": "ngsi-ld",
                    "description": "Id of the standard in the register."}),
    Path(..., description="Id of the standard in the register."),
]
AdapterId = Annotated[int, Path(..., ge=1, le=2_147_483_647, example=1)]
CategoryCode = Literal[tuple(CATEGORIES)]
KindCode = Literal[tuple(KINDS)]
RuleCode = Literal[tuple(RULES)]
ProvidingRole = Literal[tuple(PROVIDING_ROLES)]
ConsumingRole = Literal[tuple(CONSUMING_ROLES)]
Version = Annotated[str, Field(min_length=1, max_length=40, pattern=TEXT)]
Line = Annotated[str, Field(max_length=500, pattern=TEXT)]


# --- query parameters -------------------------------------------------------------------------------


class InteropStandardParams(Schema):
    category: CategoryCode | None = Field(None, description="Only this category.")
    kind: KindCode | None = Field(None, description="Only this kind.")
    retired: bool | None = Field(None, description="true: only retired standards; false: only those in use.")
    page: int = Field(1, ge=1, le=10_000)
    per_page: int = Field(100, ge=1, le=500)


class InteropCompatibilityParams(Schema):
    with_: str | None = Field(None, alias="with", max_length=120, pattern=r"^[-a-zA-Z0-9_]+$",
                              description="Slug of the other solution; without it, every solution that works with "
                              "this one.")
    limit: int = Field(100, ge=1, le=1000, description="At most this many solutions (without `with`).")


# --- request bodies ---------------------------------------------------------------------------------


class InteropDescription(Schema):
    model_config = ConfigDict(extra="forbid")
    de: Line
    en: Line


class InteropStandardFields(Schema):
    model_config = ConfigDict(extra="forbid")

    name: str = Field(max_length=120, pattern=TEXT)
    uri: str = Field(max_length=500, pattern=TEXT, description="The official specification (http or https).")
    category: CategoryCode
    kind: KindCode
    maintainer: str = Field("", max_length=120, pattern=TEXT)
    versions: list[Version] = Field(default_factory=list, max_length=100)
    compatibility: RuleCode = "exact"
    groups: list[Annotated[list[Version], Field(min_length=1, max_length=100)]] = Field(
        default_factory=list, max_length=100, description="Only with compatibility `groups`.")
    roles: list[tuple[ProvidingRole, ConsumingRole]] = Field(min_length=1, max_length=9,
                                                             description="Pairs [providing role, consuming role].")
    description: InteropDescription


class InteropStandardIn(InteropStandardFields):
    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [{
        "id": "ogc-api-edr", "name": "OGC API – Environmental Data Retrieval", "uri": "https://ogcapi.ogc.org/edr/",
        "category": "geodata", "kind": "interface", "maintainer": "OGC", "versions": ["1.0", "1.1"],
        "compatibility": "semver-major", "roles": [["server", "client"]],
        "description": {"de": "Abfrage von Umweltdaten an Orten und in Gebieten.",
                        "en": "Retrieval of environmental data at points and in areas."},
    }]})
    id: str = Field(max_length=64, pattern=ID_PATTERN)


class InteropRetireIn(Schema):
    model_config = ConfigDict(extra="forbid")
    retired: bool = True
    reason: str = Field("", max_length=500, pattern=TEXT)


class InteropAdapterIn(Schema):
    model_config = ConfigDict(extra="forbid", populate_by_name=True, json_schema_extra={"examples": [
        {"from": "mqtt", "to": "ngsi-ld", "both_ways": False,
         "via": {"de": "ein FIWARE IoT Agent", "en": "a FIWARE IoT Agent"}}]})
    from_: str = Field(alias="from", max_length=64, pattern=ID_PATTERN)
    to: str = Field(max_length=64, pattern=ID_PATTERN)
    both_ways: bool = False
    via: InteropDescription


# --- responses ---------------------------------------------------------------------------------------


class InteropStandardRef(Schema):
    id: str
    name: str
    html_url: str
    api_url: str


class InteropStandardOut(InteropStandardRef):
    uri: str
    platform_uri: str
    category: str
    category_label: str
    kind: str
    kind_label: str
    maintainer: str
    versions: list[str]
    compatibility: str
    compatibility_label: str
    groups: list[list[str]]
    roles: list[list[str]]
    description: str
    description_de: str
    description_en: str
    retired: bool
    updated_at: str


class InteropAdapterOut(Schema):
    id: int
    from_: InteropStandardRef = Field(alias="from")
    to: InteropStandardRef
    both_ways: bool
    via: str
    via_de: str
    via_en: str


class InteropStandardList(Schema):
    total: int
    page: int
    pages: int
    per_page: int
    items: list[InteropStandardOut]
    downloads: dict[str, str]


class InteropDeclared(Schema):
    solution: dict
    role: str
    version: str


class InteropStandardDetail(InteropStandardOut):
    adapters: list[InteropAdapterOut]
    provided_by: list[InteropDeclared]
    consumed_by: list[InteropDeclared]
    platforms: list[dict]


class InteropAdapterList(Schema):
    items: list[InteropAdapterOut]


class InteropCompatibilityOut(Schema):
    a: str
    b: str
    status: str
    connections: list[dict]
    adapters: list[dict]
    missing: list[dict]
    unknown: list[dict]


class InteropPairOut(Schema):
    solution: dict
    other: dict
    compatibility: InteropCompatibilityOut
    html_url: str


class InteropWorksWithItem(Schema):
    solution: dict
    compatibility: InteropCompatibilityOut
    html_url: str


class InteropWorksWithOut(Schema):
    solution: dict
    total: int
    items: list[InteropWorksWithItem]


class InteropInventoryMatchOut(Schema):
    kind: str
    name: str
    status: str
    inventory_entry: int | None
    inventory_status: str | None
    solution: dict | None
    platform: int | None
    compatibility: InteropCompatibilityOut | None


class InteropMunicipalCompatibilityOut(Schema):
    solution: dict
    municipality: dict
    items: list[InteropInventoryMatchOut]


class InteropFactorOut(Schema):
    id: str
    label: str
    label_en: str
    label_de: str
    weight: int
    fraction: float
    points: float
    evidence: str
    evidence_en: str
    evidence_de: str
    known: bool
    source: str


class InteropExitScoreOut(Schema):
    solution: dict
    score: int
    band: str
    band_label: str
    band_en: str
    band_de: str
    total_weight: int
    unknown: list[str]
    factors: list[InteropFactorOut]
    method_url: str
