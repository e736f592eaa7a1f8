"""Issue 15, trap 2: nothing typed more than 200 ms before a power cut is lost.

A real child process types in a new member's name, a new threat's description and the
« Débats » and decisions of a meeting's agenda item (typing without pause, as a secretary does),
waits 220 ms after the last key and is killed (SIGKILL: no close, no flush). The next start
finds every text again, and the meeting form gives its « Débats » back.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QUndoStack

from ccs_desktop.db.engine import open_database
from ccs_desktop.services.hub import Services
from ccs_desktop.ui.drafts import pending_drafts
from ccs_desktop.ui.editors.meeting import MeetingEditor

CHILD = textwrap.dedent("""
    import os, signal, sys
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    from PySide6.QtWidgets import QApplication
    from PySide6.QtTest import QTest
    app = QApplication([])
    from ccs_desktop.db.engine import open_database
    from ccs_desktop.services.hub import Services
    from ccs_desktop.ui.editors.meeting import MeetingEditor
    from ccs_desktop.ui.editors.people import PersonEditor
    from ccs_desktop.ui.editors.threats import ThreatEditor

    data_dir, meeting_id = sys.argv[1], int(sys.argv[2])
    s = Services(open_database(data_dir))
    MeetingEditor.AUTOSAVE_MS = 10 * 60 * 1000  # the power goes before any save
    person = PersonEditor(s)
    person.show()
    threat = ThreatEditor(s)
    threat.show()
    meeting = MeetingEditor(s, None, meeting_id)
    meeting.show()
    meeting.tabs.setCurrentIndex(2)
    meeting.agenda_list.setCurrentRow(1)
    QTest.qWait(50)
    QTest.keyClicks(person.form.widgets["given_names"], "Hawa")
    QTest.keyClicks(threat.form.widgets["description"], "Tirs la nuit vers Toya")
    QTest.keyClicks(meeting.decisions, "Patrouilles renforcees")
    for word in "Le chef de village signale des tirs la nuit".split():
        QTest.keyClicks(meeting.discussion, word + " ")
        QTest.qWait(30)  # typing on: a draft must not wait for a pause
    QTest.qWait(220)
    print("killed", flush=True)
    os.kill(os.getpid(), signal.SIGKILL)
""")


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
def test_a_kill_220_ms_after_typing_loses_nothing(qtbot, services, qapp):
    s = services
    meeting = s.meetings.create_with_agenda(date="2024-04-12")
    data_dir = s.db.data_dir
    s.db.close()
    proc = subprocess.run([sys.executable, "-c", CHILD, str(data_dir), str(meeting.id)],
                          capture_output=True, text=True, timeout=60,
                          env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    assert proc.returncode == -9, proc.stderr[-2000:]
    assert "killed" in proc.stdout
    s = Services(open_database(data_dir))
    try:
        assert s.meetings.agenda(meeting.id)[1].discussion == ""  # never saved...
        found = {(d.kind, d.record_id): str(d.content) for d in pending_drafts(data_dir)}
        assert "Hawa" in found[("people", None)]  # ...but every text is on disk
        assert "Tirs la nuit vers Toya" in found[("threats", None)]
        assert "signale des tirs la nuit" in found[("meetings", meeting.id)]
        assert "Patrouilles renforcees" in found[("meetings", meeting.id)]
        editor = MeetingEditor(s, QUndoStack(), meeting.id)
        qtbot.addWidget(editor)
        editor.show()
        assert editor.draft_banner.isVisible()
        qtbot.mouseClick(editor.restore_button, Qt.MouseButton.LeftButton)
        editor.agenda_list.setCurrentRow(1)
        assert editor.discussion.toPlainText().strip() == \
            "Le chef de village signale des tirs la nuit"
        assert s.meetings.agenda(meeting.id)[1].decisions == "Patrouilles renforcees"
        editor.close()
    finally:
        s.db.close()


START_AND_DIE = textwrap.dedent("""
    import os, signal, sys
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    from PySide6.QtWidgets import QApplication
    from PySide6.QtTest import QTest
    app = QApplication([])
    from ccs_desktop.db.engine import open_database
    from ccs_desktop.ui.main_window import MainWindow

    window = MainWindow(open_database(sys.argv[1]))
    window.show()
    QTest.qWait(50)
    editor = window.open_record("people", None)
    QTest.keyClicks(editor.form.widgets["given_names"], "Hawa")
    QTest.qWait(250)
    os.kill(os.getpid(), signal.SIGKILL)
""")


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
def test_the_drafts_prompt_comes_once_after_a_real_interruption(qtbot, demo_db):
    """Trap 9: after a kill, the next start asks once, in plain words (no codes), and
    « Rouvrir » gives the text back without a second question; after « Non » or a normal
    close, the next start asks nothing (the draft stays on its form)."""
    from ccs_desktop.ui import prompts
    from ccs_desktop.ui.editors.people import PersonEditor
    from ccs_desktop.ui.main_window import MainWindow

    data_dir = demo_db.data_dir
    demo_db.close()

    def start(answer: bool):  # noqa: ANN202
        scripted = prompts.ScriptedPrompts(answers={"ask_yes_no": answer})
        db = open_database(data_dir)
        with prompts.replaced(scripted):
            window = MainWindow(db)
            qtbot.addWidget(window)
            window.show()
            qtbot.waitExposed(window)
            qtbot.wait(100)
        return window, db, scripted.asked

    # a normal close first: nothing to ask at the next start
    window, db, asked = start(True)
    window.close()
    db.close()
    window, db, asked = start(True)
    assert asked == []
    window.close()
    db.close()
    # killed while typing a new member
    proc = subprocess.run([sys.executable, "-c", START_AND_DIE, str(data_dir)],
                          capture_output=True, text=True, timeout=60,
                          env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    assert proc.returncode == -9, proc.stderr[-2000:]
    window, db, asked = start(False)  # « Non »
    assert len(asked) == 1
    text = asked[0][2]
    assert "Nouveau membre : Hawa" in text and "power" not in text
    assert "ordinary" not in text and "·" not in text.split("Hawa")[0]
    window.close()
    db.close()
    window, db, asked = start(True)  # a normal start after « Non »: not asked again
    assert asked == []
    editor = window.open_record("people", None)
    assert editor.draft_banner.isVisibleTo(editor)  # the form still offers it
    editor.close()
    window.close()
    db.close()
    # killed again: « Rouvrir » opens the form with the text, no second question
    subprocess.run([sys.executable, "-c", START_AND_DIE, str(data_dir)], capture_output=True,
                   timeout=60, env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    window, db, asked = start(True)
    assert len(asked) == 1
    editor = next(e for e in window.findChildren(PersonEditor) if e.isVisible())
    assert editor.form.value("given_names") == "Hawa"
    assert not editor.draft_banner.isVisibleTo(editor)
    editor.close()
    window.close()
    db.close()
