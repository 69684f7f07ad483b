"""Local `$ref` resolution as Spectral performs it before linting, and the way back.

Spectral lints the *resolved* document (every local `$ref` replaced by its target) and then maps
each finding back to where it is written: a problem inside a schema that three operations use is
reported once, at the schema in `components`. Both directions are reproduced here:

* resolution follows json-ref-resolver: a reference to one of its own parents, and references
  that would make the resolved object circular, stay unresolved (`{"$ref": ...}` as written);
* `associated_path` is Spectral's `findAssociatedItemForPath`: walk the finding's path, replace
  every prefix that is a resolved reference by its target.

Only local references (`#/...`) are followed. Nothing is ever fetched: a reference to another
file or a URL stays as written and is listed in `external` for the caller to report.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any
from urllib.parse import unquote

from .jsvalues import MISSING, js_get, js_in, js_keys

# A reference chain longer than this is treated as broken (real documents need a handful).
MAX_REF_CHAIN = 64


class ResolveBudgetExceeded(Exception):
    pass


@dataclass
class Reference:
    location: tuple[str, ...]  # where the {"$ref": ...} object is, every segment a string
    ref: str
    target: tuple[str, ...] | None  # None: not a local reference


@dataclass
class Resolution:
    resolved: Any
    # Location of every followed reference -> its target (Spectral's refMap).
    ref_map: dict[tuple[str, ...], tuple[str, ...]] = field(default_factory=dict)
    # (location, message) of local references whose target does not exist.
    missing: list[tuple[tuple[str, ...], str]] = field(default_factory=list)
    external: list[Reference] = field(default_factory=list)


def pointer_to_path(pointer: str) -> tuple[str, ...] | None:
    """"#/components/schemas/A~1B" -> ("components", "schemas", "A/B"); None when not a local pointer."""
    if not pointer.startswith("#"):
        return None
    fragment = pointer[1:]
    if fragment in ("", "/"):
        return ()
    if not fragment.startswith("/"):
        return None
    return tuple(unquote(part).replace("~1", "/").replace("~0", "~") for part in fragment[1:].split("/"))


def find_references(data: Any) -> list[Reference]:
    """Every object with a string `$ref`, in document order; the crawler does not look inside them."""
    found: list[Reference] = []
    stack: list[tuple[tuple[str, ...], Any]] = [((), data)]
    while stack:
        path, value = stack.pop()
        if isinstance(value, dict):
            ref = value.get("$ref")
            if isinstance(ref, str) and path:
                found.append(Reference(path, ref, pointer_to_path(ref)))
                continue
            stack.extend(((*path, key), value[key]) for key in reversed(js_keys(value)))
        elif isinstance(value, list):
            stack.extend(((*path, str(index)), item) for index, item in reversed(list(enumerate(value))))
    return found


def _stem_dependencies(location: tuple[str, ...], target: tuple[str, ...]) -> list[str]:
    """json-ref-resolver's "stems": pointers (built without escaping, as it builds them) of the parts
    of the referencing location that lie outside the target's branch."""
    location_pointer, target_pointer = "#/" + "/".join(location), "#/" + "/".join(target)
    stem, tail, stems = "#", "", []
    for index, part in enumerate(location):
        if index < len(target) and part == target[index]:
            stem += f"/{part}"
        else:
            tail += f"/{part}"
            dep = stem + tail
            if dep not in (location_pointer, target_pointer):
                stems.append(dep)
    return stems


def _starts_with(path: tuple[str, ...], pointer: str) -> bool:
    prefix = pointer_to_path(pointer.replace("%", "%25"))
    return prefix is not None and path[:len(prefix)] == prefix


def resolve(data: Any, budget: int = 2_000_000) -> Resolution:
    """The resolved document (a DAG sharing resolved targets) plus the reference map."""
    references = find_references(data)
    local = [ref for ref in references if ref.target is not None]
    result = Resolution(data, external=[ref for ref in references if ref.target is None])
    if not isinstance(data, (dict, list)) or not local:
        return result

    # The stem graph: target pointer -> pointers of branches that contain references to it.
    stem_edges: dict[str, set[str]] = {}
    for ref in local:
        if _references_parent(ref):
            continue
        target_pointer = "#/" + "/".join(ref.target)
        stem_edges.setdefault(target_pointer, set())
        for stem in _stem_dependencies(ref.location, ref.target):
            stem_edges.setdefault(stem, set()).add(target_pointer)

    def closure(pointer: str) -> set[str]:
        seen: set[str] = set()
        todo = list(stem_edges.get(pointer, ()))
        while todo:
            item = todo.pop()
            if item not in seen:
                seen.add(item)
                todo.extend(stem_edges.get(item, ()))
        return seen

    followed: dict[tuple[str, ...], tuple[str, ...]] = {}
    closures: dict[str, set[str]] = {}
    for ref in local:
        if _references_parent(ref):
            continue
        target_pointer = "#/" + "/".join(ref.target)
        if target_pointer not in closures:
            closures[target_pointer] = closure(target_pointer)
        if any(_starts_with(ref.location, stem) for stem in closures[target_pointer]):
            continue  # would make the resolved object circular: stays a $ref
        followed[ref.location] = ref.target
    result.ref_map = dict(followed)

    builder = _Builder(data, followed, budget)
    for location, target in followed.items():
        if builder.lookup(target) is MISSING:
            result.missing.append((location, "'#/" + "/".join(target) + "' does not exist"))
    result.resolved = builder.build((), data)
    return result


def _references_parent(ref: Reference) -> bool:
    target = ref.target or ()
    return len(target) > 0 and ref.location[:len(target)] == target


class _Builder:
    """Builds the resolved document; a followed reference becomes its (shared) resolved target."""

    def __init__(self, data: Any, followed: dict[tuple[str, ...], tuple[str, ...]], budget: int):
        self.data = data
        self.followed = followed
        self.budget = budget
        self.memo: dict[tuple[str, ...], Any] = {}
        self.active: set[tuple[str, ...]] = set()

    def lookup(self, target: tuple[str, ...]) -> Any:
        value = self.data
        for segment in target:
            if not js_in(segment, value):
                return MISSING
            value = js_get(value, segment)
        return value

    def target_value(self, target: tuple[str, ...], depth: int = 0) -> Any:
        if target in self.memo:
            return self.memo[target]
        if target in self.active or depth > MAX_REF_CHAIN:
            return MISSING  # a chain of references back to itself: leave the $ref in place
        # The target may itself lie below a followed reference: resolve through it.
        for cut in range(len(target) - 1, -1, -1):
            if target[:cut] in self.followed and cut > 0:
                base = self.target_value(self.followed[target[:cut]], depth + 1)
                value = base
                for segment in target[cut:]:
                    value = js_get(value, segment) if js_in(segment, value) else MISSING
                self.memo[target] = value
                return value
        raw = self.lookup(target)
        if raw is MISSING:
            return MISSING
        self.active.add(target)
        try:
            value = self.build(target, raw, depth + 1)
        finally:
            self.active.discard(target)
        self.memo[target] = value
        return value

    def build(self, path: tuple[str, ...], value: Any, depth: int = 0) -> Any:
        self.budget -= 1
        if self.budget < 0:
            raise ResolveBudgetExceeded
        if path in self.followed and isinstance(value, dict):
            resolved = self.target_value(self.followed[path], depth)
            return value if resolved is MISSING else resolved
        if isinstance(value, dict):
            return {key: self.build((*path, key), value[key], depth) for key in value}
        if isinstance(value, list):
            return [self.build((*path, str(index)), item, depth) for index, item in enumerate(value)]
        return value


def associated_path(resolution: Resolution, unresolved: Any, path: list[str]) -> tuple[list[str], list[str]] | None:
    """Spectral's `findAssociatedItemForPath` for resolved rules: (path in the document, path including
    the part that does not exist), or None when Spectral gives up (it then uses the closest path)."""
    resolved = resolution.resolved
    new_path = closest_path(resolved, path)
    remaining = _traverse_until_ref(unresolved, new_path)
    if remaining is None:
        return None
    if remaining is False:
        return closest_path(unresolved, path), list(path)
    missing = [] if not remaining else path[_last_index(path, remaining[-1]) + 1:]
    key: tuple[str, ...] = ()
    for segment in path:
        key = (*key, segment)
        hops = 0
        while key in resolution.ref_map and hops <= MAX_REF_CHAIN:
            key = resolution.ref_map[key]
            hops += 1
    closest = closest_path(unresolved, list(key))
    return closest, [*closest, *missing]


def _last_index(path: list[str], segment: str) -> int:
    for index in range(len(path) - 1, -1, -1):
        if path[index] == segment:
            return index
    return -1


def _traverse_until_ref(unresolved: Any, path: list[str]) -> list[str] | bool | None:
    """False when the path runs through no reference; the segments left when a $ref was met;
    None when the path leaves the document (Spectral's exception: no associated item)."""
    piece = unresolved
    remaining = list(path)
    for segment in list(path):
        if not isinstance(piece, (dict, list)):
            return None
        if js_in(segment, piece):
            piece = js_get(piece, segment)
        elif isinstance(piece, dict) and isinstance(piece.get("$ref"), str):
            return remaining
        else:
            return None
        remaining.pop(0)
    if isinstance(piece, dict) and isinstance(piece.get("$ref"), str) and len(piece) == 1:
        return remaining
    return False


def closest_path(data: Any, path: list[str]) -> list[str]:
    """Spectral's `getClosestJsonPath`: the longest prefix of `path` that exists in `data`."""
    closest: list[str] = []
    if not isinstance(data, (dict, list)):
        return closest
    piece = data
    for segment in path:
        if not isinstance(piece, (dict, list)) or not js_in(segment, piece):
            break
        closest.append(segment)
        piece = js_get(piece, segment)
    return closest
