"""Maps: valid inline SVG with role, title and description, and the same data as a table."""

import re
import xml.etree.ElementTree as ET

import pytest
from django.utils import translation

from factories import SolutionFactory
from lichtermeer.municipalities import maps
from lichtermeer.municipalities.models import InventoryEntry, Municipality, UrbanDataPlatform
from municipal_support import municipality

pytestmark = pytest.mark.django_db
SVG = "{http://www.w3.org/2000/svg}"


def _svgs(page: str) -> list[ET.Element]:
    # Our own output; parsing it is the test.
    return [ET.fromstring(match) for match in re.findall(r"<svg .*?</svg>", page, flags=re.S)]  # noqa: S314


def _circles(svg: ET.Element) -> list[ET.Element]:
    return list(svg.iter(f"{SVG}circle"))


def _check_accessible(svg: ET.Element) -> tuple[str, str]:
    assert svg.get("role") == "img"
    title, desc = svg.find(f"{SVG}title"), svg.find(f"{SVG}desc")
    assert svg.get("aria-labelledby") == f"{title.get('id')} {desc.get('id')}"
    return title.text, desc.text


@pytest.fixture
def world(town, other_town, solution):
    gera = municipality("16052000", "Gera, Stadt", lat=None, lon=None)
    UrbanDataPlatform.objects.create(municipality=town, name="Münchner Daten", hosting="own-operation", co_use="open")
    UrbanDataPlatform.objects.create(municipality=town, name="Zweite", hosting="own-operation", co_use="closed")
    UrbanDataPlatform.objects.create(municipality=other_town, name="<Kölner & Daten>", hosting="provider-saas",
                                     co_use="closed")
    UrbanDataPlatform.objects.create(municipality=gera, name="Gera Daten", hosting="provider-saas", co_use="open")
    for place, status in ((town, "production"), (town, "pilot"), (other_town, "planned"), (gera, "production")):
        InventoryEntry.objects.create(municipality=place, solution=solution, status=status,
                                      operating_model="provider-saas")
    return {"gera": gera}


def test_the_maps_page_has_two_accessible_maps_with_tables(client, world):
    response = client.get("/en/municipalities/maps/")
    assert response.status_code == 200
    page = response.content.decode()
    assert "municipalities/maps.css" in page
    platforms, coverage = _svgs(page)
    title, desc = _check_accessible(platforms)
    assert title == "Urban data platforms in Germany"
    assert "4 urban data platforms in 3 municipalities" in desc
    assert "2 open for co-use, 0 co-use on request, 1 not open" in desc
    assert "1 municipality without coordinates is not shown" in desc
    assert len(_circles(platforms)) == 2
    labels = {c.find(f"{SVG}title").text for c in _circles(platforms)}
    assert "Köln, Stadt: <Kölner & Daten> (Not open for co-use)" in labels
    assert platforms.find(f".//{SVG}g[@class='mm-udp-open']") is not None
    title, desc = _check_accessible(coverage)
    assert "4 solutions in 3 municipalities" in desc
    # The tables: caption, column and row headers, every municipality (also the one off the map).
    assert page.count("<caption>") == 2
    assert 'scope="col"' in page and 'scope="row"' in page
    assert "not on the map: no coordinates" in page and "Gera, Stadt" in page


def test_the_map_is_an_image_and_the_table_holds_the_links(client, world):
    page = client.get("/municipalities/maps/").content.decode()
    platforms = _svgs(page)[0]
    assert not list(platforms.iter(f"{SVG}a"))  # role="img" must not contain interactive elements
    table = page[page.index('id="map-platforms-table"'):]
    assert 'href="/municipalities/09162000/"' in table and 'href="/municipalities/05315000/"' in table


def test_district_borders_on_request(client, world):
    page = client.get("/municipalities/maps/?kreise=1").content.decode()
    svg = _svgs(page)[0]
    assert svg.find(f"{SVG}g[@class='kreise']") is not None
    assert _svgs(client.get("/municipalities/maps/").content.decode())[0].find(f"{SVG}g[@class='kreise']") is None


def test_empty_maps_render(client, db):
    page = client.get("/en/municipalities/maps/").content.decode()
    platforms, coverage = _svgs(page)
    assert not _circles(platforms) and "0 municipalities" in _check_accessible(platforms)[1]
    assert "No data yet." in page


def test_hostile_names_stay_escaped_in_the_svg(client, town):
    Municipality.objects.filter(pk=town.pk).update(name='</title><script>alert(1)</script>"')
    UrbanDataPlatform.objects.create(municipality=town, name="]]><x>", hosting="own-operation")
    page = client.get("/municipalities/maps/").content.decode()
    assert "<script>alert(1)</script>" not in page and "]]><x>" not in page
    svg = _svgs(page)[0]
    assert _circles(svg)[0].find(f"{SVG}title").text.startswith('</title><script>')


def test_the_usage_map_classes_municipalities_by_their_best_status(world, solution):
    with translation.override("en"):
        usage = maps.usage_map(solution)
    svg = ET.fromstring(str(usage.svg))  # noqa: S314 - our own output
    title, desc = _check_accessible(svg)
    assert title == "Municipalities using Parkraum Plus"
    classes = {g.get("class") for g in svg.iter(f"{SVG}g") if (g.get("class") or "").startswith("mm-use-")}
    assert classes == {"mm-use-production", "mm-use-planned"}
    assert [row.municipality.name for row in usage.rows] == ["Gera, Stadt", "Köln, Stadt", "München, Landeshauptstadt"]
    assert usage.without_coordinates == 1


def test_the_solution_page_shows_the_reuse_register_with_map_and_table(client, world, solution):
    page = client.get("/en/solutions/parkraum-plus/").content.decode()
    assert "Reuse register" in page and "3 municipalities record this solution" in page
    (svg,) = _svgs(page)
    _check_accessible(svg)
    assert len(_circles(svg)) == 2
    assert "Show the map as a table (3 rows)" in page
    assert 'href="/en/municipalities/16052000/"' in page


def test_a_solution_nobody_uses_says_so(client, db):
    SolutionFactory(listing_status="admitted", slug="einsam")
    page = client.get("/en/solutions/einsam/").content.decode()
    assert "No municipality has recorded this solution yet." in page and "<svg" not in page
