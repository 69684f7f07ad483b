"""The fields BSI TR-03183-2 requires of an SBOM, checked on the normalised form.

Decisions (TR-03183-2 v2.x; where v1.1 and v2 differ we follow v2):
* format: CycloneDX 1.4 or later, SPDX 2.3 or later; an older one fails.
* SBOM level: a creator (person or organisation, not only a tool) and a timestamp; a creator without
  e-mail address or URL is a warning (the TR asks for one of them).
* every component: creator (supplier, manufacturer or author), name, version, licence and a hash.
  No hash fails; hashes without SHA-512 are a warning (v2 asks for SHA-512, v1.1 accepted any).
* dependencies: the SBOM must state them (CycloneDX `dependencies`, SPDX DEPENDS_ON/CONTAINS…);
  components that appear nowhere in the graph are a warning.
* purls, where given, must parse (packageurl-python); vulnerability matching depends on them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from lichtermeer.engines.publiccode.messages import Text

from .model import SPDX_JSON, Component, Sbom
from .purls import parse_purl

LISTED = 20  # components named in `details` per finding
NAMED = 3  # components named in the explanation


@dataclass(frozen=True)
class Finding:
    status: str  # "fail" | "warning"
    field: str
    text: Text
    location: str = ""
    details: dict[str, Any] = field(default_factory=dict)


def describe(component: Component) -> str:
    where = f" ({component.location})" if component.location else ""
    if component.ref:
        return f"bom-ref {component.ref}{where}" if "SPDXRef-" not in component.ref else component.ref + where
    if component.purl:
        return f"purl {component.purl}{where}"
    return f"{component.label}{where}"


def listing(components: list[Component]) -> list[dict[str, str]]:
    return [{"ref": c.ref, "purl": c.purl, "name": c.name, "version": c.version, "location": c.location}
            for c in components[:LISTED]]


def _first(components: list[Component]) -> str:
    named = "; ".join(describe(c) for c in components[:NAMED])
    more = len(components) - NAMED
    return named + (f" and {more} more" if more > 0 else "")


def _first_de(components: list[Component]) -> str:
    named = "; ".join(describe(c) for c in components[:NAMED])
    more = len(components) - NAMED
    return named + (f" und {more} weitere" if more > 0 else "")


def _version_tuple(text: str) -> tuple[int, ...]:
    try:
        return tuple(int(part) for part in text.split("."))
    except ValueError:
        return ()


def _format(sbom: Sbom) -> Finding | None:
    minimum = "2.3" if sbom.format == SPDX_JSON else "1.4"
    family = "SPDX" if sbom.format == SPDX_JSON else "CycloneDX"
    found = _version_tuple(sbom.spec_version)
    if found and found >= _version_tuple(minimum):
        return None
    stated = sbom.spec_version or "no version"
    return Finding("fail", "format", Text(
        f"{sbom.name} uses {family} {stated}; BSI TR-03183-2 requires {family} {minimum} or later.",
        f"{sbom.name} verwendet {family} {stated}; die BSI TR-03183-2 verlangt {family} {minimum} oder neuer."),
        location=sbom.name, details={"format": sbom.format, "spec_version": sbom.spec_version, "minimum": minimum})


def _creator(sbom: Sbom) -> Finding | None:
    where, where_de = ("creationInfo.creators (Person:/Organization:)",) * 2 if sbom.format == SPDX_JSON else (
        "metadata.authors, metadata.supplier or metadata.manufacturer",
        "metadata.authors, metadata.supplier oder metadata.manufacturer")
    if not sbom.creators:
        tools = f" Only tools are named ({', '.join(sbom.tools[:3])}); a tool is not the creator." if sbom.tools else ""
        tools_de = (f" Es sind nur Werkzeuge genannt ({', '.join(sbom.tools[:3])}); ein Werkzeug ist nicht der "
                    "Ersteller.") if sbom.tools else ""
        return Finding("fail", "creator", Text(
            f"{sbom.name} does not name who created the SBOM ({where}).{tools}",
            f"{sbom.name} nennt nicht, wer die SBOM erstellt hat ({where_de}).{tools_de}"), location=sbom.name)
    if not any("@" in creator or "://" in creator for creator in sbom.creators):
        return Finding("warning", "creator-contact", Text(
            f"The SBOM creator ({sbom.creators[0]}) is named without an e-mail address or URL; BSI TR-03183-2 asks "
            "for one of them.",
            f"Die Erstellerin oder der Ersteller der SBOM ({sbom.creators[0]}) ist ohne E-Mail-Adresse oder URL "
            "angegeben; die BSI TR-03183-2 verlangt eines davon."), location=sbom.name,
            details={"creators": list(sbom.creators)})
    return None


def _timestamp(sbom: Sbom) -> Finding | None:
    if sbom.timestamp:
        return None
    where = "creationInfo.created" if sbom.format == SPDX_JSON else "metadata.timestamp"
    return Finding("fail", "timestamp", Text(
        f"{sbom.name} has no creation timestamp ({where}).", f"{sbom.name} hat keinen Erstellungszeitpunkt ({where})."),
        location=sbom.name)


def _missing(sbom: Sbom, field_name: str, what: Text, lacking: Callable[[Component], bool],
             status: str = "fail", note: Text | None = None) -> Finding | None:
    note = note or Text("", "")
    found = [c for c in sbom.components if lacking(c)]
    if not found:
        return None
    total = len(sbom.components)
    return Finding(status, field_name, Text(
        f"{len(found)} of {total} components have no {what.en}; first: {_first(found)}.{note.en}",
        f"{len(found)} von {total} Komponenten haben keine Angabe {what.de}; zuerst: {_first_de(found)}.{note.de}"),
        location=found[0].location, details={"count": len(found), "total": total, "components": listing(found)})


def purl_problem(purl: str) -> str:
    """Why a purl does not parse ("" when it does); parsed once per process, shared with vulnerabilities.osv."""
    parsed = parse_purl(purl)
    if isinstance(parsed, ValueError):
        return str(parsed)
    if not parsed.name:
        return "the purl has no name"
    return ""


def _purls(sbom: Sbom) -> Finding | None:
    broken = [(c, purl_problem(c.purl)) for c in sbom.components if c.purl and purl_problem(c.purl)]
    if not broken:
        return None
    named = "; ".join(f"{describe(c)}: {c.purl!r}" for c, _ in broken[:NAMED])
    more = len(broken) - NAMED
    return Finding("fail", "purl", Text(
        f"{len(broken)} components have a package URL (purl) that does not parse: {named}"
        + (f" and {more} more." if more > 0 else "."),
        f"{len(broken)} Komponenten haben eine Paket-URL (purl), die sich nicht lesen lässt: {named}"
        + (f" und {more} weitere." if more > 0 else ".")),
        location=broken[0][0].location,
        details={"count": len(broken), "components": [{**item, "problem": problem} for item, (_, problem)
                                                      in zip(listing([c for c, _ in broken]), broken, strict=False)]})


def _dependencies(sbom: Sbom) -> Iterable[Finding]:
    if not sbom.components:
        return
    if not sbom.has_dependency_graph:
        where, where_de = ("DEPENDS_ON/CONTAINS relationships", "Beziehungen DEPENDS_ON/CONTAINS") \
            if sbom.format == SPDX_JSON else ("a dependencies section", "Abschnitt dependencies")
        yield Finding("fail", "dependencies", Text(
            f"{sbom.name} states no dependencies ({where}); BSI TR-03183-2 requires the dependency relations.",
            f"{sbom.name} enthält keine Abhängigkeiten ({where_de}); die BSI TR-03183-2 verlangt die "
            "Abhängigkeitsbeziehungen."), location=sbom.name)
        return
    in_graph = set(sbom.dependencies)
    for targets in sbom.dependencies.values():
        in_graph.update(targets)
    loose = [c for c in sbom.components if c.ref not in in_graph]
    if loose:
        yield Finding("warning", "dependencies-incomplete", Text(
            f"{len(loose)} of {len(sbom.components)} components appear nowhere in the dependency graph; first: "
            f"{_first(loose)}.",
            f"{len(loose)} von {len(sbom.components)} Komponenten kommen im Abhängigkeitsgraphen nicht vor; zuerst: "
            f"{_first_de(loose)}."), location=loose[0].location,
            details={"count": len(loose), "total": len(sbom.components), "components": listing(loose)})


def findings(sbom: Sbom) -> list[Finding]:
    found: list[Finding | None] = [_format(sbom), _creator(sbom), _timestamp(sbom)]
    if not sbom.components:
        found.append(Finding("fail", "components", Text(
            f"{sbom.name} lists no components.", f"{sbom.name} führt keine Komponenten auf."), location=sbom.name))
    found += [
        _missing(sbom, "component-creator", Text("creator (supplier, manufacturer or author)",
                                                 "zur Herstellerin oder zum Hersteller (supplier, manufacturer "
                                                 "oder author)"), lambda c: not c.supplier),
        _missing(sbom, "component-name", Text("name", "zum Namen"), lambda c: not c.name),
        _missing(sbom, "component-version", Text("version", "zur Version"), lambda c: not c.version),
        _missing(sbom, "component-licence", Text("licence", "zur Lizenz"), lambda c: not c.licences),
        _missing(sbom, "component-hash", Text("hash", "zum Hashwert"), lambda c: not c.hashes),
        _missing(sbom, "component-sha512", Text("SHA-512 hash", "zum SHA-512-Hashwert"),
                 lambda c: bool(c.hashes) and "SHA-512" not in c.hashes, status="warning",
                 note=Text(" TR-03183-2 v2 asks for SHA-512; other hashes are accepted with this warning.",
                           " Die TR-03183-2 v2 verlangt SHA-512; andere Hashwerte werden mit diesem Hinweis "
                           "akzeptiert.")),
        _purls(sbom),
        *_dependencies(sbom),
    ]
    return [finding for finding in found if finding is not None]
