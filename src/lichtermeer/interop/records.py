"""Rows of the register <-> the register file's shape (`lichtermeer-standards/1`, data/interop/standards.yaml).

The engine validates and reads that shape (lichtermeer.engines.interop.register); the app stores it in rows so the
operator can edit single standards. These two functions are the only translation between the two.
"""

from __future__ import annotations

from typing import Any

from lichtermeer.engines.interop.register import FORMAT

from .models import Adapter, Standard


def standard_dict(row: Standard) -> dict[str, Any]:
    """One standard in the file's shape (key order of the schema; optional keys only when set)."""
    data: dict[str, Any] = {"id": row.id, "name": row.name, "uri": row.uri, "category": row.category,
                            "kind": row.kind}
    if row.maintainer:
        data["maintainer"] = row.maintainer
    data["versions"] = list(row.versions or [])
    data["compatibility"] = row.compatibility
    if row.compatibility == Standard.Compatibility.GROUPS or row.version_groups:
        data["groups"] = [list(group) for group in row.version_groups or []]
    data["roles"] = [list(pair) for pair in row.roles or []]
    data["description"] = {"de": row.description_de, "en": row.description_en}
    if row.retired:
        data["retired"] = True
    return data


def adapter_dict(row: Adapter) -> dict[str, Any]:
    return {"from": row.from_standard_id, "to": row.to_standard_id, "both_ways": row.both_ways,
            "via": {"de": row.via_de, "en": row.via_en}}


def document(standards, adapters) -> dict[str, Any]:
    return {"format": FORMAT, "standards": [standard_dict(s) for s in standards],
            "adapters": [adapter_dict(a) for a in adapters]}


def apply_standard(row: Standard, data: dict[str, Any]) -> None:
    """Copy a validated standard of the file's shape onto a row (not saved)."""
    description = data.get("description") or {}
    row.name = data["name"]
    row.uri = data["uri"]
    row.category = data["category"]
    row.kind = data["kind"]
    row.maintainer = data.get("maintainer", "")
    row.versions = list(data.get("versions") or [])
    row.compatibility = data.get("compatibility", Standard.Compatibility.EXACT)
    row.version_groups = [list(group) for group in data.get("groups") or []]
    row.roles = [list(pair) for pair in data.get("roles") or []]
    row.description_de = description.get("de", "")
    row.description_en = description.get("en", "")
    row.retired = bool(data.get("retired", False))
