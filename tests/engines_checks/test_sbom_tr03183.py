"""sbom.tr-03183-2 (LM-IS-03): the fields BSI TR-03183-2 asks of an SBOM and of each component."""

import datetime as dt
import json
from pathlib import Path

import lichtermeer.engines.checks.sbom  # noqa: F401 - registers the SBOM checks
from lichtermeer.engines.checks import Bundle, Reference, Status, registry

DATA = Path(__file__).parent / "data" / "sbom"
SHA512 = "0" * 128


def run(name: str, data: bytes) -> dict[str, object]:
    """The results by the TR field they are about ("pass" when there is only the passing one)."""
    chk = registry._CHECKS["sbom.tr-03183-2"]
    results = chk.run(chk, Bundle().add("sbom", name, data), Reference(today=dt.date(2026, 11, 22)))
    assert all(result.explanation.en and result.explanation.de for result in results)
    return {result.details.get("field", "pass"): result for result in results}


def run_file(folder: str, name: str):
    return run(name, (DATA / folder / name).read_bytes())


def complete_bom(**changes) -> dict:
    """A CycloneDX 1.6 SBOM that has everything the TR asks for."""
    bom = {
        "bomFormat": "CycloneDX", "specVersion": "1.6", "version": 1,
        "serialNumber": "urn:uuid:3e671687-395b-41f5-a30f-a58921a69b79",
        "metadata": {"timestamp": "2026-11-01T10:00:00Z",
                     "manufacturer": {"name": "Stadtwerke Lichtermeer", "url": ["https://example.org"]},
                     "component": {"type": "application", "bom-ref": "app", "name": "app", "version": "1.0"}},
        "components": [
            {"type": "library", "bom-ref": f"lib-{n}", "name": f"lib-{n}", "version": "1.0.0",
             "supplier": {"name": "ACME", "contact": [{"email": "oss@example.org"}]},
             "licenses": [{"license": {"id": "MIT"}}], "hashes": [{"alg": "SHA-512", "content": SHA512}],
             "purl": f"pkg:npm/lib-{n}@1.0.0"} for n in range(3)],
        "dependencies": [{"ref": "app", "dependsOn": ["lib-0", "lib-1"]}, {"ref": "lib-1", "dependsOn": ["lib-2"]}],
    }
    bom.update(changes)
    return bom


def encode(bom: dict) -> bytes:
    return json.dumps(bom).encode()


def test_a_complete_sbom_passes():
    found = run("complete.json", encode(complete_bom()))
    assert list(found) == ["pass"] and found["pass"].status == Status.PASS
    assert "all 3 components" in found["pass"].explanation.en


def test_cyclonedx_before_14_fails_the_format():
    found = run_file("bom-examples", "dropwizard-1.3.15.bom.json")
    assert found["format"].status == Status.FAIL
    assert "CycloneDX 1.2" in found["format"].explanation.en and "1.4 or later" in found["format"].explanation.en


def test_missing_licences_are_counted_and_the_first_named():
    found = run_file("bom-examples", "dropwizard-1.3.15.bom.json")
    licence = found["component-licence"]
    assert licence.status == Status.FAIL
    assert licence.explanation.en.startswith("34 of 167 components have no licence; first: bom-ref "
                                             "pkg:maven/io.dropwizard/dropwizard-util@1.3.15?type=jar (/components/8)")
    assert licence.location == "dropwizard-1.3.15.bom.json /components/8"
    assert licence.details["count"] == 34 and len(licence.details["components"]) == 20  # capped list


def test_laravel_fails_on_hashes_and_creator_but_has_dependencies():
    found = run_file("bom-examples", "laravel-7.12.0.bom.1.4.json")
    assert "format" not in found  # 1.4 is enough
    assert found["component-hash"].status == Status.FAIL and found["component-hash"].details["count"] == 62
    assert found["creator"].status == Status.FAIL and "cyclonedx-php-composer" in found["creator"].explanation.en
    assert found["timestamp"].status == Status.FAIL
    assert "dependencies" not in found


def test_hashes_without_sha512_are_a_warning():
    bom = complete_bom()
    bom["components"][1]["hashes"] = [{"alg": "SHA-256", "content": "0" * 64}]
    found = run("sha256.json", encode(bom))
    assert list(found) == ["component-sha512"]
    assert found["component-sha512"].status == Status.WARNING
    assert "1 of 3 components have no SHA-512 hash; first: bom-ref lib-1" in found["component-sha512"].explanation.en


def test_each_missing_component_field_is_reported():
    bom = complete_bom()
    del bom["components"][0]["supplier"]
    del bom["components"][1]["version"]
    del bom["components"][2]["licenses"], bom["components"][2]["hashes"]
    found = run("gaps.json", encode(bom))
    assert {key: result.status for key, result in found.items()} == {
        "component-creator": Status.FAIL, "component-version": Status.FAIL, "component-licence": Status.FAIL,
        "component-hash": Status.FAIL}
    assert "bom-ref lib-1 (/components/1)" in found["component-version"].explanation.en


def test_a_creator_without_contact_is_a_warning_and_tools_are_no_creator():
    bom = complete_bom()
    bom["metadata"]["manufacturer"] = {"name": "Stadtwerke"}
    assert run("nocontact.json", encode(bom))["creator-contact"].status == Status.WARNING
    del bom["metadata"]["manufacturer"]
    bom["metadata"]["tools"] = {"components": [{"type": "application", "name": "syft"}]}
    creator = run("tools.json", encode(bom))["creator"]
    assert creator.status == Status.FAIL and "Only tools are named (syft)" in creator.explanation.en


def test_missing_and_incomplete_dependency_graphs():
    bom = complete_bom()
    bom["dependencies"] = [{"ref": "app", "dependsOn": ["lib-0"]}]
    incomplete = run("incomplete.json", encode(bom))["dependencies-incomplete"]
    assert incomplete.status == Status.WARNING and incomplete.details["count"] == 2
    del bom["dependencies"]
    assert run("nodeps.json", encode(bom))["dependencies"].status == Status.FAIL


def test_bad_purls_are_named_with_the_component():
    found = run_file("osv-scanner", "bad-purls.cdx.xml")
    purls = found["purl"]
    assert purls.status == Status.FAIL
    assert purls.details["count"] == 5
    assert sorted(item["purl"] for item in purls.details["components"]) == ["/", "pkg:///", "pkg:pypi/",
                                                                            "pkg:pypi/", "pkg:pypi/"]
    assert "(line 94): 'pkg:pypi/'" in purls.explanation.en
    assert "missing the required name" in purls.details["components"][0]["problem"]
    assert found["component-name"].details["count"] == 2  # two components with <name></name>


def test_the_good_purls_of_alpine_parse():
    assert "purl" not in run_file("osv-scanner", "alpine.cdx.xml")


def test_spdx_before_23_fails_and_spdx_fields_are_read():
    document = json.loads((DATA / "osv-scanner" / "only-unimportant.spdx.json").read_bytes())
    found = run("only-unimportant.spdx.json", json.dumps(document).encode())
    assert "format" not in found
    assert {"creator", "component-creator", "component-licence", "component-hash", "dependencies"} <= set(found)
    assert "creationInfo.creators" in found["creator"].explanation.en
    document["spdxVersion"] = "SPDX-2.2"
    document["creationInfo"]["creators"].append("Organization: Stadt (oss@example.org)")
    document["packages"][0].update(supplier="Organization: Canonical", licenseConcluded="PCRE",
                                   checksums=[{"algorithm": "SHA512", "checksumValue": SHA512}])
    document["relationships"] = [{"spdxElementId": "SPDXRef-DOCUMENT", "relationshipType": "DEPENDS_ON",
                                  "relatedSpdxElement": document["packages"][0]["SPDXID"]}]
    found = run("older.spdx.json", json.dumps(document).encode())
    assert list(found) == ["format"] and "SPDX 2.3 or later" in found["format"].explanation.en


def test_an_sbom_without_components_fails():
    found = run("empty.json", encode(complete_bom(components=[], dependencies=[])))
    assert found["components"].status == Status.FAIL
