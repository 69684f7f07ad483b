"""URL reachability (A1, A3) through a pluggable checker; here always a mock, never the network."""

import pytest

from lichtermeer.engines.mqa import is_reachable_status, score, score_all

from .conftest import ACCESS_URL, DATA, DOWNLOAD_URL, FULL, FULL_DATASET

ROSTOCK = DATA / "rostock-catalog-dataset-extracted.rdf"


def test_without_a_checker_the_url_points_are_not_counted_but_reported_as_not_checked():
    result = score(FULL, FULL_DATASET)
    a1, a3 = result.indicator("A1"), result.indicator("A3")
    assert (a1.points, a1.status, a1.met) == (0, "not_checked", None)
    assert (a3.points, a3.status, a3.met) == (0, "not_checked", None)
    assert result.total == 325 and result.band == "good"  # what MQA counts for URLs it could not reach
    assert (result.unchecked, result.unchecked_points, result.upper_bound) == (("A1", "A3"), 80, 405)
    assert a1.detail.en.endswith("1 URL(s) not checked (no reachability check was supplied)")
    assert a1.detail.de.endswith("1 URL(s) nicht geprüft (keine Erreichbarkeitsprüfung übergeben)")


def test_each_distinct_url_is_asked_once_per_file():
    asked = []

    def checker(url: str) -> bool:
        asked.append(url)
        return True

    score_all(ROSTOCK, reachability=checker, compliance=False)
    # 7 accessURLs, 5 downloadURLs identical to their accessURL: 7 distinct URLs, each asked once.
    assert len(asked) == len(set(asked)) == 7
    assert all(url.startswith("https://geo.sv.rostock.de/") for url in asked)


def test_a_checker_that_answers_none_for_some_urls_leaves_them_not_checked():
    def checker(url: str) -> bool | None:
        return None if url.endswith((".xlsx", ".csv")) else url.endswith((".json", ".gml", ".kml"))

    result = score(ROSTOCK, reachability=checker, compliance=False)
    a1 = result.indicator("A1")
    # reachable: json, gml, kml (3 of 7); unknown: xlsx, csv; refused: the WMS and WFS endpoints.
    assert (a1.points, a1.satisfied, a1.status) == (21.43, 3, "not_checked")
    assert "2 URL(s) not checked" in a1.detail.en
    # Only the two unknown URLs can still bring points: A1 50 × 2/7 = 14.29; A3 (xlsx, csv are download URLs
    # too) 30 × 2/7 = 8.57; I6 was switched off: 30.
    assert (a1.open_points, result.indicator("A3").open_points) == (14.29, 8.57)
    assert result.upper_bound == round(result.total + 14.29 + 8.57 + 30, 2) == 324.29


def test_a_checker_that_raises_counts_as_not_checked_and_names_the_url():
    def checker(url: str) -> bool:
        raise TimeoutError("no answer within 10 s")

    result = score(FULL, FULL_DATASET, reachability=checker, compliance=False)
    assert result.indicator("A1").status == "not_checked"
    assert f"the reachability check failed for {ACCESS_URL}: no answer within 10 s" in \
        result.indicator("A1").detail.en
    assert f"die Erreichbarkeitsprüfung schlug fehl für {DOWNLOAD_URL}" in result.indicator("A3").detail.de


def test_only_http_urls_are_handed_to_the_checker():
    turtle = b"""@prefix dcat: <http://www.w3.org/ns/dcat#> .
    <http://ex.org/d> a dcat:Dataset ; dcat:distribution <http://ex.org/x> .
    <http://ex.org/x> dcat:accessURL <ftp://files.example.org/data.csv>, <file:///etc/passwd> ;
      dcat:downloadURL "https://literal.example.org/data.csv" ."""
    asked = []

    def checker(url: str) -> bool:
        asked.append(url)
        return True

    result = score(turtle, name="x.ttl", reachability=checker, compliance=False)
    assert asked == ["https://literal.example.org/data.csv"]  # a URL written as a literal is still checked
    assert (result.indicator("A1").points, result.indicator("A1").status) == (0, "not_met")
    assert result.indicator("A3").points == 30


@pytest.mark.parametrize(("status", "reachable"), [
    (199, False), (200, True), (204, True), (301, True), (399, True), (400, False), (404, False), (500, False)])
def test_http_status_200_to_399_counts_as_reachable(status, reachable):
    assert is_reachable_status(status) is reachable


def test_a_checker_built_on_status_codes_scores_a1_and_a3():
    statuses = {ACCESS_URL: 302, DOWNLOAD_URL: 404}
    result = score(FULL, FULL_DATASET, reachability=lambda url: is_reachable_status(statuses[url]),
                   compliance=False)
    assert (result.indicator("A1").points, result.indicator("A3").points) == (50, 0)
