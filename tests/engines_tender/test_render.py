"""Both kinds × both formats render, re-open, and carry the accessibility basics (headings, header rows, language,
title, orientation)."""

import io

import docx
import pytest
from docx.enum.section import WD_ORIENT
from lxml import etree
from odf.opendocument import load as load_odt

from lichtermeer.engines.tender import FORMATS, KINDS, MEDIA_TYPES, render

from .conftest import W, blocks, check_zip

ODF = {
    "text": "urn:oasis:names:tc:opendocument:xmlns:text:1.0",
    "table": "urn:oasis:names:tc:opendocument:xmlns:table:1.0",
    "style": "urn:oasis:names:tc:opendocument:xmlns:style:1.0",
    "fo": "urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0",
    "dc": "http://purl.org/dc/elements/1.1/",
    "office": "urn:oasis:names:tc:opendocument:xmlns:office:1.0",
}


def _q(prefix: str, name: str) -> str:
    return "{" + ODF[prefix] + "}" + name


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("fmt", FORMATS)
def test_it_renders_a_valid_package_that_reopens(spec, kind, fmt):
    data = render(spec, kind, fmt)
    check_zip(data, fmt)
    if fmt == "docx":
        assert docx.Document(io.BytesIO(data)).paragraphs
    else:
        assert load_odt(io.BytesIO(data)).text.childNodes
    assert blocks(data, fmt)[0] == {"leistungsbeschreibung": "Leistungsbeschreibung",
                                    "bewertungsmatrix": "Bewertungsmatrix"}[kind]
    assert MEDIA_TYPES[fmt]


@pytest.mark.parametrize("kind", KINDS)
def test_docx_has_heading_styles_repeating_header_rows_language_and_title(spec, kind):
    data = render(spec, kind, "docx")
    document = docx.Document(io.BytesIO(data))
    styles = [p.style.name for p in document.paragraphs]
    assert styles[0] == "Title" and "Heading 1" in styles
    if kind == "leistungsbeschreibung":
        assert "Heading 2" in styles and "List Bullet" in styles
    assert document.tables
    for table in document.tables:
        header = table.rows[0]._tr
        assert header.find(f"{W}trPr/{W}tblHeader") is not None
        assert table._tbl.tblPr.find(f"{W}tblCaption") is not None
    defaults = document.styles.element.find(f"{W}docDefaults/{W}rPrDefault/{W}rPr/{W}lang")
    assert defaults.get(f"{W}val") == "de-DE"
    assert document.core_properties.language == "de-DE"
    assert document.core_properties.title == f"{blocks(data, 'docx')[0]}: {spec.title}"
    section = document.sections[0]
    landscape = kind == "bewertungsmatrix"
    assert (section.orientation == WD_ORIENT.LANDSCAPE) == landscape
    assert round(section.page_width.cm, 1) == (29.7 if landscape else 21.0)


@pytest.mark.parametrize("kind", KINDS)
def test_odt_has_outline_headings_header_rows_language_and_title(spec, kind):
    data = render(spec, kind, "odt")
    archive = check_zip(data, "odt")
    content = etree.fromstring(archive.read("content.xml"))
    headings = content.findall(".//text:h", ODF)
    assert headings and {h.get(f"{{{ODF['text']}}}outline-level") for h in headings} >= {"1"}
    tables = content.findall(".//table:table", ODF)
    assert tables
    for table in tables:
        assert table.find("table:table-header-rows/table:table-row", ODF) is not None
        assert table.find("table:title", ODF) is not None
    meta = etree.fromstring(archive.read("meta.xml"))
    assert meta.findtext(".//dc:language", namespaces=ODF) == "de-DE"
    assert spec.title in meta.findtext(".//dc:title", namespaces=ODF)
    styles = etree.fromstring(archive.read("styles.xml"))
    default = styles.find(".//style:default-style[@style:family='paragraph']/style:text-properties", ODF)
    assert default.get(f"{{{ODF['fo']}}}language") == "de" and default.get(f"{{{ODF['fo']}}}country") == "DE"
    layout = styles.find(".//style:page-layout-properties", ODF)
    landscape = kind == "bewertungsmatrix"
    assert layout.get(f"{{{ODF['style']}}}print-orientation") == ("landscape" if landscape else "portrait")
    assert layout.get(f"{{{ODF['fo']}}}page-width") == ("29.7cm" if landscape else "21.0cm")


def test_it_rejects_an_unknown_kind_or_format(spec):
    with pytest.raises(ValueError, match="unknown document kind"):
        render(spec, "anschreiben", "docx")
    with pytest.raises(ValueError, match="unknown format"):
        render(spec, "bewertungsmatrix", "rtf")


@pytest.mark.parametrize("fmt", FORMATS)
def test_an_almost_empty_spec_renders_placeholders(fmt):
    from lichtermeer.engines.tender import Authority, TenderSpec
    from lichtermeer.engines.tender.content import ANNEX_TITLE

    bare = TenderSpec(title="", subject="", authority=Authority(name=""))
    for kind in KINDS:
        text = "\n".join(blocks(render(bare, kind, fmt), fmt))
        assert "[Vergabestelle eintragen]" in text and "[Datum eintragen]" in text
    text = "\n".join(blocks(render(bare, "leistungsbeschreibung", fmt), fmt))
    assert "[EVB-IT-Vertragstyp auswählen" in text and ANNEX_TITLE not in text  # no survey, no annex


def test_short_rows_stay_together_and_the_scale_stays_on_one_page(spec):
    spec.requirements[0].text = "lang " * 400  # a long requirement may break across pages
    document = docx.Document(io.BytesIO(render(spec, "leistungsbeschreibung", "docx")))
    musts = document.tables[0].rows
    assert musts[1]._tr.find(f"{W}trPr/{W}cantSplit") is None
    assert all(row._tr.find(f"{W}trPr/{W}cantSplit") is not None for row in musts[2:])
    archive = check_zip(render(spec, "bewertungsmatrix", "odt"), "odt")
    content = etree.fromstring(archive.read("content.xml"))
    scale = content.findall(".//table:table", ODF)[0]
    name = scale.get(_q("table", "style-name"))
    style = content.find(f".//style:style[@style:name='{name}']", ODF)
    assert style.find("style:table-properties", ODF).get(_q("style", "may-break-between-rows")) == "false"
