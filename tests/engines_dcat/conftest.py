"""Fixtures for the DCAT engine tests (plain Python: no database, no Django settings)."""

from types import SimpleNamespace

import pytest

from lichtermeer.engines.dcat import load_profile


@pytest.fixture
def settings():
    """Stand-in for pytest-django's fixture that tests/conftest.py asks for (see tests/engines/conftest.py)."""
    return SimpleNamespace(STORAGES={})


@pytest.fixture(scope="session")
def profile():
    return load_profile()
