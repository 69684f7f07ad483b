"""A loopback "portal" serving the recorded responses in data/, and a fake clock for the politeness rules.

The portal and the splitting of real catalogues into Hydra pages live in tests/loopback_portal.py (shared with
tests/dataregister); `hydra_pages` here reads the catalogue from this directory's data/.
"""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import pyoxigraph as ox
import pytest

from lichtermeer.engines.harvest import ClientSettings, HttpClient
from loopback_portal import MEDIA_TYPES, Portal, Reply, Route, _Handler, running_portal, serve_pages
from loopback_portal import hydra_pages as shared_hydra_pages

DATA = Path(__file__).parent / "data"
__all__ = ["MEDIA_TYPES", "Portal", "Reply", "Route", "_Handler", "serve_pages"]  # re-exported for the tests


@pytest.fixture
def settings():
    """Stand-in for pytest-django's fixture that tests/conftest.py asks for (see tests/engines/conftest.py)."""
    return SimpleNamespace(STORAGES={})


def data(name: str) -> bytes:
    return (DATA / name).read_bytes()


@pytest.fixture
def portal():
    with running_portal() as running:
        yield running


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0
        self.sleeps: list[float] = []

    def clock(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.now += seconds


@pytest.fixture
def fake_clock() -> FakeClock:
    return FakeClock()


def loopback_client(clock: FakeClock | None = None, **settings) -> HttpClient:
    """Loopback explicitly allowed (netguard refuses it by default); no real waiting."""
    options = {"allow_private": True, "min_interval": 0.0, "timeout": 5.0, "retries": 2, **settings}
    clock = clock or FakeClock()
    return HttpClient(ClientSettings(**options), clock=clock.clock, sleep=clock.sleep)


# --- splitting a real catalogue into Hydra pages (tests/loopback_portal.py) ---------------------------------

def hydra_pages(portal: Portal, name: str, path: str, per_page: int, syntax: ox.RdfFormat,
                next_predicate: str = "next", links_as_literals: bool = False) -> list[bytes]:
    """The datasets of the real catalogue `data/<name>`, `per_page` per page (see loopback_portal.hydra_pages)."""
    return shared_hydra_pages(portal, DATA / name, path, per_page, syntax, next_predicate, links_as_literals)
