"""Shapes of the procurement JSON API: shortlists, the comparison, the stateless UfAB evaluation and evaluations."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from ninja import Field, Path, Query, Schema
from pydantic import ConfigDict

TEXT = r"^[^\x00-\x08\x0b\x0c\x0e-\x1f]*$"
# One line with at least one visible character; no C0 or C1 control characters (the service would refuse them).
LINE = r"^[^\x00-\x1f\x7f-\x9f]*[^\s\x00-\x1f\x7f-\x9f][^\x00-\x1f\x7f-\x9f]*$"
SLUG = r"^[a-z0-9][a-z0-9-]*$"

ShortlistId = Annotated[int, Path(..., ge=1, le=2_147_483_647, example=1)]
EvaluationId = Annotated[int, Path(..., ge=1, le=2_147_483_647, example=1)]
SolutionSlug = Annotated[str, Path(..., max_length=120, example="beispielportal")]


class ShortlistIn(Schema):
    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [
        {"name": "Parksensorik 2026", "note": "Vorauswahl für die Markterkundung"}]})

    name: str = Field(..., min_length=1, max_length=200, pattern=LINE)
    note: str = Field("", max_length=2000, pattern=TEXT)


class ShortlistPatch(Schema):
    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [{"name": "Parksensorik (neu)"}]})

    name: str | None = Field(None, min_length=1, max_length=200, pattern=LINE)
    note: str | None = Field(None, max_length=2000, pattern=TEXT)


class ItemIn(Schema):
    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [{"solution": "beispielportal"}]})

    solution: str = Field(..., max_length=120, pattern=SLUG, description="Slug of a listed solution.")
    note: str = Field("", max_length=2000, pattern=TEXT)


class ShortlistSolutionRef(Schema):
    slug: str
    name: str
    provider: str
    listing_status: str
    listing_status_label: str
    html_url: str
    api_url: str


class ItemOut(Schema):
    solution: ShortlistSolutionRef
    note: str
    added_at: dt.datetime


class ShortlistSummary(Schema):
    id: int
    name: str
    note: str
    organisation: str | None
    item_count: int
    created_at: dt.datetime
    updated_at: dt.datetime
    html_url: str
    api_url: str


class ShortlistOut(ShortlistSummary):
    owned: bool = Field(description="The token's user owns it (else a colleague's shortlist, read-only).")
    items: list[ItemOut]


class ShortlistList(Schema):
    count: int
    items: list[ShortlistSummary]


class ComparisonParams(Schema):
    solution: list[Annotated[str, Field(max_length=120)]] = Field(
        default_factory=list, max_length=50,
        description="Slugs of shortlisted solutions to compare (repeat the parameter; at most "
                    "COMPARISON_MAX_SOLUTIONS, 6 by default). Without: all, if there are not more than that.")


ComparisonQuery = Query[ComparisonParams]


class CellOut(Schema):
    text: str
    tone: str
    href: str


class RowOut(Schema):
    key: str
    label: str
    hint: str
    cells: list[CellOut]


class SectionOut(Schema):
    key: str
    label: str
    rows: list[RowOut]


class ComparedSolution(Schema):
    slug: str
    name: str
    provider: str
    html_url: str


class ComparisonOut(Schema):
    shortlist: int
    solutions: list[ComparedSolution]
    sections: list[SectionOut]


class UfabOfferOut(Schema):
    id: str
    excluded: bool
    reason: str | None
    L: float | int | None
    Z: float | int | None


class UfabOut(Schema):
    model_config = ConfigDict(extra="allow")

    offers: list[UfabOfferOut]
    ranking: list[str]
    ties: list[list[str]] | None = None
    band: dict[str, Any] | None = None


class CriterionOut(Schema):
    id: str
    kind: str
    title: str
    weight: float | int | None
    parent: str
    requirement_id: str
    catalogue_version: str
    obligation: str
    source: str
    source_url: str


class OfferOut(Schema):
    id: str
    bidder: str
    solution: str | None
    price: str | None


class EvaluationOut(Schema):
    id: int
    title: str
    reference: str
    subject: str
    organisation: str
    status: str
    method: str
    parameters: dict[str, Any]
    evb_it: dict[str, str] | None
    shortlist: int | None
    criteria: list[CriterionOut]
    offers: list[OfferOut]
    result: dict[str, Any] | None = Field(description="The stored result of the last evaluation (null when the "
                                                      "evaluation changed since, or was never evaluated).")
    evaluated_at: dt.datetime | None
    recorded_at: dt.datetime | None
    html_url: str
