"""Evaluation settings: method and its published parameters, EVB-IT contract type, standards and operating models;
hostile input refused without saving."""

from decimal import Decimal

import pytest
from django.urls import reverse

from lichtermeer.procurement import evbit, services
from lichtermeer.procurement.models import Evaluation
from lichtermeer.procurement.services import ProcurementError

from .support import shortlist_of


@pytest.fixture
def evaluation(world):
    shortlist = shortlist_of(world.staff, [world.parking, world.climate])
    return services.create_evaluation(actor=world.staff, shortlist=shortlist, title="Parksensorik")


def test_the_extended_method_keeps_band_and_decision(world, evaluation, signed_in):
    response = signed_in(world.staff).post(reverse("procurement:evaluation_settings", args=[evaluation.pk]), {
        "title": "Parksensorik", "method": "extended", "band": "2,5", "decision": "price", "evb_it": "cloud",
        "standards": ["ngsi-ld|server|1.6"], "operating_models": ["saas"],
    })
    assert response.status_code == 302
    evaluation.refresh_from_db()
    assert (evaluation.method, evaluation.band, evaluation.decision) == ("extended", Decimal("0.025"), "price")
    assert evaluation.price_weight is None and evaluation.evb_it == "cloud"
    assert evaluation.standards == [{"standard": "ngsi-ld", "role": "server", "version": "1.6"}]
    page = signed_in(world.staff).get(evaluation.get_absolute_url()).content.decode()
    assert "EVB-IT Cloud" in page and "2,5 %" in page


def test_parameters_a_method_needs_are_required(world, evaluation, signed_in):
    client = signed_in(world.staff)
    url = reverse("procurement:evaluation_settings", args=[evaluation.pk])
    assert client.post(url, {"title": "x", "method": "extended"}).status_code == 422
    assert client.post(url, {"title": "x", "method": "extended", "band": "11", "decision": "price"}
                       ).status_code == 422
    assert client.post(url, {"title": "x", "method": "weighted"}).status_code == 422
    assert client.post(url, {"title": "x", "method": "bogus"}).status_code == 422
    assert client.post(url, {"title": "x", "method": "simple", "evb_it": "vertrag"}).status_code == 422
    evaluation.refresh_from_db()
    assert evaluation.title == "Parksensorik" and evaluation.method == "simple"


def test_the_contract_types_are_the_official_list():
    assert [t.name for t in evbit.TYPES] == [
        "EVB-IT Kauf", "EVB-IT Überlassung Typ A", "EVB-IT Überlassung Typ B", "EVB-IT Pflege S",
        "EVB-IT Instandhaltung", "EVB-IT Dienstleistung", "EVB-IT Service", "EVB-IT System",
        "EVB-IT Systemlieferung", "EVB-IT Erstellung", "EVB-IT Cloud"]
    assert all(t.url.startswith("https://evb-it.gov.de") for t in evbit.TYPES)


def test_creating_refuses_huge_titles_and_foreign_organisations(world, signed_in):
    shortlist = shortlist_of(world.staff, [world.parking])
    client = signed_in(world.staff)
    url = reverse("procurement:evaluation_create", args=[shortlist.pk])
    assert client.post(url, {"title": "x" * 100_000, "method": "simple"}).status_code == 422
    assert client.post(url, {"title": "ok", "method": "simple",
                             "organisation": str(world.other_town.organisation_id)}).status_code == 422
    assert not Evaluation.objects.exists()
    with pytest.raises(ProcurementError) as refused:
        services.create_evaluation(actor=world.staff, shortlist=shortlist, title="ok",
                                   organisation=world.other_town.organisation)
    assert refused.value.status == 403


def test_only_municipal_staff_create_evaluations(world):
    shortlist = shortlist_of(world.stranger, [world.parking])
    with pytest.raises(ProcurementError) as refused:
        services.create_evaluation(actor=world.stranger, shortlist=shortlist, title="x")
    assert refused.value.status == 403
