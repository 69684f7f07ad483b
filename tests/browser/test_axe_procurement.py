"""The procurement pages (shortlists, comparison, evaluations with criteria, offers, problems and result, the
recorded Vergabevermerk, the shortlist form on the solution page), in German and English, have no axe-core WCAG 2.1
A/AA violation; the comparison is chosen and shown without JavaScript."""

from urllib.parse import parse_qs, urlsplit

import pytest

from .axe import check, check_pages
from .conftest import log_in
from .seed_procurement import facts

LANGUAGES = [("de", ""), ("en", "/en")]

PAGES = {
    "shortlists": "/beschaffung/merklisten/",
    "shortlist": "/beschaffung/merklisten/{shortlist}/",
    "shortlist-edit": "/beschaffung/merklisten/{shortlist}/bearbeiten/",
    "shortlist-delete": "/beschaffung/merklisten/{shortlist}/loeschen/",
    "comparison": "/beschaffung/merklisten/{shortlist}/vergleich/",
    "evaluations": "/beschaffung/wertungen/",
    "evaluation-create": "/beschaffung/merklisten/{shortlist}/wertung/",
    "evaluation": "/beschaffung/wertungen/{evaluated}/",
    "evaluation-settings": "/beschaffung/wertungen/{evaluated}/einstellungen/",
    "criteria": "/beschaffung/wertungen/{evaluated}/kriterien/",
    "offers": "/beschaffung/wertungen/{evaluated}/angebote/",
    "result": "/beschaffung/wertungen/{evaluated}/ergebnis/",
    "result-not-evaluated": "/beschaffung/wertungen/{incomplete}/ergebnis/",
    "recorded-result": "/beschaffung/wertungen/{recorded}/ergebnis/",
    "recorded-criteria": "/beschaffung/wertungen/{recorded}/kriterien/",
    "recorded-offers": "/beschaffung/wertungen/{recorded}/angebote/",
    "solution-with-shortlist-form": "/solutions/{solution}/",
}


def _pages(seeded: dict) -> dict[str, str]:
    return {name: path.format(solution=seeded["solutions"][0], **seeded) for name, path in PAGES.items()}


@pytest.mark.parametrize(("language", "prefix"), LANGUAGES)
def test_procurement_pages_have_no_violations(page, server, language, prefix):
    seeded = facts(server)
    log_in(page, server)
    check_pages(page, server["base"] + prefix, _pages(seeded), f"{language}-procurement")


@pytest.mark.parametrize(("language", "prefix"), LANGUAGES)
def test_error_states_have_no_violations(page, server, language, prefix):
    seeded = facts(server)
    base = server["base"] + prefix
    log_in(page, server)
    # The problems of an evaluation that cannot be scored yet (a missing price).
    page.goto(f"{base}/beschaffung/wertungen/{seeded['incomplete']}/angebote/")
    with page.expect_response(lambda r: r.request.method == "POST") as answer:
        page.locator("button[name=action][value=evaluate]").click()
    assert answer.value.status == 422
    assert page.locator("#problems li").count() >= 1
    check(page, f"{language}-procurement-problems")
    # Input that is not a number.
    page.locator("input[name^=price-]").first.fill("viel")
    page.locator("button[name=action][value=save]").click()
    page.wait_for_load_state()
    assert page.locator("#action-error").count() == 1
    check(page, f"{language}-procurement-offer-input-error")
    # Too many solutions to compare and an empty shortlist name.
    response = page.goto(f"{base}/beschaffung/merklisten/{seeded['shortlist']}/vergleich/?s=unbekannt")
    assert response.status == 422
    check(page, f"{language}-procurement-compare-error")
    page.goto(f"{base}/beschaffung/merklisten/")
    page.locator("form[action$='/merklisten/neu/'] button[type=submit]").click()
    page.wait_for_load_state()
    assert page.locator("#form-errors").count() == 1
    check(page, f"{language}-procurement-shortlist-form-error")


@pytest.mark.parametrize(("language", "prefix"), LANGUAGES)
def test_the_shortlist_form_for_anonymous_visitors_has_no_violations(page, server, language, prefix):
    seeded = facts(server)
    response = page.goto(f"{server['base']}{prefix}/solutions/{seeded['solutions'][0]}/")
    assert response.status == 200
    assert page.locator("#shortlist a[href*='/accounts/login/']").count() == 1
    check(page, f"{language}-procurement-solution-anonymous")


def test_comparison_without_javascript(nojs_page, server):
    seeded = facts(server)
    page = nojs_page
    page.goto(server["base"] + "/accounts/login/")
    page.fill("#id_login", server["email"])
    page.fill("#id_password", server["password"])
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()
    page.goto(f"{server['base']}/beschaffung/merklisten/{seeded['shortlist']}/")
    boxes = page.locator("input[name=s]")
    boxes.nth(0).check()
    boxes.nth(2).check()
    page.locator("button[form=compare-form]").click()
    page.wait_for_load_state()
    assert parse_qs(urlsplit(page.url).query)["s"] == [seeded["solutions"][0], seeded["solutions"][2]]
    assert page.locator("table.lm-compare thead th[scope=col]").count() == 2
