"""compare(a, b, register): connections in both directions, version rules, adapters, missing, unknown ids."""

from lichtermeer.engines.interop import Declaration, Side, compare, compare_many, load_register

from .conftest import side


def test_a_server_connects_to_a_client_in_both_directions(register):
    broker = side("Broker", provides=["ngsi-ld:server:1.6.1"])
    dashboard = side("Dashboard", consumes=["ngsi-ld:client:1.6.1"])
    forward, backward = compare(broker, dashboard, register), compare(dashboard, broker, register)
    assert forward.status == backward.status == "connects"
    (one,) = forward.connections
    assert (one.standard, one.provider, one.consumer, one.provider_role, one.consumer_role) == (
        "ngsi-ld", "a", "b", "server", "client")
    assert one.versions_compatible is True and one.note_en == "Same version (1.6.1)"
    assert backward.connections[0].provider == "b"


def test_a_publisher_connects_to_a_subscriber_but_two_clients_do_not(register):
    feed = side("Feed", provides=["mqtt:publisher:5.0"])
    listener = side("Listener", consumes=["mqtt:subscriber:5.0"])
    assert compare(feed, listener, register).status == "connects"
    two_clients = compare(side("A", consumes=["mqtt:client:5.0"]), side("B", consumes=["mqtt:client:5.0"]), register)
    assert two_clients.status == "none" and two_clients.connections == []


def test_roles_connect_only_in_the_pairs_the_register_lists(register):
    # OpenID Connect: provider/client and server/client; a "consumer" role is not one of them.
    idp = side("IdP", provides=["oidc:provider:1.0"])
    assert compare(idp, side("App", consumes=["oidc:client:1.0"]), register).connects
    odd = compare(idp, side("App", consumes=["oidc:consumer:1.0"]), register)
    assert odd.status == "none"
    assert odd.missing[0].note_en == "Offered, but in a role that does not connect (provider)"


def test_semver_major_versions_connect_within_a_major_version_only(register):
    server = side("Server", provides=["ngsi-ld:server:1.8.1"])
    older = compare(server, side("Client", consumes=["ngsi-ld:client:1.3.1"]), register)
    assert older.connections[0].versions_compatible is True
    assert older.connections[0].note_en == "Versions 1.8.1 and 1.3.1 are compatible (same major version)"
    wfs = compare(side("S", provides=["wfs:server:1.1.0"]), side("C", consumes=["wfs:client:2.0.0"]), register)
    assert wfs.status == "none"
    (listed,) = wfs.connections
    assert listed.versions_compatible is False and not listed.connects
    assert listed.note_de == "Versionen 1.1.0 und 2.0.0 sind nicht kompatibel (gleiche Hauptversion)"
    assert wfs.missing[0].note_en == "Offered only in an incompatible version"


def test_version_groups_decide_for_groups_standards(register):
    council = side("Council", provides=["oparl:server:1.0"])
    assert compare(council, side("Portal", consumes=["oparl:client:1.1"]), register).connections[0].versions_compatible
    api = side("API", provides=["openapi:provider:3.1.0"])
    assert compare(api, side("Tool", consumes=["openapi:consumer:3.0.3"]), register).status == "none"
    assert compare(api, side("Tool", consumes=["openapi:consumer:3.1.0"]), register).connects


def test_an_unknown_or_unlisted_version_is_assumed_compatible_with_a_note(register):
    server = side("Server", provides=["wms:server:"])
    result = compare(server, side("Client", consumes=["wms:client:1.3.0"]), register)
    assert result.status == "connects"
    assert result.connections[0].versions_compatible is None
    assert "assumed compatible, please verify" in result.connections[0].note_en
    assert "bitte prüfen" in result.connections[0].note_de
    unlisted = compare(side("S", provides=["oparl:server:2.0"]), side("C", consumes=["oparl:client:1.0"]), register)
    assert unlisted.connections[0].versions_compatible is None and unlisted.connects
    words = compare(side("S", provides=["ngsi-ld:server:latest"]), side("C", consumes=["ngsi-ld:client:1.6.1"]),
                    register)
    assert words.connections[0].versions_compatible is None


def test_the_best_offer_per_need_is_listed(register):
    both = side("GIS", provides=["wfs:server:1.1.0", "wfs:server:2.0.2"])
    result = compare(both, side("Viewer", consumes=["wfs:client:2.0.0"]), register)
    assert [(c.provider_version, c.versions_compatible) for c in result.connections] == [("2.0.2", True)]


def test_an_adapter_path_is_suggested_when_nothing_connects_directly(register):
    gateway = side("Gateway", provides=["mqtt:server:3.1.1"])
    broker = side("Broker", consumes=["ngsi-ld:client:1.6.1"])
    result = compare(gateway, broker, register)
    assert result.status == "adapter" and result.connections == []
    (need,) = result.adapters
    assert (need.consumer, need.provider, need.standard, need.provided_standard) == ("b", "a", "ngsi-ld", "mqtt")
    assert "IoT Agent" in need.via_en and "IoT Agent" in need.via_de
    assert result.missing == []


def test_both_way_adapters_work_backwards(register):
    sso = compare(side("IdP", provides=["oidc:provider:1.0"]), side("Old app", consumes=["saml:client:2.0"]),
                  register)
    assert sso.status == "adapter" and "Keycloak" in sso.adapters[0].via_en and sso.adapters[0].both_ways


def test_no_adapter_is_offered_for_a_need_that_already_connects(register):
    broker = side("Broker", provides=["ngsi-ld:server:1.6.1", "ngsi-v2:server:2"])
    result = compare(broker, side("Client", consumes=["ngsi-ld:client:1.6.1"]), register)
    assert result.adapters == [] and len(result.connections) == 1


def test_nothing_in_common_gives_none_and_only_related_gaps(register):
    maps = side("Map server", provides=["wms:server:1.3.0"], consumes=["oidc:client:1.0"])
    chat = side("Chat", provides=["matrix:server:1.8"], consumes=["wfs:client:2.0.0", "ldap:client:3"])
    result = compare(maps, chat, register)
    assert result.status == "none"
    # The chat's WFS need is related to a map server (geodata); its LDAP need and the map server's OIDC need are not.
    assert [(m.side, m.standard) for m in result.missing] == [("b", "wfs")]
    everything = compare(maps, chat, register, missing="all")
    assert [(m.side, m.standard) for m in everything.missing] == [("a", "oidc"), ("b", "ldap"), ("b", "wfs")]


def test_unknown_standard_ids_are_reported_not_fatal(register):
    a = side("A", provides=["ngsi-ld:server:1.6.1", "made-up:server:1"])
    b = side("B", consumes=["ngsi-ld:client:1.6.1", "other-thing:client:"])
    result = compare(a, b, register)
    assert result.status == "connects"
    assert [(u.side, u.standard, u.direction) for u in result.unknown] == [
        ("a", "made-up", "provides"), ("b", "other-thing", "consumes")]


def test_empty_roles_match_any_pair(register):
    result = compare(side("A", provides=["csv::RFC 4180"]), side("B", consumes=["csv::"]), register)
    assert result.connects and result.connections[0].versions_compatible is None


def test_sides_come_from_json_or_platform_yml_shapes(register):
    platform = Side.from_dict({"standards_provided": [{"standard": "lorawan", "role": "server", "version": "1.0.4"}],
                               "standards_consumed": []}, name="TTS")
    plain = Side.from_dict({"name": "Sensor app", "consumes": [{"standard": "lorawan", "role": "client",
                                                               "version": 1.0}]})
    assert platform.name == "TTS" and plain.consumes == [Declaration("lorawan", "client", "1.0")]
    assert compare(platform, plain, register).connects


def test_bad_side_input_names_the_position():
    import pytest

    from lichtermeer.engines.interop import SideInvalid

    with pytest.raises(SideInvalid) as caught:
        Side.from_dict({"provides": [{"standard": "mqtt"}, {"role": "server"}]})
    assert caught.value.path == "provides[1].standard" and "fehlt" in caught.value.de
    with pytest.raises(SideInvalid):
        Side.from_dict({"consumes": "mqtt"})
    with pytest.raises(SideInvalid):
        Side.from_dict({"consumes": [{"standard": "x"}] * 501})


def test_output_is_deterministic(register):
    a = side("A", provides=["wms:server:1.3.0", "wfs:server:2.0.0", "csw:server:2.0.2"], consumes=["oidc:client:1.0"])
    b = side("B", provides=["oidc:provider:1.0"], consumes=["csw:client:2.0.2", "wms:client:1.3.0", "wfs:client:"])
    c = Side(b.name, list(reversed(b.provides)), list(reversed(b.consumes)), b.ref)
    first, second = compare(a, b, register), compare(a, c, register)
    assert first == second
    assert [x.standard for x in first.connections] == ["csw", "oidc", "wfs", "wms"]
    assert first.to_dict()["connections"][0]["consumer"] == "b"


def test_compare_many_puts_connecting_sides_first(register):
    viewer = side("Viewer", consumes=["wms:client:1.3.0", "wfs:client:2.0.0", "ogc-api-features:client:1.0"])
    others = [side("Chat", provides=["matrix:server:1"]),
              side("Old WFS", provides=["wfs:server:1.1.0"]),
              side("Proxy", provides=["wfs:server:1.1.0", "geojson:provider:RFC 7946"]),
              side("GIS", provides=["wms:server:1.3.0", "wfs:server:2.0.0"]),
              side("Maps", provides=["wms:server:1.3.0"]),
              side("Legacy", provides=["wfs:server:2.0.0"])]
    ranked = compare_many(viewer, others, register)
    assert [(o.name, r.status) for o, r in ranked] == [
        ("GIS", "connects"), ("Legacy", "connects"), ("Maps", "connects"), ("Old WFS", "adapter"),
        ("Proxy", "adapter"), ("Chat", "none")]  # a WFS 1.1 reaches OGC API – Features through a proxy
    assert compare_many(viewer, list(reversed(others)), register) == ranked


def test_merged_sides_stand_for_an_inventory(register):
    inventory = Side.merged("Inventory", [side("GIS", provides=["wms:server:1.3.0"]),
                                          side("IdP", provides=["oidc:provider:1.0"]),
                                          side("GIS again", provides=["wms:server:1.3.0"])])
    assert len(inventory.provides) == 2
    app = side("App", consumes=["oidc:client:1.0", "wms:client:1.3.0"])
    assert len(compare(app, inventory, register).connecting) == 2


def test_a_register_without_adapters_still_compares():
    register = load_register({"format": "lichtermeer-standards/1", "standards": [
        {"id": "x", "name": "X", "uri": "https://example.org/x", "category": "iot", "kind": "protocol",
         "versions": [], "compatibility": "exact", "roles": [["server", "client"]],
         "description": {"de": "X", "en": "X"}}]})
    assert compare(side("A", provides=["x:server:1"]), side("B", consumes=["x:client:2"]), register).status == "none"
