"""Services validate in French and write nothing when they refuse."""

from __future__ import annotations

import datetime as dt

import pytest
from french import fr  # tests/french.py: the catalog's typography
from sqlalchemy import func, select

from ccs_desktop.db import models as m
from ccs_desktop.services.errors import ReadOnly, ValidationError
from ccs_desktop.services.hub import Services
from ccs_desktop.services.records import ListQuery


@pytest.fixture
def sv(committee_db):
    return Services(committee_db)


def _rows(db, model) -> int:
    with db.session() as s:
        return s.scalar(select(func.count()).select_from(model))


def _person(sv, given="Aminata", family="Maïga", sex="F", category="femmes", **kw):
    return sv.people.create(given_names=given, family_name=family, sex=sex, category=category,
                            **kw)


def test_impact_of_seven_is_refused(sv):
    with pytest.raises(ValidationError) as err:
        sv.threats.create(title="Coupeurs de route", type_code="CRI.BAN", likelihood=3,
                          impact=7)
    assert "Gravité" in err.value.errors["impact"]
    assert "Catastrophique" in err.value.errors["impact"]
    assert _rows(sv.db, m.Threat) == 0


def test_scoring_by_words(sv):
    t = sv.threats.create(title="Vols de bétail", type_code="CRI.BET", likelihood="Probable",
                          impact="Majeure")
    assert (t.likelihood, t.impact, t.score, t.level) == (4, 4, 16, "high")
    t2 = sv.threats.create(title="EEI", type_code="EEI.MIN", likelihood="Quasi certaine",
                           impact="Catastrophique")
    assert (t2.score, t2.level) == (25, "critical")


def test_meeting_ending_before_it_starts_is_refused(sv):
    with pytest.raises(ValidationError, match=fr("avant d'avoir commencé")):
        sv.meetings.create(date="2024-04-12", start_time="10 h 00", end_time="09 h 30")
    assert _rows(sv.db, m.Meeting) == 0


def test_empty_title_is_refused(sv):
    with pytest.raises(ValidationError) as err:
        sv.threats.create(title="   ", type_code="CRI.BAN")
    assert "obligatoire" in err.value.errors["title"]
    with pytest.raises(ValidationError):
        sv.activities.create(title="", date="2024-01-01")
    assert _rows(sv.db, m.Threat) == 0 and _rows(sv.db, m.Activity) == 0


def test_unknown_category_is_refused(sv):
    with pytest.raises(ValidationError) as err:
        _person(sv, category="ethnie")
    assert "Catégorie" in err.value.errors["category"]
    assert _rows(sv.db, m.Person) == 0


def test_second_meeting_numbered_three_in_2024_is_refused(sv):
    sv.meetings.create(date="2024-03-10", number=3)
    with pytest.raises(ValidationError, match="déjà le numéro 3 en 2024"):
        sv.meetings.create(date="2024-06-10", number=3)
    assert _rows(sv.db, m.Meeting) == 1
    # another year may reuse the number
    assert sv.meetings.create(date="2025-03-10", number=3).reference == \
        "PV N°003/2025/CCSC-ALAFIA"


def test_meeting_numbering_and_standing_agenda(sv):
    chair = _person(sv, "Oumar", "Touré", "H", "elus", function="Maire")
    sv.committee.update(chair_id=chair.id)
    first = sv.meetings.create_with_agenda(date="2024-04-12")
    second = sv.meetings.create_with_agenda(date="2024-05-12")
    assert (first.number, second.number) == (1, 2)
    assert second.reference == "PV N°002/2024/CCSC-ALAFIA"
    titles = [i.title for i in second.agenda_items]
    assert titles[0] == "Lecture et adoption du procès-verbal de la réunion précédente"
    assert titles[-1] == "Divers"
    assert second.chair_id == chair.id
    assert "Alafia" in second.place


def test_open_recommendations_come_back_on_the_next_agenda(sv):
    meeting = sv.meetings.create_with_agenda(date="2024-04-12")
    sv.recommendations.create(text="Éclairer le marché de Toya", meeting_id=meeting.id)
    nxt = sv.meetings.create_with_agenda(date="2024-05-12")
    follow = next(i for i in nxt.agenda_items if i.title == "Suivi des recommandations")
    assert "Éclairer le marché de Toya" in follow.discussion


def test_every_change_increases_the_version(sv):
    p = _person(sv)
    assert p.version == 1
    p = sv.people.update(p.id, function="Présidente CAFO")
    assert p.version == 2
    p = sv.people.update(p.id, function="Présidente CAFO")  # no real change
    assert p.version == 2
    with sv.db.session() as s:
        assert s.get(m.Person, p.id).version == 2


def test_delete_is_a_tombstone_and_undo_puts_it_back(sv):
    p = _person(sv, phone="+223 70 00 00 00")
    saved = sv.people.delete(p.id)
    with sv.db.session() as s:
        row = s.get(m.Person, p.id)
        assert row.deleted_at is not None
        assert row.family_name == "" and row.phone == "" and row.given_names == ""
        assert row.version == 2
    assert sv.people.count() == 0
    assert sv.people.list(ListQuery(search="maiga")) == []
    sv.people.undelete(p.id, saved)
    back = sv.people.get(p.id)
    assert (back.family_name, back.phone, back.version) == ("Maïga", "+223 70 00 00 00", 3)
    assert [x.id for x in sv.people.list(ListQuery(search="maiga"))] == [p.id]


@pytest.mark.parametrize("query", ["securite", "SÉCURITÉ", "secur", "coeur", "cœur",
                                   "sous-prefet", "d'Alafia", "\"", "AND OR NOT", "*", "(x"])
def test_search_ignores_accents_case_ligatures_and_never_raises(sv, query):
    sv.threats.create(title="Sécurité au cœur du marché d'Alafia", type_code="CRI.MOT",
                      description="Signalé par le sous-préfet")
    sv.threats.create(title="Inondation", type_code="NAT.INO")
    found = sv.threats.list(ListQuery(search=query))
    if query in ('"', "*", "(x", "AND OR NOT"):
        assert isinstance(found, list)  # no error; the operators are plain words
    else:
        assert [t.title for t in found] == ["Sécurité au cœur du marché d'Alafia"]


def test_people_sort_by_stored_french_key(sv):
    for given, family in (("Zeinabou", "Ag Mohamed"), ("Assétou", "Élisée"),
                          ("Oumar", "Diarra"), ("Baba", "dembélé")):
        _person(sv, given, family)
    names = [p.family_name for p in sv.people.list()]
    assert names == ["Ag Mohamed", "dembélé", "Diarra", "Élisée"]


def test_likely_duplicates(sv):
    _person(sv, "Mahamadou", "Maïga", "H", "elus")
    assert len(sv.people.likely_duplicates("Mohamed", "Maiga")) == 1
    assert sv.people.likely_duplicates("Oumar", "Touré") == []


def test_adopted_minutes_are_read_only_and_take_amendments(sv):
    first = sv.meetings.create_with_agenda(date="2024-04-12")
    sv.meetings.mark_held(first.id)
    nxt = sv.meetings.create_with_agenda(date="2024-05-10")
    with pytest.raises(ValidationError):
        sv.meetings.add_amendment(first.id, "2024-05-10", "coquille", "texte")
    sv.meetings.adopt(first.id, nxt.id, with_amendments=True)
    with pytest.raises(ReadOnly, match="adopté"):
        sv.meetings.update(first.id, place="Ailleurs")
    with pytest.raises(ReadOnly):
        sv.meetings.add_agenda_item(first.id, "Point ajouté trop tard")
    amendment = sv.meetings.add_amendment(first.id, "2024-06-01", "Erreur de nom",
                                          "Lire « Aminata MAÏGA » au lieu de « Aminata MAGA ».")
    assert amendment.meeting_id == first.id
    got = sv.meetings.get(first.id)
    assert got.status == "adopted" and got.adopted_by_meeting_id == nxt.id
    assert got.adopted_on == dt.date(2024, 5, 10)


def test_attendance_counts_and_quorum(sv):
    meeting = sv.meetings.create(date="2024-04-12")
    people = [_person(sv, "Aminata", "Maïga", "F", "femmes", is_youth=True),
              _person(sv, "Oumar", "Touré", "H", "fds", fds_corps="gendarmerie"),
              _person(sv, "Hawa", "Cissé", "F", "traditionnels"),
              _person(sv, "Issa", "Koné", "H", "jeunes", is_youth=True)]
    guest = _person(sv, "Baba", "Sow", "H", "autres", is_member=False)
    for p, status in zip(people, ["present", "present", "excused", "absent"]):
        sv.meetings.set_attendance(meeting.id, p.id, status)
    sv.meetings.set_attendance(meeting.id, guest.id, "present")
    c = sv.meetings.attendance_counts(meeting.id)
    assert (c.present, c.excused, c.absent, c.guests) == (2, 1, 1, 1)
    assert (c.present_women, c.present_youth) == (1, 1)
    assert c.members_active == 4 and c.quorum_needed == 3 and not c.quorum_reached


def test_recommendation_transmission_history(sv):
    meeting = sv.meetings.create(date="2024-04-12")
    t = sv.threats.create(title="Vols de motos", type_code="CRI.MOT")
    r = sv.recommendations.create(text="Patrouilles au marché", meeting_id=meeting.id,
                                  threat_ids=[t.id], deadline="2024-05-12")
    with pytest.raises(ValidationError, match="destinataire"):
        sv.recommendations.transmit(r.id, date="2024-04-20", letter_number="12", sent_to="")
    sv.recommendations.transmit(r.id, date="2024-04-20", letter_number="012/CCSC-ALAFIA",
                                sent_to="Préfet du cercle")
    history = sv.recommendations.followups(r.id)
    assert [(h.status, h.letter_number) for h in history] == [("transmitted", "012/CCSC-ALAFIA")]
    assert sv.recommendations.get(r.id).status == "transmitted"
    assert sv.recommendations.count(ListQuery(filters={"overdue": True})) == 1


def test_threat_reassessment_keeps_history(sv):
    meeting = sv.meetings.create(date="2024-04-12")
    t = sv.threats.create(title="Vols de bétail", type_code="CRI.BET", likelihood=2, impact=2)
    sv.threats.assess(t.id, likelihood="Quasi certaine", impact="Majeure", trend="up",
                      meeting_id=meeting.id)
    now = sv.threats.get(t.id)
    assert (now.score, now.level, now.trend) == (20, "critical", "up")
    assert [a.score for a in sv.threats.assessments(t.id)] == [20]
    with sv.db.session() as s:
        assert [x.id for x in s.get(m.Meeting, meeting.id).threats] == [t.id]


def test_clock_warning_when_the_clock_went_back(sv):
    _person(sv)
    assert sv.committee.clock_warning() is None
    warning = sv.committee.clock_warning(now=dt.datetime(2001, 1, 1))
    assert warning and "horloge" in warning


def test_no_ethnicity_religion_or_party_field():
    forbidden = ("ethni", "religion", "party", "parti")
    for table in m.Base.metadata.tables.values():
        for column in table.columns:
            assert not any(word in column.name for word in forbidden), column


def test_adoption_stores_the_pdf_with_its_hash(sv):
    import hashlib

    first = sv.meetings.create_with_agenda(date="2024-04-12")
    sv.meetings.mark_held(first.id)
    nxt = sv.meetings.create_with_agenda(date="2024-05-10")
    sv.meetings.adopt(first.id, nxt.id)
    sv.meetings.add_amendment(first.id, "2024-06-01", "Erreur de date", "Lire 12 avril.")
    from sqlalchemy.orm import undefer

    with sv.db.session() as s:
        docs = s.scalars(select(m.StoredDocument).options(undefer(m.StoredDocument.pdf))
                         .order_by(m.StoredDocument.id)).all()
        assert [d.kind for d in docs] == ["pv", "amendment"]
        for d in docs:
            assert d.pdf.startswith(b"%PDF") and hashlib.sha256(d.pdf).hexdigest() == d.sha256


def test_deleting_a_meeting_takes_its_contents_along_and_undo_brings_them_back(sv):
    p = _person(sv)
    meeting = sv.meetings.create_with_agenda(date="2024-04-12")
    item = sv.meetings.add_agenda_item(meeting.id, "Point secret", discussion="MARQUEUR-DEBAT")
    sv.meetings.set_attendance(meeting.id, p.id, "present")
    t = sv.threats.create(title="Vols", type_code="CRI.MOT")
    sv.meetings.link_threat(meeting.id, t.id)
    r = sv.recommendations.create(text="MARQUEUR-RECO", meeting_id=meeting.id)
    sv.notes.add("MARQUEUR-NOTE", meeting_id=meeting.id)
    saved = sv.meetings.delete(meeting.id)
    with sv.db.session() as s:
        texts = [s.get(m.AgendaItem, item.id).discussion, s.get(m.Recommendation, r.id).text]
        assert texts == ["", ""]
        assert s.scalar(select(func.count()).select_from(m.Attendance)
                        .where(m.Attendance.deleted_at.is_(None))) == 0
        assert s.scalar(select(func.count()).select_from(m.meeting_threats)) == 0
        notes = s.scalars(select(m.RestrictedNote.text)).all()
        assert notes == [""]
    assert sv.recommendations.list(ListQuery(search="MARQUEUR")) == []
    sv.meetings.undelete(meeting.id, saved)
    with sv.db.session() as s:
        assert s.get(m.AgendaItem, item.id).discussion == "MARQUEUR-DEBAT"
        assert s.get(m.Recommendation, r.id).deleted_at is None
        assert [x.id for x in s.get(m.Meeting, meeting.id).threats] == [t.id]
    assert [x.id for x in sv.recommendations.list(ListQuery(search="MARQUEUR"))] == [r.id]


def test_undo_of_a_meeting_delete_refused_when_its_number_was_reused(sv):
    first = sv.meetings.create(date="2024-04-12", number=3)
    saved = sv.meetings.delete(first.id)
    sv.meetings.create(date="2024-05-12", number=3)
    with pytest.raises(ValidationError, match="déjà pris"):
        sv.meetings.undelete(first.id, saved)


def test_adopted_minutes_keep_their_recommendations_links_and_signed_scan(sv):
    first = sv.meetings.create_with_agenda(date="2024-04-12")
    rec = sv.recommendations.create(text="Éclairer le marché", meeting_id=first.id)
    other = sv.recommendations.create(text="Autre")
    t = sv.threats.create(title="Vols", type_code="CRI.MOT")
    sv.meetings.mark_held(first.id)
    nxt = sv.meetings.create_with_agenda(date="2024-05-10")
    sv.meetings.adopt(first.id, nxt.id, scan=("pv-signe.jpg", b"\xff\xd8scan"))
    with pytest.raises(ReadOnly):
        sv.recommendations.delete(rec.id)
    with pytest.raises(ReadOnly):
        sv.recommendations.update(other.id, meeting_id=first.id)
    with pytest.raises(ReadOnly):
        sv.recommendations.update(rec.id, threat_ids=[t.id])
    scan = sv.attachments.list_for(meeting_id=first.id)[0]
    with pytest.raises(ReadOnly):
        sv.attachments.remove(scan.id)
    # the follow-up still moves on
    sv.recommendations.add_followup(rec.id, status="in_progress", note="Travaux lancés")
    assert sv.recommendations.get(rec.id).status == "in_progress"


def test_a_person_named_in_an_adopted_pv_cannot_be_deleted(sv):
    p = _person(sv)
    first = sv.meetings.create(date="2024-04-12")
    sv.meetings.set_attendance(first.id, p.id, "present")
    sv.meetings.mark_held(first.id)
    sv.meetings.adopt(first.id, None, adopted_on="2024-05-10")
    with pytest.raises(ValidationError, match="inactif"):
        sv.people.delete(p.id)


def test_file_errors_read_in_french(sv, tmp_path):
    meeting = sv.meetings.create(date="2024-04-12")
    with pytest.raises(ValidationError, match="fichier ou dossier introuvable"):
        sv.attachments.add_file(tmp_path / "absent.jpg", meeting_id=meeting.id)
