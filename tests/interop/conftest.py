"""Fixtures of the interop tests: the seed register, a few solutions with declared standards, a municipality
with staff, operator and clients."""

import pytest

from factories import OperatorFactory
from json_api import api, api_as, assert_problem, signed_in  # noqa: F401 (fixtures)
from municipal_support import municipality, staff_of

from .support import declared, load_seed, make_solution


@pytest.fixture(autouse=True)
def _immediate_tasks(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture
def seeded(db):
    return load_seed()


@pytest.fixture
def operator(db):
    return OperatorFactory(first_name="Olga", last_name="Operator")


@pytest.fixture
def town(db):
    return municipality()


@pytest.fixture
def staff(town):
    return staff_of(town)


@pytest.fixture
def broker(seeded):
    """An MQTT broker (server 5.0)."""
    return make_solution("Broker Eins", provides=[declared("mqtt", "server", "5.0")])


@pytest.fixture
def context_broker(seeded):
    """An NGSI-LD context broker that consumes MQTT as a client."""
    return make_solution("Kontext Zwei", provides=[declared("ngsi-ld", "server", "1.6.1")],
                         consumes=[declared("mqtt", "client", "3.1.1")])


@pytest.fixture
def dashboard(seeded):
    """A dashboard that reads NGSI-LD 1.8 and WFS 2.0."""
    return make_solution("Dashboard Drei", consumes=[declared("ngsi-ld", "client", "1.8.1"),
                                                     declared("wfs", "client", "2.0.0")])


@pytest.fixture
def problem():
    return assert_problem
