"""Draft tender documents (German) from a shortlist and a criteria set: plain Python, no Django.

    from lichtermeer.engines.tender import TenderSpec, Authority, EvbIt, RequirementItem, CriterionRow, \
        StandardItem, MethodDescription, SolutionRef, render, render_pdf, soffice_path
    data = render(spec, "leistungsbeschreibung", "docx")          # or "bewertungsmatrix", "odt"
    pdf = render_pdf(spec, "bewertungsmatrix", soffice=settings.SOFFICE_BINARY or None,
                     timeout=settings.TENDER_PDF_TIMEOUT_SECONDS)  # None without LibreOffice; PdfFailed on error
    spec = spec_from_dict(json.loads(text))                        # SpecInvalid(.problems: path, en, de)
    neutrality_warnings(spec)                                      # market-survey names outside the annex
    criteria_from_nested(ufab_spec["criteria"])                    # the UfAB engine's nested criteria as rows

Leistungsbeschreibung (service description, with an internal market-survey annex) and Bewertungsmatrix
(evaluation matrix, landscape). EVB-IT texts are referenced by name and URL, never reproduced; products are named
only in the annex (§ 31 VgV). What the documents contain, limits and caveats: docs/tender-documents.md.
Modules: model (spec, limits, cleaning, validation), content (German text), layout, docx_writer, odt_writer,
pdf (LibreOffice), render, example, cli.
"""

from __future__ import annotations

from .content import citation, criteria_tree, neutrality_warnings
from .example import example_spec
from .model import (
    FORMATS,
    KINDS,
    Authority,
    CriterionRow,
    EvbIt,
    MethodDescription,
    Problem,
    RequirementItem,
    SolutionRef,
    SpecInvalid,
    StandardItem,
    TenderSpec,
    criteria_from_nested,
    spec_from_dict,
    spec_to_dict,
)
from .pdf import PdfFailed, soffice_path
from .render import MEDIA_TYPES, render, render_pdf

__all__ = [
    "FORMATS",
    "KINDS",
    "MEDIA_TYPES",
    "Authority",
    "CriterionRow",
    "EvbIt",
    "MethodDescription",
    "PdfFailed",
    "Problem",
    "RequirementItem",
    "SolutionRef",
    "SpecInvalid",
    "StandardItem",
    "TenderSpec",
    "citation",
    "criteria_from_nested",
    "criteria_tree",
    "example_spec",
    "neutrality_warnings",
    "render",
    "render_pdf",
    "soffice_path",
    "spec_from_dict",
    "spec_to_dict",
]
