"""The procurement API: shortlists of the token owner, the comparison, the stateless UfAB evaluation, evaluations."""

import json

from django.urls import reverse

from lichtermeer.procurement import services

from .support import scored_evaluation, shortlist_of

BASE = "/api/v1/procurement"


def test_shortlist_crud(world, api_as, problem):
    client = api_as(world.staff)
    created = client.post_json(f"{BASE}/shortlists", {"name": "Parksensorik", "note": "API"})
    assert created.status_code == 201, created.content
    pk = created.json()["id"]
    assert created.json()["organisation"] == world.town.name and created.json()["owned"] is True
    added = client.post_json(f"{BASE}/shortlists/{pk}/items", {"solution": world.parking.slug})
    assert added.status_code == 201 and added.json()["items"][0]["solution"]["provider"] == "Radar GmbH"
    problem(client.post_json(f"{BASE}/shortlists/{pk}/items", {"solution": world.parking.slug}), 409)
    problem(client.post_json(f"{BASE}/shortlists/{pk}/items", {"solution": world.draft.slug}), 422)
    listed = client.get(f"{BASE}/shortlists").json()
    assert listed["count"] == 1 and listed["items"][0]["item_count"] == 1
    renamed = client.patch_json(f"{BASE}/shortlists/{pk}", {"name": "Neu"})
    assert renamed.status_code == 200 and renamed.json()["name"] == "Neu"
    assert client.delete(f"{BASE}/shortlists/{pk}/items/{world.parking.slug}").status_code == 204
    problem(client.delete(f"{BASE}/shortlists/{pk}/items/{world.parking.slug}"), 404)
    assert client.delete(f"{BASE}/shortlists/{pk}").status_code == 204
    problem(client.get(f"{BASE}/shortlists/{pk}"), 404)


def test_others_shortlists_are_404_and_tokens_are_required(world, api_as, api, problem):
    shortlist = shortlist_of(world.staff, [world.parking])
    stranger = api_as(world.foreign_staff)
    problem(stranger.get(f"{BASE}/shortlists/{shortlist.pk}"), 404)
    problem(stranger.patch_json(f"{BASE}/shortlists/{shortlist.pk}", {"name": "x"}), 404)
    problem(stranger.delete(f"{BASE}/shortlists/{shortlist.pk}"), 404)
    problem(api.get(f"{BASE}/shortlists"), 401)
    colleague = api_as(world.colleague)
    assert colleague.get(f"{BASE}/shortlists/{shortlist.pk}").json()["owned"] is False
    problem(colleague.delete(f"{BASE}/shortlists/{shortlist.pk}"), 403)


def test_hostile_shortlist_input(world, api_as, problem):
    client = api_as(world.staff)
    problem(client.post_json(f"{BASE}/shortlists", {"name": "x" * 5000}), 422)
    problem(client.post_json(f"{BASE}/shortlists", {"name": "a\x00b"}), 422)
    problem(client.post_json(f"{BASE}/shortlists", {"name": "ok", "extra": 1}), 422)
    problem(client.post_json(f"{BASE}/shortlists", "[1, 2"), 400)
    problem(client.get(f"{BASE}/shortlists/99999999999"), 404)


def test_comparison_json_and_limit(world, api_as, problem, settings):
    shortlist = shortlist_of(world.staff, [world.parking, world.climate, world.portal])
    client = api_as(world.staff)
    body = client.get(f"{BASE}/shortlists/{shortlist.pk}/comparison",
                      {"solution": [world.parking.slug, world.climate.slug]}).json()
    assert [s["slug"] for s in body["solutions"]] == [world.parking.slug, world.climate.slug]
    rows = {row["key"]: row for section in body["sections"] for row in section["rows"]}
    assert rows["provider"]["cells"][0]["text"] == "Radar GmbH"
    assert rows["requirement:LM-BF-01"]["cells"][0]["tone"] == "success"
    settings.COMPARISON_MAX_SOLUTIONS = 2
    problem(client.get(f"{BASE}/shortlists/{shortlist.pk}/comparison"), 422)


UFAB = {
    "method": "simple",
    "criteria": [{"id": "A1", "kind": "A"}, {"id": "B1", "kind": "B", "weight": 100}],
    "offers": [{"id": "X", "price": 100, "a": {"A1": True}, "points": {"B1": 8}},
               {"id": "Y", "price": 50, "a": {"A1": True}, "points": {"B1": 5}}],
}


def test_stateless_ufab_evaluation(api):
    response = api.post_json(f"{BASE}/ufab/evaluate", UFAB)
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["ranking"] == ["Y", "X"]
    assert {o["id"]: o["L"] for o in body["offers"]} == {"X": 800, "Y": 500}


def test_stateless_ufab_problems_are_422(api, problem):
    bad = json.loads(json.dumps(UFAB))
    bad["offers"][1]["price"] = 0
    bad["criteria"][1]["weight"] = 90
    body = problem(api.post_json(f"{BASE}/ufab/evaluate", bad), 422)
    keys = {e["key"] for e in body["errors"]}
    assert "offers[1].price" in keys and "criteria" in keys
    problem(api.post_json(f"{BASE}/ufab/evaluate", "{nope"), 400)
    problem(api.post_json(f"{BASE}/ufab/evaluate", [1, 2]), 422)
    problem(api.post(f"{BASE}/ufab/evaluate", b"\xff\xfe", content_type="application/json"), 400)


def test_evaluation_read(world, api_as, problem):
    evaluation = scored_evaluation(world)
    services.evaluate(actor=world.staff, evaluation=evaluation)
    body = api_as(world.colleague).get(f"{BASE}/evaluations/{evaluation.pk}").json()
    assert body["method"] == "simple" and body["status"] == "draft"
    criteria = {c["id"]: c for c in body["criteria"]}
    assert criteria["A1"]["requirement_id"] == "LM-BF-01" and criteria["A1"]["catalogue_version"] == "1.0.0"
    assert body["result"]["ranking"][0] == evaluation.offers.get(bidder="Radar GmbH").code
    problem(api_as(world.foreign_staff).get(f"{BASE}/evaluations/{evaluation.pk}"), 404)


def test_openapi_documents_the_operations(api):
    schema = api.get("/api/v1/openapi.json").json()
    for path in ("/api/v1/procurement/shortlists", "/api/v1/procurement/ufab/evaluate",
                 "/api/v1/procurement/evaluations/{pk}", "/api/v1/procurement/shortlists/{pk}/comparison"):
        assert path in schema["paths"], path
    assert reverse("api:evaluate_ufab") == "/api/v1/procurement/ufab/evaluate"
