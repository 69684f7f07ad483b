"""The compiled fast path of sbom.valid (sbom/compiled.py): same decisions as jsonschema, never a looser one.

The safety rule: "compiled says valid" must imply "jsonschema says valid"; the other way round only costs a
jsonschema run. Run with -s for the figures.
"""

import copy
import datetime as dt
import hashlib
import json
import random
import sys
import time
from pathlib import Path

import pytest

from lichtermeer.engines.checks import Bundle, Reference, Status, registry
from lichtermeer.engines.checks.sbom import compiled, jsonschemas
from lichtermeer.engines.checks.sbom import validate as validate_module

DATA = Path(__file__).parent / "data" / "sbom"
SPEC_TESTS = sorted((DATA / "cyclonedx-spec-tests").glob("*/*.json"))
REAL = sorted((DATA / "bom-examples").glob("*.json"))
OTHER_JSON = sorted((DATA / "osv-scanner").glob("*.json"))
SPEC_VERSIONS = ("1.2", "1.3", "1.4", "1.5", "1.6", "1.7")


def decisions(document, version: str = "") -> tuple[bool, bool]:
    """(compiled, jsonschema) for one document, against the schema of `version` (default: the one it states)."""
    if "spdxVersion" in document:
        return compiled.spdx23_compiled()(document), jsonschemas.spdx23_validator().is_valid(document)
    version = version or document["specVersion"]
    return (compiled.cyclonedx_compiled(version)(document),
            jsonschemas.cyclonedx_validator(version).is_valid(document))


def run_check(name: str, document) -> object:
    chk = registry._CHECKS["sbom.valid"]
    data = json.dumps(document).encode()
    return chk.run(chk, Bundle().add("sbom", name, data), Reference(today=dt.date(2026, 11, 22)))


def generated_sbom(components: int, seed: int = 7) -> dict:
    """The shape bench/reassess.py generates: CycloneDX 1.5 with every TR-03183-2 field."""
    rng = random.Random(seed)
    items = [{"type": "library", "bom-ref": f"c{i}", "name": f"package-{i}", "version": f"{rng.randint(1, 40)}.0.0",
              "supplier": {"name": f"package-{i} maintainers"}, "purl": f"pkg:pypi/package-{i}@1.0.0",
              "licenses": [{"license": {"id": rng.choice(["MIT", "Apache-2.0", "BSD-3-Clause"])}}],
              "hashes": [{"alg": "SHA-512", "content": hashlib.sha512(f"{i}".encode()).hexdigest()}]}
             for i in range(components)]
    return {"bomFormat": "CycloneDX", "specVersion": "1.5",
            "serialNumber": "urn:uuid:3e671687-395b-41f5-a30f-a58921a69b79", "version": 1,
            "metadata": {"timestamp": "2026-11-01T10:00:00Z",
                         "authors": [{"name": "Bench GmbH", "email": "sbom@bench.example"}],
                         "supplier": {"name": "Bench GmbH"},
                         "component": {"type": "application", "bom-ref": "app", "name": "app", "version": "1.0.0"}},
            "components": items,
            "dependencies": [{"ref": "app", "dependsOn": [item["bom-ref"] for item in items]}]
            + [{"ref": item["bom-ref"], "dependsOn": []} for item in items]}


def test_every_supported_schema_version_compiles():
    assert all(compiled.cyclonedx_compiled(version) is not None for version in SPEC_VERSIONS)
    assert compiled.spdx23_compiled() is not None
    assert compiled.UNAVAILABLE == {}
    assert validate_module.has_fast_path("CycloneDX JSON", "1.5")
    assert not validate_module.has_fast_path("CycloneDX XML", "1.5")
    assert not validate_module.has_fast_path("CycloneDX JSON", "9.9")


def test_it_decides_like_jsonschema_on_every_spec_test_file_and_real_sbom():
    assert (len(SPEC_TESTS), len(REAL)) == (60, 6)
    disagreements, valid = [], 0
    for path in [*SPEC_TESTS, *REAL, *OTHER_JSON]:
        fast, reference = decisions(json.loads(path.read_bytes()))
        valid += fast
        if fast != reference:
            disagreements.append(f"{path.name}: compiled {fast}, jsonschema {reference}")
    print(f"\n[fastpath] {len(SPEC_TESTS) + len(REAL) + len(OTHER_JSON)} files, {valid} valid, "
          f"{len(disagreements)} disagreements")
    assert disagreements == []
    assert valid == 25 + 6 + 1  # valid- spec files, real SBOMs, the SPDX fixture


@pytest.mark.parametrize("mutation", [
    "duplicate component with its keys reordered",
    "licence id not in the SPDX list",
    "boolean where an enum of strings is",
    "IRI with a space",
    "timestamp not a date-time",
    "e-mail without @",
    "unknown property",
    "hash of the wrong length",
])
def test_it_rejects_what_jsonschema_rejects(mutation):
    document = json.loads((DATA / "cyclonedx-spec-tests" / "1.6" / "valid-bom-1.6.json").read_bytes())
    component = document["components"][0]
    if mutation.startswith("duplicate"):
        component["properties"] = [{"name": "n", "value": "1"}]
        document["components"].append(dict(reversed(list(copy.deepcopy(component).items()))))
    elif mutation.startswith("licence"):
        component["licenses"] = [{"license": {"id": "Not-A-Licence"}}]
    elif mutation.startswith("boolean"):
        component["type"] = True
    elif mutation.startswith("IRI"):
        document["externalReferences"] = [{"type": "website", "url": "http://exa mple.org/"}]
    elif mutation.startswith("timestamp"):
        document["metadata"]["timestamp"] = "2020-13-45T00:00:00Z"
    elif mutation.startswith("e-mail"):
        document["metadata"]["authors"] = [{"name": "A", "email": "nobody"}]
    elif mutation.startswith("unknown"):
        component["colour"] = "blue"
    else:
        component["hashes"] = [{"alg": "SHA-256", "content": "abc"}]
    assert decisions(document) == (False, False)
    result = run_check("mutated.json", document)
    assert result.status == Status.FAIL and result.details["problems"]  # the positioned list comes from jsonschema


def test_uniqueness_is_json_equality():
    assert not compiled.unique_items([{"a": 1, "b": "x"}, {"b": "x", "a": 1.0}])  # 1 == 1.0, order does not count
    assert not compiled.unique_items([[1, {"c": [True]}], [1.0, {"c": [True]}]])
    assert compiled.unique_items([True, 1]) and compiled.unique_items([{"a": True}, {"a": 1}])
    assert compiled.unique_items([{"a": "x", "n": [1]}, {"a": "x", "n": [2]}])


def test_components_that_differ_only_in_nested_values_are_unique_for_both():
    document = json.loads((DATA / "cyclonedx-spec-tests" / "1.6" / "valid-bom-1.6.json").read_bytes())
    twin = copy.deepcopy(document["components"][0])
    twin["properties"] = [{"name": "other", "value": "2"}]
    document["components"].append(twin)
    assert compiled.unique_items(document["components"])
    assert decisions(document) == (True, True)


def test_where_only_jsonschema_accepts_the_answer_is_still_jsonschemas():
    # `$` in a pattern: re.search accepts a final newline, the compiled pattern does not. The compiled
    # validator is the stricter one, so the document goes through jsonschema, which passes it.
    document = json.loads((DATA / "cyclonedx-spec-tests" / "1.6" / "valid-bom-1.6.json").read_bytes())
    document["serialNumber"] += "\n"
    assert decisions(document) == (False, True)
    assert run_check("newline.json", document).status == Status.PASS


def test_randomly_broken_documents_are_never_passed_by_the_compiled_validator_alone():
    rng = random.Random(20261122)
    values = [None, True, 0, 1.0, "", "x y", "MIT", "library", "2020-13-01T00:00:00Z", "nobody", [], {}, [1, 1.0],
              "abc\n", "https://é.example/ä"]
    bases = [json.loads(path.read_bytes()) for path in SPEC_TESTS if path.name.startswith("valid-")]
    unsafe, checked = [], 0
    for _ in range(400):
        base = rng.choice(bases)
        document = copy.deepcopy(base)
        places = [document]
        while places:  # pick a random container and break one member
            container = places.pop()
            keys = list(container) if isinstance(container, dict) else list(range(len(container)))
            if not keys:
                break
            key = rng.choice(keys)
            if rng.random() < 0.5 and isinstance(container[key], dict | list) and container[key]:
                places.append(container[key])
                continue
            choice = rng.random()
            if choice < 0.5:
                container[key] = copy.deepcopy(rng.choice(values))
            elif choice < 0.75 and isinstance(container, list):
                container.append(copy.deepcopy(container[key]))
            elif isinstance(container, dict):
                del container[key]
        fast, reference = decisions(document, base["specVersion"])
        checked += 1
        if fast and not reference:
            unsafe.append(json.dumps(document)[:200])
    assert checked == 400 and unsafe == []


def test_the_document_is_not_changed_and_no_reference_leaves_the_machine(monkeypatch):
    import urllib.request

    def refuse(*args, **kwargs):
        raise AssertionError("network access")

    monkeypatch.setattr(urllib.request, "urlopen", refuse)
    compiled.cyclonedx_compiled.cache_clear()
    try:
        document = json.loads((DATA / "cyclonedx-spec-tests" / "1.6" / "valid-bom-1.6.json").read_bytes())
        before = copy.deepcopy(document)
        assert compiled.cyclonedx_compiled("1.6")(document)  # refers to spdx and jsf schema files
        assert document == before  # no `default` written into it
        with pytest.raises(Exception, match="unknown document"):
            compiled._local_document("http://attacker.example/x.schema.json")
    finally:
        compiled.cyclonedx_compiled.cache_clear()


def test_a_schema_that_does_not_compile_falls_back_to_jsonschema(monkeypatch):
    def broken(schema):
        raise ValueError("cannot compile")

    compiled.cyclonedx_compiled.cache_clear()
    monkeypatch.setattr(compiled, "_compile", broken)
    monkeypatch.setattr(compiled, "UNAVAILABLE", {})
    try:
        assert not validate_module.has_fast_path("CycloneDX JSON", "1.6")
        assert compiled.UNAVAILABLE == {"CycloneDX 1.6": "ValueError: cannot compile"}
        document = json.loads((DATA / "cyclonedx-spec-tests" / "1.6" / "valid-bom-1.6.json").read_bytes())
        assert run_check("ok.json", document).status == Status.PASS
        document["components"][0]["type"] = "nonsense"
        assert run_check("bad.json", document).status == Status.FAIL
    finally:
        compiled.cyclonedx_compiled.cache_clear()


def test_a_valid_300_component_sbom_takes_at_most_40_ms():
    document = generated_sbom(300)
    validator = compiled.cyclonedx_compiled("1.5")
    assert validator(document)
    timings = []
    for _ in range(5):
        started = time.perf_counter()
        validator(document)
        timings.append((time.perf_counter() - started) * 1000)
    print(f"\n[fastpath] 300 components, CycloneDX 1.5: best {min(timings):.1f} ms of 5")
    assert min(timings) <= 40


# --- per-component costs of the re-assessment: purls parsed once, advisory texts built once ---------------

PYPI_RECORD = {"id": "PYSEC-0000-7", "modified": "2024-10-10T17:22:00Z", "aliases": ["CVE-0000-7"],
               "severity": [{"type": "CVSS_V3", "score": "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H"}],
               "affected": [{"package": {"ecosystem": "PyPI", "name": "package-3"},
                             "ranges": [{"type": "ECOSYSTEM", "events": [{"introduced": "0"}, {"fixed": "99"}]}]}]}


def test_a_purl_is_parsed_once_for_tr_03183_2_and_the_vulnerability_scan():
    from lichtermeer.engines.checks.sbom.purls import parse_purl
    from lichtermeer.engines.checks.vulnerabilities import OsvIndex

    document = generated_sbom(20, seed=11)
    document["components"][5]["purl"] = "pkg:pypi/broken@1.0@@?%zz"
    parse_purl.cache_clear()
    sys.modules["lichtermeer.engines.checks.vulnerabilities.scan"]._purl_memo.clear()  # its own (purl, version) memo
    bundle = Bundle().add("sbom", "bom.json", json.dumps(document).encode())
    reference = Reference(today=dt.date(2026, 11, 22), osv=OsvIndex.from_records([PYPI_RECORD]))
    for check_id in ("sbom.tr-03183-2", "vulnerabilities.osv"):
        results = registry.run_check(registry._CHECKS[check_id], bundle, reference)
        assert all(result.status != Status.ERROR for result in results)
    info = parse_purl.cache_info()
    assert info.misses == 20  # each distinct purl once, whichever check came first
    assert info.hits >= 20  # the scan found every purl parsed already


def test_the_advisory_words_of_a_match_are_not_taken_from_another_match():
    # Memoised by id(match); an id can be reused once a Match is garbage: the object itself must be compared.
    from lichtermeer.engines.checks.vulnerabilities import OsvIndex
    from lichtermeer.engines.checks.vulnerabilities import check as osv_check

    [first] = OsvIndex.from_records([PYPI_RECORD]).match("PyPI", "package-3", "1.0")
    other = dict(PYPI_RECORD, id="PYSEC-0000-8", aliases=[], severity=[])
    [second] = OsvIndex.from_records([other]).match("PyPI", "package-3", "1.0")
    osv_check._match_words[id(second)] = (first, osv_check._words(first))  # as if `second` reused first's id
    words = osv_check._words(second)
    assert words.listed_en.startswith("PYSEC-0000-8: severity not stated")
    assert (words.status, words.category) == (Status.NEEDS_REVIEW, "unrated")
    assert osv_check._words(first).listed_en.startswith("PYSEC-0000-7 (CVE-0000-7): CVSS 9.8")
