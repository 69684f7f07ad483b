"""`lichtermeer check`: options, output formats, exit status (0 / 1 blocking / 2 usage)."""

import json
import runpy
import shutil
import sys
from pathlib import Path

import defusedxml.ElementTree as SafeET
import pytest

from lichtermeer import cli as top_level
from lichtermeer.engines.checks import cli
from lichtermeer.engines.checks.cli import main

DATA = Path(__file__).parent / "data"
OPENTALK = str(DATA / "publiccode" / "opentalk-publiccode.yml")
INVALID = str(DATA / "publiccode" / "developmentStatus_invalid.yml")
DECLARATIONS = str(DATA / "declarations" / "complete.yml")
SECURITYTXT = str(DATA / "securitytxt" / "rfc9116-example.txt")
AXE = str(DATA / "a11y" / "axe-violations.json")
BASE = ["--catalogue", "1.0.0", "--today", "2026-11-22"]
# A real advisory (Jinja2 sandbox escape, fixed in 2.10.1) and an SBOM with the affected version.
OSV_RECORD = {
    "schema_version": "1.6.0", "id": "PYSEC-2019-217", "modified": "2024-11-21T14:22:57Z",
    "published": "2019-04-07T00:29:00Z", "aliases": ["CVE-2019-10906", "GHSA-462w-v97r-4m45"],
    "summary": "Jinja2 sandbox escape via str.format_map",
    "severity": [{"type": "CVSS_V3", "score": "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:N/A:N"}],
    "affected": [{"package": {"ecosystem": "PyPI", "name": "jinja2", "purl": "pkg:pypi/jinja2"},
                  "ranges": [{"type": "ECOSYSTEM", "events": [{"introduced": "0"}, {"fixed": "2.10.1"}]}]}],
}
SBOM = {
    "bomFormat": "CycloneDX", "specVersion": "1.6", "serialNumber": "urn:uuid:3e671687-395b-41f5-a30f-a58921a69b79",
    "version": 1, "metadata": {"timestamp": "2026-11-01T10:00:00Z",
                               "component": {"type": "application", "name": "ratsinfo", "version": "4.2.0",
                                             "bom-ref": "app"}},
    "components": [{"type": "library", "name": "jinja2", "version": "2.7.1", "purl": "pkg:pypi/jinja2@2.7.1",
                    "bom-ref": "pkg:pypi/jinja2@2.7.1", "licenses": [{"license": {"id": "BSD-3-Clause"}}]}],
}


@pytest.fixture
def vulnerable(tmp_path) -> tuple[str, str]:
    (tmp_path / "osv").mkdir()
    (tmp_path / "osv" / "PYSEC-2019-217.json").write_text(json.dumps(OSV_RECORD), encoding="utf-8")
    (tmp_path / "bom.json").write_text(json.dumps(SBOM), encoding="utf-8")
    return str(tmp_path / "bom.json"), str(tmp_path / "osv")


def verdicts_of(output: str) -> dict[str, str]:
    return {item["requirement"]: item["verdict"] for item in json.loads(output)["verdicts"]}


def test_a_failing_muss_requirement_exits_one_with_a_german_text_report(capsys):
    assert main([*BASE, "--publiccode", INVALID]) == 1
    out = capsys.readouterr().out
    assert out.startswith("Lichtermeer-Selbstprüfung – Katalog 1.0.0\nStichtag: 2026-11-22\n")
    assert "Nicht erfüllte MUSS-Anforderungen (blockierend): LM-LQ-04" in out
    assert "LM-LQ-04 [MUSS] Gültige publiccode.yml — NICHT ERFÜLLT" in out
    assert f"  publiccode.valid: nicht bestanden — {INVALID}:16:1" in out


def test_without_blocking_findings_the_exit_status_is_zero(capsys):
    assert main([*BASE, "--publiccode", OPENTALK, "--lang", "en"]) == 0
    out = capsys.readouterr().out
    assert "No MUST requirement fails or errors." in out
    assert "LM-LQ-04 [MUSS] Valid publiccode.yml — MET" in out


def test_all_evidence_kinds_together(capsys):
    code = main([*BASE, "--publiccode", OPENTALK, "--declarations", DECLARATIONS, "--securitytxt", SECURITYTXT,
                 "--a11y", AXE, "--format", "json"])
    found = verdicts_of(capsys.readouterr().out)
    assert code == 1  # the axe report has WCAG A violations: LM-BF-01 (MUSS) fails
    assert {key: found[key] for key in ("LM-BF-01", "LM-BF-02", "LM-DS-01", "LM-DS-02", "LM-IS-02", "LM-IS-06",
                                        "LM-LQ-04", "LM-OS-02", "LM-PA-01")} == {
        "LM-BF-01": "fail", "LM-BF-02": "pass", "LM-DS-01": "pass", "LM-DS-02": "pass", "LM-IS-02": "pass",
        "LM-IS-06": "pass", "LM-LQ-04": "pass", "LM-OS-02": "pass", "LM-PA-01": "pass"}


def test_json_to_a_file_carries_advisories_and_the_osv_snapshot(vulnerable, tmp_path, capsys):
    sbom, osv = vulnerable
    report = tmp_path / "report.json"
    assert main([*BASE, "--sbom", sbom, "--osv", osv, "--format", "json", "--output", str(report)]) == 1
    assert capsys.readouterr().out == ""
    document = json.loads(report.read_text(encoding="utf-8"))
    assert document["advisories"] == [{"id": "PYSEC-2019-217", "aliases": ["CVE-2019-10906", "GHSA-462w-v97r-4m45"],
                                       "components": ["pkg:pypi/jinja2@2.7.1"]}]
    assert document["versions"]["osv-snapshot"] == "2024-11-21"
    assert "LM-IS-04" in document["blocking"]


def test_without_osv_the_vulnerability_check_asks_for_a_review(vulnerable, capsys):
    assert cli.default_osv_index() is None
    main([*BASE, "--sbom", vulnerable[0], "--format", "json"])
    assert verdicts_of(capsys.readouterr().out)["LM-IS-04"] == "needs_review"


def test_junit_for_gitlab(tmp_path):
    report = tmp_path / "junit.xml"
    assert main([*BASE, "--publiccode", INVALID, "--format", "junit", "--output", str(report)]) == 1
    root = SafeET.fromstring(report.read_bytes())
    [suite] = root.findall("testsuite")
    assert suite.get("tests") == "40"
    failed = [case.get("name") for case in suite.iter("testcase") if case.find("failure") is not None]
    assert failed == ["LM-LQ-04 [MUSS] Gültige publiccode.yml"]


def test_the_software_type_comes_from_publiccode_unless_given(capsys):
    main([*BASE, "--publiccode", OPENTALK, "--format", "json"])
    assert verdicts_of(capsys.readouterr().out)["LM-BF-01"] == "needs_review"  # standalone/web: applies
    main([*BASE, "--publiccode", OPENTALK, "--format", "json", "--software-type", "library"])
    assert verdicts_of(capsys.readouterr().out)["LM-BF-01"] == "not_applicable"


def test_an_unknown_software_type_in_publiccode_does_not_switch_requirements_off(tmp_path, capsys):
    odd = tmp_path / "publiccode.yml"
    odd.write_text(Path(OPENTALK).read_text(encoding="utf-8").replace('softwareType: "standalone/web"',
                                                                      'softwareType: "kiosk"'), encoding="utf-8")
    assert main([*BASE, "--publiccode", str(odd), "--format", "json"]) == 1  # LM-LQ-04 fails
    assert verdicts_of(capsys.readouterr().out)["LM-BF-01"] == "needs_review"


def test_operating_models_limit_what_applies(capsys):
    main([*BASE, "--format", "json", "--operating-model", "on-premises"])
    found = verdicts_of(capsys.readouterr().out)
    assert found["LM-IS-02"] == "not_applicable"
    main([*BASE, "--format", "json", "--operating-model", "on-premises", "--operating-model", "saas"])
    assert verdicts_of(capsys.readouterr().out)["LM-IS-02"] == "needs_review"


def test_catalogues_are_found_by_version_in_the_configured_directory_or_by_path(tmp_path, monkeypatch, capsys):
    shipped = cli.REPOSITORY_CATALOGUES / "basisanforderungen-1.0.0.yaml"
    assert shipped.is_file()
    shutil.copy(shipped, tmp_path / "basisanforderungen-9.9.9.yaml")
    assert main(["--catalogue", "9.9.9", "--format", "json"]) == 2
    monkeypatch.setenv(cli.CATALOGUE_DIR_VARIABLE, str(tmp_path))
    assert main(["--catalogue", "9.9.9", "--format", "json"]) == 0
    assert main(["--catalogue", str(shipped), "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out.split("\n}\n")[-2] + "\n}")["catalogue_version"] == "1.0.0"


@pytest.mark.parametrize(("arguments", "message"), [
    (["--catalogue", "7.7.7"], "catalogue version 7.7.7 not found"),
    (["--catalogue", "../../nonexistent/katalog.yaml"], "neither a version (like 1.0.0) nor a readable file"),
    ([*BASE, "--publiccode", "/nonexistent/publiccode.yml"], "cannot read /nonexistent/publiccode.yml"),
    ([*BASE, "--osv", "/nonexistent/osv"], "OSV database '/nonexistent/osv' does not exist"),
    ([*BASE, "--output", "/"], "cannot write /"),
    ([*BASE, "--format", "html"], "invalid choice: 'html'"),
    (["--publiccode", OPENTALK], "the following arguments are required: --catalogue"),
    ([*BASE, "--today", "22.11.2026"], "invalid fromisoformat value"),
])
def test_usage_errors_exit_two(arguments, message, capsys):
    assert main(arguments) == 2
    assert message in capsys.readouterr().err


def test_an_invalid_catalogue_file_is_a_usage_error(tmp_path, capsys):
    broken = tmp_path / "katalog.yaml"
    broken.write_text("format: lichtermeer-catalogue/1\nversion: 1\n", encoding="utf-8")
    assert main(["--catalogue", str(broken)]) == 2
    assert f"catalogue {broken} is invalid" in capsys.readouterr().err


def test_the_entry_points_reach_the_same_command(capsys, monkeypatch):
    assert top_level.main(["check", *BASE, "--publiccode", INVALID]) == 1
    assert "LM-LQ-04" in capsys.readouterr().out
    # `python -m lichtermeer.engines.checks`, run in this process (a new one spends seconds importing jsonschema).
    monkeypatch.setattr(sys, "argv", ["python -m lichtermeer.engines.checks", "--help"])
    with pytest.raises(SystemExit) as exit_:
        runpy.run_module("lichtermeer.engines.checks", run_name="__main__")
    assert exit_.value.code == 0
    out = capsys.readouterr().out
    assert "--catalogue VERSION|FILE" in out and "Exit status" in out
