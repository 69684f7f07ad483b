"""Fixtures and readers for the tender engine tests (plain Python: no database, no Django settings)."""

from __future__ import annotations

import io
import os
import shutil
import zipfile
from types import SimpleNamespace

import docx
import pytest
from lxml import etree
from odf import teletype
from odf.opendocument import load as load_odt
from odf.text import P as OdfP

from lichtermeer.engines.tender import example_spec, soffice_path

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
ODT_MEDIA_TYPE = "application/vnd.oasis.opendocument.text"


@pytest.fixture
def settings():
    """Stand-in for pytest-django's fixture that tests/conftest.py asks for (see tests/engines_dcat/conftest.py)."""
    return SimpleNamespace(STORAGES={})


@pytest.fixture
def spec():
    return example_spec()


@pytest.fixture(scope="session")
def soffice():
    """The LibreOffice binary and pdftotext, or skip (fail when LICHTERMEER_REQUIRE_SOFFICE=1)."""
    binary = soffice_path()
    if binary is None or shutil.which("pdftotext") is None or shutil.which("pdfinfo") is None:
        if os.environ.get("LICHTERMEER_REQUIRE_SOFFICE") == "1":
            pytest.fail("LibreOffice (soffice) and poppler-utils are required (LICHTERMEER_REQUIRE_SOFFICE=1)")
        pytest.skip("LibreOffice (soffice) or poppler-utils (pdftotext, pdfinfo) not installed")
    return binary


def docx_blocks(data: bytes) -> list[str]:
    """The text of each top-level body block (paragraph or whole table), in document order."""
    document = docx.Document(io.BytesIO(data))
    blocks = []
    for element in document.element.body.iterchildren():
        if element.tag in (W + "p", W + "tbl"):
            blocks.append(" | ".join("".join(t.text or "" for t in p.iter(W + "t")) for p in element.iter(W + "p")))
    return blocks


def odt_blocks(data: bytes) -> list[str]:
    document = load_odt(io.BytesIO(data))
    blocks = []
    for element in document.text.childNodes:
        if element.qname[1] == "table":
            paragraphs = element.getElementsByType(OdfP)
            blocks.append(" | ".join(teletype.extractText(p) for p in paragraphs))
        else:
            blocks.append(teletype.extractText(element))
    return blocks


def blocks(data: bytes, fmt: str) -> list[str]:
    """Block texts; no-break spaces (legal citations) read as spaces."""
    return [b.replace("\u00a0", " ") for b in (docx_blocks(data) if fmt == "docx" else odt_blocks(data))]


def text_of(data: bytes, fmt: str) -> str:
    return "\n".join(blocks(data, fmt))


def check_zip(data: bytes, fmt: str) -> zipfile.ZipFile:
    """A well-formed package: every XML part parses; ODT: mimetype first and stored, manifest lists the parts."""
    archive = zipfile.ZipFile(io.BytesIO(data))
    assert archive.testzip() is None
    for name in archive.namelist():
        if name.endswith((".xml", ".rels")):
            etree.fromstring(archive.read(name))
    if fmt == "odt":
        first = archive.infolist()[0]
        assert first.filename == "mimetype" and first.compress_type == zipfile.ZIP_STORED
        assert archive.read("mimetype") == ODT_MEDIA_TYPE.encode()
        manifest = etree.fromstring(archive.read("META-INF/manifest.xml"))
        ns = "{urn:oasis:names:tc:opendocument:xmlns:manifest:1.0}"
        entries = {e.get(ns + "full-path"): e.get(ns + "media-type") for e in manifest.iter(ns + "file-entry")}
        assert entries["/"] == ODT_MEDIA_TYPE
        assert {"content.xml", "styles.xml", "meta.xml"} <= set(entries)
        assert set(entries) - {"/"} <= set(archive.namelist()) | {n.rstrip("/") for n in archive.namelist()}
    else:
        assert {"[Content_Types].xml", "word/document.xml", "word/styles.xml"} <= set(archive.namelist())
        assert not any("thumbnail" in name for name in archive.namelist())  # not the template's preview
    return archive
