from dataclasses import dataclass

from django.utils import translation

from lichtermeer.solutions.facts import FactError
from lichtermeer.web.preview import build_preview


@dataclass
class FakeFinding:
    type: str
    key: str
    description: str
    description_de: str
    line: int | None
    column: int | None = None


TEXT = "name: x\nurl: y\n"


def test_it_puts_findings_under_their_lines_and_keeps_the_rest_in_the_summary():
    findings = [
        FakeFinding("error", "url", "bad url", "ungültige URL", 2, 6),
        FakeFinding("warning", "x", "far away", "weit weg", 99),
        FakeFinding("error", "legal", "missing", "fehlt", None),
    ]
    with translation.override("de"):
        preview = build_preview(TEXT, findings, [FactError("domains[0]", "unknown", "unbekannt")])
    assert [line.number for line in preview.lines] == [1, 2]
    assert [f.message for f in preview.lines[1].findings] == ["ungültige URL"]
    assert preview.lines[1].worst == "error"
    assert preview.errors == 3 and preview.warnings == 1
    assert preview.findings[0].line == 2
    assert {f.message for f in preview.findings if f.line is None} == {"weit weg", "fehlt", "unbekannt"}


def test_it_uses_english_messages_in_english():
    with translation.override("en"):
        preview = build_preview(TEXT, [FakeFinding("error", "url", "bad url", "ungültige URL", 2)])
    assert preview.findings[0].message == "bad url"
