"""Issue 10: every QSettings key declared once (ui/settings_keys.py) with its type and
default; the typed helpers read a value of the wrong type as the default."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest
from PySide6.QtCore import QByteArray, QSettings

import ccs_desktop
from ccs_desktop.ui import i18n
from ccs_desktop.ui import settings_keys as prefs

ROOT = Path(ccs_desktop.__file__).parent
QT_KEY = re.compile(r"^(main|tables|ui|crss)/")
QT_DECLARATION = "ui/settings_keys.py"


def _strings(tree: ast.AST) -> list[str]:
    return [n.value for n in ast.walk(tree)
            if isinstance(n, ast.Constant) and isinstance(n.value, str)]


def _names_qsettings(tree: ast.AST) -> bool:
    for n in ast.walk(tree):
        if isinstance(n, ast.Call):
            f = n.func
            if (isinstance(f, ast.Name) and f.id == "QSettings") or (
                    isinstance(f, ast.Attribute) and f.attr == "QSettings"):
                return True
    return any(QT_KEY.match(s) and " " not in s for s in _strings(tree))


def test_only_the_declaration_creates_qsettings_or_names_a_key():
    offenders = set()
    for p in sorted(ROOT.rglob("*.py")):
        name = str(p.relative_to(ROOT)).replace("\\", "/")
        if name != QT_DECLARATION and _names_qsettings(ast.parse(p.read_text(encoding="utf-8"))):
            offenders.add(name)
    assert offenders == set()


def test_every_key_is_declared_once():
    names = [p.name for p in prefs.PREFS]
    assert len(names) == len(set(names))



def test_defaults_when_absent():
    for pref in prefs.PREFS:
        assert prefs.read(pref) == pref.default
    assert prefs.read(prefs.MAIN_PAGE) == "home"
    assert prefs.read(prefs.CRSS_KEY_PATH) == ""
    assert prefs.read(prefs.table_header("people")) is None


def test_round_trip():
    layout = QByteArray(b"\x00\x01layout")
    prefs.write(prefs.MAIN_GEOMETRY, layout)
    prefs.write(prefs.MAIN_PAGE, "threats")
    prefs.write(prefs.table_header("meetings"), layout)
    prefs.write(prefs.CRSS_KEY_PATH, "/media/cle/crss.key")
    prefs.sync()
    assert prefs.read(prefs.MAIN_GEOMETRY) == layout
    assert prefs.read(prefs.MAIN_PAGE) == "threats"
    assert prefs.read(prefs.table_header("meetings")) == layout
    assert prefs.read(prefs.CRSS_KEY_PATH) == "/media/cle/crss.key"
    # the keys of earlier versions: an existing user's settings are read as before
    assert QSettings().value("main/page") == "threats"
    assert QSettings().value("tables/meetings/header") == layout


def test_a_bad_stored_value_reads_as_the_default():
    QSettings().setValue("main/geometry", "not a layout")
    QSettings().setValue("main/splitter", QByteArray())
    QSettings().setValue("main/page", QByteArray(b"x"))
    QSettings().setValue("ui/language", "klingon")
    assert prefs.read(prefs.MAIN_GEOMETRY) is None
    assert prefs.read(prefs.MAIN_SPLITTER) is None
    assert prefs.read(prefs.MAIN_PAGE) == "home"
    assert i18n.current_language() == "fr"


def test_the_language_is_kept_under_its_key():
    i18n.set_language_setting("en")
    assert prefs.read(prefs.LANGUAGE) == "en"
    assert i18n.current_language() == "en"


def test_a_value_of_the_wrong_type_is_refused():
    with pytest.raises(TypeError):
        prefs.write(prefs.MAIN_GEOMETRY, "geometry")
    with pytest.raises(TypeError):
        prefs.write(prefs.MAIN_PAGE, 3)
    assert QSettings().value("main/geometry") is None
