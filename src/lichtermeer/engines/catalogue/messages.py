"""Every text a finding can carry, in English and German, side by side.

Messages name the property, say what is allowed and quote the offending value (shortened).
"""

from __future__ import annotations

import re
from typing import Any

# The same English/German pair the YAML reader shared with the publiccode engine raises its problems with.
from lichtermeer.engines.publiccode.messages import Text

from .schema import CATEGORIES

MAX_QUOTED = 40  # characters of an offending value quoted in a message
_SURROGATE = re.compile("[\ud800-\udfff]")


def printable(text: str) -> str:
    """Unpaired surrogates (from \\u escapes) cannot be printed or encoded: write them as \\uXXXX."""
    return _SURROGATE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)



def quote(value: Any) -> str:
    """A short, JSON-like rendering of an offending value for messages."""
    if isinstance(value, str):
        text = value if len(value) <= MAX_QUOTED else value[: MAX_QUOTED - 1] + "…"
        text = printable(text.replace("\n", "\\n"))
        return f'"{text}"'
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dict):
        return "{…}"
    if isinstance(value, list):
        return "[…]"
    if isinstance(value, (int, float)):
        return str(value)
    return quote(str(value))


def _listing(values: Any) -> str:
    return ", ".join(str(v) for v in values)


_TYPES = {
    "object": ("an object (mapping)", "ein Objekt (Zuordnung)"),
    "array": ("a list", "eine Liste"),
    "string": ("a text (string)", "ein Text (Zeichenkette)"),
}


def _kind_of(value: Any) -> tuple[str, str]:
    if isinstance(value, dict):
        return "an object", "ein Objekt"
    if isinstance(value, list):
        return "a list", "eine Liste"
    if value is None:
        return "empty (null)", "leer (null)"
    if isinstance(value, bool):
        return f"the boolean {quote(value)}", f"der Wahrheitswert {quote(value)}"
    if isinstance(value, (int, float)):
        return f"the number {quote(value)}", f"die Zahl {quote(value)}"
    if isinstance(value, str):
        return f"the text {quote(value)}", f"der Text {quote(value)}"
    return f"{type(value).__name__} {quote(value)}", f"{type(value).__name__} {quote(value)}"


# --- file and YAML level ------------------------------------------------------------------

def too_large(size: int, limit: int) -> Text:
    return Text(f"file too large: {size} bytes (maximum {limit})", f"Datei zu groß: {size} Bytes (höchstens {limit})")


def invalid_utf8() -> Text:
    return Text("the file is not valid UTF-8", "Die Datei ist kein gültiges UTF-8")


def cannot_read(path: str, reason: str) -> Text:
    return Text(f"cannot read file '{path}': {reason}", f"Datei '{path}' kann nicht gelesen werden: {reason}")


def internal_error(name: str) -> Text:
    return Text(f"internal error while reading the catalogue: {name}",
                f"Interner Fehler beim Lesen des Katalogs: {name}")


def empty_document() -> Text:
    return Text("the file is empty: expected a catalogue (a mapping with format, id, version, title, requirements)",
                "Die Datei ist leer: erwartet wird ein Katalog (eine Zuordnung mit format, id, version, title, "
                "requirements)")


def not_a_mapping(value: Any) -> Text:
    got_en, got_de = _kind_of(value)
    return Text(f"the file must hold a catalogue, a mapping with format, id, version, title and requirements, "
                f"not {got_en}",
                f"Die Datei muss einen Katalog enthalten, eine Zuordnung mit format, id, version, title und "
                f"requirements, nicht {got_de}")


def key_not_scalar() -> Text:
    return Text("a mapping key must be a plain name, not a list or mapping",
                "Ein Schlüssel muss ein einfacher Name sein, keine Liste und keine Zuordnung")


def lone_surrogate() -> Text:
    return Text("the text contains an unpaired \\u escape (a surrogate half such as \\ud83d without its partner)",
                "Der Text enthält eine unvollständige \\u-Escape-Sequenz (eine Surrogat-Hälfte wie \\ud83d ohne "
                "ihr Gegenstück)")


def too_deep(limit: int) -> Text:
    return Text(f"YAML nesting too deep (more than {limit} levels)",
                f"YAML zu tief verschachtelt (mehr als {limit} Ebenen)")


# --- schema -----------------------------------------------------------------------------

def required(name: str) -> Text:
    return Text(f"required property {name} is missing", f"Pflichtangabe {name} fehlt")


def unknown_property(name: str, allowed: Any) -> Text:
    return Text(f"unknown property {quote(name)}; allowed: {_listing(allowed)}",
                f"Unbekannte Eigenschaft {quote(name)}; erlaubt sind: {_listing(allowed)}")


def wrong_type(label: str, expected: str, value: Any) -> Text:
    en, de = _TYPES.get(expected, (expected, expected))
    got_en, got_de = _kind_of(value)
    hint_en = hint_de = ""
    if expected == "string" and isinstance(value, (bool, int, float)):  # YAML read `ref: 44` or `on` as no text
        hint_en, hint_de = " (put the value in quotes)", " (den Wert in Anführungszeichen setzen)"
    return Text(f"{label} must be {en}, not {got_en}{hint_en}", f"{label} muss {de} sein, nicht {got_de}{hint_de}")


def not_allowed(label: str, value: Any, allowed: Any) -> Text:
    return Text(f"{label}: {quote(value)} is not allowed; allowed values: {_listing(allowed)}",
                f"{label}: {quote(value)} ist nicht erlaubt; erlaubte Werte: {_listing(allowed)}")


def wrong_format_marker(value: Any, expected: str) -> Text:
    return Text(f"format must be {quote(expected)} (this file format version), not {quote(value)}",
                f"format muss {quote(expected)} sein (diese Version des Dateiformats), nicht {quote(value)}")


def requirement_id(value: Any) -> Text:
    prefixes = _listing(c.prefix for c in CATEGORIES.values())
    return Text(f"requirement id {quote(value)} must look like LM-<category code>-<two digits>, e.g. LM-DS-01 "
                f"(category codes: {prefixes})",
                f"Anforderungs-ID {quote(value)} muss die Form LM-<Kategoriekürzel>-<zwei Ziffern> haben, "
                f"z. B. LM-DS-01 (Kategoriekürzel: {prefixes})")


def catalogue_id(value: Any) -> Text:
    return Text(f"id {quote(value)} must consist of lowercase letters and digits, separated by single hyphens, "
                f"e.g. basisanforderungen",
                f"id {quote(value)} darf nur aus Kleinbuchstaben und Ziffern bestehen, getrennt durch einzelne "
                f"Bindestriche, z. B. basisanforderungen")


def semver(label: str, value: Any) -> Text:
    return Text(f"{label} {quote(value)} must be a version MAJOR.MINOR.PATCH without leading zeros, e.g. 1.2.0",
                f"{label} {quote(value)} muss eine Versionsnummer HAUPT.NEBEN.KORREKTUR ohne führende Nullen sein, "
                f"z. B. 1.2.0")


def date(label: str, value: Any) -> Text:
    return Text(f"{label} {quote(value)} must be a date in the form YYYY-MM-DD, e.g. 2027-06-30",
                f"{label} {quote(value)} muss ein Datum der Form JJJJ-MM-TT sein, z. B. 2027-06-30")


def not_a_real_date(label: str, value: Any) -> Text:
    return Text(f"{label} {quote(value)} is not a real calendar date",
                f"{label} {quote(value)} ist kein gültiges Kalenderdatum")


def check_id(label: str, value: Any) -> Text:
    return Text(f"{label}: check id {quote(value)} must consist of lowercase letters and digits separated by "
                f"'.' or '-', e.g. publiccode.valid",
                f"{label}: Prüfungs-ID {quote(value)} darf nur aus Kleinbuchstaben und Ziffern bestehen, getrennt "
                f"durch '.' oder '-', z. B. publiccode.valid")


def https_url(label: str, value: Any) -> Text:
    return Text(f"{label} {quote(value)} must be an https:// URL",
                f"{label} {quote(value)} muss eine https://-URL sein")


def invalid_url(label: str, value: Any) -> Text:
    return Text(f"{label} {quote(value)} is not a valid URL (host missing or spaces in it)",
                f"{label} {quote(value)} ist keine gültige URL (Host fehlt oder Leerzeichen enthalten)")


def pattern(label: str, value: Any, regex: str) -> Text:
    return Text(f"{label} {quote(value)} does not match the pattern {regex}",
                f"{label} {quote(value)} entspricht nicht dem Muster {regex}")


def empty_text(label: str) -> Text:
    return Text(f"{label} must not be empty", f"{label} darf nicht leer sein")


def too_short(label: str, limit: int) -> Text:
    return Text(f"{label} must have at least {limit} characters", f"{label} muss mindestens {limit} Zeichen haben")


def too_long(label: str, limit: int, length: int) -> Text:
    return Text(f"{label} is too long: {length} characters (at most {limit})",
                f"{label} ist zu lang: {length} Zeichen (höchstens {limit})")


def too_few_items(label: str, limit: int) -> Text:
    if limit == 1:
        return Text(f"{label} must contain at least one entry", f"{label} muss mindestens einen Eintrag enthalten")
    return Text(f"{label} must contain at least {limit} entries", f"{label} muss mindestens {limit} Einträge enthalten")


def too_many_items(label: str, limit: int, count: int) -> Text:
    return Text(f"{label} has too many entries: {count} (at most {limit})",
                f"{label} hat zu viele Einträge: {count} (höchstens {limit})")


def duplicate_item(label: str, value: Any) -> Text:
    return Text(f"{label} lists {quote(value)} more than once", f"{label} enthält {quote(value)} mehrfach")


def schema_other(message: str) -> Text:
    return Text(message, f"Schemafehler: {message}")


def too_many_problems(limit: int) -> Text:
    return Text(f"more than {limit} problems; only the first {limit} are reported",
                f"Mehr als {limit} Fehler; nur die ersten {limit} werden gemeldet")


# --- semantics ----------------------------------------------------------------------------

def duplicate_requirement_id(value: str, first: str) -> Text:
    return Text(f"requirement id {value} is used more than once (first at {first})",
                f"Anforderungs-ID {value} ist mehrfach vergeben (zuerst bei {first})")


def prefix_mismatch(value: str, category: str, prefix: str) -> Text:
    names = CATEGORIES[category]
    return Text(f"requirement id {value} does not fit its category {category} ({names.en}): "
                f"ids of this category start with LM-{prefix}-",
                f"Anforderungs-ID {value} passt nicht zur Kategorie {category} ({names.de}): "
                f"IDs dieser Kategorie beginnen mit LM-{prefix}-")


def transition_before_effective(effective_from: str, transition_until: str) -> Text:
    return Text(f"transition_until {transition_until} lies before effective_from {effective_from}",
                f"transition_until {transition_until} liegt vor effective_from {effective_from}")


# --- apply --------------------------------------------------------------------------------

def unknown_change_kind(kind: Any) -> Text:
    return Text(f"unknown kind of change {quote(kind)}; allowed: add, change, retire",
                f"Unbekannte Art der Änderung {quote(kind)}; erlaubt sind: add, change, retire")


def already_exists(requirement_id: str) -> Text:
    return Text(f"cannot add {requirement_id}: the catalogue already has a requirement with this id",
                f"{requirement_id} kann nicht hinzugefügt werden: der Katalog enthält diese ID bereits")


def does_not_exist(kind: str, requirement_id: str) -> Text:
    verb_en, verb_de = {"change": ("change", "geändert"), "retire": ("retire", "gestrichen")}[kind]
    return Text(f"cannot {verb_en} {requirement_id}: the catalogue has no requirement with this id",
                f"{requirement_id} kann nicht {verb_de} werden: der Katalog enthält keine Anforderung mit dieser ID")


def requirement_needed(kind: str) -> Text:
    return Text(f"a change of kind {kind} needs the full requirement",
                f"Eine Änderung der Art {kind} braucht die vollständige Anforderung")


def id_mismatch(requirement_id: str, given: Any) -> Text:
    return Text(f"the change is for {requirement_id}, but its requirement has the id {quote(given)}",
                f"Die Änderung betrifft {requirement_id}, die Anforderung trägt aber die ID {quote(given)}")


def version_not_greater(version: str, base: str) -> Text:
    return Text(f"the new version {version} must be greater than the base version {base}",
                f"Die neue Version {version} muss größer sein als die Ausgangsversion {base}")
