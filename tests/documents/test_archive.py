"""A frozen adopted PV: stored once with its SHA-256, reprinted byte for byte."""

from __future__ import annotations

import datetime as dt
import hashlib
import io

import pytest
from pdftext import flat, pdf_pages, pdf_text

from ccs_desktop.db import models as m
from ccs_desktop.services.documents import (
    freeze_adopted_minutes,
    freeze_amendment,
    minutes_pdf_for_print,
    render_amendment,
    render_minutes,
    stored_minutes,
)
from ccs_desktop.services.documents.header import HeaderData
from ccs_desktop.services.errors import UserError


def adopt(db, ids) -> None:
    with db.session() as s:
        meeting = s.get(m.Meeting, ids["meeting_id"])
        meeting.status = "adopted"
        meeting.adopted_on = dt.date(2024, 5, 10)


def change_profile(db, ids) -> None:
    with db.session() as s:
        committee = s.get(m.Committee, ids["committee_id"])
        committee.region = "Nouvelle région"
        committee.cercle = "Nouveau cercle"
        committee.chair_title = "Président de la délégation spéciale"
        committee.name = "CCS renommé"


def test_freeze_stores_pdf_hash_and_header_and_survives_profile_change(sample):
    db, ids = sample
    with pytest.raises(UserError, match="adopté"):
        freeze_adopted_minutes(db, ids["meeting_id"])
    adopt(db, ids)
    doc = freeze_adopted_minutes(db, ids["meeting_id"])
    assert doc.kind == "pv"
    assert doc.sha256 == hashlib.sha256(doc.pdf).hexdigest()
    assert doc.filename == "PV_003_2024_CCSC-ALAFIA.pdf"
    text = flat(pdf_text(doc.pdf))
    assert "PROJET" not in text and "RÉGION DE TOMBOUCTOU" in text
    with db.session() as s:
        header = HeaderData.from_json(s.get(m.Meeting, ids["meeting_id"]).frozen_header)
    assert header.region == "Tombouctou" and header.code == "CCSC-ALAFIA"

    change_profile(db, ids)
    assert minutes_pdf_for_print(db, ids["meeting_id"]) == doc.pdf
    assert stored_minutes(db, ids["meeting_id"]) == doc.pdf
    # a second freeze returns the same document
    again = freeze_adopted_minutes(db, ids["meeting_id"])
    assert again.id == doc.id and again.pdf == doc.pdf
    # a fresh rendering still uses the frozen header, not the new profile
    fresh = flat(pdf_text(render_minutes(db, ids["meeting_id"])))
    assert "RÉGION DE TOMBOUCTOU" in fresh and "NOUVELLE RÉGION" not in fresh
    assert "Maire de la Commune rurale d'Alafia" in fresh


def test_unfrozen_meeting_uses_current_profile(sample):
    db, ids = sample
    change_profile(db, ids)
    text = flat(pdf_text(render_minutes(db, ids["meeting_id"])))
    assert "RÉGION DE NOUVELLE RÉGION" in text
    assert "Président de la délégation spéciale" in text


def test_altered_stored_pdf_is_refused(sample):
    db, ids = sample
    adopt(db, ids)
    doc = freeze_adopted_minutes(db, ids["meeting_id"])
    with db.session() as s:
        s.get(m.StoredDocument, doc.id).pdf = doc.pdf.replace(b"Alafia", b"Alafio", 1)
    with pytest.raises(UserError, match="altéré"):
        minutes_pdf_for_print(db, ids["meeting_id"])


def test_amendments_print_as_their_own_pages_after_the_frozen_pv(sample):
    from pypdf import PdfReader

    db, ids = sample
    adopt(db, ids)
    doc = freeze_adopted_minutes(db, ids["meeting_id"])
    pv_pages = len(PdfReader(io.BytesIO(doc.pdf)).pages)
    with db.session() as s:
        amendment = m.Amendment(committee_id=ids["committee_id"], meeting_id=ids["meeting_id"],
                                date=dt.date(2024, 6, 7), reason="Erreur de nom",
                                text="Lire « Aminata MAÏGA » au lieu de « Aminata MAIGA ».",
                                adopted_at_meeting_id=ids["previous_id"])
        s.add(amendment)
        s.flush()
        amendment_id = amendment.id
    single = flat(pdf_text(render_amendment(db, amendment_id)))
    # issue 14: numbered, dated, signed, with its ampliations and its adoption
    assert ("RECTIFICATIF N°1 AU PV N°003/2024/CCSC-ALAFIA DE LA RÉUNION ORDINAIRE DU "
            "12 AVRIL 2024") in single
    assert "Fait à Alafia, le 7 juin 2024." in single
    assert "Ampliations" in single and "Secrétaire de séance" in single
    assert "Rectificatif adopté en séance du 8 mars 2024." in single
    assert "Rectificatif N°1 au PV N°003/2024/CCSC-ALAFIA" in single  # footer
    assert "Lire « Aminata MAÏGA » au lieu de « Aminata MAIGA »." in single
    assert "PROJET" not in single

    stored = freeze_amendment(db, amendment_id)
    assert stored.kind == "amendment" and stored.amendment_id == amendment_id
    printed = minutes_pdf_for_print(db, ids["meeting_id"])
    pages = pdf_pages(printed)
    assert len(pages) == pv_pages + 1
    assert "RECTIFICATIF" in pages[-1] and "Page 1 sur 1" in pages[-1]
    assert all("RECTIFICATIF" not in p for p in pages[:-1])
    # the PV pages are exactly the frozen ones
    frozen_text = pdf_pages(doc.pdf)
    assert pages[:pv_pages] == frozen_text


def test_a_pv_whose_freezing_failed_is_frozen_before_printing(sample, monkeypatch):
    from ccs_desktop.services import documents
    from ccs_desktop.services.documents import archive
    from ccs_desktop.services.hub import Services

    db, ids = sample
    sv = Services(db)
    meeting_id = ids["meeting_id"]
    monkeypatch.setattr(archive, "freeze_adopted_minutes",
                        lambda *a, **k: (_ for _ in ()).throw(RuntimeError("panne")))
    monkeypatch.setattr(documents, "freeze_adopted_minutes", archive.freeze_adopted_minutes)
    meeting = sv.meetings.get(meeting_id)
    if meeting.status != "held":
        sv.meetings.mark_held(meeting_id)
    sv.meetings.adopt(meeting_id, None, adopted_on="2030-01-01")  # the freeze fails: logged
    assert archive.stored_minutes(db, meeting_id) is None
    monkeypatch.undo()
    pdf = archive.minutes_pdf_for_print(db, meeting_id)
    assert archive.stored_minutes(db, meeting_id) == pdf


def test_adoption_line_under_the_signatures_with_its_rectificatif(sample):
    db, ids = sample
    with db.session() as s:
        meeting = s.get(m.Meeting, ids["meeting_id"])
        later = m.Meeting(committee_id=meeting.committee_id, number=4, year=2024,
                          date=dt.date(2024, 5, 10), status="held")
        s.add(later)
        s.flush()
        meeting.status = "adopted"
        meeting.adopted_by_meeting_id = later.id
        meeting.adopted_on = dt.date(2024, 5, 10)
        meeting.adopted_with_amendments = True
        s.add(m.Amendment(committee_id=meeting.committee_id, meeting_id=meeting.id,
                          date=dt.date(2024, 5, 10), reason="Erreur", text="Lire 13 h 30."))
    text = flat(pdf_text(render_minutes(db, ids["meeting_id"])))
    line = ("Procès-verbal adopté en séance du 10 mai 2024 avec amendements, voir "
            "rectificatif N°1.")
    assert line in text
    assert "le 10 mai 2024 le" not in text and "en séance de la réunion" not in text
    # after the signatures, before the ampliations
    assert text.index("Bakary TRAORÉ", text.index("Fait à")) < text.index(line) \
        < text.index("Ampliations")
    with db.session() as s:
        amendment_id = s.query(m.Amendment.id).scalar()
    # written for that adoption: adopted in that séance, no PROJET
    single = flat(pdf_text(render_amendment(db, amendment_id)))
    assert "PROJET" not in single and "Rectificatif adopté en séance du 10 mai 2024." in single


def test_one_function_names_a_meeting_s_files_everywhere(sample, tmp_path, monkeypatch):
    """The archive, `ccs convocation` and the documents window name a meeting's files by
    documents.names (issue 14): « Convocations_003_2024_CCSC-ALAFIA.pdf »."""
    from ccs_desktop import cli
    from ccs_desktop.services.documents.names import meeting_file_name

    db, _ids = sample
    assert meeting_file_name("convocation", 3, 2024, "CCSC-ALAFIA") == \
        "Convocations_003_2024_CCSC-ALAFIA.pdf"
    assert meeting_file_name("minutes", 12, 2026, "") == "PV_012_2026.pdf"
    assert meeting_file_name("attendance", 1, 2025, "CCS/É T") == \
        "Liste_de_presence_001_2025_CCS-É_T.pdf"
    monkeypatch.chdir(tmp_path)
    assert cli.main(["convocation", "3/2024", "--data-dir", str(db.data_dir)]) == 0
    assert (tmp_path / "Convocations_003_2024_CCSC-ALAFIA.pdf").is_file()
