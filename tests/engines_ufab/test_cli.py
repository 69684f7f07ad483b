"""`lichtermeer ufab evaluate|validate FILE.json` (main(argv) never exits) and the real command."""

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from engines_ufab.support import EXAMPLES, offer, spec
from lichtermeer.engines.ufab.cli import main
from lichtermeer.engines.ufab.model import MAX_FILE_BYTES

EXAMPLE = str(EXAMPLES / "example-1-simple.json")


def write(tmp_path: Path, data, name="in.json") -> str:
    path = tmp_path / name
    path.write_bytes(data if isinstance(data, bytes) else json.dumps(data).encode())
    return str(path)


def run(capsys, *argv) -> tuple[int, dict]:
    code = main(list(argv))
    return code, json.loads(capsys.readouterr().out)


def test_evaluate_prints_offers_and_ranking(capsys):
    code, out = run(capsys, "evaluate", EXAMPLE, "--lang", "en")
    assert code == 0 and set(out) == {"offers", "ranking"}
    assert out["ranking"] == ["Beta", "Delta", "Alpha"]
    assert out["offers"][3] == {"id": "Gamma", "excluded": True, "L": None, "Z": None,
                                "reason": "fails A criterion A2 'Data export in open formats'"}
    assert all(set(o) == {"id", "excluded", "reason", "L", "Z"} for o in out["offers"])


def test_reasons_are_german_by_default(capsys):
    code, out = run(capsys, "evaluate", EXAMPLE)
    assert code == 0 and out["offers"][3]["reason"] == "erfüllt das A-Kriterium A2 'Data export in open formats' nicht"


def test_ties_are_an_extra_key(capsys, tmp_path):
    code, out = run(capsys, "evaluate", write(tmp_path, spec("simple", [offer("X", 10), offer("Y", 10)])))
    assert code == 0 and out["ties"] == [["X", "Y"]]


def test_details_print_the_full_record(capsys):
    code, out = run(capsys, "evaluate", EXAMPLE, "--details")
    assert code == 0 and out["method"] == "simple"
    assert out["offers"][0]["group_points"] == {"G1": 380}
    assert out["explanation"]["de"].startswith("Einfache Richtwertmethode")


def test_standard_input(capsys, monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(Path(EXAMPLE).read_bytes())))
    code, out = run(capsys, "evaluate", "-")
    assert code == 0 and out["ranking"][0] == "Beta"


def test_invalid_input_prints_every_problem_and_exits_2(capsys, tmp_path):
    data = spec("simple", [offer("X", 0), offer("X", 10, 12)])
    code, out = run(capsys, "evaluate", write(tmp_path, data))
    assert code == 2
    assert [p["path"] for p in out["problems"]] == ["offers[0].price", "offers[1].points.B1", "offers[1].id"]
    assert all(set(p) == {"path", "en", "de"} for p in out["problems"])


def test_validate(capsys, tmp_path):
    assert run(capsys, "validate", EXAMPLE) == (0, {"problems": []})
    code, out = run(capsys, "validate", write(tmp_path, spec("extended", decision="price")))
    assert code == 2 and out["problems"][0]["path"] == "band"


def test_invalid_json_names_line_and_column(capsys, tmp_path):
    code, out = run(capsys, "evaluate", write(tmp_path, b'{"method": "simple",\n  "criteria": [,]}'))
    problem = out["problems"][0]
    assert code == 2 and (problem["line"], problem["column"]) == (2, 16)
    assert ":2:16: invalid JSON" in problem["en"] and "(Zeile 2, Spalte 16)" in problem["de"]


def test_not_utf8_names_line_and_column(capsys, tmp_path):
    code, out = run(capsys, "validate", write(tmp_path, b'\xef\xbb\xbf{"title":\n  "M\xfcnchen"}'))
    assert code == 2 and (out["problems"][0]["line"], out["problems"][0]["column"]) == (2, 5)


@pytest.mark.parametrize(("content", "words"), [
    (b'{"method": "simple", "method": "simple"}', 'duplicate key "method"'),
    (b"[" * 100000, "nested too deeply"),
    (b'{"price": 1' + b"1" * 5000 + b"}", "invalid JSON"),
    (b"", "invalid JSON"),
])
def test_hostile_json(capsys, tmp_path, content, words):
    code, out = run(capsys, "evaluate", write(tmp_path, content))
    assert code == 2 and words in out["problems"][0]["en"]


def test_nan_is_refused_with_its_path(capsys, tmp_path):
    text = json.dumps(spec("simple")).replace('"price": 100000', '"price": NaN').encode()
    code, out = run(capsys, "evaluate", write(tmp_path, text))
    assert code == 2 and out["problems"][0]["path"] == "offers[0].price"


def test_files_over_2_mib_are_refused_unread(capsys, tmp_path):
    code, out = run(capsys, "evaluate", write(tmp_path, b" " * (MAX_FILE_BYTES + 1)))
    assert code == 2 and "too large" in out["problems"][0]["en"] and "zu groß" in out["problems"][0]["de"]


def test_a_missing_file(capsys, tmp_path):
    code, out = run(capsys, "evaluate", str(tmp_path / "nope.json"))
    assert code == 2 and "cannot be read" in out["problems"][0]["en"]


def test_usage_errors_exit_2(capsys):
    assert main([]) == 2
    assert main(["evaluate"]) == 2
    assert main(["evaluate", EXAMPLE, "--lang", "fr"]) == 2
    assert main(["--help"]) == 0
    capsys.readouterr()


def test_the_installed_command_runs_the_engine():
    command = Path(sys.executable).parent / "lichtermeer"
    if not command.exists():
        pytest.skip("the lichtermeer command is not installed in this environment")
    done = subprocess.run([str(command), "ufab", "evaluate", EXAMPLE, "--lang", "en"], capture_output=True,
                          text=True, timeout=60, check=False)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["ranking"] == ["Beta", "Delta", "Alpha"]
