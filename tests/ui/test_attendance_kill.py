"""Issue 15 on the meeting editor's Attendance and General tabs: nothing done more than
200 ms before a power cut is lost.

The Attendance tab has no typed text: each Present / Absent / Excused click and the member
presiding in the chair's absence are saved by the service at once (a guest typed anew is a
person form, with its drafts). The General tab's new fields (the reason of an extraordinary
meeting, issue 14) live in the editor's form and go to its drafts. A real child process
clicks and types, waits 220 ms and is killed (SIGKILL: no close, no flush); the next start
finds every click in the database and the typed reason in the drafts.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap

import pytest

from ccs_desktop.db.engine import open_database
from ccs_desktop.services.hub import Services
from ccs_desktop.ui.drafts import pending_drafts

CHILD = textwrap.dedent("""
    import os, signal, sys
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication
    from PySide6.QtTest import QTest
    app = QApplication([])
    from ccs_desktop.db.engine import open_database
    from ccs_desktop.services.hub import Services
    from ccs_desktop.ui.editors.base import set_combo
    from ccs_desktop.ui.editors.meeting import MeetingEditor

    data_dir, meeting_id = sys.argv[1], int(sys.argv[2])
    chair, imam, cafo = (int(x) for x in sys.argv[3:6])
    s = Services(open_database(data_dir))
    MeetingEditor.AUTOSAVE_MS = 10 * 60 * 1000  # the power goes before any autosave
    ed = MeetingEditor(s, None, meeting_id)
    ed.show()
    ed.tabs.setCurrentIndex(1)
    QTest.qWait(50)
    left = Qt.MouseButton.LeftButton
    for pid, status in ((chair, "excused"), (imam, "present"), (cafo, "present")):
        button = ed.findChild(type(ed.add_guest_button), f"att_{pid}_{status}")
        QTest.mouseClick(button, left)
    ed.refresh_attendance()
    combo = ed.presiding_combo
    combo.setCurrentIndex(combo.findData(imam))
    combo.activated.emit(combo.currentIndex())
    ed.tabs.setCurrentIndex(0)
    set_combo(ed.form.widgets["kind"], "extraordinary")
    QTest.keyClicks(ed.form.widgets["extraordinary_reason"], "a la demande du Prefet")
    QTest.qWait(220)
    print("killed", flush=True)
    os.kill(os.getpid(), signal.SIGKILL)
""")


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
def test_a_kill_220_ms_after_the_attendance_clicks_loses_nothing(services):
    s = services

    def member(given, family, sex, category, function):  # noqa: ANN202
        return s.people.create(given_names=given, family_name=family, sex=sex,
                               category=category, function=function, is_member=True).id

    chair = member("Yehya", "Konta", "H", "elus", "Maire")
    imam = member("Moussa", "Cissé", "H", "religieux", "Imam")
    cafo = member("Aminata", "Touré", "F", "femmes", "Présidente CAFO")
    s.committee.update(chair_id=chair)
    meeting = s.meetings.create_with_agenda(date="2024-04-12", status="held")
    data_dir = s.db.data_dir
    s.db.close()
    proc = subprocess.run([sys.executable, "-c", CHILD, str(data_dir), str(meeting.id),
                           str(chair), str(imam), str(cafo)],
                          capture_output=True, text=True, timeout=60,
                          env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    assert proc.returncode == -9, proc.stderr[-2000:]
    assert "killed" in proc.stdout
    s = Services(open_database(data_dir))
    try:
        saved = {a.person_id: a.status for a in s.meetings.detail(meeting.id).attendance}
        assert saved == {chair: "excused", imam: "present", cafo: "present"}
        assert s.meetings.detail(meeting.id).presiding_person_id == imam
        assert s.meetings.get(meeting.id).extraordinary_reason is None  # never saved...
        found = {(d.kind, d.record_id): str(d.content) for d in pending_drafts(data_dir)}
        assert "a la demande du Prefet" in found[("meetings", meeting.id)]  # ...but on disk
    finally:
        s.db.close()
