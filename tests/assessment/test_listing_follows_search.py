"""A listing status changed by the assessment workflow is what search filters on: admission, return and
suspension go through the solution catalogue's service, which keeps the facets and the search index current.
(A bare update once left `make run` showing no admitted solution in the default search.)"""

import pytest

from assessment_state import reviewed
from lichtermeer.assessment import lifecycle, services
from lichtermeer.solutions.selectors import search_solutions

pytestmark = pytest.mark.django_db


def admitted_names() -> set[str]:
    return {s.name for s in search_solutions(filters={"listing_status": ["admitted"]}).items}


def test_an_admitted_solution_is_found_by_the_default_search(world):
    reviewed(world.application, [world.reviewer, world.second])
    services.decide(actor=world.chair, application=world.application, outcome="admitted", reasons="ok")
    assert admitted_names() == {"Parkraum-Radar"}


def test_a_suspended_solution_leaves_the_admitted_results(world, admitted):
    assert admitted_names() == {"Stadtklima-Sensorik"}
    lifecycle.suspend(actor=world.operator, admission=admitted.admissions.get(), reason="Sicherheitsvorfall")
    assert admitted_names() == set()
    suspended = search_solutions(filters={"listing_status": ["suspended"]}).items
    assert {s.name for s in suspended} == {"Stadtklima-Sensorik"}


def test_a_returned_application_takes_the_listing_back_to_draft(world):
    reviewed(world.application, [world.reviewer, world.second])
    services.decide(actor=world.chair, application=world.application, outcome="returned", reasons="Nachweise fehlen")
    assert {s.name for s in search_solutions(filters={"listing_status": ["submitted"]}).items} == set()
