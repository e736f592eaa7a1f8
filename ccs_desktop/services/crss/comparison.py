"""The CRSS's table comparing committees (issue 17): for each committee of the register in a
place (the nation, a region, a cercle), its last meeting held, its meetings held in the
period, its overdue recommendations and its complétude of the period.

One SQL statement over the register, the committees, the meetings and the recommendations,
sorted by SQL (ORDER BY the column asked). The complétude is services.crss.reporting's
(`reporting.rates(..., by="committee")`, the same numbers as the Complétude page), handed to
the statement as a VALUES list so that it sorts with the rest. The overdue recommendations
are the dashboard's (services.dashboard): made at a meeting of the period, still open, with
a deadline before the period's end or before today while it runs (`overdue_cutoff`), and not
linked to a restricted threat (left out with it, as on the dashboard). Small frozen values; no person appears (the CRSS knows people only by
code, and this table has none).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import text

from ...db.engine import Database
from ...domain import enums
from ..export import Period
from ..dashboard import overdue_cutoff
from ..report_data import NOT_RESTRICTED_REC
from . import reporting

#: sortable columns: key -> SQL expression (the statement's aliases)
COLUMNS = {
    "code": "sort_code",
    "name": "name",
    "region": "region",
    "cercle": "cercle",
    "last_meeting": "last_meeting",
    "held": "held",
    "overdue": "overdue",
    "completeness": "completeness",
}
HELD = ("held", "adopted")


@dataclass(frozen=True)
class ComparisonRow:
    entry_id: int  # the register entry
    committee_id: int | None  # None: the committee never sent a file
    code: str
    name: str
    region: str
    cercle: str
    last_meeting: dt.date | None  # the last meeting held on or before the period's end
    held: int  # meetings held in the period
    overdue: int
    expected: int  # months expected in the period (reporting.rates)
    reported: int

    @property
    def completeness(self) -> float | None:
        return self.reported / self.expected if self.expected else None


def committee_rates(db: Database, period: Period, *, region: str | None = None,
                    cercle: str | None = None, as_of: dt.date | None = None
                    ) -> list[reporting.Rates]:
    """The reporting rates of each committee over the period (what the table's complétude
    reads; the screen keeps them to sort again without recomputing them)."""
    return reporting.rates(db, "committee", start=period.start, end=period.end,
                           region=region or None, cercle=cercle or None, as_of=as_of)


def comparison(db: Database, period: Period, *, region: str | None = None,
               cercle: str | None = None, order_by: str = "code", descending: bool = False,
               today: dt.date | None = None,
               rates: list[reporting.Rates] | None = None) -> list[ComparisonRow]:
    """One row per register entry of the place that has a committee or an installation
    date, sorted by `order_by` (COLUMNS) in SQL, the code breaking ties."""
    if order_by not in COLUMNS:
        raise ValueError(order_by)
    today = today or dt.date.today()
    if rates is None:
        rates = committee_rates(db, period, region=region, cercle=cercle, as_of=today)
    params: dict = {"start": period.start.isoformat(), "end": period.end.isoformat(),
                    "cutoff": overdue_cutoff(period.end, today).isoformat(),
                    "region": region or "",
                    "cercle": cercle or ""}
    values = []
    for i, r in enumerate(rates):
        if not r.key.isdigit():
            continue
        params.update({f"e{i}": int(r.key), f"x{i}": r.expected, f"r{i}": r.reported})
        values.append(f"(:e{i}, :x{i}, :r{i})")
    rates_cte = ", ".join(values) or "(NULL, 0, 0)"
    open_codes = ", ".join(f"'{c}'" for c in sorted(enums.RecommendationStatus.open_codes()))
    held = ", ".join(f"'{c}'" for c in HELD)
    direction = "DESC" if descending else "ASC"
    sql = f"""
WITH rates(entry_id, expected, reported) AS (VALUES {rates_cte}),
entries AS (
  SELECT r.id AS entry_id, c.id AS cid, COALESCE(c.code, '') AS code,
         COALESCE(c.name, '') AS name, r.region, r.cercle, r.commune
  FROM crss_register r
  LEFT JOIN committees c ON c.uuid = r.committee_uuid AND c.deleted_at IS NULL
  WHERE (:region = '' OR r.region = :region) AND (:cercle = '' OR r.cercle = :cercle)
    AND (c.id IS NOT NULL OR r.installed_on IS NOT NULL)
),
mt AS (
  SELECT m.committee_id AS cid, MAX(m.date) AS last_meeting,
         SUM(m.date >= :start) AS held
  FROM meetings m
  WHERE m.deleted_at IS NULL AND m.status IN ({held}) AND m.date <= :end
    AND m.committee_id IN (SELECT cid FROM entries)
  GROUP BY m.committee_id
),
rec AS (
  SELECT r.committee_id AS cid, COUNT(*) AS overdue
  FROM recommendations r JOIN meetings m ON m.id = r.meeting_id
  WHERE r.deleted_at IS NULL AND m.deleted_at IS NULL AND m.date BETWEEN :start AND :end
    AND r.status IN ({open_codes}) AND r.deadline < :cutoff AND {NOT_RESTRICTED_REC}
    AND r.committee_id IN (SELECT cid FROM entries)
  GROUP BY r.committee_id
)
SELECT e.entry_id, e.cid, e.code, e.name, e.region, e.cercle,
       mt.last_meeting, COALESCE(mt.held, 0) AS held, COALESCE(rec.overdue, 0) AS overdue,
       COALESCE(rt.expected, 0) AS expected, COALESCE(rt.reported, 0) AS reported,
       CASE WHEN COALESCE(rt.expected, 0) > 0
            THEN CAST(rt.reported AS REAL) / rt.expected END AS completeness,
       CASE WHEN e.code != '' THEN e.code ELSE e.commune END AS sort_code
FROM entries e
LEFT JOIN mt ON mt.cid = e.cid
LEFT JOIN rec ON rec.cid = e.cid
LEFT JOIN rates rt ON rt.entry_id = e.entry_id
ORDER BY {COLUMNS[order_by]} IS NULL, {COLUMNS[order_by]} {direction}, sort_code, e.entry_id
"""
    with db.session() as s:
        rows = s.execute(text(sql), params).all()
    return [ComparisonRow(int(r.entry_id), r.cid, r.code or "", r.name or "", r.region or "",
                          r.cercle or "", _date(r.last_meeting), int(r.held),
                          int(r.overdue), int(r.expected), int(r.reported)) for r in rows]


def _date(value: object) -> dt.date | None:
    return dt.date.fromisoformat(str(value)[:10]) if value else None


@dataclass(frozen=True)
class ScopeCommittee:
    committee_id: int
    code: str
    name: str
    region: str
    cercle: str


@dataclass(frozen=True)
class ScopePlaces:
    """What the CRSS dashboard's scope chooser offers: the register's places that hold a
    committee of the consolidated database."""

    regions: tuple[str, ...]
    cercles: tuple[tuple[str, str], ...]  # (region, cercle)
    committees: tuple[ScopeCommittee, ...]  # by code


def scope_places(db: Database) -> ScopePlaces:
    sql = """SELECT c.id, COALESCE(c.code, ''), COALESCE(c.name, ''), r.region, r.cercle
             FROM crss_register r JOIN committees c ON c.uuid = r.committee_uuid
             WHERE c.deleted_at IS NULL ORDER BY c.code, c.id"""
    with db.session() as s:
        rows = s.execute(text(sql)).all()
    seen: set[int] = set()
    committees = []
    for cid, code, name, region, cercle in rows:
        if cid not in seen:
            seen.add(cid)
            committees.append(ScopeCommittee(int(cid), code, name, region or "", cercle or ""))
    return ScopePlaces(tuple(sorted({c.region for c in committees if c.region})),
                       tuple(sorted({(c.region, c.cercle) for c in committees
                                     if c.region and c.cercle})),
                       tuple(committees))
