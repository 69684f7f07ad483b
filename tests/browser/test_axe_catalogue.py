"""The pages of the catalogue of base requirements and its governance, in German and English, have no axe-core
WCAG 2.1 A/AA violation – also the committee's forms and a rejected proposal with its errors."""

import pytest

from .axe import check
from .conftest import log_in

LANGUAGES = [("de", ""), ("en", "/en")]

PUBLIC_PAGES = {
    "catalogue": "/requirements/",
    "catalogue-filtered": "/requirements/?category=data-protection&obligation=MUSS",
    "requirement": "/requirements/LM-DS-01/",
    "versions": "/requirements/versions/",
    "version": "/requirements/versions/1.0.0/",
    "diff": "/requirements/diff/?from=1.0.0&to=1.0.0",
    "proposals": "/requirements/proposals/",
    "committee": "/committee/",
}


@pytest.mark.parametrize("name", PUBLIC_PAGES)
@pytest.mark.parametrize(("language", "prefix"), LANGUAGES)
def test_public_catalogue_page_has_no_violations(page, server, name, language, prefix):
    response = page.goto(server["base"] + prefix + PUBLIC_PAGES[name])
    assert response.status == 200
    assert page.locator("html").get_attribute("lang") == language
    assert page.locator("h1").count() == 1
    check(page, f"{language}-{name}")


@pytest.mark.parametrize(("language", "prefix"), LANGUAGES)
def test_proposal_pages_have_no_violations(page, server, language, prefix):
    base = server["base"] + prefix
    numbers = server["proposals"]
    page.goto(f"{base}/requirements/proposals/{numbers['commenting']}/")
    check(page, f"{language}-proposal-anonymous")
    log_in(page, server)  # the browser-test editor chairs the committee
    page.goto(f"{base}/requirements/proposals/{numbers['commenting']}/")
    assert page.locator("textarea[name=body]").count() == 1
    check(page, f"{language}-proposal-commenting")
    page.goto(f"{base}/requirements/proposals/{numbers['voting']}/")
    assert page.locator("input[name=choice]").count() == 3
    check(page, f"{language}-proposal-voting")
    page.goto(f"{base}/committee/")
    check(page, f"{language}-committee-workspace")
    page.goto(f"{base}/requirements/proposals/new/?kind=change&code=LM-DS-02")
    check(page, f"{language}-proposal-new")
    page.fill("input[name=title]", "")
    page.locator("form button[type=submit]").last.click()
    page.wait_for_load_state()
    check(page, f"{language}-proposal-new-errors")
