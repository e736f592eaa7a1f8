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


def test_optional_dates_open_on_the_current_month(qtbot, window):
    """Trap 5: « Échéance » of a new recommendation and « Convocation en date du » of a new
    meeting are empty; their calendars open on this month, not on janvier 2000."""
    from PySide6.QtCore import QDate, QPoint
    from PySide6.QtWidgets import QDateEdit

    today = QDate.currentDate()
    for kind, name in (("recommendations", "deadline"), ("meetings", "convocation_date")):
        window.go_to(kind)
        editor = window.open_record(kind, None)
        qtbot.waitExposed(editor)
        edit = editor.findChild(QDateEdit, name)
        assert edit is not None, name
        if kind == "meetings":
            edit.setDate(edit.minimumDate())  # emptied (a new meeting may propose one)
        assert editor.form.value(name) is None
        edit.ensurePolished()
        # a click on the field's arrow opens its calendar
        qtbot.mouseClick(edit, Qt.MouseButton.LeftButton,
                         pos=QPoint(edit.width() - 8, edit.height() // 2))
        calendar = edit.calendarWidget()
        qtbot.waitUntil(calendar.isVisible, timeout=2000)
        assert (calendar.yearShown(), calendar.monthShown()) == (today.year(), today.month())
        calendar.window().hide()
        assert editor.form.value(name) is None  # opening it chose nothing
        qtbot.keyClick(edit, Qt.Key.Key_Up)  # the arrow keys start from today
        assert editor.form.value(name) == today.toString("yyyy-MM-dd")
        editor.close()


def test_an_unscored_threat_looks_unscored_until_the_secretary_chooses(qtbot, window):
    """Trap 10: no Possible × Modérée (9) in a new threat, no Rare × Négligeable (1) in a
    meeting's re-assessment: nothing is scored until she chooses."""
    from ccs_desktop.ui.editors.meeting import MeetingEditor

    window.go_to("threats")
    qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    editor = open_editors(window)[-1]
    likelihood = editor.findChild(QComboBox, "likelihood")
    impact = editor.findChild(QComboBox, "impact")
    assert likelihood.currentText() == impact.currentText() == "— choisir —"
    assert editor.badge.text().startswith("Non évaluée")
    assert "/ 25" not in editor.badge.text()
    choose(likelihood, "Probable")
    assert editor.badge.text().startswith("Non évaluée")  # one of two is not a score
    choose(impact, "Majeure")
    assert editor.badge.text() == "16 / 25 — Élevé"
    editor.close()

    meeting_id = window.services.meetings.rows(
        __import__("ccs_desktop.services.records", fromlist=["ListQuery"]).ListQuery(
            limit=1))[0].id
    meeting = window.open_record("meetings", meeting_id)
    assert isinstance(meeting, MeetingEditor)
    tab = meeting.threats
    meeting.tabs.setCurrentWidget(tab)
    tab.threat_combo.setCurrentIndex(1)
    assert tab.like_combo.currentText() == tab.impact_combo.currentText() == "— choisir —"
    assert tab.assess_badge.text().startswith("Non évaluée")
    threat_id = tab.threat_combo.currentData()
    before = len(window.services.threats.detail(threat_id).history)
    if not meeting.read_only:
        qtbot.mouseClick(tab.assess_button, Qt.MouseButton.LeftButton)
        assert len(window.services.threats.detail(threat_id).history) == before
    meeting.close()
