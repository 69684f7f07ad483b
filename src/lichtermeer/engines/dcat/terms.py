"""RDF terms as plain Python values, cheap to hash and compare.

* an IRI is a `str`;
* a blank node is a `BNode` (a `str` subclass spelled `_:b<n>`; numbered per parse, in order of appearance, so
  the same input always gives the same labels);
* a literal is a `Lit(lexical, datatype, language)`; `language` is "" unless the literal is language-tagged
  (then `datatype` is rdf:langString), plain literals have datatype xsd:string (RDF 1.1).

Dispatch on `type(term) is ...`, never on `isinstance(term, str)` (a BNode is a str too).
"""

from __future__ import annotations

from typing import NamedTuple

RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
XSD = "http://www.w3.org/2001/XMLSchema#"
SH = "http://www.w3.org/ns/shacl#"
DCAT = "http://www.w3.org/ns/dcat#"

RDF_TYPE = RDF + "type"
RDF_FIRST = RDF + "first"
RDF_REST = RDF + "rest"
RDF_NIL = RDF + "nil"
RDF_LANGSTRING = RDF + "langString"
RDFS_SUBCLASSOF = RDFS + "subClassOf"
XSD_STRING = XSD + "string"


class BNode(str):
    __slots__ = ()


class Lit(NamedTuple):
    lexical: str
    datatype: str = XSD_STRING
    language: str = ""

    def n3(self) -> str:
        escaped = (self.lexical.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
                   .replace("\r", "\\r"))
        if self.language:
            return f'"{escaped}"@{self.language}'
        if self.datatype == XSD_STRING:
            return f'"{escaped}"'
        return f'"{escaped}"^^<{self.datatype}>'


Term = str | BNode | Lit


def render(term: Term | None) -> str | None:
    """The term as text: an IRI as itself, a blank node as `_:b<n>`, a literal in N-Triples syntax."""
    if term is None:
        return None
    if type(term) is Lit:
        return term.n3()
    return str(term)


PREFIXES = {
    "http://www.w3.org/ns/dcat#": "dcat",
    "http://purl.org/dc/terms/": "dcterms",
    "http://data.europa.eu/r5r/": "dcatap",
    "http://dcat-ap.de/def/dcatde/": "dcatde",
    "http://xmlns.com/foaf/0.1/": "foaf",
    "http://www.w3.org/2006/vcard/ns#": "vcard",
    "http://www.w3.org/ns/adms#": "adms",
    "http://www.w3.org/2004/02/skos/core#": "skos",
    "http://spdx.org/rdf/terms#": "spdx",
    "http://www.w3.org/ns/locn#": "locn",
    "http://www.w3.org/ns/prov#": "prov",
    "http://www.w3.org/2006/time#": "time",
    "http://www.w3.org/ns/odrl/2/": "odrl",
    "http://www.w3.org/2000/01/rdf-schema#": "rdfs",
    "http://www.w3.org/1999/02/22-rdf-syntax-ns#": "rdf",
    "http://www.w3.org/2001/XMLSchema#": "xsd",
    "http://www.w3.org/ns/shacl#": "sh",
    "http://www.w3.org/ns/org#": "org",
    "http://www.w3.org/2002/07/owl#": "owl",
}


def short(iri: str) -> str:
    """`dcat:Dataset` for a well-known namespace, else the IRI in angle brackets (for messages only)."""
    for namespace, prefix in PREFIXES.items():
        if iri.startswith(namespace) and len(iri) > len(namespace):
            return f"{prefix}:{iri[len(namespace):]}"
    return f"<{iri}>"
