import pytest

from factories import OrganisationFactory

from .conftest import assert_problem

pytestmark = pytest.mark.django_db


def test_it_lists_organisations_with_public_solution_counts(anonymous, listed, draft):
    OrganisationFactory(slug="andere", name="Andere Organisation")
    response = anonymous.get("/api/v1/organisations")
    assert response.status_code == 200
    counts = {item["slug"]: item["solution_count"] for item in response.json()["items"]}
    assert counts == {"andere": 0, "stadtwerk-beispiel": 1}


def test_it_shows_an_organisation_without_its_drafts(anonymous, listed, draft):
    response = anonymous.get("/api/v1/organisations/stadtwerk-beispiel")
    assert response.status_code == 200
    body = response.json()
    assert body["name"] == "Stadtwerk Beispiel"
    assert [s["slug"] for s in body["solutions"]] == [listed.slug]


def test_it_shows_drafts_to_the_organisations_editors(provider, listed, draft):
    body = provider.get("/api/v1/organisations/stadtwerk-beispiel").json()
    assert {s["slug"] for s in body["solutions"]} == {listed.slug, draft.slug}


def test_it_answers_404_for_an_unknown_organisation(anonymous):
    assert_problem(anonymous.get("/api/v1/organisations/gibt-es-nicht"), 404)


def test_it_tells_a_token_owner_where_they_may_write(provider, anonymous):
    body = provider.get("/api/v1/me").json()
    assert [o["slug"] for o in body["editable_organisations"]] == ["stadtwerk-beispiel"]
    assert_problem(anonymous.get("/api/v1/me"), 401)
