"""Lichtermeer's link policy: stricter than publiccode.yml, and *not* part of parser-go agreement.

parser-go accepts any syntactically valid URL (`javascript:alert(1)`, `file:///etc/passwd`,
`http://127.0.0.1/`) when its network checks are off. A public catalogue must not store
and render such links, so the platform can add these findings on top of `parse()`.
"""

from __future__ import annotations

import ipaddress
import re
from collections.abc import Iterator
from urllib.parse import urlsplit

from lichtermeer.engines.netguard import is_public_address

from .findings import Finding, ParseResult, error
from .messages import Text

_INTERNAL_SUFFIXES = (".localhost", ".local", ".internal", ".lan", ".home.arpa")


def is_public_web_link(value: str) -> bool:
    """http(s), a host name or public IP address, no credentials, no local-only names."""
    try:
        parts = urlsplit(value)
        host = (parts.hostname or "").rstrip(".").lower()
    except ValueError:
        return False
    if parts.scheme not in ("http", "https") or not host or parts.username or parts.password:
        return False
    if host == "localhost" or host.endswith(_INTERNAL_SUFFIXES) or "." not in host and ":" not in host:
        return False
    try:
        ipaddress.ip_address(host)
    except ValueError:
        return True  # a DNS name: netguard vets its addresses when (and if) it is fetched
    return is_public_address(host)


def _links(document: dict) -> Iterator[tuple[str, object]]:
    for key in ("url", "landingURL", "roadmap"):
        if key in document:
            yield key, document[key]
    based_on = document.get("isBasedOn")
    for index, value in enumerate(based_on if isinstance(based_on, list) else []):
        yield f"isBasedOn[{index}]", value
    for language, description in (document.get("description") or {}).items():
        for key in ("documentation", "apiDocumentation"):
            if key in description:
                yield f"description.{language}.{key}", description[key]
        for index, value in enumerate(description.get("videos") or []):
            yield f"description.{language}.videos[{index}]", value
    for index, contractor in enumerate((document.get("maintenance") or {}).get("contractors") or []):
        if "website" in contractor:
            yield f"maintenance.contractors[{index}].website", contractor["website"]


def unsafe_link_findings(result: ParseResult) -> list[Finding]:
    """One error per link that is not a public http(s) URL, positioned like parser-go's findings."""
    findings = []
    for key, value in _links(result.document or {}):
        if isinstance(value, str) and not is_public_web_link(value):
            text = Text(f"'{value}' is not allowed: only public http(s) links are accepted",
                        f"'{value}' ist nicht erlaubt: nur öffentliche http(s)-Links sind zulässig")
            findings.append(error(key, text, *result.position(key)))
    return findings


# YAML escapes ("\0", "\uD800") can put characters into values that no database stores:
# SQLite cannot encode lone surrogates, PostgreSQL refuses NUL.
_UNSTORABLE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff]")


def _strings(value, path: str = "") -> Iterator[tuple[str, str]]:
    if isinstance(value, dict):
        for key, item in value.items():
            yield path or str(key), str(key)
            yield from _strings(item, f"{path}.{key}" if path else str(key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _strings(item, f"{path}[{index}]")
    elif isinstance(value, str):
        yield path, value


def unstorable_text_findings(result: ParseResult) -> list[Finding]:
    """One error per value holding control characters or lone surrogates."""
    text = Text("contains a control character or an invalid Unicode escape (lone surrogate)",
                "enthält ein Steuerzeichen oder ein ungültiges Unicode-Escape (einzelnes Surrogat)")
    keys = sorted({key for key, value in _strings(result.document or {}) if _UNSTORABLE.search(value)})
    return [error(key, text, *result.position(key)) for key in keys]


def platform_findings(result: ParseResult) -> list[Finding]:
    """Everything Lichtermeer refuses beyond the publiccode.yml standard."""
    return unsafe_link_findings(result) + unstorable_text_findings(result)
