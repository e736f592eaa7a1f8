"""Reading PDFs back in tests: text per page, flattened text, embedded fonts.

A module of its own (not conftest) so that `from pdftext import ...` never picks up another
folder's conftest when several test folders run together."""

from __future__ import annotations

import io
import shutil
import subprocess
from pathlib import Path

import pytest


def pdf_pages(data: bytes) -> list[str]:
    """The text of every page, read back with pypdf."""
    from pypdf import PdfReader

    return [page.extract_text() or "" for page in PdfReader(io.BytesIO(data)).pages]


def pdf_text(data: bytes) -> str:
    return "\n".join(pdf_pages(data))


def flat(text: str) -> str:
    """Text with line breaks and runs of spaces (incl. non-breaking) made single spaces."""
    return " ".join(text.replace("\u00a0", " ").split())


def pdffonts(data: bytes, tmp_path: Path) -> str:
    if shutil.which("pdffonts") is None:
        pytest.skip("pdffonts (poppler-utils) absent")
    path = tmp_path / "check.pdf"
    path.write_bytes(data)
    return subprocess.run(["pdffonts", str(path)], capture_output=True, text=True,
                          check=True).stdout
