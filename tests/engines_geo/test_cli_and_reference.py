"""CLI, the shipped data files, and the engine's independence from Django."""

import json
import subprocess
import sys
import xml.etree.ElementTree as ET  # noqa: S405 - parses only SVG this engine just wrote

from engines_geo.samples import DATA_DIR, GV100AD_FILE, REPO, text, valid_lines
from lichtermeer.engines.geo import cli, reference


def test_cli_counts(capsys):
    assert cli.main(["gv100ad", str(GV100AD_FILE), "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["valid"] is True and report["findings"] == []
    assert {key: report[key] for key in ("gebietsstand", "laender", "regierungsbezirke", "kreise", "verbaende",
                                         "gemeinden", "gemeindefreie_gebiete", "population")} == {
        "gebietsstand": "2025-11-30", "laender": 16, "regierungsbezirke": 29, "kreise": 400, "verbaende": 4590,
        "gemeinden": 10_953, "gemeindefreie_gebiete": 202, "population": 83_577_140}
    assert cli.main(["gv100ad", str(GV100AD_FILE)]) == 0
    assert "population: 83577140" in capsys.readouterr().out


def test_cli_findings(tmp_path, capsys):
    bad = tmp_path / "bad.txt"
    bad.write_text(text(valid_lines() + ["99" + "x" * 218]), encoding="utf-8")
    assert cli.main(["gv100ad", str(bad)]) == 1
    assert capsys.readouterr().out.startswith(f"{bad}:5:1: record type (Satzart): '99'")
    assert cli.main(["gv100ad", str(bad), "--json"]) == 1
    report = json.loads(capsys.readouterr().out)
    assert report["valid"] is False and report["findings"][0]["line"] == 5
    assert "laender" not in report


def test_cli_usage_error(capsys):
    assert cli.main(["nonsense"]) == 2


def test_cli_map(tmp_path, capsys):
    out = tmp_path / "germany.svg"
    assert cli.main(["map", "--out", str(out)]) == 0
    root = ET.parse(out).getroot()  # noqa: S314 - our own output
    circles = list(root.iter("{http://www.w3.org/2000/svg}circle"))
    assert len(circles) == 10_949  # all but four special areas (coastal waters, German-Luxembourg condominium)
    assert "GeoBasis-DE / BKG" in out.read_text(encoding="utf-8")


def test_coordinates_cover_the_directory(directory):
    coordinates = reference.load_coordinates()
    missing = sorted(set(directory.gemeinden) - set(coordinates))
    assert missing == ["07000999", "10042999", "13000998", "13000999"]
    assert len(reference.load_coordinates(predecessors=False)) == 10_943
    assert all(47 < lat < 55.1 and 5.8 < lon < 15.1 for lat, lon in coordinates.values())
    lat, lon = coordinates["16063105"]  # Eisenach (new AGS since 2021): its predecessor's centroid
    assert 50.9 < lat < 51.1 and 10.2 < lon < 10.4


def test_reference_paths(tmp_path, monkeypatch):
    assert reference.gv100ad_path() == GV100AD_FILE
    assert reference.load_directory().valid
    (tmp_path / "GV100AD_30112025.txt").write_text(text(valid_lines()), encoding="utf-8")
    (tmp_path / "GV100AD_31122026.txt").write_text(text(valid_lines()[:1]), encoding="utf-8")
    monkeypatch.setenv(reference.ENV_VARIABLE, str(tmp_path))
    assert reference.gv100ad_path().name == "GV100AD_31122026.txt"  # the newest edition wins
    assert len(reference.load_directory().laender) == 1


def test_shipped_files_and_attribution():
    for name in ("GV100AD_30112025.txt", "GV100AD_30112025_Hinweise.txt", reference.LAENDER_GEOJSON,
                 reference.KREISE_GEOJSON, reference.COORDINATES_CSV, reference.PREDECESSOR_COORDINATES_CSV):
        assert (DATA_DIR / name).is_file(), name
    assert not list(DATA_DIR.glob("gemeinden*.geojson"))  # no Gemeinde polygons shipped
    sources = (REPO / "data" / "SOURCES.md").read_text(encoding="utf-8")
    for text_ in (reference.ATTRIBUTION_GV100AD, reference.ATTRIBUTION_BOUNDARIES,
                  reference.ATTRIBUTION_COORDINATES, reference.LICENCE_URL, reference.BKG_URL):
        assert text_ in sources


def test_engine_imports_no_django():
    code = ("import sys, lichtermeer.engines.geo, lichtermeer.engines.geo.cli; "
            "sys.exit('django' in sys.modules)")
    assert subprocess.run([sys.executable, "-c", code], check=False).returncode == 0
