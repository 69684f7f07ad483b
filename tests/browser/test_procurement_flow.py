"""End to end in a real browser: a verified municipal staff member puts three solutions on a shortlist from their
pages, compares them, prepares an evaluation with a catalogue requirement and an own criterion, enters prices and
points, sees the validation problem of a missing price before any score, fixes it, sees the ranking, records the
Vergabevermerk and downloads the tender documents as DOCX and ODT, which the test opens again."""



from document_text import docx_text, odt_text

from .conftest import log_in
from .seed_procurement import facts

SHORTLIST = "E2E Parksensorik"


def _download(page, selector: str) -> bytes:
    with page.expect_download() as info:
        page.locator(selector).click()
    download = info.value
    path = download.path()
    assert path is not None, download.failure()
    with open(path, "rb") as handle:
        return handle.read()


def test_shortlist_to_tender_documents(page, server):
    seeded = facts(server)
    base = server["base"]
    log_in(page, server)

    # 1. Three solutions onto a new shortlist, from their pages.
    for index, slug in enumerate(seeded["solutions"]):
        page.goto(f"{base}/solutions/{slug}/")
        form = page.locator("#shortlist form")
        if index == 0:
            form.locator("#shortlist-target").select_option("new")
            form.locator("#shortlist-name").fill(SHORTLIST)
        else:
            form.locator("#shortlist-target").select_option(label=SHORTLIST)
        form.locator("button[type=submit]").click()
        page.wait_for_load_state()
        assert f"/solutions/{slug}/" in page.url
        assert page.locator(".lm-messages .kern-alert--success").count() == 1, page.content()[:3000]

    # 2. The shortlist, reached through the navigation.
    page.goto(f"{base}/beschaffung/merklisten/")
    page.get_by_role("link", name=SHORTLIST).click()
    page.wait_for_load_state()
    shortlist_url = page.url
    assert page.locator("#items tbody tr").count() == 3

    # 3. Compare all three (checkboxes, a GET form: no JavaScript needed).
    for checkbox in page.locator("input[name=s]").all():
        checkbox.check()
    page.locator("button[form=compare-form]").click()
    page.wait_for_load_state()
    assert "/vergleich/" in page.url
    table = page.locator("table.lm-compare")
    assert table.locator("thead th[scope=col]").count() == 3
    assert table.locator("caption").count() == 1
    assert table.locator("tbody th[scope=row]").count() > 40  # general rows, standards and 40 requirements

    # 4. An evaluation from the shortlist.
    page.goto(shortlist_url)
    page.locator("a[href$='/wertung/']").click()
    page.wait_for_load_state()
    page.fill("#id_title", "E2E Wertung Parksensorik")
    page.fill("#id_reference", "E2E-2026-1")
    page.fill("#id_subject", "Sensorik für die Parkraumbewirtschaftung")
    page.locator("input[name=method][value=simple]").check()
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()
    assert "/kriterien/" in page.url
    evaluation_url = page.url.split("kriterien/")[0]

    # 5. Criteria: one MUST and one SHOULD requirement of the catalogue, and an own criterion.
    page.locator("input[name=catalogue-requirements][value=LM-BF-01]").check()
    page.locator("input[name=catalogue-requirements][value=LM-OS-02]").check()
    page.locator("#catalogue form button[type=submit]").click()
    page.wait_for_load_state()
    page.locator("#id_own-kind").select_option("B")
    page.fill("#id_own-title", "Schulungskonzept")
    page.fill("#id_own-weight", "90")
    page.locator("#own form button[type=submit]").click()
    page.wait_for_load_state()
    rows = page.locator("#criteria tbody tr")
    assert rows.count() == 3
    assert "LM-BF-01" in page.locator("#criteria").inner_text()

    # 6. Prices and points, one price missing: the problem shows, no score does.
    page.goto(evaluation_url + "angebote/")
    prices = page.locator("input[name^=price-]")
    assert prices.count() == 3
    prices.nth(0).fill("100000")
    prices.nth(1).fill("")
    prices.nth(2).fill("90.000,00")
    for select in page.locator("select[name^=score-]").all():
        select.select_option("yes")
    for position, field in enumerate(page.locator("input[name^=score-]").all()):
        field.fill(str(5 + position % 4))
    page.locator("button[name=action][value=evaluate]").click()
    page.wait_for_load_state()
    problems = page.locator("#problems")
    assert problems.count() == 1
    assert seeded["providers"][1] in problems.inner_text()
    assert page.locator("#h-ranking").count() == 0

    # 7. Fixed: the ranking.
    page.locator("input[name^=price-]").nth(1).fill("95000")
    page.locator("button[name=action][value=evaluate]").click()
    page.wait_for_load_state()
    assert "/ergebnis/" in page.url
    assert page.locator("#h-ranking").count() == 1
    ranking = page.locator("#h-ranking ~ .lm-table-wrap tbody tr")
    assert ranking.count() == 3

    # 8. The Vergabevermerk.
    page.locator("#record form button[type=submit]").click()
    page.wait_for_load_state()
    assert page.locator("#record form").count() == 0
    assert page.locator(".kern-badge--success").count() >= 1

    # 9. The tender documents, downloaded and opened again.
    page.goto(evaluation_url)
    service_description = _download(page, "button[data-document=leistungsbeschreibung-docx]")
    text = docx_text(service_description)
    assert "LM-BF-01" in text and "LM-OS-02" in text and "Schulungskonzept" in text
    matrix = _download(page, "button[data-document=bewertungsmatrix-odt]")
    text = odt_text(matrix)
    assert "LM-BF-01" in text and "Einfache Richtwertmethode" in text
