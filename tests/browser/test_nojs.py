"""Without JavaScript the search still works: query, facet filter, pagination, language switch."""

from urllib.parse import parse_qs, urlsplit


def _params(url: str) -> dict:
    return parse_qs(urlsplit(url).query)


def test_search_filter_and_paginate_without_javascript(nojs_page, server):
    page = nojs_page
    page.goto(server["base"] + "/solutions/?listing_status=all")  # admitted only by default: 16 of the 25
    page.fill("#q", "Testlösung")
    page.locator(".lm-searchbar button[type=submit]").click()
    page.wait_for_load_state()
    assert _params(page.url)["q"] == ["Testlösung"]
    assert page.locator(".lm-results > li").count() == 20

    page.locator("input[name=domain][value=mobility]").check()
    page.locator(".lm-facets button[type=submit]").click()
    page.wait_for_load_state()
    assert _params(page.url)["domain"] == ["mobility"]
    titles = page.locator(".lm-card__title").all_inner_texts()
    assert titles and all("Testlösung" in title for title in titles)

    page.goto(server["base"] + "/solutions/?q=Testl%C3%B6sung&listing_status=all")
    page.locator(".lm-pagination a[rel=next]").click()
    page.wait_for_load_state()
    assert _params(page.url)["page"] == ["2"]
    assert page.locator(".lm-pagination [aria-current=page]").inner_text().strip().endswith("2")


def test_language_switch_without_javascript(nojs_page, server):
    page = nojs_page
    page.goto(server["base"] + "/solutions/")
    page.locator(".lm-language button[value=en]").click()
    page.wait_for_load_state()
    assert urlsplit(page.url).path == "/en/solutions/"
    assert page.locator("html").get_attribute("lang") == "en"
    page.locator(".lm-language button[value=de]").click()
    page.wait_for_load_state()
    assert urlsplit(page.url).path == "/solutions/"


def test_htmx_enhances_facets_when_javascript_runs(page, server):
    page.goto(server["base"] + "/solutions/")
    page.wait_for_function("window.htmx !== undefined")
    box = page.locator(".lm-facet input[name=domain]").first
    value = box.get_attribute("value")
    box.check()
    page.wait_for_url(f"**domain={value}**")
    page.wait_for_selector(".lm-active-filters")
    assert page.locator(f".lm-facet input[name=domain][value='{value}']").is_checked()
    assert page.locator("h1").count() == 1
    assert page.locator("#search-status").inner_text().strip()
    assert page.locator("header.lm-header").count() == 1  # the page was not replaced, only the region
