"""Nothing typed is lost: drafts written atomically, offered back after a crash (SIGKILL)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QUndoStack

from ccs_desktop.db.engine import open_database
from ccs_desktop.services.hub import Services
from ccs_desktop.ui import drafts
from ccs_desktop.ui.editors import open_editor, pending_drafts
from ccs_desktop.ui.editors.meeting import MeetingEditor
from ccs_desktop.ui.editors.people import PersonEditor
from ccs_desktop.ui import i18n


@pytest.fixture
def services(committee_services):
    return committee_services


def test_draft_files_atomic_and_listed(tmp_path):
    from ccs_desktop.db import unlock

    unlock.remember_folder_key(tmp_path, bytes(range(32)))  # as opening its database does
    path = drafts.save_draft(tmp_path, "threats", None, {"fields": {"title": "Vols à Toya"}})
    assert path == tmp_path / "drafts" / "threats-new.json"
    # sealed with the database's key since issue 11: nothing of it readable in the file
    raw = path.read_bytes()
    assert b"Toya" not in raw and "Toya".encode("utf-16-le") not in raw
    assert drafts.load_draft(tmp_path, "threats", None).content["fields"]["title"] == \
        "Vols à Toya"
    drafts.save_draft(tmp_path, "meetings", 7, {"fields": {"place": "Mairie"}})
    (tmp_path / "drafts" / "foreign.json").write_text("{not json", encoding="utf-8")
    found = pending_drafts(tmp_path)
    assert {(d.kind, d.record_id) for d in found} == {("threats", None), ("meetings", 7)}
    assert [p.name for p in (tmp_path / "drafts").iterdir() if p.name.endswith(".tmp")] == []
    assert "Vols à Toya" in next(d for d in found if d.kind == "threats").summary
    drafts.discard_draft(tmp_path, "threats", None)
    drafts.discard_draft(tmp_path, "threats", None)  # twice is fine
    assert [d.kind for d in pending_drafts(tmp_path)] == ["meetings"]
    assert pending_drafts(tmp_path / "nowhere") == []


def test_escape_closes_and_keeps_the_draft(qtbot, services):
    ed = PersonEditor(services, QUndoStack())
    qtbot.addWidget(ed)
    ed.show()
    qtbot.keyClicks(ed.form.widgets["given_names"], "Hawa")
    qtbot.keyClick(ed, Qt.Key.Key_Escape)
    assert not ed.isVisible()
    draft = drafts.load_draft(services.db.data_dir, "people", None)
    assert draft.content["fields"]["given_names"] == "Hawa"
    again = PersonEditor(services, QUndoStack())
    qtbot.addWidget(again)
    assert not again.draft_banner.isHidden()
    qtbot.mouseClick(again.ignore_button, Qt.MouseButton.LeftButton)
    assert drafts.load_draft(services.db.data_dir, "people", None) is None
    assert again.form.value("given_names") == ""


CHILD = textwrap.dedent("""
    import os, signal, sys, time
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    from PySide6.QtWidgets import QApplication
    from PySide6.QtTest import QTest
    app = QApplication([])
    from ccs_desktop.db.engine import open_database
    from ccs_desktop.services.hub import Services
    from ccs_desktop.ui.drafts import load_draft
    from ccs_desktop.ui.editors.meeting import MeetingEditor
    from ccs_desktop.ui.editors.threats import ThreatEditor

    data_dir, meeting_id = sys.argv[1], int(sys.argv[2])
    s = Services(open_database(data_dir))
    threat = ThreatEditor(s)
    threat.show()
    QTest.keyClicks(threat.form.widgets["title"], "Coupeurs de route vers Toya")
    MeetingEditor.AUTOSAVE_MS = 10 * 60 * 1000  # the power goes before the text is saved
    meeting = MeetingEditor(s, None, meeting_id)
    meeting.show()
    meeting.tabs.setCurrentIndex(2)
    meeting.agenda_list.setCurrentRow(1)
    QTest.keyClicks(meeting.discussion, "Le chef de village signale des tirs la nuit")

    def ready():
        t = load_draft(data_dir, "threats", None)
        m = load_draft(data_dir, "meetings", meeting_id)
        return (t is not None and t.content["fields"]["title"].startswith("Coupeurs")
                and m is not None and "tirs la nuit" in str(m.content))

    end = time.monotonic() + 20
    while not ready() and time.monotonic() < end:
        QTest.qWait(50)
    print("draft written" if ready() else "no draft", flush=True)
    os.kill(os.getpid(), signal.SIGKILL)
""")


def test_killed_mid_edit_text_found_again(qtbot, services, qapp):
    s = services
    meeting = s.meetings.create_with_agenda(date="2024-04-12")
    data_dir = s.db.data_dir
    s.db.close()
    proc = subprocess.run([sys.executable, "-c", CHILD, str(data_dir), str(meeting.id)],
                          capture_output=True, text=True, timeout=60,
                          env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    assert proc.returncode == -9, proc.stderr[-2000:]
    assert "draft written" in proc.stdout, proc.stderr[-2000:]
    # the text never reached the database...
    s = Services(open_database(data_dir))
    assert s.meetings.agenda(meeting.id)[1].discussion == ""
    assert s.threats.count() == 0
    # ...but the next start offers it back
    found = {(d.kind, d.record_id) for d in pending_drafts(data_dir)}
    assert found == {("threats", None), ("meetings", meeting.id)}
    i18n.install_translators(qapp, "fr")
    try:
        window = type("W", (), {"services": s, "undo_stack": QUndoStack()})()
        threat = open_editor("threats", None, window)
        qtbot.addWidget(threat)
        assert threat.draft_banner.isVisible()
        assert threat.draft_label.text().startswith("Un brouillon non enregistré a été "
                                                    "retrouvé")
        qtbot.mouseClick(threat.restore_button, Qt.MouseButton.LeftButton)
        assert threat.form.value("title") == "Coupeurs de route vers Toya"
        ed = MeetingEditor(s, QUndoStack(), meeting.id)
        qtbot.addWidget(ed)
        ed.show()
        qtbot.mouseClick(ed.restore_button, Qt.MouseButton.LeftButton)
        assert s.meetings.agenda(meeting.id)[1].discussion == \
            "Le chef de village signale des tirs la nuit"
        ed.agenda_list.setCurrentRow(1)
        assert ed.discussion.toPlainText() == "Le chef de village signale des tirs la nuit"
        assert drafts.load_draft(data_dir, "meetings", meeting.id) is None
    finally:
        s.db.close()


def test_drafts_are_sealed_never_clear_and_old_clear_ones_get_sealed(tmp_path):
    """Issue 11: a draft is as sensitive as the records. Without the database's key (no
    database of that folder open) nothing is written; a clear draft of the previous version
    is sealed the first time it is read; another database's key does not open it."""
    from ccs_desktop.db import unlock

    folder = tmp_path / "sans-base"
    assert drafts.save_draft(folder, "threats", None, {"fields": {"title": "x"}}) is None
    assert not (folder / "drafts").exists()
    unlock.remember_folder_key(tmp_path, bytes(32))
    old = tmp_path / "drafts" / "people-new.json"
    old.parent.mkdir()
    old.write_text(json.dumps({"format": 1, "kind": "people", "record_id": None,
                               "saved_at": "2026-11-30T10:00:00",
                               "content": {"fields": {"family_name": "TRAORETESTE"}}}),
                   encoding="utf-8")
    draft = drafts.load_draft(tmp_path, "people", None)
    assert draft.content["fields"]["family_name"] == "TRAORETESTE"
    assert b"TRAORETESTE" not in old.read_bytes()  # sealed now
    unlock.remember_folder_key(tmp_path, bytes(range(32)))  # another database's key
    assert drafts.load_draft(tmp_path, "people", None) is None
