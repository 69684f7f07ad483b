"""Arranging publiccode.yml findings next to the lines they concern, for the describe preview."""

from dataclasses import dataclass, field

from django.utils.translation import get_language


@dataclass
class ShownFinding:
    number: int
    type: str
    key: str
    message: str
    line: int | None
    column: int | None


@dataclass
class ShownLine:
    number: int
    text: str
    findings: list[ShownFinding] = field(default_factory=list)

    @property
    def worst(self) -> str:
        types = {f.type for f in self.findings}
        return "error" if "error" in types else ("warning" if types else "")


@dataclass
class Preview:
    lines: list[ShownLine]
    findings: list[ShownFinding]
    errors: int
    warnings: int


def _message(finding, german: bool) -> str:
    if german and getattr(finding, "description_de", ""):
        return finding.description_de
    return getattr(finding, "description", "") or getattr(finding, "description_de", "")


def build_preview(text: str, findings, fact_errors=()) -> Preview:
    german = (get_language() or "de").startswith("de")
    lines = [ShownLine(number, line) for number, line in enumerate(text.splitlines(), start=1)]
    shown: list[ShownFinding] = []
    for number, finding in enumerate(findings, start=1):
        line = getattr(finding, "line", None)
        if not isinstance(line, int) or not 1 <= line <= len(lines):
            line = None
        item = ShownFinding(
            number=number,
            type="error" if getattr(finding, "type", "error") == "error" else "warning",
            key=str(getattr(finding, "key", "") or ""),
            message=_message(finding, german),
            line=line,
            column=getattr(finding, "column", None),
        )
        shown.append(item)
        if line is not None:
            lines[line - 1].findings.append(item)
    for error in fact_errors:
        shown.append(
            ShownFinding(
                number=len(shown) + 1,
                type="error",
                key=error.key,
                message=error.message_de if german else error.message_en,
                line=None,
                column=None,
            )
        )
    shown.sort(key=lambda f: (f.line is None, f.line or 0, f.type != "error", f.number))
    return Preview(
        lines=lines,
        findings=shown,
        errors=sum(1 for f in shown if f.type == "error"),
        warnings=sum(1 for f in shown if f.type != "error"),
    )
