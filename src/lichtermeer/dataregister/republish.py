"""The register republished as one DCAT-AP.de 3.0 catalogue, paged with Hydra.

    republish.page_count()                    # pages of PAGE_SIZE datasets (at least 1, also when empty)
    republish.catalogue_page(2, "ttl")        # bytes (Turtle; "rdf": RDF/XML, "jsonld": JSON-LD); PageNotFound
    republish.not_republished()               # [Omission(dataset_id, identifier, title, source, reasons)]

Every dataset is rebuilt from its stored RDF (the harvested N-Triples) and the register's own fields, property
by property, keeping only values DCAT-AP.de 3.0 accepts or that map unambiguously onto its vocabularies (the
mapping: docs/dataregister.md, "Republishing"). Nothing is invented: a dataset whose mandatory values cannot be
derived — title, description, a named publisher, at least one distribution with an access URL and a licence — is
left out and listed by `not_republished()` with the reasons in English and German. What stays passes the
project's SHACL validation (`lichtermeer.engines.dcat`) without any sh:Violation (tests/dataregister).

Vocabulary membership is asked from the validation profile's own vocabulary graph, so this module and the
validator cannot disagree about which IRIs are "in the vocabulary".
"""

from __future__ import annotations

import logging
import math
import re
import threading
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from functools import lru_cache

import pyoxigraph as ox
from django.conf import settings
from django.db.models import Count, Max, Min
from django.urls import NoReverseMatch, reverse
from django.utils import translation

from lichtermeer.engines import dcat
from lichtermeer.engines.dcat.graph import Graph
from lichtermeer.engines.dcat.parse import _VALID_IRI as VALID_IRI
from lichtermeer.engines.dcat.parse import parse_bytes
from lichtermeer.engines.dcat.terms import RDF_TYPE, BNode, Lit, Term
from lichtermeer.engines.publiccode.messages import Text

from .models import Dataset

log = logging.getLogger(__name__)
PAGE_SIZE = 100
CATALOGUE_PATH = "/daten/dcat/katalog"  # + "." + extension; the same address in every language
SYNTAXES = {
    "ttl": (ox.RdfFormat.TURTLE, "text/turtle"),
    "rdf": (ox.RdfFormat.RDF_XML, "application/rdf+xml"),
    "jsonld": (ox.RdfFormat.JSON_LD, "application/ld+json"),
}

RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
XSD = "http://www.w3.org/2001/XMLSchema#"
DCT = "http://purl.org/dc/terms/"
DC = "http://purl.org/dc/elements/1.1/"
DCAT = "http://www.w3.org/ns/dcat#"
DCATAP = "http://data.europa.eu/r5r/"
DCATDE = "http://dcat-ap.de/def/dcatde/"
FOAF = "http://xmlns.com/foaf/0.1/"
VCARD = "http://www.w3.org/2006/vcard/ns#"
SKOS = "http://www.w3.org/2004/02/skos/core#"
ADMS = "http://www.w3.org/ns/adms#"
HYDRA = "http://www.w3.org/ns/hydra/core#"
EU = "http://publications.europa.eu/resource/authority/"
IANA_MEDIA_TYPES = "https://www.iana.org/assignments/media-types/"
GEOCODING = "http://dcat-ap.de/def/politicalGeocoding/"
MUNICIPALITY_LEVEL = GEOCODING + "Level/municipality"
GEOCODING_LEVELS = frozenset({"international", "european", "federal", "state", "administrativeDistrict",
                              "municipality"})  # the list of the DCAT-AP.de spec (#kv-political-geocoding-level)
GEOCODING_KEYS = frozenset({"municipalityKey", "regionalKey", "municipalAssociationKey", "districtKey",
                            "governmentDistrictKey", "stateKey"})
PREFIXES = {"dcat": DCAT, "dct": DCT, "dcatde": DCATDE, "dcatap": DCATAP, "foaf": FOAF, "vcard": VCARD,
            "hydra": HYDRA, "adms": ADMS, "xsd": XSD, "rdf": RDF}

SCHEME = {
    "file-type": EU + "file-type",
    "language": EU + "language",
    "data-theme": EU + "data-theme",
    "access-right": EU + "access-right",
    "frequency": EU + "frequency",
    "distribution-status": EU + "distribution-status",
    "planned-availability": EU + "planned-availability",
    "licence": "http://dcat-ap.de/def/licenses",
    "contributor": "http://dcat-ap.de/def/contributors",
    "publisher-type": "http://purl.org/adms/publishertype/1.0",
}
# Spellings of dcat-ap.de namespaces seen in real catalogues (Rostock: https://www.…/1.1/, Brandenburg: …/1_0
# without a slash); every one is read as the current namespace.
DCATDE_VARIANTS = re.compile(r"^https?://(?:www\.)?dcat-ap\.de/def/dcatde/(?:[0-9._]+/?)?")
DCAT_AP_DE_DEF = re.compile(r"^https?://(?:www\.)?dcat-ap\.de/def/")
# EU file-type codes real catalogues use that the table spells differently (an OGC service is *_SRVC there).
FILE_TYPE_ALIASES = {"WMS": "WMS_SRVC", "WFS": "WFS_SRVC", "WCS": "WCS_SRVC", "SHAPE": "SHP", "SHAPEFILE": "SHP",
                     "JSONLD": "JSON_LD", "JSON-LD": "JSON_LD", "TTL": "RDF_TURTLE", "TURTLE": "RDF_TURTLE",
                     "NT": "RDF_N_TRIPLES", "N-TRIPLES": "RDF_N_TRIPLES", "RDF/XML": "RDF_XML", "TIF": "TIFF",
                     "JPG": "JPEG", "GEOPACKAGE": "GPKG", "TEXT": "TXT"}
# Media types with exactly one EU file type (used when dct:format is missing or unusable).
MEDIA_TYPE_FILE_TYPES = {
    "text/csv": "CSV", "application/json": "JSON", "application/geo+json": "GEOJSON",
    "application/vnd.geo+json": "GEOJSON", "application/vnd.google-earth.kml+xml": "KML",
    "application/vnd.google-earth.kmz": "KMZ", "application/gml+xml": "GML", "application/pdf": "PDF",
    "application/zip": "ZIP", "application/xml": "XML", "text/xml": "XML", "text/html": "HTML",
    "application/rdf+xml": "RDF_XML", "text/turtle": "RDF_TURTLE", "application/ld+json": "JSON_LD",
    "application/n-triples": "RDF_N_TRIPLES", "text/plain": "TXT", "image/png": "PNG", "image/jpeg": "JPEG",
    "image/tiff": "TIFF", "application/vnd.ms-excel": "XLS", "application/geopackage+sqlite3": "GPKG",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": "XLSX",
    "application/vnd.oasis.opendocument.spreadsheet": "ODS", "application/rss+xml": "RSS",
    "application/atom+xml": "ATOM", "text/tab-separated-values": "TSV",
}
MEDIA_TYPE = re.compile(r"[a-z0-9][a-z0-9!#$&^_.+-]*/[a-z0-9][a-z0-9!#$&^_.+-]*")
LANGUAGE_CODES = {"de": "DEU", "deu": "DEU", "ger": "DEU", "en": "ENG", "eng": "ENG", "fr": "FRA", "fra": "FRA",
                  "fre": "FRA", "pl": "POL", "pol": "POL", "da": "DAN", "dan": "DAN", "nl": "NLD", "nld": "NLD",
                  "dut": "NLD", "dsb": "DSB", "hsb": "HSB", "fy": "FRY", "fry": "FRY", "frr": "FRR"}
ACCESS_RIGHTS = {"public": "PUBLIC", "öffentlich": "PUBLIC", "offen": "PUBLIC", "restricted": "RESTRICTED",
                 "eingeschränkt": "RESTRICTED", "non-public": "NON_PUBLIC", "non_public": "NON_PUBLIC",
                 "nonpublic": "NON_PUBLIC", "nicht öffentlich": "NON_PUBLIC", "nicht-öffentlich": "NON_PUBLIC"}
ADMS_STATUS = {"Completed": "COMPLETED", "Deprecated": "DEPRECATED", "UnderDevelopment": "DEVELOP",
               "Withdrawn": "WITHDRAWN"}  # ADMS status (http://purl.org/adms/status/) → EU distribution-status
DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
DATE_TIME = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})?")
YEAR = re.compile(r"\d{4}")
EMAIL = re.compile(r"[^@\s<>\"]+@[^@\s<>\"]+\.[^@\s<>\"]+")
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
CODE_LIKE = re.compile(r"\S*\d\S*")  # one "word" with a digit in it: an internal id such as "t173369", not a name
_a = ox.NamedNode(RDF_TYPE)


class PageNotFound(LookupError):
    pass


@dataclass(frozen=True)
class Omission:
    """A dataset of the register that is not republished, and why (one Text per missing mandatory value)."""

    dataset_id: int
    identifier: str
    title: str
    source: str  # the source's slug
    reasons: tuple[Text, ...]

    def to_dict(self, language: str = "de") -> dict:
        return {"dataset": self.dataset_id, "identifier": self.identifier, "title": self.title,
                "source": self.source, "reasons": [r.de if language == "de" else r.en for r in self.reasons]}


# --- reasons (English + German, naming the resource and the property) ---------------------------------------

def _not_rebuilt(identifier: str, error: Exception) -> Text:
    return Text(f"{identifier}: the dataset could not be rebuilt ({type(error).__name__}); the operator is told",
                f"{identifier}: Der Datensatz konnte nicht neu aufgebaut werden ({type(error).__name__}); der Betrieb "
                "ist informiert")


def _unreadable(identifier: str) -> Text:
    return Text(f"{identifier}: the stored RDF of this dataset cannot be read",
                f"{identifier}: Das gespeicherte RDF dieses Datensatzes ist nicht lesbar")


def _missing(node: str, prop: str) -> Text:
    return Text(f"{node}: {prop} is missing (mandatory in DCAT-AP.de 3.0)",
                f"{node}: {prop} fehlt (Pflicht in DCAT-AP.de 3.0)")


def _publisher_unnamed(node: str, agent: str) -> Text:
    return Text(f"{node}: dct:publisher {agent} has no name (foaf:name)",
                f"{node}: dct:publisher {agent} hat keinen Namen (foaf:name)")


def _publisher_code(node: str, value: str) -> Text:
    return Text(f"{node}: dct:publisher is only the text \"{value}\", an internal code rather than a name",
                f"{node}: dct:publisher ist nur der Text \"{value}\", ein interner Code statt eines Namens")


def _no_distribution(node: str) -> Text:
    return Text(f"{node}: no dcat:distribution, so neither access nor licence is known",
                f"{node}: keine dcat:distribution, daher sind weder Zugang noch Lizenz bekannt")


def _distributions(nodes: list[str]) -> tuple[str, str]:
    """How a reason names the distributions it is about: the first one, and how many more."""
    more = len(nodes) - 1
    return ((f"{nodes[0]} (and {more} more distributions)", f"{nodes[0]} (und {more} weitere Distributionen)")
            if more else (nodes[0], nodes[0]))


def _no_access_url(nodes: list[str]) -> Text:
    en, de = _distributions(nodes)
    return Text(f"{en}: no usable dcat:accessURL or dcat:downloadURL",
                f"{de}: keine verwendbare dcat:accessURL oder dcat:downloadURL")


def _no_licence(nodes: list[str]) -> Text:
    en, de = _distributions(nodes)
    return Text(f"{en}: no dct:license on the distribution or its dataset",
                f"{de}: keine dct:license an der Distribution oder ihrem Datensatz")


def _licence_text(nodes: list[str], value: str) -> Text:
    en, de = _distributions(nodes)
    return Text(f"{en}: dct:license is the text \"{value}\", which names no licence of the DCAT-AP.de vocabulary "
                "unambiguously",
                f"{de}: dct:license ist der Text \"{value}\", der keine Lizenz des DCAT-AP.de-Vokabulars eindeutig "
                "benennt")


# --- vocabularies (the validation profile's, so mapping and validation agree) -------------------------------

def _vocabulary() -> Graph:
    return dcat.load_profile().vocabulary


def in_scheme(iri: str, scheme: str) -> bool:
    return scheme in _vocabulary().objects(iri, SKOS + "inScheme")


def _key(value: str) -> str:
    """Compare licence addresses loosely: scheme, "www." and a trailing slash do not matter, case neither."""
    return re.sub(r"^https?://(www\.)?", "", value.strip()).rstrip("/").casefold()


@lru_cache(maxsize=1)
def _licence_index() -> dict[str, frozenset[str]]:
    """Every name and address of a dcat-ap.de licence → the licence IRIs it may mean (ambiguous: several)."""
    vocabulary, scheme = _vocabulary(), SCHEME["licence"]
    index: dict[str, set[str]] = {}
    for concept, predicates in vocabulary.out.items():
        if type(concept) is not str or scheme not in predicates.get(SKOS + "inScheme", {}):
            continue
        names = {concept}
        for predicate in (SKOS + "exactMatch", FOAF + "homepage", DCT + "references", DC + "identifier",
                          SKOS + "altLabel", SKOS + "prefLabel", RDFS + "label"):
            names.update(o.lexical if type(o) is Lit else o for o in predicates.get(predicate, {})
                         if type(o) is not BNode)
        for name in names:
            index.setdefault(_key(name), set()).add(concept)
    return {name: frozenset(concepts) for name, concepts in index.items()}


def map_licence(graph: Graph, value: Term) -> tuple[ox.NamedNode | None, str]:
    """A licence value → (IRI, "") or (None, the text that could not be mapped).

    A dcat-ap.de licence by any of its names or addresses (only when exactly one licence has it) becomes its IRI;
    another absolute http(s) address is kept as stated (validation warns: not from the vocabulary); text that
    names no licence unambiguously gives None.
    """
    candidates: list[str] = []
    if type(value) is Lit:
        candidates.append(value.lexical.strip())
    elif type(value) is BNode:  # a licence document described inline: try what it says about itself
        for predicate in (DCT + "identifier", RDFS + "isDefinedBy", DCT + "title", RDFS + "label", SKOS + "prefLabel"):
            candidates.extend(o.lexical.strip() if type(o) is Lit else o for o in graph.objects(value, predicate)
                              if type(o) is not BNode)
    else:
        candidates.append(value)
        candidates.extend(o.lexical.strip() for o in graph.objects(value, DCT + "identifier") if type(o) is Lit)
    index = _licence_index()
    for candidate in candidates:
        concepts = index.get(_key(candidate), frozenset())
        if len(concepts) == 1:
            return ox.NamedNode(next(iter(concepts))), ""
    for candidate in candidates:
        if re.match(r"https?://", candidate) and (node := named(candidate)) is not None:
            return node, ""
    return None, candidates[0] if candidates else ""


def map_file_type(value: Term) -> ox.NamedNode | None:
    """dct:format (an EU file-type IRI, a code, a label or a media type) → an EU file-type IRI, if unambiguous."""
    text = (value.lexical if type(value) is Lit else value if type(value) is str else "").strip()
    if not text:
        return None
    if in_scheme(text, SCHEME["file-type"]):
        return ox.NamedNode(text)
    if re.match(r"https?://publications\.europa\.eu/resource/authority/file-type/", text):
        text = text.rsplit("/", 1)[-1]
    elif text.startswith(("http://www.iana.org/assignments/media-types/", IANA_MEDIA_TYPES)):
        text = text.split("/media-types/", 1)[1]
    code = MEDIA_TYPE_FILE_TYPES.get(text.casefold()) or FILE_TYPE_ALIASES.get(text.upper(), text.upper())
    iri = EU + "file-type/" + code
    return ox.NamedNode(iri) if VALID_IRI.fullmatch(iri) and in_scheme(iri, SCHEME["file-type"]) else None


def map_media_type(value: Term) -> ox.NamedNode | None:
    """dcat:mediaType → an IANA media-type IRI (the profile only tests the https://www.iana.org/… prefix)."""
    text = (value.lexical if type(value) is Lit else value if type(value) is str else "").strip()
    if text.startswith(("http://www.iana.org/assignments/media-types/", IANA_MEDIA_TYPES)):
        text = text.split("/media-types/", 1)[1]
    text = text.casefold()
    return ox.NamedNode(IANA_MEDIA_TYPES + text) if MEDIA_TYPE.fullmatch(text) else None


def map_language(value: Term) -> ox.NamedNode | None:
    text = (value.lexical if type(value) is Lit else value if type(value) is str else "").strip()
    if in_scheme(text, SCHEME["language"]):
        return ox.NamedNode(text)
    code = LANGUAGE_CODES.get(text.rstrip("/").rsplit("/", 1)[-1].casefold())
    if code and in_scheme(EU + "language/" + code, SCHEME["language"]):
        return ox.NamedNode(EU + "language/" + code)
    return None


def map_access_rights(graph: Graph, value: Term) -> ox.NamedNode | None:
    text = (value.lexical if type(value) is Lit else value if type(value) is str else "").strip()
    if type(value) is BNode:  # a dct:RightsStatement with a label
        labels = [o.lexical for p in (RDFS + "label", SKOS + "prefLabel") for o in graph.objects(value, p)
                  if type(o) is Lit]
        text = labels[0].strip() if len(labels) == 1 else ""
    if in_scheme(text, SCHEME["access-right"]):
        return ox.NamedNode(text)
    code = ACCESS_RIGHTS.get(text.rsplit("/", 1)[-1].casefold())
    iri = EU + "access-right/" + code if code else ""
    return ox.NamedNode(iri) if iri and in_scheme(iri, SCHEME["access-right"]) else None


def map_in_scheme(value: Term, scheme: str) -> ox.NamedNode | None:
    return ox.NamedNode(value) if type(value) is str and in_scheme(value, scheme) else None


def map_distribution_status(value: Term) -> ox.NamedNode | None:
    if type(value) is not str:
        return None
    if in_scheme(value, SCHEME["distribution-status"]):
        return ox.NamedNode(value)
    code = ADMS_STATUS.get(value.removeprefix("http://purl.org/adms/status/")) \
        if value.startswith("http://purl.org/adms/status/") else None
    iri = EU + "distribution-status/" + code if code else ""
    return ox.NamedNode(iri) if iri and in_scheme(iri, SCHEME["distribution-status"]) else None


def dcat_ap_de(value: str) -> str:
    """A dcat-ap.de IRI in any spelling seen in the wild → the official http://dcat-ap.de/def/… form."""
    return DCAT_AP_DE_DEF.sub("http://dcat-ap.de/def/", value)


def map_contributor(value: Term) -> ox.NamedNode | None:
    return ox.NamedNode(dcat_ap_de(value)) if type(value) is str and in_scheme(
        dcat_ap_de(value), SCHEME["contributor"]) else None


def map_geocoding(value: Term) -> ox.NamedNode | None:
    if type(value) is not str:
        return None
    iri = dcat_ap_de(value.strip()).rstrip("/")
    parts = iri.removeprefix(GEOCODING).split("/")
    if not iri.startswith(GEOCODING) or len(parts) != 2 or parts[0] not in GEOCODING_KEYS \
            or not parts[1].isdigit():
        return None
    return ox.NamedNode(iri)


def map_geocoding_level(value: Term) -> ox.NamedNode | None:
    if type(value) is not str:
        return None
    iri = dcat_ap_de(value.strip()).rstrip("/")
    level = iri.removeprefix(GEOCODING + "Level/")
    return ox.NamedNode(iri) if iri.startswith(GEOCODING + "Level/") and level in GEOCODING_LEVELS else None


# --- terms ----------------------------------------------------------------------------------------------------

def named(value: str) -> ox.NamedNode | None:
    """An absolute IRI as pyoxigraph and the validator's parser both accept it, else None."""
    value = value.strip()
    if not value or not VALID_IRI.fullmatch(value) or ":" not in value:
        return None
    try:
        return ox.NamedNode(value)
    except ValueError:
        return None


def url(value: Term) -> ox.NamedNode | None:
    """A web address given as an IRI or as a literal → IRI (http, https or ftp only)."""
    text = value.lexical if type(value) is Lit else value if type(value) is str else ""
    return named(text) if re.match(r"(https?|ftp)://[^/\s]", text.strip()) else None


def literal(value: Lit) -> ox.Literal:
    """A text literal; other datatypes become plain text. Control characters XML 1.0 forbids are dropped (the
    RDF/XML page would not be well-formed), and a language tag pyoxigraph refuses is dropped rather than crashing."""
    text = CONTROL_CHARACTERS.sub("", value.lexical)
    if value.language:
        try:
            return ox.Literal(text, language=value.language)
        except ValueError:
            pass
    return ox.Literal(text)


def texts(graph: Graph, node: Term, predicate: str) -> list[ox.Literal]:
    """The non-empty text literals of a property, one per language (DCAT-AP allows one value per language)."""
    found: dict[str, ox.Literal] = {}
    for value in sorted((v for v in graph.objects(node, predicate) if type(v) is Lit), key=lambda v: v.lexical):
        if value.lexical.strip() and value.language not in found:
            found[value.language] = literal(Lit(value.lexical.strip(), language=value.language))
    return list(found.values())


def temporal_literal(value: Term) -> ox.Literal | None:
    """A date or date-time as xsd:date / xsd:dateTime / xsd:gYear, only if it is a real calendar value."""
    if type(value) is not Lit:
        return None
    text = value.lexical.strip()
    try:
        if DATE.fullmatch(text):
            date.fromisoformat(text)
            return ox.Literal(text, datatype=ox.NamedNode(XSD + "date"))
        if DATE_TIME.fullmatch(text):
            datetime.fromisoformat(text.replace("Z", "+00:00"))
            return ox.Literal(text, datatype=ox.NamedNode(XSD + "dateTime"))
    except ValueError:
        return None
    if YEAR.fullmatch(text):
        return ox.Literal(text, datatype=ox.NamedNode(XSD + "gYear"))
    return None


def _sortable(value: ox.Literal) -> str:
    return value.value if "T" in value.value else value.value + "T00:00:00"


def one_temporal(graph: Graph, node: Term, predicate: str, newest: bool) -> ox.Literal | None:
    """DCAT-AP allows one dct:issued / dct:modified: the earliest issued, the latest modified."""
    values = [t for t in map(temporal_literal, graph.objects(node, predicate)) if t is not None]
    if not values:
        return None
    return (max if newest else min)(values, key=_sortable)


def byte_size(value: Term) -> ox.Literal | None:
    if type(value) is not Lit:
        return None
    try:
        number = Decimal(value.lexical.strip())
    except InvalidOperation:
        return None
    if not number.is_finite() or number < 0 or number != number.to_integral_value():
        return None
    return ox.Literal(str(int(number)), datatype=ox.NamedNode(XSD + "nonNegativeInteger"))


def agent_name(graph: Graph, agent: Term) -> list[ox.Literal]:
    for predicate in (FOAF + "name", VCARD + "fn", SKOS + "prefLabel", RDFS + "label", DCT + "title"):
        names = texts(graph, agent, predicate)
        if names:
            return names
    return []


# --- one dataset ------------------------------------------------------------------------------------------------

@dataclass
class Built:
    """What a dataset republishes as, or why it is not republished (`reasons` non-empty)."""

    triples: list[ox.Triple] = field(default_factory=list)
    reasons: list[Text] = field(default_factory=list)


class DatasetBuilder:
    """Rebuilds one stored dataset as DCAT-AP.de 3.0 triples (see the module docstring)."""

    def __init__(self, dataset: Dataset, *, node: ox.NamedNode | None = None, own_page: str | None = None,
                 keep_distribution_iris: bool = True) -> None:
        self.dataset, self.own_page = dataset, own_page
        self.keep_distribution_iris = keep_distribution_iris
        self.out: list[ox.Triple] = []
        self.reasons: list[Text] = []
        parsed = parse_bytes(f"{dataset.identifier}.nt", dataset.rdf.encode("utf-8"), rdf_format=ox.RdfFormat.N_TRIPLES)
        self.graph = parsed.graph
        self.root = dataset.iri
        self.node = node or named(dataset.iri)
        self.label = dataset.iri or dataset.identifier

    def add(self, subject, predicate: str, obj) -> None:
        self.out.append(ox.Triple(subject, ox.NamedNode(predicate), obj))

    def build(self) -> Built:
        graph = self.graph
        if graph is None or self.root not in graph.out or self.node is None:
            return Built(reasons=[_unreadable(self.dataset.identifier)])
        node, root = self.node, self.root
        titles, descriptions = texts(graph, root, DCT + "title"), texts(graph, root, DCT + "description")
        if not titles:
            self.reasons.append(_missing(self.label, "dct:title"))
        if not descriptions:
            self.reasons.append(_missing(self.label, "dct:description"))
        publisher = self.publisher()
        distributions = self.distributions()
        if self.reasons:
            return Built(reasons=self.reasons)
        self.add(node, RDF_TYPE, ox.NamedNode(DCAT + "Dataset"))
        for value in titles:
            self.add(node, DCT + "title", value)
        for value in descriptions:
            self.add(node, DCT + "description", value)
        self.add(node, DCT + "identifier", ox.Literal(self.dataset.identifier))
        self.add(node, DCT + "publisher", publisher)
        for distribution in distributions:
            self.add(node, DCAT + "distribution", distribution)
        self.optional_properties()
        return Built(triples=self.out)

    # mandatory ---------------------------------------------------------------------------------------------

    def publisher(self) -> ox.NamedNode | ox.BlankNode | None:
        """The first stated publisher with a name (IRIs first); the reason of the first one when none has."""
        graph, root = self.graph, self.root
        agents = sorted(graph.objects(root, DCT + "publisher"), key=lambda a: (type(a) is Lit, type(a) is BNode,
                                                                               str(a)))
        if not agents:
            self.reasons.append(_missing(self.label, "dct:publisher"))
            return None
        problems = []
        for agent in agents:
            if type(agent) is Lit:
                name = agent.lexical.strip()
                if not name or not re.search(r"[^\W\d_]", name) or CODE_LIKE.fullmatch(name):
                    problems.append(_publisher_code(self.label, name))
                    continue
                names, subject = [literal(Lit(name, language=agent.language))], ox.BlankNode()
            else:
                names = agent_name(graph, agent)
                if not names:
                    problems.append(_publisher_unnamed(self.label, str(agent)))
                    continue
                subject = (named(agent) if type(agent) is str else None) or ox.BlankNode()
            self.add(subject, RDF_TYPE, ox.NamedNode(FOAF + "Agent"))
            for name in names:
                self.add(subject, FOAF + "name", name)
            if type(agent) is not Lit:
                for kind in graph.objects(agent, DCT + "type"):
                    if (mapped := map_in_scheme(kind, SCHEME["publisher-type"])) is not None:
                        self.add(subject, DCT + "type", mapped)
            return subject
        self.reasons.append(problems[0])
        return None

    def distributions(self) -> list[ox.NamedNode | ox.BlankNode]:
        graph, root = self.graph, self.root
        nodes = sorted((d for d in graph.objects(root, DCAT + "distribution") if type(d) is not Lit
                        and d in graph.out), key=str)
        if not nodes:
            self.reasons.append(_no_distribution(self.label))
            return []
        dataset_licences = list(graph.objects(root, DCT + "license"))
        built, problems = [], {}
        for distribution in nodes:
            made, problem = self.distribution(distribution, dataset_licences)
            if made is not None:
                built.append(made)
            for kind in problem:
                problems.setdefault(kind, []).append(str(distribution))
        if not built:  # no usable distribution: every kind of problem is a reason, once with all it concerns
            for (kind, value), concerned in problems.items():
                self.reasons.append(_no_access_url(concerned) if kind == "access" else _licence_text(concerned, value)
                                    if value else _no_licence(concerned))
        return built

    def distribution(self, source: Term, dataset_licences: list[Term]):
        """One distribution → (node, []) or (None, problems as (kind, value)); its triples are only added when
        it is usable."""
        graph = self.graph
        access = sorted({u for u in map(url, graph.objects(source, DCAT + "accessURL")) if u}, key=str)
        downloads = sorted({u for u in map(url, graph.objects(source, DCAT + "downloadURL")) if u}, key=str)
        licence, unmapped = None, ""
        for value in sorted(graph.objects(source, DCT + "license"), key=str) or sorted(dataset_licences, key=str):
            licence, text = map_licence(graph, value)
            if licence is not None:
                break
            unmapped = unmapped or text
        problems = []
        if not access and not downloads:
            problems.append(("access", ""))
        if licence is None:
            problems.append(("licence", unmapped))
        if problems:
            return None, problems
        subject = (named(source) if type(source) is str and self.keep_distribution_iris else None) or ox.BlankNode()
        self.add(subject, RDF_TYPE, ox.NamedNode(DCAT + "Distribution"))
        for address in access or downloads:  # DCAT-AP: the download URL is also an access URL
            self.add(subject, DCAT + "accessURL", address)
        for address in downloads:
            self.add(subject, DCAT + "downloadURL", address)
        # Not typed dct:LicenseDocument here: the merged vocabulary gives every dcat-ap.de licence a literal
        # dct:type ("Freie Nutzung"), which the LicenseDocument shape rejects as a violation.
        self.add(subject, DCT + "license", licence)
        for predicate in (DCT + "title", DCT + "description"):
            for value in texts(graph, source, predicate):
                self.add(subject, predicate, value)
        file_type = next((f for f in map(map_file_type, sorted(graph.objects(source, DCT + "format"), key=str)) if f),
                         None)
        media_types = sorted(graph.objects(source, DCAT + "mediaType"), key=str)
        if file_type is None:  # some portals put the format into dcat:mediaType ("CSV")
            file_type = next((f for f in map(map_file_type, media_types) if f), None)
        if file_type is not None:
            self.add(subject, DCT + "format", file_type)
        media_type = next((m for m in map(map_media_type, media_types) if m), None)
        if media_type is not None:
            self.add(subject, DCAT + "mediaType", media_type)
        size = next((s for s in map(byte_size, graph.objects(source, DCAT + "byteSize")) if s), None)
        if size is not None:
            self.add(subject, DCAT + "byteSize", size)
        for predicate, newest in ((DCT + "issued", False), (DCT + "modified", True)):
            if (value := one_temporal(graph, source, predicate, newest)) is not None:
                self.add(subject, predicate, value)
        for language in sorted({m.value for m in map(map_language, graph.objects(source, DCT + "language")) if m}):
            self.add(subject, DCT + "language", ox.NamedNode(language))
        status = next((s for s in map(map_distribution_status, graph.objects(source, ADMS + "status")) if s), None)
        if status is not None:
            self.add(subject, ADMS + "status", status)
        for availability in graph.objects(source, DCATAP + "availability"):
            if (mapped := map_in_scheme(availability, SCHEME["planned-availability"])) is not None:
                self.add(subject, DCATAP + "availability", mapped)
                break
        return subject, []

    # optional ----------------------------------------------------------------------------------------------

    def optional_properties(self) -> None:
        graph, root, node = self.graph, self.root, self.node
        for keyword in sorted({(v.lexical.strip(), v.language) for v in graph.objects(root, DCAT + "keyword")
                               if type(v) is Lit and v.lexical.strip()}):
            self.add(node, DCAT + "keyword", literal(Lit(keyword[0], language=keyword[1])))
        for predicate, scheme in ((DCAT + "theme", SCHEME["data-theme"]),
                                  (DCT + "accrualPeriodicity", SCHEME["frequency"])):
            for value in sorted(graph.objects(root, predicate), key=str):
                if (mapped := map_in_scheme(value, scheme)) is not None:
                    self.add(node, predicate, mapped)
                    if predicate == DCT + "accrualPeriodicity":
                        break  # at most one
        for predicate, newest in ((DCT + "issued", False), (DCT + "modified", True)):
            if (value := one_temporal(graph, root, predicate, newest)) is not None:
                self.add(node, predicate, value)
        for language in sorted({m.value for m in map(map_language, graph.objects(root, DCT + "language")) if m}):
            self.add(node, DCT + "language", ox.NamedNode(language))
        stated_rights = sorted(graph.objects(root, DCT + "accessRights"), key=str)
        rights = next((r for r in (map_access_rights(graph, v) for v in stated_rights) if r), None)
        if rights is not None:
            self.add(node, DCT + "accessRights", rights)
        self.landing_pages()
        self.contact_points()
        self.temporal()
        self.spatial()
        self.geocoding()
        self.contributors()
        if self.dataset.mdk_uri and (reference := named(self.dataset.mdk_uri)) is not None:
            self.add(node, DCT + "references", reference)

    def landing_pages(self) -> None:
        pages = [named(self.own_page)] if self.own_page else []
        pages += [url(v) for v in sorted(self.graph.objects(self.root, DCAT + "landingPage"), key=str)]
        if self.dataset.landing_page:
            pages.append(url(self.dataset.landing_page))
        for page in dict.fromkeys(p for p in pages if p is not None):
            self.add(self.node, DCAT + "landingPage", page)
            self.add(page, RDF_TYPE, ox.NamedNode(FOAF + "Document"))

    def contact_points(self) -> None:
        graph = self.graph
        for contact in sorted(graph.objects(self.root, DCAT + "contactPoint"), key=str):
            if type(contact) is Lit:
                continue
            names = texts(graph, contact, VCARD + "fn")
            mails = set()
            for value in graph.objects(contact, VCARD + "hasEmail"):
                text = (value.lexical if type(value) is Lit else value if type(value) is str else "").strip()
                address = text.removeprefix("mailto:")
                if EMAIL.fullmatch(address) and (mail := named("mailto:" + address)) is not None:
                    mails.add(mail)
            pages = {u for u in map(url, graph.objects(contact, VCARD + "hasURL")) if u}
            if not names and not mails and not pages:
                continue
            subject = (named(contact) if type(contact) is str else None) or ox.BlankNode()
            kinds = [k for k in (VCARD + "Organization", VCARD + "Individual")
                     if k in graph.objects(contact, RDF_TYPE)]
            self.add(subject, RDF_TYPE, ox.NamedNode(kinds[0] if kinds else VCARD + "Kind"))
            for name in names:
                self.add(subject, VCARD + "fn", name)
            for mail in sorted(mails, key=str):
                self.add(subject, VCARD + "hasEmail", mail)
            for page in sorted(pages, key=str):
                self.add(subject, VCARD + "hasURL", page)
            self.add(self.node, DCAT + "contactPoint", subject)

    def temporal(self) -> None:
        graph = self.graph
        for period in sorted(graph.objects(self.root, DCT + "temporal"), key=str):
            if type(period) is Lit:
                continue
            start = one_temporal(graph, period, DCAT + "startDate", newest=False)
            end = one_temporal(graph, period, DCAT + "endDate", newest=True)
            if start is None and end is None:
                continue
            subject = ox.BlankNode()
            self.add(subject, RDF_TYPE, ox.NamedNode(DCT + "PeriodOfTime"))
            if start is not None:
                self.add(subject, DCAT + "startDate", start)
            if end is not None:
                self.add(subject, DCAT + "endDate", end)
            self.add(self.node, DCT + "temporal", subject)

    def spatial(self) -> None:
        # Only places named by an IRI (EU places, GeoNames, …). Inline geometries are not carried over: the
        # SEMIC 3.0.0 shapes the profile uses demand an IRI or blank node for locn:geometry, not the GeoJSON/WKT
        # literal GeoDCAT-AP prescribes.
        for place in sorted(self.graph.objects(self.root, DCT + "spatial"), key=str):
            if type(place) is str and (iri := url(place)) is not None:
                self.add(self.node, DCT + "spatial", iri)
                self.add(iri, RDF_TYPE, ox.NamedNode(DCT + "Location"))

    def geocoding(self) -> None:
        """The publisher's own political geocoding wins; else the register's municipality (its AGS)."""
        graph, stated, levels = self.graph, [], []
        for predicate, objects in graph.out[self.root].items():
            local = DCATDE_VARIANTS.sub("", predicate) if DCATDE_VARIANTS.match(predicate) else ""
            if local == "politicalGeocodingURI":
                stated += [g for g in map(map_geocoding, objects) if g]
            elif local == "politicalGeocodingLevelURI":
                levels += [g for g in map(map_geocoding_level, objects) if g]
        municipality = self.dataset.municipality
        if not stated and municipality is not None and re.fullmatch(r"\d{8}", municipality.ags or ""):
            stated, levels = [ox.NamedNode(GEOCODING + "municipalityKey/" + municipality.ags)], [
                ox.NamedNode(MUNICIPALITY_LEVEL)]
        for value in sorted(set(stated), key=str):
            self.add(self.node, DCATDE + "politicalGeocodingURI", value)
        if stated and levels:
            self.add(self.node, DCATDE + "politicalGeocodingLevelURI", sorted(set(levels), key=str)[0])

    def contributors(self) -> None:
        for predicate, objects in self.graph.out[self.root].items():
            if DCATDE_VARIANTS.match(predicate) and DCATDE_VARIANTS.sub("", predicate) == "contributorID":
                for value in sorted({m for m in map(map_contributor, objects) if m}, key=str):
                    self.add(self.node, DCATDE + "contributorID", value)


# --- the register: which datasets, which page ---------------------------------------------------------------

_verdicts: dict[tuple[int, str, str], tuple[Text, ...]] = {}  # (pk, content hash, IRI) → reasons; () = republished
_lock = threading.Lock()
MAX_CACHED = 200_000


def _site() -> str:
    return settings.SITE_ROOT.rstrip("/")


def _reasons(rows: Iterable[tuple[int, str, str]]) -> dict[int, tuple[Text, ...]]:
    """Reasons per dataset id (empty: republished). Decided once per stored content, then remembered."""
    rows = list(rows)
    missing = [pk for pk, digest, iri in rows if (pk, digest, iri) not in _verdicts]
    for start in range(0, len(missing), 200):
        for dataset in Dataset.objects.filter(pk__in=missing[start:start + 200]).select_related("municipality"):
            verdict = tuple(_build(dataset, node=_placeholder(dataset)).reasons)
            with _lock:
                if len(_verdicts) >= MAX_CACHED:
                    _verdicts.clear()
                _verdicts[(dataset.pk, dataset.content_hash, dataset.iri)] = verdict
    return {pk: _verdicts.get((pk, digest, iri), ()) for pk, digest, iri in rows}


def _build(dataset: Dataset, **options) -> Built:
    """Rebuild one dataset; an unexpected failure leaves it out with the reason instead of failing the page."""
    try:
        return DatasetBuilder(dataset, **options).build()
    except Exception as error:  # noqa: BLE001 - one broken record must not take the catalogue down
        log.exception("republishing dataset %s failed", dataset.pk)
        return Built(reasons=[_not_rebuilt(dataset.identifier, error)])


def _placeholder(dataset: Dataset) -> ox.NamedNode | None:
    # Deciding needs some dataset node; which one (own or minted) does not change the verdict.
    return named(dataset.iri) or ox.NamedNode(_minted(dataset.pk))


def _minted(pk: int, own_page: str | None = None) -> str:
    """Our IRI for a dataset whose source IRI another entry keeps: its page here, as a fragment (resolvable)."""
    return f"{own_page or f'{_site()}{CATALOGUE_PATH}/datensatz/{pk}'}#datensatz"


def republished_ids() -> list[int]:
    rows = Dataset.objects.order_by("pk").values_list("pk", "content_hash", "iri")
    return [pk for pk, reasons in _reasons(rows).items() if not reasons]


def not_republished() -> list[Omission]:
    rows = list(Dataset.objects.order_by("pk").values_list("pk", "content_hash", "iri", "identifier", "title",
                                                            "source__slug"))
    reasons = _reasons((pk, digest, iri) for pk, digest, iri, *_rest in rows)
    return [Omission(pk, identifier, title, slug, reasons[pk])
            for pk, _digest, _iri, identifier, title, slug in rows if reasons[pk]]


def page_count(total: int | None = None) -> int:
    total = len(republished_ids()) if total is None else total
    return max(1, math.ceil(total / PAGE_SIZE))


def page_url(extension: str, page: int) -> str:
    return f"{_site()}{CATALOGUE_PATH}.{extension}?page={page}"


def _own_page(dataset: Dataset) -> str | None:
    try:
        with translation.override(settings.LANGUAGE_CODE):
            return _site() + reverse("dataregister:dataset", args=[dataset.pk])
    except NoReverseMatch:  # the register's pages are not mounted (e.g. a minimal deployment)
        return None


def _iri_owners(iris: Iterable[str]) -> dict[str, int]:
    """IRI → the dataset id that keeps it, for IRIs two sources share (the oldest row keeps it)."""
    shared = (Dataset.objects.filter(iri__in=list(iris)).values("iri").annotate(n=Count("id"), first=Min("id"))
              .filter(n__gt=1))
    return {row["iri"]: row["first"] for row in shared}


def catalogue_page(page: int, extension: str = "ttl") -> bytes:
    """Page `page` (1-based) of the catalogue in the syntax of `extension` ("ttl", "rdf", "jsonld")."""
    syntax = SYNTAXES[extension][0]
    ids = republished_ids()
    pages = page_count(len(ids))
    if page < 1 or page > pages:
        raise PageNotFound(page)
    chosen = ids[(page - 1) * PAGE_SIZE:page * PAGE_SIZE]
    datasets = list(Dataset.objects.filter(pk__in=chosen).select_related("municipality").order_by("pk"))
    owners = _iri_owners(d.iri for d in datasets)
    catalogue = ox.NamedNode(_site() + CATALOGUE_PATH)
    triples = _catalogue_triples(catalogue, ids)
    for dataset in datasets:
        keeps_iri = owners.get(dataset.iri, dataset.pk) == dataset.pk and named(dataset.iri) is not None
        own_page = _own_page(dataset)
        node = ox.NamedNode(dataset.iri if keeps_iri else _minted(dataset.pk, own_page))
        built = _build(dataset, node=node, own_page=own_page, keep_distribution_iris=keeps_iri)
        if built.reasons:  # stored content changed since the decision: it is left for the next request
            continue
        triples.append(ox.Triple(catalogue, ox.NamedNode(DCAT + "dataset"), node))
        triples.extend(built.triples)
    triples.extend(_hydra(extension, page, pages, len(ids)))
    by_subject: dict = {}  # each subject's triples together (readable Turtle), duplicates once
    for triple in triples:
        by_subject.setdefault(triple.subject, {})[triple] = None
    return ox.serialize((t for group in by_subject.values() for t in group), format=syntax,
                        **({"prefixes": PREFIXES} if syntax != ox.RdfFormat.JSON_LD else {}))


def _catalogue_triples(catalogue: ox.NamedNode, ids: list[int]) -> list[ox.Triple]:
    site = _site()
    operator = ox.NamedNode(site + "/#betreiber")
    name = getattr(settings, "OPERATOR_NAME", "") or "Lichtermeer"
    triples = [
        ox.Triple(catalogue, _a, ox.NamedNode(DCAT + "Catalog")),
        ox.Triple(catalogue, ox.NamedNode(DCT + "title"),
                  ox.Literal("Lichtermeer – Register urbaner Daten", language="de")),
        ox.Triple(catalogue, ox.NamedNode(DCT + "title"),
                  ox.Literal("Lichtermeer – register of urban data", language="en")),
        ox.Triple(catalogue, ox.NamedNode(DCT + "description"), ox.Literal(
            "Datensätze deutscher Kommunen, aus ihren Datenportalen geerntet, nach DCAT-AP.de 3.0 geprüft, nach "
            "der Metadatenqualität (MQA) bewertet und dem Musterdatenkatalog zugeordnet (dct:references).",
            language="de")),
        ox.Triple(catalogue, ox.NamedNode(DCT + "description"), ox.Literal(
            "Datasets of German municipalities, harvested from their data portals, validated against DCAT-AP.de "
            "3.0, scored for metadata quality (MQA) and classified in the Musterdatenkatalog (dct:references).",
            language="en")),
        ox.Triple(catalogue, ox.NamedNode(DCT + "publisher"), operator),
        ox.Triple(operator, _a, ox.NamedNode(FOAF + "Agent")),
        ox.Triple(operator, ox.NamedNode(FOAF + "name"), ox.Literal(name)),
        ox.Triple(catalogue, ox.NamedNode(DCT + "language"), ox.NamedNode(EU + "language/DEU")),
        ox.Triple(catalogue, ox.NamedNode(FOAF + "homepage"), ox.NamedNode(site + "/")),
        ox.Triple(ox.NamedNode(site + "/"), _a, ox.NamedNode(FOAF + "Document")),
    ]
    newest = Dataset.objects.filter(pk__in=ids).aggregate(newest=Max("harvested_at"))["newest"] if ids else None
    if newest is not None:
        triples.append(ox.Triple(catalogue, ox.NamedNode(DCT + "modified"), ox.Literal(
            newest.replace(microsecond=0).isoformat(), datatype=ox.NamedNode(XSD + "dateTime"))))
    return triples


def _hydra(extension: str, page: int, pages: int, total: int) -> list[ox.Triple]:
    here = ox.NamedNode(page_url(extension, page))
    integer = ox.NamedNode(XSD + "integer")
    triples = [
        ox.Triple(here, _a, ox.NamedNode(HYDRA + "PagedCollection")),
        ox.Triple(here, ox.NamedNode(HYDRA + "totalItems"), ox.Literal(str(total), datatype=integer)),
        ox.Triple(here, ox.NamedNode(HYDRA + "itemsPerPage"), ox.Literal(str(PAGE_SIZE), datatype=integer)),
        ox.Triple(here, ox.NamedNode(HYDRA + "first"), ox.NamedNode(page_url(extension, 1))),
        ox.Triple(here, ox.NamedNode(HYDRA + "last"), ox.NamedNode(page_url(extension, pages))),
    ]
    if page > 1:
        triples.append(ox.Triple(here, ox.NamedNode(HYDRA + "previous"), ox.NamedNode(page_url(extension, page - 1))))
    if page < pages:
        triples.append(ox.Triple(here, ox.NamedNode(HYDRA + "next"), ox.NamedNode(page_url(extension, page + 1))))
    return triples
