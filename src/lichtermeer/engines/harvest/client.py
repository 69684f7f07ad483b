"""A polite HTTP client for harvesting, on top of the SSRF-guarded `netguard.fetch`.

* per host, request starts are at least `min_interval` seconds apart (shared by every source using this client,
  so two sources on one portal do not double its load);
* retries with exponential back-off (`backoff`, doubled per attempt, at most `max_backoff`) on 408/429/5xx,
  timeouts and dropped connections; a `Retry-After` header (seconds or HTTP date) replaces the back-off, and a
  server asking for more than `max_retry_after` seconds is given up on instead of blocking a worker for hours;
* a timeout per request and a cap on the body size: the RDF parser's own limit (25 MiB; ckanext-dcat's harvester
  allows 50 MB, but a page the parser would refuse is not worth downloading);
* refused targets (private addresses, other schemes), oversized bodies, failed name resolution and redirect
  loops are never retried: they would fail the same way again.

Time is read from `clock` and waited with `sleep` so tests can run the politeness rules on a fake clock.
Not thread-safe: give each worker thread its own client.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from urllib.parse import urlsplit

from lichtermeer.engines import netguard
from lichtermeer.engines.dcat.parse import MAX_BYTES as PARSE_LIMIT

from . import messages
from .messages import Text

USER_AGENT = "lichtermeer-harvester/1 (+https://github.com/lichtermeer)"
RETRY_STATUSES = frozenset({408, 429, 500, 502, 503, 504})

Fetch = Callable[..., netguard.FetchResult]


@dataclass(frozen=True)
class ClientSettings:
    timeout: float = 60.0
    max_bytes: int = PARSE_LIMIT
    retries: int = 3
    backoff: float = 2.0
    max_backoff: float = 60.0
    max_retry_after: float = 300.0
    min_interval: float = 1.0
    allow_private: bool = False  # only for tests and deliberately configured intranet portals


@dataclass(frozen=True)
class Response:
    url: str  # as requested
    final_url: str  # after redirects
    status: int
    content_type: str  # media type, lower case, without parameters ("" when the server sent none)
    body: bytes
    attempts: int


class HttpError(Exception):
    """The page could not be fetched; `kind` is one of refused, unreachable, timeout, network, too_large,
    redirects, http."""

    def __init__(self, kind: str, text: Text, url: str, status: int | None = None) -> None:
        super().__init__(text.en)
        self.kind, self.text, self.url, self.status = kind, text, url, status


def _classify(detail: str) -> str:
    """netguard reports problems as messages; map them to a kind (decides whether a retry can help)."""
    lowered = detail.lower()
    if lowered.startswith(("refused", "invalid url")):
        return "refused"
    if lowered.startswith("response larger than"):
        return "too_large"
    if lowered.startswith("too many redirects"):
        return "redirects"
    if lowered.startswith("cannot resolve"):
        return "unreachable"
    if "timeout" in lowered or "timed out" in lowered:
        return "timeout"
    return "network"


def media_type(header: str | None) -> str:
    return (header or "").split(";", 1)[0].strip().lower()


class HttpClient:
    def __init__(self, settings: ClientSettings | None = None, *, fetch: Fetch = netguard.fetch,
                 clock: Callable[[], float] = time.monotonic, sleep: Callable[[float], None] = time.sleep,
                 now: Callable[[], datetime] = lambda: datetime.now(UTC)) -> None:
        self.settings = settings or ClientSettings()
        self._fetch, self.clock, self._sleep, self._now = fetch, clock, sleep, now
        self._last_start: dict[str, float] = {}
        self.requests = 0  # every attempt, for statistics

    def get(self, url: str, *, accept: str) -> Response:
        """GET `url` under the politeness rules; raises `HttpError` when it finally fails."""
        settings = self.settings
        attempt = 0
        while True:
            attempt += 1
            self._wait_turn(url)
            self.requests += 1
            try:
                result = self._fetch(url, timeout=settings.timeout, max_bytes=settings.max_bytes,
                                     allow_private=settings.allow_private,
                                     headers={"Accept": accept, "User-Agent": USER_AGENT})
            except netguard.FetchError as exc:
                detail = str(exc)
                kind = _classify(detail)
                if kind in ("timeout", "network") and attempt <= settings.retries:
                    self._sleep(self._backoff(attempt))
                    continue
                raise HttpError(kind, _failure_text(kind, url, detail, settings, attempt), url) from exc
            if 200 <= result.status < 300:
                return Response(url, result.url, result.status, media_type(result.headers.get("content-type")),
                                result.body, attempt)
            if result.status in RETRY_STATUSES and attempt <= settings.retries:
                wait = self._retry_after(result.headers.get("retry-after"))
                if wait is not None and wait > settings.max_retry_after:
                    raise HttpError("http", messages.retry_after_too_long(url, result.status, wait,
                                                                          settings.max_retry_after),
                                    url, result.status)
                self._sleep(self._backoff(attempt) if wait is None else wait)
                continue
            raise HttpError("http", messages.http_status(url, result.status, attempt), url, result.status)

    def _backoff(self, attempt: int) -> float:
        return min(self.settings.max_backoff, self.settings.backoff * 2 ** (attempt - 1))

    def _retry_after(self, value: str | None) -> float | None:
        """Seconds to wait from a Retry-After header: delta-seconds or an HTTP date; None when absent/garbled."""
        if not value:
            return None
        value = value.strip()
        if value.isdigit():
            return float(value)
        try:
            when = parsedate_to_datetime(value)
        except (TypeError, ValueError, IndexError):
            return None
        if when.tzinfo is None:
            when = when.replace(tzinfo=UTC)
        return max(0.0, (when - self._now()).total_seconds())

    def _wait_turn(self, url: str) -> None:
        host = (urlsplit(url).hostname or "").lower()
        last = self._last_start.get(host)
        now = self.clock()
        if last is not None and now < last + self.settings.min_interval:
            self._sleep(last + self.settings.min_interval - now)
            now = self.clock()
        self._last_start[host] = now


def _failure_text(kind: str, url: str, detail: str, settings: ClientSettings, attempts: int) -> Text:
    if kind == "refused":
        return messages.refused(url, detail.removeprefix("refused: "))
    if kind == "too_large":
        return messages.too_large(url, settings.max_bytes)
    if kind == "redirects":
        return messages.too_many_redirects(url, detail)
    if kind == "unreachable":
        return messages.unreachable(url, detail)
    if kind == "timeout":
        return messages.timeout(url, settings.timeout, attempts)
    return messages.network(url, detail, attempts)
