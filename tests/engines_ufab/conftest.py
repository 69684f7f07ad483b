"""Fixtures for the UfAB engine tests (plain Python: no database, no Django settings)."""

from types import SimpleNamespace

import pytest


@pytest.fixture
def settings():
    """Stand-in for pytest-django's fixture that tests/conftest.py asks for (see tests/engines_dcat/conftest.py)."""
    return SimpleNamespace(STORAGES={})
