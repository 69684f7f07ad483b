"""Fixtures of the register tests: municipalities in two Länder, a source of Rostock with datasets, people in
every role, JSON clients, and a task backend that records what was queued instead of harvesting."""

import pytest
from django_tasks.signals import task_enqueued

from factories import MembershipFactory, OperatorFactory, OrganisationFactory, UserFactory
from json_api import api, api_as, assert_problem, signed_in  # noqa: F401 (fixtures)
from municipal_support import municipality

from .support import add_results, make_dataset, make_source


@pytest.fixture(autouse=True)
def _queued_only(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}


@pytest.fixture
def enqueued():
    """The task results queued during the test (nothing runs, nothing is fetched)."""
    seen = []

    def collect(sender, task_result, **kwargs):
        seen.append(task_result)

    task_enqueued.connect(collect)
    yield seen
    task_enqueued.disconnect(collect)


@pytest.fixture
def rostock(db):
    return municipality("13003000", "Rostock, Hanse- und Universitätsstadt", population=209_061, postcode="18055",
                        lat=54.0887, lon=12.1405)


@pytest.fixture
def organisation(db):
    return OrganisationFactory(slug="hansestadt-rostock", name="Hanse- und Universitätsstadt Rostock",
                               kind="municipality")


@pytest.fixture
def member(organisation):
    return MembershipFactory(organisation=organisation, role="municipal-staff").user


@pytest.fixture
def other_member(db):
    return MembershipFactory(organisation=OrganisationFactory(slug="stadtwerke-anderswo")).user


@pytest.fixture
def operator(db):
    return OperatorFactory()


@pytest.fixture
def stranger(db):
    return UserFactory()


@pytest.fixture
def source(organisation, rostock):
    return make_source(organisation, rostock, slug="opendata-rostock", name="Open-Data-Portal Rostock",
                       url="https://www.opendata-hro.de/catalog.rdf")


@pytest.fixture
def dataset(source):
    found = make_dataset(source, "Bebauungsplan Nr. 12.W.186 Warnemünde", violations=1, needs_confirmation=True,
                         confidence=0.41, total=180)
    add_results(found)
    return found


@pytest.fixture
def problem():
    return assert_problem
