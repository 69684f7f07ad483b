"""Hostile text: control characters, giant strings, markup, bad URLs, broken trees and size limits."""

import io
import zipfile

import docx
import pytest
from odf.opendocument import load as load_odt

from lichtermeer.engines.tender import (
    FORMATS,
    KINDS,
    CriterionRow,
    RequirementItem,
    SolutionRef,
    SpecInvalid,
    render,
)
from lichtermeer.engines.tender.model import MAX_LINE, MAX_SUBJECT, MAX_TEXT, MAX_TOTAL_TEXT, clean_text

from .conftest import check_zip, text_of

CONTROL = "A\x00B\x01C\x08D\x0bE\x0cF\x1fG\x7fH\x85I\ufffeJ\uffffK\ud800L"
MARKUP = '<w:t>x</w:t></w:r><w:r><text:p>y</text:p>&amp;&lt;]]><!--'


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("fmt", FORMATS)
def test_control_characters_are_removed_and_the_document_still_opens(spec, kind, fmt):
    spec.title = spec.subject = spec.requirements[0].title = spec.requirements[0].text = CONTROL
    spec.criteria[0].title = spec.authority.name = spec.evb_it.label = spec.standards[0].name = CONTROL
    spec.operating_models.append(CONTROL)
    data = render(spec, kind, fmt)
    check_zip(data, fmt)
    text = text_of(data, fmt)
    assert "ABCDEFGHIJKL" in text and "\x00" not in text and "\ufffe" not in text


@pytest.mark.parametrize("fmt", FORMATS)
def test_markup_in_text_stays_text(spec, fmt):
    spec.subject = MARKUP
    spec.requirements[0].text = MARKUP
    spec.criteria[4].title = MARKUP
    for kind in KINDS:
        data = render(spec, kind, fmt)
        check_zip(data, fmt)
        assert MARKUP in text_of(data, fmt)
    data = render(spec, "leistungsbeschreibung", fmt)
    part = "word/document.xml" if fmt == "docx" else "content.xml"
    assert b"<text:p>y</text:p>" not in zipfile.ZipFile(io.BytesIO(data)).read(part)


@pytest.mark.parametrize("fmt", FORMATS)
def test_100k_strings_are_cut_to_their_limits(spec, fmt):
    huge = "Ä" * 100_000
    spec.title = spec.subject = spec.requirements[0].text = spec.requirements[0].title = huge
    spec.criteria[0].title = spec.market_survey[0].name = huge
    data = render(spec, "leistungsbeschreibung", fmt)
    text = text_of(data, fmt)
    assert "Ä" * (MAX_SUBJECT - 1) + "…" in text and "Ä" * MAX_SUBJECT not in text
    assert "Ä" * (MAX_TEXT - 1) + "…" in text and "Ä" * (MAX_LINE - 1) + "…" in text
    render(spec, "bewertungsmatrix", fmt)


def test_text_is_normalised_within_limits():
    assert clean_text("a\t\t b\r\n\r\n\r\n\r\nc\u2028d") == "a b\n\nc\nd"
    many = clean_text("\n".join("x" * 3 for _ in range(500)))
    assert many.count("\n") == 99 and len(many) == 500 * 4 - 1  # 100 lines, the rest joined with spaces


@pytest.mark.parametrize("fmt", FORMATS)
def test_only_http_urls_become_links(spec, fmt):
    spec.requirements[0].source_url = "javascript:alert(1)"
    spec.requirements[1].source_url = 'https://example.org/"><script>'
    spec.evb_it.url = "file:///etc/passwd"
    spec.market_survey.append(SolutionRef("Z", "", "https://example.org/a b"))
    data = render(spec, "leistungsbeschreibung", fmt)
    text = text_of(data, fmt)
    assert "javascript:" not in text and "<script>" not in text and "file://" not in text
    assert "[Adresse eintragen]" in text
    if fmt == "docx":
        targets = [r.target_ref for r in docx.Document(io.BytesIO(data)).part.rels.values() if r.is_external]
    else:
        from odf.text import A

        targets = [a.getAttribute("href") for a in load_odt(io.BytesIO(data)).text.getElementsByType(A)]
    assert targets and all(t.startswith("https://") for t in targets)


@pytest.mark.parametrize("fmt", FORMATS)
def test_broken_criteria_trees_do_not_lose_rows(spec, fmt):
    spec.criteria = [
        CriterionRow("G1", "Gruppe eins", "group", 50, parent="G2"),
        CriterionRow("G2", "Gruppe zwei", "group", 50, parent="G1"),  # a cycle
        CriterionRow("X", "Waise", "B", 10, parent="nirgends"),
        CriterionRow("Y", "Selbstbezug", "B", 10, parent="Y"),
        CriterionRow("Z", "Ohne Gewicht", "B", None),
    ] + [CriterionRow(f"K{i}", f"Kette {i}", "group", 1, parent=f"K{i - 1}" if i else "") for i in range(1500)]
    text = text_of(render(spec, "bewertungsmatrix", fmt), fmt)
    for ident in ("G1 | Gruppe eins", "G2 | Gruppe zwei", "X | Waise", "Y | Selbstbezug", "Z | Ohne Gewicht",
                  "K1499 | Kette 1499"):
        assert ident in text


def test_specs_beyond_the_size_limits_are_refused(spec):
    spec.requirements = [RequirementItem(f"R{i}", "t") for i in range(2001)]
    with pytest.raises(SpecInvalid) as error:
        render(spec, "leistungsbeschreibung", "odt")
    assert error.value.problems[0].path == "requirements" and "2001" in error.value.problems[0].de
    spec.requirements = [RequirementItem(f"R{i}", "t", text="x" * 10_000) for i in range(MAX_TOTAL_TEXT // 10_000)]
    with pytest.raises(SpecInvalid, match="too much text"):
        render(spec, "leistungsbeschreibung", "docx")
