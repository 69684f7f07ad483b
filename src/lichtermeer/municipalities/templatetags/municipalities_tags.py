"""Template helpers of the municipal pages: labels of codes in the active language, and the reuse register
of a solution for the partial on the solution's page (so the solutions app needs no change in its view).
"""

from django import template

from lichtermeer.accounts.names import public_name

from .. import vocab
from ..models import ExperienceReport, Grouping, InventoryEntry, OperatingModel, UrbanDataPlatform

register = template.Library()

_STATUS_BADGE = {
    InventoryEntry.Status.PRODUCTION: "kern-badge--success",
    InventoryEntry.Status.PILOT: "kern-badge--info",
    InventoryEntry.Status.PLANNED: "kern-badge--warning",
    InventoryEntry.Status.RETIRED: "lm-badge-neutral",
}
_CO_USE_BADGE = {
    UrbanDataPlatform.CoUse.OPEN: "kern-badge--success",
    UrbanDataPlatform.CoUse.ON_REQUEST: "kern-badge--info",
    UrbanDataPlatform.CoUse.CLOSED: "lm-badge-neutral",
}


def _label(choices, value) -> str:
    try:
        return str(choices(value).label)
    except ValueError:
        return str(value or "")


def type_label(code) -> str:
    """The official German name of the type (Textkennzeichen), English on English pages; the code if unknown."""
    return vocab.type_label(str(code)) or str(code or "")


def status_label(code) -> str:
    return _label(InventoryEntry.Status, code)


def operating_model_label(code) -> str:
    return _label(OperatingModel, code)


def co_use_label(code) -> str:
    return _label(UrbanDataPlatform.CoUse, code)


def standard_label(code) -> str:
    return str(vocab.PLATFORM_STANDARDS.get(str(code), code))


def report_status_label(code) -> str:
    return _label(ExperienceReport.Status, code)


def grouping_kind_label(code) -> str:
    return _label(Grouping.Kind, code)


register.filter("type_label", type_label)
register.filter("status_label", status_label)
register.filter("operating_model_label", operating_model_label)
register.filter("co_use_label", co_use_label)
register.filter("standard_label", standard_label)
register.filter("report_status_label", report_status_label)
register.filter("grouping_kind_label", grouping_kind_label)
register.filter("public_name", public_name)


@register.filter
def status_badge(code) -> str:
    return _STATUS_BADGE.get(str(code), "kern-badge--info")


@register.filter
def co_use_badge(code) -> str:
    return _CO_USE_BADGE.get(str(code), "kern-badge--info")


@register.filter
def stars(rating) -> str:
    """★★★☆☆ for 3 (decorative: pages say the number too)."""
    try:
        value = max(0, min(5, int(rating)))
    except (TypeError, ValueError):
        return ""
    return "★" * value + "☆" * (5 - value)


@register.simple_tag
def reuse_register(solution, width: int = 600):
    """The reuse register of a solution for municipalities/_solution_usage.html: entries, a map with its table
    alternative, and the published experience reports. Empty (entries == []) for a solution nobody records."""
    from .. import maps, selectors

    entries = selectors.usage_of(solution)
    return {
        "entries": entries,
        "municipalities": len({e.municipality_id for e in entries}),
        "map": maps.usage_map(solution, entries=entries, width=width) if entries else None,
        "reports": selectors.published_reports(solution=solution),
    }


@register.filter
def grouped(value):
    """1505005 -> "1.505.005" (German) or "1,505,005" (English), whatever USE_THOUSAND_SEPARATOR says."""
    from django.utils.formats import number_format

    try:
        return number_format(value, force_grouping=True)
    except (TypeError, ValueError):
        return value
