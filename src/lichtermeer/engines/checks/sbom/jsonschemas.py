"""JSON Schema validators for CycloneDX (the schemas shipped in cyclonedx-python-lib) and SPDX 2.3.

Plain jsonschema Draft 7, made fast enough for thousands of SBOMs: three keywords are swapped for
equivalent linear-time versions, each built once per process.

* `uniqueItems` on `components` is quadratic in jsonschema (deep pairwise comparison): about 4 s of the
  5.7 s keycloak (903 components) took. We compare hashable canonical forms instead, with the same
  equality rules (1 == 1.0, but True != 1).
* `enum` compares every member with a Python-level deep equality; the SPDX id list has 700 members.
  A set lookup gives the same answer for strings.
* `format: iri-reference` goes through an Earley parser (rfc3987-syntax) at ~130 ms per URL: 64 s for
  juice-shop's 1,115 components. We check the RFC 3987 character rules with a regular expression.
"""

from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path
from typing import Any

# Internal to cyclonedx-python-lib, but the only place its schema files are named; a change there
# breaks the tests loudly (tests/engines_checks/test_sbom_valid.py) rather than silently.
from cyclonedx.schema._res import BOM_JSON_STRICT, CRYPTOGRAPHY_DEFS, JSF, SPDX_JSON
from jsonschema import Draft7Validator, FormatChecker
from jsonschema import _keywords as upstream  # the reference implementations we fall back to
from jsonschema.exceptions import ValidationError
from jsonschema.validators import extend
from referencing import Registry
from referencing.jsonschema import DRAFT7

_SCHEMA_PREFIX = "http://cyclonedx.org/schema/"
_SPDX23_SCHEMA = Path(__file__).with_name("spdx-2.3.schema.json")

# RFC 3987 IRI-reference, character level: no spaces, controls or the characters RFC 3987 excludes,
# `%` only as a percent-escape, and a scheme (if any) made of the allowed characters.
_IRI_CHARS = re.compile(r"(?:[^\x00-\x20<>\"{}|\\^`\x7f-\x9f%]|%[0-9A-Fa-f]{2})*")
_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.\-]*")


def _is_iri_reference(value: object) -> bool:
    if not isinstance(value, str):
        return True
    if not _IRI_CHARS.fullmatch(value):
        return False
    head = value.split("/", 1)[0].split("?", 1)[0].split("#", 1)[0]
    return ":" not in head or bool(_SCHEME.fullmatch(head.split(":", 1)[0]))


def _format_checker() -> FormatChecker:
    checker = FormatChecker()
    checker.checkers = dict(Draft7Validator.FORMAT_CHECKER.checkers)
    checker.checkers["iri-reference"] = (_is_iri_reference, ())
    checker.checkers["iri"] = (lambda value: _is_iri_reference(value) and (
        not isinstance(value, str) or ":" in value.split("/", 1)[0]), ())
    return checker


def _canonical(value: Any) -> Any:
    """A hashable form in which two JSON values are equal exactly when jsonschema's `equal` says so."""
    if isinstance(value, bool):
        return ("bool", value)
    if isinstance(value, int | float):
        return ("number", value)
    if isinstance(value, str):
        return ("string", value)
    if isinstance(value, list):
        return ("array", tuple(_canonical(item) for item in value))
    if isinstance(value, dict):
        return ("object", frozenset((key, _canonical(item)) for key, item in value.items()))
    return ("null", None)


def _unique_items(validator, unique, instance, schema):
    if not unique or not validator.is_type(instance, "array"):
        return
    seen: set = set()
    for item in instance:
        key = _canonical(item)
        if key in seen:
            yield ValidationError(f"{instance!r:.200} has non-unique elements")
            return
        seen.add(key)


# id(enum list) -> (the list, kept alive so the id stays its own; its members as a set, or None if not all strings)
_ENUM_SETS: dict[int, tuple[list, frozenset[str] | None]] = {}


def _string_members(enums: list) -> frozenset[str] | None:
    known = _ENUM_SETS.get(id(enums))
    if known is None or known[0] is not enums:
        members = frozenset(enums) if all(isinstance(member, str) for member in enums) else None
        known = _ENUM_SETS[id(enums)] = (enums, members)
    return known[1]


def _enum(validator, enums, instance, schema):
    if isinstance(instance, str) and isinstance(enums, list) and len(enums) > 8:
        members = _string_members(enums)
        if members is not None:
            if instance not in members:
                yield ValidationError(f"{instance!r:.120} is not one of the allowed values ({len(enums)} values)")
            return
    yield from upstream.enum(validator, enums, instance, schema)


FastDraft7 = extend(Draft7Validator, {"uniqueItems": _unique_items, "enum": _enum})


def _load(path: str | Path) -> Any:
    """A schema without its `$schema`: jsonschema picks the validator class for a referenced document by
    `$schema`, which would leave the fast keywords behind at every `$ref` into the SPDX id list."""
    with open(path, encoding="utf-8") as handle:
        schema = json.load(handle)
    schema.pop("$schema", None)
    return schema


@lru_cache(maxsize=1)
def _registry() -> Registry:
    return Registry().with_resources([
        (f"{_SCHEMA_PREFIX}spdx.SNAPSHOT.schema.json", DRAFT7.create_resource(_load(SPDX_JSON))),
        (f"{_SCHEMA_PREFIX}cryptography-defs.SNAPSHOT.schema.json", DRAFT7.create_resource(_load(CRYPTOGRAPHY_DEFS))),
        (f"{_SCHEMA_PREFIX}jsf-0.82.SNAPSHOT.schema.json", DRAFT7.create_resource(_load(JSF))),
    ])


def cyclonedx_schema_path(spec_version: str) -> str | None:
    """The strict schema file (no unknown properties; 1.2 and 1.3 have separate strict files), None if unknown."""
    from cyclonedx.schema import SchemaVersion

    try:
        return BOM_JSON_STRICT.get(SchemaVersion.from_version(spec_version))
    except (ValueError, KeyError):
        return None


@lru_cache(maxsize=8)
def cyclonedx_validator(spec_version: str) -> Draft7Validator | None:
    path = cyclonedx_schema_path(spec_version)
    if path is None:
        return None
    return FastDraft7(_load(path), registry=_registry(), format_checker=_format_checker())


@lru_cache(maxsize=1)
def spdx23_validator() -> Draft7Validator:
    return FastDraft7(_load(_SPDX23_SCHEMA), format_checker=_format_checker())
