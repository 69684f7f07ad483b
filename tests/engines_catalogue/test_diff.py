"""diff(): field-level changes, the version bump rule, to_dict() and the text rendering."""

import copy

import pytest

from engines_catalogue.samples import requirement
from lichtermeer.engines.catalogue import diff, render_diff_text

# In the example catalogue: LM-BF-01 MUSS (web, mobile), LM-DS-01 MUSS (saas, shared-service, managed-hosting),
# LM-LQ-01 KANN (everywhere), LM-OS-01 SOLL (web, backend).


def new_version(catalogue, change, version="1.1.0"):
    new = copy.deepcopy(catalogue)
    new["version"] = version
    change(new)
    return new


def bump(catalogue, change, **kwargs):
    return diff(catalogue, new_version(catalogue, change), **kwargs).bump


def setter(requirement_id, key, value):
    def change(document):
        requirement(document, requirement_id)[key] = value
    return change


def test_identical_catalogues_need_no_bump(catalogue):
    result = diff(catalogue, new_version(catalogue, lambda d: None))
    assert result.bump is None
    assert result.to_dict() == {"from": "1.0.0", "to": "1.1.0", "bump": None, "added": [], "retired": [],
                                "changed": [], "metadata": []}


def test_reordering_sets_and_spelling_all_differently_is_no_change(catalogue):
    def change(document):
        requirement(document, "LM-DS-01")["evidence"].reverse()
        requirement(document, "LM-LQ-01")["applies_to"] = {"software_types": []}
        del requirement(document, "LM-DS-01")["checks"]  # was [], both: decided by reviewers
        document["requirements"].reverse()
    assert bump(catalogue, change) is None


@pytest.mark.parametrize("change", [
    lambda d: d.update(published="2026-07-01"),
    lambda d: d.update(changelog={"de": "Zweite Fassung.", "en": "Second version."}),
    lambda d: d.update(transition_until="2027-12-31"),
    setter("LM-DS-01", "title", {"de": "Daten in der EU", "en": "Data in the EU"}),
    setter("LM-DS-01", "rationale", {"de": "Weil.", "en": "Because."}),
    setter("LM-DS-01", "references", [{"source": "DSGVO", "ref": "Art. 45"}]),
    setter("LM-DS-01", "review_by", "2028-01-31"),
], ids=["published", "changelog", "transition", "title", "rationale", "references", "review_by"])
def test_non_normative_changes_are_a_patch(catalogue, change):
    assert bump(catalogue, change) == "patch"


@pytest.mark.parametrize(("change", "expected"), [
    (setter("LM-DS-01", "statement", {"de": "Neu.", "en": "New."}), "minor"),
    (setter("LM-DS-01", "checks", ["hosting.eu"]), "minor"),
    (setter("LM-DS-01", "evidence", ["declaration", "contract", "attestation"]), "minor"),  # more accepted
    (setter("LM-DS-01", "applies_to", {"operating_models": ["saas"]}), "minor"),  # narrowed
    (setter("LM-DS-01", "obligation", "SOLL"), "minor"),  # loosened
    (setter("LM-LQ-01", "obligation", "SOLL"), "minor"),  # rose, but not to MUSS
    (setter("LM-OS-01", "applies_to", {}), "minor"),  # widened, but SOLL
    (setter("LM-OS-01", "evidence", ["openapi"]), "minor"),  # narrowed, but SOLL
    (setter("LM-OS-01", "obligation", "MUSS"), "major"),  # rose to MUSS
    (setter("LM-LQ-01", "obligation", "MUSS"), "major"),
    (setter("LM-DS-01", "evidence", ["contract"]), "major"),  # narrowed on a MUSS
    (setter("LM-DS-01", "evidence", ["contract", "attestation"]), "major"),  # declaration no longer accepted
    (setter("LM-DS-01", "applies_to", {"operating_models": ["saas", "shared-service", "managed-hosting",
                                                            "on-premises"]}), "major"),  # widened on a MUSS
    (setter("LM-DS-01", "applies_to", {"software_types": ["standalone/web"]}), "major"),  # models: some -> all
    (setter("LM-BF-01", "applies_to", {"software_types": ["standalone/web", "standalone/desktop"]}), "major"),
], ids=["statement", "checks", "evidence-extended", "narrowed", "loosened", "rose-to-soll", "soll-widened",
        "soll-evidence-narrowed", "soll-to-muss", "kann-to-muss", "muss-evidence-narrowed", "muss-evidence-swapped",
        "muss-widened", "muss-restricted-to-all", "muss-other-type"])
def test_normative_changes(catalogue, change, expected):
    assert bump(catalogue, change) == expected


def test_a_declared_tightening_of_a_muss_requirement_is_major(catalogue):
    change = setter("LM-DS-01", "statement", {"de": "Nur in Deutschland.", "en": "Only in Germany."})
    assert bump(catalogue, change, tightened={"LM-DS-01"}) == "major"
    assert bump(catalogue, change, tightened={"LM-OS-01"}) == "minor"  # declared for another requirement
    soll = setter("LM-OS-01", "statement", {"de": "Streng.", "en": "Strict."})
    assert bump(catalogue, soll, tightened={"LM-OS-01"}) == "minor"  # declared, but SOLL


def test_a_declaration_alone_does_not_make_an_editorial_change_normative(catalogue):
    change = setter("LM-DS-01", "title", {"de": "Neu", "en": "New"})
    result = diff(catalogue, new_version(catalogue, change), tightened={"LM-DS-01"})
    assert result.bump == "patch"
    assert (result.changed[0].normative, result.changed[0].tightening) == (False, False)


def added(obligation):
    def change(document):
        document["requirements"].append({**copy.deepcopy(requirement(document, "LM-OS-01")), "id": "LM-OS-02",
                                         "obligation": obligation})
    return change


@pytest.mark.parametrize(("obligation", "expected"), [("MUSS", "major"), ("SOLL", "minor"), ("KANN", "minor")])
def test_added_requirements(catalogue, obligation, expected):
    assert bump(catalogue, added(obligation)) == expected


@pytest.mark.parametrize("requirement_id", ["LM-DS-01", "LM-LQ-01"])
def test_a_retirement_is_minor(catalogue, requirement_id):
    def change(document):
        document["requirements"] = [r for r in document["requirements"] if r["id"] != requirement_id]
    assert bump(catalogue, change) == "minor"


def combined(document):
    document["published"] = "2026-07-01"
    document["requirements"] = [r for r in document["requirements"] if r["id"] != "LM-LQ-01"]
    added("MUSS")(document)
    ds = requirement(document, "LM-DS-01")
    ds["statement"] = {"de": "Nur in der EU.", "en": ds["statement"]["en"]}
    ds["evidence"] = ["contract"]
    requirement(document, "LM-BF-01")["review_by"] = "2027-12-31"


def test_to_dict_shape_and_order(catalogue):
    result = diff(catalogue, new_version(catalogue, combined, "2.0.0"))
    ds_statement = requirement(catalogue, "LM-DS-01")["statement"]["de"]
    assert result.to_dict() == {
        "from": "1.0.0", "to": "2.0.0", "bump": "major",
        "added": [{"id": "LM-OS-02", "obligation": "MUSS", "category": "open-interfaces",
                   "title": {"de": "Dokumentierte offene Schnittstelle", "en": "Documented open interface"}}],
        "retired": [{"id": "LM-LQ-01", "obligation": "KANN", "category": "licence-source-code",
                     "title": {"de": "Quellcode unter freier Lizenz", "en": "Source code under a free licence"}}],
        "changed": [
            {"id": "LM-BF-01", "title": requirement(catalogue, "LM-BF-01")["title"], "obligation": "MUSS",
             "normative": False, "tightening": False,
             "fields": [{"field": "review_by", "from": "2026-12-31", "to": "2027-12-31"}]},
            {"id": "LM-DS-01", "title": requirement(catalogue, "LM-DS-01")["title"], "obligation": "MUSS",
             "normative": True, "tightening": True,
             "fields": [{"field": "statement.de", "from": ds_statement, "to": "Nur in der EU."},
                        {"field": "evidence", "from": ["declaration", "contract"], "to": ["contract"]}]},
        ],
        "metadata": [{"field": "published", "from": "2026-01-15", "to": "2026-07-01"}],
    }


def test_applies_to_fields_use_none_for_all(catalogue):
    result = diff(catalogue, new_version(catalogue, setter("LM-OS-01", "applies_to", {})))
    assert [f.to_dict() for f in result.changed[0].fields] == [
        {"field": "applies_to.software_types", "from": ["standalone/web", "standalone/backend"], "to": None}]
    assert result.changed[0].tightening is True


def test_render_diff_text_in_german(catalogue):
    text = render_diff_text(diff(catalogue, new_version(catalogue, combined, "2.0.0")))
    assert text.splitlines()[0] == "Katalog 1.0.0 → 2.0.0: Hauptversion (major)"
    assert "Neu (1):\n  + LM-OS-02 [MUSS] Dokumentierte offene Schnittstelle\n" in text
    assert "Gestrichen (1):\n  - LM-LQ-01 [KANN] Quellcode unter freier Lizenz\n" in text
    assert "  ~ LM-DS-01 [MUSS] Verarbeitung personenbezogener Daten in der EU (normativ, Verschärfung)\n" in text
    assert "      statement.de:\n        vorher:  Personenbezogene Daten" in text
    assert "        nachher: Nur in der EU.\n" in text
    assert "      evidence: declaration, contract → contract\n" in text
    assert "  ~ LM-BF-01 [MUSS] Barrierefreie Benutzeroberfläche (redaktionell)\n" in text
    assert "Katalogangaben:\n      published: 2026-01-15 → 2026-07-01\n" in text


def test_render_diff_text_in_english_from_a_stored_dict(catalogue):
    stored = diff(catalogue, new_version(catalogue, setter("LM-OS-01", "applies_to", {}))).to_dict()
    text = render_diff_text(stored, language="en")
    assert text == ("Catalogue 1.0.0 → 1.1.0: minor version\n\n"
                    "Changed (1):\n"
                    "  ~ LM-OS-01 [SOLL] Documented open interface (normative, tightening)\n"
                    "      applies_to.software_types: standalone/web, standalone/backend → all\n")


def test_render_an_empty_diff(catalogue):
    assert render_diff_text(diff(catalogue, catalogue), "en") == "Catalogue 1.0.0 → 1.0.0: no change\n\nNo changes.\n"
