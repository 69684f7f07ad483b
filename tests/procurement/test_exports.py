"""Comparison exports: CSV, XLSX (re-opened with openpyxl) and ODS (re-opened with odfpy) carry the same rows."""

import csv
import io

import openpyxl
from django.urls import reverse
from odf import opendocument, teletype
from odf.table import Table, TableCell, TableRow

from lichtermeer.procurement import comparison, exports

from .support import shortlist_of


def _export(world, signed_in, fmt):
    shortlist = shortlist_of(world.staff, [world.parking, world.climate], name="Parksensorik 2026 / Ü")
    response = signed_in(world.staff).get("/en" + reverse("procurement:compare_export", args=[shortlist.pk, fmt]))
    assert response.status_code == 200
    assert response["Content-Disposition"] == f'attachment; filename="parksensorik-2026-u-vergleich.{fmt}"'
    return response


def test_csv(world, signed_in):
    response = _export(world, signed_in, "csv")
    text = response.content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0] == ["Section", "Criterion", "Parkraum-Radar", "Stadtklima-Sensorik"]
    by_label = {row[1]: row[2:] for row in rows[1:]}
    assert by_label["Provider"] == ["Radar GmbH", "Klima AG"]
    assert any(label.startswith("LM-BF-01 ") for label in by_label)


def test_xlsx_reopened(world, signed_in):
    response = _export(world, signed_in, "xlsx")
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    values = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert values[0] == ["Section", "Criterion", "Parkraum-Radar", "Stadtklima-Sensorik"]
    provider = next(row for row in values if row[1] == "Provider")
    assert provider[2:] == ["Radar GmbH", "Klima AG"]
    verdict = next(row for row in values if str(row[1]).startswith("LM-BF-01 "))
    assert verdict[2:] == ["met", "not assessed"]


def test_ods_reopened(world, signed_in):
    response = _export(world, signed_in, "ods")
    document = opendocument.load(io.BytesIO(response.content))
    table = document.spreadsheet.getElementsByType(Table)[0]
    rows = [[teletype.extractText(cell) for cell in row.getElementsByType(TableCell)]
            for row in table.getElementsByType(TableRow)]
    assert rows[0][:4] == ["Section", "Criterion", "Parkraum-Radar", "Stadtklima-Sensorik"]
    assert next(r for r in rows if r[1] == "Provider")[2:4] == ["Radar GmbH", "Klima AG"]


def test_formulas_are_neutralised(world):
    world.parking.organisation.name = "=HYPERLINK(\"http://evil\")"
    table = comparison.compare([world.parking])
    sheet = openpyxl.load_workbook(io.BytesIO(exports.render(table, "xlsx"))).active
    provider = next(row for row in sheet.iter_rows(values_only=True) if row[1] in ("Anbieter", "Provider"))
    assert provider[2].startswith("'=")


def test_unknown_format_is_404(world, signed_in):
    shortlist = shortlist_of(world.staff, [world.parking])
    assert signed_in(world.staff).get(reverse("procurement:compare_export", args=[shortlist.pk, "pdf"])
                                      ).status_code == 404
