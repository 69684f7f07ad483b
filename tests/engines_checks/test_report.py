"""Report formats: text (German/English), JSON with advisories, JUnit XML for GitLab."""

import json

import defusedxml.ElementTree as SafeET
import pytest

from lichtermeer.engines.checks import Assessment, Result, Status
from lichtermeer.engines.checks.report import advisories, printable, render
from lichtermeer.engines.checks.verdicts import verdicts
from lichtermeer.engines.publiccode.messages import Text

CATALOGUE = {
    "version": "1.0.0",
    "requirements": [
        {"id": "LM-LQ-04", "category": "licence-source", "obligation": "MUSS",
         "title": {"de": "Gültige publiccode.yml", "en": "Valid publiccode.yml"}, "checks": ["publiccode.valid"]},
        {"id": "LM-IS-02", "category": "information-security", "obligation": "SOLL",
         "title": {"de": "Meldeweg für Schwachstellen", "en": "Vulnerability reporting channel"},
         "checks": ["security-txt.valid"]},
        {"id": "LM-IS-04", "category": "information-security", "obligation": "MUSS",
         "title": {"de": "Keine bekannten Schwachstellen", "en": "No known vulnerabilities"},
         "checks": ["vulnerabilities.osv"]},
        {"id": "LM-DS-01", "category": "data-protection", "obligation": "MUSS",
         "title": {"de": "Verarbeitung in der EU", "en": "Processing in the EU"},
         "checks": ["declaration.processing-location"]},
        {"id": "LM-BF-01", "category": "accessibility", "obligation": "MUSS", "title": {"de": "Barrierefrei"},
         "checks": ["accessibility.axe-report"], "applies_to": {"software_types": ["standalone/web"]}},
        {"id": "LM-BW-01", "category": "operation-maintenance", "obligation": "MUSS",
         "title": {"de": "Wartung", "en": "Maintenance"}, "checks": []},
    ],
}


def result(check: str, status: Status, en: str, de: str, location: str = "", details: dict | None = None) -> Result:
    return Result(check, "1", status, Text(en, de), evidence="x", location=location, details=details or {})


OSV_DETAILS = {"snapshot": "2026-11-20", "advisories": [
    {"id": "PYSEC-2014-8", "aliases": ["CVE-2014-1402"], "purl": "pkg:pypi/jinja2@2.7.1", "component": "jinja2"},
    {"id": "GHSA-hj2j-77xm-mc5v", "aliases": ["CVE-2016-10745"], "purl": "pkg:pypi/jinja2@2.7.1"},
]}
RESULTS = {
    "publiccode.valid": [result("publiccode.valid", Status.FAIL, "publiccode.yml is not valid: \x1b[31mred\nline",
                                "publiccode.yml ist ungültig.", "publiccode.yml:16:1")],
    "security-txt.valid": [result("security-txt.valid", Status.WARNING, "valid with recommendations",
                                  "gültig mit Empfehlungen", "security.txt")],
    "vulnerabilities.osv": [
        result("vulnerabilities.osv", Status.FAIL, "jinja2 affected", "jinja2 betroffen", "bom.json: jinja2",
               OSV_DETAILS),
        result("vulnerabilities.osv", Status.WARNING, "other", "andere", "bom.json: x", {"advisories": [
            {"id": "PYSEC-2014-8", "aliases": ["CVE-2014-1402", "GHSA-xxxx"], "purl": "pkg:pypi/jinja2@2.7.0"},
            {"id": 7}, "junk"]})],
    "declaration.processing-location": [result("declaration.processing-location", Status.ERROR, "broken\x00file",
                                               "kaputt", "decl.yml#/data_processing")],
    "accessibility.axe-report": [result("accessibility.axe-report", Status.PASS, "fine", "gut")],
}


def assessment(software_type: str | None = "library") -> Assessment:
    found = verdicts(CATALOGUE, RESULTS, software_type=software_type)
    return Assessment("1.0.0", RESULTS, found, {"today": "2026-11-22", "osv-snapshot": "2026-11-20"})


def test_german_text_groups_checks_under_requirements_and_lists_blocking_ones():
    text = render(assessment(), "text", lang="de", catalogue=CATALOGUE)
    lines = text.splitlines()
    assert lines[:5] == [
        "Lichtermeer-Selbstprüfung – Katalog 1.0.0", "Stichtag: 2026-11-22", "",
        "Nicht erfüllte MUSS-Anforderungen (blockierend): LM-LQ-04, LM-IS-04, LM-DS-01",
        "Übersicht: 2 nicht erfüllt, 1 Fehler, 1 Prüfung durch Personen, 1 erfüllt, 1 nicht anwendbar"]
    start = lines.index("LM-LQ-04 [MUSS] Gültige publiccode.yml — NICHT ERFÜLLT")
    assert lines[start + 1:start + 3] == ["  publiccode.valid: nicht bestanden — publiccode.yml:16:1",
                                          "    publiccode.yml ist ungültig."]
    assert "LM-IS-02 [SOLL] Meldeweg für Schwachstellen — ERFÜLLT" in lines
    assert "  security-txt.valid: bestanden mit Hinweis — security.txt" in lines
    assert "LM-BF-01 [MUSS] Barrierefrei — NICHT ANWENDBAR" in lines
    assert lines[-1] == "Ohne automatische Prüfung (Bewertung durch das Fachgremium): LM-BW-01"


def test_english_text_and_no_terminal_control_characters_from_evidence():
    text = render(assessment(), "text", lang="en", catalogue=CATALOGUE)
    assert "LM-LQ-04 [MUSS] Valid publiccode.yml — NOT MET" in text
    assert "    publiccode.yml is not valid:  [31mred line" in text
    assert "\x1b" not in text and "\x00" not in text
    assert "MUST requirements not met (blocking): LM-LQ-04, LM-IS-04, LM-DS-01" in text


def test_text_without_catalogue_titles_still_reads():
    text = render(assessment(), "text", lang="de")
    assert "LM-LQ-04 [MUSS] — NICHT ERFÜLLT" in text


def test_json_adds_advisories_and_every_version():
    document = json.loads(render(assessment(), "json"))
    assert document["catalogue_version"] == "1.0.0"
    assert document["blocking"] == ["LM-LQ-04", "LM-IS-04", "LM-DS-01"]
    assert document["versions"] == {"today": "2026-11-22", "osv-snapshot": "2026-11-20"}
    assert document["check_versions"]["publiccode.valid"] == "1"
    assert document["advisories"] == [
        {"id": "GHSA-hj2j-77xm-mc5v", "aliases": ["CVE-2016-10745"], "components": ["pkg:pypi/jinja2@2.7.1"]},
        {"id": "PYSEC-2014-8", "aliases": ["CVE-2014-1402", "GHSA-xxxx"],
         "components": ["pkg:pypi/jinja2@2.7.1", "pkg:pypi/jinja2@2.7.0"]}]
    assert set(document["reference_data"]) == {"transfer-countries", "export-formats", "open-standards"}
    assert document["generator"]["name"] == "lichtermeer"
    assert [item["verdict"] for item in document["verdicts"]] == [
        "fail", "pass", "fail", "error", "not_applicable", "needs_review"]


def test_advisories_are_empty_without_the_osv_check():
    assert advisories(Assessment("1.0.0", {}, [], {})) == []


def test_junit_has_one_suite_and_one_case_per_requirement():
    xml = render(assessment(), "junit", lang="en", catalogue=CATALOGUE)
    root = SafeET.fromstring(xml.encode())
    assert root.tag == "testsuites"
    [suite] = root.findall("testsuite")
    assert {key: suite.get(key) for key in ("tests", "failures", "errors", "skipped")} == {
        "tests": "6", "failures": "2", "errors": "1", "skipped": "2"}
    cases = suite.findall("testcase")
    assert [case.get("name") for case in cases] == [
        "LM-LQ-04 [MUSS] Valid publiccode.yml", "LM-IS-02 [SOLL] Vulnerability reporting channel",
        "LM-IS-04 [MUSS] No known vulnerabilities", "LM-DS-01 [MUSS] Processing in the EU",
        "LM-BF-01 [MUSS] Barrierefrei", "LM-BW-01 [MUSS] Maintenance"]
    assert cases[0].get("classname") == "lichtermeer.licence-source"
    failure = cases[0].find("failure")
    assert failure.get("type") == "MUSS"
    assert failure.get("message").startswith("MUSS not met: publiccode.yml is not valid:")
    assert failure.text == "publiccode.valid: fail (publiccode.yml:16:1) - publiccode.yml is not valid:  [31mred line"
    assert cases[1].find("failure") is None and cases[1].find("skipped") is None
    assert cases[3].find("error").text == "declaration.processing-location: error (decl.yml#/data_processing) - " \
                                          "broken file"
    assert cases[4].find("skipped").get("message").startswith("MUSS not applicable")
    assert cases[5].find("skipped").get("message").startswith("MUSS needs review: No automated check")
    properties = {item.get("name"): item.get("value") for item in suite.find("properties")}
    assert properties == {"catalogue_version": "1.0.0", "osv-snapshot": "2026-11-20", "today": "2026-11-22"}


def test_junit_is_german_by_default():
    root = SafeET.fromstring(render(assessment(), "junit", catalogue=CATALOGUE).encode())
    assert root.find("testsuite/testcase/failure").get("message").startswith("MUSS nicht erfüllt: publiccode.yml ist")


@pytest.mark.parametrize(("value", "shown"), [
    ("a\x00b", "a b"), ("a\x1b[2Jb", "a [2Jb"), ("a\ud800b", "a b"), ("a\ufffeb", "a b"), ("a\nb", "a b"),
    ("a\x85b", "a b"), ("a\tb", "a\tb"), ("Größe ✓", "Größe ✓"),
])
def test_printable_removes_what_terminals_and_xml_cannot_take(value, shown):
    assert printable(value) == shown
