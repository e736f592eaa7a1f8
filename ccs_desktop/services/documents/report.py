"""The periodic report (issue 17): a committee's month, quarter or year, or at the CRSS the
nation's or a region's, on paper with the look of the PV (state header, A4, « Page X sur Y »).

Key figures, charts drawn with reportlab.graphics (grey fills told apart by shade and by the
number written on each bar: readable printed in black and white), the meetings with their
attendance, the threat register with what changed in the period, the recommendations and
their follow-up, the activities; at the CRSS the reporting rates (complétude, promptitude,
each with its band in words). The report circulates: nothing restricted, no phone, no name
(of a source or anyone: people are counted, committees named by code at the CRSS), and never
the « DIFFUSION RESTREINTE » mark. French by design, as every document.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Sequence
from pathlib import Path

from reportlab.graphics.charts.barcharts import HorizontalBarChart, VerticalBarChart
from reportlab.graphics.shapes import Drawing, String
from reportlab.lib import colors
from reportlab.lib.units import cm
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer, Table, TableStyle

from ...db import settings
from ...db.engine import Database
from ...domain import enums
from .. import report_data as rd
from ..crss import reporting
from . import fonts
from .header import HeaderData
from .relance import crss_header
from .layout import FONT_CMD, FRAME_WIDTH, PageMarks, build_pdf, data_table, esc, para, \
    state_header, styles
from .words import date_text, de

GREYS = (colors.Color(0.15, 0.15, 0.15), colors.Color(0.45, 0.45, 0.45),
         colors.Color(0.7, 0.7, 0.7), colors.Color(0.9, 0.9, 0.9))
LEVELS = ("critical", "high", "medium", "low")
BAND_WORDS = {"good": "Satisfaisant", "fair": "À améliorer", "poor": "Insuffisant",
              "none": "Rien d'attendu"}


def _pct(part: int, whole: int) -> str:
    return f"{100 * part / whole:.0f} %" if whole else "–"


def _rate(rate: float | None) -> str:
    return "–" if rate is None else f"{rate * 100:.0f} %"


def _d(day: dt.date | None) -> str:
    return f"{day:%d/%m/%Y}" if day else ""


# --------------------------------------------------------------------------- charts

def _bar_chart(title: str, labels: Sequence[str], series: Sequence[Sequence[float]],
               names: Sequence[str] = (), *, horizontal: bool = False, percent: bool = False,
               height: float = 5.2 * cm) -> Drawing:
    """Bars in greys (one shade per series, the value written on each bar), a title and,
    for several series, a legend in words."""
    width = FRAME_WIDTH
    d = Drawing(width, height)
    d.add(String(0, height - 12, title, fontName=fonts.BOLD, fontSize=9.5))
    chart = HorizontalBarChart() if horizontal else VerticalBarChart()
    left = 4.2 * cm if horizontal else 1.2 * cm
    chart.x, chart.y = left, 0.9 * cm
    chart.width, chart.height = width - left - 0.6 * cm, height - 1.9 * cm
    chart.data = [list(s) or [0] for s in series] or [[0]]
    top = max([v for s in chart.data for v in s] + [1])
    chart.valueAxis.valueMin = 0
    chart.valueAxis.valueMax = 100 if percent else top * 1.15 + 0.5
    chart.valueAxis.valueStep = 20 if percent else max(1, -(-int(top) // 5))
    chart.valueAxis.labels.fontName = fonts.REGULAR
    chart.valueAxis.labels.fontSize = 7
    chart.categoryAxis.categoryNames = list(labels) or [""]
    chart.categoryAxis.labels.fontName = fonts.REGULAR
    chart.categoryAxis.labels.fontSize = 7
    if not horizontal and len(labels) > 8:
        chart.categoryAxis.labels.angle = 30
        chart.categoryAxis.labels.boxAnchor = "ne"
    chart.barLabels.fontName = fonts.BOLD
    chart.barLabels.fontSize = 6.5
    chart.barLabelFormat = (lambda v: f"{v:.0f} %") if percent else "%d"
    chart.barLabels.nudge = 6
    for i in range(len(chart.data)):
        chart.bars[i].fillColor = GREYS[(i * 2 if len(chart.data) == 2 else i) % 4]
        chart.bars[i].strokeColor = colors.black
        chart.bars[i].strokeWidth = 0.4
    d.add(chart)
    for i, name in enumerate(names):  # the legend, in words and shades
        x = width - (len(names) - i) * 4.2 * cm
        from reportlab.graphics.shapes import Rect

        d.add(Rect(x, height - 12, 8, 8, fillColor=chart.bars[i].fillColor,
                   strokeColor=colors.black, strokeWidth=0.4))
        d.add(String(x + 11, height - 11, name, fontName=fonts.REGULAR, fontSize=8))
    return d


# --------------------------------------------------------------------------- sections

def _figures_table(rows: Sequence[tuple[str, str]]) -> Table:
    st = styles()
    data = [[Paragraph(esc(a), st.cell), Paragraph(esc(b), st.cell_center)] for a, b in rows]
    t = Table(data, colWidths=[FRAME_WIDTH * 0.68, FRAME_WIDTH * 0.32], hAlign="LEFT")
    t.setStyle(TableStyle([FONT_CMD, ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
                           ("VALIGN", (0, 0), (-1, -1), "MIDDLE")]))
    return t


def _key_figures(k: rd.KeyFigures, crss: bool) -> list[Flowable]:
    st = styles()
    statutory = k.months * max(k.committees, 1) if crss else k.months
    reasons = ", ".join(f"{enums.NotHeldReason.french_label_of(r) or 'sans motif'} : {n}"
                        for r, n in sorted(k.not_held_reasons.items()))
    rows = [
        ("Comités couverts" if crss else "Mois de la période",
         str(k.committees) if crss else str(k.months)),
        ("Réunions tenues", str(k.held)),
        ("Mois avec une réunion tenue / mois attendus (rythme mensuel statutaire)",
         f"{k.months_with_meeting} / {statutory} ({_pct(k.months_with_meeting, statutory)})"),
        ("Réunions non tenues" + (f" ({reasons})" if reasons else ""), str(k.not_held)),
        ("Participation moyenne (présents par réunion tenue)",
         "–" if k.attendance_avg is None else f"{k.attendance_avg:.1f}".replace(".", ",")),
        ("Membres actifs : femmes (objectif 30 %, loi 2015-052)",
         f"{k.members_women} / {k.members} ({_pct(k.members_women, k.members)})"),
        ("Membres actifs : jeunes", f"{k.members_youth} / {k.members} "
                                    f"({_pct(k.members_youth, k.members)})"),
        ("Présences : femmes", f"{k.attendees_women} / {k.attendees} "
                               f"({_pct(k.attendees_women, k.attendees)})"),
        ("Présences : jeunes", f"{k.attendees_youth} / {k.attendees} "
                               f"({_pct(k.attendees_youth, k.attendees)})"),
        ("Présences des FDS par corps", ", ".join(
            f"{enums.FdsCorps.french_label_of(c) or 'non précisé'} : {n}"
            for c, n in sorted(k.fds_by_corps.items())) or "aucune"),
        ("Menaces actives par niveau", ", ".join(
            f"{enums.RiskLevel.french_label_of(lv)} : {k.threats_by_level.get(lv, 0)}"
            for lv in LEVELS)),
        ("Recommandations formulées dans la période", str(k.recs_total)),
        ("… dont en cours / mises en œuvre", f"{k.recs_open} / {k.recs_implemented}"),
        ("… dont en retard (non closes, échéance dépassée à la fin de la période)",
         str(k.recs_overdue)),
        ("Activités menées", str(k.activities)),
        ("Personnes touchées : hommes, femmes, jeunes hommes, jeunes femmes",
         " / ".join(str(n) for n in k.reached)),
    ]
    if k.median_days_by_addressee:
        rows.append(("Délai médian de la formulation à la mise en œuvre, par destinataire",
                     "; ".join(f"{a or 'non précisé'} : {d:.0f} j"
                               for a, d in list(k.median_days_by_addressee.items())[:6])))
    return [Paragraph("1. Chiffres clés", st.heading), _figures_table(rows)]


def _charts(k: rd.KeyFigures, meetings: list[rd.MeetingLine],
            groups: list[rd.GroupLine], crss: bool, region: bool) -> list[Flowable]:
    st = styles()
    out: list[Flowable] = [Paragraph("2. Graphiques", st.heading)]
    out.append(_bar_chart("Menaces actives par niveau",
                          [enums.RiskLevel.french_label_of(lv) for lv in LEVELS],
                          [[k.threats_by_level.get(lv, 0) for lv in LEVELS]]))
    statuses = [s.value for s in enums.RecommendationStatus]
    out.append(_bar_chart("Recommandations de la période par statut",
                          [enums.RecommendationStatus.french_label_of(s) for s in statuses],
                          [[k.recs_by_status.get(s, 0) for s in statuses]], horizontal=True,
                          height=6 * cm))
    if crss:
        labels = [g.name for g in groups][:20]
        men = [g.present - g.women for g in groups][:20]
        women = [g.women for g in groups][:20]
        title = "Présences par sexe, par " + ("comité" if region else "région")
    else:
        held = [mt for mt in meetings if mt.status in ("held", "adopted")][-14:]
        labels = [f"{mt.date:%d/%m}" for mt in held]
        men = [mt.present - mt.women for mt in held]
        women = [mt.women for mt in held]
        title = "Présences par sexe à chaque réunion tenue"
    out.append(_bar_chart(title, labels, [men, women], ["Hommes", "Femmes"]))
    return out


def _meetings_section(meetings: list[rd.MeetingLine], groups: list[rd.GroupLine],
                      crss: bool, region: bool) -> list[Flowable]:
    st = styles()
    out: list[Flowable] = [Paragraph("3. Réunions et participation", st.heading)]
    if crss:
        head = ["Comité" if region else "Région", "Comités", "Tenues", "Non tenues",
                "Présents", "dont femmes", "dont jeunes"]
        rows = [[g.name, str(g.committees), str(g.held), str(g.not_held), str(g.present),
                 f"{g.women} ({_pct(g.women, g.present)})",
                 f"{g.youth} ({_pct(g.youth, g.present)})"] for g in groups]
        w = FRAME_WIDTH / 7
        out.append(data_table(head, rows, [w * 1.6] + [w * 0.9] * 6,
                              center_cols=range(1, 7)))
        return out
    if not meetings:
        return [*out, para("Aucune réunion dans la période.", st.body)]
    rows = []
    for mt in meetings:
        status = enums.MeetingStatus.french_label_of(mt.status)
        if mt.status == "not_held" and mt.not_held_reason:
            status += f" ({enums.NotHeldReason.french_label_of(mt.not_held_reason).lower()})"
        rows.append([_d(mt.date), mt.reference or "–", enums.MeetingKind.french_label_of(
            mt.kind), status, str(mt.present), str(mt.women), str(mt.youth)])
    w = FRAME_WIDTH
    out.append(data_table(["Date", "Référence", "Nature", "Statut", "Présents", "Femmes",
                           "Jeunes"], rows,
                          [w * .12, w * .27, w * .13, w * .2, w * .1, w * .09, w * .09],
                          center_cols=(0, 4, 5, 6)))
    return out


def _threats_section(lines: list[rd.ThreatLine], crss: bool) -> list[Flowable]:
    st = styles()
    out: list[Flowable] = [Paragraph("4. Registre des menaces et évolution dans la période",
                                     st.heading)]
    if not lines:
        return [*out, para("Aucune menace active ni modifiée dans la période.", st.body)]
    rows = []
    for t in lines:
        change = ", ".join(x for x in (
            "nouvelle" if t.new else "", f"réévaluée {t.reassessed} fois" if t.reassessed
            else "", "mise à jour" if t.changed and not t.new and not t.reassessed else "") if x)
        place = t.place + (f" ({t.committee_code})" if crss else "")
        rows.append([t.title, place, f"{enums.RiskLevel.french_label_of(t.level)} "
                     f"({t.score})", enums.Trend.french_label_of(t.trend),
                     enums.ThreatStatus.french_label_of(t.status), change or "–"])
    w = FRAME_WIDTH
    out.append(data_table(["Menace", "Lieu", "Niveau (score)", "Tendance", "Statut",
                           "Dans la période"], rows,
                          [w * .27, w * .2, w * .14, w * .11, w * .11, w * .17],
                          center_cols=(2, 3, 4)))
    return out


def _recs_section(lines: list[rd.RecommendationLine], crss: bool) -> list[Flowable]:
    st = styles()
    out: list[Flowable] = [Paragraph("5. Recommandations et leur suivi", st.heading)]
    if not lines:
        return [*out, para("Aucune recommandation formulée ou suivie dans la période.",
                           st.body)]
    rows = []
    for r in lines:
        status = enums.RecommendationStatus.french_label_of(r.status)
        if r.status_date:
            status += f" le {_d(r.status_date)}"
        if r.overdue:
            status += " – en retard"
        rows.append([r.text + (f" ({r.committee_code})" if crss else ""), r.addressee,
                     _d(r.formulated_on), _d(r.deadline), status])
    w = FRAME_WIDTH
    out.append(data_table(["Recommandation", "Destinataire", "Formulée", "Échéance",
                           "Suivi"], rows, [w * .4, w * .17, w * .11, w * .11, w * .21],
                          center_cols=(2, 3)))
    return out


def _activities_section(lines: list[rd.ActivityLine], crss: bool) -> list[Flowable]:
    st = styles()
    out: list[Flowable] = [Paragraph("6. Activités", st.heading)]
    if not lines:
        return [*out, para("Aucune activité dans la période.", st.body)]
    rows = [[_d(a.date), enums.ActivityKind.french_label_of(a.kind),
             a.title + (f" ({a.committee_code})" if crss else ""),
             " / ".join(str(n) for n in a.reached)] for a in lines]
    w = FRAME_WIDTH
    out.append(data_table(["Date", "Nature", "Intitulé",
                           "Touchés H / F / jeunes H / jeunes F"], rows,
                          [w * .12, w * .2, w * .43, w * .25], center_cols=(0, 3)))
    return out


def _rates_section(db: Database, start: dt.date, end: dt.date,
                   region: str | None) -> list[Flowable]:
    st = styles()
    conf = reporting.reporting_settings(db)
    by = "committee" if region else "region"
    rows_ = reporting.rates(db, by, start=start, end=end, region=region)
    total = reporting.nation(db, start=start, end=end, region=region)
    out: list[Flowable] = [
        Paragraph("7. Taux de rapportage des comités", st.heading),
        para(f"Un rapport mensuel est attendu de chaque comité depuis son installation, hors "
             f"mois de suspension ; il est à temps s'il parvient au CRSS dans les "
             f"{conf.deadline_days} jours suivant la fin du mois. Complétude : rapports reçus"
             f" / attendus ; promptitude : reçus à temps / attendus. Seuils : satisfaisant "
             f"≥ {conf.bands.good} %, à améliorer {conf.bands.fair}–{conf.bands.good} %, "
             f"insuffisant < {conf.bands.fair} %.", st.body)]

    def band(rate: float | None) -> str:
        return BAND_WORDS[conf.bands.band(rate)]

    table_rows = [[r.label if by == "region" else (r.label.split(" (")[-1].rstrip(")")
                                                   if "(" in r.label else r.label),
                   f"{r.reported}/{r.expected}", f"{_rate(r.completeness)} – "
                   f"{band(r.completeness)}", f"{_rate(r.promptness)} – {band(r.promptness)}",
                   _rate(r.adoption)] for r in rows_ if r.expected]
    table_rows.append([region or "Ensemble du pays", f"{total.reported}/{total.expected}",
                       f"{_rate(total.completeness)} – {band(total.completeness)}",
                       f"{_rate(total.promptness)} – {band(total.promptness)}",
                       _rate(total.adoption)])
    w = FRAME_WIDTH
    out.append(data_table(["Comité" if region else "Région", "Reçus / attendus",
                           "Complétude", "Promptitude", "PV adoptés"], table_rows,
                          [w * .24, w * .14, w * .24, w * .24, w * .14],
                          center_cols=(1, 2, 3, 4),
                          extra_style=[("FONTNAME", (0, len(table_rows)), (-1, len(table_rows)),
                                        fonts.BOLD)]))
    shown = [r for r in rows_ if r.expected][:20]
    if shown:
        out.append(Spacer(1, 0.3 * cm))
        out.append(_bar_chart("Complétude et promptitude (%)",
                              [r.key if by == "region" else r.label.split(" (")[-1].rstrip(")")
                               for r in shown],
                              [[100 * (r.completeness or 0) for r in shown],
                               [100 * (r.promptness or 0) for r in shown]],
                              ["Complétude", "Promptitude"], percent=True, height=6 * cm))
    silent = reporting.silent_committees(db, start=start, end=end, region=region)
    if silent:
        out.append(para(f"Comités silencieux (aucun rapport pour les deux derniers mois "
                        f"attendus) : {len(silent)} — "
                        + ", ".join(s.committee_code or s.commune for s in silent[:40])
                        + (" …" if len(silent) > 40 else "") + ".", st.body))
    return out


# --------------------------------------------------------------------------- the report

def _title_words(start: dt.date, end: dt.date, text: str) -> str:
    return f"Période : {text} (du {date_text(start)} au {date_text(end)})"


def report_story(db: Database, start: dt.date, end: dt.date, period_text: str, *,
                 region: str | None = None) -> tuple[list[Flowable], bool, str]:
    """(the flowables, demo, title) of the report."""
    st = styles()
    scope = rd.scope_of(db, region)
    committee = rd.header_committee(db, scope)
    if committee is not None:
        header = HeaderData.from_committee(committee)
        who = header.committee_words
    else:
        header = None
        where = f"de la région {de(region)}" if region else "du Mali"
        who = f"des comités consultatifs de sécurité {where}"
    demo = bool(settings.read_db(db, settings.DEMO) or (committee is not None
                                                         and committee.is_demo))
    title = f"RAPPORT PÉRIODIQUE {who.upper()}"
    figures = rd.key_figures(db, scope, start, end)
    meetings = [] if scope.crss else rd.meetings(db, scope, start, end)
    groups = rd.by_group(db, scope, start, end) if scope.crss else []
    top = state_header(header) if header is not None else crss_header(region or "")
    story: list[Flowable] = [top, Spacer(1, 0.5 * cm),
                             Paragraph(esc(title), st.title),
                             para(_title_words(start, end, period_text), st.body_left),
                             para(f"Établi le {date_text(dt.date.today())} par CCS Desktop. "
                                  "Les personnes y sont comptées, jamais nommées ; les "
                                  "éléments à accès restreint n'y figurent pas.", st.small)]
    story += _key_figures(figures, scope.crss)
    story += _charts(figures, meetings, groups, scope.crss, bool(region))
    story += _meetings_section(meetings, groups, scope.crss, bool(region))
    story += _threats_section(rd.threats(db, scope, start, end, limit=40 if scope.crss
                                         else 80), scope.crss)
    story += _recs_section(rd.recommendations(db, scope, start, end), scope.crss)
    story += _activities_section(rd.activities(db, scope, start, end), scope.crss)
    if scope.crss:
        story += _rates_section(db, start, end, region)
    return [KeepTogether(story[:5]), *story[5:]], demo, title


def report_pdf(db: Database, start: dt.date, end: dt.date, period_text: str = "", *,
               region: str | None = None) -> bytes:
    story, demo, title = report_story(db, start, end, period_text or
                                      f"{_d(start)} – {_d(end)}", region=region)
    marks = PageMarks(demo=demo, restricted=False,
                      reference=f"Rapport périodique – {period_text}".strip(" –"))
    return build_pdf(story, title=title.capitalize(), marks=marks)


def write_report(db: Database, path: str | os.PathLike[str], period, *,  # noqa: ANN001
                 region: str | None = None, overwrite: bool = False) -> Path:
    """Render the report of `period` (services.export.Period) and write it atomically."""
    from ...fileio import write_atomically

    data = report_pdf(db, period.start, period.end, period.text, region=region)
    return write_atomically(Path(path), data, overwrite=overwrite)
