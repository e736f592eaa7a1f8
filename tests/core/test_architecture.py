"""The core stays Qt-free: nothing under db/, domain/, services/ or cli/ imports Qt."""

from __future__ import annotations

import re
from pathlib import Path

import ccs_desktop

CORE = ("db", "domain", "services", "cli")
QT = re.compile(r"^\s*(from|import)\s+PySide6", re.MULTILINE)


def test_core_has_no_qt_import():
    root = Path(ccs_desktop.__file__).parent
    offenders = [str(p.relative_to(root)) for sub in CORE for p in (root / sub).rglob("*.py")
                 if QT.search(p.read_text(encoding="utf-8"))]
    assert offenders == []


def test_core_modules_at_the_top_have_no_qt_import():
    root = Path(ccs_desktop.__file__).parent
    offenders = [name for name in ("i18n.py", "fileio.py", "paths.py")
                 if QT.search((root / name).read_text(encoding="utf-8"))]
    assert offenders == []
