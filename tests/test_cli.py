import json
import subprocess
import sys

from lichtermeer import cli
from lichtermeer.settings import database_from_url


def test_it_prints_help_without_arguments(capsys):
    assert cli.main([]) == 0
    assert "publiccode validate" in capsys.readouterr().out


def test_it_rejects_an_unknown_command(capsys):
    assert cli.main(["frobnicate"]) == 2
    assert "unknown command" in capsys.readouterr().err


def test_the_console_script_validates_publiccode(tmp_path):
    bad = tmp_path / "publiccode.yml"
    bad.write_text("name: [unclosed\n", encoding="utf-8")
    run = subprocess.run(
        [sys.executable, "-m", "lichtermeer.cli", "publiccode", "validate", str(bad), "--json", "--no-network"],
        capture_output=True, text=True, check=False,
    )
    assert run.returncode == 1
    report = json.loads(run.stdout)
    assert report[0]["file"] == str(bad) and report[0]["valid"] is False
    assert {"type", "key", "description", "line", "column"} <= set(report[0]["findings"][0])


def test_it_reads_a_postgres_url():
    db = database_from_url("postgresql://lm:s%40cret@db.internal:5433/lichtermeer")
    assert (db["USER"], db["PASSWORD"], db["HOST"], db["PORT"], db["NAME"]) == (
        "lm", "s@cret", "db.internal", "5433", "lichtermeer",
    )
