"""Municipality pages, the platform overview, the maps and the staff forms, in German and English, have no
axe-core WCAG 2.1 A/AA violation."""

import pytest

from .axe import check, check_pages
from .conftest import log_in

LANGUAGES = [("de", ""), ("en", "/en")]

PUBLIC_PAGES = {
    "municipalities": "/municipalities/",
    "municipality-search": "/municipalities/?q=Ulm",
    "municipality-postcode": "/municipalities/?q=89073",
    "municipality": "/municipalities/{ags}/",
    "platforms": "/municipalities/platforms/",
    "platforms-filtered": "/municipalities/platforms/?standard=ngsi-ld",
    "maps": "/municipalities/maps/",
    "model-projects": "/municipalities/model-projects/",
    "solution-with-reuse": "/solutions/{solution}/",
    "land": "/municipalities/laender/08/",
    "kreis": "/municipalities/kreise/08421/",
    "grouping": "/municipalities/groups/mpsc-2019-ulm/",
}


@pytest.mark.parametrize("name", PUBLIC_PAGES)
@pytest.mark.parametrize(("language", "prefix"), LANGUAGES)
def test_public_municipal_page_has_no_violations(page, server, name, language, prefix):
    path = PUBLIC_PAGES[name].format(ags=server["municipality"], solution=server["solution"])
    response = page.goto(server["base"] + prefix + path)
    assert response.status == 200
    assert page.locator("h1").count() == 1
    check(page, f"{language}-{name}")


STAFF_PAGES = {
    "municipality-staff": "/municipalities/{ags}/",
    "inventory-add": "/municipalities/{ags}/inventory/add/",
    "platform-add": "/municipalities/{ags}/platforms/add/",
    "report-new": "/municipalities/{ags}/reports/new/",
    "shared-service-new": "/municipalities/{ags}/shared-services/new/",
}


@pytest.mark.parametrize(("language", "prefix"), LANGUAGES)
def test_staff_forms_have_no_violations(page, server, language, prefix):
    log_in(page, server)
    pages = {name: path.format(ags=server["municipality"]) for name, path in STAFF_PAGES.items()}
    check_pages(page, server["base"] + prefix, pages, language)
