"""Lossless import -> export -> import: parse(dump(d)).document == d for valid documents."""

import copy
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lichtermeer.engines.publiccode import dump, parse

TESTDATA = Path(__file__).parent / "corpus" / "testdata" / "v0"
VALID_FILES = [*sorted((TESTDATA / "valid").rglob("*.yml")),
               *sorted((TESTDATA / "valid_with_warnings").rglob("*.yml"))]
DOCUMENTS = [parse(p.read_bytes(), path=str(p)).document for p in VALID_FILES]

TRICKY = ["yes", "no", "on", "off", "null", "~", "", "1.0", "1.10", "0o17", "0x1F", "1e3", ".inf", "-.NaN",
          "2017-04-15", "true", "False", "- item", "key: value", "#comment", " leading", "trailing ",
          "multi\nline\n", "multi\nline", "two\n\nparagraphs\n\n", "\ttab", '"quoted"', "'single'",
          "ä ö ü ß", "👦🏽", "a: b: c", "&anchor", "*alias", "!tag", "%", "@at", "`tick", "|", ">", "\r\n",
          "line\u2028separator", "next\x85line", "  indented\nblock", "{flow}", "[flow]", "?", "-", "---",
          "..."]
TEXT = st.sampled_from(TRICKY) | st.text(st.characters(exclude_categories=("Cs",)), max_size=40)
NON_EMPTY = TEXT.filter(bool)


@pytest.mark.parametrize("path", VALID_FILES, ids=lambda p: p.name)
def test_every_valid_corpus_file_survives_dump_and_parse(path):
    document = parse(path.read_bytes(), path=str(path)).document
    again = parse(dump(document))
    assert again.document == document
    assert again.valid


def test_dump_quotes_the_version_and_starts_with_it():
    text = dump({"name": "x", "publiccodeYmlVersion": "0"})
    assert text.splitlines()[0] == 'publiccodeYmlVersion: "0"'


@st.composite
def varied_documents(draw):
    """A valid corpus document with its free-text fields and booleans replaced."""
    document = copy.deepcopy(draw(st.sampled_from(DOCUMENTS)))
    document["name"] = draw(NON_EMPTY)
    document["softwareVersion"] = draw(TEXT)
    document["usedBy"] = draw(st.lists(TEXT, max_size=3))
    for description in document["description"].values():
        description["localisedName"] = draw(TEXT)
        description["longDescription"] = "x" * 150 + draw(TEXT)
        description["features"] = draw(st.lists(TEXT, min_size=1, max_size=3))
        description["awards"] = draw(st.lists(TEXT, max_size=2))
    document["legal"]["mainCopyrightOwner"] = draw(TEXT)
    document["localisation"]["localisationReady"] = draw(st.booleans())
    for contact in document["maintenance"].get("contacts", []):
        contact["name"] = draw(NON_EMPTY)
        contact["phone"] = draw(TEXT)
        contact["affiliation"] = draw(TEXT)
    return document


@settings(max_examples=100, deadline=None)
@given(varied_documents())
def test_dump_then_parse_gives_back_the_same_valid_document(document):
    result = parse(dump(document))
    assert result.document == document
    assert result.valid, result.findings
