"""The recovery key sheet: one page, printed at set-up, kept sealed at the mairie.

The recovery key unlocks the encrypted database and resets an administrator's password when
every password is forgotten (db/keyfile.py). The sheet says, in French (documents are French
by design), what the key is for, where to keep it and where never to put it; the key is
printed large, in a monospaced font, in its nine groups, as it is typed back.
"""

from __future__ import annotations

import datetime as dt

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm
from reportlab.platypus import Flowable, Paragraph, Spacer, Table, TableStyle

from . import fonts
from .header import HeaderData
from .layout import FONT_CMD, FRAME_WIDTH, PageMarks, build_pdf, esc, para, state_header, styles
from .words import date_text

KEEP = ("À conserver sous pli scellé à la mairie ; ne jamais la remettre au CRSS ni la "
        "garder sur le PC.")


def recovery_sheet_pdf(key_text: str, header: HeaderData, *,
                       made_on: dt.date | None = None) -> bytes:
    """The one-page PDF of a recovery key (`key_text` as db.keyfile.recovery_text gives it)."""
    made_on = made_on or dt.date.today()
    marks = PageMarks(demo=header.is_demo, restricted=True,
                      reference="Clé de récupération – CCS Desktop")
    return build_pdf(recovery_story(key_text, header, made_on),
                     title="Clé de récupération de la base CCS Desktop", marks=marks)


def recovery_story(key_text: str, header: HeaderData, made_on: dt.date) -> list[Flowable]:
    st = styles()
    big = ParagraphStyle("recovery_key", fontName=fonts.BOLD, fontSize=18, leading=26,
                         alignment=TA_CENTER)
    story: list[Flowable] = [state_header(header), Spacer(1, 0.6 * cm),
                             Paragraph("CLÉ DE RÉCUPÉRATION DE LA BASE DE DONNÉES", st.title)]
    made = f"Clé établie le {date_text(made_on)} par CCS Desktop"
    story.append(para(f"{header.committee_name} – {made.lower()}." if header.committee_name
                      else f"{made}.", st.body))
    story.append(Spacer(1, 0.3 * cm))
    groups = key_text.split("-")
    lines = ["   ".join(groups[i:i + 3]) for i in range(0, len(groups), 3)]
    box = Table([[Paragraph(esc(line), big)] for line in lines], colWidths=[FRAME_WIDTH])
    box.setStyle(TableStyle([FONT_CMD, ("BOX", (0, 0), (-1, -1), 1.5, colors.black),
                             ("TOPPADDING", (0, 0), (-1, -1), 6),
                             ("BOTTOMPADDING", (0, 0), (-1, -1), 6)]))
    story += [box, Spacer(1, 0.5 * cm)]
    story.append(Paragraph(esc(KEEP), st.banner))
    story.append(Spacer(1, 0.4 * cm))
    story.append(Paragraph("À quoi sert cette clé", st.heading))
    for text in (
        "Elle ouvre la base de données chiffrée du comité et permet de redonner un mot de "
        "passe à un administrateur lorsque tous les mots de passe sont oubliés "
        "(menu « Compte » ou commande « ccs recover »).",
        "Elle ne sert à rien d’autre : personne ne vous la demandera, ni par téléphone, ni "
        "par message, ni en réunion. Ne la communiquez à personne.",
        "Les lettres O, I et L n’y figurent pas : un « 0 » est un zéro, un « 1 » est un un. "
        "Les tirets et les espaces peuvent être omis à la saisie.",
        "Si une nouvelle clé est établie (par un administrateur), celle-ci cesse de "
        "fonctionner : détruisez alors cette feuille.",
    ):
        story.append(Paragraph("• " + esc(text), st.list_item))
    story.append(Spacer(1, 0.8 * cm))
    sign = Table([[Paragraph("Mise sous pli le : ____ / ____ / ________", st.body_left),
                   Paragraph("Par (nom et signature) :", st.body_left)]],
                 colWidths=[FRAME_WIDTH / 2, FRAME_WIDTH / 2])
    sign.setStyle(TableStyle([FONT_CMD]))
    story.append(sign)
    return story
