"""Building the next catalogue version from a base version and accepted changes."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, Literal

from . import messages
from .dumping import canonical, canonical_requirement
from .findings import CatalogueError, Finding, finding
from .validation import check
from .versions import version_key


@dataclass(frozen=True)
class Change:
    """One accepted change. `requirement` is the complete new requirement for add and change
    (a change replaces the requirement as a whole) and is ignored for retire. `tightens`: the
    committee declared the new statement stricter (feeds `diff(..., tightened=...)`)."""

    kind: Literal["add", "change", "retire"]
    requirement_id: str
    requirement: dict[str, Any] | None = None
    tightens: bool = False


def tightened(changes: Iterable[Change]) -> set[str]:
    """The ids declared stricter, for `diff(base, result, tightened=tightened(changes))`."""
    return {c.requirement_id for c in changes if c.tightens and c.kind == "change"}


def apply(base: dict[str, Any], changes: list[Change], *, version: str, published: str, effective_from: str,
          transition_until: str | None, changelog: dict[str, str] | None) -> dict[str, Any]:
    """A new, validated, canonical catalogue: `base` with `changes` applied in order and the new
    metadata set (`transition_until`/`changelog` None: left out). `base` is not modified.

    Raises CatalogueError when a change does not fit (adding an existing id, changing or retiring
    a missing one, a requirement whose id differs from the change's), when `version` is not
    greater than the base version, or when the result is invalid. Not checked here: reusing the id
    of a requirement retired in an *earlier* version (only the caller knows the history).
    """
    result = canonical(base)
    requirements = {r["id"]: r for r in result.get("requirements", []) if isinstance(r, dict) and "id" in r}
    problems: list[Finding] = []
    for index, change in enumerate(changes):
        problem = _apply_one(requirements, change)
        if problem:
            problems.append(finding(("changes", index), problem))
    base_version = base.get("version")
    try:
        if isinstance(base_version, str) and version_key(version) <= version_key(base_version):
            problems.append(finding(("version",), messages.version_not_greater(version, base_version)))
    except ValueError:
        pass  # an unreadable version is reported by the validation below
    if problems:
        raise CatalogueError(problems)
    result.update({"version": version, "published": published, "effective_from": effective_from,
                   "transition_until": transition_until, "changelog": changelog,
                   "requirements": list(requirements.values())})
    result = canonical({k: v for k, v in result.items() if v is not None})
    findings = [finding(issue.path, issue.text) for issue in check(result)]
    if findings:
        raise CatalogueError(findings, result)
    return result


def _apply_one(requirements: dict[str, dict[str, Any]], change: Change) -> messages.Text | None:
    if change.kind not in ("add", "change", "retire"):
        return messages.unknown_change_kind(change.kind)
    exists = change.requirement_id in requirements
    if change.kind == "add" and exists:
        return messages.already_exists(change.requirement_id)
    if change.kind != "add" and not exists:
        return messages.does_not_exist(change.kind, change.requirement_id)
    if change.kind == "retire":
        del requirements[change.requirement_id]
        return None
    if not isinstance(change.requirement, dict):
        return messages.requirement_needed(change.kind)
    given = change.requirement.get("id", change.requirement_id)
    if given != change.requirement_id:
        return messages.id_mismatch(change.requirement_id, given)
    requirements[change.requirement_id] = canonical_requirement({**change.requirement, "id": change.requirement_id})
    return None
