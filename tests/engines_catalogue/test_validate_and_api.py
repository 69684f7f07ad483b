"""validate() for documents built in code, and the tables the package exports."""

import datetime as dt
import subprocess
import sys
from pathlib import Path

from jsonschema import Draft202012Validator

from lichtermeer.engines import catalogue
from lichtermeer.engines.catalogue import (
    CATEGORIES,
    EVIDENCE_KINDS,
    FORMAT,
    OBLIGATIONS,
    OPERATING_MODELS,
    SCHEMA,
    SOFTWARE_TYPES,
    Category,
    validate,
)


def keys(findings):
    return [(f.key, f.line, f.column) for f in findings]


def test_the_schema_is_a_valid_draft_2020_12_schema():
    Draft202012Validator.check_schema(SCHEMA)
    assert SCHEMA["properties"]["format"]["const"] == FORMAT == "lichtermeer-catalogue/1"


def test_tables_come_from_the_schema_in_its_order():
    assert OBLIGATIONS == ("MUSS", "SOLL", "KANN")
    assert list(CATEGORIES) == SCHEMA["$defs"]["requirement"]["properties"]["category"]["enum"]
    assert CATEGORIES["data-protection"] == Category("data-protection", "DS", "Datenschutz", "Data protection")
    assert [c.prefix for c in CATEGORIES.values()] == ["DS", "IS", "OS", "PA", "BF", "LQ", "BW", "TK"]
    assert CATEGORIES["transparency-ai"].de == "Transparenz und KI"
    assert EVIDENCE_KINDS[0] == "publiccode" and "test-report" in EVIDENCE_KINDS
    assert SOFTWARE_TYPES[0] == "standalone/web" and SOFTWARE_TYPES[-1] == "configurationFiles"
    assert OPERATING_MODELS == ("saas", "on-premises", "shared-service", "managed-hosting")


def test_the_engine_does_not_import_django():
    code = ("import sys, lichtermeer.engines.catalogue.cli; "
            "print(sorted(m for m in sys.modules if m.split('.')[0] == 'django'))")
    src = str(Path(catalogue.__file__).parents[3])
    completed = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60,
                               env={"PYTHONPATH": src, "PATH": ""})
    assert completed.stdout.strip() == "[]"


def test_a_valid_document_has_no_findings(catalogue):
    assert validate(catalogue) == []


def test_findings_of_code_built_documents_have_no_position(catalogue):
    catalogue["requirements"][0]["obligation"] = "MUST"
    del catalogue["requirements"][1]["review_by"]
    assert keys(validate(catalogue)) == [("requirements[0].obligation", 0, 0), ("requirements[1].review_by", 0, 0)]


def test_semantic_checks_also_run_for_code_built_documents(catalogue):
    catalogue["requirements"][1]["id"] = catalogue["requirements"][0]["id"]  # LM-BF-01 twice (second: data-protection)
    catalogue["requirements"][2]["id"] = "LM-DS-09"  # category licence-source-code
    catalogue["effective_from"], catalogue["transition_until"] = "2027-01-01", "2026-01-01"
    findings = validate(catalogue)
    assert [f.key for f in findings] == ["requirements[1].id", "requirements[2].id", "transition_until"]
    assert "used more than once" in findings[0].description
    assert "ids of this category start with LM-LQ-" in findings[1].description


def test_python_dates_are_not_strings(catalogue):
    catalogue["published"] = dt.date(2026, 1, 15)
    assert [f.description for f in validate(catalogue)] == [
        'published must be a text (string), not date "2026-01-15"']


def test_the_same_id_in_a_malformed_and_a_valid_requirement_counts_once(catalogue):
    catalogue["requirements"][1] = "LM-BF-01"  # not even an object
    assert [f.key for f in validate(catalogue)] == ["requirements[1]"]


def test_validate_survives_anything():
    for document in (None, [], "x", 1, {"requirements": [None, 1, {"id": 5}]}, {"requirements": "x"}):
        assert validate(document)  # findings, no exception


def test_messages_exist_in_both_languages(catalogue):
    catalogue["requirements"][0]["applies_to"] = {"software_types": ["standalone/web", "standalone/web"],
                                                  "hosting": ["cloud"]}
    catalogue["requirements"][0]["checks"] = ["Not A Check"]
    findings = validate(catalogue)
    assert [(f.key, f.description) for f in findings] == [
        ("requirements[0].applies_to.hosting",
         'unknown property "hosting"; allowed: software_types, operating_models'),
        ("requirements[0].applies_to.software_types[1]", 'software_types lists "standalone/web" more than once'),
        ("requirements[0].checks[0]", 'checks[0]: check id "Not A Check" must consist of lowercase letters and digits '
                                      "separated by '.' or '-', e.g. publiccode.valid"),
    ]
    assert all(f.description_de and f.description_de != f.description for f in findings)
