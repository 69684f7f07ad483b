import pytest

from lichtermeer.solutions.services import refresh_facets

pytestmark = pytest.mark.django_db


@pytest.fixture
def indexed(public_solution):
    refresh_facets(public_solution)
    return public_solution


def test_it_lists_public_solutions_with_facets(client, indexed, draft_solution):
    response = client.get("/solutions/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Stadtklima-Sensorik" in html
    assert "Geheimer Entwurf" not in html
    assert 'name="domain" value="environment"' in html


def test_it_filters_by_facet_and_keeps_the_selection(client, indexed):
    response = client.get("/solutions/?domain=environment")
    html = response.content.decode()
    assert "Stadtklima-Sensorik" in html
    assert 'value="environment" checked' in html
    response = client.get("/solutions/?domain=mobility")
    assert "Stadtklima-Sensorik" not in response.content.decode()


def test_it_links_the_json_twin_with_the_same_query(client, indexed):
    html = client.get("/solutions/?q=klima&domain=environment&sort=name").content.decode()
    assert 'href="/api/v1/search?q=klima&amp;domain=environment&amp;sort=name"' in html


def test_it_answers_htmx_with_the_result_region_only(client, indexed):
    response = client.get("/solutions/?q=klima", HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    html = response.content.decode()
    assert html.lstrip().startswith('<div id="search-region"')
    assert 'hx-swap-oob="innerHTML"' in html
    assert "<html" not in html
    assert "HX-Request" in response["Vary"]


def test_it_survives_hostile_parameters(client, indexed):
    for query in ("page=abc", "page=-5", "page=999999999", "sort=drop", "q=" + "x" * 5000, "domain=%00"):
        assert client.get(f"/solutions/?{query}").status_code == 200
