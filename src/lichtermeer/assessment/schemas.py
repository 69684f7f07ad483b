"""Shapes of the assessment API: request bodies and responses.

Explanations come in both languages ({"de": ..., "en": ...}); labels of codes (`*_label`) are in the language of
the request. People appear by their public name only, never by e-mail address.
"""

import datetime as dt
import math
from typing import Annotated, Literal

from django.conf import settings
from ninja import Field, Path, Schema
from pydantic import ConfigDict

from lichtermeer.engines.checks.evidence import KINDS

# Control characters have no place in names; free text may hold tabs and line breaks.
PRINTABLE = r"^[^\x00-\x1f\x7f]*$"
TEXT = r"^[^\x00-\x08\x0b\x0c\x0e-\x1f]*$"
# Standard base64 with correct padding (RFC 4648, section 4): what decodes without surprises.
BASE64 = r"^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$"
REQUIREMENT = r"^LM-[A-Z]{2}-[0-9]{2}$"

ApplicationId = Annotated[int, Path(..., ge=1, le=2_147_483_647, example=1)]
EvidenceKind = Literal[KINDS]
Judgement = Literal["pass", "fail"]


def base64_length(size: int) -> int:
    return 4 * math.ceil(size / 3)


# --- request bodies ---------------------------------------------------------------------------------


class EvidenceIn(Schema):
    model_config = ConfigDict(extra="forbid")

    kind: EvidenceKind = Field(description="publiccode, sbom, openapi (several allowed), securitytxt, a11y "
                               "(axe-core JSON report) or declarations (JSON); one file per kind otherwise.")
    name: str = Field(min_length=1, max_length=200, pattern=PRINTABLE, description="The file name, e.g. bom.json.")
    content_base64: str = Field(
        max_length=base64_length(settings.EVIDENCE_MAX_FILE_BYTES), pattern=BASE64,
        description=f"The file's bytes, base64-encoded; at most {settings.EVIDENCE_MAX_FILE_BYTES} bytes decoded.")


class ApplicationIn(Schema):
    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [{
        "files": [{"kind": "securitytxt", "name": "security.txt",
                   "content_base64": "Q29udGFjdDogbWFpbHRvOnNlY3VyaXR5QGV4YW1wbGUub3JnCg=="}],
        "publiccode_from_listing": True}]})

    files: list[EvidenceIn] = Field(max_length=settings.EVIDENCE_MAX_FILES, description=(
        f"At most {settings.EVIDENCE_MAX_FILES} files, together at most {settings.EVIDENCE_MAX_TOTAL_BYTES} bytes "
        "decoded."))
    publiccode_from_listing: bool = Field(True, description="Without a publiccode file, use the publiccode.yml of "
                                          "the current listing.")


class JudgementIn(Schema):
    model_config = ConfigDict(extra="forbid")

    requirement: str = Field(pattern=REQUIREMENT, examples=["LM-DS-03"])
    verdict: Judgement = Field(description="pass (met) or fail (not met).")
    comment: str = Field(min_length=1, max_length=5000, pattern=TEXT, description="Reasoning; published in the "
                         "assessment report with your name.")


class ReviewIn(Schema):
    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [{"judgements": [
        {"requirement": "LM-DS-03", "verdict": "pass", "comment": "Verzeichnis der Verarbeitungstätigkeiten liegt "
                                                                  "vor."}]}]})

    judgements: list[JudgementIn] = Field(max_length=200, description="One per requirement open for review.")


class ResolutionIn(Schema):
    model_config = ConfigDict(extra="forbid")

    requirement: str = Field(pattern=REQUIREMENT, examples=["LM-DS-03"])
    verdict: Judgement
    reasons: str = Field(min_length=1, max_length=5000, pattern=TEXT)


class DecisionIn(Schema):
    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [{
        "outcome": "returned", "reasons": "Bitte die Auftragsverarbeitung nachweisen."}]})

    outcome: Literal["admitted", "returned", "rejected"]
    reasons: str = Field(min_length=1, max_length=10000, pattern=TEXT, description="Published in the report.")


# --- responses --------------------------------------------------------------------------------------


class BilingualText(Schema):
    de: str
    en: str


class AssessedSolution(Schema):
    slug: str
    name: str
    organisation: str
    html_url: str
    api_url: str


class EvidenceOut(Schema):
    kind: str
    kind_label: str
    name: str
    sha256: str
    size: int


class CheckResultOut(Schema):
    check: str
    version: str
    status: str = Field(description="pass, fail, warning, not_applicable, needs_review or error.")
    status_label: str
    explanation: BilingualText
    evidence: str = Field(description="The evidence file the result is about ('' if none).")
    location: str = Field(description="Where in that file: line and column, JSON pointer or component.")
    references: list[str]


class RequirementResultOut(Schema):
    requirement: str
    title: BilingualText
    obligation: str
    verdict: str = Field(description="pass, fail, needs_review, error, not_applicable or disputed.")
    verdict_label: str
    source: str = Field(description="check, review, chair or carried (from the previous assessment).")
    source_label: str
    decided_by: list[str] = Field(description="Checks with their version, or the public names of the people.")
    decided_at: dt.datetime | None
    explanation: BilingualText
    checks: list[CheckResultOut]


class AdmissionOut(Schema):
    solution: str
    status: str = Field(description="none, active, grace (transition period), suspended, expired or superseded.")
    status_label: str
    admitted: bool = Field(description="True while the admission is current (active or in its transition period).")
    catalogue_version: str | None
    admitted_at: dt.datetime | None
    valid_until: dt.date | None
    grace_until: dt.date | None
    ended_at: dt.datetime | None
    end_reason: str
    report_html_url: str | None
    report_api_url: str | None
    badge_url: str


class AssessmentReportOut(Schema):
    solution: AssessedSolution
    admission: AdmissionOut
    application: int
    kind: str
    outcome: str
    outcome_label: str
    catalogue_version: str
    submitted_at: dt.datetime
    checked_at: dt.datetime | None
    decided_at: dt.datetime | None
    decided_by: str = Field(description="The chair's public name; '' when the automated checks decided.")
    reasons: str
    check_versions: dict[str, str]
    reference_versions: dict[str, str] = Field(description="Versions of the reference data, e.g. osv-snapshot.")
    counts: dict[str, int]
    requirements: list[RequirementResultOut]
    evidence: list[EvidenceOut]
    html_url: str


class ReviewerOut(Schema):
    name: str
    assigned_at: dt.datetime
    completed_at: dt.datetime | None
    released_at: dt.datetime | None
    release_reason: str


class ApplicationOut(Schema):
    id: int
    solution: AssessedSolution
    kind: str
    status: str
    status_label: str
    catalogue_version: str
    submitted_at: dt.datetime
    submitted_by: str
    checked_at: dt.datetime | None
    decided_at: dt.datetime | None
    decided_by: str
    reasons: str
    check_versions: dict[str, str]
    reference_versions: dict[str, str]
    counts: dict[str, int]
    requirements: list[RequirementResultOut]
    evidence: list[EvidenceOut]
    reviewers: list[ReviewerOut]
    html_url: str
    api_url: str
