"""Real pairs from data/demo/solutions (the declarations the solution pages will show)."""

import itertools

import pytest

from lichtermeer.engines.interop import Side, compare, compare_many, read_data

from .conftest import DEMO


def _sides() -> dict[str, Side]:
    sides = {}
    for path in sorted(DEMO.glob("*/platform.yml")):
        facts, problems = read_data(path)
        assert problems == []
        sides[path.parent.name] = Side.from_dict(facts, name=path.parent.name, ref=path.parent.name)
    return sides


SIDES = _sides()


@pytest.mark.parametrize(("a", "b", "standard"), [
    ("the-things-stack", "orion-ld", "mqtt"),  # LoRaWAN network server's broker, Orion-LD consumes MQTT
    ("keycloak", "grafana", "oidc"),
    ("keycloak", "zammad", "saml"),
    ("fiware-orion", "quantumleap", "ngsi-v2"),  # server → subscriber (notifications)
    ("orion-ld", "iotagent-json", "ngsi-ld"),
    ("frost-server", "demo-klimadaten-dashboard", "ogc-sensorthings"),
    ("frost-server", "demo-winterdienst-tracker", "mqtt"),
    ("mosquitto", "chirpstack", "mqtt"),  # MQTT 5.0 broker, 3.1.1 client: one version group
    ("chirpstack", "demo-parkraum-cockpit", "lorawan"),
    ("deegree", "masterportal", "wms"),
    ("demo-ratsinfo-cloud", "meine-stadt-transparent", "oparl"),
    ("demo-maengelmelder-light", "fixmystreet", "open311"),
    ("nextcloud-server", "libreoffice", "webdav"),
    ("decidim", "openslides", "csv"),
])
def test_demo_pairs_connect(a, b, standard, register):
    result = compare(SIDES[a], SIDES[b], register)
    assert result.status == "connects"
    assert standard in {c.standard for c in result.connecting}


def test_the_things_stack_and_orion_ld_in_detail(register):
    result = compare(SIDES["the-things-stack"], SIDES["orion-ld"], register)
    (mqtt,) = result.connections
    assert (mqtt.provider, mqtt.provider_role, mqtt.consumer_role, mqtt.versions_compatible) == (
        "a", "server", "client", True)
    assert result.unknown == []


def test_qgis_offers_wfs_1_1_which_masterportal_cannot_use(register):
    result = compare(SIDES["qgis"], SIDES["masterportal"], register)
    wfs = [c for c in result.connections if c.standard == "wfs"]
    assert [c.versions_compatible for c in wfs] == [False]
    assert ("b", "wfs") in {(m.side, m.standard) for m in result.missing}


def test_a_sensor_dashboard_reaches_a_lorawan_server_through_an_adapter(register):
    result = compare(SIDES["chirpstack"], SIDES["demo-energiemonitor"], register)
    assert result.status == "connects"
    assert [(n.standard, n.provided_standard) for n in result.adapters] == [("mqtt", "lorawan")]


def test_every_demo_pair_compares_without_error_and_many_connect(register):
    statuses = {"connects": 0, "adapter": 0, "none": 0}
    for a, b in itertools.combinations(sorted(SIDES), 2):
        result = compare(SIDES[a], SIDES[b], register)
        assert result.unknown == []
        statuses[result.status] += 1
    assert statuses["connects"] >= 60 and statuses["adapter"] >= 3
    assert sum(statuses.values()) == len(SIDES) * (len(SIDES) - 1) // 2


def test_works_with_for_orion_ld(register):
    others = [s for name, s in SIDES.items() if name != "orion-ld"]
    ranked = compare_many(SIDES["orion-ld"], others, register)
    connecting = [o.name for o, r in ranked if r.connects]
    assert {"the-things-stack", "mosquitto", "frost-server", "iotagent-json", "quantumleap"} <= set(connecting)
    assert [r.status for _, r in ranked] == sorted((r.status for _, r in ranked),
                                                   key=["connects", "adapter", "none"].index)
