"""The SBOM reader: CycloneDX JSON/XML and SPDX JSON into one form; hostile input gives `error`, never a crash."""

import datetime as dt
import json
from pathlib import Path

import pytest

from lichtermeer.engines.checks import Bundle, Reference, Status, registry
from lichtermeer.engines.checks.evidence import MAX_BYTES, EvidenceError
from lichtermeer.engines.checks.sbom import Sbom, parse_sbom, sbom_of
from lichtermeer.engines.checks.sbom.model import CYCLONEDX_JSON, CYCLONEDX_XML, SPDX_JSON
from lichtermeer.engines.checks.sbom.parse import MAX_NESTING

DATA = Path(__file__).parent / "data" / "sbom"
SBOM_CHECKS = ("sbom.valid", "sbom.tr-03183-2", "licence.sbom-components-licensed", "licence.compatibility")


def read(folder: str, name: str) -> Sbom:
    sbom = parse_sbom((DATA / folder / name).read_bytes(), name)
    assert isinstance(sbom, Sbom), sbom
    return sbom


def test_cyclonedx_json_components_keep_ref_name_version_purl_licence_and_hashes():
    sbom = read("bom-examples", "dropwizard-1.3.15.bom.json")
    assert (sbom.format, sbom.spec_version, len(sbom.components)) == (CYCLONEDX_JSON, "1.2", 167)
    first = sbom.components[0]
    assert first.ref == first.purl == "pkg:maven/com.fasterxml.jackson.core/jackson-annotations@2.9.10?type=jar"
    assert (first.name, first.version, first.type, first.location) == ("jackson-annotations", "2.9.10", "library",
                                                                       "/components/0")
    assert first.licences == ("Apache-2.0",)
    assert set(first.hashes) >= {"MD5", "SHA-1", "SHA-256", "SHA-512"}
    assert sbom.has_dependency_graph and len(sbom.dependencies) == 167
    assert sbom.subject is not None and sbom.subject.name == "dropwizard-parent"


def test_licence_coverage_of_the_real_sboms_matches_the_corpus_readme():
    expected = {"cern-lhc-vdm-editor-e564943.bom.json": (43, 43), "dropwizard-1.3.15.bom.json": (167, 133),
                "keycloak-10.0.2.bom.json": (903, 873), "laravel-7.12.0.bom.1.4.json": (62, 62),
                "proton-bridge-v1.8.0.bom.json": (201, 193), "juice-shop-via_npm-flat.bom.1.4.json": (1115, 1106)}
    found = {}
    for name in expected:
        sbom = read("bom-examples", name)
        found[name] = (len(sbom.components), sum(1 for c in sbom.components if c.licences))
    assert found == expected


def test_laravel_has_no_hashes_but_authors():
    sbom = read("bom-examples", "laravel-7.12.0.bom.1.4.json")
    assert not any(c.hashes for c in sbom.components)
    assert sbom.components[0].supplier == "Alexander"  # from `author`
    assert sbom.components[0].properties  # composer properties are kept


def test_cyclonedx_xml_reads_like_json_with_line_numbers():
    sbom = read("osv-scanner", "alpine.cdx.xml")
    assert (sbom.format, sbom.spec_version, len(sbom.components)) == (CYCLONEDX_XML, "1.4", 16)
    assert sbom.timestamp == "2023-03-02T12:04:22+11:00" and sbom.tools == ("anchore syft 0.73.0",)
    musl = next(c for c in sbom.components if c.name == "musl")
    assert musl.version == "1.2.3-r4"
    assert musl.purl.startswith("pkg:apk/alpine/musl@1.2.3-r4?arch=x86_64")
    assert musl.licences == ("MIT",)
    assert musl.location.startswith("line ") and int(musl.location.split()[1]) > 18
    assert musl.cpe.startswith("cpe:2.3:a:musl")
    assert not sbom.has_dependency_graph


def test_spdx_packages_become_components():
    sbom = read("osv-scanner", "only-unimportant.spdx.json")
    assert (sbom.format, sbom.spec_version, sbom.timestamp) == (SPDX_JSON, "2.3", "2025-08-26T01:01:15Z")
    [package] = sbom.components
    assert (package.name, package.version) == ("libpcre3", "2:8.39-12ubuntu0.1")
    assert package.purl == "pkg:deb/ubuntu/pcre3@2%3A8.39-12ubuntu0.1?arch=amd64&distro=focal&source=pcre3"
    assert package.licences == () and package.supplier == ""  # NOASSERTION means nothing
    assert sbom.tools == ("SCALIBR",) and sbom.creators == ()


def test_spdx_licences_suppliers_hashes_and_relationships_are_normalised():
    document = json.loads((DATA / "osv-scanner" / "only-unimportant.spdx.json").read_bytes())
    package = document["packages"][0]
    package.update(licenseConcluded="NOASSERTION", licenseDeclared="GPL-2.0-or-later OR MIT",
                   supplier="Organization: Ubuntu (ubuntu-devel@lists.ubuntu.com)",
                   checksums=[{"algorithm": "SHA512", "checksumValue": "ab" * 64}])
    document["packages"].append({"name": "app", "SPDXID": "SPDXRef-app", "downloadLocation": "NONE",
                                 "licenseConcluded": "NONE"})
    document["documentDescribes"] = ["SPDXRef-app"]
    document["relationships"] = [{"spdxElementId": "SPDXRef-app", "relationshipType": "DEPENDS_ON",
                                  "relatedSpdxElement": package["SPDXID"]}]
    sbom = parse_sbom(json.dumps(document).encode(), "x.spdx.json")
    first, app = sbom.components
    assert first.licences == ("GPL-2.0-or-later OR MIT",)
    assert first.supplier == "Ubuntu (ubuntu-devel@lists.ubuntu.com)"
    assert first.hashes == {"SHA-512": "ab" * 64}
    assert app.licences == ()  # NONE: no licence
    assert sbom.subject == app and sbom.dependencies == {"SPDXRef-app": (first.ref,)}


def test_nested_components_are_flattened_with_their_pointer():
    document = {"bomFormat": "CycloneDX", "specVersion": "1.6", "components": [
        {"type": "application", "name": "outer", "components": [{"type": "library", "name": "inner"}]}]}
    sbom = parse_sbom(json.dumps(document).encode(), "nested.json")
    assert [(c.name, c.location) for c in sbom.components] == [("outer", "/components/0"),
                                                               ("inner", "/components/0/components/0")]


def test_nesting_deeper_than_the_limit_is_cut_not_followed():
    inner: dict = {"type": "library", "name": "leaf"}
    for depth in range(MAX_NESTING + 10):
        inner = {"type": "library", "name": f"level{depth}", "components": [inner]}
    sbom = parse_sbom(json.dumps({"bomFormat": "CycloneDX", "specVersion": "1.6", "components": [inner]}).encode(),
                      "deep.json")
    assert len(sbom.components) == MAX_NESTING + 1


def test_fields_of_the_wrong_type_are_ignored_not_fatal():
    document = {"bomFormat": "CycloneDX", "specVersion": "1.5", "metadata": "nope", "components": [
        {"name": 5, "version": ["1"], "licenses": "MIT", "hashes": {"alg": "x"}, "purl": None}, "not an object"]}
    sbom = parse_sbom(json.dumps(document).encode(), "odd.json")
    [component] = sbom.components
    assert (component.name, component.version, component.licences, component.hashes) == ("5", "", (), {})


def test_sbom_of_reads_once_per_bundle():
    bundle = Bundle().add("sbom", "alpine.cdx.xml", (DATA / "osv-scanner" / "alpine.cdx.xml").read_bytes())
    assert sbom_of(bundle) is sbom_of(bundle)
    assert sbom_of(Bundle()) is None


# --- hostile input ----------------------------------------------------------------------------------

BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>
<bom xmlns="http://cyclonedx.org/schema/bom/1.4" version="1"><components><component type="library">
<name>&lol3;</name><version>1</version></component></components></bom>"""
EXTERNAL_ENTITY = b"""<?xml version="1.0"?>
<!DOCTYPE bom [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<bom xmlns="http://cyclonedx.org/schema/bom/1.4" version="1"><components><component type="library">
<name>&xxe;</name><version>1</version></component></components></bom>"""
HOSTILE = {
    "billion-laughs.xml": (BILLION_LAUGHS, "document type declaration"),
    "external-entity.xml": (EXTERNAL_ENTITY, "document type declaration"),
    "broken.json": (b'{"bomFormat": "CycloneDX", "specVersion": "1.4", "components": [}', "line 1, column 65"),
    "huge.json": (b'{"bomFormat": "CycloneDX", "components": [' + b" " * (25 * 1024 * 1024) + b"]}",
                  f"at most {MAX_BYTES} bytes"),
    "deep.json": (b'{"bomFormat": "CycloneDX", "specVersion": "1.4", "components": ' + b"[" * 100_000
                  + b"]" * 100_000 + b"}", "nested too deeply"),
    "latin1.json": ('{"bomFormat": "CycloneDX", "specVersion": "1.4", "metadata": {"authors": [{"name": "Müller"}]}}'
                    .encode("latin-1"), "not UTF-8"),
    "latin1.xml": (('<bom xmlns="http://cyclonedx.org/schema/bom/1.4"><metadata><authors><author><name>Müller'
                    '</name></author></authors></metadata></bom>').encode("latin-1"), "not well-formed XML"),
    "other.xml": (b'<spdx xmlns="http://spdx.org/rdf/terms#"/>', "not a CycloneDX <bom>"),
    "neither.json": (b'{"hello": "world"}', "neither CycloneDX"),
    "spdx3.json": (b'{"@context": "https://spdx.org/rdf/3.0.1/spdx-context.jsonld", "@graph": []}', "SPDX 3"),
    "binary.bin": (bytes(range(256)) * 4, "neither JSON nor XML"),
    "empty.json": (b"", "neither JSON nor XML"),
}


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_hostile_input_gives_error_with_a_reason_in_every_sbom_check(name):
    import lichtermeer.engines.checks.licences  # noqa: F401 - registers the licence checks

    data, reason = HOSTILE[name]
    bundle = Bundle().add("sbom", name, data)
    problem = sbom_of(bundle)
    assert isinstance(problem, EvidenceError)
    assert reason in problem.text.en and problem.text.de
    for check_id in SBOM_CHECKS:
        chk = registry._CHECKS[check_id]
        found = chk.run(chk, bundle, Reference(today=dt.date(2026, 11, 22)))  # no run_check: exceptions surface
        [result] = found if isinstance(found, list) else [found]
        assert result.status == Status.ERROR, (check_id, result)
        assert reason in result.explanation.en and name in result.evidence


def test_an_xml_encoding_that_is_declared_is_read():
    data = ('<?xml version="1.0" encoding="ISO-8859-1"?><bom xmlns="http://cyclonedx.org/schema/bom/1.4">'
            '<components><component type="library"><name>Müller</name><version>1</version></component>'
            '</components></bom>').encode("latin-1")
    [component] = parse_sbom(data, "latin1-declared.xml").components
    assert component.name == "Müller"


def test_a_deep_but_readable_json_document_does_not_crash_validation():
    # Deep enough to pass the JSON reader, placed where the schema has to look at it.
    deep = "[" * 900 + "]" * 900
    data = ('{"bomFormat": "CycloneDX", "specVersion": "1.5", "components": [{"type": "library", "name": "x", '
            f'"properties": [{{"name": "n", "value": {deep}}}]}}]}}').encode()
    chk = registry._CHECKS["sbom.valid"]
    result = chk.run(chk, Bundle().add("sbom", "deep.json", data), Reference())
    assert result.status in (Status.FAIL, Status.ERROR)
    assert result.explanation.en
