"""Shapes of the solution catalogue's JSON API: request bodies, query parameters and responses.

Problem documents (every error the API returns) are defined API-wide in lichtermeer.problems; here only
engine findings and platform-fact errors are turned into their `errors` entries.
"""

import datetime as dt
from typing import Annotated, Any, Literal

from ninja import Field, Path, Schema
from pydantic import ConfigDict

from lichtermeer.problems import ErrorItem, error_item

from . import vocab

# --- solution findings as problem errors ----------------------------------------------------------


def finding_item(finding) -> dict:
    """A publiccode engine Finding as an ErrorItem (the engine says 0 for "no position")."""
    return error_item(
        str(finding.key or ""),
        str(finding.description),
        str(finding.description_de or finding.description),
        line=finding.line or None,
        column=finding.column or None,
        type=str(finding.type),
    )


def fact_error_item(error) -> dict:
    key = f"facts.{error.key}" if error.key else "facts"
    return error_item(key, error.message_en, error.message_de)


# --- query parameters -------------------------------------------------------------------------------

Sort = Literal["relevance", "name", "updated", "newest", "release"]
# Control characters have no place in a search and PostgreSQL refuses NUL outright.
PRINTABLE = r"^[^\x00-\x1f\x7f]*$"
# Free text may hold tabs and line breaks, but no other control characters.
TEXT = r"^[^\x00-\x08\x0b\x0c\x0e-\x1f]*$"
FacetValue = Annotated[str, Field(max_length=100, pattern=PRINTABLE)]
FacetValues = list[FacetValue]
MAX_FACET_VALUES = 20
SORT_HELP = (
    "relevance, name, updated (recently changed first), newest (recently listed first) "
    "or release (latest release first)."
)


def _facet_param(description: str):
    return Field(default_factory=list, max_length=MAX_FACET_VALUES, description=description)


class PageParams(Schema):
    page: int = Field(1, ge=1, le=10_000, description="1-based page number.")
    per_page: int = Field(20, ge=1, le=100, description="Items per page (at most 100).")


class FilterParams(PageParams):
    """The facet filters of the search page; repeat a parameter to select several values (OR)."""

    domain: FacetValues = _facet_param("Domain, e.g. mobility.")
    category: FacetValues = _facet_param("publiccode.yml category, e.g. it-development.")
    software_type: FacetValues = _facet_param("publiccode.yml softwareType, e.g. standalone/web.")
    development_status: FacetValues = _facet_param("publiccode.yml developmentStatus, e.g. stable.")
    license: FacetValues = _facet_param("open or proprietary.")
    hosting: FacetValues = _facet_param("Hosting model, e.g. saas.")
    standard: FacetValues = _facet_param("Supported standard, e.g. ngsi-ld.")
    maintenance: FacetValues = _facet_param("publiccode.yml maintenance type, e.g. community.")
    listing_status: FacetValues = _facet_param("Listing status, e.g. admitted.")
    kompatibel: str | None = Field(
        None, pattern=r"^[0-9]{8}$",
        description="AGS (eight digits) of a municipality: only solutions with at least one interface that connects "
        "with its active inventory or urban data platforms (the solutions already in that inventory left out). "
        "Combines with every other filter.")
    sort: Sort = Field("name", description=SORT_HELP)

    def filters(self) -> dict[str, list[str]]:
        from .facets import FACETS

        # Like the search page: blank values are ignored, repeated ones count once.
        chosen = {facet: [v for v in getattr(self, facet) if v.strip()] for facet in FACETS}
        return {facet: list(dict.fromkeys(values)) for facet, values in chosen.items() if values}


class SearchParams(FilterParams):
    q: str = Field("", max_length=200, pattern=PRINTABLE, description="Words to search for; empty lists all.")
    listing_status: FacetValues = _facet_param(
        "Listing status: admitted, submitted, suspended or expired. Without this parameter the search lists "
        "admitted solutions only (like the search page); `all` lists every public status."
    )
    sort: Sort = Field("relevance", description=SORT_HELP)


SLUG_PATTERN = r"^[-a-zA-Z0-9_]+$"
SolutionSlug = Annotated[str, Path(..., pattern=SLUG_PATTERN, max_length=120, example="beispielportal")]
OrganisationSlug = Annotated[
    str, Path(..., pattern=SLUG_PATTERN, max_length=100, example="stadtwerk-beispiel")
]


# --- request bodies ---------------------------------------------------------------------------------

DomainValue = Literal[tuple(sorted(vocab.DOMAINS))]
HostingValue = Literal[tuple(sorted(vocab.HOSTING_MODELS))]
PriceModelValue = Literal[tuple(sorted(vocab.PRICE_MODELS))]
# An id of the standards register (/standards/); which ids exist is checked against the stored register.
StandardValue = Annotated[str, Field(max_length=64, pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$",
                                     description="Id of a standard in the standards register, e.g. ngsi-ld.")]
StandardRoleValue = Literal[tuple(sorted(vocab.STANDARD_ROLES))]
LanguageCode = Annotated[str, Field(min_length=2, max_length=8, pattern=r"^[a-z]{2,3}(-[A-Za-z0-9]{2,4})?$")]


class StandardIn(Schema):
    model_config = ConfigDict(extra="forbid")

    standard: StandardValue
    role: StandardRoleValue | None = None
    version: str = Field("", max_length=50, pattern=PRINTABLE)


class FactsIn(Schema):
    """Platform facts that publiccode.yml does not carry. Keys left out keep their current value."""

    model_config = ConfigDict(extra="forbid")

    domains: list[DomainValue] = Field(default_factory=list, max_length=30)
    hosting_models: list[HostingValue] = Field(default_factory=list, max_length=10)
    standards_provided: list[StandardIn] = Field(default_factory=list, max_length=100)
    standards_consumed: list[StandardIn] = Field(default_factory=list, max_length=100)
    price_model: PriceModelValue | Literal[""] = ""
    price_note: dict[LanguageCode, Annotated[str, Field(max_length=2000, pattern=TEXT)]] = Field(
        default_factory=dict, max_length=10
    )

    def as_facts(self) -> dict:
        """Only what the client sent, in the shape services.validate_facts expects."""
        return self.model_dump(exclude_unset=True, exclude_none=True)


EXAMPLE_PUBLICCODE = """\
publiccodeYmlVersion: "0"
name: {name}
url: "{url}"
softwareVersion: "1.0.0"
releaseDate: "2025-01-15"
platforms:
  - web
categories:
  - it-development
developmentStatus: stable
softwareType: "standalone/web"
description:
  de:
    shortDescription: Ein Portal für Beteiligung und Information
    longDescription: >
      Das Portal bündelt Beteiligungsverfahren und Informationen der Verwaltung an einem Ort.
      Bürgerinnen und Bürger können Vorschläge einreichen, kommentieren und den Stand verfolgen.
    features:
      - Beteiligungsverfahren
legal:
  license: EUPL-1.2
maintenance:
  type: community
  contacts:
    - name: Erika Mustermann
localisation:
  localisationReady: true
  availableLanguages:
    - de
"""
EXAMPLE_FACTS = {
    "domains": ["participation"],
    "hosting_models": ["saas", "on-premises"],
    "standards_provided": [{"standard": "oidc", "role": "client"}],
    "price_model": "free-open-source",
}

PUBLICCODE_FIELD = Field(
    description="The publiccode.yml text (UTF-8, at most 1 MiB); larger texts are refused with 413."
)


class SolutionCreateIn(Schema):
    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [{
        "organisation": "stadtwerk-beispiel",
        "publiccode": EXAMPLE_PUBLICCODE.format(name="Neues Portal", url="https://git.example.org/stadt/neues-portal"),
        "facts": EXAMPLE_FACTS,
    }]})

    organisation: str = Field(
        max_length=100, pattern=SLUG_PATTERN, description="Slug of the organisation offering the solution."
    )
    publiccode: str = PUBLICCODE_FIELD
    facts: FactsIn | None = None


class SolutionUpdateIn(Schema):
    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [{
        "publiccode": EXAMPLE_PUBLICCODE.format(
            name="Beispielportal", url="https://git.example.org/stadt/beispielportal"
        ),
        "facts": {"hosting_models": ["saas"]},
    }]})

    publiccode: str = PUBLICCODE_FIELD
    facts: FactsIn | None = None


class ValidateIn(Schema):
    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [{
        "publiccode": EXAMPLE_PUBLICCODE.format(name="Neues Portal", url="https://git.example.org/stadt/neues-portal"),
    }]})

    publiccode: str = PUBLICCODE_FIELD


# --- responses --------------------------------------------------------------------------------------


class OrganisationSummary(Schema):
    slug: str
    name: str
    kind: str
    html_url: str
    api_url: str


class SolutionSummary(Schema):
    slug: str
    name: str
    url: str = Field(description="Source code repository.")
    short_description: str
    organisation: OrganisationSummary
    software_version: str
    release_date: dt.date | None
    development_status: str
    software_type: str
    license: str
    license_open: bool
    listing_status: str
    is_demo: bool
    updated_at: dt.datetime
    html_url: str
    api_url: str


class PlatformFactsOut(Schema):
    domains: list[str]
    hosting_models: list[str]
    standards_provided: list[dict[str, Any]]
    standards_consumed: list[dict[str, Any]]
    price_model: str
    price_note: dict[str, Any]


class VersionOut(Schema):
    number: int
    created_at: dt.datetime
    software_version: str
    source: str
    findings: int = Field(description="How many findings (warnings included) the publiccode engine reported.")


class SolutionDetail(SolutionSummary):
    publiccode_version: str
    maintenance_type: str
    description: dict[str, Any] = Field(description="The description block in the request language.")
    publiccode: dict[str, Any] = Field(description="The publiccode.yml document as stored.")
    platform_facts: PlatformFactsOut
    versions: list[VersionOut] = Field(description="Newest first, at most 20; see /versions for all.")
    publiccode_yml_url: str
    created_at: dt.datetime


class SolutionSaved(SolutionDetail):
    created: bool
    changed: bool
    findings: list[ErrorItem] = Field(description="Warnings of the publiccode engine; errors prevent saving.")


class Page(Schema):
    total: int
    page: int
    pages: int
    per_page: int


class SolutionPage(Page):
    items: list[SolutionSummary]


class FacetCount(Schema):
    value: str
    label: str
    count: int


class SearchOut(Page):
    query: str
    sort: str
    listing_status: list[str] = Field(
        description="The listing statuses searched: the ones asked for, ['admitted'] by default, all public "
        "statuses for `all`."
    )
    items: list[SolutionSummary]
    facets: dict[str, list[FacetCount]]


class OrganisationListItem(OrganisationSummary):
    city: str
    website: str
    is_demo: bool
    solution_count: int = Field(description="Publicly listed solutions.")


class OrganisationPage(Page):
    items: list[OrganisationListItem]


class OrganisationDetail(OrganisationListItem):
    email: str
    phone: str
    street: str
    postcode: str
    country: str
    description: str
    solutions: list[SolutionSummary] = Field(description="What the caller may see (drafts only for editors).")


class ValidationOut(Schema):
    valid: bool
    publiccode_version: str | None
    findings: list[ErrorItem]
    document: dict[str, Any] | None = Field(description="The parsed document when it is valid.")


class VersionList(Schema):
    slug: str
    items: list[VersionOut]
