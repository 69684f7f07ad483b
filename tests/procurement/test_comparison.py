"""The comparison: rows from the assessment report, standards, operating models, price model, exit score, reuse;
the 6-limit; works without JavaScript (a GET form)."""

import pytest
from django.urls import reverse
from django.utils import translation

from lichtermeer.municipalities import services as municipal
from lichtermeer.procurement import comparison

from .support import shortlist_of, solution


def _rows(table) -> dict:
    return {row.key: [cell.text for cell in row.cells] for section in table.sections for row in section.rows}


def test_it_compares_verdicts_standards_and_facts(world):
    municipal.add_inventory_entry(actor=world.staff, municipality=world.town, solution=world.parking,
                                  status="production", operating_model="provider-saas")
    with translation.override("en"):
        table = comparison.compare([world.parking, world.climate])
    rows = _rows(table)
    assert rows["provider"] == ["Radar GmbH", "Klima AG"]
    assert rows["catalogue_version"] == ["1.0.0", "not assessed"]
    assert rows["requirement:LM-BF-01"] == ["met", "not assessed"]
    assert len([k for k in rows if k.startswith("requirement:")]) == 40
    assert rows["standards_provided"][0].startswith("NGSI-LD 1.6")
    assert "MQTT 3.1.1" in rows["standards_consumed"][0]
    assert rows["price_model"][0] == "Subscription – from 500 € a month"
    assert rows["reuse"][0].startswith("1 ") and rows["reuse"][1].startswith("0 ")
    assert "/100" in rows["exit_score"][0]
    assert rows["admission"][0] != rows["admission"][1]


def test_the_page_is_an_accessible_table(world, signed_in):
    shortlist = shortlist_of(world.staff, [world.parking, world.climate, world.portal])
    response = signed_in(world.staff).get(reverse("procurement:compare", args=[shortlist.pk]),
                                          {"s": [world.parking.slug, world.portal.slug]})
    html = response.content.decode()
    assert response.status_code == 200
    assert "<caption" in html and 'scope="col"' in html and 'scope="row"' in html
    assert "Parkraum-Radar" in html and "Bürgerportal Beispiel" in html and "Stadtklima-Sensorik</a></th>" not in html


def test_it_refuses_more_than_six_with_a_clear_message(world, signed_in):
    extra = [solution(f"Lösung {n}", f"loesung-{n}", provider=f"Firma {n}") for n in range(5)]
    shortlist = shortlist_of(world.staff, [world.parking, world.climate, *extra])
    client = signed_in(world.staff)
    slugs = [world.parking.slug, world.climate.slug, *[s.slug for s in extra]]
    response = client.get("/en" + reverse("procurement:compare", args=[shortlist.pk]), {"s": slugs})
    assert response.status_code == 422
    assert "You chose 7 solutions; at most 6 can be compared side by side." in response.content.decode()
    # Without a choice and more than six on the list: choose first.
    assert client.get(reverse("procurement:compare", args=[shortlist.pk])).status_code == 422
    assert client.get(reverse("procurement:compare", args=[shortlist.pk]), {"s": slugs[:6]}).status_code == 200


def test_foreign_slugs_are_ignored(world, signed_in):
    shortlist = shortlist_of(world.staff, [world.parking])
    client = signed_in(world.staff)
    response = client.get(reverse("procurement:compare", args=[shortlist.pk]), {"s": [world.climate.slug]})
    assert response.status_code == 422
    response = client.get(reverse("procurement:compare", args=[shortlist.pk]),
                          {"s": [world.climate.slug, world.parking.slug, "<script>"]})
    assert response.status_code == 200 and "Stadtklima" not in response.content.decode()


@pytest.mark.parametrize("language", ["de", "en"])
def test_rows_follow_the_language(world, signed_in, language):
    shortlist = shortlist_of(world.staff, [world.parking])
    prefix = "/en" if language == "en" else ""
    html = signed_in(world.staff).get(prefix + reverse("procurement:compare", args=[shortlist.pk])).content.decode()
    assert f'<html lang="{language}">' in html and "LM-BF-01" in html
    if language == "en":
        assert "Exit score (lock-in)" in html
