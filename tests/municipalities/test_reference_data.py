"""The official Gemeindeverzeichnis: loaded whole, totals checked against the file, newer editions update in place."""

import io
import json
from pathlib import Path

import pytest
from django.core.management import call_command

from lichtermeer.audit.models import AuditEntry
from lichtermeer.engines.geo import reference as geo_reference
from lichtermeer.municipalities import reference
from lichtermeer.municipalities.models import Kreis, Land, Municipality

pytestmark = pytest.mark.django_db
DATA = Path(__file__).resolve().parents[2] / "data" / "municipal"
DIRECTORY = DATA / "GV100AD_30112025.txt"


def _load(content: bytes | None = None):
    return reference.load_directory(content=content or DIRECTORY.read_bytes(),
                                    coordinates=geo_reference.load_coordinates(DATA),
                                    source="test")


def _population_in_file() -> int:
    # Straight from the fixed-width records (Satzart 60, Einwohner in columns 140–150), independent of the parser.
    lines = DIRECTORY.read_text(encoding="utf-8-sig").splitlines()
    return sum(int(line[139:150]) for line in lines if line.startswith("60"))


def test_the_whole_directory_loads_with_the_official_totals():
    _load()
    figures = reference.stats()
    assert figures["gemeinden"] == 10_953
    assert figures["gemeindefreie_gebiete"] == 202
    assert figures["kreise"] == 400 and figures["laender"] == 16
    assert figures["population"] == 83_577_140 == _population_in_file()
    assert figures["gebietsstand"] == "2025-11-30"
    munich = Municipality.objects.get(ags="09162000")
    assert munich.name.startswith("München") and munich.kreis.ags == "09162" and munich.land.code == "09"
    assert munich.ars == "091620000000" and munich.lat is not None
    assert Municipality.objects.filter(lat__isnull=True).count() == 4  # special areas without a place


def test_the_stats_command_prints_json():
    _load()
    out = io.StringIO()
    call_command("municipality_stats", "--json", stdout=out)
    figures = json.loads(out.getvalue())
    assert {k: figures[k] for k in ("gemeinden", "kreise", "laender", "population")} == {
        "gemeinden": 10_953, "kreise": 400, "laender": 16, "population": 83_577_140,
    }


def test_loading_again_changes_nothing():
    _load()
    report = _load()
    assert report.added == [] and report.dissolved == [] and report.renamed == [] and report.updated == 0
    assert report.unchanged == 10_953
    assert AuditEntry.objects.filter(action="municipalities.reference_loaded").count() == 2


def test_a_newer_edition_updates_in_place_and_reports_dissolved_municipalities():
    _load()
    lines = DIRECTORY.read_text(encoding="utf-8-sig").splitlines(keepends=True)
    # A fictional next edition: Flensburg renamed, the first Gemeinde of Kreis 01051 gone (merged into the next,
    # whose area grows by the gone one's).
    gone = next(line for line in lines if line.startswith("60") and line[10:15] == "01051")
    heir_index = next(i for i, line in enumerate(lines) if line.startswith("60") and line[10:15] == "01051"
                      and line[10:18] != gone[10:18])
    heir = lines[heir_index]
    area = int(heir[128:139]) + int(gone[128:139])
    lines[heir_index] = heir[:128] + f"{area:011d}" + heir[139:]
    edited = [line for line in lines if line is not gone]
    edited = [line.replace("Flensburg, Stadt  ", "Flensburg, Fördest", 1) if line[10:18] == "01001000" else line
              for line in edited]
    report = _load("".join(edited).encode("utf-8"))
    dissolved = Municipality.objects.get(ags=gone[10:18])
    assert dissolved.dissolved_on is not None  # kept with its history, not deleted
    assert report.dissolved == [{"ags": gone[10:18], "name": dissolved.name,
                                 "likely_successors": [heir[10:18]]}]
    assert report.renamed[0]["ags"] == "01001000"
    assert reference.stats()["gemeinden"] == 10_952
    assert Kreis.objects.count() == 400 and Land.objects.count() == 16


def test_a_malformed_directory_is_rejected_whole_with_positions():
    lines = DIRECTORY.read_text(encoding="utf-8-sig").splitlines(keepends=True)
    index = next(i for i, line in enumerate(lines) if line.startswith("60"))
    lines[index] = lines[index][:139] + "12x45678901" + lines[index][150:]
    with pytest.raises(reference.DirectoryRejected) as rejected:
        _load("".join(lines).encode("utf-8"))
    assert rejected.value.findings[0].line == index + 1
    assert not Municipality.objects.exists()


def test_a_name_the_file_truncates_gets_its_full_official_form():
    _load()
    full = "Bautzen / Budyšin, Stadt, Hochschulstadt / Wysokošulske město"
    assert Municipality.objects.get(ags="14625020").name == full
