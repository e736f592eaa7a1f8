"""Issue 15: the meeting form as the secretary meets it (trap 3: the number of the year)."""

from __future__ import annotations

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QApplication, QDateEdit, QPushButton, QSpinBox

from ccs_desktop.ui.editors.meeting import MeetingEditor


def new_meeting(qtbot, window) -> MeetingEditor:  # noqa: ANN001
    window.go_to("meetings")
    qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    editor = next(w for w in QApplication.topLevelWidgets()
                  if isinstance(w, MeetingEditor) and w.isVisible())
    qtbot.waitExposed(editor)
    return editor


def test_a_date_moved_to_next_year_takes_number_one_of_that_year(qtbot, window):
    editor = new_meeting(qtbot, window)
    number = editor.findChild(QSpinBox, "number")
    date = editor.findChild(QDateEdit, "date")
    this_year = date.date().year()
    assert number.value() == window.services.meetings.next_number(this_year)
    date.setDate(QDate(this_year + 1, 1, 8))  # picked in the calendar: 8 janvier
    assert number.value() == 1
    assert editor.reference_label.text().startswith(f"PV N°001/{this_year + 1}/")
    date.setDate(QDate(this_year, 12, 28))  # back: this year's next number again
    assert number.value() == window.services.meetings.next_number(this_year)
    number.setValue(40)  # a number she chose herself stays
    date.setDate(QDate(this_year + 1, 1, 8))
    assert number.value() == 40
    number.setValue(1)
    save = next(b for b in editor.findChildren(QPushButton) if b.text() == "Enregistrer")
    qtbot.mouseClick(save, Qt.MouseButton.LeftButton)
    saved = window.services.meetings.detail(editor.record_id)
    assert (saved.number, saved.year) == (1, this_year + 1)
    editor.close()
