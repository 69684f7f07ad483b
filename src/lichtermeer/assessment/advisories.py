"""The imported OSV advisory database: import (upsert by id, newer `modified` wins) and a per-process index
that is rebuilt only when a newer import exists."""

from __future__ import annotations

import threading

from django.db import transaction
from django.db.models import Max

from lichtermeer.audit import services as audit
from lichtermeer.engines.checks import vulnerabilities

from .models import OsvAdvisory, OsvImport

_lock = threading.Lock()
_cache: dict[str, object] = {}


def _packages(record: dict) -> list[list[str]]:
    found = []
    for affected in record.get("affected") or ():
        package = affected.get("package") or {}
        if package.get("ecosystem") and package.get("name"):
            found.append([str(package["ecosystem"]), str(package["name"])])
    return found


@transaction.atomic
def import_path(*, path: str, actor=None) -> OsvImport:
    records, problems = vulnerabilities.read_records(path)
    known = dict(OsvAdvisory.objects.values_list("osv_id", "modified"))
    added = updated = 0
    new_rows, changed = [], []
    for record in records:
        osv_id, modified = str(record["id"]), str(record.get("modified", ""))
        row = OsvAdvisory(osv_id=osv_id, modified=modified, withdrawn=bool(record.get("withdrawn")),
                          packages=_packages(record), record=record)
        if osv_id not in known:
            new_rows.append(row)
            known[osv_id] = modified
        elif modified > known[osv_id]:
            changed.append(row)
            known[osv_id] = modified
    OsvAdvisory.objects.bulk_create(new_rows, batch_size=500)
    for row in changed:
        OsvAdvisory.objects.filter(osv_id=row.osv_id).update(
            modified=row.modified, withdrawn=row.withdrawn, packages=row.packages, record=row.record)
    added, updated = len(new_rows), len(changed)
    # The date of the newest record is the data's "as of" date everywhere it is shown.
    snapshot = (OsvAdvisory.objects.aggregate(newest=Max("modified"))["newest"] or "")[:10]
    entry = OsvImport.objects.create(source=str(path)[:500], records=len(records), added=added, updated=updated,
                                     problems=[{"source": str(problem.source), "en": problem.text.en,
                                                "de": problem.text.de} for problem in problems][:200],
                                     snapshot=snapshot)
    audit.record(action="osv.imported", actor=actor, obj=entry,
                 data={"source": entry.source, "records": entry.records, "added": added, "updated": updated,
                       "problems": len(problems), "snapshot": snapshot})
    return entry


def current_index():
    """The OsvIndex of all stored advisories, or None when nothing was imported. Cached per process by import id."""
    latest = OsvImport.objects.order_by("-id").values_list("id", flat=True).first()
    if latest is None:
        return None
    with _lock:
        if _cache.get("id") != latest:
            records = list(OsvAdvisory.objects.values_list("record", flat=True).iterator(chunk_size=1000))
            snapshot = OsvImport.objects.get(pk=latest).snapshot
            _cache["index"] = vulnerabilities.OsvIndex.from_records(records, snapshot=snapshot)
            _cache["id"] = latest
        return _cache["index"]
