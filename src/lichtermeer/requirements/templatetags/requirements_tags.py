"""Template helpers of the catalogue of base requirements: texts and labels in the active language.

The catalogue document carries its texts in German and English ({"de": ..., "en": ...}); pages show German
when the active language is German and English otherwise. Codes (categories, obligations, evidence kinds,
software types, operating models) get the labels of requirements.vocab.
"""

from django import template
from django.utils import translation
from django.utils.translation import gettext as _

from lichtermeer.accounts.names import public_name
from lichtermeer.solutions.vocab import HOSTING_MODELS

from .. import vocab

register = template.Library()

# Obligations keep the official German terms on German pages (MUSS/SOLL/KANN, as in the EfA minimum
# requirements), even before a translation catalogue exists; other languages get the RFC 2119 words.
_OBLIGATION_BADGE = {"MUSS": "danger", "SOLL": "warning", "KANN": "info"}


def german() -> bool:
    return (translation.get_language() or "de").startswith("de")


def text(mapping) -> str:
    """The active language's entry of a {"de", "en"} text, falling back to the other language."""
    if not isinstance(mapping, dict):
        return "" if mapping is None else str(mapping)
    order = ("de", "en") if german() else ("en", "de")
    for language in order:
        if mapping.get(language):
            return str(mapping[language])
    return ""


def obligation_label(code) -> str:
    code = str(code or "")
    if german() or code not in vocab.OBLIGATIONS:
        return code
    return str(vocab.OBLIGATIONS[code])


def category_label(code) -> str:
    from lichtermeer.engines import catalogue as engine

    category = engine.CATEGORIES.get(str(code))
    if category is not None:
        return category.de if german() else category.en
    return str(vocab.CATEGORIES.get(str(code), code))


def evidence_label(code) -> str:
    return str(vocab.EVIDENCE_KINDS.get(str(code), code))


def software_type_label(code) -> str:
    return str(vocab.SOFTWARE_TYPES.get(str(code), code))


def operating_model_label(code) -> str:
    return str(HOSTING_MODELS.get(str(code), code))


def bump_label(bump) -> str:
    from ..models import CatalogueVersion

    if not bump:
        return _("No change")
    try:
        return str(CatalogueVersion.Bump(bump).label)
    except ValueError:
        return str(bump)


def field_label(field: str) -> str:
    """ "statement.de" -> "Statement (German)"; the field names of engine.diff."""
    labels = {
        "title": _("Title"),
        "statement": _("Requirement"),
        "rationale": _("Rationale"),
        "category": _("Category"),
        "obligation": _("Obligation"),
        "applies_to.software_types": _("Software types"),
        "applies_to.operating_models": _("Operating models"),
        "applies_to": _("Applies to"),
        "evidence": _("Accepted evidence"),
        "checks": _("Automated checks"),
        "references": _("References"),
        "review_by": _("Review by"),
        "description": _("Description"),
        "changelog": _("Changelog"),
        "published": _("Published"),
        "effective_from": _("Effective from"),
        "transition_until": _("Transition period until"),
        "format": _("Format"),
        "id": _("Id"),
    }
    field = str(field)
    base, _dot, language = field.rpartition(".")
    if language in ("de", "en") and base:
        name = labels.get(base, base)
        return _("%(field)s (German)") % {"field": name} if language == "de" else _("%(field)s (English)") % {
            "field": name
        }
    return str(labels.get(field, field))


def _reference(value) -> str:
    if not isinstance(value, dict):
        return str(value)
    label = " ".join(str(value[key]) for key in ("source", "ref") if value.get(key))
    return f"{label} <{value['url']}>" if value.get("url") else label


def field_value(value, field: str = "") -> str:
    """A value of engine.diff's field changes as text: lists joined, codes as labels, nothing as a dash."""
    field = str(field or "")
    if value is None or value == [] or value == "":
        return _("all") if field.startswith("applies_to") else "–"
    if isinstance(value, dict):
        return text(value) if ("de" in value or "en" in value) else _reference(value)
    if isinstance(value, list):
        label = {
            "evidence": evidence_label,
            "applies_to.software_types": software_type_label,
            "applies_to.operating_models": operating_model_label,
        }.get(field, _reference)
        return ", ".join(label(item) for item in value)
    if field == "category":
        return category_label(value)
    if field == "obligation":
        return obligation_label(value)
    return str(value)


def display_name(user) -> str:
    return public_name(user)


register.filter("tr", text)
register.filter("obligation_label", obligation_label)
register.filter("category_label", category_label)
register.filter("evidence_label", evidence_label)
register.filter("software_type_label", software_type_label)
register.filter("operating_model_label", operating_model_label)
register.filter("bump_label", bump_label)
register.filter("field_label", field_label)
register.filter("field_value", field_value)
register.filter("display_name", display_name)


@register.filter
def obligation_badge(code) -> str:
    return _OBLIGATION_BADGE.get(str(code), "info")


@register.filter
def is_long(value) -> bool:
    """Long or multi-line values are shown as blocks, short ones inline ("before → after")."""
    return len(value) > 60 or "\n" in value


@register.filter
def as_date(value):
    """An ISO date string of the catalogue document ("2027-06-30") as a date, for the date filter."""
    import datetime as dt

    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        return None
