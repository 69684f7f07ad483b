"""Every text of the MDK engine in English and German (`Text(en, de)`), naming the exact place in the input."""

from __future__ import annotations

from lichtermeer.engines.publiccode.messages import Text

__all__ = ["Text"]


def too_large(name: str, size: int, limit: int) -> Text:
    return Text(f"{name}: file too large: {size} bytes (maximum {limit})",
                f"{name}: Datei zu groß: {size} Bytes (höchstens {limit})")


def cannot_read(name: str, reason: str) -> Text:
    return Text(f"{name}: cannot read the file: {reason}", f"{name}: Datei kann nicht gelesen werden: {reason}")


def not_utf8(name: str, line: int, column: int) -> Text:
    return Text(f"{name}:{line}:{column}: not valid UTF-8 (save the CSV as UTF-8)",
                f"{name}:{line}:{column}: kein gültiges UTF-8 (CSV bitte als UTF-8 speichern)")


def empty_file(name: str) -> Text:
    return Text(f"{name}: the file is empty (expected a header with the columns title and description)",
                f"{name}: die Datei ist leer (erwartet: Kopfzeile mit den Spalten title und description)")


def missing_columns(name: str, missing: list[str], found: list[str]) -> Text:
    wanted, seen = ", ".join(missing), ", ".join(found) or "-"
    return Text(f"{name}:1: missing column(s) {wanted} (header has: {seen})",
                f"{name}:1: Spalte(n) {wanted} fehlen (Kopfzeile enthält: {seen})")


def csv_syntax(name: str, line: int, detail: str) -> Text:
    return Text(f"{name}:{line}: broken CSV: {detail}", f"{name}:{line}: fehlerhaftes CSV: {detail}")


def too_many_rows(name: str, limit: int) -> Text:
    return Text(f"{name}: more than {limit} data rows (split the file)",
                f"{name}: mehr als {limit} Datenzeilen (Datei bitte aufteilen)")


def field_too_large(name: str, line: int, limit: int) -> Text:
    return Text(f"{name}:{line}: a field is longer than {limit} characters",
                f"{name}:{line}: ein Feld ist länger als {limit} Zeichen")


def no_rows(name: str) -> Text:
    return Text(f"{name}: no data rows below the header", f"{name}: keine Datenzeilen unter der Kopfzeile")


def unknown_concept(reference: str) -> Text:
    return Text(f"'{reference}' is not a Musterdatenkatalog V4 concept (URI or \"Thema - Bezeichnung\")",
                f"'{reference}' ist kein Musterdatensatz des Musterdatenkatalogs V4 (URI oder „Thema - Bezeichnung“)")
