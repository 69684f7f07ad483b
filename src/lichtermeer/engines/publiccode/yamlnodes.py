"""Reading untrusted YAML into PyYAML nodes (with positions), the way parser-go sees it.

Only PyYAML's *composer* is used (`yaml.compose*` with a SafeLoader subclass): values are
built later by `decoder.py` with YAML 1.2 core-schema rules, so `yes`/`no`/`on`/`off`
stay strings, exactly like goccy/go-yaml in parser-go.

Hostile input is stopped here: oversized files, deep nesting, alias bombs and recursive
aliases, duplicate keys. Every problem becomes a `YamlProblem` carrying a finding text.
"""

from __future__ import annotations

import yaml
from yaml.events import CollectionEndEvent, CollectionStartEvent, NodeEvent
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from . import messages

MAX_BYTES = 1024 * 1024
MAX_DEPTH = 64  # publiccode.yml needs about 6 levels; PyYAML's composer recurses per level
MAX_NODES = 100_000  # after alias expansion; the largest real files have a few thousand

PLAIN_TAG = "tag:lichtermeer,2026:plain"  # a plain scalar without an explicit tag
STR_TAG = "tag:yaml.org,2002:str"


class _NodeLoader(yaml.SafeLoader):
    """SafeLoader whose resolver only says "plain" or "quoted" (types come from decoder.py)
    and whose composer refuses to nest deeper than MAX_DEPTH (it recurses per level)."""

    def __init__(self, stream):
        super().__init__(stream)
        self._depth = 0

    def resolve(self, kind, value, implicit):
        if kind is ScalarNode:
            return PLAIN_TAG if implicit[0] else STR_TAG
        return super().resolve(kind, value, implicit)

    def compose_node(self, parent, index):
        self._depth += 1
        try:
            if self._depth > MAX_DEPTH:
                line = self.peek_event().start_mark.line + 1
                raise YamlProblem(messages.too_deep(MAX_DEPTH), line, 1)
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1


class YamlProblem(Exception):
    """The file cannot be read as YAML; carries the finding parser-go would report."""

    def __init__(self, text: messages.Text, line: int = 0, column: int = 0, key: str = ""):
        super().__init__(text.en)
        self.text, self.line, self.column, self.key = text, line, column, key


def _count_nodes(text: str) -> None:
    """Refuse more than MAX_NODES nodes before the pure-Python composer spends seconds on them.

    libyaml's parser (C) counts the events cheaply; the composer would reject such a file too, but only
    after building every node (about 6 s for 1 MiB of one-character list items). Syntax errors and deep
    nesting (libyaml slows down there) are left to the composer, which reports them in its own words.
    """
    if not yaml.__with_libyaml__:  # pragma: no cover - PyYAML's wheels include libyaml
        return
    count = depth = 0
    try:
        for event in yaml.parse(text, Loader=yaml.CSafeLoader):
            if isinstance(event, NodeEvent):  # scalar, alias, start of a list or mapping
                count += 1
                if count > MAX_NODES:
                    raise YamlProblem(messages.too_many_nodes(MAX_NODES), event.start_mark.line + 1, 1)
            if isinstance(event, CollectionStartEvent):
                depth += 1
                if depth > MAX_DEPTH:
                    return
            elif isinstance(event, CollectionEndEvent):
                depth -= 1
    except yaml.YAMLError:
        return


def compose(text: str) -> Node | None:
    """The single document's root node, or None for an empty stream."""
    _count_nodes(text)
    loader = None
    try:
        loader = _NodeLoader(text)  # the reader rejects non-printable characters right here
        root = loader.get_single_node()
    except yaml.composer.ComposerError as exc:
        if exc.problem == "but found another document":
            raise YamlProblem(messages.multiple_documents()) from exc
        raise _syntax_problem(exc) from exc
    except yaml.MarkedYAMLError as exc:
        raise _syntax_problem(exc) from exc
    except yaml.reader.ReaderError as exc:
        line = text.count("\n", 0, exc.position) + 1
        raise YamlProblem(messages.yaml_syntax(f"unacceptable character #x{exc.character:04x}: "
                                               f"special characters are not allowed"), line, 1) from exc
    finally:
        if loader is not None:
            loader.dispose()
    if root is not None:
        _check_graph(root)
    return root


def _syntax_problem(exc: yaml.MarkedYAMLError) -> YamlProblem:
    mark = exc.problem_mark or exc.context_mark
    line = mark.line + 1 if mark else 0
    problem = exc.problem or str(exc)
    if problem == "expected <block end>, but found '<block mapping start>'":
        # A key indented deeper than its siblings: goccy/go-yaml's wording for the same error.
        text = messages.map_value_not_allowed()
    else:
        text = messages.yaml_syntax(problem)
    # parser-go reports syntax errors at the offending line, always in column 1.
    return YamlProblem(text, line, 1 if line else 0)


def _children(node: Node) -> list[Node]:
    if isinstance(node, SequenceNode):
        return node.value
    if isinstance(node, MappingNode):
        return [n for pair in node.value for n in pair]
    return []


def _check_graph(root: Node) -> None:
    """Reject recursive aliases, alias bombs and duplicate keys, without recursion.

    Aliases make the node graph a DAG, so sizes are memoised per node: a billion-laughs
    file is measured in linear time and rejected before anything walks it for real.
    """
    expanded: dict[int, int] = {}
    visiting: set[int] = set()
    first_duplicate: tuple[tuple[int, int], ScalarNode, ScalarNode] | None = None
    stack: list[tuple[Node, bool]] = [(root, False)]
    while stack:
        node, finished = stack.pop()
        node_id = id(node)
        if finished:
            visiting.discard(node_id)
            size = 1 + sum(expanded[id(child)] for child in _children(node))
            if size > MAX_NODES:
                # Points at the first collection that grows too big (the bomb's upper levels).
                raise YamlProblem(messages.too_many_nodes(MAX_NODES), position(node)[0], 1)
            expanded[node_id] = size
            continue
        if node_id in expanded:
            continue
        if node_id in visiting:
            line, _ = position(node)
            raise YamlProblem(messages.recursive_alias(), line, 1)
        visiting.add(node_id)
        if isinstance(node, MappingNode):
            duplicate = _duplicate_key(node)
            if duplicate and (first_duplicate is None or duplicate[0] < first_duplicate[0]):
                first_duplicate = duplicate
        stack.append((node, True))
        stack.extend((child, False) for child in reversed(_children(node)))
    if first_duplicate:
        (line, _), again, first = first_duplicate
        first_line, first_column = position(first)
        raise YamlProblem(messages.duplicate_key(again.value, first_line, first_column), line, 1)


def _duplicate_key(node: MappingNode) -> tuple[tuple[int, int], ScalarNode, ScalarNode] | None:
    seen: dict[str, ScalarNode] = {}
    for key, _ in node.value:
        if not isinstance(key, ScalarNode):
            continue
        if key.value in seen:
            return position(key), key, seen[key.value]
        seen[key.value] = key
    return None


# --- positions, as goccy/go-yaml tokens give them to parser-go ------------------------------

def position(node: Node) -> tuple[int, int]:
    """1-based line and column of the node's first token (first key, '-', '[', '{' or scalar)."""
    return node.start_mark.line + 1, node.start_mark.column + 1


def _split_index(part: str) -> tuple[str, int, str]:
    """"foo[3]" -> ("foo", 3, ""); "description[en-US]" -> ("description", -1, "en-US")."""
    if "[" in part and part.endswith("]"):
        at = part.rindex("[")
        inner = part[at + 1:-1]
        if inner and inner.isascii() and inner.isdigit():
            return part[:at], int(inner), ""
        if inner:
            return part[:at], -1, inner
    return part, -1, ""


def find_key_position(root: Node | None, key: str) -> tuple[int, int]:
    """Where parser-go points for a dotted key (getPositionInFile/findKeyPos)."""
    if root is None or not key:
        return 0, 0
    node: Node = root
    parts = key.split(".")
    while True:
        base, index, string_key = _split_index(parts[0])
        if not isinstance(node, MappingNode):
            # A scalar or list where a mapping was expected: point at the value itself.
            return position(node)
        pair = next(((k, v) for k, v in _scalar_pairs(node) if k.value == base), None)
        if pair is None:
            if node.flow_style:
                return position(node)
            # A missing final key points at the first key of its parent mapping.
            if len(parts) == 1 and node.value:
                return position(node.value[0][0])
            return 0, 0
        key_node, match = pair
        if index >= 0:
            if not isinstance(match, SequenceNode) or index >= len(match.value):
                return position(key_node)
            element = match.value[index]
            if len(parts) == 1:
                return position(element)
            node, parts = element, parts[1:]
        elif string_key:
            node, parts = match, [string_key, *parts[1:]]
        elif len(parts) == 1:
            return position(key_node)
        else:
            node, parts = match, parts[1:]


def _scalar_pairs(node: MappingNode):
    return ((k, v) for k, v in node.value if isinstance(k, ScalarNode))


def find_key_at_line(node: Node | None, line: int, prefix: str = "") -> str:
    """The dotted key whose key token (or list entry) starts on `line` (findKeyAtLine)."""
    if isinstance(node, MappingNode):
        for key, value in node.value:
            if not isinstance(key, ScalarNode):
                continue
            full = f"{prefix}.{key.value}" if prefix else key.value
            if position(key)[0] == line:
                return full
            found = find_key_at_line(value, line, full)
            if found:
                return found
    elif isinstance(node, SequenceNode):
        for index, entry in enumerate(node.value):
            entry_key = f"{prefix}[{index}]"
            if position(entry)[0] == line:
                return entry_key
            found = find_key_at_line(entry, line, entry_key)
            if found:
                return found
    return ""
