"""The standards register: reading, validating and querying `data/interop/standards.yaml`.

bytes -> size / UTF-8 -> YAML nodes (the publiccode engine's hostile-input guard: size, depth, alias bombs,
duplicate keys; no Python objects are ever constructed) -> plain values (YAML 1.2 core schema, so `no` stays a
string and `1.0` is a number: versions must be quoted) -> JSON Schema (`standards.schema.json`) -> semantic
checks (unique ids, adapters name known standards, versions unique, groups only list known versions).
Every problem is a `Problem` with a path like `standards[3].versions[1]`, the 1-based line and column, and an
English and a German text. Any problem rejects the whole file (`RegisterInvalid`).
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

from jsonschema import Draft202012Validator, FormatChecker
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from lichtermeer.engines.publiccode.decoder import scalar_value
from lichtermeer.engines.publiccode.messages import Text
from lichtermeer.engines.publiccode.yamlnodes import MAX_DEPTH, YamlProblem, compose, position
from lichtermeer.engines.uris import is_absolute_uri

from .versions import compatible as _versions_compatible
from .versions import normalise

SCHEMA: dict[str, Any] = json.loads((Path(__file__).parent / "standards.schema.json").read_text(encoding="utf-8"))
FORMAT: str = SCHEMA["properties"]["format"]["const"]
CATEGORIES: tuple[str, ...] = tuple(SCHEMA["$defs"]["standard"]["properties"]["category"]["enum"])
KINDS: tuple[str, ...] = tuple(SCHEMA["$defs"]["standard"]["properties"]["kind"]["enum"])
RULES: tuple[str, ...] = tuple(SCHEMA["$defs"]["standard"]["properties"]["compatibility"]["enum"])
PROVIDING_ROLES: tuple[str, ...] = tuple(SCHEMA["$defs"]["providing_role"]["enum"])
CONSUMING_ROLES: tuple[str, ...] = tuple(SCHEMA["$defs"]["consuming_role"]["enum"])
ROLES: tuple[str, ...] = PROVIDING_ROLES + CONSUMING_ROLES
# Key order of canonical output (the schema's property order).
STANDARD_KEYS: tuple[str, ...] = tuple(SCHEMA["$defs"]["standard"]["properties"])
ADAPTER_KEYS: tuple[str, ...] = tuple(SCHEMA["$defs"]["adapter"]["properties"])

MAX_BYTES = 1024 * 1024  # the seed is about 40 KB
MAX_PROBLEMS = 200
DEFAULT_PATH = Path(__file__).resolve().parents[4] / "data" / "interop" / "standards.yaml"


# --- results ------------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Problem:
    """One problem of a register file. `path` like `standards[3].versions[1]` ("" = the whole file);
    `line`/`column` 1-based, 0 when unknown (registers built from data, not from a file)."""

    path: str
    en: str
    de: str
    line: int = 0
    column: int = 0

    def text(self, lang: str = "en") -> str:
        return self.de if lang == "de" else self.en

    def to_dict(self) -> dict[str, Any]:
        return {"path": self.path, "line": self.line, "column": self.column, "en": self.en, "de": self.de}

    def __str__(self) -> str:
        where = f"{self.line}:{self.column}: " if self.line else ""
        return f"{where}{self.path + ': ' if self.path else ''}{self.en}"


class RegisterInvalid(ValueError):
    """The register could not be read; `problems` say why and where."""

    def __init__(self, problems: list[Problem]):
        self.problems = list(problems)
        super().__init__("; ".join(str(p) for p in self.problems[:5]) or "invalid register")


@dataclass(frozen=True)
class StandardEntry:
    id: str
    name: str
    uri: str
    category: str
    kind: str
    versions: tuple[str, ...] = ()
    compatibility: str = "exact"  # semver-major | exact | groups
    groups: tuple[tuple[str, ...], ...] = ()
    roles: tuple[tuple[str, str], ...] = (("server", "client"), ("publisher", "subscriber"), ("provider", "consumer"))
    description_en: str = ""
    description_de: str = ""
    maintainer: str = ""
    retired: bool = False

    def versions_compatible(self, first: str, second: str) -> bool | None:
        """True/False by the rule; None when a version is missing or not judgeable (see versions.py)."""
        return _versions_compatible(self.compatibility, self.groups, first, second)[0]

    def connects(self, provider_role: str, consumer_role: str) -> bool:
        """Do the two roles form one of this standard's pairs? An empty role stands for any role."""
        return any((not provider_role or provider_role == p) and (not consumer_role or consumer_role == c)
                   for p, c in self.roles)

    def description(self, lang: str = "en") -> str:
        return self.description_de if lang == "de" else self.description_en

    def to_dict(self) -> dict[str, Any]:
        """The register file's shape (canonical key order; optional keys only when set)."""
        data: dict[str, Any] = {"id": self.id, "name": self.name, "uri": self.uri, "category": self.category,
                                "kind": self.kind}
        if self.maintainer:
            data["maintainer"] = self.maintainer
        data["versions"] = list(self.versions)
        data["compatibility"] = self.compatibility
        if self.compatibility == "groups":
            data["groups"] = [list(g) for g in self.groups]
        data["roles"] = [list(pair) for pair in self.roles]
        data["description"] = {"de": self.description_de, "en": self.description_en}
        if self.retired:
            data["retired"] = True
        return data

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> StandardEntry:
        """From the file's shape (already validated)."""
        description = data.get("description") or {}
        return cls(
            id=data["id"], name=data["name"], uri=data["uri"], category=data["category"], kind=data["kind"],
            versions=tuple(data.get("versions") or ()), compatibility=data.get("compatibility", "exact"),
            groups=tuple(tuple(g) for g in data.get("groups") or ()),
            roles=tuple((p, c) for p, c in data.get("roles") or ()),
            description_en=description.get("en", ""), description_de=description.get("de", ""),
            maintainer=data.get("maintainer", ""), retired=bool(data.get("retired", False)),
        )


@dataclass(frozen=True)
class Adapter:
    """A known bridge: a consumer of `to` can use a provider of `from_` through `via` (both ways if set)."""

    from_: str
    to: str
    via_en: str
    via_de: str
    both_ways: bool = False

    def via(self, lang: str = "en") -> str:
        return self.via_de if lang == "de" else self.via_en

    def to_dict(self) -> dict[str, Any]:
        return {"from": self.from_, "to": self.to, "both_ways": self.both_ways,
                "via": {"de": self.via_de, "en": self.via_en}}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Adapter:
        via = data.get("via") or {}
        return cls(from_=data["from"], to=data["to"], via_en=via.get("en", ""), via_de=via.get("de", ""),
                   both_ways=bool(data.get("both_ways", False)))


@dataclass(frozen=True)
class Register:
    standards: dict[str, StandardEntry] = field(default_factory=dict)
    adapters: tuple[Adapter, ...] = ()

    def get(self, standard_id: str) -> StandardEntry | None:
        return self.standards.get(standard_id)

    def __contains__(self, standard_id: object) -> bool:
        return standard_id in self.standards

    def adapter(self, provided: str, needed: str) -> Adapter | None:
        """The adapter that lets a consumer of `needed` use a provider of `provided` (first in file order)."""
        return self._adapter_index.get((provided, needed))

    @cached_property
    def _adapter_index(self) -> dict[tuple[str, str], Adapter]:
        index: dict[tuple[str, str], Adapter] = {}
        for adapter in self.adapters:
            index.setdefault((adapter.from_, adapter.to), adapter)
            if adapter.both_ways:
                index.setdefault((adapter.to, adapter.from_), adapter)
        return index

    def to_dict(self) -> dict[str, Any]:
        """The register file's shape: `load_register(dump_yaml(r.to_dict())) == r`."""
        return {"format": FORMAT,
                "standards": [s.to_dict() for s in sorted(self.standards.values(), key=lambda s: s.id)],
                "adapters": [a.to_dict() for a in self.adapters]}

    @classmethod
    def from_dict(cls, document: Mapping[str, Any]) -> Register:
        """Validate a register given as plain data (e.g. built from database rows); raises RegisterInvalid."""
        problems = check_document(document)
        if problems:
            raise RegisterInvalid(problems)
        return cls._build(document)

    @classmethod
    def _build(cls, document: Mapping[str, Any]) -> Register:
        standards = {s["id"]: StandardEntry.from_dict(s) for s in document["standards"]}
        return cls(standards=standards, adapters=tuple(Adapter.from_dict(a) for a in document.get("adapters") or ()))


# --- loading ------------------------------------------------------------------------------------------------

def load_register(source: str | bytes | os.PathLike | Mapping[str, Any] | None = None) -> Register:
    """Read a register from a path, from YAML/JSON text or bytes, or from plain data; None = the seed file.

    A `str` is taken as text when it contains a line break or starts like YAML/JSON content, else as a path.
    Raises RegisterInvalid (with positioned, bilingual problems) for anything wrong.
    """
    if source is None:
        source = DEFAULT_PATH
    if isinstance(source, Mapping):
        return Register.from_dict(source)
    document, problems = parse(source)
    if problems or document is None:
        raise RegisterInvalid(problems)
    return Register._build(document)


def validate_register(source: str | bytes | os.PathLike | Mapping[str, Any]) -> list[Problem]:
    """All problems of a register (empty list = valid). Never raises."""
    try:
        if isinstance(source, Mapping):
            return check_document(source)
        return parse(source)[1]
    except Exception as exc:  # noqa: BLE001 - a bug must not take the caller (an upload view) down
        return [Problem("", f"Internal error while checking the register ({type(exc).__name__})",
                        f"Interner Fehler beim Prüfen des Registers ({type(exc).__name__})")]


def parse(source: str | bytes | os.PathLike) -> tuple[dict[str, Any] | None, list[Problem]]:
    """(document, problems); the document only when there are no problems."""
    document, converter, problems = _values(source)
    if problems or converter is None:
        return None, problems
    problems = converter.findings + [converter.place(issue) for issue in _check(document)]
    problems.sort(key=lambda p: (p.line == 0, p.line, p.column))
    return (None, problems) if problems else (document, [])


def read_data(source: str | bytes | os.PathLike) -> tuple[Any, list[Problem]]:
    """Any YAML or JSON file/text as plain values, read with the same guards as the register (size, depth,
    aliases, duplicate keys; YAML 1.2 core types, nothing constructed). (value, problems)."""
    value, converter, problems = _values(source)
    if converter is not None:
        problems = converter.findings
    return (None, problems) if problems else (value, [])


def _values(source: str | bytes | os.PathLike) -> tuple[Any, _Converter | None, list[Problem]]:
    if isinstance(source, os.PathLike) or (isinstance(source, str) and _looks_like_path(source)):
        data, problem = _read(os.fspath(source))
        if problem:
            return None, None, [problem]
    else:
        data = source
    text, problem = _text_of(data)
    if problem:
        return None, None, [problem]
    try:
        root = compose(text)
        if root is None:
            return None, None, [Problem("", "The file is empty", "Die Datei ist leer", 1, 1)]
        converter = _Converter()
        return converter.value(root, (), 0), converter, []
    except YamlProblem as exc:
        return None, None, [Problem(exc.key, exc.text.en, exc.text.de, exc.line, exc.column)]


def _looks_like_path(text: str) -> bool:
    stripped = text.lstrip()
    return "\n" not in text and not stripped.startswith(("{", "[", "format:", "standards:", "#", "---")) \
        and len(text) < 4096


def _read(path: str) -> tuple[bytes, Problem | None]:
    try:
        with open(path, "rb") as handle:
            size = os.fstat(handle.fileno()).st_size
            if size > MAX_BYTES:
                return b"", _too_large(size)
            return handle.read(MAX_BYTES + 1), None
    except OSError as exc:
        reason = exc.strerror or str(exc)
        return b"", Problem("", f"Cannot read {path}: {reason}", f"{path} kann nicht gelesen werden: {reason}")


def _too_large(size: int) -> Problem:
    return Problem("", f"The file is too large ({size} bytes; at most {MAX_BYTES})",
                   f"Die Datei ist zu groß ({size} Bytes; höchstens {MAX_BYTES})")


def _text_of(data: str | bytes) -> tuple[str, Problem | None]:
    invalid = Problem("", "The file is not valid UTF-8", "Die Datei ist kein gültiges UTF-8")
    if isinstance(data, str):
        try:
            data = data.encode("utf-8")
        except UnicodeEncodeError:
            return "", invalid
    if len(data) > MAX_BYTES:
        return "", _too_large(len(data))
    try:
        text = data.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError:
        return "", invalid
    if "\t" in text and text.lstrip().startswith(("{", "[")):
        try:  # JSON indented with tabs (PyYAML refuses tabs even in flow style); tabs in valid JSON are spaces
            json.loads(text)
            text = text.replace("\t", " ")
        except (ValueError, RecursionError):
            pass
    return text, None


_PathT = tuple[str | int, ...]


@dataclass(frozen=True)
class _Issue:
    path: _PathT
    en: str
    de: str
    anchor: str = "value"  # value | key | parent | none


class _Converter:
    """Nodes -> plain values, remembering where every value and every key stands in the file."""

    def __init__(self) -> None:
        self.values: dict[_PathT, tuple[int, int]] = {}
        self.keys: dict[_PathT, tuple[int, int]] = {}
        self.findings: list[Problem] = []

    def value(self, node: Node, path: _PathT, depth: int) -> Any:
        if depth > MAX_DEPTH:
            line, column = position(node)
            raise YamlProblem(Text(f"Nested more than {MAX_DEPTH} levels deep",
                                    f"Mehr als {MAX_DEPTH} Ebenen tief verschachtelt"), line, column)
        self.values.setdefault(path, position(node))
        if isinstance(node, MappingNode):
            result: dict[str, Any] = {}
            for key, item in node.value:
                if not isinstance(key, ScalarNode):
                    line, column = position(key)
                    self.findings.append(Problem(label(path), "A key must be a plain text",
                                                 "Ein Schlüssel muss ein einfacher Text sein", line, column))
                    continue
                self.keys.setdefault((*path, key.value), position(key))
                result[key.value] = self.value(item, (*path, key.value), depth + 1)
            return result
        if isinstance(node, SequenceNode):
            return [self.value(item, (*path, index), depth + 1) for index, item in enumerate(node.value)]
        return scalar_value(node)[1]

    def place(self, issue: _Issue) -> Problem:
        issue_path, anchor = issue.path, issue.anchor
        if anchor == "key":
            line, column = self.keys.get(issue_path, (0, 0))
        elif anchor == "parent":
            line, column = self.values.get(issue_path[:-1], (0, 0))
        elif anchor == "value":
            line, column = self.values.get(issue_path, (0, 0))
        else:
            line, column = 0, 0
        return Problem(label(issue_path), issue.en, issue.de, line, column)


def label(path: Iterable[str | int]) -> str:
    """`standards[3].versions[1]`, `adapters[0].via.de`."""
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


# --- checks -------------------------------------------------------------------------------------------------

_FORMAT_CHECKER = FormatChecker(formats=())


@_FORMAT_CHECKER.checks("uri")
def _is_uri(value: object) -> bool:
    # A register entry points at a specification on the web: a host is required whatever the scheme.
    return not isinstance(value, str) or is_absolute_uri(value, require_host=True)


_VALIDATOR = Draft202012Validator(SCHEMA, format_checker=_FORMAT_CHECKER)
_PRIORITY = {"type": 0, "const": 1, "enum": 1, "pattern": 2, "format": 3}


def check_document(document: Any) -> list[Problem]:
    """Problems of a register given as plain data (no positions)."""
    return [Problem(label(issue.path), issue.en, issue.de) for issue in _check(document)]


def _check(document: Any) -> list[_Issue]:
    """Schema problems (at most one per place, the most basic first), then (if none) the semantic ones."""
    best: dict[tuple[_PathT, str], tuple[int, _Issue]] = {}
    truncated = False
    for error in _VALIDATOR.iter_errors(document):
        if len(best) >= MAX_PROBLEMS:
            truncated = True
            break
        rank = _PRIORITY.get(str(error.validator), 4)
        for issue in _schema_issues(error):
            slot = (issue.path, issue.anchor)
            if slot not in best or rank < best[slot][0]:
                best[slot] = (rank, issue)
    issues = [issue for _, issue in best.values()]
    if not issues:  # semantic checks need the schema's shapes
        issues = _semantic_issues(document)
    if truncated or len(issues) > MAX_PROBLEMS:
        issues = [*issues[:MAX_PROBLEMS],
                  _Issue((), f"More than {MAX_PROBLEMS} problems; the rest are not shown",
                         f"Mehr als {MAX_PROBLEMS} Probleme; die übrigen werden nicht gezeigt", "none")]
    return issues


def _quote(value: Any) -> str:
    if isinstance(value, str):
        text = value if len(value) <= 40 else value[:39] + "…"
        return json.dumps(text, ensure_ascii=False)
    if isinstance(value, bool) or value is None:
        return json.dumps(value)
    if isinstance(value, (int, float)):
        return str(value)
    return "{…}" if isinstance(value, dict) else "[…]"


_TYPE_NAMES = {
    "object": ("an object (mapping)", "ein Objekt (Zuordnung)"),
    "array": ("a list", "eine Liste"),
    "string": ("a text", "ein Text"),
    "boolean": ("true or false", "true oder false"),
}


def _schema_issues(error) -> Iterable[_Issue]:
    path: _PathT = tuple(error.absolute_path)
    kind, expected, value = str(error.validator), error.validator_value, error.instance
    name = label(path) or "the register"
    name_de = label(path) or "das Register"
    if kind == "required":
        for missing in expected:
            if isinstance(value, dict) and missing not in value:
                yield _Issue((*path, missing), f"{name}: '{missing}' is required",
                             f"{name_de}: '{missing}' fehlt (Pflichtangabe)", "parent")
    elif kind == "additionalProperties":
        allowed = ", ".join(error.schema.get("properties", {}))
        for extra in value:
            if extra not in error.schema.get("properties", {}):
                yield _Issue((*path, extra), f"Unknown property '{extra}'; allowed: {allowed}",
                             f"Unbekannte Eigenschaft '{extra}'; erlaubt: {allowed}", "key")
    elif kind == "type":
        en, de = _TYPE_NAMES.get(expected, (str(expected), str(expected)))
        hint_en = hint_de = ""
        if expected == "string" and isinstance(value, (int, float)) and not isinstance(value, bool):
            hint_en = ' (write versions in quotes, e.g. "1.0")'
            hint_de = ' (Versionen in Anführungszeichen, z. B. "1.0")'
        yield _Issue(path, f"{name} must be {en}, not {_quote(value)}{hint_en}",
                     f"{name_de} muss {de} sein, nicht {_quote(value)}{hint_de}")
    elif kind == "const":
        yield _Issue(path, f"{name} must be {_quote(expected)}, not {_quote(value)}",
                     f"{name_de} muss {_quote(expected)} sein, nicht {_quote(value)}")
    elif kind == "enum":
        allowed = ", ".join(str(v) for v in expected)
        yield _Issue(path, f"{name}: {_quote(value)} is not allowed; allowed: {allowed}",
                     f"{name_de}: {_quote(value)} ist nicht erlaubt; erlaubt: {allowed}")
    elif kind == "pattern":
        if expected.startswith("^[a-z0-9]"):
            yield _Issue(path, f"{name}: {_quote(value)} is not an id (lower-case letters, digits and single "
                         "hyphens, e.g. ogc-api-features)",
                         f"{name_de}: {_quote(value)} ist keine Kennung (Kleinbuchstaben, Ziffern und einzelne "
                         "Bindestriche, z. B. ogc-api-features)")
        else:
            yield _Issue(path, f"{name}: {_quote(value)} must be an http(s) address",
                         f"{name_de}: {_quote(value)} muss eine http(s)-Adresse sein")
    elif kind == "format":
        yield _Issue(path, f"{name}: {_quote(value)} is not a valid address",
                     f"{name_de}: {_quote(value)} ist keine gültige Adresse")
    elif kind == "minLength":
        yield _Issue(path, f"{name} must not be empty", f"{name_de} darf nicht leer sein")
    elif kind == "maxLength":
        yield _Issue(path, f"{name} is too long ({len(value)} characters; at most {expected})",
                     f"{name_de} ist zu lang ({len(value)} Zeichen; höchstens {expected})")
    elif kind == "minItems":
        if expected == 2 and len(path) >= 2 and path[-2] == "roles":
            yield _Issue(path, f"{name} must be a pair [providing role, consuming role]",
                         f"{name_de} muss ein Paar [anbietende Rolle, nutzende Rolle] sein")
        else:
            yield _Issue(path, f"{name} needs at least {expected} entries",
                         f"{name_de} braucht mindestens {expected} Einträge")
    elif kind in ("maxItems", "items") and isinstance(expected, int):
        yield _Issue(path, f"{name} has too many entries (at most {expected})",
                     f"{name_de} hat zu viele Einträge (höchstens {expected})")
    elif kind == "items" and expected is False:
        yield _Issue(path, f"{name} must be a pair [providing role, consuming role]",
                     f"{name_de} muss ein Paar [anbietende Rolle, nutzende Rolle] sein")
    else:
        yield _Issue(path, f"{name}: {error.message}", f"{name_de}: {error.message}")


def _semantic_issues(document: dict[str, Any]) -> list[_Issue]:
    issues: list[_Issue] = []
    seen: dict[str, int] = {}
    for index, standard in enumerate(document["standards"]):
        where: _PathT = ("standards", index)
        sid = standard["id"]
        if sid in seen:
            issues.append(_Issue((*where, "id"), f"Duplicate id '{sid}' (first in standards[{seen[sid]}])",
                                 f"Doppelte Kennung '{sid}' (zuerst in standards[{seen[sid]}])"))
        else:
            seen[sid] = index
        issues.extend(_standard_issues(standard, where))
    pairs: dict[tuple[str, str], int] = {}
    for index, adapter in enumerate(document.get("adapters") or ()):
        where = ("adapters", index)
        for end in ("from", "to"):
            if adapter[end] not in seen:
                issues.append(_Issue((*where, end), f"Unknown standard '{adapter[end]}' (not in standards)",
                                     f"Unbekannter Standard '{adapter[end]}' (nicht in standards)"))
        if adapter["from"] == adapter["to"]:
            issues.append(_Issue((*where, "to"), "An adapter must connect two different standards",
                                 "Ein Adapter muss zwei verschiedene Standards verbinden"))
        directions = [(adapter["from"], adapter["to"])]
        if adapter.get("both_ways"):
            directions.append((adapter["to"], adapter["from"]))
        for direction in directions:
            if direction in pairs:
                first = pairs[direction]
                issues.append(_Issue(where, f"Adapter {direction[0]} → {direction[1]} is already listed in "
                                            f"adapters[{first}]",
                                     f"Adapter {direction[0]} → {direction[1]} steht schon in adapters[{first}]"))
                break
        for direction in directions:
            pairs.setdefault(direction, index)
    return issues


def _standard_issues(standard: dict[str, Any], where: _PathT) -> list[_Issue]:
    issues: list[_Issue] = []
    versions: dict[str, int] = {}
    for index, version in enumerate(standard["versions"]):
        key = normalise(version)
        if key in versions:
            issues.append(_Issue((*where, "versions", index),
                                 f"Version '{version}' is listed twice (see versions[{versions[key]}])",
                                 f"Version '{version}' steht doppelt (siehe versions[{versions[key]}])"))
        else:
            versions[key] = index
    rule = standard["compatibility"]
    groups = standard.get("groups")
    if rule == "groups" and not groups:
        issues.append(_Issue((*where, "groups"), "compatibility 'groups' needs a list of groups",
                             "compatibility 'groups' braucht eine Liste von Gruppen", "parent"))
    if rule != "groups" and groups is not None:
        issues.append(_Issue((*where, "groups"), f"groups are only used with compatibility 'groups', not '{rule}'",
                             f"groups gelten nur mit compatibility 'groups', nicht '{rule}'", "key"))
    grouped: dict[str, str] = {}
    for g_index, group in enumerate(groups or ()):
        for v_index, version in enumerate(group):
            at = (*where, "groups", g_index, v_index)
            key = normalise(version)
            if key not in versions:
                issues.append(_Issue(at, f"Version '{version}' is not in versions",
                                     f"Version '{version}' steht nicht in versions"))
            elif key in grouped:
                issues.append(_Issue(at, f"Version '{version}' is already in {grouped[key]}",
                                     f"Version '{version}' steht schon in {grouped[key]}"))
            else:
                grouped[key] = f"groups[{g_index}]"
    seen_pairs: set[tuple[str, str]] = set()
    for index, pair in enumerate(standard["roles"]):
        if tuple(pair) in seen_pairs:
            issues.append(_Issue((*where, "roles", index), f"Role pair {pair[0]}/{pair[1]} is listed twice",
                                 f"Rollenpaar {pair[0]}/{pair[1]} steht doppelt"))
        seen_pairs.add(tuple(pair))
    return issues


_ID = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")


def is_standard_id(value: str) -> bool:
    return bool(_ID.fullmatch(value)) and len(value) <= 64


def dump_yaml(register: Register | Mapping[str, Any]) -> str:
    """The register as YAML in the file's shape (versions stay quoted strings); `load_register` reads it back."""
    import yaml

    document = register.to_dict() if isinstance(register, Register) else dict(register)
    return yaml.safe_dump(document, allow_unicode=True, sort_keys=False, width=120, default_flow_style=None)
