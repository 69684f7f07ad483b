"""Reading an OpenAPI document into data plus a position map, the way Spectral sees it.

Spectral's command line reads every document - JSON too - with its YAML parser and reports a
finding at the *start position* of the node it points at:

* a scalar: where the scalar starts (a string's opening quote);
* an object or array that is the value of a key: one character after the end of the key, i.e.
  the character after the key's closing quote (usually the colon), not the `{` or `[` itself;
* an array item or the root: where the item starts.

JSON is read by a small tokenizer written for that purpose (Python's `json` keeps no positions);
YAML goes through the shared safe composer (`publiccode.yamlnodes`: no alias bombs, no unsafe
tags, bounded nesting). Columns are counted in UTF-16 code units, as JavaScript counts them.
"""

from __future__ import annotations

import bisect
import json
import math
import re
from dataclasses import dataclass, field
from typing import Any

from lichtermeer.engines.publiccode.messages import Text

from .jsvalues import js_number, utf16_len

MAX_DEPTH = 256  # real OpenAPI documents nest about 20 levels deep
MAX_NODES = 2_000_000  # a 20 MiB JSON file holds about that many values


class SourceError(Exception):
    """The document cannot be read; carries an explanation and the place (1-based, 0 when unknown)."""

    def __init__(self, text: Text, line: int = 0, column: int = 0):
        super().__init__(text.en)
        self.text, self.line, self.column = text, line, column


@dataclass(eq=False)
class PNode:
    """One value of the document with its character offsets (start inclusive, end exclusive)."""

    kind: str  # "map", "seq" or "scalar"
    start: int
    end: int
    value: Any = None  # scalars only
    entries: list[tuple[PNode, PNode | None]] = field(default_factory=list)  # maps: (key, value)
    items: list[PNode] = field(default_factory=list)  # sequences
    merges: list[PNode] = field(default_factory=list)  # YAML `<<` merge sources (maps)


@dataclass
class Duplicate:
    """A key that occurs twice in one object (Spectral reports it as a parser error)."""

    path: tuple[str | int, ...]
    key: PNode


@dataclass
class Source:
    text: str
    root: PNode
    data: Any
    line_starts: list[int]
    duplicates: list[Duplicate] = field(default_factory=list)
    tabs: list[int] = field(default_factory=list)  # offsets of tabs between tokens (Spectral warns about each)

    def line_col(self, offset: int) -> tuple[int, int]:
        """0-based line and UTF-16 column of a character offset."""
        line = bisect.bisect_right(self.line_starts, offset) - 1
        return line, utf16_len(self.text[self.line_starts[line]:offset])

    def locate(self, path: list[str] | tuple[str, ...]) -> tuple[int, int]:
        """Spectral's position (0-based line, column) for a JSON path, falling back to the closest parent."""
        node, owner = self.root, None  # owner: (key, value) of the mapping entry holding `node`
        for segment in path:
            if node.kind == "map":
                found = _lookup(node, str(segment))
                if found is None:
                    break
                key, value = found
                node, owner = (key if value is None else value), found
            elif node.kind == "seq":
                number = js_number(str(segment))
                if not (number == number and number.is_integer() and 0 <= number < len(node.items)):
                    break
                node, owner = node.items[int(number)], None
            else:
                break
        return self.line_col(self._start(node, owner))

    def _start(self, node: PNode, owner: tuple[PNode, PNode | None] | None) -> int:
        if owner is not None:
            key, value = owner
            if value is None:
                return key.end
            if node.kind != "scalar":
                return key.end + 1  # Spectral: "offset for colon"
        if node is self.root and len(self.line_starts) > 1 and node.start == self.line_starts[1]:
            return 0
        return node.start


def _lookup(node: PNode, key: str) -> tuple[PNode, PNode | None] | None:
    # The last occurrence wins, as in the data (and as Spectral searches).
    for entry in reversed(_mappings(node)):
        if entry[0].value == key:
            return entry
    return None


def _mappings(node: PNode) -> list[tuple[PNode, PNode | None]]:
    if not node.merges:
        return node.entries
    merged: list[tuple[PNode, PNode | None]] = []
    for source in node.merges:
        merged.extend(_mappings(source))
    return merged + node.entries


def line_starts_of(text: str) -> list[int]:
    starts = [0]
    index = text.find("\n")
    while index != -1:
        starts.append(index + 1)
        index = text.find("\n", index + 1)
    return starts


# --- JSON ------------------------------------------------------------------------------------

_WHITESPACE = re.compile(r"[ \t\n\r\ufeff]*")
_STRING = re.compile(r'"(?:[^"\\\x00-\x1f]|\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4}))*"')
_NUMBER = re.compile(r"-?(?:0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?")
_LITERALS = {"true": True, "false": False, "null": None}


def parse_json(text: str, max_nodes: int = MAX_NODES) -> Source:
    """Parse JSON text (RFC 8259) into data and positions, iteratively (no recursion limit to hit)."""
    parser = _JsonParser(text, max_nodes)
    root = parser.parse()
    return Source(text, root, parser.root_data, line_starts_of(text), parser.duplicates, parser.tabs)


class _JsonParser:
    def __init__(self, text: str, max_nodes: int):
        self.text = text
        self.pos = 0
        self.nodes = 0
        self.max_nodes = max_nodes
        self.duplicates: list[Duplicate] = []
        self.tabs: list[int] = []
        self.root_data: Any = None

    def fail(self, what: str, offset: int | None = None) -> SourceError:
        offset = self.pos if offset is None else offset
        line = self.text.count("\n", 0, offset) + 1
        column = offset - (self.text.rfind("\n", 0, offset) + 1) + 1
        return SourceError(Text(f"not valid JSON: {what} at line {line}, column {column}",
                                f"kein gültiges JSON: {_GERMAN.get(what, what)} in Zeile {line}, Spalte {column}"),
                           line, column)

    def skip(self) -> None:
        end = _WHITESPACE.match(self.text, self.pos).end()
        if "\t" in self.text[self.pos:end]:
            self.tabs.extend(index for index in range(self.pos, end) if self.text[index] == "\t")
        self.pos = end

    def peek(self) -> str:
        return self.text[self.pos] if self.pos < len(self.text) else ""

    def count(self) -> None:
        self.nodes += 1
        if self.nodes > self.max_nodes:
            raise SourceError(Text(f"more than {self.max_nodes} values; too large to check",
                                   f"mehr als {self.max_nodes} Werte; zu groß für die Prüfung"))

    def scalar(self) -> PNode:
        start, char = self.pos, self.peek()
        self.count()
        if char == '"':
            match = _STRING.match(self.text, start)
            if not match:
                raise self.fail("invalid string")
            raw = match.group()
            value = raw[1:-1] if "\\" not in raw else json.loads(raw)
        elif char == "-" or char.isdigit():
            match = _NUMBER.match(self.text, start)
            if not match:
                raise self.fail("invalid number")
            raw = match.group()
            value = int(raw) if match.group(1) is None and match.group(2) is None else float(raw)
            if isinstance(value, float) and math.isinf(value):
                value = math.copysign(math.inf, value)
        else:
            for word, literal in _LITERALS.items():
                if self.text.startswith(word, start):
                    raw, value = word, literal
                    break
            else:
                raise self.fail("unexpected character")
        self.pos = start + len(raw)
        return PNode("scalar", start, self.pos, value)

    def parse(self) -> PNode:
        # Each open container on the stack: [node, data, path, pending key node, seen keys].
        stack: list[list[Any]] = []
        self.skip()
        while True:
            node, value = self.open_or_scalar(stack)
            if node is None:
                continue  # a container was opened: read its first value
            # `node` is complete: attach it to its parent and read what follows, closing containers.
            while True:
                if not stack:
                    self.skip()
                    if self.pos != len(self.text):
                        raise self.fail("unexpected text after the document")
                    self.root_data = value
                    return node
                self.attach(stack[-1], node, value)
                self.skip()
                top, char = stack[-1], self.peek()
                if char == ",":
                    self.pos += 1
                    self.skip()
                    if top[0].kind == "map":
                        self.read_key(top)
                    break
                closer = "}" if top[0].kind == "map" else "]"
                if char != closer:
                    raise self.fail(f"expected ',' or '{closer}'")
                node, value = self.close(stack)

    def open_or_scalar(self, stack: list[list[Any]]) -> tuple[PNode | None, Any]:
        char = self.peek()
        if char not in ("{", "["):
            node = self.scalar()
            return node, node.value
        if len(stack) >= MAX_DEPTH:
            raise self.fail("nested too deeply")
        self.count()
        kind = "map" if char == "{" else "seq"
        node = PNode(kind, self.pos, self.pos)
        path = self.child_path(stack)
        self.pos += 1
        stack.append([node, {} if kind == "map" else [], path, None, set()])
        self.skip()
        if self.peek() == ("}" if kind == "map" else "]"):
            return self.close(stack)
        if kind == "map":
            self.read_key(stack[-1])
        return None, None

    def close(self, stack: list[list[Any]]) -> tuple[PNode, Any]:
        node, data, *_ = stack.pop()
        self.pos += 1
        node.end = self.pos
        return node, data

    def child_path(self, stack: list[list[Any]]) -> tuple:
        if not stack:
            return ()
        node, data, path, key, _ = stack[-1]
        return (*path, key.value if node.kind == "map" else len(node.items))

    def read_key(self, top: list[Any]) -> None:
        if self.peek() != '"':
            raise self.fail("expected a property name")
        key = self.scalar()
        self.skip()
        if self.peek() != ":":
            raise self.fail("expected ':'")
        self.pos += 1
        self.skip()
        top[3] = key

    def attach(self, top: list[Any], node: PNode, value: Any) -> None:
        container, data, path, key, seen = top
        if container.kind == "seq":
            container.items.append(node)
            data.append(value)
            return
        if key.value in seen:
            self.duplicates.append(Duplicate((*path, key.value), key))
        seen.add(key.value)
        container.entries.append((key, node))
        data[key.value] = value
        top[3] = None


_GERMAN = {
    "invalid string": "ungültige Zeichenkette",
    "invalid number": "ungültige Zahl",
    "unexpected character": "unerwartetes Zeichen",
    "nested too deeply": "zu tief verschachtelt",
    "unexpected text after the document": "unerwarteter Text nach dem Dokument",
    "expected a property name": "Eigenschaftsname erwartet",
    "expected ':'": "':' erwartet",
    "expected ',' or '}'": "',' oder '}' erwartet",
    "expected ',' or ']'": "',' oder ']' erwartet",
}


# --- YAML ------------------------------------------------------------------------------------

_YAML_NULL = re.compile(r"~|null|Null|NULL|")
_YAML_BOOL = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}
_YAML_INT = re.compile(r"[-+]?[0-9]+")
_YAML_OCT = re.compile(r"0o[0-7]+")
_YAML_HEX = re.compile(r"0x[0-9a-fA-F]+")
_YAML_FLOAT = re.compile(r"[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?")
_YAML_INF = re.compile(r"([-+]?)\.(inf|Inf|INF)")
_YAML_NAN = re.compile(r"\.(nan|NaN|NAN)")


def yaml_scalar(text: str, tag: str) -> Any:
    """A plain scalar typed by the YAML 1.2 core schema (as Spectral's parser types it)."""
    from lichtermeer.engines.publiccode.yamlnodes import PLAIN_TAG

    if tag != PLAIN_TAG:
        if tag.endswith(":int") and _YAML_INT.fullmatch(text):
            return int(text)
        if tag.endswith(":float") and _YAML_FLOAT.fullmatch(text):
            return float(text)
        if tag.endswith(":bool") and text in _YAML_BOOL:
            return _YAML_BOOL[text]
        if tag.endswith(":null"):
            return None
        return text
    if _YAML_NULL.fullmatch(text):
        return None
    if text in _YAML_BOOL:
        return _YAML_BOOL[text]
    if _YAML_INT.fullmatch(text):
        return int(text)
    if _YAML_OCT.fullmatch(text):
        return int(text[2:], 8)
    if _YAML_HEX.fullmatch(text):
        return int(text[2:], 16)
    if _YAML_FLOAT.fullmatch(text):
        return float(text)
    if match := _YAML_INF.fullmatch(text):
        return -math.inf if match.group(1) == "-" else math.inf
    if _YAML_NAN.fullmatch(text):
        return math.nan
    return text


def parse_yaml(text: str) -> Source:
    """YAML through the shared safe composer, then into data and positions."""
    from yaml.nodes import MappingNode, ScalarNode, SequenceNode

    from lichtermeer.engines.publiccode import yamlnodes

    try:
        composed = yamlnodes.compose(text)
    except yamlnodes.YamlProblem as exc:
        raise SourceError(Text(f"not valid YAML: {exc.text.en}", f"kein gültiges YAML: {exc.text.de}"),
                          exc.line, exc.column) from exc
    if composed is None:
        raise SourceError(Text("the document is empty", "das Dokument ist leer"))
    converted: dict[int, tuple[PNode, Any]] = {}

    def convert(node: Any) -> tuple[PNode, Any]:
        # Aliases are the same composed node: convert it once (the composer refused alias bombs).
        if id(node) in converted:
            return converted[id(node)]
        if isinstance(node, ScalarNode):
            value = yaml_scalar(node.value, node.tag) if node.style is None else node.value
            result = (PNode("scalar", node.start_mark.index, node.end_mark.index, value), value)
        elif isinstance(node, SequenceNode):
            pnode = PNode("seq", node.start_mark.index, node.end_mark.index)
            data = []
            for item in node.value:
                child, value = convert(item)
                pnode.items.append(child)
                data.append(value)
            result = (pnode, data)
        elif isinstance(node, MappingNode):
            pnode = PNode("map", node.start_mark.index, node.end_mark.index)
            data = {}
            merged: dict = {}
            for key_node, value_node in node.value:
                if not isinstance(key_node, ScalarNode):
                    raise SourceError(Text("a mapping key is not a string", "ein Schlüssel ist keine Zeichenkette"),
                                      key_node.start_mark.line + 1, key_node.start_mark.column + 1)
                child, value = convert(value_node)
                if key_node.value == "<<" and key_node.style is None:
                    for source, source_data in _merge_sources(child, value):
                        pnode.merges.append(source)
                        merged = {**source_data, **merged}
                    continue
                key = PNode("scalar", key_node.start_mark.index, key_node.end_mark.index, key_node.value)
                empty = isinstance(value_node, ScalarNode) and value_node.start_mark.index == value_node.end_mark.index
                pnode.entries.append((key, None if empty else child))
                data[key_node.value] = value
            result = (pnode, {**merged, **data} if merged else data)
        else:  # pragma: no cover - the composer knows no other node types
            raise SourceError(Text("unsupported YAML node", "nicht unterstützter YAML-Knoten"))
        converted[id(node)] = result
        return result

    root, data = convert(composed)
    return Source(text, root, data, line_starts_of(text))


def _merge_sources(node: PNode, data: Any) -> list[tuple[PNode, dict]]:
    if node.kind == "map" and isinstance(data, dict):
        return [(node, data)]
    if node.kind == "seq" and isinstance(data, list):
        # Earlier sources win over later ones: apply them last.
        return [(item, value) for item, value in reversed(list(zip(node.items, data, strict=True)))
                if item.kind == "map" and isinstance(value, dict)]
    return []


def parse_document(text: str, max_nodes: int = MAX_NODES) -> Source:
    """JSON when the text looks like JSON (Spectral reads both through one YAML parser), else YAML."""
    if text.lstrip(" \t\r\n\ufeff").startswith(("{", "[")):
        try:
            return parse_json(text, max_nodes)
        except SourceError as json_error:
            try:
                return parse_yaml(text)  # a YAML flow mapping also starts with "{"
            except SourceError:
                raise json_error from None
    return parse_yaml(text)
