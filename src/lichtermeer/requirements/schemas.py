"""Shapes of the catalogue's JSON API: query parameters, request bodies and responses.

Texts of the catalogue come in both languages as in the catalogue format ({"de": ..., "en": ...}); labels of
codes (`*_label`) are in the language of the request.
"""

import datetime as dt
from typing import Annotated, Any, Literal

from ninja import Field, Path, Schema
from pydantic import ConfigDict

from .models import Proposal

TEXT = r"^[^\x00-\x08\x0b\x0c\x0e-\x1f]*$"
SEMVER = r"^[0-9]{1,6}\.[0-9]{1,6}\.[0-9]{1,6}$"

RequirementCode = Annotated[str, Path(..., pattern=r"^LM-[A-Z]{2}-[0-9]{2}$", example="LM-DS-01")]
VersionNumber = Annotated[str, Path(..., pattern=SEMVER, max_length=20, example="1.0.0")]
ProposalNumber = Annotated[int, Path(..., ge=1, le=2_147_483_647, example=1)]


# --- query parameters -------------------------------------------------------------------------------


class VersionParams(Schema):
    format: Literal["yaml", "json"] | None = Field(
        None, description="yaml or json: the catalogue document itself (as downloaded), instead of the summary."
    )


class RequirementParams(Schema):
    version: str | None = Field(
        None, pattern=SEMVER, max_length=20, description="Show the requirement as in this version (default: current)."
    )


class DiffParams(Schema):
    from_version: str | None = Field(
        None, alias="from", pattern=SEMVER, max_length=20, description="The older version (default: the one before "
        "the newest)."
    )
    to_version: str | None = Field(
        None, alias="to", pattern=SEMVER, max_length=20, description="The newer version (default: the newest)."
    )


class ProposalParams(Schema):
    status: Literal[tuple(Proposal.Status.values)] | None = Field(None, description="Only proposals in this status.")


# --- request bodies ---------------------------------------------------------------------------------


class CommentIn(Schema):
    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [{"body": "Bitte auch Backups nennen."}]})

    body: str = Field(min_length=1, max_length=5000, pattern=TEXT, description="Public, with your name.")


class VoteIn(Schema):
    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [{"choice": "yes", "reason": ""}]})

    choice: Literal["yes", "no", "abstain"]
    reason: str = Field("", max_length=1000, pattern=TEXT)


# --- responses --------------------------------------------------------------------------------------


class LocalisedText(Schema):
    de: str
    en: str


class Reference(Schema):
    source: str
    ref: str
    url: str | None = None


class AppliesTo(Schema):
    software_types: list[str] = Field(description="Empty: all software types.")
    operating_models: list[str] = Field(description="Empty: all operating models.")


class Evidence(Schema):
    kind: str
    label: str


class CatalogueVersionSummary(Schema):
    version: str
    bump: str = Field(description="initial, major, minor or patch.")
    bump_label: str
    title: LocalisedText
    published_at: dt.datetime
    effective_from: dt.date
    transition_until: dt.date | None
    changelog: LocalisedText | None
    previous: str | None = Field(description="The version before this one.")
    requirement_count: int
    in_force: bool = Field(description="This is the version in force today.")
    html_url: str
    api_url: str
    yaml_url: str
    json_url: str


class RequirementSummary(Schema):
    id: str
    category: str
    category_label: str
    obligation: str = Field(description="MUSS, SOLL or KANN.")
    obligation_label: str
    title: LocalisedText
    review_by: dt.date
    review_overdue: bool
    html_url: str
    api_url: str


class CatalogueOut(Schema):
    version: CatalogueVersionSummary
    upcoming: CatalogueVersionSummary | None = Field(description="A published version that is not yet in force.")
    requirements: list[RequirementSummary]


class CatalogueVersionList(Schema):
    items: list[CatalogueVersionSummary] = Field(description="Newest first.")


class CatalogueVersionDetail(CatalogueVersionSummary):
    description: LocalisedText | None
    requirements: list[RequirementSummary]


class CatalogueDocument(Schema):
    """A catalogue document as published (format lichtermeer-catalogue/1; see catalogue.schema.json)."""

    model_config = ConfigDict(extra="allow", title="CatalogueDocument")

    format: Literal["lichtermeer-catalogue/1"]
    id: str
    version: str
    title: LocalisedText
    requirements: list[dict[str, Any]]


class FieldChange(Schema):
    model_config = ConfigDict(populate_by_name=True)

    field: str = Field(description="E.g. statement.de, obligation, applies_to.software_types.")
    old: Any = Field(alias="from")
    new: Any = Field(alias="to")


class RequirementChange(Schema):
    id: str
    title: LocalisedText
    obligation: str
    normative: bool = Field(description="A change in substance (not only wording, references or review date).")
    tightening: bool = Field(description="The requirement became stricter.")
    fields: list[FieldChange]


class HistoryEntry(Schema):
    version: str
    published_at: dt.datetime
    effective_from: dt.date
    event: Literal["added", "changed", "unchanged", "retired"]
    change: RequirementChange | None


class ProposalSummary(Schema):
    number: int
    kind: str = Field(description="add, change or retire.")
    kind_label: str
    requirement: str
    title: str
    status: str
    status_label: str
    tightens: bool
    created_at: dt.datetime
    comment_until: dt.datetime
    voting_opens_at: dt.datetime | None
    voting_closes_at: dt.datetime | None
    base_version: str
    published_in: str | None
    html_url: str
    api_url: str


class RequirementDetail(RequirementSummary):
    version: str = Field(description="The catalogue version this text is from.")
    in_force: bool = Field(description="The text is the one of the version in force today.")
    retired_in: str | None = Field(description="The version that retired the requirement, if any.")
    statement: LocalisedText
    rationale: LocalisedText
    applies_to: AppliesTo
    evidence: list[Evidence]
    checks: list[str] = Field(description="Automated checks; empty: decided by reviewers.")
    decided_by_reviewers: bool
    references: list[Reference]
    history: list[HistoryEntry] = Field(description="Newest first.")
    proposals: list[ProposalSummary]


class DiffRequirement(Schema):
    id: str
    obligation: str
    category: str
    title: LocalisedText


class DiffOut(Schema):
    model_config = ConfigDict(populate_by_name=True)

    old: str | None = Field(alias="from")
    new: str | None = Field(alias="to")
    bump: str | None = Field(description="major, minor, patch or null (no change).")
    added: list[DiffRequirement]
    retired: list[DiffRequirement]
    changed: list[RequirementChange]
    metadata: list[FieldChange]


class ProposalList(Schema):
    items: list[ProposalSummary]


class CommentOut(Schema):
    id: int
    author: str
    created_at: dt.datetime
    hidden: bool
    hidden_reason: str = Field(description="Why the operator hid the comment.")
    body: str | None = Field(description="null when hidden.")


class ConflictOut(Schema):
    member: str


class TallyOut(Schema):
    yes: int
    no: int
    abstain: int
    cast: int
    eligible: int
    quorum: str = Field(description="Share of eligible members who must vote, e.g. 1/2.")
    majority: str = Field(description="Share of yes among yes and no votes needed, e.g. 1/2.")
    quorum_met: bool
    majority_met: bool
    accepted: bool


class DecisionOut(Schema):
    outcome: str
    yes: int
    no: int
    abstain: int
    eligible: int
    quorum_met: bool
    majority_met: bool
    reasons: str
    decided_at: dt.datetime


class ProposalDetail(ProposalSummary):
    reasoning: str
    author: str
    proposed: dict[str, Any] | None = Field(description="The proposed requirement (catalogue format); null to retire.")
    current: dict[str, Any] | None = Field(description="The requirement as in the base version; null to add.")
    change: RequirementChange | None = Field(description="Proposed against current text, for a change.")
    comments: list[CommentOut]
    conflicts: list[ConflictOut]
    tally: TallyOut | None = Field(description="Once voting has opened.")
    decision: DecisionOut | None


class Seat(Schema):
    name: str
    role: str
    role_label: str
    affiliation: str
    declared_interests: str
    term_start: dt.date
    term_end: dt.date
    ended_early_on: dt.date | None


class CommitteeOut(Schema):
    sitting: list[Seat]
    former: list[Seat]


class ReviewOut(Schema):
    version: str | None
    overdue: list[RequirementSummary]
    due_soon: list[RequirementSummary]


class VoteOut(Schema):
    proposal: int
    choice: str
    reason: str
    cast_at: dt.datetime
