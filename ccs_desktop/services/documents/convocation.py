"""Convocations: one page per active member, ready to sign, then the receipt list
(décharge) that members sign when they receive theirs."""

from __future__ import annotations

from reportlab.lib.units import cm
from reportlab.platypus import Flowable, PageBreak, Spacer, Table, TableStyle

from .data import MeetingData, PersonRow, load_meeting
from .layout import (
    FONT_CMD,
    FRAME_WIDTH,
    PageMarks,
    Paragraph,
    build_pdf,
    data_table,
    esc,
    para,
    signature_block,
    state_header,
    styles,
)
from .minutes import chair_title_lines
from .words import date_text, hour_text, in_place


def render_convocation(db, meeting_id: int) -> bytes:  # noqa: ANN001 (db.engine.Database)
    """Convocations of every active member and the receipt list, as PDF bytes."""
    with db.session() as session:
        data = load_meeting(session, meeting_id, members=True)
    return convocation_pdf(data)


def convocation_pdf(data: MeetingData) -> bytes:
    marks = PageMarks(demo=data.header.is_demo,
                      reference=f"Convocation – réunion du {date_text(data.date)}")
    story: list[Flowable] = []
    for person in data.members or [None]:
        story += convocation_page(data, person)
        story.append(PageBreak())
    story += receipt_list(data)
    return build_pdf(story, title=f"Convocations – réunion du {date_text(data.date)}",
                     marks=marks)


def _when_where(data: MeetingData) -> str:
    text = f"le {date_text(data.date, weekday=True)}"
    if data.start_time:
        text += f" à {hour_text(data.start_time)}"
    if data.place:
        text += f" {in_place(data.place)}"
    return text


def convocation_page(data: MeetingData, person: PersonRow | None) -> list[Flowable]:
    st = styles()
    h = data.header
    place = h.place
    dated = (f"{place}, le {date_text(data.convocation_date)}" if data.convocation_date
             else f"{place}, le ……………………")
    sender = "<br/>".join(esc(line) for line in chair_title_lines(data))
    code = f"/{h.code}" if h.code else ""
    if person is not None:
        to = f"À {esc(person.civil_name)}"
        if person.structure:
            to += f"<br/>{esc(person.structure)}"
        salutation = "Madame," if person.sex == "F" else "Monsieur,"
    else:
        to = "À ……………………………………………"
        salutation = "Madame, Monsieur,"
    top = Table(
        [[Paragraph(f"N° ………………{esc(code)}", st.body_left), Paragraph(esc(dated), st.right)],
         ["", ""],
         [Paragraph(sender, st.signature), Paragraph(to, st.body_left)]],
        colWidths=[FRAME_WIDTH * 0.5, FRAME_WIDTH * 0.5], rowHeights=[None, 0.6 * cm, None])
    top.setStyle(TableStyle([FONT_CMD, ("VALIGN", (0, 0), (-1, -1), "TOP"),
                             ("LEFTPADDING", (0, 0), (0, -1), 0),
                             ("LEFTPADDING", (1, 2), (1, 2), 1.5 * cm),
                             ("RIGHTPADDING", (0, 0), (-1, -1), 0)]))

    kind = data.kind_word
    story: list[Flowable] = [
        state_header(h), Spacer(1, 12), top, Spacer(1, 16),
        Paragraph(f"<b>Objet</b> : convocation à la réunion {kind} du Comité consultatif "
                  f"de sécurité", st.body_left),
        Spacer(1, 8),
        para(salutation, st.body_left),
        para(f"J'ai l'honneur de vous inviter à la réunion {kind} du {h.committee_words}, "
             f"qui se tiendra {_when_where(data)}.", st.body),
    ]
    if data.agenda:
        story.append(para("L'ordre du jour est le suivant :", st.body))
        for item in data.agenda:
            story.append(Paragraph(esc(item.title), st.list_item,
                                   bulletText=f"{item.position}."))
    story += [
        Spacer(1, 4),
        para("Compte tenu de l'importance des points inscrits à l'ordre du jour, votre "
             "présence effective est vivement souhaitée.", st.body),
        para(f"Veuillez agréer, {salutation[:-1]}, l'expression de ma considération "
             "distinguée.", st.body),
        Spacer(1, 10),
        signature_block([], "", chair_title_lines(data),
                        data.chair.full_name if data.chair else "", stamp_room=3.2 * cm),
    ]
    return story


def receipt_list(data: MeetingData) -> list[Flowable]:
    """Décharge: members sign to acknowledge their convocation."""
    st = styles()
    widths = [1.0 * cm, 5.2 * cm, 5.0 * cm, 2.6 * cm, FRAME_WIDTH - 13.8 * cm]
    rows = [[str(i), p.display_name, p.structure, "", ""]
            for i, p in enumerate(data.members, start=1)]
    rows += [[str(len(rows) + i), "", "", "", ""] for i in range(1, 4)]
    return [
        state_header(data.header), Spacer(1, 10),
        Paragraph("DÉCHARGE DES CONVOCATIONS", st.title),
        para(f"Réunion {data.kind_word} du {data.header.committee_words}, "
             f"{_when_where(data)}.", st.body),
        data_table(["N°", "Prénom(s) NOM", "Structure / Fonction", "Date de réception",
                    "Signature"], rows, widths, center_cols=(0,), min_row_height=0.95 * cm),
    ]
