"""Lichtermeer's link policy: stricter than publiccode.yml, and *not* part of parser-go agreement.

parser-go accepts any syntactically valid URL (`javascript:alert(1)`, `file:///etc/passwd`,
`http://127.0.0.1/`) when its network checks are off. A public catalogue must not store
and render such links, so the platform can add these findings on top of `parse()`.
"""

from __future__ import annotations

import ipaddress
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
