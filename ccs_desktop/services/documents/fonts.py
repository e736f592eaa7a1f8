"""The embedded font family of every printed document (registered once, thread-safe)."""

from __future__ import annotations

import threading
from pathlib import Path

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from ... import paths

FAMILY = "CCSSans"
REGULAR = FAMILY
BOLD = f"{FAMILY}-Bold"
ITALIC = f"{FAMILY}-Italic"
BOLD_ITALIC = f"{FAMILY}-BoldItalic"

_FILES = {
    REGULAR: "DejaVuSansCondensed.ttf",
    BOLD: "DejaVuSansCondensed-Bold.ttf",
    ITALIC: "DejaVuSansCondensed-Oblique.ttf",
    BOLD_ITALIC: "DejaVuSansCondensed-BoldOblique.ttf",
}

_lock = threading.Lock()
_registered = False


def fonts_dir() -> Path:
    """resources/fonts, installed (ccs_desktop.resources) or in the source tree."""
    return paths.resource_path("fonts")


def register_fonts() -> str:
    """Register the family with ReportLab (once per process) and return its name."""
    global _registered
    if _registered:
        return FAMILY
    with _lock:
        if not _registered:
            folder = fonts_dir()
            for name, filename in _FILES.items():
                path = folder / filename
                if not path.is_file():
                    raise FileNotFoundError(
                        f"Police introuvable : {path}. Réinstallez l'application.")
                pdfmetrics.registerFont(TTFont(name, str(path)))
            addMapping(FAMILY, 0, 0, REGULAR)
            addMapping(FAMILY, 1, 0, BOLD)
            addMapping(FAMILY, 0, 1, ITALIC)
            addMapping(FAMILY, 1, 1, BOLD_ITALIC)
            _registered = True
    return FAMILY
