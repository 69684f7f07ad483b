"""Every text of the harvesting engine in English and German (`Text(en, de)`), naming the page URL it is about."""

from __future__ import annotations

from lichtermeer.engines.publiccode.messages import Text

__all__ = ["Text"]


# --- HTTP ---------------------------------------------------------------------------------------------------

def refused(url: str, detail: str) -> Text:
    return Text(f"{url}: request refused ({detail}); only public http(s) addresses are harvested",
                f"{url}: Abruf abgelehnt ({detail}); geerntet werden nur öffentliche http(s)-Adressen")


def unreachable(url: str, detail: str) -> Text:
    return Text(f"{url}: host not reachable: {detail}", f"{url}: Server nicht erreichbar: {detail}")


def timeout(url: str, seconds: float, attempts: int) -> Text:
    return Text(f"{url}: no complete answer within {seconds:g} s ({attempts} attempt(s))",
                f"{url}: keine vollständige Antwort innerhalb von {seconds:g} s ({attempts} Versuch(e))")


def network(url: str, detail: str, attempts: int) -> Text:
    return Text(f"{url}: connection failed after {attempts} attempt(s): {detail}",
                f"{url}: Verbindung nach {attempts} Versuch(en) gescheitert: {detail}")


def too_large(url: str, limit: int) -> Text:
    return Text(f"{url}: response larger than {limit} bytes; page skipped",
                f"{url}: Antwort größer als {limit} Bytes; Seite übersprungen")


def too_many_redirects(url: str, detail: str) -> Text:
    return Text(f"{url}: {detail}", f"{url}: zu viele Weiterleitungen ({detail})")


def http_status(url: str, status: int, attempts: int) -> Text:
    return Text(f"{url}: HTTP status {status} after {attempts} attempt(s)",
                f"{url}: HTTP-Status {status} nach {attempts} Versuch(en)")


def retry_after_too_long(url: str, status: int, seconds: float, limit: float) -> Text:
    return Text(f"{url}: HTTP status {status}, the server asks to wait {seconds:g} s "
                f"(more than the {limit:g} s allowed)",
                f"{url}: HTTP-Status {status}, der Server verlangt {seconds:g} s Wartezeit (mehr als die erlaubten "
                f"{limit:g} s)")


def wrong_content_type(url: str, content_type: str, expected: str) -> Text:
    shown = content_type or "(none)"
    shown_de = content_type or "(keiner)"
    return Text(f"{url}: content type {shown} is not {expected}",
                f"{url}: Inhaltstyp {shown_de} ist nicht {expected}")


# --- content ------------------------------------------------------------------------------------------------

def page_warning(url: str, detail: Text) -> Text:
    return Text(f"{url}: {detail.en}", f"{url}: {detail.de}")


def invalid_json(url: str, line: int, column: int, detail: str) -> Text:
    return Text(f"{url}:{line}:{column}: invalid JSON: {detail}", f"{url}:{line}:{column}: ungültiges JSON: {detail}")


def not_package_search(url: str, pointer: str, detail: str) -> Text:
    return Text(f"{url}: not a CKAN package_search response at JSON pointer {pointer or '/'}: {detail}",
                f"{url}: keine CKAN-package_search-Antwort an JSON-Pointer {pointer or '/'}: {detail}")


def ckan_failure(url: str, detail: str) -> Text:
    return Text(f"{url}: CKAN reports failure (success = false): {detail}",
                f"{url}: CKAN meldet einen Fehler (success = false): {detail}")


def package_skipped(url: str, pointer: str, detail: str) -> Text:
    return Text(f"{url}: package at JSON pointer {pointer} skipped: {detail}",
                f"{url}: Paket an JSON-Pointer {pointer} übersprungen: {detail}")


def skolemized(url: str, iri: str) -> Text:
    return Text(f"{url}: dataset without IRI (blank node) named {iri}",
                f"{url}: Datensatz ohne IRI (leerer Knoten) erhält den Namen {iri}")


# --- paging -------------------------------------------------------------------------------------------------

def page_seen_twice(url: str) -> Text:
    return Text(f"{url}: this page was already harvested in this run (paging loop); harvesting stops",
                f"{url}: diese Seite wurde in diesem Lauf schon geerntet (Blätter-Schleife); die Ernte endet")


def no_new_datasets(url: str, found: int) -> Text:
    return Text(f"{url}: the page lists no new dataset ({found} already harvested) but links a next page "
                f"(paging loop); harvesting stops",
                f"{url}: die Seite enthält keinen neuen Datensatz ({found} schon geerntet), verweist aber auf eine "
                f"nächste Seite (Blätter-Schleife); die Ernte endet")


def max_pages(url: str, limit: int) -> Text:
    return Text(f"{url}: page limit of {limit} pages reached; harvesting stops",
                f"{url}: Grenze von {limit} Seiten erreicht; die Ernte endet")


def foreign_next_page(url: str, next_url: str) -> Text:
    return Text(f"{url}: next page {next_url} is on another host; not followed, harvesting stops",
                f"{url}: nächste Seite {next_url} liegt auf einem anderen Server; nicht gefolgt, die Ernte endet")
