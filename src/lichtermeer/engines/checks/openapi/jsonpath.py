"""The JSONPath subset the ADR ruleset's `given` expressions use, evaluated as Spectral (nimma) does.

Supported: `$`, `.name`, `['name']`, `[name]`, `[a,b]`, `*`, `..` (descendants), filters
`[?(...)]` and a final `~` (the property name instead of the value). Filter scripts are
JavaScript in the ruleset; each one used is translated by hand in `FILTERS` (keyed by its exact
text), so an unknown script is refused when the ruleset is built rather than guessed at.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from .jsvalues import MISSING, js_get, js_keys, js_string, js_truthy, matchable, to_number


class PathBudgetExceeded(Exception):
    """The (resolved) document is too large to walk within the linter's limits."""


Filter = Callable[[Any, "str | int"], bool]


def _prop_matches(pattern: str, flags: int = 0) -> Filter:
    """`@property && @property.match(/pattern/)` (nimma calls String() on the property first)."""
    regex = re.compile(pattern, flags | re.ASCII)

    def check(value: Any, prop: str | int) -> bool:
        return js_truthy(prop) and regex.search(matchable(js_string(prop))) is not None

    return check


def _member(value: Any, key: str) -> Any:
    """`@.key`; reading a property of null or undefined throws in JavaScript: treated as no match."""
    if value is None or value is MISSING:
        raise _NoMatch
    return js_get(value, key)


class _NoMatch(Exception):
    pass


def _ops_with_parameters(value: Any, prop: str | int) -> bool:
    # @property.match(/(get)|(delete)/) && @.parameters && @.parameters.length > 0
    if re.search(r"(get)|(delete)", js_string(prop)) is None:
        return False
    parameters = _member(value, "parameters")
    if not js_truthy(parameters):
        return False
    return to_number(_member(parameters, "length")) > 0


def _example_holder(value: Any, prop: str | int) -> bool:
    # @ && @.schema && (@.example !== void 0 || @.examples)
    return (js_truthy(value) and js_truthy(_member(value, "schema"))
            and (_member(value, "example") is not MISSING or js_truthy(_member(value, "examples"))))


def _schema_with_example(value: Any, prop: str | int) -> bool:
    # @property !== 'properties' && @ && (@ && @.example !== void 0 || @.default !== void 0)
    #   && (@.enum || @.type || @.format || @.$ref || @.properties || @.items)
    if prop == "properties" or not js_truthy(value):
        return False
    if _member(value, "example") is MISSING and _member(value, "default") is MISSING:
        return False
    return any(js_truthy(_member(value, key)) for key in ("enum", "type", "format", "$ref", "properties", "items"))


FILTERS: dict[str, Filter] = {
    "@property && @property.match(/(2|3)\\d\\d/)": _prop_matches(r"(2|3)\d\d"),
    "@property && @property.match(/(4|5)\\d\\d/)": _prop_matches(r"(4|5)\d\d"),
    "@property && @property.match(/(description|summary)/i)": _prop_matches(r"(description|summary)", re.I),
    "@property && !@property.match(/\\/openapi\\.(json)|(yaml)/)":
        lambda value, prop: js_truthy(prop) and re.search(r"\/openapi\.(json)|(yaml)", js_string(prop)) is None,
    "@.in=='query'": lambda value, prop: _member(value, "in") == "query",
    "@property && @property.match(/_links/i)": _prop_matches(r"_links", re.I),
    # Same truth value as the ruleset's /((\w+D)|(_[dD]))((ate)|(atum))/ without its quadratic `\w+`.
    "@property && @property.match(/((\\w+D)|(_[dD]))((ate)|(atum))/)": _prop_matches(r"(\wD|_[dD])(ate|atum)"),
    '@property=="application/problem+json" || @property=="application/problem+xml"':
        lambda value, prop: prop in ("application/problem+json", "application/problem+xml"),
    "@property.match(/(get)|(delete)/) && @.parameters && @.parameters.length > 0": _ops_with_parameters,
    "@property.match(/(put)|(post)|(patch)/)":
        lambda value, prop: re.search(r"(put)|(post)|(patch)", js_string(prop)) is not None,
    "@ && @.schema && (@.example !== void 0 || @.examples)": _example_holder,
    "@property !== 'properties' && @ && (@ && @.example !== void 0 || @.default !== void 0) && "
    "(@.enum || @.type || @.format || @.$ref || @.properties || @.items)": _schema_with_example,
}


@dataclass(frozen=True)
class Step:
    deep: bool
    names: tuple[str, ...] | None = None  # None with no filter: wildcard
    filter: Filter | None = None
    # nimma's quirk for `$..a[b,c]..d`: a deep member followed by plain members and another deep step
    # is matched at its *first* occurrence on the path only (`path.indexOf`), without retrying later ones.
    first_only: bool = False

    def matches(self, key: str | int, value: Any) -> bool:
        if self.filter is not None:
            try:
                return bool(self.filter(value, key))
            except _NoMatch:
                return False
        return self.names is None or (isinstance(key, str) and key in self.names)


@dataclass(frozen=True)
class JsonPath:
    text: str
    steps: tuple[Step, ...]
    keys: bool  # trailing "~": the property name is the value


_TOKEN = re.compile(r"""
      (?P<deep>\.\.)
    | (?P<dot>\.)
    | (?P<filter>\[\?\((?P<script>.*?)\)\](?=$|[.\[~]))
    | (?P<bracket>\[(?P<inner>[^\]]*)\])
    | (?P<name>[A-Za-z0-9_$@-]+|\*)
    | (?P<tilde>~$)
""", re.X)


def compile_path(text: str) -> JsonPath:
    if not text.startswith("$"):
        raise ValueError(f"JSONPath must start with $: {text}")
    steps: list[Step] = []
    position, deep, keys = 1, False, False
    while position < len(text):
        match = _TOKEN.match(text, position)
        if not match:
            raise ValueError(f"unsupported JSONPath {text!r} at {position}")
        position = match.end()
        if match.group("deep"):
            deep = True
        elif match.group("dot"):
            continue
        elif match.group("tilde"):
            keys = True
        elif match.group("filter"):
            script = match.group("script").strip()
            if script not in FILTERS:
                raise ValueError(f"no translation for filter script {script!r}")
            steps.append(Step(deep, filter=FILTERS[script]))
            deep = False
        else:
            raw = match.group("inner") if match.group("bracket") else match.group("name")
            names = [part.strip().strip("'\"") for part in raw.split(",")]
            steps.append(Step(deep, None if names == ["*"] else tuple(names)))
            deep = False
    return JsonPath(text, _mark_first_only(steps), keys)


def _mark_first_only(steps: list[Step]) -> tuple[Step, ...]:
    marked = list(steps)
    for index, step in enumerate(steps):
        if not (step.deep and step.filter is None and step.names is not None):
            continue
        following = steps[index + 1:]
        next_deep = next((offset for offset, item in enumerate(following) if item.deep), None)
        between = following[:next_deep] if next_deep is not None else []
        if between and all(item.filter is None for item in between):
            marked[index] = Step(step.deep, step.names, step.filter, first_only=True)
    return tuple(marked)


class Walker:
    """Evaluates paths over one document, counting every visited value against a budget.

    All values under the root are listed once, depth first, with the end of each subtree, and shared
    by every `..` query: the descendants of any value are then a slice of that list."""

    def __init__(self, root: Any, budget: int):
        self.root = root
        self.budget = budget
        self._everything: list[tuple[tuple, Any]] | None = None
        self._ends: list[int] = []
        self._index: dict[tuple, int] = {}
        self._by_name: dict[str, list[int]] = {}  # property name -> positions of the values under that name

    def _children(self, value: Any) -> Iterator[tuple[str | int, Any]]:
        if isinstance(value, dict):
            for key in js_keys(value):
                yield key, value[key]
        elif isinstance(value, list):
            yield from enumerate(value)

    def _spend(self, amount: int) -> None:
        self.budget -= amount
        if self.budget < 0:
            raise PathBudgetExceeded

    def _list_everything(self) -> list[tuple[tuple, Any]]:
        everything: list[tuple[tuple, Any]] = []
        ends: list[int] = []
        stack: list[tuple[tuple, Any, int]] = [((), self.root, -1)]
        while stack:
            path, value, finished = stack.pop()
            if finished >= 0:
                ends[finished] = len(everything)
                continue
            self._spend(1)
            position = len(everything)
            everything.append((path, value))
            ends.append(position + 1)
            self._index[path] = position
            if path and isinstance(path[-1], str):
                self._by_name.setdefault(path[-1], []).append(position)
            if isinstance(value, (dict, list)):
                stack.append((path, value, position))
                children = list(self._children(value))
                stack.extend(((*path, key), child, -1) for key, child in reversed(children))
        self._everything, self._ends = everything, ends
        return everything

    def _descendants(self, path: tuple, value: Any) -> list[tuple[tuple, Any]]:
        """The value itself and everything below it, depth first in document order."""
        everything = self._everything if self._everything is not None else self._list_everything()
        position = self._index.get(path)
        if position is None or everything[position][1] is not value:  # pragma: no cover - paths are unique
            raise PathBudgetExceeded
        self._spend(self._ends[position] - position)
        return everything[position:self._ends[position]]

    def _named_anywhere(self, names: tuple[str, ...], found: dict[tuple, Any]) -> None:
        everything = self._everything if self._everything is not None else self._list_everything()
        positions = sorted(position for name in names for position in self._by_name.get(name, ()))
        self._spend(len(positions))
        for position in positions:
            path, value = everything[position]
            found.setdefault(path, value)

    def _select(self, step: Step, parent_path: tuple, parent: Any, found: dict[tuple, Any]) -> None:
        if step.filter is None and step.names is not None:
            if isinstance(parent, dict):
                for name in step.names:
                    if name in parent:
                        found.setdefault((*parent_path, name), parent[name])
            return
        for key, child in self._children(parent):
            if step.matches(key, child):
                found.setdefault((*parent_path, key), child)

    def query(self, jsonpath: JsonPath) -> list[tuple[tuple, Any]]:
        """(path, value) of every match; with `~`, value is the property name."""
        nodes: list[tuple[tuple, Any]] = [((), self.root)]
        for step in jsonpath.steps:
            found: dict[tuple, Any] = {}
            for path, value in nodes:
                if step.deep and step.filter is None and step.names is not None and not path:
                    self._named_anywhere(step.names, found)  # `$..name`: straight from the name index
                else:
                    parents = self._descendants(path, value) if step.deep else [(path, value)]
                    for parent_path, parent in parents:
                        if isinstance(parent, (dict, list)):
                            self._select(step, parent_path, parent, found)
                if step.first_only:
                    start = len(path)
                    for candidate in [key for key in found if any(part in step.names for part in key[start:-1])]:
                        del found[candidate]
            nodes = list(found.items())
        if jsonpath.keys:
            return [(path, path[-1] if path else None) for path, _ in nodes]
        return nodes
