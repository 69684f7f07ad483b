"""Our results equal pySHACL's, result for result, on every real catalogue and official test case.

The recordings in data/expected/ were made by make_expected.py with pySHACL configured like GovData's validator;
one test runs the installed pySHACL live on a small file to prove the recordings still hold.
"""

import json
from collections import Counter

import pytest

from engines_dcat.make_expected import DATA, expected_path, inputs
from lichtermeer.engines.dcat import validate_file
from lichtermeer.engines.dcat.compare import differences
from lichtermeer.engines.dcat.terms import SH

INPUTS = inputs()
RECORDED = {source: json.loads(expected_path(source).read_text("utf-8")) for source in INPUTS}
PARSEABLE = [source for source in INPUTS if "error" not in RECORDED[source]]
UNPARSEABLE = [source for source in INPUTS if "error" in RECORDED[source]]


def _id(source):
    return source.relative_to(DATA).as_posix()


def test_every_input_file_has_a_recording_and_the_corpus_is_complete():
    names = {_id(source) for source in INPUTS}
    assert len([n for n in names if n.startswith("catalogs/")]) == 6
    assert len([n for n in names if n.startswith("testcases/")]) == 50
    assert {n for n in names if n.startswith("examples-3.0/")} == {
        "examples-3.0/DataService.ttl", "examples-3.0/Dataset-und-Distribution.ttl",
        "examples-3.0/DatasetSeries.ttl", "examples-3.0/2024-02-22_UAG_Beispieldatensatz_v1.ttl"}
    assert {_id(source) for source in UNPARSEABLE} == {
        "examples-3.0/DataService.ttl", "examples-3.0/2024-02-22_UAG_Beispieldatensatz_v1.ttl",
        "harvest-fixtures/sh-dcat-catalog-proxy/invalid_iri.xml"}


@pytest.mark.parametrize("source", PARSEABLE, ids=_id)
def test_results_equal_the_recorded_pyshacl_results(source, profile):
    recorded = RECORDED[source]
    report = validate_file(source, profile=profile)
    assert report.error is None, report.error
    ours = [result.key() for result in report.results]
    theirs = [tuple(row[:6]) for row in recorded["results"]]
    assert differences(ours, theirs) == []
    assert Counter(ours) == Counter(theirs)
    # The message: the shape's own German sh:message, which pySHACL also reports (it reports all of them).
    messages_by_key: dict[tuple, set[str]] = {}
    for row in recorded["results"]:
        messages_by_key.setdefault(tuple(row[:6]), set()).update(recorded["messages"][row[6]])
    for result in report.results:
        if profile.shapes.shapes[result.shape].messages:
            assert result.message.de in messages_by_key[result.key()], result


@pytest.mark.parametrize("source", UNPARSEABLE, ids=_id)
def test_files_pyshacl_cannot_parse_are_parse_errors_for_us_too(source, profile):
    report = validate_file(source, profile=profile)
    assert report.error is not None
    assert report.results == []
    assert report.error.de.startswith(source.name + ":")


def test_the_recorded_figures_match_the_corpus_readme():
    def counts(name):
        return Counter(row[3].removeprefix(SH) for row in RECORDED[DATA / name]["results"])

    assert counts("catalogs/rostock-catalog-original-input.rdf") == {"Violation": 3537, "Warning": 2588}
    assert counts("catalogs/brandenburg-catalog-original-input.rdf") == {"Violation": 1285, "Warning": 148}
    assert counts("examples-3.0/DatasetSeries.ttl") == {"Violation": 5}
    assert counts("testcases/v3.0_shapes/quicktest.ttl") == {"Warning": 1}


def test_pyshacl_run_live_still_agrees_with_the_recording_and_with_us(profile):
    pytest.importorskip("pyshacl")
    from lichtermeer.engines.dcat.reference import Reference

    source = DATA / "examples-3.0" / "DatasetSeries.ttl"
    live, _seconds = Reference().validate(source.name, source.read_bytes())
    live_keys = Counter(result.key() for result in live)
    assert live_keys == Counter(tuple(row[:6]) for row in RECORDED[source]["results"])
    assert live_keys == Counter(result.key() for result in validate_file(source, profile=profile).results)
    assert sum(1 for key in live_keys.elements() if key[0] == "_:") == 2  # blank focus nodes matched as blank
