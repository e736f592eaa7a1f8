"""The CRSS's reporting rates (issue 17): for each committee of the register and each month,
was a report expected, did one arrive, and in time?

- *Expected*: from the month of the committee's installation (the register's date, else the
  one the committee sent, else its first meeting), once the month is over, except the
  months the register marks suspended (settings.REGISTER_SUSPENSIONS).
- *Reported*: a meeting held that month, or a non-held meeting with its reason, is in the
  consolidated database. It arrived on the day the importer noted when a file first brought
  it for that month (table crss_arrivals; a later import, even one that changes the
  meeting, never moves it later). A meeting without that note (written directly in a
  database, never imported) is dated as before it existed: by the first imported file of
  the committee whose snapshot was taken after the meeting was recorded, else the
  committee's last import.
- *On time*: that first arrival falls within N days after the month's end (settings
  .REPORT_DEADLINE_DAYS, 45 by default).
- Complétude = reported ÷ expected, promptitude = on time ÷ expected, and, apart, the share of
  the held meetings whose PV is adopted. By committee, cercle, region and nation; each rate in
  a band (≥ 80 %, 50–80 %, < 50 % by default; settings.BAND_GOOD / BAND_FAIR) that always has
  its words.

Everything is one SQL statement over the register, the meetings and the import log (no row
is loaded as an object): 800 committees × 12 months take a fraction of a second.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import text

from ...db import settings
from ...db.engine import Database
from ...i18n import _, pgettext
from ..errors import ValidationError

# the suspensions live in services/crss/suspensions.py; the names stay importable from here
from .suspensions import (  # noqa: F401
    Suspension, add_suspension, remove_suspension, suspensions,
)

STATUSES = ("on_time", "late", "not_held", "missing", "not_expected")
LEVELS = ("nation", "region", "cercle", "committee")


def status_label(code: str) -> str:
    labels = {"on_time": pgettext("report status", "On time"),
              "late": pgettext("report status", "Late"),
              "not_held": pgettext("report status", "Not held (reason given)"),
              "missing": pgettext("report status", "Missing"),
              "not_expected": pgettext("report status", "Not expected")}
    return labels.get(code, code)


# --------------------------------------------------------------------------- settings

@dataclass(frozen=True)
class Bands:
    good: int = 80  # percent, at or above: good
    fair: int = 50  # at or above (and below good): fair; below: poor

    def band(self, rate: float | None) -> str:
        """"good", "fair", "poor", or "none" when nothing was expected."""
        if rate is None:
            return "none"
        pct = rate * 100
        return "good" if pct >= self.good - 1e-9 else "fair" if pct >= self.fair - 1e-9 \
            else "poor"

    def label(self, rate: float | None) -> str:
        """The band in words (never the colour alone)."""
        return {"good": _("Good (≥ {good} %)").format(good=self.good),
                "fair": _("To improve ({fair}–{good} %)").format(fair=self.fair,
                                                                 good=self.good),
                "poor": _("Insufficient (< {fair} %)").format(fair=self.fair),
                "none": _("Nothing expected")}[self.band(rate)]


@dataclass(frozen=True)
class ReportingSettings:
    deadline_days: int
    bands: Bands


def reporting_settings(db: Database) -> ReportingSettings:
    with db.session() as s:
        good = settings.read(s, settings.BAND_GOOD)
        fair = settings.read(s, settings.BAND_FAIR)
        if fair > good:
            good, fair = settings.BAND_GOOD.default, settings.BAND_FAIR.default
        return ReportingSettings(settings.read(s, settings.REPORT_DEADLINE_DAYS),
                                 Bands(good, fair))


def save_settings(db: Database, deadline_days: int, good: int, fair: int) -> None:
    if not 0 <= fair <= good <= 100 or good < 1:
        raise ValidationError(_("The bands must read 0 ≤ middle ≤ good ≤ 100."), "bands")
    if not 0 <= deadline_days <= 366:
        raise ValidationError(_("The deadline is between 0 and 366 days."), "deadline")
    with db.session() as s:
        settings.write(s, settings.REPORT_DEADLINE_DAYS, deadline_days)
        settings.write(s, settings.BAND_GOOD, good)
        settings.write(s, settings.BAND_FAIR, fair)


# --------------------------------------------------------------------------- months

def _months(start: dt.date, end: dt.date) -> list[tuple[str, str, str]]:
    """(YYYY-MM, first day, first day of the next month) of every month start..end touches."""
    out = []
    y, mo = start.year, start.month
    while (y, mo) <= (end.year, end.month):
        ny, nm = (y + 1, 1) if mo == 12 else (y, mo + 1)
        out.append((f"{y:04d}-{mo:02d}", f"{y:04d}-{mo:02d}-01", f"{ny:04d}-{nm:02d}-01"))
        y, mo = ny, nm
    return out


def _values(rows: list[tuple], names: str, prefix: str) -> tuple[str, dict]:
    """A VALUES list with bound parameters (SQLite wants at least one row)."""
    params: dict = {}
    parts = []
    for i, row in enumerate(rows):
        keys = []
        for j, v in enumerate(row):
            params[f"{prefix}{i}_{j}"] = v
            keys.append(f":{prefix}{i}_{j}")
        parts.append(f"({', '.join(keys)})")
    if not parts:
        width = len(names.split(","))
        parts = [f"({', '.join(['NULL'] * width)})"]
    return f"({names}) AS (VALUES {', '.join(parts)})", params


def month_sql(start: dt.date, end: dt.date, *, deadline_days: int, as_of: dt.date,
              suspended: list[Suspension], region: str | None = None,
              cercle: str | None = None) -> tuple[str, dict]:
    """The statement of one row per register entry and month, with its status: the base of
    every rate (columns: entry_id, committee_uuid, committee_code, level, region, cercle,
    commune, month, expected, suspended, status, received_on, held, adopted; `suspended`: a
    month that would be expected but the register suspends)."""
    months, params = _values(_months(start, end), "month, first, next", "m")
    susp, p2 = _values([(s.entry_id, s.start, s.end or "9999-12") for s in suspended],
                       "entry_id, s_from, s_to", "s")
    params.update(p2)
    first, last = _months(start, end)[0][1], _months(start, end)[-1][2]
    params.update(first=first, last=last, as_of=as_of.isoformat(),
                  grace=f"+{int(deadline_days)} days")
    where = []
    if region:
        where.append("r.region = :region")
        params["region"] = region
    if cercle:
        where.append("r.cercle = :cercle")
        params["cercle"] = cercle
    where_sql = ("WHERE " + " AND ".join(where)) if where else ""
    sql = f"""
WITH months{months},
susp{susp},
entries AS (
  SELECT r.id AS entry_id, r.committee_uuid, c.id AS cid, COALESCE(c.code, '') AS code,
         r.level, r.region, r.cercle, r.commune,
         substr(COALESCE(r.installed_on, c.installed_on,
                (SELECT MIN(f.date) FROM meetings f
                 WHERE f.committee_id = c.id AND f.deleted_at IS NULL
                   AND f.status IN ('held', 'adopted', 'not_held'))), 1, 7) AS since
  FROM crss_register r LEFT JOIN committees c ON c.uuid = r.committee_uuid {where_sql}
),
ev AS (
  SELECT mt.committee_id AS cid, substr(mt.date, 1, 7) AS month,
         SUM(mt.status IN ('held', 'adopted')) AS held,
         SUM(mt.status = 'adopted') AS adopted,
         MIN(MAX(mt.date, substr(mt.created_at, 1, 19))) AS evidence,
         MIN(a.received_on) AS arrived
  FROM meetings mt
  LEFT JOIN crss_arrivals a ON a.meeting_uuid = mt.uuid AND a.month = substr(mt.date, 1, 7)
  WHERE mt.deleted_at IS NULL AND mt.date >= :first AND mt.date < :last
    AND mt.committee_id IN (SELECT cid FROM entries WHERE cid IS NOT NULL)
    AND (mt.status IN ('held', 'adopted')
         OR (mt.status = 'not_held' AND (mt.not_held_reason IS NOT NULL
                                         OR mt.not_held_reason_text != '')))
  GROUP BY mt.committee_id, substr(mt.date, 1, 7)
),
imports AS MATERIALIZED (
  SELECT committee_uuid AS uuid, COALESCE(snapshot_at, imported_at) AS snap, imported_at
  FROM crss_import_log
  WHERE status = 'ok' AND committee_uuid IN (SELECT committee_uuid FROM entries)
    AND COALESCE(snapshot_at, imported_at) >= :first
),
recv AS (
  SELECT e.entry_id, ev.month,
         (SELECT MIN(i.imported_at) FROM imports i
          WHERE i.uuid = e.committee_uuid AND i.snap >= ev.evidence) AS first_fit
  FROM entries e JOIN ev ON ev.cid = e.cid AND ev.arrived IS NULL
),
last_import AS (
  SELECT committee_uuid AS uuid, MAX(imported_at) AS at FROM crss_import_log
  WHERE status = 'ok' GROUP BY committee_uuid
),
grid AS (
  SELECT e.entry_id, e.committee_uuid, e.code, e.level, e.region, e.cercle, e.commune,
         m.month, m.next,
         (e.since IS NOT NULL AND e.since <= m.month AND m.next <= :as_of) AS due,
         EXISTS (SELECT 1 FROM susp s WHERE s.entry_id = e.entry_id
                 AND m.month BETWEEN s.s_from AND s.s_to) AS suspended,
         ev.held, ev.adopted,
         substr(CASE WHEN ev.cid IS NULL THEN NULL
                     ELSE COALESCE(ev.arrived, recv.first_fit, li.at) END, 1, 10)
           AS received_on
  FROM entries e CROSS JOIN months m
  LEFT JOIN ev ON ev.cid = e.cid AND ev.month = m.month
  LEFT JOIN recv ON recv.entry_id = e.entry_id AND recv.month = m.month
  LEFT JOIN last_import li ON li.uuid = e.committee_uuid
),
judged AS (SELECT *, (due AND NOT suspended) AS expected FROM grid)
SELECT entry_id, committee_uuid, code AS committee_code, level, region, cercle, commune,
       month, expected, (due AND suspended) AS suspended,
       CASE WHEN held IS NULL THEN (CASE WHEN expected THEN 'missing' ELSE 'not_expected' END)
            WHEN held = 0 THEN 'not_held'
            WHEN received_on IS NOT NULL
                 AND received_on <= date(next, '-1 day', :grace) THEN 'on_time'
            ELSE 'late' END AS status,
       received_on,
       (held IS NOT NULL AND received_on IS NOT NULL
        AND received_on <= date(next, '-1 day', :grace)) AS in_time,
       COALESCE(held, 0) AS held, COALESCE(adopted, 0) AS adopted
FROM judged"""
    return sql, params


# --------------------------------------------------------------------------- values

@dataclass(frozen=True)
class MonthStatus:
    """One committee and month, as `ccs crss completeness --json` writes it."""

    committee_uuid: str | None
    committee_code: str
    month: str  # YYYY-MM
    status: str  # STATUSES
    received_on: str | None  # YYYY-MM-DD


@dataclass(frozen=True)
class MonthDetail:
    entry_id: int
    region: str
    cercle: str
    commune: str
    level: str
    expected: bool
    row: MonthStatus
    suspended: bool = False  # due, but the register suspends it: « non attendu (suspendu) »

    @property
    def status_text(self) -> str:
        if self.suspended and self.row.status == "not_expected":
            return pgettext("report status", "Not expected (suspended)")
        return status_label(self.row.status)


@dataclass(frozen=True)
class Rates:
    """The rates of one committee, cercle, region or the nation over the months asked."""

    level: str  # LEVELS
    key: str    # the committee's register id, the cercle's or region's name, "" the nation
    region: str
    cercle: str
    label: str  # what a person reads: the commune (or code), the cercle, the region, Mali
    committees: int
    expected: int
    reported: int
    on_time: int
    not_held: int
    held: int
    adopted: int
    suspended: int = 0  # months due but suspended by the register (not expected)

    @property
    def completeness(self) -> float | None:
        return self.reported / self.expected if self.expected else None

    @property
    def promptness(self) -> float | None:
        return self.on_time / self.expected if self.expected else None

    @property
    def adoption(self) -> float | None:
        """The share of the held meetings received whose PV is adopted."""
        return self.adopted / self.held if self.held else None

    @property
    def missing(self) -> int:
        return self.expected - self.reported


def _period(year: int | None, start: dt.date | None, end: dt.date | None
            ) -> tuple[dt.date, dt.date]:
    if year is not None:
        return dt.date(year, 1, 1), dt.date(year, 12, 31)
    if start is None or end is None:
        raise ValidationError(_("Give a year or a period."))
    return start, end


def _context(db: Database, as_of: dt.date | None) -> tuple[ReportingSettings, dt.date,
                                                           list[Suspension]]:
    return reporting_settings(db), as_of or dt.date.today(), suspensions(db)


def month_statuses(db: Database, *, year: int | None = None, start: dt.date | None = None,
                   end: dt.date | None = None, region: str | None = None,
                   cercle: str | None = None, as_of: dt.date | None = None
                   ) -> list[MonthDetail]:
    """Every register entry (with a committee or an installation date) and month, ordered by
    committee code then month."""
    first, last = _period(year, start, end)
    conf, today, susp = _context(db, as_of)
    sql, params = month_sql(first, last, deadline_days=conf.deadline_days, as_of=today,
                            suspended=susp, region=region, cercle=cercle)
    sql = (f"SELECT * FROM ({sql}) WHERE committee_uuid IS NOT NULL OR entry_id IN "
           "(SELECT id FROM crss_register WHERE installed_on IS NOT NULL) "
           "ORDER BY region, cercle, commune, committee_code, entry_id, month")
    with db.session() as s:
        rows = s.execute(text(sql), params).all()
    return [MonthDetail(r.entry_id, r.region or "", r.cercle or "", r.commune or "",
                        r.level or "", bool(r.expected),
                        MonthStatus(r.committee_uuid, r.committee_code or "", r.month,
                                    r.status, r.received_on), bool(r.suspended))
            for r in rows]


_GROUPS = {
    "nation": ("''", "''", "''"),
    "region": ("region", "region", "''"),
    "cercle": ("region || '|' || cercle", "region", "cercle"),
    "committee": ("CAST(entry_id AS TEXT)", "region", "cercle"),
}


def rates(db: Database, by: str = "region", *, year: int | None = None,
          start: dt.date | None = None, end: dt.date | None = None,
          region: str | None = None, cercle: str | None = None,
          as_of: dt.date | None = None) -> list[Rates]:
    """The rates grouped by `by` (LEVELS), computed by SQL (GROUP BY over month_sql)."""
    if by not in _GROUPS:
        raise ValueError(by)
    first, last = _period(year, start, end)
    conf, today, susp = _context(db, as_of)
    base, params = month_sql(first, last, deadline_days=conf.deadline_days, as_of=today,
                             suspended=susp, region=region, cercle=cercle)
    key, reg, cer = _GROUPS[by]
    label = {"nation": "''", "region": "region", "cercle": "cercle",
             "committee": "COALESCE(NULLIF(MAX(commune), ''), MAX(region)) || "
                          "CASE WHEN MAX(committee_code) != '' THEN ' (' || "
                          "MAX(committee_code) || ')' ELSE '' END"}[by]
    sql = (f"WITH base AS MATERIALIZED ({base}) "
           f"SELECT {key} AS k, MAX({reg}) AS region, MAX({cer}) AS cercle, {label} AS label, "
           "COUNT(DISTINCT CASE WHEN expected THEN entry_id END) AS committees, "
           "SUM(expected) AS expected, "
           "SUM(expected AND status IN ('on_time', 'late', 'not_held')) AS reported, "
           "SUM(expected AND in_time) AS on_time, "
           "SUM(expected AND status = 'not_held') AS not_held, "
           "SUM(CASE WHEN expected THEN held ELSE 0 END) AS held, "
           "SUM(CASE WHEN expected THEN adopted ELSE 0 END) AS adopted, "
           "SUM(suspended) AS suspended "
           f"FROM base GROUP BY {key} ORDER BY {key}")
    # materialized: each committee-month's status is computed once, not once per SUM
    with db.session() as s:
        rows = s.execute(text(sql), params).all()
    out = []
    for r in rows:
        name = r.label or ""
        if by == "nation":
            name = pgettext("country", "Mali")
        out.append(Rates(by, r.k or "", r.region or "", r.cercle or "", name,
                         int(r.committees or 0), int(r.expected or 0), int(r.reported or 0),
                         int(r.on_time or 0), int(r.not_held or 0), int(r.held or 0),
                         int(r.adopted or 0), int(r.suspended or 0)))
    return out


def nation(db: Database, **kw: object) -> Rates:
    rows = rates(db, "nation", **kw)  # type: ignore[arg-type]
    return rows[0] if rows else Rates("nation", "", "", "", pgettext("country", "Mali"),
                                      0, 0, 0, 0, 0, 0, 0)


@dataclass(frozen=True)
class SilentCommittee:
    """A committee with expected months and nothing received for the last of them."""

    entry_id: int
    committee_code: str
    region: str
    cercle: str
    commune: str
    missing: int  # expected months without a report in the period
    last_report: str | None  # YYYY-MM of its last reported month, None if never


def silent_committees(db: Database, *, year: int | None = None,
                      start: dt.date | None = None, end: dt.date | None = None,
                      region: str | None = None, cercle: str | None = None,
                      as_of: dt.date | None = None, months: int = 2) -> list[SilentCommittee]:
    """The committees whose last `months` expected months are all missing (most missing
    first): the ones a relance letter is for."""
    details = month_statuses(db, year=year, start=start, end=end, region=region,
                             cercle=cercle, as_of=as_of)
    per: dict[int, list[MonthDetail]] = {}
    for d in details:
        per.setdefault(d.entry_id, []).append(d)
    out = []
    for entry_id, rows in per.items():
        expected = [d for d in rows if d.expected]
        if not expected:
            continue
        tail = expected[-months:]
        if any(d.row.status != "missing" for d in tail):
            continue
        reported = [d.row.month for d in rows if d.row.status in ("on_time", "late",
                                                                  "not_held")]
        first = rows[0]
        out.append(SilentCommittee(entry_id, first.row.committee_code, first.region,
                                   first.cercle, first.commune,
                                   sum(d.row.status == "missing" for d in expected),
                                   reported[-1] if reported else None))
    return sorted(out, key=lambda c: (-c.missing, c.region, c.cercle, c.commune))


def late_committees(db: Database, **kw: object) -> list[Rates]:
    """The committees whose promptitude is below the good band (the relance letter)."""
    conf = reporting_settings(db)
    return [r for r in rates(db, "committee", **kw)  # type: ignore[arg-type]
            if r.expected and conf.bands.band(r.promptness) in ("poor", "fair")]
