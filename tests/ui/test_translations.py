"""The French translation is complete, compiled, and loaded by default (Qt's own too)."""

from __future__ import annotations

import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QDate, QLocale
from PySide6.QtWidgets import QApplication, QDialogButtonBox

from ccs_desktop import paths
from ccs_desktop.ui import i18n

ROOT = Path(__file__).resolve().parents[2]
TS = ROOT / "resources" / "translations" / "ccs_desktop_fr.ts"
UPDATE = ROOT / "resources" / "translations" / "update.py"


def test_every_message_of_the_ts_has_its_french():
    tree = ET.parse(TS)
    missing = []
    for ctx in tree.getroot().iter("context"):
        for msg in ctx.iter("message"):
            tr = msg.find("translation")
            forms = [] if tr is None else [f.text for f in tr.findall("numerusform")]
            text = (tr.text or "").strip() if tr is not None else ""
            if (tr is None or tr.get("type") in ("unfinished", "vanished", "obsolete")
                    or not (text or all(forms) and forms)):
                missing.append((ctx.findtext("name"), msg.findtext("source")))
    assert not missing, missing
    assert sum(1 for _ in tree.getroot().iter("message")) > 300


def test_no_string_of_the_code_lacks_french():
    result = subprocess.run([sys.executable, str(UPDATE), "--check"], capture_output=True,
                            text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_compiled_qm_is_newer_than_the_ts():
    qm = paths.resource_path("translations", "ccs_desktop_fr.qm")
    assert qm.is_file() and qm.stat().st_mtime >= TS.stat().st_mtime - 1


def test_french_is_the_default_and_qt_buttons_are_french(qapp):
    assert i18n.install_translators(qapp) == "fr"
    assert QCoreApplication.translate("Pages", "Meetings") == "Réunions"
    assert QCoreApplication.translate("Labels", "Critical") == "Critique"
    box = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
    assert box.button(QDialogButtonBox.StandardButton.Cancel).text() == "Annuler"
    assert i18n.long_date(QDate(2024, 4, 12)) == "12 avril 2024"
    assert QLocale().language() == QLocale.Language.French


def test_english_on_request(qapp):
    assert i18n.install_translators(qapp, "en") == "en"
    assert QCoreApplication.translate("Pages", "Meetings") == "Meetings"
    assert i18n.long_date(QDate(2024, 4, 12)) == "12 April 2024"
    box = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
    assert box.button(QDialogButtonBox.StandardButton.Cancel).text() == "Cancel"
    assert isinstance(QApplication.instance(), QApplication)
