"""Every check by id, and running them over a bundle.

Check modules register themselves with `@check(...)`; `all_checks()` imports them so the
registry is complete wherever it is used.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable

from lichtermeer.engines.publiccode.messages import Text

from .evidence import Bundle
from .model import Check, Result, Status
from .reference import Reference

_CHECKS: dict[str, Check] = {}
MODULES = ("publiccode_checks", "licences", "sbom", "vulnerabilities", "openapi", "securitytxt", "accessibility",
           "declarations", "standards")


def check(id: str, *, version: str, requirements: tuple[str, ...], evidence: tuple[str, ...], title: Text,
          references: tuple[str, ...] = ()) -> Callable:
    def register(func: Callable) -> Callable:
        if id in _CHECKS:
            raise ValueError(f"check {id!r} registered twice")
        _CHECKS[id] = Check(id, version, requirements, evidence, title, func, references)
        return func

    return register


def all_checks() -> dict[str, Check]:
    for name in MODULES:
        importlib.import_module(f"{__package__}.{name}")
    return dict(sorted(_CHECKS.items()))


def get(id: str) -> Check | None:
    return all_checks().get(id)


def run_check(chk: Check, bundle: Bundle, reference: Reference) -> list[Result]:
    """One check, never raising: an unexpected exception becomes status `error` (a bug, but never a pass)."""
    try:
        outcome = chk.run(chk, bundle, reference)
    except Exception as exc:  # noqa: BLE001 - a broken check must not break the assessment
        return [chk.result(Status.ERROR, Text(
            f"The check could not be completed ({type(exc).__name__}); a reviewer has to look at the evidence.",
            f"Die Prüfung konnte nicht abgeschlossen werden ({type(exc).__name__}); eine Prüferin oder ein "
            f"Prüfer muss den Nachweis ansehen."))]
    return outcome if isinstance(outcome, list) else [outcome]


# Which parts of the reference data (besides pinned package versions, recorded in Reference.versions()) a
# check reads. A check not listed here is assumed to read all of them. A check that reads none of them is a
# pure function of the evidence: its result may be reused while evidence and versions are unchanged.
USES: dict[str, tuple[str, ...]] = {
    "publiccode.valid": (), "licence.spdx-valid": (), "licence.osi-approved": (),
    "licence.sbom-components-licensed": (), "licence.compatibility": (), "sbom.valid": (), "sbom.tr-03183-2": (),
    "openapi.valid": (), "openapi.api-design-rules": (), "accessibility.axe-report": (),
    "declaration.dpa": (), "declaration.export-formats": (),
    "declaration.processing-location": ("today",), "declaration.attestation": ("today",),
    "vulnerabilities.osv": ("osv",), "security-txt.valid": ("today", "extra"),
    "accessibility.statement-link": ("extra",), "standards.declared": ("extra",),
}
ALL_INPUTS = ("today", "osv", "extra")


def uses(check_id: str) -> tuple[str, ...]:
    return USES.get(check_id, ALL_INPUTS)


def run(bundle: Bundle, reference: Reference, only: set[str] | None = None,
        reuse: dict[str, list[Result]] | None = None) -> dict[str, list[Result]]:
    """Run the checks; `reuse` supplies earlier results for checks whose inputs did not change (the caller
    decides that, see `uses`), which are then not run again."""
    checks = all_checks()
    reuse = reuse or {}
    ids = sorted(only & checks.keys()) if only is not None else list(checks)
    return {id: reuse[id] if id in reuse else run_check(checks[id], bundle, reference) for id in ids}
