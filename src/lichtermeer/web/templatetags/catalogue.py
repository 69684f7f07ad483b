"""Template helpers for catalogue facts: labels in the active language and badge colours."""

from django import template

from lichtermeer.web import labels

register = template.Library()

_STATUS_BADGE = {
    "admitted": "success",
    "submitted": "info",
    "suspended": "warning",
    "expired": "warning",
    "draft": "info",
}


@register.filter
def facet_label(facet):
    return labels.facet_label(str(facet))


@register.simple_tag
def value_label(facet, value):
    return labels.value_label(str(facet), value)


@register.filter
def status_badge(status):
    return _STATUS_BADGE.get(str(status), "info")


@register.filter
def localized(mapping, language=None):
    """Pick the active language's entry of a {"de": ..., "en": ...} mapping, falling back to any."""
    from django.utils.translation import get_language

    if not isinstance(mapping, dict):
        return mapping or ""
    language = (language or get_language() or "de")[:2]
    for candidate in (language, "de", "en", *mapping.keys()):
        if mapping.get(candidate):
            return mapping[candidate]
    return ""
