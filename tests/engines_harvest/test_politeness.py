"""Retries with back-off, Retry-After, the per-host rate limit and timeouts — measured on a fake clock, so no
test waits for real except the slow-server ones (a fraction of a second)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from email.utils import format_datetime

import pyoxigraph as ox
import pytest

from lichtermeer.engines.harvest import HttpError, Record, SourceConfig, SourceError, harvest

from .conftest import FakeClock, Reply, data, hydra_pages, loopback_client, serve_pages

CATALOG = "harvest-fixtures/ckanext-dcatde/catalog-endpoint.rdf"


def _flaky(failures: list[Reply], success: Reply):
    """Answers with `failures` in turn, then `success` for ever."""
    answers = iter(failures)

    def route(_path, _query):
        return next(answers, success)

    return route


def test_it_retries_a_server_that_fails_twice_then_succeeds_with_exponential_back_off(portal, fake_clock):
    url = portal.serve("/catalog.rdf", _flaky([Reply(b"oops", "text/plain", 500), Reply(b"", "text/plain", 502)],
                                              Reply(data(CATALOG))))
    client = loopback_client(fake_clock, retries=3, backoff=2.0)
    records = [i for i in harvest(SourceConfig(url), client=client) if isinstance(i, Record)]
    assert len(records) == 6
    assert len(portal.requests) == 3
    assert fake_clock.sleeps == [2.0, 4.0]  # 2 s, then doubled


def test_it_honours_retry_after_in_seconds_and_as_http_date(portal, fake_clock):
    now = datetime(2026, 11, 22, 12, 0, tzinfo=UTC)
    later = format_datetime(now + timedelta(seconds=30), usegmt=True)
    url = portal.serve("/catalog.rdf", _flaky([Reply(b"", "text/plain", 429, {"Retry-After": "7"}),
                                               Reply(b"", "text/plain", 503, {"Retry-After": later})],
                                              Reply(data(CATALOG))))
    client = loopback_client(fake_clock, retries=3)
    client._now = lambda: now  # the wall clock the HTTP date is compared with
    records = [i for i in harvest(SourceConfig(url), client=client) if isinstance(i, Record)]
    assert len(records) == 6
    assert fake_clock.sleeps == [7.0, 30.0]


def test_it_gives_up_when_retry_after_asks_too_much(portal, fake_clock):
    url = portal.serve("/catalog.rdf", Reply(b"", "text/plain", 503, {"Retry-After": "86400"}))
    items = list(harvest(SourceConfig(url), client=loopback_client(fake_clock, max_retry_after=300)))
    assert len(portal.requests) == 1 and fake_clock.sleeps == []
    assert items[0].kind == "http" and items[0].status == 503 and items[0].fatal
    assert "86400" in items[0].reason.de


def test_it_stops_retrying_after_the_configured_attempts_and_does_not_retry_a_404(portal, fake_clock):
    portal.serve("/down", Reply(b"", "text/plain", 503))
    portal.serve("/gone", Reply(b"", "text/plain", 404))
    client = loopback_client(fake_clock, retries=2, backoff=1.0)
    with pytest.raises(HttpError) as failed:
        client.get(portal.url("/down"), accept="*/*")
    assert (failed.value.status, len(portal.requests), fake_clock.sleeps) == (503, 3, [1.0, 2.0])
    with pytest.raises(HttpError) as missing:
        client.get(portal.url("/gone"), accept="*/*")
    assert missing.value.status == 404 and len(portal.requests) == 4
    assert "3 Versuch(en)" in failed.value.text.de


def test_requests_to_one_host_are_spaced_by_the_rate_limit(portal, fake_clock):
    brandenburg = "catalogs/brandenburg-catalog-original-input.ttl"
    pages = hydra_pages(portal, brandenburg, "/catalog.ttl", 30, ox.RdfFormat.TURTLE)
    first = serve_pages(portal, "/catalog.ttl", pages, ox.RdfFormat.TURTLE)
    starts = []
    client = loopback_client(fake_clock, min_interval=2.5)
    real_fetch = client._fetch

    def recording_fetch(url, **options):
        starts.append(fake_clock.now)
        return real_fetch(url, **options)

    client._fetch = recording_fetch
    records = [i for i in harvest(SourceConfig(first), client=client) if isinstance(i, Record)]
    assert len(records) == 112 and len(starts) == 4
    assert [b - a for a, b in zip(starts, starts[1:], strict=False)] == [2.5, 2.5, 2.5]


def test_a_back_off_wait_counts_towards_the_rate_limit(portal, fake_clock):
    url = portal.serve("/catalog.rdf", _flaky([Reply(b"", "text/plain", 503, {"Retry-After": "5"})],
                                              Reply(data(CATALOG))))
    list(harvest(SourceConfig(url), client=loopback_client(fake_clock, min_interval=2.0)))
    assert fake_clock.sleeps == [5.0]  # 5 s passed already; no extra 2 s


def test_a_slow_server_times_out_is_retried_and_reported(portal):
    clock = FakeClock()
    url = portal.serve("/slow.rdf", Reply(data(CATALOG), delay=1.0))
    items = list(harvest(SourceConfig(url), client=loopback_client(clock, timeout=0.3, retries=1, backoff=1.0)))
    assert len(portal.requests) == 2 and clock.sleeps == [1.0]
    assert len(items) == 1 and items[0].kind == "timeout" and items[0].fatal
    assert "0.3 s" in items[0].reason.en


def test_a_server_slow_only_once_succeeds_on_the_retry(portal):
    url = portal.serve("/slow-once.rdf", _flaky([Reply(b"", delay=1.0)], Reply(data(CATALOG))))
    items = list(harvest(SourceConfig(url), client=loopback_client(timeout=0.3, retries=2)))
    assert [type(i) for i in items] == [Record] * 6
    assert len(portal.requests) == 2


def test_every_request_names_the_harvester_and_asks_for_rdf(portal):
    url = portal.serve("/catalog.rdf", Reply(data(CATALOG)))
    list(harvest(SourceConfig(url), client=loopback_client()))
    assert portal.headers[0]["user-agent"].startswith("lichtermeer-harvester/")
    assert portal.headers[0]["accept"].startswith("text/turtle, application/rdf+xml")


def test_errors_are_yielded_not_raised(portal):
    url = portal.serve("/catalog.rdf", Reply(b"", "text/plain", 500))
    items = list(harvest(SourceConfig(url), client=loopback_client(retries=0)))
    assert [type(i) for i in items] == [SourceError]
