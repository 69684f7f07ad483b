"""The checks `openapi.valid` (decides LM-OS-01) and `openapi.api-design-rules` (informational),
on the upstream ADR test documents and small hand-written ones, including hostile input."""

from __future__ import annotations

import json
import socket
from pathlib import Path

import pytest
import yaml

from engines_checks.openapi.openapi_samples import as_json, baseline, case_text
from lichtermeer.engines.checks.evidence import MAX_BYTES, Bundle
from lichtermeer.engines.checks.model import Status
from lichtermeer.engines.checks.reference import Reference
from lichtermeer.engines.checks.registry import all_checks, run_check

CATALOGUE = Path(__file__).parents[3] / "data" / "catalogue" / "basisanforderungen-1.0.0.yaml"


def run(check_id: str, *documents: tuple[str, str | bytes]):
    bundle = Bundle()
    for name, content in documents:
        bundle.add("openapi", name, content.encode() if isinstance(content, str) else content)
    return run_check(all_checks()[check_id], bundle, Reference())


def valid(name: str, content: str | bytes):
    [result] = run("openapi.valid", (name, content))
    return result


def linted(name: str, content: str | bytes):
    [result] = run("openapi.api-design-rules", (name, content))
    return result


@pytest.fixture(autouse=True)
def no_network(monkeypatch):
    """Remote references must never be fetched: any connection attempt fails the test."""
    def refuse(*args, **kwargs):
        raise AssertionError("the OpenAPI checks tried to open a network connection")

    monkeypatch.setattr(socket.socket, "connect", refuse)


def test_both_checks_belong_to_lm_os_01_and_only_validity_decides():
    checks = all_checks()
    assert checks["openapi.valid"].requirements == ("LM-OS-01",)
    assert checks["openapi.api-design-rules"].requirements == ("LM-OS-01",)
    catalogue = yaml.safe_load(CATALOGUE.read_text(encoding="utf-8"))
    [requirement] = [item for item in catalogue["requirements"] if item["id"] == "LM-OS-01"]
    assert requirement["checks"] == ["openapi.valid"]


def test_without_openapi_evidence_a_reviewer_has_to_look():
    assert run("openapi.valid")[0].status is Status.NEEDS_REVIEW
    assert run("openapi.api-design-rules")[0].status is Status.NEEDS_REVIEW


def test_it_accepts_a_valid_openapi_3_0_document():
    result = valid("cor-api.json", case_text("cor-api"))
    assert result.status is Status.PASS
    assert "3.0.3" in result.explanation.en and "3.0.3" in result.explanation.de


def test_it_accepts_a_valid_openapi_3_1_document_in_yaml():
    document = baseline()
    document["openapi"] = "3.1.0"
    assert valid("api.yaml", yaml.safe_dump(document, sort_keys=False)).status is Status.PASS


def test_it_judges_every_supplied_document():
    results = run("openapi.valid", ("a.json", case_text("baseline")), ("b.json", case_text("openapi-versie-missing")))
    assert [(result.evidence, result.status) for result in results] == [("a.json", Status.PASS),
                                                                        ("b.json", Status.FAIL)]


def test_it_rejects_swagger_2_with_a_clear_reason():
    swagger = json.dumps({"swagger": "2.0", "info": {"title": "t", "version": "1"}, "paths": {}})
    result = valid("swagger.json", swagger)
    assert result.status is Status.FAIL
    assert "Swagger/OpenAPI 2.0" in result.explanation.en and "OpenAPI 3.0 or 3.1" in result.explanation.en


def test_it_rejects_a_document_without_openapi_version():
    result = valid("no-version.json", case_text("openapi-versie-missing"))
    assert result.status is Status.FAIL and "`openapi`" in result.explanation.en


def test_it_names_file_path_line_and_column_of_the_first_errors_and_counts_the_rest():
    document = baseline()
    del document["info"]["title"]
    document["paths"]["/openapi.json"]["get"]["responses"]["200"]["headers"]["API-Version"]["style"] = 5
    for number in range(4):
        document["paths"][f"/extra-{number}"] = {"get": {"description": "no responses"}}
    result = valid("broken.json", as_json(document))
    assert result.status is Status.FAIL
    text = result.explanation.en
    assert text.startswith("broken.json is not a valid OpenAPI 3.0.3 description (6 problems): ")
    assert "at #/info (line 3, column 5): 'title' is a required property" in text
    assert "(and 3 more)" in text and "(und 3 weitere)" in result.explanation.de
    assert result.location == "broken.json:3:5"
    assert result.details["errors"] == 6 and len(result.details["problems"]) == 6


def test_it_reports_a_ref_cycle_instead_of_crashing():
    document = baseline()
    document["components"]["schemas"] = {"A": {"$ref": "#/components/schemas/B"},
                                         "B": {"$ref": "#/components/schemas/A"}}
    result = valid("cycle.json", as_json(document))
    assert result.status is Status.FAIL and "cycle" in result.explanation.en


def test_a_recursive_schema_is_valid():
    document = baseline()
    document["components"]["schemas"] = {"Node": {"type": "object", "properties": {
        "children": {"type": "array", "items": {"$ref": "#/components/schemas/Node"}}}}}
    assert valid("tree.json", as_json(document)).status is Status.PASS


@pytest.mark.parametrize("ref", ["https://example.com/schemas.json#/Pet", "../../../etc/passwd#/x", "pets.yaml"])
def test_it_never_fetches_references_to_other_files_or_urls(ref):
    document = baseline()
    document["components"]["schemas"] = {"Pet": {"$ref": ref}}
    result = valid("remote.json", as_json(document))
    assert result.status is Status.NEEDS_REVIEW
    assert ref in result.explanation.en and result.details["external_refs"] == [ref]
    assert linted("remote.json", as_json(document)).status is Status.PASS


@pytest.mark.parametrize(("content", "words"), [
    (b'{"openapi": "3.0.3", "info": {', "not valid JSON"),
    (b"openapi: 3.0.3\ninfo:\n  title: [unclosed\n", "not valid YAML"),
    (b"\xff\xfe{}", "not UTF-8"),
    (b"[" * 100_000 + b"]" * 100_000, "nested too deeply"),
])
def test_broken_evidence_is_an_error_never_a_pass(content, words):
    for result in (valid("broken.json", content), linted("broken.json", content)):
        assert result.status is Status.ERROR
        assert words in result.explanation.en
        assert result.explanation.de != result.explanation.en


def test_a_yaml_alias_bomb_is_refused():
    levels = ["a: &a [x, x, x, x, x, x, x, x, x]"]
    for index, name in enumerate("bcdefg"):
        previous = "abcdefg"[index]
        levels.append(f"{name}: &{name} [" + ", ".join([f"*{previous}"] * 9) + "]")
    bomb = "\n".join(levels) + "\n"
    for result in (valid("bomb.yaml", bomb), linted("bomb.yaml", bomb)):
        assert result.status is Status.ERROR and "alias" in result.explanation.en


def test_a_file_over_the_size_limit_is_an_error():
    huge = b'{"openapi": "3.0.3", "x": "' + b"a" * (25 * 1024 * 1024) + b'"}'
    assert len(huge) > MAX_BYTES
    for result in (valid("huge.json", huge), linted("huge.json", huge)):
        assert result.status is Status.ERROR and str(MAX_BYTES) in result.explanation.en


def test_the_design_rules_check_passes_a_clean_document():
    result = linted("baseline.json", case_text("baseline"))
    assert result.status is Status.PASS and result.details["total"] == 0


def test_the_design_rules_check_warns_with_counts_rules_and_the_first_place():
    result = linted("cor-api.json", case_text("cor-api"))
    assert result.status is Status.WARNING
    assert result.details["errors"] == 25
    assert result.details["rules"] == {"nlgov:use-problem-schema": 23, "nlgov:paths-kebab-case": 1,
                                       "nlgov:use-date-instead-of-datetime": 1}
    assert result.location == "cor-api.json:70:35"
    assert "25 places" in result.explanation.en and "25 Stellen" in result.explanation.de
    assert "paths./heartbeat.get.responses[429].content" in result.explanation.en
    assert result.details["findings"][0] == {
        "rule": "nlgov:use-problem-schema", "severity": "error", "path": "paths./heartbeat.get.responses[429].content",
        "line": 70, "column": 35, "message": "The content type of an error response should be application/problem+json "
        "or application/problem+xml to match RFC 9457."}


def test_warnings_alone_do_not_make_the_design_rules_check_warn():
    document = baseline()
    document["servers"][0]["url"] = "http://example.com/api/v1"
    result = linted("http.json", as_json(document))
    assert result.status is Status.PASS
    assert result.details["rules"] == {"nlgov:servers-use-https": 1}
    assert "(1 warning)" in result.explanation.en


def test_a_reference_fan_out_is_refused_quickly():
    document = baseline()
    document["components"]["schemas"] = {
        f"S{level}": {"type": "object", "properties": {
            f"p{index}": {"$ref": f"#/components/schemas/S{level + 1}"} for index in range(4)}}
        for level in range(30)}
    document["components"]["schemas"]["S30"] = {"type": "string"}
    result = linted("fan-out.json", as_json(document))
    assert result.status is Status.ERROR and "too large to lint" in result.explanation.en
