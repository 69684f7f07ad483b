"""The public API: parse(), validate_file(), Finding, ParseResult."""

from pathlib import Path

from lichtermeer.engines.publiccode import Finding, ParseResult, parse, validate_file

VALID = Path(__file__).parent / "corpus/testdata/v0/valid/no-network/valid.yml"
MINIMAL = """publiccodeYmlVersion: "0"
name: Medusa
url: "https://github.com/italia/developers.italia.it.git"
softwareVersion: 1.10
releaseDate: 2017-04-15
platforms: [web]
developmentStatus: stable
softwareType: library
description:
  en:
    shortDescription: Short.
    longDescription: %s
    features: [One]
legal:
  license: EUPL-1.2
maintenance:
  type: none
localisation:
  localisationReady: true
  availableLanguages: [en, de]
""" % ("x" * 160)


def test_it_returns_a_plain_document_for_a_valid_file():
    result = validate_file(str(VALID))
    assert isinstance(result, ParseResult)
    assert result.valid and result.findings == [] and result.version == "0"
    assert result.document["name"] == "Medusa"
    assert result.document["releaseDate"] == "2017-04-15"  # dates stay ISO strings
    assert type(result.document["description"]["en"]["shortDescription"]) is str


def test_it_keeps_the_written_text_of_numbers_in_string_fields():
    document = parse(MINIMAL).document
    assert document["softwareVersion"] == "1.10"  # parser-go would hold "1.1" internally
    assert document["localisation"]["localisationReady"] is True


def test_it_validates_what_parser_go_sees_after_number_conversion():
    text = MINIMAL + "IT:\n  countryExtensionVersion: 1.0\n"
    finding = parse(text).findings[0]
    assert finding.key == "IT.countryExtensionVersion"  # goccy turns 1.0 into "1"
    assert finding.description == 'countryExtensionVersion must be one of the following: "0.2" or "1.0"'


def test_every_finding_has_a_german_text():
    result = parse(MINIMAL.replace("type: none", "type: weekly").replace("url:", "uri:"))
    assert result.findings
    for finding in result.findings:
        assert finding.description_de and finding.description_de != finding.description


def test_finding_to_dict_has_parser_go_fields_only():
    finding = Finding("error", "name", "name is a required field", "name ist ein Pflichtfeld", 4, 1)
    assert finding.to_dict() == {"type": "error", "key": "name", "description": "name is a required field",
                                 "line": 4, "column": 1}


def test_it_warns_about_old_versions_and_reports_the_version():
    result = parse(MINIMAL.replace('"0"', '"0.3"'))
    assert result.valid and result.version == "0.3"
    assert result.findings[0].description == (
        "v0.3 is not the latest version, use '0'. Parsing this file as v0.7.")


def test_it_rejects_an_unsupported_version_without_a_document():
    result = parse(MINIMAL.replace('"0"', '"1"'))
    assert result.document is None and not result.valid
    assert result.findings[0].description.startswith("unsupported version: '1'. Supported versions: 0, 0.2")


def test_it_accepts_supports_aliases_and_uris_but_not_unknown_aliases():
    text = MINIMAL + "supports:\n  - id: alias:gdpr\n  - id: urn:iso:std:iso:27001\n  - id: alias:nope\n"
    assert [(f.key, f.line, f.column) for f in parse(text).findings] == [("supports[2].id", 24, 5)]


def test_it_checks_relative_files_against_base_dir(tmp_path):
    text = MINIMAL + "logo: logo.svg\n"
    missing = parse(text, base_dir=str(tmp_path)).findings
    assert [f.description for f in missing] == [f"no such file: {tmp_path / 'logo.svg'}"]
    (tmp_path / "logo.svg").write_text("<svg/>")
    assert parse(text, base_dir=str(tmp_path)).valid


def test_it_does_not_reveal_files_outside_the_base_dir(tmp_path):
    (tmp_path / "secret.png").write_bytes(b"x")
    (tmp_path / "repo").mkdir()
    findings = parse(MINIMAL + "logo: ../secret.png\n", base_dir=str(tmp_path / "repo")).findings
    assert findings[0].description.startswith("no such file:")


def test_validate_file_reports_unreadable_files(tmp_path):
    result = validate_file(str(tmp_path / "missing.yml"))
    assert result.document is None and not result.valid
    assert result.findings[0].description.startswith("can't open file")


def test_validate_file_rejects_huge_files_with_their_real_size(tmp_path):
    path = tmp_path / "huge.yml"
    path.write_bytes(b"#" * (3 * 1024 * 1024))
    finding = validate_file(str(path)).findings[0]
    assert finding.description == f"file too large: {3 * 1024 * 1024} bytes (maximum 1048576)"
