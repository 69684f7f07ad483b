"""`render` (DOCX/ODT bytes) and `render_pdf` (through LibreOffice) for both kinds of tender document."""

from __future__ import annotations

from .content import BUILDERS
from .docx_writer import write_docx
from .layout import Document
from .model import FORMATS, KINDS, TenderSpec, check_size
from .odt_writer import write_odt
from .pdf import convert_to_pdf

WRITERS = {"docx": write_docx, "odt": write_odt}
MEDIA_TYPES = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "odt": "application/vnd.oasis.opendocument.text",
    "pdf": "application/pdf",
}


def build(spec: TenderSpec, kind: str) -> Document:
    if kind not in KINDS:
        raise ValueError(f"unknown document kind {kind!r} (unbekannte Dokumentart); expected one of {KINDS}")
    check_size(spec)
    return BUILDERS[kind](spec)


def render(spec: TenderSpec, kind: str, fmt: str) -> bytes:
    """The document `kind` ("leistungsbeschreibung" | "bewertungsmatrix") as "docx" or "odt" bytes.

    Raises ValueError for an unknown kind or format and `SpecInvalid` when the spec exceeds the size limits.
    """
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r} (unbekanntes Format); expected one of {FORMATS}")
    return WRITERS[fmt](build(spec, kind))


def render_pdf(spec: TenderSpec, kind: str, *, soffice: str | None = None, timeout: int = 60,
               source: str = "odt") -> bytes | None:
    """The document as PDF, converted by LibreOffice from the `source` format (ODT, its native one).

    None when LibreOffice is not found (`soffice_path(soffice)`); raises `PdfFailed` when it runs but fails or
    exceeds `timeout` seconds.
    """
    data = render(spec, kind, source)
    return convert_to_pdf(data, source, soffice=soffice, timeout=timeout)
