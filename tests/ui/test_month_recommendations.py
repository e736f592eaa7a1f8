"""Issue 15, trap 12: where a secretary looks for her recommendations."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton

from test_month_meetings import new_meeting


def test_the_recommendations_list_shows_the_meeting_that_made_each(qtbot, window):
    s = window.services
    meeting = s.meetings.create_with_agenda(date="2024-04-12", status="held")
    rec = s.recommendations.create(text="Éclairer le marché de Toya", meeting_id=meeting.id)
    page = window.go_to("recommendations")
    page.refresh()
    model = page.model
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(
        model.columnCount())]
    assert "Réunion" in headers
    column = headers.index("Réunion")
    reference = s.meetings.get(meeting.id).reference
    shown = {model.record_id(r): model.index(r, column).data()
             for r in range(model.rowCount())}
    assert shown[rec.id] == reference


def test_open_recommendations_come_back_on_the_next_agenda(qtbot, window):
    """End to end: a new meeting made from the window lists, under « Suivi des
    recommandations », every open recommendation with its status; closed ones stay out."""
    s = window.services
    made = s.meetings.create_with_agenda(date="2024-04-12", status="held")
    open_rec = s.recommendations.create(text="Éclairer le marché de Toya", meeting_id=made.id)
    sent = s.recommendations.create(text="Réhabiliter le poste de Kessou", meeting_id=made.id)
    s.recommendations.transmit(sent.id, date="2024-04-20", letter_number="014/CCSC",
                               sent_to="Monsieur le Préfet")
    done = s.recommendations.create(text="Curer le caniveau du marché", meeting_id=made.id)
    s.recommendations.add_followup(done.id, status="implemented", date="2024-04-25")
    editor = new_meeting(qtbot, window)
    save = next(b for b in editor.findChildren(QPushButton) if b.text() == "Enregistrer")
    qtbot.mouseClick(save, Qt.MouseButton.LeftButton)
    assert editor.record_id is not None
    editor.tabs.setCurrentWidget(editor.agenda)
    titles = [editor.agenda_list.item(r).text() for r in range(editor.agenda_list.count())]
    row = next(r for r, t in enumerate(titles) if "Suivi des recommandations" in t)
    editor.agenda_list.setCurrentRow(row)
    text = editor.discussion.toPlainText()
    assert "Éclairer le marché de Toya (Formulée)" in text
    assert "Réhabiliter le poste de Kessou (Transmise)" in text
    assert "Curer le caniveau du marché" not in text
    del open_rec
    editor.close()
