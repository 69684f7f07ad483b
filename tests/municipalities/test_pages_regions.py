"""Regional pages: a Land with its Kreise, a Kreis with its municipalities, one grouping with its members; their
maps (highlight, points, table alternative), the links to them, 404 pages, and no query per row."""

import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from factories import SolutionFactory
from lichtermeer.municipalities.models import Grouping, InventoryEntry, Kreis, Municipality, UrbanDataPlatform
from municipal_support import municipality

pytestmark = pytest.mark.django_db
SVG = "{http://www.w3.org/2000/svg}"


def _svgs(page: str) -> list[ET.Element]:
    # Our own output; parsing it is the test.
    return [ET.fromstring(match) for match in re.findall(r"<svg .*?</svg>", page, flags=re.S)]  # noqa: S314


def _circle_labels(svg: ET.Element) -> set[str]:
    return {c.find(f"{SVG}title").text for c in svg.iter(f"{SVG}circle")}


def _highlighted(svg: ET.Element) -> set[str]:
    return {p.get("data-ags") for p in svg.iter(f"{SVG}path") if "highlight" in (p.get("class") or "").split()}


@pytest.fixture
def bavaria(town, other_town, solution):
    """München (Kreis 09162) with two entries (one removed) and a platform; Garching (Kreis 09184) with a
    platform only; Oberschleißheim (Kreis 09184) with nothing; Köln elsewhere with an entry."""
    garching = municipality("09184119", "Garching b.München, Stadt", population=18_000, postcode="85748",
                            lat=48.249, lon=11.651)
    quiet = municipality("09184147", "Oberschleißheim", population=12_000, postcode="85764", lat=48.25, lon=11.56)
    Kreis.objects.filter(ags="09184").update(name="München", type_code="44")
    InventoryEntry.objects.create(municipality=town, solution=solution, status="production",
                                  operating_model="provider-saas")
    InventoryEntry.objects.create(municipality=town, unlisted_name="Alt", status="retired",
                                  operating_model="own-operation", removed_at=timezone.now())
    UrbanDataPlatform.objects.create(municipality=town, name="Münchner Daten", hosting="own-operation", co_use="open")
    UrbanDataPlatform.objects.create(municipality=garching, name="Garchinger Daten", hosting="provider-saas",
                                     co_use="closed")
    InventoryEntry.objects.create(municipality=other_town, unlisted_name="Köln-App", status="pilot",
                                  operating_model="own-operation")
    return {"garching": garching, "quiet": quiet}


# --- Land ---------------------------------------------------------------------------------------------------


def test_the_land_page_lists_its_kreise_with_counts(client, bavaria):
    response = client.get("/municipalities/laender/09/")
    assert response.status_code == 200
    page = response.content.decode()
    assert "<h1" in page and "Land 09" in page
    assert 'href="/municipalities/kreise/09162/"' in page and 'href="/municipalities/kreise/09184/"' in page
    row = page[page.index('href="/municipalities/kreise/09184/"'):]
    row = row[:row.index("</tr>")]
    cells = re.findall(r'<td class="kern-table__cell">(.*?)</td>', row)
    assert cells == ["Landkreis", "2", "30.000", "0", "1"]
    assert "Köln" not in page
    assert 'href="/api/v1/laender/09"' in page


def test_the_land_map_highlights_the_land_and_shows_recording_municipalities(client, bavaria):
    page = client.get("/en/municipalities/laender/09/").content.decode()
    (svg,) = _svgs(page)
    assert svg.get("role") == "img"
    assert _highlighted(svg) == {"09"}
    labels = _circle_labels(svg)
    assert "München, Landeshauptstadt: 1 solution, 1 platform" in labels
    assert "Garching b.München, Stadt: 0 solutions, 1 platform" in labels
    assert len(labels) == 2  # neither Oberschleißheim (nothing recorded) nor Köln (other Land)
    assert svg.find(f".//{SVG}g[@class='mm-region-both']") is not None
    table = page[page.index('id="map-land-09-table"'):]
    assert 'href="/en/municipalities/09184119/"' in table and "09184147" not in table
    assert "2 municipalities in it have recorded solutions or described an urban data platform" in page


@pytest.mark.parametrize("code", ["9", "090", "ab", "0x"])
def test_a_malformed_land_key_is_a_404_that_says_what_a_key_looks_like(client, town, code):
    response = client.get(f"/en/municipalities/laender/{code}/")
    assert response.status_code == 404
    assert "exactly two digits" in response.content.decode()


def test_an_unknown_land_is_a_404(client, town):
    response = client.get("/en/municipalities/laender/99/")
    assert response.status_code == 404
    assert "No Land has the key 99" in response.content.decode()


def test_the_land_page_needs_no_query_per_kreis(client, bavaria, solution):
    with CaptureQueriesContext(connection) as few:
        assert client.get("/municipalities/laender/09/").status_code == 200
    for number in range(5):
        town = municipality(f"0918{number}000", f"Stadt {number}", population=1000)
        InventoryEntry.objects.create(municipality=town, solution=solution, status="pilot",
                                      operating_model="own-operation")
        UrbanDataPlatform.objects.create(municipality=town, name=f"P{number}", hosting="own-operation")
    with CaptureQueriesContext(connection) as many:
        assert client.get("/municipalities/laender/09/").status_code == 200
    assert len(many) == len(few)


# --- Kreis --------------------------------------------------------------------------------------------------


def test_the_kreis_page_lists_its_municipalities_with_counts(client, bavaria):
    response = client.get("/municipalities/kreise/09184/")
    assert response.status_code == 200
    page = response.content.decode()
    assert 'href="/municipalities/laender/09/"' in page
    row = page[page.index('href="/municipalities/09184119/"'):]
    row = row[:row.index("</tr>")]
    assert re.findall(r'<td class="kern-table__cell">(.*?)</td>', row) == ["Kreisfreie Stadt", "18.000", "0", "1"]
    assert 'href="/municipalities/09184147/"' in page
    assert 'href="/municipalities/09162000/"' not in page.split('id="h-municipalities"')[1].split("</table>")[0]
    assert 'href="/api/v1/kreise/09184"' in page


def test_the_kreis_page_counts_only_entries_not_removed(client, bavaria):
    page = client.get("/municipalities/kreise/09162/").content.decode()
    row = page[page.index('href="/municipalities/09162000/"'):]
    row = row[:row.index("</tr>")]
    assert re.findall(r'<td class="kern-table__cell">(.*?)</td>', row)[2:] == ["1", "1"]


def test_the_kreis_map_highlights_the_kreis(client, bavaria):
    page = client.get("/en/municipalities/kreise/09184/").content.decode()
    (svg,) = _svgs(page)
    assert _highlighted(svg) == {"09184"}
    assert _circle_labels(svg) == {"Garching b.München, Stadt: 0 solutions, 1 platform"}
    # The map's style sheet gives Kreis outlines a fill; highlighted ones must keep theirs.
    from django.contrib.staticfiles import finders

    css = Path(finders.find("municipalities/maps.css")).read_text(encoding="utf-8")
    assert ".kreise path.highlight" in css and "maps.css" in page


@pytest.mark.parametrize(("key", "status", "text"), [
    ("0918", 404, "exactly five digits"), ("091840", 404, "exactly five digits"), ("abcde", 404, "five digits"),
    ("09999", 404, "No district (Kreis) has the key 09999"),
])
def test_bad_kreis_keys_are_404_pages(client, town, key, status, text):
    response = client.get(f"/en/municipalities/kreise/{key}/")
    assert response.status_code == status
    assert text in response.content.decode()


def test_a_kreis_page_needs_no_query_per_municipality(client, bavaria, solution):
    with CaptureQueriesContext(connection) as few:
        client.get("/municipalities/kreise/09184/")
    for number in range(5):
        town = municipality(f"0918420{number}", f"Gemeinde {number}", population=500)
        InventoryEntry.objects.create(municipality=town, solution=solution, status="pilot",
                                      operating_model="own-operation")
    with CaptureQueriesContext(connection) as many:
        client.get("/municipalities/kreise/09184/")
    assert len(many) == len(few)


# --- groupings ----------------------------------------------------------------------------------------------


@pytest.fixture
def project(town, bavaria):
    grouping = Grouping.objects.create(slug="mpsc-2020-isar", kind="model-project", name="Isar <digital>", round=2020,
                                       certain=False, operator=town, source_note="Pressemitteilung 2020",
                                       description="Gemeinsam an der Isar.")
    grouping.members.set([town, bavaria["garching"]])
    return grouping


def test_the_grouping_page_shows_kind_lead_round_members_and_the_unverified_note(client, project):
    response = client.get("/en/municipalities/groups/mpsc-2020-isar/")
    assert response.status_code == 200
    page = response.content.decode()
    assert "<h1 class=\"kern-heading-x-large\">Isar &lt;digital&gt;</h1>" in page
    assert "Modellprojekt Smart Cities" in page and "Round 2020" in page
    assert "unverified" in page and "Pressemitteilung 2020" in page
    assert "Gemeinsam an der Isar." in page
    members = page.split('id="h-members"')[1].split("</table>")[0]
    assert 'href="/en/municipalities/09162000/"' in members and 'href="/en/municipalities/09184119/"' in members
    assert 'href="/en/municipalities/kreise/09184/"' in members and 'href="/en/municipalities/laender/09/"' in members
    assert "Operator / lead" in members
    (svg,) = _svgs(page)
    assert _circle_labels(svg) == {"München, Landeshauptstadt: Operator / lead", "Garching b.München, Stadt: Member"}
    assert 'href="/en/municipalities/model-projects/"' in page and 'href="/api/v1/groups/mpsc-2020-isar"' in page
    assert "Isar <digital>" not in page.split("<svg")[0]  # escaped in the page (the SVG escapes on its own)


def test_a_shared_service_names_its_operator_and_links_its_solution(client, town, other_town):
    solution = SolutionFactory(listing_status="admitted", name="Bürgerportal", slug="buergerportal")
    service = Grouping.objects.create(slug="portal-verbund", kind="shared-service", name="Portalverbund",
                                      operator_name="Zweckverband Digital", solution=solution)
    service.members.set([other_town])
    page = client.get("/municipalities/groups/portal-verbund/").content.decode()
    assert "Zweckverband Digital" in page and 'href="/solutions/buergerportal/"' in page
    assert "unverified" not in page and "nicht bestätigt" not in page


def test_an_unknown_grouping_is_a_404(client, town):
    response = client.get("/en/municipalities/groups/gibt-es-nicht/")
    assert response.status_code == 404
    assert "No shared service, model project or regional grouping" in response.content.decode()


# --- links to the new pages -----------------------------------------------------------------------------------


def test_the_municipality_page_links_its_kreis_land_and_groupings(client, project):
    page = client.get("/municipalities/09162000/").content.decode()
    facts = page.split('id="h-facts"')[1]
    assert 'href="/municipalities/kreise/09162/"' in facts and 'href="/municipalities/laender/09/"' in facts
    groupings = page.split('id="h-groupings"')[1].split("</section>")[0]
    assert 'href="/municipalities/groups/mpsc-2020-isar/"' in groupings


def test_the_search_results_link_kreis_and_land(client, town):
    page = client.get("/municipalities/", {"q": "München"}).content.decode()
    results = page.split('id="h-results"')[1]
    assert 'href="/municipalities/kreise/09162/"' in results and 'href="/municipalities/laender/09/"' in results


def test_the_index_lets_one_browse_by_land(client, town, other_town):
    page = client.get("/en/municipalities/").content.decode()
    section = page.split('id="h-laender"')[1].split("</section>")[0]
    assert "Browse by Land" in page
    assert 'href="/en/municipalities/laender/05/"' in section and 'href="/en/municipalities/laender/09/"' in section


def test_the_model_projects_link_their_pages(client, project):
    page = client.get("/municipalities/model-projects/").content.decode()
    assert 'href="/municipalities/groups/mpsc-2020-isar/"' in page


@pytest.mark.parametrize("path", ["/municipalities/laender/09/", "/municipalities/kreise/09184/",
                                  "/municipalities/groups/mpsc-2020-isar/"])
def test_the_regional_pages_render_in_german_and_english(client, project, path):
    german = client.get(path)
    assert german.status_code == 200 and '<html lang="de">' in german.content.decode()
    english = client.get(f"/en{path}")
    assert english.status_code == 200 and '<html lang="en">' in english.content.decode()


def test_a_municipality_without_kreis_is_still_shown(client, town):
    Municipality.objects.filter(pk=town.pk).update(kreis=None)
    assert client.get("/municipalities/09162000/").status_code == 200
    page = client.get("/municipalities/laender/09/").content.decode()
    assert "1 area belongs to no district" in client.get("/en/municipalities/laender/09/").content.decode()
    assert page
