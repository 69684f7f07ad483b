"""The register's pages (dataset search, dataset, sources, coverage, matrix, map) and the forms of a verified
member of the publishing organisation, in German and English, have no axe-core WCAG 2.1 A/AA violation; the
dataset search filters and pages without JavaScript."""

from urllib.parse import parse_qs, quote, urlsplit

import pytest

from .axe import check, check_pages
from .conftest import log_in

LANGUAGES = [("de", ""), ("en", "/en")]

PUBLIC_PAGES = {
    "datasets": "/daten/",
    "datasets-filtered": "/daten/?q=Baumkataster&municipality={ags}&format=CSV",
    "datasets-page-2": "/daten/?page=2",
    "dataset": "/daten/datensaetze/{dataset}/",
    "sources": "/daten/quellen/",
    "source": "/daten/quellen/{source}/",
    "coverage": "/daten/kommunen/{ags}/",
    "matrix": "/daten/abdeckung/",
    "map": "/daten/karte/",
    "map-category": "/daten/karte/?category={category}",
    "municipality-with-open-data": "/municipalities/{ags}/",
}


def _path(template: str, facts: dict) -> str:
    return template.format(dataset=facts["dataset"], source=facts["source"], ags=facts["municipality"],
                           category=quote(facts["category"], safe=""))


@pytest.mark.parametrize("name", PUBLIC_PAGES)
@pytest.mark.parametrize(("language", "prefix"), LANGUAGES)
def test_public_register_page_has_no_violations(page, server, name, language, prefix):
    response = page.goto(server["base"] + prefix + _path(PUBLIC_PAGES[name], server["dataregister"]))
    assert response.status == 200
    assert page.locator("h1").count() == 1
    check(page, f"{language}-register-{name}")


STAFF_PAGES = {
    "dataset-confirm-form": "/daten/datensaetze/{dataset}/",
    "source-harvest-button": "/daten/quellen/{source}/",
    "source-add": "/daten/neue-quelle/",
}


@pytest.mark.parametrize(("language", "prefix"), LANGUAGES)
def test_member_forms_have_no_violations(page, server, language, prefix):
    log_in(page, server)
    pages = {name: _path(path, server["dataregister"]) for name, path in STAFF_PAGES.items()}
    check_pages(page, server["base"] + prefix, pages, language)
    page.goto(server["base"] + prefix + _path("/daten/datensaetze/{dataset}/", server["dataregister"]))
    assert page.locator("select#id_uri").count() == 1


def test_dataset_search_filters_and_pages_without_javascript(nojs_page, server):
    page = nojs_page
    page.goto(server["base"] + "/daten/")
    page.fill("#q", "Baumkataster")
    page.locator(".lm-searchbar button[type=submit]").click()
    page.wait_for_load_state()
    assert parse_qs(urlsplit(page.url).query)["q"] == ["Baumkataster"]
    assert page.locator(".lm-results > li").count() == 20
    page.locator("input[name=format][value=XLSX]").check()
    page.locator(".lm-facets button[type=submit]").click()
    page.wait_for_load_state()
    assert parse_qs(urlsplit(page.url).query)["format"] == ["XLSX"]
    assert page.locator(".lm-results > li").count() == 11
    page.goto(server["base"] + "/daten/?q=Baumkataster")
    page.locator(".lm-pagination a[rel=next]").click()
    page.wait_for_load_state()
    assert parse_qs(urlsplit(page.url).query)["page"] == ["2"]
    assert page.locator(".lm-results > li").count() == 3
