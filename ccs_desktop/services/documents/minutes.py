"""The procès-verbal (PV) of a meeting, and the short note of a meeting not held.

Restricted notes and restricted threats are never loaded here (see annex.py).
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from itertools import groupby

from reportlab.lib import colors
from reportlab.lib.units import cm
from reportlab.platypus import (
    CondPageBreak, Flowable, KeepTogether, Spacer, Table, TableStyle,
)

from ...domain import enums
from ..errors import UserError
from . import fonts
from ...domain.agenda import ADOPTION_ITEM
from .data import AgendaRow, MeetingData, PersonRow, PreviousMinutes, load_meeting
from .layout import (
    FRAME_WIDTH,
    PageMarks,
    Paragraph,
    build_pdf,
    data_table,
    data_table_parts,
    esc,
    para,
    paragraphs,
    signature_block,
    state_header,
    styles,
    text_blocks,
)
from .words import (
    article,
    date_text,
    hour_text,
    in_place,
    opening_date_words,
    president_word,
    with_de,
)



def render_minutes(db, meeting_id: int) -> bytes:  # noqa: ANN001 (db.engine.Database)
    """The PV of a meeting as PDF bytes (marked PROJET unless adopted)."""
    with db.session() as session:
        data = load_meeting(session, meeting_id)
    return minutes_pdf(data)


def check_printable(data: MeetingData) -> None:
    """A PV only for a meeting that took place with members present (French refusal)."""
    label = f"{data.number}/{data.year}"
    if data.status == "planned":
        raise UserError(f"La réunion {label} du {date_text(data.date)} est encore prévue : "
                        "son procès-verbal s'établit une fois la réunion tenue. Indiquez "
                        "qu'elle s'est tenue (ou qu'elle n'a pas pu se tenir) puis imprimez.")
    if data.status == "held" and not data.present:
        raise UserError(f"La réunion {label} du {date_text(data.date)} n'a aucun membre "
                        "présent : saisissez la présence (onglet Présence) avant d'imprimer "
                        "son procès-verbal, ou indiquez qu'elle n'a pas pu se tenir.")
    if data.status == "held" and not data.quorum_reached:
        raise UserError(f"La réunion {label} du {date_text(data.date)} n'a pas atteint le "
                        f"quorum ({len(data.present)} membre{'s' if len(data.present) > 1 else ''}"
                        f" présent{'s' if len(data.present) > 1 else ''} pour "
                        f"{data.quorum_needed} requis) : un procès-verbal ne peut pas dire "
                        "que la séance a été ouverte. Corrigez la présence, ou indiquez "
                        "qu'elle n'a pas pu se tenir (motif : quorum non atteint) pour "
                        "imprimer son procès-verbal de carence.")


def minutes_pdf(data: MeetingData) -> bytes:
    check_printable(data)
    if data.status == "not_held":
        # no séance took place: no PV number, nothing to adopt
        marks = PageMarks(demo=data.header.is_demo)
        return build_pdf(not_held_story(data), title=not_held_title(data).capitalize(),
                         marks=marks, subject=data.header.committee_words)
    marks = PageMarks(draft=not data.is_adopted, demo=data.header.is_demo,
                      reference=data.reference)
    return build_pdf(minutes_story(data), title=f"Procès-verbal – {data.reference}",
                     marks=marks, subject=data.header.committee_words)


# ---------------------------------------------------------------- pieces

def title_block(data: MeetingData, title: str) -> list[Flowable]:
    st = styles()
    return [state_header(data.header),
            Paragraph(esc(data.reference), st.reference),
            Paragraph(esc(title), st.title)]


def pv_title(data: MeetingData) -> str:
    return (f"PROCÈS-VERBAL DE LA RÉUNION {data.kind_word.upper()} DU COMITÉ CONSULTATIF "
            f"DE SÉCURITÉ {data.header.title_place} DU {date_text(data.date).upper()}")


def chair_title_lines(data: MeetingData) -> list[str]:
    """"Le Président du CCS," then the chair's title (Maire de la Commune rurale d'Alafia)."""
    sex = data.chair.sex if data.chair else "H"
    return [f"{article(sex)} {president_word(sex)} du CCS,", data.header.effective_chair_title]


def presiding_sentence(data: MeetingData) -> str:
    """", sous la présidence de M. X, Maire de …" or, the chair being absent,
    ", sous la présidence de M. Y, <fonction>, en l'absence du Président"."""
    chair = data.chair
    if chair is not None and data.chair_present:
        return f", sous la présidence de {chair.civil_name}, {data.header.effective_chair_title}"
    sex = chair.sex if chair else "H"
    absence = f"en l'absence {'de la' if sex == 'F' else 'du'} {president_word(sex)}"
    who = data.presiding
    if who is None:
        return f", {absence}"
    function = f", {who.function}" if who.function else ""
    return f", sous la présidence de {who.civil_name}{function}, {absence}"


def signing_chair(data: MeetingData) -> tuple[list[str], str]:
    """The right-hand signature: the chair, or the member who presided in his absence."""
    if data.chair is not None and data.chair_present:
        return chair_title_lines(data), data.chair.full_name
    if data.presiding is not None:
        who = data.presiding
        lines = [f"{article(who.sex)} {president_word(who.sex)} de séance,"]
        if who.function:
            lines.append(who.function)
        return lines, who.full_name
    return chair_title_lines(data), ""


def secretary_title(data: MeetingData) -> str:
    sex = data.secretary.sex if data.secretary else "H"
    return f"{article(sex)} Secrétaire de séance"


def opening_formula(data: MeetingData) -> str:
    h = data.header
    parts = [opening_date_words(data.date)]
    if data.start_time and data.end_time:
        parts.append(f", de {hour_text(data.start_time)} à {hour_text(data.end_time)}")
    elif data.start_time:
        parts.append(f", à partir de {hour_text(data.start_time)}")
    parts.append(", s'est tenue")
    if data.place:
        parts.append(f" {in_place(data.place)}")
    if data.convened_by or data.convocation_date:
        parts.append(", sur convocation")
        if data.convened_by:
            parts.append(f" {with_de(data.convened_by)}")
        if data.convocation_date:
            parts.append(f" en date du {date_text(data.convocation_date)}")
    parts.append(f", la réunion {data.kind_word} du {h.committee_words}")
    if data.kind == "extraordinary" and data.extraordinary_reason:
        parts.append(f", {convened_because(data.extraordinary_reason)}")
    if data.chair or data.presiding:
        parts.append(presiding_sentence(data))
    parts.append(".")
    text = "".join(parts)
    if data.signing_secretary:
        text += f" Le secrétariat de séance est assuré par {data.secretary.civil_name}."
    return text


# how a typed reason may follow "convoquée" ("à la demande du Préfet", "en raison de …")
_CONNECTORS = ("à ", "a ", "au ", "aux ", "en ", "pour ", "suite ", "sur ", "par ", "afin ",
               "après ", "dans ", "face ", "compte tenu ", "consécutivement ")


def convened_because(reason: str) -> str:
    """"convoquée à la demande du Préfet"; a reason typed without its connector is given
    after "pour le motif suivant"."""
    text = reason.strip().rstrip(".")
    lowered = text[:1].lower() + text[1:]
    if lowered.lower().startswith(_CONNECTORS):
        return f"convoquée {lowered}"
    return f"convoquée pour le motif suivant : {lowered}"


def quorum_sentence(data: MeetingData) -> str:
    """"Le quorum étant atteint, le Président a ouvert la séance à 10 h 00." naming the
    member who presided in the chair's absence."""
    who = data.presides
    if who is None:
        subject = "la séance a été ouverte"
    elif who is data.chair:
        subject = f"{article(who.sex).lower()} {president_word(who.sex)} a ouvert la séance"
    else:
        subject = (f"{who.civil_name}, {president_word(who.sex).lower()} de séance, a ouvert "
                   "la séance")
    when = f" à {hour_text(data.start_time)}" if data.start_time else ""
    return f"Le quorum étant atteint, {subject}{when}."


def closing_formula(data: MeetingData) -> str:
    if data.end_time:
        return (f"L'ordre du jour étant épuisé, la séance a été levée à "
                f"{hour_text(data.end_time)}.")
    return "L'ordre du jour étant épuisé, la séance a été levée."


def names_sentence(people: list[PersonRow]) -> str:
    if not people:
        return "néant."
    return "; ".join(f"{p.civil_name}{f' ({p.structure})' if p.structure else ''}"
                     for p in people) + "."


def category_label(category: str, special_delegation: bool) -> str:
    """The one label that applies: "Élus communaux", or "Délégation spéciale" where one
    replaces the council (never "Élus communaux / Délégation spéciale")."""
    label = enums.Category.french_label_of(category)
    if " / " in label and category == "elus":
        first, second = label.split(" / ", 1)
        return second if special_delegation else first
    return label


def attendance_table(people: list[PersonRow], special: bool = False) -> Flowable:
    """Present members grouped by category: N°, name, structure, sex, youth."""
    widths = [1.0 * cm, 5.6 * cm, FRAME_WIDTH - 10.2 * cm, 1.6 * cm, 2.0 * cm]
    rows: list[list[str]] = []
    groups: list[int] = []
    number = 0
    for category, members in groupby(people, key=lambda p: p.category):
        members = list(members)
        groups.append(len(rows))
        rows.append([f"{category_label(category, special)} ({len(members)})"])
        for p in members:
            number += 1
            rows.append([str(number), p.display_name, p.structure,
                         "F" if p.sex == "F" else "H", "oui" if p.is_youth else "non"])
    return data_table(["N°", "Prénom(s) NOM", "Structure / Fonction", "Sexe", "Jeune"], rows,
                      widths, center_cols=(0, 3, 4), group_rows=groups)


def totals_table(people: list[PersonRow]) -> Flowable:
    """Counts by sex and youth: women and young people are counted across categories."""
    counts = Counter((p.sex, p.is_youth) for p in people)
    men = counts[("H", False)] + counts[("H", True)]
    women = counts[("F", False)] + counts[("F", True)]
    youth = counts[("H", True)] + counts[("F", True)]
    rows = [
        ["Hommes", str(men), str(counts[("H", True)]), str(counts[("H", False)])],
        ["Femmes", str(women), str(counts[("F", True)]), str(counts[("F", False)])],
        ["Total", str(men + women), str(youth), str(men + women - youth)],
    ]
    return data_table(["Présents", "Total", "dont jeunes", "dont non jeunes"], rows,
                      [3.5 * cm, 2.5 * cm, 2.8 * cm, 3.2 * cm], center_cols=(1, 2, 3))


def totals_sentence(people: list[PersonRow]) -> str:
    women = sum(1 for p in people if p.sex == "F")
    youth = sum(1 for p in people if p.is_youth)
    total = len(people)
    share = f" ({round(100 * women / total)} %)" if total else ""
    return (f"Total : {total} présent{'s' if total > 1 else ''}, dont {women} "
            f"femme{'s' if women > 1 else ''}{share}, {total - women} "
            f"homme{'s' if total - women > 1 else ''} et {youth} "
            f"jeune{'s' if youth > 1 else ''}.")


def item_title(data: MeetingData, item: AgendaRow) -> str:
    """The standing item names the PV it adopted: « Lecture et adoption du procès-verbal
    N°002/2026 de la réunion du 9 octobre 2026 »."""
    previous = data.previous_adopted
    if item.title != ADOPTION_ITEM or previous is None:
        return item.title
    return (f"Lecture et adoption du procès-verbal {previous.number} de la réunion du "
            f"{date_text(previous.date)}")


# a typed decision that only says the previous PV is adopted (the editor's own words, in
# French or in English): the adoption data says it, with the PV's number
_ADOPTION_SAID = re.compile(r"^(le procès-verbal|the minutes)\b.*\b(adopté|adopted)\b[^.]*\.?$",
                            re.IGNORECASE)


def _adoption_said(block: str) -> bool:
    """Only that (short, one sentence, no list of amendments after a colon)."""
    return len(block) <= 160 and ":" not in block and bool(_ADOPTION_SAID.match(block))


def adoption_outcome(previous: PreviousMinutes) -> str:
    """"Le procès-verbal N°002/2026 est adopté avec amendements (voir rectificatif N°1)."."""
    text = f"Le procès-verbal {previous.number} est adopté"
    if not previous.with_amendments:
        return text + " sans amendement."
    text += " avec amendements"
    if previous.amendment_numbers:
        word = "rectificatifs" if len(previous.amendment_numbers) > 1 else "rectificatif"
        numbers = ", ".join(f"N°{n}" for n in previous.amendment_numbers)
        text += f" (voir {word} {numbers})"
    return text + "."


def agenda_list(data: MeetingData) -> list[Flowable]:
    st = styles()
    if not data.agenda:
        return [para("L'ordre du jour n'a pas été renseigné.", st.body)]
    flow: list[Flowable] = [para("L'ordre du jour portait sur :", st.intro)]
    for item in data.agenda:
        flow.append(Paragraph(esc(item_title(data, item)), st.list_item,
                              bulletText=f"{item.position}."))
    return flow


def deliberations(data: MeetingData) -> list[Flowable]:
    st = styles()
    flow: list[Flowable] = []
    for item in data.agenda:
        flow.append(Paragraph(f"Point {item.position} : {esc(item_title(data, item))}",
                              st.subheading))
        discussion = paragraphs(item.discussion, st.indented)
        if discussion:
            flow.append(Paragraph("Échanges", st.label))
            flow.extend(discussion)
        if item.title == ADOPTION_ITEM and data.previous_adopted is not None:
            # the outcome from the adoption data, in place of a typed "… est adopté …"
            decisions = [para(adoption_outcome(data.previous_adopted), st.decision)] + [
                para(block, st.decision) for block in text_blocks(item.decisions)
                if not _adoption_said(block)]
        else:
            decisions = paragraphs(item.decisions, st.decision)
        if decisions:
            flow.append(Paragraph("Décisions" if len(decisions) > 1 else "Décision", st.label))
            flow.extend(decisions)
        if not discussion and not decisions:
            flow.append(para("Aucun échange consigné.", st.indented))
    return flow


def table_with_tail(header, rows, widths, **options) -> list[Flowable]:  # noqa: ANN001
    """A table whose last row may go with the closing formula (see take_last)."""
    body, tail = data_table_parts(header, rows, widths, **options)
    if tail is None:  # one row: the whole (small) table may go
        body.keep_with_closing = True
        return [body]
    tail.keep_with_closing = True
    return [body, tail]


def threats_table(threats) -> list[Flowable]:  # noqa: ANN001
    widths = [4.6 * cm, 3.4 * cm, 3.8 * cm, 2.5 * cm, FRAME_WIDTH - 14.3 * cm]
    rows = [[t.title + (f" – {t.description}" if t.description else ""), t.type_label,
             t.place, f"{t.level} ({t.score}/25)", t.trend] for t in threats]
    return table_with_tail(["Menace", "Type", "Lieu", "Niveau", "Tendance"], rows, widths,
                           center_cols=(3, 4))


def vulnerabilities_table(vulns) -> list[Flowable]:  # noqa: ANN001
    widths = [5.0 * cm, 3.8 * cm, FRAME_WIDTH - 8.8 * cm]
    rows = [[v.title, v.place, v.description] for v in vulns]
    return table_with_tail(["Vulnérabilité", "Lieu", "Description"], rows, widths)


def recommendations_table(recs) -> list[Flowable]:  # noqa: ANN001
    widths = [1.0 * cm, FRAME_WIDTH - 11.6 * cm, 3.6 * cm, 3.6 * cm, 3.4 * cm]
    rows = [[str(i), r.text, r.addressee, r.responsible, date_text(r.deadline)]
            for i, r in enumerate(recs, start=1)]
    return table_with_tail(["N°", "Recommandation", "Destinataire", "Responsable du suivi",
                            "Échéance"], rows, widths, center_cols=(0, 4))


def signatures_and_ampliations(data: MeetingData, *, with_secretary: bool = True,
                               adoption: list[Flowable] = (),
                               done_on: dt.date | None = None) -> list[Flowable]:
    st = styles()
    place = data.header.place
    when = date_text(done_on or data.date)
    done = f"Fait à {place}, le {when}." if place else f"Fait le {when}."
    right_title, right_name = signing_chair(data)
    secretary = data.signing_secretary
    if with_secretary:
        signature = signature_block([secretary_title(data)],
                                    secretary.full_name if secretary else "",
                                    right_title, right_name)
    else:
        signature = signature_block([], "", right_title, right_name)
    return [Spacer(1, 8), para(done, st.right), Spacer(1, 6), signature, *adoption,
            Spacer(1, 10), *ampliations_block(data.header)]


def ampliations_block(header) -> list[Flowable]:  # noqa: ANN001 (HeaderData)
    """"Ampliations :" then one line per addressee with its number of copies."""
    st = styles()
    rows = [[Paragraph(f"– {esc(title)}", st.body_left), Paragraph(str(n), st.right)]
            for title, n in header.ampliations()]
    table = Table(rows, colWidths=[11 * cm, 1.2 * cm], hAlign="LEFT")
    table.setStyle(TableStyle([("FONTNAME", (0, 0), (-1, -1), fonts.REGULAR),
                               ("LEFTPADDING", (0, 0), (-1, -1), 8),
                               ("TOPPADDING", (0, 0), (-1, -1), 0),
                               ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
                               ("LINEBELOW", (0, 0), (0, -1), 0.3, colors.grey, 1, (1, 2))]))
    return [Paragraph("<u>Ampliations</u> :", st.body_left), table]


def adoption_line(data: MeetingData) -> list[Flowable]:
    """"Procès-verbal adopté en séance du 10 novembre 2026" (+ "avec amendements, voir
    rectificatif N°1"), under the signatures."""
    if not data.is_adopted:
        return []
    st = styles()
    text = "Procès-verbal adopté"
    if data.adoption_date:
        text += f" en séance du {date_text(data.adoption_date)}"
    if data.adopted_with_amendments:
        text += " avec amendements"
        if data.amendment_numbers:
            numbers = ", ".join(f"N°{n}" for n in data.amendment_numbers)
            word = "rectificatifs" if len(data.amendment_numbers) > 1 else "rectificatif"
            text += f", voir {word} {numbers}"
    return [Spacer(1, 6), para(text + ".", st.body_left)]


def closing_block(last: list[Flowable], closing: list[Flowable]) -> Flowable:
    """The last body paragraph, the closing formula, "Fait à…", the signatures and the
    ampliations on one page: the signatures never stand alone."""
    return KeepTogether([*last, *closing])


# ---------------------------------------------------------------- stories

def minutes_story(data: MeetingData) -> list[Flowable]:
    st = styles()
    story: list[Flowable] = title_block(data, pv_title(data))
    story.append(para(opening_formula(data), st.body))

    total = len(data.present)
    # the sentence announcing a table never alone at a page foot (a big table cannot be
    # kept with it: KeepTogether would push both to the next page)
    story.append(CondPageBreak(3 * cm))
    story.append(Paragraph(
        f"<b>Étaient présents</b> : {total} membre{'s' if total > 1 else ''} "
        "(liste de présence en annexe)", st.body_left))
    if data.present:
        special = "délégation spéciale" in data.header.effective_chair_title.lower()
        story += [attendance_table(data.present, special), Spacer(1, 4),
                  KeepTogether([para(totals_sentence(data.present), st.body_left),
                                totals_table(data.present)]),
                  Spacer(1, 6)]
    if data.guests:
        story.append(Paragraph("<b>Invités</b> : " + esc(names_sentence(data.guests)),
                               st.body))
    story.append(Paragraph("<b>Étaient absents</b> : " + esc(names_sentence(data.absent)),
                           st.body))
    story.append(Paragraph("<b>Étaient excusés</b> : " + esc(names_sentence(data.excused)),
                           st.body))
    if data.quorum_reached:
        story.append(para(quorum_sentence(data), st.body))

    story.append(Paragraph("ORDRE DU JOUR", st.heading))
    story += agenda_list(data)

    if data.agenda:
        story.append(Paragraph("DÉROULEMENT DES TRAVAUX", st.heading))
        story += deliberations(data)

    if data.threats or data.vulnerabilities:
        story.append(CondPageBreak(5 * cm))
        story.append(Paragraph("SITUATION SÉCURITAIRE", st.heading))
    if data.threats:
        story.append(CondPageBreak(4 * cm))
        story.append(Paragraph("Menaces examinées", st.subheading_table))
        story += threats_table(data.threats)
    if data.vulnerabilities:
        story.append(CondPageBreak(4 * cm))
        story.append(Paragraph("Vulnérabilités relevées", st.subheading_table))
        story += vulnerabilities_table(data.vulnerabilities)

    if data.recommendations:
        story.append(CondPageBreak(5 * cm))
        story.append(Paragraph("RECOMMANDATIONS", st.heading))
        story.append(para(f"Le comité a formulé {len(data.recommendations)} "
                          f"recommandation{'s' if len(data.recommendations) > 1 else ''} :",
                          st.body_left))
        story += recommendations_table(data.recommendations)

    closing = [Spacer(1, 10), para(closing_formula(data), st.body),
               *signatures_and_ampliations(data, adoption=adoption_line(data))]
    story.append(closing_block(take_last(story), closing))
    return story


def take_last(story: list[Flowable]) -> list[Flowable]:
    """Remove and return the story's last paragraph (with a heading glued above it), or the
    last row of its last table (a one-row table with its sentence and heading): it goes on
    the signatures' page."""
    last: list[Flowable] = []
    if story and (isinstance(story[-1], Paragraph)
                  or getattr(story[-1], "keep_with_closing", False)):
        moved = story.pop()
        last.insert(0, moved)
        if not isinstance(moved, Paragraph) and story and isinstance(story[-1], Paragraph):
            last.insert(0, story.pop())  # the sentence announcing a one-row table
        while story and isinstance(story[-1], Paragraph) and \
                getattr(story[-1].style, "keepWithNext", 0):
            last.insert(0, story.pop())
    return last


def not_held_title(data: MeetingData) -> str:
    """"NOTE RELATIVE À LA NON-TENUE DE LA RÉUNION ORDINAIRE … PRÉVUE LE 18 MAI 2026", or for
    lack of quorum the "PROCÈS-VERBAL DE CARENCE" of that meeting."""
    if data.not_held_reason == "quorum":
        head = "PROCÈS-VERBAL DE CARENCE DE LA RÉUNION"
    else:
        head = "NOTE RELATIVE À LA NON-TENUE DE LA RÉUNION"
    return (f"{head} {data.kind_word.upper()} DU COMITÉ CONSULTATIF DE SÉCURITÉ "
            f"{data.header.title_place} PRÉVUE LE {date_text(data.date).upper()}")


def not_held_story(data: MeetingData) -> list[Flowable]:
    """A short note (no PV number, no séance): the planned meeting could not be held, and
    why; signed by the chair of the committee."""
    st = styles()
    story: list[Flowable] = [state_header(data.header), Spacer(1, 10),
                             Paragraph(esc(not_held_title(data)), st.title)]
    when = f"le {date_text(data.date)}"
    if data.start_time:
        when += f" à {hour_text(data.start_time)}"
    where = f" {in_place(data.place)}" if data.place else ""
    reason = enums.NotHeldReason.french_label_of(data.not_held_reason) or "non précisée"
    story.append(para(
        f"La réunion {data.kind_word} du {data.header.committee_words}, prévue {when}{where}, "
        f"n'a pas pu se tenir.", st.body))
    story.append(Paragraph(f"<b>Motif</b> : {esc(reason[:1].lower() + reason[1:])}.",
                           st.body_left))
    story += paragraphs(data.not_held_reason_text, st.indented)
    if data.agenda:
        story.append(para("L'ordre du jour prévu portait sur :", st.body))
        for item in data.agenda:
            story.append(Paragraph(esc(item.title), st.list_item,
                                   bulletText=f"{item.position}."))
    if data.postponed_to is not None:
        story.append(para(f"La réunion est reportée au {date_text(data.postponed_to)}. Les "
                          "points inscrits y seront examinés ; les membres en seront informés "
                          "par convocation.", st.body))
    else:
        story.append(para("Les points inscrits seront examinés à la prochaine réunion, dont "
                          "les membres seront informés par convocation.", st.body))
    closing = signatures_and_ampliations(data, with_secretary=False)
    story.append(closing_block(take_last(story), closing))
    return story


__all__ = ["render_minutes", "minutes_pdf"]
