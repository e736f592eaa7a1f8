"""Freezing an adopted PV: the PDF and its SHA-256 are stored at adoption, so that a reprint
gives the same document even after the profile or the place lists change.

An adopted PV never changes; corrections are amendments, each stored as its own document
(kind "amendment") and printed after the PV.
"""

from __future__ import annotations

import hashlib
import io

from sqlalchemy import select

from ...db import models as m
from ..errors import UserError
from .amendment import amendment_pdf, load_amendment
from .data import get_meeting, load_meeting
from .header import HeaderData
from .minutes import minutes_pdf
from .names import meeting_file_stem


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _stored(session, meeting_id: int, kind: str, amendment_id: int | None = None):  # noqa: ANN001
    query = (select(m.StoredDocument)
             .where(m.StoredDocument.meeting_id == meeting_id, m.StoredDocument.kind == kind,
                    m.StoredDocument.deleted_at.is_(None))
             .order_by(m.StoredDocument.id))
    if amendment_id is not None:
        query = query.where(m.StoredDocument.amendment_id == amendment_id)
    return session.scalars(query).first()


def _checked_pdf(doc: m.StoredDocument) -> bytes:
    pdf = doc.pdf or b""
    if not pdf or sha256(pdf) != doc.sha256:
        raise UserError(f"Le document archivé « {doc.filename} » est altéré : son empreinte "
                        "SHA-256 ne correspond plus. Restaurez une sauvegarde.")
    return pdf


def _file_stem(meeting: m.Meeting, header: HeaderData) -> str:
    return meeting_file_stem("minutes", meeting.number, meeting.year, header.code)


def freeze_adopted_minutes(db, meeting_id: int) -> m.StoredDocument:  # noqa: ANN001
    """Render the adopted PV once and store it with its SHA-256; the header is frozen in
    Meeting.frozen_header. Calling it again returns the stored document unchanged."""
    with db.session() as session:
        meeting = get_meeting(session, meeting_id)
        if meeting.status != "adopted":
            raise UserError("Seul un procès-verbal adopté peut être archivé : la réunion "
                            f"{meeting.number}/{meeting.year} n'est pas adoptée.")
        existing = _stored(session, meeting.id, "pv")
        if existing is not None:
            existing.pdf  # noqa: B018 (load the deferred column before the session closes)
            return existing
        if not meeting.frozen_header:
            committee = session.get(m.Committee, meeting.committee_id)
            meeting.frozen_header = HeaderData.from_committee(committee).to_json()
            session.flush()
        data = load_meeting(session, meeting.id)
        pdf = minutes_pdf(data)
        doc = m.StoredDocument(committee_id=meeting.committee_id, meeting_id=meeting.id,
                               kind="pv", filename=f"{_file_stem(meeting, data.header)}.pdf",
                               sha256=sha256(pdf), pdf=pdf)
        session.add(doc)
        session.flush()
        return doc


def freeze_amendment(db, amendment_id: int) -> m.StoredDocument:  # noqa: ANN001
    """Store an amendment's page (once adopted it no longer changes either)."""
    with db.session() as session:
        data = load_amendment(session, amendment_id)
        amendment = session.get(m.Amendment, amendment_id)
        existing = _stored(session, amendment.meeting_id, "amendment", amendment_id)
        if existing is not None:
            existing.pdf  # noqa: B018
            return existing
        pdf = amendment_pdf(data)
        meeting = session.get(m.Meeting, amendment.meeting_id)
        stem = _file_stem(meeting, data.meeting.header)
        doc = m.StoredDocument(committee_id=amendment.committee_id,
                               meeting_id=amendment.meeting_id, amendment_id=amendment_id,
                               kind="amendment",
                               filename=f"{stem}_amendement_{amendment_id}.pdf",
                               sha256=sha256(pdf), pdf=pdf)
        session.add(doc)
        session.flush()
        return doc


def stored_minutes(db, meeting_id: int) -> bytes | None:  # noqa: ANN001
    """The frozen PV exactly as stored at adoption (checked against its SHA-256), or None."""
    with db.session() as session:
        doc = _stored(session, meeting_id, "pv")
        return _checked_pdf(doc) if doc is not None else None


def minutes_pdf_for_print(db, meeting_id: int) -> bytes:  # noqa: ANN001
    """What to print for a meeting's PV: the frozen PDF of an adopted PV (else a fresh
    rendering), followed by one page per amendment (stored when frozen, else rendered).
    The PV keeps its own "Page X sur Y"; each amendment is numbered on its own."""
    parts: list[bytes] = []
    with db.session() as session:
        meeting = get_meeting(session, meeting_id)
        adopted_unfrozen = (meeting.status == "adopted"
                            and _stored(session, meeting.id, "pv") is None)
    if adopted_unfrozen:  # its freezing failed at adoption: done now, before printing
        freeze_adopted_minutes(db, meeting_id)
    with db.session() as session:
        meeting = get_meeting(session, meeting_id)
        doc = _stored(session, meeting.id, "pv") if meeting.status == "adopted" else None
        if doc is not None:
            parts.append(_checked_pdf(doc))
        else:
            parts.append(minutes_pdf(load_meeting(session, meeting.id)))
        for amendment in meeting.amendments:
            if amendment.deleted_at is not None:
                continue
            stored = _stored(session, meeting.id, "amendment", amendment.id)
            if stored is not None:
                parts.append(_checked_pdf(stored))
            else:
                parts.append(amendment_pdf(load_amendment(session, amendment.id)))
    return parts[0] if len(parts) == 1 else concatenate(parts)


def concatenate(parts: list[bytes]) -> bytes:
    """One PDF from several (pages in order)."""
    from pypdf import PdfWriter

    writer = PdfWriter()
    for part in parts:
        writer.append(io.BytesIO(part))
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()
