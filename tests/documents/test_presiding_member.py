"""The member who presides in the chair's absence: validated by the meetings service and
chosen in the meeting editor's attendance tab (issue 14)."""

from __future__ import annotations

import datetime as dt

import pytest

from ccs_desktop.services.errors import ValidationError
from ccs_desktop.services.hub import Services


@pytest.fixture
def sv(committee_db):
    return Services(committee_db)


def _person(sv, given, family, sex="H", category="autres", **kw):
    return sv.people.create(given_names=given, family_name=family, sex=sex,
                            category=category, **kw)


def test_presiding_member_is_saved_and_cannot_be_the_chair(sv):
    chair = _person(sv, "Bakary", "Traoré", category="elus", function="Maire")
    imam = _person(sv, "Moussa", "Cissé", category="religieux", function="Imam")
    meeting = sv.meetings.create(date=dt.date(2024, 4, 12), status="held", chair_id=chair.id)
    sv.meetings.save(meeting.id, presiding_person_id=imam.id)
    assert sv.meetings.detail(meeting.id).presiding_person_id == imam.id
    with pytest.raises(ValidationError) as refused:
        sv.meetings.save(meeting.id, presiding_person_id=chair.id)
    assert set(refused.value.errors) == {"presiding_person_id"}
    with pytest.raises(ValidationError):
        sv.meetings.save(meeting.id, presiding_person_id=99999)
    sv.meetings.save(meeting.id, presiding_person_id=None)
    assert sv.meetings.detail(meeting.id).presiding_person_id is None


def test_attendance_tab_offers_the_members_present_but_the_chair(sv, qtbot):
    from PySide6.QtGui import QUndoStack

    from ccs_desktop.ui.editors.meeting import MeetingEditor

    chair = _person(sv, "Bakary", "Traoré", category="elus", function="Maire", is_member=True)
    imam = _person(sv, "Moussa", "Cissé", category="religieux", function="Imam",
                   is_member=True)
    meeting = sv.meetings.create(date=dt.date(2024, 4, 12), status="held", chair_id=chair.id)
    sv.meetings.set_attendance(meeting.id, chair.id, "excused")
    sv.meetings.set_attendance(meeting.id, imam.id, "present")
    editor = MeetingEditor(sv, QUndoStack(), meeting.id)
    qtbot.addWidget(editor)
    combo = editor.presiding_combo
    offered = [combo.itemData(i) for i in range(combo.count())]
    assert offered == [None, imam.id]
    assert editor.set_presiding(imam.id)
    assert sv.meetings.detail(meeting.id).presiding_person_id == imam.id
    editor.refresh_attendance()
    assert combo.currentData() == imam.id
