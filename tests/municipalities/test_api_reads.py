"""The municipal API reads: shapes, filters and error problems (malformed AGS 422, unknown 404)."""

import datetime as dt

import pytest

from factories import SolutionFactory, UserFactory
from lichtermeer.municipalities.models import Contact, ExperienceReport, Grouping, InventoryEntry, UrbanDataPlatform

pytestmark = pytest.mark.django_db


@pytest.fixture
def records(town, other_town, solution):
    entry = InventoryEntry.objects.create(municipality=town, solution=solution, status="production",
                                          operating_model="shared-service", since=dt.date(2024, 3, 1))
    entry.shared_with.set([other_town])
    InventoryEntry.objects.create(municipality=town, unlisted_name="Eigenbau", status="pilot",
                                  operating_model="own-operation")
    UrbanDataPlatform.objects.create(municipality=town, name="Datenplattform", standards=["ngsi-ld"],
                                     components=["CKAN"], hosting="own-operation", co_use="open")
    UrbanDataPlatform.objects.create(municipality=other_town, name="Köln Daten", hosting="provider-saas",
                                     co_use="closed")
    project = Grouping.objects.create(slug="mpsc-2020-x", kind="model-project", name="Projekt X", round=2020,
                                      certain=False, operator_name="Landkreis Y (09184)", source_note="Quelle")
    project.members.set([town])
    user = UserFactory(first_name="Paula", last_name="Public", email="paula.geheim@example.org")
    Contact.objects.create(municipality=town, user=user, function="CDO", show_publicly=True)
    ExperienceReport.objects.create(municipality=town, solution=solution, author=user, rating=3, title="Geht so",
                                    body="Mittel.", status="published")
    ExperienceReport.objects.create(municipality=town, solution=solution, author=user, rating=1, title="Entwurf",
                                    body="Wartet.")


def test_it_finds_municipalities(api, town, other_town):
    body = api.get("/api/v1/municipalities", {"q": "münchen"}).json()
    assert body["count"] == 1
    (item,) = body["items"]
    assert item["ags"] == "09162000" and item["land"] == {"code": "09", "name": "Land 09"}
    assert item["kreis"] == {"ags": "09162", "name": "Kreis 09162"} and item["population"] == 1_505_005
    assert item["html_url"] == "/municipalities/09162000/" and item["api_url"] == "/api/v1/municipalities/09162000"
    assert [m["ags"] for m in api.get("/api/v1/municipalities", {"q": "50667"}).json()["items"]] == ["05315000"]
    assert [m["ags"] for m in api.get("/api/v1/municipalities", {"land": "05"}).json()["items"]] == ["05315000"]
    assert api.get("/api/v1/municipalities").json()["items"][0]["ags"] == "09162000"  # largest first


@pytest.mark.parametrize("params", [{"land": "9"}, {"limit": "0"}, {"q": "x" * 101}])
def test_bad_search_parameters_are_problems(api, db, problem, params):
    problem(api.get("/api/v1/municipalities", params), 422)


def test_it_returns_a_municipality_with_its_records(api, records):
    body = api.get("/api/v1/municipalities/09162000").json()
    assert body["ars"] == "091620000000" and body["area_km2"] == 310.7 and body["gebietsstand"] == "2025-11-30"
    assert body["type_code"] == "61" and body["type_label"] == "Kreisfreie Stadt"
    listed = next(e for e in body["inventory"] if e["solution"])
    assert listed["solution"]["slug"] == "parkraum-plus" and listed["status"] == "production"
    assert listed["shared_with"][0]["ags"] == "05315000" and listed["since"] == "2024-03-01"
    unlisted = next(e for e in body["inventory"] if not e["solution"])
    assert unlisted["unlisted"]["name"] == "Eigenbau" and unlisted["name"] == "Eigenbau"
    (platform,) = body["platforms"]
    assert platform["standards"] == [{"code": "ngsi-ld", "label": "NGSI-LD"}] and platform["components"] == ["CKAN"]
    (grouping,) = body["groupings"]
    assert grouping["certain"] is False and grouping["round"] == 2020 and grouping["lead"] is None
    assert grouping["lead_name"] == "Landkreis Y (09184)"
    assert body["contacts"] == [{"name": "Paula Public", "function": "CDO"}]
    assert [r["title"] for r in body["reports"]] == ["Geht so"]
    assert body["accepts_reuse_requests"] is False
    assert "geheim" not in str(body)


def test_labels_follow_the_language(api, records):
    response = api.get("/api/v1/municipalities/09162000", HTTP_ACCEPT_LANGUAGE="en")
    assert response["Content-Language"] == "en"
    listed = next(e for e in response.json()["inventory"] if e["solution"])
    assert listed["status_label"] == "In production"
    assert listed["operating_model_label"] == "Shared service with other municipalities"


@pytest.mark.parametrize("key", ["0916200", "091620000", "abcdefgh", "0916200%20"])
def test_a_malformed_key_is_422_with_a_clear_message(api, town, problem, key):
    body = problem(api.get(f"/api/v1/municipalities/{key}"), 422)
    assert body["type"] == "urn:lichtermeer:problem:invalid-ags"
    assert "acht Ziffern" in body["detail"]
    english = problem(api.get(f"/api/v1/municipalities/{key}", HTTP_ACCEPT_LANGUAGE="en"), 422)
    assert "exactly eight digits" in english["detail"]


def test_an_unknown_key_is_404(api, town, problem):
    body = problem(api.get("/api/v1/municipalities/99999999"), 404)
    assert body["type"] == "urn:lichtermeer:problem:unknown-municipality"


def test_it_lists_platforms_with_filters(api, records, problem):
    body = api.get("/api/v1/platforms").json()
    assert body["count"] == 2
    assert [p["name"] for p in api.get("/api/v1/platforms", {"standard": "ngsi-ld"}).json()["items"]] == [
        "Datenplattform"]
    assert [p["name"] for p in api.get("/api/v1/platforms", {"co_use": "closed"}).json()["items"]] == ["Köln Daten"]
    assert [p["name"] for p in api.get("/api/v1/platforms", {"land": "05"}).json()["items"]] == ["Köln Daten"]
    problem(api.get("/api/v1/platforms", {"standard": "bogus"}), 422)


def test_it_returns_the_reuse_register_of_a_solution(api, records, solution, problem):
    body = api.get(f"/api/v1/solutions/{solution.slug}/usage").json()
    assert body["solution"]["slug"] == solution.slug and body["count"] == 1 and body["municipalities"] == 1
    assert body["items"][0]["municipality"]["ags"] == "09162000" and body["items"][0]["status"] == "production"
    assert [r["title"] for r in body["reports"]] == ["Geht so"]
    problem(api.get("/api/v1/solutions/gibt-es-nicht/usage"), 404)
    draft = SolutionFactory(listing_status="draft")
    problem(api.get(f"/api/v1/solutions/{draft.slug}/usage"), 404)


def test_it_lists_the_model_projects(api, records):
    body = api.get("/api/v1/model-projects").json()
    assert body["count"] == 1
    project = body["items"][0]
    assert project["kind"] == "model-project" and project["members"][0]["ags"] == "09162000"
    assert project["source_note"] == "Quelle"
