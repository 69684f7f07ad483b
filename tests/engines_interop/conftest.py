"""Fixtures for the interop engine tests (plain Python: no database, no Django settings)."""

from pathlib import Path
from types import SimpleNamespace

import pytest

from lichtermeer.engines.interop import Declaration, Side, load_register

REPO = Path(__file__).resolve().parents[2]
SEED = REPO / "data" / "interop" / "standards.yaml"
DEMO = REPO / "data" / "demo" / "solutions"


@pytest.fixture
def settings():
    """Stand-in for pytest-django's fixture that tests/conftest.py asks for (see tests/engines_dcat/conftest.py)."""
    return SimpleNamespace(STORAGES={})


@pytest.fixture(scope="session")
def register():
    return load_register(SEED)


def side(name: str, provides=(), consumes=()) -> Side:
    """side("A", provides=["mqtt:server:3.1.1"]) – declarations as standard:role:version."""
    def parse(text: str) -> Declaration:
        standard, role, version = (text.split(":") + ["", ""])[:3]
        return Declaration(standard, role, version)

    return Side(name, [parse(p) for p in provides], [parse(c) for c in consumes], ref=name.lower())
