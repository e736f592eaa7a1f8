"""Long content breaks cleanly: tables split with repeated headers, no LayoutError."""

from __future__ import annotations

import datetime as dt

from pdftext import flat, pdf_pages
from sample import build_sample

from ccs_desktop.db import models as m
from ccs_desktop.services.documents import (
    render_attendance_sheet,
    render_minutes,
)
from ccs_desktop.services.documents.layout import chunk_text

SENTENCE = "La population de Tin-Aicha signale des passages de motos armées la nuit près du puits. "


def test_chunk_text_cuts_at_sentences_and_words():
    text = SENTENCE * 50
    pieces = chunk_text(text, 300)
    assert all(len(p) <= 300 for p in pieces)
    assert " ".join(pieces).split() == text.split()
    endless = "x" * 1000
    assert "".join(chunk_text(endless, 300)) == endless


def test_300_attendees_and_a_20000_character_discussion(db):
    discussion = (SENTENCE * 240)[:20000]
    ids = build_sample(db, discussion_extra=discussion + "\n" + "FIN-DE-LA-DISCUSSION",
                       n_attendees=292)
    with db.session() as s:
        committee = s.get(m.Committee, ids["committee_id"])
        # a recommendation far longer than a page, inside a table cell
        s.add(m.Recommendation(committee_id=committee.id, meeting_id=ids["meeting_id"],
                               text="Longue recommandation. " + SENTENCE * 120 + "FIN-RECO",
                               addressee="Préfet de Goundam", deadline=dt.date(2024, 12, 31)))
        # one endless paragraph without any line break
        item = s.get(m.Meeting, ids["meeting_id"]).agenda_items[2]
        item.decisions = "Décision " + "très longue " * 1500
    pdf = render_minutes(db, ids["meeting_id"])
    pages = pdf_pages(pdf)
    assert len(pages) > 10
    for number, page in enumerate(pages, start=1):
        assert f"Page {number} sur {len(pages)}" in page
    text = flat("\n".join(pages))
    assert "Étaient présents : 300 membres" in text
    assert "Famille291" in text.upper() or "FAMILLE291" in text
    assert "FIN-DE-LA-DISCUSSION" in text and "FIN-RECO" in text
    # the attendance table header is repeated on the pages it spans
    assert sum("Prénom(s) NOM" in page for page in pages) >= 4
    assert text.index("L'ordre du jour étant épuisé") > text.index("FIN-RECO")

    sheet = pdf_pages(render_attendance_sheet(db, ids["meeting_id"]))
    assert len(sheet) >= 10
    missing = [i for i, page in enumerate(sheet) if "Signature" not in page]
    assert missing in ([], [len(sheet) - 1]), missing
