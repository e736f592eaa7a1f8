"""The procès-verbal read back from the PDF."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from pdftext import flat, pdf_pages, pdf_text, pdffonts
from sample import RESTRICTED_TEXT, RESTRICTED_THREAT

from sqlalchemy import select

from ccs_desktop.db import models as m
from ccs_desktop.services.documents import render_annex, render_minutes
from ccs_desktop.services.errors import UserError


def test_pv_header_title_and_opening_formula(shared_sample):
    db, ids = shared_sample
    text = flat(pdf_text(render_minutes(db, ids["meeting_id"])))
    assert "RÉPUBLIQUE DU MALI" in text
    assert "Un Peuple – Un But – Une Foi" in text
    for line in ("RÉGION DE TOMBOUCTOU", "CERCLE DE GOUNDAM", "COMMUNE RURALE D'ALAFIA"):
        assert line in text
    assert "PV N°003/2024/CCSC-ALAFIA" in text
    assert ("PROCÈS-VERBAL DE LA RÉUNION ORDINAIRE DU COMITÉ CONSULTATIF DE SÉCURITÉ DE LA "
            "COMMUNE D'ALAFIA") in text
    assert ("L'an deux mille vingt-quatre et le douze avril, de 10 h 00 à 13 h 15, s'est "
            "tenue dans la salle de réunion de la mairie d'Alafia, sur convocation du Maire "
            "en date du 5 avril 2024, la réunion ordinaire du Comité consultatif de sécurité "
            "de la commune d'Alafia, sous la présidence de M. Bakary TRAORÉ, Maire de la "
            "Commune rurale d'Alafia.") in text
    assert "Le secrétariat de séance est assuré par Mme Aminata MAÏGA." in text
    assert "L'ordre du jour étant épuisé, la séance a été levée à 13 h 15." in text


def test_pv_people_counts_agenda_and_recommendations(shared_sample):
    db, ids = shared_sample
    text = flat(pdf_text(render_minutes(db, ids["meeting_id"])))
    # names with accents, family names in capitals, titles kept
    for name in ("Aminata MAÏGA", "El Hadj Moussa CISSÉ", "Adjudant-chef Œuvré KONÉ",
                 "Fatoumata WALET AHMED", "Ibrahim AG MOHAMED", "Éloïse DEMBÉLÉ"):
        assert name in text
    assert "Radio Naŋa – Animatrice ɛ ɔ ɲ ŋ" in text
    assert "Étaient présents : 8 membres" in text
    assert "Total : 8 présents, dont 4 femmes (50 %), 4 hommes et 3 jeunes." in text
    assert "Forces de Défense et de Sécurité (1)" in text
    assert "Étaient absents : M. Sékou SANOGO" in text
    assert "Étaient excusés : M. Yehya KONTA" in text
    assert "Invités : M. Oumar TOURÉ" in text
    assert "L'ordre du jour portait sur :" in text
    assert "Point 2 : Situation sécuritaire de la commune" in text
    assert "Décision n°2 : renforcer la sensibilisation." in text
    assert "Vols de bétail à Tin-Aicha – Troupeaux > 10 têtes & <nuit>" in text
    assert "En hausse" in text
    assert "Élevé (12/25)" in text
    assert "Absence d'éclairage public" in text
    for i in (1, 2, 3):
        assert f"Recommandation {i} : installer l'éclairage solaire au marché" in text
    assert "30 juin 2024" in text and "Commission sécurité" in text
    assert "La Secrétaire de séance" in text
    assert "Le Président du CCS, Maire de la Commune rurale d'Alafia" in text
    assert "Ampliations" in text and "CRSS" in text and "Gouverneur" in text


def test_pv_counts_table_by_sex_and_youth(shared_sample):
    db, ids = shared_sample
    text = flat(pdf_text(render_minutes(db, ids["meeting_id"])))
    assert "Hommes 4 1 3" in text
    assert "Femmes 4 2 2" in text
    assert "Total 8 3 5" in text


def test_every_page_numbered_and_marked_projet_on_draft(shared_sample):
    db, ids = shared_sample
    pages = pdf_pages(render_minutes(db, ids["meeting_id"]))
    assert len(pages) >= 2
    for number, page in enumerate(pages, start=1):
        assert f"Page {number} sur {len(pages)}" in page
        assert "PROJET" in page
        assert "DONNÉES FICTIVES" not in page


def test_restricted_content_never_in_pv_but_in_annex(shared_sample):
    db, ids = shared_sample
    pv = flat(pdf_text(render_minutes(db, ids["meeting_id"])))
    assert RESTRICTED_TEXT not in pv and "Tessit" not in pv
    assert RESTRICTED_THREAT not in pv
    assert "RESTREINTE" not in pv
    annex_pages = pdf_pages(render_annex(db, ids["meeting_id"]))
    annex = flat("\n".join(annex_pages))
    assert RESTRICTED_TEXT in annex
    assert RESTRICTED_THREAT in annex
    assert "Point 2 de l'ordre du jour" in annex
    for number, page in enumerate(annex_pages, start=1):
        assert "DIFFUSION RESTREINTE" in page
        assert f"Page {number} sur {len(annex_pages)}" in page


def test_fonts_embedded(shared_sample, tmp_path):
    db, ids = shared_sample
    for pdf in (render_minutes(db, ids["meeting_id"]), render_annex(db, ids["meeting_id"])):
        listing = pdffonts(pdf, tmp_path)
        rows = listing.splitlines()[2:]
        assert rows, listing
        assert len(rows) >= 3  # regular, bold, italic at least
        for row in rows:
            assert "DejaVuSansCondensed" in row, row
            assert re.search(r"\byes\s+yes\s+yes\b", row), row  # embedded, subset, unicode


def test_adopted_pv_has_no_projet_and_demo_marks_every_page(sample):
    db, ids = sample
    with db.session() as s:
        meeting = s.get(m.Meeting, ids["meeting_id"])
        meeting.status = "adopted"
        meeting.adopted_by_meeting_id = None
        committee = s.get(m.Committee, ids["committee_id"])
        committee.is_demo = True
    pages = pdf_pages(render_minutes(db, ids["meeting_id"]))
    for page in pages:
        assert "PROJET" not in page
        assert "DONNÉES FICTIVES" in page


def test_female_chair_and_male_secretary(sample):
    db, ids = sample
    with db.session() as s:
        meeting = s.get(m.Meeting, ids["meeting_id"])
        meeting.chair_id, meeting.secretary_id = meeting.secretary_id, meeting.chair_id
        s.get(m.Committee, ids["committee_id"]).chair_title = ""
    text = flat(pdf_text(render_minutes(db, ids["meeting_id"])))
    assert "sous la présidence de Mme Aminata MAÏGA, Maire de la Commune rurale d'Alafia" in text
    assert "La Présidente du CCS," in text
    assert "Le Secrétaire de séance" in text
    assert "assuré par M. Bakary TRAORÉ." in text


def test_not_held_meeting_prints_a_note_without_pv_number(sample):
    db, ids = sample
    with db.session() as s:
        meeting = s.get(m.Meeting, ids["meeting_id"])
        meeting.status = "not_held"
        meeting.not_held_reason = "insecurite"
        meeting.not_held_reason_text = "Attaque sur l'axe la veille."
    pages = pdf_pages(render_minutes(db, ids["meeting_id"]))
    text = flat("\n".join(pages))
    assert ("NOTE RELATIVE À LA NON-TENUE DE LA RÉUNION ORDINAIRE DU COMITÉ CONSULTATIF DE "
            "SÉCURITÉ DE LA COMMUNE D'ALAFIA PRÉVUE LE 12 AVRIL 2024") in text
    assert "n'a pas pu se tenir" in text
    assert "Motif : insécurité." in text
    assert "Attaque sur l'axe la veille." in text
    assert "Étaient présents" not in text
    assert "PV N°" not in text and "PROJET" not in text  # no séance: no number, no adoption
    assert "Secrétaire de séance" not in text  # signed by the chair of the committee
    assert "Bakary TRAORÉ" in text


def test_not_held_for_lack_of_quorum_is_a_proces_verbal_de_carence(sample):
    db, ids = sample
    with db.session() as s:
        meeting = s.get(m.Meeting, ids["meeting_id"])
        meeting.status, meeting.not_held_reason = "not_held", "quorum"
    text = flat(pdf_text(render_minutes(db, ids["meeting_id"])))
    assert "PROCÈS-VERBAL DE CARENCE DE LA RÉUNION ORDINAIRE" in text
    assert "Motif : absence de quorum." in text or "Motif : pas de quorum." in text


def test_no_pv_for_a_planned_meeting_nor_a_held_one_with_nobody_present(sample):
    db, ids = sample
    with db.session() as s:
        committee = s.get(m.Committee, ids["committee_id"])
        planned = m.Meeting(committee_id=committee.id, number=9, year=2024,
                            date=dt.date(2024, 9, 1), status="planned")
        empty = m.Meeting(committee_id=committee.id, number=10, year=2024,
                          date=dt.date(2024, 9, 2), status="held")
        s.add_all([planned, empty])
        s.flush()
        planned_id, empty_id = planned.id, empty.id
    with pytest.raises(UserError, match="encore prévue"):
        render_minutes(db, planned_id)
    with pytest.raises(UserError, match="aucun membre présent"):
        render_minutes(db, empty_id)


def test_minimal_held_meeting_without_times_renders(sample):
    db, ids = sample
    with db.session() as s:
        committee = s.get(m.Committee, ids["committee_id"])
        committee.quorum_rule, committee.quorum_value = "fixed", 1  # one member is a quorum
        meeting = m.Meeting(committee_id=committee.id, number=9, year=2024,
                            date=dt.date(2024, 9, 1), status="held")
        s.add(meeting)
        s.flush()
        person = s.scalars(select(m.Person).where(m.Person.committee_id == committee.id)).first()
        s.add(m.Attendance(committee_id=committee.id, meeting_id=meeting.id,
                           person_id=person.id, status="present"))
        mid = meeting.id
    pdf = render_minutes(db, mid)
    text = flat(pdf_text(pdf))
    assert "L'an deux mille vingt-quatre et le premier septembre, s'est tenue" in text
    assert "Étaient présents : 1 membre" in text
    pages = pdf_pages(pdf)
    assert all(f"Page {i} sur {len(pages)}" in p for i, p in enumerate(pages, start=1))


def _set_attendance(db, ids, person_id, status):
    with db.session() as s:
        row = s.scalars(select(m.Attendance).where(
            m.Attendance.meeting_id == ids["meeting_id"],
            m.Attendance.person_id == person_id)).one()
        row.status = status


def test_absent_chair_is_replaced_by_the_presiding_member_and_the_pv_says_so(sample):
    db, ids = sample
    with db.session() as s:
        meeting = s.get(m.Meeting, ids["meeting_id"])
        chair_id = meeting.chair_id
        imam = s.scalars(select(m.Person).where(m.Person.family_name == "Cissé")).one()
        imam_id = imam.id
    _set_attendance(db, ids, chair_id, "excused")
    text = flat(pdf_text(render_minutes(db, ids["meeting_id"])))
    # nobody named: the PV never says the excused chair presided
    assert "sous la présidence de M. Bakary TRAORÉ" not in text
    assert "en l'absence du Président" in text
    assert "Étaient excusés : M. Bakary TRAORÉ" in text
    with db.session() as s:
        s.get(m.Meeting, ids["meeting_id"]).presiding_person_id = imam_id
    text = flat(pdf_text(render_minutes(db, ids["meeting_id"])))
    assert ("sous la présidence de M. Moussa CISSÉ, Imam, en l'absence du Président.") in text
    assert "Le Président de séance, Imam" in text
    signature_page = [p for p in pdf_pages(render_minutes(db, ids["meeting_id"]))
                      if "Ampliations" in p][0]
    assert "Bakary TRAORÉ" not in flat(signature_page.split("Fait à")[-1])


def test_absent_secretary_neither_named_nor_signing_as_present(sample):
    db, ids = sample
    with db.session() as s:
        secretary_id = s.get(m.Meeting, ids["meeting_id"]).secretary_id
    _set_attendance(db, ids, secretary_id, "absent")
    text = flat(pdf_text(render_minutes(db, ids["meeting_id"])))
    assert "Le secrétariat de séance est assuré par Mme Aminata MAÏGA" not in text
    assert "Aminata MAÏGA" not in text.split("Fait à")[-1]
