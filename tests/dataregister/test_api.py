"""The register's JSON API: dataset search with facets and pages, a dataset with validation, quality and
category, confirming a category, sources with runs and errors, adding a source, queuing a harvest, coverage and
the matrix. Writes need a token; refusals are problem documents."""

import pytest
from django.utils import timezone

from lichtermeer.dataregister.models import HarvestRun, Source
from municipal_support import municipality

from .support import CATEGORIES, make_dataset, make_run, make_source

pytestmark = pytest.mark.django_db


@pytest.fixture
def many(source, organisation):
    schwerin = municipality("13004000", "Schwerin, Landeshauptstadt", population=110_000)
    other = make_source(organisation, schwerin, slug="opendata-schwerin")
    for number in range(23):
        make_dataset(source, f"Bebauungsplan Nr. {number:02d}", total=150, formats=("CSV",) if number % 2 else ("PDF",))
    make_dataset(other, "Haushaltsplan 2025", category="haushalt", total=380, formats=("XLSX",))
    return schwerin


def test_it_lists_datasets_with_pages_and_facets(api, many):
    body = api.get("/api/v1/datasets", {"per_page": 10, "page": 3}).json()
    assert (body["count"], body["page"], body["pages"], body["per_page"]) == (24, 3, 3, 10)
    assert len(body["items"]) == 4
    facets = body["facets"]
    assert {f["value"]: f["count"] for f in facets["municipality"]} == {"13003000": 23, "13004000": 1}
    assert {f["value"]: f["count"] for f in facets["format"]} == {"PDF": 12, "CSV": 11, "XLSX": 1}
    assert {f["value"]: f["label"] for f in facets["band"]} == {"sufficient": "Ausreichend",
                                                                "excellent": "Ausgezeichnet"}
    assert facets["land"] == [{"value": "13", "label": "Land 13", "count": 24}]


def test_it_filters_like_the_page(api, many):
    body = api.get("/api/v1/datasets", {"municipality": "13004000"}).json()
    assert [item["title"] for item in body["items"]] == ["Haushaltsplan 2025"]
    item = body["items"][0]
    category = {key: value for key, value in item["category"].items() if key != "source_label"}
    assert category == {"uri": CATEGORIES["haushalt"][0], "thema": "Finanzen", "bezeichnung": "Haushalt - Plan",
                        "confidence": 0.91, "source": "classifier", "needs_confirmation": False}
    assert item["category"]["source_label"]
    assert item["municipality"]["ags"] == "13004000"
    assert item["source"]["api_url"] == "/api/v1/sources/opendata-schwerin"
    assert api.get("/api/v1/datasets", {"q": "Bebauungsplan", "format": "CSV"}).json()["count"] == 11
    assert api.get("/api/v1/datasets", {"band": "excellent"}).json()["count"] == 1
    assert api.get("/api/v1/datasets", {"thema": "Finanzen", "land": "13"}).json()["count"] == 1


@pytest.mark.parametrize("query", [{"band": "wonderful"}, {"municipality": "123"}, {"land": "1"},
                                   {"per_page": 101}, {"page": 0}, {"q": "a\x00b"}])
def test_it_rejects_malformed_filters(api, db, problem, query):
    problem(api.get("/api/v1/datasets", query), 422)


def test_a_dataset_has_validation_quality_and_category(api, dataset):
    body = api.get(f"/api/v1/datasets/{dataset.pk}", HTTP_ACCEPT_LANGUAGE="en").json()
    assert body["title"] == dataset.title and body["iri"] == dataset.iri
    assert body["distributions"][0]["download_urls"] == ["https://opendata-rostock.example.org/dataset/1/download.csv"]
    groups = body["validation"]["groups"]
    assert [g["kind"] for g in groups] == ["dataset", "distribution", "other"]
    assert groups[0]["violations"] == 1
    assert groups[0]["results"][0]["severity"] == "http://www.w3.org/ns/shacl#Violation"
    assert groups[0]["results"][0]["message"].startswith("dcat:Dataset: dcterms:description MUSS")
    quality = body["quality"]
    assert (quality["total"], quality["maximum"], quality["band"], quality["band_label"]) == (
        180, 405, "sufficient", "Sufficient")
    assert [d["name"] for d in quality["dimensions"]] == ["findability", "accessibility", "interoperability",
                                                          "reusability", "contextuality"]
    assert quality["dimensions"][0]["indicators"][0]["label"] == "Keyword usage"
    category = body["category"]
    assert category["needs_confirmation"] is True and category["confidence"] == 0.41
    assert category["words"][0] == {"term": "Bebauungsplan", "weight": 1.42}
    assert category["neighbours"][0]["title"] == "Bebauungsplan Nr. 7 Hafenkante"


def test_an_unknown_dataset_is_a_404_problem(api, db, problem):
    problem(api.get("/api/v1/datasets/424242"), 404)


def test_a_member_confirms_a_category_with_a_token(api_as, dataset, member):
    uri = CATEGORIES["baumkataster"][0]
    response = api_as(member).post_json(f"/api/v1/datasets/{dataset.pk}/category", {"uri": uri})
    assert response.status_code == 200
    body = response.json()["category"]
    assert (body["uri"], body["source"], body["confidence"], body["needs_confirmation"]) == (uri, "confirmed", 1.0,
                                                                                             False)


def test_confirming_needs_a_token_and_the_right_organisation(api, api_as, dataset, other_member, problem):
    uri = CATEGORIES["baumkataster"][0]
    problem(api.post_json(f"/api/v1/datasets/{dataset.pk}/category", {"uri": uri}), 401)
    problem(api_as(other_member).post_json(f"/api/v1/datasets/{dataset.pk}/category", {"uri": uri}), 403)
    dataset.refresh_from_db()
    assert dataset.mdk_source == "classifier"


def test_confirming_an_unknown_category_is_refused(api_as, dataset, member, problem):
    body = problem(api_as(member).post_json(f"/api/v1/datasets/{dataset.pk}/category",
                                            {"uri": "https://musterdatenkatalog.de/def/musterdatensatz/gibt/esnicht"}),
                   400)
    assert body["type"].endswith("unknown-category")
    problem(api_as(member).post_json(f"/api/v1/datasets/{dataset.pk}/category", {"uri": "https://example.org/x"}), 422)
    problem(api_as(member).post_json(f"/api/v1/datasets/{dataset.pk}/category",
                                     {"uri": CATEGORIES["baumkataster"][0], "extra": 1}), 422)


# --- sources -----------------------------------------------------------------------------------------------


def test_sources_list_with_counts_and_last_run(api, source, dataset):
    make_run(source, status=HarvestRun.Status.FAILED)
    make_run(source, status=HarvestRun.Status.DONE, seen=1, created=1)  # the newest: shown; two runs count once
    body = api.get("/api/v1/sources").json()
    assert body["count"] == 1
    item = body["items"][0]
    assert (item["slug"], item["kind"], item["datasets"]) == ("opendata-rostock", "dcat", 1)
    assert item["organisation"] == {"slug": "hansestadt-rostock", "name": "Hanse- und Universitätsstadt Rostock"}
    assert item["last_run"]["status"] == "done"
    assert item["html_url"] == "/daten/quellen/opendata-rostock/"


def test_a_source_has_its_runs_progress_and_errors(api, source):
    make_run(source, status=HarvestRun.Status.FAILED, errors=[{"page": "", "en": "Harvest stopped: TimeoutError",
                                                               "de": "Harvesting abgebrochen: TimeoutError"}])
    make_run(source, status=HarvestRun.Status.RUNNING, started_at=timezone.now(), pages=2, expected=300, seen=200,
             errors=[{"page": "https://x.example.org/?page=2", "kind": "parse", "en": "Turtle syntax error",
                      "de": "Turtle-Syntaxfehler", "fatal": False}])
    body = api.get("/api/v1/sources/opendata-rostock").json()
    assert [run["status"] for run in body["runs"]] == ["running", "failed"]
    running = body["runs"][0]
    assert (running["pages"], running["seen"], running["expected"], running["error_count"]) == (2, 200, 300, 1)
    assert running["errors"][0] == {"page": "https://x.example.org/?page=2", "kind": "parse",
                                    "message_en": "Turtle syntax error", "message_de": "Turtle-Syntaxfehler",
                                    "fatal": False}
    assert body["runs"][1]["errors"][0]["fatal"] is False and body["runs"][1]["errors"][0]["page"] == ""


def test_an_unknown_source_is_a_404_problem(api, db, problem):
    problem(api.get("/api/v1/sources/gibt-es-nicht"), 404)
    problem(api.get("/api/v1/sources/%C3%A4%20x"), 404)


def _new_source(**changes) -> dict:
    return {"name": "Geoportal Rostock", "kind": "ckan", "url": "https://geo.rostock.example.org",
            "organisation": "hansestadt-rostock", "municipality": "13003000", "schedule_hours": 12, **changes}


def test_a_member_adds_a_source(api_as, member, organisation, rostock):
    response = api_as(member).post_json("/api/v1/sources", _new_source())
    assert response.status_code == 201, response.content
    body = response.json()
    assert (body["slug"], body["kind"], body["schedule_hours"], body["runs"]) == ("geoportal-rostock", "ckan", 12, [])
    assert body["municipality"]["ags"] == "13003000"
    assert Source.objects.get(slug="geoportal-rostock").organisation == organisation


def test_the_operator_adds_a_source_for_any_organisation(api_as, operator, organisation, rostock):
    assert api_as(operator).post_json("/api/v1/sources", _new_source(municipality=None)).status_code == 201


def test_adding_a_source_is_refused_for_another_organisation(api, api_as, other_member, stranger, organisation,
                                                             problem):
    problem(api.post_json("/api/v1/sources", _new_source()), 401)
    problem(api_as(other_member).post_json("/api/v1/sources", _new_source()), 403)
    problem(api_as(stranger).post_json("/api/v1/sources", _new_source()), 403)  # no verified membership at all
    assert not Source.objects.exists()


@pytest.mark.parametrize("changes", [{"organisation": "gibt-es-nicht"}, {"municipality": "99999999"},
                                     {"url": "ftp://x.example.org"}, {"kind": "sparql"}, {"schedule_hours": 0},
                                     {"name": ""}])
def test_adding_a_source_rejects_bad_input(api_as, member, organisation, rostock, problem, changes):
    problem(api_as(member).post_json("/api/v1/sources", _new_source(**changes)), 422)
    assert not Source.objects.exists()


def test_a_member_queues_a_harvest_and_gets_202(api_as, member, source, enqueued, problem):
    client = api_as(member)
    response = client.post(f"/api/v1/sources/{source.slug}/harvest", HTTP_AUTHORIZATION=f"Bearer {client.token}")
    assert response.status_code == 202
    body = response.json()
    run = source.runs.get()
    assert (body["run_id"], body["status"], body["source"]["slug"]) == (run.pk, "queued", source.slug)
    assert [list(r.args) for r in enqueued] == [[run.pk]]
    busy = client.post(f"/api/v1/sources/{source.slug}/harvest", HTTP_AUTHORIZATION=f"Bearer {client.token}")
    assert problem(busy, 409)["type"].endswith("harvest-busy")
    assert source.runs.count() == 1


def test_harvesting_is_refused_to_others(api, api_as, other_member, source, enqueued, problem):
    problem(api.post(f"/api/v1/sources/{source.slug}/harvest"), 401)
    client = api_as(other_member)
    problem(client.post(f"/api/v1/sources/{source.slug}/harvest", HTTP_AUTHORIZATION=f"Bearer {client.token}"), 403)
    problem(client.post("/api/v1/sources/gibt-es-nicht/harvest", HTTP_AUTHORIZATION=f"Bearer {client.token}"), 404)
    assert not enqueued and not source.runs.exists()


# --- coverage ----------------------------------------------------------------------------------------------


def test_coverage_of_a_municipality(api, source, organisation):
    make_dataset(source, "Bebauungsplan Nr. 1", total=200)
    peer = municipality("13004000", "Schwerin, Landeshauptstadt", population=110_000)
    make_dataset(make_source(organisation, peer, slug="sn"), "Haushaltsplan", category="haushalt")
    body = api.get("/api/v1/municipalities/13003000/coverage").json()
    assert (body["datasets"], body["quality"], body["band"]) == (1, 200.0, "sufficient")
    assert body["categories"] == [{"uri": CATEGORIES["bebauungsplan"][0], "thema": "Raumplanung",
                                   "bezeichnung": "Bebauungsplan", "datasets": 1, "quality": 200}]
    assert [(p["ags"], p["population"]) for p in body["comparables"]] == [("13004000", 110_000)]
    assert body["gaps"] == [{"uri": CATEGORIES["haushalt"][0], "thema": "Finanzen", "bezeichnung": "Haushalt - Plan",
                             "publishers": 1, "share": 1.0}]


def test_coverage_of_a_malformed_or_unknown_ags(api, db, problem):
    assert problem(api.get("/api/v1/municipalities/123/coverage"), 422)["type"].endswith("invalid-ags")
    problem(api.get("/api/v1/municipalities/99999999/coverage"), 404)


def test_the_matrix_lists_non_empty_cells(api, source, organisation):
    make_dataset(source, "Bebauungsplan Nr. 1")
    make_dataset(source, "Bebauungsplan Nr. 2")
    hamburg = municipality("02000000", "Hamburg, Freie und Hansestadt", population=1_910_160)
    make_dataset(make_source(organisation, hamburg, slug="hh"), "Wahllokale", category="wahllokal")
    body = api.get("/api/v1/coverage/matrix").json()
    assert [c["bezeichnung"] for c in body["categories"]] == ["Wahl - Wahllokal", "Bebauungsplan"]
    assert [m["ags"] for m in body["municipalities"]] == ["02000000", "13003000"]
    assert body["cells"] == [
        {"uri": CATEGORIES["wahllokal"][0], "ags": "02000000", "datasets": 1},
        {"uri": CATEGORIES["bebauungsplan"][0], "ags": "13003000", "datasets": 2},
    ]
    only = api.get("/api/v1/coverage/matrix", {"land": "02"}).json()
    assert [m["ags"] for m in only["municipalities"]] == ["02000000"] and len(only["cells"]) == 1
