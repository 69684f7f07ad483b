"""CKAN portals through the action API: `package_search` paged with `rows`/`start`.

* sorted by `id asc` so paging is stable while the portal changes (as ckanext-harvest's CKAN harvester does);
* incremental runs: `fq=metadata_modified:[SINCE TO NOW]` (Solr date syntax, UTC);
* each page's packages are mapped to DCAT-AP.de triples (ckan_mapping), written as N-Triples and read back with
  the same parser as DCAT pages, so both kinds yield identical `Record`s that validate the same way.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

import pyoxigraph as ox

from lichtermeer.engines.dcat.parse import parse_bytes

from . import messages
from .ckan_mapping import dataset_iri, package_triples
from .client import HttpClient, HttpError
from .model import Page, PageError, SourceConfig
from .rdfio import ntriples
from .records import records_from_graph

ACTION = "/api/3/action/package_search"
JSON_TYPES = frozenset({"application/json", "text/json"})


def endpoint(url: str) -> tuple[str, str]:
    """(package_search URL without query, the portal's site URL) from any of the accepted spellings."""
    parts = urlsplit(url.strip())
    path = parts.path.rstrip("/")
    for suffix in (ACTION, "/api/3/action", "/api/3", "/api"):
        if path.endswith(suffix):
            path = path[: -len(suffix)]
            break
    site = urlunsplit(parts._replace(path=path, query="", fragment=""))
    return site + ACTION, site


def solr_date(when: datetime) -> str:
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return when.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _start(url: str) -> int:
    for key, value in parse_qsl(urlsplit(url).query):
        if key == "start" and value.isdigit():
            return int(value)
    return 0


class CkanSource:
    def __init__(self, config: SourceConfig, client: HttpClient, since: datetime | None) -> None:
        self.config, self.client, self.since = config, client, since
        self.search_url, self.site_url = endpoint(config.url)
        self.rows = max(1, config.rows)

    def url(self, start: int) -> str:
        filters = [f for f in (self.config.ckan_fq.strip(),) if f]
        if self.since is not None:
            filters.append(f"metadata_modified:[{solr_date(self.since)} TO NOW]")
        query = {"rows": str(self.rows), "start": str(start), "sort": "id asc"}
        if filters:
            query["fq"] = " AND ".join(filters)
        return f"{self.search_url}?{urlencode(query)}"

    def first_url(self) -> str:
        return self.url(0)

    def fetch_page(self, url: str) -> Page:
        try:
            response = self.client.get(url, accept="application/json")
        except HttpError as exc:
            raise PageError(exc.kind, exc.text, exc.status) from exc
        if response.content_type not in JSON_TYPES and not response.content_type.endswith("+json"):
            raise PageError("content_type", messages.wrong_content_type(url, response.content_type, "application/json"))
        try:
            document = json.loads(response.body)
        except UnicodeDecodeError as exc:
            raise PageError("format", messages.invalid_json(url, 1, exc.start + 1, "not UTF-8")) from exc
        except json.JSONDecodeError as exc:
            raise PageError("format", messages.invalid_json(url, exc.lineno, exc.colno, exc.msg)) from exc
        count, packages = self._unwrap(url, document)
        rejected = []
        triples = []
        order: dict[str, int] = {}
        for index, package in enumerate(packages):
            if not isinstance(package, dict):
                rejected.append(messages.package_skipped(url, f"/result/results/{index}", "not an object"))
                continue
            order.setdefault(dataset_iri(package, self.site_url), index)
            triples.extend(package_triples(package, self.site_url))
        parsed = parse_bytes(url, ntriples(triples), base_iri=self.site_url + "/", rdf_format=ox.RdfFormat.N_TRIPLES)
        if parsed.graph is None:  # the writer's output is always parseable; this guards the guard
            raise PageError("syntax", parsed.error)
        records = records_from_graph(parsed.graph, source_url=self.config.url, page_url=url)
        records.sort(key=lambda r: order.get(r.iri, len(order)))  # the portal's order, not the N-Triples order
        start = _start(url)
        next_start = start + self.rows
        return Page(url=url, records=records, total=count,
                    next_url=self.url(next_start) if packages and next_start < count else None,
                    warnings=list(parsed.warnings), rejected=rejected)

    @staticmethod
    def _unwrap(url: str, document: object) -> tuple[int, list]:
        if not isinstance(document, dict):
            raise PageError("format", messages.not_package_search(url, "", "not an object"))
        if document.get("success") is not True:
            error = document.get("error")
            detail = json.dumps(error, ensure_ascii=False)[:300] if error is not None else "no details"
            raise PageError("http", messages.ckan_failure(url, detail))
        result = document.get("result")
        if not isinstance(result, dict):
            raise PageError("format", messages.not_package_search(url, "/result", "not an object"))
        packages = result.get("results")
        if not isinstance(packages, list):
            raise PageError("format", messages.not_package_search(url, "/result/results", "not a list"))
        count = result.get("count")
        if isinstance(count, bool) or not isinstance(count, int) or count < 0:
            raise PageError("format", messages.not_package_search(url, "/result/count", "not a count"))
        return count, packages

    def next_after_failure(self, failed_url: str, previous: Page | None) -> str | None:
        """Skip a failed page: the next `start`, while the count from an earlier page says there is more."""
        if previous is None or previous.total is None:
            return None
        next_start = _start(failed_url) + self.rows
        return self.url(next_start) if next_start < previous.total else None
