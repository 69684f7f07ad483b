"""Provider statements that a vulnerability is not exploitable, from the SBOM's own CycloneDX `vulnerabilities`
(the VEX form LM-IS-04 names). Only statements with a reason count; a reviewer still judges the reason.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

# CycloneDX `analysis.state` values that claim the component is not (or no longer) exposed.
CLAIMS = ("not_affected", "false_positive", "resolved", "resolved_with_pedigree")


@dataclass(frozen=True)
class VexStatement:
    id: str
    state: str
    justification: str
    detail: str
    refs: frozenset[str]  # bom-refs it applies to; empty: every component
    pointer: str

    def applies_to(self, ref: str) -> bool:
        return not self.refs or ref in self.refs


def _text(value: Any) -> str:
    return value.strip()[:500] if isinstance(value, str) else ""


def statements(document: Any) -> dict[str, list[VexStatement]]:
    """Statements with a claim and a reason, by upper-cased vulnerability id (CVE, GHSA, PYSEC … as written)."""
    found: dict[str, list[VexStatement]] = {}
    entries = document.get("vulnerabilities") if isinstance(document, dict) else None
    if not isinstance(entries, list):
        return found
    for position, entry in enumerate(entries[:10_000]):
        if not isinstance(entry, dict) or not isinstance(entry.get("id"), str):
            continue
        analysis = entry.get("analysis") if isinstance(entry.get("analysis"), dict) else {}
        state, justification, detail = _text(analysis.get("state")), _text(analysis.get("justification")), \
            _text(analysis.get("detail"))
        if state not in CLAIMS or not (justification or detail):
            continue
        affects = entry.get("affects") if isinstance(entry.get("affects"), list) else []
        refs = frozenset(item["ref"] for item in affects if isinstance(item, dict) and isinstance(item.get("ref"), str))
        statement = VexStatement(entry["id"].strip(), state, justification, detail, refs,
                                 f"/vulnerabilities/{position}")
        found.setdefault(statement.id.upper(), []).append(statement)
    return found


def statement_for(found: dict[str, list[VexStatement]], ids: tuple[str, ...], ref: str) -> VexStatement | None:
    """The first statement for any of `ids` (an advisory id and its aliases) that applies to `ref`. `found` is
    the per-SBOM index by upper-cased id that `statements` builds, so this is a few dict lookups per advisory;
    an SBOM without statements (most) costs nothing."""
    if not found:
        return None
    for vulnerability in ids:
        for statement in found.get(vulnerability.upper(), ()):
            if statement.applies_to(ref):
                return statement
    return None
