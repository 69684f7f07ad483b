"""Compiled schema validators (fastjsonschema) that only answer "valid or not" — the fast path of `sbom.valid`.

jsonschema takes 0.3–1 s for a 300-component SBOM; the same schema compiled to Python code takes a few
milliseconds. The compiled validator decides only whether a document is valid. When it is not (or when it
cannot say), validate.py runs the jsonschema validator of jsonschemas.py, which lists every problem with its
JSON pointer, so explanations are exactly as before and the final answer is always the jsonschema one.

What makes that safe is one direction: "compiled says valid" must imply "jsonschema says valid". Where the
two could differ, the compiled one is built to be the stricter:
* the same schema files, references resolved to the same local files (never the network: an unknown
  reference makes compilation fail, and the version falls back to jsonschema alone);
* every `format` goes through the very FormatChecker jsonschema uses (with the `iri-reference` / `iri`
  semantics of jsonschemas.py), formats jsonschema does not know are not checked by either;
* `uniqueItems`, `enum` and `const` compare with JSON equality (1 == 1.0, true != 1) in both;
* fastjsonschema anchors a pattern's `$` at the very end (`\\Z`) where `re.search` also accepts a final
  newline: stricter, so such a value only costs the jsonschema run;
* `default` values are never written into the document (`use_default=False`).
tests/engines_checks/test_sbom_fastpath.py compares both decisions on every spec test file and real SBOM.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import fastjsonschema
from cyclonedx.schema._res import CRYPTOGRAPHY_DEFS, JSF, SPDX_JSON  # see jsonschemas.py
from fastjsonschema.draft07 import CodeGeneratorDraft07
from fastjsonschema.ref_resolver import RefResolver

from .jsonschemas import _SPDX23_SCHEMA, _canonical, _format_checker, cyclonedx_schema_path

logger = logging.getLogger(__name__)

# The documents CycloneDX schemas refer to, by file name (`spdx.SNAPSHOT.schema.json` …), all local.
_REFERENCED = {Path(path).name: path for path in (SPDX_JSON, JSF, CRYPTOGRAPHY_DEFS)}
_ENUM_AS_SET = 8  # longer all-string enums become one set lookup instead of a chain of comparisons

Validator = Callable[[Any], bool]
# Why a schema version has no compiled validator (for the benchmark and the report), by version.
UNAVAILABLE: dict[str, str] = {}


def _read(path: str | Path) -> Any:
    # A fresh copy per compilation: fastjsonschema rewrites `$ref`s in place.
    with open(path, encoding="utf-8") as handle:
        return json.load(handle)


def _local_document(uri: str) -> Any:
    """The only way a reference is resolved: a file shipped with cyclonedx-python-lib, by name."""
    name = Path(urlsplit(uri).path).name
    if name not in _REFERENCED:
        raise fastjsonschema.JsonSchemaDefinitionException(f"reference to an unknown document: {uri}")
    document = _read(_REFERENCED[name])
    # Its own `$id` (…/jsf-0.82.schema.json) differs from the name it is referred to by; keep `#/…` inside it.
    document["$id"] = uri
    return document


def _shallow(item: Any) -> Any:
    """A key that two JSON-equal values always share (so distinct keys prove distinct values), cheap for
    objects: their string members only (a string equals only a string)."""
    if isinstance(item, dict):
        return ("object", len(item), frozenset((key, value) for key, value in item.items() if type(value) is str))
    if isinstance(item, list):
        return ("array", len(item))
    return _canonical(item)


def unique_items(items: list) -> bool:
    """JSON-equality uniqueness (as jsonschemas._unique_items) in linear time: shallow keys first, and only
    if two of them collide the full canonical forms. A list of 900 components costs about 1 ms."""
    seen: set = set()
    for item in items:
        key = _shallow(item)
        if key in seen:
            break
        seen.add(key)
    else:
        return True
    full = {_canonical(item) for item in items}
    return len(full) == len(items)


class _Generator(CodeGeneratorDraft07):
    """Draft 7 code generation, changed where it costs time and never in what it accepts:
    * long all-string enums are one set lookup (the 700 SPDX ids were 700 comparisons per licence id);
      both sides compare strings by equality;
    * `uniqueItems` uses `unique_items` above instead of hashing every component in full;
    * a `$ref` call passes no path name (the name is only for messages, built with `locals()` per call);
    * every problem raises one bare exception: the message is never shown, jsonschema writes them."""

    def exc(self, msg: str, *args: Any, append_to_msg: str | None = None, rule: str | None = None) -> None:
        self.l('raise JsonSchemaValueException("invalid")')

    def generate_ref(self) -> None:
        with self._resolver.in_scope(self._definition["$ref"]):
            name = self._resolver.get_scope_name()
            uri = self._resolver.get_uri()
            if uri not in self._validation_functions_done:
                self._needed_validation_functions[uri] = name
            self.l(f"{name}({{variable}}, custom_formats, None)")

    def generate_unique_items(self) -> None:
        if not self._definition["uniqueItems"]:
            return
        self._extra_imports_objects["unique_items"] = unique_items
        with self.l("if isinstance({variable}, list) and not unique_items({variable}):"):
            self.exc("uniqueItems", rule="uniqueItems")

    def generate_enum(self) -> None:
        enum = self._definition["enum"]
        if not (isinstance(enum, list) and len(enum) > _ENUM_AS_SET and all(type(item) is str for item in enum)):
            super().generate_enum()
            return
        name = f"ENUM_SET_{id(enum)}"
        self._extra_imports_objects[name] = frozenset(enum)
        with self.l(f"if not (isinstance({{variable}}, str) and {{variable}} in {name}):"):
            self.exc("enum", rule="enum")


def _formats() -> dict[str, Callable[[Any], bool]]:
    """Every format jsonschema checks, decided by jsonschema's own checker; fastjsonschema's built-in
    formats that jsonschema does not check are switched off (a format is an annotation to jsonschema there)."""
    checker = _format_checker()
    formats: dict[str, Callable[[Any], bool]] = {name: (lambda value: True) for name in _Generator.FORMAT_REGEXS}
    formats["regex"] = lambda value: True
    for name in checker.checkers:
        formats[name] = lambda value, name=name: checker.conforms(value, name)
    return formats


def _compile(schema: dict) -> Validator:
    formats = _formats()
    handlers = dict.fromkeys(("http", "https", "file", "ftp", "urn", ""), _local_document)
    resolver = RefResolver.from_schema(schema, handlers=handlers, store={})
    generator = _Generator(schema, resolver=resolver, formats=formats, use_default=False, use_formats=True,
                           detailed_exceptions=False, fast_fail=True)
    state = generator.global_state  # generates the code
    exec(generator.func_code, state)  # noqa: S102 - code generated from the shipped schema files, not from input
    function = state[resolver.get_scope_name()]

    def is_valid(document: Any) -> bool:
        try:
            function(document, custom_formats=formats)
        except fastjsonschema.JsonSchemaValueException:
            return False
        except Exception:  # noqa: BLE001 - cannot say (e.g. nesting too deep): jsonschema decides
            return False
        return True

    return is_valid


def _compiled_or_none(key: str, path: str | Path) -> Validator | None:
    try:
        return _compile(_read(path))
    except Exception as exc:  # noqa: BLE001 - any compile problem: this version is validated by jsonschema only
        UNAVAILABLE[key] = f"{type(exc).__name__}: {exc}"[:300]
        logger.warning("no compiled validator for %s, using jsonschema only: %s", key, UNAVAILABLE[key])
        return None


@lru_cache(maxsize=8)
def cyclonedx_compiled(spec_version: str) -> Validator | None:
    """The compiled strict CycloneDX schema of `spec_version`, or None (unknown version, or it did not compile)."""
    path = cyclonedx_schema_path(spec_version)
    if path is None:
        return None
    return _compiled_or_none(f"CycloneDX {spec_version}", path)


@lru_cache(maxsize=1)
def spdx23_compiled() -> Validator | None:
    return _compiled_or_none("SPDX 2.3", _SPDX23_SCHEMA)
