"""Fixtures for the municipal pages and API: a few reference rows (no directory load), staff, clients."""

import pytest

from factories import OperatorFactory, SolutionFactory
from json_api import api, api_as, assert_problem, signed_in  # noqa: F401 (fixtures; assert_problem for problem())
from municipal_support import municipality, staff_of


@pytest.fixture(autouse=True)
def _immediate_tasks(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture
def town(db):
    return municipality()


@pytest.fixture
def other_town(db):
    return municipality("05315000", "Köln, Stadt", population=1_087_353, postcode="50667", lat=50.938, lon=6.957)


@pytest.fixture
def staff(town):
    return staff_of(town)


@pytest.fixture
def operator(db):
    return OperatorFactory(first_name="Olga", last_name="Operator")


@pytest.fixture
def solution(db):
    return SolutionFactory(listing_status="admitted", name="Parkraum Plus", slug="parkraum-plus")


@pytest.fixture
def problem():
    return assert_problem
