"""Sample catalogues shared by the catalogue engine tests."""

from pathlib import Path

DATA = Path(__file__).parent / "data"
CATALOGUE_FILE = DATA / "basisanforderungen-1.0.0.yml"

# A minimal valid catalogue; tests change single lines and expect findings at these positions.
MINIMAL = """\
format: lichtermeer-catalogue/1
id: test
version: 1.0.0
title:
  de: Test
  en: Test
requirements:
  - id: LM-DS-01
    category: data-protection
    obligation: MUSS
    title: {de: Titel, en: Title}
    statement: {de: Aussage, en: Statement}
    rationale: {de: Grund, en: Reason}
    evidence: [declaration]
    references:
      - {source: DSGVO, ref: Art. 5}
    review_by: 2027-01-31
"""


def requirement(document: dict, requirement_id: str) -> dict:
    return next(r for r in document["requirements"] if r["id"] == requirement_id)
