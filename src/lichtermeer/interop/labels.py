"""Human labels of the register's vocabularies (lazy, in the active language). The ids are the engine's
(lichtermeer.engines.interop: CATEGORIES, KINDS, RULES, role pairs)."""

from django.utils.translation import gettext_lazy as _

from lichtermeer.engines.interop import CONSUMING_ROLES, PROVIDING_ROLES

CATEGORY_LABELS = {
    "data-platform": _("Data platforms"),
    "geodata": _("Geodata"),
    "iot": _("Internet of things"),
    "identity": _("Identity and sign-in"),
    "participation": _("Participation and council information"),
    "e-government": _("E-government (XÖV and transport)"),
    "mobility": _("Mobility"),
    "data-format": _("Data formats"),
    "collaboration": _("Collaboration"),
    "communication": _("Communication"),
    "open-data": _("Open data and metadata"),
    "api-description": _("API description"),
    "storage": _("Storage"),
}
KIND_LABELS = {
    "interface": _("Interface"),
    "protocol": _("Protocol"),
    "data-format": _("Data format"),
    "metadata": _("Metadata"),
}
RULE_LABELS = {
    "semver-major": _("Same major version is compatible"),
    "exact": _("Only the same version is compatible"),
    "groups": _("Versions in the same group are compatible"),
}
ROLE_PAIRS = [(p, c) for p in PROVIDING_ROLES for c in CONSUMING_ROLES]


def category_label(value: str) -> str:
    return str(CATEGORY_LABELS.get(value, value))


def kind_label(value: str) -> str:
    return str(KIND_LABELS.get(value, value))


def rule_label(value: str) -> str:
    return str(RULE_LABELS.get(value, value))

