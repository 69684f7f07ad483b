"""Spectral's default ("stylish") text output, byte for byte (without colours, as on a pipe).

    <blank line>
    /path/to/openapi.json
     3:12  error  info-contact  Info object must have "contact" object.  info
    <blank line>
    ✖ 1 problem (1 error, 0 warnings, 0 infos, 0 hints)

Columns are laid out by `text-table` (first column centred, second right-aligned, two spaces
between columns, trailing blanks removed); a clean result prints only
`No results with a severity of 'error' found!`.
"""

from __future__ import annotations

import re

from .jsvalues import utf16_len
from .lint import Finding

NO_RESULTS = "No results with a severity of 'error' found!\n"
_SEVERITY_KINDS = (("error", "error"), ("warning", "warning"), ("information", "info"), ("hint", "hint"))
_JS_SPACE = "[ \t\n\v\f\r\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff]"
_DIGITS_APART = re.compile(f"([0-9]+){_JS_SPACE}+([0-9]+)")
_TRAILING = re.compile(f"{_JS_SPACE}+$")


def _plural(word: str, count: int) -> str:
    return word if count == 1 else word + "s"


def summary(findings: list[Finding]) -> str | None:
    counts = {kind: sum(1 for finding in findings if finding.severity == severity)
              for severity, kind in _SEVERITY_KINDS}
    total = sum(counts.values())
    if total == 0:
        return None
    parts = ", ".join(f"{counts[kind]}{_plural(' ' + kind, counts[kind])}" for _, kind in _SEVERITY_KINDS)
    return f"{total}{_plural(' problem', total)} ({parts})"


def _table(rows: list[list[str]], align: tuple[str, ...]) -> str:
    widths = [max(utf16_len(row[index]) for row in rows) for index in range(len(rows[0]))]
    lines = []
    for row in rows:
        cells = []
        for index, cell in enumerate(row):
            gap = widths[index] - utf16_len(cell)
            how = align[index] if index < len(align) else "l"
            if how == "r":
                cells.append(" " * gap + cell)
            elif how == "c":
                cells.append(" " * -(-gap // 2) + cell + " " * (gap // 2))
            else:
                cells.append(cell + " " * gap)
        lines.append(_TRAILING.sub("", "  ".join(cells)))
    return "\n".join(lines)


def stylish(findings: list[Finding], source: str) -> str:
    """The text `spectral lint` prints for one document named `source`."""
    text = summary(findings)
    if text is None:
        return NO_RESULTS
    rows = [[f" {finding.line}:{finding.column}", finding.severity, finding.rule, finding.message,
             finding.dotted_path] for finding in findings]
    table = "\n".join(_DIGITS_APART.sub(r"\1:\2", line, count=1)
                      for line in _table(rows, ("c", "r", "l")).split("\n"))
    return f"\n{source}\n{table}\n\n\u2716 {text}\n"
