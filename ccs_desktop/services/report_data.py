"""What the periodic report says (issue 17), each figure one small SQL statement over the
scope: a committee's own records, or at the CRSS the nation or one region.

Nothing restricted is read (threats marked restricted, the recommendations answering only
them, the restricted notes), no phone and no name: the report circulates. At the CRSS the
lists are grouped (by region, cercle or committee code) instead of printing every meeting of
800 committees. The committee dashboard (services/dashboard.py) computes the same figures
for the screen; the two may be merged later. As there, a region is the register's
(crss_register: a committee's own record may say otherwise, the register wins). A
recommendation still open is overdue when its deadline is before the day after the period's
end, never after today (`overdue_cutoff`).
"""

from __future__ import annotations

import datetime as dt
import statistics
from dataclasses import dataclass, field

from sqlalchemy import text
from sqlalchemy.orm import Session

from ..db import models as m
from ..db import settings
from ..db.engine import Database

HELD = "('held', 'adopted')"
OPEN = "('formulated', 'transmitted', 'in_progress')"
# (after "FROM recommendations r"): made at a live meeting of the period, in the scope
MADE_IN_PERIOD = ("JOIN meetings mt ON mt.id = r.meeting_id WHERE r.deleted_at IS NULL AND "
                  "mt.deleted_at IS NULL AND r.committee_id IN ({SCOPE}) AND mt.date BETWEEN "
                  ":start AND :end")
# a recommendation linked to a restricted threat is left out with it (its text may tell the
# complaint; services.recommendations.answers_restricted is the same rule for the lists)
NOT_RESTRICTED_REC = ("NOT EXISTS (SELECT 1 FROM recommendation_threats rt JOIN threats t "
                      "ON t.id = rt.threat_id WHERE rt.recommendation_id = r.id "
                      "AND t.is_restricted)")


@dataclass(frozen=True)
class Scope:
    """Whose records: one committee (its id), or at the CRSS a region or the nation."""

    crss: bool
    committee_id: int | None = None
    region: str | None = None

    def committees_sql(self) -> str:
        """SELECT of the committee ids in scope (bound parameters :scope_cid, :scope_region):
        a region's are those the register places there (services.dashboard.Scope's)."""
        if self.committee_id is not None:
            return "SELECT :scope_cid"
        if self.region:
            return ("SELECT id FROM committees WHERE deleted_at IS NULL AND uuid IN (SELECT "
                    "committee_uuid FROM crss_register WHERE region = :scope_region)")
        return "SELECT id FROM committees WHERE deleted_at IS NULL"

    def params(self) -> dict:
        return {"scope_cid": self.committee_id, "scope_region": self.region}


def scope_of(db: Database, region: str | None = None) -> Scope:
    """The scope of a report on this database: its own committee, or the CRSS's."""
    with db.session() as s:
        if settings.read(s, settings.MODE) == settings.CRSS_MODE:
            return Scope(True, region=region or None)
        uid = settings.read(s, settings.OWN_COMMITTEE)
        cid = s.execute(text("SELECT id FROM committees WHERE uuid = :u"), {"u": uid}).scalar()
    return Scope(False, committee_id=cid)


def overdue_cutoff(end: dt.date, today: dt.date | None = None) -> dt.date:
    """An open recommendation is overdue when its deadline is before this day: the day after
    the period's end, never after today (services.dashboard.overdue_cutoff)."""
    from .dashboard import overdue_cutoff as cutoff

    return cutoff(end, today or dt.date.today())


def _q(s: Session, sql: str, scope: Scope, start: dt.date, end: dt.date,  # noqa: ANN202
       **kw: object):
    params = {**scope.params(), "start": start.isoformat(), "end": end.isoformat(), **kw}
    return s.execute(text(sql.replace("{SCOPE}", scope.committees_sql())), params)


# --------------------------------------------------------------------------- key figures

@dataclass(frozen=True)
class KeyFigures:
    committees: int
    months: int
    meetings: int
    held: int
    not_held: int
    not_held_reasons: dict[str, int]
    months_with_meeting: int   # committee-months with a held meeting
    attendance_avg: float | None  # present per held meeting
    members: int
    members_women: int
    members_youth: int
    attendees: int            # present attendances at held meetings
    attendees_women: int
    attendees_youth: int
    fds_by_corps: dict[str, int]
    threats_by_level: dict[str, int]   # active, not restricted
    recs_total: int           # formulated in the period
    recs_open: int
    recs_implemented: int
    recs_overdue: int         # open, deadline before overdue_cutoff
    recs_by_status: dict[str, int]
    median_days_by_addressee: dict[str, float] = field(default_factory=dict)
    activities: int = 0
    reached: tuple[int, int, int, int] = (0, 0, 0, 0)  # men, women, young men, young women


def _months(start: dt.date, end: dt.date) -> int:
    return (end.year - start.year) * 12 + end.month - start.month + 1


def key_figures(db: Database, scope: Scope, start: dt.date, end: dt.date, *,
                today: dt.date | None = None) -> KeyFigures:
    cutoff = overdue_cutoff(end, today).isoformat()
    with db.session() as s:
        committees = int(_q(s, "SELECT COUNT(*) FROM ({SCOPE})", scope, start, end).scalar())
        meet = _q(s, "SELECT COUNT(*), SUM(status IN " + HELD + "), SUM(status = 'not_held'), "
                  "COUNT(DISTINCT CASE WHEN status IN " + HELD + " THEN committee_id || '-' "
                  "|| substr(date, 1, 7) END) FROM meetings WHERE deleted_at IS NULL AND "
                  "committee_id IN ({SCOPE}) AND date BETWEEN :start AND :end",
                  scope, start, end).one()
        reasons = dict(_q(s, "SELECT COALESCE(not_held_reason, ''), COUNT(*) FROM meetings "
                          "WHERE deleted_at IS NULL AND committee_id IN ({SCOPE}) AND status "
                          "= 'not_held' AND date BETWEEN :start AND :end GROUP BY 1",
                          scope, start, end).all())
        att_rows = _q(s, "SELECT p.category = 'fds', COALESCE(p.fds_corps, ''), COUNT(*), "
                      "SUM(p.sex = 'F'), SUM(p.is_youth) FROM attendance a JOIN meetings mt "
                      "ON mt.id = a.meeting_id JOIN people p ON p.id = a.person_id WHERE "
                      "a.deleted_at IS NULL AND mt.deleted_at IS NULL AND a.status = "
                      "'present' AND mt.status IN " + HELD + " AND mt.committee_id IN "
                      "({SCOPE}) AND mt.date BETWEEN :start AND :end GROUP BY 1, 2",
                      scope, start, end).all()
        att = tuple(sum(int(r[i] or 0) for r in att_rows) for i in (2, 3, 4))
        corps = {r[1]: int(r[2]) for r in att_rows if r[0]}
        mem = _q(s, "SELECT COUNT(*), SUM(sex = 'F'), SUM(is_youth) FROM people WHERE "
                 "deleted_at IS NULL AND is_member AND is_active AND committee_id IN ({SCOPE})",
                 scope, start, end).one()
        levels = dict(_q(s, "SELECT level, COUNT(*) FROM threats WHERE deleted_at IS NULL AND "
                         "NOT is_restricted AND status = 'active' AND committee_id IN ({SCOPE})"
                         " GROUP BY level", scope, start, end).all())
        # the recommendations made at a (live) meeting of the period, as the dashboard's
        recs = dict(_q(s, "SELECT r.status, COUNT(*) FROM recommendations r " + MADE_IN_PERIOD
                       + " AND " + NOT_RESTRICTED_REC + " GROUP BY r.status",
                       scope, start, end).all())
        overdue = int(_q(s, "SELECT COUNT(*) FROM recommendations r " + MADE_IN_PERIOD +
                         " AND r.status IN " + OPEN + " AND r.deadline < :cutoff AND "
                         + NOT_RESTRICTED_REC, scope, start, end, cutoff=cutoff).scalar() or 0)
        delays: dict[str, list[float]] = {}
        for addressee, days in _q(
                s, "SELECT r.addressee, julianday(MIN(f.date)) - julianday(mt.date) FROM "
                "recommendations r JOIN meetings mt ON mt.id = r.meeting_id JOIN "
                "recommendation_followups f ON f.recommendation_id = r.id AND f.deleted_at IS "
                "NULL AND f.status = 'implemented' WHERE r.deleted_at IS NULL AND "
                "r.committee_id IN ({SCOPE}) AND f.date BETWEEN :start AND :end AND "
                + NOT_RESTRICTED_REC + " GROUP BY r.id", scope, start, end):
            delays.setdefault(addressee or "", []).append(float(days))
        act = _q(s, "SELECT COUNT(*), SUM(reached_men), SUM(reached_women), "
                 "SUM(reached_young_men), SUM(reached_young_women) FROM activities WHERE "
                 "deleted_at IS NULL AND committee_id IN ({SCOPE}) AND date BETWEEN :start AND "
                 ":end", scope, start, end).one()
    held = int(meet[1] or 0)
    return KeyFigures(
        committees=committees, months=_months(start, end), meetings=int(meet[0] or 0),
        held=held, not_held=int(meet[2] or 0), not_held_reasons=reasons,
        months_with_meeting=int(meet[3] or 0),
        attendance_avg=(int(att[0] or 0) / held) if held else None,
        members=int(mem[0] or 0), members_women=int(mem[1] or 0),
        members_youth=int(mem[2] or 0), attendees=int(att[0] or 0),
        attendees_women=int(att[1] or 0), attendees_youth=int(att[2] or 0),
        fds_by_corps=corps, threats_by_level=levels, recs_total=sum(recs.values()),
        recs_open=sum(v for k, v in recs.items() if k in ("formulated", "transmitted",
                                                          "in_progress")),
        recs_implemented=recs.get("implemented", 0), recs_overdue=overdue,
        recs_by_status=recs,
        median_days_by_addressee={k: statistics.median(v) for k, v in sorted(delays.items())},
        activities=int(act[0] or 0),
        reached=tuple(int(v or 0) for v in act[1:5]))  # type: ignore[arg-type]


# --------------------------------------------------------------------------- lists

@dataclass(frozen=True)
class MeetingLine:
    date: dt.date
    reference: str
    committee_code: str
    kind: str
    status: str
    not_held_reason: str
    present: int
    women: int
    youth: int


def meetings(db: Database, scope: Scope, start: dt.date, end: dt.date,
             limit: int = 400) -> list[MeetingLine]:
    """The meetings of the period with their attendance (counts only: no name)."""
    with db.session() as s:
        rows = _q(s, "SELECT mt.date, mt.reference, c.code, mt.kind, mt.status, "
                  "COALESCE(mt.not_held_reason, ''), COUNT(a.id), SUM(p.sex = 'F'), "
                  "SUM(p.is_youth) FROM meetings mt JOIN committees c ON c.id = mt.committee_id"
                  " LEFT JOIN attendance a ON a.meeting_id = mt.id AND a.deleted_at IS NULL "
                  "AND a.status = 'present' LEFT JOIN people p ON p.id = a.person_id "
                  "WHERE mt.deleted_at IS NULL AND mt.committee_id IN ({SCOPE}) AND mt.date "
                  "BETWEEN :start AND :end GROUP BY mt.id ORDER BY mt.date, c.code LIMIT :lim",
                  scope, start, end, lim=limit).all()
    return [MeetingLine(dt.date.fromisoformat(str(r[0])[:10]), r[1] or "", r[2] or "", r[3],
                        r[4], r[5], int(r[6] or 0), int(r[7] or 0), int(r[8] or 0))
            for r in rows]


@dataclass(frozen=True)
class GroupLine:
    """Meetings and follow-up of one region, cercle or committee (the CRSS's lists)."""

    name: str
    committees: int
    held: int
    not_held: int
    present: int
    women: int
    youth: int
    threats_active: int
    recs_open: int
    recs_overdue: int


def by_group(db: Database, scope: Scope, start: dt.date, end: dt.date, *,
             today: dt.date | None = None) -> list[GroupLine]:
    """At the CRSS: one line per region (the nation: the register's, else the committee's
    own record's) or per committee code (a region)."""
    key = "c.code" if scope.region else (
        "COALESCE((SELECT g.region FROM crss_register g WHERE g.committee_uuid = c.uuid "
        "ORDER BY g.id LIMIT 1), c.region)")
    with db.session() as s:
        rows = _q(s, f"""
WITH mt AS (
  SELECT committee_id AS cid, SUM(status IN {HELD}) AS held, SUM(status = 'not_held') AS nh
  FROM meetings WHERE deleted_at IS NULL AND committee_id IN ({{SCOPE}})
    AND date BETWEEN :start AND :end GROUP BY committee_id),
att AS (
  SELECT mt.committee_id AS cid, COUNT(*) AS present, SUM(p.sex = 'F') AS women,
         SUM(p.is_youth) AS youth
  FROM attendance a JOIN meetings mt ON mt.id = a.meeting_id JOIN people p ON p.id = a.person_id
  WHERE a.deleted_at IS NULL AND mt.deleted_at IS NULL AND a.status = 'present'
    AND mt.status IN {HELD} AND mt.committee_id IN ({{SCOPE}})
    AND mt.date BETWEEN :start AND :end GROUP BY mt.committee_id),
thr AS (
  SELECT committee_id AS cid, COUNT(*) AS n FROM threats WHERE deleted_at IS NULL
    AND NOT is_restricted AND status = 'active' AND committee_id IN ({{SCOPE}})
  GROUP BY committee_id),
rec AS (
  SELECT r.committee_id AS cid, COUNT(*) AS open_, SUM(r.deadline < :cutoff) AS overdue
  FROM recommendations r {MADE_IN_PERIOD} AND r.status IN {OPEN}
    AND {NOT_RESTRICTED_REC} GROUP BY r.committee_id)
SELECT {key} AS k, COUNT(*), SUM(mt.held), SUM(mt.nh), SUM(att.present), SUM(att.women),
       SUM(att.youth), SUM(thr.n), SUM(rec.open_), SUM(rec.overdue)
FROM committees c LEFT JOIN mt ON mt.cid = c.id LEFT JOIN att ON att.cid = c.id
  LEFT JOIN thr ON thr.cid = c.id LEFT JOIN rec ON rec.cid = c.id
WHERE c.id IN ({{SCOPE}}) GROUP BY k ORDER BY k""", scope, start, end,
                  cutoff=overdue_cutoff(end, today).isoformat()).all()
    return [GroupLine(r[0] or "", *(int(v or 0) for v in r[1:])) for r in rows]


@dataclass(frozen=True)
class ThreatLine:
    title: str
    committee_code: str
    type_code: str
    place: str
    level: str
    score: int
    trend: str
    status: str
    new: bool         # first reported in the period
    reassessed: int   # assessments in the period
    changed: bool     # updated in the period


def threats(db: Database, scope: Scope, start: dt.date, end: dt.date,
            limit: int = 60) -> list[ThreatLine]:
    """The register (not restricted): active or watched threats, and those that changed in
    the period, highest score first. No description (it may say who told), no source."""
    with db.session() as s:
        rows = _q(s, "SELECT t.title, c.code, t.type_code, t.place_name, t.level, t.score, "
                  "t.trend, t.status, t.first_reported BETWEEN :start AND :end, "
                  "(SELECT COUNT(*) FROM threat_assessments ta WHERE ta.threat_id = t.id AND "
                  "ta.deleted_at IS NULL AND ta.date BETWEEN :start AND :end), "
                  "substr(t.updated_at, 1, 10) BETWEEN :start AND :end "
                  "FROM threats t JOIN committees c ON c.id = t.committee_id "
                  "WHERE t.deleted_at IS NULL AND NOT t.is_restricted AND t.committee_id IN "
                  "({SCOPE}) AND t.first_reported <= :end AND (t.status IN ('active', "
                  "'watched') OR substr(t.updated_at, 1, 10) BETWEEN :start AND :end) "
                  "ORDER BY t.score DESC, t.first_reported DESC LIMIT :lim",
                  scope, start, end, lim=limit).all()
    return [ThreatLine(r[0] or "", r[1] or "", r[2] or "", r[3] or "", r[4] or "",
                       int(r[5] or 0), r[6] or "", r[7] or "", bool(r[8]), int(r[9] or 0),
                       bool(r[10])) for r in rows]


@dataclass(frozen=True)
class RecommendationLine:
    text: str
    committee_code: str
    addressee: str
    formulated_on: dt.date | None
    deadline: dt.date | None
    status: str
    status_date: dt.date | None
    overdue: bool


def _date(v: object) -> dt.date | None:
    return dt.date.fromisoformat(str(v)[:10]) if v else None


def recommendations(db: Database, scope: Scope, start: dt.date, end: dt.date,
                    limit: int = 80, *, today: dt.date | None = None
                    ) -> list[RecommendationLine]:
    """Formulated in the period, or still open: their follow-up."""
    with db.session() as s:
        rows = _q(s, "SELECT r.text, c.code, r.addressee, mt.date, r.deadline, r.status, "
                  "r.status_date, (r.status IN " + OPEN + " AND r.deadline < :cutoff) FROM "
                  "recommendations r JOIN committees c ON c.id = r.committee_id LEFT JOIN "
                  "meetings mt ON mt.id = r.meeting_id WHERE r.deleted_at IS NULL AND "
                  "r.committee_id IN ({SCOPE}) AND (mt.date IS NULL OR mt.date <= :end) AND "
                  "(mt.date BETWEEN :start AND :end OR r.status IN " + OPEN + " OR "
                  "r.status_date BETWEEN :start AND :end) AND " + NOT_RESTRICTED_REC +
                  " ORDER BY (r.status IN " + OPEN + ") DESC, r.deadline IS NULL, r.deadline,"
                  " mt.date LIMIT :lim", scope, start, end, lim=limit,
                  cutoff=overdue_cutoff(end, today).isoformat()).all()
    return [RecommendationLine(r[0] or "", r[1] or "", r[2] or "", _date(r[3]), _date(r[4]),
                               r[5] or "", _date(r[6]), bool(r[7])) for r in rows]


@dataclass(frozen=True)
class ActivityLine:
    date: dt.date
    committee_code: str
    kind: str
    title: str
    reached: tuple[int, int, int, int]


def activities(db: Database, scope: Scope, start: dt.date, end: dt.date,
               limit: int = 80) -> list[ActivityLine]:
    with db.session() as s:
        rows = _q(s, "SELECT a.date, c.code, a.kind, a.title, a.reached_men, a.reached_women, "
                  "a.reached_young_men, a.reached_young_women FROM activities a JOIN "
                  "committees c ON c.id = a.committee_id WHERE a.deleted_at IS NULL AND "
                  "a.committee_id IN ({SCOPE}) AND a.date BETWEEN :start AND :end "
                  "ORDER BY a.date LIMIT :lim", scope, start, end, lim=limit).all()
    return [ActivityLine(_date(r[0]) or start, r[1] or "", r[2] or "", r[3] or "",
                         (int(r[4] or 0), int(r[5] or 0), int(r[6] or 0), int(r[7] or 0)))
            for r in rows]


def header_committee(db: Database, scope: Scope) -> m.Committee | None:
    """The committee whose header the report carries (None at the CRSS)."""
    if scope.committee_id is None:
        return None
    with db.session() as s:
        c = s.get(m.Committee, scope.committee_id)
        if c is not None:
            s.expunge(c)
        return c
