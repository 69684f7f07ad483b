"""A loopback HTTP "portal" for harvesting tests, and real catalogues split into Hydra pages.

Shared by tests/engines_harvest (the engine) and tests/dataregister (the register end to end). Every page made
by `hydra_pages` holds whole datasets with everything they reference (distributions, agents, checksums), plus a
hydra:PagedCollection node linking the next page.
"""

from __future__ import annotations

import contextlib
import functools
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pyoxigraph as ox

RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
DCAT = "http://www.w3.org/ns/dcat#"
HYDRA = "http://www.w3.org/ns/hydra/core#"
XSD_INTEGER = ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer")
MEDIA_TYPES = {ox.RdfFormat.RDF_XML: "application/rdf+xml", ox.RdfFormat.TURTLE: "text/turtle",
               ox.RdfFormat.JSON_LD: "application/ld+json", ox.RdfFormat.N_TRIPLES: "application/n-triples"}


@dataclass
class Reply:
    body: bytes = b""
    content_type: str = "application/rdf+xml"
    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0


Route = Reply | Callable[[str, dict[str, list[str]]], Reply]


class Portal:
    """Routes by exact path+query first, then by path alone (callables get the parsed query)."""

    def __init__(self, port: int) -> None:
        self.port = port
        self.routes: dict[str, Route] = {}
        self.requests: list[str] = []
        self.headers: list[dict[str, str]] = []

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def serve(self, path: str, route: Route) -> str:
        self.routes[path] = route
        return self.url(path)

    def answer(self, target: str) -> Reply:
        route = self.routes.get(target)
        parts = urlsplit(target)
        if route is None:
            route = self.routes.get(parts.path)
        if route is None:
            return Reply(b"not found", "text/plain", 404)
        return route if isinstance(route, Reply) else route(parts.path, parse_qs(parts.query))


class _Handler(BaseHTTPRequestHandler):
    def log_message(self, *args):  # keep test output quiet
        pass

    def do_GET(self):
        portal: Portal = self.server.portal
        portal.requests.append(self.path)
        portal.headers.append({k.lower(): v for k, v in self.headers.items()})
        reply = portal.answer(self.path)
        if reply.delay:
            time.sleep(reply.delay)
        self.send_response(reply.status)
        self.send_header("Content-Type", reply.content_type)
        self.send_header("Content-Length", str(len(reply.body)))
        for key, value in reply.headers.items():
            self.send_header(key, value)
        self.end_headers()
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):  # the client may stop reading on purpose
            self.wfile.write(reply.body)


@contextlib.contextmanager
def running_portal() -> Iterator[Portal]:
    """A portal on a free loopback port, served from a background thread until the block ends."""
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    httpd.daemon_threads = True
    httpd.portal = Portal(httpd.server_address[1])
    thread = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield httpd.portal
    finally:
        httpd.shutdown()
        httpd.server_close()


# --- splitting a real catalogue into Hydra pages -------------------------------------------------------------

def _closure(by_subject: dict, root, stop: set) -> list[ox.Triple]:
    triples, seen, todo = [], {root}, [root]
    while todo:
        node = todo.pop()
        for triple in by_subject.get(node, ()):
            triples.append(triple)
            obj = triple.object
            if triple.predicate.value != RDF_TYPE and obj in by_subject and obj not in seen and obj not in stop:
                seen.add(obj)
                todo.append(obj)
    return triples


PLACEHOLDER = "http://portal.invalid"


def hydra_pages(portal: Portal, catalogue: Path, path: str, per_page: int, syntax: ox.RdfFormat,
                next_predicate: str = "next", links_as_literals: bool = False) -> list[bytes]:
    """The datasets of the real catalogue file `catalogue`, `per_page` per page, the original Hydra node replaced
    by one per page linking `{path}?page=N` on `portal`.

    ckanext-dcat writes hydra links as literals (`links_as_literals=True`); a PartialCollectionView uses IRIs.
    """
    pages = _pages(Path(catalogue), path, per_page, syntax, next_predicate, links_as_literals)
    return [page.replace(PLACEHOLDER.encode(), portal.url("").encode()) for page in pages]


@functools.cache
def _pages(catalogue: Path, path: str, per_page: int, syntax: ox.RdfFormat, next_predicate: str,
           links_as_literals: bool) -> tuple[bytes, ...]:
    def page_url(number: int) -> str:
        return f"{PLACEHOLDER}{path}?page={number}"

    triples = [q.triple for q in ox.parse(catalogue.read_bytes(),
                                          format=ox.RdfFormat.from_extension(catalogue.suffix.lstrip(".")))]
    triples = [t for t in triples if not t.predicate.value.startswith(HYDRA)
               and not (t.predicate.value == RDF_TYPE and t.object.value.startswith(HYDRA))]
    by_subject: dict = {}
    for triple in triples:
        by_subject.setdefault(triple.subject, []).append(triple)
    typed = {t.subject: t.object.value for t in triples if t.predicate.value == RDF_TYPE}
    datasets = list(dict.fromkeys(s for s, cls in typed.items() if cls == DCAT + "Dataset"))
    stop = {s for s, cls in typed.items() if cls in (DCAT + "Dataset", DCAT + "Catalog")}
    count = (len(datasets) + per_page - 1) // per_page

    def link(number: int):
        return ox.Literal(page_url(number)) if links_as_literals else ox.NamedNode(page_url(number))

    pages = []
    for index in range(count):
        page_triples: dict = {}
        for dataset in datasets[index * per_page:(index + 1) * per_page]:
            page_triples.update(dict.fromkeys(_closure(by_subject, dataset, stop)))
        node = ox.NamedNode(page_url(index + 1))
        hydra = [ox.Triple(node, ox.NamedNode(RDF_TYPE), ox.NamedNode(HYDRA + "PagedCollection")),
                 ox.Triple(node, ox.NamedNode(HYDRA + "totalItems"), ox.Literal(str(len(datasets)),
                                                                                datatype=XSD_INTEGER)),
                 ox.Triple(node, ox.NamedNode(HYDRA + "itemsPerPage"), ox.Literal(str(per_page),
                                                                                  datatype=XSD_INTEGER)),
                 ox.Triple(node, ox.NamedNode(HYDRA + ("lastPage" if links_as_literals else "last")), link(count))]
        if index + 1 < count:
            hydra.append(ox.Triple(node, ox.NamedNode(HYDRA + next_predicate), link(index + 2)))
        pages.append(ox.serialize([*page_triples, *hydra], format=syntax))
    return tuple(pages)


def serve_pages(portal: Portal, path: str, pages: list[bytes], syntax: ox.RdfFormat) -> str:
    """Serve `pages` as `path?page=1…n` (page 1 also without a query); returns the first page's URL."""
    for number, body in enumerate(pages, start=1):
        portal.serve(f"{path}?page={number}", Reply(body, MEDIA_TYPES[syntax]))
    return portal.url(f"{path}?page=1")
