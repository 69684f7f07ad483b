"""Assessment checks: pure functions of an evidence bundle and pinned reference data (no Django).

    bundle = Bundle.from_paths(publiccode="publiccode.yml", sbom="bom.json")
    reference = Reference(today=date.today(), osv=OsvIndex.load(path))
    assessment = assess(bundle, catalogue_document, reference, software_type="standalone/web")
    assessment.results   # check id -> [Result]
    assessment.verdicts  # one RequirementVerdict per catalogue requirement

`lichtermeer check …` (cli.py) is the provider's self-check; the assessment app runs the same code.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from . import registry
from .evidence import Bundle, EvidenceFile
from .model import Check, Result, Status
from .reference import Reference
from .verdicts import RequirementVerdict, Verdict, blocking, verdicts

__all__ = ["Assessment", "Bundle", "Check", "EvidenceFile", "Reference", "RequirementVerdict", "Result", "Status",
           "Verdict", "assess"]


@dataclass(frozen=True)
class Assessment:
    catalogue_version: str
    results: dict[str, list[Result]]
    verdicts: list[RequirementVerdict]
    versions: dict[str, str]

    @property
    def blocking(self) -> list[RequirementVerdict]:
        return blocking(self.verdicts)

    def as_dict(self) -> dict[str, Any]:
        checks = registry.all_checks()
        return {
            "catalogue_version": self.catalogue_version,
            "versions": self.versions,
            "check_versions": {id: checks[id].version for id in self.results if id in checks},
            "verdicts": [item.as_dict() for item in self.verdicts],
            "results": [result.as_dict() for found in self.results.values() for result in found],
            "blocking": [item.requirement for item in self.blocking],
        }


def assess(bundle: Bundle, catalogue: dict[str, Any], reference: Reference, *, software_type: str | None = None,
           operating_models: list[str] | None = None, reuse: dict[str, list[Result]] | None = None) -> Assessment:
    """Run every registered check (the catalogue decides which of them count for which requirement)."""
    results = registry.run(bundle, reference, reuse=reuse)
    found = verdicts(catalogue, results, software_type=software_type, operating_models=operating_models)
    return Assessment(str(catalogue.get("version", "")), results, found, reference.versions())
