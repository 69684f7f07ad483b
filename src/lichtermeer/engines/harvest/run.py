"""The harvest loop: page after page, records out as soon as a page is read.

`harvest()` is a generator, so a caller can store page by page; an interruption loses nothing already yielded.
A page that fails becomes a `SourceError` and the loop goes on with the page after it where that page is known
(CKAN: the next `start`; DCAT: `?page=N+1` of numbered pages); after `MAX_CONSECUTIVE_FAILURES` failed pages in a
row, or when no next page is known, it stops. Loops are cut: a page URL seen twice, or a page that lists no
dataset not yet yielded but links a next page, ends the run with an error. `max_pages` bounds every run.
Next-page links must stay on the source's host: a catalogue cannot send the harvester elsewhere.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from urllib.parse import urlsplit

from lichtermeer.engines import netguard

from . import messages
from .ckan_source import CkanSource
from .client import Fetch, HttpClient
from .dcat_source import DcatSource
from .model import Page, PageError, Progress, SourceConfig, SourceError
from .records import Record

logger = logging.getLogger("lichtermeer.engines.harvest")
MAX_CONSECUTIVE_FAILURES = 3


def _host(url: str) -> str:
    try:
        return (urlsplit(url).hostname or "").lower()
    except ValueError:
        return ""


def _key(url: str) -> str:
    """Page identity for loop detection: scheme and host case-insensitive, fragment dropped."""
    parts = urlsplit(url)
    return parts._replace(scheme=parts.scheme.lower(), netloc=parts.netloc.lower(), fragment="").geturl()


class _Run:
    def __init__(self, source: SourceConfig, client: HttpClient, since: datetime | None,
                 progress: Callable[[Progress], None] | None) -> None:
        if since is not None and since.tzinfo is None:
            since = since.replace(tzinfo=UTC)
        self.source, self.client, self.report = source, client, progress
        self.adapter = CkanSource(source, client, since) if source.kind == "ckan" else DcatSource(source, client, since)
        self.started = client.clock()
        self.pages = self.failed = self.records = self.skipped = self.duplicates = 0
        self.total: int | None = None
        self.seen_pages: set[str] = set()
        self.seen_datasets: set[str] = set()

    def progress(self, page_url: str, done: bool = False) -> None:
        if self.report is None:
            return
        self.report(Progress(source_url=self.source.url, page_url=page_url, pages=self.pages,
                             failed_pages=self.failed, records=self.records, skipped=self.skipped,
                             duplicates=self.duplicates, total=self.total,
                             elapsed=self.client.clock() - self.started, requests=self.client.requests, done=done))

    def error(self, url: str, kind: str, text, *, fatal: bool, status: int | None = None) -> SourceError:
        logger.warning("harvest: %s", text.en)
        return SourceError(page_url=url, kind=kind, reason=text, fatal=fatal, status=status)

    def __iter__(self) -> Iterator[Record | SourceError]:
        url: str | None = self.adapter.first_url()
        last_good: Page | None = None
        failures_in_row = 0
        while url is not None:
            if self.pages + self.failed >= self.source.max_pages:
                yield self.error(url, "max_pages", messages.max_pages(url, self.source.max_pages), fatal=True)
                break
            if _key(url) in self.seen_pages:
                yield self.error(url, "loop", messages.page_seen_twice(url), fatal=True)
                break
            self.seen_pages.add(_key(url))
            try:
                page = self.adapter.fetch_page(url)
            except PageError as exc:
                self.failed += 1
                failures_in_row += 1
                following = None
                if failures_in_row < MAX_CONSECUTIVE_FAILURES:
                    following = self.adapter.next_after_failure(url, last_good)
                yield self.error(url, exc.kind, exc.text, fatal=following is None, status=exc.status)
                self.progress(url)
                url = following
                continue
            failures_in_row = 0
            last_good = page
            self.pages += 1
            if page.total is not None:
                self.total = page.total
            for warning in page.warnings:
                logger.info("harvest: %s", warning.en)
            for text in page.rejected:
                yield self.error(page.url, "invalid_item", text, fatal=False)
            new = [r for r in page.records if r.iri not in self.seen_datasets]
            self.duplicates += len(page.records) - len(new)
            self.skipped += page.skipped
            for record in new:
                self.seen_datasets.add(record.iri)
                self.records += 1
                yield record
            self.progress(url)
            url = page.next_url
            if url is None:
                break
            if not new and not page.skipped:
                found = len(page.records)
                yield self.error(page.url, "loop", messages.no_new_datasets(page.url, found), fatal=True)
                break
            if _host(url) != _host(self.source.url):
                yield self.error(page.url, "foreign_host", messages.foreign_next_page(page.url, url), fatal=True)
                break
        self.progress(url or self.source.url, done=True)


def harvest(source: SourceConfig, *, since: datetime | None = None, fetch: Fetch | None = None,
            progress: Callable[[Progress], None] | None = None,
            client: HttpClient | None = None) -> Iterator[Record | SourceError]:
    """Harvest `source`, yielding each `Record` as its page is read and a `SourceError` per failed page.

    * `since`: incremental run — only datasets modified since then (naive datetimes count as UTC);
    * `fetch`: the low-level GET (default `netguard.fetch`, SSRF-guarded), e.g. a recording stub in tests;
    * `client`: an `HttpClient` to share between sources (its per-host rate limit then spans all of them);
      built from `source.client` and `fetch` when omitted;
    * `progress`: called after every page and once at the end (`done=True`).
    """
    if client is None:
        client = HttpClient(source.client, fetch=fetch or netguard.fetch)
    return iter(_Run(source, client, since, progress))
