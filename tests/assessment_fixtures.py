"""Fixtures for the tests of the assessment pages, API, permissions and badge (import them into a test module).

The world: the seed catalogue (in force since 2026-12-01), a committee (chair, a member, two reviewers), a
provider with a solution whose application is in review with both reviewers assigned, an editor of another
provider, a user without any role and an operator. Time stands still on 2026-12-02.
"""

import copy
import datetime as dt
import functools
from types import SimpleNamespace
from unittest import mock

import pytest
import time_machine

from assessment_state import admit, assign, make_application, reviewed
from catalogue_support import SEED_FILE, seat
from factories import MembershipFactory, OperatorFactory, OrganisationFactory, SolutionFactory, UserFactory
from lichtermeer.requirements.models import CommitteeSeat
from lichtermeer.solutions.models import Solution

NOW = dt.datetime(2026, 12, 2, 9, tzinfo=dt.UTC)


@functools.cache
def _parsed_seed():
    from lichtermeer.engines import catalogue as engine

    return engine.load(SEED_FILE.read_bytes(), path=str(SEED_FILE))


def load_seed():
    """catalogue_support.load_seed() through the real import service, with the seed file parsed once per run:
    parsing its 1,600 lines of YAML would otherwise dominate the setup of every test."""
    from lichtermeer.engines import catalogue as engine
    from lichtermeer.requirements import services

    parsed = _parsed_seed()

    def load(content, *, path=None):
        return copy.deepcopy(parsed)

    with mock.patch.object(engine, "load", load):
        version, _created = services.import_catalogue(content=b"", path=str(SEED_FILE))
    return version


@pytest.fixture
def clock():
    with time_machine.travel(NOW, tick=False):
        yield NOW


def person(first: str, last: str):
    return UserFactory(first_name=first, last_name=last)


@pytest.fixture
def world(db, clock):
    version = load_seed()
    operator = OperatorFactory(first_name="Olga", last_name="Operator")
    chair = seat(person("Clara", "Chair"), role=CommitteeSeat.Role.CHAIR, operator=operator).user
    member = seat(person("Mia", "Member"), operator=operator, affiliation="Landkreis Beispiel").user
    reviewer = seat(person("Rita", "Reviewer"), operator=operator, affiliation="Hochschule Beispiel").user
    second = seat(person("Rolf", "Zweitpruefer"), operator=operator, affiliation="Stadt Beispielhausen").user
    organisation = OrganisationFactory(name="Anbieter Beispiel GmbH", slug="anbieter-beispiel")
    solution = SolutionFactory(organisation=organisation, name="Parkraum-Radar", slug="parkraum-radar",
                               listing_status=Solution.ListingStatus.SUBMITTED)
    editor = MembershipFactory(organisation=organisation, user=person("Erika", "Editor")).user
    other_editor = MembershipFactory(organisation=OrganisationFactory(name="Fremdfirma AG")).user
    stranger = UserFactory()
    application = make_application(solution, version, submitted_by=editor)
    assign(application, reviewer, second)
    return SimpleNamespace(
        version=version, operator=operator, chair=chair, member=member, reviewer=reviewer, second=second,
        organisation=organisation, solution=solution, editor=editor, other_editor=other_editor, stranger=stranger,
        application=application,
    )


def admitted_solution(world, *, name: str = "Stadtklima-Sensorik", slug: str = "stadtklima-sensorik", **admission):
    """A second solution of the same provider, reviewed by both reviewers and admitted by the chair."""
    solution = SolutionFactory(organisation=world.organisation, name=name, slug=slug,
                               listing_status=Solution.ListingStatus.SUBMITTED)
    application = make_application(solution, world.version, submitted_by=world.editor)
    assign(application, world.reviewer, world.second)
    reviewed(application, [world.reviewer, world.second])
    admit(application, chair=world.chair, **admission)
    solution.refresh_from_db()
    return solution


@pytest.fixture
def admitted(world):
    return admitted_solution(world)
