"""The catalogue format as the JSON Schema declares it, plus the tables read from it.

Everything enumerable (categories, obligations, evidence kinds, ...) and the key order used for
canonical output comes from `catalogue.schema.json`, so the schema stays the single contract.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

SCHEMA: dict[str, Any] = json.loads((Path(__file__).parent / "catalogue.schema.json").read_text(encoding="utf-8"))

_PROPERTIES = SCHEMA["properties"]
_REQUIREMENT = SCHEMA["$defs"]["requirement"]
_REQUIREMENT_PROPERTIES = _REQUIREMENT["properties"]

FORMAT: str = _PROPERTIES["format"]["const"]
OBLIGATIONS: tuple[str, ...] = tuple(_REQUIREMENT_PROPERTIES["obligation"]["enum"])
EVIDENCE_KINDS: tuple[str, ...] = tuple(_REQUIREMENT_PROPERTIES["evidence"]["items"]["enum"])
_APPLIES_TO = _REQUIREMENT_PROPERTIES["applies_to"]["properties"]
SOFTWARE_TYPES: tuple[str, ...] = tuple(_APPLIES_TO["software_types"]["items"]["enum"])
OPERATING_MODELS: tuple[str, ...] = tuple(_APPLIES_TO["operating_models"]["items"]["enum"])


@dataclass(frozen=True)
class Category:
    code: str  # "data-protection"
    prefix: str  # "DS": requirement ids of the category start with LM-DS-
    de: str
    en: str


_NAMES = {  # the schema has codes only; the names are part of the format's documentation
    "data-protection": ("Datenschutz", "Data protection"),
    "information-security": ("Informationssicherheit", "Information security"),
    "open-interfaces": ("Offene Schnittstellen und Standards", "Open interfaces and standards"),
    "portability-exit": ("Portabilität und Ausstieg", "Portability and exit"),
    "accessibility": ("Barrierefreiheit", "Accessibility"),
    "licence-source-code": ("Lizenz und Quellcode", "Licence and source code"),
    "operation-maintenance": ("Betrieb und Wartung", "Operation and maintenance"),
    "transparency-ai": ("Transparenz und KI", "Transparency and AI"),
}


def _categories() -> dict[str, Category]:
    codes = _REQUIREMENT_PROPERTIES["category"]["enum"]
    pattern = _REQUIREMENT_PROPERTIES["id"]["pattern"]
    prefixes = re.fullmatch(r"\^LM-\(([A-Z|]+)\)-\[0-9\]\{2\}\$", pattern).group(1).split("|")  # type: ignore[union-attr]
    if len(codes) != len(prefixes):  # pragma: no cover - guards the schema file
        raise RuntimeError("catalogue.schema.json: categories and id prefixes do not line up")
    return {code: Category(code, prefix, *_NAMES[code]) for code, prefix in zip(codes, prefixes, strict=True)}


CATEGORIES: dict[str, Category] = _categories()
CATEGORY_BY_PREFIX: dict[str, Category] = {c.prefix: c for c in CATEGORIES.values()}

# Key order of canonical output (the schema's property order).
TOP_LEVEL_KEYS: tuple[str, ...] = tuple(_PROPERTIES)
REQUIREMENT_KEYS: tuple[str, ...] = tuple(_REQUIREMENT_PROPERTIES)
TEXT_KEYS: tuple[str, ...] = tuple(SCHEMA["$defs"]["text"]["properties"])
APPLIES_TO_KEYS: tuple[str, ...] = tuple(_APPLIES_TO)
REFERENCE_KEYS: tuple[str, ...] = tuple(_REQUIREMENT_PROPERTIES["references"]["items"]["properties"])
