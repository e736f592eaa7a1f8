"""The relance letter (issue 17): the CRSS writes to the préfet of a cercle, or to the governor
of a region, about the committees whose reports are late or missing, with the official header.
French by design; committees named by their commune and code, no person named."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from reportlab.lib.units import cm
from reportlab.platypus import Flowable, Paragraph, Spacer, Table

from ..crss import reporting
from .layout import FRAME_WIDTH, PageMarks, build_pdf, data_table, header_table, para, \
    signature_block, styles
from .words import date_text, de

CRSS_NAME = "Commissariat à la Réforme du Secteur de la Sécurité"


def crss_header(region: str = "") -> Table:
    """The state header of a CRSS document: PRIMATURE, the Commissariat (and the region a
    regional report covers) on the left, RÉPUBLIQUE DU MALI and its motto on the right."""
    return header_table(["PRIMATURE", CRSS_NAME.upper()]
                        + ([f"Région {de(region)}".upper()] if region else []))


def _rate(rate: float | None) -> str:
    return "–" if rate is None else f"{rate * 100:.0f} %"


def addressee(region: str, cercle: str = "") -> str:
    """« Monsieur le Préfet du Cercle de Goundam » or « Monsieur le Gouverneur de la Région de
    Tombouctou »."""
    if cercle:
        return f"Monsieur le Préfet du Cercle {de(cercle)}"
    return f"Monsieur le Gouverneur de la Région {de(region)}"


def relance_story(rows: Sequence[reporting.Rates], silent: Sequence[reporting.SilentCommittee],
                  *, region: str, cercle: str = "", period_text: str,
                  deadline_days: int, number: str = "", made_on: dt.date) -> list[Flowable]:
    st = styles()
    to = addressee(region, cercle)
    salutation = "Monsieur le Préfet" if cercle else "Monsieur le Gouverneur"
    where = f"du cercle {de(cercle)}" if cercle else f"de la région {de(region)}"
    story: list[Flowable] = [
        crss_header(), Spacer(1, 0.4 * cm),
        para(f"Bamako, le {date_text(made_on)}", st.right),
        para(f"N° {number or '______'}/CRSS", st.body_left), Spacer(1, 0.3 * cm),
        para("Le Commissaire à la Réforme du Secteur de la Sécurité", st.right),
        para(f"à {to}", st.right), Spacer(1, 0.4 * cm),
        Paragraph("<b>Objet :</b> relance – transmission des procès-verbaux des comités "
                  "consultatifs de sécurité", st.body_left), Spacer(1, 0.3 * cm),
        para(f"{salutation},", st.body_left),
        para("Les comités consultatifs de sécurité se réunissent au moins une fois par mois et "
             "transmettent au CRSS le procès-verbal de chaque réunion, ou le constat d'une "
             f"réunion non tenue avec son motif, dans les {deadline_days} jours qui suivent "
             "la fin du mois.", st.body),
        para(f"Sur la période {period_text}, les comités {where} ci-dessous n'ont pas "
             "transmis tous leurs rapports, ou les ont transmis en retard. J'ai l'honneur de "
             "vous demander de bien vouloir les inviter à régulariser la transmission de leurs "
             "procès-verbaux dans les meilleurs délais.", st.body),
    ]
    silent_by = {s.entry_id: s for s in silent}
    table = []
    for r in rows:
        s = silent_by.get(int(r.key)) if r.key.isdigit() else None
        table.append([r.label, f"{r.reported}/{r.expected}", _rate(r.completeness),
                      _rate(r.promptness), str(r.missing),
                      ("aucun" if s and s.last_report is None else
                       (s.last_report if s else "–"))])
    if table:
        w = FRAME_WIDTH
        story.append(data_table(["Comité (commune, code)", "Reçus / attendus", "Complétude",
                                 "Promptitude", "Mois manquants", "Silencieux : dernier mois"],
                                table, [w * .3, w * .13, w * .13, w * .13, w * .13, w * .18],
                                center_cols=(1, 2, 3, 4, 5)))
    story += [Spacer(1, 0.3 * cm),
              para("Le CRSS se tient à la disposition des comités pour tout appui à la tenue "
                   "des réunions et à la transmission des procès-verbaux.", st.body),
              para(f"Je vous prie d'agréer, {salutation}, l'expression de ma haute "
                   "considération.", st.body),
              Spacer(1, 0.4 * cm),
              signature_block([], "", ["Le Commissaire"], "", stamp_room=3 * cm),
              para("Ampliations : Gouverneur de la Région" + f" {de(region)}" +
                   (" ; Préfet du Cercle " + de(cercle) if cercle else "") +
                   " ; Archives CRSS.", st.small)]
    return story


def relance_pdf(db, *, region: str, cercle: str = "", year: int | None = None,  # noqa: ANN001
                start: dt.date | None = None, end: dt.date | None = None,
                period_text: str = "", number: str = "",
                made_on: dt.date | None = None, as_of: dt.date | None = None) -> bytes:
    """The letter for the late committees of a cercle (to its préfet) or of a region (to
    its governor)."""
    conf = reporting.reporting_settings(db)
    kw = {"year": year, "start": start, "end": end, "region": region,
          "cercle": cercle or None, "as_of": as_of}
    rows = reporting.late_committees(db, **kw)
    silent = reporting.silent_committees(db, **kw)
    text = period_text or (str(year) if year else f"du {date_text(start)} au {date_text(end)}")
    story = relance_story(rows, silent, region=region, cercle=cercle, period_text=text,
                          deadline_days=conf.deadline_days, number=number,
                          made_on=made_on or dt.date.today())
    return build_pdf(story, title="Relance – transmission des procès-verbaux des CCS",
                     marks=PageMarks(reference="CRSS – relance des comités"))
