"""The text of generated office documents, read back with the libraries that wrote them."""

import io

import docx
from odf import opendocument, teletype
from odf.text import P


def docx_text(content: bytes) -> str:
    document = docx.Document(io.BytesIO(content))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts.extend(cell.text for cell in row.cells)
    return "\n".join(parts)


def odt_text(content: bytes) -> str:
    document = opendocument.load(io.BytesIO(content))
    return "\n".join(teletype.extractText(p) for p in document.getElementsByType(P))
