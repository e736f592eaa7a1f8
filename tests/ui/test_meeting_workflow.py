"""A whole meeting recorded by clicking and typing, adopted at the next one, then read-only.
Screenshots of each tab in French go to the folder named by CCS_SCREENSHOTS, if any."""

from __future__ import annotations

import os
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent, QUndoStack
from PySide6.QtWidgets import QApplication

from ccs_desktop.db import models as m
from ccs_desktop.db.engine import open_database
from ccs_desktop.services.errors import ReadOnly
from ccs_desktop.services.hub import Services
from ccs_desktop.ui import commands
from ccs_desktop.ui.editors.meeting import MeetingEditor
from ccs_desktop.ui import i18n
from tests.french import fr

# screenshots for a person to look at: only when CCS_SCREENSHOTS names a folder
SCREENS = Path(os.environ["CCS_SCREENSHOTS"]) if os.environ.get("CCS_SCREENSHOTS") else None
LEFT = Qt.MouseButton.LeftButton


@pytest.fixture(autouse=True)
def _confirm_coherence():  # noqa: ANN202
    """Issue 15: adopting asks first (irreversible, coherence warnings); the secretary
    confirms here; every other dialog is the real one."""
    from month_keys import ConfirmingPrompts

    from ccs_desktop.ui import prompts

    with prompts.replaced(ConfirmingPrompts(True)) as confirming:
        yield confirming


@pytest.fixture(scope="session")
def committee_db_template(tmp_path_factory):
    folder = tmp_path_factory.mktemp("template")
    db = open_database(folder)
    s = Services(db)
    s.committee.create(level="commune", region="Tombouctou", cercle="Tombouctou",
                       commune="Alafia")
    people = [("Yehya", "Konta", "H", False, "elus", "Maire"),
              ("Aminata", "Touré", "F", False, "femmes", "Présidente CAFO"),
              ("Fatoumata", "Cissé", "F", True, "jeunes", "Secrétaire CNJ"),
              ("Boubacar", "Maïga", "H", False, "fds", "Commandant de brigade"),
              ("Hamidou", "Dicko", "H", False, "traditionnels", "Chef de village"),
              ("Oumar", "Traoré", "H", True, "osc", "Animateur radio")]
    ids = []
    for given, family, sex, youth, cat, fn in people:
        ids.append(s.people.create(given_names=given, family_name=family, sex=sex,
                                   is_youth=youth, category=cat, function=fn,
                                   fds_corps="gendarmerie" if cat == "fds" else None).id)
    s.people.create(given_names="Sidi", family_name="Haïdara", sex="H", category="autres",
                    is_member=False, function="Chef de service, invité")
    s.committee.update(chair_id=ids[0], secretary_id=ids[2])
    s.threats.create(title="Vols de bétail autour de Toya", type_code="CRI.BET",
                     place_kind="village", place_name="Toya", likelihood=3, impact=3)
    db.close()
    return folder


@pytest.fixture
def services(committee_services):
    return committee_services


@pytest.fixture
def french(qapp):
    yield i18n.install_translators(qapp, "fr")


def type_text(qtbot, widget, text):
    for ch in text:
        if ch.isascii() and ch != "\n":
            qtbot.keyClicks(widget, ch)
        elif ch == "\n":
            qtbot.keyClick(widget, Qt.Key.Key_Return)
        else:
            for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
                QApplication.sendEvent(widget, QKeyEvent(kind, 0,
                                                         Qt.KeyboardModifier.NoModifier, ch))


def pick(combo, data):
    index = combo.findData(data)
    assert index >= 0, data
    combo.setCurrentIndex(index)


def pick_text(combo, text):
    index = next(i for i in range(combo.count()) if text in combo.itemText(i))
    combo.setCurrentIndex(index)


def shot(widget, name):
    if SCREENS is not None and SCREENS.is_dir():
        widget.grab().save(str(SCREENS / f"{name}.png"))


def person_id(s, family):
    return next(p.id for p in s.people.list() if p.family_name == family)


def test_whole_meeting_recorded_adopted_then_read_only(qtbot, services, french, tmp_path,
                                                      monkeypatch):
    s = services
    monkeypatch.setattr(commands, "confirm", lambda parent, text: True)
    stack = QUndoStack()
    ed = MeetingEditor(s, stack)
    qtbot.addWidget(ed)
    ed.show()
    f = ed.form.widgets
    # new meeting: number, place, chair prefilled; other tabs wait for the first save
    assert ed.form.value("number") == 1
    assert ed.form.value("place") == "Salle de réunion de la mairie d'Alafia"
    assert ed.form.labels["chair_id"].text() == "Le Président de séance"
    assert ed.form.labels["secretary_id"].text() == "La Secrétaire de séance"
    assert not ed.tabs.isTabEnabled(1) and ed.need_save.isVisible()
    assert ed.tabs.tabText(0) == "Général"
    f["date"].setDate(f["date"].date().fromString("2024-04-12", "yyyy-MM-dd"))
    assert ed.reference_label.text() == "PV N°001/2024/CCSC-ALAFIA"
    type_text(qtbot, f["start_time"], "10 h 00")
    type_text(qtbot, f["end_time"], "13 h 15")
    shot(ed, "meeting_0_new")
    qtbot.keyClick(ed, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert ed.record_id is not None, ed.last_error
    mid = ed.record_id
    assert ed.tabs.isTabEnabled(1) and not ed.need_save.isVisible()
    meeting = s.meetings.get(mid)
    assert meeting.reference == "PV N°001/2024/CCSC-ALAFIA"
    assert str(meeting.start_time) == "10:00:00" and str(meeting.end_time) == "13:15:00"
    qtbot.mouseClick(ed.held_button, LEFT)
    assert s.meetings.get(mid).status == "held"
    shot(ed, "meeting_1_general")

    # attendance: one click each
    ed.tabs.setCurrentIndex(1)
    clicks = {"Konta": "present", "Touré": "present", "Cissé": "present", "Maïga": "present",
              "Dicko": "absent", "Traoré": "excused"}
    for family, status in clicks.items():
        button = ed.findChild(type(ed.held_button), f"att_{person_id(s, family)}_{status}")
        qtbot.mouseClick(button, LEFT)
    pick_text(ed.guest_combo, "Sidi HAÏDARA")
    qtbot.mouseClick(ed.add_guest_button, LEFT)
    c = s.meetings.attendance_counts(mid)
    assert (c.present, c.absent, c.excused, c.guests) == (4, 1, 1, 1)
    assert c.present_women == 2 and c.present_youth == 1
    text = ed.counts_label.text()
    assert text.startswith(fr("Membres présents : 4 (femmes : 2, hommes : 2, jeunes : 1) "
                              "· invités : 1 · absents : 1 · excusés : 1"))
    assert ed.quorum_label.text().startswith(
        fr("Quorum atteint (présents : 4, requis : 4"))
    # change of mind: one click
    qtbot.mouseClick(ed.findChild(type(ed.held_button),
                                  f"att_{person_id(s, 'Dicko')}_present"), LEFT)
    assert s.meetings.attendance_counts(mid).present == 5
    shot(ed, "meeting_2_attendance")

    # agenda: discussion and decisions apart, restricted note in its own box
    ed.tabs.setCurrentIndex(2)
    titles = [ed.agenda_list.item(i).text() for i in range(ed.agenda_list.count())]
    assert titles[0].startswith("1. Lecture et adoption") and titles[-1].endswith("Divers")
    ed.agenda_list.setCurrentRow(1)
    type_text(qtbot, ed.discussion, "Le commandant de brigade signale trois vols de bétail à "
                                    "Toya depuis la dernière réunion.")
    type_text(qtbot, ed.decisions, "Renforcer les patrouilles sur la piste de Toya.")
    type_text(qtbot, ed.restricted, "Plainte transmise à l'autorité compétente.")
    qtbot.waitUntil(lambda: not ed._pending, timeout=3000)
    item = s.meetings.agenda(mid)[1]
    assert item.discussion.startswith("Le commandant de brigade signale trois vols")
    assert item.decisions == "Renforcer les patrouilles sur la piste de Toya."
    notes = s.notes.for_meeting(mid)
    assert [n.text for n in notes] == ["Plainte transmise à l'autorité compétente."]
    assert "Plainte" not in item.discussion
    type_text(qtbot, ed.new_item_title, "Préparation de la foire hebdomadaire")
    qtbot.mouseClick(ed.add_item_button, LEFT)
    assert len(s.meetings.agenda(mid)) == 5
    ed.agenda_list.setCurrentRow(3)
    qtbot.mouseClick(ed.down_button, LEFT)  # "Divers" stays last
    assert s.meetings.agenda(mid)[-1].title == "Divers"
    shot(ed, "meeting_3_agenda")

    # a re-assessed threat, a new vulnerability
    ed.tabs.setCurrentIndex(3)
    pick_text(ed.threat_combo, "Vols de bétail")
    pick(ed.like_combo, "4")
    pick(ed.impact_combo, "3")
    pick(ed.trend_combo, "up")
    assert ed.assess_badge.text() == "12 / 25 — Élevé"
    type_text(qtbot, ed.assess_note, "Trois cas en un mois")
    qtbot.mouseClick(ed.assess_button, LEFT)
    threat = s.threats.list()[0]
    assert (threat.likelihood, threat.impact, threat.score, threat.trend) == (4, 3, 12, "up")
    history = s.threats.assessments(threat.id)
    assert [(a.meeting_id, a.score) for a in history] == [(mid, 12)]
    assert "réévaluée lors de cette réunion" in ed.threat_list.item(0).text()
    child = ed.new_vulnerability()
    type_text(qtbot, child.form.widgets["title"], "Piste de Toya sans éclairage ni poste FDS")
    type_text(qtbot, child.form.widgets["place_name"], "Toya")
    qtbot.keyClick(child, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    child.close()
    assert ed.vuln_list.count() == 1
    vuln = s.vulnerabilities.list()[0]
    shot(ed, "meeting_4_threats")

    # two recommendations, linked; one transmitted
    ed.tabs.setCurrentIndex(4)
    rec = ed.open_recommendation(new=True)
    type_text(qtbot, rec.form.widgets["text"], "Organiser des patrouilles mixtes sur la piste "
                                               "de Toya les jours de foire.")
    type_text(qtbot, rec.form.widgets["addressee"], "Commandant de brigade")
    rec.threat_links.check_id(threat.id)
    qtbot.keyClick(rec, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert rec.record_id is not None, rec.last_error
    type_text(qtbot, rec.t_letter, "012/CCSC-ALAFIA")
    type_text(qtbot, rec.t_to, "Monsieur le Préfet du cercle de Tombouctou")
    qtbot.mouseClick(rec.transmit_button, LEFT)
    assert rec.status_line.text() == fr("Statut : Transmise")
    shot(rec, "recommendation_editor")
    rec.close()
    rec2 = ed.open_recommendation(new=True)
    type_text(qtbot, rec2.form.widgets["text"], "Installer un lampadaire solaire sur la piste.")
    rec2.vuln_links.check_id(vuln.id)
    qtbot.mouseClick(rec2.save_button, LEFT)
    rec2.close()
    recs = s.recommendations.list()
    assert len(recs) == 2 and ed.rec_list.count() == 2
    with s.db.session() as session:
        r1 = session.get(m.Recommendation, rec.record_id)
        r2 = session.get(m.Recommendation, rec2.record_id)
        assert [t.id for t in r1.threats] == [threat.id] and r1.meeting_id == mid
        assert [v.id for v in r2.vulnerabilities] == [vuln.id]
    fu = s.recommendations.followups(rec.record_id)
    assert [(x.status, x.letter_number, x.sent_to) for x in fu] == [
        ("transmitted", "012/CCSC-ALAFIA", "Monsieur le Préfet du cercle de Tombouctou")]
    shot(ed, "meeting_5_recommendations")

    # adoption at the next meeting, with the signed scan
    nxt = s.meetings.create_with_agenda(date="2024-05-10")
    ed.tabs.setCurrentIndex(5)
    ed.refresh_adoption()
    shot(ed, "meeting_6_adoption_before")
    pick(ed.adopted_by, nxt.id)
    scan = tmp_path / "PV_001_signe.jpg"
    scan.write_bytes(b"\xff\xd8\xff signed and stamped " * 100)
    type_text(qtbot, ed.scan_path, str(scan))
    with qtbot.waitSignal(ed.changed, timeout=5000):
        qtbot.mouseClick(ed.adopt_button, LEFT)
    adopted = s.meetings.get(mid)
    assert adopted.status == "adopted" and adopted.adopted_by_meeting_id == nxt.id
    assert [a.kind for a in s.attachments.list_for(meeting_id=mid)] == ["signed_pv"]
    with s.db.session() as session:  # the PV was archived when adopted
        assert session.query(m.StoredDocument).filter_by(meeting_id=mid, kind="pv").count() == 1

    # now read-only: the banner, disabled inputs, and the service refuses
    assert ed.read_only
    assert ed.readonly_banner.isVisible()
    assert ed.readonly_banner.text().startswith(fr("PV adopté le 10 mai 2024 en séance du "
                                                   "10 mai 2024 : lecture seule"))
    assert not ed.save_button.isEnabled()
    assert not f["place"].isEnabled() or f["place"].isReadOnly()
    assert ed.discussion.isReadOnly() and ed.restricted.isReadOnly()
    assert not ed.findChild(type(ed.held_button),
                            f"att_{person_id(s, 'Konta')}_absent").isEnabled()
    assert not ed.assess_button.isEnabled() and not ed.new_rec_button.isEnabled()
    assert not ed.delete_button.isEnabled()
    type_text(qtbot, f["place"], "ailleurs")
    assert s.meetings.get(mid).place == meeting.place
    assert ed.save() is False
    with pytest.raises(ReadOnly):
        s.meetings.update(mid, place="ailleurs")
    with pytest.raises(ReadOnly):
        s.meetings.set_attendance(mid, person_id(s, "Konta"), "absent")
    # a correction is an amendment
    ed.tabs.setCurrentIndex(5)
    assert ed.amend_box.isEnabled()
    type_text(qtbot, ed.amend_reason, "Erreur sur l'heure de fin")
    type_text(qtbot, ed.amend_text, "Lire 13 h 30 au lieu de 13 h 15.")
    qtbot.mouseClick(ed.amend_button, LEFT)
    assert ed.amend_list.count() == 1
    shot(ed, "meeting_6_adoption_after")
    if ed.preview_button is not None:  # the documents view (preview, print) opens on this PV
        view = ed.preview_minutes()
        assert view is not None and view.meeting_id == mid
        qtbot.waitUntil(lambda: bool(view.pdf) or "rr" in view.status.text(), timeout=15000)
        assert view.pdf.startswith(b"%PDF")
        view.close()
    ed.tabs.setCurrentIndex(6)
    shot(ed, "meeting_7_attachments")
    ed.tabs.setCurrentIndex(1)
    shot(ed, "meeting_8_attendance_readonly")
    # reopening shows the same
    again = MeetingEditor(s, stack, mid)
    qtbot.addWidget(again)
    assert again.read_only and not again.save_button.isEnabled()
    assert again.window_title(s.meetings.get(mid)).startswith("Réunion PV N°001/2024")


def test_not_held_with_reason(qtbot, services, french):
    s = services
    meeting = s.meetings.create_with_agenda(date="2024-06-14")
    ed = MeetingEditor(s, QUndoStack(), meeting.id)
    qtbot.addWidget(ed)
    f = ed.form.widgets
    assert not f["not_held_reason"].isEnabled()
    qtbot.mouseClick(ed.not_held_button, LEFT)
    assert f["not_held_reason"].isEnabled()
    assert ed.save() is False  # reason required
    assert "Motif" in ed.form.errors["not_held_reason"].text()
    pick(f["not_held_reason"], "crue")
    type_text(qtbot, f["not_held_reason_text"], "Piste coupée par la crue")
    assert ed.save() is True
    got = s.meetings.get(meeting.id)
    assert (got.status, got.not_held_reason, got.not_held_reason_text) == (
        "not_held", "crue", "Piste coupée par la crue")


def test_agenda_item_removal_undone(qtbot, services, monkeypatch):
    s = services
    monkeypatch.setattr(commands, "confirm", lambda parent, text: True)
    meeting = s.meetings.create_with_agenda(date="2024-06-14", extra_items=["Point à retirer"])
    stack = QUndoStack()
    ed = MeetingEditor(s, stack, meeting.id)
    qtbot.addWidget(ed)
    ed.agenda_list.setCurrentRow(3)
    assert "Point à retirer" in ed.agenda_list.currentItem().text()
    qtbot.mouseClick(ed.remove_item_button, LEFT)
    assert [i.title for i in s.meetings.agenda(meeting.id)].count("Point à retirer") == 0
    stack.undo()
    titles = [i.title for i in s.meetings.agenda(meeting.id)]
    assert titles[3] == "Point à retirer" and ed.agenda_list.count() == 5


def test_previous_pv_adopted_from_the_standing_item(qtbot, services, french):
    s = services
    first = s.meetings.create_with_agenda(date="2024-04-12", status="held")
    second = s.meetings.create_with_agenda(date="2024-05-10")
    ed = MeetingEditor(s, QUndoStack(), second.id)
    qtbot.addWidget(ed)
    ed.show()
    ed.tabs.setCurrentIndex(2)
    ed.agenda_list.setCurrentRow(0)
    assert ed.adopt_prev_frame.isVisible()
    assert "PV N°001/2024/CCSC-ALAFIA du 12 avril 2024" in ed.adopt_prev_label.text()
    qtbot.mouseClick(ed.adopt_prev_button, LEFT)
    got = s.meetings.get(first.id)
    assert got.status == "adopted" and got.adopted_by_meeting_id == second.id
    qtbot.waitUntil(lambda: "adopté sans amendement" in s.meetings.agenda(second.id)[0].decisions,
                    timeout=3000)
    assert s.meetings.agenda(second.id)[0].decisions == (
        "Le procès-verbal de la réunion du 12 avril 2024 est adopté sans amendement.")
    ed.agenda_list.setCurrentRow(1)
    ed.agenda_list.setCurrentRow(0)
    assert not ed.adopt_prev_frame.isVisible()  # nothing left to adopt


def test_general_tab_shows_the_reason_and_the_new_date_only_where_they_apply(qtbot, services,
                                                                             french):
    """Issue 14: « Convoquée parce que » for an extraordinary meeting, « Reportée au » for a
    meeting not held; both saved through the service (the new date after the planned one)."""
    from ccs_desktop.ui.editors.base import set_combo

    s = services
    meeting = s.meetings.create_with_agenda(date="2024-06-14")
    ed = MeetingEditor(s, QUndoStack(), meeting.id)
    qtbot.addWidget(ed)
    ed.show()
    f = ed.form
    reason, later = f.widgets["extraordinary_reason"], f.widgets["postponed_to"]
    assert not reason.isVisible() and not later.isVisible()
    set_combo(f.widgets["kind"], "extraordinary")
    assert reason.isVisible() and f.labels["extraordinary_reason"].isVisible()
    reason.setText("à la demande du Préfet")
    assert ed.save()
    assert s.meetings.get(meeting.id).extraordinary_reason == "à la demande du Préfet"
    qtbot.mouseClick(ed.not_held_button, LEFT)
    assert later.isVisible() and f.labels["postponed_to"].isVisible()
    set_combo(f.widgets["not_held_reason"], "crue")
    later.setDate(later.date().fromString("2024-06-10", "yyyy-MM-dd"))
    assert not ed.save()  # before the planned date: refused under its field
    later.setDate(later.date().fromString("2024-06-28", "yyyy-MM-dd"))
    assert ed.save()
    import datetime as dt
    assert s.meetings.get(meeting.id).postponed_to == dt.date(2024, 6, 28)
