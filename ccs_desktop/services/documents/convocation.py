"""Convocations: one page per active member, ready to sign, then the receipt list
(décharge) that members sign when they receive theirs."""

from __future__ import annotations

from reportlab.lib.units import cm
from reportlab.platypus import Flowable, KeepInFrame, PageBreak, Spacer, Table, TableStyle

from .data import MeetingData, PersonRow, load_meeting
from .layout import (
    FONT_CMD,
    FRAME_HEIGHT,
    FRAME_WIDTH,
    NewNumbering,
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
from .minutes import chair_title_lines, convened_because
from .words import date_text, elides, hour_text, in_place


def render_convocation(db, meeting_id: int) -> bytes:  # noqa: ANN001 (db.engine.Database)
    """Convocations of every active member and the receipt list, as PDF bytes."""
    with db.session() as session:
        data = load_meeting(session, meeting_id, members=True)
    return convocation_pdf(data)


def recipients(data: MeetingData) -> list[PersonRow]:
    """Every active member but the chair, who signs the convocations."""
    chair_id = data.chair.id if data.chair is not None else None
    return [p for p in data.members if not (chair_id and p.id == chair_id)]


def convocation_pdf(data: MeetingData) -> bytes:
    marks = PageMarks(demo=data.header.is_demo,
                      reference=f"Convocation – réunion du {date_text(data.date)}")
    story: list[Flowable] = []
    for person in recipients(data) or [None]:
        # each letter stands alone: its own "Page 1 sur 1", shrunk to one page if long
        story += [NewNumbering(), KeepInFrame(FRAME_WIDTH, FRAME_HEIGHT,
                                              convocation_page(data, person), mode="shrink"),
                  PageBreak()]
    story.append(NewNumbering())
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


def _because(data: MeetingData) -> str:
    """" Cette réunion est convoquée à la demande du Préfet." for an extraordinary meeting
    with its reason."""
    if data.kind == "extraordinary" and data.extraordinary_reason:
        return f" Cette réunion est {convened_because(data.extraordinary_reason)}."
    return ""


# Titles written with their article in an address: "À l'Imam …", "À l'Adjudant-chef …".
_TITLES_WITH_ARTICLE = {"imam", "adjudant", "adjudant-chef", "sergent", "sergent-chef",
                        "caporal", "lieutenant", "capitaine", "commandant", "colonel",
                        "général", "chef", "docteur", "professeur"}


def addressee(person: PersonRow) -> tuple[str, str, bool]:
    """(address line, salutation, is_authority): an administrative authority by function
    ("À Madame la Sous-préfète"), anyone else by name with title or rank kept."""
    madam = person.sex == "F"
    salutation = "Madame," if madam else "Monsieur,"
    if person.category == "admin" and person.function:
        function = person.function[0].upper() + person.function[1:]
        lead = "Madame" if madam else "Monsieur"
        art = "l'" if elides(function) else ("la " if madam else "le ")
        return f"À {lead} {art}{function}", f"{lead} {art}{function},", True
    if person.title:
        title = person.title
        if title.lower() in _TITLES_WITH_ARTICLE:
            art = "l'" if elides(title) else ("la " if madam else "le ")
            return f"À {art}{title} {person.full_name}", salutation, False
        return f"À {title} {person.full_name}", salutation, False
    return f"À {person.civil_name}", salutation, False


def convocation_page(data: MeetingData, person: PersonRow | None) -> list[Flowable]:
    st = styles()
    h = data.header
    place = h.place
    dated = (f"{place}, le {date_text(data.convocation_date)}" if data.convocation_date
             else f"{place}, le ……………………")
    sender = "<br/>".join(esc(line) for line in chair_title_lines(data))
    year = (data.convocation_date or data.date).year
    number = f"N° ………/{year}/{h.code}" if h.code else f"N° ………/{year}"
    authority = False
    if person is not None:
        line, salutation, authority = addressee(person)
        to = esc(line)
        detail = person.organisation if authority else person.structure
        if detail:
            to += f"<br/>{esc(detail)}"
    else:
        to = "À ……………………………………………"
        salutation = "Madame, Monsieur,"
    top = Table(
        [["", Paragraph(esc(dated), st.right)],
         [Paragraph(esc(number), st.body_left), ""],
         ["", ""],
         [Paragraph(sender, st.signature), Paragraph(to, st.body_left)]],
        colWidths=[FRAME_WIDTH * 0.5, FRAME_WIDTH * 0.5],
        rowHeights=[None, None, 0.5 * cm, None])
    top.setStyle(TableStyle([FONT_CMD, ("VALIGN", (0, 0), (-1, -1), "TOP"),
                             ("SPAN", (0, 1), (1, 1)),
                             ("LEFTPADDING", (0, 0), (0, -1), 0),
                             ("LEFTPADDING", (1, 3), (1, 3), 1.5 * cm),
                             ("RIGHTPADDING", (0, 0), (-1, -1), 0)]))

    kind = data.kind_word
    story: list[Flowable] = [
        state_header(h), Spacer(1, 10), top, Spacer(1, 12),
        Paragraph(f"<b>Objet</b> : convocation à la réunion {kind} du Comité consultatif "
                  f"de sécurité du {esc(date_text(data.date))}", st.body_left),
        Spacer(1, 6),
        para(salutation, st.body_left),
        para(f"J'ai l'honneur de vous inviter à la réunion {kind} du {h.committee_words}, "
             f"qui se tiendra {_when_where(data)}.{_because(data)}", st.body),
    ]
    if data.agenda:
        story.append(para("L'ordre du jour est le suivant :", st.intro))
        for item in data.agenda:
            story.append(Paragraph(esc(item.title), st.list_item,
                                   bulletText=f"{item.position}."))
        story.append(Spacer(1, 4))
        story.append(para("Compte tenu de l'importance des points inscrits à l'ordre du jour, "
                          "votre présence effective est vivement souhaitée.", st.body))
    else:
        story.append(para("Votre présence effective est vivement souhaitée.", st.body))
    regard = "haute considération" if authority else "considération distinguée"
    story += [
        para(f"Veuillez agréer, {salutation[:-1]}, l'expression de ma {regard}.", st.body),
        Spacer(1, 8),
        signature_block([], "", chair_title_lines(data),
                        data.chair.full_name if data.chair else "", stamp_room=3.0 * cm),
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
