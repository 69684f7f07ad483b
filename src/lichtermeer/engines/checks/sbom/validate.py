"""Schema validation: CycloneDX JSON (Draft 7), CycloneDX XML (XSD via lxml), SPDX 2.3 JSON (structure).

JSON goes first through a compiled validator (compiled.py, a few ms for 300 components) that only says
valid or not; only a document it does not call valid goes through the jsonschema validator, which gives the
answer and the positioned problems. So the result is always the jsonschema one, and valid documents — nearly
all of them in a re-assessment — cost a fraction. Validators are built once per process and version.

lxml never resolves entities or touches the network here: the XML was already read by defusedxml (DTDs
refused), the parser below forbids network access and entity resolution, and the XSDs come from
cyclonedx-python-lib and import only their local SPDX XSD.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .compiled import Validator, cyclonedx_compiled, spdx23_compiled
from .jsonschemas import cyclonedx_validator, spdx23_validator
from .model import CYCLONEDX_JSON, CYCLONEDX_XML, SPDX_JSON, Sbom

MAX_PROBLEMS = 200  # counting stops here: a broken 20 MB file would otherwise yield errors for minutes
MESSAGE_LENGTH = 200


@dataclass(frozen=True)
class Problem:
    location: str  # JSON pointer ("/components/3/hashes/0/alg") or "line 584"
    message: str


@dataclass(frozen=True)
class Outcome:
    """`problems` holds at most MAX_PROBLEMS; `truncated` says counting stopped there.
    `schema` names the schema used, or is empty when there is none for the stated version."""

    schema: str
    problems: tuple[Problem, ...] = ()
    truncated: bool = False
    schema_de: str = ""


def _pointer(path) -> str:
    return "".join(f"/{str(part).replace('~', '~0').replace('/', '~1')}" for part in path) or "/"


def _shorten(message: str) -> str:
    return message if len(message) <= MESSAGE_LENGTH else message[:MESSAGE_LENGTH - 1] + "…"


def _json_outcome(validator, document, schema: str, schema_de: str, fast: Validator | None = None) -> Outcome:
    if fast is not None and fast(document):
        return Outcome(schema, schema_de=schema_de)
    found = []
    truncated = False
    for error in validator.iter_errors(document):
        if len(found) == MAX_PROBLEMS:
            truncated = True
            break
        path = tuple(error.absolute_path)
        found.append((_order(path), Problem(_pointer(path), _shorten(error.message))))
    # Report in document order, so "the first problems" are the first a reader meets.
    ordered = tuple(problem for _, problem in sorted(found, key=lambda item: item[0]))
    return Outcome(schema, ordered, truncated, schema_de)


def _order(path: tuple) -> tuple:
    return tuple((0, part, "") if isinstance(part, int) else (1, 0, str(part)) for part in path)


def validate(sbom: Sbom) -> Outcome:
    if sbom.format == CYCLONEDX_JSON:
        validator = cyclonedx_validator(sbom.spec_version)
        if validator is None:
            return Outcome("")
        return _json_outcome(validator, sbom.raw, f"CycloneDX {sbom.spec_version} JSON schema (strict)",
                             f"strikten JSON-Schema von CycloneDX {sbom.spec_version}",
                             cyclonedx_compiled(sbom.spec_version))
    if sbom.format == CYCLONEDX_XML:
        return _xml_outcome(sbom.raw, sbom.spec_version)
    if sbom.spec_version not in ("2.2", "2.3"):
        return Outcome("")
    return _json_outcome(spdx23_validator(), sbom.raw, "SPDX 2.3 JSON structure", "Aufbau von SPDX 2.3 (JSON)",
                         spdx23_compiled())


def has_fast_path(sbom_format: str, spec_version: str) -> bool:
    """Whether documents of this format and version go through a compiled validator first (False: the
    version is unknown, XML, or its schema did not compile — see compiled.UNAVAILABLE)."""
    if sbom_format == CYCLONEDX_JSON:
        return cyclonedx_compiled(spec_version) is not None
    if sbom_format == SPDX_JSON:
        return spec_version in ("2.2", "2.3") and spdx23_compiled() is not None
    return False


@lru_cache(maxsize=8)
def _xml_schema(spec_version: str):
    from cyclonedx.schema import SchemaVersion
    from cyclonedx.schema._res import BOM_XML  # see jsonschemas.py on this internal import
    from lxml import etree

    try:
        path = BOM_XML.get(SchemaVersion.from_version(spec_version))
    except (ValueError, KeyError):
        return None
    if path is None:
        return None
    parser = etree.XMLParser(no_network=True, resolve_entities=False, load_dtd=False)
    return etree.XMLSchema(etree.parse(Path(path).as_uri(), parser=parser))


def _safe_parser():
    from lxml import etree

    return etree.XMLParser(no_network=True, resolve_entities=False, load_dtd=False, dtd_validation=False,
                           huge_tree=False, remove_comments=False)


def _xml_outcome(data: bytes, spec_version: str) -> Outcome:
    from lxml import etree

    schema = _xml_schema(spec_version)
    if schema is None:
        return Outcome("")
    name, name_de = f"CycloneDX {spec_version} XML schema (XSD)", f"XML-Schema (XSD) von CycloneDX {spec_version}"
    try:
        document = etree.fromstring(data, parser=_safe_parser())  # noqa: S320 - hardened parser, DTDs refused before
    except etree.XMLSyntaxError as exc:
        return Outcome(name, (Problem(f"line {exc.lineno}", _shorten(str(exc))),), schema_de=name_de)
    if schema.validate(document):
        return Outcome(name, schema_de=name_de)
    errors = list(schema.error_log)
    problems = tuple(Problem(f"line {error.line}", _shorten(error.message)) for error in errors[:MAX_PROBLEMS])
    return Outcome(name, problems, len(errors) > MAX_PROBLEMS, name_de)
