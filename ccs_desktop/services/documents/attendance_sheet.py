"""The blank attendance sheet members sign at the meeting, with rows for guests."""

from __future__ import annotations

from reportlab.lib.units import cm
from reportlab.platypus import Flowable, KeepTogether, Spacer

from .data import MeetingData, load_meeting
from .layout import (
    FRAME_WIDTH, PageMarks, Paragraph, build_pdf, data_table, para, signature_block,
    state_header, styles,
)
from .minutes import secretary_title
from .words import date_text, hour_text

GUEST_ROWS = 10


def render_attendance_sheet(db, meeting_id: int, with_phone: bool = False) -> bytes:  # noqa: ANN001
    """The attendance sheet of a meeting as PDF bytes; phone numbers only when asked."""
    from ..roles import require

    require(db, "restricted.read" if with_phone else "print")
    with db.session() as session:
        data = load_meeting(session, meeting_id, members=True)
    return attendance_sheet_pdf(data, with_phone=with_phone)


def attendance_sheet_pdf(data: MeetingData, with_phone: bool = False) -> bytes:
    # members' phone numbers stay on the committee's PC: the sheet that carries them says so
    marks = PageMarks(demo=data.header.is_demo, restricted=with_phone,
                      reference=f"Liste de présence – réunion du {date_text(data.date)}")
    return build_pdf(attendance_story(data, with_phone),
                     title=f"Liste de présence – réunion du {date_text(data.date)}",
                     marks=marks)


def attendance_story(data: MeetingData, with_phone: bool) -> list[Flowable]:
    st = styles()
    when = f"le {date_text(data.date, weekday=True)}"
    if data.start_time:
        when += f" à {hour_text(data.start_time)}"
    where = f", {data.place}" if data.place else ""
    header = ["N°", "Prénom(s) NOM", "Structure / Fonction", "Sexe", "Jeune"]
    if with_phone:
        header.append("Téléphone")
        widths = [0.9, 4.2, 3.8, 1.1, 1.2, 2.4]
    else:
        widths = [0.9, 4.8, 4.6, 1.1, 1.2]
    widths = [w * cm for w in widths]
    header.append("Signature")
    widths.append(FRAME_WIDTH - sum(widths))

    def row_of(number: int, p) -> list[str]:  # noqa: ANN001
        row = [str(number), p.display_name, p.structure, p.sex, "oui" if p.is_youth else "non"]
        if with_phone:
            row.append(p.phone)
        return row + [""]

    rows = [row_of(i, p) for i, p in enumerate(data.members, start=1)]
    groups = [len(rows)]
    rows.append(["Invités et autres participants"])
    # Guests already recorded for this meeting are printed, then blank rows.
    number = len(data.members)
    for p in data.guests:
        number += 1
        rows.append(row_of(number, p))
    for _ in range(GUEST_ROWS):
        number += 1
        rows.append([str(number)] + [""] * (len(header) - 1))
    table = data_table(header, rows, widths, center_cols=(0, 3, 4), group_rows=groups,
                       min_row_height=0.9 * cm)
    return [
        state_header(data.header), Spacer(1, 8),
        Paragraph("LISTE DE PRÉSENCE", st.title),
        para(f"Réunion {data.kind_word} du {data.header.committee_words}, {when}{where}.",
             st.body),
        table, Spacer(1, 12),
        KeepTogether([para("Arrêtée la présente liste à ………… participants.", st.body_left),
                      signature_block([secretary_title(data)], "", [], "",
                                      stamp_room=2.2 * cm)]),
    ]
