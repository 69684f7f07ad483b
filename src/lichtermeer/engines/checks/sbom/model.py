"""One normalised form for CycloneDX (JSON, XML) and SPDX 2.x JSON SBOMs.

Every check that looks at an SBOM (structure, BSI TR-03183-2, licences, vulnerabilities) works on
this form, so each rule is written once whatever format the provider chose.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

CYCLONEDX_JSON = "CycloneDX JSON"
CYCLONEDX_XML = "CycloneDX XML"
SPDX_JSON = "SPDX JSON"


@dataclass(frozen=True)
class Component:
    """One component (CycloneDX component, SPDX package).

    `ref` is the bom-ref / SPDXID (may be empty in CycloneDX); `location` is where the component sits in
    the file: a JSON pointer (`/components/12`) or `line 105` for XML. `licences` holds each stated licence
    as written (SPDX id, SPDX expression or, where the SBOM only gives one, a free-text name); an empty
    tuple means no licence. `supplier` is the first named creator (supplier, manufacturer or author).
    """

    ref: str
    name: str
    version: str
    purl: str = ""
    cpe: str = ""
    licences: tuple[str, ...] = ()
    supplier: str = ""
    hashes: dict[str, str] = field(default_factory=dict)
    type: str = ""
    properties: dict[str, str] = field(default_factory=dict)
    location: str = ""

    @property
    def label(self) -> str:
        """How explanations name the component: its reference, else purl, else name@version."""
        return self.ref or self.purl or (f"{self.name}@{self.version}" if self.version else self.name) or "?"


@dataclass(frozen=True)
class Sbom:
    """`dependencies` maps a component ref to the refs it depends on (CycloneDX `dependencies`, SPDX
    DEPENDS_ON / CONTAINS and their inverses). `has_dependency_graph` tells an empty graph that was
    declared (`"dependencies": []`) from one that is missing altogether.
    `creators` are the people or organisations that made the SBOM (not the tools); `tools` the tools."""

    format: str
    spec_version: str
    serial: str
    timestamp: str
    creators: tuple[str, ...]
    components: tuple[Component, ...]
    dependencies: dict[str, tuple[str, ...]] = field(default_factory=dict)
    has_dependency_graph: bool = False
    tools: tuple[str, ...] = ()
    subject: Component | None = None
    name: str = ""
    # The parsed document (JSON value, or the raw bytes for XML) for schema validation; not part of the form.
    raw: Any = field(default=None, repr=False, compare=False)

    @property
    def is_cyclonedx(self) -> bool:
        return self.format in (CYCLONEDX_JSON, CYCLONEDX_XML)
