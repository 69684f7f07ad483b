"""publiccode.valid (LM-LQ-04): the publiccode.yml engine's findings as one check result."""

import datetime as dt
import os
from pathlib import Path

import pytest

from lichtermeer.engines.checks import Bundle, Reference, Status, registry
from lichtermeer.engines.checks import publiccode_checks as module
from lichtermeer.engines.publiccode.findings import ParseResult

DATA = Path(__file__).parent / "data" / "publiccode"


@pytest.fixture(autouse=True)
def _in_data_folder(monkeypatch):
    # File names are relative, like a provider's run in the repository root.
    monkeypatch.chdir(DATA)


def bundle_of(name: str, data: bytes | None = None) -> Bundle:
    return Bundle().add("publiccode", name, data if data is not None else (DATA / name).read_bytes())


def run(bundle: Bundle):
    [result] = registry.run_check(registry.get("publiccode.valid"), bundle, Reference(today=dt.date(2026, 11, 22)))
    return result


@pytest.mark.parametrize("name", ["valid_with_supports.yml", "opentalk-publiccode.yml"])
def test_a_valid_file_passes(name):
    result = run(bundle_of(name))
    assert result.status == Status.PASS
    assert result.details["errors"] == 0 and result.details["findings"] == []
    assert "offline" in result.explanation.en


def test_an_invalid_file_fails_with_line_column_and_both_languages():
    result = run(bundle_of("developmentStatus_invalid.yml"))
    assert result.status == Status.FAIL
    assert result.location == "developmentStatus_invalid.yml:16:1"
    assert result.explanation.en == (
        'developmentStatus_invalid.yml is not a valid publiccode.yml: 1 error(s): developmentStatus_invalid.yml:16:1: '
        'developmentStatus: developmentStatus must be one of the following: "concept", "development", "beta", '
        '"stable" or "obsolete".')
    assert 'developmentStatus muss einer der folgenden Werte sein: "concept"' in result.explanation.de
    assert result.details["findings"][0]["key"] == "developmentStatus"


def test_an_invalid_licence_is_reported_at_its_key():
    result = run(bundle_of("legal_license_invalid.yml"))
    assert result.location == "legal_license_invalid.yml:42:3"
    assert "legal.license: license must be a valid license" in result.explanation.en


def test_warnings_alone_keep_the_file_valid():
    result = run(bundle_of("valid.minimal.v0.2.yml"))
    assert result.status == Status.WARNING
    assert "v0.2 is not the latest version" in result.explanation.en
    assert result.location == "valid.minimal.v0.2.yml:1:1"


def test_a_latin1_file_fails_without_position():
    result = run(bundle_of("file_encoding.yml"))
    assert result.status == Status.FAIL
    assert result.location == "file_encoding.yml"
    assert "file_encoding.yml: Invalid UTF-8" in result.explanation.en


def test_many_errors_are_counted_and_the_first_five_named():
    data = b'publiccodeYmlVersion: "0"\nname: x\n'
    result = run(bundle_of("publiccode.yml", data))
    assert result.status == Status.FAIL
    assert result.details["errors"] > 5
    assert f"(and {result.details['errors'] - 5} more)" in result.explanation.en


def test_the_parse_is_shared_under_the_publiccode_key_and_gives_the_software_type():
    bundle = bundle_of("opentalk-publiccode.yml")
    assert module.software_type(bundle) == "standalone/web"
    cached = bundle.parsed("publiccode", lambda: pytest.fail("parsed twice"))
    assert isinstance(cached, ParseResult) and cached.valid
    run(bundle)
    assert module.software_type(Bundle()) is None
    assert module.software_type(bundle_of("file_encoding.yml")) is None


def test_hostile_yaml_is_a_failure_not_a_crash():
    bomb = b'publiccodeYmlVersion: "0"\na: &a ["x","x","x","x","x","x","x","x","x"]\n' + b"".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join(['*' + chr(97 + i)] * 9)}]\n".encode() for i in range(8))
    result = run(bundle_of("publiccode.yml", bomb))
    assert result.status == Status.FAIL
    assert "alias expansion" in result.explanation.en


def test_an_oversized_file_is_an_error(monkeypatch):
    monkeypatch.setattr(module, "MAX_BYTES", 10)
    result = run(bundle_of("valid_with_supports.yml"))
    assert result.status == Status.ERROR
    assert os.path.getsize(DATA / "valid_with_supports.yml") > 10


def test_without_a_publiccode_yml_a_person_has_to_look():
    assert run(Bundle()).status == Status.NEEDS_REVIEW
