"""French wording on screen (issue 15, trap 11): « 1er décembre » in the date fields, « clé
USB » for the stick and « déverrouiller » for a key, counts in the singular for 0 and 1, and
the transmit screen saying what goes to the CRSS."""

from __future__ import annotations

from PySide6.QtCore import QDate
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QDateEdit, QLineEdit, QVBoxLayout, QWidget

from ccs_desktop.ui.editors.base import make_date
from ccs_desktop.ui.editors.records import ActivityEditor
from tests.french import fr

S = QDateEdit.Section


def _window(qtbot, *widgets):
    window = QWidget()
    layout = QVBoxLayout(window)
    for w in widgets:
        layout.addWidget(w)
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    qtbot.waitExposed(window)
    return window


def _type(qtbot, edit, section, keys, away):
    edit.setFocus()
    qtbot.waitUntil(edit.hasFocus)
    edit.setSelectedSection(section)
    qtbot.keyClicks(edit, keys)
    away.setFocus()
    qtbot.waitUntil(lambda: not edit.hasFocus())


def test_a_date_field_writes_the_first_of_the_month_1er_and_still_types(qtbot):
    edit, other = make_date(optional=False), QLineEdit()
    window = _window(qtbot, edit, other)  # noqa: F841 (kept alive)
    edit.setDate(QDate(2026, 12, 1))
    assert edit.text() == "1er décembre 2026"
    edit.setDate(QDate(2026, 12, 5))
    assert edit.text() == "5 décembre 2026"
    _type(qtbot, edit, S.DaySection, "1", other)           # typed: the first
    assert edit.date() == QDate(2026, 12, 1) and edit.text() == "1er décembre 2026"
    _type(qtbot, edit, S.DaySection, "28", other)          # from the first, two digits
    assert edit.date() == QDate(2026, 12, 28) and edit.text() == "28 décembre 2026"
    edit.setDate(QDate(2026, 12, 1))
    _type(qtbot, edit, S.YearSection, "2025", other)       # the sections after « 1er »
    assert edit.date() == QDate(2025, 12, 1) and edit.text() == "1er décembre 2025"
    _type(qtbot, edit, S.MonthSection, "mars", other)
    assert edit.date() == QDate(2025, 3, 1) and edit.text() == "1er mars 2025"


def test_an_editor_shows_1er_in_its_date(qtbot, committee_services):
    act = committee_services.activities.create(title="Causerie", date="2026-12-01")
    editor = ActivityEditor(committee_services, QUndoStack(), act.id)
    qtbot.addWidget(editor)
    assert editor.form.widgets["date"].text() == "1er décembre 2026"
    assert editor.form.value("date") == "2026-12-01"
    empty = make_date(optional=True)
    qtbot.addWidget(empty)
    assert empty.text() == "(non renseignée)"


def _transmit_text(qtbot, services) -> str:
    from ccs_desktop.ui.exchange.dialogs import BackupDialog

    dialog = BackupDialog(services, "transmission")
    qtbot.addWidget(dialog)
    return " ".join(dialog.content.text().replace("\u00a0", " ").split())


def test_the_transmit_screen_says_what_goes_to_the_crss(qtbot, committee_services):
    """issue 14: without shared names the adopted PVs go as their CRSS version (people by
    code and function), the original and the scans stay on the PC; with shared names, the
    PVs go as adopted."""
    text = _transmit_text(qtbot, committee_services)
    goes, stays = text.split("Reste sur ce PC")
    assert "chacune devient un code" not in text
    assert "version pour le CRSS" in goes and "code et leur fonction" in goes
    assert "« Version pour le CRSS — l’original signé reste au comité »" in goes
    assert "P-7K2M-Q9XD" in goes and "noms des personnes" in stays
    assert "PDF original de chaque PV adopté" in stays and "PV signé" in stays
    committee_services.committee.update(share_names=True)
    text = _transmit_text(qtbot, committee_services)
    goes, stays = text.split("Reste sur ce PC")
    assert "tel qu’il a été adopté, avec les noms" in goes and "noms des personnes" in goes
    assert "version pour le CRSS" not in text and "P-7K2M" not in text
