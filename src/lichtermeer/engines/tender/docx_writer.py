"""DOCX writer (python-docx): A4, real heading styles, repeating table header rows, language de-DE, title metadata.

Text is set through python-docx's run API (escaped by lxml; tab and newline become <w:tab/> and <w:br/>);
hyperlink targets are external relationships of already checked http(s) URLs.
"""

from __future__ import annotations

import io
import re

import docx
from docx.enum.section import WD_ORIENT
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.opc.constants import RELATIONSHIP_TYPE
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

from .layout import COUNTRY, FONT, LANGUAGE, MARGIN_CM, Bullets, Document, Heading, PageBreak, Para, Table

LANG = f"{LANGUAGE}-{COUNTRY}"
DARK = RGBColor(0x1F, 0x2A, 0x44)
ACCENT = RGBColor(0x0B, 0x3D, 0x6E)
NOTICE = RGBColor(0x9C, 0x00, 0x06)
HEADER_FILL = "C9D7EA"
TOTAL_FILL = "F2F2F2"
ALIGN = {"left": WD_ALIGN_PARAGRAPH.LEFT, "right": WD_ALIGN_PARAGRAPH.RIGHT, "center": WD_ALIGN_PARAGRAPH.CENTER}
BULLET_NUM_ID = "90"
# Paragraph style ids (python-docx names "Draft Notice" -> id "DraftNotice"); set as ids, because looking a style
# up by name scans every style of the template (quadratic for big tables).
PARA_STYLES = {"bullet": "ListBullet", "body": "Normal", "title": "Title", "subtitle": "Subtitle",
               "notice": "DraftNotice", "meta": "TitleMeta", "small": "SmallText", "cell": "TableText",
               "cellsmall": "TableSmall"}


def write_docx(doc: Document) -> bytes:
    document = docx.Document()
    _styles(document)
    _page(document, doc)
    bullets = _bullet_numbering(document)
    props = document.core_properties
    props.title = doc.title
    props.subject = doc.subject
    props.author = doc.author
    props.language = LANG
    props.keywords = "Vergabe; Entwurf; Lichtermeer"
    props.comments = "Entwurf – vor Veröffentlichung rechtlich prüfen"
    _drop_template_thumbnail(document)
    for block in doc.blocks:
        if isinstance(block, Heading):
            paragraph = document.add_paragraph(style=f"Heading {min(max(block.level, 1), 3)}")
            paragraph.add_run(block.text)
        elif isinstance(block, Para):
            _paragraph(document.add_paragraph(), block)
        elif isinstance(block, Bullets):
            for item in block.items:
                paragraph = document.add_paragraph(style="List Bullet")
                _paragraph(paragraph, Para(item, "bullet"))
                _bullet(paragraph, bullets)
        elif isinstance(block, Table):
            _table(document, block)
            document.add_paragraph(style="Table Gap")
        elif isinstance(block, PageBreak):
            document.add_page_break()
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _drop_template_thumbnail(document: docx.document.Document) -> None:
    """python-docx's template carries a preview image of another document; file managers would show it."""
    rels = document.part.package.rels
    for rel_id, rel in list(rels.items()):
        if rel.reltype == RELATIONSHIP_TYPE.THUMBNAIL:
            rels.pop(rel_id)


def _styles(document: docx.document.Document) -> None:
    styles = document.styles
    defaults = styles.element.find(qn("w:docDefaults"))
    run_defaults = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    lang = run_defaults.find(qn("w:lang"))
    lang.set(qn("w:val"), LANG)
    lang.set(qn("w:eastAsia"), LANG)
    fonts = run_defaults.find(qn("w:rFonts"))
    for attribute in list(fonts.attrib):
        del fonts.attrib[attribute]
    for attribute in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(attribute), FONT)
    settings = document.settings.element
    if (theme := settings.find(qn("w:themeFontLang"))) is not None:
        theme.set(qn("w:val"), LANG)
    for tag, value in (("w:decimalSymbol", ","), ("w:listSeparator", ";")):
        if (element := settings.find(qn(tag))) is not None:
            element.set(qn("w:val"), value)

    normal = styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(10.5)
    normal.paragraph_format.space_after = Pt(6)
    normal.paragraph_format.line_spacing = 1.15
    for name, size, before, after in (("Title", 24, 0, 4), ("Subtitle", 14, 0, 14), ("Heading 1", 15, 18, 6),
                                      ("Heading 2", 12.5, 12, 4), ("Heading 3", 11, 10, 4)):
        style = styles[name]
        style.font.name = FONT
        _clear_theme_fonts(style)
        style.font.size = Pt(size)
        style.font.bold = name != "Subtitle"
        style.font.italic = False
        style.font.color.rgb = DARK if name in ("Title", "Subtitle") else ACCENT
        style.paragraph_format.space_before = Pt(before)
        style.paragraph_format.space_after = Pt(after)
        style.paragraph_format.keep_with_next = True
    title_ppr = styles["Title"].element.find(qn("w:pPr"))
    if title_ppr is not None and (border := title_ppr.find(qn("w:pBdr"))) is not None:
        title_ppr.remove(border)

    def paragraph_style(name: str, size: float, after: float, **font) -> None:
        style = styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        style.base_style = normal
        style.font.size = Pt(size)
        for key, value in font.items():
            setattr(style.font, key, value)
        style.paragraph_format.space_after = Pt(after)
        style.paragraph_format.space_before = Pt(0)

    paragraph_style("Title Meta", 10.5, 2)
    paragraph_style("Draft Notice", 11, 6, bold=True)
    styles["Draft Notice"].font.color.rgb = NOTICE
    styles["Draft Notice"].paragraph_format.space_before = Pt(10)
    paragraph_style("Small Text", 9, 12)
    paragraph_style("Table Text", 9.5, 2)
    styles["Table Text"].paragraph_format.line_spacing = 1.0
    paragraph_style("Table Small", 8.5, 2)
    styles["Table Small"].paragraph_format.line_spacing = 1.0
    paragraph_style("Table Gap", 4, 4)
    for name in ("Header", "Footer"):
        styles[name].font.size = Pt(8.5)
    link = styles.add_style("Hyperlink", WD_STYLE_TYPE.CHARACTER)
    link.font.color.rgb = RGBColor(0x05, 0x63, 0xC1)
    link.font.underline = True


def _clear_theme_fonts(style) -> None:
    fonts = style.element.rPr.find(qn("w:rFonts")) if style.element.rPr is not None else None
    if fonts is not None:
        for attribute in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
            fonts.attrib.pop(qn(attribute), None)
        fonts.set(qn("w:cs"), FONT)


def _bullet_numbering(document: docx.document.Document) -> str:
    """Our own bullet list definition ("•" in the body font), referenced directly by each list paragraph:
    the template's style-linked list (Symbol font) shows no bullets in LibreOffice."""
    numbering = document.part.numbering_part.element
    abstract = OxmlElement("w:abstractNum")
    abstract.set(qn("w:abstractNumId"), BULLET_NUM_ID)
    kind = OxmlElement("w:multiLevelType")
    kind.set(qn("w:val"), "singleLevel")
    abstract.append(kind)
    level = OxmlElement("w:lvl")
    level.set(qn("w:ilvl"), "0")
    for tag, value in (("w:start", "1"), ("w:numFmt", "bullet"), ("w:lvlText", "•"), ("w:lvlJc", "left")):
        element = OxmlElement(tag)
        element.set(qn("w:val"), value)
        level.append(element)
    properties = OxmlElement("w:pPr")
    indent = OxmlElement("w:ind")
    indent.set(qn("w:left"), "426")
    indent.set(qn("w:hanging"), "284")
    properties.append(indent)
    level.append(properties)
    run_properties = OxmlElement("w:rPr")
    fonts = OxmlElement("w:rFonts")
    for attribute in ("w:ascii", "w:hAnsi", "w:cs"):
        fonts.set(qn(attribute), FONT)
    run_properties.append(fonts)
    level.append(run_properties)
    abstract.append(level)
    first_num = numbering.find(qn("w:num"))
    if first_num is not None:
        first_num.addprevious(abstract)  # schema order: every abstractNum before the first num
    else:
        numbering.append(abstract)
    num = OxmlElement("w:num")
    num.set(qn("w:numId"), BULLET_NUM_ID)
    reference = OxmlElement("w:abstractNumId")
    reference.set(qn("w:val"), BULLET_NUM_ID)
    num.append(reference)
    numbering.append(num)
    return BULLET_NUM_ID


def _bullet(paragraph, num_id: str) -> None:
    numbering = paragraph._p.get_or_add_pPr().get_or_add_numPr()  # python-docx keeps the schema order
    numbering.get_or_add_ilvl().val = 0
    numbering.get_or_add_numId().val = int(num_id)


def _page(document: docx.document.Document, doc: Document) -> None:
    section = document.sections[0]
    if doc.landscape:
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = Cm(29.7), Cm(21.0)
    else:
        section.orientation = WD_ORIENT.PORTRAIT
        section.page_width, section.page_height = Cm(21.0), Cm(29.7)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Cm(MARGIN_CM))
    section.header_distance = section.footer_distance = Cm(1.0)
    header = section.header
    header.is_linked_to_previous = False
    header.paragraphs[0].style = document.styles["Header"]
    run = header.paragraphs[0].add_run(doc.header)
    run.font.size = Pt(8.5)
    run.font.color.rgb = NOTICE
    footer = section.footer
    footer.is_linked_to_previous = False
    paragraph = footer.paragraphs[0]
    paragraph.style = document.styles["Footer"]
    for text, field in (((doc.footer + " · ") if doc.footer else "") + "Seite ", "PAGE"), (" von ", "NUMPAGES"):
        paragraph.add_run(text).font.size = Pt(8.5)
        simple = OxmlElement("w:fldSimple")
        simple.set(qn("w:instr"), field)
        inner = OxmlElement("w:r")
        text_element = OxmlElement("w:t")
        text_element.text = "1"
        inner.append(text_element)
        simple.append(inner)
        paragraph._p.append(simple)


def _paragraph(paragraph, block: Para) -> None:
    style = PARA_STYLES.get(block.style, "Normal")
    if style != "Normal":
        paragraph._p.get_or_add_pPr().style = style
    if block.indent:
        paragraph.paragraph_format.left_indent = Cm(0.45 * block.indent)
    if block.keep_with_next:
        paragraph.paragraph_format.keep_with_next = True
    for item in block.runs:
        run = paragraph.add_run()
        _set_text(run, item.text)
        run.bold = item.bold or None
        run.italic = item.italic or None
        if item.url:
            run._r.get_or_add_rPr().style = "Hyperlink"
            relation = paragraph.part.relate_to(item.url, RELATIONSHIP_TYPE.HYPERLINK, is_external=True)
            link = OxmlElement("w:hyperlink")
            link.set(qn("r:id"), relation)
            run._r.addprevious(link)
            link.append(run._r)


_BREAKS = re.compile(r"(\t|\n)")


def _set_text(run, text: str) -> None:
    """Like python-docx's Run.text (tab -> <w:tab/>, newline -> <w:br/>) without its per-character loop."""
    element = run._r
    for part in _BREAKS.split(text):
        if part == "\t":
            element.append(OxmlElement("w:tab"))
        elif part == "\n":
            element.append(OxmlElement("w:br"))
        elif part:
            t = OxmlElement("w:t")
            t.text = part
            t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
            element.append(t)


def _table(document: docx.document.Document, block: Table) -> None:
    table = document.add_table(rows=1, cols=len(block.columns))
    table.style = document.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.LEFT
    table.autofit = False  # <w:tblLayout w:type="fixed"/>: the column widths below hold
    properties = table._tbl.tblPr
    margins = OxmlElement("w:tblCellMar")  # schema order: after tblLayout, before tblLook
    for side, twips in (("top", 30), ("left", 57), ("bottom", 30), ("right", 57)):
        margin = OxmlElement(f"w:{side}")
        margin.set(qn("w:w"), str(twips))
        margin.set(qn("w:type"), "dxa")
        margins.append(margin)
    properties.find(qn("w:tblLook")).addprevious(margins)
    for tag in ("w:tblCaption", "w:tblDescription"):
        element = OxmlElement(tag)
        element.set(qn("w:val"), block.name)
        properties.append(element)
    for column, grid in zip(block.columns, table._tbl.tblGrid.findall(qn("w:gridCol")), strict=True):
        grid.set(qn("w:w"), str(int(Cm(column.width_cm).twips)))
    header = table.rows[0]
    _row_flags(header, repeat=True)
    for cell, column in zip(header.cells, block.columns, strict=True):
        cell.width = Cm(column.width_cm)
        _shade(cell, HEADER_FILL)
        paragraph = cell.paragraphs[0]
        paragraph._p.get_or_add_pPr().style = "TableText"
        paragraph.alignment = ALIGN[column.align]
        paragraph.add_run(column.header).bold = True
        paragraph.paragraph_format.keep_with_next = True
    last = len(block.rows) - 1
    for index, cells in enumerate(block.rows):
        row = table.add_row()
        if block.keep(index):
            _row_flags(row, repeat=False)
        total = block.total_row and index == last
        for cell, column, content in zip(row.cells, block.columns, cells, strict=True):
            cell.width = Cm(column.width_cm)
            if total:
                _shade(cell, TOTAL_FILL)
            for number, para in enumerate(content or [Para([])]):
                paragraph = cell.paragraphs[0] if number == 0 else cell.add_paragraph()
                _paragraph(paragraph, para)
                paragraph.alignment = ALIGN[column.align]
                if block.unbreakable and index < last:
                    paragraph.paragraph_format.keep_with_next = True  # Word's way to keep a table together


def _row_flags(row, *, repeat: bool) -> None:
    """The row does not break across pages; a header row also repeats on every page."""
    properties = row._tr.get_or_add_trPr()
    properties.append(OxmlElement("w:cantSplit"))  # schema order: cantSplit before tblHeader
    if repeat:
        properties.append(OxmlElement("w:tblHeader"))


def _shade(cell, fill: str) -> None:
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), fill)
    cell._tc.get_or_add_tcPr().append(shading)
