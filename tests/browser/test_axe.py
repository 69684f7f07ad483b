"""Every page type, in German and English, has no axe-core WCAG 2.1 A/AA violation."""

import pytest

from .axe import check, check_pages
from .conftest import log_in

LANGUAGES = [("de", ""), ("en", "/en")]

BROKEN_PUBLICCODE = """publiccodeYmlVersion: "0.4"
name: Kaputte Beschreibung
url: "not a url"
developmentStatus: fantastic
description:
  de:
    shortDescription: zu kurz
"""

ANONYMOUS_PAGES = {
    "start": "/",
    "search": "/solutions/",
    "search-query": "/solutions/?q=Testl%C3%B6sung",
    "search-facet": "/solutions/?domain=mobility&sort=name",
    "search-page-2": "/solutions/?page=2",
    "accessibility": "/accessibility/",
    "about": "/about/",
    "login": "/accounts/login/",
    "signup": "/accounts/signup/",
    "password-reset": "/accounts/password/reset/",
    "not-found": "/does-not-exist/",
}


@pytest.mark.parametrize("name", ANONYMOUS_PAGES)
@pytest.mark.parametrize(("language", "prefix"), LANGUAGES)
def test_anonymous_page_has_no_violations(page, server, name, language, prefix):
    response = page.goto(server["base"] + prefix + ANONYMOUS_PAGES[name])
    assert response.status == (404 if name == "not-found" else 200)
    assert page.locator("html").get_attribute("lang") == language
    assert page.locator("h1").count() == 1
    check(page, f"{language}-{name}")


@pytest.mark.parametrize(("language", "prefix"), LANGUAGES)
def test_solution_and_organisation_pages_have_no_violations(page, server, language, prefix):
    page.goto(f"{server['base']}{prefix}/solutions/{server['solution']}/")
    check(page, f"{language}-solution")
    page.goto(f"{server['base']}{prefix}/organisations/{server['organisation']}/")
    check(page, f"{language}-organisation")


@pytest.mark.parametrize(("language", "prefix"), LANGUAGES)
def test_describe_pages_have_no_violations(page, server, language, prefix):
    log_in(page, server)
    page.goto(f"{server['base']}{prefix}/solutions/describe/")
    check(page, f"{language}-describe")
    page.fill("#id_content", BROKEN_PUBLICCODE)
    page.locator("button[name=action][value=preview]").click()
    page.wait_for_load_state()
    assert page.locator(".lm-code__finding").count() >= 1
    assert page.locator(".lm-findings a[href^='#line-']").count() >= 1
    check(page, f"{language}-describe-preview")
    page.locator("button[name=action][value=save]").click()
    page.wait_for_load_state()
    check(page, f"{language}-describe-rejected")


ACCOUNT_PAGES = {
    "account-email": "/accounts/email/",
    "account-password": "/accounts/password/change/",
    "account-2fa": "/accounts/2fa/",
    "account-organisations": "/accounts/organisations/",
    "account-tokens": "/accounts/tokens/",
}


@pytest.mark.parametrize(("language", "prefix"), LANGUAGES)
def test_account_pages_have_no_violations(page, server, language, prefix):
    log_in(page, server)
    check_pages(page, server["base"] + prefix, ACCOUNT_PAGES, language)


@pytest.mark.parametrize(("language", "prefix"), LANGUAGES)
def test_feedback_form_and_thanks_have_no_violations(page, server, language, prefix):
    page.goto(f"{server['base']}{prefix}/accessibility/")
    page.locator("form[action$='/accessibility/'] button[type=submit]").click()
    page.wait_for_load_state()
    assert page.locator("#id_message[aria-invalid=true]").count() == 1
    check(page, f"{language}-feedback-errors")
    page.fill("#id_message", "Der Kontrast der Suche ist zu schwach.")
    page.locator("form[action$='/accessibility/'] button[type=submit]").click()
    page.wait_for_url("**/accessibility/thanks/")
    check(page, f"{language}-feedback-thanks")
