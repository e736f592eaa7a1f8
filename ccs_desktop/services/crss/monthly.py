"""The CRSS's monthly figures (issue 17): what the dashboard of many committees (the nation,
a region, a cercle) would otherwise count over all their attendance, kept per committee and
month (db.models.MonthlyAttendance, MonthlyCorps) and recomputed from the base tables by
`refresh`, in the transaction of the write that changed them (a kill leaves both as they
were). Never imports Qt.

Every write to the meetings, the attendance or the people notes its committee in
crss_monthly_stale (triggers of revision 0007): `refresh` recomputes the committees it is
given and every committee noted there, and clears them; services.dashboard counts from the
base tables while a committee of its scope is noted (a writer that does not call `refresh`
costs time, never a wrong figure), and in a database that is not a CRSS's.

    refresh(conn, committee_id)  # conn: the writer's DB-API connection (sqlite3-like)
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from sqlalchemy import func, select

from ...db import models as m
from ...db import settings

HELD = "('held', 'adopted')"

# (the same counts as services.dashboard's attendance of the held meetings, per month)
_ATTENDANCE = f"""
INSERT INTO crss_monthly (committee_id, month, meetings, present, members_present,
  members_recorded, women, men, youth, fds_meetings)
SELECT mt.committee_id, substr(mt.date, 1, 7),
  COUNT(DISTINCT CASE WHEN t.status = 'present' THEN t.meeting_id END),
  COALESCE(SUM(CASE WHEN t.status = 'present' THEN 1 ELSE 0 END), 0),
  COALESCE(SUM(CASE WHEN t.status = 'present' AND t.is_guest IS 0 THEN 1 ELSE 0 END), 0),
  COALESCE(SUM(CASE WHEN t.is_guest IS 0 THEN 1 ELSE 0 END), 0),
  COALESCE(SUM(CASE WHEN t.status = 'present' AND p.sex = 'F' THEN 1 ELSE 0 END), 0),
  COALESCE(SUM(CASE WHEN t.status = 'present' AND p.sex = 'H' THEN 1 ELSE 0 END), 0),
  COALESCE(SUM(CASE WHEN t.status = 'present' AND p.is_youth IS 1 THEN 1 ELSE 0 END), 0),
  COUNT(DISTINCT CASE WHEN t.status = 'present' AND p.category = 'fds' THEN t.meeting_id END)
FROM meetings mt
LEFT JOIN attendance t ON t.meeting_id = mt.id AND t.deleted_at IS NULL
LEFT JOIN people p ON p.id = t.person_id
WHERE mt.deleted_at IS NULL AND mt.status IN {HELD} AND {{where}}
GROUP BY mt.committee_id, substr(mt.date, 1, 7)"""

_CORPS = f"""
INSERT INTO crss_monthly_corps (committee_id, month, corps, present, meetings)
SELECT mt.committee_id, substr(mt.date, 1, 7), COALESCE(p.fds_corps, ''), COUNT(*),
  COUNT(DISTINCT t.meeting_id)
FROM attendance t JOIN meetings mt ON mt.id = t.meeting_id
JOIN people p ON p.id = t.person_id
WHERE t.deleted_at IS NULL AND t.status = 'present' AND COALESCE(p.category, '') = 'fds'
  AND mt.deleted_at IS NULL AND mt.status IN {HELD} AND {{where}}
GROUP BY mt.committee_id, substr(mt.date, 1, 7), COALESCE(p.fds_corps, '')"""

_TABLES = ("crss_monthly", "crss_monthly_corps")


def refresh(conn: Any, committee_ids: int | Iterable[int] | None = None) -> None:
    """Recompute the monthly figures of `committee_ids` (one id, several, or None: every
    committee) and of every committee noted stale, all their months, from the base tables;
    then nothing is noted stale. `conn` is a DB-API connection inside the writer's
    transaction (or a SQLAlchemy Session / Connection: its driver connection is used)."""
    conn = _driver(conn)
    if committee_ids is None:
        for table in _TABLES:
            conn.execute(f"DELETE FROM {table}")
        conn.execute(_ATTENDANCE.format(where="1"))
        conn.execute(_CORPS.format(where="1"))
        conn.execute("DELETE FROM crss_monthly_stale")
        return
    ids = {committee_ids} if isinstance(committee_ids, int) else set(committee_ids)
    ids |= {int(r[0]) for r in conn.execute("SELECT committee_id FROM crss_monthly_stale")}
    for cid in sorted(ids):
        for table in _TABLES:
            conn.execute(f"DELETE FROM {table} WHERE committee_id = ?", (cid,))
        conn.execute(_ATTENDANCE.format(where="mt.committee_id = ?"), (cid,))
        conn.execute(_CORPS.format(where="mt.committee_id = ?"), (cid,))
    conn.execute("DELETE FROM crss_monthly_stale")


def _driver(conn: Any) -> Any:
    """The DB-API connection under a SQLAlchemy Session or Connection (else `conn`)."""
    if hasattr(conn, "cursor"):
        return conn
    if callable(getattr(conn, "connection", None)):  # a Session
        conn = conn.connection()
    return conn.connection.driver_connection


# --- what the dashboard reads ----------------------------------------------------------------

def covers(s: Any, start: dt.date, end: dt.date, committees: Any) -> bool:
    """The monthly figures answer for the days start..end and the committees (a SELECT of
    their ids, None: every committee): at a CRSS (a committee's database keeps none), whole
    months, and none of them noted stale."""
    if start.day != 1 or (end + dt.timedelta(days=1)).day != 1:
        return False
    if settings.read(s, settings.MODE) != settings.CRSS_MODE:
        return False
    st = m.MonthlyStale
    noted = select(st.committee_id).limit(1)
    if committees is not None:
        noted = noted.where(st.committee_id.in_(committees))
    return s.scalar(noted) is None


def _months(model: Any, start: dt.date, end: dt.date, committees: Any) -> list[Any]:
    where = [model.month >= start.isoformat()[:7], model.month <= end.isoformat()[:7]]
    if committees is not None:
        where.append(model.committee_id.in_(committees))
    return where


def by_month(s: Any, start: dt.date, end: dt.date, committees: Any) -> list[tuple]:
    """Per month with a held meeting, in order: (month, meetings with someone present,
    present, members present, members recorded, women, youth, meetings with an FDS, men)."""
    ma = m.MonthlyAttendance
    return [tuple(r) for r in s.execute(
        select(ma.month, func.sum(ma.meetings), func.sum(ma.present),
               func.sum(ma.members_present), func.sum(ma.members_recorded),
               func.sum(ma.women), func.sum(ma.youth), func.sum(ma.fds_meetings),
               func.sum(ma.men))
        .where(*_months(ma, start, end, committees)).group_by(ma.month).order_by(ma.month))]


def by_corps(s: Any, start: dt.date, end: dt.date, committees: Any) -> list[tuple]:
    """(corps, presences, meetings where it was present), most present first."""
    mc = m.MonthlyCorps
    n = func.sum(mc.present)
    return [tuple(r) for r in s.execute(
        select(mc.corps, n, func.sum(mc.meetings))
        .where(*_months(mc, start, end, committees))
        .group_by(mc.corps).order_by(n.desc(), mc.corps))]


__all__ = ["refresh", "covers", "by_month", "by_corps"]
