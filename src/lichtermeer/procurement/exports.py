"""Exports of a comparison: CSV, XLSX and ODS with the same rows as the page (comparison.Comparison.table()).

- Columns: section, criterion, then one column per solution (its name as the header).
- CSV: RFC 4180, comma, every cell quoted, CRLF, UTF-8 with a byte order mark (Excel reads umlauts), like the
  municipal platform export.
- XLSX (openpyxl) and ODS (odfpy), through tablib; one sheet named after the comparison.
- Formula injection is neutralised in every format: a cell starting with =, +, -, @, tab or CR gets a leading
  apostrophe (openpyxl would otherwise store "=…" as a formula).
- File names: `<shortlist name as slug>-vergleich.<ext>` ("merkliste" when the name has no letters or digits).
"""

from __future__ import annotations

import csv
import io

import tablib
from django.utils.text import slugify

from lichtermeer.municipalities.exports import BOM, neutralise

from .comparison import Comparison

FORMATS = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "ods": "application/vnd.oasis.opendocument.spreadsheet",
}
SHEET_TITLE_MAX = 31  # Excel's limit for sheet names


def filename(shortlist_name: str, fmt: str) -> str:
    slug = slugify(shortlist_name)[:60].strip("-") or "merkliste"
    return f"{slug}-vergleich.{fmt}"


def _cells(comparison: Comparison) -> tuple[list[str], list[list[str]]]:
    headers, rows = comparison.table()
    return [neutralise(h) for h in _unique(headers)], [[neutralise(c) for c in row] for row in rows]


def _unique(headers: list[str]) -> list[str]:
    """tablib needs distinct headers; two solutions of the same name get a number."""
    seen: dict[str, int] = {}
    result = []
    for header in headers:
        count = seen.get(header, 0)
        seen[header] = count + 1
        result.append(header if count == 0 else f"{header} ({count + 1})")
    return result


def render(comparison: Comparison, fmt: str, *, title: str = "Vergleich") -> bytes:
    headers, rows = _cells(comparison)
    if fmt == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer, quoting=csv.QUOTE_ALL, lineterminator="\r\n")
        writer.writerow(headers)
        writer.writerows(rows)
        return (BOM + buffer.getvalue()).encode("utf-8")
    if fmt not in ("xlsx", "ods"):
        raise ValueError(f"unknown format {fmt!r}")
    sheet = "".join(ch for ch in title if ch not in '[]:*?/\\')[:SHEET_TITLE_MAX].strip() or "Vergleich"
    data = tablib.Dataset(*rows, headers=headers, title=sheet)
    return data.export(fmt)
