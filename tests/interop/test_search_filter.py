"""The search filter "compatible with our inventory" (`kompatibel=<AGS>`) combines with the other filters, the
paging and the admitted-by-default status; signed-in municipal staff get it as a checkbox."""

import pytest

from lichtermeer.municipalities import services as municipal

from .support import declared, make_solution

pytestmark = pytest.mark.django_db


@pytest.fixture
def inventory(town, staff, context_broker):
    municipal.add_inventory_entry(actor=staff, municipality=town, solution=context_broker, status="production",
                                  operating_model="own-operation")
    return town


def _slugs(response) -> list[str]:
    return [s.slug for s in response.context["result"].items]


def test_it_keeps_only_solutions_that_connect_with_the_inventory(inventory, client, broker, dashboard, seeded):
    make_solution("Fremd", provides=[declared("oparl", "server", "1.1")])
    response = client.get("/solutions/", {"kompatibel": inventory.ags})
    assert sorted(_slugs(response)) == ["broker-eins", "dashboard-drei"]
    html = response.content.decode()
    assert "Kompatibel mit der Bestandsaufnahme" in html or "Compatible with the inventory" in html
    cards = {s.slug: s.connects_with for s in response.context["result"].items}
    assert cards == {"broker-eins": ["Kontext Zwei"], "dashboard-drei": ["Kontext Zwei"]}


def test_it_combines_with_the_status_default_and_other_filters(inventory, client, broker, dashboard):
    make_solution("Broker Zwei", provides=[declared("mqtt", "server", "3.1.1")], status="submitted")
    assert sorted(_slugs(client.get("/solutions/", {"kompatibel": inventory.ags}))) == ["broker-eins",
                                                                                        "dashboard-drei"]
    everything = client.get("/solutions/", {"kompatibel": inventory.ags, "listing_status": "all"})
    assert sorted(_slugs(everything)) == ["broker-eins", "broker-zwei", "dashboard-drei"]
    by_standard = client.get("/solutions/", {"kompatibel": inventory.ags, "standard": "wfs"})
    assert _slugs(by_standard) == ["dashboard-drei"]
    by_text = client.get("/solutions/", {"kompatibel": inventory.ags, "q": "Broker"})
    assert _slugs(by_text) == ["broker-eins"]


def test_it_pages_within_the_filter(inventory, client, seeded):
    for number in range(25):
        make_solution(f"Sensor {number:02d}", provides=[declared("mqtt", "server", "5.0")])
    first = client.get("/solutions/", {"kompatibel": inventory.ags, "sort": "name"})
    assert first.context["result"].total == 25 and len(_slugs(first)) == 20
    second = client.get("/solutions/", {"kompatibel": inventory.ags, "sort": "name", "page": 2})
    assert len(_slugs(second)) == 5 and not set(_slugs(first)) & set(_slugs(second))
    assert "kompatibel=" in second.content.decode()


def test_staff_get_a_checkbox_with_their_municipality(inventory, client, staff):
    client.force_login(staff)
    html = client.get("/solutions/").content.decode()
    assert f'name="kompatibel" value="{inventory.ags}"' in html
    checked = client.get("/solutions/", {"kompatibel": inventory.ags}).content.decode()
    assert f'value="{inventory.ags}" checked' in checked


def test_an_unusable_key_is_said_and_not_applied(inventory, client, broker, dashboard, context_broker):
    for key in ("abc", "99999999", "1" * 5000):
        response = client.get("/solutions/", {"kompatibel": key})
        assert response.status_code == 200
        assert response.context["compatible"]["invalid"]
        assert response.context["result"].total == 3


def test_removing_the_filter_chip_drops_only_the_filter(inventory, client):
    response = client.get("/solutions/", {"kompatibel": inventory.ags, "q": "Broker"})
    chip = next(a for a in response.context["active_filters"] if a["facet"] == "kompatibel")
    assert "kompatibel" not in chip["query"] and "q=Broker" in chip["query"]
