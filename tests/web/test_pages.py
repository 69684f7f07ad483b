import pytest

pytestmark = pytest.mark.django_db


def test_it_renders_the_start_page_in_german(client, public_solution):
    response = client.get("/")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="de">' in html
    assert "Stadtklima-Sensorik" in html
    assert 'href="#main"' in html


def test_it_renders_the_start_page_in_english(client):
    response = client.get("/en/")
    assert response.status_code == 200
    assert '<html lang="en">' in response.content.decode()


def test_it_hides_drafts_on_the_start_page(client, draft_solution):
    assert "Geheimer Entwurf" not in client.get("/").content.decode()


def test_it_shows_a_public_solution(client, public_solution):
    response = client.get(f"/solutions/{public_solution.slug}/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "NGSI-LD" in html
    assert "Musterstadt Digital GmbH" in html


def test_it_answers_404_for_a_draft_to_strangers(client, draft_solution, stranger):
    assert client.get(f"/solutions/{draft_solution.slug}/").status_code == 404
    client.force_login(stranger)
    assert client.get(f"/solutions/{draft_solution.slug}/").status_code == 404
    assert client.get(f"/solutions/{draft_solution.slug}/publiccode.yml").status_code == 404


def test_it_shows_a_draft_to_its_editor(client, draft_solution, editor):
    client.force_login(editor)
    response = client.get(f"/solutions/{draft_solution.slug}/")
    assert response.status_code == 200
    assert "Geheimer Entwurf" in response.content.decode()


def test_it_exports_publiccode_yml(client, public_solution):
    response = client.get(f"/solutions/{public_solution.slug}/publiccode.yml")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/yaml; charset=utf-8"
    assert "Stadtklima-Sensorik" in response.content.decode()


def test_it_shows_an_organisation_with_its_public_solutions(client, public_solution, draft_solution):
    response = client.get(f"/organisations/{public_solution.organisation.slug}/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Stadtklima-Sensorik" in html
    assert "Geheimer Entwurf" not in html


def test_it_answers_404_for_unknown_pages_with_the_styled_page(client):
    for url in ("/solutions/gibt-es-nicht/", "/organisations/gibt-es-nicht/", "/nirgends/"):
        response = client.get(url)
        assert response.status_code == 404
        assert "Seite nicht gefunden" in response.content.decode()


def test_it_renders_about_and_accessibility_pages(client):
    assert client.get("/about/").status_code == 200
    response = client.get("/accessibility/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Erklärung zur Barrierefreiheit" in html
    assert "teilweise vereinbar" in html
    assert "https://www.schlichtungsstelle-bgg.de" in html


def test_it_links_css_and_scripts_only_locally(client):
    html = client.get("/").content.decode()
    assert "/static/vendor/kern-ux-2.7.2/kern.min.css" in html
    assert "/static/vendor/htmx-2.0.11/htmx.min.js" in html
    assert "cdn" not in html.lower()
