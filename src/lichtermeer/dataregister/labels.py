"""Labels of the register's codes in the active language, shared by the pages and the JSON API.

Engine texts come as `Text(en, de)` (or {"en", "de"} once stored as JSON); `localized` picks the active language.
Harvested values are hostile: `safe_url` lets only http(s) addresses become links (no `javascript:`).
"""

from __future__ import annotations

from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from lichtermeer.engines.mqa.indicators import BAND_LABELS, DIMENSIONS, MAXIMUM

from .models import Dataset, HarvestRun, Source

SH = "http://www.w3.org/ns/shacl#"
SEVERITIES = {  # SHACL severity → (order, label, KERN badge modifier)
    SH + "Violation": (0, gettext_lazy("Violation"), "kern-badge--danger"),
    SH + "Warning": (1, gettext_lazy("Warning"), "kern-badge--warning"),
    SH + "Info": (2, gettext_lazy("Note"), "kern-badge--info"),
}
BAND_BADGES = {"excellent": "kern-badge--success", "good": "kern-badge--success", "sufficient": "kern-badge--warning",
               "bad": "kern-badge--danger"}
RUN_BADGES = {
    HarvestRun.Status.QUEUED: "kern-badge--info",
    HarvestRun.Status.RUNNING: "kern-badge--info",
    HarvestRun.Status.DONE: "kern-badge--success",
    HarvestRun.Status.PARTIAL: "kern-badge--warning",
    HarvestRun.Status.FAILED: "kern-badge--danger",
}
INDICATOR_STATUSES = {
    "met": gettext_lazy("met"),
    "partial": gettext_lazy("partly met"),
    "not_met": gettext_lazy("not met"),
    "not_checked": gettext_lazy("not checked"),
}
# Prefixes for showing SHACL paths and components briefly (the full IRI stays in the API).
PREFIXES = {
    "http://purl.org/dc/terms/": "dct:",
    "http://www.w3.org/ns/dcat#": "dcat:",
    "http://www.w3.org/ns/shacl#": "sh:",
    "http://xmlns.com/foaf/0.1/": "foaf:",
    "http://www.w3.org/2004/02/skos/core#": "skos:",
    "http://www.w3.org/2006/vcard/ns#": "vcard:",
    "http://www.w3.org/ns/adms#": "adms:",
    "http://www.w3.org/1999/02/22-rdf-syntax-ns#": "rdf:",
    "http://www.w3.org/2000/01/rdf-schema#": "rdfs:",
    "http://www.w3.org/ns/odrl/2/": "odrl:",
    "http://spdx.org/rdf/terms#": "spdx:",
    "http://data.europa.eu/r5r/": "dcatap:",
}
LICENCE_PREFIXES = ("http://dcat-ap.de/def/licenses/", "https://dcat-ap.de/def/licenses/",
                    "http://www.dcat-ap.de/def/licenses/", "https://www.dcat-ap.de/def/licenses/")


# Facets of the dataset search in the order a reader narrows down: where, what, how.
FACET_ORDER = ("municipality", "land", "thema", "format", "license", "band")


def facet_value_label(facet: str, value: str, label: str) -> str:
    if facet == "band":
        return band_label(value)
    if facet == "license":
        return licence_label(value)
    return label or value


def english() -> bool:
    return (translation.get_language() or "de").startswith("en")


def localized(text) -> str:
    """A `Text(en, de)` or {"en", "de"} mapping in the active language (German by default)."""
    if text is None:
        return ""
    if isinstance(text, dict):
        first, second = ("en", "de") if english() else ("de", "en")
        return str(text.get(first) or text.get(second) or "")
    if hasattr(text, "en") and hasattr(text, "de"):
        return text.en if english() else text.de
    return str(text)


def band_label(band: str | None) -> str:
    return localized(BAND_LABELS.get(band or "")) or _("not scored")


def band_badge(band: str | None) -> str:
    return BAND_BADGES.get(band or "", "lm-badge-neutral")


def dimension_label(name: str) -> str:
    return localized(DIMENSIONS.get(name)) or name


def severity_label(severity: str) -> str:
    known = SEVERITIES.get(severity)
    return str(known[1]) if known else short_iri(severity)


def severity_badge(severity: str) -> str:
    known = SEVERITIES.get(severity)
    return known[2] if known else "kern-badge--info"


def severity_order(severity: str) -> int:
    known = SEVERITIES.get(severity)
    return known[0] if known else len(SEVERITIES)


def run_status_label(status: str) -> str:
    return _choice(HarvestRun.Status, status)


def run_status_badge(status: str) -> str:
    return RUN_BADGES.get(status, "kern-badge--info")


def kind_label(kind: str) -> str:
    return _choice(Source.Kind, kind)


def category_source_label(source: str) -> str:
    return _choice(Dataset.Category, source) if source else _("not classified")


def indicator_status_label(status: str) -> str:
    return str(INDICATOR_STATUSES.get(status, status))


def short_iri(iri: str | None) -> str:
    iri = iri or ""
    for long, short in PREFIXES.items():
        if iri.startswith(long):
            return short + iri[len(long):]
    return iri


def licence_label(licence: str | None) -> str:
    licence = (licence or "").strip()
    for prefix in LICENCE_PREFIXES:
        if licence.startswith(prefix):
            return licence[len(prefix):].strip("/") or licence
    return licence


def safe_url(url: str | None) -> str:
    """The address if it may become a link: http(s) only, no whitespace or control characters."""
    url = (url or "").strip()
    if not url.lower().startswith(("http://", "https://")) or len(url) > 2000:
        return ""
    if any(ch.isspace() or ord(ch) < 32 for ch in url):
        return ""
    return url


def percent(share: float | None) -> str:
    return "–" if share is None else f"{round(share * 100)} %"


def maximum() -> int:
    return MAXIMUM


def _choice(choices, value) -> str:
    try:
        return str(choices(value).label)
    except ValueError:
        return str(value or "")
