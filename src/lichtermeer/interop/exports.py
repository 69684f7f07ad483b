"""The standards register as data: YAML and JSON (the register file's shape, loadable again with
`lichtermeer interop load`), CSV (one row per standard, for spreadsheets) and Turtle (a SKOS concept scheme whose
concepts are the platform's stable URIs `{SITE_ROOT}/standards/<id>/`, each pointing to the official
specification with rdfs:seeAlso and dct:source).

Every format holds every standard, retired ones included (marked), so an export is the whole register.
"""

from __future__ import annotations

import csv
import io
import json

import yaml
from django.conf import settings
from django.urls import reverse
from django.utils import translation
from pyoxigraph import BlankNode, Literal, NamedNode, RdfFormat, Triple, serialize

from . import records
from .models import Adapter, Standard

FORMATS = {
    "yaml": ("application/yaml; charset=utf-8", "yaml"),
    "json": ("application/json; charset=utf-8", "json"),
    "csv": ("text/csv; charset=utf-8", "csv"),
    "ttl": ("text/turtle; charset=utf-8", "ttl"),
}
CSV_COLUMNS = ("id", "name", "uri", "platform_uri", "category", "kind", "maintainer", "versions", "compatibility",
               "groups", "roles", "description_de", "description_en", "retired", "updated_at")

SKOS = "http://www.w3.org/2004/02/skos/core#"
DCT = "http://purl.org/dc/terms/"
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
OWL = "http://www.w3.org/2002/07/owl#"
XSD = "http://www.w3.org/2001/XMLSchema#"
FOAF = "http://xmlns.com/foaf/0.1/"
PREFIXES = {"skos": SKOS, "dct": DCT, "rdf": RDF, "rdfs": RDFS, "owl": OWL, "xsd": XSD, "foaf": FOAF}


def platform_uri(standard_id: str | None = None) -> str:
    """The stable URI of a standard (its page, without a language prefix), or of the register."""
    with translation.override("de"):
        path = reverse("interop:standard", args=[standard_id]) if standard_id else reverse("interop:standards")
    return settings.SITE_ROOT.rstrip("/") + path


def _rows():
    standards = list(Standard.objects.order_by("id"))
    adapters = list(Adapter.objects.order_by("pk"))
    return standards, adapters


def document() -> dict:
    standards, adapters = _rows()
    return records.document(standards, adapters)


def render(fmt: str) -> bytes:
    """The whole register in one of FORMATS; raises KeyError for an unknown format."""
    content_type, _ = FORMATS[fmt]
    if fmt == "yaml":
        head = ("# Lichtermeer standards register (lichtermeer-standards/1), exported from "
                f"{platform_uri()}\n# Load with: lichtermeer interop load FILE\n")
        return (head + yaml.safe_dump(document(), sort_keys=False, allow_unicode=True, width=120)).encode("utf-8")
    if fmt == "json":
        return (json.dumps(document(), ensure_ascii=False, indent=2) + "\n").encode("utf-8")
    if fmt == "csv":
        return _csv()
    return _turtle()


def _csv() -> bytes:
    standards, _ = _rows()
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for s in standards:
        writer.writerow([
            s.id, s.name, s.uri, platform_uri(s.id), s.category, s.kind, s.maintainer, "; ".join(s.versions or []),
            s.compatibility, " | ".join(", ".join(group) for group in s.version_groups or []),
            "; ".join(f"{p}/{c}" for p, c in s.roles or []), s.description_de, s.description_en,
            "true" if s.retired else "false", s.updated_at.isoformat(timespec="seconds"),
        ])
    return buffer.getvalue().encode("utf-8")


def _turtle() -> bytes:
    standards, adapters = _rows()
    scheme = NamedNode(platform_uri())
    rdf_type, label = NamedNode(RDF + "type"), NamedNode(SKOS + "prefLabel")

    def skos(name: str) -> NamedNode:
        return NamedNode(SKOS + name)

    def dct(name: str) -> NamedNode:
        return NamedNode(DCT + name)

    triples = [
        Triple(scheme, rdf_type, skos("ConceptScheme")),
        Triple(scheme, dct("title"), Literal("Register der Interoperabilitätsstandards", language="de")),
        Triple(scheme, dct("title"), Literal("Register of interoperability standards", language="en")),
        Triple(scheme, dct("publisher"), Literal("Lichtermeer")),
    ]
    concepts = {s.id: NamedNode(platform_uri(s.id)) for s in standards}
    for s in standards:
        concept = concepts[s.id]
        triples += [
            Triple(concept, rdf_type, skos("Concept")),
            Triple(concept, skos("inScheme"), scheme),
            Triple(concept, skos("notation"), Literal(s.id)),
            Triple(concept, label, Literal(s.name)),
            Triple(concept, NamedNode(RDFS + "seeAlso"), NamedNode(s.uri)),
            Triple(concept, dct("source"), NamedNode(s.uri)),
            Triple(concept, dct("type"), Literal(s.kind)),
            Triple(concept, dct("subject"), Literal(s.category)),
            Triple(concept, dct("modified"), Literal(s.updated_at.isoformat(timespec="seconds"),
                                                    datatype=NamedNode(XSD + "dateTime"))),
        ]
        if s.retired:
            triples.append(Triple(concept, NamedNode(OWL + "deprecated"), Literal("true",
                                                                               datatype=NamedNode(XSD + "boolean"))))
        else:
            triples.append(Triple(concept, skos("topConceptOf"), scheme))
            triples.append(Triple(scheme, skos("hasTopConcept"), concept))
        for language, text in (("de", s.description_de), ("en", s.description_en)):
            if text:
                triples.append(Triple(concept, skos("definition"), Literal(text, language=language)))
        for version in s.versions or []:
            triples.append(Triple(concept, NamedNode(OWL + "versionInfo"), Literal(version)))
        if s.maintainer:
            agent = BlankNode()
            triples += [Triple(concept, dct("publisher"), agent), Triple(agent, rdf_type, NamedNode(FOAF + "Agent")),
                        Triple(agent, NamedNode(FOAF + "name"), Literal(s.maintainer))]
    for a in adapters:
        first, second = concepts.get(a.from_standard_id), concepts.get(a.to_standard_id)
        if first is None or second is None:
            continue
        triples.append(Triple(first, skos("related"), second))
        for language, text in (("de", a.via_de), ("en", a.via_en)):
            if text:
                triples.append(Triple(first, skos("scopeNote"),
                                      Literal(f"→ {a.to_standard_id}: {text}", language=language)))
    return serialize(triples, format=RdfFormat.TURTLE, prefixes=PREFIXES)
