"""The EVB-IT contract types a procurement can name (Ergänzende Vertragsbedingungen für die Beschaffung von
IT-Leistungen). Referenced, never reproduced: the contract texts are published by the federal government at
evb-it.gov.de (formerly on cio.bund.de); the tender documents name the type and link there.

The official names stay German (they are names of documents); the short descriptions are ours.
Source: docs/procurement.md, section "EVB-IT" (domain notes, section 15).
"""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

OFFICIAL_SITE = "https://evb-it.gov.de/"


@dataclass(frozen=True)
class ContractType:
    code: str
    name: str  # official German name
    scope: str  # what it is for (translatable)
    url: str = OFFICIAL_SITE


TYPES = (
    ContractType("kauf", "EVB-IT Kauf", _("Purchase of hardware, possibly with standard software")),
    ContractType("ueberlassung-a", "EVB-IT Überlassung Typ A",
                 _("Standard software for permanent use, against a one-off payment")),
    ContractType("ueberlassung-b", "EVB-IT Überlassung Typ B", _("Standard software for use for a limited time")),
    ContractType("pflege-s", "EVB-IT Pflege S", _("Maintenance and support of standard software")),
    ContractType("instandhaltung", "EVB-IT Instandhaltung", _("Maintenance and repair of hardware")),
    ContractType("dienstleistung", "EVB-IT Dienstleistung",
                 _("IT services such as consulting, training or support (service contract)")),
    ContractType("service", "EVB-IT Service", _("IT services with agreed service levels")),
    ContractType("system", "EVB-IT System",
                 _("Creation of an overall system (hardware, software, integration) with acceptance")),
    ContractType("systemlieferung", "EVB-IT Systemlieferung",
                 _("Delivery of a system of hardware and software without major adaptation")),
    ContractType("erstellung", "EVB-IT Erstellung", _("Creation or adaptation of software")),
    ContractType("cloud", "EVB-IT Cloud", _("Cloud services (SaaS, PaaS, IaaS), published 2022")),
)

BY_CODE = {t.code: t for t in TYPES}
CHOICES = [(t.code, t.name) for t in TYPES]


def get(code: str) -> ContractType | None:
    return BY_CODE.get(code or "")
