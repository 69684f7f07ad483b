"""Public pages of the catalogue: list, requirement, versions, downloads and the diff."""

import pytest

from lichtermeer.engines import catalogue as engine

pytestmark = pytest.mark.django_db

PUBLIC_PAGES = [
    "/requirements/",
    "/requirements/LM-DS-01/",
    "/requirements/LM-DS-01/?version=1.0.0",
    "/requirements/versions/",
    "/requirements/versions/1.0.0/",
    "/requirements/diff/",
    "/requirements/diff/?from=1.0.0&to=1.1.0",
    "/requirements/proposals/",
    "/requirements/proposals/1/",
    "/committee/",
]


@pytest.mark.parametrize("path", PUBLIC_PAGES)
@pytest.mark.parametrize("prefix", ["", "/en"])
def test_every_page_renders_in_german_and_english(client, two_versions, proposal, prefix, path):
    response = client.get(prefix + path)
    assert response.status_code == 200, path
    assert response["Content-Language"] == ("en" if prefix else "de")
    assert b"<h1" in response.content


def test_pages_render_without_any_catalogue(client, db):
    for path in ("/requirements/", "/en/requirements/versions/", "/requirements/diff/", "/requirements/proposals/",
                 "/committee/"):
        assert client.get(path).status_code == 200, path


def test_the_navigation_links_to_the_requirements(client, db):
    assert b'href="/requirements/"' in client.get("/").content
    assert b'href="/en/requirements/"' in client.get("/en/").content


def test_the_list_groups_the_current_version_by_category(client, catalogue):
    content = client.get("/requirements/").content.decode()
    assert "Version 1.0.0" in content
    assert "Datenschutz <span class=\"lm-muted\">(2)</span>" in content
    assert "Barrierefreiheit <span class=\"lm-muted\">(1)</span>" in content
    assert "LM-DS-01" in content and "Daten in der EU" in content
    assert ">MUSS<" in content and ">SOLL<" in content and ">KANN<" in content
    assert "/requirements/versions/1.0.0/catalogue.yaml" in content


def test_english_pages_show_english_texts_and_rfc_words(client, catalogue):
    content = client.get("/en/requirements/").content.decode()
    assert "Data within the EU" in content and "Daten in der EU" not in content
    assert ">MUST<" in content and ">SHOULD<" in content and ">MAY<" in content
    assert "Data protection" in content


def test_the_list_filters_by_category_and_obligation(client, catalogue):
    content = client.get("/requirements/", {"category": "data-protection"}).content.decode()
    assert "LM-DS-01" in content and "LM-DS-02" in content and "LM-OS-01" not in content
    content = client.get("/requirements/", {"obligation": "MUSS"}).content.decode()
    assert "LM-DS-01" in content and "LM-OS-01" in content and "LM-DS-02" not in content
    content = client.get("/requirements/", {"category": "data-protection", "obligation": "MUSS"}).content.decode()
    assert "LM-DS-01" in content and "LM-DS-02" not in content and "LM-OS-01" not in content


def test_unknown_filter_values_are_ignored(client, catalogue):
    response = client.get("/requirements/", {"category": "<script>", "obligation": "NIE"})
    assert response.status_code == 200
    assert b"LM-BF-01" in response.content and b"<script>" not in response.content


def test_the_list_announces_an_upcoming_version(client, import_second_version, time_machine):
    time_machine.move_to("2026-05-20", tick=False)
    import_second_version()
    content = client.get("/en/requirements/").content.decode()
    assert "Version 1.0.0" in content
    assert "Version 1.1.0 has been published and takes effect on" in content


def test_a_requirement_shows_its_full_text(client, catalogue):
    content = client.get("/en/requirements/LM-OS-01/").content.decode()
    assert "Statement on Open interfaces." in content
    assert "Rationale for Open interfaces." in content
    assert "openapi.present" in content
    assert "https://eur-lex.europa.eu/eli/reg/2016/679/oj" in content
    assert "OpenAPI description" in content
    content = client.get("/en/requirements/LM-DS-02/").content.decode()
    assert "None – decided by reviewers" in content
    assert "Review overdue" in content


def test_a_requirement_shows_where_it_applies(client, catalogue):
    content = client.get("/en/requirements/LM-DS-01/").content.decode()
    assert "Software as a service" in content
    assert "Software types: all" in " ".join(content.split())


def test_unknown_requirements_are_not_found(client, catalogue):
    assert client.get("/requirements/LM-XX-99/").status_code == 404
    assert client.get("/requirements/LM-DS-01/?version=9.9.9").status_code == 404
    assert client.get("/requirements/lm-ds-01/").status_code == 404
    assert client.get("/requirements/versions/9.9.9/").status_code == 404
    assert client.get("/requirements/versions/9.9.9/catalogue.yaml").status_code == 404


def test_a_requirement_has_its_history(client, two_versions):
    content = client.get("/en/requirements/LM-DS-01/").content.decode()
    assert "Version 1.1.0" in content and "Version 1.0.0" in content
    assert "Added to the catalogue." in content
    assert "Changed in substance." in content
    assert "Requirement (English)" in content
    assert "Statement on Data within the EU." in content and "New statement on the EU." in content


def test_a_retired_requirement_stays_readable(client, two_versions):
    response = client.get("/en/requirements/LM-BF-01/")
    assert response.status_code == 200
    content = response.content.decode()
    assert "retired in version 1.1.0" in content
    assert "Shown as in version 1.0.0" in content


def test_version_parameter_shows_an_older_text(client, two_versions):
    content = client.get("/en/requirements/LM-DS-01/?version=1.0.0").content.decode()
    assert "Text in version 1.0.0" in content
    assert "Statement on Data within the EU." in content


def test_the_changelog_lists_every_version(client, two_versions):
    content = client.get("/en/requirements/versions/").content.decode()
    assert "Version 1.1.0" in content and "Version 1.0.0" in content
    assert "Second version." in content and "First version." in content
    assert "/requirements/diff/?from=1.0.0&amp;to=1.1.0" in content
    assert "Minor" in content and "Initial version" in content


def test_a_version_page_lists_its_requirements(client, two_versions):
    content = client.get("/en/requirements/versions/1.0.0/").content.decode()
    assert "LM-BF-01" in content and "LM-IS-01" not in content
    assert "Superseded" in content
    assert "/requirements/LM-DS-01/?version=1.0.0" in content


@pytest.mark.parametrize("kind", ["yaml", "json"])
def test_downloads_parse_back_to_the_stored_document(client, catalogue, kind):
    response = client.get(f"/requirements/versions/1.0.0/catalogue.{kind}")
    assert response.status_code == 200
    assert response["Content-Type"] == f"application/{kind}; charset=utf-8"
    assert response["Content-Disposition"] == f'attachment; filename="basisanforderungen-1.0.0.{kind}"'
    result = engine.load(response.content)
    assert result.valid, result.findings
    assert result.document == catalogue.document


def test_the_diff_shows_added_retired_and_changed(client, two_versions):
    content = client.get("/en/requirements/diff/", {"from": "1.0.0", "to": "1.1.0"}).content.decode()
    assert "1 requirement added" in content and "LM-IS-01" in content
    assert "1 requirement retired" in content and "LM-BF-01" in content
    assert "1 requirement changed" in content
    assert "<del class=\"lm-pre\">Statement on Data within the EU.</del>" in content
    assert "<ins class=\"lm-pre\">New statement on the EU.</ins>" in content
    assert "minor" in content.lower()


def test_the_diff_defaults_to_the_last_two_versions(client, two_versions):
    content = client.get("/en/requirements/diff/").content.decode()
    assert "From 1.0.0 to 1.1.0" in content


def test_the_diff_as_json(client, two_versions):
    response = client.get("/requirements/diff/", {"from": "1.0.0", "to": "1.1.0", "format": "json"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    body = response.json()
    assert body["from"] == "1.0.0" and body["to"] == "1.1.0" and body["bump"] == "minor"
    assert [r["id"] for r in body["added"]] == ["LM-IS-01"]
    assert [r["id"] for r in body["retired"]] == ["LM-BF-01"]
    assert body["changed"][0]["id"] == "LM-DS-01"
    assert {"field": "statement.en", "from": "Statement on Data within the EU.", "to": "New statement on the EU."} in (
        body["changed"][0]["fields"]
    )


def test_the_diff_refuses_unknown_versions(client, two_versions):
    response = client.get("/en/requirements/diff/", {"from": "0.0.1", "to": "1.1.0"})
    assert response.status_code == 404
    assert b"There is no published version 0.0.1" in response.content
    response = client.get("/requirements/diff/", {"from": "1.0.0", "to": "7.0.0", "format": "json"})
    assert response.status_code == 404
    assert response["Content-Type"].startswith("application/problem+json")
    assert response.json()["errors"][0]["key"] == "to"
