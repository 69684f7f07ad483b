"""`lichtermeer tender render|check|example` (main(argv) never exits)."""

import io
import json

import docx

from lichtermeer.engines.tender import example_spec, spec_from_dict
from lichtermeer.engines.tender.cli import main


def _example(tmp_path, capsys, change=None):
    assert main(["example"]) == 0
    data = json.loads(capsys.readouterr().out)
    if change:
        change(data)
    path = tmp_path / "spec.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def test_example_prints_a_spec_that_validates(capsys):
    assert main(["example"]) == 0
    assert spec_from_dict(json.loads(capsys.readouterr().out)) == example_spec()


def test_render_writes_docx_and_odt(tmp_path, capsys):
    spec = _example(tmp_path, capsys)
    out = tmp_path / "lb.docx"
    assert main(["render", str(spec), "--kind", "leistungsbeschreibung", "--format", "docx", "-o", str(out)]) == 0
    assert docx.Document(io.BytesIO(out.read_bytes())).paragraphs[0].text == "Leistungsbeschreibung"
    out = tmp_path / "bm.odt"
    assert main(["render", str(spec), "--kind", "bewertungsmatrix", "--format", "odt", "-o", str(out)]) == 0
    assert out.read_bytes()[30:38] == b"mimetype"


def test_invalid_specs_are_reported_with_paths_in_german_or_english(tmp_path, capsys):
    def breaks(data):
        data["criteria"][0]["kind"] = "C"
        data["requirements"][2]["level"] = "muss"
    spec = _example(tmp_path, capsys, breaks)
    out = tmp_path / "x.docx"
    assert main(["render", str(spec), "--kind", "bewertungsmatrix", "--format", "docx", "-o", str(out)]) == 2
    err = capsys.readouterr().err
    assert "FEHLER: " in err and "criteria[0].kind: muss einer der Werte 'A', 'B', 'group' sein" in err
    assert "requirements[2].level" in err and not out.exists()
    assert main(["check", str(spec), "--lang", "en"]) == 2
    assert "ERROR: " in capsys.readouterr().err


def test_broken_json_and_missing_files(tmp_path, capsys):
    bad = tmp_path / "bad.json"
    bad.write_text('{"title": "x",\n  oops}')
    assert main(["check", str(bad)]) == 2
    assert "ungültiges JSON in Zeile 2, Spalte 3" in capsys.readouterr().err
    assert main(["check", str(tmp_path / "missing.json"), "--lang", "en"]) == 2
    assert "cannot read" in capsys.readouterr().err
    assert main(["render"]) == 2


def test_check_warns_about_products_outside_the_annex(tmp_path, capsys):
    spec = _example(tmp_path, capsys, lambda data: data.update(subject="Wir wollen FROST-Server."))
    assert main(["check", str(spec)]) == 1
    assert "Warnung: subject: nennt 'FROST-Server' aus der Markterkundung" in capsys.readouterr().err


def test_pdf_without_libreoffice_is_an_error(tmp_path, capsys, monkeypatch):
    spec = _example(tmp_path, capsys)
    monkeypatch.setenv("SOFFICE_BINARY", str(tmp_path / "no-soffice"))
    out = tmp_path / "x.pdf"
    assert main(["render", str(spec), "--kind", "bewertungsmatrix", "--format", "pdf", "-o", str(out)]) == 2
    assert "LibreOffice (soffice) nicht gefunden" in capsys.readouterr().err and not out.exists()
