"""The register's pages, the operator's forms (403 for everyone else), the comparison of two solutions and the
exit-score explanation; without JavaScript, in German and English."""

import pytest

from factories import UserFactory
from lichtermeer.audit.models import AuditEntry
from lichtermeer.interop.models import Adapter, Standard

from .support import declared, make_solution

pytestmark = pytest.mark.django_db

FORM = {"id": "ogc-api-edr", "name": "OGC API – EDR", "uri": "https://ogcapi.ogc.org/edr/", "category": "geodata",
        "kind": "interface", "maintainer": "OGC", "versions": "1.0\n1.1", "compatibility": "semver-major",
        "groups": "", "roles": ["server/client"], "description_de": "Umweltdaten abfragen",
        "description_en": "Retrieve environmental data"}


def test_the_register_lists_and_filters_standards(seeded, client):
    page = client.get("/standards/")
    assert page.status_code == 200
    assert len(page.context["standards"]) == Standard.objects.count()
    assert "register.ttl" in page.content.decode()
    iot = client.get("/standards/", {"category": "iot", "kind": "protocol"})
    assert {s.id for s in iot.context["standards"]} >= {"mqtt", "lorawan"}
    assert all(s.category == "iot" and s.kind == "protocol" for s in iot.context["standards"])
    assert client.get("/standards/", {"category": "<script>", "kind": "x" * 5000}).status_code == 200


def test_the_standard_page_names_declarers_adapters_and_uris(seeded, client, broker, context_broker):
    html = client.get("/en/standards/mqtt/").content.decode()
    assert "https://mqtt.org/mqtt-specification/" in html and "/standards/mqtt/" in html
    assert "Broker Eins" in html and "Kontext Zwei" in html
    assert "IoT Agent" in html  # adapter mqtt → ngsi-ld
    assert client.get("/standards/does-not-exist/").status_code == 404
    assert client.get("/standards/" + "a" * 300 + "/").status_code == 404


@pytest.mark.parametrize("path", ["/standards/neu/", "/standards/mqtt/bearbeiten/", "/standards/adapter/neu/"])
def test_the_operator_forms_are_closed_to_others(seeded, client, staff, path):
    assert client.get(path).status_code == 302  # sign in first
    client.force_login(staff)
    assert client.get(path).status_code == 403
    assert client.post(path, FORM).status_code == 403
    assert client.post("/standards/mqtt/ausmustern/").status_code == 403
    assert not Standard.objects.get(pk="mqtt").retired


def test_the_operator_adds_changes_and_retires_a_standard(seeded, client, operator):
    client.force_login(operator)
    assert client.get("/standards/neu/").status_code == 200
    response = client.post("/standards/neu/", FORM)
    assert response.status_code == 302 and response["Location"] == "/standards/ogc-api-edr/"
    assert Standard.objects.get(pk="ogc-api-edr").roles == [["server", "client"]]
    changed = {**FORM, "versions": "1.0\n1.0.0"}
    response = client.post("/standards/ogc-api-edr/bearbeiten/", changed)
    assert response.status_code == 400
    assert "versions[1]" in response.content.decode()
    assert Standard.objects.get(pk="ogc-api-edr").versions == ["1.0", "1.1"]
    response = client.post("/standards/ogc-api-edr/bearbeiten/", {**FORM, "name": "OGC API – EDR (neu)"})
    assert response.status_code == 302
    assert client.post("/standards/ogc-api-edr/ausmustern/", {"reason": "Test"}).status_code == 302
    assert Standard.objects.get(pk="ogc-api-edr").retired
    assert [e.action for e in AuditEntry.objects.filter(object_id="ogc-api-edr").order_by("pk")] == [
        "interop.standard_created", "interop.standard_changed", "interop.standard_retired"]


def test_a_form_with_bad_input_answers_422_and_keeps_the_input(seeded, client, operator):
    client.force_login(operator)
    response = client.post("/standards/neu/", {**FORM, "uri": "not a url", "category": "weather"})
    assert response.status_code == 422
    assert "OGC API – EDR" in response.content.decode()
    assert not Standard.objects.filter(pk="ogc-api-edr").exists()


def test_the_operator_edits_adapters(seeded, client, operator):
    client.force_login(operator)
    response = client.post("/standards/adapter/neu/", {"from_standard": "wfs", "to_standard": "geojson",
                                                       "via_de": "GDAL", "via_en": "GDAL"})
    assert response.status_code == 302
    adapter = Adapter.objects.get(from_standard="wfs", to_standard="geojson")
    assert client.get(f"/standards/adapter/{adapter.pk}/bearbeiten/").status_code == 200
    same = client.post("/standards/adapter/neu/", {"from_standard": "wfs", "to_standard": "wfs", "via_de": "x",
                                                   "via_en": "x"})
    assert same.status_code == 422
    assert client.post(f"/standards/adapter/{adapter.pk}/entfernen/").status_code == 302
    assert not Adapter.objects.filter(pk=adapter.pk).exists()
    assert client.post("/standards/adapter/999999/entfernen/").status_code == 404


def test_two_solutions_are_compared_on_their_own_page(seeded, client, broker, context_broker):
    response = client.get(f"/solutions/{context_broker.slug}/kompatibel/", {"mit": broker.slug})
    assert response.status_code == 302
    assert response["Location"] == f"/solutions/{context_broker.slug}/kompatibel/{broker.slug}/"
    page = client.get(response["Location"])
    assert page.status_code == 200
    assert page.context["result"]["status"] == "connects"
    assert "MQTT" in page.content.decode()
    gateway = make_solution("Funknetz Vier", provides=[declared("lorawan", "server", "1.0.4")])
    adapter_page = client.get(f"/en/solutions/{context_broker.slug}/kompatibel/{gateway.slug}/").content.decode()
    assert "Through an adapter" in adapter_page and "LoRaWAN" in adapter_page


def test_comparing_with_an_invisible_or_unknown_solution_is_404(seeded, client, broker):
    draft = make_solution("Geheim", status="draft", consumes=[declared("mqtt", "client", "5.0")])
    assert client.get(f"/solutions/{broker.slug}/kompatibel/{draft.slug}/").status_code == 404
    assert client.get(f"/solutions/{broker.slug}/kompatibel/", {"mit": "nope"}).status_code == 404
    assert client.get(f"/solutions/{broker.slug}/kompatibel/", {"mit": "x" * 5000}).status_code == 404
    assert client.get(f"/solutions/{broker.slug}/kompatibel/").status_code == 302
    assert client.get(f"/solutions/{broker.slug}/kompatibel/{broker.slug}/").status_code == 302


def test_staff_see_the_comparison_with_their_inventory(seeded, client, town, staff, broker, context_broker):
    from lichtermeer.municipalities import services as municipal

    municipal.add_inventory_entry(actor=staff, municipality=town, unlisted_name="Eigenbau", status="pilot",
                                  operating_model="own-operation")
    municipal.save_platform(actor=staff, municipality=town, name="Plattform Mitte", hosting="own-operation",
                            standards=["mqtt"], co_use="open")
    anonymous = client.get(broker.get_absolute_url()).content.decode()
    assert "Plattform Mitte" not in anonymous
    client.force_login(staff)
    html = client.get(broker.get_absolute_url()).content.decode()
    assert "Plattform Mitte" in html and "Eigenbau" in html
    compare = client.get(f"/solutions/{broker.slug}/kompatibel/{context_broker.slug}/").content.decode()
    assert "Plattform Mitte" in compare


def test_the_exit_score_method_shows_the_configured_weights(client, settings):
    settings.EXIT_SCORE_WEIGHTS = {**settings.EXIT_SCORE_WEIGHTS, "reuse": 33}
    page = client.get("/en/exit-score/")
    assert page.status_code == 200
    assert next(f for f in page.context["factors"] if f["id"] == "reuse")["weight"] == 33
    assert "EXIT_SCORE_WEIGHTS" in page.content.decode()


def test_a_solution_page_works_before_the_register_is_loaded(client, db):
    solution = make_solution("Frueh", provides=[declared("mqtt", "server", "5.0")])
    html = client.get(solution.get_absolute_url()).content.decode()
    assert 'id="works-with"' in html and 'id="exit-score"' in html


def test_a_signed_in_user_without_a_municipality_sees_no_inventory_section(seeded, client, broker):
    client.force_login(UserFactory())
    assert "h-own-" not in client.get(broker.get_absolute_url()).content.decode()
