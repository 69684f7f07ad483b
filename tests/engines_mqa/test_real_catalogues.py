"""Real harvested catalogues (GovData's dashboard test data) with scores checked by hand."""

import pytest

from lichtermeer.engines.mqa import aggregate, score, score_all

from .conftest import DATA, reachable

ROSTOCK = DATA / "rostock-catalog-dataset-extracted.rdf"
ROSTOCK_DATASET = "https://www.opendata-hro.de/dataset/305d5bb9-28cb-496f-ad29-09838c5dcdbc"
BRANDENBURG = DATA / "brandenburg-catalog-dataset-extracted.ttl"
POTSDAM_DATASET = "https://opendata.potsdam.de/api/v2/catalog/datasets/ew2019"
CKAN_PAGE = DATA / "catalog-endpoint.rdf"


def points(result) -> dict[str, float]:
    return {i.id: i.points for i in result.indicators}


def test_rostock_drugstores_score_237_14_with_the_share_rule():
    """OpenData.HRO "Drogerien", DCAT-AP.de 1.1, 7 distributions:

    | distribution | dct:format | dcat:mediaType | downloadURL, byteSize |
    | 2b3a… | GEOJSON | application/geo+json | yes |
    | 2bcd… | XLSX | …spreadsheetml.sheet | yes |
    | 5e55… | WMS (not an EU file type; that is WMS_SRVC) | – | – |
    | 9a4b… | WFS (idem) | – | – |
    | c942… | GML | application/gml+xml | yes |
    | (two more) | KML, CSV | kml+xml, text/csv | yes |

    all with dct:license and dct:rights https://www.dcat-ap.de/def/licenses/cc-zero.
    Findability 30 + 30 + 20 (keywords, themes, spatial) + 0 (no dct:temporal) = 80.
    Accessibility: A1/A3 not checked → 0; A2 20 × 5/7 = 14.29.
    Interoperability: I1 20 × 7/7 = 20; I2 10 × 5/7 = 7.14; I3 10 × 5/7 = 7.14 (WMS/WFS have neither a known format
    nor a media type); I4 20 × 3/7 = 8.57 (GEOJSON, KML, CSV; GML and XLSX are not on the non-proprietary list);
    I5 20 × 4/7 = 11.43 (GEOJSON, XLSX, KML, CSV on data.europa.eu's list; not GML); I6 0 (33 SHACL violations
    under DCAT-AP.de 3.0) → 54.28.
    Reusability: R1 20, R2 10 (cc-zero is a DCAT-AP.de licence), R3 10 (accessRights "public"), R4 0 (a literal,
    not the EU IRI), R5 20, R6 10 → 70.
    Contextuality: C1 5, C2 5 × 5/7 = 3.57, C3 5, C4 5 → 18.57.
    Total 80 + 14.29 + 54.28 + 70 + 18.57 = 237.14 → good (221–350).
    """
    result = score(ROSTOCK, ROSTOCK_DATASET)
    assert points(result) == {
        "F1": 30, "F2": 30, "F3": 20, "F4": 0, "A1": 0, "A2": 14.29, "A3": 0,
        "I1": 20, "I2": 7.14, "I3": 7.14, "I4": 8.57, "I5": 11.43, "I6": 0,
        "R1": 20, "R2": 10, "R3": 10, "R4": 0, "R5": 20, "R6": 10, "C1": 5, "C2": 3.57, "C3": 5, "C4": 5}
    assert result.dimensions == {"findability": (80, 100), "accessibility": (14.29, 100),
                                 "interoperability": (54.28, 110), "reusability": (70, 75),
                                 "contextuality": (18.57, 20)}
    assert (result.total, result.band, result.title, result.distributions) == (237.14, "good", "Drogerien", 7)
    assert result.unchecked == ("A1", "A3")
    assert result.upper_bound == 308.57  # + 50 (A1) + 30 × 5/7 (A3: two distributions have no downloadURL)
    assert "33 SHACL violation(s)" in result.indicator("I6").detail.en


def test_rostock_drugstores_with_every_url_reachable_score_308_57():
    # A1: all 7 distributions have an accessURL → 50; A3: 5 of 7 have a downloadURL → 30 × 5/7 = 21.43.
    result = score(ROSTOCK, ROSTOCK_DATASET, reachability=reachable)
    assert (result.indicator("A1").points, result.indicator("A3").points) == (50, 21.43)
    assert result.total == 237.14 + 50 + 21.43 == 308.57
    assert result.unchecked == ()


def test_rostock_drugstores_score_270_with_the_best_distribution_rule():
    # The GeoJSON distribution has every distribution-level property: A2 20, I1–I5 20+10+10+20+20, R1 20, R2 10,
    # C1 5, C2 5 (A1/A3 not checked); the dataset-level indicators as above: 80 + 20 + 80 + 70 + 20 = 270.
    result = score(ROSTOCK, ROSTOCK_DATASET, rule="best")
    assert result.total == 270 and result.band == "good"
    assert result.indicator("I4").detail.en.startswith("best of 7 distributions, <https://www.opendata-hro.de/"
                                                      "dataset/305d5bb9-28cb-496f-ad29-09838c5dcdbc/resource/2b3abb6b")


def test_potsdam_election_results_score_135_sufficient():
    """Brandenburg/Potsdam "Europawahl 2019", 2 distributions with literal formats "csv"/"json", literal media
    types, licences "Nutzungsbedingungen der LHP" (a literal) and http://dcat-ap.de/def/licenses/other-closed:

    F: theme 30 (no keyword, spatial, temporal). A: no downloadURL → 0 (A1 not checked).
    I: I1 20, I2 10, I3 0 (no IRIs at all), I4 20 and I5 20 (CSV, JSON), I6 0 → 70.
    R: R1 20, R2 10 × 1/2 = 5, R6 10 (publisher literal "t173385" is present) → 35. C: nothing → 0.
    Total 30 + 0 + 70 + 35 + 0 = 135 → sufficient (121–220). Best rule: the JSON distribution with the
    vocabulary licence → R2 10 → 140.
    """
    result = score(BRANDENBURG, POTSDAM_DATASET)
    assert result.dimensions == {"findability": (30, 100), "accessibility": (0, 100),
                                 "interoperability": (70, 110), "reusability": (35, 75), "contextuality": (0, 20)}
    assert (result.total, result.band) == (135, "sufficient")
    assert result.indicator("R2").detail.en == (
        "1 of 2 distributions have a dct:license from a licence vocabulary (EU, DCAT-AP.de); "
        "not: <https://opendata.potsdam.de/api/v2/catalog/datasets/ew2019-csv>")
    assert score(BRANDENBURG, POTSDAM_DATASET, rule="best").total == 140


def test_a_ckan_catalogue_page_scores_each_of_its_six_datasets_and_their_mean():
    scores = score_all(CKAN_PAGE)
    assert [(s.dataset.rsplit("/", 1)[-1][:8], s.total, s.band) for s in scores] == [
        ("0ee2fe79", 196.67, "sufficient"), ("3ca58f59", 180, "sufficient"), ("4ade8a03", 127.5, "sufficient"),
        ("63961baa", 148.58, "sufficient"), ("b5882a57", 80, "bad"), ("bd2d4fa6", 222.5, "good")]
    mean = aggregate(scores)
    assert mean.count == 6
    assert mean.total == round((196.67 + 180 + 127.5 + 148.58 + 80 + 222.5) / 6, 2) == 159.21
    assert (mean.band, mean.unchecked) == ("sufficient", ("A1", "A3"))
    assert mean.dimensions["findability"] == (53.33, 100)
    assert sum(p for p, _ in mean.dimensions.values()) == pytest.approx(mean.total, abs=0.03)


def test_aggregating_nothing_gives_no_band():
    empty = aggregate([])
    assert (empty.count, empty.total, empty.band) == (0, 0.0, None)
