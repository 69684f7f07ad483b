"""The API the Django app calls: inputs, results grouped by dataset/distribution, messages, the profile."""

import subprocess
import sys

import pytest

from engines_dcat.make_expected import DATA
from lichtermeer.engines.dcat import ProfileError, validate, validate_bytes
from lichtermeer.engines.dcat.graph import Graph
from lichtermeer.engines.dcat.shapes import Shape, compile_shapes
from lichtermeer.engines.dcat.terms import SH

EXAMPLE = DATA / "examples-3.0" / "Dataset-und-Distribution.ttl"
DATASET = "http://bienenland.example.org/rdf/dataset/12345678-9abc-4729-9044-f4d4ceaed491"
MINIMAL = b"""@prefix dcat: <http://www.w3.org/ns/dcat#> . @prefix dct: <http://purl.org/dc/terms/> .
<http://example.org/d> a dcat:Dataset ; dct:title "Parkplaetze"@de ; dcat:distribution <http://example.org/d/csv> .
<http://example.org/d/csv> a dcat:Distribution ; dcat:accessURL <http://example.org/p.csv> ; dct:format "CSV" .
"""


def test_validate_takes_paths_and_name_bytes_pairs_and_keeps_their_order(profile):
    report = validate([EXAMPLE, ("upload.ttl", MINIMAL), str(DATA / "examples-3.0" / "DataService.ttl")],
                      profile=profile)
    assert [f.name for f in report.files] == ["Dataset-und-Distribution.ttl", "upload.ttl", "DataService.ttl"]
    assert report.has_errors and report.has_violations
    assert validate(("upload.ttl", MINIMAL), profile=profile).files[0].triples == 6
    assert validate(EXAMPLE, profile=profile).files[0].counts() == {"Violation": 3, "Warning": 8}


def test_results_carry_full_iris_and_the_german_message_of_the_shape(profile):
    results = validate_bytes("upload.ttl", MINIMAL, profile=profile).results
    formats = [r for r in results if r.path == "http://purl.org/dc/terms/format"]
    assert [(r.focus, r.component, r.severity) for r in formats] == [
        ("http://example.org/d/csv", SH + "NodeKindConstraintComponent", SH + "Violation")]
    assert formats[0].to_dict()["value"] == '"CSV"'
    assert formats[0].message.de == ("dcat:Distribution: dcterms:format MUSS auf eine Blank Node oder eine IRI "
                                     "verweisen.")
    description = [r for r in results if r.path == "http://purl.org/dc/terms/description"]
    assert description[0].component == SH + "MinCountConstraintComponent" and description[0].value is None
    assert set(formats[0].to_dict()) == {"focus", "path", "component", "severity", "message", "value", "shape"}


def test_every_active_shape_has_a_german_message_and_others_get_a_generated_pair(profile):
    inner = {n for s in profile.shapes.shapes.values() for n in s.nots}  # the sh:not shapes report nothing
    active = [s for s in profile.shapes.shapes.values()
              if not s.deactivated and s not in inner
              and (s.min_count or s.max_count is not None or s.classes or s.node_kind or s.has_values or s.patterns
                   or s.datatype or s.nots)]
    assert len(active) > 250 and all(s.own_message is not None for s in active)
    silent = Shape("http://example.org/S", path="http://purl.org/dc/terms/title", max_count=1)
    text = silent.message(SH + "MaxCountConstraintComponent", 1)
    assert text.en == "More than 1 values (http://purl.org/dc/terms/title)"
    assert text.de == "Mehr als 1 Werte (http://purl.org/dc/terms/title)"


def test_results_are_grouped_by_the_dataset_or_distribution_they_belong_to(profile):
    report = validate_bytes(EXAMPLE.name, EXAMPLE.read_bytes(), profile=profile)
    groups = report.by_resource()
    assert {node: len(results) for node, results in groups.items()} == {
        DATASET: 7, DATASET + "/distribution-1": 2, DATASET + "/distribution-2": 2}
    # A blank dct:Location below the dataset belongs to the dataset.
    geometry = next(r for r in report.results if r.path == "http://www.w3.org/ns/locn#geometry")
    assert geometry.focus.startswith("_:") and report.resource_of(geometry).node == DATASET
    assert report.resource_of(geometry).kind == "Dataset"
    # One shared status concept, checked below each distribution: each result stays with its own distribution.
    status = [r for r in report.results if r.focus == "http://purl.org/adms/status/Completed"]
    assert sorted(report.resource_of(r).node for r in status) == [DATASET + "/distribution-1",
                                                                  DATASET + "/distribution-2"]
    assert [o.kind for o in report.locate("http://purl.org/adms/status/Completed")] == ["Distribution"] * 2


def test_report_to_dict_lists_results_per_file_and_errors_as_such(profile):
    report = validate([("upload.ttl", MINIMAL), ("broken.ttl", b"<a> <b> .")], profile=profile)
    out = report.to_dict()
    assert list(out) == ["upload.ttl", "broken.ttl"]
    assert all(r["severity"].startswith(SH) for r in out["upload.ttl"])
    assert out["broken.ttl"]["error"].startswith("broken.ttl:1:")


def test_the_profile_is_the_govdata_configuration(profile):
    assert [p.name for p in profile.shapes_files] == [
        "dcat-ap-SHACL.ttl", "dcat-ap-de-imports.ttl", "dcat-ap-SHACL-DE.ttl", "dcat-ap-de-deprecated.ttl",
        "dcat-ap-spec-german-additions.ttl", "dcat-ap-de-controlledvocabularies.ttl"]
    assert len(profile.vocabulary_files) == 16 and profile.vocabulary.triples == 10_828
    assert sum(s.deactivated for s in profile.shapes.shapes.values()) == 59
    # Deactivated shapes are never evaluated: the SEMIC range shape of dcat:theme would fire on every EU theme.
    assert all(not s.deactivated for s in profile.shapes.targeted)


@pytest.mark.parametrize(("snippet", "reason"), [
    ("sh:minLength 3", "unsupported parameters"),
    ("sh:closed true", "sh:closed true"),
    ("sh:datatype xsd:dateTime", "not supported"),
])
def test_shapes_the_engine_cannot_evaluate_are_refused_not_half_checked(snippet, reason):
    import pyoxigraph as ox

    turtle = f"""@prefix sh: <http://www.w3.org/ns/shacl#> . @prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
    <http://example.org/S> a sh:NodeShape ; sh:targetClass <http://example.org/C> ;
        sh:property [ sh:path <http://example.org/p> ; {snippet} ] ."""
    graph = Graph()
    graph.add_all(ox.parse(turtle.encode(), format=ox.RdfFormat.TURTLE))
    with pytest.raises(ProfileError, match=reason):
        compile_shapes(graph)


def test_the_engine_imports_no_django():
    code = "import sys, lichtermeer.engines.dcat.cli, lichtermeer.engines.dcat; print('django' in sys.modules)"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "False"
