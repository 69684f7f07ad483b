"""Result types of the publiccode.yml engine."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .messages import Text
from .yamlnodes import find_key_position


@dataclass(frozen=True)
class Finding:
    """One error or warning, shaped like parser-go's ValidationError / ValidationWarning.

    `line`/`column` are 1-based; 0, 0 means the finding has no position in the file.
    """

    type: str  # "error" | "warning"
    key: str
    description: str
    description_de: str
    line: int = 0
    column: int = 0

    def to_dict(self) -> dict[str, Any]:
        return {"type": self.type, "key": self.key, "description": self.description,
                "line": self.line, "column": self.column}

    def __str__(self) -> str:
        key = f"{self.key}: " if self.key else ""
        return f"{self.line}:{self.column}: {self.type}: {key}{self.description}"


def error(key: str, text: Text, line: int = 0, column: int = 0) -> Finding:
    return Finding("error", key, text.en, text.de, line, column)


def warning(key: str, text: Text, line: int = 0, column: int = 0) -> Finding:
    return Finding("warning", key, text.en, text.de, line, column)


@dataclass
class ParseResult:
    """`document` is None when the file could not be read as a publiccode.yml at all."""

    document: dict[str, Any] | None
    findings: list[Finding] = field(default_factory=list)
    version: str | None = None
    # The parsed YAML node tree, kept so callers can place their own findings (position()).
    root: Any = field(default=None, repr=False, compare=False)

    def position(self, key: str) -> tuple[int, int]:
        """Line and column parser-go would give for a dotted key (0, 0 if unknown)."""
        return find_key_position(self.root, key)

    @property
    def valid(self) -> bool:
        return not any(f.type == "error" for f in self.findings)

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.type == "error"]

    @property
    def warnings(self) -> list[Finding]:
        return [f for f in self.findings if f.type == "warning"]
