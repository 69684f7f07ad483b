"""Hostile or broken files: one clear finding with a position, no exception, nothing half-read."""

import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from engines_catalogue.samples import MINIMAL
from lichtermeer.engines.catalogue import MAX_BYTES, load, load_file


def only(data):
    result = load(data)
    assert result.document is None
    assert len(result.findings) == 1, result.findings
    return result.findings[0]


def test_an_alias_bomb_is_rejected_quickly():
    levels = ['a: &a ["x","x","x","x","x","x","x","x","x","x"]']
    for previous, name in zip("abcdefgh", "bcdefghi", strict=True):
        levels.append(f"{name}: &{name} [" + ",".join([f"*{previous}"] * 10) + "]")
    started = time.monotonic()
    finding = only("\n".join(levels) + "\n")
    assert time.monotonic() - started < 2
    assert "alias expansion" in finding.description
    assert (finding.line, finding.column) == (5, 1)  # "e", the first level above 100 000 nodes


def test_a_recursive_alias_is_rejected():
    finding = only("title: &a [*a]\n")
    assert "recursive" in finding.description
    assert (finding.line, finding.column) == (1, 1)


def test_aliases_within_limits_are_expanded():
    text = MINIMAL.replace("    evidence: [declaration]", "    evidence: &ev [declaration]")
    text += text[text.index("  - id:"):].replace("LM-DS-01", "LM-DS-02").replace("&ev [declaration]", "*ev")
    result = load(text)
    assert result.valid, result.findings
    assert [r["evidence"] for r in result.document["requirements"]] == [["declaration"], ["declaration"]]


def test_an_oversized_file_is_rejected_without_parsing():
    finding = only(MINIMAL + "#" * MAX_BYTES)
    assert finding.description.startswith("file too large:")
    assert (finding.key, finding.line, finding.column) == ("", 0, 0)


def test_load_file_refuses_an_oversized_file_before_reading_it(tmp_path):
    path = tmp_path / "big.yml"
    path.write_bytes(b"#" * (MAX_BYTES + 1))
    result = load_file(str(path))
    assert result.findings[0].description.startswith("file too large:")


def test_a_duplicate_key_is_rejected_with_both_positions():
    text = MINIMAL.replace("    obligation: MUSS\n", "    obligation: MUSS\n    obligation: SOLL\n")
    finding = only(text)
    assert (finding.line, finding.column) == (11, 1)
    assert finding.description == 'mapping key "obligation" already defined at [10:5]'


@pytest.mark.parametrize(("text", "kind"), [
    ("- a\n- b\n", "a list"),
    ("just text\n", 'the text "just text"'),
    ("42\n", "the number 42"),
])
def test_a_file_that_is_not_a_mapping(text, kind):
    finding = only(text)
    assert (finding.key, finding.line, finding.column) == ("", 1, 1)
    assert finding.description == ("the file must hold a catalogue, a mapping with format, id, version, title and "
                                   f"requirements, not {kind}")
    assert finding.description_de.startswith("Die Datei muss einen Katalog enthalten")


def test_an_empty_file():
    finding = only("# nothing but a comment\n")
    assert (finding.line, finding.column) == (1, 1)
    assert finding.description.startswith("the file is empty")


def test_invalid_utf8_and_lone_surrogates():
    assert only(MINIMAL.replace("Titel", "Straße").encode("latin-1")).description == "the file is not valid UTF-8"
    assert only(MINIMAL.replace("Titel", "\ud800")).description == "the file is not valid UTF-8"


def test_deep_nesting_is_rejected_with_its_line():
    finding = only("id: x\ntitle: " + "[" * 200 + "]" * 200 + "\n")
    assert "nesting too deep" in finding.description
    assert finding.line == 2


def test_aliases_cannot_stack_nesting_beyond_the_limit():
    nested = "[" * 40 + "]" * 40
    text = f"a: &a {nested}\nb: &b " + "[" * 40 + "*a" + "]" * 40 + "\n"
    assert "nesting too deep" in only(text).description


def test_a_yaml_syntax_error_has_its_line():
    finding = only(MINIMAL.replace("    obligation: MUSS", "    obligation: [MUSS"))
    assert finding.line > 0 and finding.column == 1
    assert finding.description_de.startswith("YAML-Syntaxfehler")


def test_several_documents_in_one_file():
    assert "multiple YAML documents" in only(MINIMAL + "---\n" + MINIMAL).description


def test_a_mapping_as_key_is_rejected_at_its_position():
    result = load(MINIMAL + "? {a: b}\n: c\n")
    assert result.document is None
    assert [(f.description, f.line, f.column) for f in result.findings] == [
        ("a mapping key must be a plain name, not a list or mapping", 18, 3)]


def test_tags_do_not_construct_objects():
    result = load(MINIMAL.replace("id: test", "id: !!python/object:os.system test"))
    assert result.valid  # the tag is ignored: the value is the text as written
    assert result.document["id"] == "test"


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=300) | st.text(max_size=300))
def test_arbitrary_input_never_raises(data):
    result = load(data)
    assert result.document is None or result.valid


@settings(max_examples=200, deadline=None)
@given(st.integers(min_value=0, max_value=len(MINIMAL) - 1), st.text(max_size=5))
def test_mangled_catalogues_never_raise(at, insert):
    result = load(MINIMAL[:at] + insert + MINIMAL[at:])
    assert (result.document is None) == bool(result.findings)


def test_too_many_nodes_are_refused():
    finding = only("a:\n" + "- x\n" * 200_000)
    assert finding.description == "YAML document too large after alias expansion (more than 100000 nodes)"
    assert (finding.line, finding.column) == (99_999, 1)  # root, key "a", list, then the items


def test_a_flood_of_errors_is_cut_short():
    result = load("requirements: [" + ",".join(["1"] * 5000) + "]\n")
    assert len(result.findings) == 201
    last = result.findings[-1]
    assert (last.key, last.line, last.column) == ("", 0, 0)
    assert last.description == "more than 200 problems; only the first 200 are reported"


def test_a_bug_becomes_a_finding_not_an_exception(monkeypatch):
    from lichtermeer.engines.catalogue import validation

    def broken(document):
        raise KeyError("oops")

    monkeypatch.setattr(validation, "check", broken)
    finding = only(MINIMAL)
    assert finding.description == "internal error while reading the catalogue: KeyError"
