"""Shared helpers for API and page tests: a JSON test client with an optional bearer token, the problem-document
check, and fixtures a conftest can import (`from json_api import api, api_as, signed_in`)."""

import json

import pytest
from django.test import Client

from factories import ApiTokenFactory


class JsonClient(Client):
    """A test client that speaks JSON and can carry a bearer token."""

    def __init__(self, token: str | None = None, **kwargs):
        super().__init__(**kwargs)
        self.token = token

    def _auth(self, extra: dict) -> dict:
        if self.token:
            extra.setdefault("HTTP_AUTHORIZATION", f"Bearer {self.token}")
        return extra

    def _json(self, method, path, payload, extra):
        body = payload if isinstance(payload, str | bytes) else json.dumps(payload)
        return method(path, body, content_type="application/json", **self._auth(extra))

    def get(self, path, data=None, **extra):
        return super().get(path, data, **self._auth(extra))

    def delete(self, path, data="", **extra):
        return super().delete(path, data, **self._auth(extra))

    def post_json(self, path, payload, **extra):
        return self._json(self.post, path, payload, extra)

    def put_json(self, path, payload, **extra):
        return self._json(self.put, path, payload, extra)

    def patch_json(self, path, payload, **extra):
        return self._json(self.patch, path, payload, extra)


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
def api():
    return JsonClient()


@pytest.fixture
def api_as():
    def client_for(user):
        return JsonClient(token=ApiTokenFactory(user=user).plaintext)

    return client_for


@pytest.fixture
def signed_in(client):
    def sign_in(user):
        client.force_login(user)
        return client

    return sign_in
