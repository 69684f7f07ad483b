"""The one way to write to the audit log."""

from django.db import models, transaction
from django.utils import timezone

from .models import AuditEntry

GENESIS = "0" * 64


@transaction.atomic
def record(
    *,
    action: str,
    actor=None,
    obj: models.Model | None = None,
    data: dict | None = None,
    before: dict | None = None,
    after: dict | None = None,
) -> AuditEntry:
    # Lock the tail so two writers cannot chain onto the same predecessor.
    last = AuditEntry.objects.select_for_update().order_by("-id").only("hash").first()
    entry = AuditEntry(
        at=timezone.now(),
        actor=actor if actor is not None and actor.is_authenticated else None,
        actor_label=str(actor) if actor is not None and actor.is_authenticated else "system",
        action=action,
        object_type=obj._meta.label_lower if obj is not None else "",
        object_id=str(obj.pk) if obj is not None else "",
        data=data or {},
        before=before,
        after=after,
        prev_hash=last.hash if last else GENESIS,
    )
    entry.hash = entry.compute_hash()
    entry.save()
    return entry


@transaction.atomic
def record_many(entries: list[dict], *, actor=None) -> int:
    """Several entries in one chained batch (bulk work such as a re-assessment run). Each dict takes
    `action` and optionally `obj`, `data`, `before`, `after`, like `record`."""
    last = AuditEntry.objects.select_for_update().order_by("-id").only("hash").first()
    prev, now, rows = (last.hash if last else GENESIS), timezone.now(), []
    signed_in = actor is not None and actor.is_authenticated
    for item in entries:
        obj = item.get("obj")
        entry = AuditEntry(
            at=now, actor=actor if signed_in else None, actor_label=str(actor) if signed_in else "system",
            action=item["action"], object_type=obj._meta.label_lower if obj is not None else "",
            object_id=str(obj.pk) if obj is not None else "", data=item.get("data") or {},
            before=item.get("before"), after=item.get("after"), prev_hash=prev,
        )
        entry.hash = entry.compute_hash()
        prev = entry.hash
        rows.append(entry)
    AuditEntry.objects.bulk_create(rows, batch_size=500)
    return len(rows)


def chain_breaks() -> list[tuple[AuditEntry, str]]:
    """Entries whose own hash does not match their content (altered) or whose link to the entry before does not
    match (the predecessor was deleted or altered), with the reason."""
    breaks, prev = [], GENESIS
    for entry in AuditEntry.objects.order_by("id").iterator():
        if entry.compute_hash() != entry.hash:
            breaks.append((entry, "content does not match its hash (altered)"))
        elif entry.prev_hash != prev:
            breaks.append((entry, "missing or altered predecessor"))
        prev = entry.hash
    return breaks


def verify_chain() -> list[int]:
    """Ids of entries whose hash or link is broken; empty when the log is intact."""
    return [entry.id for entry, _ in chain_breaks()]
