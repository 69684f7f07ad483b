"""`lichtermeer mdk classify FILE.csv [--json]`: output shape and hostile CSV files."""

import json

import pytest

from lichtermeer import cli as lichtermeer_cli
from lichtermeer.engines.mdk import cli, csvinput

KEYS = {"thema", "bezeichnung", "uri", "confidence"}


@pytest.fixture(autouse=True)
def _session_classifier(monkeypatch, trained):
    # The shipped classifier would train on all data; the session's model answers the same way for these rows.
    monkeypatch.setattr(cli, "default_classifier", lambda: trained)


def _write(tmp_path, content, name="datasets.csv"):
    path = tmp_path / name
    path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    return str(path)


def test_json_output_lists_one_result_per_row(tmp_path, capsys, taxonomy):
    path = _write(tmp_path, 'title,description\n"Bebauungsplan Nr. 7, Am Markt",Satzung\n'
                            "Abfallkalender 2024,Termine der Müllabfuhr\n")
    assert cli.main(["classify", path, "--json"]) == 0
    results = json.loads(capsys.readouterr().out)
    assert [set(r) for r in results] == [KEYS, KEYS]
    assert [r["bezeichnung"] for r in results] == ["Bebauungsplan", "Abfallkalender"]
    for result in results:
        concept = taxonomy.concepts[result["uri"]]
        assert (result["thema"], result["bezeichnung"]) == (concept.thema, concept.bezeichnung)
        assert 0.0 <= result["confidence"] <= 1.0


def test_the_table_marks_rows_to_confirm(tmp_path, capsys):
    path = _write(tmp_path, "title,description\nAbfallkalender 2024,Müllabfuhr\nXyzzy plugh,\n")
    assert cli.main(["classify", path]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split()[:3] == ["line", "confidence", "check"]
    assert "Abfallentsorgung" in lines[1] and "?" not in lines[1]
    assert " ? " in lines[2]
    assert lines[-1] == "2 rows, 1 to confirm (?) / 2 Zeilen, 1 zu bestätigen (?)"


def test_semicolons_a_bom_german_headers_and_a_reference_are_understood(tmp_path, capsys):
    reference = "https://musterdatenkatalog.de/def/musterdatensatz/abfallentsorgung/abfallkalender"
    path = _write(tmp_path, ("\ufeffTitel;Beschreibung;reference_uri\nBebauungsplan 3;;" + reference + "\n").encode())
    assert cli.main(["classify", path, "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == [
        {"thema": "Abfallentsorgung", "bezeichnung": "Abfallkalender", "uri": reference, "confidence": 1.0}]


def test_the_main_command_dispatches_to_the_engine(tmp_path, capsys):
    path = _write(tmp_path, "title,description\nAbfallkalender 2024,\n")
    assert lichtermeer_cli.main(["mdk", "classify", path, "--json"]) == 0
    assert json.loads(capsys.readouterr().out)[0]["bezeichnung"] == "Abfallkalender"


@pytest.mark.parametrize(("content", "english", "german"), [
    ("title,beschreibung_fehlt\nA,B\n", ":1: missing column(s) description (header has: title, beschreibung_fehlt)",
     "Spalte(n) description fehlen"),
    (b"title,description\nStra\xdfe,x\n", ":2:5: not valid UTF-8", "kein gültiges UTF-8"),
    ("", ": the file is empty", "die Datei ist leer"),
    ("title,description\n\n", ": no data rows below the header", "keine Datenzeilen"),
    ('title,description\n"A"B,c\n', ":2: broken CSV", "fehlerhaftes CSV"),
])
def test_a_broken_csv_is_refused_with_a_clear_reason(tmp_path, capsys, content, english, german):
    path = _write(tmp_path, content)
    assert cli.main(["classify", path, "--json"]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert english in captured.err and german in captured.err
    assert path in captured.err


def test_size_and_row_limits_are_enforced(tmp_path, capsys, monkeypatch):
    path = _write(tmp_path, "title,description\n" + "Abfallkalender,x\n" * 30)
    monkeypatch.setattr(csvinput, "MAX_BYTES", 100)
    assert cli.main(["classify", path]) == 2
    assert "file too large" in capsys.readouterr().err
    monkeypatch.setattr(csvinput, "MAX_BYTES", 10_000)
    monkeypatch.setattr(csvinput, "MAX_ROWS", 10)
    assert cli.main(["classify", path]) == 2
    assert "more than 10 data rows" in capsys.readouterr().err


def test_a_missing_file_and_bad_arguments_exit_with_2(tmp_path, capsys):
    assert cli.main(["classify", str(tmp_path / "missing.csv")]) == 2
    assert "Datei kann nicht gelesen werden" in capsys.readouterr().err
    assert cli.main([]) == 2
    assert cli.main(["classify", str(tmp_path / "x.csv"), "--threshold", "2"]) == 2
