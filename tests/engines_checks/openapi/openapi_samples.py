"""Shared test data: the upstream ADR linter test cases (CC-BY-4.0, copied under data/) and small
hand-written documents. The bund.dev documents stay outside the repository (no licence)."""

from __future__ import annotations

import copy
import json
from pathlib import Path

DATA = Path(__file__).parent / "data"
CASES_DIR = DATA / "adr-testcases"
CASES = sorted(path.name for path in CASES_DIR.iterdir() if path.is_dir())


def case_text(case: str) -> str:
    return (CASES_DIR / case / "openapi.json").read_text(encoding="utf-8")


def expected_text(case: str) -> str:
    return (CASES_DIR / case / "expected-output.txt").read_text(encoding="utf-8")


def baseline() -> dict:
    """The ADR baseline document (valid, no findings), as data to modify."""
    return copy.deepcopy(json.loads(case_text("baseline")))


def as_json(document: dict) -> str:
    return json.dumps(document, indent=4, ensure_ascii=False)
