"""PDF through LibreOffice: the round trip keeps the key texts; no LibreOffice gives None; failures and timeouts
raise PdfFailed and leave no process behind."""

import os
import stat
import subprocess
import time
from concurrent.futures import ThreadPoolExecutor

import pytest

from lichtermeer.engines.tender import FORMATS, KINDS, PdfFailed, render_pdf, soffice_path
from lichtermeer.engines.tender.content import DRAFT_NOTICE

KEY_TEXTS = {
    "leistungsbeschreibung": ["Leistungsbeschreibung", DRAFT_NOTICE, "1 Gegenstand der Leistung", "EVB-IT Cloud",
                              "3.1 MUSS-Anforderungen", "Übernahme der Bestandsdaten", "Quelle: BSI C5:2020",
                              "eigene Anforderung der Vergabestelle", "OGC SensorThings API", "§ 31 VgV",
                              "Anlage (intern, nicht zur Veröffentlichung): Markterkundung", "FROST-Server"],
    "bewertungsmatrix": ["Bewertungsmatrix", DRAFT_NOTICE, "Erweiterte Richtwertmethode nach UfAB 2018",
                         "vollständig und überzeugend erfüllt", "Ausschlusskriterium", "L max = 1000",
                         "Betrieb in eigener Verantwortung", "§ 58 VgV", "Schnittstellen und Standards"],
}


def _script(tmp_path, body: str) -> str:
    path = tmp_path / "fake-soffice"
    path.write_text(f"#!/bin/sh\n{body}\n")
    path.chmod(path.stat().st_mode | stat.S_IXUSR)
    return str(path)


def _pdftotext(pdf: bytes, tmp_path, name: str) -> str:
    path = tmp_path / f"{name}.pdf"
    path.write_bytes(pdf)
    return subprocess.run(["pdftotext", str(path), "-"], capture_output=True, check=True, timeout=60).stdout.decode()


def _pdfinfo(pdf: bytes, tmp_path, name: str) -> str:
    path = tmp_path / f"{name}-info.pdf"
    path.write_bytes(pdf)
    return subprocess.run(["pdfinfo", str(path)], capture_output=True, check=True, timeout=60).stdout.decode()


def test_libreoffice_round_trip_keeps_the_key_texts(spec, soffice, tmp_path):
    jobs = [(kind, fmt) for kind in KINDS for fmt in FORMATS]
    with ThreadPoolExecutor(len(jobs)) as pool:  # parallel on purpose: each run has its own profile
        pdfs = list(pool.map(lambda job: render_pdf(spec, job[0], soffice=soffice, source=job[1]), jobs))
    for (kind, fmt), pdf in zip(jobs, pdfs, strict=True):
        assert pdf.startswith(b"%PDF") and b"/Lang(de-DE)" in pdf
        info = _pdfinfo(pdf, tmp_path, f"{kind}-{fmt}")
        assert "Tagged:          yes" in info and f"Title:           {kind.capitalize()}: {spec.title}" in info
        text = _pdftotext(pdf, tmp_path, f"{kind}-{fmt}")
        flat = " ".join(text.split())
        missing = [key for key in KEY_TEXTS[kind] if key not in flat]
        assert not missing, f"{kind} from {fmt}: {missing}"
        if kind == "leistungsbeschreibung":
            assert all(r.id in flat for r in spec.requirements) and spec.evb_it.url[:40] in flat
        else:
            assert all(c.id in flat for c in spec.criteria)


def test_render_pdf_returns_none_without_libreoffice(spec, monkeypatch):
    monkeypatch.delenv("SOFFICE_BINARY", raising=False)
    assert render_pdf(spec, "bewertungsmatrix", soffice="/nonexistent/soffice") is None
    monkeypatch.setenv("PATH", "/nonexistent")
    assert soffice_path() is None
    assert render_pdf(spec, "leistungsbeschreibung") is None


def test_soffice_path_prefers_the_argument_then_the_environment(tmp_path, monkeypatch):
    fake = _script(tmp_path, "exit 0")
    monkeypatch.setenv("SOFFICE_BINARY", fake)
    assert soffice_path() == fake
    assert soffice_path("/nonexistent/soffice") is None
    monkeypatch.setenv("SOFFICE_BINARY", str(tmp_path / "missing"))
    assert soffice_path() is None


def test_a_conversion_without_output_raises(spec, tmp_path):
    fake = _script(tmp_path, "echo broken >&2; exit 3")
    with pytest.raises(PdfFailed) as error:
        render_pdf(spec, "bewertungsmatrix", soffice=fake)
    assert "exit code 3" in error.value.en and "Exit-Code 3" in error.value.de and "broken" in error.value.en


def test_a_hanging_conversion_is_killed_at_the_timeout(spec, tmp_path):
    marker = tmp_path / "child.pid"
    fake = _script(tmp_path, f"sleep 60 & echo $! > {marker}; wait")
    started = time.monotonic()
    with pytest.raises(PdfFailed, match="within 1 seconds"):
        render_pdf(spec, "bewertungsmatrix", soffice=fake, timeout=1)
    assert time.monotonic() - started < 15
    child = int(marker.read_text())
    for _ in range(50):  # the grandchild (like soffice.bin under the wrapper) is gone too
        try:
            os.kill(child, 0)
            with open(f"/proc/{child}/stat") as status:
                if status.read().split()[2] == "Z":  # killed, waiting for init to reap it
                    break
        except (ProcessLookupError, FileNotFoundError):
            break
        time.sleep(0.1)
    else:
        pytest.fail("the child process survived the timeout")
