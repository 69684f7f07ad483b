"""Loading, exporting and the immutability of published catalogue versions."""

import io
import json

import jsonschema
import pytest
from django.core.management import CommandError, call_command
from django.db import DatabaseError, connection, transaction

from catalogue_support import SEED_FILE, load_seed
from lichtermeer.engines import catalogue as engine
from lichtermeer.requirements import services
from lichtermeer.requirements.errors import CatalogueRejected, GovernanceError
from lichtermeer.requirements.models import CatalogueVersion, RequirementRevision
from lichtermeer.requirements.signals import catalogue_published

pytestmark = pytest.mark.django_db


def test_the_seed_catalogue_validates_against_its_json_schema():
    # Read by YAML 1.2 rules, as the platform does: unquoted dates stay strings.
    document = engine.load(SEED_FILE.read_bytes()).document
    validator = jsonschema.Draft202012Validator(engine.SCHEMA, format_checker=jsonschema.FormatChecker())
    assert list(validator.iter_errors(document)) == []
    assert document["version"] == "1.0.0"
    requirements = document["requirements"]
    assert len(requirements) >= 30
    assert {r["category"] for r in requirements} == set(engine.CATEGORIES)
    assert {r["obligation"] for r in requirements} == {"MUSS", "SOLL", "KANN"}
    assert all(r["references"] for r in requirements)


def test_the_seed_loads_once_and_again_changes_nothing(django_capture_on_commit_callbacks):
    events = []
    catalogue_published.connect(receiver := lambda sender, version, **kw: events.append(version.version))
    try:
        with django_capture_on_commit_callbacks(execute=True):
            version = load_seed()
        with django_capture_on_commit_callbacks(execute=True):
            again, created = services.import_catalogue(content=SEED_FILE.read_bytes())
    finally:
        catalogue_published.disconnect(receiver)
    assert again == version and not created
    assert events == ["1.0.0"]
    assert version.requirements.count() == len(version.document["requirements"])
    assert CatalogueVersion.objects.count() == 1


def test_export_round_trips_the_catalogue_in_both_formats():
    load_seed()
    for form in ("yaml", "json"):
        out = io.StringIO()
        call_command("catalogue_export", "--version", "1.0.0", "--format", form, stdout=out)
        result = engine.load(out.getvalue())
        assert result.valid, result.findings
        assert result.document == CatalogueVersion.objects.get().document
    exported = io.StringIO()
    call_command("catalogue_export", "--format", "yaml", stdout=exported)
    assert engine.load(exported.getvalue()).document == engine.load(SEED_FILE.read_bytes()).document


def test_export_of_an_unknown_version_names_the_published_ones():
    load_seed()
    with pytest.raises(CommandError, match="published: 1.0.0"):
        call_command("catalogue_export", "--version", "9.9.9")


def test_a_malformed_file_is_rejected_whole_with_positions():
    text = SEED_FILE.read_text(encoding="utf-8").replace("obligation: MUSS", "obligation: MUST", 1)
    with pytest.raises(CatalogueRejected) as rejected:
        services.import_catalogue(content=text)
    finding = rejected.value.findings[0]
    assert finding.line > 0 and finding.column > 0
    assert "obligation" in finding.key
    assert not CatalogueVersion.objects.exists() and not RequirementRevision.objects.exists()


def test_the_load_command_reports_each_problem_with_its_line(tmp_path):
    broken = tmp_path / "broken.yaml"
    broken.write_text("format: lichtermeer-catalogue/1\nid: x\nversion: 1.0\nrequirements: []\n", encoding="utf-8")
    with pytest.raises(CommandError) as error:
        call_command("load_catalogue", str(broken))
    assert f"{broken}:3:" in str(error.value)


def test_a_published_version_cannot_be_replaced_by_other_content():
    load_seed()
    document = engine.load(SEED_FILE.read_bytes()).document
    document["title"]["en"] = "Something else"
    with pytest.raises(GovernanceError, match="immutable"):
        services.import_catalogue(content=json.dumps(document))


def test_a_lower_version_than_the_newest_is_refused():
    load_seed()
    document = engine.load(SEED_FILE.read_bytes()).document
    document["version"] = "0.9.0"
    with pytest.raises(GovernanceError, match="lower"):
        services.import_catalogue(content=json.dumps(document))


def test_published_versions_are_immutable_in_the_orm_and_the_database():
    version = load_seed()
    with pytest.raises(ValueError):
        version.save()
    with pytest.raises(ValueError):
        version.requirements.first().delete()
    for table in (CatalogueVersion._meta.db_table, RequirementRevision._meta.db_table):
        for sql in (f"UPDATE {table} SET id = id", f"DELETE FROM {table}"):  # noqa: S608 (constant table names)
            with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
                cursor.execute(sql)
    assert CatalogueVersion.objects.get().document_sha256 == version.document_sha256
