"""`ccs export indicators`: the analysts' long table, one row per committee × month ×
indicator, keyed on the commune's P-code (OCHA COD-AB admin 3, shipped in
resources/data/mali_communes.csv), the way DHIS2 and analysts' tools exchange aggregate
data. Codes and counts only, never a person; restricted threats are not counted.

Excel: the table on the first sheet, a data dictionary sheet after it. CSV: the table, and
its dictionary in a companion file `<name>_dictionnaire.csv`.
"""

from __future__ import annotations

import csv
import datetime as dt
import functools
import os
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import and_, case, func, select

from .. import paths
from ..db import models as m
from ..domain import enums
from ..domain.text import sort_key
from ..fileio import write_atomically
from ..i18n import _
from .export import (
    CSV, FORMATS, XLSX, ExportResult, Period, Table, write_dictionary_csv, write_table,
)
from .export_columns import NUMBER, ExportColumn
from .errors import ValidationError

DICTIONARY_SUFFIX = "_dictionnaire"  # data: the companion file's name, French by design


def indicators() -> list[tuple[str, str]]:
    """(code, definition) of every indicator, in the table's order."""
    levels = [(f"threats_active_{level.value}",
               _("Threats with the status “active” first reported in the month whose level "
                 "is now “{level}” (restricted threats are not counted).").format(
                   level=level.label)) for level in enums.RiskLevel]
    return [
        ("meetings_held", _("Meetings of the month held (minutes adopted or not).")),
        ("meetings_planned", _("Meetings of the month still planned.")),
        ("meetings_not_held", _("Meetings of the month recorded as not held.")),
        ("attendance_women", _("Women recorded present at the meetings of the month.")),
        ("attendance_men", _("Men recorded present at the meetings of the month.")),
        ("attendance_youth", _("Young people (women and men) recorded present at the meetings "
                               "of the month.")),
        *levels,
        ("recommendations_open", _("Recommendations still open (formulated, transmitted, in "
                                   "progress), counted in the month of the meeting that made "
                                   "them (or of their deadline).")),
        ("recommendations_implemented", _("Recommendations implemented, counted the same "
                                          "way.")),
        ("recommendations_overdue", _("Open recommendations whose deadline has passed on the "
                                      "day of the export, counted the same way.")),
        ("activities", _("Activities of the month (awareness raising, training...).")),
        ("people_reached", _("People reached by the activities of the month (women, men, "
                             "young women and young men).")),
    ]


@functools.cache
def _pcodes() -> dict[tuple[str, ...], str]:
    """P-codes of the shipped place list by (region, cercle, commune) and, when the commune's
    name is unique in its region, by (region, commune); names compared on a folded key."""
    full: dict[tuple[str, ...], str] = {}
    by_region: dict[tuple[str, ...], set[str]] = defaultdict(set)
    path = paths.resource_path("data", "mali_communes.csv")
    with open(path, encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            code = (row.get("pcode") or "").strip()
            if not code:
                continue
            region, cercle, commune = (sort_key(row[k]) for k in ("region", "cercle",
                                                                  "commune"))
            full[(region, cercle, commune)] = code
            by_region[(region, commune)].add(code)
    for key, codes in by_region.items():
        if len(codes) == 1:
            full.setdefault(key, next(iter(codes)))
    return full


def pcode_of(committee: Any) -> str:
    """The commune P-code of a commune's committee ("" for a cercle's or a region's, or for
    a commune missing from the list: no code is ever made up)."""
    if committee.level != enums.CommitteeLevel.COMMUNE.value or not committee.commune:
        return ""
    codes = _pcodes()
    region, cercle, commune = (sort_key(x) for x in (committee.region, committee.cercle,
                                                     committee.commune))
    return codes.get((region, cercle, commune)) or codes.get((region, commune), "")


@dataclass(frozen=True, slots=True)
class IndicatorRow:
    pcode: str
    committee: str
    level: str
    month: str
    indicator: str
    value: int


def _month(column: Any) -> Any:
    return func.substr(column, 1, 7)


def _counts(s: Any, period: Period | None, today: dt.date) -> dict[tuple[int, str], dict]:
    """{(committee id, "YYYY-MM"): {indicator: value}}, every indicator counted in SQL."""
    out: dict[tuple[int, str], dict[str, int]] = defaultdict(dict)

    def add(cid: int, month: str | None, name: str, value: Any) -> None:
        if month and (period is None or period.start.strftime("%Y-%m") <= month
                      <= period.end.strftime("%Y-%m")):
            cell = out[(cid, month)]
            cell[name] = cell.get(name, 0) + int(value or 0)

    mt = m.Meeting
    for cid, month, status, n in s.execute(
            select(mt.committee_id, _month(mt.date), mt.status, func.count())
            .where(mt.deleted_at.is_(None)).group_by(mt.committee_id, _month(mt.date),
                                                     mt.status)):
        name = {"held": "meetings_held", "adopted": "meetings_held",
                "planned": "meetings_planned", "not_held": "meetings_not_held"}.get(status)
        if name:
            add(cid, month, name, n)
    at, person = m.Attendance, m.Person
    for cid, month, sex, youth, n in s.execute(
            select(mt.committee_id, _month(mt.date), person.sex, person.is_youth,
                   func.count())
            .select_from(at).join(mt, mt.id == at.meeting_id)
            .join(person, person.id == at.person_id)
            .where(at.deleted_at.is_(None), mt.deleted_at.is_(None),
                   at.status == enums.AttendanceStatus.PRESENT.value)
            .group_by(mt.committee_id, _month(mt.date), person.sex, person.is_youth)):
        add(cid, month, "attendance_women" if sex == "F" else "attendance_men", n)
        if youth:
            add(cid, month, "attendance_youth", n)
    th = m.Threat
    for cid, month, level, n in s.execute(
            select(th.committee_id, _month(th.first_reported), th.level, func.count())
            .where(th.deleted_at.is_(None), th.is_restricted.is_(False),
                   th.status == enums.ThreatStatus.ACTIVE.value,
                   th.first_reported.is_not(None))
            .group_by(th.committee_id, _month(th.first_reported), th.level)):
        add(cid, month, f"threats_active_{level}", n)
    rc = m.Recommendation
    open_codes = sorted(enums.RecommendationStatus.open_codes())
    when = _month(func.coalesce(mt.date, rc.deadline))
    is_open = rc.status.in_(open_codes)
    for cid, month, n_open, n_done, n_late in s.execute(
            select(rc.committee_id, when,
                   func.sum(case((is_open, 1), else_=0)),
                   func.sum(case((rc.status == enums.RecommendationStatus.IMPLEMENTED.value,
                                  1), else_=0)),
                   func.sum(case((and_(is_open, rc.deadline < today), 1), else_=0)))
            .select_from(rc).outerjoin(mt, and_(mt.id == rc.meeting_id,
                                                mt.deleted_at.is_(None)))
            .where(rc.deleted_at.is_(None)).group_by(rc.committee_id, when)):
        add(cid, month, "recommendations_open", n_open)
        add(cid, month, "recommendations_implemented", n_done)
        add(cid, month, "recommendations_overdue", n_late)
    ac = m.Activity
    for cid, month, n, reached in s.execute(
            select(ac.committee_id, _month(ac.date), func.count(),
                   func.sum(ac.reached_men + ac.reached_women + ac.reached_young_men
                            + ac.reached_young_women))
            .where(ac.deleted_at.is_(None)).group_by(ac.committee_id, _month(ac.date))):
        add(cid, month, "activities", n)
        add(cid, month, "people_reached", reached)
    return out


def indicator_rows(db: Any, period: Period | None = None,
                   today: dt.date | None = None) -> list[IndicatorRow]:
    """Every committee's indicators by month: each (committee, month) that has any data
    gets every indicator (0 when none), sorted by P-code, committee, month, indicator."""
    codes = [code for code, _text in indicators()]
    with db.session() as s:
        committees = {c.id: c for c in s.scalars(select(m.Committee)
                                                 .where(m.Committee.deleted_at.is_(None)))}
        counts = _counts(s, period, today or dt.date.today())
        rows = []
        for (cid, month), values in counts.items():
            committee = committees.get(cid)
            if committee is None:
                continue
            pcode = pcode_of(committee)
            for code in codes:
                rows.append(IndicatorRow(pcode, committee.code, committee.level, month, code,
                                         values.get(code, 0)))
    order = {code: n for n, code in enumerate(codes)}
    rows.sort(key=lambda r: (r.pcode or "~", r.committee, r.month, order[r.indicator]))
    return rows


def _columns() -> list[ExportColumn]:
    # data: the titles are codes, the same in every language (analysts' scripts name them)
    return [
        ExportColumn("pcode", "pcode", lambda r: r.pcode, width=12),
        ExportColumn("committee", "comite", lambda r: r.committee, width=22),
        ExportColumn("level", "niveau", lambda r: r.level, width=10),
        ExportColumn("month", "mois", lambda r: r.month, width=10),
        ExportColumn("indicator", "indicateur", lambda r: r.indicator, width=30),
        ExportColumn("value", "valeur", lambda r: r.value, NUMBER, 10),
    ]


def _dictionary() -> list[tuple[str, str, str]]:
    column_texts = [
        ("pcode", _("Text"), _("P-code of the commune (OCHA COD-AB, Mali admin level 3, as "
                               "shipped in the application's place list); empty for a "
                               "cercle's or a region's committee and for a commune the list "
                               "does not hold.")),
        ("comite", _("Text"), _("Code of the committee (e.g. CCSC-ALAFIA).")),
        ("niveau", _("Text"), _("Level of the committee: commune, cercle or region.")),
        ("mois", _("Text"), _("Month, ISO 8601 (YYYY-MM).")),
        ("indicateur", _("Text"), _("Code of the indicator (see below).")),
        ("valeur", _("Whole number"), _("Value of the indicator for this committee and this "
                                        "month.")),
    ]
    return column_texts + [(code, _("Indicator"), text) for code, text in indicators()]


def export_indicators(db: Any, path: str | os.PathLike, fmt: str = XLSX, *,
                      period: Period | None = None, overwrite: bool = True,
                      today: dt.date | None = None) -> ExportResult:
    """Write the long table of indicators into `path` (and, for CSV, its dictionary beside
    it, `<name>_dictionnaire.csv`)."""
    if fmt not in FORMATS:
        raise ValidationError({"format": _("Unknown format “{fmt}”: xlsx or csv.").format(
            fmt=fmt)})
    rows = indicator_rows(db, period, today)
    about = [(_("List"), _("Indicators by commune and month")),
             (_("Period"), period.text if period else ""),
             (_("Left out"), _("No person is named; restricted threats are not counted."))]
    table = Table(_("Indicators"), _columns(), rows, _dictionary(), about)
    n = write_table(table, path, fmt, overwrite=overwrite)
    if fmt == CSV:
        write_atomically(dictionary_path(path), lambda fh: write_dictionary_csv(table, fh),
                         overwrite=True)
    return ExportResult(os.fspath(path), n)


def dictionary_path(path: str | os.PathLike) -> Path:
    """Where the CSV's companion dictionary goes: `<stem>_dictionnaire.csv` beside it."""
    path = Path(path)
    return path.with_name(path.stem + DICTIONARY_SUFFIX + ".csv")
