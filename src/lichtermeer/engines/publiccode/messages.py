"""Every text a finding can carry, in English (exactly parser-go's wording) and German.

Each function returns a `Text` pair so the English and the German wording sit side by
side; the English text is what the reference parser prints and must not be "improved".
"""

from __future__ import annotations

from dataclasses import dataclass

CATEGORIES_URL = "https://github.com/publiccodeyml/publiccode.yml/blob/main/docs/standard/categories-list.rst"
SCOPES_URL = "https://github.com/publiccodeyml/publiccode.yml/blob/main/docs/standard/scope-list.rst"
ALIASES_URL = "https://github.com/publiccodeyml/publiccode.yml/blob/main/docs/standard/aliases-list.rst"
IPA_URL = "https://github.com/publiccodeyml/italian-organizations-ipa-vocabulary"
DEPRECATED = "This key is DEPRECATED and will be removed in the future."
DEPRECATED_DE = "Dieser Schlüssel ist VERALTET und wird künftig entfernt."


@dataclass(frozen=True)
class Text:
    en: str
    de: str


# --- file and YAML level ---------------------------------------------------------------

def invalid_utf8() -> Text:
    return Text("Invalid UTF-8", "Ungültiges UTF-8")


def too_large(size: int, limit: int) -> Text:
    return Text(f"file too large: {size} bytes (maximum {limit})",
                f"Datei zu groß: {size} Bytes (höchstens {limit})")


def cannot_read(path: str, reason: str) -> Text:
    return Text(f"can't open file '{path}': {reason}", f"Datei '{path}' kann nicht geöffnet werden: {reason}")


def yaml_syntax(problem: str) -> Text:
    return Text(problem, f"YAML-Syntaxfehler: {problem}")


def map_value_not_allowed() -> Text:
    # goccy/go-yaml's wording for a key-value pair where none may stand (usually bad indentation).
    return Text("value is not allowed in this context. map key-value is pre-defined",
                "Wert ist an dieser Stelle nicht erlaubt: Schlüssel-Wert-Paar steht falsch "
                "(Einrückung prüfen)")


def duplicate_key(key: str, line: int, column: int) -> Text:
    return Text(f'mapping key "{key}" already defined at [{line}:{column}]',
                f'Schlüssel "{key}" ist bereits bei [{line}:{column}] definiert')


def too_deep(limit: int) -> Text:
    return Text(f"YAML nesting too deep (more than {limit} levels)",
                f"YAML zu tief verschachtelt (mehr als {limit} Ebenen)")


def too_many_nodes(limit: int) -> Text:
    return Text(f"YAML document too large after alias expansion (more than {limit} nodes)",
                f"YAML-Dokument nach Auflösung der Aliase zu groß (mehr als {limit} Knoten)")


def recursive_alias() -> Text:
    return Text("recursive YAML alias (an anchor refers to itself)",
                "Rekursiver YAML-Alias (ein Anker verweist auf sich selbst)")


def multiple_documents() -> Text:
    return Text("multiple YAML documents in one file are not supported",
                "Mehrere YAML-Dokumente in einer Datei werden nicht unterstützt")


def unsupported_version(version: str, supported: str) -> Text:
    return Text(f"unsupported version: '{version}'. Supported versions: {supported}",
                f"Nicht unterstützte Version: '{version}'. Unterstützte Versionen: {supported}")


def old_version(version: str) -> Text:
    return Text(f"v{version} is not the latest version, use '0'. Parsing this file as v0.7.",
                f"v{version} ist nicht die neueste Version, bitte '0' angeben. Die Datei wird als v0.7 gelesen.")


# --- decoding (types) --------------------------------------------------------------------

def wrong_type() -> Text:
    return Text("wrong type for this field", "Falscher Typ für dieses Feld")


def unknown_field(name: str) -> Text:
    return Text(f'unknown field "{name}"', f'Unbekanntes Feld "{name}"')


def url_parse_error(quoted_value: str, go_error: str) -> Text:
    return Text(f"parsing URL {quoted_value}: {go_error}",
                f"URL {quoted_value} kann nicht gelesen werden: {go_error}")


# --- struct validation (go-playground/validator translations) ---------------------------

def required(field: str) -> Text:
    return Text(f"{field} is a required field", f"{field} ist ein Pflichtfeld")


def more_items(field: str, n: int) -> Text:
    return Text(f"{field} must contain more than {n} items", f"{field} muss mehr als {n} Einträge enthalten")


def one_of(field: str, options: tuple[str, ...]) -> Text:
    quoted = [f'"{o}"' for o in options]

    def joined(word: str) -> str:
        return quoted[0] if len(quoted) == 1 else ", ".join(quoted[:-1]) + f" {word} " + quoted[-1]

    return Text(f"{field} must be one of the following: {joined('or')}",
                f"{field} muss einer der folgenden Werte sein: {joined('oder')}")


def email(field: str) -> Text:
    return Text(f"{field} must be a valid email address", f"{field} muss eine gültige E-Mail-Adresse sein")


def url(field: str) -> Text:
    return Text(f"{field} must be a valid URL", f"{field} muss eine gültige URL sein")


def http_url(field: str) -> Text:
    return Text(f"{field} must be an HTTP URL", f"{field} muss eine HTTP-URL sein")


def date(field: str) -> Text:
    return Text(f"{field} must be a date with format 'YYYY-MM-DD'",
                f"{field} muss ein Datum im Format 'JJJJ-MM-TT' sein")


def max_chars(field: str, n: int) -> Text:
    return Text(f"{field} must be a maximum of {n} characters in length",
                f"{field} darf höchstens {n} Zeichen lang sein")


def min_chars(field: str, n: int) -> Text:
    return Text(f"{field} must be at least {n} characters in length",
                f"{field} muss mindestens {n} Zeichen lang sein")


def mime_type(field: str) -> Text:
    return Text(f"{field} is not a valid MIME type", f"{field} ist kein gültiger MIME-Typ")


def category(field: str) -> Text:
    return Text(f"{field} must be a valid category (see {CATEGORIES_URL})",
                f"{field} muss eine gültige Kategorie sein (siehe {CATEGORIES_URL})")


def scope(field: str) -> Text:
    return Text(f"{field} must be a valid scope (see {SCOPES_URL})",
                f"{field} muss ein gültiger Anwendungsbereich sein (siehe {SCOPES_URL})")


def country(field: str) -> Text:
    return Text(f"{field} must be a valid ISO 3166-1 alpha-2 two-letter country code",
                f"{field} muss ein gültiger zweibuchstabiger Ländercode nach ISO 3166-1 alpha-2 sein")


def language(field: str) -> Text:
    return Text(f"{field} must be a valid BCP 47 language", f"{field} muss eine gültige BCP-47-Sprache sein")


def license_expression(field: str) -> Text:
    return Text(f"{field} must be a valid license (see https://spdx.org/licenses)",
                f"{field} muss eine gültige Lizenz sein (siehe https://spdx.org/licenses)")


def not_uri(field: str) -> Text:
    return Text(f"{field} is not a valid URI", f"{field} ist keine gültige URI")


def uri_italian_pa(field: str) -> Text:
    return Text(
        f"{field} must be a valid Italian Public Administration Code (iPA) with format "
        f"'urn:x-italian-pa:[codiceIPA]' (see {IPA_URL})",
        f"{field} muss ein gültiger Code der italienischen öffentlichen Verwaltung (iPA) im Format "
        f"'urn:x-italian-pa:[codiceIPA]' sein (siehe {IPA_URL})",
    )


def ipa_code(field: str) -> Text:
    return Text(f"{field} must be a valid Italian Public Administration Code (iPA) (see {IPA_URL})",
                f"{field} muss ein gültiger Code der italienischen öffentlichen Verwaltung (iPA) sein "
                f"(siehe {IPA_URL})")


def required_if(field: str, other: str, value: str) -> Text:
    return Text(f'{field} is a required field when "{other}" is "{value}"',
                f'{field} ist ein Pflichtfeld, wenn "{other}" gleich "{value}" ist')


def excluded_unless(field: str, other: str, value: str) -> Text:
    return Text(f'{field} must not be present unless "{other}" is "{value}"',
                f'{field} darf nur angegeben werden, wenn "{other}" gleich "{value}" ist')


def unknown_alias(field: str) -> Text:
    return Text(f"{field} contains an unknown alias (see {ALIASES_URL})",
                f"{field} enthält einen unbekannten Alias (siehe {ALIASES_URL})")


# --- extra field checks (fields.go) --------------------------------------------------------

def not_reachable(value: str, reason: Text) -> Text:
    return Text(f"'{value}' not reachable: {reason.en}", f"'{value}' nicht erreichbar: {reason.de}")


def missing_scheme() -> Text:
    return Text("missing URL scheme", "URL-Schema fehlt")


def http_get_failed(target: str, reason: str) -> Text:
    return Text(f"HTTP GET failed for {target}: {reason}", f"HTTP GET für {target} fehlgeschlagen: {reason}")


def http_status(status: int, target: str) -> Text:
    return Text(f"HTTP GET returned {status} for {target}; 200 was expected",
                f"HTTP GET lieferte {status} für {target}; erwartet war 200")


def not_a_repository() -> Text:
    return Text("is not a valid code repository", "ist kein gültiges Code-Repository")


def absolute_path() -> Text:
    return Text("is an absolute path. Only relative paths or HTTP(s) URLs allowed",
                "ist ein absoluter Pfad. Erlaubt sind nur relative Pfade oder HTTP(S)-URLs")


def file_url() -> Text:
    return Text("is a file:// URL. Only relative paths or HTTP(s) URLs allowed",
                "ist eine file://-URL. Erlaubt sind nur relative Pfade oder HTTP(S)-URLs")


def no_such_file(path: str) -> Text:
    return Text(f"no such file: {path}", f"Datei nicht gefunden: {path}")


def bad_extension(path: str) -> Text:
    return Text(f"invalid file extension for: {path}", f"Ungültige Dateiendung bei: {path}")


def image_error(reason_en: str) -> Text:
    return Text(reason_en, f"Bild nicht lesbar ({reason_en})")


def logo_too_small(width: int, minimum: int, path: str) -> Text:
    return Text(f"invalid image size of {width} (min {minimum}px of width): {path}",
                f"Ungültige Bildgröße {width} (mindestens {minimum} Pixel breit): {path}")


def not_an_image(value: str, reason: Text) -> Text:
    return Text(f"'{value}' is not an image: {reason.en}", f"'{value}' ist kein Bild: {reason.de}")


def does_not_exist(path: str, reason: Text) -> Text:
    return Text(f"'{path}' does not exist: {reason.en}", f"'{path}' existiert nicht: {reason.de}")


def not_oembed(link: str) -> Text:
    return Text(f"'{link}' is not a valid video URL supporting oEmbed: invalid oEmbed link: {link}",
                f"'{link}' ist keine gültige Video-URL mit oEmbed-Unterstützung: "
                f"ungültiger oEmbed-Link: {link}")


def raw_url_failed(target: str, reason: str) -> Text:
    return Text(f"failed to get raw URL for code repository at {target}: {reason}",
                f"Roh-URL für das Code-Repository {target} nicht ermittelbar: {reason}")


def deprecated_drop() -> Text:
    return Text(f"{DEPRECATED} It's safe to drop it", f"{DEPRECATED_DE} Er kann gefahrlos entfernt werden")


def deprecated_use(replacement: str) -> Text:
    return Text(f"{DEPRECATED} Use '{replacement}' instead",
                f"{DEPRECATED_DE} Verwende stattdessen '{replacement}'")


def deprecated_codice_ipa(code: str) -> Text:
    return Text(f"{DEPRECATED} Use 'organisation.uri' and set it to 'urn:x-italian-pa:{code}' instead",
                f"{DEPRECATED_DE} Verwende stattdessen 'organisation.uri' "
                f"mit dem Wert 'urn:x-italian-pa:{code}'")


def lowercase_country(upper: str) -> Text:
    return Text(f"Lowercase country codes are DEPRECATED. Use uppercase instead ('{upper}')",
                f"Ländercodes in Kleinbuchstaben sind VERALTET. Verwende Großbuchstaben ('{upper}')")


def lowercase_it_section() -> Text:
    return Text("Lowercase country codes are DEPRECATED and will be removed in the future. Use 'IT' instead",
                "Ländercodes in Kleinbuchstaben sind VERALTET und werden künftig entfernt. Verwende 'IT'")


def it_duplicated() -> Text:
    return Text("'IT' key already present. Remove this key",
                "Der Schlüssel 'IT' ist bereits vorhanden. Entferne diesen Schlüssel")
