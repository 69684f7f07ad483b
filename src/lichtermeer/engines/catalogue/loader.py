"""Reading an untrusted catalogue file (YAML or JSON) into a validated document with positioned findings.

bytes -> size / UTF-8 -> YAML nodes (publiccode's hostile-input guard: size, depth, alias bombs,
duplicate keys) -> plain values typed by the YAML 1.2 core schema (`no` and 2027-06-30 stay strings)
-> schema and semantic checks. Any finding rejects the whole file.
"""

from __future__ import annotations

import json
import os
import re
from typing import Any

from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from lichtermeer.engines.publiccode.decoder import scalar_value
from lichtermeer.engines.publiccode.yamlnodes import MAX_DEPTH, YamlProblem, compose, position

from . import messages, validation
from .dumping import canonical
from .findings import Finding, Issue, LoadResult, Path, finding
from .messages import Text

MAX_BYTES = 2 * 1024 * 1024  # a catalogue of 100 requirements is about 300 KB


def load(data: bytes | str, *, path: str | None = None) -> LoadResult:
    """Read and validate a catalogue. Never raises: every problem is a Finding.

    `path` names the file (for callers' symmetry with the publiccode engine; findings do not repeat
    it). A valid document comes back canonical: keys in schema order, requirements sorted by id
    (so `load(dump_yaml(d)).document == d`).
    """
    try:
        return _load(data)
    except Exception as exc:  # noqa: BLE001 - a bug must not take the caller (an upload view) down
        text = messages.internal_error(type(exc).__name__)
        return LoadResult(None, [Finding("", text.en, text.de)])


def _load(data: bytes | str) -> LoadResult:
    text, problem = _text_of(data)
    if problem:
        return LoadResult(None, [finding((), problem)])
    try:
        root = compose(text)
        if root is None:
            return LoadResult(None, [finding((), messages.empty_document(), 1, 1)])
        converter = _Converter()
        document = converter.value(root, (), 0)
    except YamlProblem as exc:
        text_en, text_de = messages.printable(exc.text.en), messages.printable(exc.text.de)
        return LoadResult(None, [Finding(exc.key, text_en, text_de, exc.line, exc.column)])
    findings = converter.findings + [converter.place(issue) for issue in validation.check(document)]
    # Stable: equal positions keep the checks' order; findings without a position go last.
    findings.sort(key=lambda f: (f.line == 0, f.line, f.column))
    if findings:
        return LoadResult(None, findings)
    return LoadResult(canonical(document), [])


def load_file(path: str) -> LoadResult:
    """Read `path` (refusing files over MAX_BYTES before reading them) and `load` it."""
    try:
        with open(path, "rb") as handle:
            size = os.fstat(handle.fileno()).st_size
            if size > MAX_BYTES:
                return LoadResult(None, [finding((), messages.too_large(size, MAX_BYTES))])
            data = handle.read(MAX_BYTES + 1)
    except OSError as exc:
        return LoadResult(None, [finding((), messages.cannot_read(path, exc.strerror or str(exc)))])
    return load(data, path=path)


def _text_of(data: bytes | str) -> tuple[str, Text | None]:
    if isinstance(data, str):
        try:
            data = data.encode("utf-8")
        except UnicodeEncodeError:  # lone surrogates
            return "", messages.invalid_utf8()
    if len(data) > MAX_BYTES:
        return "", messages.too_large(len(data), MAX_BYTES)
    try:
        text = data.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError:
        return "", messages.invalid_utf8()
    return _untab_json(text), None


def _untab_json(text: str) -> str:
    """JSON may be indented with tabs, which PyYAML refuses even in flow style. In valid JSON every
    raw tab is whitespace between tokens (tabs in strings must be escaped), so they become spaces
    (one column each, positions stay right). Anything that is not valid JSON is left alone."""
    if "\t" not in text or not text.lstrip().startswith(("{", "[")):
        return text
    try:
        json.loads(text)
    except (ValueError, RecursionError):
        return text
    return text.replace("\t", " ")


_SURROGATE = re.compile("[\ud800-\udfff]")


class _Converter:
    """Nodes -> plain values, remembering where every value and every key stands in the file."""

    def __init__(self) -> None:
        self.values: dict[Path, tuple[int, int]] = {}
        self.keys: dict[Path, tuple[int, int]] = {}
        self.findings: list[Finding] = []

    def value(self, node: Node, path: Path, depth: int) -> Any:
        if depth > MAX_DEPTH:  # aliases can stack nesting beyond what the composer saw
            raise YamlProblem(messages.too_deep(MAX_DEPTH), *position(node))
        self.values.setdefault(path, position(node))
        if isinstance(node, MappingNode):
            result: dict[str, Any] = {}
            for key, item in node.value:
                if not isinstance(key, ScalarNode):
                    self.findings.append(finding(path, messages.key_not_scalar(), *position(key)))
                    continue
                name = self._join_surrogates(key.value, key, path) if _SURROGATE.search(key.value) else key.value
                self.keys.setdefault((*path, name), position(key))
                result[name] = self.value(item, (*path, name), depth + 1)
            return result
        if isinstance(node, SequenceNode):
            return [self.value(item, (*path, index), depth + 1) for index, item in enumerate(node.value)]
        value = scalar_value(node)[1]
        if isinstance(value, str) and _SURROGATE.search(value):
            value = self._join_surrogates(value, node, path)
        return value

    def _join_surrogates(self, value: str, node: Node, path: Path) -> str:
        """\\ud83d\\ude00 escapes (JSON's way to write 😀) arrive as two halves: join them."""
        try:
            return value.encode("utf-16", "surrogatepass").decode("utf-16")
        except UnicodeDecodeError:
            self.findings.append(finding(path, messages.lone_surrogate(), *position(node)))
            return value

    def place(self, issue: Issue) -> Finding:
        if issue.anchor == "none":
            line, column = 0, 0
        elif issue.anchor == "key":
            line, column = self.keys.get(issue.path, (0, 0))
        elif issue.anchor == "parent":
            line, column = self.values.get(issue.path[:-1], (0, 0))
        else:
            line, column = self.values.get(issue.path, (0, 0))
        return finding(issue.path, issue.text, line, column)
