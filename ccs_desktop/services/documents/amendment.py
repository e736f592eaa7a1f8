"""An amendment (rectificatif) to an adopted PV, printed as its own page attached to the frozen PV."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from reportlab.platypus import Flowable, Spacer

from ...db import models as m
from ..errors import NotFound
from .data import MeetingData, load_meeting
from .layout import (
    PageMarks, Paragraph, build_pdf, esc, para, paragraphs, state_header, styles,
)
from .minutes import closing_block, signatures_and_ampliations, take_last
from .words import date_text


@dataclass(frozen=True)
class AmendmentData:
    id: int
    number: int                  # N°1, N°2… among the PV's amendments, by date
    date: dt.date
    reason: str
    text: str
    adopted_at: dt.date | None
    meeting: MeetingData

    @property
    def reference(self) -> str:
        """"Rectificatif N°1 au PV N°003/2024/CCSC-ALAFIA"."""
        return f"Rectificatif N°{self.number} au {self.meeting.reference}"


def load_amendment(session, amendment_id: int) -> AmendmentData:  # noqa: ANN001
    amendment = session.get(m.Amendment, amendment_id)
    if amendment is None or amendment.deleted_at is not None:
        raise NotFound(f"Amendement introuvable (identifiant {amendment_id}).")
    meeting = load_meeting(session, amendment.meeting_id)
    adopted_at = None
    if amendment.adopted_at_meeting_id:
        at = session.get(m.Meeting, amendment.adopted_at_meeting_id)
        if at is not None and at.deleted_at is None:
            adopted_at = at.date
    elif (meeting.is_adopted and meeting.adopted_with_amendments and meeting.adoption_date
          and amendment.date <= meeting.adoption_date):
        # written before the PV was adopted "avec amendements": adopted in that séance
        adopted_at = meeting.adoption_date
    siblings = [a.id for a in sorted(
        (a for a in amendment.meeting.amendments if a.deleted_at is None),
        key=lambda a: (a.date, a.id))]
    number = siblings.index(amendment.id) + 1 if amendment.id in siblings else 1
    return AmendmentData(id=amendment.id, number=number, date=amendment.date,
                         reason=amendment.reason or "", text=amendment.text or "",
                         adopted_at=adopted_at, meeting=meeting)


def render_amendment(db, amendment_id: int) -> bytes:  # noqa: ANN001 (db.engine.Database)
    """An amendment page as PDF bytes (PROJET until adopted at a meeting)."""
    with db.session() as session:
        data = load_amendment(session, amendment_id)
    return amendment_pdf(data)


def amendment_pdf(data: AmendmentData) -> bytes:
    meeting = data.meeting
    marks = PageMarks(draft=data.adopted_at is None, demo=meeting.header.is_demo,
                      reference=data.reference)
    return build_pdf(amendment_story(data), title=data.reference, marks=marks,
                     subject=meeting.header.committee_words)


def amendment_story(data: AmendmentData) -> list[Flowable]:
    st = styles()
    meeting = data.meeting
    story = [state_header(meeting.header),
             Paragraph(esc(f"RECTIFICATIF N°{data.number}"), st.reference),
             Paragraph(esc(f"AU {meeting.reference.upper()} DE LA RÉUNION "
                           f"{meeting.kind_word.upper()} DU {date_text(meeting.date).upper()}"),
                       st.title)]
    story.append(para(
        f"Le présent rectificatif, daté du {date_text(data.date)}, corrige le procès-verbal de la "
        f"réunion {meeting.kind_word} du {meeting.header.committee_words} tenue le "
        f"{date_text(meeting.date)}.", st.body))
    if data.reason:
        story.append(Paragraph("Motif", st.heading))
        story += paragraphs(data.reason, st.body)
    story.append(Paragraph("Texte du rectificatif", st.heading))
    story += paragraphs(data.text, st.body) or [para("(vide)", st.body)]
    adoption = []
    if data.adopted_at:
        adoption = [Spacer(1, 6), para(f"Rectificatif adopté en séance du "
                                       f"{date_text(data.adopted_at)}.", st.body_left)]
    closing = signatures_and_ampliations(meeting, adoption=adoption, done_on=data.date)
    story.append(closing_block(take_last(story), closing))
    return story
