"""Editors driven like a secretary: typing, clicking, Ctrl+S, Ctrl+Z (offscreen)."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QUndoStack

from ccs_desktop.ui import commands
from ccs_desktop.ui.editors import attachments as att_mod
from ccs_desktop.ui.editors import delete_with_undo, open_editor
from ccs_desktop.ui.editors.meeting import MeetingEditor
from ccs_desktop.ui.editors.people import PersonEditor
from ccs_desktop.ui.editors.records import ActivityEditor
from ccs_desktop.ui.editors.threats import ThreatEditor, VulnerabilityEditor


@pytest.fixture
def services(committee_services):
    return committee_services


@pytest.fixture
def stack():
    return QUndoStack()


def person(s, given, family, sex="H", category="elus", **kw):
    return s.people.create(given_names=given, family_name=family, sex=sex, category=category,
                           **kw)


def type_text(qtbot, widget, text):
    """Type like a keyboard, accents included (QTest's keyClicks only knows ASCII)."""
    from PySide6.QtCore import QEvent
    from PySide6.QtGui import QKeyEvent
    from PySide6.QtWidgets import QApplication

    for ch in text:
        if ch.isascii():
            qtbot.keyClicks(widget, ch)
        else:
            for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
                QApplication.sendEvent(widget, QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier,
                                                         ch))


def set_combo(combo, code):
    index = combo.findData(code)
    assert index >= 0, code
    combo.setCurrentIndex(index)


def test_member_typed_with_capitals_and_duplicate_warning(qtbot, services, stack):
    person(services, "Mahamadou", "Maïga", function="Chef de village", category="traditionnels")
    ed = PersonEditor(services, stack)
    qtbot.addWidget(ed)
    ed.show()
    f = ed.form.widgets
    type_text(qtbot, f["given_names"], "Mohamed")
    type_text(qtbot, f["family_name"], "Maiga")
    qtbot.waitUntil(lambda: ed.duplicate_banner.isVisible(), timeout=2000)
    assert "Mahamadou MAÏGA" in ed.duplicate_banner.text()
    # stored as typed, shown in capitals in the preview (issue 15: the field itself is not
    # forced to capitals, which wrote the particles Ag, Ould, Walet in capitals too)
    assert "MAIGA" in ed.preview.text()
    set_combo(f["sex"], "F")
    set_combo(f["category"], "fds")
    assert f["fds_corps"].isEnabled()
    set_combo(f["fds_corps"], "police")
    set_combo(f["category"], "femmes")
    assert not f["fds_corps"].isEnabled()
    type_text(qtbot, f["function"], "Présidente")
    assert "Mme Mohamed MAIGA, Présidente" in ed.preview.text()
    with qtbot.waitSignal(ed.changed, timeout=1000):
        qtbot.keyClick(ed, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    saved = services.people.get(ed.record_id)
    assert (saved.given_names, saved.family_name, saved.sex, saved.category,
            saved.fds_corps) == ("Mohamed", "Maiga", "F", "femmes", None)
    # the warning does not block: two people now
    assert services.people.count() == 2


def test_validation_messages_inline(qtbot, services, stack):
    ed = ThreatEditor(services, stack)
    qtbot.addWidget(ed)
    ed.show()
    assert ed.save() is False
    err = ed.form.errors["title"]
    assert err.isVisible() and "obligatoire" in err.text()
    assert ed.form.errors["type_parent"].isVisible()
    assert ed.keeper.load() is not None  # what was typed is kept as a draft
    type_text(qtbot, ed.form.widgets["title"], "Vols de bétail autour de Toya")
    set_combo(ed.form.widgets["type_parent"], "CRI")
    set_combo(ed.form.widgets["type_code"], "CRI.BET")
    # issue 15: no score is preselected; the secretary chooses both
    set_combo(ed.form.widgets["likelihood"], "3")
    set_combo(ed.form.widgets["impact"], "3")
    assert ed.save() is True
    assert not err.isVisible()
    assert ed.keeper.load() is None

    m = MeetingEditor(services, stack)
    qtbot.addWidget(m)
    m.show()
    type_text(qtbot, m.form.widgets["start_time"], "11 h 00")
    type_text(qtbot, m.form.widgets["end_time"], "10 h 00")
    assert m.save() is False
    assert m.form.errors["end_time"].isVisible()
    assert "avant" in m.form.errors["end_time"].text()
    assert m.record_id is None


def test_threat_scored_by_words(qtbot, services, stack):
    ed = ThreatEditor(services, stack)
    qtbot.addWidget(ed)
    f = ed.form.widgets
    labels = [f["likelihood"].itemText(i) for i in range(f["likelihood"].count())]
    # issue 15: « — choisir — » first, nothing preselected
    assert labels == ["— choisir —", "Rare", "Peu probable", "Possible", "Probable",
                      "Quasi certaine"]
    set_combo(f["likelihood"], "5")
    set_combo(f["impact"], "5")
    assert ed.badge.text() == "25 / 25 — Critique"
    set_combo(f["impact"], "2")
    assert ed.badge.text() == "10 / 25 — Élevé"
    assert ed.badge.property("level") == "high"
    assert "place_name" in f and "source_category" in f and "source_name" not in f


def test_existing_record_saves_itself(qtbot, services, stack):
    v = services.vulnerabilities.create(title="Pas d'éclairage", place_name="Toya")
    ed = VulnerabilityEditor(services, stack, v.id)
    qtbot.addWidget(ed)
    ed.show()
    type_text(qtbot, ed.form.widgets["title"], " au marché")
    qtbot.waitUntil(lambda: services.vulnerabilities.get(v.id).title ==
                    "Pas d'éclairage au marché", timeout=3000)
    assert ed.keeper.load() is None


def test_delete_asks_and_ctrl_z_restores(qtbot, services, stack, monkeypatch):
    asked = []
    monkeypatch.setattr(commands, "confirm", lambda parent, text: asked.append(text) or True)
    a = person(services, "Aminata", "Touré", sex="F", category="femmes")
    ed = open_editor("people", a.id, type("W", (), {"services": services,
                                                     "undo_stack": stack})())
    qtbot.addWidget(ed)
    assert services.people.count() == 1
    with qtbot.waitSignal(ed.changed, timeout=1000):
        qtbot.mouseClick(ed.delete_button, Qt.MouseButton.LeftButton)
    assert "Aminata TOURÉ" in asked[0] and "Ctrl+Z" in asked[0]
    assert services.people.count() == 0
    # Ctrl+Z from any editor sharing the stack
    other = VulnerabilityEditor(services, stack)
    qtbot.addWidget(other)
    other.show()
    other.activateWindow()
    qtbot.waitExposed(other)
    qtbot.keyClick(other, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    if services.people.count() == 0:  # no active window offscreen: trigger the same action
        next(a for a in other.actions() if a.shortcut().toString() == "Ctrl+Z").trigger()
    assert services.people.count() == 1
    assert services.people.get(a.id).family_name == "Touré"
    stack.redo()
    assert services.people.count() == 0
    # refusing the prompt deletes nothing
    monkeypatch.setattr(commands, "confirm", lambda parent, text: False)
    b = person(services, "Oumar", "Cissé")
    assert delete_with_undo("people", b.id, services, stack, None) is False
    assert services.people.count() == 1


def test_adopted_meeting_delete_refused(qtbot, services, stack, monkeypatch):
    shown = []
    monkeypatch.setattr(commands, "confirm", lambda parent, text: True)
    monkeypatch.setattr(commands, "inform", lambda parent, text: shown.append(text))
    m1 = services.meetings.create(date="2024-04-12", status="held")
    m2 = services.meetings.create(date="2024-05-10", status="held")
    services.meetings.adopt(m1.id, m2.id)
    count = stack.count()
    assert delete_with_undo("meetings", m1.id, services, stack, None) is False
    assert "adopté" in shown[0]
    assert stack.count() == count
    assert services.meetings.count() == 2


def test_attachments_add_open_remove(qtbot, services, stack, monkeypatch, tmp_path):
    act = services.activities.create(title="Sensibilisation radio", date="2024-03-02")
    scan = tmp_path / "photo causerie.jpg"
    scan.write_bytes(b"\xff\xd8\xff fake jpeg " * 50)
    monkeypatch.setattr(att_mod, "choose_files", lambda parent: [str(scan)])
    monkeypatch.setattr(commands, "confirm", lambda parent, text: True)
    ed = ActivityEditor(services, stack, act.id)
    qtbot.addWidget(ed)
    panel = ed.attachments
    qtbot.mouseClick(panel.add_button, Qt.MouseButton.LeftButton)
    assert panel.list.count() == 1 and "photo causerie.jpg" in panel.list.item(0).text()
    panel.list.setCurrentRow(0)
    from ccs_desktop.ui import prompts

    # shown inside the application (issue 11): no file written, nothing opened outside
    with prompts.replaced(prompts.ScriptedPrompts()) as script:
        qtbot.mouseClick(panel.open_button, Qt.MouseButton.LeftButton)
    assert [a[0] for a in script.asked] == ["run_dialog"]
    # drag and drop goes through the same path
    from PySide6.QtCore import QMimeData, QPointF, QUrl
    from PySide6.QtGui import QDropEvent

    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(scan))])
    event = QDropEvent(QPointF(5, 5), Qt.DropAction.CopyAction, mime,
                       Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    panel.dropEvent(event)
    assert panel.list.count() == 2
    panel.list.setCurrentRow(0)
    qtbot.mouseClick(panel.remove_button, Qt.MouseButton.LeftButton)
    assert panel.list.count() == 1
    assert len(services.attachments.list_for(activity_id=act.id)) == 1


def test_open_editor_contract(qtbot, services, stack):
    window = type("W", (), {"services": services, "undo_stack": stack})()
    for kind in ("meetings", "threats", "vulnerabilities", "recommendations", "activities",
                 "people"):
        ed = open_editor(kind, None, window, show=False)
        qtbot.addWidget(ed)
        assert hasattr(ed, "changed") and ed.undo_stack is stack
        assert ed.record_id is None
    with pytest.raises(ValueError):
        open_editor("ethnies", None, window)
