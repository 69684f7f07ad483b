"""Every indicator, exercised on small hand-written Turtle: data/full.ttl earns all 405 points; each test below
changes one line and checks that exactly the expected points are lost."""

import pytest

from lichtermeer.engines.mqa import score

from .conftest import ACCESS_URL, DOWNLOAD_URL, FULL_DATASET, reachable

FT = "http://publications.europa.eu/resource/authority/file-type/"
IANA = "https://www.iana.org/assignments/media-types/"


def mutate(turtle: str, line: str, replacement: str | None) -> str:
    """Replace the one line of `turtle` whose stripped text is `line` (None: delete it)."""
    lines = turtle.splitlines()
    found = [n for n, text in enumerate(lines) if text.strip() == line]
    assert len(found) == 1, f"{line!r} found {len(found)} times"
    if replacement is None:
        del lines[found[0]]
    else:
        lines[found[0]] = "  " + replacement
    return "\n".join(lines) + "\n"


def lost_points(result) -> dict[str, float]:
    return {i.id: round(i.maximum - i.points, 2) for i in result.indicators
            if i.points < i.maximum and i.status != "not_checked"}


def score_text(turtle: str, **options):
    options.setdefault("reachability", reachable)
    return score(turtle.encode(), FULL_DATASET, name="full.ttl", **options)


def test_the_full_dataset_earns_all_405_points_and_is_excellent(full_turtle):
    result = score_text(full_turtle)
    assert result.total == 405 and result.band == "excellent"
    assert all(i.status == "met" and i.met is True for i in result.indicators)
    assert result.dimensions == {"findability": (100, 100), "accessibility": (100, 100),
                                 "interoperability": (110, 110), "reusability": (75, 75), "contextuality": (20, 20)}
    assert result.title == "Baumkataster" and result.distributions == 1 and result.unchecked == ()
    assert result.indicator("I6").detail.en.endswith("have no SHACL violation (DCAT-AP.de 3.0)")


LINE = {
    "keyword": 'dcat:keyword "Bäume" ;',
    "theme": "dcat:theme <http://publications.europa.eu/resource/authority/data-theme/ENVI> ;",
    "spatial": "dcterms:spatial <place> ;",
    "temporal": "dcterms:temporal <period> ;",
    "rights_access": "dcterms:accessRights <http://publications.europa.eu/resource/authority/access-right/PUBLIC> ;",
    "contact": "dcat:contactPoint <contact> ;",
    "publisher": "dcterms:publisher <publisher> ;",
    "issued": 'dcterms:issued "2024-01-15T00:00:00"^^xsd:dateTime ;',
    "modified": 'dcterms:modified "2024-06-01T00:00:00"^^xsd:dateTime ;',
    "download": "dcat:downloadURL <https://data.example.org/trees.csv> ;",
    "format": f"dcterms:format <{FT}CSV> ;",
    "media": f"dcat:mediaType <{IANA}text/csv> ;",
    "licence": "dcterms:license <http://dcat-ap.de/def/licenses/dl-zero-de/2.0> ;",
    "rights": "dcterms:rights <rights> ;",
    "size": 'dcat:byteSize "123456"^^xsd:nonNegativeInteger .',
}

# indicator -> (line changed, its replacement or None to delete, points lost). Some properties feed several
# indicators: without dct:format there is nothing to be non-proprietary, machine-readable or from the vocabulary.
MUTATIONS = {
    "F1": ("keyword", None, {"F1": 30}),
    "F2": ("theme", None, {"F2": 30}),
    "F3": ("spatial", None, {"F3": 20}),
    "F4": ("temporal", None, {"F4": 20}),
    "A2": ("download", None, {"A2": 20, "A3": 30}),
    "I1": ("format", None, {"I1": 20, "I3": 5, "I4": 20, "I5": 20}),
    "I2": ("media", None, {"I2": 10, "I3": 5}),
    "I3": ((("format", 'dcterms:format "CSV" ;'), ("media", 'dcat:mediaType "text/csv" ;')), None,
           {"I3": 10}),  # literals name the format but are no vocabulary IRIs
    "I4": ("format", f"dcterms:format <{FT}XLSX> ;", {"I4": 20}),  # machine-readable, proprietary
    "I5": ("format", f"dcterms:format <{FT}TXT> ;", {"I5": 20}),  # non-proprietary, not machine-readable
    "R1": ("licence", None, {"R1": 20, "R2": 10}),
    "R2": ("licence", "dcterms:license <https://example.org/our-own-licence> ;", {"R2": 10}),
    "R3": ("rights_access", None, {"R3": 10, "R4": 5}),
    "R4": ("rights_access", 'dcterms:accessRights "public" ;', {"R4": 5}),
    "R5": ("contact", None, {"R5": 20}),
    "R6": ("publisher", None, {"R6": 10}),
    "C1": ("rights", None, {"C1": 5}),
    "C2": ("size", 'dcterms:identifier "x" .', {"C2": 5}),  # the byteSize line ends the distribution's block
    "C3": ("issued", None, {"C3": 5}),
    "C4": ("modified", None, {"C4": 5}),
}


@pytest.mark.parametrize("indicator", sorted(MUTATIONS))
def test_changing_one_property_loses_exactly_the_points_of_the_indicators_built_on_it(full_turtle, indicator):
    key, replacement, expected = MUTATIONS[indicator]
    changes = key if isinstance(key, tuple) else ((key, replacement),)
    turtle = full_turtle
    for line, new in changes:
        turtle = mutate(turtle, LINE[line], new)
    result = score_text(turtle, compliance=False)
    assert result.indicator("I6").status == "not_checked"
    assert lost_points(result) == expected
    assert result.total == 375 - sum(expected.values())
    changed = result.indicator(indicator)
    assert changed.status in ("not_met", "partial") and changed.met is False


def test_an_unreachable_access_url_loses_the_50_points_of_a1(full_turtle):
    result = score_text(full_turtle, reachability=lambda url: url != ACCESS_URL, compliance=False)
    assert lost_points(result) == {"A1": 50}
    assert result.indicator("A1").detail.en.startswith("0 of 1 distributions answer at their dcat:accessURL")


def test_an_unreachable_download_url_loses_the_30_points_of_a3(full_turtle):
    result = score_text(full_turtle, reachability=lambda url: url != DOWNLOAD_URL, compliance=False)
    assert lost_points(result) == {"A3": 30}


def test_a_missing_mandatory_description_breaks_dcat_ap_compliance_only(full_turtle):
    broken = mutate(full_turtle, 'dcterms:description "Alle Straßenbäume der Stadt"@de ;', None)
    result = score_text(broken)
    assert lost_points(result) == {"I6": 30}
    assert result.total == 375 and result.band == "excellent"
    detail = result.indicator("I6").detail
    assert "SHACL violation" in detail.en and "dcterms:description" in detail.en and "SHACL-Verstoß" in detail.de


# --- distribution rules ----------------------------------------------------------------------------------------

TWO_DISTRIBUTIONS = """
@prefix dcat: <http://www.w3.org/ns/dcat#> . @prefix dct: <http://purl.org/dc/terms/> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
<http://ex.org/d> a dcat:Dataset ; dct:title "Zwei" ;
  dcat:distribution <http://ex.org/good>, <http://ex.org/thin> .
<http://ex.org/good> a dcat:Distribution ; dcat:accessURL <https://ex.org/a> ; dcat:downloadURL <https://ex.org/a.csv> ;
  dct:format <http://publications.europa.eu/resource/authority/file-type/CSV> ;
  dcat:mediaType <http://www.iana.org/assignments/media-types/text/csv> ;
  dct:license <http://publications.europa.eu/resource/authority/licence/CC_BY_4_0> ;
  dct:rights "frei" ; dcat:byteSize "10"^^xsd:decimal ; dct:issued "2024-01-01"^^xsd:date .
<http://ex.org/thin> a dcat:Distribution ; dcat:accessURL <https://ex.org/b> ;
  dct:format "PDF" ; dct:modified "2024-02-01"^^xsd:date .
"""


def test_share_rule_gives_the_share_of_distributions_that_satisfy_each_indicator():
    result = score(TWO_DISTRIBUTIONS.encode(), "http://ex.org/d", name="two.ttl", reachability=reachable,
                   compliance=False)
    points = {i.id: i.points for i in result.indicators if i.points}
    # "good" satisfies all twelve distribution-level indicators, "thin" only A1 and I1 (PDF is neither
    # non-proprietary nor machine-readable, and a literal is no vocabulary IRI): 1/2 of each, 2/2 of A1 and I1.
    assert points == {"A1": 50, "A2": 10, "A3": 15, "I1": 20, "I2": 5, "I3": 5, "I4": 10, "I5": 10,
                      "R1": 10, "R2": 5, "C1": 2.5, "C2": 2.5}
    assert result.total == 145 and result.band == "sufficient"  # no dataset-level property, I6 not checked
    assert result.indicator("A2").satisfied == 1 and result.indicator("A2").population == 2
    assert result.indicator("A2").status == "partial"
    assert result.indicator("A2").detail.en == "1 of 2 distributions have a dcat:downloadURL; not: <http://ex.org/thin>"
    assert result.indicator("A2").detail.de == ("1 von 2 Distributionen haben eine dcat:downloadURL; "
                                                "nicht: <http://ex.org/thin>")


def test_best_rule_scores_the_best_distribution_and_takes_its_dates_when_the_dataset_has_none():
    result = score(TWO_DISTRIBUTIONS.encode(), "http://ex.org/d", name="two.ttl", reachability=reachable,
                   compliance=False, rule="best")
    # "good" earns all 220 distribution-level points, plus 5 for C3 through its dct:issued; dct:modified of
    # "thin" does not count, because only the chosen distribution stands in for the dataset.
    assert result.total == 225 and result.band == "good"
    assert result.indicator("C3").points == 5 and "chosen distribution <http://ex.org/good>" in \
        result.indicator("C3").detail.en
    assert result.indicator("C4").points == 0
    assert result.indicator("A2").detail.en == (
        "best of 2 distributions, <http://ex.org/good>: have a dcat:downloadURL: yes")


def test_a_dataset_without_distributions_earns_nothing_on_distribution_indicators():
    turtle = b'<http://ex.org/d> a <http://www.w3.org/ns/dcat#Dataset> ; <http://www.w3.org/ns/dcat#keyword> "k" .'
    for rule in ("share", "best"):
        result = score(turtle, name="empty.ttl", reachability=reachable, compliance=False, rule=rule)
        assert result.total == 30 and result.distributions == 0
        a2 = result.indicator("A2")
        assert (a2.points, a2.population, a2.status) == (0, 0, "not_met")
        assert a2.detail.de == "Datensatz <http://ex.org/d> hat keine dcat:distribution"


# --- vocabulary matching -------------------------------------------------------------------------------------

def distribution_with(lines: str) -> bytes:
    return (f"""@prefix dcat: <http://www.w3.org/ns/dcat#> . @prefix dct: <http://purl.org/dc/terms/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
<http://ex.org/d> a dcat:Dataset ; dcat:distribution <http://ex.org/x> .
<http://ex.org/x> a dcat:Distribution ; {lines} .""").encode()


def indicator_points(data: bytes) -> dict[str, float]:
    result = score(data, "http://ex.org/d", name="x.ttl", compliance=False)
    return {i.id: i.points for i in result.indicators if i.points}


def test_vocabulary_iris_match_whatever_the_scheme_www_prefix_or_media_type_case():
    # Rostock writes https://www.dcat-ap.de/def/licenses/cc-zero for http://dcat-ap.de/def/licenses/cc-zero.
    points = indicator_points(distribution_with(
        "dct:format <https://publications.europa.eu/resource/authority/file-type/JSON> ; "
        "dcat:mediaType <http://iana.org/assignments/media-types/Application/JSON/> ; "
        "dct:license <https://www.dcat-ap.de/def/licenses/cc-zero>"))
    assert points == {"I1": 20, "I2": 10, "I3": 10, "I4": 20, "I5": 20, "R1": 20, "R2": 10}


def test_an_unknown_iri_in_a_vocabulary_namespace_does_not_count():
    points = indicator_points(distribution_with(
        f"dct:format <{FT}NO_SUCH_TYPE> ; dcat:mediaType <{IANA}text/nonsense> ; "
        "dct:license <http://dcat-ap.de/def/licenses/no-such-licence>"))
    assert points == {"I1": 20, "I2": 10, "R1": 20}


def test_format_literals_and_labelled_blank_nodes_name_the_format_for_i4_and_i5_but_not_i3():
    # Brandenburg writes dct:format "csv"; NTI-style data a dct:IMT blank node with a label.
    assert indicator_points(distribution_with('dct:format "csv"')) == {"I1": 20, "I4": 20, "I5": 20}
    assert indicator_points(distribution_with('dct:format [ rdfs:label "GeoJSON" ]')) == {"I1": 20, "I4": 20, "I5": 20}
    assert indicator_points(distribution_with('dct:format "text/csv"')) == {"I1": 20}  # a media type, not a format


def test_format_and_media_type_each_count_half_for_i3():
    points = indicator_points(distribution_with(f'dct:format <{FT}CSV> ; dcat:mediaType "text/csv"'))
    assert points["I3"] == 5
