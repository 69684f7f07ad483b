"""Fixtures for the JSON API tests: a provider with a token, listed solutions, and a JSON client."""


import pytest

from factories import ApiTokenFactory, MembershipFactory, OrganisationFactory
from json_api import JsonClient as ApiClient
from json_api import assert_problem  # noqa: F401 (imported by the tests from here)
from lichtermeer.solutions import services

PUBLICCODE = """\
publiccodeYmlVersion: "0.4"
name: {name}
url: "{url}"
softwareVersion: "1.2.0"
releaseDate: "2024-03-01"
platforms:
  - web
categories:
  - it-development
developmentStatus: stable
softwareType: "standalone/web"
description:
  de:
    shortDescription: Eine kurze Beschreibung der Beispiel-Lösung
    longDescription: >
      Eine lange Beschreibung dieser Software, über mehrere Zeilen verteilt. Sie sagt, was die Software
      tut und wozu man sie braucht. Hier kann viel Text stehen, auch über mehrere Seiten hinweg.
    features:
      - Eine Funktion
  en:
    shortDescription: A short description of the example solution
    longDescription: >
      A long description of this software, split over several lines. It says what the software
      does and why one needs it. There can be a lot of text here, even many pages of it.
    features:
      - One feature
legal:
  license: EUPL-1.2
maintenance:
  type: "community"
  contacts:
    - name: Erika Mustermann
localisation:
  localisationReady: true
  availableLanguages:
    - de
    - en
"""


DEFAULT_URL = "https://git.example.org/stadt/beispielportal"


def publiccode(name: str = "Beispielportal", url: str = DEFAULT_URL) -> str:
    return PUBLICCODE.format(name=name, url=url)


@pytest.fixture
def anonymous():
    return ApiClient()


@pytest.fixture
def organisation(db):
    return OrganisationFactory(slug="stadtwerk-beispiel", name="Stadtwerk Beispiel")


@pytest.fixture
def editor(organisation):
    """A verified provider editor of `organisation` (the user carries `.token`)."""
    membership = MembershipFactory(organisation=organisation)
    token = ApiTokenFactory(user=membership.user)
    membership.user.token = token.plaintext
    return membership.user


@pytest.fixture
def provider(editor):
    return ApiClient(token=editor.token)


@pytest.fixture
def stranger(db):
    """A verified provider editor of another organisation."""
    membership = MembershipFactory(organisation=OrganisationFactory(slug="fremde-firma"))
    return ApiClient(token=ApiTokenFactory(user=membership.user).plaintext)


def list_solution(organisation, *, name="Beispielportal", url=DEFAULT_URL, facts=None, status="admitted"):
    """A solution saved the way the platform saves them (facets, version, audit), then given a status."""
    outcome = services.import_solution(
        content=publiccode(name, url), organisation=organisation, facts=facts or {}
    )
    if status != outcome.solution.listing_status:
        services.set_listing_status(solution=outcome.solution, status=status)
    outcome.solution.refresh_from_db()
    return outcome.solution


@pytest.fixture
def listed(organisation):
    return list_solution(
        organisation,
        facts={"domains": ["mobility"], "hosting_models": ["saas"], "price_model": "subscription"},
    )


@pytest.fixture
def draft(organisation):
    return list_solution(
        organisation, name="Geheimprojekt", url="https://git.example.org/stadt/geheim", status="draft"
    )
