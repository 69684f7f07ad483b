"""`lichtermeer dcat validate PATH... [--json]`: output and exit codes."""

import json

from engines_dcat.make_expected import DATA
from lichtermeer.cli import main as lichtermeer_main
from lichtermeer.engines.dcat.cli import main

EXAMPLES = DATA / "examples-3.0"
QUICKTEST = DATA / "testcases" / "v3.0_shapes" / "quicktest.ttl"


def test_json_lists_the_results_per_file(capsys):
    assert main(["validate", str(EXAMPLES / "DatasetSeries.ttl"), "--json"]) == 1  # violations
    out = json.loads(capsys.readouterr().out)
    assert list(out) == ["DatasetSeries.ttl"]
    results = out["DatasetSeries.ttl"]
    assert len(results) == 5
    publisher = [r for r in results if r["path"] == "http://purl.org/dc/terms/publisher"]
    assert publisher[0] == {
        "focus": "http://bienenland.example.org/rdf/dataset/12345678-9abc-4729-9044-f4d4ceaed491",
        "path": "http://purl.org/dc/terms/publisher",
        "component": "http://www.w3.org/ns/shacl#MinCountConstraintComponent",
        "severity": "http://www.w3.org/ns/shacl#Violation",
        "message": "DE: dcat:DataService: MUSS einen dcterms:publisher haben.",  # sic: GovData's text
        "value": None,
        "shape": "http://dcat-ap.de/def/dcatde/3.0/shacl/DE_Dataset_dcterms_publisher_v_Min",
    }


def test_warnings_alone_exit_0_and_text_mode_groups_by_dataset(capsys):
    assert main(["validate", str(QUICKTEST)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "quicktest.ttl: 83 Tripel, 1 Warning"
    assert lines[1] == "  Dataset http://example.org/quicktest/dataset"
    assert lines[2].startswith("    [Warning] @ http://dcat-ap.de/def/politicalGeocoding/Level/international "
                               "skos:inScheme: dcat:Dataset: dcatde:politicalGeocodingLevelURI SOLL")


def test_a_parse_error_exits_2_and_names_the_place(capsys):
    assert main(["validate", str(EXAMPLES / "DataService.ttl"), str(QUICKTEST), "--json"]) == 2
    out = json.loads(capsys.readouterr().out)
    assert out["DataService.ttl"] == {"error": "DataService.ttl:13:1: Turtle-Syntaxfehler: "
                                               "A dot is expected at the end of statements"}
    assert len(out["quicktest.ttl"]) == 1


def test_english_messages_on_request(capsys):
    assert main(["validate", str(EXAMPLES / "DataService.ttl"), "--lang", "en"]) == 2
    assert capsys.readouterr().out.startswith("DataService.ttl: ERROR: DataService.ttl:13:1: Turtle syntax error")


def test_a_directory_is_searched_for_rdf_files(capsys):
    assert main(["validate", str(EXAMPLES), "--json"]) == 2  # two of the four official examples are broken
    out = json.loads(capsys.readouterr().out)
    assert sorted(out) == sorted(p.name for p in EXAMPLES.glob("*.ttl"))


def test_usage_errors_exit_2(capsys):
    assert main([]) == 2
    assert main(["validate"]) == 2
    assert main(["frobnicate", "x"]) == 2
    assert "usage" in capsys.readouterr().err


def test_the_lichtermeer_dispatcher_reaches_this_cli(capsys):
    assert lichtermeer_main(["dcat", "validate", str(QUICKTEST), "--json"]) == 0
    assert list(json.loads(capsys.readouterr().out)) == ["quicktest.ttl"]
