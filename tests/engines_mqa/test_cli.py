"""`lichtermeer mqa score FILE... [--json]` (main(argv) never exits)."""

import json

from lichtermeer.engines.mqa.cli import main

from .conftest import DATA, FULL

ROSTOCK = str(DATA / "rostock-catalog-dataset-extracted.rdf")
BRANDENBURG = str(DATA / "brandenburg-catalog-dataset-extracted.ttl")


def test_text_output_gives_one_line_per_dataset_and_the_mean_per_file(capsys):
    assert main(["score", ROSTOCK, BRANDENBURG]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0] == "rostock-catalog-dataset-extracted.rdf"
    assert out[1].startswith("  237.14/405 Gut (F 80/100 A 14.29/100 I 54.28/110 R 70/75 C 18.57/20) "
                             "https://www.opendata-hro.de/dataset/305d5bb9")
    assert out[2] == "    nicht geprüft: A1, A3 (höchstens 308.57)"
    assert out[3] == "  Mittelwert (1): 237.14/405 Gut (F 80 A 14.29 I 54.28 R 70 C 18.57)"
    assert out[5].startswith("  135/405 Ausreichend ")


def test_english_output_and_the_best_distribution_rule(capsys):
    assert main(["score", ROSTOCK, "--lang", "en", "--rule", "best"]) == 0
    out = capsys.readouterr().out
    assert "  270/405 Good (" in out and "not checked: A1, A3 (at most 350)" in out


def test_json_output_has_every_dataset_the_file_mean_and_the_overall_mean(capsys):
    assert main(["score", ROSTOCK, str(DATA / "catalog-endpoint.rdf"), "--json", "--no-compliance"]) == 0
    data = json.loads(capsys.readouterr().out)
    rostock = data["files"]["rostock-catalog-dataset-extracted.rdf"]
    assert rostock["error"] is None and rostock["datasets"][0]["total"] == 237.14
    assert rostock["datasets"][0]["unchecked"] == ["A1", "A3", "I6"]
    catalogue = data["files"]["catalog-endpoint.rdf"]
    assert len(catalogue["datasets"]) == 6 and catalogue["aggregate"]["count"] == 6
    assert catalogue["warnings"][0]["en"].startswith("catalog-endpoint.rdf: 1 invalid IRI(s)")
    assert data["aggregate"]["count"] == 7


def test_a_broken_file_is_reported_and_exits_2_while_the_others_are_scored(capsys, tmp_path):
    empty = tmp_path / "empty.ttl"
    empty.write_text("# nothing here\n", encoding="utf-8")
    assert main(["score", str(DATA / "DataService.ttl"), str(FULL), str(empty)]) == 2
    out = capsys.readouterr().out
    assert "DataService.ttl: FEHLER: DataService.ttl:13:1: Turtle-Syntaxfehler:" in out
    assert "  325/405 Gut " in out
    assert "  ! empty.ttl: kein dcat:Dataset in der Datei, nichts wurde bewertet" in out


def test_usage_errors_exit_2(capsys):
    assert main([]) == 2
    assert main(["score"]) == 2
    assert main(["score", ROSTOCK, "--rule", "median"]) == 2
    assert main(["--help"]) == 0
    capsys.readouterr()
