"""A committee's own threat sub-types, added from the threat editor (real window, demo data)."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from ccs_desktop.ui import i18n
from ccs_desktop.ui.editors import open_editor


def _pick(combo, code):
    index = combo.findData(code)
    assert index >= 0, code
    combo.setCurrentIndex(index)


def _open_dialog(qtbot, ed):
    qtbot.mouseClick(ed.add_type_button, qtbot_left())
    dialog = ed.local_type_dialog
    assert dialog is not None and dialog.isVisible()
    return dialog


def qtbot_left():
    from PySide6.QtCore import Qt

    return Qt.MouseButton.LeftButton


def test_local_subtype_added_saved_and_shown_again(qtbot, window):
    services = window.services
    before = len(services.threats.types())
    ed = open_editor("threats", None, window)
    qtbot.addWidget(ed)
    f = ed.form.widgets
    f["title"].setText("Vols de chèvres au marché de Toya")
    _pick(f["type_parent"], "CRI")
    _pick(f["type_code"], "CRI.BET")
    dialog = _open_dialog(qtbot, ed)
    # the national parent is the one chosen in the editor
    assert dialog.national.currentData() == "CRI.BET"
    assert dialog.windowTitle() == "Ajouter un type local"
    dialog.label.setText("Vol de chèvres")
    qtbot.mouseClick(dialog.ok, qtbot_left())
    assert not dialog.isVisible()
    added = dialog.added
    assert added.code.startswith("LOC.") and added.parent_code == "CRI"
    assert len(services.threats.types()) == before + 1
    # selected in the combo, under its national parent
    assert f["type_parent"].currentData() == "CRI"
    assert f["type_code"].currentData() == added.code
    assert f["type_code"].currentText() == "Vol de chèvres"
    f["likelihood"].setCurrentIndex(3)  # issue 15: the score is chosen, never preselected
    f["impact"].setCurrentIndex(3)
    assert ed.save() is True
    record_id = ed.record_id
    ed.close()

    again = open_editor("threats", record_id, window)
    qtbot.addWidget(again)
    assert again.form.widgets["type_parent"].currentData() == "CRI"
    assert again.form.widgets["type_code"].currentText() == "Vol de chèvres"
    assert services.threats.get(record_id).type_code == added.code

    # the same label twice under the same type is refused, in French, under the field
    dialog = _open_dialog(qtbot, again)
    dialog.label.setText("vol de chèvres")
    qtbot.mouseClick(dialog.ok, qtbot_left())
    assert dialog.isVisible()
    error = dialog.errors["label"]
    assert error.isVisible() and "déjà" in error.text()
    assert len(services.threats.types()) == before + 1
    dialog.reject()


def test_empty_label_refused_in_french_nothing_added(qtbot, window):
    services = window.services
    before = len(services.threats.types())
    ed = open_editor("threats", None, window)
    qtbot.addWidget(ed)
    _pick(ed.form.widgets["type_parent"], "VCC")
    dialog = _open_dialog(qtbot, ed)
    assert dialog.national.currentData() == "VCC"
    dialog.label.setText("   ")
    qtbot.mouseClick(dialog.ok, qtbot_left())
    assert dialog.isVisible() and dialog.added is None
    error = dialog.errors["label"]
    assert error.isVisible()
    assert "obligatoire" in error.text()
    assert len(services.threats.types()) == before
    dialog.reject()
    assert ed.form.widgets["type_parent"].currentData() == "VCC"


def test_button_and_dialog_in_english(qtbot, window, qapp):
    from ccs_desktop import i18n as core_i18n

    i18n.install_translators(qapp, "en")
    try:
        ed = open_editor("threats", None, window)
        qtbot.addWidget(ed)
        assert ed.add_type_button.text() == "Add a local type…"
        dialog = _open_dialog(qtbot, ed)
        assert dialog.windowTitle() == "Add a local type"
        qtbot.mouseClick(dialog.ok, qtbot_left())
        assert "required" in dialog.errors["label"].text()
        dialog.reject()
    finally:
        i18n.install_translators(qapp, "fr")
    ed = open_editor("threats", None, window)
    qtbot.addWidget(ed)
    assert ed.add_type_button.text() == "Ajouter un type local…"
    assert core_i18n is not None


def test_editor_at_1024x768_nothing_clipped(qtbot, window, tmp_path):
    ed = open_editor("threats", None, window)
    qtbot.addWidget(ed)
    ed.resize(1024, 700)
    qtbot.waitExposed(ed)
    qtbot.waitUntil(lambda: ed.width() == 1024)
    button = ed.add_type_button
    combo = ed.form.widgets["type_code"]
    assert button.width() >= button.sizeHint().width()
    assert combo.width() >= combo.minimumSizeHint().width(), (combo.width(), ed.size())
    # the button sits inside the editor's visible area
    top_left = button.mapTo(ed, button.rect().topLeft())
    assert top_left.x() + button.width() <= ed.width() and top_left.y() >= 0
    path = os.environ.get("CCS_GRAB") or str(tmp_path / "threat-editor-1024.png")
    assert ed.grab().save(path)
    dialog = _open_dialog(qtbot, ed)
    qtbot.waitExposed(dialog)
    assert dialog.ok.width() >= dialog.ok.sizeHint().width()
    assert dialog.grab().save(path.replace(".png", "-dialog.png"))
    dialog.reject()
