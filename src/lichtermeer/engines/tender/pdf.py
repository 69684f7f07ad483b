"""PDF through LibreOffice: `soffice --headless --convert-to pdf` in a private temporary directory.

Each conversion gets its own directory and its own LibreOffice user profile (-env:UserInstallation), so parallel
conversions (several workers, several tests) do not share the profile lock. The process runs in its own session;
on timeout the whole process group (the soffice wrapper and soffice.bin) is killed. No LibreOffice: None.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
import tempfile
from pathlib import Path

ENV_BINARY = "SOFFICE_BINARY"
# Tagged PDF (headings, tables and reading order for screen readers) with the document title shown in the title
# bar. This JSON form of filter options needs LibreOffice 7.4 or later.
FILTER = ('pdf:writer_pdf_Export:{"UseTaggedPDF":{"type":"boolean","value":"true"},'
          '"DisplayPDFDocumentTitle":{"type":"boolean","value":"true"}}')
CANDIDATES = ("soffice", "libreoffice")


class PdfFailed(RuntimeError):
    """LibreOffice ran but produced no PDF (error, crash or timeout); `.en` / `.de` say why."""

    def __init__(self, en: str, de: str) -> None:
        super().__init__(en)
        self.en, self.de = en, de


def soffice_path(configured: str | None = None) -> str | None:
    """The LibreOffice binary: `configured` (the app passes settings.SOFFICE_BINARY), else $SOFFICE_BINARY,
    else soffice/libreoffice on PATH. A name or path that does not resolve to an executable gives None."""
    wanted = configured if configured else os.environ.get(ENV_BINARY, "")
    if wanted:
        return shutil.which(wanted)  # a path to an executable file, or a name looked up on PATH
    for name in CANDIDATES:
        if found := shutil.which(name):
            return found
    return None


def convert_to_pdf(data: bytes, suffix: str, *, soffice: str | None = None, timeout: int = 60) -> bytes | None:
    """Convert one document (bytes of a .docx or .odt) to PDF; None when LibreOffice is not installed."""
    binary = soffice_path(soffice)
    if binary is None:
        return None
    with tempfile.TemporaryDirectory(prefix="lichtermeer-tender-") as directory:
        root = Path(directory)
        source = root / f"document.{suffix}"
        source.write_bytes(data)
        out = root / "out"
        out.mkdir()
        profile = root / "profile"
        command = [binary, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--invisible", "--norestore",
                   "--nologo", "--nodefault", "--nolockcheck", "--convert-to", FILTER, "--outdir", str(out),
                   str(source)]
        environment = {**os.environ, "HOME": directory, "TMPDIR": directory}
        process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=directory,
                                   env=environment, start_new_session=True)
        try:
            _, error = process.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            _kill_group(process)  # the wrapper (still running, so its group id is ours) and soffice.bin
            raise PdfFailed(f"LibreOffice did not finish within {timeout} seconds",
                            f"LibreOffice ist nicht innerhalb von {timeout} Sekunden fertig geworden") from None
        pdf = out / "document.pdf"
        if not pdf.is_file() or pdf.stat().st_size == 0:
            detail = error.decode("utf-8", "replace").strip()[-300:]
            raise PdfFailed(f"LibreOffice produced no PDF (exit code {process.returncode}): {detail}",
                            f"LibreOffice hat kein PDF erzeugt (Exit-Code {process.returncode}): {detail}")
        return pdf.read_bytes()


def _kill_group(process: subprocess.Popen) -> None:
    """Kill the process group this conversion started (its leader has not been reaped yet)."""
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(process.pid, signal.SIGKILL)
    process.wait(timeout=10)
