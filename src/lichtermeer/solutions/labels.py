"""The one table of human labels for the values of solution facts and facets (lazy, active language)."""

from django.utils.translation import gettext_lazy as _

from . import vocab
from .categories import CATEGORY_LABELS
from .models import Solution

LICENSE_KINDS = {"open": _("Open source"), "proprietary": _("Proprietary")}

VALUE_LABELS = {
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
