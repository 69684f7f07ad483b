"""Human labels for facet names and values, in the active language.

Vocabulary labels come from solutions.vocab and solutions.categories (publiccode.yml categories); values
outside a vocabulary (unknown categories or codes) are shown as they are, so nothing a provider wrote
disappears.
"""

from django.utils.translation import gettext_lazy as _

from lichtermeer.solutions import vocab
from lichtermeer.solutions.categories import CATEGORY_LABELS
from lichtermeer.solutions.models import Solution

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

LICENSE_KINDS = {"open": _("Open source"), "proprietary": _("Proprietary")}

_VALUE_LABELS = {
    "domain": vocab.DOMAINS,
    "category": CATEGORY_LABELS,
    "hosting": vocab.HOSTING_MODELS,
    "standard": vocab.STANDARDS,
    "development_status": vocab.DEVELOPMENT_STATUS,
    "software_type": vocab.SOFTWARE_TYPES,
    "maintenance": vocab.MAINTENANCE_TYPES,
    "license": LICENSE_KINDS,
    "listing_status": dict(Solution.ListingStatus.choices),
    "price_model": vocab.PRICE_MODELS,
    "role": vocab.STANDARD_ROLES,
}


def facet_label(facet: str) -> str:
    return str(FACET_LABELS.get(facet, facet.replace("_", " ").capitalize()))


def value_label(facet: str, value) -> str:
    if value in (None, ""):
        return ""
    labels = _VALUE_LABELS.get(facet, {})
    label = labels.get(str(value))
    if label is not None:
        return str(label)
    return str(value).replace("-", " ") if facet == "category" else str(value)
