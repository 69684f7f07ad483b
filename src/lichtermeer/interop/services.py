"""Writes of the standards register: the operator creates, changes and retires standards and adapters; the seed
file is loaded (upsert) by `lichtermeer interop load`.

Every write is checked with the engine's own validation of the whole register (the same rules as a register file:
JSON Schema + semantic checks), so the stored register can always be exported and loaded again. A refusal carries
the problems with their place (`versions[1]`) in English and German; nothing is half-saved. Every change is
audited with the state before and after ("interop.standard_created/changed/retired", "interop.adapter_saved/
removed").
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db import transaction

from lichtermeer.audit import services as audit
from lichtermeer.engines.interop.register import Problem, Register, check_document, is_standard_id
from lichtermeer.refusals import Refusal

from . import records
from .models import Adapter, Standard

# Addresses under /standards/ that are not standards (urls.py).
RESERVED_IDS = frozenset({"neu", "adapter"})
STANDARD_KEYS = ("name", "uri", "category", "kind", "maintainer", "versions", "compatibility", "groups", "roles",
                 "description")


class InteropError(Refusal):
    """A refused change of the register; `problems` name the places (paths relative to the standard or
    adapter, e.g. `versions[1]`)."""

    def __init__(self, code: str, en: str, de: str, *, status: int = 400, problems: list[Problem] | None = None):
        super().__init__(code, en, de, status=status)
        self.problems = list(problems or [])


def _forbidden() -> InteropError:
    return InteropError("forbidden", "Only the operator curates the standards register.",
                        "Nur der Betrieb der Plattform pflegt das Register der Standards.", status=403)


def _require(actor, perm: str, obj=None) -> None:
    if actor is None or not actor.has_perm(perm, obj):
        raise _forbidden()


def _invalid(problems: list[Problem], prefix: str) -> InteropError:
    """Problems of the whole register, the paths made relative to the changed entry."""
    relative = []
    for problem in problems:
        path = problem.path
        if path == prefix:
            path = ""
        elif path.startswith(prefix + "."):
            path = path[len(prefix) + 1:]
        relative.append(Problem(path, problem.en, problem.de))
    listed_en = "; ".join(f"{p.path}: {p.en}" if p.path else p.en for p in relative[:10])
    listed_de = "; ".join(f"{p.path}: {p.de}" if p.path else p.de for p in relative[:10])
    return InteropError("invalid-standard", f"The entry is not valid: {listed_en}",
                        f"Der Eintrag ist nicht gültig: {listed_de}", status=400, problems=relative)


def _current_document() -> dict[str, Any]:
    return records.document(Standard.objects.order_by("id"),
                            Adapter.objects.order_by("pk"))


def standard_data(standard_id: str, values: dict[str, Any]) -> dict[str, Any]:
    """A standard in the file's shape from form/API values (keys of STANDARD_KEYS, description as
    description_de/description_en or a {"de", "en"} mapping); empty optional values are left out."""
    data: dict[str, Any] = {"id": standard_id}
    for key in STANDARD_KEYS:
        if key == "description":
            given = values.get("description")
            if not isinstance(given, dict):
                given = {"de": values.get("description_de", ""), "en": values.get("description_en", "")}
            data["description"] = {k: _text(v) for k, v in given.items()}
            continue
        if key not in values:
            continue
        value = values[key]
        if isinstance(value, str):
            value = _text(value)
        if key in ("maintainer", "groups") and value in ("", None, []):
            continue
        data[key] = value
    if data.get("compatibility") != Standard.Compatibility.GROUPS and data.get("groups") == []:
        data.pop("groups")
    return data


def _text(value):
    return value.strip() if isinstance(value, str) else value


def _check_id(standard_id) -> None:
    if not isinstance(standard_id, str) or not is_standard_id(standard_id) or standard_id in RESERVED_IDS:
        shown = str(standard_id)[:40]
        raise InteropError("invalid-id", f"“{shown}” is not a register id (lower-case letters, digits and single "
                           "hyphens, at most 64 characters, e.g. ogc-api-features).",
                           f"„{shown}“ ist keine Kennung des Registers (Kleinbuchstaben, Ziffern und einzelne "
                           "Bindestriche, höchstens 64 Zeichen, z. B. ogc-api-features).",
                           problems=[Problem("id", "not a register id", "keine Kennung des Registers")])


def _validated(document: dict[str, Any], prefix: str) -> None:
    problems = check_document(document)
    if problems:
        raise _invalid(problems, prefix)


def _snapshot(standard: Standard) -> dict[str, Any]:
    return records.standard_dict(standard)


def _forget() -> None:
    from . import selectors

    transaction.on_commit(selectors.forget_register)


@transaction.atomic
def create_standard(*, actor, standard_id: str, values: dict[str, Any]) -> Standard:
    _require(actor, "interop.add_standard")
    _check_id(standard_id)
    if Standard.objects.filter(pk=standard_id).exists():
        raise InteropError("duplicate-id", f"The register already has a standard “{standard_id}”.",
                           f"Das Register hat schon einen Standard „{standard_id}“.", status=409,
                           problems=[Problem("id", "already in the register", "schon im Register")])
    data = standard_data(standard_id, values)
    data.pop("retired", None)
    document = _current_document()
    document["standards"].append(data)
    _validated(document, f"standards[{len(document['standards']) - 1}]")
    standard = Standard(id=standard_id, origin=Standard.Origin.OPERATOR)
    records.apply_standard(standard, data)
    standard.save(force_insert=True)
    audit.record(action="interop.standard_created", actor=actor, obj=standard, after=_snapshot(standard))
    _forget()
    return standard


@transaction.atomic
def change_standard(*, actor, standard: Standard, values: dict[str, Any]) -> Standard:
    """Change what the register says about a standard (not its id, not whether it is retired)."""
    _require(actor, "interop.change_standard", standard)
    standard = Standard.objects.select_for_update().get(pk=standard.pk)
    before = _snapshot(standard)
    data = {**standard_data(standard.id, values), **({"retired": True} if standard.retired else {})}
    document = _current_document()
    index = next(i for i, s in enumerate(document["standards"]) if s["id"] == standard.id)
    document["standards"][index] = data
    _validated(document, f"standards[{index}]")
    records.apply_standard(standard, data)
    after = _snapshot(standard)
    if after != before:
        standard.origin = Standard.Origin.OPERATOR  # the seed no longer overwrites it (load_standards)
        standard.save()
        audit.record(action="interop.standard_changed", actor=actor, obj=standard, before=before, after=after)
        _forget()
    return standard


@transaction.atomic
def retire_standard(*, actor, standard: Standard, retired: bool = True, reason: str = "") -> Standard:
    """Retire a standard (it stays in the register, marked, so declarations and history keep their meaning) or
    bring it back."""
    _require(actor, "interop.retire_standard", standard)
    standard = Standard.objects.select_for_update().get(pk=standard.pk)
    reason = (reason or "").strip()[:500]
    if standard.retired == retired:
        return standard
    before = _snapshot(standard)
    standard.retired = retired
    standard.origin = Standard.Origin.OPERATOR
    standard.save()
    action = "interop.standard_retired" if retired else "interop.standard_changed"
    audit.record(action=action, actor=actor, obj=standard, before=before, after=_snapshot(standard),
                 data={"reason": reason} if reason else None)
    _forget()
    return standard


@transaction.atomic
def save_adapter(*, actor, from_id: str, to_id: str, via_de: str, via_en: str, both_ways: bool = False,
                 adapter: Adapter | None = None) -> Adapter:
    """Create an adapter, or change one (its ends may change too)."""
    _require(actor, "interop.change_adapter", adapter)
    for where, value in (("from", from_id), ("to", to_id)):
        if not isinstance(value, str) or not is_standard_id(value) or not Standard.objects.filter(pk=value).exists():
            shown = str(value)[:40]
            raise InteropError("unknown-standard", f"{where}: “{shown}” is not a standard of the register.",
                               f"{where}: „{shown}“ ist kein Standard des Registers.", status=400,
                               problems=[Problem(where, "unknown standard", "unbekannter Standard")])
    if adapter is not None:
        adapter = Adapter.objects.select_for_update().get(pk=adapter.pk)
    before = records.adapter_dict(adapter) if adapter else None
    data = {"from": from_id, "to": to_id, "both_ways": bool(both_ways),
            "via": {"de": _text(via_de or ""), "en": _text(via_en or "")}}
    document = _current_document()
    adapters = document["adapters"]
    if adapter is not None:
        index = next(i for i, a in enumerate(adapters) if (a["from"], a["to"]) == (adapter.from_standard_id,
                                                                                   adapter.to_standard_id))
        adapters[index] = data
    else:
        adapters.append(data)
        index = len(adapters) - 1
    _validated(document, f"adapters[{index}]")
    row = adapter or Adapter()
    row.from_standard_id, row.to_standard_id = from_id, to_id
    row.both_ways, row.via_de, row.via_en = data["both_ways"], data["via"]["de"], data["via"]["en"]
    row.origin = Standard.Origin.OPERATOR
    row.save()
    after = records.adapter_dict(row)
    if after != before:
        audit.record(action="interop.adapter_saved", actor=actor, obj=row, before=before, after=after)
        _forget()
    return row


@transaction.atomic
def remove_adapter(*, actor, adapter: Adapter) -> None:
    _require(actor, "interop.change_adapter", adapter)
    adapter = Adapter.objects.select_for_update().get(pk=adapter.pk)
    before = records.adapter_dict(adapter)
    audit.record(action="interop.adapter_removed", actor=actor, obj=adapter, before=before)
    adapter.delete()
    _forget()


# --- loading the seed ------------------------------------------------------------------------------------------


@dataclass
class LoadReport:
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)  # changed by the operator: the seed does not overwrite them
    not_in_file: list[str] = field(default_factory=list)  # in the database only: left as they are
    adapters_created: int = 0
    adapters_updated: int = 0
    adapters_unchanged: int = 0
    adapters_kept: int = 0


@transaction.atomic
def load_register(register: Register, *, overwrite: bool = False) -> LoadReport:
    """Upsert the standards and adapters of a (validated) register, e.g. the seed file. Idempotent.

    Never deletes anything: standards and adapters that are only in the database (the operator's additions, or
    ones dropped from the file) stay as they are; a standard leaves the register only by being retired, which the
    file says with `retired: true`. Entries the operator has changed are kept unless `overwrite` is set.
    The result is validated as a whole before it is committed (a file that clashes with the operator's additions,
    e.g. a duplicate adapter, is refused with its problems).
    """
    report = LoadReport()
    existing = {s.pk: s for s in Standard.objects.select_for_update()}
    entries: list[dict] = []
    for entry in register.standards.values():
        data = entry.to_dict()
        row = existing.get(entry.id)
        if row is None:
            row = Standard(id=entry.id, origin=Standard.Origin.SEED)
            records.apply_standard(row, data)
            row.save(force_insert=True)
            report.created.append(entry.id)
            entries.append({"action": "interop.standard_created", "obj": row, "after": data,
                            "data": {"source": "seed"}})
            continue
        before = records.standard_dict(row)
        if before == records.standard_dict(_applied(row, data)):
            report.unchanged.append(entry.id)
            continue
        if row.origin == Standard.Origin.OPERATOR and not overwrite:
            report.kept.append(entry.id)
            continue
        records.apply_standard(row, data)
        row.origin = Standard.Origin.SEED
        row.save()
        report.updated.append(entry.id)
        action = "interop.standard_retired" if data.get("retired") and not before.get("retired") else \
            "interop.standard_changed"
        entries.append({"action": action, "obj": row, "before": before, "after": data, "data": {"source": "seed"}})
    report.not_in_file = sorted(set(existing) - set(register.standards))

    adapters = {(a.from_standard_id, a.to_standard_id): a for a in Adapter.objects.select_for_update()}
    for entry in register.adapters:
        data = entry.to_dict()
        row = adapters.get((entry.from_, entry.to))
        if row is None:
            row = Adapter(from_standard_id=entry.from_, to_standard_id=entry.to, origin=Standard.Origin.SEED)
            report.adapters_created += 1
        elif records.adapter_dict(row) == data:
            report.adapters_unchanged += 1
            continue
        elif row.origin == Standard.Origin.OPERATOR and not overwrite:
            report.adapters_kept += 1
            continue
        else:
            report.adapters_updated += 1
        before = records.adapter_dict(row) if row.pk else None
        row.both_ways, row.via_de, row.via_en = entry.both_ways, entry.via_de, entry.via_en
        row.origin = Standard.Origin.SEED
        row.save()
        entries.append({"action": "interop.adapter_saved", "obj": row, "before": before, "after": data,
                        "data": {"source": "seed"}})
    problems = check_document(_current_document())
    if problems:
        raise _invalid(problems, "")
    if entries:
        audit.record_many(entries)
        _forget()
    return report


def _applied(row: Standard, data: dict) -> Standard:
    copy = Standard(id=row.id)
    records.apply_standard(copy, data)
    return copy
