"""The command line: `validate FILE... [--json]` and `diff OLD NEW [--json] [--lang]`."""

import copy
import json
import subprocess
import sys
from pathlib import Path

import pytest

from engines_catalogue.samples import CATALOGUE_FILE, MINIMAL
from lichtermeer.engines.catalogue import dump_json
from lichtermeer.engines.catalogue.cli import main

VALID = str(CATALOGUE_FILE)


@pytest.fixture
def invalid(tmp_path) -> str:
    path = tmp_path / "invalid.yml"
    path.write_text(MINIMAL.replace("obligation: MUSS", "obligation: MUST"), encoding="utf-8")
    return str(path)


@pytest.fixture
def newer(tmp_path, catalogue) -> str:
    new = copy.deepcopy(catalogue)
    new["version"] = "1.0.1"
    new["published"] = "2026-02-01"
    path = tmp_path / "new.json"
    path.write_text(dump_json(new), encoding="utf-8")
    return str(path)


def test_validate_prints_file_line_column_and_exits_one(invalid, capsys):
    assert main(["validate", VALID, invalid]) == 1
    assert capsys.readouterr().out == (f'{invalid}:10:17: requirements[0].obligation: obligation: "MUST" is not '
                                       "allowed; allowed values: MUSS, SOLL, KANN\n")


def test_validate_in_german(invalid, capsys):
    assert main(["validate", "--lang", "de", invalid]) == 1
    assert "ist nicht erlaubt; erlaubte Werte: MUSS, SOLL, KANN" in capsys.readouterr().out


def test_validate_exits_zero_and_stays_quiet_for_valid_files(capsys):
    assert main(["validate", VALID]) == 0
    assert capsys.readouterr().out == ""


def test_validate_json_has_one_object_per_file(invalid, tmp_path, capsys):
    missing = str(tmp_path / "missing.yml")
    assert main(["validate", "--json", VALID, invalid, missing]) == 1
    reports = json.loads(capsys.readouterr().out)
    assert [(r["file"], r["valid"]) for r in reports] == [(VALID, True), (invalid, False), (missing, False)]
    assert reports[0]["findings"] == []
    assert reports[1]["findings"] == [{
        "key": "requirements[0].obligation", "line": 10, "column": 17, "severity": "error",
        "description": 'obligation: "MUST" is not allowed; allowed values: MUSS, SOLL, KANN',
        "description_de": 'obligation: "MUST" ist nicht erlaubt; erlaubte Werte: MUSS, SOLL, KANN'}]
    assert reports[2]["findings"][0]["description"].startswith("cannot read file")


def test_diff_prints_german_text_by_default(newer, capsys):
    assert main(["diff", VALID, newer]) == 0
    assert capsys.readouterr().out == ("Katalog 1.0.0 → 1.0.1: Korrektur (patch)\n\n"
                                       "Katalogangaben:\n      published: 2026-01-15 → 2026-02-01\n")


def test_diff_in_english(newer, capsys):
    assert main(["diff", "--lang", "en", VALID, newer]) == 0
    assert capsys.readouterr().out.startswith("Catalogue 1.0.0 → 1.0.1: patch\n")


def test_diff_json(newer, capsys):
    assert main(["diff", "--json", VALID, newer]) == 0
    assert json.loads(capsys.readouterr().out) == {
        "from": "1.0.0", "to": "1.0.1", "bump": "patch", "added": [], "retired": [], "changed": [],
        "metadata": [{"field": "published", "from": "2026-01-15", "to": "2026-02-01"}]}


def test_diff_with_a_declared_tightening(tmp_path, catalogue, capsys):
    new = copy.deepcopy(catalogue)
    new["version"] = "2.0.0"
    new["requirements"][1]["statement"]["de"] = "Strenger."
    path = tmp_path / "new.yml"
    path.write_text(dump_json(new), encoding="utf-8")
    assert main(["diff", "--json", "--tightened", "LM-DS-01", VALID, str(path)]) == 0
    assert json.loads(capsys.readouterr().out)["bump"] == "major"


def test_diff_of_an_invalid_file_exits_one_with_findings_on_stderr(invalid, capsys):
    assert main(["diff", VALID, invalid]) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    assert f"{invalid}:10:17:" in captured.err


@pytest.mark.parametrize("argv", [[], ["frobnicate"], ["validate"], ["diff", VALID],
                                  ["diff", "--lang", "fr", VALID, VALID]])
def test_usage_errors_exit_two(argv, capsys):
    assert main(argv) == 2
    assert "usage" in capsys.readouterr().err


def test_it_runs_as_a_module(invalid):
    completed = subprocess.run(
        [sys.executable, "-m", "lichtermeer.engines.catalogue", "validate", "--json", VALID, invalid],
        capture_output=True, text=True, timeout=60, check=False,
        env={"PYTHONPATH": str(Path(__file__).parents[2] / "src"), "PATH": ""},
    )
    assert completed.returncode == 1, completed.stderr
    assert [r["valid"] for r in json.loads(completed.stdout)] == [True, False]
