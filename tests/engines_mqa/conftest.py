"""Fixtures for the MQA engine tests (plain Python: no database, no Django settings)."""

from pathlib import Path
from types import SimpleNamespace

import pytest

DATA = Path(__file__).parent / "data"
FULL = DATA / "full.ttl"
FULL_DATASET = "http://example.org/mqa/dataset"
ACCESS_URL = "https://data.example.org/trees"
DOWNLOAD_URL = "https://data.example.org/trees.csv"


@pytest.fixture
def settings():
    """Stand-in for pytest-django's fixture that tests/conftest.py asks for (see tests/engines_dcat/conftest.py)."""
    return SimpleNamespace(STORAGES={})


@pytest.fixture(scope="session")
def full_turtle() -> str:
    return FULL.read_text(encoding="utf-8")


def reachable(_url: str) -> bool:
    return True
