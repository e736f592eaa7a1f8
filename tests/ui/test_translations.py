"""One gettext catalog: extracted from the code, complete in French, compiled, and what the
interface shows by default (Qt's own dialogs too), whatever the system's locale."""

from __future__ import annotations

import gettext
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po
from PySide6.QtCore import QCoreApplication, QDate, QLocale
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QFileDialog, QLabel

from ccs_desktop import i18n as core_i18n
from ccs_desktop import paths
from ccs_desktop.domain import enums
from ccs_desktop.ui import i18n

ROOT = Path(__file__).resolve().parents[2]
PO = ROOT / "po"
KEYWORDS = {"gettext": None, "ngettext": (1, 2), "pgettext": ((1, "c"), 2),
            "npgettext": ((1, "c"), 2, 3)}


def _key(message) -> tuple[str | None, str]:  # noqa: ANN001
    return message.context, message.id if isinstance(message.id, str) else message.id[0]


def _read(path: Path):  # noqa: ANN202
    with open(path, "rb") as fh:
        return read_po(fh)


def test_the_template_holds_every_text_of_the_code_and_nothing_else():
    sys.path.insert(0, str(PO))
    try:
        found = {(ctx, msg if isinstance(msg, str) else msg[0])
                 for _f, _l, msg, _c, ctx in extract_from_dir(
                     str(ROOT), method_map=[("ccs_desktop/**.py", "extract_qt:extract")],
                     keywords=KEYWORDS)}
    finally:
        sys.path.remove(str(PO))
    template = {_key(m) for m in _read(PO / "ccs_desktop.pot") if m.id}
    assert len(found) > 700
    assert found - template == set(), "run the pybabel extract of po/README.md"
    assert template - found == set(), "run the pybabel extract of po/README.md"


def test_the_french_catalog_is_complete_and_keeps_placeholders():
    template = {_key(m) for m in _read(PO / "ccs_desktop.pot") if m.id}
    french = _read(PO / "fr.po")
    assert french.fuzzy is False and not french.obsolete
    entries = {_key(m): m for m in french if m.id}
    assert set(entries) == template
    for key, m in entries.items():
        strings = m.string if isinstance(m.string, tuple) else (m.string,)
        assert all(strings) and "fuzzy" not in m.flags, key
        source = m.id if isinstance(m.id, str) else m.id[0]
        for s in strings:
            assert set(re.findall(r"{\w*}", s)) == set(re.findall(r"{\w*}", source)), key
            assert ("%n" in s) == ("%n" in source) and s.count("&") <= source.count("&") + 1, key


def test_the_compiled_catalog_is_the_french_po():
    mo = paths.resource_path("locale", "fr", "LC_MESSAGES", "ccs_desktop.mo")
    with open(mo, "rb") as fh:
        compiled = gettext.GNUTranslations(fh)
    for m in _read(PO / "fr.po"):
        if not m.id:
            continue
        if isinstance(m.id, tuple):
            got = [compiled.npgettext(m.context, m.id[0], m.id[1], n) if m.context else
                   compiled.ngettext(m.id[0], m.id[1], n) for n in (1, 2)]
            assert got == list(m.string), (m.context, m.id)
        else:
            got = compiled.pgettext(m.context, m.id) if m.context else compiled.gettext(m.id)
            assert got == m.string, ("recompile po/fr.po (po/README.md)", m.context, m.id)


@pytest.mark.parametrize("env", [{"LC_ALL": "C.UTF-8"}, {"LANG": "en_US.UTF-8",
                                                         "LC_ALL": "en_US.UTF-8"},
                                 {"LC_ALL": "C.UTF-8", "CCS_LANG": "en"}])
def test_french_whatever_the_system_says_english_when_asked(env):
    base = {k: v for k, v in os.environ.items()
            if k not in ("LANG", "LANGUAGE", "LC_ALL", "LC_MESSAGES", "CCS_LANG")}
    code = ("from ccs_desktop import i18n; "
            "print(i18n.language(), i18n.lookup('Pages', 'Meetings') or 'Meetings')")
    out = subprocess.run([sys.executable, "-c", code], env={**base, **env}, text=True,
                         capture_output=True, timeout=60, check=True).stdout.split()
    assert out == (["en", "Meetings"] if env.get("CCS_LANG") == "en" else ["fr", "Réunions"])


def test_the_adapter_says_nothing_for_a_text_it_does_not_know():
    assert core_i18n.lookup("Pages", "Meetings", lang="fr") == "Réunions"
    assert core_i18n.lookup("Pages", "A text nobody wrote", lang="fr") is None
    assert core_i18n.lookup("QDialogButtonBox", "Cancel", lang="fr") is None  # qtbase's
    assert core_i18n.lookup("Pages", "Meetings", lang="en") is None
    one, many = (core_i18n.lookup("DocumentsView", "{n} page", n, lang="fr") for n in (1, 3))
    assert (one, many) == ("{n} page", "{n} pages")
    assert [core_i18n.lookup(None, "{n} meeting", n, lang="fr") for n in (0, 1, 2)] == [
        "{n} réunion", "{n} réunion", "{n} réunions"]


def test_french_is_the_default_and_qt_buttons_are_french(qapp, monkeypatch):
    monkeypatch.delenv("CCS_LANG", raising=False)
    assert i18n.install_translators(qapp) == "fr"
    assert QCoreApplication.translate("Pages", "Meetings") == "Réunions"
    assert i18n.label(enums.RiskLevel, "critical") == "Critique"
    assert enums.Likelihood.UNLIKELY.label == "Peu probable"
    assert QCoreApplication.translate("Pages", "A text nobody wrote") == "A text nobody wrote"
    box = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
    assert box.button(QDialogButtonBox.StandardButton.Cancel).text() == "Annuler"
    assert i18n.long_date(QDate(2024, 4, 12)) == "12 avril 2024"
    assert QLocale().language() == QLocale.Language.French
    assert core_i18n.language() == "fr"


def test_qt_file_dialog_speaks_french(qapp, qtbot):
    i18n.install_translators(qapp, "fr")
    dialog = QFileDialog(None, "Ouvrir une sauvegarde", str(ROOT))
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    labels = [label.text().replace("&", "") for label in dialog.findChildren(QLabel)
              if label.text()]
    assert "Voir dans\u00a0:" in labels and "Fichiers de type\u00a0:" in labels, labels
    english = re.compile(r"\b(Look|Files of|File name|Open|Cancel)\b")
    assert not [t for t in labels if english.search(t)], labels
    dialog.close()


def test_english_on_request(qapp):
    assert i18n.install_translators(qapp, "en") == "en"
    assert QCoreApplication.translate("Pages", "Meetings") == "Meetings"
    assert i18n.long_date(QDate(2024, 4, 12)) == "12 April 2024"
    box = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
    assert box.button(QDialogButtonBox.StandardButton.Cancel).text() == "Cancel"
    assert isinstance(QApplication.instance(), QApplication)
    assert core_i18n.language() == "en"
    # labels declared once in the core follow the interface; documents stay French
    assert enums.Likelihood.UNLIKELY.label == "Unlikely"
    assert i18n.label(enums.ThreatStatus, "watched") == "Watched"
    assert [label for _code, label in i18n.choices(enums.Priority)][0] == "High priority"
    assert enums.Category.ELUS.french == "Élus communaux / Délégation spéciale"
    assert enums.Trend.french_label_of("up") == "En hausse"
    i18n.install_translators(qapp, "fr")
