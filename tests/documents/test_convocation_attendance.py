"""Convocations (one page per active member + décharge) and the attendance sheet."""

from __future__ import annotations

import re

from pdftext import flat, pdf_pages, pdffonts
from sample import PEOPLE
from sqlalchemy import select

from ccs_desktop.db import models as m
from ccs_desktop.services.documents import render_attendance_sheet, render_convocation


def test_one_convocation_per_active_member_then_receipt_list(sample):
    db, ids = sample
    with db.session() as s:
        person = s.scalars(select(m.Person).where(m.Person.family_name == "Konta")).one()
        person.is_active = False
    pages = pdf_pages(render_convocation(db, ids["meeting_id"]))
    active = len(PEOPLE) - 1
    assert len(pages) == (active - 1) + 1  # issue 14: the chair, who signs, gets none
    for page in pages[:-1]:
        text = flat(page)
        assert "RÉPUBLIQUE DU MALI" in text
        assert ("Objet : convocation à la réunion ordinaire du Comité consultatif de sécurité "
                "du 12 avril 2024") in text
        assert "N° ………/2024/CCSC-ALAFIA" in text
        assert ("qui se tiendra le vendredi 12 avril 2024 à 10 h 00 dans la salle de réunion "
                "de la mairie d'Alafia") in text
        assert "1. Lecture et adoption du procès-verbal de la réunion précédente" in text
        assert "Alafia, le 5 avril 2024" in text
        assert "Le Président du CCS, Maire de la Commune rurale d'Alafia" in text
        assert "Page 1 sur 1" in text  # each letter stands alone
    texts = [flat(p) for p in pages]
    assert any("À Mme Aminata MAÏGA" in t and "Madame," in t for t in texts)
    assert not any("À M. Bakary TRAORÉ" in t for t in texts)
    # titles and ranks kept; authorities by function, with « haute considération »
    assert any("À El Hadj Moussa CISSÉ" in t for t in texts)
    assert any("À l'Adjudant-chef Œuvré KONÉ" in t for t in texts)
    sub_prefect = [t for t in texts if "À Madame la Sous-préfète" in t]
    assert sub_prefect and "Madame la Sous-préfète," in sub_prefect[0]
    assert "haute considération" in sub_prefect[0]
    assert "Hawa DIARRA" not in sub_prefect[0].split("Objet")[0]
    assert not any("KONTA" in t for t in texts[:-1])
    assert "Oumar TOURÉ" not in " ".join(texts)  # a guest, not a member
    receipt = texts[-1]
    assert "DÉCHARGE DES CONVOCATIONS" in receipt
    assert "Date de réception" in receipt and "Signature" in receipt
    assert "Éloïse DEMBÉLÉ" in receipt


def test_attendance_sheet_columns_members_guests_and_phone_option(sample, tmp_path):
    db, ids = sample
    pdf = render_attendance_sheet(db, ids["meeting_id"])
    text = flat("\n".join(pdf_pages(pdf)))
    assert "LISTE DE PRÉSENCE" in text
    assert "N° Prénom(s) NOM Structure / Fonction Sexe Jeune Signature" in text
    assert "Téléphone" not in text and "76 00 00 01" not in text
    assert "Aminata MAÏGA CAFO – Présidente F non" in text
    assert "Invités et autres participants" in text
    assert "Oumar TOURÉ" in text  # a recorded guest
    # blank numbered rows for guests after the last name
    assert re.search(r"Oumar TOURÉ ONG Paix – Observateur H non 12 13 14", text)

    with_phone = flat("\n".join(pdf_pages(
        render_attendance_sheet(db, ids["meeting_id"], with_phone=True))))
    assert "Téléphone" in with_phone and "76 00 00 01" in with_phone
    for pdf_ in (pdf, render_convocation(db, ids["meeting_id"])):
        for row in pdffonts(pdf_, tmp_path).splitlines()[2:]:
            assert "DejaVuSansCondensed" in row and re.search(r"yes\s+yes\s+yes", row)
