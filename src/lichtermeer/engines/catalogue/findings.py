"""Result types: findings, the result of `load`, the error `apply` raises."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

from .messages import Text, printable

Path = tuple[str | int, ...]


@dataclass(frozen=True)
class Finding:
    """One problem. `key` is a path like `requirements[3].title.de` ("" = the whole file).

    `line`/`column` are 1-based; 0, 0 when unknown (documents built in code, file-level problems).
    """

    key: str
    description: str  # English
    description_de: str
    line: int = 0
    column: int = 0
    severity: str = "error"

    def to_dict(self) -> dict[str, Any]:
        return {"key": self.key, "description": self.description, "description_de": self.description_de,
                "line": self.line, "column": self.column, "severity": self.severity}

    def message(self, language: str = "en") -> str:
        return self.description_de if language == "de" else self.description

    def __str__(self) -> str:
        key = f"{self.key}: " if self.key else ""
        return f"{self.line}:{self.column}: {key}{self.description}"


@dataclass
class LoadResult:
    """`document` is the canonical catalogue (see `dump_yaml`), or None when the file has any finding."""

    document: dict[str, Any] | None
    findings: list[Finding] = field(default_factory=list)

    @property
    def valid(self) -> bool:
        return not self.findings


class CatalogueError(ValueError):
    """`apply` could not build a valid catalogue; `findings` say why.

    `document` is the rejected result when it was built (finding keys like `requirements[2]` point into it),
    None when a change did not fit the base catalogue.
    """

    def __init__(self, findings: list[Finding], document: dict[str, Any] | None = None):
        self.findings = list(findings)
        self.document = document
        shown = "; ".join(f"{f.key}: {f.description}" if f.key else f.description for f in self.findings[:3])
        more = f" (and {len(self.findings) - 3} more)" if len(self.findings) > 3 else ""
        super().__init__(f"invalid catalogue: {shown}{more}")


@dataclass(frozen=True)
class Issue:
    """A finding before it has a position. `anchor` says which node it points at in a file:
    the value at `path`, the key naming `path` (unknown properties), the parent object (missing ones)
    or nothing (remarks about the whole file)."""

    path: Path
    text: Text
    anchor: Literal["value", "key", "parent", "none"] = "value"


def format_key(path: Path) -> str:
    """("requirements", 3, "title", "de") -> "requirements[3].title.de"."""
    key = ""
    for part in path:
        key += f"[{part}]" if isinstance(part, int) else (f".{part}" if key else str(part))
    return printable(key)


def finding(path: Path, text: Text, line: int = 0, column: int = 0) -> Finding:
    return Finding(format_key(path), text.en, text.de, line, column)
