import pytest

pytestmark = pytest.mark.django_db


def test_it_switches_to_english_and_back_without_javascript(client):
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/solutions/"})
    assert response.status_code == 302
    assert response["Location"] == "/en/solutions/"
    # The header offers the German address of the English page (setlang cannot resolve /en/ itself).
    html = client.get("/en/accessibility/").content.decode()
    assert '<input type="hidden" name="next" value="/accessibility/">' in html
    response = client.post("/i18n/setlang/", {"language": "de", "next": "/accessibility/"})
    assert response["Location"] == "/accessibility/"
    assert '<html lang="de">' in client.get(response["Location"]).content.decode()


def test_it_keeps_the_query_string_when_switching(client):
    html = client.get("/about/?a=1").content.decode()
    assert 'name="next" value="/en/about/?a=1"' in html


def test_it_offers_the_other_language_in_the_header(client):
    german = client.get("/").content.decode()
    assert 'name="language" value="en"' in german
    english = client.get("/en/").content.decode()
    assert 'name="language" value="de"' in english
    assert "Accessibility statement" in english


def test_it_translates_the_interface_into_german(client):
    html = client.get("/").content.decode()
    assert "Lösungen finden" in html
    assert "Erklärung zur Barrierefreiheit" in html
    assert "Zum Inhalt springen" in html
