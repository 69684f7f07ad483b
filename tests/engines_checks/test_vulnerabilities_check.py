"""The registered check `vulnerabilities.osv` run on evidence bundles with real CycloneDX files (osv-scanner's
fixtures: alpine.cdx.xml by syft, alpine-zlib-16.cdx.json by SCALIBR), read by the shared SBOM reader."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from lichtermeer.engines.checks.evidence import Bundle
from lichtermeer.engines.checks.model import Status
from lichtermeer.engines.checks.reference import Reference
from lichtermeer.engines.checks.vulnerabilities import OsvIndex
from lichtermeer.engines.checks.vulnerabilities import check as osv

SBOMS = Path(__file__).parent / "data" / "osv" / "osv-scanner" / "sbom-insecure"
TODAY = dt.date(2026, 8, 8)

# Reconstructed from osv-scanner's recorded result row for alpine-zlib-16.cdx.json (command_test.snap,
# folder_of_supported_sbom_with_vulns): ALPINE-CVE-2022-37434, Alpine:v3.22, zlib, fixed 1.2.12-r2, CVSS 9.8
# (the CVE's NVD vector is the one below).
ZLIB = {
    "id": "ALPINE-CVE-2022-37434", "modified": "2025-06-01T10:00:00Z", "aliases": ["CVE-2022-37434"],
    "details": "zlib through 1.2.12 has a heap-based buffer over-read or buffer overflow in inflate in inflate.c.",
    "severity": [{"type": "CVSS_V3", "score": "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H"}],
    "affected": [{"package": {"ecosystem": "Alpine:v3.22", "name": "zlib"},
                  "ranges": [{"type": "ECOSYSTEM", "events": [{"fixed": "1.2.12-r2"}, {"introduced": "0"}]}]}],
}
PYPI_ONLY = {"id": "PYSEC-0000-1", "modified": "2024-10-10T17:22:00Z",
             "affected": [{"package": {"ecosystem": "PyPI", "name": "pkg"}, "versions": ["1.0"]}]}


def run(bundle: Bundle, index: OsvIndex | None):
    outcome = osv.osv_check(osv._check(), bundle, Reference(today=TODAY, osv=index))
    return outcome if isinstance(outcome, list) else [outcome]


def test_it_fails_a_real_cyclonedx_json_with_a_fixable_critical_vulnerability():
    bundle = Bundle.from_paths(sbom=str(SBOMS / "alpine-zlib-16.cdx.json"))
    [result] = run(bundle, OsvIndex.from_records([ZLIB]))
    assert result.status == Status.FAIL
    assert result.check == "vulnerabilities.osv" and result.location.endswith("alpine-zlib-16.cdx.json#/components/0")
    assert "zlib 1.2.12-r1 (Alpine:v3.22" in result.explanation.en and "ALPINE-CVE-2022-37434" in result.explanation.en
    assert "CVSS 9.8, fixed in 1.2.12-r2" in result.explanation.en and "advisories as of 2025-06-01" in \
        result.explanation.en
    [advisory] = result.details["advisories"]
    assert {key: advisory[key] for key in ("id", "aliases", "component", "version", "fixed")} == {
        "id": "ALPINE-CVE-2022-37434", "aliases": ["CVE-2022-37434"],
        "component": "6756e583-83d8-4a08-a573-d2e9506cbd93", "version": "1.2.12-r1", "fixed": ["1.2.12-r2"]}


def test_it_accepts_a_vex_statement_in_the_sbom_for_review(tmp_path):
    document = json.loads((SBOMS / "alpine-zlib-16.cdx.json").read_text())
    document["vulnerabilities"] = [{"id": "CVE-2022-37434", "analysis": {
        "state": "not_affected", "justification": "code_not_reachable", "detail": "inflateGetHeader is never called"},
        "affects": [{"ref": "6756e583-83d8-4a08-a573-d2e9506cbd93"}]}]
    path = tmp_path / "with-vex.cdx.json"
    path.write_text(json.dumps(document))
    [result] = run(Bundle.from_paths(sbom=str(path)), OsvIndex.from_records([ZLIB]))
    assert result.status == Status.NEEDS_REVIEW
    assert "not_affected: code_not_reachable" in result.explanation.en and "Begründung" in result.explanation.de


def test_it_passes_when_the_fix_is_installed_and_still_names_the_date(tmp_path):
    document = json.loads((SBOMS / "alpine-zlib-16.cdx.json").read_text())
    document["components"][0]["purl"] = document["components"][0]["purl"].replace("1.2.12-r1", "1.2.12-r10")
    path = tmp_path / "fixed.cdx.json"
    path.write_text(json.dumps(document))
    [result] = run(Bundle.from_paths(sbom=str(path)), OsvIndex.from_records([ZLIB]))
    assert result.status == Status.PASS  # r10 > r2 (a text comparison would say otherwise)
    assert "advisories as of 2025-06-01" in result.explanation.en and "Stand 2025-06-01" in result.explanation.de


def test_it_does_not_pass_components_of_ecosystems_the_database_does_not_cover():
    results = run(Bundle.from_paths(sbom=str(SBOMS / "alpine.cdx.xml")), OsvIndex.from_records([PYPI_ONLY]))
    assert [result.status for result in results] == [Status.NEEDS_REVIEW, Status.WARNING]
    assert "Alpine:v3.17 (14)" in results[0].explanation.en and "ecosystems: PyPI" in results[0].explanation.en
    assert [item["component"] for item in results[1].details["not_scannable"]] == ["e93bc067bebd50a9"]
    assert all(result.details["snapshot"] == "2024-10-10" for result in results)


def test_it_needs_review_without_an_advisory_database_or_without_an_sbom():
    [no_database] = run(Bundle.from_paths(sbom=str(SBOMS / "alpine.cdx.xml")), None)
    assert no_database.status == Status.NEEDS_REVIEW and "No advisory database" in no_database.explanation.en
    [no_sbom] = run(Bundle(), OsvIndex.from_records([PYPI_ONLY]))
    assert no_sbom.status == Status.NEEDS_REVIEW and "advisories as of 2024-10-10" in no_sbom.explanation.en


def test_it_reports_an_unreadable_sbom_as_an_error_with_the_date():
    bundle = Bundle().add("sbom", "bom.json", b'{"bomFormat": "CycloneDX", "components": [')
    [result] = run(bundle, OsvIndex.from_records([PYPI_ONLY]))
    assert result.status == Status.ERROR and "bom.json" in result.explanation.en
    assert "advisories as of 2024-10-10" in result.explanation.en and result.location.startswith("bom.json")


def test_it_decides_lm_is_04_through_the_registry_and_the_catalogue():
    import yaml

    from lichtermeer.engines.checks import assess, registry

    assert registry.get("vulnerabilities.osv").requirements == ("LM-IS-04",)
    catalogue = yaml.safe_load((Path(__file__).parents[2] / "data" / "catalogue" /
                                "basisanforderungen-1.0.0.yaml").read_text(encoding="utf-8"))
    bundle = Bundle.from_paths(sbom=str(SBOMS / "alpine-zlib-16.cdx.json"))
    assessment = assess(bundle, catalogue, Reference(today=TODAY, osv=OsvIndex.from_records([ZLIB])))
    verdict = next(item for item in assessment.verdicts if item.requirement == "LM-IS-04")
    assert verdict.verdict == "fail" and "LM-IS-04" in [item.requirement for item in assessment.blocking]
    assert assessment.versions["osv-snapshot"] == "2025-06-01"
