"""Licence checks: licence.spdx-valid (LM-LQ-02), licence.osi-approved (LM-LQ-01),
licence.sbom-components-licensed and licence.compatibility (LM-LQ-03)."""

import datetime as dt
import json
from pathlib import Path

import pytest

from lichtermeer.engines.checks import Bundle, Reference, Status, registry
from lichtermeer.engines.checks import licences as module
from lichtermeer.engines.publiccode.findings import ParseResult
from publiccode_samples import MINIMAL

DATA = Path(__file__).parent / "data" / "sbom"
LICENCE_LINE = MINIMAL.splitlines().index("  license: AGPL-3.0-or-later") + 1


def publiccode(licence: str = "AGPL-3.0-or-later", text: str = MINIMAL) -> bytes:
    return text.replace("AGPL-3.0-or-later", licence).encode()


def run(check_id: str, bundle: Bundle) -> list:
    chk = registry._CHECKS[check_id]
    found = chk.run(chk, bundle, Reference(today=dt.date(2026, 11, 22)))
    found = found if isinstance(found, list) else [found]
    assert all(result.explanation.en and result.explanation.de for result in found)
    return found


def one(check_id: str, bundle: Bundle):
    [result] = run(check_id, bundle)
    return result


def solution(licence: str = "AGPL-3.0-or-later", *, sbom: tuple[str, bytes] | None = None) -> Bundle:
    bundle = Bundle().add("publiccode", "publiccode.yml", publiccode(licence))
    if sbom is not None:
        bundle.add("sbom", *sbom)
    return bundle


def bom(*licences: tuple[str, ...] | str, subject: str | None = None) -> tuple[str, bytes]:
    """A CycloneDX 1.6 SBOM with one component per entry (a string is an expression, a tuple a list of ids)."""
    components = []
    for n, entry in enumerate(licences):
        stated = ([{"expression": entry}] if isinstance(entry, str) else
                  [{"license": {"id": item}} for item in entry])
        components.append({"type": "library", "bom-ref": f"lib-{n}", "name": f"lib-{n}", "version": "1",
                           "purl": f"pkg:npm/lib-{n}@1", **({"licenses": stated} if stated else {})})
    document = {"bomFormat": "CycloneDX", "specVersion": "1.6", "components": components}
    if subject is not None:
        document["metadata"] = {"component": {"type": "application", "bom-ref": "app", "name": "app",
                                              "licenses": [{"expression": subject}]}}
    return "bom.json", json.dumps(document).encode()


# --- licence.spdx-valid -----------------------------------------------------------------------------

def test_a_valid_expression_passes_and_names_the_line():
    result = one("licence.spdx-valid", solution())
    assert result.status == Status.PASS
    assert result.location == f"publiccode.yml:{LICENCE_LINE}"


@pytest.mark.parametrize(("licence", "named"), [("Invalid License", "Invalid, License"),
                                                ("EUPL-1.2 OR Foo-1.0", "Foo-1.0"),
                                                ("MIT WITH Made-up-exception", "Made-up-exception")])
def test_it_rejects_unknown_licence_ids_by_name(licence, named):
    result = one("licence.spdx-valid", solution(licence))
    assert result.status == Status.FAIL
    assert f"not on the SPDX License List: {named}." in result.explanation.en
    assert named in result.explanation.de


@pytest.mark.parametrize("licence", ["MIT OR", "(MIT", "MIT Apache-2.0", "Classpath-exception-2.0"])
def test_it_rejects_broken_expressions(licence):
    result = one("licence.spdx-valid", solution(licence))
    assert result.status == Status.FAIL
    assert "is not a valid SPDX licence expression" in result.explanation.en and result.details["syntax_error"]


def test_deprecated_ids_are_a_warning_with_their_successor():
    result = one("licence.spdx-valid", solution("GPL-3.0 OR GPL-2.0+"))
    assert result.status == Status.WARNING
    assert "GPL-3.0 (use GPL-3.0-only), GPL-2.0+ (use GPL-2.0-or-later)" in result.explanation.en


def test_own_licence_refs_are_valid_with_a_reminder_of_the_text():
    result = one("licence.spdx-valid", solution("LicenseRef-Stadt-Lichtermeer-1.0"))
    assert result.status == Status.WARNING and "full text" in result.explanation.en


def test_a_missing_licence_fails_and_a_missing_publiccode_needs_review():
    text = MINIMAL.replace("legal:\n  license: AGPL-3.0-or-later\n", "")
    result = one("licence.spdx-valid", Bundle().add("publiccode", "publiccode.yml", text.encode()))
    assert result.status == Status.FAIL and "legal.license" in result.explanation.en
    assert one("licence.spdx-valid", Bundle()).status == Status.NEEDS_REVIEW


def test_the_licence_is_read_even_when_the_publiccode_is_otherwise_invalid():
    text = MINIMAL.replace("developmentStatus: development", "developmentStatus: [1, 2]")
    bundle = Bundle().add("publiccode", "publiccode.yml", publiccode("EUPL-1.2", text))
    result = one("licence.spdx-valid", bundle)
    assert result.status == Status.PASS and "EUPL-1.2" in result.explanation.en
    # The parse is shared with publiccode.valid under the agreed cache key.
    assert isinstance(bundle.parsed("publiccode", lambda: None), ParseResult)


def test_unreadable_yaml_is_an_error():
    bundle = Bundle().add("publiccode", "publiccode.yml", b"legal: [\n  license: : :\n")
    result = one("licence.spdx-valid", bundle)
    assert result.status == Status.ERROR and "not valid YAML" in result.explanation.en


# --- licence.osi-approved ---------------------------------------------------------------------------

@pytest.mark.parametrize("licence", ["EUPL-1.2", "AGPL-3.0-or-later", "MIT OR Apache-2.0", "GPL-2.0-only WITH "
                                     "Classpath-exception-2.0", "Apache-2.0 OR CC-BY-NC-4.0"])
def test_open_licences_pass(licence):
    assert one("licence.osi-approved", solution(licence)).status == Status.PASS


@pytest.mark.parametrize(("licence", "named"), [("CC-BY-NC-4.0", "CC-BY-NC-4.0"),
                                                ("MIT AND CC-BY-NC-SA-4.0", "CC-BY-NC-SA-4.0"),
                                                ("Proprietary", "Proprietary")])
def test_licences_that_are_not_open_fail_by_name(licence, named):
    result = one("licence.osi-approved", solution(licence))
    assert result.status == Status.FAIL
    assert f"(not open: {named})" in result.explanation.en


def test_a_broken_expression_is_not_taken_for_an_open_licence():
    result = one("licence.osi-approved", solution("MIT OR"))
    assert result.status == Status.FAIL and "not a valid SPDX expression" in result.explanation.en


def test_own_licences_need_review_and_not_publicly_funded_is_not_applicable():
    assert one("licence.osi-approved", solution("LicenseRef-Stadt-1.0")).status == Status.NEEDS_REVIEW
    bundle = solution("CC-BY-NC-4.0")
    bundle.facts["publicly_funded"] = False
    assert one("licence.osi-approved", bundle).status == Status.NOT_APPLICABLE


# --- licence.sbom-components-licensed ---------------------------------------------------------------

@pytest.mark.parametrize(("name", "unlicensed"), [("dropwizard-1.3.15.bom.json", 34), ("keycloak-10.0.2.bom.json", 30),
                                                  ("proton-bridge-v1.8.0.bom.json", 8),
                                                  ("juice-shop-via_npm-flat.bom.1.4.json", 9)])
def test_licence_coverage_fails_on_the_real_sboms_that_lack_licences(name, unlicensed):
    bundle = Bundle().add("sbom", name, (DATA / "bom-examples" / name).read_bytes())
    missing = run("licence.sbom-components-licensed", bundle)[0]
    assert missing.status == Status.FAIL
    assert missing.details["count"] == unlicensed
    assert missing.explanation.en.startswith(f"{unlicensed} of ")
    first = missing.details["components"][0]
    assert f"bom-ref {first['ref']} ({first['location']})" in missing.explanation.en


@pytest.mark.parametrize("name", ["laravel-7.12.0.bom.1.4.json", "cern-lhc-vdm-editor-e564943.bom.json"])
def test_licence_coverage_passes_where_every_component_has_an_spdx_licence(name):
    bundle = Bundle().add("sbom", name, (DATA / "bom-examples" / name).read_bytes())
    assert one("licence.sbom-components-licensed", bundle).status == Status.PASS


def test_free_text_licences_are_not_spdx():
    name = "juice-shop-via_npm-flat.bom.1.4.json"
    found = run("licence.sbom-components-licensed", Bundle().add("sbom", name, (DATA / "bom-examples" / name)
                                                                  .read_bytes()))
    free_text = found[1]
    assert free_text.status == Status.FAIL and free_text.details["count"] == 4
    assert "bom-ref chainsaw@0.1.0 (/components/193): 'MIT/X11'" in free_text.explanation.en


def test_an_unknown_licence_id_in_a_component_is_named():
    result = one("licence.sbom-components-licensed", Bundle().add("sbom", *bom("MIT", "Not-A-Licence-1.0")))
    assert result.status == Status.FAIL and "bom-ref lib-1 (/components/1): 'Not-A-Licence-1.0'" in \
        result.explanation.en


def test_spdx_noassertion_counts_as_no_licence():
    name = "only-unimportant.spdx.json"
    result = one("licence.sbom-components-licensed", Bundle().add("sbom", name, (DATA / "osv-scanner" / name)
                                                                   .read_bytes()))
    assert result.status == Status.FAIL and result.details["components"][0]["purl"].startswith("pkg:deb/ubuntu/pcre3")


# --- licence.compatibility --------------------------------------------------------------------------

def test_compatible_components_pass():
    result = one("licence.compatibility", solution("EUPL-1.2", sbom=bom("MIT", "BSD-3-Clause", ("ISC",))))
    assert result.status == Status.PASS and "all 3 component licences" in result.explanation.en


def test_an_incompatible_component_fails_by_name():
    result = one("licence.compatibility", solution("EUPL-1.2", sbom=bom("MIT", "GPL-3.0-only")))
    assert result.status == Status.FAIL
    assert "bom-ref lib-1 (/components/1): GPL-3.0-only in EUPL-1.2" in result.explanation.en
    assert result.details["counts"] == {"Yes": 1, "No": 1}


def test_or_is_compatible_if_any_choice_is_and_needs_all():
    assert one("licence.compatibility", solution("EUPL-1.2", sbom=bom("GPL-3.0-only OR MIT"))).status == Status.PASS
    assert one("licence.compatibility", solution("EUPL-1.2", sbom=bom("GPL-3.0-only AND MIT"))).status == Status.FAIL
    # Several licence entries are a choice (Maven/npm `licenses` lists), like OR.
    assert one("licence.compatibility", solution("EUPL-1.2", sbom=bom(("GPL-3.0-only", "MIT")))).status == \
        Status.PASS


def test_unknown_check_dependency_unlisted_and_unlicensed_need_review_never_pass():
    found = run("licence.compatibility", solution("AGPL-3.0-or-later", sbom=bom(
        "LGPL-2.1-or-later", "CC-BY-3.0", "LicenseRef-own", ())))
    [result] = found
    assert result.status == Status.NEEDS_REVIEW
    assert result.details["counts"] == {"Check dependency": 1, "Unknown": 1, "Undefined": 1, "unlicensed": 1}
    for part in ("1 need a dependency check", "1 have a compatibility OSADL marks as unknown",
                 "1 have licences that are not in the OSADL matrix", "1 state no licence"):
        assert part in result.explanation.en


def test_a_fail_and_a_review_are_reported_side_by_side():
    found = run("licence.compatibility", solution("EUPL-1.2", sbom=bom("GPL-3.0-only", "Apache-2.0")))
    assert [result.status for result in found] == [Status.FAIL, Status.NEEDS_REVIEW]


def test_every_offered_outbound_licence_must_work():
    # "EUPL-1.2 OR GPL-3.0-or-later" offers EUPL-1.2 too, and a GPL-3.0-only component cannot go into that.
    result = run("licence.compatibility", solution("EUPL-1.2 OR GPL-3.0-or-later", sbom=bom("GPL-3.0-only")))[0]
    assert result.status == Status.FAIL and "GPL-3.0-only in EUPL-1.2" in result.explanation.en


def test_the_sbom_main_component_licence_is_used_without_publiccode():
    bundle = Bundle().add("sbom", *bom("GPL-3.0-only", subject="MIT"))
    result = one("licence.compatibility", bundle)
    assert result.status == Status.FAIL and "'MIT'" in result.explanation.en
    assert result.details["outbound_source"] == "bom.json /metadata/component"


def test_an_unknown_solution_licence_needs_review():
    assert one("licence.compatibility", Bundle().add("sbom", *bom("MIT"))).status == Status.NEEDS_REVIEW
    result = one("licence.compatibility", solution("CC0-1.0", sbom=bom("MIT")))
    assert result.status == Status.NEEDS_REVIEW and "not in the OSADL compatibility matrix" in result.explanation.en


def test_juice_shop_under_agpl_names_the_gpl_2_only_component():
    name = "juice-shop-via_npm-flat.bom.1.4.json"
    found = run("licence.compatibility", solution(sbom=(name, (DATA / "bom-examples" / name).read_bytes())))
    assert found[0].status == Status.FAIL
    assert "bom-ref fuzzball@1.4.0 (/components/421): GPL-2.0 in AGPL-3.0-or-later" in found[0].explanation.en


def test_expression_analysis_is_case_insensitive_for_ids():
    found = module.analyse("mit or apache-2.0")
    assert found.valid and found.ids == ("MIT", "Apache-2.0")
