"""Recording an evaluation (Vergabevermerk): one audit entry with the full content, then frozen; a copy is a draft."""

from decimal import Decimal

import pytest
from django.urls import reverse

from lichtermeer.audit.models import AuditEntry
from lichtermeer.audit.services import verify_chain
from lichtermeer.procurement import services
from lichtermeer.procurement.models import Evaluation
from lichtermeer.procurement.services import ProcurementError

from .support import scored_evaluation


def test_recording_writes_one_complete_audit_entry(world, signed_in):
    evaluation = scored_evaluation(world)
    services.update_settings(actor=world.staff, evaluation=evaluation, evb_it="cloud")
    response = signed_in(world.staff).post(reverse("procurement:record", args=[evaluation.pk]))
    assert response.status_code == 302
    entries = AuditEntry.objects.filter(action="procurement.evaluation_recorded")
    assert entries.count() == 1
    entry = entries.get()
    data = entry.data
    assert entry.actor == world.staff and entry.object_id == str(evaluation.pk)
    assert data["evaluation"]["reference"] == "VG-2026-017"
    assert data["evaluation"]["organisation"]["ags"] == "09162000"
    assert data["evaluation"]["evb_it"]["name"] == "EVB-IT Cloud"
    assert data["method"] == {"code": "simple", "name_de": "Einfache Richtwertmethode", "parameters": {}}
    assert data["catalogue_versions"] == ["1.0.0"]
    criteria = {c["id"]: c for c in data["criteria"]}
    assert criteria["A1"]["requirement_id"] == "LM-BF-01" and "EN 301 549" in criteria["A1"]["source"]
    assert criteria["B2"]["own"] is True and criteria["B2"]["weight"] == 40
    assert data["ranking"] == ["Radar GmbH", "Klima AG"]
    assert data["result"]["ranking"][0] == evaluation.offers.get(bidder="Radar GmbH").code
    assert data["explanation"]["de"].startswith("Einfache Richtwertmethode")
    assert data["spec"]["method"] == "simple" and len(data["spec"]["offers"]) == 3
    assert data["actor"]["id"] == world.staff.pk and data["recorded_at"]
    assert verify_chain() == []


def test_a_recorded_evaluation_is_frozen(world, signed_in):
    evaluation = scored_evaluation(world)
    services.record(actor=world.staff, evaluation=evaluation)
    evaluation.refresh_from_db()
    assert evaluation.status == Evaluation.Status.RECORDED and evaluation.recorded_at
    for change in (
        lambda: services.update_settings(actor=world.staff, evaluation=evaluation, title="neu"),
        lambda: services.add_criterion(actor=world.staff, evaluation=evaluation, kind="A", title="neu"),
        lambda: services.add_offer(actor=world.staff, evaluation=evaluation, bidder="neu"),
        lambda: services.save_offers(actor=world.staff, evaluation=evaluation, prices={}, scores={}),
        lambda: services.evaluate(actor=world.staff, evaluation=evaluation),
        lambda: services.record(actor=world.staff, evaluation=evaluation),
    ):
        with pytest.raises(ProcurementError) as refused:
            change()
        assert refused.value.code == "recorded" and refused.value.status == 409
    client = signed_in(world.staff)
    offer = evaluation.offers.first()
    response = client.post(reverse("procurement:offers", args=[evaluation.pk]), {f"price-{offer.pk}": "1"})
    assert response.status_code == 409
    page = client.get(reverse("procurement:offers", args=[evaluation.pk])).content.decode()
    assert f'name="price-{offer.pk}"' not in page
    assert AuditEntry.objects.filter(action="procurement.evaluation_recorded").count() == 1


def test_a_copy_is_an_editable_draft_with_everything(world, signed_in):
    evaluation = scored_evaluation(world)
    services.record(actor=world.staff, evaluation=evaluation)
    response = signed_in(world.colleague).post(reverse("procurement:evaluation_copy", args=[evaluation.pk]))
    copy = Evaluation.objects.exclude(pk=evaluation.pk).get()
    assert response.status_code == 302 and response["Location"] == copy.get_absolute_url()
    assert copy.owner == world.colleague and copy.status == "draft" and copy.copied_from == evaluation
    assert copy.shortlist is None  # the colleague does not own the shortlist
    assert copy.criteria.count() == 3 and copy.offers.count() == 3
    assert sorted(copy.offers.values_list("price", flat=True)) == [Decimal(80000), Decimal(90000), Decimal(100000)]
    assert services.evaluate(actor=world.colleague, evaluation=copy).problems == []


def test_recording_needs_a_valid_evaluation(world):
    evaluation = scored_evaluation(world)
    evaluation.offers.update(price=None)
    with pytest.raises(ProcurementError) as refused:
        services.record(actor=world.staff, evaluation=evaluation)
    assert refused.value.status == 409
    assert not AuditEntry.objects.filter(action="procurement.evaluation_recorded").exists()
