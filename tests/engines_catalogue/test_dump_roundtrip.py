"""Canonical output and the round trip load(dump(d)).document == d (YAML and JSON)."""

import copy
import datetime as dt
import json

import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from engines_catalogue.samples import CATALOGUE_FILE
from lichtermeer.engines.catalogue import (
    CATEGORIES,
    EVIDENCE_KINDS,
    OBLIGATIONS,
    OPERATING_MODELS,
    SOFTWARE_TYPES,
    dump_json,
    dump_yaml,
    load,
    validate,
)

TRICKY = ["yes", "no", "on", "off", "null", "~", "1.0", "1.10", "0o17", "0x1F", "1e3", ".inf", "-.NaN", "0777",
          "1_000", "12:30:00", "2017-04-15", "2017-04-15T10:00:00Z", "true", "False", "- item", "key: value",
          "#comment", " leading", "trailing ", "multi\nline\n", "multi\nline", "two\n\nparagraphs\n\n", "\ttab",
          '"quoted"', "'single'", "ä ö ü ß", "👦🏽", "a: b: c", "&anchor", "*alias", "!tag", "%", "@at", "`tick",
          "|", ">", "\r\n", "line\u2028separator", "next\x85line", "  indented\nblock", "{flow}", "[flow]", "?", "-",
          "---", "...", "=", "<<", "\x7f", "\ufeffbom", "a  b", "x " * 70, "nul\x00", "bell\x07", "\ufffe"]
TEXT = st.sampled_from(TRICKY) | st.text(st.characters(exclude_categories=("Cs",)), min_size=1, max_size=40)
SHORT = TEXT.filter(lambda text: len(text) <= 120)
LONG = st.lists(TEXT, min_size=1, max_size=8).map(" ".join)


def test_dump_yaml_is_canonical_block_style(catalogue):
    text = dump_yaml(catalogue)
    assert text.startswith("format: lichtermeer-catalogue/1\nid: basisanforderungen\nversion: 1.0.0\n")
    assert "published: 2026-01-15\n" in text  # dates unquoted
    assert "      de: 'no'\n" in text  # quoted: a YAML 1.1 reader would take it for false
    assert "Lösungen" in text  # UTF-8, not escaped
    assert "  de: |\n    Mindestanforderungen" in text  # multi-line text as a literal block
    assert "&" not in text and "*" not in text and "{" not in text.replace("{}", "")
    assert max(len(line) for line in text.splitlines()) <= 110  # long texts are folded


def test_requirements_are_sorted_by_id_and_keys_in_schema_order(catalogue):
    shuffled = copy.deepcopy(catalogue)
    shuffled["requirements"].reverse()
    shuffled["requirements"][0] = dict(reversed(shuffled["requirements"][0].items()))
    shuffled = dict(reversed(shuffled.items()))
    assert dump_yaml(shuffled) == dump_yaml(catalogue)
    assert dump_json(shuffled) == dump_json(catalogue)


def test_dump_json_is_plain_utf8_json(catalogue):
    text = dump_json(catalogue)
    assert json.loads(text) == catalogue
    assert "Lösungen" in text and text.endswith("}\n")


def test_dates_given_as_date_objects_are_written_as_strings(catalogue):
    catalogue["published"] = dt.date(2026, 1, 15)
    assert "published: 2026-01-15\n" in dump_yaml(catalogue)
    assert json.loads(dump_json(catalogue))["published"] == "2026-01-15"


def test_the_example_file_survives_both_round_trips(catalogue):
    assert load(dump_yaml(catalogue)).document == catalogue
    assert load(dump_json(catalogue)).document == catalogue
    assert yaml.safe_load(dump_yaml(catalogue))["requirements"][2]["rationale"]["de"] == "no"


def test_canonical_dumps_are_stable(catalogue):
    text = dump_yaml(catalogue)
    assert dump_yaml(load(text).document) == text
    assert dump_json(load(dump_json(catalogue)).document) == dump_json(catalogue)


def _subset(options):
    return st.lists(st.sampled_from(options), unique=True)


@st.composite
def requirements(draw, requirement_id: str):
    category = next(c for c in CATEGORIES.values() if c.prefix == requirement_id[3:5])
    requirement = {
        "id": requirement_id, "category": category.code, "obligation": draw(st.sampled_from(OBLIGATIONS)),
        "title": {"de": draw(TEXT), "en": draw(TEXT)},
        "statement": {"de": draw(LONG), "en": draw(LONG)},
        "rationale": {"de": draw(LONG), "en": draw(LONG)},
        "evidence": draw(_subset(EVIDENCE_KINDS).filter(bool)),
        "references": [{"source": draw(SHORT), "ref": draw(SHORT)}],
        "review_by": draw(st.dates(dt.date(2000, 1, 1), dt.date(2100, 1, 1)).map(str)),
    }
    applies_to = draw(st.fixed_dictionaries({}, optional={"software_types": _subset(SOFTWARE_TYPES),
                                                          "operating_models": _subset(OPERATING_MODELS)}))
    if draw(st.booleans()):
        requirement["applies_to"] = applies_to
    if draw(st.booleans()):
        requirement["checks"] = draw(st.lists(st.sampled_from(["publiccode.valid", "sbom.present", "a-b.c"]),
                                              unique=True))
    if draw(st.booleans()):
        requirement["references"][0]["url"] = "https://example.org/" + draw(st.sampled_from(["", "a?b=c", "ä#x"]))
    return requirement


@st.composite
def catalogues(draw):
    prefixes = [c.prefix for c in CATEGORIES.values()]
    ids = draw(st.lists(st.tuples(st.sampled_from(prefixes), st.integers(0, 99)).map(lambda t: f"LM-{t[0]}-{t[1]:02d}"),
                        min_size=1, max_size=4, unique=True))
    document = {"format": "lichtermeer-catalogue/1", "id": "basisanforderungen",
                "version": f"{draw(st.integers(0, 99))}.{draw(st.integers(0, 99))}.0",
                "title": {"de": draw(TEXT), "en": draw(TEXT)},
                "requirements": [draw(requirements(i)) for i in sorted(ids)]}
    if draw(st.booleans()):
        document["description"] = {"de": draw(LONG), "en": draw(LONG)}
        document["changelog"] = {"de": draw(LONG), "en": draw(LONG)}
        document["published"] = "2024-02-29" if draw(st.booleans()) else "2028-02-29"
    return document


@settings(max_examples=150, deadline=None)
@given(catalogues())
def test_generated_catalogues_survive_yaml_and_json(document):
    assert validate(document) == []
    for text in (dump_yaml(document), dump_json(document)):
        result = load(text)
        assert result.findings == []
        assert result.document == document


def test_the_example_file_itself_is_unchanged(catalogue):
    # Guard against an accidental edit of the fixture the other tests rely on.
    assert CATALOGUE_FILE.read_text(encoding="utf-8").count("  - id: LM-") == 4
