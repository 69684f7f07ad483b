"""Controlled vocabularies and reference data, loaded lazily.

Lists come from the publiccode.yml standard 0.7 (CC0-1.0): `categories-list.rst`,
`scope-list.rst`, `aliases-list.rst`. The iPA codes and oEmbed URL patterns are the data
files parser-go embeds (EUPL-1.2), shipped in `parser_data/`.
"""

from __future__ import annotations

import json
import re
from functools import lru_cache
from importlib import resources

CATEGORIES = frozenset({
    "accounting", "agile-project-management", "applicant-tracking", "application-development",
    "appointment-scheduling", "backup", "billing-and-invoicing", "blog", "budgeting",
    "business-intelligence", "business-process-management", "cad", "call-center-management",
    "cloud-management", "collaboration", "communications", "compliance-management",
    "contact-management", "content-management", "crm", "customer-service-and-support",
    "data-analytics", "data-collection", "data-visualization", "design", "design-system",
    "digital-asset-management", "digital-citizenship", "document-management", "donor-management",
    "e-commerce", "e-signature", "educational-content", "email-management", "email-marketing",
    "employee-management", "enterprise-project-management", "enterprise-social-networking", "erp",
    "event-management", "facility-management", "feedback-and-reviews-management",
    "financial-reporting", "fleet-management", "fundraising", "gamification",
    "geographic-information-systems", "grant-management", "graphic-design", "help-desk", "hr",
    "ide", "identity-management", "instant-messaging", "integrated-library-system",
    "inventory-management", "it-asset-management", "it-development", "it-management", "it-security",
    "it-service-management", "knowledge-management", "learning-management-system", "marketing",
    "mind-mapping", "mobile-marketing", "mobile-payment", "network-management", "office",
    "online-booking", "online-community", "payment-gateway", "payroll", "predictive-analysis",
    "procurement", "productivity-suite", "project-collaboration", "project-management",
    "property-management", "real-estate-management", "regulations-and-directives", "remote-support",
    "resource-management", "sales-management", "seo", "service-desk", "social-media-management",
    "survey", "talent-management", "task-management", "taxes-management", "test-management",
    "time-management", "time-tracking", "translation", "video-conferencing", "video-editing",
    "visitor-management", "voip", "warehouse-management", "web-collaboration", "web-conferencing",
    "website-builder", "whistleblowing", "workflow-management", "other",
})
SCOPES = frozenset({
    "agriculture", "culture", "defence", "education", "emergency-services", "employment", "energy",
    "environment", "finance-and-economic-development", "foreign-affairs", "government",
    "healthcare", "infrastructures", "justice", "local-authorities", "manufacturing", "research",
    "science-and-technology", "security", "society", "sport", "tourism", "transportation",
    "welfare",
})

# alias:<name> values for `supports` -> the resource each alias stands for.
ALIASES = {
    "gdpr": "https://eur-lex.europa.eu/eli/reg/2016/679/oj",
    "eidas": "https://eur-lex.europa.eu/eli/reg/2014/910/oj",
    "nis2": "https://eur-lex.europa.eu/eli/dir/2022/2555/oj",
    "cra": "https://eur-lex.europa.eu/eli/reg/2024/2847/oj",
    "spid": "https://www.spid.gov.it/",
    "cie": "https://www.cartaidentita.interno.gov.it/",
    "anpr": "https://www.anpr.interno.it/",
    "pagopa": "https://www.pagopa.gov.it/",
    "io": "https://io.italia.it/",
}

# jshttp/media-typer's RFC 2045 shape, which parser-go uses for inputTypes/outputTypes.
MIME_TYPE = re.compile(r" *([A-Za-z0-9][A-Za-z0-9!#$&^_-]{0,126})/([A-Za-z0-9][A-Za-z0-9!#$&^_.+-]{0,126}) *")


def _data_text(name: str) -> str:
    return resources.files(__package__).joinpath("parser_data", name).read_text(encoding="utf-8")


@lru_cache(maxsize=1)
def _ipa_codes() -> frozenset[str]:
    lines = _data_text("ipa_codes.txt").splitlines()
    return frozenset(line.strip().lower() for line in lines if line.strip())


def is_ipa_code(code: str) -> bool:
    """iPA codes compare case-insensitively (IndicePA guidelines)."""
    return code.lower() in _ipa_codes()


@lru_cache(maxsize=1)
def _oembed_patterns() -> tuple[tuple[str, ...], ...]:
    # "https://*.youtube.com/watch*" -> ("https://", ".youtube.com/watch", ""): literal parts
    # between the '*' wildcards, which match any run of characters (parser-go: ".*").
    return tuple(tuple(scheme.split("*")) for scheme in json.loads(_data_text("oembed_schemes.json")))


def _glob_match(parts: tuple[str, ...], text: str) -> bool:
    """Linear-time match of a '*'-only pattern (a regexp here could backtrack for minutes)."""
    if len(parts) == 1:
        return text == parts[0]
    first, *middle, last = parts
    if len(text) < len(first) + len(last) or not text.startswith(first) or not text.endswith(last):
        return False
    position, end = len(first), len(text) - len(last)
    for part in middle:  # the leftmost occurrence of each part is always the best choice
        found = text.find(part, position, end)
        if found < 0:
            return False
        position = found + len(part)
    return True


def is_oembed_url(link: str) -> bool:
    if "\n" in link:  # Go's "." does not match a newline
        return False
    return any(_glob_match(parts, link) for parts in _oembed_patterns())


@lru_cache(maxsize=1)
def _country_codes() -> frozenset[str]:
    import pycountry  # imported lazily: its database is only needed for country checks

    return frozenset(c.alpha_2 for c in pycountry.countries)


def is_country_code(code: str) -> bool:
    """ISO 3166-1 alpha-2, all upper or all lower case (lower case is deprecated)."""
    if code != code.upper() and code != code.lower():
        return False
    return code.upper() in _country_codes()
