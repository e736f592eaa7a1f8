"""State headers, place names and ampliations as a préfet reads them (issue 14)."""

from __future__ import annotations

import pytest
from pdftext import flat, pdf_text

from ccs_desktop.db import models as m
from ccs_desktop.domain import french, places
from ccs_desktop.services.documents import render_minutes, words
from ccs_desktop.services.documents.header import HeaderData


@pytest.mark.parametrize("place", ["Yorosso", "Yanfolila", "Youwarou", "Yélékébougou"])
def test_y_is_not_a_vowel_for_elision(place):
    assert french.de(place) == words.de(place) == f"de {place}"
    assert not french.elides(place)


def test_vowels_still_elide():
    for place in ("Alafia", "Ansongo", "Énnéri", "Ouéléssébougou", "Intahaka"):
        assert french.de(place) == words.de(place) == f"d'{place}"
    assert french.de("Hombori") == "de Hombori"


def test_commune_kind_comes_from_the_place_list():
    assert places.commune_kind_of("Tombouctou", "Tombouctou", "Alafia") == "rurale"
    assert places.commune_kind_of("Tombouctou", "Tombouctou", "Tombouctou") == "urbaine"
    assert places.commune_kind_of("Bamako", "Bamako", "Commune III") == "urbaine"
    assert places.commune_kind_of("Sikasso", "Yorosso", "Yorosso") == "rurale"


def _render(sample, **profile):
    db, ids = sample
    with db.session() as s:
        committee = s.get(m.Committee, ids["committee_id"])
        for key, value in profile.items():
            setattr(committee, key, value)
    return flat(pdf_text(render_minutes(db, ids["meeting_id"])))


def test_bamako_is_a_district_without_cercle(sample):
    text = _render(sample, region="Bamako", cercle="Bamako", commune="Commune III",
                   commune_kind="urbaine", chair_title="", code="CCSC-CIII")
    assert "DISTRICT DE BAMAKO -------- COMMUNE III" in text
    assert "RÉGION DE BAMAKO" not in text and "CERCLE DE BAMAKO" not in text
    assert "COMMUNE URBAINE DE COMMUNE" not in text
    assert "Comité consultatif de sécurité de la Commune III du District de Bamako" in text
    assert "Maire de la Commune III du District de Bamako" in text
    assert "Fait à Bamako" in text
    assert "Gouverneur du District de Bamako" in text


def test_yorosso_never_elided(sample):
    text = _render(sample, region="Sikasso", cercle="Yorosso", commune="Yorosso",
                   chair_title="", code="CCSC-YOROSSO")
    assert "d'Yorosso" not in text and "D'YOROSSO" not in text
    assert "CERCLE DE YOROSSO" in text and "COMMUNE RURALE DE YOROSSO" in text
    assert "Préfet du Cercle de Yorosso" in text


def test_ampliations_with_full_titles_and_copies(shared_sample):
    db, ids = shared_sample
    text = flat(pdf_text(render_minutes(db, ids["meeting_id"])))
    amp = text.split("Ampliations")[1]
    for title in ("Préfet du Cercle de Goundam 1", "Gouverneur de la Région de Tombouctou 1",
                  "Commissariat à la Réforme du Secteur de la Sécurité (CRSS) 1",
                  "Archives 1", "Chrono 1"):
        assert title in amp, amp


def test_regional_committee_never_sends_copies_to_its_own_chair():
    header = HeaderData(level="region", region="Tombouctou")
    titles = [t for t, _n in header.ampliations()]
    assert not any(t.startswith(("Gouverneur", "Préfet")) for t in titles)
    assert header.default_chair_title() == "Gouverneur de la Région de Tombouctou"
    assert header.of_place == "de la région de Tombouctou"


def test_title_date_single_category_label_and_decision_word(shared_sample):
    db, ids = shared_sample
    text = flat(pdf_text(render_minutes(db, ids["meeting_id"])))
    assert ("PROCÈS-VERBAL DE LA RÉUNION ORDINAIRE DU COMITÉ CONSULTATIF DE SÉCURITÉ DE LA "
            "COMMUNE D'ALAFIA DU 12 AVRIL 2024") in text
    assert "Élus communaux (1)" in text and "Délégation spéciale" not in text
    assert "Décision(s)" not in text and "Décision Décision n°1" in text
    assert "Responsable du suivi" in text
