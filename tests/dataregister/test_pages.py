"""The register's pages: search with facets and pages, the dataset page (links, validation, quality, category,
confirmation), sources with runs, progress and errors, adding a source, coverage, matrix, map, and the links
from the navigation and the municipality page. Nothing is harvested: rows are built with the ORM."""

import re

import pytest
from django.utils import timezone

from lichtermeer.dataregister.models import Dataset, HarvestRun, Source
from municipal_support import municipality

from .support import CATEGORIES, make_dataset, make_run, make_source

pytestmark = pytest.mark.django_db


def text(response) -> str:
    return response.content.decode()


def titles(response) -> list[str]:
    return re.findall(r'<h3 class="lm-card__title[^"]*" id="dataset-\d+"><a class="kern-link" href="[^"]+">([^<]+)</a>',
                      text(response))


# --- search ------------------------------------------------------------------------------------------------


@pytest.fixture
def catalogue(source, organisation):
    """25 datasets of Rostock and 3 of Schwerin, with different categories, formats and quality."""
    schwerin = municipality("13004000", "Schwerin, Landeshauptstadt", population=98_733, lat=53.63, lon=11.41)
    other = make_source(organisation, schwerin, slug="opendata-schwerin")
    for number in range(25):
        make_dataset(source, f"Bebauungsplan Nr. {number:02d} Rostock", total=100 + number * 10,
                     formats=("CSV", "JSON") if number % 2 else ("PDF",))
    make_dataset(other, "Haushaltsplan 2025 Schwerin", category="haushalt", total=360, formats=("XLSX",))
    make_dataset(other, "Parkplätze Innenstadt", category="parkplatz", total=200, formats=("GeoJSON",))
    make_dataset(other, "Baumkataster Schwerin", category="baumkataster", total=300, formats=("CSV",))
    return schwerin


def test_it_lists_datasets_twenty_per_page(client, catalogue):
    first = client.get("/daten/")
    assert first.status_code == 200
    assert len(titles(first)) == 20
    assert "28" in re.search(r'<p role="status"><strong>([^<]+)', text(first)).group(1)
    second = client.get("/daten/?page=2")
    assert len(titles(second)) == 8
    assert not set(titles(first)) & set(titles(second))
    assert client.get("/daten/?page=999").status_code == 200  # past the end: the last page, no error
    assert client.get("/daten/?page=abc").status_code == 200


def test_it_searches_words_in_title_and_category(client, catalogue):
    found = titles(client.get("/daten/?q=Haushaltsplan"))
    assert found == ["Haushaltsplan 2025 Schwerin"]
    by_category = titles(client.get("/daten/?q=Parkplatz"))  # "KFZ - Parkplatz" is the category's Bezeichnung
    assert by_category == ["Parkplätze Innenstadt"]


@pytest.mark.parametrize(("query", "expected"), [
    ("municipality=13004000", 3),
    ("land=13", 28),
    ("thema=Finanzen", 1),
    ("format=JSON", 12),
    ("band=excellent", 1),
    ("license=http://dcat-ap.de/def/licenses/dl-by-de/2.0", 28),
    ("municipality=13004000&format=CSV", 1),
])
def test_it_filters_by_each_facet(client, catalogue, query, expected):
    response = client.get(f"/daten/?{query}")
    status = re.search(r'<p role="status"><strong>(\d+)', text(response)).group(1)
    assert int(status) == expected


def test_facets_show_counts_of_the_result_and_keep_the_choice(client, catalogue):
    page = text(client.get("/daten/?municipality=13004000"))
    assert re.search(r'name="municipality" value="13004000" checked>\s*<label[^>]*>Schwerin, Landeshauptstadt '
                     r'<span class="lm-facet__count">\(3\)</span>', page)
    assert 'name="thema" value="Finanzen"' in page
    assert 'name="thema" value="Raumplanung"' not in page  # Rostock's Thema does not occur in Schwerin
    assert "Remove filter" in page or "Filter entfernen" in page
    assert "/api/v1/datasets?municipality=13004000" in page


def test_the_quality_band_and_licence_have_readable_labels(client, catalogue):
    page = text(client.get("/en/daten/"))
    assert re.search(r'value="excellent"[^>]*>\s*<label[^>]*>Excellent', page)
    assert re.search(r'value="http://dcat-ap.de/def/licenses/dl-by-de/2.0"[^>]*>\s*<label[^>]*>dl-by-de/2.0', page)


def test_an_empty_register_says_so(client, db):
    response = client.get("/en/daten/")
    assert response.status_code == 200
    assert "No datasets match your search." in text(response)


# --- one dataset -------------------------------------------------------------------------------------------


def test_the_dataset_page_shows_metadata_and_links_distributions_without_following(client, dataset):
    page = text(client.get(dataset.get_absolute_url()))
    assert dataset.title in page
    assert 'href="https://opendata-rostock.example.org/dataset/1/download.csv" rel="nofollow noopener"' in page
    assert 'href="https://opendata-rostock.example.org/dataset/1.html" rel="nofollow noopener"' in page
    assert "Open-Data-Portal Rostock" in page and dataset.source.get_absolute_url() in page
    assert "dl-by-de/2.0" in page
    assert f"/daten/kommunen/{dataset.municipality.ags}/" in page


def test_hostile_addresses_are_shown_but_never_linked(client, source):
    hostile = make_dataset(source, "Feindliche Adressen", distributions=[{
        "iri": "https://x.example.org/d", "title": "Böse", "format": "CSV", "media_type": None,
        "access_urls": ["javascript:alert(1)"], "download_urls": ["https://ok.example.org/a b"], "license": None}])
    Dataset.objects.filter(pk=hostile.pk).update(landing_page="javascript:alert(2)")
    page = text(client.get(hostile.get_absolute_url()))
    assert 'href="javascript:' not in page
    assert "javascript:alert(1)" in page  # shown as text
    assert 'href="https://ok.example.org/a b"' not in page


def test_validation_results_are_grouped_by_dataset_and_distribution(client, dataset):
    page = text(client.get("/en" + dataset.get_absolute_url()))
    section = page[page.index('id="validation"'):]
    dataset_group = section.index("The dataset</caption>")
    distribution_group = section.index(f"Distribution “{dataset.title} (CSV)”</caption>")
    other_group = section.index("Outside the dataset and its distributions</caption>")
    assert dataset_group < distribution_group < other_group
    assert "dcterms:description MUSS vorhanden sein" in section[dataset_group:distribution_group]
    assert "dcterms:format SOLL" in section[distribution_group:other_group]
    assert 'lang="de"' in section  # German profile messages on the English page are marked as German
    assert "dct:description" in section  # the path, shortened
    assert ">Violation<" in section and ">Warning<" in section


def test_quality_is_shown_per_dimension_and_indicator(client, dataset):
    page = text(client.get("/en" + dataset.get_absolute_url()))
    section = page[page.index('id="quality"'):page.index('id="validation"')]
    assert "180 of 405 points: Sufficient" in section
    for dimension in ("Findability", "Accessibility", "Interoperability", "Reusability", "Contextuality"):
        assert f"<caption>{dimension}:" in section
    assert "Keyword usage" in section and "dataset has dcat:keyword (3 values)" in section
    assert "not checked" in section and "A1" in section


def test_quality_is_german_on_german_pages(client, dataset):
    page = text(client.get(dataset.get_absolute_url()))
    assert "Verwendung von Schlagwörtern" in page
    assert "Datensatz hat dcat:keyword (3 Werte)" in page
    assert "Auffindbarkeit" in page


def test_the_category_shows_confidence_explanation_and_the_confirmation_marker(client, dataset):
    page = text(client.get("/en" + dataset.get_absolute_url()))
    section = page[page.index('id="category"'):page.index('id="quality"')]
    assert "Raumplanung" in section and "Bebauungsplan" in section
    assert "41 %" in section
    assert "Needs confirmation" in section
    assert "Bebauungsplan Nr. 7 Hafenkante" in section  # nearest neighbour
    assert "Satzung" in section  # a top word
    assert "Category needs confirmation" in page  # the badge at the top


def test_a_confident_category_has_no_marker(client, source):
    sure = make_dataset(source, "Baumkataster Rostock", category="baumkataster", confidence=0.97)
    page = text(client.get("/en" + sure.get_absolute_url()))
    assert "Needs confirmation" not in page and "needs confirmation" not in page


def test_only_permitted_users_see_the_confirm_form(client, dataset, member, other_member):
    form = f'action="/daten/datensaetze/{dataset.pk}/kategorie/"'
    assert form not in text(client.get(dataset.get_absolute_url()))
    client.force_login(other_member)
    assert form not in text(client.get(dataset.get_absolute_url()))
    client.force_login(member)
    page = text(client.get(dataset.get_absolute_url()))
    assert form in page
    assert '<optgroup label="Raumplanung">' in page
    assert f'<option value="{CATEGORIES["bebauungsplan"][0]}" selected>' in page


def test_a_member_confirms_a_corrected_category(client, dataset, member):
    client.force_login(member)
    uri = CATEGORIES["baumkataster"][0]
    response = client.post(f"/daten/datensaetze/{dataset.pk}/kategorie/", {"uri": uri})
    assert response.status_code == 302
    assert response["Location"].endswith("#category")
    dataset.refresh_from_db()
    assert (dataset.mdk_uri, dataset.mdk_source, dataset.mdk_needs_confirmation) == (uri, "confirmed", False)
    assert dataset.mdk_bezeichnung == "Baumbestand - Baumkataster"
    page = text(client.get("/en" + dataset.get_absolute_url()))
    assert "confirmed by a person" in page and "100 %" in page


def test_an_unknown_category_is_refused_with_the_form(client, dataset, member):
    client.force_login(member)
    response = client.post(f"/daten/datensaetze/{dataset.pk}/kategorie/", {"uri": "https://example.org/x"})
    assert response.status_code == 422
    dataset.refresh_from_db()
    assert dataset.mdk_source == "classifier"


def test_an_unknown_dataset_is_404(client, db):
    assert client.get("/daten/datensaetze/999999/").status_code == 404


# --- sources -----------------------------------------------------------------------------------------------


@pytest.fixture
def finished_run(source):
    now = timezone.now()
    return make_run(source, status=HarvestRun.Status.PARTIAL, started_at=now, finished_at=now, pages=3,
                    expected=250, seen=240, created=200, updated=30, unchanged=10,
                    errors=[{"page": "https://www.opendata-hro.de/catalog.rdf?page=2", "kind": "http",
                             "en": "HTTP 503 from the server", "de": "HTTP 503 vom Server", "fatal": False},
                            {"page": "javascript:alert(1)", "en": "Bad page", "de": "Kaputte Seite"}])


def test_the_sources_list_shows_each_source_with_its_last_run(client, source, finished_run, dataset):
    page = text(client.get("/en/daten/quellen/"))
    row = page[page.index("Open-Data-Portal Rostock"):]
    row = row[:row.index("</tr>")]
    assert "complete with errors" in row
    assert "Hanse- und Universitätsstadt Rostock" in row
    assert ">1<" in row  # one dataset


def test_the_source_page_shows_progress_counts_and_the_error_log(client, source, finished_run):
    german = text(client.get(source.get_absolute_url()))  # first: the English page would set the language
    assert "HTTP 503 vom Server" in german
    page = text(client.get("/en" + source.get_absolute_url()))
    assert "240 of 250 datasets" in page
    assert 'value="96"' in page  # the progress bar
    assert "3 pages read" in page
    assert "200 new, 30 changed, 10 unchanged" in page
    errors = page[page.index('id="errors"'):page.index('id="runs"')]
    assert "HTTP 503 from the server" in errors and "HTTP 503 vom Server" not in errors
    assert 'href="https://www.opendata-hro.de/catalog.rdf?page=2" rel="nofollow noopener"' in errors
    assert 'href="javascript:' not in errors


def test_a_running_harvest_polls_its_progress_and_offers_a_reload_link(client, source):
    make_run(source, status=HarvestRun.Status.RUNNING, started_at=timezone.now(), pages=1, seen=100, expected=None)
    page = text(client.get("/en" + source.get_absolute_url()))
    assert f'hx-get="/en/daten/quellen/{source.slug}/fortschritt/" hx-trigger="every 5s"' in page
    assert "Reload the page to update the progress" in page
    assert "100 datasets so far" in page
    partial = client.get(f"/en/daten/quellen/{source.slug}/fortschritt/", HTTP_HX_REQUEST="true")
    assert partial.status_code == 200
    assert "<html" not in text(partial) and 'hx-trigger="every 5s"' in text(partial)
    without_htmx = client.get(f"/daten/quellen/{source.slug}/fortschritt/")
    assert without_htmx.status_code == 302


def test_polling_stops_when_the_run_has_finished(client, source, finished_run):
    partial = text(client.get(f"/en/daten/quellen/{source.slug}/fortschritt/", HTTP_HX_REQUEST="true"))
    assert "hx-trigger" not in partial
    assert "The harvest has finished" in partial


def test_a_member_starts_a_harvest_which_is_queued_not_run(client, source, member, enqueued):
    client.force_login(member)
    response = client.post(f"/daten/quellen/{source.slug}/abrufen/")
    assert response.status_code == 302 and response["Location"].endswith("#progress")
    run = source.runs.get()
    assert run.status == HarvestRun.Status.QUEUED and run.triggered_by == member
    assert [(r.task.name, list(r.args)) for r in enqueued] == [("harvest_run", [run.pk])]
    again = client.post(f"/daten/quellen/{source.slug}/abrufen/")  # a second click while queued
    assert again.status_code == 302
    assert source.runs.count() == 1 and len(enqueued) == 1


def test_the_harvest_button_is_shown_to_permitted_users_only(client, source, member, other_member):
    action = f'action="/daten/quellen/{source.slug}/abrufen/"'
    assert action not in text(client.get(source.get_absolute_url()))
    client.force_login(other_member)
    assert action not in text(client.get(source.get_absolute_url()))
    client.force_login(member)
    assert action in text(client.get(source.get_absolute_url()))


def test_a_member_adds_a_source_for_their_organisation(client, member, organisation, rostock):
    client.force_login(member)
    form = text(client.get("/daten/neue-quelle/"))
    assert f'<option value="{organisation.pk}"' in form
    response = client.post("/daten/neue-quelle/", {
        "name": "Geoportal Rostock", "kind": "ckan", "url": "https://geo.rostock.example.org",
        "organisation": organisation.pk, "municipality": "13003000", "schedule_hours": "12"})
    assert response.status_code == 302
    source = Source.objects.get(name="Geoportal Rostock")
    assert response["Location"] == source.get_absolute_url()
    assert (source.kind, source.organisation, source.municipality, source.schedule_hours) == (
        "ckan", organisation, rostock, 12)


@pytest.mark.parametrize(("field", "value"), [
    ("url", "ftp://geo.example.org/catalog.rdf"),
    ("url", "keine adresse"),
    ("municipality", "1300300"),
    ("municipality", "99999999"),
    ("schedule_hours", "0"),
    ("name", "   "),
    ("kind", "sparql"),
])
def test_adding_a_source_refuses_bad_input(client, member, organisation, rostock, field, value):
    client.force_login(member)
    data = {"name": "Geoportal", "kind": "dcat", "url": "https://geo.example.org/catalog.rdf",
            "organisation": organisation.pk, "municipality": "", "schedule_hours": "24", field: value}
    response = client.post("/daten/neue-quelle/", data)
    assert response.status_code == 422
    assert not Source.objects.exists()


# --- coverage, matrix, map, links --------------------------------------------------------------------------


def test_the_coverage_page_shows_categories_comparables_and_gaps(client, source, organisation):
    make_dataset(source, "Bebauungsplan Nr. 1", total=200)
    make_dataset(source, "Bebauungsplan Nr. 2", total=300)
    peer = municipality("13004000", "Schwerin, Landeshauptstadt", population=110_000, lat=53.63, lon=11.41)
    make_dataset(make_source(organisation, peer, slug="sn"), "Haushaltsplan Schwerin", category="haushalt")
    page = text(client.get("/en/daten/kommunen/13003000/"))
    categories = page[page.index('id="categories"'):page.index('id="gaps"')]
    assert "Bebauungsplan" in categories and ">2<" in categories and ">250<" in categories
    gaps = page[page.index('id="gaps"'):page.index('id="comparables"')]
    assert "Haushalt - Plan" in gaps and "1 of 1" in gaps and "100 %" in gaps
    assert "Schwerin, Landeshauptstadt" in page[page.index('id="comparables"'):]
    assert "250 of 405 points" in page


@pytest.mark.parametrize(("ags", "status"), [("1300300", 404), ("99999999", 404), ("abc", 404)])
def test_coverage_of_a_malformed_or_unknown_ags_is_404(client, db, ags, status):
    assert client.get(f"/daten/kommunen/{ags}/").status_code == status


def test_the_matrix_page_and_its_csv(client, source, organisation):
    make_dataset(source, "Bebauungsplan Nr. 1")
    make_dataset(source, "Baumkataster", category="baumkataster")
    peer = municipality("13004000", "Schwerin, Landeshauptstadt", population=110_000)
    make_dataset(make_source(organisation, peer, slug="sn"), "Bebauungsplan Schwerin")
    page = text(client.get("/en/daten/abdeckung/"))
    assert "2 categories in 2 municipalities" in page
    assert page.index("Rostock, Hanse- und Universitätsstadt") > page.index("<thead")
    response = client.get("/daten/abdeckung/?format=csv")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="datenkategorien.csv"'
    body = response.content.decode("utf-8")
    assert body.startswith("\ufeff")
    lines = body[1:].split("\r\n")
    assert lines[0] == ('"thema","bezeichnung","uri","Rostock, Hanse- und Universitätsstadt (13003000)",'
                        '"Schwerin, Landeshauptstadt (13004000)"')
    assert lines[1] == f'"Flora und Fauna","Baumbestand - Baumkataster","{CATEGORIES["baumkataster"][0]}","1","0"'
    assert lines[2] == f'"Raumplanung","Bebauungsplan","{CATEGORIES["bebauungsplan"][0]}","1","1"'
    only_other_land = client.get("/daten/abdeckung/?land=05&format=csv").content.decode("utf-8")
    assert only_other_land == '\ufeff"thema","bezeichnung","uri"\r\n'


def test_the_map_shows_publishers_of_a_category_with_a_table(client, source, organisation):
    make_dataset(source, "Bebauungsplan Nr. 1")
    peer = municipality("13004000", "Schwerin, Landeshauptstadt", population=110_000, lat=None, lon=None)
    make_dataset(make_source(organisation, peer, slug="sn"), "Haushalt", category="haushalt")
    everything = text(client.get("/en/daten/karte/"))
    assert "<svg" in everything and 'role="img"' in everything
    assert "2 datasets from 2 municipalities" in everything
    assert "1 municipality without coordinates is not shown on the map." in everything
    uri = CATEGORIES["bebauungsplan"][0]
    one = text(client.get("/en/daten/karte/", {"category": uri}))
    assert "Municipalities publishing “Raumplanung – Bebauungsplan”" in one
    table = one[one.index("<table"):]
    assert "Rostock, Hanse- und Universitätsstadt" in table and "Schwerin" not in table
    assert f'<option value="{uri}" selected>' in one
    unknown = client.get("/en/daten/karte/", {"category": "https://example.org/nope"})
    assert unknown.status_code == 200 and "No municipality publishes this category yet" in text(unknown)


def test_the_municipality_page_links_to_its_open_data(client, dataset):
    page = text(client.get("/en/municipalities/13003000/"))
    box = page[page.index('id="open-data"'):]
    assert "1 dataset in 1 categories" in box
    assert 'href="/en/daten/kommunen/13003000/"' in box


def test_the_main_navigation_links_to_the_dataset_search(client, db):
    page = text(client.get("/en/"))
    nav = page[page.index('class="lm-nav"'):]
    assert 'href="/en/daten/"' in nav
    current = text(client.get("/en/daten/"))
    assert 'href="/en/daten/" aria-current="page"' in current
