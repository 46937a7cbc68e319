"""Old Office and WPS files (.doc, .wps) through LibreOffice, converted to .docx and read as Word."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import tempfile
from pathlib import Path

from generator.formats import Extracted, Refused, check_size

TIMEOUT = 120  # seconds; a bulletin converts in about two
INSTALL = "LibreOffice is needed for .doc and .wps: apt-get install libreoffice-writer-nogui, or save the file as .docx"


def soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def convert(path: Path, target: str, outdir: Path, timeout: float | None = None) -> Path:
    """`path` converted by LibreOffice to `target` (docx, pdf, doc) in `outdir`; Refused on failure."""
    timeout = TIMEOUT if timeout is None else timeout
    program = soffice()
    if program is None:
        raise Refused(INSTALL)
    # A private profile: LibreOffice refuses to start beside another instance sharing one.
    with tempfile.TemporaryDirectory(prefix="soffice-profile-") as profile:
        command = [
            program, f"-env:UserInstallation={Path(profile).as_uri()}", "--headless", "--norestore",
            "--convert-to", target, "--outdir", str(outdir), str(path),
        ]  # fmt: skip
        # Its own process group: on a timeout the whole of LibreOffice (oosplash, soffice.bin) ends.
        process = subprocess.Popen(
            command, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            start_new_session=True,
        )  # fmt: skip
        try:
            process.wait(timeout)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
            raise Refused(f"LibreOffice did not convert it within {timeout:g} s") from None
    result = outdir / f"{path.stem}.{target.split(':')[0]}"
    if not result.is_file() or result.stat().st_size == 0:
        raise Refused(f"LibreOffice could not convert it to .{target.split(':')[0]} (damaged, or not a document)")
    return result


def read_office(path: Path) -> Extracted:
    """A .doc or .wps file, converted to .docx in a temporary folder and read as Word: its
    paragraphs are those of the conversion."""
    from generator.formats.docx import read_docx  # python-docx loads only when a file is converted

    check_size(path)
    with tempfile.TemporaryDirectory(prefix="seed-convert-") as folder:
        return read_docx(convert(path, "docx:MS Word 2007 XML", Path(folder)))
