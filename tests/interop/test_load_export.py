"""The seed loads idempotently, keeps the operator's changes and additions, and the register exports in four
formats that read back (YAML and JSON load again to the same register; Turtle parses as SKOS)."""

import csv
import io
import json

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from pyoxigraph import RdfFormat, parse

from lichtermeer.audit.models import AuditEntry
from lichtermeer.engines.interop import load_register
from lichtermeer.interop import exports, selectors, services
from lichtermeer.interop.models import Adapter, Standard

pytestmark = pytest.mark.django_db


def _run(*args) -> str:
    out = io.StringIO()
    call_command(*args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


def test_it_loads_the_seed_once_and_then_reports_unchanged():
    seed = load_register(settings.STANDARDS_SEED_FILE)
    first = _run("load_standards")
    assert f"{len(seed.standards)} created" in first
    assert Standard.objects.count() == len(seed.standards)
    assert Adapter.objects.count() == len(seed.adapters)
    audited = AuditEntry.objects.filter(action="interop.standard_created").count()
    assert audited == len(seed.standards)
    second = _run("load_standards")
    assert f"0 created, 0 updated, {len(seed.standards)} unchanged" in second
    assert AuditEntry.objects.filter(action="interop.standard_created").count() == audited


def test_it_builds_the_engine_register_from_the_database(seeded):
    assert selectors.register() == load_register(settings.STANDARDS_SEED_FILE)


def test_it_keeps_the_operators_changes_and_additions(seeded, operator, tmp_path):
    mqtt = Standard.objects.get(pk="mqtt")
    services.change_standard(actor=operator, standard=mqtt, values={
        **exports.document()["standards"][[s["id"] for s in exports.document()["standards"]].index("mqtt")],
        "name": "MQTT (geändert)"})
    services.create_standard(actor=operator, standard_id="ogc-api-edr", values={
        "name": "OGC API – EDR", "uri": "https://ogcapi.ogc.org/edr/", "category": "geodata", "kind": "interface",
        "versions": ["1.0"], "compatibility": "exact", "roles": [["server", "client"]],
        "description": {"de": "Umweltdaten abfragen", "en": "Retrieve environmental data"}})
    report = _run("load_standards")
    assert "1 kept" in report and "1 only in the database" in report
    assert Standard.objects.get(pk="mqtt").name == "MQTT (geändert)"
    assert Standard.objects.filter(pk="ogc-api-edr").exists()
    _run("load_standards", "--overwrite")
    assert Standard.objects.get(pk="mqtt").name == "MQTT"
    assert Standard.objects.filter(pk="ogc-api-edr").exists()


def test_it_refuses_an_invalid_file_and_loads_nothing(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("format: lichtermeer-standards/1\nstandards:\n  - id: Not An Id\n")
    with pytest.raises(CommandError, match="bad.yaml:3"):
        _run("load_standards", str(bad))
    assert not Standard.objects.exists()


@pytest.mark.parametrize("fmt", ["yaml", "json"])
def test_the_export_loads_back_to_the_same_register(seeded, fmt, tmp_path):
    target = tmp_path / f"register.{fmt}"
    call_command("export_standards", "--format", fmt, "-o", str(target), stderr=io.StringIO())
    assert load_register(target) == selectors.register()


def test_the_csv_export_has_one_row_per_standard(seeded):
    rows = list(csv.DictReader(io.StringIO(exports.render("csv").decode("utf-8"))))
    assert len(rows) == Standard.objects.count()
    mqtt = next(r for r in rows if r["id"] == "mqtt")
    assert mqtt["versions"] == "3.1; 3.1.1; 5.0"
    assert mqtt["platform_uri"].endswith("/standards/mqtt/")
    assert "server/client" in mqtt["roles"]


def test_the_turtle_export_is_a_skos_scheme_with_stable_uris(seeded, settings):
    settings.SITE_ROOT = "https://lichtermeer.example/"
    triples = list(parse(exports.render("ttl"), format=RdfFormat.TURTLE))
    subjects = {str(t.subject.value) for t in triples if str(t.predicate.value).endswith("#notation")}
    assert len(subjects) == Standard.objects.count()
    assert "https://lichtermeer.example/standards/ngsi-ld/" in subjects
    sources = {(str(t.subject.value), str(t.object.value)) for t in triples
               if str(t.predicate.value) == "http://purl.org/dc/terms/source"}
    ngsi = Standard.objects.get(pk="ngsi-ld")
    assert ("https://lichtermeer.example/standards/ngsi-ld/", ngsi.uri) in sources


def test_the_export_command_writes_to_standard_output(seeded, capsysbinary):
    call_command("export_standards", "--format", "json")
    document = json.loads(capsysbinary.readouterr().out)
    assert document["format"] == "lichtermeer-standards/1"


def test_the_download_pages_serve_every_format(seeded, client):
    for fmt, (content_type, _) in exports.FORMATS.items():
        response = client.get(f"/standards/register.{fmt}")
        assert response.status_code == 200
        assert response["Content-Type"] == content_type
    assert client.get("/standards/register.exe").status_code == 404
