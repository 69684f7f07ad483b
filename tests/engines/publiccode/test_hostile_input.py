"""Hostile or broken input: a clear finding with a position, never an exception."""

import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lichtermeer.engines.publiccode import parse
from lichtermeer.engines.publiccode.yamlnodes import MAX_BYTES

HEADER = 'publiccodeYmlVersion: "0"\n'


def only_finding(result):
    assert result.document is None
    assert len(result.findings) == 1
    return result.findings[0]


def test_it_rejects_files_over_one_mebibyte():
    finding = only_finding(parse(HEADER + "#" * MAX_BYTES))
    assert finding.type == "error"
    assert finding.description.startswith("file too large:")
    assert (finding.line, finding.column) == (0, 0)


def test_it_rejects_latin1_like_parser_go():
    finding = only_finding(parse((HEADER + "name: München\n").encode("latin-1")))
    assert (finding.key, finding.description, finding.line, finding.column) == ("", "Invalid UTF-8", 0, 0)


def test_it_rejects_lone_surrogates_in_text_input():
    assert only_finding(parse(HEADER + "name: \ud800\n")).description == "Invalid UTF-8"


def test_it_rejects_an_alias_bomb_quickly():
    levels = ['a: &a ["x","x","x","x","x","x","x","x","x","x"]']
    for previous, name in zip("abcdefgh", "bcdefghi", strict=True):
        levels.append(f"{name}: &{name} [" + ",".join([f"*{previous}"] * 10) + "]")
    finding = only_finding(parse(HEADER + "\n".join(levels) + "\n"))
    assert "alias expansion" in finding.description
    assert (finding.line, finding.column) == (6, 1)  # "e", the first level above 100 000 nodes


def test_it_rejects_a_recursive_alias_with_its_line():
    finding = only_finding(parse(HEADER + "name: &a [*a]\n"))
    assert "recursive" in finding.description
    assert (finding.line, finding.column) == (2, 1)


def test_it_rejects_deep_nesting_with_its_line():
    finding = only_finding(parse(HEADER + "name: " + "[" * 200 + "]" * 200 + "\n"))
    assert "nesting too deep" in finding.description
    assert finding.line == 2


def test_it_rejects_duplicate_keys_with_both_positions():
    finding = only_finding(parse(HEADER + "name: a\nurl: b\nname: c\n"))
    assert finding.description == 'mapping key "name" already defined at [2:1]'
    assert (finding.line, finding.column) == (4, 1)


def test_it_reports_invalid_yaml_at_the_offending_line():
    finding = only_finding(parse(HEADER + "name: Medusa\n  url: x\n"))
    assert finding.type == "error"
    assert finding.line == 3


def test_it_reports_tabs_as_a_yaml_error_with_position():
    finding = only_finding(parse(HEADER + "name: x\n\tfoo: 1\n"))
    assert "'\\t'" in finding.description
    assert (finding.line, finding.column) == (3, 1)


def test_it_reports_control_characters_with_their_line():
    finding = only_finding(parse(HEADER + "name: a\x00b\n"))
    assert "#x0000" in finding.description
    assert finding.line == 2


def test_it_rejects_several_documents_in_one_file():
    finding = only_finding(parse(HEADER + "---\nname: x\n"))
    assert finding.description == "multiple YAML documents in one file are not supported"


@pytest.mark.parametrize("text", ["", "# only a comment\n", "- a list\n", "just a string"])
def test_it_asks_for_the_version_when_there_is_no_mapping(text):
    finding = only_finding(parse(text))
    assert finding.key == "publiccodeYmlVersion"
    assert finding.description == "publiccodeYmlVersion is a required field"


def test_it_reports_wrong_types_with_key_and_line():
    result = parse(HEADER + "name: Medusa\nplatforms:\n  web: true\n")
    wrong = result.findings[0]
    assert (wrong.key, wrong.description, wrong.line, wrong.column) == (
        "platforms.web", "wrong type for this field", 4, 1)


def test_it_treats_yaml11_booleans_as_strings():
    result = parse(HEADER + "localisation:\n  localisationReady: yes\n  availableLanguages: [en]\n")
    assert ("localisation.localisationReady", "wrong type for this field") in {
        (f.key, f.description) for f in result.findings}


def test_it_never_constructs_python_objects_from_tags():
    result = parse(HEADER + "name: !!python/object/apply:os.system ['echo hacked']\n")
    assert result.document is not None  # the tag is ignored, the value is plain data


def assert_clean(result) -> None:
    assert all(f.type in ("error", "warning") for f in result.findings)
    # parse() turns a crash into an "internal error" finding; none may ever show up.
    assert not any(f.description.startswith("internal error") for f in result.findings)


@settings(max_examples=150, deadline=None)
@given(st.binary(max_size=400) | st.text(max_size=400))
def test_it_never_raises_on_arbitrary_input(data):
    assert_clean(parse(data))


VALID = (Path(__file__).parent / "corpus/testdata/v0/valid/no-network/valid.yml").read_text(encoding="utf-8")


SNIPPETS = ["", ":", "-", " ", "\n", "  ", "[", "{", "&a", "*a", "'", '"', "yes", "1.0"]


@settings(max_examples=100, deadline=None)
@given(st.lists(st.tuples(st.integers(0, len(VALID)), st.integers(0, 40), st.sampled_from(SNIPPETS)),
                max_size=4))
def test_it_never_raises_on_mangled_real_files(edits):
    text = VALID
    for at, cut, insert in edits:
        text = text[:at] + insert + text[at + cut:]
    assert_clean(parse(text))


def test_it_checks_long_hostile_values_in_linear_time():
    started = time.monotonic()
    # Both values would make a backtracking regexp run for hours.
    bad_email = '"a@' + "a." * 50_000 + '!"'
    bad_video = "https://a.b.wordpress.org/" + "x" * 300_000
    text = (VALID.replace('"francesco.rossi@example.org"', bad_email)
                 .replace("https://www.youtube.com/watch?v=RaHmGbBOP84", bad_video))
    result = parse(text)
    assert {f.key for f in result.findings} == {"maintenance.contacts[0].email", "description.en.videos[0]"}
    assert time.monotonic() - started < 10
