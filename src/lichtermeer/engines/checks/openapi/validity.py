"""Is a supplied document a valid OpenAPI 3.0 or 3.1 description? (openapi-spec-validator, offline)

The structural check (the OpenAPI JSON Schema) and openapi-spec-validator's semantic checks
(path parameters, operationIds, schema defaults …) run on the document as supplied. References
are followed only inside the document: a `$ref` to another file or a URL is never fetched; the
document is then judged as far as it can be, and the reference is reported.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from lichtermeer.engines.publiccode.messages import Text

from .positions import PNode, Source, SourceError, parse_document
from .resolver import find_references

# Problems named in the explanation; the rest are counted.
SHOWN_ERRORS = 3
# Problems collected per document (a broken document can have one per value).
MAX_ERRORS = 1000


@cache
def _offline_validators() -> dict[str, type]:
    """openapi-spec-validator without file or URL handlers: nothing outside the document is read.
    (Imported here, on first use: jsonschema is slow to import.)"""
    from openapi_spec_validator import OpenAPIV30SpecValidator, OpenAPIV31SpecValidator

    class Offline30(OpenAPIV30SpecValidator):
        resolver_handlers: dict = {}

    class Offline31(OpenAPIV31SpecValidator):
        resolver_handlers: dict = {}

    return {"3.0": Offline30, "3.1": Offline31}


@dataclass
class Problem:
    path: tuple[str, ...]
    message: str
    line: int = 0
    column: int = 0

    @property
    def pointer(self) -> str:
        return "#/" + "/".join(part.replace("~", "~0").replace("/", "~1") for part in self.path) if self.path else "#"

    def where(self) -> str:
        place = self.pointer
        return f"{place} (line {self.line}, column {self.column})" if self.line else place


@dataclass
class Verdict:
    status: str  # "valid", "invalid", "unsupported" (not OpenAPI 3.0/3.1), "unchecked" (validator failed)
    reason: Text | None = None
    problems: list[Problem] = field(default_factory=list)
    total: int = 0  # problems found (may exceed len(problems))
    external_refs: list[str] = field(default_factory=list)
    version: str = ""


_VERSION = re.compile(r"3\.[01](\..*)?", re.S)  # the schema checks the exact form (e.g. "3.0.3")


def judge(data: Any, source: Callable[[], Source | None] | None = None) -> Verdict:
    """The verdict on one parsed document; `source` gives positions, read only when a problem needs them."""
    if not isinstance(data, dict):
        return Verdict("unsupported", Text("the document's top level is not an object, so it is not an OpenAPI "
                                           "description",
                                           "die oberste Ebene des Dokuments ist kein Objekt, es ist also keine "
                                           "OpenAPI-Beschreibung"))
    if "swagger" in data and "openapi" not in data:
        return Verdict("unsupported", Text(
            f"it is a Swagger/OpenAPI {data['swagger']} document; LM-OS-01 requires OpenAPI 3.0 or 3.1 "
            "(convert it, e.g. with swagger2openapi)",
            f"es ist ein Swagger/OpenAPI-{data['swagger']}-Dokument; LM-OS-01 verlangt OpenAPI 3.0 oder 3.1 "
            "(umwandeln, z. B. mit swagger2openapi)"))
    version = data.get("openapi")
    if version is None:
        return Verdict("unsupported", Text("it has no `openapi` field naming the OpenAPI version",
                                           "es fehlt das Feld `openapi` mit der OpenAPI-Version"))
    if not isinstance(version, str) or not _VERSION.fullmatch(version):
        return Verdict("unsupported", Text(
            f"`openapi: {version}` is not OpenAPI 3.0.x or 3.1.x (the version is a text such as \"3.0.3\")",
            f"`openapi: {version}` ist nicht OpenAPI 3.0.x oder 3.1.x (die Version ist ein Text wie \"3.0.3\")"))
    external = sorted({ref.ref for ref in find_references(data) if ref.target is None})
    family = "3.1" if version.startswith("3.1") else "3.0"
    try:
        problems, total = _problems(family, data, source, skip_refs=bool(external))
    except RecursionError:
        return Verdict("invalid", Text("its $ref references form a cycle (or it nests too deeply) and cannot be "
                                       "resolved",
                                       "seine $ref-Verweise bilden einen Zyklus (oder es ist zu tief verschachtelt) "
                                       "und lassen sich nicht auflösen"), version=version, external_refs=external)
    except Exception as exc:  # noqa: BLE001 - the validator must not take the assessment down
        return Verdict("unchecked", Text(f"the validator stopped ({type(exc).__name__})",
                                         f"der Validator brach ab ({type(exc).__name__})"),
                       version=version, external_refs=external)
    status = "invalid" if total else "valid"
    return Verdict(status, None, problems, total, external, version)


def _problems(family: str, data: Any, source: Callable[[], Source | None] | None,
              skip_refs: bool) -> tuple[list[Problem], int]:
    """Structural problems (the OpenAPI JSON Schema, with the most specific error of each failed
    alternative), then - for a structurally valid document - openapi-spec-validator's semantic checks."""
    import referencing.exceptions

    from .schema_checks import document_validator, specific

    problems: list[Problem] = []
    total = 0
    structural = document_validator(family).iter_errors(data)
    for stream_index in range(2):
        if stream_index == 1:
            if total or skip_refs:
                break
            validator = _offline_validators()[family](data)
            # Called directly rather than through `iter_errors`, which caches every validator for the process.
            stream: Iterator[Any] = validator.root_validator(validator.schema_path)
        else:
            stream = structural
        try:
            for error in stream:
                total += 1
                if len(problems) < MAX_ERRORS:
                    problems.append(_problem(specific(error), source))
                if total >= MAX_ERRORS:
                    return problems, total
        except referencing.exceptions.Unresolvable as exc:
            total += 1
            problems.append(Problem((), f"unresolvable reference {exc.ref!r}"))
    return problems, total


def _problem(error: Any, source: Callable[[], Source | None] | None) -> Problem:
    path = tuple(str(part) for part in getattr(error, "absolute_path", ()) or ())
    message = error.message.split("\n\n")[0].strip()
    if len(message) > 300:
        message = message[:297] + "..."
    line = column = 0
    positions = source() if source is not None and path else None
    if positions is not None:
        line, column = key_position(positions, path)
    return Problem(path, message, line, column)


def key_position(source: Source, path: tuple[str, ...]) -> tuple[int, int]:
    """1-based line and column of the key (or array item) a path ends at, or of its closest parent."""
    node: PNode = source.root
    start = node.start
    for segment in path:
        if node.kind == "map":
            entry = next((item for item in reversed(node.entries) if item[0].value == segment), None)
            if entry is None:
                break
            start = entry[0].start
            if entry[1] is None:
                break
            node = entry[1]
        elif node.kind == "seq" and segment.isdigit() and int(segment) < len(node.items):
            node = node.items[int(segment)]
            start = node.start
        else:
            break
    line, column = source.line_col(start)
    return line + 1, column + 1


def source_of(text: str) -> Source | None:
    try:
        return parse_document(text)
    except (SourceError, RecursionError):
        return None
