"""The evidence bundle: the files a provider hands in, read as hostile input.

Every parse is lazy and cached, and never raises: a file that cannot be read yields an
`EvidenceError` with a German and English reason, which checks turn into status `error`.
"""

from __future__ import annotations

import hashlib
import io
import json
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

import yaml

from lichtermeer.engines.publiccode.messages import Text

# One limit for every kind; the web upload applies its own, lower one before this.
MAX_BYTES = 20 * 1024 * 1024

KINDS = ("publiccode", "sbom", "openapi", "securitytxt", "a11y", "declarations")


@dataclass(frozen=True)
class EvidenceError:
    kind: str
    name: str
    text: Text
    line: int = 0
    column: int = 0

    @property
    def location(self) -> str:
        return f"{self.name}:{self.line}:{self.column}" if self.line else self.name


@dataclass(frozen=True)
class EvidenceFile:
    kind: str
    name: str
    data: bytes

    @cached_property
    def sha256(self) -> str:
        return hashlib.sha256(self.data).hexdigest()


def too_large(kind: str, name: str, size: int) -> EvidenceError:
    return EvidenceError(kind, name, Text(
        f"{name} is {size} bytes; evidence files may be at most {MAX_BYTES} bytes.",
        f"{name} ist {size} Bytes groß; Nachweisdateien dürfen höchstens {MAX_BYTES} Bytes groß sein."))


def decode_text(file: EvidenceFile) -> str | EvidenceError:
    if len(file.data) > MAX_BYTES:
        return too_large(file.kind, file.name, len(file.data))
    try:
        return file.data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        return EvidenceError(file.kind, file.name, Text(
            f"{file.name} is not UTF-8 text (byte {exc.start}).",
            f"{file.name} ist kein UTF-8-Text (Byte {exc.start})."))


def load_json(file: EvidenceFile) -> Any | EvidenceError:
    text = decode_text(file)
    if isinstance(text, EvidenceError):
        return text
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        return EvidenceError(file.kind, file.name, Text(
            f"{file.name} is not valid JSON: {exc.msg} at line {exc.lineno}, column {exc.colno}.",
            f"{file.name} ist kein gültiges JSON: {exc.msg} in Zeile {exc.lineno}, Spalte {exc.colno}."),
            exc.lineno, exc.colno)
    except RecursionError:
        return EvidenceError(file.kind, file.name, Text(
            f"{file.name} is nested too deeply to be read.", f"{file.name} ist zu tief verschachtelt."))


def load_yaml_or_json(file: EvidenceFile) -> Any | EvidenceError:
    """JSON, or YAML through the shared safe reader (no aliases bombs, node limit, YAML 1.2 types)."""
    text = decode_text(file)
    if isinstance(text, EvidenceError):
        return text
    if text.lstrip().startswith(("{", "[")):
        return load_json(file)
    from lichtermeer.engines.publiccode import yamlnodes

    try:
        yamlnodes.compose(text)  # refuses alias bombs, node floods, deep nesting, several documents
        return yaml.load(text, Loader=_PlainLoader)  # noqa: S506 - a SafeLoader subclass
    except yamlnodes.YamlProblem as exc:
        return EvidenceError(file.kind, file.name, Text(
            f"{file.name} is not valid YAML: {exc.text.en}", f"{file.name} ist kein gültiges YAML: {exc.text.de}"),
            exc.line, exc.column)


class _PlainLoader(yaml.SafeLoader):
    """Safe types only, and dates stay strings (OSV and declarations compare them as text)."""


_PlainLoader.yaml_implicit_resolvers = {
    key: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for key, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


@dataclass
class Bundle:
    """All evidence for one solution version. Several OpenAPI documents are allowed; one of each other kind."""

    files: list[EvidenceFile] = field(default_factory=list)
    # Facts the platform knows without a file (e.g. declared standards from the listing).
    facts: dict[str, Any] = field(default_factory=dict)

    def add(self, kind: str, name: str, data: bytes) -> Bundle:
        if kind not in KINDS:
            raise ValueError(f"unknown evidence kind {kind!r}")
        self.files.append(EvidenceFile(kind, name, data))
        return self

    def of(self, kind: str) -> list[EvidenceFile]:
        return [file for file in self.files if file.kind == kind]

    def first(self, kind: str) -> EvidenceFile | None:
        found = self.of(kind)
        return found[0] if found else None

    def parsed(self, key: str, build) -> Any:
        """Cache for parsed forms shared between checks (e.g. the SBOM read once for six checks)."""
        cache = self.__dict__.setdefault("_parsed", {})
        if key not in cache:
            cache[key] = build()
        return cache[key]

    @classmethod
    def from_paths(cls, **paths: str | list[str] | None) -> Bundle:
        bundle = cls()
        for kind, value in paths.items():
            for path in ([value] if isinstance(value, str) else (value or [])):
                with open(path, "rb") as handle:
                    data = handle.read(MAX_BYTES + 1)
                bundle.add(kind, path, data)
        return bundle


def readable(data: bytes) -> io.BytesIO:
    return io.BytesIO(data)
