"""Throughput of the harvesting engine on the real catalogues served from loopback (no rate limit).

    .venv/bin/python tests/engines_harvest/bench_harvest.py

Not a test (pytest does not collect it); prints pages/s and datasets/s, best of three runs.
"""

from __future__ import annotations

import sys
import threading
import time
from http.server import ThreadingHTTPServer
from pathlib import Path

import pyoxigraph as ox

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from engines_harvest.conftest import (  # noqa: E402
    Portal,
    Reply,
    _Handler,
    data,
    hydra_pages,
    loopback_client,
    serve_pages,
)
from engines_harvest.test_ckan import SEARCH, package_search  # noqa: E402
from lichtermeer.engines.harvest import Record, SourceConfig, harvest  # noqa: E402


def _measure(label: str, source: SourceConfig, runs: int = 3) -> None:
    best = None
    for _ in range(runs):
        started = time.perf_counter()
        items = list(harvest(source, client=loopback_client()))
        elapsed = time.perf_counter() - started
        records = sum(isinstance(i, Record) for i in items)
        best = min(best or (elapsed, records), (elapsed, records))
    elapsed, records = best
    pages = source_pages[label]
    print(f"{label:<48} {pages:>3} pages {records:>4} datasets {elapsed:6.3f} s  "
          f"{pages / elapsed:6.1f} pages/s  {records / elapsed:7.1f} datasets/s")


source_pages: dict[str, int] = {}


def main() -> None:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    httpd.daemon_threads = True
    portal = httpd.portal = Portal(httpd.server_address[1])
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    cases = []
    for name, per_page, syntax, path in (
        ("catalogs/rostock-catalog-original-input.rdf", 25, ox.RdfFormat.RDF_XML, "/rostock-25.rdf"),
        ("catalogs/rostock-catalog-original-input.rdf", 10, ox.RdfFormat.TURTLE, "/rostock-10.ttl"),
        ("catalogs/brandenburg-catalog-original-input.ttl", 40, ox.RdfFormat.TURTLE, "/brandenburg-40.ttl"),
        ("catalogs/brandenburg-catalog-original-input.ttl", 40, ox.RdfFormat.JSON_LD, "/brandenburg-40.jsonld"),
    ):
        pages = hydra_pages(portal, name, path, per_page, syntax)
        label = f"{name.split('/')[-1]} ({per_page}/page, {path.rsplit('.', 1)[1]})"
        source_pages[label] = len(pages)
        cases.append((label, SourceConfig(serve_pages(portal, path, pages, syntax))))
    sh = portal.serve("/sh.xml", Reply(data("harvest-fixtures/sh-dcat-catalog-proxy/catalog.xml").replace(
        b"hydra:nextPage", b"hydra:ignored")))
    source_pages["sh catalog.xml (recorded page, 100 datasets)"] = 1
    cases.append(("sh catalog.xml (recorded page, 100 datasets)", SourceConfig(sh)))
    portal.serve(SEARCH, package_search)
    source_pages["CKAN package_search (GovData UBA, rows=1)"] = 3
    cases.append(("CKAN package_search (GovData UBA, rows=1)", SourceConfig(portal.url(SEARCH), kind="ckan", rows=1)))
    for label, source in cases:
        _measure(label, source)
    httpd.shutdown()


if __name__ == "__main__":
    main()
