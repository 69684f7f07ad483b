"""Tender documents of an evaluation: a `lichtermeer.engines.tender.TenderSpec` built from the evaluation's criteria
set, settings and shortlist, rendered as DOCX, ODT or (with LibreOffice) PDF.

- Requirements: every criterion that is not a group. Criteria taken from the catalogue cite the requirement's id,
  its catalogue version and its sources (the catalogue's `references`: source, reference, URL); own criteria
  are marked as the authority's own. Levels: the catalogue's obligation (MUSS/SOLL/KANN); own A criteria MUSS.
- Bewertungsmatrix: the criteria tree with kinds, weights and their sources; the method with its rule and
  parameters.
- Market survey: the shortlisted solutions (name, provider, page) as an internal annex; the service description
  itself never names a product (§ 31 VgV).
- EVB-IT: the selected contract type by name and URL (referenced, not reproduced).

PDF is converted synchronously (LibreOffice takes a few seconds; settings.TENDER_PDF_TIMEOUT_SECONDS bounds it):
a draft is generated rarely and by one person, so a task queue would add waiting without saving any.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from django.conf import settings
from django.utils import timezone

from lichtermeer.engines import tender as engine

from . import evbit, spec
from .models import Criterion, Evaluation

KINDS = ("leistungsbeschreibung", "bewertungsmatrix")
FORMATS = ("docx", "odt", "pdf")
MEDIA_TYPES = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "odt": "application/vnd.oasis.opendocument.text",
    "pdf": "application/pdf",
}
PRICE_FORMULAS_DE = {
    "ratio": "Preispunkte f(P) = P_min / P (niedrigster Preis geteilt durch den Angebotspreis)",
    "linear": "Preispunkte f(P) = max(0; 1 − (P − P_min) / P_min) (0 Punkte beim doppelten niedrigsten Preis)",
}
RULES_DE = {
    "simplified": "Nur A-Kriterien; den Zuschlag erhält das Angebot mit dem niedrigsten Preis unter den Angeboten, "
                  "die alle A-Kriterien erfüllen.",
    "simple": "Leistungspunkte L = Σ Gewicht × Punkte (0–10) der B-Kriterien; Kennzahl Z = L / P; den Zuschlag "
              "erhält das Angebot mit der höchsten Kennzahl Z.",
    "extended": "Leistungspunkte L = Σ Gewicht × Punkte; Z = L / P; Angebote mit Z ≥ Z_max · (1 − Schwankungsbreite) "
                "gelten als gleichwertig; unter ihnen entscheidet das veröffentlichte Entscheidungskriterium.",
    "weighted": "Z = (1 − G_P) · L / 1000 · 100 + G_P · f(P) · 100 mit der Preisgewichtung G_P; den Zuschlag "
                "erhält das Angebot mit dem höchsten Z.",
}


def _level(criterion: Criterion) -> str:
    if criterion.obligation in ("MUSS", "SOLL", "KANN"):
        return criterion.obligation
    return "MUSS" if criterion.kind == Criterion.Kind.A else ""


def build(evaluation: Evaluation) -> engine.TenderSpec:
    criteria = list(evaluation.criteria.order_by("position", "id"))
    codes = {c.pk: c.code for c in criteria}
    organisation = evaluation.organisation
    municipality = getattr(organisation, "municipality", None)
    contract = evbit.get(evaluation.evb_it)
    requirements = [
        engine.RequirementItem(
            id=c.requirement_id or c.code, title=c.title, text=c.text, level=_level(c), source=c.source,
            source_url=c.source_url, catalogue_version=c.catalogue_version, own=not c.requirement_id)
        for c in criteria if c.kind != Criterion.Kind.GROUP
    ]
    rows = [
        engine.CriterionRow(id=c.code, title=c.title, kind=c.kind, weight=spec.number(c.weight),
                            parent=codes.get(c.parent_id, ""), requirement_id=c.requirement_id,
                            source=c.source[:500] if c.source else ("Eigenes Kriterium" if c.kind != "group" else ""),
                            # UfAB weights are absolute shares of 100 (a group's members add up to its weight)
                            effective_weight=spec.number(c.weight) if c.kind != Criterion.Kind.A else None)
        for c in criteria
    ]
    method = engine.MethodDescription(
        code=evaluation.method, name=spec.METHOD_NAMES_DE.get(evaluation.method, ""),
        rule=RULES_DE.get(evaluation.method, ""),
        band=float(evaluation.band) if evaluation.method == "extended" and evaluation.band is not None else None,
        decision=evaluation.decision if evaluation.method == "extended" else "",
        price_weight=float(evaluation.price_weight) if evaluation.method == "weighted" and evaluation.price_weight
        is not None else None,
        price_formula=PRICE_FORMULAS_DE.get(evaluation.price_formula or "ratio", "")
        if evaluation.method == "weighted" else "",
    )
    return engine.TenderSpec(
        title=evaluation.title,
        subject=evaluation.subject,
        authority=engine.Authority(name=organisation.name, ags=municipality.ags if municipality is not None else ""),
        reference=evaluation.reference,
        issued_on=timezone.localdate(),
        evb_it=engine.EvbIt(code=contract.code, label=contract.name, url=contract.url) if contract else None,
        requirements=requirements,
        standards=_standards(evaluation),
        operating_models=_operating_models(evaluation),
        method=method,
        criteria=rows,
        market_survey=_market_survey(evaluation),
    )


def _standards(evaluation: Evaluation) -> list:
    try:
        from lichtermeer.interop.selectors import register

        entries = register().standards
    except Exception:  # noqa: BLE001 - without the register the documents still name the standards by id
        entries = {}
    from lichtermeer.solutions import vocab

    items = []
    for declared in evaluation.standards or []:
        entry = entries.get(declared.get("standard"))
        name = getattr(entry, "name", None) or vocab.STANDARDS.get(declared.get("standard"), declared.get("standard"))
        items.append(engine.StandardItem(id=declared.get("standard", ""), name=name,
                                         version=declared.get("version", ""), uri=getattr(entry, "uri", "") or "",
                                         role=declared.get("role", "")))
    return items


def _operating_models(evaluation: Evaluation) -> list[str]:
    from django.utils import translation

    from lichtermeer.solutions import vocab

    with translation.override("de"):
        return [str(vocab.HOSTING_MODELS.get(m, m)) for m in evaluation.operating_models or []]


def _market_survey(evaluation: Evaluation) -> list:
    solutions = []
    if evaluation.shortlist_id:
        solutions = [item.solution for item in evaluation.shortlist.items.select_related("solution__organisation")
                     .order_by("added_at", "id")]
    seen = {s.pk for s in solutions}
    for offer in evaluation.offers.select_related("solution__organisation"):
        if offer.solution_id and offer.solution_id not in seen:
            solutions.append(offer.solution)
            seen.add(offer.solution_id)
    root = settings.SITE_ROOT.rstrip("/")
    return [engine.SolutionRef(name=s.name, provider=s.organisation.name, url=root + s.get_absolute_url())
            for s in solutions]


@dataclass
class Document:
    content: bytes
    filename: str
    media_type: str
    sha256: str


class TenderUnavailable(Exception):
    """PDF requested but LibreOffice is not installed, or the conversion failed (.en / .de)."""

    def __init__(self, en: str, de: str):
        super().__init__(en)
        self.en, self.de = en, de


def render(evaluation: Evaluation, kind: str, fmt: str) -> Document:
    if kind not in KINDS or fmt not in FORMATS:
        raise ValueError(f"unknown document {kind}.{fmt}")
    tender_spec = build(evaluation)
    if fmt == "pdf":
        try:
            content = engine.render_pdf(tender_spec, kind, soffice=settings.SOFFICE_BINARY or None,
                                        timeout=settings.TENDER_PDF_TIMEOUT_SECONDS)
        except engine.PdfFailed as failure:
            raise TenderUnavailable(failure.en, failure.de) from None
        if content is None:
            raise TenderUnavailable("PDF is not available on this server (LibreOffice is not installed).",
                                    "PDF ist auf diesem Server nicht verfügbar (LibreOffice ist nicht installiert).")
    else:
        content = engine.render(tender_spec, kind, fmt)
    from django.utils.text import slugify

    stem = slugify(evaluation.reference or evaluation.title)[:60].strip("-") or f"wertung-{evaluation.pk}"
    return Document(content=content, filename=f"{kind}-{stem}.{fmt}", media_type=MEDIA_TYPES[fmt],
                    sha256=hashlib.sha256(content).hexdigest())


def pdf_available() -> bool:
    return engine.soffice_path(settings.SOFFICE_BINARY or None) is not None
