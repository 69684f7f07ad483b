"""Fixtures of the assessment tests: the world of assessment_fixtures and the JSON/page clients of json_api."""

from assessment_fixtures import admitted, clock, world  # noqa: F401 (fixtures)
from json_api import api, api_as, signed_in  # noqa: F401 (fixtures)
