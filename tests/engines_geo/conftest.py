"""Fixtures for the geo engine tests (plain Python: no database, no Django settings)."""

from types import SimpleNamespace

import pytest

from engines_geo.samples import GV100AD_FILE
from lichtermeer.engines.geo import default_map, parse


@pytest.fixture
def settings():
    """Stand-in for pytest-django's fixture that tests/conftest.py asks for (see tests/engines/conftest.py)."""
    return SimpleNamespace(STORAGES={})


@pytest.fixture(scope="session")
def directory():
    """The shipped GV100AD file (Gebietsstand 30.11.2025), parsed once."""
    return parse(GV100AD_FILE.read_bytes(), path=str(GV100AD_FILE))


@pytest.fixture(scope="session")
def germany():
    return default_map()
