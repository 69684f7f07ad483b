"""Reading hostile RDF safely with pyoxigraph: size limit, XML guard, no network, lenient IRIs, never an exception.

* At most `MAX_BYTES` (25 MiB) per file and `MAX_TRIPLES` triples; parsing stops after `MAX_PARSE_SECONDS`.
* RDF/XML first goes through an expat pass with defusedxml's rules: entity declarations, external entities and
  external DTDs are refused (pyoxigraph's RDF/XML parser *does* expand internal entities — a "billion laughs"
  file of 1 KiB became a 294 MB literal in 2.5 s), and nesting deeper than `MAX_XML_DEPTH` elements is refused
  (pyoxigraph's time grows with the square of the depth: 20,000 levels took 2.7 s).
* JSON-LD: pyoxigraph has no document loader, so a remote `@context` is never fetched; it is reported as an error.
* Real catalogues contain invalid IRIs (an e-mail address, spaces); strict parsing rejects the whole file, so
  parsing is lenient and every invalid IRI is reported as a warning instead.
* Relative IRIs resolve against `file:///<file name>` unless a base IRI is given, so results do not depend on
  the directory a file was read from.
"""

from __future__ import annotations

import re
import time
import xml.parsers.expat
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote

import pyoxigraph as ox

from . import messages
from .graph import Graph
from .messages import Text

MAX_BYTES = 25 * 1024 * 1024
MAX_TRIPLES = 2_000_000
MAX_PARSE_SECONDS = 60.0
MAX_XML_DEPTH = 100

FORMATS = {
    ".ttl": ox.RdfFormat.TURTLE,
    ".turtle": ox.RdfFormat.TURTLE,
    ".rdf": ox.RdfFormat.RDF_XML,
    ".xml": ox.RdfFormat.RDF_XML,
    ".owl": ox.RdfFormat.RDF_XML,
    ".jsonld": ox.RdfFormat.JSON_LD,
    ".json": ox.RdfFormat.JSON_LD,
    ".nt": ox.RdfFormat.N_TRIPLES,
    ".nq": ox.RdfFormat.N_QUADS,
    ".trig": ox.RdfFormat.TRIG,
}
SYNTAX_NAMES = {
    ox.RdfFormat.TURTLE: "Turtle", ox.RdfFormat.RDF_XML: "RDF/XML", ox.RdfFormat.JSON_LD: "JSON-LD",
    ox.RdfFormat.N_TRIPLES: "N-Triples", ox.RdfFormat.N_QUADS: "N-Quads", ox.RdfFormat.TRIG: "TriG",
}
# RFC 3987 in short: a scheme, then no characters that are never allowed in an IRI; "[" and "]" only around an
# IPv6 host right after "//".
_VALID_IRI = re.compile(r"[A-Za-z][A-Za-z0-9+.\-]*:(?://\[[0-9A-Fa-f:.vV]+\])?[^\x00-\x20<>\"{}|\\^`\x7f\[\]]*")


@dataclass
class Parsed:
    name: str
    graph: Graph | None = None
    error: Text | None = None
    warnings: list[Text] = field(default_factory=list)
    syntax: str = ""


class _Stop(Exception):
    def __init__(self, text: Text) -> None:
        super().__init__(text.en)
        self.text = text


def default_base(name: str) -> str:
    return "file:///" + quote(Path(name).name or "input")


def detect_format(name: str, data: bytes) -> ox.RdfFormat | None:
    found = FORMATS.get(Path(name).suffix.lower())
    if found is not None:
        return found
    head = data[:512].lstrip(b"\xef\xbb\xbf \t\r\n")
    if head.startswith((b"<?xml", b"<rdf:RDF", b"<RDF")):
        return ox.RdfFormat.RDF_XML
    if head.startswith((b"{", b"[")):
        return ox.RdfFormat.JSON_LD
    if head.startswith((b"@prefix", b"@base", b"PREFIX", b"BASE", b"<", b"#")):
        return ox.RdfFormat.TURTLE
    return None


def check_xml(name: str, data: bytes, max_depth: int = MAX_XML_DEPTH) -> Text | None:
    """None when the XML is well-formed and harmless, else why it is refused (with line and column).

    The same handlers defusedxml installs (forbid_entities, forbid_external), on a bare expat parser with an
    element-depth counter: defusedxml.ElementTree would also build a tree, twice as slow for nothing.
    """
    parser = xml.parsers.expat.ParserCreate()
    depth = 0

    def where() -> tuple[int, int]:
        return parser.CurrentLineNumber, parser.CurrentColumnNumber + 1

    def start(_name, _attributes) -> None:
        nonlocal depth
        depth += 1
        if depth > max_depth:
            raise _Stop(messages.xml_too_deep(name, *where(), max_depth))

    def end(_name) -> None:
        nonlocal depth
        depth -= 1

    def entity(*_args) -> None:
        raise _Stop(messages.xml_entities_refused(name, *where()))

    def external(*_args) -> None:
        raise _Stop(messages.xml_external_refused(name, *where()))

    parser.ordered_attributes = True  # a list is cheaper to build than a dict, and the attributes are not read
    parser.StartElementHandler = start
    parser.EndElementHandler = end
    parser.EntityDeclHandler = entity
    parser.UnparsedEntityDeclHandler = entity
    parser.ExternalEntityRefHandler = external
    parser.SetParamEntityParsing(xml.parsers.expat.XML_PARAM_ENTITY_PARSING_NEVER)
    try:
        parser.Parse(data, True)
    except _Stop as stop:
        return stop.text
    except xml.parsers.expat.ExpatError as exc:
        detail = xml.parsers.expat.ErrorString(exc.code)
        return messages.syntax_error(name, "XML", exc.lineno, exc.offset + 1, detail)
    return None


def parse_bytes(name: str, data: bytes, *, base_iri: str | None = None, rdf_format: ox.RdfFormat | None = None,
                indexed_predicates: frozenset[str] = frozenset()) -> Parsed:
    """Parse one file into a `Graph`; any problem becomes `Parsed.error` (never an exception)."""
    parsed = Parsed(name)
    if len(data) > MAX_BYTES:
        parsed.error = messages.too_large(name, len(data), MAX_BYTES)
        return parsed
    rdf_format = rdf_format or detect_format(name, data)
    if rdf_format is None:
        parsed.error = messages.unknown_format(name)
        return parsed
    parsed.syntax = SYNTAX_NAMES.get(rdf_format, str(rdf_format))
    if rdf_format == ox.RdfFormat.RDF_XML:
        refused = check_xml(name, data)
        if refused is not None:
            parsed.error = refused
            return parsed
    graph = Graph(indexed_predicates)
    started = time.monotonic()

    def check(count: int) -> None:
        if count > MAX_TRIPLES:
            raise _Stop(messages.too_many_triples(name, MAX_TRIPLES))
        if time.monotonic() - started > MAX_PARSE_SECONDS:
            raise _Stop(messages.parse_too_slow(name, MAX_PARSE_SECONDS))

    try:
        quads = ox.parse(data, format=rdf_format, base_iri=base_iri or default_base(name), lenient=True)
        graph.add_all(quads, check_every=16_384, check=check)
    except _Stop as stop:
        parsed.error = stop.text
        return parsed
    except SyntaxError as exc:
        detail = exc.msg
        if "LoadDocumentCallback" in detail or "remote context" in detail.lower():
            parsed.error = messages.remote_context(name, detail)
        else:
            # pyoxigraph prefixes "Parser error at line L between columns A and B: "; the position is given apart.
            detail = re.sub(r"^Parser error at line \d+ (?:between columns \d+ and \d+|column \d+): ", "", detail)
            parsed.error = messages.syntax_error(name, parsed.syntax, exc.lineno, exc.offset, detail)
        return parsed
    except (ValueError, OSError, UnicodeError) as exc:  # e.g. an unsupported encoding
        parsed.error = messages.syntax_error(name, parsed.syntax, None, None, str(exc))
        return parsed
    invalid = sorted(iri for iri in set(graph.iris()) if not _VALID_IRI.fullmatch(iri))
    posing = [iri for iri in invalid if iri.startswith("_:")]
    if posing:  # would be taken for one of our blank node labels (`terms.BNode` compares equal to its str)
        parsed.error = messages.iri_like_blank_node(name, posing[0])
        return parsed
    if invalid:
        parsed.warnings.append(messages.invalid_iris(name, len(invalid), invalid[:3]))
    parsed.graph = graph
    return parsed


def parse_file(path: str | Path, **options) -> Parsed:
    path = Path(path)
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            return Parsed(path.name, error=messages.too_large(path.name, size, MAX_BYTES))
        with path.open("rb") as handle:
            data = handle.read(MAX_BYTES + 1)
    except OSError as exc:
        return Parsed(path.name, error=messages.cannot_read(path.name, exc.strerror or str(exc)))
    return parse_bytes(path.name, data, **options)


def rdf_files(paths: list[str]) -> list[Path]:
    """The files named, with directories searched (recursively, sorted) for files with an RDF suffix."""
    files: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            files.extend(sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in FORMATS))
        else:
            files.append(path)  # a missing file becomes a per-file error, like a broken one
    return files
