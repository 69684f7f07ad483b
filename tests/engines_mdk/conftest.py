"""Fixtures for the MDK engine tests (plain Python: no database, no Django settings).

The classifier is trained once per session on the benchmark split (the held-out V4 datasets excluded), so the
same model serves the quality test, the API tests and the CLI tests.
"""

from types import SimpleNamespace

import pytest

from lichtermeer.engines.mdk import Classifier, load_taxonomy
from lichtermeer.engines.mdk.corpus import benchmark_split


@pytest.fixture
def settings():
    """Stand-in for pytest-django's fixture that tests/conftest.py asks for (see tests/engines/conftest.py)."""
    return SimpleNamespace(STORAGES={})


@pytest.fixture(scope="session")
def taxonomy():
    return load_taxonomy()


@pytest.fixture(scope="session")
def split():
    return benchmark_split()


@pytest.fixture(scope="session")
def trained(split, taxonomy):
    return Classifier.train(split.train, taxonomy=taxonomy)
