"""The linter beyond the upstream cases: rules the visible cases do not exercise, YAML input,
JavaScript semantics it reproduces, the command line, and hostile documents."""

from __future__ import annotations

import json
import time

import pytest

from engines_checks.openapi.openapi_samples import CASES_DIR, as_json, baseline, case_text
from lichtermeer.engines.checks.openapi import cli
from lichtermeer.engines.checks.openapi.jsvalues import collation_key, number_text
from lichtermeer.engines.checks.openapi.lint import LintError, lint_text
from lichtermeer.engines.checks.openapi.positions import parse_document
from lichtermeer.engines.checks.openapi.render import stylish


def rows(text: str) -> list[tuple]:
    return [(f.rule, f.severity, f.dotted_path, f.line, f.column) for f in lint_text(text)]


def test_a_contact_without_name_breaks_the_contact_rule():
    document = baseline()
    del document["info"]["contact"]["name"]
    assert rows(as_json(document)) == [("nlgov:info-contact-fields-exist", "error", "info.contact", 6, 19)]


def test_a_server_url_without_major_version_and_one_without_https():
    document = baseline()
    document["servers"] = [{"url": "https://example.com/api"}, {"url": "http://example.com/api/v1"}]
    findings = lint_text(as_json(document))
    assert [(f.rule, f.severity, f.dotted_path) for f in findings] == [
        ("nlgov:include-major-version-in-uri", "error", "servers[0].url"),
        ("nlgov:servers-use-https", "warning", "servers[1].url")]
    assert findings[1].message == ('Server URL http://example.com/api/v1 "http://example.com/api/v1" must not match '
                                   'the pattern "^http://.*".')


def test_warnings_alone_end_with_a_summary_without_errors():
    document = baseline()
    document["components"]["schemas"] = {"problem_details": {"type": "object"}}
    assert stylish(lint_text(as_json(document)), "/api.json") == (
        "\n/api.json\n"
        " 67:31  warning  nlgov:schema-camel-case  Schema name should be UpperCamelCase in "
        "#/components/schemas/problem_details  components.schemas.problem_details\n\n"
        "\u2716 1 problem (0 errors, 1 warning, 0 infos, 0 hints)\n")


def test_missing_servers_point_at_the_document_root():
    document = baseline()
    del document["servers"]
    assert rows(as_json(document)) == [("oas3-api-servers", "error", "", 1, 1)]


def test_a_response_without_headers_misses_the_version_header():
    document = baseline()
    del document["paths"]["/openapi.json"]["get"]["responses"]["200"]["headers"]
    assert rows(as_json(document)) == [("nlgov:missing-header", "error", "paths./openapi.json.get.responses[200]",
                                        38, 27)]


def test_a_problem_schema_reports_the_first_missing_member_once_where_it_is_defined():
    document = json.loads(case_text("error-type-missing-required"))
    schema = document["paths"]["/openapi.json"]["get"]["responses"]["404"]["content"]["application/problem+json"][
        "schema"]
    document["components"]["schemas"] = {"Problem": schema}
    del schema["properties"]["title"]
    for status in ("404", "500"):
        document["paths"]["/openapi.json"]["get"]["responses"][status] = {
            "description": "error", "content": {"application/problem+json": {
                "schema": {"$ref": "#/components/schemas/Problem"}}}}
    [finding] = lint_text(as_json(document))
    assert finding.dotted_path == "components.schemas.Problem.properties"
    assert finding.message == ('"properties" property must have required property "title". These fields are '
                               "required: status, title and detail.")


def test_a_duplicate_key_is_a_parser_error_at_the_second_key():
    text = case_text("baseline").replace('"title": "Baseline",', '"title": "Baseline",\n        "title": "Twice",')
    assert rows(text)[0] == ("parser", "error", "info.title", 5, 9)
    assert lint_text(text)[0].message == "Duplicate key: title"


def test_a_yaml_document_is_linted_with_yaml_positions():
    text = ("openapi: 3.0.3\ninfo:\n  title: T\n  version: 1.0\n  contact:\n    name: N\n    url: https://x.nl\n"
            "    email: a@x.nl\nservers:\n  - url: https://x.nl/api/v1\npaths: {}\n")
    assert rows(text) == [("oas3-schema", "error", "info.version", 4, 12)]
    assert lint_text(text)[0].message == '"version" property must be string.'


def test_json_positions_follow_spectral_for_objects_and_scalars():
    source = parse_document(case_text("contact-missing"))
    assert source.locate(["info"]) == (2, 11)  # after the key's closing quote, not at "{"
    assert source.locate(["info", "version"]) == (5, 19)  # the opening quote of the value
    assert source.locate(["info", "nothing", "here"]) == (2, 11)  # the closest existing parent


@pytest.mark.parametrize("case", ["cor-api", "date-time", "paths-kebab-variables"])
def test_the_json_reader_reads_what_json_reads(case):
    text = case_text(case)
    assert parse_document(text).data == json.loads(text)


def test_numbers_print_as_javascript_prints_them():
    assert [number_text(value) for value in (1.0, 0.1, 1e-7, 1e21, 123456789012345678901234, -0.0)] == [
        "1", "0.1", "1e-7", "1e+21", "1.2345678901234569e+23", "0"]  # as node prints them


def test_sorting_follows_locale_compare():
    codes = ["unrecognized-format", "nlgov:openapi-root-exists", "Nlgov:b", "nlgov:a10", "nlgov:a9"]
    assert sorted(codes, key=lambda code: collation_key(code, numeric=True)) == [
        "nlgov:a9", "nlgov:a10", "Nlgov:b", "nlgov:openapi-root-exists", "unrecognized-format"]


def test_the_command_line_prints_spectrals_text_and_sets_the_exit_status(capsys):
    path = CASES_DIR / "semver-patch-incorrect" / "openapi.json"
    assert cli.main(["lint", str(path)]) == 1
    out = capsys.readouterr().out
    assert out == (f"\n{path}\n 11:20  error  nlgov:semver  Version 1.0.1_incorrect is not in semver format.  "
                   "info.version\n\n\u2716 1 problem (1 error, 0 warnings, 0 infos, 0 hints)\n")
    assert cli.main(["lint", str(CASES_DIR / "baseline" / "openapi.json")]) == 0
    assert capsys.readouterr().out == "No results with a severity of 'error' found!\n"


def test_the_command_line_prints_json_findings(capsys):
    assert cli.main(["lint", str(CASES_DIR / "servers-empty" / "openapi.json"), "--json"]) == 1
    assert json.loads(capsys.readouterr().out) == [{
        "rule": "oas3-api-servers", "severity": "error", "path": "servers", "line": 13, "column": 15,
        "message": 'OpenAPI "servers" must be present and non-empty array.'}]


def test_the_command_line_exits_2_for_unreadable_input(tmp_path, capsys):
    broken = tmp_path / "broken.json"
    broken.write_text('{"openapi": ')
    assert cli.main(["lint", str(broken)]) == 2
    assert "not valid" in capsys.readouterr().err
    assert cli.main(["lint", str(tmp_path / "missing.json")]) == 2
    assert cli.main(["lint"]) == 2


def test_a_key_that_makes_the_casing_pattern_backtrack_is_decided_at_once():
    document = baseline()
    document["components"]["schemas"] = {"A" + "1" * 5000 + "_": {"type": "string"}}
    started = time.monotonic()
    assert [f.rule for f in lint_text(as_json(document))] == ["nlgov:schema-camel-case"]
    assert time.monotonic() - started < 2


def test_an_overlong_key_is_refused_rather_than_matched_for_hours():
    document = baseline()
    document["paths"]["/" + "a" * 30_000] = {}
    with pytest.raises(LintError, match="longer than the linter checks"):
        lint_text(as_json(document))


def test_a_ref_cycle_stays_a_reference_and_lints():
    document = baseline()
    document["components"]["schemas"] = {
        "A": {"$ref": "#/components/schemas/B"}, "B": {"$ref": "#/components/schemas/A"},
        "Tree": {"type": "object", "properties": {"birthDate": {"$ref": "#/components/schemas/Tree"}}}}
    assert rows(as_json(document)) == [
        ("nlgov:specify-format-for-date-and-time", "error", "components.schemas.Tree.properties.birthDate", 76, 33)]


def test_a_missing_reference_target_is_reported():
    document = baseline()
    document["components"]["schemas"] = {"A": {"$ref": "#/components/schemas/Missing"}}
    [finding] = lint_text(as_json(document))
    assert (finding.rule, finding.dotted_path, finding.message) == (
        "invalid-ref", "components.schemas.A.$ref", "'#/components/schemas/Missing' does not exist")
