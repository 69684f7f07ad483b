"""The standards register (list, standard, operator forms), a solution page with "works with" and the exit score,
the comparison of two solutions, the exit-score explanation and the search filter "compatible with our
inventory", in German and English, have no axe-core WCAG 2.1 A/AA violation; the comparison and the filter work
without JavaScript."""

from urllib.parse import parse_qs, urlsplit

import pytest

from .axe import check, check_pages
from .conftest import log_in

LANGUAGES = [("de", ""), ("en", "/en")]

PUBLIC_PAGES = {
    "standards": "/standards/",
    "standards-filtered": "/standards/?category=iot&kind=protocol",
    "standard": "/standards/{standard}/",
    "solution-with-compatibility": "/solutions/{solution}/",
    "compare-connects": "/solutions/{solution}/kompatibel/{partner}/",
    "compare-adapter": "/solutions/{solution}/kompatibel/{adapter_partner}/",
    "exit-score": "/exit-score/",
    "search-compatible": "/solutions/?kompatibel={municipality}&listing_status=all",
}


def _path(template: str, facts: dict) -> str:
    return template.format(**facts)


@pytest.mark.parametrize("name", PUBLIC_PAGES)
@pytest.mark.parametrize(("language", "prefix"), LANGUAGES)
def test_public_interop_page_has_no_violations(page, server, name, language, prefix):
    response = page.goto(server["base"] + prefix + _path(PUBLIC_PAGES[name], server["interop"]))
    assert response.status == 200
    assert page.locator("h1").count() == 1
    check(page, f"{language}-interop-{name}")


STAFF_PAGES = {
    "solution-with-own-inventory": "/solutions/{solution}/",
    "compare-with-own-inventory": "/solutions/{solution}/kompatibel/{partner}/",
    "search-with-checkbox": "/solutions/",
}


@pytest.mark.parametrize(("language", "prefix"), LANGUAGES)
def test_staff_views_have_no_violations(page, server, language, prefix):
    log_in(page, server)
    pages = {name: _path(path, server["interop"]) for name, path in STAFF_PAGES.items()}
    check_pages(page, server["base"] + prefix, pages, f"{language}-interop-staff")
    page.goto(server["base"] + prefix + _path("/solutions/{solution}/", server["interop"]))
    assert page.locator("#h-own-08421000").count() == 1


def _log_in_operator(page, server) -> None:
    facts = server["interop"]
    log_in(page, {**server, "email": facts["operator_email"], "password": facts["operator_password"]})


OPERATOR_PAGES = {
    "standard-add": "/standards/neu/",
    "standard-edit": "/standards/{standard}/bearbeiten/",
    "standard-with-actions": "/standards/{standard}/",
    "adapter-add": "/standards/adapter/neu/",
}


@pytest.mark.parametrize(("language", "prefix"), LANGUAGES)
def test_operator_forms_have_no_violations(page, server, language, prefix):
    _log_in_operator(page, server)
    pages = {name: _path(path, server["interop"]) for name, path in OPERATOR_PAGES.items()}
    check_pages(page, server["base"] + prefix, pages, f"{language}-interop-operator")
    page.goto(server["base"] + prefix + "/standards/neu/")
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_load_state()
    assert page.locator("#form-errors").count() == 1
    check(page, f"{language}-interop-operator-form-errors")


def test_comparing_and_filtering_work_without_javascript(nojs_page, server):
    page, facts = nojs_page, server["interop"]
    page.goto(server["base"] + f"/solutions/{facts['solution']}/")
    page.select_option("#compare-with", facts["partner"])
    page.locator("#works-with form button[type=submit]").click()
    page.wait_for_load_state()
    assert urlsplit(page.url).path == f"/solutions/{facts['solution']}/kompatibel/{facts['partner']}/"
    assert page.locator("#h-connections").count() == 1
    page.goto(server["base"] + f"/solutions/?kompatibel={facts['municipality']}&listing_status=all")
    with_filter = page.locator(".lm-results > li").count()
    assert with_filter > 0
    page.locator(".lm-facets button[type=submit]").click()  # the checked box keeps the filter
    page.wait_for_load_state()
    assert parse_qs(urlsplit(page.url).query)["kompatibel"] == [facts["municipality"]]
    assert page.locator(".lm-results > li").count() == with_filter
