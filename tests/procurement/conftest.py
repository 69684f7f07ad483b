"""Fixtures of the procurement tests: the seed catalogue, a municipality with staff, three listed solutions (one
admitted), JSON clients."""

import pytest

from json_api import api, api_as, assert_problem, signed_in  # noqa: F401 (fixtures)

from .support import build_world


@pytest.fixture(autouse=True)
def _immediate_tasks(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture
def world(db):
    return build_world()


@pytest.fixture
def problem():
    return assert_problem
