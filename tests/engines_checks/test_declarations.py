"""The declarations file and its four checks: processing location, DPA, export formats, attestation."""

import datetime as dt
import json
from pathlib import Path

import pytest
import yaml

from lichtermeer.engines.checks import Bundle, Reference, Status, registry
from lichtermeer.engines.checks import declarations as module

COMPLETE = (Path(__file__).parent / "data" / "declarations" / "complete.yml").read_text(encoding="utf-8")
TODAY = dt.date(2026, 11, 22)
CHECKS = ("declaration.processing-location", "declaration.dpa", "declaration.export-formats",
          "declaration.attestation")


def run(check: str, document: dict | str | bytes | None, *, name: str = "decl.yml", today: dt.date = TODAY):
    if isinstance(document, dict):
        document = yaml.safe_dump({"format": "lichtermeer-declarations/1", **document}, allow_unicode=True)
    data = document.encode() if isinstance(document, str) else document
    bundle = Bundle() if data is None else Bundle().add("declarations", name, data)
    return registry.run_check(registry.get(check), bundle, Reference(today=today))


def one(check: str, document, **kwargs):
    [result] = run(check, document, **kwargs)
    return result


def test_the_complete_example_passes_all_four_checks():
    results = {check: one(check, COMPLETE) for check in CHECKS}
    assert {check: result.status for check, result in results.items()} == dict.fromkeys(CHECKS, Status.PASS)
    assert results["declaration.processing-location"].details["countries"] == ["AT", "DE", "NO"]
    assert results["declaration.dpa"].details["sub_processors"] == [
        "Beispiel Rechenzentrum GmbH", "Beispiel Support GmbH", "Beispiel Monitoring AS"]
    assert [row["class"] for row in results["declaration.export-formats"].details["formats"]] == [
        "open", "open", "not-data"]
    assert results["declaration.attestation"].location == "decl.yml:48:5 (/attestations/0)"


def test_the_example_in_the_documentation_is_the_one_tested_here():
    docs = (Path(__file__).parents[2] / "docs" / "evidence.md").read_text(encoding="utf-8")
    example = docs.split("### Complete example\n\n```yaml\n", 1)[1].split("```", 1)[0]
    assert example == COMPLETE


def test_json_declarations_are_read_alike_and_located_by_pointer():
    document = yaml.safe_load(COMPLETE)
    results = {check: one(check, json.dumps(document), name="decl.json") for check in CHECKS}
    assert {result.status for result in results.values()} == {Status.PASS}
    assert results["declaration.dpa"].location == "decl.json#/data_processing/dpa"


def test_norway_stays_norway_in_yaml():
    text = COMPLETE.replace('country: "NO"', "country: NO").replace('["NO"]', "[NO]")
    assert "country: NO\n" in text
    result = one("declaration.processing-location", text)
    assert result.status == Status.PASS
    assert "NO" in result.details["countries"]


def processing(*places: dict, subs: list | None = None) -> dict:
    section = {"personal_data": True, "locations": list(places)}
    if subs is not None:
        section["sub_processors"] = subs
    return {"data_processing": section}


@pytest.mark.parametrize(("country", "basis", "status", "words"), [
    ("DE", None, Status.PASS, "EU/EEA"),
    ("LI", None, Status.PASS, "EU/EEA"),
    ("CH", None, Status.PASS, "adequacy decision"),
    ("GB", None, Status.PASS, "adequacy decision"),
    ("BR", None, Status.PASS, "adequacy decision"),        # Implementing Decision (EU) 2026/179
    ("US", "eu-us-dpf", Status.NEEDS_REVIEW, "certification on the DPF list"),
    ("US", "standard-contractual-clauses", Status.NEEDS_REVIEW, "standard-contractual-clauses (Art. 46 GDPR)"),
    ("US", None, Status.FAIL, "covers only DPF-certified organisations"),
    ("US", "art-49-derogation", Status.FAIL, "not admitted by LM-DS-01"),
    ("IN", "binding-corporate-rules", Status.NEEDS_REVIEW, "transfer impact assessment"),
    ("IN", "adequacy-decision", Status.FAIL, "no adequacy decision for this country"),
    ("IN", None, Status.FAIL, "without a declared legal basis"),
    ("UK", None, Status.FAIL, "not an ISO 3166-1 alpha-2 country code (use GB)"),
    ("XX", "standard-contractual-clauses", Status.FAIL, "not an ISO 3166-1 alpha-2"),
])
def test_each_processing_country_is_judged_against_the_pinned_adequacy_list(country, basis, status, words):
    place = {"country": country, "purpose": "Hosting", **({"transfer_basis": basis} if basis else {})}
    result = one("declaration.processing-location", processing(place))
    assert result.status == status
    assert words in result.explanation.en
    if status not in (Status.PASS, Status.NEEDS_REVIEW) and basis is None and country == "IN":
        assert result.explanation.de.startswith("Verarbeitung (Hosting) in Indien (IN): Verarbeitung außerhalb")
    if status != Status.PASS:
        assert result.location == "decl.yml:3:14 (/data_processing/locations/0/country)"


def test_an_adequacy_decision_that_has_run_out_no_longer_counts():
    result = one("declaration.processing-location", processing({"country": "GB", "purpose": "Hosting"}),
                 today=dt.date(2032, 1, 1))
    assert result.status == Status.FAIL


def test_sub_processors_are_judged_where_they_process_and_named():
    subs = [{"name": "Example Cloud Inc.", "country": "IE", "purpose": "IaaS", "processing_countries": ["IE", "US"],
             "transfer_basis": "eu-us-dpf"},
            {"name": "Remote Support Ltd.", "country": "SG", "purpose": "Support"}]
    results = run("declaration.processing-location", processing(subs=subs))
    assert [result.status for result in results] == [Status.NEEDS_REVIEW, Status.FAIL]
    assert results[0].explanation.en.startswith("Example Cloud Inc. in United States (US) relies on the EU-US Data")
    assert results[0].explanation.de.startswith("Example Cloud Inc. in Vereinigte Staaten (US) stützt sich auf das")
    assert results[0].location.endswith("(/data_processing/sub_processors/0/processing_countries/1)")
    assert results[1].explanation.de.startswith("Remote Support Ltd. in Singapur (SG): Verarbeitung außerhalb")
    assert results[1].location.endswith("(/data_processing/sub_processors/1/country)")


def test_without_personal_data_the_data_protection_checks_do_not_apply():
    document = {"data_processing": {"personal_data": False}}
    assert one("declaration.processing-location", document).status == Status.NOT_APPLICABLE
    assert one("declaration.dpa", document).status == Status.NOT_APPLICABLE


def test_a_missing_data_processing_section_goes_to_a_person():
    assert one("declaration.processing-location", {}).status == Status.NEEDS_REVIEW
    assert one("declaration.dpa", {}).status == Status.NEEDS_REVIEW


def test_personal_data_without_any_place_of_processing_fails():
    result = one("declaration.processing-location", processing())
    assert result.status == Status.FAIL
    assert "names no place of processing" in result.explanation.en


def test_the_dpa_check_needs_an_agreement_and_the_sub_processor_list():
    no_dpa = processing({"country": "DE", "purpose": "Hosting"}, subs=[])
    assert "names no data processing agreement" in one("declaration.dpa", no_dpa).explanation.en
    no_subs = processing({"country": "DE", "purpose": "Hosting"})
    no_subs["data_processing"]["dpa"] = {"url": "https://example.org/avv.pdf"}
    result = one("declaration.dpa", no_subs)
    assert result.status == Status.FAIL and "names no sub-processors" in result.explanation.en
    no_subs["data_processing"]["sub_processors"] = []
    result = one("declaration.dpa", no_subs)
    assert result.status == Status.PASS
    assert "(https://example.org/avv.pdf) and 0 sub-processor(s)" in result.explanation.en


def export(*formats: dict, **section) -> dict:
    return {"data_export": {"formats": list(formats), "self_service": True,
                            "documentation_url": "https://example.org/export", **section}}


@pytest.mark.parametrize(("formats", "status", "words"), [
    ([{"name": "CSV"}], Status.PASS, "(CSV)"),
    ([{"name": "Geodaten", "media_type": "application/geo+json"}], Status.PASS, "(Geodaten)"),
    ([{"name": "XLSX"}, {"name": "ods"}], Status.PASS, "(ods)"),
    ([{"name": "SQL dump"}], Status.PASS, "(SQL dump)"),
    ([{"name": "Apache Parquet"}], Status.PASS, "(Apache Parquet)"),
    ([{"name": "XLSX", "open": True}], Status.FAIL, "Transitional"),
    ([{"name": "PDF/A"}, {"name": "Excel 97-2003"}], Status.FAIL, "a vendor's binary format"),
    ([{"name": "Oracle Data Pump"}], Status.FAIL, "binary backup format"),
    ([{"name": "FooDB export"}], Status.NEEDS_REVIEW, "a reviewer classifies FooDB export"),
    ([{"name": "FooDB export"}, {"name": "MDB"}], Status.NEEDS_REVIEW, "MDB: a vendor's database format"),
])
def test_export_formats_are_classified_by_the_pinned_list(formats, status, words):
    result = one("declaration.export-formats", export(*formats))
    assert result.status == status
    assert words in result.explanation.en


def test_exports_must_work_without_the_provider_and_be_documented():
    result = one("declaration.export-formats", export({"name": "JSON"}, self_service=False))
    assert result.status == Status.FAIL and result.location.endswith("(/data_export/self_service)")
    document = export({"name": "JSON"})
    del document["data_export"]["documentation_url"]
    result = one("declaration.export-formats", document)
    assert result.status == Status.NEEDS_REVIEW
    assert "data_export.documentation_url fehlt" in result.explanation.de


def test_no_export_section_fails_lm_pa_01():
    assert one("declaration.export-formats", {}).status == Status.FAIL


def attestation(**fields) -> dict:
    entry = {"type": "bsi-c5-type2", "issuer": "Prüfer AG", "scope": "Betrieb der Lösung", "covers_solution": True,
             "issued": "2026-06-01", **fields}
    return {"attestations": [{key: value for key, value in entry.items() if value is not None}]}


ISO = {"type": "iso27001", "valid_until": "2028-05-31"}


@pytest.mark.parametrize(("fields", "status", "words"), [
    ({}, Status.PASS, "BSI C5 type 2 by Prüfer AG of 2026-06-01 is current"),
    ({"issued": "2025-11-22"}, Status.PASS, "is current"),                       # exactly 12 months
    ({"issued": "2025-11-21"}, Status.FAIL, "older than 12 months"),
    ({"type": "bsi-c5-type1"}, Status.WARNING, "type 2 is preferred"),
    ({"issued": "2026-12-01"}, Status.FAIL, "lies in the future"),
    ({**ISO}, Status.PASS, "ISO/IEC 27001 by Prüfer AG"),
    ({**ISO, "valid_until": "2026-11-21"}, Status.FAIL, "expired on 2026-11-21"),
    ({**ISO, "valid_until": None}, Status.FAIL, "states no validity"),
    ({**ISO, "valid_until": "2026-05-01"}, Status.FAIL, "lies before the issue date"),
    ({**ISO, "valid_until": "2030-01-01"}, Status.NEEDS_REVIEW, "three-year certification cycle"),
    ({**ISO, "standard_version": "ISO/IEC 27001:2013"}, Status.FAIL, "lost their validity on 2025-10-31"),
    ({**ISO, "issued": "2025-06-01", "valid_until": "2028-05-31"}, Status.WARNING, "no surveillance audit"),
    ({**ISO, "issued": "2025-06-01", "valid_until": "2028-05-31", "last_audit": "2026-05-20"}, Status.PASS, "current"),
    ({"type": "iso27001-it-grundschutz", "valid_until": "2029-05-31"}, Status.PASS, "IT-Grundschutz"),
    ({"covers_solution": False}, Status.FAIL, "does not cover the operation"),
    ({"covers_solution": None}, Status.NEEDS_REVIEW, "is not declared (covers_solution)"),
    ({"type": "other", "name": "SOC 2 Type II"}, Status.FAIL, "SOC 2 Type II is neither"),
])
def test_attestations_must_be_current_accepted_and_cover_the_solution(fields, status, words):
    result = one("declaration.attestation", attestation(**fields))
    assert result.status == status
    assert words in result.explanation.en


def test_one_good_attestation_is_enough_even_next_to_an_outdated_one():
    document = attestation(issued="2024-01-01")
    document["attestations"].append({**ISO, "issuer": "Zert GmbH", "scope": "RZ", "covers_solution": True,
                                     "issued": "2026-01-10"})
    result = one("declaration.attestation", document)
    assert result.status == Status.PASS
    assert result.location.endswith("(/attestations/1)")


def test_without_a_good_attestation_each_one_says_why():
    document = attestation(issued="2024-01-01")
    document["attestations"].append({"type": "other", "issuer": "X", "scope": "Y", "issued": "2026-01-01"})
    results = run("declaration.attestation", document)
    assert [result.status for result in results] == [Status.FAIL, Status.FAIL]
    assert "C5-Bericht vom 2024-01-01 ist älter als 12 Monate" in results[0].explanation.de
    assert one("declaration.attestation", {}).status == Status.FAIL


# --- reading and schema ----------------------------------------------------------------------------------

def test_without_declarations_every_check_asks_for_a_person():
    for check in CHECKS:
        result = one(check, None)
        assert result.status == Status.NEEDS_REVIEW and result.evidence == "declarations"


def test_schema_errors_name_pointer_line_and_column_in_both_languages():
    text = COMPLETE.replace("    - country: AT\n", "    - country: at\n", 1).replace('issued: "2026-03-15"',
                                                                                  'issued: "2026-02-30"')
    [result] = run("declaration.processing-location", text)
    assert result.status == Status.ERROR
    assert result.location == "decl.yml:14:16 (/data_processing/locations/2/country)"
    assert result.explanation.en == ('decl.yml: /data_processing/locations/2/country: "at" must be an ISO 3166-1 '
                                     'alpha-2 country code in upper case (e.g. DE).')
    assert "muss ein Ländercode nach ISO 3166-1 alpha-2" in result.explanation.de
    [result] = run("declaration.attestation", text)
    assert result.location == "decl.yml:53:13 (/attestations/0/issued)"
    assert "is not a real calendar date" in result.explanation.en
    # A section's errors stay in that section: the export formats are still judged.
    assert one("declaration.export-formats", text).status == Status.PASS


@pytest.mark.parametrize(("document", "words"), [
    ({"data_processing": {"personal_data": "ja"}}, '"ja" must be of type boolean'),
    ({"data_processing": {"personal_data": True, "dpa": {"url": "https://x.example/a", "sha256": "ABC"}}},
     "64 lower-case hexadecimal digits"),
    ({"data_processing": {"personal_data": True, "locations": [{"country": "DE"}]}}, "required field missing: purpose"),
    ({"data_processing": {"personal_data": True, "sub_processors": [
        {"name": "A", "country": "DE", "purpose": "B", "transfer_basis": "contract"}]}},
     '"contract" is not allowed; allowed: "adequacy-decision"'),
    ({"data_processing": {"personal_data": True, "hosting": ["DE"]}}, 'unknown field(s) "hosting"'),
])
def test_schema_violations_are_errors_with_readable_texts(document, words):
    result = one("declaration.dpa", document)
    assert result.status == Status.ERROR
    assert words in result.explanation.en


@pytest.mark.parametrize(("text", "location", "words"), [
    ("format: lichtermeer-declarations/2\n", "decl.yml:1:9 (/format)", '"lichtermeer-declarations/2" is not allowed'),
    ("format: lichtermeer-declarations/1\nattestation: []\n", "decl.yml:1:1 (/)", 'unknown field(s) "attestation"'),
    ("- a\n- b\n", "decl.yml:1:1 (/)", "must be a mapping"),
    ("format: [unclosed\n", "decl.yml:2:1 (/)", "not valid YAML"),
    ("a: &a [x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\n"
     "d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]\ne: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d]\n"
     "f: [*e, *e, *e, *e, *e, *e, *e, *e, *e, *e, *e, *e, *e, *e, *e, *e, *e]\n", "decl.yml:6:1 (/)",
     "too large after alias expansion"),
    ("format: x\nformat: y\n", "decl.yml:2:1 (/)", "not valid YAML"),
    ('{"format": "lichtermeer-declarations/1",}', "decl.yml:1:41 (/)", "not valid JSON"),
    ("[" * 5000 + "]" * 5000, "decl.yml#", "nested too deeply"),
])
def test_unreadable_or_foreign_files_make_every_check_an_error(text, location, words):
    for check in CHECKS:
        [result] = run(check, text)
        assert result.status == Status.ERROR, check
        assert result.location == location
        assert words in result.explanation.en


def test_a_file_over_the_size_limit_is_refused_before_parsing():
    result = one("declaration.dpa", b"# " + b"x" * module.MAX_BYTES)
    assert result.status == Status.ERROR
    assert "may be at most 1048576 bytes" in result.explanation.en


def test_not_utf8_is_an_error():
    result = one("declaration.dpa", "solution: Straßenbeleuchtung\n".encode("latin-1"))
    assert result.status == Status.ERROR and "not UTF-8" in result.explanation.en


def test_the_schema_is_a_valid_2020_12_schema():
    from jsonschema import Draft202012Validator

    schema = json.loads(module.SCHEMA_FILE.read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"


def test_the_reference_lists_carry_their_version_and_source():
    assert module.reference_versions() == {"transfer-countries": "2026-11-22", "export-formats": "2026-11-22",
                                           "open-standards": "2026-11-22"}
    data = module.reference_data("transfer-countries")
    assert len(data["eu"]) == 27 and data["eea"] == ["IS", "LI", "NO"]
    assert all(entry["url"].startswith("https://eur-lex.europa.eu/") for entry in data["adequacy"])
    assert [entry["country"] for entry in data["adequacy"] if entry.get("needs_certification")] == ["US"]
