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
    """Text with line breaks and runs of spaces (incl. non-breaking) made single spaces, and
    the typographic apostrophe read as ' (test_typography checks the real one)."""
    return " ".join(text.replace("\u00a0", " ").replace("\u2019", "'").split())


def pdffonts(data: bytes, tmp_path: Path) -> str:
    if shutil.which("pdffonts") is None:
        pytest.skip("pdffonts (poppler-utils) absent")
    path = tmp_path / "check.pdf"
    path.write_bytes(data)
    return subprocess.run(["pdffonts", str(path)], capture_output=True, text=True,
                          check=True).stdout


def _poppler(tool: str) -> str:
    if shutil.which(tool) is None:
        pytest.skip(f"{tool} (poppler-utils) absent")
    return tool


def layout_pages(data: bytes, tmp_path: Path) -> list[str]:
    """Every page as `pdftotext -layout` reads it: the line breaks as printed."""
    path = tmp_path / "layout.pdf"
    path.write_bytes(data)
    out = subprocess.run([_poppler("pdftotext"), "-layout", str(path), "-"],
                         capture_output=True, text=True, check=True).stdout
    pages = out.split("\f")
    return pages[:-1] if pages and not pages[-1].strip() else pages


def word_boxes(data: bytes, tmp_path: Path) -> list[tuple[int, str, float, float, float,
                                                          float]]:
    """(page, word, xMin, yMin, xMax, yMax) of every word, in points from the page's top left."""
    import re

    path = tmp_path / "bbox.pdf"
    path.write_bytes(data)
    out = subprocess.run([_poppler("pdftotext"), "-bbox", str(path), "-"],
                         capture_output=True, text=True, check=True).stdout
    boxes = []
    for number, page in enumerate(out.split("<page ")[1:], start=1):
        for m in re.finditer(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" '
                             r'yMax="([\d.]+)">([^<]*)</word>', page):
            boxes.append((number, m.group(5), float(m.group(1)), float(m.group(2)),
                          float(m.group(3)), float(m.group(4))))
    return boxes
