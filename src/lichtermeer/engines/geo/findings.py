"""Findings of the GV100AD reader, each in English and German.

A finding names the field (German term of the Destatis record layout, English in brackets) and the position:
`line` and `column` are 1-based character positions in the file, so an editor jumps straight to the spot.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

# Field key -> (English, German) name, German terms as in Destatis' Datensatzbeschreibung.
FIELDS: dict[str, tuple[str, str]] = {
    "file": ("file", "Datei"),
    "record": ("record", "Datensatz"),
    "satzart": ("record type (Satzart)", "Satzart"),
    "gebietsstand": ("reference date (Gebietsstand)", "Gebietsstand"),
    "land": ("Land key", "Landschlüssel"),
    "regierungsbezirk": ("Regierungsbezirk key", "Regierungsbezirksschlüssel"),
    "region": ("region key", "Regionsschlüssel"),
    "kreis": ("Kreis key", "Kreisschlüssel"),
    "gemeinde": ("Gemeinde key", "Gemeindeschlüssel"),
    "verband": ("Gemeindeverband key", "Gemeindeverbandsschlüssel"),
    "name": ("name", "Bezeichnung"),
    "sitz": ("seat", "Sitz"),
    "typ": ("type code (Textkennzeichen)", "Textkennzeichen"),
    "flaeche": ("area in ha", "Fläche in ha"),
    "einwohner": ("population", "Bevölkerung insgesamt"),
    "maennlich": ("male population", "Bevölkerung männlich"),
    "plz": ("postcode", "Postleitzahl"),
}


@dataclass(frozen=True)
class Finding:
    """One problem in a GV100AD file; 0, 0 means the finding concerns the whole file."""

    line: int
    column: int
    description: str  # English
    description_de: str
    field: str = ""  # a key of FIELDS

    def to_dict(self) -> dict[str, Any]:
        return {"line": self.line, "column": self.column, "field": self.field,
                "description": self.description, "description_de": self.description_de}

    def __str__(self) -> str:
        return f"{self.line}:{self.column}: {self.description}"


def _names(field: str) -> tuple[str, str]:
    return FIELDS.get(field, (field, field))


def finding(field: str, en: str, de: str, line: int = 0, column: int = 0) -> Finding:
    """A finding whose texts start with the field's name, e.g. "population: ..." / "Bevölkerung insgesamt: ..."."""
    name_en, name_de = _names(field)
    return Finding(line, column, f"{name_en}: {en}", f"{name_de}: {de}", field)


# --- file level -------------------------------------------------------------------------------------------------

def too_large(size: int, limit: int) -> Finding:
    return finding("file", f"too large: {size} bytes (maximum {limit})", f"zu groß: {size} Bytes (höchstens {limit})")


def cannot_read(path: str, reason: str) -> Finding:
    return finding("file", f"can't open '{path}': {reason}", f"'{path}' kann nicht geöffnet werden: {reason}")


def not_utf8(line: int, column: int) -> Finding:
    return finding("file", f"not valid UTF-8 at byte {column} of line {line}",
                   f"kein gültiges UTF-8 bei Byte {column} in Zeile {line}", line, column)


def no_records() -> Finding:
    return finding("file", "contains no records", "enthält keine Datensätze")


def too_many_findings(limit: int, line: int) -> Finding:
    return finding("file", f"more than {limit} findings; reading stopped at this line",
                   f"mehr als {limit} Befunde; Lesen in dieser Zeile abgebrochen", line, 1)


# --- record level -----------------------------------------------------------------------------------------------

def line_too_long(length: int, limit: int, line: int) -> Finding:
    return finding("record", f"{length} characters long, at most {limit} expected",
                   f"{length} Zeichen lang, höchstens {limit} erwartet", line, limit + 1)


def control_character(codepoint: int, line: int, column: int) -> Finding:
    return finding("record", f"control or invalid character U+{codepoint:04X} not allowed",
                   f"Steuerzeichen oder ungültiges Zeichen U+{codepoint:04X} nicht erlaubt", line, column)


def bad_satzart(value: str, line: int) -> Finding:
    return finding("satzart", f"'{value}' is not one of 10, 20, 30, 40, 50, 60",
                   f"'{value}' ist keine von 10, 20, 30, 40, 50, 60", line, 1)


def bad_date(value: str, line: int, column: int) -> Finding:
    return finding("gebietsstand", f"'{value}' is not a date YYYYMMDD", f"'{value}' ist kein Datum JJJJMMTT",
                   line, column)


def mixed_gebietsstand(value: str, first: str, line: int, column: int) -> Finding:
    return finding("gebietsstand", f"'{value}' differs from '{first}' of the first record",
                   f"'{value}' weicht von '{first}' des ersten Datensatzes ab", line, column)


def not_digits(field: str, value: str, width: int, line: int, column: int) -> Finding:
    return finding(field, f"'{value}' is not {width} digits", f"'{value}' besteht nicht aus {width} Ziffern",
                   line, column)


def not_blank(field: str, value: str, line: int, column: int) -> Finding:
    return finding(field, f"must be empty for this record type, found '{value}'",
                   f"muss bei dieser Satzart leer sein, gefunden '{value}'", line, column)


def empty(field: str, line: int, column: int) -> Finding:
    return finding(field, "must not be empty", "darf nicht leer sein", line, column)


def bad_type(value: str, allowed: str, line: int, column: int) -> Finding:
    return finding("typ", f"'{value}' is not one of {allowed}", f"'{value}' ist keiner von {allowed}", line, column)


def bad_number(field: str, value: str, line: int, column: int) -> Finding:
    return finding(field, f"'{value}' is not a whole number", f"'{value}' ist keine ganze Zahl", line, column)


def male_exceeds_total(male: int, total: int, line: int, column: int) -> Finding:
    return finding("maennlich", f"{male} exceeds the total population {total}",
                   f"{male} übersteigt die Bevölkerung insgesamt {total}", line, column)


def bad_postcode(value: str, line: int, column: int) -> Finding:
    return finding("plz", f"'{value}' is not five digits", f"'{value}' besteht nicht aus fünf Ziffern", line, column)


def duplicate(field: str, key: str, first_line: int, line: int, column: int) -> Finding:
    return finding(field, f"'{key}' already defined in line {first_line}",
                   f"'{key}' bereits in Zeile {first_line} definiert", line, column)


def missing_parent(field: str, key: str, parent_en: str, parent_de: str, line: int, column: int) -> Finding:
    return finding(field, f"{parent_en} '{key}' has no record in the file",
                   f"{parent_de} '{key}' hat keinen Datensatz in der Datei", line, column)
