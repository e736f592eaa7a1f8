"""The screens receive frozen values only (issue 10): lists get small frozen rows, editors a
frozen detail with what they show resolved, writes a `Saved` saying what changed.

The real main window on the demo database: every list page visited, one editor of each kind
opened (the meeting editor with all its tabs), then a garbage collection; the identity map of
a session is weak, so any ORM instance still alive is held by the screens. And the values
themselves: frozen, slotted, with no ORM instance at any depth.
"""

from __future__ import annotations

import ast
import dataclasses
import gc
from pathlib import Path

import pytest

from ccs_desktop.db import models as m
from ccs_desktop.domain.kinds import KINDS
from ccs_desktop.services.records import CREATED, UPDATED, ListQuery, Saved

UI = Path(__file__).resolve().parents[2] / "ccs_desktop" / "ui"


def _orm_alive() -> list[str]:
    gc.collect()
    return sorted({type(o).__name__ for o in gc.get_objects() if isinstance(o, m.Base)})


def _orm_inside(value, seen=None) -> list[str]:  # noqa: ANN001
    """ORM instances reachable from `value` through fields, tuples, lists and dicts."""
    seen = seen if seen is not None else set()
    if id(value) in seen:
        return []
    seen.add(id(value))
    if isinstance(value, m.Base):
        return [type(value).__name__]
    found: list[str] = []
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        for f in dataclasses.fields(value):
            found += _orm_inside(getattr(value, f.name), seen)
    elif isinstance(value, (tuple, list, set, frozenset)):
        for item in value:
            found += _orm_inside(item, seen)
    elif isinstance(value, dict):
        for k, item in value.items():
            found += _orm_inside(k, seen) + _orm_inside(item, seen)
    return found


def _assert_frozen_value(value) -> None:  # noqa: ANN001
    assert dataclasses.is_dataclass(value), value
    assert type(value).__dataclass_params__.frozen, type(value)
    assert hasattr(type(value), "__slots__") and not hasattr(value, "__dict__"), type(value)
    with pytest.raises(dataclasses.FrozenInstanceError):
        setattr(value, "id", -1)
    assert _orm_inside(value) == []


def test_the_window_holds_no_orm_instance_after_every_page_and_editor(qtbot, window):
    from ccs_desktop.ui.editors.meeting import MeetingEditor

    editors = []
    for kind in KINDS:
        page = window.go_to(kind)
        qtbot.waitUntil(lambda p=page: not p.model.loading)
        assert page.model.rowCount() > 0, kind
        editor = window.open_record(kind, page.model.record_id(0))
        qtbot.addWidget(editor)
        editors.append(editor)
    meeting = next(e for e in editors if isinstance(e, MeetingEditor))
    for i in range(meeting.tabs.count()):
        meeting.tabs.setCurrentIndex(i)
    # an adopted meeting and a recommendation of an adopted PV show more (banners)
    page = window.go_to("meetings")
    for row in range(page.model.rowCount()):
        if page.model.record(row).status == "adopted":
            editors.append(window.open_record("meetings", page.model.record_id(row)))
            break
    window.go_to("home")
    assert _orm_alive() == []
    for editor in editors:
        editor.close()
    assert _orm_alive() == []


def test_rows_and_details_are_frozen_and_carry_no_orm_instance(services):
    for kind in KINDS:
        service = getattr(services, kind)
        rows = service.rows(ListQuery(limit=20))
        assert isinstance(rows, tuple) and rows, kind
        for row in rows:
            _assert_frozen_value(row)
        # the same records, in the same order, as list()
        assert [r.id for r in rows] == [o.id for o in service.list(ListQuery(limit=20))]
        for row in rows[:5]:
            _assert_frozen_value(service.detail(row.id))
    # what the editors show beside the fields is resolved
    rec = next(r for r in services.recommendations.rows() if r.meeting_id)
    detail = services.recommendations.detail(rec.id)
    assert detail.meeting_reference.startswith("PV N°")
    assert all(type(f).__name__ == "FollowupRow" for f in detail.followups)
    threat = services.threats.rows()[0]
    assert [a.id for a in services.threats.detail(threat.id).history] == \
        [a.id for a in services.threats.assessments(threat.id)]
    person = services.people.rows()[0]
    assert person.display_name == services.people.get(person.id).display_name


def test_a_save_says_what_changed_and_brings_the_fresh_row(services):
    person = services.people.save(None, given_names="Awa", family_name="Touré", sex="F",
                                  category="autres")
    assert isinstance(person, Saved) and person.change.action == CREATED
    assert person.change.kind == "people" and person.row.id == person.id
    _assert_frozen_value(person.row)
    again = services.people.save(person.id, function="Secrétaire")
    assert again.change.action == UPDATED and again.row.function == "Secrétaire"
    assert again.row.display_name == "Awa TOURÉ"
    meeting = services.meetings.save(None, with_agenda=True, date="2025-03-01")
    assert meeting.row.reference.startswith("PV N°")
    detail = services.meetings.detail(meeting.id)
    assert [i.title for i in detail.agenda] == [i.title for i in
                                                services.meetings.agenda(meeting.id)]
    _assert_frozen_value(detail)
    item = services.meetings.add_agenda_item(meeting.id, "Point ajouté")
    _assert_frozen_value(item)
    note = services.notes.add("Note", meeting_id=meeting.id, agenda_item_id=item.id)
    _assert_frozen_value(note)
    assert services.notes.update(note.id, "Autre").text == "Autre"


def test_the_detail_of_a_missing_record_is_refused_in_french(services):
    from ccs_desktop.services.errors import NotFound

    with pytest.raises(NotFound, match="introuvable"):
        services.threats.detail(999_999)


def _record_service_reads(path: Path, root: Path = UI.parent) -> list[str]:
    """`services.<kind>.list(` / `.get(` calls (also through a local name bound to
    `services.<kind>` or `self.service`)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = []
    for node in ast.walk(tree):
        if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                and node.func.attr in ("list", "get")):
            continue
        target = node.func.value
        names = []
        while isinstance(target, ast.Attribute):
            names.append(target.attr)
            target = target.value
        if isinstance(target, ast.Name):
            names.append(target.id)
        if names and names[0] in (*KINDS, "service"):  # <x>.people.list(, self.service.get(
            found.append(f"{path.relative_to(root)}:{node.lineno}")
    return found


# screens that still read ORM objects through list() (none left)
NOT_YET: set[str] = set()


def test_the_screens_call_no_list_or_get_of_a_record_service():
    found = []
    for path in sorted(UI.rglob("*.py")):
        if str(path.relative_to(UI)) in NOT_YET:
            continue
        found += _record_service_reads(path)
    assert found == []


def test_the_architecture_check_sees_a_list_call(tmp_path):
    probe = tmp_path / "probe.py"
    probe.write_text("def f(self, services, s):\n    services.people.list()\n"
                     "    self.service.get(1)\n    s.meetings.list()\n"
                     "    self.services.threats.get(2)\n    settings.get('x')\n",
                     encoding="utf-8")
    assert len(_record_service_reads(probe, tmp_path)) == 4


# --------------------------------------------------------------------------- what the screens get

def _spy_on_the_screens(services) -> list[tuple[str, object]]:  # noqa: ANN001
    """Every value a service method returns to code under ccs_desktop/ui (calls between the
    services themselves are not recorded): (service.method, value)."""
    import functools
    import inspect
    import sys

    from ccs_desktop.services.hub import Services

    returned: list[tuple[str, object]] = []
    for name, attr in vars(Services).items():
        if not isinstance(attr, functools.cached_property):
            continue
        service = getattr(services, name)
        for meth in dir(type(service)):
            fn = getattr(service, meth)
            if meth.startswith("_") or not inspect.ismethod(fn):
                continue

            def spy(*args, __fn=fn, __name=f"{name}.{meth}", **kwargs):  # noqa: ANN002, ANN003, ANN202
                out = __fn(*args, **kwargs)
                if sys._getframe(1).f_globals.get("__name__", "").startswith("ccs_desktop.ui"):
                    returned.append((__name, out))
                return out

            setattr(service, meth, spy)
    return returned


def test_home_settings_attachments_and_writes_give_the_screens_no_orm_instance(
        qtbot, window, tmp_path):
    from ccs_desktop.ui.editors.meeting import MeetingEditor

    returned = _spy_on_the_screens(window.services)
    window._update_status()
    window.go_to("settings").refresh()
    window.go_to("home").refresh()
    # a meeting that still changes: attendance, a re-assessment, an attachment
    page = window.go_to("meetings")
    qtbot.waitUntil(lambda: not page.model.loading)
    row = next(r for r in range(page.model.rowCount())
               if page.model.record(r).status in ("planned", "held"))
    editor = window.open_record("meetings", page.model.record_id(row))
    qtbot.addWidget(editor)
    assert isinstance(editor, MeetingEditor) and editor.committee is not None
    person = next(p for p in editor.people if p.is_member and p.is_active)
    assert editor.attendance.set_attendance(person.id, "present")
    threats = editor.threats
    if threats.threat_combo.count() == 0 or threats.threat_combo.currentData() is None:
        threat = window.services.threats.rows(ListQuery(limit=1))[0]
        window.services.meetings.link_threat(editor.record_id, threat.id)
        threats.refresh_threats()
    threats.threat_combo.setCurrentIndex(max(0, threats.threat_combo.count() - 1))
    threats.like_combo.setCurrentIndex(3)  # issue 15: chosen, never preselected
    threats.impact_combo.setCurrentIndex(3)
    assert threats.assess_threat()
    scan = tmp_path / "feuille.pdf"
    scan.write_bytes(b"%PDF-1.4 presence")
    assert editor.attachments.add_files([str(scan)]) == 1
    assert editor.attachments.list.count() >= 1
    # a recommendation's follow-up and transmission
    recs = window.go_to("recommendations")
    qtbot.waitUntil(lambda: not recs.model.loading)
    rid = next(recs.model.record_id(r) for r in range(recs.model.rowCount())
               if recs.model.record(r).status not in ("done", "abandoned"))
    rec = window.open_record("recommendations", rid)
    qtbot.addWidget(rec)
    rec.t_letter.setText("N° 12/CCS")
    rec.t_to.setText("Préfet")
    assert rec.transmit()
    rec.outcome.setCurrentIndex(0)
    assert rec.record_status()
    names = {name for name, _ in returned}
    assert {"committee.own", "attachments.list_for", "attachments.add_file",
            "meetings.set_attendance", "threats.assess", "recommendations.transmit",
            "recommendations.add_followup", "people.rows"} <= names, names
    carrying = sorted({name for name, value in returned if _orm_inside(value)})
    assert carrying == []
    for name, value in returned:
        if name in ("committee.own", "attachments.add_file", "meetings.set_attendance",
                    "threats.assess", "recommendations.transmit",
                    "recommendations.add_followup"):
            _assert_frozen_value(value)
    window.go_to("home")
    assert _orm_alive() == []
    for widget in (editor, rec):
        widget.close()
    assert _orm_alive() == []


def test_the_own_committee_shows_its_chair_and_secretary_as_frozen_rows(services):
    own = services.committee.own()
    _assert_frozen_value(own)
    assert own.code and own.name and own.place_label
    if own.chair_id is not None:
        assert own.chair.id == own.chair_id and own.chair.display_name
        _assert_frozen_value(own.chair)
    else:
        assert own.chair is None
    assert (own.secretary.id if own.secretary else None) == own.secretary_id
    rows = services.attachments.list_for(meeting_id=services.meetings.rows()[0].id)
    assert isinstance(rows, list)
    for row in rows:
        _assert_frozen_value(row)
        assert not hasattr(row, "data")
