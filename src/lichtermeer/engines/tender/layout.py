"""A small document model both writers render: the content is built once (content.py), DOCX and ODT say the same.

Texts in these objects are already cleaned (model.clean_line/clean_text); writers only escape through their
libraries' text APIs.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field


@dataclass
class Run:
    text: str
    bold: bool = False
    italic: bool = False
    url: str = ""  # http(s) link target (already checked)


@dataclass
class Para:
    runs: list[Run]
    style: str = "body"  # body | title | subtitle | notice | meta | small | cell | cellsmall
    indent: int = 0  # indentation steps (criteria tree)
    keep_with_next: bool = False  # an introduction that must not be separated from its table or list


@dataclass
class Heading:
    level: int  # 1..3
    text: str


@dataclass
class Bullets:
    items: list[list[Run]]


@dataclass
class Column:
    header: str
    width_cm: float
    align: str = "left"  # left | right | center


@dataclass
class Table:
    name: str  # accessible caption / description
    columns: list[Column]
    rows: list[list[list[Para]]]  # row -> cell -> paragraphs
    total_row: bool = False  # the last row is a totals row (bold)
    keep_rows: bool = False  # rows must not break across pages (short rows only)
    row_keep: list[bool] = field(default_factory=list)  # per row, when only some rows are short
    unbreakable: bool = False  # a short table kept on one page

    def keep(self, index: int) -> bool:
        return self.keep_rows or (index < len(self.row_keep) and self.row_keep[index])


@dataclass
class PageBreak:
    pass


Block = Para | Heading | Bullets | Table | PageBreak


@dataclass
class Document:
    title: str  # metadata title
    subject: str
    author: str
    landscape: bool
    header: str  # running header text
    footer: str  # running footer text, followed by "Seite N"
    blocks: list[Block] = field(default_factory=list)

    def add(self, *blocks: Block) -> None:
        self.blocks.extend(blocks)

    def finish(self) -> Document:
        """Keep each paragraph that introduces a table or list on the page of that table or list, and legal
        citations ("§ 58 VgV", "Art. 28 Abs. 3 DSGVO") on one line."""
        for block, following in zip(self.blocks, self.blocks[1:], strict=False):
            if isinstance(block, Para) and isinstance(following, Table | Bullets):
                block.keep_with_next = True
        for run in self.runs():
            run.text = no_break_citations(run.text)
        return self

    @property
    def text_width_cm(self) -> float:
        return (29.7 if self.landscape else 21.0) - 2 * MARGIN_CM

    def runs(self):
        for block in self.blocks:
            if isinstance(block, Para):
                yield from block.runs
            elif isinstance(block, Bullets):
                for item in block.items:
                    yield from item
            elif isinstance(block, Table):
                for row in block.rows:
                    for cell in row:
                        for para in cell:
                            yield from para.runs


_CITATION_GAPS = re.compile(r"(?<=§) (?=\d)|(?<=\bArt\.) (?=\d)|(?<=\bAbs\.) (?=\d)|(?<=\d) (?=Abs\.|(?:VgV|GWB|"
                            r"DSGVO|UVgO|BGG)\b)")


def no_break_citations(text: str) -> str:
    """No-break spaces inside "§ 31 VgV", "Art. 28 Abs. 3 DSGVO" (German typesetting)."""
    return _CITATION_GAPS.sub("\u00a0", text) if ("§" in text or "Art." in text) else text


MARGIN_CM = 2.0
LANGUAGE, COUNTRY = "de", "DE"
FONT = "Arial"  # LibreOffice substitutes Liberation Sans (same metrics) or another sans font
