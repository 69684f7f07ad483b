"""ODT writer (odfpy): A4, outline headings (text:h), repeating header rows (table:table-header-rows), language
de-DE in the default style and the metadata, title in dc:title.

Text goes through odf.teletype (escaped by odfpy; newline, tab and space runs become text:line-break, text:tab
and text:s); links are text:a with already checked http(s) URLs.
"""

from __future__ import annotations

import io
import re

from odf import dc, meta
from odf.opendocument import OpenDocumentText
from odf.style import (
    DefaultStyle,
    FontFace,
    Footer,
    FooterStyle,
    Header,
    HeaderFooterProperties,
    HeaderStyle,
    ListLevelProperties,
    MasterPage,
    PageLayout,
    PageLayoutProperties,
    ParagraphProperties,
    Style,
    TableCellProperties,
    TableColumnProperties,
    TableProperties,
    TableRowProperties,
    TextProperties,
)
from odf.table import Desc as TableDesc
from odf.table import Table as OdfTable
from odf.table import TableCell, TableColumn, TableHeaderRows, TableRow
from odf.table import Title as TableTitle
from odf.text import (
    A,
    H,
    LineBreak,
    List,
    ListItem,
    ListLevelStyleBullet,
    ListStyle,
    P,
    PageCount,
    PageNumber,
    S,
    Span,
    Tab,
)

from .layout import COUNTRY, FONT, LANGUAGE, MARGIN_CM, Bullets, Document, Heading, PageBreak, Para, Run, Table

DARK, ACCENT, NOTICE, LINK = "#1f2a44", "#0b3d6e", "#9c0006", "#0563c1"
HEADER_FILL, TOTAL_FILL, BORDER = "#c9d7ea", "#f2f2f2", "0.5pt solid #000000"
PARA_STYLES = {"body": "Text_20_body", "title": "Title", "subtitle": "Subtitle", "notice": "Draft_20_Notice",
               "meta": "Title_20_Meta", "small": "Small_20_Text", "cell": "Table_20_Contents",
               "cellsmall": "Table_20_Small"}


_WHITESPACE = re.compile(r"(\t|\n| {2,})")


def _add_text(element, text: str) -> None:
    """Like odf.teletype.addTextToElement (tab, line break, runs of spaces), with a regex instead of a char loop."""
    for part in _WHITESPACE.split(text):
        if not part:
            continue
        if part == "\t":
            element.addElement(Tab())
        elif part == "\n":
            element.addElement(LineBreak())
        elif part.startswith("  "):
            element.addText(" ")
            element.addElement(S(c=len(part) - 1))
        else:
            element.addText(part)


def write_odt(doc: Document) -> bytes:
    odt = OpenDocumentText()
    writer = _Writer(odt, doc)
    writer.metadata()
    writer.styles()
    writer.body()
    out = io.BytesIO()
    odt.write(out)
    return out.getvalue()


class _Writer:
    def __init__(self, odt: OpenDocumentText, doc: Document) -> None:
        self.odt, self.doc = odt, doc
        self.tables = 0
        self.automatic: dict[str, Style] = {}

    # --- metadata and styles ----------------------------------------------------------------------------------
    def metadata(self) -> None:
        m = self.odt.meta
        m.addElement(dc.Title(text=self.doc.title))
        m.addElement(dc.Subject(text=self.doc.subject))
        m.addElement(dc.Language(text=f"{LANGUAGE}-{COUNTRY}"))
        m.addElement(dc.Description(text="Entwurf – vor Veröffentlichung rechtlich prüfen"))
        if self.doc.author:
            m.addElement(meta.InitialCreator(text=self.doc.author))
        for keyword in ("Vergabe", "Entwurf", "Lichtermeer"):
            m.addElement(meta.Keyword(text=keyword))

    def styles(self) -> None:
        odt, styles = self.odt, self.odt.styles
        odt.fontfacedecls.addElement(FontFace(name=FONT, fontfamily=FONT, fontfamilygeneric="swiss",
                                              fontpitch="variable"))
        language = {"language": LANGUAGE, "country": COUNTRY}
        default = DefaultStyle(family="paragraph")
        default.addElement(TextProperties(fontname=FONT, fontsize="10.5pt", **language,
                                          languageasian=LANGUAGE, countryasian=COUNTRY,
                                          languagecomplex=LANGUAGE, countrycomplex=COUNTRY, hyphenate="false"))
        styles.addElement(default)
        self._style("Standard", "Standard", None, text={"fontname": FONT, "fontsize": "10.5pt"})
        self._style("Text_20_body", "Text body", "Standard",
                    paragraph={"marginbottom": "0.21cm", "margintop": "0cm", "lineheight": "115%"})
        self._style("Heading", "Heading", "Standard", paragraph={"keepwithnext": "always"},
                    text={"fontweight": "bold", "color": ACCENT})
        for level, size, before, after in ((1, "15pt", "0.63cm", "0.21cm"), (2, "12.5pt", "0.42cm", "0.14cm"),
                                           (3, "11pt", "0.35cm", "0.14cm")):
            style = self._style(f"Heading_20_{level}", f"Heading {level}", "Heading",
                                paragraph={"margintop": before, "marginbottom": after},
                                text={"fontsize": size, "fontweight": "bold", "color": ACCENT})
            style.setAttribute("defaultoutlinelevel", str(level))
            style.setAttribute("class", "text")
        self._style("Title", "Title", "Standard", paragraph={"marginbottom": "0.14cm"},
                    text={"fontsize": "24pt", "fontweight": "bold", "color": DARK})
        self._style("Subtitle", "Subtitle", "Standard", paragraph={"marginbottom": "0.5cm"},
                    text={"fontsize": "14pt", "color": DARK})
        self._style("Title_20_Meta", "Title Meta", "Standard", paragraph={"marginbottom": "0.07cm"})
        self._style("Draft_20_Notice", "Draft Notice", "Standard",
                    paragraph={"margintop": "0.35cm", "marginbottom": "0.21cm"},
                    text={"fontsize": "11pt", "fontweight": "bold", "color": NOTICE})
        self._style("Small_20_Text", "Small Text", "Standard", paragraph={"marginbottom": "0.42cm"},
                    text={"fontsize": "9pt"})
        self._style("Table_20_Contents", "Table Contents", "Standard", paragraph={"marginbottom": "0.07cm"},
                    text={"fontsize": "9.5pt"})
        self._style("Table_20_Heading", "Table Heading", "Table_20_Contents", text={"fontweight": "bold"})
        self._style("Table_20_Small", "Table Small", "Table_20_Contents", text={"fontsize": "8.5pt"})
        self._style("List_20_Bullet", "List Bullet", "Text_20_body", paragraph={"marginbottom": "0.1cm"})
        self._style("Header", "Header", "Standard", text={"fontsize": "8.5pt", "color": NOTICE})
        self._style("Footer", "Footer", "Standard", text={"fontsize": "8.5pt"})
        link = Style(name="Internet_20_link", displayname="Internet link", family="text")
        link.addElement(TextProperties(color=LINK, textunderlinestyle="solid", textunderlinewidth="auto",
                                       textunderlinecolor="font-color"))
        styles.addElement(link)

        bullets = ListStyle(name="Bullet_20_List", displayname="Bullet List")
        level = ListLevelStyleBullet(level=1, bulletchar="•")
        level.addElement(ListLevelProperties(spacebefore="0.3cm", minlabelwidth="0.5cm"))
        bullets.addElement(level)
        styles.addElement(bullets)

        width, height = (29.7, 21.0) if self.doc.landscape else (21.0, 29.7)
        layout = PageLayout(name="pm1")
        layout.addElement(PageLayoutProperties(
            pagewidth=f"{width}cm", pageheight=f"{height}cm",
            printorientation="landscape" if self.doc.landscape else "portrait",
            margintop="1.0cm", marginbottom="1.0cm", marginleft=f"{MARGIN_CM}cm", marginright=f"{MARGIN_CM}cm"))
        header_style = HeaderStyle()
        header_style.addElement(HeaderFooterProperties(minheight="0.6cm", marginbottom="0.4cm"))
        footer_style = FooterStyle()
        footer_style.addElement(HeaderFooterProperties(minheight="0.6cm", margintop="0.4cm"))
        layout.addElement(header_style)
        layout.addElement(footer_style)
        odt.automaticstyles.addElement(layout)
        master = MasterPage(name="Standard", pagelayoutname="pm1")
        header = Header()
        header.addElement(self._p([Run(self.doc.header)], "Header"))
        footer = Footer()
        paragraph = self._p([Run(((self.doc.footer + " · ") if self.doc.footer else "") + "Seite ")], "Footer")
        paragraph.addElement(PageNumber(selectpage="current", text="1"))
        paragraph.addText(" von ")
        paragraph.addElement(PageCount(text="1"))
        footer.addElement(paragraph)
        master.addElement(header)
        master.addElement(footer)
        odt.masterstyles.addElement(master)

        for name, properties in (("T_bold", {"fontweight": "bold", "fontweightcomplex": "bold"}),
                                 ("T_italic", {"fontstyle": "italic", "fontstylecomplex": "italic"}),
                                 ("T_bolditalic", {"fontweight": "bold", "fontstyle": "italic"})):
            style = Style(name=name, family="text")
            style.addElement(TextProperties(**properties))
            odt.automaticstyles.addElement(style)
        brk = Style(name="H1_break", family="paragraph", parentstylename="Heading_20_1")
        brk.addElement(ParagraphProperties(breakbefore="page"))
        odt.automaticstyles.addElement(brk)
        brk = Style(name="P_break", family="paragraph", parentstylename="Standard")
        brk.addElement(ParagraphProperties(breakbefore="page"))
        odt.automaticstyles.addElement(brk)

    def _style(self, name: str, display: str, parent: str | None, *, paragraph: dict | None = None,
               text: dict | None = None) -> Style:
        attributes = {"name": name, "displayname": display, "family": "paragraph"}
        if parent:
            attributes["parentstylename"] = parent
        style = Style(**attributes)
        if paragraph:
            style.addElement(ParagraphProperties(**paragraph))
        if text:
            style.addElement(TextProperties(**text))
        self.odt.styles.addElement(style)
        return style

    def _paragraph_style(self, base: str, align: str, indent: int, keep: bool = False) -> str:
        """An automatic paragraph style for alignment/indent/keep-with-next variants of a named style."""
        if align == "left" and not indent and not keep:
            return base
        name = f"P_{base}_{align}_{indent}{'_keep' if keep else ''}".replace("_20_", "")
        if name not in self.automatic:
            style = Style(name=name, family="paragraph", parentstylename=base)
            properties = {"textalign": {"left": "start", "right": "end", "center": "center"}[align]}
            if indent:
                properties["marginleft"] = f"{0.45 * indent:.2f}cm"
            if keep:
                properties["keepwithnext"] = "always"
            style.addElement(ParagraphProperties(**properties))
            self.odt.automaticstyles.addElement(style)
            self.automatic[name] = style
        return name

    # --- content ----------------------------------------------------------------------------------------------
    def body(self) -> None:
        text = self.odt.text
        pending_break = False
        for block in self.doc.blocks:
            if isinstance(block, PageBreak):
                pending_break = True
                continue
            if isinstance(block, Heading):
                level = min(max(block.level, 1), 3)
                style = "H1_break" if pending_break and level == 1 else f"Heading_20_{level}"
                heading = H(outlinelevel=level, stylename=style)
                _add_text(heading, block.text)
                text.addElement(heading)
            elif pending_break:
                text.addElement(P(stylename="P_break"))  # a page break not followed by a heading
                pending_break = False
            if isinstance(block, Para):
                style = self._paragraph_style(PARA_STYLES.get(block.style, "Text_20_body"), "left", block.indent,
                                              block.keep_with_next)
                text.addElement(self._p(block.runs, style))
            elif isinstance(block, Bullets):
                items = List(stylename="Bullet_20_List")
                for runs in block.items:
                    item = ListItem()
                    item.addElement(self._p(runs, "List_20_Bullet"))
                    items.addElement(item)
                text.addElement(items)
            elif isinstance(block, Table):
                text.addElement(self._table(block))  # no gap paragraph: ODF tables never merge
            pending_break = False

    def _p(self, runs: list[Run], style: str) -> P:
        paragraph = P(stylename=style)
        for run in runs:
            target = paragraph
            if run.url:
                target = A(href=run.url, type="simple", stylename="Internet_20_link",
                           visitedstylename="Internet_20_link")
                paragraph.addElement(target)
            style_name = ("T_bolditalic" if run.bold and run.italic else "T_bold" if run.bold
                          else "T_italic" if run.italic else "")
            if style_name:
                span = Span(stylename=style_name)
                _add_text(span, run.text)
                target.addElement(span)
            else:
                _add_text(target, run.text)
        return paragraph

    def _table(self, block: Table) -> OdfTable:
        self.tables += 1
        name = f"Tabelle{self.tables}"
        width = sum(c.width_cm for c in block.columns)
        style = Style(name=name, family="table")
        table_properties = {"width": f"{width:.2f}cm", "align": "left", "margintop": "0.1cm",
                            "marginbottom": "0.3cm"}
        if block.unbreakable:
            table_properties["maybreakbetweenrows"] = "false"
        style.addElement(TableProperties(**table_properties))
        self.odt.automaticstyles.addElement(style)
        cells = {}
        for key, fill in (("head", HEADER_FILL), ("body", None), ("total", TOTAL_FILL)):
            cell_style = Style(name=f"{name}.{key}", family="table-cell")
            properties = {"border": BORDER, "padding": "0.08cm"}
            if fill:
                properties["backgroundcolor"] = fill
            cell_style.addElement(TableCellProperties(**properties))
            self.odt.automaticstyles.addElement(cell_style)
            cells[key] = cell_style
        header_row_style = Style(name=f"{name}.headrow", family="table-row")
        header_row_style.addElement(TableRowProperties(keeptogether="always"))
        self.odt.automaticstyles.addElement(header_row_style)
        keep_row_style = None
        if block.keep_rows or any(block.row_keep):
            keep_row_style = Style(name=f"{name}.row", family="table-row")
            keep_row_style.addElement(TableRowProperties(keeptogether="always"))
            self.odt.automaticstyles.addElement(keep_row_style)

        table = OdfTable(name=name, stylename=style)
        table.addElement(TableTitle(text=block.name))
        table.addElement(TableDesc(text=block.name))
        for index, column in enumerate(block.columns):
            column_style = Style(name=f"{name}.C{index}", family="table-column")
            column_style.addElement(TableColumnProperties(columnwidth=f"{column.width_cm:.2f}cm"))
            self.odt.automaticstyles.addElement(column_style)
            table.addElement(TableColumn(stylename=column_style))
        head = TableHeaderRows()
        row = TableRow(stylename=header_row_style)
        for column in block.columns:
            cell = TableCell(stylename=cells["head"], valuetype="string")
            cell.addElement(self._p([Run(column.header)], self._paragraph_style("Table_20_Heading", column.align,
                                                                                 0)))
            row.addElement(cell)
        head.addElement(row)
        table.addElement(head)
        last = len(block.rows) - 1
        for index, contents in enumerate(block.rows):
            row = TableRow(stylename=keep_row_style) if block.keep(index) else TableRow()
            key = "total" if block.total_row and index == last else "body"
            for column, content in zip(block.columns, contents, strict=True):
                cell = TableCell(stylename=cells[key], valuetype="string")
                for para in content or [Para([])]:
                    style_name = self._paragraph_style(PARA_STYLES.get(para.style, "Table_20_Contents"),
                                                       column.align, para.indent)
                    cell.addElement(self._p(para.runs, style_name))
                row.addElement(cell)
            table.addElement(row)
        return table
