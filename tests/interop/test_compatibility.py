"""Compatibility from declared facts: two solutions, a solution against a municipality's inventory and platforms,
and the set behind the search filter."""

import pytest

from factories import UserFactory
from lichtermeer.interop import selectors
from lichtermeer.municipalities import services as municipal
from lichtermeer.municipalities.models import InventoryEntry

from .support import declared, make_solution

pytestmark = pytest.mark.django_db


def test_it_connects_a_broker_with_its_client_across_compatible_versions(broker, context_broker):
    result = selectors.compatibility(broker, context_broker)
    assert result.status == "connects"
    [connection] = result.connecting
    assert (connection.standard, connection.provider, connection.provider_version,
            connection.consumer_version) == ("mqtt", "a", "5.0", "3.1.1")
    assert connection.versions_compatible is True


def test_it_names_the_adapter_when_nothing_connects_directly(context_broker):
    gateway = make_solution("Funknetz Vier", provides=[declared("lorawan", "server", "1.0.4")])
    result = selectors.compatibility(context_broker, gateway)
    assert result.status == "adapter"
    [need] = result.adapters
    assert (need.standard, need.provided_standard, need.consumer) == ("mqtt", "lorawan", "a")
    assert need.via_de


def test_it_flags_incompatible_versions_and_lists_the_need_as_missing(context_broker):
    old = make_solution("Altes Dashboard", consumes=[declared("ngsi-ld", "client", "2.0")])
    result = selectors.compatibility(context_broker, old)
    assert result.status == "none"
    assert [c.versions_compatible for c in result.connections] == [False]
    assert [(m.side, m.standard) for m in result.missing] == [("b", "ngsi-ld")]


def test_works_with_lists_connecting_first_and_leaves_out_drafts(broker, context_broker, dashboard):
    make_solution("Entwurf Fünf", consumes=[declared("mqtt", "client", "5.0")], status="draft")
    gateway = make_solution("Funknetz Vier", provides=[declared("lorawan", "server", "1.0.4")])
    partners = selectors.works_with(context_broker)
    assert [(s.slug, r.status) for s, r in partners] == [
        ("broker-eins", "connects"), ("dashboard-drei", "connects"), (gateway.slug, "adapter")]
    assert selectors.works_with(context_broker, limit=1)[0][0] == broker


def test_a_solution_without_declarations_works_with_nothing(seeded):
    assert selectors.works_with(make_solution("Ohne Angaben")) == []


def test_it_compares_with_each_inventory_entry_and_platform(town, staff, broker, context_broker, dashboard):
    municipal.add_inventory_entry(actor=staff, municipality=town, solution=broker, status="production",
                                  operating_model="own-operation")
    municipal.add_inventory_entry(actor=staff, municipality=town, solution=context_broker, status="pilot",
                                  operating_model="own-operation")
    municipal.add_inventory_entry(actor=staff, municipality=town, unlisted_name="Eigenbau-App", status="planned",
                                  operating_model="own-operation")
    retired = municipal.add_inventory_entry(actor=staff, municipality=town, solution=dashboard, status="retired",
                                            operating_model="own-operation")
    municipal.save_platform(actor=staff, municipality=town, name="Plattform Süd", hosting="own-operation",
                            standards=["wfs"], co_use="open")
    matches = selectors.compatibility_with_municipality(dashboard, town)
    statuses = {m.name: m.status for m in matches}
    assert statuses == {"Kontext Zwei": "connects", "Plattform Süd": "connects", "Broker Eins": "adapter",
                        "Eigenbau-App": "unknown"}
    platform = next(m for m in matches if m.kind == "platform")
    assert [c.versions_compatible for c in platform.compatibility.connecting] == [None]
    assert retired.pk not in {m.entry.pk for m in matches if m.entry}
    assert {m.status for m in selectors.compatibility_with_municipality(broker, town)} >= {"same"}


def test_the_filter_set_leaves_out_the_inventory_and_removed_entries(town, staff, broker, context_broker, dashboard):
    entry = municipal.add_inventory_entry(actor=staff, municipality=town, solution=context_broker,
                                          status="production", operating_model="own-operation")
    assert selectors.compatible_solution_ids(town) == {broker.pk, dashboard.pk}
    municipal.remove_inventory_entry(actor=staff, entry=entry)
    assert selectors.compatible_solution_ids(town) == set()


def test_a_platform_alone_makes_solutions_compatible(town, staff, broker, context_broker, dashboard):
    municipal.save_platform(actor=staff, municipality=town, name="Plattform Nord", hosting="own-operation",
                            standards=["mqtt"], co_use="open")
    assert selectors.compatible_solution_ids(town) == {broker.pk, context_broker.pk}


def test_staff_municipalities_are_only_the_verified_ones(town, staff):
    assert selectors.staff_municipalities(staff) == [town]
    assert selectors.staff_municipalities(UserFactory()) == []


def test_the_register_cache_sees_changes(seeded, operator):
    from lichtermeer.interop import services
    from lichtermeer.interop.models import Standard

    assert not selectors.register().get("mqtt").retired
    services.retire_standard(actor=operator, standard=Standard.objects.get(pk="mqtt"))
    assert selectors.register().get("mqtt").retired
    assert InventoryEntry.objects.count() == 0
