"""sbom.valid (LM-IS-03): CycloneDX JSON/XML against the schema of their version, SPDX 2.3 structure."""

import datetime as dt
import json
from functools import cache
from pathlib import Path

import pytest

from lichtermeer.engines.checks import Bundle, Reference, Status, registry
from lichtermeer.engines.checks.sbom import validate as validate_module

DATA = Path(__file__).parent / "data" / "sbom"
SPEC_TESTS = sorted((DATA / "cyclonedx-spec-tests").glob("*/*.json"))
REAL = sorted((DATA / "bom-examples").glob("*.json"))


def run(name: str, data: bytes):
    chk = registry._CHECKS["sbom.valid"]
    result = chk.run(chk, Bundle().add("sbom", name, data), Reference(today=dt.date(2026, 11, 22)))
    assert result.explanation.en and result.explanation.de
    return result


@cache
def run_file(path: Path):
    return run(path.name, path.read_bytes())


def test_the_corpus_is_complete():
    assert len(SPEC_TESTS) == 60 and len(REAL) == 6


def test_it_agrees_with_every_cyclonedx_spec_test_file():
    agreed, disagreed = 0, []
    for path in SPEC_TESTS:
        result = run_file(path)
        expected = Status.PASS if path.name.startswith("valid-") else Status.FAIL
        if result.status == expected:
            agreed += 1
        else:
            disagreed.append(f"{path.parent.name}/{path.name}: {result.status.value} {result.explanation.en[:200]}")
    print(f"\nCycloneDX spec tests: {agreed}/{len(SPEC_TESTS)} agree with their valid-/invalid- prefix")
    assert disagreed == []
    assert agreed == 60


def test_an_invalid_spec_file_names_the_json_pointer():
    result = run_file(DATA / "cyclonedx-spec-tests" / "1.6" / "invalid-hash-md5-1.6.json")
    assert result.status == Status.FAIL
    assert "/components/0/hashes/0/content" in result.explanation.en
    assert result.details["problems"][0]["location"] == "/components/0/hashes/0/content"
    assert "JSON-Schema von CycloneDX 1.6" in result.explanation.de


@pytest.mark.parametrize("path", REAL, ids=lambda p: p.name)
def test_the_real_sboms_are_schema_valid(path):
    result = run_file(path)
    assert result.status == Status.PASS, result.explanation.en
    assert f"CycloneDX {json.loads(path.read_bytes())['specVersion']} JSON schema" in result.explanation.en


@pytest.mark.parametrize("name", ["alpine.cdx.xml", "bad-purls.cdx.xml"])
def test_cyclonedx_xml_is_checked_against_its_xsd(name):
    result = run_file(DATA / "osv-scanner" / name)
    assert result.status == Status.PASS
    assert result.details["schema"] == "CycloneDX 1.4 XML schema (XSD)"


def test_duplicate_bom_refs_in_xml_fail_with_their_line():
    result = run_file(DATA / "osv-scanner" / "with-duplicates.cdx.xml")
    assert result.status == Status.FAIL
    assert "Duplicate key-sequence" in result.explanation.en
    assert result.location == "with-duplicates.cdx.xml line 337"
    assert result.details["problem_count"] == 2


def test_duplicate_bom_refs_in_json_fail_too():
    document = json.loads((DATA / "cyclonedx-spec-tests" / "1.6" / "valid-dependency-1.6.json").read_bytes())
    document["components"].append(dict(document["components"][0]))
    result = run("dup.json", json.dumps(document).encode())
    assert result.status == Status.FAIL
    assert "bom-ref 'library-a' is used 2 times" in result.explanation.en


def test_an_empty_component_type_fails_on_the_osv_scanner_fixture():
    # osv-scanner's alpine-zlib-16.cdx.json has `"type": ""` on its metadata component.
    result = run_file(DATA / "osv-scanner" / "alpine-zlib-16.cdx.json")
    assert result.status == Status.FAIL
    assert result.details["problems"] == [
        {"location": "/metadata/component/type", "message": result.details["problems"][0]["message"]}]


def test_spdx_23_json_is_structurally_valid():
    result = run_file(DATA / "osv-scanner" / "only-unimportant.spdx.json")
    assert result.status == Status.PASS
    assert result.details["schema"] == "SPDX 2.3 JSON structure"


def test_broken_spdx_names_each_problem():
    document = json.loads((DATA / "osv-scanner" / "only-unimportant.spdx.json").read_bytes())
    del document["documentNamespace"]
    document["creationInfo"]["created"] = "yesterday"
    document["packages"][0]["supplier"] = "somebody"
    result = run("broken.spdx.json", json.dumps(document).encode())
    assert result.status == Status.FAIL
    locations = [problem["location"] for problem in result.details["problems"]]
    assert locations == ["/", "/creationInfo/created", "/packages/0/supplier"]
    assert "'documentNamespace' is a required property" in result.explanation.en


def test_an_unknown_spec_version_fails():
    document = json.loads((DATA / "cyclonedx-spec-tests" / "1.6" / "valid-minimal-viable-1.6.json").read_bytes())
    document["specVersion"] = "9.9"
    result = run("future.json", json.dumps(document).encode())
    assert result.status == Status.FAIL
    assert "CycloneDX 9.9" in result.explanation.en and "1.2 to 1.6" in result.explanation.en


def test_many_problems_are_capped_and_counted(monkeypatch):
    monkeypatch.setattr(validate_module, "MAX_PROBLEMS", 10)
    document = json.loads((DATA / "cyclonedx-spec-tests" / "1.6" / "valid-minimal-viable-1.6.json").read_bytes())
    document["components"] = [{"type": "nonsense", "name": "x"} for _ in range(30)]
    result = run("many.json", json.dumps(document).encode())
    assert result.status == Status.FAIL
    assert result.details["truncated"] is True
    assert "more than 10 problem(s)" in result.explanation.en and "… and more" in result.explanation.en
    assert result.explanation.en.count("/components/") == 5  # the first five are quoted


def test_the_fast_validator_finds_what_jsonschema_finds():
    # The replaced keywords (uniqueItems, enum, iri-reference) against stock jsonschema on the same errors.
    from jsonschema import Draft7Validator

    from lichtermeer.engines.checks.sbom.jsonschemas import _registry, cyclonedx_validator

    fast = cyclonedx_validator("1.6")
    stock = Draft7Validator(fast.schema, registry=_registry(), format_checker=Draft7Validator.FORMAT_CHECKER)
    document = json.loads((DATA / "cyclonedx-spec-tests" / "1.6" / "valid-license-id-1.6.json").read_bytes())
    document["components"][0]["licenses"][0]["license"]["id"] = "Not-A-Licence"
    document["components"].append(document["components"][0])  # not unique
    document["externalReferences"] = [{"type": "website", "url": "http://exa mple.org/<x>"}]
    paths = lambda validator: sorted("/".join(map(str, e.absolute_path)) for e in validator.iter_errors(document))  # noqa: E731
    assert paths(fast) == paths(stock)
    assert len(paths(fast)) == 4
