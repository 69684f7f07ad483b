"""Human labels for facet names and values, in the active language.

Value labels come from solutions.labels, the table the API's facet labels use too; values
outside a vocabulary (unknown categories or codes) are shown as they are, so nothing a provider wrote
disappears.
"""

from django.utils.translation import gettext_lazy as _

from lichtermeer.solutions.labels import VALUE_LABELS

FACET_LABELS = {
    "domain": _("Domain"),
    "category": _("Category"),
    "software_type": _("Software type"),
    "development_status": _("Development status"),
    "license": _("Licence"),
    "hosting": _("Hosting model"),
    "standard": _("Standard"),
    "maintenance": _("Maintenance"),
    "listing_status": _("Listing status"),
    "price_model": _("Price model"),
}


def facet_label(facet: str) -> str:
    return str(FACET_LABELS.get(facet, facet.replace("_", " ").capitalize()))


def value_label(facet: str, value) -> str:
    if value in (None, ""):
        return ""
    labels = VALUE_LABELS.get(facet, {})
    label = labels.get(str(value))
    if label is not None:
        return str(label)
    return str(value).replace("-", " ") if facet == "category" else str(value)
