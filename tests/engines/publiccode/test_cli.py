"""The command line: `validate PATH... [--json] [--no-network]`."""

import json
import subprocess
import sys
from pathlib import Path

from lichtermeer.engines.publiccode.cli import main

TESTDATA = Path(__file__).parent / "corpus/testdata/v0"
VALID = str(TESTDATA / "valid/no-network/valid.yml")
INVALID = str(TESTDATA / "invalid/name_missing.yml")


def test_json_output_has_one_object_per_file(capsys):
    assert main(["validate", "--json", "--no-network", VALID, INVALID]) == 1
    reports = json.loads(capsys.readouterr().out)
    assert [(r["file"], r["valid"]) for r in reports] == [(VALID, True), (INVALID, False)]
    assert reports[1]["findings"] == [
        {"type": "error", "key": "name", "description": "name is a required field", "line": 1, "column": 1}]


def test_text_output_uses_parser_go_errorformat(capsys):
    assert main(["validate", "--no-network", INVALID]) == 1
    assert capsys.readouterr().out == f"{INVALID}:1:1: error: name: name is a required field\n"


def test_it_exits_zero_when_every_file_is_valid(capsys):
    assert main(["validate", "--no-network", VALID]) == 0
    assert capsys.readouterr().out == ""


def test_it_exits_two_on_usage_errors(capsys):
    assert main(["frobnicate"]) == 2
    assert "usage" in capsys.readouterr().err


def test_it_runs_as_a_module(tmp_path):
    completed = subprocess.run(
        [sys.executable, "-m", "lichtermeer.engines.publiccode", "validate", "--json", "--no-network",
         INVALID],
        capture_output=True, text=True, timeout=60, check=False,
        env={"PYTHONPATH": str(Path(__file__).parents[3] / "src"), "PATH": ""},
    )
    assert completed.returncode == 1
    assert json.loads(completed.stdout)[0]["valid"] is False
