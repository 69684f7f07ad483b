"""Fixtures for the catalogue engine tests (plain Python: no database, no Django settings)."""

import copy
from types import SimpleNamespace

import pytest

from engines_catalogue.samples import CATALOGUE_FILE
from lichtermeer.engines.catalogue import load


@pytest.fixture
def settings():
    """Stand-in for pytest-django's fixture that tests/conftest.py asks for (see tests/engines/conftest.py)."""
    return SimpleNamespace(STORAGES={})


@pytest.fixture(scope="session")
def _catalogue() -> dict:
    result = load(CATALOGUE_FILE.read_bytes(), path=str(CATALOGUE_FILE))
    assert result.valid, result.findings
    return result.document


@pytest.fixture
def catalogue(_catalogue) -> dict:
    """The valid example catalogue 1.0.0 (a fresh copy per test)."""
    return copy.deepcopy(_catalogue)
