"""Selectors of the register on ORM-built datasets in several municipalities: comparable municipalities (same
Land, half to twice the population, with data), gaps ordered by share, the category × municipality matrix and its
CSV, the facets of the search, and the summary on the municipality page."""

import csv
import io

import pytest

from lichtermeer.dataregister import exports, selectors
from municipal_support import municipality

from .support import CATEGORIES, make_dataset, make_source

pytestmark = pytest.mark.django_db


@pytest.fixture
def land(organisation, rostock, source):
    """Rostock (209,061) and, in the same Land: Schwerin (110,000) and Stadt Beispielhagen (150,000), both
    comparable; Leerstadt (200,000, no data); Greifswald (60,000, too small). Hamburg is in another Land."""
    towns = {
        "rostock": rostock,
        "schwerin": municipality("13004000", "Schwerin, Landeshauptstadt", population=110_000),
        "beispielhagen": municipality("13000099", "Beispielhagen, Stadt", population=150_000),
        "leerstadt": municipality("13000098", "Leerstadt", population=200_000),
        "greifswald": municipality("13075039", "Greifswald, Universitäts- und Hansestadt", population=60_000),
        "hamburg": municipality("02000000", "Hamburg, Freie und Hansestadt", population=1_910_160),
    }
    sources = {key: make_source(organisation, town, slug=key) for key, town in towns.items() if key != "rostock"}
    sources["rostock"] = source
    published = {
        "rostock": [("bebauungsplan", 200), ("bebauungsplan", 300), ("baumkataster", 100)],
        "schwerin": [("bebauungsplan", 250), ("haushalt", 380), ("parkplatz", 150)],
        "beispielhagen": [("haushalt", 220), ("kommunalwahl", 90)],
        "greifswald": [("wahllokal", 300)],
        "hamburg": [("wahllokal", 400), ("haushalt", 400)],
    }
    for key, items in published.items():
        for number, (category, total) in enumerate(items):
            make_dataset(sources[key], f"{category} {key} {number}", category=category, total=total)
    make_dataset(sources["schwerin"], "Ohne Kategorie", category=None, total=50)
    return towns


def test_comparables_are_same_land_similar_size_and_with_data(land):
    peers = selectors.coverage(land["rostock"]).comparables
    assert [p.ags for p in peers] == ["13000099", "13004000"]  # by name; Leerstadt has no data


def test_gaps_are_categories_of_comparables_ordered_by_share(land):
    result = selectors.coverage(land["rostock"])
    gaps = [(g["bezeichnung"], g["publishers"], g["share"]) for g in result.gaps]
    # ties by Thema: Politische Partizipation before Verkehr
    assert gaps == [("Haushalt - Plan", 2, 1.0), ("Wahl - Kommunalwahl", 1, 0.5), ("KFZ - Parkplatz", 1, 0.5)]
    assert CATEGORIES["bebauungsplan"][0] not in {g["uri"] for g in result.gaps}  # Rostock publishes it
    assert CATEGORIES["wahllokal"][0] not in {g["uri"] for g in result.gaps}  # only non-comparables do


def test_categories_count_datasets_and_mean_quality(land):
    result = selectors.coverage(land["rostock"])
    assert [(c["bezeichnung"], c["datasets"], c["quality"]) for c in result.categories] == [
        ("Baumbestand - Baumkataster", 1, 100), ("Bebauungsplan", 2, 250)]
    assert (result.datasets, result.quality, result.band) == (3, 200.0, "sufficient")


def test_a_municipality_without_data_has_no_band_and_all_gaps(land):
    result = selectors.coverage(land["leerstadt"])
    assert (result.datasets, result.quality, result.band, result.categories) == (0, None, None, [])
    assert [p.ags for p in result.comparables] == ["13000099", "13003000", "13004000"]
    assert [(g["bezeichnung"], g["publishers"]) for g in result.gaps[:2]] == [("Haushalt - Plan", 2),
                                                                              ("Bebauungsplan", 2)]
    assert result.gaps[0]["share"] == pytest.approx(2 / 3)


def test_a_municipality_without_comparables_has_no_gaps(land):
    result = selectors.coverage(land["hamburg"])
    assert (result.comparables, result.gaps) == ([], [])


def test_the_matrix_counts_datasets_per_category_and_municipality(land):
    categories, towns, cells = selectors.matrix()
    assert len(categories) == 6 and len(towns) == 5  # Leerstadt publishes nothing
    pk = {town.ags: town.pk for town in towns}
    assert cells[(CATEGORIES["bebauungsplan"][0], pk["13003000"])] == 2
    assert cells[(CATEGORIES["haushalt"][0], pk["02000000"])] == 1
    assert (CATEGORIES["haushalt"][0], pk["13003000"]) not in cells
    assert sum(cells.values()) == 11  # the dataset without a category is not counted


def test_the_matrix_of_one_land(land):
    categories, towns, cells = selectors.matrix_of_land("02")
    assert [t.ags for t in towns] == ["02000000"]
    assert [c[2] for c in categories] == ["Haushalt - Plan", "Wahl - Wahllokal"]
    assert sum(cells.values()) == 2


def test_the_matrix_csv_opens_in_a_spreadsheet(land):
    text = exports.matrix_csv(*selectors.matrix())
    assert text.startswith("\ufeff") and text.endswith("\r\n")
    rows = list(csv.reader(io.StringIO(text[1:], newline="")))
    assert rows[0][:3] == ["thema", "bezeichnung", "uri"]
    assert rows[0][3:] == [
        "Beispielhagen, Stadt (13000099)", "Greifswald, Universitäts- und Hansestadt (13075039)",
        "Hamburg, Freie und Hansestadt (02000000)", "Rostock, Hanse- und Universitätsstadt (13003000)",
        "Schwerin, Landeshauptstadt (13004000)"]
    haushalt = next(row for row in rows if row[1] == "Haushalt - Plan")
    assert haushalt[3:] == ["1", "0", "1", "0", "1"]
    assert len(rows) == 7


def test_the_csv_neutralises_formulas():
    town = type("Town", (), {"name": "=HYPERLINK(\"x\")", "ags": "01001000", "pk": 1})()
    text = exports.matrix_csv([("https://x", "@Thema", "-1")], [town], {("https://x", 1): 3})
    assert text == ('\ufeff"thema","bezeichnung","uri","\'=HYPERLINK(""x"") (01001000)"\r\n'
                    '"\'@Thema","\'-1","https://x","3"\r\n')


def test_facet_counts_and_summary(land):
    counts = selectors.facet_counts(selectors.search(filters={"land": "13"}))
    assert {v: n for v, _label, n in counts["municipality"]} == {
        "13003000": 3, "13004000": 4, "13000099": 2, "13075039": 1}
    assert {v: n for v, _label, n in counts["thema"]}["Finanzen"] == 2
    summary = selectors.summary(land["schwerin"])
    assert (summary.datasets, summary.categories, summary.quality, summary.band) == (4, 3, 207.5, "sufficient")


def test_published_categories_and_publishers(land):
    categories = {c["bezeichnung"]: c["municipalities"] for c in selectors.published_categories()}
    assert categories["Haushalt - Plan"] == 3 and categories["Bebauungsplan"] == 2
    publishers = selectors.publishing_municipalities(CATEGORIES["wahllokal"][0])
    assert [(t.ags, t.dataset_count) for t in publishers] == [("13075039", 1), ("02000000", 1)]


def test_a_stale_run_no_longer_blocks_the_source(db):
    import datetime as dt

    from django.utils import timezone

    from lichtermeer.dataregister import services
    from lichtermeer.dataregister.models import HarvestRun
    from lichtermeer.dataregister.tasks import enqueue_due

    source = _stale_source()
    old = HarvestRun.objects.create(source=source, status=HarvestRun.Status.RUNNING,
                                    started_at=timezone.now() - dt.timedelta(hours=7))
    fresh = HarvestRun.objects.create(source=source, status=HarvestRun.Status.QUEUED)
    assert services.release_stale_runs(source=source) == 1
    old.refresh_from_db(), fresh.refresh_from_db()
    assert old.status == "failed" and fresh.status == "queued"
    assert enqueue_due() == []  # the fresh queued run still holds the source


def _stale_source():
    from factories import OrganisationFactory
    from lichtermeer.dataregister.models import Source

    return Source.objects.create(slug="alt", name="Alt", kind="dcat", url="https://portal.example.org/catalog.ttl",
                                 organisation=OrganisationFactory())


def test_it_rejects_a_source_for_a_foreign_organisation(db):
    import pytest

    from factories import MembershipFactory, OrganisationFactory
    from lichtermeer.dataregister import services
    from lichtermeer.dataregister.models import Source

    member = MembershipFactory().user
    with pytest.raises(services.RegisterError) as caught:
        services.create_source(actor=member, name="Fremd", kind="dcat", url="https://portal.example.org/c.ttl",
                               organisation=OrganisationFactory())
    assert caught.value.status == 403 and not Source.objects.exists()
