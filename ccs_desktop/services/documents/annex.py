"""The restricted annex of a PV: notes marked DIFFUSION RESTREINTE and restricted threats
(complaints about FDS conduct). Never attached to the PV that circulates."""

from __future__ import annotations

from reportlab.platypus import Flowable, Spacer

from .data import MeetingData, load_meeting
from .layout import PageMarks, Paragraph, build_pdf, esc, para, paragraphs, styles
from .minutes import threats_table, title_block
from .words import date_text


def render_annex(db, meeting_id: int) -> bytes:  # noqa: ANN001 (db.engine.Database)
    """The restricted annex of a meeting as PDF bytes, DIFFUSION RESTREINTE on every page."""
    from ..roles import require

    require(db, "annex.print")
    with db.session() as session:
        data = load_meeting(session, meeting_id, restricted=True)
    return annex_pdf(data)


def annex_pdf(data: MeetingData) -> bytes:
    marks = PageMarks(draft=not data.is_adopted, demo=data.header.is_demo, restricted=True,
                      reference=f"Annexe restreinte – {data.reference}")
    return build_pdf(annex_story(data), title=f"Annexe restreinte – {data.reference}",
                     marks=marks)


def annex_story(data: MeetingData) -> list[Flowable]:
    st = styles()
    story = title_block(data, "ANNEXE À DIFFUSION RESTREINTE")
    story.append(para(
        f"Annexe au {data.reference} (réunion {data.kind_word} du {date_text(data.date)}). "
        "Document à conserver au secrétariat du comité : il ne circule pas avec le "
        "procès-verbal et ne doit pas être transmis.", st.body))
    if not data.restricted_notes and not data.restricted_threats:
        story.append(para("Aucune note à diffusion restreinte pour cette réunion.", st.body))
        return story
    if data.restricted_notes:
        story.append(Paragraph("NOTES À DIFFUSION RESTREINTE", st.heading))
        for i, note in enumerate(data.restricted_notes, start=1):
            story.append(Paragraph(f"Note {i} – {esc(note.context)}", st.subheading))
            story += paragraphs(note.text, st.indented) or [para("(vide)", st.indented)]
    if data.restricted_threats:
        story.append(Paragraph("MENACES À ACCÈS RESTREINT", st.heading))
        story.append(para("Plaintes transmises à l'autorité compétente.", st.body))
        story += threats_table(data.restricted_threats)
    story.append(Spacer(1, 8))
    return story
