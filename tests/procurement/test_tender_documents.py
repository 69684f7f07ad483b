"""Tender documents: DOCX and ODT re-opened (python-docx, odfpy) contain the requirement ids, catalogue version and
sources; every download is audited; PDF when LibreOffice is installed."""

import shutil

import pytest
from django.urls import reverse

from document_text import docx_text, odt_text
from lichtermeer.audit.models import AuditEntry
from lichtermeer.procurement import services, tender

from .support import scored_evaluation


@pytest.fixture
def evaluation(world):
    evaluation = scored_evaluation(world)
    services.update_settings(actor=world.staff, evaluation=evaluation, evb_it="ueberlassung-b")
    return evaluation


def test_the_service_description_docx_cites_requirements(world, evaluation, signed_in):
    response = signed_in(world.staff).post(reverse("procurement:tender",
                                                   args=[evaluation.pk, "leistungsbeschreibung", "docx"]))
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="leistungsbeschreibung-vg-2026-017.docx"'
    text = docx_text(response.content)
    assert "LM-BF-01" in text and "LM-OS-02" in text
    assert "1.0.0" in text and "EN 301 549" in text
    assert "EVB-IT Überlassung Typ B" in text
    assert "Schulungskonzept" in text  # the own criterion
    entry = AuditEntry.objects.get(action="procurement.tender_generated")
    assert entry.data["kind"] == "leistungsbeschreibung" and entry.data["format"] == "docx"
    assert len(entry.data["sha256"]) == 64 and entry.actor == world.staff


def test_the_matrix_odt_lists_criteria_and_weights(world, evaluation, signed_in):
    response = signed_in(world.staff).post(reverse("procurement:tender",
                                                   args=[evaluation.pk, "bewertungsmatrix", "odt"]))
    assert response.status_code == 200 and response["Content-Type"] == "application/vnd.oasis.opendocument.text"
    text = odt_text(response.content)
    assert "LM-BF-01" in text and "Schulungskonzept" in text
    assert "Einfache Richtwertmethode" in text


def test_the_market_survey_names_products_only_in_the_annex(evaluation):
    spec = tender.build(evaluation)
    assert [s.name for s in spec.market_survey] == ["Parkraum-Radar", "Stadtklima-Sensorik", "Bürgerportal Beispiel"]
    assert all(not r.title.startswith("Parkraum") for r in spec.requirements)
    assert spec.authority.ags == "09162000" and spec.reference == "VG-2026-017"


def test_unknown_documents_and_strangers_get_404(world, evaluation, signed_in):
    assert signed_in(world.staff).post(reverse("procurement:tender", args=[evaluation.pk, "vertrag", "docx"])
                                       ).status_code == 404
    assert signed_in(world.staff).post(reverse("procurement:tender", args=[evaluation.pk, "bewertungsmatrix",
                                                                          "exe"])).status_code == 404
    assert signed_in(world.foreign_staff).post(reverse("procurement:tender", args=[
        evaluation.pk, "bewertungsmatrix", "docx"])).status_code == 404
    assert not AuditEntry.objects.filter(action="procurement.tender_generated").exists()


def test_pdf_without_libreoffice_is_a_message_not_an_error(world, evaluation, signed_in, settings):
    settings.SOFFICE_BINARY = "/nonexistent/soffice"
    response = signed_in(world.staff).post(reverse("procurement:tender",
                                                   args=[evaluation.pk, "bewertungsmatrix", "pdf"]))
    assert response.status_code == 302 and response["Location"].endswith("#documents")


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_pdf_with_libreoffice(world, evaluation, signed_in):
    response = signed_in(world.staff).post(reverse("procurement:tender",
                                                   args=[evaluation.pk, "leistungsbeschreibung", "pdf"]))
    assert response.status_code == 200 and response.content.startswith(b"%PDF")
