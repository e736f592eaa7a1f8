"""Issue 15: the meeting form as the secretary meets it (trap 3: the number of the year)."""

from __future__ import annotations

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QApplication, QDateEdit, QPushButton, QSpinBox

from ccs_desktop.ui.editors.meeting import MeetingEditor
from tests.french import fr


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


def _held_meeting_with_excused_chair(s):  # noqa: ANN001, ANN202
    held = s.meetings.create_with_agenda(date="2024-04-12", status="held")
    later = s.meetings.create_with_agenda(date="2024-05-10")
    meeting = s.meetings.get(held.id)
    assert meeting.chair_id is not None
    s.meetings.set_attendance(held.id, meeting.chair_id, "excused")
    return held.id, later.id


def test_adoption_asks_first_and_lists_the_contradictions(qtbot, window):
    """Traps 7 and 6: « Enregistrer l'adoption » asks (irreversible), listing what contradicts
    itself (the chair marked « Excusé » still presides, no quorum); « Annuler » changes
    nothing; confirmed, the PV is adopted."""
    from month_keys import ConfirmingPrompts

    from ccs_desktop.ui import prompts

    s = window.services
    held, later = _held_meeting_with_excused_chair(s)
    editor = window.open_record("meetings", held)
    editor.tabs.setCurrentWidget(editor.adoption)
    editor.adopted_by.setCurrentIndex(editor.adopted_by.findData(later))
    with prompts.replaced(ConfirmingPrompts(False)) as no:
        qtbot.mouseClick(editor.adopt_button, Qt.MouseButton.LeftButton)
    assert len(no.asked) == 1
    question = no.asked[0]
    assert "définitive" in question
    assert fr("est noté « Excusé » mais préside dans le PV") in question
    assert "Quorum non atteint" in question
    assert s.meetings.get(held).status == "held"  # nothing happened
    with prompts.replaced(ConfirmingPrompts(True)) as yes:
        with qtbot.waitSignal(editor.changed, timeout=5000):
            qtbot.mouseClick(editor.adopt_button, Qt.MouseButton.LeftButton)
    assert len(yes.asked) == 1
    assert s.meetings.get(held).status == "adopted"
    editor.close()


def test_a_future_meeting_is_not_marked_held_without_a_warning(qtbot, window):
    import datetime as dt

    from month_keys import ConfirmingPrompts

    from ccs_desktop.ui import prompts

    s = window.services
    future = s.meetings.create_with_agenda(date=dt.date.today() + dt.timedelta(days=20))
    editor = window.open_record("meetings", future.id)
    held = next(b for b in editor.findChildren(QPushButton) if b.text() == "Marquer tenue")
    with prompts.replaced(ConfirmingPrompts(False)) as no:
        qtbot.mouseClick(held, Qt.MouseButton.LeftButton)
    assert any("dans le futur" in q for q in no.asked)
    assert s.meetings.get(future.id).status == "planned"
    editor.close()


def test_a_transmission_dated_before_its_meeting_or_without_number_warns(qtbot, window):
    from month_keys import ConfirmingPrompts

    from ccs_desktop.ui import prompts

    s = window.services
    meeting = s.meetings.create_with_agenda(date="2024-04-12", status="held")
    rec = s.recommendations.create(text="Éclairer la piste de Toya", meeting_id=meeting.id)
    editor = window.open_record("recommendations", rec.id)
    editor.t_date.setDate(QDate(2024, 4, 1))
    editor.t_to.setText("Monsieur le Préfet")
    with prompts.replaced(ConfirmingPrompts(False)) as no:
        assert editor.transmit() is False
    assert len(no.asked) == 1
    assert "datée avant la réunion" in no.asked[0]
    assert fr("n'a pas de numéro") in no.asked[0]
    assert s.recommendations.followups(rec.id) == []
    editor.close()
