"""Catalogue engine: read, validate, write, change and compare catalogues of base requirements.

Plain Python, no Django. The contract is the JSON Schema `catalogue.schema.json` (format
"lichtermeer-catalogue/1"); this package adds the checks the schema cannot express (unique
requirement ids, id prefix = category, real calendar dates, effective_from <= transition_until).

    result = load(data, path="katalog.yml")        # YAML or JSON, untrusted
    result.valid, result.findings, result.document # document None unless valid
    validate(document)                             # the same checks for documents built in code
    text = dump_yaml(document)                     # canonical; load(text).document == document
    new = apply(base, [Change("add", "LM-DS-04", requirement)], version="1.1.0", published=...,
                effective_from=..., transition_until=None, changelog=None)
    d = diff(base, new, tightened={"LM-DS-01"}); d.bump; d.to_dict(); render_diff_text(d, "de")
    next_version("1.0.0", d.bump)

Version bump rule (`Diff.bump`, semantic versioning of the catalogue):

* major - a MUSS requirement is added, or a requirement that is MUSS in the new version is
  tightened: its obligation rose (to MUSS), its applies_to was widened (more software types or
  operating models, or a restricted list became "all"), its accepted evidence was narrowed (a
  kind removed), or its id is in `tightened` (the committee declared the statement stricter).
  Tightening only counts together with a normative change.
* minor - any other normative change: statement, obligation, category, applies_to, evidence or
  checks of a requirement; a SOLL or KANN requirement added; a requirement retired.
* patch - only non-normative fields changed: title, rationale, references, review_by of a
  requirement, or catalogue metadata (id, title, description, published, effective_from,
  transition_until, changelog).
* None  - nothing changed (list order inside evidence/checks/applies_to does not count).

Retired ids must never be reused; `apply` cannot check that (it sees one base version only).
"""

from __future__ import annotations

from typing import Any

from .changes import Change, apply, tightened
from .diffing import Diff, FieldChange, RequirementChange, RequirementSummary, diff
from .dumping import dump_json, dump_yaml
from .findings import CatalogueError, Finding, LoadResult, finding
from .loader import MAX_BYTES, load, load_file
from .rendering import render_diff_text
from .schema import CATEGORIES, EVIDENCE_KINDS, FORMAT, OBLIGATIONS, OPERATING_MODELS, SCHEMA, SOFTWARE_TYPES, Category
from .validation import check
from .versions import compare_versions, next_version, version_key

__all__ = [
    "CATEGORIES", "EVIDENCE_KINDS", "FORMAT", "MAX_BYTES", "OBLIGATIONS", "OPERATING_MODELS", "SCHEMA",
    "SOFTWARE_TYPES", "CatalogueError", "Category", "Change", "Diff", "FieldChange", "Finding", "LoadResult",
    "RequirementChange", "RequirementSummary", "apply", "compare_versions", "diff", "dump_json", "dump_yaml",
    "load", "load_file", "next_version", "render_diff_text", "tightened", "validate", "version_key",
]


def validate(document: dict[str, Any]) -> list[Finding]:
    """All findings for a document built in code (no positions: line and column are 0)."""
    return [finding(issue.path, issue.text) for issue in check(document)]
