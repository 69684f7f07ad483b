"""The ADR linter: runs the ruleset over one OpenAPI document the way `spectral lint` does.

For each rule: select nodes with its `given` paths (on the resolved document unless the rule
says otherwise), apply each `then` to the node or its `field`, and turn every function result
into a finding: the path is mapped back from the resolved document to where the value is written
(`resolver.associated_path`), the position is Spectral's position of that path, the message is
the rule's template filled in. Findings are de-duplicated and sorted as Spectral does.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from lichtermeer.engines.publiccode.messages import Text

from . import positions
from .functions import FnContext, FnResult, object_keys
from .jsonpath import PathBudgetExceeded, Walker
from .jsvalues import (
    MAX_MATCH_LENGTH,
    MISSING,
    ValueTooLong,
    collation_key,
    encode_uri_component,
    has_js_whitespace,
    is_object,
    js_number,
    js_string,
    lodash_get,
    parse_int_prefix,
    print_value,
)
from .resolver import Resolution, ResolveBudgetExceeded, associated_path, closest_path, resolve
from .rules import Rule, adr_rules

# Resolved references are walked wherever they are used, so a small file can expand a lot (a schema
# used four times in each of 30 nested levels: 4**30 values). The expanded size is measured first
# and refused above EXPANDED_LIMIT (real documents stay far below); WALK_BUDGET caps all JSONPath
# queries over one view of the document together.
EXPANDED_LIMIT = 400_000
WALK_BUDGET = 4_000_000
RESOLVE_BUDGET = 2_000_000
FORMAT_NAMES = {"oas2": "OpenAPI 2.0 (Swagger)", "oas3": "OpenAPI 3.x", "oas3_0": "OpenAPI 3.0.x",
                "oas3_1": "OpenAPI 3.1.x"}


class LintError(Exception):
    """The document cannot be linted (unreadable, or beyond the linter's limits)."""

    def __init__(self, text: Text, line: int = 0, column: int = 0):
        super().__init__(text.en)
        self.text, self.line, self.column = text, line, column


@dataclass(frozen=True)
class Finding:
    rule: str
    severity: str  # "error", "warning", "information" or "hint"
    path: tuple[str, ...]
    line: int  # 1-based, as Spectral prints it
    column: int
    message: str

    @property
    def dotted_path(self) -> str:
        return print_path(self.path)

    def as_dict(self) -> dict[str, Any]:
        return {"rule": self.rule, "severity": self.severity, "path": self.dotted_path, "line": self.line,
                "column": self.column, "message": self.message}


# --- printing paths and messages -------------------------------------------------------------

def _decode_fragment(text: str) -> str:
    return text.replace("~1", "/").replace("~0", "~")


def print_path(path: tuple[str, ...] | list[str]) -> str:
    """Spectral's `printPath(path, PrintStyle.Dot)`: `paths./pets.get.responses[200]`."""
    out = ""
    for index, segment in enumerate(path):
        if segment == "":
            out += "['']"
        elif has_js_whitespace(segment) or re.search(r"\s", segment):
            out += f"['{segment}']"
        elif js_number(segment) == js_number(segment):  # not NaN: printed as an index
            out += f"[{segment}]"
        else:
            out += ("" if index == 0 else ".") + segment
    return _decode_fragment(out)


def _pointer(path: list[str]) -> str:
    """`printPath(path, PrintStyle.EscapedPointer)`: `#/components/schemas/Pet`."""
    if not path:
        return "#"

    def encode(segment: str) -> str:
        escaped = _decode_fragment(segment).replace("~", "~0").replace("/", "~1")
        return "\u2013".join(encode_uri_component(part) for part in escaped.split("\u2013"))

    return "#/" + "/".join(encode(segment) for segment in path)


_TEMPLATE = re.compile(r"#?{{([^}\n]+)}}")
_PRINT_CALL = re.compile(r'print\(\s*["\'](\w+)["\']\s*\)')


def fill(template: str, variables: dict[str, Any]) -> str:
    """Spectral's message templates: `{{property}}`, `{{value}}`, `{{error}}`, `{{path}}`, and
    evaluated `#{{print("...")}}`."""

    def replace(match: re.Match) -> str:
        identifier = match.group(1)
        if match.group().startswith("#"):
            call = _PRINT_CALL.fullmatch(identifier.strip())
            return _print(call.group(1), variables) if call else ""
        if identifier not in variables:
            return ""
        return js_string(variables[identifier])

    return _TEMPLATE.sub(replace, template)


def _print(kind: str, variables: dict[str, Any]) -> str:
    if kind == "property":
        prop = variables.get("property", MISSING)
        return f'"{js_string(prop)}" property ' if prop is not MISSING and prop != "" else "The document "
    if kind == "value":
        return print_value(variables.get("value", MISSING))
    if kind in variables and variables[kind] is not None:
        return js_string(variables[kind])
    return ""


_JS_TRIM = " \t\n\v\f\r\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a" \
           "\u2028\u2029\u202f\u205f\u3000\ufeff"


# --- formats ---------------------------------------------------------------------------------

def document_formats(data: Any) -> frozenset[str]:
    """Spectral's format detection (on the resolved document)."""
    if not isinstance(data, dict):
        return frozenset()
    found = set()
    if "swagger" in data and parse_int_prefix(js_string(data["swagger"])) == 2:
        found.add("oas2")
    if "openapi" in data:
        version = js_string(data["openapi"])
        if parse_int_prefix(version) == 3:
            found.add("oas3")
        if re.fullmatch(r"3\.0(?:\.[0-9]*)?", version):
            found.add("oas3_0")
        if re.fullmatch(r"3\.1(?:\.[0-9]*)?", version):
            found.add("oas3_1")
    return frozenset(found)


# --- the linter --------------------------------------------------------------------------------

@dataclass
class _Raw:
    code: str
    message: str
    path: list[str]
    severity: str
    start: tuple[int, int]


class _Run:
    def __init__(self, source: positions.Source, resolution: Resolution):
        self.source = source
        self.data = source.data
        self.resolution = resolution
        self.formats = document_formats(resolution.resolved)
        self.results: list[_Raw] = []
        # One walker per document view, so `$..` queries share one list of all values (and one budget).
        self.walkers = {True: Walker(resolution.resolved, WALK_BUDGET), False: Walker(self.data, WALK_BUDGET)}

    def add_document_diagnostics(self) -> None:
        for duplicate in self.source.duplicates:
            path = [str(part) for part in duplicate.path]
            self.results.append(_Raw("parser", f"Duplicate key: {path[-1]}", path, "error",
                                     self.source.line_col(duplicate.key.start)))
        for offset in self.source.tabs:
            self.results.append(_Raw("parser", "Using tabs can lead to unpredictable results", [], "warning",
                                     self.source.line_col(offset)))
        if not self.formats:
            names = ", ".join(FORMAT_NAMES.values())
            self.results.append(_Raw("unrecognized-format", "The provided document does not match any of the "
                                     f"registered formats [{names}]", [], "warning", (0, 0)))
        seen: set[str] = set()
        for location, message in self.resolution.missing:
            if message in seen:
                continue
            seen.add(message)
            path = [*location, "$ref"]
            self.results.append(_Raw("invalid-ref", message, path, "error", self.source.locate(path)))

    def run_rule(self, rule: Rule) -> None:
        if rule.formats is not None and not rule.formats & self.formats:
            return
        walker = self.walkers[rule.resolved]  # the resolved document, or the document as written
        for given in rule.given:
            for path, value in walker.query(given):
                self.lint_node(rule, path, value)

    def lint_node(self, rule: Rule, given_path: tuple, value: Any) -> None:
        for then in rule.then:
            for target_path, target in _targets(value, then.field):
                path = (*given_path, *target_path)
                context = FnContext(path, self.formats)
                outcome = then.function(target, then.options, context)
                for result in outcome or ():
                    self.record(rule, result, path)

    def record(self, rule: Rule, result: FnResult, target_path: tuple) -> None:
        escaped = [str(part) if not isinstance(part, str) else _decode_fragment(part)
                   for part in (result.path if result.path is not None else target_path)]
        if rule.resolved:
            associated = associated_path(self.resolution, self.data, escaped)
        else:
            associated = (closest_path(self.data, escaped), escaped)
        path = associated[0] if associated else closest_path(self.resolution.resolved, escaped)
        value = self.data if not path else lodash_get(self.data, path)
        if associated and len(associated[1]) > len(path):
            prop: Any = print_path(associated[1][len(path) - 1:])
        else:
            prop = path[-1] if path else ""
        variables = {"property": prop, "error": result.message, "path": _pointer(path),
                     "description": rule.description, "value": value}
        variables["error"] = fill(result.message, variables)
        if rule.message is None:
            message = rule.description if rule.description is not None else variables["error"]
        else:
            message = fill(rule.message, variables)
        self.results.append(_Raw(rule.name, message.strip(_JS_TRIM), path, rule.severity, self.source.locate(path)))

    def findings(self) -> list[Finding]:
        seen: set[tuple] = set()
        unique: list[_Raw] = []
        for raw in self.results:
            fingerprint = (raw.code, tuple(raw.path) if raw.path else raw.start, raw.message)
            if fingerprint not in seen:
                seen.add(fingerprint)
                unique.append(raw)
        unique.sort(key=lambda raw: (raw.start, collation_key(raw.code, numeric=True),
                                     collation_key(",".join(raw.path))))
        return [Finding(raw.code, raw.severity, tuple(raw.path), raw.start[0] + 1, raw.start[1] + 1, raw.message)
                for raw in unique]


def expanded_size(data: Any, limit: int) -> int:
    """How many values a walk of the (shared, acyclic) resolved document visits; stops counting past
    `limit`. Linear in the size of the document: sizes are remembered per shared object."""
    sizes: dict[int, int] = {}
    stack: list[tuple[Any, bool]] = [(data, False)]
    while stack:
        node, done = stack.pop()
        if not isinstance(node, (dict, list)) or id(node) in sizes:
            continue
        children = [child for child in (node.values() if isinstance(node, dict) else node)
                    if isinstance(child, (dict, list))]
        if done:
            leaves = len(node) - len(children)
            sizes[id(node)] = min(limit + 1, 1 + leaves + sum(sizes.get(id(child), 0) for child in children))
            continue
        stack.append((node, True))
        stack.extend((child, False) for child in children if id(child) not in sizes)
    return sizes.get(id(data), 1)


def _targets(value: Any, field: str | None) -> list[tuple[tuple, Any]]:
    """Spectral's getLintTargets: the node itself, each of its keys (`@key`) or one field."""
    if is_object(value) and isinstance(field, str):
        if field == "@key":
            targets = [((key,), key) for key in object_keys(value)]
        else:
            parts = tuple(part for part in re.split(r"[.\[\]]", field) if part != "")
            targets = [(parts, lodash_get(value, parts))]
    else:
        targets = [((), value)]
    return targets or [((), MISSING)]


def lint_text(text: str, rules: tuple[Rule, ...] | None = None) -> list[Finding]:
    """Lint one document given as text. Raises LintError when it cannot be read or is too large."""
    try:
        # A document with more values than EXPANDED_LIMIT is refused below anyway: stop reading there.
        source = positions.parse_document(text, max_nodes=EXPANDED_LIMIT)
    except positions.SourceError as exc:
        raise LintError(exc.text, exc.line, exc.column) from exc
    except RecursionError as exc:
        raise LintError(Text("the document is nested too deeply to be read",
                             "das Dokument ist zu tief verschachtelt, um es zu lesen")) from exc
    try:
        resolution = resolve(source.data, RESOLVE_BUDGET)
        if expanded_size(resolution.resolved, EXPANDED_LIMIT) > EXPANDED_LIMIT:
            raise ResolveBudgetExceeded
        run = _Run(source, resolution)
        run.add_document_diagnostics()
        for rule in rules if rules is not None else adr_rules():
            run.run_rule(rule)
        return run.findings()
    except (ResolveBudgetExceeded, PathBudgetExceeded) as exc:
        raise LintError(Text("the document expands to too many values once its $ref references are resolved; "
                             "it is too large to lint",
                             "das Dokument wird nach Auflösen seiner $ref-Verweise zu groß; es kann nicht geprüft "
                             "werden")) from exc
    except ValueTooLong as exc:
        raise LintError(Text("the document contains a name or value longer than the linter checks "
                             f"({MAX_MATCH_LENGTH} characters)",
                             "das Dokument enthält einen Namen oder Wert, der länger ist, als der Linter prüft "
                             f"({MAX_MATCH_LENGTH} Zeichen)")) from exc
    except RecursionError as exc:
        raise LintError(Text("the document is nested too deeply to be linted",
                             "das Dokument ist zu tief verschachtelt, um es zu prüfen")) from exc


def decode(data: bytes) -> str:
    """Bytes to text as Spectral reads a file: UTF-8 (a byte order mark stays a character)."""
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise LintError(Text(f"the file is not UTF-8 text (byte {exc.start})",
                             f"die Datei ist kein UTF-8-Text (Byte {exc.start})")) from exc


def has_errors(findings: list[Finding]) -> bool:
    return any(finding.severity == "error" for finding in findings)
