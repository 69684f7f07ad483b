"""Fixtures for the JSON API tests: a provider with a token, listed solutions, and a JSON client."""

import json

import pytest
from django.test import Client

from factories import ApiTokenFactory, MembershipFactory, OrganisationFactory
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


class ApiClient(Client):
    """A test client that speaks JSON and can carry a bearer token."""

    def __init__(self, token: str | None = None, **kwargs):
        super().__init__(**kwargs)
        self.token = token

    def _auth(self, extra: dict) -> dict:
        if self.token:
            extra.setdefault("HTTP_AUTHORIZATION", f"Bearer {self.token}")
        return extra

    def get(self, path, data=None, **extra):
        return super().get(path, data, **self._auth(extra))

    def post_json(self, path, payload, **extra):
        body = payload if isinstance(payload, str | bytes) else json.dumps(payload)
        return self.post(path, body, content_type="application/json", **self._auth(extra))

    def put_json(self, path, payload, **extra):
        body = payload if isinstance(payload, str | bytes) else json.dumps(payload)
        return self.put(path, body, content_type="application/json", **self._auth(extra))


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


def assert_problem(response, status: int) -> dict:
    """The response is a problem document with bilingual messages."""
    assert response.status_code == status, response.content[:2000]
    assert response["Content-Type"].startswith("application/problem+json")
    body = response.json()
    assert body["status"] == status
    assert body["type"].startswith("urn:lichtermeer:problem:")
    assert body["title"] and body["detail"]
    for error in body["errors"]:
        assert error["message_en"] and error["message_de"]
    return body
