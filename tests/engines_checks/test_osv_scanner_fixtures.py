"""osv-scanner's own SBOM fixtures and recorded OSV API traffic (google/osv-scanner, Apache-2.0).

Their vulnerability findings come from the live OSV database (Alpine, Debian, Go, Ubuntu), not from the pypa
snapshot, so they test purl handling: the (ecosystem, name, version) triples we derive must equal those
osv-scanner sent in its recorded `querybatch` requests, and the components we call unscannable must be the ones it
"Filtered". The last tests build an index from the recorded answers (advisory ids per queried package, turned into
`versions: [queried version]` records): that checks plumbing and output, not range semantics.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path
from types import SimpleNamespace

import pytest
import yaml
from defusedxml import ElementTree

from lichtermeer.engines.checks.model import Status
from lichtermeer.engines.checks.vulnerabilities import NotScannable, OsvIndex, check_components, scan
from lichtermeer.engines.checks.vulnerabilities.scan import lookup_key

DATA = Path(__file__).parent / "data" / "osv" / "osv-scanner"
SBOMS = DATA / "sbom-insecure"
FOLDER = ("alpine-zlib-16.cdx.json", "alpine.cdx.xml", "bad-purls.cdx.xml", "only-unimportant.spdx.json",
          "postgres-stretch.cdx.xml", "with-duplicates.cdx.xml")
TESTS = {  # snapshot entry → fixture files
    "TestCommand/one_specific_supported_sbom_with_vulns": ("alpine.cdx.xml",),
    "TestCommand/one_specific_supported_sbom_with_invalid_PURLs": ("bad-purls.cdx.xml",),
    "TestCommand/one_specific_supported_sbom_with_duplicate_PURLs": ("with-duplicates.cdx.xml",),
    "TestCommand/PURL_SBOM_case_sensitivity_(api)": ("alpine.cdx.xml",),
    "TestCommand/folder_of_supported_sbom_with_vulns": FOLDER,
}


def components_of(name: str) -> list[SimpleNamespace]:
    """The packages of one fixture, read directly (CycloneDX XML/JSON `components`, SPDX JSON `packages`)."""
    path = SBOMS / name
    if name.endswith(".xml"):
        root = ElementTree.parse(path).getroot()
        listed = next(child for child in root if child.tag.endswith("}components"))

        def text(element, tag):
            found = next((child for child in element if child.tag.endswith("}" + tag)), None)
            return found.text if found is not None else None

        return [SimpleNamespace(ref=item.get("bom-ref", ""), type=item.get("type"), name=text(item, "name"),
                                version=text(item, "version"), purl=text(item, "purl"))
                for item in listed if item.tag.endswith("}component")]
    document = json.loads(path.read_text())
    if "packages" in document:  # SPDX
        return [SimpleNamespace(ref=item["SPDXID"], type="library", name=item["name"], version=item.get("versionInfo"),
                                purl=next((ref["referenceLocator"] for ref in item.get("externalRefs", [])
                                           if ref.get("referenceType") == "purl"), None))
                for item in document["packages"]]
    return [SimpleNamespace(ref=item.get("bom-ref", ""), type=item.get("type"), name=item.get("name"),
                            version=item.get("version"), purl=item.get("purl"))
            for item in document.get("components", [])]


@pytest.fixture(scope="module")
def cassette() -> dict[str, list[tuple[tuple[str, str, str], list[str]]]]:
    """Recorded querybatch exchanges by test name: [((ecosystem, name, version), [advisory ids])]."""
    document = yaml.safe_load((DATA / "cassettes" / "TestCommand.yaml").read_text())
    exchanges: dict[str, list] = {}
    for interaction in document["interactions"]:
        test = interaction["request"]["headers"]["X-Test-Name"][0]
        queries = json.loads(interaction["request"]["body"])["queries"]
        answers = json.loads(interaction["response"]["body"])["results"]
        exchanges.setdefault(test, []).extend(
            ((query["package"]["ecosystem"], query["package"]["name"], query["version"]),
             [vuln["id"] for vuln in answer.get("vulns", [])])
            for query, answer in zip(queries, answers, strict=True) if "package" in query)  # not commit queries
    return exchanges


def filtered(test: str) -> int:
    """osv-scanner's "Filtered N local/unscannable package/s" for a snapshot entry."""
    snapshot = (DATA / "__snapshots__" / "command_test.snap").read_text()
    entry = snapshot.split(f"[{test} - 1]\n", 1)[1].split("\n---\n", 1)[0]
    found = re.search(r"Filtered (\d+) local/unscannable", entry)
    return int(found[1]) if found else 0


def our_queries(files) -> tuple[Counter, int]:
    """What we would look up (every component, duplicates included, like osv-scanner's queries) and how many
    components we cannot look up."""
    queries, unscannable = Counter(), 0
    for name in files:
        for component in components_of(name):
            if component.type == "operating-system" and not component.purl:
                continue  # the distribution itself: osv-scanner does not count it as a package either
            key = lookup_key(component.purl, component.version)
            if isinstance(key, NotScannable):
                unscannable += 1
            else:
                queries[(key.ecosystem, key.name, key.version)] += 1
    return queries, unscannable


@pytest.mark.parametrize("test", sorted(TESTS))
def test_it_derives_the_same_queries_as_osv_scanner(test, cassette):
    theirs = Counter(query for query, _ in cassette[test])
    ours, unscannable = our_queries(TESTS[test])
    agreement = sum((ours & theirs).values()) / max(sum((ours | theirs).values()), 1)
    print(f"\n[osv-scanner] {test}: {sum(theirs.values())} queries recorded, {sum(ours.values())} derived, "
          f"agreement {agreement:.1%}; unscannable {unscannable} (osv-scanner filtered {filtered(test)})")
    assert ours == theirs
    assert unscannable == filtered(test)


def test_it_names_seven_unscannable_components_in_bad_purls():
    components = components_of("bad-purls.cdx.xml")
    index = OsvIndex.from_records([{"id": "X", "modified": "2026-01-01T00:00:00Z", "affected": [
        {"package": {"ecosystem": "Alpine:v3.17", "name": "zlib"}, "versions": ["0"]}]}])
    result = scan(components, index)
    purls = sorted(str(component.purl) for component, _ in result.not_scannable)
    assert purls == ["/", "None", "pkg:///", "pkg:apk/alpine/@1.36.1-r27?arch=x86_64&upstream=busybox&"
                     "distro=alpine-3.17.2", "pkg:pypi/", "pkg:pypi/", "pkg:pypi/"]
    assert (result.scanned, len(result.findings), result.platform) == (8, 0, 1)


@pytest.fixture(scope="module")
def recorded_index(cassette) -> OsvIndex:
    """Minimal records from the recorded answers: advisory id → the package versions OSV said it affects."""
    records: dict[str, dict] = {}
    for exchanges in cassette.values():
        for (ecosystem, name, version), ids in exchanges:
            for advisory in ids:
                record = records.setdefault(advisory, {"id": advisory, "modified": "2026-08-07T00:00:00Z",
                                                       "affected": []})
                entry = {"package": {"ecosystem": ecosystem, "name": name}, "versions": [version]}
                if entry not in record["affected"]:
                    record["affected"].append(entry)
    return OsvIndex.from_records(records.values())


def test_it_reports_the_advisories_osv_scanner_reported_for_alpine(recorded_index):
    results = check_components(components_of("alpine.cdx.xml"), recorded_index, "alpine.cdx.xml")
    found = {result.details["component"].split("?")[0]: [item["id"] for item in result.details["advisories"]]
             for result in results if "advisories" in result.details}
    assert found == {"pkg:apk/alpine/musl@1.2.3-r4": ["ALPINE-CVE-2025-26519"],
                     "pkg:apk/alpine/zlib@1.2.10-r0": ["ALPINE-CVE-2018-25032", "ALPINE-CVE-2022-37434"]}
    # The recorded answers carry neither severity nor fixed versions: LM-IS-04 only blocks a fixable vulnerability,
    # so these are warnings; the unscannable busybox binary (no purl) is named.
    assert [result.status for result in results] == [Status.WARNING, Status.WARNING, Status.WARNING]
    assert "no fixed version known" in results[1].explanation.en
    assert "e93bc067bebd50a9" in results[2].explanation.en


def test_it_reports_duplicate_components_once(recorded_index):
    results = check_components(components_of("with-duplicates.cdx.xml"), recorded_index, "with-duplicates.cdx.xml")
    affected = [(result.details["component"].split("?")[0], len(result.details["advisories"]))
                for result in results if "advisories" in result.details]
    assert affected == [("pkg:apk/alpine/musl@1.2.3-r4", 1), ("pkg:apk/alpine/zlib@1.2.10-r0", 2)]


def test_it_matches_debian_go_and_ubuntu_components_of_the_folder(recorded_index):
    found = set()
    for name in FOLDER:
        for result in check_components(components_of(name), recorded_index, name):
            found.update((result.details["ecosystem"], item["id"]) for item in result.details.get("advisories", ()))
    print(f"\n[osv-scanner] folder: {len(found)} (ecosystem, advisory) pairs from the recorded answers")
    assert {("Debian:9", "DLA-3022-1"), ("Go", "GO-2022-0493"), ("Alpine:v3.22", "ALPINE-CVE-2026-22184"),
            ("Ubuntu:20.04:LTS", "UBUNTU-CVE-2017-11164")} <= found
