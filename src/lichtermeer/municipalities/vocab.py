"""Vocabularies of the municipal records."""

from django.utils import translation

from lichtermeer.engines.geo.model import TYPE_LABELS
from lichtermeer.solutions.vocab import STANDARDS

from .models import OperatingModel

OPERATING_MODEL_CODES = set(OperatingModel.values)

# Standards an urban data platform may support: the platform's standards vocabulary (one list for the whole site).
PLATFORM_STANDARDS = STANDARDS

def type_label(code: str) -> str:
    """The official German name of a Gemeinde/Kreis type (Textkennzeichen), English on English pages."""
    de, en = TYPE_LABELS.get(code, ("", ""))
    return de if (translation.get_language() or "de").startswith("de") else en
