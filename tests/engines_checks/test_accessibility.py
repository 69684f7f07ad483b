"""accessibility.axe-report (LM-BF-01) on real axe-core output, and accessibility.statement-link (LM-BF-02)."""

import copy
import datetime as dt
import json
from pathlib import Path

import pytest

from lichtermeer.engines.checks import Bundle, Reference, Status, registry
from lichtermeer.engines.checks.accessibility import blocking, en_clauses

DATA = Path(__file__).parent / "data"
VIOLATIONS = json.loads((DATA / "a11y" / "axe-violations.json").read_text(encoding="utf-8"))
CLEAN = json.loads((DATA / "a11y" / "axe-clean.json").read_text(encoding="utf-8"))
DECLARATIONS = (DATA / "declarations" / "complete.yml").read_text(encoding="utf-8")


def run(check: str, bundle: Bundle, **extra):
    return registry.run_check(registry.get(check), bundle, Reference(today=dt.date(2026, 11, 22), extra=extra))


def axe(document, name: str = "axe.json"):
    data = document if isinstance(document, bytes) else json.dumps(document).encode()
    return run("accessibility.axe-report", Bundle().add("a11y", name, data))


def without(document: dict, *groups: str) -> dict:
    changed = copy.deepcopy(document)
    for group in groups:
        changed[group] = []
    return changed


def test_it_fails_a_real_report_and_maps_each_violation_to_en_301_549():
    [result] = axe(VIOLATIONS, "axe-violations.json")
    assert result.status == Status.FAIL
    assert result.location == "axe-violations.json#/ (https://buergerservice.example.org/termin)"
    found = {rule["id"]: rule["en_301_549"] for rule in result.details["violations"]}
    assert found == {"button-name": ["9.4.1.2"], "html-has-lang": ["9.3.1.1"], "image-alt": ["9.1.1.1"],
                     "label": ["9.4.1.2"], "link-name": ["9.2.4.4", "9.4.1.2"], "select-name": ["9.4.1.2"]}
    assert [rule["id"] for rule in result.details["other_violations"]] == ["empty-heading"]
    assert [rule["id"] for rule in result.details["needs_review"]] == ["color-contrast"]
    assert result.details["engine"] == {"name": "axe-core", "version": "4.12.1"}
    assert "image-alt (EN 301 549 9.1.1.1; 2 element(s))" in result.explanation.en
    assert result.explanation.de.startswith("axe-core fand 6 Verstoß/Verstöße gegen WCAG A/AA auf https://")
    assert "image-alt (EN 301 549 9.1.1.1; 2 Element(e))" in result.explanation.de
    assert result.details["violations"][2]["examples"][0]["target"] == ["img[src$=\"wappen.png\"]"]


def test_undecided_rules_of_a_report_without_violations_go_to_a_person():
    [result] = axe(CLEAN)
    assert result.status == Status.NEEDS_REVIEW
    assert [rule["en_301_549"] for rule in result.details["needs_review"]] == [["9.1.4.3"]]
    assert "color-contrast (EN 301 549 9.1.4.3; 1 element(s))" in result.explanation.en


def test_best_practice_violations_alone_pass_with_a_warning():
    [result] = axe(without(CLEAN, "incomplete"))
    assert result.status == Status.WARNING
    assert "Best-practice findings (not WCAG A/AA): heading-order" in result.explanation.en


def test_a_report_without_any_finding_passes_but_says_what_automation_cannot_show():
    [result] = axe(without(CLEAN, "incomplete", "violations"))
    assert result.status == Status.PASS
    assert result.explanation.en.startswith(
        "axe-core 4.12.1 found no WCAG A/AA violation on https://buergerservice.example.org/ (automated testing")
    assert "Prüfbericht einer Person" in result.explanation.de


def test_a_list_of_pages_gives_one_result_per_page():
    results = axe([VIOLATIONS, without(CLEAN, "incomplete", "violations")])
    assert [result.status for result in results] == [Status.FAIL, Status.PASS]
    assert results[1].location == "axe.json#/1 (https://buergerservice.example.org/)"


@pytest.mark.parametrize(("tags", "clauses"), [
    (["wcag2aa", "wcag143", "EN-301-549", "EN-9.1.4.3"], ["9.1.4.3"]),
    (["wcag2aa", "wcag143"], ["9.1.4.3"]),                     # axe before 4.8: from the WCAG tag
    (["wcag21aa", "wcag1410"], ["9.1.4.10"]),
    (["wcag2a", "wcag244", "wcag412"], ["9.2.4.4", "9.4.1.2"]),
    (["wcag22aa", "wcag258"], []),                            # WCAG 2.2 only: no clause in EN 301 549 V3.2.1
    (["best-practice"], []),
])
def test_en_clauses_come_from_en_tags_or_wcag_criteria(tags, clauses):
    assert en_clauses(tags) == clauses


@pytest.mark.parametrize(("tags", "counts"), [
    (["wcag2a"], True), (["wcag21aa"], True), (["wcag22aa"], True), (["EN-301-549"], True), (["EN-9.1.3.1"], True),
    (["wcag2aaa", "wcag146"], False), (["best-practice"], False), (["section508"], False), ([], False),
])
def test_only_level_a_and_aa_or_en_tags_count_against_lm_bf_01(tags, counts):
    assert blocking(tags) is counts


def test_an_engine_older_than_4_8_still_fails_and_is_flagged():
    old = copy.deepcopy(VIOLATIONS)
    old["testEngine"]["version"] = "4.7.2"
    for rule in old["violations"] + old["incomplete"]:
        rule["tags"] = [tag for tag in rule["tags"] if not tag.startswith("EN-")]
    [result] = axe(old)
    assert result.status == Status.FAIL
    assert {rule["id"]: rule["en_301_549"] for rule in result.details["violations"]}["link-name"] == [
        "9.2.4.4", "9.4.1.2"]
    assert "Note: axe-core 4.7.2 is older than 4.8 and has no EN 301 549 tags." in result.explanation.en


def test_a_run_limited_to_too_few_tags_is_flagged():
    narrow = without(CLEAN, "incomplete", "violations")
    narrow["toolOptions"]["runOnly"]["values"] = ["wcag2a"]
    [result] = axe(narrow)
    assert result.status == Status.WARNING
    assert "leave out wcag2aa, wcag21a, wcag21aa, EN-301-549" in result.explanation.en


@pytest.mark.parametrize(("run_only", "warned"), [
    ({"type": "rule", "values": ["image-alt"]}, "limited to selected rules"),
    (["wcag2a", "wcag2aa"], "leave out wcag21a, wcag21aa, EN-301-549"),  # axe's shorthand for tags
    ("wcag2a", "leave out wcag2aa"),
])
def test_other_run_limits_are_flagged_too(run_only, warned):
    narrow = without(CLEAN, "incomplete", "violations")
    narrow["toolOptions"]["runOnly"] = run_only
    [result] = axe(narrow)
    assert result.status == Status.WARNING
    assert warned in result.explanation.en


def test_aaa_violations_do_not_fail_the_requirement():
    report = without(CLEAN, "incomplete")
    report["violations"] = [{"id": "color-contrast-enhanced", "impact": "serious", "tags": ["wcag2aaa", "wcag146"],
                             "nodes": [{"target": ["p"], "html": "<p>", "failureSummary": "x"}]}]
    [result] = axe(report)
    assert result.status == Status.WARNING


@pytest.mark.parametrize(("data", "location", "words"), [
    (b'{"violations": [', "axe.json:1:17", "not valid JSON"),
    (b'"just a string"', "axe.json#", "not an axe-core result"),
    (b'{"passes": []}', "axe.json#/", '"violations" must be a list'),
    (b'[{"violations": []}, 42]', "axe.json#/1", '"violations" must be a list'),
    (b'{"violations": [{"id": 7}]}', "axe.json#/violations/0", 'a string "id"'),
    (b'{"violations": [{"id": "x", "tags": [1]}]}', "axe.json#/violations/0", '"tags" as a list of strings'),
    (b'{"violations": [], "incomplete": {"id": "x"}}', "axe.json#/incomplete", "must be a list"),
    (b"[" * 100_000 + b"]" * 100_000, "axe.json", "nested too deeply"),
    ("Überschrift".encode("latin-1"), "axe.json", "not UTF-8"),
])
def test_broken_reports_are_errors_that_name_the_place(data, location, words):
    [result] = axe(data)
    assert result.status == Status.ERROR
    assert result.location == location
    assert words in result.explanation.en


def test_without_an_axe_report_a_person_has_to_look():
    [result] = run("accessibility.axe-report", Bundle())
    assert result.status == Status.NEEDS_REVIEW


# --- accessibility.statement-link ----------------------------------------------------------------------

def statement(declarations: str | None, **extra):
    bundle = Bundle() if declarations is None else Bundle().add("declarations", "decl.yml", declarations.encode())
    [result] = run("accessibility.statement-link", bundle, **extra)
    return result


def test_the_declared_statement_with_feedback_passes():
    result = statement(DECLARATIONS)
    assert result.status == Status.PASS
    assert result.details == {"url": "https://rats.example.org/barrierefreiheit",
                               "feedback": "mailto:barrierefreiheit@kommunal-it.example.org"}
    assert result.location == "decl.yml:65:18 (/accessibility/statement_url)"


def test_a_statement_without_feedback_mechanism_is_a_warning():
    result = statement(DECLARATIONS.replace('  feedback: "mailto:barrierefreiheit@kommunal-it.example.org"\n', ""))
    assert result.status == Status.WARNING
    assert "Feedback-Mechanismus" in result.explanation.de


def test_declarations_without_a_statement_fail():
    result = statement("format: lichtermeer-declarations/1\n")
    assert result.status == Status.FAIL
    assert "accessibility.statement_url" in result.explanation.en
    assert result.location == "decl.yml:1:1 (/)"
    result = statement("format: lichtermeer-declarations/1\naccessibility:\n  feedback: mailto:a@example.org\n")
    assert result.status == Status.FAIL and result.location == "decl.yml:3:3 (/accessibility)"
    # The platform's URL stands in when the declarations have none.
    result = statement("format: lichtermeer-declarations/1\n", accessibility_statement_url="https://x.example/b")
    assert result.status == Status.WARNING and result.evidence == "platform" and result.location == ""


def test_the_platform_may_know_the_statement_without_declarations():
    result = statement(None, accessibility_statement_url="https://stadt.example.de/barrierefreiheit")
    assert result.status == Status.WARNING
    assert result.details == {"url": "https://stadt.example.de/barrierefreiheit"}
    assert statement(None, accessibility_statement_url="http://stadt.example.de/b").status == Status.FAIL


def test_without_declarations_or_platform_facts_a_person_has_to_look():
    assert statement(None).status == Status.NEEDS_REVIEW


def test_an_http_statement_url_is_a_schema_error_naming_the_pointer():
    result = statement("format: lichtermeer-declarations/1\naccessibility:\n  statement_url: http://x.example/\n")
    assert result.status == Status.ERROR
    assert result.location == "decl.yml:3:18 (/accessibility/statement_url)"
    assert "must be an https:// URL" in result.explanation.en
