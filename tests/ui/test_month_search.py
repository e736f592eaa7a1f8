"""Issue 15, trap 8: the meeting search covers what was said (agenda titles, discussions,
decisions), accent- and case-blind; a database of revision 0004 gets its agenda indexed."""

from __future__ import annotations

from PySide6.QtCore import Qt
from month_keys import type_text


def _search(qtbot, page, words: str) -> set[int]:  # noqa: ANN001
    page.search_edit.clear()
    type_text(qtbot, page.search_edit, words)
    qtbot.keyClick(page.search_edit, Qt.Key.Key_Return)
    # the search runs in a worker: wait for its answer, not for a fixed time (a busy machine)
    qtbot.waitUntil(lambda: page.model.query.search == words.strip()
                    and not page.model.loading, timeout=10000)
    qtbot.wait(50)
    return {page.model.record_id(r) for r in range(page.model.rowCount())}


def test_meeting_search_finds_the_agenda_discussion_and_decisions(qtbot, window):
    s = window.services
    meeting = s.meetings.create_with_agenda(date="2024-04-12")
    editor = window.open_record("meetings", meeting.id)
    editor.tabs.setCurrentWidget(editor.agenda)
    editor.agenda_list.setCurrentRow(1)
    type_text(qtbot, editor.discussion, "La sécurisation de la foire hebdomadaire de Toya")
    type_text(qtbot, editor.decisions, "Patrouille de la Garde nationale")
    editor.close()  # saves the agenda texts
    page = window.go_to("meetings")
    for words in ("securisation", "FOIRE", "foire toya", "garde nationale", "Sécurisation"):
        assert meeting.id in _search(qtbot, page, words), words
    assert "réunion" in page.count_label.text()
    assert meeting.id not in _search(qtbot, page, "inondation")
    # an item's title renamed: the old words leave, the new ones come
    item = s.meetings.agenda(meeting.id)[1]
    s.meetings.update_agenda_item(item.id, title="Transhumance et couloirs de passage")
    assert meeting.id in _search(qtbot, page, "transhumance")
    s.meetings.delete_agenda_item(item.id)
    assert meeting.id not in _search(qtbot, page, "hebdomadaire")


def test_a_0004_database_finds_its_meetings_by_their_agenda(committee_services):
    """Revision 0005m: the search entries written by revision 0004 (without the agenda) get
    the agenda's words when the database is opened."""
    import rawdb

    from ccs_desktop.db import models as m
    from ccs_desktop.db import search
    from ccs_desktop.db.engine import open_database
    from ccs_desktop.services.hub import Services
    from ccs_desktop.services.records import ListQuery

    s = committee_services
    meeting = s.meetings.create_with_agenda(date="2024-04-12")
    item = s.meetings.agenda(meeting.id)[1]
    s.meetings.update_agenda_item(item.id, discussion="Transhumance vers Goundam")
    with s.db.session() as session:  # the entry as revision 0004 wrote it
        old_body = search.document(session.get(m.Meeting, meeting.id))
    data_dir, path = s.db.data_dir, s.db.path
    s.db.close()
    # the database back at revision 0004 (the later revisions undone), its entry as 0004 wrote it
    from ccs_desktop.db.engine import migrate_file

    migrate_file(path, "0004", downgrade=True, key=rawdb.key_for(path))
    con = rawdb.connect(path)
    con.execute("INSERT OR REPLACE INTO fts_meetings(rowid, body) VALUES (?, ?)",
                (meeting.id, old_body))
    con.commit()
    con.close()
    db = open_database(data_dir)
    try:
        found = Services(db).meetings.list(ListQuery(search="transhumance", limit=50))
        assert meeting.id in {x.id for x in found}
    finally:
        db.close()
