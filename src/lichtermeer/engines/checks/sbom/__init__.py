"""SBOM evidence: one reader for CycloneDX (JSON, XML) and SPDX 2.3 JSON, and the LM-IS-03 checks.

    sbom = sbom_of(bundle)          # Sbom, EvidenceError, or None without an SBOM; cached per bundle
    for component in sbom.components: component.ref, .name, .version, .purl, .licences, .hashes …

Importing the package registers `sbom.valid` and `sbom.tr-03183-2`.
"""

from . import checks  # noqa: F401 - registers the checks
from .access import sbom_of
from .model import Component, Sbom
from .parse import parse_sbom

__all__ = ["Component", "Sbom", "parse_sbom", "sbom_of"]
