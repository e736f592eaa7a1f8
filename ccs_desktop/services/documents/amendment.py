"""An amendment (rectificatif) to an adopted PV, printed as its own page attached to the frozen PV."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from reportlab.platypus import Flowable, Paragraph, Spacer

from ...db import models as m
from ..errors import NotFound
from .data import MeetingData, load_meeting
from .layout import PageMarks, build_pdf, para, paragraphs, signature_block, styles
from .minutes import chair_title_lines, secretary_title, title_block
from .words import date_text


@dataclass(frozen=True)
class AmendmentData:
    id: int
    date: dt.date
    reason: str
    text: str
    adopted_at: dt.date | None
    meeting: MeetingData


def load_amendment(session, amendment_id: int) -> AmendmentData:  # noqa: ANN001
    amendment = session.get(m.Amendment, amendment_id)
    if amendment is None or amendment.deleted_at is not None:
        raise NotFound(f"Amendement introuvable (identifiant {amendment_id}).")
    adopted_at = None
    if amendment.adopted_at_meeting_id:
        at = session.get(m.Meeting, amendment.adopted_at_meeting_id)
        if at is not None and at.deleted_at is None:
            adopted_at = at.date
    return AmendmentData(id=amendment.id, date=amendment.date, reason=amendment.reason or "",
                         text=amendment.text or "", adopted_at=adopted_at,
                         meeting=load_meeting(session, amendment.meeting_id))


def render_amendment(db, amendment_id: int) -> bytes:  # noqa: ANN001 (db.engine.Database)
    """An amendment page as PDF bytes (PROJET until adopted at a meeting)."""
    with db.session() as session:
        data = load_amendment(session, amendment_id)
    return amendment_pdf(data)


def amendment_pdf(data: AmendmentData) -> bytes:
    meeting = data.meeting
    marks = PageMarks(draft=data.adopted_at is None, demo=meeting.header.is_demo,
                      reference=f"Rectificatif au {meeting.reference}")
    return build_pdf(amendment_story(data), title=f"Rectificatif au {meeting.reference}",
                     marks=marks)


def amendment_story(data: AmendmentData) -> list[Flowable]:
    st = styles()
    meeting = data.meeting
    story = title_block(meeting, f"RECTIFICATIF AU {meeting.reference.upper()}")
    story.append(para(
        f"Le présent rectificatif, daté du {date_text(data.date)}, corrige le procès-verbal de la "
        f"réunion {meeting.kind_word} du {meeting.header.committee_words} tenue le "
        f"{date_text(meeting.date)}.", st.body))
    if data.adopted_at:
        story.append(para(f"Il a été adopté en séance du {date_text(data.adopted_at)}.",
                          st.body))
    if data.reason:
        story.append(Paragraph("Motif", st.heading))
        story += paragraphs(data.reason, st.body)
    story.append(Paragraph("Texte du rectificatif", st.heading))
    story += paragraphs(data.text, st.body) or [para("(vide)", st.body)]
    story += [Spacer(1, 16), signature_block(
        [secretary_title(meeting)], meeting.secretary.full_name if meeting.secretary else "",
        chair_title_lines(meeting), meeting.chair.full_name if meeting.chair else "")]
    return story
