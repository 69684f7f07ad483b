"""The regional API reads: Länder with counts, a Land with its Kreise, a Kreis with its municipalities, one
grouping; malformed keys are 422 problems, unknown ones 404."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from lichtermeer.municipalities.models import Grouping, InventoryEntry, Kreis, Land, UrbanDataPlatform
from municipal_support import municipality

pytestmark = pytest.mark.django_db


@pytest.fixture
def records(town, other_town, solution):
    garching = municipality("09184119", "Garching b.München, Stadt", population=18_000, lat=48.249, lon=11.651)
    municipality("09184147", "Oberschleißheim", population=12_000)
    Land.objects.filter(code="09").update(name="Bayern", seat="München")
    Kreis.objects.filter(ags="09184").update(name="München", type_code="44")
    InventoryEntry.objects.create(municipality=town, solution=solution, status="production",
                                  operating_model="provider-saas")
    InventoryEntry.objects.create(municipality=town, unlisted_name="Eigenbau", status="pilot",
                                  operating_model="own-operation")
    InventoryEntry.objects.create(municipality=garching, unlisted_name="Alt", status="retired",
                                  operating_model="own-operation", removed_at=timezone.now())
    UrbanDataPlatform.objects.create(municipality=garching, name="Garchinger Daten", hosting="provider-saas")
    UrbanDataPlatform.objects.create(municipality=other_town, name="Köln Daten", hosting="provider-saas")
    project = Grouping.objects.create(slug="mpsc-2020-isar", kind="model-project", name="Isar digital", round=2020,
                                      certain=False, operator=town, source_note="Quelle", solution=solution)
    project.members.set([town, garching])
    return project


def test_it_lists_the_laender_with_counts(api, records):
    body = api.get("/api/v1/laender").json()
    assert body["count"] == 2
    bayern, = (item for item in body["items"] if item["code"] == "09")
    assert bayern == {
        "code": "09", "name": "Bayern", "seat": "München", "kreis_count": 2, "municipality_count": 3,
        "population": 1_505_005 + 18_000 + 12_000, "with_inventory": 1, "with_platforms": 1,
        "html_url": "/municipalities/laender/09/", "api_url": "/api/v1/laender/09",
    }
    nrw, = (item for item in body["items"] if item["code"] == "05")
    assert nrw["with_inventory"] == 0 and nrw["with_platforms"] == 1


def test_it_returns_a_land_with_its_kreise(api, records):
    body = api.get("/api/v1/laender/09").json()
    assert body["name"] == "Bayern" and body["municipality_count"] == 3
    by_key = {k["ags"]: k for k in body["kreise"]}
    assert set(by_key) == {"09162", "09184"}
    assert by_key["09184"] == {
        "ags": "09184", "name": "München", "type_code": "44", "type_label": "Landkreis", "municipality_count": 2,
        "population": 30_000, "with_inventory": 0, "with_platforms": 1,
        "html_url": "/municipalities/kreise/09184/", "api_url": "/api/v1/kreise/09184",
    }


def test_it_returns_a_kreis_with_its_municipalities(api, records):
    body = api.get("/api/v1/kreise/09184").json()
    assert body["land"] == {"code": "09", "name": "Bayern", "html_url": "/municipalities/laender/09/",
                            "api_url": "/api/v1/laender/09"}
    assert body["dissolved_on"] is None and body["type_label"] == "Landkreis"
    garching, quiet = body["municipalities"]
    assert garching == {
        "ags": "09184119", "name": "Garching b.München, Stadt", "type_code": "61", "type_label": "Kreisfreie Stadt",
        "population": 18_000, "inventory_count": 0, "platform_count": 1,
        "html_url": "/municipalities/09184119/", "api_url": "/api/v1/municipalities/09184119",
    }
    assert quiet["ags"] == "09184147" and quiet["inventory_count"] == 0 and quiet["platform_count"] == 0
    munich = api.get("/api/v1/kreise/09162").json()["municipalities"][0]
    assert munich["inventory_count"] == 2 and munich["platform_count"] == 0


def test_a_kreis_needs_no_query_per_municipality(api, records, solution):
    with CaptureQueriesContext(connection) as few:
        api.get("/api/v1/kreise/09184")
    for number in range(4):
        town = municipality(f"0918420{number}", f"Gemeinde {number}", population=100)
        InventoryEntry.objects.create(municipality=town, solution=solution, status="pilot",
                                      operating_model="own-operation")
        UrbanDataPlatform.objects.create(municipality=town, name=f"P{number}", hosting="own-operation")
    with CaptureQueriesContext(connection) as many:
        assert len(api.get("/api/v1/kreise/09184").json()["municipalities"]) == 6
    assert len(many) == len(few)


def test_it_returns_a_grouping(api, records):
    body = api.get("/api/v1/groups/mpsc-2020-isar").json()
    assert body["kind"] == "model-project" and body["name"] == "Isar digital" and body["round"] == 2020
    assert body["certain"] is False and body["source_note"] == "Quelle"
    assert body["lead"]["ags"] == "09162000" and body["solution"]["slug"] == "parkraum-plus"
    assert [m["ags"] for m in body["members"]] == ["09184119", "09162000"]  # by name
    assert body["html_url"] == "/municipalities/groups/mpsc-2020-isar/"
    assert body["api_url"] == "/api/v1/groups/mpsc-2020-isar"


def test_the_model_project_list_links_each_grouping(api, records):
    (item,) = api.get("/api/v1/model-projects").json()["items"]
    assert item["html_url"] == "/municipalities/groups/mpsc-2020-isar/"


@pytest.mark.parametrize("path", ["/api/v1/laender/9", "/api/v1/laender/0x", "/api/v1/laender/090",
                                  "/api/v1/kreise/0918", "/api/v1/kreise/09184x", "/api/v1/kreise/abcde"])
def test_malformed_keys_are_422_problems(api, town, problem, path):
    body = problem(api.get(path), 422)
    assert "Ziffern" in body["detail"]
    assert "digits" in body["errors"][0]["message_en"]


@pytest.mark.parametrize("path", ["/api/v1/laender/99", "/api/v1/kreise/09999", "/api/v1/groups/gibt-es-nicht"])
def test_unknown_keys_are_404_problems(api, town, problem, path):
    problem(api.get(path), 404)


def test_a_bad_token_is_refused(api, town, problem):
    api.token = "falsch"
    problem(api.get("/api/v1/laender"), 401)
