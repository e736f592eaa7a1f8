"""The procès-verbal read back from the PDF."""

from __future__ import annotations

import datetime as dt
import re

from pdftext import flat, pdf_pages, pdf_text, pdffonts
from sample import RESTRICTED_TEXT, RESTRICTED_THREAT

from ccs_desktop.db import models as m
from ccs_desktop.services.documents import render_annex, render_minutes


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


def test_not_held_meeting_prints_a_short_note(sample):
    db, ids = sample
    with db.session() as s:
        meeting = s.get(m.Meeting, ids["meeting_id"])
        meeting.status = "not_held"
        meeting.not_held_reason = "insecurite"
        meeting.not_held_reason_text = "Attaque sur l'axe la veille."
    text = flat(pdf_text(render_minutes(db, ids["meeting_id"])))
    assert "RÉUNION NON TENUE" in text
    assert "n'a pas pu se tenir" in text
    assert "Motif : Insécurité." in text
    assert "Attaque sur l'axe la veille." in text
    assert "Étaient présents" not in text


def test_minimal_meeting_without_people_or_times_renders(sample):
    db, ids = sample
    with db.session() as s:
        committee = s.get(m.Committee, ids["committee_id"])
        meeting = m.Meeting(committee_id=committee.id, number=9, year=2024,
                            date=dt.date(2024, 9, 1), status="planned")
        s.add(meeting)
        s.flush()
        mid = meeting.id
    text = flat(pdf_text(render_minutes(db, mid)))
    assert "L'an deux mille vingt-quatre et le premier septembre, s'est tenue" in text
    assert "Étaient présents : 0 membre" in text
    assert "Page 1 sur 1" in text
