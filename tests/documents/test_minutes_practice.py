"""What practice puts in a PV (issue 14): the quorum sentence, the reason of an extraordinary
session (in the PV and the convocation), the PV the standing item adopted, the new date of a
meeting not held, the standing items at the committee's level. Read back with
`pdftotext -layout`."""

from __future__ import annotations

import datetime as dt

import pytest

from pdftext import flat, layout_pages
from sqlalchemy import select

from ccs_desktop.db import models as m
from ccs_desktop.services.documents import render_convocation, render_minutes
from ccs_desktop.services.errors import UserError, ValidationError


def _text(pdf: bytes, tmp_path) -> str:
    """The pages as printed, the diagonal PROJET mark (one letter a line) left out."""
    lines = [line for page in layout_pages(pdf, tmp_path) for line in page.splitlines()
             if len(line.strip()) > 1]
    return flat(" ".join(lines))


def _set_attendance(db, ids, person_id, status):
    with db.session() as s:
        row = s.scalars(select(m.Attendance).where(
            m.Attendance.meeting_id == ids["meeting_id"],
            m.Attendance.person_id == person_id)).one()
        row.status = status


def _members(db, ids) -> list[int]:
    with db.session() as s:
        return list(s.scalars(select(m.Attendance.person_id).where(
            m.Attendance.meeting_id == ids["meeting_id"], m.Attendance.is_guest.is_(False))
            .order_by(m.Attendance.id)))


def test_quorum_sentence_names_the_chair_who_opened(sample, tmp_path):
    db, ids = sample
    text = _text(render_minutes(db, ids["meeting_id"]), tmp_path)
    assert "Le quorum étant atteint, le Président a ouvert la séance à 10 h 00." in text
    # after the lists of those present and excused, before the agenda
    assert text.index("Étaient excusés") < text.index("Le quorum étant atteint") \
        < text.index("ORDRE DU JOUR")


def test_quorum_sentence_names_the_member_presiding_for_an_absent_chair(sample, tmp_path):
    db, ids = sample
    with db.session() as s:
        meeting = s.get(m.Meeting, ids["meeting_id"])
        imam = s.scalars(select(m.Person).where(m.Person.family_name == "Cissé")).one()
        meeting.presiding_person_id = imam.id
        chair_id = meeting.chair_id
    _set_attendance(db, ids, chair_id, "excused")
    text = _text(render_minutes(db, ids["meeting_id"]), tmp_path)
    assert ("Le quorum étant atteint, M. Moussa CISSÉ, président de séance, a ouvert la séance "
            "à 10 h 00.") in text
    assert "le Président a ouvert" not in text


def test_a_held_meeting_without_quorum_prints_no_pv_but_its_carence(sample, tmp_path):
    db, ids = sample
    members = _members(db, ids)  # 10 members, 8 present: the majority is 6
    for pid in members[3:8]:
        _set_attendance(db, ids, pid, "absent")
    with pytest.raises(UserError) as refused:
        render_minutes(db, ids["meeting_id"])
    assert "n'a pas atteint le quorum (3 membres présents pour 6 requis)" in str(refused.value)
    assert "procès-verbal de carence" in str(refused.value)
    with db.session() as s:
        meeting = s.get(m.Meeting, ids["meeting_id"])
        meeting.status, meeting.not_held_reason = "not_held", "quorum"
    text = _text(render_minutes(db, ids["meeting_id"]), tmp_path)
    assert "PROCÈS-VERBAL DE CARENCE" in text and "quorum étant atteint" not in text


def test_the_fixed_quorum_rule_is_the_attendance_tab_s(sample, tmp_path):
    from ccs_desktop.services.hub import Services

    db, ids = sample
    with db.session() as s:
        s.get(m.Committee, ids["committee_id"]).quorum_rule = "fixed"
        s.get(m.Committee, ids["committee_id"]).quorum_value = 9
    counts = Services(db).meetings.attendance_counts(ids["meeting_id"])
    assert not counts.quorum_reached
    with pytest.raises(UserError, match="8 membres présents pour 9 requis"):
        render_minutes(db, ids["meeting_id"])


def test_extraordinary_reason_in_the_pv_and_the_convocation(sample, tmp_path):
    db, ids = sample
    with db.session() as s:
        meeting = s.get(m.Meeting, ids["meeting_id"])
        meeting.kind = "extraordinary"
        meeting.extraordinary_reason = "À la demande du Préfet, en raison de l'attaque du marché"
    text = _text(render_minutes(db, ids["meeting_id"]), tmp_path)
    assert ("la réunion extraordinaire du Comité consultatif de sécurité de la commune "
            "d'Alafia, convoquée à la demande du Préfet, en raison de l'attaque du marché, "
            "sous la présidence de M. Bakary TRAORÉ") in text
    letters = _text(render_convocation(db, ids["meeting_id"]), tmp_path)
    assert ("Cette réunion est convoquée à la demande du Préfet, en raison de l'attaque du "
            "marché.") in letters
    with db.session() as s:
        s.get(m.Meeting, ids["meeting_id"]).extraordinary_reason = "Attaque du marché"
    text = _text(render_minutes(db, ids["meeting_id"]), tmp_path)
    assert "convoquée pour le motif suivant : attaque du marché, sous la présidence" in text
    with db.session() as s:  # an ordinary meeting prints no reason
        s.get(m.Meeting, ids["meeting_id"]).kind = "ordinary"
    assert "convoquée pour" not in _text(render_minutes(db, ids["meeting_id"]), tmp_path)


def test_standing_item_names_the_pv_it_adopted_and_the_outcome(sample, tmp_path):
    db, ids = sample
    with db.session() as s:
        previous = s.get(m.Meeting, ids["previous_id"])
        previous.adopted_by_meeting_id = ids["meeting_id"]
        previous.adopted_with_amendments = True
        s.add(m.Amendment(committee_id=previous.committee_id, meeting_id=previous.id,
                          date=dt.date(2024, 4, 12), reason="Erreur de date", text="…"))
        item = s.scalars(select(m.AgendaItem).where(
            m.AgendaItem.meeting_id == ids["meeting_id"]).order_by(m.AgendaItem.position)).first()
        item.decisions = "Le procès-verbal de la réunion du 8 mars 2024 est adopté."
    text = _text(render_minutes(db, ids["meeting_id"]), tmp_path)
    title = ("Lecture et adoption du procès-verbal N°002/2024 de la réunion du 8 mars 2024")
    assert f"1. {title}" in text and f"Point 1 : {title}" in text
    assert ("Le procès-verbal N°002/2024 est adopté avec amendements (voir rectificatif N°1)."
            in text)
    assert "est adopté. " not in text  # the typed line, said again, is left out
    with db.session() as s:
        s.get(m.Meeting, ids["previous_id"]).adopted_with_amendments = False
        for a in s.scalars(select(m.Amendment)):
            s.delete(a)
    text = _text(render_minutes(db, ids["meeting_id"]), tmp_path)
    assert "Le procès-verbal N°002/2024 est adopté sans amendement." in text


def test_the_note_of_a_meeting_not_held_gives_its_new_date(sample, tmp_path):
    db, ids = sample
    with db.session() as s:
        meeting = s.get(m.Meeting, ids["meeting_id"])
        meeting.status, meeting.not_held_reason = "not_held", "crue"
        meeting.postponed_to = dt.date(2024, 5, 3)
    text = _text(render_minutes(db, ids["meeting_id"]), tmp_path)
    assert "NOTE RELATIVE À LA NON-TENUE" in text
    assert "La réunion est reportée au 3 mai 2024." in text
    assert "à la prochaine réunion" not in text


def test_the_service_checks_the_new_date_and_the_reason(sample):
    from ccs_desktop.services.hub import Services

    db, ids = sample
    sv = Services(db)
    with pytest.raises(ValidationError) as refused:
        sv.meetings.save(ids["meeting_id"], postponed_to="2024-04-12")
    assert set(refused.value.errors) == {"postponed_to"}
    sv.meetings.save(ids["meeting_id"], postponed_to="2024-04-26",
                     extraordinary_reason="  à la demande du Préfet  ")
    got = sv.meetings.get(ids["meeting_id"])
    assert got.postponed_to == dt.date(2024, 4, 26)
    assert got.extraordinary_reason == "à la demande du Préfet"
    sv.meetings.save(ids["meeting_id"], postponed_to=None, extraordinary_reason="")
    got = sv.meetings.get(ids["meeting_id"])
    assert got.postponed_to is None and got.extraordinary_reason is None


@pytest.mark.parametrize(("level", "words"), [("region", "de la région"),
                                             ("cercle", "du cercle"),
                                             ("commune", "de la commune")])
def test_standing_items_follow_the_committee_level(db, level, words):
    from ccs_desktop.services.hub import Services

    with db.session() as s:
        s.add(m.Committee(level=level, region="Tombouctou", cercle="Goundam",
                          commune="Alafia" if level == "commune" else "", code="CCS-T",
                          name="Comité"))
        s.flush()
        s.add(m.Setting(key="committee_uuid", value=s.scalars(select(m.Committee)).one().uuid))
    sv = Services(db)
    meeting = sv.meetings.create_with_agenda(date="2024-06-14")
    titles = [i.title for i in sv.meetings.agenda(meeting.id)]
    assert titles[1] == f"Situation sécuritaire {words}"
    assert all(i.is_standing for i in sv.meetings.agenda(meeting.id))
