"""The pages of assessment and admission, in German and English, have no axe-core WCAG 2.1 A/AA violation:
the public report with its badge snippets, the solution page's admission box, the search with every status,
and for the signed-in editor (provider and chair) the application form with its errors, an own application,
an application to review with dispute and decision forms, the queue and the conflicts of interest."""

import pytest

from .axe import check
from .conftest import log_in

LANGUAGES = [("de", ""), ("en", "/en")]


@pytest.mark.parametrize(("language", "prefix"), LANGUAGES)
def test_public_assessment_pages_have_no_violations(page, server, language, prefix):
    base, facts = server["base"] + prefix, server["assessment"]
    response = page.goto(f"{base}/zulassung/loesungen/{facts['report']}/pruefbericht/")
    assert response.status == 200
    assert page.locator("html").get_attribute("lang") == language
    assert page.locator("h1").count() == 1
    assert page.locator("#badge-markdown").input_value().startswith("[![")
    assert page.locator("#badge img").evaluate("img => img.naturalWidth") > 0  # the SVG badge loads
    check(page, f"{language}-assessment-report")
    page.goto(f"{base}/solutions/{facts['report']}/")
    assert page.locator("#admission").count() == 1
    check(page, f"{language}-solution-admission-box")
    page.goto(f"{base}/solutions/?listing_status=all")
    assert page.locator("input[name=listing_status][value=all]").is_checked()
    check(page, f"{language}-search-all-statuses")


@pytest.mark.parametrize(("language", "prefix"), LANGUAGES)
def test_assessment_work_pages_have_no_violations(page, server, language, prefix):
    base, facts = server["base"] + prefix, server["assessment"]
    log_in(page, server)  # the browser-test editor: provider editor and chair of the committee
    page.goto(f"{base}/zulassung/loesungen/{facts['apply']}/antrag/")
    assert page.locator("input[type=file][name=openapi][multiple]").count() == 1
    check(page, f"{language}-assessment-apply")
    page.locator("input[name=use_listing_publiccode]").uncheck()
    page.locator("main form button[type=submit]").click()  # nothing uploaded: the form explains why
    page.wait_for_load_state()
    assert page.locator("#form-errors").count() == 1
    check(page, f"{language}-assessment-apply-errors")
    page.goto(f"{base}/zulassung/antraege/{facts['application']}/")
    assert page.locator("#withdraw").count() == 1
    check(page, f"{language}-assessment-own-application")
    page.goto(f"{base}/zulassung/antraege/{facts['review']}/")
    assert page.locator("#review input[type=radio]").count() >= 2
    assert page.locator("#disputes form").count() == 1 and page.locator("#decision form").count() == 1
    check(page, f"{language}-assessment-review")
    page.goto(f"{base}/zulassung/")
    check(page, f"{language}-assessment-queue")
    page.goto(f"{base}/zulassung/interessenkonflikte/")
    check(page, f"{language}-assessment-conflicts")
