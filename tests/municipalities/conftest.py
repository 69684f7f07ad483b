"""Fixtures for the municipal pages and API: a few reference rows (no directory load), staff, clients."""

import json

import pytest
from django.test import Client

from factories import ApiTokenFactory, OperatorFactory, SolutionFactory
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
def signed_in(client):
    def sign_in(user):
        client.force_login(user)
        return client

    return sign_in


class JsonClient(Client):
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

    def delete(self, path, data="", **extra):
        return super().delete(path, data, **self._auth(extra))

    def post_json(self, path, payload, **extra):
        body = payload if isinstance(payload, str | bytes) else json.dumps(payload)
        return self.post(path, body, content_type="application/json", **self._auth(extra))

    def patch_json(self, path, payload, **extra):
        body = payload if isinstance(payload, str | bytes) else json.dumps(payload)
        return self.patch(path, body, content_type="application/json", **self._auth(extra))


@pytest.fixture
def api():
    return JsonClient()


@pytest.fixture
def api_as():
    def client_for(user):
        return JsonClient(token=ApiTokenFactory(user=user).plaintext)

    return client_for


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


@pytest.fixture
def problem():
    return assert_problem
