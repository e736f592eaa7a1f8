"""Issue 15: the secretary's forms keep what she typed (traps 1, 5, 10)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QComboBox, QLineEdit, QPushButton

from ccs_desktop.ui.editors.base import RecordEditor

from month_keys import type_text


def open_editors(window) -> list[RecordEditor]:
    return [w for w in QApplication.topLevelWidgets()
            if isinstance(w, RecordEditor) and w.isVisible()]


def choose(combo: QComboBox, text: str) -> None:
    index = combo.findText(text)
    assert index >= 0, (text, [combo.itemText(i) for i in range(combo.count())])
    combo.setCurrentIndex(index)


def test_a_new_valid_member_closed_with_fermer_is_created(qtbot, window):
    """Trap 1: a complete new member closed with « Fermer » instead of « Enregistrer »."""
    page = window.go_to("people")
    before = window.services.people.count()
    qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    editors = open_editors(window)
    assert len(editors) == 1
    editor = editors[0]
    qtbot.waitExposed(editor)
    type_text(qtbot, editor.findChild(QLineEdit, "given_names"), "Fatoumata")
    type_text(qtbot, editor.findChild(QLineEdit, "family_name"), "Cissé")
    choose(editor.findChild(QComboBox, "sex"), "Femme")
    choose(editor.findChild(QComboBox, "category"), "Représentantes des femmes (CAFO)")
    close = next(b for b in editor.findChildren(QPushButton) if b.text() == "Fermer")
    qtbot.mouseClick(close, Qt.MouseButton.LeftButton)
    assert not editor.isVisible()
    assert window.services.people.count() == before + 1
    assert "Fatoumata" in " ".join(
        str(page.model.index(r, c).data()) for r in range(page.model.rowCount())
        for c in range(page.model.columnCount()))
    # nothing left to offer the next time « Nouveau membre » is clicked
    window.open_record("people", None)
    again = open_editors(window)[-1]
    assert not again.draft_banner.isVisible()
    again.close()
