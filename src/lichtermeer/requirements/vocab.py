"""Translatable labels for the catalogue format's codes (the codes themselves live in the engine's schema)."""

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

CATEGORIES = {
    "data-protection": _("Data protection"),
    "information-security": _("Information security"),
    "open-interfaces": _("Open interfaces and standards"),
    "portability-exit": _("Portability and exit"),
    "accessibility": _("Accessibility"),
    "licence-source-code": _("Licence and source code"),
    "operation-maintenance": _("Operation and maintenance"),
    "transparency-ai": _("Transparency and AI"),
}

# MUSS/SOLL/KANN are the official German terms (as in the EfA-Mindestanforderungen); English gets the RFC 2119 words.
OBLIGATIONS = {
    "MUSS": pgettext_lazy("obligation", "MUST"),
    "SOLL": pgettext_lazy("obligation", "SHOULD"),
    "KANN": pgettext_lazy("obligation", "MAY"),
}

EVIDENCE_KINDS = {
    "publiccode": _("publiccode.yml"),
    "sbom": _("Software bill of materials (SBOM)"),
    "openapi": _("OpenAPI description"),
    "security-txt": _("security.txt"),
    "accessibility-report": _("Accessibility test report"),
    "accessibility-statement": _("Accessibility statement"),
    "declaration": _("Provider declaration"),
    "attestation": _("Certificate or attestation"),
    "contract": _("Contract document"),
    "documentation": _("Documentation"),
    "source-code": _("Source code"),
    "live-endpoint": _("Live endpoint"),
    "test-report": _("Test report"),
}

SOFTWARE_TYPES = {
    "standalone/web": _("Web application"),
    "standalone/mobile": _("Mobile app"),
    "standalone/desktop": _("Desktop application"),
    "standalone/backend": _("Backend service"),
    "standalone/iot": _("IoT software"),
    "standalone/other": _("Other standalone software"),
    "addon": _("Add-on"),
    "library": _("Library"),
    "configurationFiles": _("Configuration files"),
}
