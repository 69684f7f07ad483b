"""standards.declared (LM-OS-02): the solution names the open interface standards it supports.

Sources: the declarations' `standards` list and `reference.extra["standards_provided"]` (set by the
platform from the listing: a list of names or of {id, version, role, extent}). LM-OS-02 is a SOLL
requirement that only applies "where open standards exist for the solution's field of application":
a solution that declares none is therefore not failed automatically but passed to a reviewer, who
judges whether such standards exist. One recognised open standard passes; version and extent
("SHOULD state ... with version and extent") are asked for with a warning.
"""

from __future__ import annotations

import re
from typing import Any

from lichtermeer.engines.publiccode.messages import Text

from .declarations import load_declarations, reference_data, section_errors
from .evidence import Bundle
from .model import Check, Result, Status
from .reference import Reference
from .registry import check

MAX_STANDARDS = 100


def _key(name: str) -> str:
    return re.sub(r"[\s./\-–_]+", "", name.casefold())


def recognise(name: str) -> dict[str, Any] | None:
    """The open standard a declared name (or id) stands for, or None."""
    key = _key(name)
    for entry in reference_data("open-standards")["standards"]:
        if key == _key(entry["id"]) or key in {_key(alias) for alias in entry["names"]}:
            return entry
    return None


def _from_platform(value: Any) -> list[dict[str, Any]]:
    items = [value] if isinstance(value, str | dict) else value if isinstance(value, list | tuple) else []
    found = []
    for item in items[:MAX_STANDARDS]:
        if isinstance(item, str) and item.strip():
            found.append({"id": item.strip()[:300]})
        elif isinstance(item, dict) and isinstance(item.get("id"), str) and item["id"].strip():
            found.append({key: str(item[key])[:300] for key in ("id", "version", "role", "extent") if item.get(key)})
    return found


@check("standards.declared", version="1", requirements=("LM-OS-02",), evidence=("declarations",),
       title=Text("Supported open standards are declared", "Unterstützte offene Standards sind angegeben"),
       references=("https://www.etsi.org/committee/cim", "https://www.ogc.org/standards/", "https://oparl.org"))
def standards_declared(chk: Check, bundle: Bundle, reference: Reference) -> Result | list[Result]:
    declared = load_declarations(bundle)
    platform = _from_platform(reference.extra.get("standards_provided"))
    if declared is None and not platform:
        return chk.missing("declarations")
    entries: list[tuple[str, dict[str, Any]]] = []
    if declared is not None:
        problems = section_errors(chk, declared, ("standards",))
        if problems:
            return problems
        entries += [(declared.place(f"/standards/{index}"), entry)
                    for index, entry in enumerate(declared.document.get("standards") or [])]
    entries += [("platform", entry) for entry in platform]
    source = declared.name if declared is not None else "platform"
    if not entries:
        return chk.result(Status.NEEDS_REVIEW, Text(
            "No supported interface standards are declared (standards). Where open standards exist for the "
            "solution's field of application (e.g. NGSI-LD, SensorThings, OGC API – Features, WMS/WFS, OParl, "
            "DCAT-AP.de), LM-OS-02 expects them; a reviewer judges whether that is the case.",
            "Es sind keine unterstützten Schnittstellenstandards angegeben (standards). Wo für den "
            "Anwendungsbereich offene Standards bestehen (z. B. NGSI-LD, SensorThings, OGC API – Features, WMS/WFS, "
            "OParl, DCAT-AP.de), erwartet LM-OS-02 sie; ob das der Fall ist, beurteilen Prüferinnen und Prüfer."),
            evidence=source, location=declared.place("") if declared else "")
    rows = []
    for where, entry in entries:
        known = recognise(entry["id"])
        rows.append({"location": where, "id": entry["id"], "version": entry.get("version"),
                     "role": entry.get("role"), "extent": entry.get("extent"),
                     "standard": known["id"] if known else None, "name": known["name"] if known else None})
    details = {"standards": rows, "open_standards": reference_data("open-standards")["version"]}
    recognised = [row for row in rows if row["standard"]]
    if not recognised:
        names = ", ".join(str(row["id"])[:80] for row in rows[:10])
        return chk.result(Status.NEEDS_REVIEW, Text(
            f"The declared standards ({names}) are not in the list of known open standards; a reviewer judges "
            f"whether they are open.",
            f"Die angegebenen Standards ({names}) stehen nicht in der Liste bekannter offener Standards; Prüferinnen "
            f"und Prüfer beurteilen, ob sie offen sind."), evidence=source, location=rows[0]["location"],
            details=details)
    names = ", ".join(f"{row['name']}" + (f" {row['version']}" if row["version"] else "") for row in recognised)
    incomplete = [row for row in recognised if not row["version"] or not row["extent"]]
    if incomplete:
        which = ", ".join(str(row["name"]) for row in incomplete)
        return chk.result(Status.WARNING, Text(
            f"Open standards are declared ({names}); version or extent (read, write, partial profiles) is missing "
            f"for {which}.",
            f"Offene Standards sind angegeben ({names}); Version oder Umfang (Lesen, Schreiben, Teilprofile) fehlen "
            f"bei {which}."), evidence=source, location=incomplete[0]["location"], details=details)
    return chk.result(Status.PASS, Text(
        f"Open standards are declared with version and extent: {names}.",
        f"Offene Standards sind mit Version und Umfang angegeben: {names}."),
        evidence=source, location=recognised[0]["location"], details=details)
