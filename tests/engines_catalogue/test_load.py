"""load(): valid files, YAML 1.2 typing, and malformed files with the position of the offending node."""

import json

import pytest

from engines_catalogue.samples import CATALOGUE_FILE, MINIMAL
from lichtermeer.engines.catalogue import FORMAT, load, load_file


def findings_of(text: str) -> list[tuple[str, int, int]]:
    result = load(text)
    assert result.document is None
    assert not result.valid
    return [(f.key, f.line, f.column) for f in result.findings]


def only(text: str):
    result = load(text)
    assert result.document is None
    assert len(result.findings) == 1, result.findings
    return result.findings[0]


def test_the_example_catalogue_is_valid_and_canonical():
    result = load_file(str(CATALOGUE_FILE))
    assert result.valid and result.findings == []
    document = result.document
    assert document["format"] == FORMAT
    assert list(document)[:3] == ["format", "id", "version"]
    # Requirements come back sorted by id, their keys in schema order.
    assert [r["id"] for r in document["requirements"]] == ["LM-BF-01", "LM-DS-01", "LM-LQ-01", "LM-OS-01"]
    assert list(document["requirements"][0])[:3] == ["id", "category", "obligation"]


def test_values_follow_yaml_1_2_core_rules(catalogue):
    # Unquoted dates stay strings, `no` stays a string (it is a boolean only in YAML 1.1).
    assert catalogue["published"] == "2026-01-15"
    assert catalogue["requirements"][2]["rationale"]["de"] == "no"
    assert catalogue["version"] == "1.0.0"


def test_json_is_accepted(catalogue):
    assert load(json.dumps(catalogue)).document == catalogue


def test_bytes_with_a_byte_order_mark_are_accepted():
    assert load(b"\xef\xbb\xbf" + MINIMAL.encode()).valid


def test_minimal_catalogue_is_valid():
    assert load(MINIMAL).valid


def test_a_missing_property_points_at_its_parent_object():
    text = MINIMAL.replace("    review_by: 2027-01-31\n", "")
    finding = only(text)
    assert (finding.key, finding.line, finding.column) == ("requirements[0].review_by", 8, 5)
    assert finding.description == "required property review_by is missing"
    assert finding.description_de == "Pflichtangabe review_by fehlt"


def test_missing_top_level_properties_point_at_the_document():
    text = MINIMAL.replace("version: 1.0.0\n", "").replace("title:\n  de: Test\n  en: Test\n", "")
    assert findings_of(text) == [("version", 1, 1), ("title", 1, 1)]


def test_a_missing_language_points_at_the_text_object():
    finding = only(MINIMAL.replace("{de: Titel, en: Title}", "{de: Titel}"))
    assert (finding.key, finding.line, finding.column) == ("requirements[0].title.en", 11, 12)


def test_a_wrong_enum_value_names_the_allowed_values():
    finding = only(MINIMAL.replace("obligation: MUSS", "obligation: MUST"))
    assert (finding.key, finding.line, finding.column) == ("requirements[0].obligation", 10, 17)
    assert finding.description == 'obligation: "MUST" is not allowed; allowed values: MUSS, SOLL, KANN'
    assert finding.description_de == 'obligation: "MUST" ist nicht erlaubt; erlaubte Werte: MUSS, SOLL, KANN'


def test_a_wrong_evidence_kind_points_at_the_list_item():
    finding = only(MINIMAL.replace("evidence: [declaration]", "evidence: [declaration, selfie]"))
    assert (finding.key, finding.line, finding.column) == ("requirements[0].evidence[1]", 14, 29)
    assert '"selfie" is not allowed' in finding.description
    assert "accessibility-report" in finding.description


def test_an_id_with_the_wrong_category_prefix():
    finding = only(MINIMAL.replace("id: LM-DS-01", "id: LM-IS-01"))
    assert (finding.key, finding.line, finding.column) == ("requirements[0].id", 8, 9)
    assert finding.description == ("requirement id LM-IS-01 does not fit its category data-protection "
                                   "(Data protection): ids of this category start with LM-DS-")
    assert "Datenschutz" in finding.description_de


def test_a_malformed_id_explains_the_form():
    finding = only(MINIMAL.replace("id: LM-DS-01", "id: LM-DS-1"))
    assert (finding.key, finding.line, finding.column) == ("requirements[0].id", 8, 9)
    assert finding.description.startswith('requirement id "LM-DS-1" must look like LM-<category code>-<two digits>')


def test_a_duplicate_requirement_id_points_at_the_second_one():
    requirement = MINIMAL[MINIMAL.index("  - id:"):]
    text = MINIMAL + requirement.replace("Titel", "Anderer Titel")
    finding = only(text)
    assert (finding.key, finding.line, finding.column) == ("requirements[1].id", 18, 9)
    assert finding.description == "requirement id LM-DS-01 is used more than once (first at requirements[0])"


@pytest.mark.parametrize(("value", "message"), [
    ("2027-02-30", 'review_by "2027-02-30" is not a real calendar date'),
    ("2027-2-3", 'review_by "2027-2-3" must be a date in the form YYYY-MM-DD, e.g. 2027-06-30'),
    ("'31.01.2027'", 'review_by "31.01.2027" must be a date in the form YYYY-MM-DD, e.g. 2027-06-30'),
])
def test_bad_dates(value, message):
    finding = only(MINIMAL.replace("review_by: 2027-01-31", f"review_by: {value}"))
    assert (finding.key, finding.line, finding.column, finding.description) == (
        "requirements[0].review_by", 17, 16, message)


def test_a_number_where_a_date_belongs_is_a_type_error():
    finding = only(MINIMAL.replace("review_by: 2027-01-31", "review_by: 20270131"))
    assert finding.description == "review_by must be a text (string), not the number 20270131 (put the value in quotes)"


def test_transition_before_effective_date():
    text = MINIMAL.replace("version: 1.0.0\n", "version: 1.0.0\neffective_from: 2027-01-01\n"
                                               "transition_until: 2026-12-31\n")
    finding = only(text)
    assert (finding.key, finding.line, finding.column) == ("transition_until", 5, 19)
    assert finding.description == "transition_until 2026-12-31 lies before effective_from 2027-01-01"


def test_an_unknown_property_points_at_its_key():
    finding = only(MINIMAL.replace("    obligation: MUSS\n", "    obligation: MUSS\n    priority: high\n"))
    assert (finding.key, finding.line, finding.column) == ("requirements[0].priority", 11, 5)
    assert finding.description.startswith('unknown property "priority"; allowed: id, category, obligation')


def test_wrong_types_name_what_was_expected():
    finding = only(MINIMAL.replace("evidence: [declaration]", "evidence: declaration"))
    assert (finding.key, finding.line, finding.column) == ("requirements[0].evidence", 14, 15)
    assert finding.description == 'evidence must be a list, not the text "declaration"'


def test_an_empty_text_and_an_empty_list():
    text = MINIMAL.replace("{de: Titel, en: Title}", "{de: '', en: Title}").replace("[declaration]", "[]")
    result = load(text)
    assert [(f.key, f.line, f.column, f.description) for f in result.findings] == [
        ("requirements[0].title.de", 11, 17, "title.de must not be empty"),
        ("requirements[0].evidence", 14, 15, "evidence must contain at least one entry"),
    ]


def test_a_long_value_is_shortened_in_the_message():
    finding = only(MINIMAL.replace("obligation: MUSS", "obligation: " + "M" * 100))
    assert '"' + "M" * 39 + '…"' in finding.description


def test_all_errors_are_reported_sorted_by_position():
    text = (MINIMAL.replace("format: lichtermeer-catalogue/1", "format: lichtermeer-catalogue/2")
            .replace("obligation: MUSS", "obligation: must")
            .replace("version: 1.0.0", "version: v1")
            .replace("review_by: 2027-01-31", "review_by: soon"))
    assert findings_of(text) == [("format", 1, 9), ("version", 3, 10), ("requirements[0].obligation", 10, 17),
                                 ("requirements[0].review_by", 17, 16)]


def test_a_value_with_several_problems_is_reported_once():
    # Wrong pattern and not a real URL: one finding for the value.
    finding = only(MINIMAL.replace("{source: DSGVO, ref: Art. 5}", "{source: DSGVO, ref: Art. 5, url: 'ftp://a b'}"))
    assert finding.key == "requirements[0].references[0].url"
    assert finding.description == 'url "ftp://a b" must be an https:// URL'


def test_an_https_url_without_host_is_invalid():
    finding = only(MINIMAL.replace("{source: DSGVO, ref: Art. 5}", "{source: DSGVO, ref: Art. 5, url: 'https://'}"))
    assert finding.description == 'url "https://" is not a valid URL (host missing or spaces in it)'


def test_the_wrong_format_marker():
    finding = only(MINIMAL.replace("lichtermeer-catalogue/1", "publiccode/0"))
    assert (finding.key, finding.line, finding.column) == ("format", 1, 9)
    assert finding.description == ('format must be "lichtermeer-catalogue/1" (this file format version), '
                                   'not "publiccode/0"')


def test_finding_to_dict():
    finding = only(MINIMAL.replace("obligation: MUSS", "obligation: MUST"))
    assert finding.to_dict() == {
        "key": "requirements[0].obligation", "description": finding.description,
        "description_de": finding.description_de, "line": 10, "column": 17, "severity": "error"}


def test_load_file_reports_unreadable_files(tmp_path):
    result = load_file(str(tmp_path / "missing.yml"))
    assert result.document is None
    assert result.findings[0].description.startswith("cannot read file")


def test_json_indented_with_tabs_is_accepted(catalogue):
    text = json.dumps(catalogue, indent="\t")
    assert load(text).document == catalogue


def test_json_surrogate_pair_escapes_become_one_character(catalogue):
    catalogue["title"]["de"] = "Katalog 😀"
    assert "\\ud83d\\ude00" in json.dumps(catalogue)  # what json.dump writes by default
    assert load(json.dumps(catalogue)).document["title"]["de"] == "Katalog 😀"


def test_an_unpaired_surrogate_escape_is_a_finding_that_can_be_printed():
    result = load(MINIMAL.replace("{de: Titel, en: Title}", '{de: "\\ud83d", en: Title}'))
    assert [(f.key, f.line, f.column) for f in result.findings] == [("requirements[0].title.de", 11, 17)]
    assert "unpaired \\u escape" in result.findings[0].description
    result = load(MINIMAL.replace("obligation: MUSS", 'obligation: MUSS\n    "x\\ud800": 1'))
    assert result.findings[-1].key == "requirements[0].x\\ud800"
    for finding in result.findings:
        str(finding).encode("utf-8")


def test_a_number_where_a_text_belongs_suggests_quotes():
    finding = only(MINIMAL.replace("ref: Art. 5", "ref: 5"))
    assert finding.description == "ref must be a text (string), not the number 5 (put the value in quotes)"
    assert finding.description_de == "ref muss ein Text (Zeichenkette) sein, nicht die Zahl 5 (den Wert in " \
                                     "Anführungszeichen setzen)"
