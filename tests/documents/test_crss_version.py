"""What travels to the CRSS (issue 14): when the committee does not share names, the
adopted PVs go as their CRSS version (people by code and function); the signed original
stays on the PC."""

from __future__ import annotations

import dataclasses
import datetime as dt
import sys
from pathlib import Path

from pdftext import flat, pdf_text

from ccs_desktop.db import models as m
from ccs_desktop.services.documents import freeze_adopted_minutes
from ccs_desktop.services.documents.crss_version import CRSS_MARK, crss_minutes_pdf, \
    coded_meeting
from ccs_desktop.services.documents.data import load_meeting
from ccs_desktop.services.exchange import snapshot as sn

sys.path.insert(0, str(Path(__file__).parents[1]))
import rawdb  # noqa: E402

NAMES = ("Bakary", "TRAORÉ", "Aminata", "MAÏGA", "CISSÉ", "Œuvré", "Éloïse", "Oumar")


def _adopt(db, ids, *, share_names: bool) -> None:
    with db.session() as s:
        meeting = s.get(m.Meeting, ids["meeting_id"])
        meeting.status = "adopted"
        s.get(m.Committee, ids["committee_id"]).share_names = share_names
        item = meeting.agenda_items[0]
        item.discussion += "\nM. Bakary Traoré a remercié Mme Aminata Maïga."
    freeze_adopted_minutes(db, ids["meeting_id"])


def _travelling_pdf(db, ids, tmp_path) -> bytes:
    with db.session() as s:
        own = s.get(m.Committee, ids["committee_id"]).uuid
    path = db.data_dir / "ccs.sqlite3"
    tmp_path.mkdir(parents=True, exist_ok=True)
    snap = tmp_path / "snap.sqlite3"
    sn.make_snapshot(path, snap, transmission=True, own_uuid=own, key=rawdb.key_for(path))
    conn = rawdb.connect(snap, rawdb.key_for(path))
    try:
        rows = conn.execute("SELECT kind, pdf, sha256 FROM stored_documents").fetchall()
    finally:
        conn.close()
    assert [r[0] for r in rows] == ["pv"]
    import hashlib

    assert hashlib.sha256(rows[0][1]).hexdigest() == rows[0][2]
    return rows[0][1]


def test_without_shared_names_the_crss_gets_codes_and_functions(sample, tmp_path):
    db, ids = sample
    _adopt(db, ids, share_names=False)
    text = flat(pdf_text(_travelling_pdf(db, ids, tmp_path)))
    for name in NAMES:
        assert name not in text, name
    assert CRSS_MARK.replace("'", "'") in text.replace("’", "'")
    assert sn.PSEUDONYM_CODE.search(text)
    assert "Maire" in text and "Présidente" in text  # functions kept
    assert "Étaient présents : 8 membres" in text  # counts by sex and youth kept
    # the frozen original with every name stays on the PC, unchanged
    with db.session() as s:
        original = s.query(m.StoredDocument).one().pdf
    assert "Bakary TRAORÉ" in flat(pdf_text(original))


def test_with_shared_names_the_original_travels(sample, tmp_path):
    db, ids = sample
    _adopt(db, ids, share_names=True)
    text = flat(pdf_text(_travelling_pdf(db, ids, tmp_path)))
    assert "Bakary TRAORÉ" in text and "CRSS —" not in text


def test_crss_rendering_by_code_and_function(shared_sample):
    db, ids = shared_sample
    with db.session() as s:
        data = load_meeting(s, ids["meeting_id"])
    data = dataclasses.replace(data, status="adopted")
    coded = coded_meeting(data, lambda u: "P-" + u[:4].upper() + "-CODE", lambda t: t)
    text = flat(pdf_text(crss_minutes_pdf(coded)))
    assert "CODE" in text and "Bakary TRAORÉ" not in text
    assert "Version pour le CRSS" in text


def test_the_crss_version_is_the_same_bytes_at_every_transmission(sample, tmp_path):
    db, ids = sample
    _adopt(db, ids, share_names=False)
    with db.session() as s:  # the committee's pseudonym secret, kept from one file to the next
        s.add(m.Setting(key=sn.PSEUDONYM_SETTING, value="ab" * 32))
    first = _travelling_pdf(db, ids, tmp_path / "a")
    second = _travelling_pdf(db, ids, tmp_path / "b")
    assert first == second
    from pypdf import PdfReader
    import io

    created = PdfReader(io.BytesIO(first)).metadata.creation_date
    assert created.year == dt.date.today().year  # the original's archiving, not 2000
