"""The operator curates the register: every change is validated by the register file's rules, refused with the
problem's place in English and German, audited with before and after, and never half-saved."""

import pytest

from factories import UserFactory
from lichtermeer.audit.models import AuditEntry
from lichtermeer.interop import records, selectors, services
from lichtermeer.interop.models import Adapter, Standard

pytestmark = pytest.mark.django_db

EDR = {"name": "OGC API – EDR", "uri": "https://ogcapi.ogc.org/edr/", "category": "geodata", "kind": "interface",
       "maintainer": "OGC", "versions": ["1.0", "1.1"], "compatibility": "semver-major",
       "roles": [["server", "client"]], "description_de": "Umweltdaten abfragen",
       "description_en": "Retrieve environmental data"}


def _values(standard: Standard, **changes) -> dict:
    data = records.standard_dict(standard)
    data.pop("id")
    return {**data, **changes}


def test_it_creates_a_standard_with_an_audit_record(seeded, operator):
    standard = services.create_standard(actor=operator, standard_id="ogc-api-edr", values=EDR)
    assert standard.origin == Standard.Origin.OPERATOR and standard.versions == ["1.0", "1.1"]
    entry = AuditEntry.objects.get(action="interop.standard_created", object_id="ogc-api-edr")
    assert entry.actor == operator and entry.after["roles"] == [["server", "client"]]
    assert selectors.register().get("ogc-api-edr").compatibility == "semver-major"


def test_it_records_before_and_after_of_a_change(seeded, operator):
    wms = Standard.objects.get(pk="wms")
    services.change_standard(actor=operator, standard=wms, values=_values(wms, versions=[*wms.versions, "1.4.0"]))
    entry = AuditEntry.objects.get(action="interop.standard_changed", object_id="wms")
    assert "1.4.0" not in entry.before["versions"] and "1.4.0" in entry.after["versions"]
    services.change_standard(actor=operator, standard=wms, values=_values(Standard.objects.get(pk="wms")))
    assert AuditEntry.objects.filter(action="interop.standard_changed").count() == 1  # no change, no record


def test_it_refuses_a_duplicate_version_with_its_place_and_saves_nothing(seeded, operator):
    wms = Standard.objects.get(pk="wms")
    before = records.standard_dict(wms)
    with pytest.raises(services.InteropError) as refused:
        services.change_standard(actor=operator, standard=wms, values=_values(wms, versions=["1.3.0", "1.3"]))
    problem = refused.value.problems[0]
    assert problem.path == "versions[1]" and "1.3" in problem.en and "doppelt" in problem.de
    assert records.standard_dict(Standard.objects.get(pk="wms")) == before
    assert not AuditEntry.objects.filter(action="interop.standard_changed").exists()


@pytest.mark.parametrize(("standard_id", "values", "path"), [
    ("Not-An-Id", EDR, "id"),
    ("neu", EDR, "id"),
    ("x" * 65, EDR, "id"),
    ("ogc-api-edr", {**EDR, "name": "N" * 10_000}, "name"),
    ("ogc-api-edr", {**EDR, "uri": "javascript:alert(1)"}, "uri"),
    ("ogc-api-edr", {**EDR, "category": "weather"}, "category"),
    ("ogc-api-edr", {**EDR, "versions": ["1.0"] * 101}, "versions"),
    ("ogc-api-edr", {**EDR, "versions": "1.0"}, "versions"),
    ("ogc-api-edr", {**EDR, "roles": [["client", "server"]]}, "roles[0][0]"),
    ("ogc-api-edr", {**EDR, "compatibility": "groups"}, "groups"),
    ("ogc-api-edr", {**EDR, "description_de": ""}, "description.de"),
    ("ogc-api-edr", {**EDR, "description_en": "\u0000" * 600}, "description.en"),
])
def test_it_refuses_hostile_input(seeded, operator, standard_id, values, path):
    with pytest.raises(services.InteropError) as refused:
        services.create_standard(actor=operator, standard_id=standard_id, values=values)
    assert refused.value.status == 400
    assert any(p.path == path or p.path.startswith(path) for p in refused.value.problems), refused.value.problems
    assert not Standard.objects.filter(pk=standard_id).exists()


def test_it_refuses_an_existing_id(seeded, operator):
    with pytest.raises(services.InteropError) as refused:
        services.create_standard(actor=operator, standard_id="mqtt", values=EDR)
    assert refused.value.status == 409


@pytest.mark.parametrize("role", ["anonymous", "user", "staff"])
def test_only_the_operator_changes_the_register(seeded, role, staff):
    from django.contrib.auth.models import AnonymousUser

    actor = {"anonymous": AnonymousUser(), "user": UserFactory(), "staff": staff}[role]
    mqtt = Standard.objects.get(pk="mqtt")
    for call in (lambda: services.create_standard(actor=actor, standard_id="ogc-api-edr", values=EDR),
                 lambda: services.change_standard(actor=actor, standard=mqtt, values=_values(mqtt, name="X")),
                 lambda: services.retire_standard(actor=actor, standard=mqtt),
                 lambda: services.save_adapter(actor=actor, from_id="wfs", to_id="geojson", via_de="x", via_en="x")):
        with pytest.raises(services.InteropError) as refused:
            call()
        assert refused.value.status == 403
    assert not AuditEntry.objects.filter(action__startswith="interop.", actor__isnull=False).exists()


def test_retiring_keeps_the_standard_and_records_why(seeded, operator):
    mqtt = Standard.objects.get(pk="mqtt")
    services.retire_standard(actor=operator, standard=mqtt, reason="ersetzt")
    assert Standard.objects.get(pk="mqtt").retired
    entry = AuditEntry.objects.get(action="interop.standard_retired")
    assert entry.data == {"reason": "ersetzt"} and entry.before.get("retired") is None and entry.after["retired"]
    services.retire_standard(actor=operator, standard=mqtt, retired=False)
    assert not Standard.objects.get(pk="mqtt").retired


def test_adapters_are_validated_saved_and_removed_with_audit(seeded, operator):
    adapter = services.save_adapter(actor=operator, from_id="wfs", to_id="geojson", via_de="GDAL", via_en="GDAL")
    assert selectors.register().adapter("wfs", "geojson").via_de == "GDAL"
    with pytest.raises(services.InteropError):  # already listed (seed: mqtt → ngsi-ld)
        services.save_adapter(actor=operator, from_id="mqtt", to_id="ngsi-ld", via_de="x", via_en="x")
    with pytest.raises(services.InteropError) as refused:
        services.save_adapter(actor=operator, from_id="wfs", to_id="nope", via_de="x", via_en="x")
    assert refused.value.problems[0].path == "to"
    with pytest.raises(services.InteropError):
        services.save_adapter(actor=operator, from_id="wfs", to_id="geojson", via_de="", via_en="x", adapter=adapter)
    services.remove_adapter(actor=operator, adapter=adapter)
    assert not Adapter.objects.filter(pk=adapter.pk).exists()
    actions = AuditEntry.objects.filter(action__startswith="interop.adapter", actor=operator).order_by("pk")
    assert list(actions.values_list("action", flat=True)) == ["interop.adapter_saved", "interop.adapter_removed"]
