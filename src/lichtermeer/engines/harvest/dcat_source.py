"""DCAT catalogue endpoints (RDF/XML, Turtle, JSON-LD, N-Triples) paged with Hydra.

Like ckanext-dcat's harvester (`processors.py`): follow `hydra:next`, else the legacy `hydra:nextPage`, on
whatever node carries it (`hydra:PagedCollection`, `hydra:PartialCollectionView`); the values may be IRIs or
literals, relative links resolve against the page URL. `hydra:totalItems` becomes the progress total.

Parsing is dcat.parse's (size/entity/depth guards, lenient IRIs). The syntax comes from the Content-Type; generic
types (text/plain, application/octet-stream, none) are sniffed; HTML and other non-RDF types are refused — a
portal's error or login page must not count as an empty catalogue.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit, urlunsplit

import pyoxigraph as ox

from lichtermeer.engines.dcat.graph import Graph
from lichtermeer.engines.dcat.parse import detect_format, parse_bytes
from lichtermeer.engines.dcat.terms import Lit

from . import messages
from .client import HttpClient, HttpError
from .model import Page, PageError, SourceConfig
from .records import records_from_graph

HYDRA = "http://www.w3.org/ns/hydra/core#"
NEXT_PREDICATES = (HYDRA + "next", HYDRA + "nextPage")
LAST_PREDICATES = (HYDRA + "last", HYDRA + "lastPage")
ACCEPT = ("text/turtle, application/rdf+xml;q=0.9, application/ld+json;q=0.8, application/n-triples;q=0.7, "
          "application/xml;q=0.5, */*;q=0.1")
CONTENT_TYPES = {
    "application/rdf+xml": ox.RdfFormat.RDF_XML,
    "application/xml": ox.RdfFormat.RDF_XML,
    "text/xml": ox.RdfFormat.RDF_XML,
    "text/turtle": ox.RdfFormat.TURTLE,
    "application/x-turtle": ox.RdfFormat.TURTLE,
    "text/n3": ox.RdfFormat.N3,
    "application/n-triples": ox.RdfFormat.N_TRIPLES,
    "application/ld+json": ox.RdfFormat.JSON_LD,
    "application/json": ox.RdfFormat.JSON_LD,
    "application/trig": ox.RdfFormat.TRIG,
    "application/n-quads": ox.RdfFormat.N_QUADS,
}
SNIFFED_TYPES = frozenset({"", "text/plain", "application/octet-stream", "binary/octet-stream"})
EXPECTED = "RDF (application/rdf+xml, text/turtle, application/ld+json, application/n-triples)"
_PAGE_PARAMETER = "page"


def rdf_format(url: str, content_type: str, body: bytes) -> ox.RdfFormat | None:
    found = CONTENT_TYPES.get(content_type)
    if found is None and content_type in SNIFFED_TYPES:
        found = detect_format(urlsplit(url).path, body)
    return found


def _link_values(graph: Graph, predicates: tuple[str, ...]) -> list[str]:
    """Values of the first predicate that has any, as text (IRIs or literals), sorted for determinism."""
    for predicate in predicates:
        values = sorted({(o.lexical if type(o) is Lit else str(o)).strip()
                         for p in graph.out.values() for o in p.get(predicate, ())})
        values = [v for v in values if v]
        if values:
            return values
    return []


def _total(graph: Graph) -> int | None:
    for predicates in graph.out.values():
        for value in predicates.get(HYDRA + "totalItems", ()):
            if type(value) is Lit and value.lexical.strip().isdigit():
                return int(value.lexical.strip())
    return None


def page_number(url: str) -> int | None:
    for key, value in parse_qsl(urlsplit(url).query, keep_blank_values=True):
        if key == _PAGE_PARAMETER and re.fullmatch(r"\d{1,9}", value):
            return int(value)
    return None


def with_query(url: str, **changes: str) -> str:
    parts = urlsplit(url)
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if k not in changes]
    query.extend(changes.items())
    return urlunsplit(parts._replace(query=urlencode(query)))


class DcatSource:
    def __init__(self, config: SourceConfig, client: HttpClient, since: datetime | None) -> None:
        self.config, self.client, self.since = config, client, since

    def first_url(self) -> str:
        if self.since is not None and self.config.since_parameter:
            # Naive UTC: ckanext-dcat appends "Z" to the parsed value itself, so an offset would break its query.
            value = self.since.astimezone(UTC).replace(tzinfo=None).isoformat(timespec="seconds")
            return with_query(self.config.url, **{self.config.since_parameter: value})
        return self.config.url

    def fetch_page(self, url: str) -> Page:
        try:
            response = self.client.get(url, accept=ACCEPT)
        except HttpError as exc:
            raise PageError(exc.kind, exc.text, exc.status) from exc
        syntax = rdf_format(response.final_url, response.content_type, response.body)
        if syntax is None:
            raise PageError("content_type", messages.wrong_content_type(url, response.content_type, EXPECTED))
        # Relative IRIs resolve against where the document really came from (RDF's base IRI rule).
        parsed = parse_bytes(url, response.body, base_iri=response.final_url, rdf_format=syntax)
        if parsed.graph is None:
            raise PageError("syntax", parsed.error)  # names the page URL with line and column
        graph = parsed.graph
        records = records_from_graph(graph, source_url=self.config.url, page_url=url)
        kept = [r for r in records if not self._older(r.modified)]
        next_links = [urljoin(response.final_url, link) for link in _link_values(graph, NEXT_PREDICATES)]
        last_links = _link_values(graph, LAST_PREDICATES)
        last_numbers = [n for n in map(page_number, last_links) if n is not None]
        return Page(url=url, records=kept, next_url=next_links[0] if next_links else None, total=_total(graph),
                    skipped=len(records) - len(kept),
                    warnings=list(parsed.warnings),
                    last_page_number=max(last_numbers) if last_numbers else None)

    def _older(self, modified: datetime | None) -> bool:
        return self.since is not None and modified is not None and modified < self.since

    def next_after_failure(self, failed_url: str, previous: Page | None) -> str | None:
        """After a failed page, the page after it — only when the pages are numbered (`?page=N`) and an earlier
        page linked the failed one, so the numbering is known rather than guessed."""
        if previous is None or previous.next_url is None:
            return None
        number = page_number(failed_url)
        if number is None:
            return None
        if previous.last_page_number is not None and number + 1 > previous.last_page_number:
            return None
        return with_query(failed_url, **{_PAGE_PARAMETER: str(number + 1)})
