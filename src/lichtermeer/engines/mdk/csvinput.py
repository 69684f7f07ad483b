"""Read a user's CSV of dataset metadata (hostile input): size and row limits, strict UTF-8, `,` or `;`.

Required columns: `title` and `description` (case-insensitive; `dct:title` / `dct:description` and the German
`titel` / `beschreibung` are accepted too). Optional: `keywords` (separated by `,` `;` or `|`) and
`reference_uri` (an existing Musterdatenkatalog reference, e.g. the dataset's `dct:references`).
Every problem becomes a `CsvError` with an English/German text naming file and line; nothing raises otherwise.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from . import messages
from .messages import Text

MAX_BYTES = 5 * 1024 * 1024
MAX_ROWS = 10_000
COLUMN_NAMES = {
    "title": ("title", "dct:title", "titel"),
    "description": ("description", "dct:description", "beschreibung"),
    "keywords": ("keywords", "keyword", "dcat:keyword", "schlagworte", "schlagwörter", "tags"),
    "reference_uri": ("reference_uri", "dct:references", "references", "mdk_uri", "musterdatenkatalog"),
}
REQUIRED = ("title", "description")


@dataclass(frozen=True)
class CsvError(Exception):
    text: Text

    def __str__(self) -> str:
        return self.text.en


def read_rows(path: str | Path, max_bytes: int | None = None, max_rows: int | None = None) -> list[dict[str, Any]]:
    """The data rows as {"line", "title", "description", "keywords", "reference_uri"}; raises CsvError."""
    name = str(path)
    max_bytes = MAX_BYTES if max_bytes is None else max_bytes
    try:
        with open(path, "rb") as handle:
            data = handle.read(max_bytes + 1)
    except OSError as error:
        raise CsvError(messages.cannot_read(name, error.strerror or str(error))) from None
    if len(data) > max_bytes:
        raise CsvError(messages.too_large(name, Path(path).stat().st_size, max_bytes))
    return parse_rows(data, name, max_rows)


def parse_rows(data: bytes, name: str = "<csv>", max_rows: int | None = None) -> list[dict[str, Any]]:
    max_rows = MAX_ROWS if max_rows is None else max_rows
    text = _decode(data, name)
    if not text.strip():
        raise CsvError(messages.empty_file(name))
    delimiter = _delimiter(text)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    try:
        header = next(reader)
        columns = _columns(header, name)
        rows = []
        for record in reader:
            if not any(cell.strip() for cell in record):
                continue
            if len(rows) >= max_rows:
                raise CsvError(messages.too_many_rows(name, max_rows))
            row: dict[str, Any] = {"line": reader.line_num}
            for key, index in columns.items():
                row[key] = record[index].strip() if index is not None and index < len(record) else ""
            rows.append(row)
    except csv.Error as error:
        if "field larger than field limit" in str(error):
            raise CsvError(messages.field_too_large(name, reader.line_num, csv.field_size_limit())) from None
        raise CsvError(messages.csv_syntax(name, reader.line_num, str(error))) from None
    if not rows:
        raise CsvError(messages.no_rows(name))
    return rows


def _decode(data: bytes, name: str) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        before = data[:error.start]
        line = before.count(b"\n") + 1
        column = error.start - (before.rfind(b"\n") + 1) + 1
        raise CsvError(messages.not_utf8(name, line, column)) from None


def _delimiter(text: str) -> str:
    first_line = text.splitlines()[0] if text else ""
    return ";" if first_line.count(";") > first_line.count(",") else ","


def _columns(header: list[str], name: str) -> dict[str, int | None]:
    folded = [cell.strip().lstrip("\ufeff").casefold() for cell in header]
    columns: dict[str, int | None] = {}
    for key, names in COLUMN_NAMES.items():
        columns[key] = next((i for i, cell in enumerate(folded) if cell in names), None)
    missing = [key for key in REQUIRED if columns[key] is None]
    if missing:
        raise CsvError(messages.missing_columns(name, missing, [cell.strip() for cell in header]))
    return columns
