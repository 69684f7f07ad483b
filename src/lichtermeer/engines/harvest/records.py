"""A harvested dataset (`Record`) and how it is cut out of a parsed catalogue page.

The record keeps the dataset's own RDF — its Concise Bounded Description (every triple about it, recursively
through blank nodes) extended by the descriptions of the resources it owns (distributions, publisher, contact
point, licence documents, locations, … up to two IRI hops away) — so it can be validated and republished on its
own. Other datasets and catalogues are never pulled in, and rdf:type objects are not followed (one real
catalogue ships the DCAT ontology, whose class descriptions do not belong to any dataset).

Blank nodes get labels derived from their content, so the N-Triples bytes (and `content_hash`) do not change when
a portal merely reorders its output. A dataset that is itself a blank node gets a deterministic skolem IRI
`urn:uuid:<uuid5 of source URL + content>`.
"""

from __future__ import annotations

import hashlib
import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime

from lichtermeer.engines.dcat import messages as dcat_messages
from lichtermeer.engines.dcat.graph import Graph
from lichtermeer.engines.dcat.parse import _VALID_IRI as VALID_IRI  # the parser's own rule, so both agree
from lichtermeer.engines.dcat.parse import parse_bytes
from lichtermeer.engines.dcat.terms import RDF_TYPE, BNode, Lit, Term, render

from . import messages, rdfio
from .messages import Text

DCT = "http://purl.org/dc/terms/"
DCAT = "http://www.w3.org/ns/dcat#"
FOAF = "http://xmlns.com/foaf/0.1/"
VCARD = "http://www.w3.org/2006/vcard/ns#"
SKOS = "http://www.w3.org/2004/02/skos/core#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"

DATASET_CLASSES = (DCAT + "Dataset", DCAT + "DatasetSeries")
# Described elsewhere, never part of a dataset's own RDF.
FOREIGN_CLASSES = frozenset({*DATASET_CLASSES, DCAT + "Catalog", DCAT + "CatalogRecord",
                             "http://www.w3.org/ns/hydra/core#PagedCollection",
                             "http://www.w3.org/ns/hydra/core#PartialCollectionView",
                             "http://www.w3.org/ns/hydra/core#Collection"})
MAX_IRI_HOPS = 2  # dataset → distribution → its licence document / access service
SKOLEM_NAMESPACE = uuid.UUID("6f2b8c1e-5a4d-5e7b-9c3a-1d2e3f405162")  # fixed: skolem IRIs stay stable forever
LANGUAGE_PREFERENCE = ("de", "", "en")


@dataclass(frozen=True)
class Agent:
    iri: str | None  # None for a blank node
    name: str

    def to_dict(self) -> dict:
        return {"iri": self.iri, "name": self.name}


@dataclass(frozen=True)
class Distribution:
    iri: str | None  # None for a blank node
    title: str
    format: str | None
    media_type: str | None
    access_urls: tuple[str, ...]
    download_urls: tuple[str, ...]
    license: str | None

    def to_dict(self) -> dict:
        return {"iri": self.iri, "title": self.title, "format": self.format, "media_type": self.media_type,
                "access_urls": list(self.access_urls), "download_urls": list(self.download_urls),
                "license": self.license}


@dataclass(frozen=True)
class Record:
    """One harvested dataset. `identifier` is the stable key for upserts: dct:identifier, else the IRI."""

    identifier: str
    iri: str  # the dataset IRI, or its skolem IRI when the source gave a blank node
    source_url: str
    page_url: str
    title: str
    description: str
    keywords: tuple[str, ...]
    modified: datetime | None
    issued: datetime | None
    publisher: Agent | None
    themes: tuple[str, ...]
    license: str | None  # the dataset's dct:license, else the one licence all distributions share
    distributions: tuple[Distribution, ...]
    references: tuple[str, ...]  # dct:references, e.g. Musterdatenkatalog IRIs
    ntriples: bytes = field(repr=False)
    skolemized: bool = False
    warnings: tuple[Text, ...] = ()

    @property
    def content_hash(self) -> str:
        """sha256 of the canonical N-Triples: unchanged hash = nothing to update."""
        return hashlib.sha256(self.ntriples).hexdigest()

    def turtle(self) -> bytes:
        parsed = parse_bytes("record.nt", self.ntriples, base_iri=self.iri)
        graph = parsed.graph or Graph()
        triples = [(s, p, o) for s, predicates in graph.out.items() for p, objects in predicates.items()
                   for o in objects]
        return rdfio.turtle(triples, first=self.iri)

    def to_dict(self) -> dict:
        """JSON-ready (without the RDF; dates as ISO 8601)."""
        return {
            "identifier": self.identifier, "iri": self.iri, "source_url": self.source_url,
            "page_url": self.page_url, "title": self.title, "description": self.description,
            "keywords": list(self.keywords), "modified": _iso(self.modified), "issued": _iso(self.issued),
            "publisher": self.publisher.to_dict() if self.publisher else None, "themes": list(self.themes),
            "license": self.license, "distributions": [d.to_dict() for d in self.distributions],
            "references": list(self.references), "skolemized": self.skolemized,
            "content_hash": self.content_hash, "warnings": [{"en": w.en, "de": w.de} for w in self.warnings],
        }


def _iso(value: datetime | None) -> str | None:
    return value.isoformat() if value else None


# --- reading values -----------------------------------------------------------------------------------------

def pick_text(values) -> str:
    """One text from language variants: German, then untagged, then English, then the first other."""
    literals = [v for v in values if type(v) is Lit]
    for language in LANGUAGE_PREFERENCE:
        for value in literals:
            if value.language.lower().split("-")[0] == language and value.lexical.strip():
                return value.lexical.strip()
    return next((v.lexical.strip() for v in literals if v.lexical.strip()), "")


def parse_date(value: Term) -> datetime | None:
    """xsd:date / xsd:dateTime (or a plain literal in that form) → aware datetime; naive values count as UTC."""
    if type(value) is not Lit:
        return None
    text = value.lexical.strip()
    if text.endswith(("Z", "z")):
        text = text[:-1] + "+00:00"
    try:
        parsed = datetime.fromisoformat(text)
    except ValueError:
        return None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def _label(graph: Graph, node: Term) -> str:
    for predicate in (FOAF + "name", SKOS + "prefLabel", RDFS + "label", DCT + "title", VCARD + "fn"):
        text = pick_text(graph.objects(node, predicate))
        if text:
            return text
    return ""


def _value(graph: Graph, node: Term) -> str | None:
    """A property value as text: an IRI as itself, a literal by its lexical form, a blank node by its label."""
    kind = type(node)
    if kind is Lit:
        return node.lexical.strip() or None
    if kind is BNode:
        return _label(graph, node) or None
    return node


def _values(graph: Graph, subject: Term, predicate: str) -> tuple[str, ...]:
    found = (_value(graph, o) for o in graph.objects(subject, predicate))
    return tuple(dict.fromkeys(v for v in found if v))


def _first(graph: Graph, subject: Term, predicate: str) -> str | None:
    values = _values(graph, subject, predicate)
    return min(values) if values else None  # min: independent of the order in the source


# --- cutting a dataset out of a page ------------------------------------------------------------------------

def dataset_nodes(graph: Graph) -> list[Term]:
    """Every typed dcat:Dataset / dcat:DatasetSeries, plus untyped objects of dcat:dataset, in document order."""
    found: dict[Term, None] = {}
    for cls in DATASET_CLASSES:
        found.update(graph.instances.get(cls, {}))
    for predicates in graph.out.values():
        for node in predicates.get(DCAT + "dataset", ()):
            if type(node) is not Lit and node in graph.out:
                found[node] = None
    return list(found)


def _is_foreign(graph: Graph, node: Term, datasets: frozenset) -> bool:
    return node in datasets or any(cls in FOREIGN_CLASSES for cls in graph.objects(node, RDF_TYPE))


def description(graph: Graph, root: Term, datasets: frozenset = frozenset()) -> list[tuple[Term, str, Term]]:
    """The extended Concise Bounded Description of `root` (see module docstring); `datasets`: the page's other
    datasets (also untyped ones), never included."""
    triples: list[tuple[Term, str, Term]] = []
    seen = {root}
    todo: list[tuple[Term, int]] = [(root, 0)]
    while todo:
        node, hops = todo.pop()
        for predicate, objects in graph.out.get(node, {}).items():
            for obj in objects:
                triples.append((node, predicate, obj))
                if predicate == RDF_TYPE or type(obj) is Lit or obj in seen or obj not in graph.out:
                    continue
                if type(obj) is BNode:
                    seen.add(obj)
                    todo.append((obj, hops))
                elif hops < MAX_IRI_HOPS and not _is_foreign(graph, obj, datasets):
                    seen.add(obj)
                    todo.append((obj, hops + 1))
    return triples


def _canonical_blank_labels(triples: list[tuple[Term, str, Term]], root: Term) -> dict[Term, BNode]:
    """Label each blank node by a hash of what it says (recursively), the root blank node as `_:dataset`."""
    out: dict[Term, list[tuple[str, Term]]] = {}
    for s, p, o in triples:
        out.setdefault(s, []).append((p, o))
    memo: dict[Term, str] = {}

    def signature(node: Term, path: frozenset) -> str:
        if node == root:
            return "_:dataset"
        if node in memo:
            return memo[node]
        if node in path:  # a cycle of blank nodes: rare in DCAT; cut it
            return "_:cycle"
        inner = path | {node}
        lines = sorted(f"{p} {signature(o, inner) if type(o) is BNode else render(o)}" for p, o in out.get(node, ()))
        digest = "_:h" + hashlib.sha256("\n".join(lines).encode("utf-8", "replace")).hexdigest()[:24]
        memo[node] = digest
        return digest

    labels = {}
    for s, _p, o in triples:
        for node in (s, o):
            if type(node) is BNode and node not in labels:
                labels[node] = BNode(signature(node, frozenset()))
    return labels


def _relabel(triples, labels: dict[Term, BNode], root: Term, root_name: Term):
    def swap(term: Term) -> Term:
        if term == root:
            return root_name
        return labels.get(term, term) if type(term) is BNode else term

    return [(swap(s), p, swap(o)) for s, p, o in triples]


def skolem_iri(source_url: str, canonical: bytes) -> str:
    return "urn:uuid:" + str(uuid.uuid5(SKOLEM_NAMESPACE, source_url + "\n" + canonical.decode("utf-8")))


def _distribution(graph: Graph, node: Term) -> Distribution:
    return Distribution(
        iri=None if type(node) is BNode else node,
        title=pick_text(graph.objects(node, DCT + "title")),
        format=_first(graph, node, DCT + "format"),
        media_type=_first(graph, node, DCAT + "mediaType"),
        access_urls=tuple(sorted(_values(graph, node, DCAT + "accessURL"))),
        download_urls=tuple(sorted(_values(graph, node, DCAT + "downloadURL"))),
        license=_first(graph, node, DCT + "license"),
    )


def _publisher(graph: Graph, node: Term) -> Agent | None:
    publishers = sorted(graph.objects(node, DCT + "publisher"), key=lambda n: (type(n) is not str, str(n)))
    if not publishers:
        return None
    agent = publishers[0]
    if type(agent) is Lit:
        return Agent(None, agent.lexical.strip())
    return Agent(None if type(agent) is BNode else agent, _label(graph, agent))


def build_record(graph: Graph, node: Term, *, source_url: str, page_url: str,
                 datasets: frozenset = frozenset()) -> Record:
    triples = description(graph, node, datasets)
    labels = _canonical_blank_labels(triples, node)
    warnings: list[Text] = []
    skolemized = type(node) is BNode
    if skolemized:
        placeholder = rdfio.ntriples(_relabel(triples, labels, node, BNode("_:dataset")))
        iri = skolem_iri(source_url, placeholder)
        warnings.append(messages.skolemized(page_url, iri))
    else:
        iri = node
    canonical = rdfio.ntriples(_relabel(triples, labels, node, iri))
    invalid = sorted({t for s, _p, o in triples for t in (s, o) if type(t) is str and not VALID_IRI.fullmatch(t)})
    if invalid:  # kept (lenient), but said, so the publisher can be told
        warnings.append(messages.page_warning(page_url, dcat_messages.invalid_iris(iri, len(invalid), invalid[:3])))
    identifiers = sorted(v for v in _values(graph, node, DCT + "identifier") if v.strip())
    distributions = tuple(sorted((_distribution(graph, d) for d in graph.objects(node, DCAT + "distribution")
                                  if type(d) is not Lit),
                                 key=lambda d: (d.iri or "", d.title, d.access_urls)))
    license_ = _first(graph, node, DCT + "license")
    if license_ is None:
        shared = {d.license for d in distributions}
        if len(shared) == 1:
            license_ = shared.pop()
    return Record(
        identifier=identifiers[0].strip() if identifiers else iri,
        iri=iri,
        source_url=source_url,
        page_url=page_url,
        title=pick_text(graph.objects(node, DCT + "title")),
        description=pick_text(graph.objects(node, DCT + "description")),
        keywords=tuple(dict.fromkeys(v.lexical.strip() for v in graph.objects(node, DCAT + "keyword")
                                     if type(v) is Lit and v.lexical.strip())),
        modified=max(filter(None, map(parse_date, graph.objects(node, DCT + "modified"))), default=None),
        issued=min(filter(None, map(parse_date, graph.objects(node, DCT + "issued"))), default=None),
        publisher=_publisher(graph, node),
        themes=tuple(sorted(_values(graph, node, DCAT + "theme"))),
        license=license_,
        distributions=distributions,
        references=tuple(sorted(_values(graph, node, DCT + "references"))),
        ntriples=canonical,
        skolemized=skolemized,
        warnings=tuple(warnings),
    )


def records_from_graph(graph: Graph, *, source_url: str, page_url: str) -> list[Record]:
    nodes = dataset_nodes(graph)
    datasets = frozenset(nodes)
    return [build_record(graph, node, source_url=source_url, page_url=page_url, datasets=datasets) for node in nodes]
