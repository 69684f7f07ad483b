"""The JSON twins: the register (reads for all, writes for the operator with a token), compatibility, the exit
score, a solution against a municipality's inventory. Bad input is a problem document, never a 5xx."""

import pytest

from lichtermeer.audit.models import AuditEntry
from lichtermeer.interop.models import Adapter, Standard

from .support import declared, make_solution

pytestmark = pytest.mark.django_db

EDR = {"id": "ogc-api-edr", "name": "OGC API – EDR", "uri": "https://ogcapi.ogc.org/edr/", "category": "geodata",
       "kind": "interface", "versions": ["1.0"], "compatibility": "exact", "roles": [["server", "client"]],
       "description": {"de": "Umweltdaten abfragen", "en": "Retrieve environmental data"}}


def test_it_lists_and_filters_the_register(seeded, api):
    body = api.get("/api/v1/standards", {"category": "iot", "per_page": 2}).json()
    assert body["total"] >= 4 and len(body["items"]) == 2 and body["pages"] >= 2
    assert all(item["category"] == "iot" for item in body["items"])
    assert body["downloads"]["ttl"] == "/standards/register.ttl"
    mqtt = api.get("/api/v1/standards/mqtt").json()
    assert mqtt["platform_uri"].endswith("/standards/mqtt/") and mqtt["groups"] == [["3.1", "3.1.1", "5.0"]]
    assert {a["to"]["id"] for a in mqtt["adapters"]} >= {"ngsi-ld", "ngsi-v2"}


def test_unknown_and_bad_ids_are_404(seeded, api, problem):
    for path in ("/api/v1/standards/nope", "/api/v1/standards/NOPE%20x", "/api/v1/standards/" + "a" * 500):
        problem(api.get(path), 404)
    problem(api.get("/api/v1/standards", {"category": "weather"}), 422)


def test_the_operator_writes_through_the_api_with_audit(seeded, api_as, operator, problem):
    client = api_as(operator)
    created = client.post_json("/api/v1/standards", EDR)
    assert created.status_code == 201, created.content
    changed = client.put_json("/api/v1/standards/ogc-api-edr", {**{k: v for k, v in EDR.items() if k != "id"},
                                                                "versions": ["1.0", "1.1"]})
    assert changed.json()["versions"] == ["1.0", "1.1"]
    retired = client.post_json("/api/v1/standards/ogc-api-edr/retire", {"retired": True, "reason": "Test"})
    assert retired.json()["retired"] is True
    adapter = client.post_json("/api/v1/adapters", {"from": "wfs", "to": "geojson",
                                                    "via": {"de": "GDAL", "en": "GDAL"}})
    assert adapter.status_code == 201
    assert client.delete(f"/api/v1/adapters/{adapter.json()['id']}").status_code == 204
    assert AuditEntry.objects.filter(action__startswith="interop.", actor=operator).count() == 5


def test_invalid_entries_are_refused_with_their_place(seeded, api_as, operator, problem):
    client = api_as(operator)
    body = problem(client.post_json("/api/v1/standards", {**EDR, "versions": ["1.0", "1.0.0"]}), 400)
    assert body["errors"][0]["key"] == "versions[1]"
    problem(client.post_json("/api/v1/standards", {**EDR, "name": "N" * 100_000}), 422)
    problem(client.post_json("/api/v1/standards", {**EDR, "roles": [["client", "server"]]}), 422)
    problem(client.post_json("/api/v1/standards", {**EDR, "id": "../etc"}), 422)
    problem(client.post_json("/api/v1/standards", {**EDR, "extra": 1}), 422)
    problem(client.post_json("/api/v1/standards", "{not json"), 400)
    problem(client.post_json("/api/v1/standards", {**EDR, "id": "mqtt"}), 409)
    problem(client.post_json("/api/v1/adapters", {"from": "wfs", "to": "nope", "via": {"de": "x", "en": "x"}}), 400)
    assert not Standard.objects.filter(pk="ogc-api-edr").exists()


def test_writes_need_the_operator(seeded, api, api_as, staff, problem):
    problem(api.post_json("/api/v1/standards", EDR), 401)
    problem(api_as(staff).post_json("/api/v1/standards", EDR), 403)
    problem(api_as(staff).post_json("/api/v1/standards/mqtt/retire", {}), 403)
    adapter = Adapter.objects.first()
    problem(api_as(staff).delete(f"/api/v1/adapters/{adapter.pk}"), 403)
    assert Adapter.objects.filter(pk=adapter.pk).exists()


def test_compatibility_of_two_solutions_and_works_with(seeded, api, broker, context_broker, dashboard):
    pair = api.get(f"/api/v1/solutions/{context_broker.slug}/compatibility", {"with": broker.slug}).json()
    assert pair["compatibility"]["status"] == "connects"
    [connection] = pair["compatibility"]["connections"]
    assert connection["standard"]["id"] == "mqtt" and connection["provider"] == "Broker Eins"
    assert connection["note_de"] and connection["note_en"]
    listing = api.get(f"/api/v1/solutions/{context_broker.slug}/compatibility").json()
    assert [item["solution"]["slug"] for item in listing["items"]] == ["broker-eins", "dashboard-drei"]


def test_compatibility_hides_drafts_and_refuses_bad_slugs(seeded, api, broker, problem):
    draft = make_solution("Geheim", status="draft", consumes=[declared("mqtt", "client", "5.0")])
    problem(api.get(f"/api/v1/solutions/{broker.slug}/compatibility", {"with": draft.slug}), 404)
    problem(api.get(f"/api/v1/solutions/{broker.slug}/compatibility", {"with": "<x>"}), 422)
    problem(api.get(f"/api/v1/solutions/{draft.slug}/exit-score"), 404)


def test_the_exit_score_explains_every_factor(seeded, api, broker):
    body = api.get(f"/api/v1/solutions/{broker.slug}/exit-score").json()
    assert 0 <= body["score"] <= 100 and body["band"] in ("low", "medium", "high")
    assert [f["id"] for f in body["factors"]] == ["open-licence", "data-export", "standard-interfaces",
                                                  "self-hosting", "independent-operators", "reuse", "admission"]
    assert "data-export" in body["unknown"] and body["method_url"] == "/exit-score/"


def test_a_solution_against_a_municipality(seeded, api, town, staff, broker, context_broker, problem):
    from lichtermeer.municipalities import services as municipal

    municipal.add_inventory_entry(actor=staff, municipality=town, solution=context_broker, status="production",
                                  operating_model="own-operation")
    municipal.add_inventory_entry(actor=staff, municipality=town, unlisted_name="Eigenbau", status="pilot",
                                  operating_model="own-operation")
    body = api.get(f"/api/v1/municipalities/{town.ags}/compatibility/{broker.slug}").json()
    assert [(i["name"], i["status"]) for i in body["items"]] == [("Kontext Zwei", "connects"),
                                                                 ("Eigenbau", "unknown")]
    problem(api.get(f"/api/v1/municipalities/123/compatibility/{broker.slug}"), 422)
    problem(api.get(f"/api/v1/municipalities/99999999/compatibility/{broker.slug}"), 404)


def test_the_search_api_filters_by_compatibility(seeded, api, town, staff, broker, context_broker, dashboard,
                                                 problem):
    from lichtermeer.municipalities import services as municipal

    municipal.add_inventory_entry(actor=staff, municipality=town, solution=context_broker, status="production",
                                  operating_model="own-operation")
    body = api.get("/api/v1/search", {"kompatibel": town.ags}).json()
    assert sorted(item["slug"] for item in body["items"]) == ["broker-eins", "dashboard-drei"]
    assert body["total"] == 2
    narrowed = api.get("/api/v1/search", {"kompatibel": town.ags, "q": "Dashboard"}).json()
    assert [item["slug"] for item in narrowed["items"]] == ["dashboard-drei"]
    listed = api.get("/api/v1/solutions", {"kompatibel": town.ags, "per_page": 1}).json()
    assert listed["total"] == 2 and len(listed["items"]) == 1
    problem(api.get("/api/v1/search", {"kompatibel": "abc"}), 422)
    problem(api.get("/api/v1/search", {"kompatibel": "99999999"}), 404)
