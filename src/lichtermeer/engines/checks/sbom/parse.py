"""Read an SBOM file (CycloneDX JSON or XML, SPDX 2.x JSON) into the normalised `Sbom`.

Input is hostile: the size limit of the evidence bundle applies, XML goes through defusedxml with
DTDs forbidden (no entity expansion, no external entities, no network), JSON through the bundle's
reader (nesting limit). Fields of the wrong type are ignored here; `sbom.valid` reports them.
Never raises: a file that cannot be read gives an `EvidenceError`.
"""

from __future__ import annotations

import re
from typing import Any
from xml.etree.ElementTree import Element, ParseError, TreeBuilder

import defusedxml
from defusedxml.ElementTree import DefusedXMLParser

from lichtermeer.engines.publiccode.messages import Text

from ..evidence import MAX_BYTES, EvidenceError, EvidenceFile, load_json, too_large
from .model import CYCLONEDX_JSON, CYCLONEDX_XML, SPDX_JSON, Component, Sbom

KIND = "sbom"
MAX_NESTING = 32  # nested CycloneDX components; real SBOMs use two or three levels
_CDX_NAMESPACE = re.compile(r"^\{http://cyclonedx\.org/schema/bom/(\d+\.\d+)\}bom$")
_NO_LICENCE = {"", "NOASSERTION", "NONE"}
# SPDX spells hash algorithms without the dash CycloneDX uses; one spelling for every check.
_SPDX_HASHES = {"SHA1": "SHA-1", "SHA224": "SHA-224", "SHA256": "SHA-256", "SHA384": "SHA-384", "SHA512": "SHA-512"}
# SPDX relationships that say "left depends on / contains right", and the inverse ones.
_DEPENDS = {"DEPENDS_ON", "CONTAINS", "STATIC_LINK", "DYNAMIC_LINK", "HAS_PREREQUISITE"}
_DEPENDENCY_OF = {"DEPENDENCY_OF", "CONTAINED_BY", "BUILD_DEPENDENCY_OF", "DEV_DEPENDENCY_OF", "OPTIONAL_DEPENDENCY_OF",
                  "PROVIDED_DEPENDENCY_OF", "TEST_DEPENDENCY_OF", "RUNTIME_DEPENDENCY_OF", "PREREQUISITE_FOR"}


def parse_sbom(data: bytes, name: str) -> Sbom | EvidenceError:
    if len(data) > MAX_BYTES:
        return too_large(KIND, name, len(data))
    start = data.lstrip(b"\xef\xbb\xbf \t\r\n")[:1]
    if start == b"<":
        return _parse_xml(data, name)
    if start not in (b"{", b"["):
        return _error(name, "is neither JSON nor XML, so it is not a CycloneDX or SPDX SBOM",
                      "ist weder JSON noch XML und damit keine CycloneDX- oder SPDX-SBOM")
    document = load_json(EvidenceFile(KIND, name, data))
    if isinstance(document, EvidenceError):
        return document
    # A wrong `bomFormat` value still makes a (broken) CycloneDX document: sbom.valid names the problem.
    if isinstance(document, dict) and ("bomFormat" in document or (
            "specVersion" in document and "spdxVersion" not in document)):
        return _cyclonedx(document, name, CYCLONEDX_JSON, _text(document.get("specVersion")), document)
    if isinstance(document, dict) and "spdxVersion" in document:
        return _spdx(document, name)
    if isinstance(document, dict) and ("@context" in document or "@graph" in document):
        return _error(name, "looks like SPDX 3 (JSON-LD); only CycloneDX 1.2–1.6 and SPDX 2.3 JSON are supported",
                      "sieht nach SPDX 3 (JSON-LD) aus; unterstützt werden nur CycloneDX 1.2–1.6 und SPDX 2.3 (JSON)")
    return _error(name, 'is JSON but neither CycloneDX (no "bomFormat": "CycloneDX") nor SPDX (no "spdxVersion")',
                  'ist JSON, aber weder CycloneDX (kein "bomFormat": "CycloneDX") noch SPDX (kein "spdxVersion")')


def _error(name: str, en: str, de: str, line: int = 0, column: int = 0) -> EvidenceError:
    return EvidenceError(KIND, name, Text(f"{name} {en}.", f"{name} {de}."), line, column)


def _text(value: Any) -> str:
    if type(value) is str:  # nearly always: the plain check first (this runs ~20 times per component)
        return value.strip()
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, int | float) and not isinstance(value, bool):
        return str(value)
    return ""


def _list(value: Any) -> list:
    return value if isinstance(value, list) else []


def _dict(value: Any) -> dict:
    return value if isinstance(value, dict) else {}


# --- CycloneDX (JSON, and XML turned into the same shape) --------------------------------------

def _cyclonedx(document: dict, name: str, fmt: str, spec_version: str, raw: Any) -> Sbom:
    metadata = _dict(document.get("metadata"))
    components: list[Component] = []
    _collect(_list(document.get("components")), "/components", 0, components)
    dependencies: dict[str, tuple[str, ...]] = {}
    for entry in _list(document.get("dependencies")):
        ref = _text(_dict(entry).get("ref"))
        if ref:
            found = tuple(filter(None, map(_text, _list(entry.get("dependsOn")))))
            dependencies[ref] = dependencies.get(ref, ()) + found
    subject = metadata.get("component")
    return Sbom(
        format=fmt, spec_version=spec_version, serial=_text(document.get("serialNumber")),
        timestamp=_text(metadata.get("timestamp")), creators=_metadata_creators(metadata),
        components=tuple(components), dependencies=dependencies,
        has_dependency_graph=isinstance(document.get("dependencies"), list), tools=_tools(metadata.get("tools")),
        subject=_component(subject, "/metadata/component") if isinstance(subject, dict) else None,
        name=name, raw=raw)


def _collect(items: list, pointer: str, depth: int, into: list[Component]) -> None:
    if depth > MAX_NESTING:
        return
    for index, item in enumerate(items):
        if not isinstance(item, dict):
            continue
        here = f"{pointer}/{index}"
        into.append(_component(item, here))
        children = item.get("components")
        if children and isinstance(children, list):
            _collect(children, f"{here}/components", depth + 1, into)


def _component(item: dict, pointer: str) -> Component:
    # Runs for every component of every SBOM in a re-assessment (300 × 10,000): strings are stripped inline,
    # `_text` only sees the rare other types.
    get = item.get
    ref, name, version, purl, cpe, kind = (get("bom-ref"), get("name"), get("version"), get("purl"), get("cpe"),
                                           get("type"))
    line = get("_line")
    properties = get("properties")
    return Component(
        ref=ref.strip() if type(ref) is str else _text(ref),
        name=name.strip() if type(name) is str else _text(name),
        version=version.strip() if type(version) is str else _text(version),
        purl=purl.strip() if type(purl) is str else _text(purl),
        cpe=cpe.strip() if type(cpe) is str else _text(cpe),
        licences=_cdx_licences(get("licenses")), supplier=_component_creator(item),
        hashes=_cdx_hashes(get("hashes")), type=kind.strip() if type(kind) is str else _text(kind),
        properties=_properties(properties) if properties else {},
        location=f"line {line}" if line else pointer)


def _properties(value: Any) -> dict[str, str]:
    found = {}
    for entry in _list(value):
        if isinstance(entry, dict):
            name = _text(entry.get("name"))
            if name:
                found[name] = _text(entry.get("value"))
    return found


def _cdx_licences(value: Any) -> tuple[str, ...]:
    if not isinstance(value, list):
        return ()
    found = []
    for entry in value:
        if not isinstance(entry, dict):
            continue
        text = _text(entry.get("expression"))
        if not text:
            licence = entry.get("license")
            if isinstance(licence, dict):
                text = _text(licence.get("id")) or _text(licence.get("name"))
        if text and text.upper() not in _NO_LICENCE:
            found.append(text)
    return tuple(found)


def _cdx_hashes(value: Any) -> dict[str, str]:
    found: dict[str, str] = {}
    if not isinstance(value, list):
        return found
    for entry in value:
        if isinstance(entry, dict):
            algorithm, content = _text(entry.get("alg")), _text(entry.get("content"))
            if algorithm and content:
                found[algorithm.upper()] = content
    return found


def _entity(value: Any) -> str:
    """An organisational entity or contact ({name, url[], contact[{name, email}]}) as "Name <email>"."""
    if not isinstance(value, dict):
        return ""
    if value.get("email") is None and value.get("contact") is None and value.get("url") is None:
        return _text(value.get("name"))  # the common case: a name only
    label = _text(value.get("name"))
    contacts = [_text(c.get("email")) for c in _list(value.get("contact")) if isinstance(c, dict)]
    addresses = [*([_text(value.get("email"))] if _text(value.get("email")) else []), *filter(None, contacts),
                 *filter(None, (_text(url) for url in _list(value.get("url"))))]
    if not label and contacts:
        label = next((_text(c.get("name")) for c in _list(value.get("contact")) if isinstance(c, dict)
                      and _text(c.get("name"))), "")
    if addresses:
        return f"{label} <{addresses[0]}>".strip()
    return label


def _component_creator(item: dict) -> str:
    """The first named of supplier, manufacturer, author, authors[] (later ones are not even read)."""
    found = _entity(item.get("supplier")) or _entity(item.get("manufacturer")) or _text(item.get("author"))
    if found:
        return found
    return next((candidate for candidate in map(_entity, _list(item.get("authors"))) if candidate), "")


def _metadata_creators(metadata: dict) -> tuple[str, ...]:
    found = [_entity(author) for author in _list(metadata.get("authors"))]
    # `manufacture` is the pre-1.6 spelling of `manufacturer`.
    found += [_entity(metadata.get(key)) for key in ("supplier", "manufacturer", "manufacture")]
    return tuple(dict.fromkeys(entry for entry in found if entry))


def _tools(value: Any) -> tuple[str, ...]:
    # 1.2–1.4: a list of tools; 1.5+: {"components": [...], "services": [...]} (the list is deprecated).
    tools = _list(value) or [*_list(_dict(value).get("components")), *_list(_dict(value).get("services"))]
    names = (" ".join(filter(None, (_text(t.get("vendor")), _text(t.get("name")), _text(t.get("version")))))
             for t in tools if isinstance(t, dict))
    return tuple(name for name in names if name)


# --- CycloneDX XML -------------------------------------------------------------------------------

class _LineBuilder(TreeBuilder):
    """Remembers the line of every start tag, so components can be named by line."""

    def __init__(self) -> None:
        super().__init__()
        self.lines: dict[int, int] = {}
        self.expat: Any = None

    def start(self, tag, attrs):  # type: ignore[override]
        element = super().start(tag, attrs)
        if self.expat is not None:
            self.lines[id(element)] = self.expat.CurrentLineNumber
        return element


def _parse_xml(data: bytes, name: str) -> Sbom | EvidenceError:
    builder = _LineBuilder()
    parser = DefusedXMLParser(target=builder, forbid_dtd=True, forbid_entities=True, forbid_external=True)
    builder.expat = parser.parser
    try:
        parser.feed(data)
        root = parser.close()
    except defusedxml.DTDForbidden:
        return _error(name, "contains a document type declaration (DTD); SBOMs must not, because DTDs allow "
                      "entity expansion and external entities. It was not read",
                      "enthält eine Dokumenttyp-Deklaration (DTD); SBOMs dürfen keine enthalten, weil DTDs "
                      "Entitäten-Expansion und externe Entitäten erlauben. Die Datei wurde nicht gelesen")
    except defusedxml.DefusedXmlException as exc:
        return _error(name, f"uses XML entities ({type(exc).__name__}); they are refused. It was not read",
                      f"verwendet XML-Entitäten ({type(exc).__name__}); sie werden abgelehnt. Die Datei wurde "
                      "nicht gelesen")
    except ParseError as exc:
        line, column = getattr(exc, "position", (0, 0))
        return _error(name, f"is not well-formed XML ({exc}) at line {line}, column {column}",
                      f"ist kein wohlgeformtes XML ({exc}) in Zeile {line}, Spalte {column}", line, column)
    except RecursionError:
        return _error(name, "is nested too deeply to be read", "ist zu tief verschachtelt")
    match = _CDX_NAMESPACE.match(root.tag)
    if not match:
        return _error(name, f"is XML, but its root element {root.tag!r:.120} is not a CycloneDX <bom> "
                      "(namespace http://cyclonedx.org/schema/bom/1.x); SPDX XML is not supported",
                      f"ist XML, aber das Wurzelelement {root.tag!r:.120} ist kein CycloneDX-<bom> (Namensraum "
                      "http://cyclonedx.org/schema/bom/1.x); SPDX-XML wird nicht unterstützt")
    return _cyclonedx(_XmlShape(builder.lines).bom(root), name, CYCLONEDX_XML, match.group(1), data)


class _XmlShape:
    """CycloneDX XML in the JSON shape (only the fields the normalised form uses)."""

    def __init__(self, lines: dict[int, int]) -> None:
        self.lines = lines

    @staticmethod
    def _local(element: Element) -> str:
        return element.tag.rsplit("}", 1)[-1]

    def _all(self, element: Element | None, name: str) -> list[Element]:
        return [] if element is None else [child for child in element if self._local(child) == name]

    def _one(self, element: Element | None, name: str) -> Element | None:
        found = self._all(element, name)
        return found[0] if found else None

    def _text(self, element: Element | None, name: str) -> str:
        child = self._one(element, name)
        return (child.text or "").strip() if child is not None else ""

    def _entity(self, element: Element | None) -> dict | None:
        if element is None:
            return None
        return {"name": self._text(element, "name"), "email": self._text(element, "email"),
                "url": [(url.text or "").strip() for url in self._all(element, "url")],
                "contact": [{"name": self._text(c, "name"), "email": self._text(c, "email")}
                            for c in self._all(element, "contact")]}

    def bom(self, root: Element) -> dict:
        metadata = self._one(root, "metadata")
        tools = self._one(metadata, "tools")
        shape: dict[str, Any] = {
            "serialNumber": root.get("serialNumber", ""),
            "metadata": {
                "timestamp": self._text(metadata, "timestamp"),
                "tools": [{"vendor": self._text(t, "vendor"), "name": self._text(t, "name"),
                           "version": self._text(t, "version")}
                          for t in [*self._all(tools, "tool"),
                                    *self._all(self._one(tools, "components"), "component"),
                                    *self._all(self._one(tools, "services"), "service")]],
                "authors": [self._entity(a) for a in self._all(self._one(metadata, "authors"), "author")],
                **{key: self._entity(self._one(metadata, key)) for key in ("supplier", "manufacturer", "manufacture")},
            },
        }
        subject = self._one(metadata, "component")
        if subject is not None:
            shape["metadata"]["component"] = self.component(subject, 0)
        shape["components"] = [self.component(c, 0) for c in self._all(self._one(root, "components"), "component")]
        dependencies = self._one(root, "dependencies")
        if dependencies is not None:
            shape["dependencies"] = [{"ref": d.get("ref", ""),
                                      "dependsOn": [inner.get("ref", "") for inner in self._all(d, "dependency")]}
                                     for d in self._all(dependencies, "dependency")]
        return shape

    def component(self, element: Element, depth: int) -> dict:
        licences = self._one(element, "licenses")
        shape = {
            "_line": self.lines.get(id(element), 0),
            "bom-ref": element.get("bom-ref", ""), "type": element.get("type", ""),
            "name": self._text(element, "name"), "version": self._text(element, "version"),
            "purl": self._text(element, "purl"), "cpe": self._text(element, "cpe"),
            "author": self._text(element, "author"),
            "supplier": self._entity(self._one(element, "supplier")),
            "manufacturer": self._entity(self._one(element, "manufacturer")),
            "authors": [self._entity(a) for a in self._all(self._one(element, "authors"), "author")],
            "hashes": [{"alg": h.get("alg", ""), "content": (h.text or "").strip()}
                       for h in self._all(self._one(element, "hashes"), "hash")],
            "licenses": [{"expression": (child.text or "").strip()} if self._local(child) == "expression"
                         else {"license": {"id": self._text(child, "id"), "name": self._text(child, "name")}}
                         for child in (licences if licences is not None else ())],
            "properties": [{"name": p.get("name", ""), "value": (p.text or "").strip()}
                           for p in self._all(self._one(element, "properties"), "property")],
        }
        if depth < MAX_NESTING:
            shape["components"] = [self.component(c, depth + 1)
                                   for c in self._all(self._one(element, "components"), "component")]
        return shape


# --- SPDX 2.x JSON -------------------------------------------------------------------------------

def _spdx(document: dict, name: str) -> Sbom:
    info = _dict(document.get("creationInfo"))
    creators = [_text(c) for c in _list(info.get("creators"))]
    components = tuple(_package(package, f"/packages/{index}")
                       for index, package in enumerate(_list(document.get("packages"))) if isinstance(package, dict))
    dependencies: dict[str, list[str]] = {}
    described = [_text(ref) for ref in _list(document.get("documentDescribes"))]
    graph = False
    for relation in _list(document.get("relationships")):
        relation = _dict(relation)
        kind, left, right = (_text(relation.get(key)) for key in
                             ("relationshipType", "spdxElementId", "relatedSpdxElement"))
        if kind == "DESCRIBES" and left == "SPDXRef-DOCUMENT":
            described.append(right)
        elif kind in _DEPENDS or kind in _DEPENDENCY_OF:
            graph = True
            parent, child = (left, right) if kind in _DEPENDS else (right, left)
            if child not in ("NONE", "NOASSERTION", ""):
                dependencies.setdefault(parent, []).append(child)
            else:
                dependencies.setdefault(parent, [])
    subject = next((c for ref in described for c in components if c.ref == ref), None)
    return Sbom(
        format=SPDX_JSON, spec_version=_text(document.get("spdxVersion")).removeprefix("SPDX-"),
        serial=_text(document.get("documentNamespace")), timestamp=_text(info.get("created")),
        creators=tuple(c.split(":", 1)[1].strip() for c in creators if c.startswith(("Person:", "Organization:"))),
        components=components, dependencies={key: tuple(value) for key, value in dependencies.items()},
        has_dependency_graph=graph, tools=tuple(c.split(":", 1)[1].strip() for c in creators if c.startswith("Tool:")),
        subject=subject, name=name, raw=document)


def _spdx_agent(value: Any) -> str:
    text = _text(value)
    return "" if text.upper() in _NO_LICENCE else text.split(":", 1)[-1].strip()


def _package(package: dict, pointer: str) -> Component:
    refs = [_dict(ref) for ref in _list(package.get("externalRefs"))]
    locator = {_text(ref.get("referenceType")): _text(ref.get("referenceLocator")) for ref in reversed(refs)}
    concluded, declared = _text(package.get("licenseConcluded")), _text(package.get("licenseDeclared"))
    # TR-03183-2 v2 asks for the licence under which the component is distributed: the concluded one.
    licence = next((value for value in (concluded, declared) if value.upper() not in _NO_LICENCE), "")
    hashes = {}
    for checksum in _list(package.get("checksums")):
        checksum = _dict(checksum)
        algorithm = _text(checksum.get("algorithm")).upper()
        if algorithm and _text(checksum.get("checksumValue")):
            hashes[_SPDX_HASHES.get(algorithm, algorithm)] = _text(checksum.get("checksumValue"))
    return Component(
        ref=_text(package.get("SPDXID")), name=_text(package.get("name")), version=_text(package.get("versionInfo")),
        purl=locator.get("purl", ""), cpe=locator.get("cpe23Type", "") or locator.get("cpe22Type", ""),
        licences=(licence,) if licence else (),
        supplier=_spdx_agent(package.get("supplier")) or _spdx_agent(package.get("originator")),
        hashes=hashes, type=_text(package.get("primaryPackagePurpose")), location=pointer)
