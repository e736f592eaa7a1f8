"""The committee's dashboard (issue 17): the key figures of a period and the series of its
charts, every one counted in SQL (aggregates; no ORM row is loaded), handed to the screens as
small frozen values. Never imports Qt.

    board = dashboard(db, parse_period("2024-Q2"))
    board.meetings.months_held, board.heat[(4, 5)], drill_threat_cell(board, 4, 5)

What a period covers:
- meetings, attendance, activities: those dated in the period;
- recommendations: those made at a meeting of the period (their follow-up as it stands today;
  "overdue" = still open with a deadline before the period's end, or before today while the
  period runs: `overdue_cutoff`, as the periodic report counts them); with the restricted
  threats, the recommendations linked to one are left out;
- threats: the register as it stands today (a threat keeps no history of its status), and
  the five highest-scored active threats followed through the assessments of the period's
  held meetings;
- members: the active members today.
At the CRSS (issue 17) the same figures are computed for a `Scope`: the nation, a region or a
cercle (the register's places: crss_register, as the reporting rates read them) or one
committee. The scope is one `committee_id IN (SELECT ...)` pushed into every statement; a
scope of many committees counts committee-months (each committee's statutory rhythm) and draws
its per-meeting charts per month.
Restricted threats (complaints about FDS conduct) are left out unless `include_restricted`
(the dashboard is shown on a screen, sometimes at a meeting where FDS members sit; a reader
role, issue 13, never sees them). Every figure has its `drill`: the list and the ListQuery
filters that show the very records it counts.
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy import and_, case, distinct, func, literal, select, true

from ..db import models as m
from ..db.models_exchange import RegisterEntry
from ..domain import enums
from ..domain.threat_types import national_type
from ..i18n import _
from .crss import monthly as crss_monthly
from .export import Period
from .recommendations import answers_restricted

HELD = (enums.MeetingStatus.HELD.value, enums.MeetingStatus.ADOPTED.value)
PRESENT = enums.AttendanceStatus.PRESENT.value
ACTIVE = enums.ThreatStatus.ACTIVE.value
IMPLEMENTED = enums.RecommendationStatus.IMPLEMENTED.value
OPEN = tuple(sorted(enums.RecommendationStatus.open_codes()))
TARGET_SHARE = 0.30  # law 2015-052: 30% women in nominated bodies (partners apply it to youth)
TOP_THREATS = 5
NO_CORPS = ""  # an FDS member whose corps is not recorded


# --- values ----------------------------------------------------------------------------------

OWN, NATION, REGION, CERCLE, COMMITTEE = "own", "nation", "region", "cercle", "committee"
SCOPE_LEVELS = (NATION, REGION, CERCLE, COMMITTEE)


@dataclass(frozen=True, slots=True)
class Scope:
    """Whose records: "own" (every record of the database: a committee's own), or at the
    CRSS the nation, a region, a cercle (of a region) or one committee (its id)."""

    level: str = OWN
    region: str = ""
    cercle: str = ""
    committee_id: int | None = None

    @property
    def many(self) -> bool:
        """A scope of several committees (counted in committee-months, charted per month)."""
        return self.level in (NATION, REGION, CERCLE)

    def committees(self) -> Any:
        """SELECT of the committee ids in scope, None for every record of the database."""
        c, r = m.Committee, RegisterEntry
        if self.level == COMMITTEE:
            return select(literal(self.committee_id if self.committee_id is not None else 0))
        if self.level in (REGION, CERCLE):
            places = select(r.committee_uuid).where(r.committee_uuid.is_not(None),
                                                    r.region == self.region)
            if self.level == CERCLE:
                places = places.where(r.cercle == self.cercle)
            return select(c.id).where(c.deleted_at.is_(None), c.uuid.in_(places))
        return None


OWN_SCOPE = Scope()


def nation_scope() -> Scope:
    return Scope(NATION)


def region_scope(region: str) -> Scope:
    return Scope(REGION, region=region)


def cercle_scope(region: str, cercle: str) -> Scope:
    return Scope(CERCLE, region=region, cercle=cercle)


def committee_scope(committee_id: int) -> Scope:
    return Scope(COMMITTEE, committee_id=committee_id)

@dataclass(frozen=True, slots=True)
class Drill:
    """The list that shows what a figure counts: its kind and ListQuery filters."""

    kind: str
    filters: tuple[tuple[str, Any], ...]

    @property
    def filter_dict(self) -> dict[str, Any]:
        return {k: list(v) if isinstance(v, tuple) else v for k, v in self.filters}


def _drill(kind: str, **filters: Any) -> Drill:
    return Drill(kind, tuple((k, tuple(v) if isinstance(v, list) else v)
                             for k, v in filters.items()))


def _scoped(board: Any, kind: str, **filters: Any) -> Drill:
    """A drill narrowed to the board's committees (at the CRSS)."""
    if board.committee_ids is not None:
        filters["committee_id"] = list(board.committee_ids) or [0]
    return _drill(kind, **filters)


@dataclass(frozen=True, slots=True)
class Count:
    """A labelled count (a reason, a level, a status, a corps, a type)."""

    code: str
    label: str
    n: int


@dataclass(frozen=True, slots=True)
class Share:
    part: int
    whole: int

    @property
    def ratio(self) -> float | None:
        return self.part / self.whole if self.whole else None

    @property
    def meets_target(self) -> bool:
        return self.whole > 0 and self.part >= TARGET_SHARE * self.whole


@dataclass(frozen=True, slots=True)
class MeetingFigures:
    months_expected: int  # months of the period ended (since the installation), and the
    # month under way when its ordinary meeting is held
    months_held: int  # of which months with an ordinary meeting held
    held: int  # held or adopted, ordinary and extraordinary
    extraordinary_held: int
    not_held: int
    planned: int
    not_held_reasons: tuple[Count, ...]


@dataclass(frozen=True, slots=True)
class AttendanceFigures:
    meetings: int  # held meetings with attendance recorded
    present: int  # people present, summed over those meetings (guests included)
    members_present: int
    members_recorded: int  # members on the attendance lists (present, absent, excused)

    @property
    def average(self) -> float | None:
        return self.present / self.meetings if self.meetings else None

    @property
    def members_rate(self) -> float | None:
        return self.members_present / self.members_recorded if self.members_recorded else None


@dataclass(frozen=True, slots=True)
class Participation:
    """Women and young people among the active members and among those present."""

    members_women: Share
    members_youth: Share
    attendees_women: Share
    attendees_youth: Share


@dataclass(frozen=True, slots=True)
class CorpsAttendance:
    corps: str  # enums.FdsCorps code, or NO_CORPS
    label: str
    present: int  # presences summed over the held meetings
    meetings: int  # held meetings where the corps was present


@dataclass(frozen=True, slots=True)
class FdsFigures:
    held_meetings: int
    by_corps: tuple[CorpsAttendance, ...]
    meetings_with_fds: int


@dataclass(frozen=True, slots=True)
class ThreatFigures:
    active: int
    by_level: tuple[Count, ...]  # enums.RiskLevel order, highest first
    by_type: tuple[Count, ...]  # national type (code, label), most frequent first
    restricted_included: bool


@dataclass(frozen=True, slots=True)
class AddresseeDelay:
    addressee: str
    implemented: int
    median_days: float


@dataclass(frozen=True, slots=True)
class RecommendationFigures:
    total: int
    open: int
    implemented: int
    overdue: int
    by_status: tuple[Count, ...]  # enums.RecommendationStatus order
    median_days: float | None  # formulation (the meeting) to implementation, all addressees
    by_addressee: tuple[AddresseeDelay, ...]  # longest median first


@dataclass(frozen=True, slots=True)
class ActivityFigures:
    activities: int
    men: int
    women: int
    young_men: int
    young_women: int

    @property
    def reached(self) -> int:
        return self.men + self.women + self.young_men + self.young_women

    @property
    def reached_women(self) -> int:
        return self.women + self.young_women

    @property
    def reached_youth(self) -> int:
        return self.young_men + self.young_women


@dataclass(frozen=True, slots=True)
class MeetingPoint:
    """One held meeting of the period, on the x axis of the per-meeting charts."""

    meeting_id: int  # 0 for a month of a scope of many committees
    date: dt.date  # the meeting's, or the month's first day
    reference: str  # the meeting's, or the month (YYYY-MM)
    women: int  # present
    men: int
    youth: int


@dataclass(frozen=True, slots=True)
class ThreatTrack:
    """A highest-scored active threat and its score at each held meeting of the period (the
    latest assessment on or before the meeting's date; None before its first)."""

    threat_id: int
    title: str
    score: int  # today's
    scores: tuple[int | None, ...]


@dataclass(frozen=True, slots=True)
class Dashboard:
    period: Period
    today: dt.date
    include_restricted: bool
    meeting_ids: tuple[int, ...]  # every live meeting of the period (recommendations' scope)
    meetings: MeetingFigures
    attendance: AttendanceFigures
    participation: Participation
    fds: FdsFigures
    threats: ThreatFigures
    recommendations: RecommendationFigures
    activities: ActivityFigures
    heat: tuple[tuple[int, ...], ...]  # heat[likelihood-1][impact-1]: active threats
    points: tuple[MeetingPoint, ...]  # held meetings of the period, by date
    tracks: tuple[ThreatTrack, ...]
    scope: Scope = OWN_SCOPE
    #: the committees in scope (the lists' committee_id filter), None: every committee
    committee_ids: tuple[int, ...] | None = None
    #: the meetings of the period are more than a list filter takes (MAX_MEETING_IDS):
    #: meeting_ids is empty and the recommendations' lists are not narrowed to the period
    meetings_cut: bool = False

    @property
    def per_month(self) -> bool:
        """The per-meeting series are per month (a scope of many committees)."""
        return self.scope.many

    def cell(self, likelihood: int, impact: int) -> int:
        return self.heat[likelihood - 1][impact - 1]


# --- computing -------------------------------------------------------------------------------

def _iso(day: dt.date) -> str:
    return day.isoformat()


def _months_between(start: dt.date, end: dt.date) -> int:
    if end < start:
        return 0
    return (end.year - start.year) * 12 + end.month - start.month + 1


def _in_period(column: Any, period: Period) -> Any:
    return and_(column >= period.start, column <= period.end)


MAX_MEETING_IDS = 1000  # services.records.MAX_FILTER_VALUES: what a list filter takes


def dashboard(db: Any, period: Period, *, include_restricted: bool = False,
              today: dt.date | None = None, scope: Scope = OWN_SCOPE) -> Dashboard:
    """Every figure and series of `period` (services.export.Period) from the database `db`,
    for `scope` (every record of the database by default)."""
    today = today or dt.date.today()
    with db.session() as s:
        return _compute(s, period, include_restricted, today, scope)


def _compute(s: Any, period: Period, include_restricted: bool, today: dt.date,
             scope: Scope = OWN_SCOPE) -> Dashboard:
    mt, at, pe = m.Meeting, m.Attendance, m.Person
    in_scope_sql = scope.committees()
    committee_ids = (None if in_scope_sql is None
                     else tuple(int(i) for i in s.scalars(in_scope_sql)))

    def mine(column: Any) -> Any:
        return true() if in_scope_sql is None else column.in_(in_scope_sql)

    live_mt = and_(mt.deleted_at.is_(None), _in_period(mt.date, period), mine(mt.committee_id))
    held_mt = and_(live_mt, mt.status.in_(HELD))

    # meetings
    this_month = today.replace(day=1)
    ordinary_held = and_(mt.status.in_(HELD), mt.kind == enums.MeetingKind.ORDINARY.value)
    if scope.level == OWN:
        month_key, held_key = func.substr(mt.date, 1, 7), literal(1)
    else:
        month_key = mt.committee_id.op("||")("-").op("||")(func.substr(mt.date, 1, 7))
        held_key = mt.committee_id
    counts = s.execute(select(
        func.count(),
        func.coalesce(func.sum(case((mt.status.in_(HELD), 1), else_=0)), 0),
        func.coalesce(func.sum(case((and_(mt.status.in_(HELD),
                                          mt.kind == enums.MeetingKind.EXTRAORDINARY.value),
                                     1), else_=0)), 0),
        func.coalesce(func.sum(case((mt.status == enums.MeetingStatus.NOT_HELD.value, 1),
                                    else_=0)), 0),
        func.coalesce(func.sum(case((mt.status == enums.MeetingStatus.PLANNED.value, 1),
                                    else_=0)), 0),
        # months (committee-months at the CRSS) with an ordinary meeting held
        func.count(distinct(case((and_(ordinary_held, mt.date <= today), month_key)))),
        func.count(distinct(case((and_(ordinary_held, mt.date >= this_month,
                                       mt.date <= today), held_key)))),
    ).where(live_mt)).one()
    _all, held, extra, not_held, planned, months_held, this_month_held = (
        int(x or 0) for x in counts)
    reasons = tuple(
        Count(code or "", enums.NotHeldReason.label_of(code) if code else _("No reason given"),
              int(n))
        for code, n in s.execute(
            select(mt.not_held_reason, func.count()).where(
                live_mt, mt.status == enums.MeetingStatus.NOT_HELD.value)
            .group_by(mt.not_held_reason).order_by(func.count().desc(), mt.not_held_reason)))
    last_ended = min(period.end, this_month - dt.timedelta(days=1))
    if scope.level == OWN:
        installed = s.execute(select(func.min(m.Committee.installed_on))
                              .where(m.Committee.deleted_at.is_(None))).scalar()
        first = max(period.start, installed.replace(day=1) if installed else period.start)
        # the months ended, and the month under way once its meeting is held (not late before)
        months_expected = _months_between(first, last_ended)
        if period.start <= today <= period.end and first <= today:
            months_expected += this_month_held
    else:
        months_expected = _committee_months(s, in_scope_sql, period, last_ended)
        if period.start <= today <= period.end:
            months_expected += this_month_held
    meeting_ids = tuple(s.scalars(select(mt.id).where(live_mt).order_by(mt.date, mt.id)
                                  .limit(MAX_MEETING_IDS + 1)))
    meetings_cut = len(meeting_ids) > MAX_MEETING_IDS
    if meetings_cut:
        meeting_ids = ()

    # attendance at the held meetings
    att_join = (select().select_from(at).join(mt, mt.id == at.meeting_id)
                .join(pe, pe.id == at.person_id))
    present = at.status == PRESENT
    att_cols = (
        func.count(distinct(case((present, at.meeting_id)))),
        func.coalesce(func.sum(case((present, 1), else_=0)), 0),
        func.coalesce(func.sum(case((and_(present, at.is_guest.is_(False)), 1), else_=0)), 0),
        func.coalesce(func.sum(case((at.is_guest.is_(False), 1), else_=0)), 0),
        func.coalesce(func.sum(case((and_(present, pe.sex == enums.Sex.F.value), 1),
                                    else_=0)), 0),
        func.coalesce(func.sum(case((and_(present, pe.is_youth.is_(True)), 1), else_=0)), 0),
        func.count(distinct(case((and_(present, pe.category == enums.Category.FDS.value),
                                  at.meeting_id)))),
    )
    monthly: list[Any] = []
    # many committees, whole months: the figures kept per committee and month
    # (services.crss.monthly) rather than all their attendance
    kept = scope.many and crss_monthly.covers(s, period.start, period.end, in_scope_sql)
    if kept:
        monthly = crss_monthly.by_month(s, period.start, period.end, in_scope_sql)
    elif scope.many:
        # one pass over the attendance of many committees: the figures per month (each
        # meeting is in one month: the distinct counts add up), summed here, and the
        # per-month series of the charts
        month = func.substr(mt.date, 1, 7)
        monthly = s.execute(
            select(month, *att_cols,
                   func.coalesce(func.sum(case((and_(present, pe.sex == enums.Sex.H.value), 1),
                                               else_=0)), 0))
            .select_from(mt)
            .outerjoin(at, and_(at.meeting_id == mt.id, at.deleted_at.is_(None)))
            .outerjoin(pe, pe.id == at.person_id)
            .where(held_mt).group_by(month).order_by(month)).all()
    if scope.many:
        a = tuple(sum(int(r[i] or 0) for r in monthly) for i in range(1, 8))
    else:
        a = s.execute(att_join.add_columns(*att_cols)
                      .where(at.deleted_at.is_(None), held_mt)).one()
    n_meet, n_present, members_present, members_recorded, att_women, att_youth, with_fds = (
        int(x or 0) for x in a)
    attendance = AttendanceFigures(n_meet, n_present, members_present, members_recorded)

    member = and_(pe.deleted_at.is_(None), pe.is_member.is_(True), pe.is_active.is_(True))
    mem = s.execute(select(
        func.count(),
        func.coalesce(func.sum(case((pe.sex == enums.Sex.F.value, 1), else_=0)), 0),
        func.coalesce(func.sum(case((pe.is_youth.is_(True), 1), else_=0)), 0),
    ).where(member, mine(pe.committee_id))).one()
    n_members, mem_women, mem_youth = (int(x or 0) for x in mem)
    participation = Participation(Share(mem_women, n_members), Share(mem_youth, n_members),
                                  Share(att_women, n_present), Share(att_youth, n_present))

    # FDS at the held meetings, by corps (coalesce: the index on the category would start
    # from every FDS member's attendance of all years, not from the period's meetings)
    fds = and_(at.deleted_at.is_(None), held_mt, present,
               func.coalesce(pe.category, "") == enums.Category.FDS.value)
    corps = func.coalesce(pe.fds_corps, NO_CORPS)
    corps_rows = (crss_monthly.by_corps(s, period.start, period.end, in_scope_sql) if kept
                  else s.execute(att_join.add_columns(corps, func.count(),
                                                      func.count(distinct(at.meeting_id)))
                                 .where(fds).group_by(corps)
                                 .order_by(func.count().desc(), corps)))
    by_corps = tuple(
        CorpsAttendance(code, enums.FdsCorps.label_of(code) if code else _("Corps not given"),
                        int(n), int(k))
        for code, n, k in corps_rows)
    fds_figures = FdsFigures(held, by_corps, with_fds)

    # threats: the register today
    th = m.Threat
    active = and_(th.deleted_at.is_(None), th.status == ACTIVE, mine(th.committee_id))
    if not include_restricted:
        active = and_(active, th.is_restricted.is_(False))
    levels = dict(s.execute(select(th.level, func.count()).where(active).group_by(th.level))
                  .all())
    by_level = tuple(Count(lv.value, lv.label, int(levels.get(lv.value, 0)))
                     for lv in reversed(list(enums.RiskLevel)))
    grid = [[0] * 5 for _i in range(5)]
    for lk, im, n in s.execute(select(th.likelihood, th.impact, func.count()).where(active)
                               .group_by(th.likelihood, th.impact)):
        if 1 <= lk <= 5 and 1 <= im <= 5:
            grid[lk - 1][im - 1] = int(n)
    tt = m.ThreatType
    top_code = func.coalesce(tt.parent_code, tt.code)
    typed = s.execute(select(top_code, func.count()).select_from(th)
                      .join(tt, tt.code == th.type_code).where(active)
                      .group_by(top_code).order_by(func.count().desc(), top_code)).all()
    labels = dict(s.execute(select(tt.code, tt.label).where(
        tt.code.in_([code for code, _n in typed]))).all())
    by_type = tuple(Count(code, _type_label(code, labels.get(code, code)), int(n))
                    for code, n in typed)
    threats = ThreatFigures(sum(levels.values()), by_level, by_type, include_restricted)

    # recommendations made at the period's meetings
    recs = _recommendations(s, live_mt if include_restricted
                            else and_(live_mt, ~answers_restricted()),
                            overdue_cutoff(period.end, today))

    # activities
    ac = m.Activity
    act = s.execute(select(
        func.count(), func.coalesce(func.sum(ac.reached_men), 0),
        func.coalesce(func.sum(ac.reached_women), 0),
        func.coalesce(func.sum(ac.reached_young_men), 0),
        func.coalesce(func.sum(ac.reached_young_women), 0),
    ).where(ac.deleted_at.is_(None), _in_period(ac.date, period),
            mine(ac.committee_id))).one()
    activities = ActivityFigures(*(int(x or 0) for x in act))

    # per held meeting (per month for many committees): attendance by sex, and the five
    # highest threats' scores
    joined = and_(at.meeting_id == mt.id, at.deleted_at.is_(None), at.status == PRESENT)
    sexes = (func.sum(case((pe.sex == enums.Sex.F.value, 1), else_=0)),
             func.sum(case((pe.sex == enums.Sex.H.value, 1), else_=0)),
             func.sum(case((pe.is_youth.is_(True), 1), else_=0)))
    if scope.many:
        points = tuple(
            MeetingPoint(0, dt.date(int(r[0][:4]), int(r[0][5:7]), 1), r[0], int(r[5] or 0),
                         int(r[8] or 0), int(r[6] or 0)) for r in monthly)
        tracks = _month_tracks(s, active, [p.date for p in points])
    else:
        points = tuple(
            MeetingPoint(mid, day, ref or "", int(w or 0), int(h or 0), int(y or 0))
            for mid, day, ref, w, h, y in s.execute(
                select(mt.id, mt.date, mt.reference, *sexes)
                .select_from(mt).outerjoin(at, joined).outerjoin(pe, pe.id == at.person_id)
                .where(held_mt).group_by(mt.id).order_by(mt.date, mt.id)))
        tracks = _tracks(s, active, held_mt, [p.meeting_id for p in points])
    return Dashboard(period, today, include_restricted, meeting_ids,
                     MeetingFigures(months_expected, months_held, held, extra, not_held,
                                    planned, reasons),
                     attendance, participation, fds_figures, threats, recs, activities,
                     tuple(tuple(row) for row in grid), points, tracks, scope, committee_ids,
                     meetings_cut)


def _committee_months(s: Any, in_scope_sql: Any, period: Period, last_ended: dt.date) -> int:
    """The months ended of the period summed over the committees in scope, each from its
    installation month (the period's start when not known): one row per installation
    month."""
    c = m.Committee
    month = func.substr(c.installed_on, 1, 7)
    where = [c.deleted_at.is_(None)]
    if in_scope_sql is not None:
        where.append(c.id.in_(in_scope_sql))
    total = 0
    for installed, n in s.execute(select(month, func.count()).where(*where).group_by(month)):
        first = period.start
        if installed:
            first = max(first, dt.date(int(installed[:4]), int(installed[5:7]), 1))
        total += int(n) * _months_between(first, last_ended)
    return total


def _type_label(code: str, stored: str) -> str:
    seed = national_type(code)
    return seed.label if seed is not None else stored


def overdue_cutoff(end: dt.date, today: dt.date) -> dt.date:
    """An open recommendation is overdue, in a period ending on `end`, when its deadline is
    before this day: the day after the period's end, never after today (the dashboard, the
    comparison of committees and the periodic report count it so)."""
    return min(end + dt.timedelta(days=1), today)


def _recommendations(s: Any, live_mt: Any, cutoff: dt.date) -> RecommendationFigures:
    rc, mt, fu = m.Recommendation, m.Meeting, m.RecommendationFollowup
    scope = and_(rc.deleted_at.is_(None), live_mt)
    base = select().select_from(rc).join(mt, mt.id == rc.meeting_id)
    is_open = rc.status.in_(OPEN)
    # (overdue counted in the same pass: on its own, the planner would start from the
    # deadline's index, every year's recommendations)
    counted = s.execute(base.add_columns(
        rc.status, func.count(),
        func.coalesce(func.sum(case((and_(is_open, rc.deadline < cutoff), 1), else_=0)), 0))
        .where(scope).group_by(rc.status)).all()
    statuses = {st: n for st, n, _late in counted}
    overdue = sum(int(late or 0) for _st, _n, late in counted)
    by_status = tuple(Count(st.value, st.label, int(statuses.get(st.value, 0)))
                      for st in enums.RecommendationStatus)
    # the day it was implemented: its follow-up "implemented" (the first), else its status date
    done_on = (select(func.min(fu.date)).where(fu.recommendation_id == rc.id,
                                                fu.deleted_at.is_(None), fu.status == IMPLEMENTED)
               .correlate(rc).scalar_subquery())
    days = func.julianday(func.coalesce(done_on, rc.status_date)) - func.julianday(mt.date)
    delays = (base.add_columns(rc.addressee.label("addressee"), days.label("days"))
              .where(scope, rc.status == IMPLEMENTED,
                     func.coalesce(done_on, rc.status_date).is_not(None))
              .subquery())
    by_addressee = tuple(AddresseeDelay(a or "", int(n), float(med)) for a, n, med in
                         s.execute(_median(delays, delays.c.addressee))
                         if med is not None)
    overall = s.execute(_median(delays, None)).first()
    total = sum(int(n) for n in statuses.values())
    return RecommendationFigures(
        total, sum(int(statuses.get(c, 0)) for c in OPEN), int(statuses.get(IMPLEMENTED, 0)),
        overdue, by_status, float(overall[2]) if overall and overall[2] is not None else None,
        tuple(sorted(by_addressee, key=lambda d: (-d.median_days, d.addressee))))


def _median(delays: Any, group: Any) -> Any:
    """(group, count, median of `days`) in SQL: the rows numbered in order within their
    group, the middle one (or the mean of the middle two) kept."""
    part = [group] if group is not None else []
    ranked = select(
        (group if group is not None else literal("")).label("g"), delays.c.days,
        func.row_number().over(partition_by=part, order_by=delays.c.days).label("rn"),
        func.count().over(partition_by=part).label("n"),
    ).subquery()
    # (n + 1) / 2 and (n + 2) / 2 in integer division: one middle row or the two
    middle = ranked.c.rn.in_([(ranked.c.n + 1) // 2, (ranked.c.n + 2) // 2])
    return (select(ranked.c.g, func.max(ranked.c.n), func.avg(ranked.c.days))
            .where(middle).group_by(ranked.c.g).order_by(ranked.c.g))


def _tracks(s: Any, active: Any, held_mt: Any, meeting_ids: list[int]) -> tuple[ThreatTrack, ...]:
    th, mt, ta = m.Threat, m.Meeting, m.ThreatAssessment
    top = s.execute(select(th.id, th.title, th.score).where(active)
                    .order_by(th.score.desc(), th.id).limit(TOP_THREATS)).all()
    if not top or not meeting_ids:
        return tuple(ThreatTrack(tid, title, int(score), ()) for tid, title, score in top)
    latest = (select(ta.score).where(ta.threat_id == th.id, ta.deleted_at.is_(None),
                                     ta.date <= mt.date)
              .order_by(ta.date.desc(), ta.id.desc()).limit(1)
              .correlate(th, mt).scalar_subquery())
    found = {(tid, mid): sc for tid, mid, sc in s.execute(
        select(th.id, mt.id, latest).select_from(th).join(mt, true())
        .where(th.id.in_([t[0] for t in top]), held_mt))}
    return tuple(ThreatTrack(tid, title, int(score),
                             tuple(found.get((tid, mid)) for mid in meeting_ids))
                 for tid, title, score in top)


def _month_tracks(s: Any, active: Any, months: list[dt.date]) -> tuple[ThreatTrack, ...]:
    """The five highest threats in scope and, at the end of each month, their latest
    assessment (their few assessments read once, the latest per month found here)."""
    th, ta = m.Threat, m.ThreatAssessment
    top = s.execute(select(th.id, th.title, th.score).where(active)
                    .order_by(th.score.desc(), th.id).limit(TOP_THREATS)).all()
    if not top or not months:
        return tuple(ThreatTrack(tid, title, int(score), ()) for tid, title, score in top)
    ends = [dt.date(d.year, d.month, calendar.monthrange(d.year, d.month)[1]) for d in months]
    rows: dict[int, list[tuple[dt.date, int]]] = {}
    for tid, day, score in s.execute(
            select(ta.threat_id, ta.date, ta.score)
            .where(ta.threat_id.in_([t[0] for t in top]), ta.deleted_at.is_(None),
                   ta.date <= ends[-1]).order_by(ta.threat_id, ta.date, ta.id)):
        rows.setdefault(tid, []).append((day, score))
    out = []
    for tid, title, score in top:
        seen = rows.get(tid, [])
        scores: list[int | None] = []
        for end in ends:
            before = [sc for day, sc in seen if day <= end]
            scores.append(before[-1] if before else None)
        out.append(ThreatTrack(tid, title, int(score), tuple(scores)))
    return tuple(out)


# --- what each figure opens ----------------------------------------------------------------

def _threat_scope(board: Dashboard, **filters: Any) -> Drill:
    if not board.include_restricted:
        filters["is_restricted"] = False
    return _scoped(board, "threats", status=ACTIVE, **filters)


def _period_dates(board: Dashboard) -> dict[str, dt.date]:
    return {"date_from": board.period.start, "date_to": board.period.end}


def drill_meetings(board: Dashboard, status: str | tuple[str, ...] | None = None,
                   **filters: Any) -> Drill:
    if status is not None:
        filters["status"] = list(status) if isinstance(status, tuple) else status
    return _scoped(board, "meetings", **_period_dates(board), **filters)


def drill_held(board: Dashboard) -> Drill:
    return drill_meetings(board, HELD)


def drill_not_held(board: Dashboard, reason: str | None = None) -> Drill:
    extra = {"not_held_reason": reason} if reason else {}
    return drill_meetings(board, enums.MeetingStatus.NOT_HELD.value, **extra)


def drill_meeting(board: Dashboard, meeting_id: int) -> Drill:
    return _drill("meetings", id=meeting_id)


def drill_month(board: Dashboard, first_day: dt.date) -> Drill:
    """The held meetings of one month of the board (a scope of many committees)."""
    last = dt.date(first_day.year, first_day.month,
                   calendar.monthrange(first_day.year, first_day.month)[1])
    return _scoped(board, "meetings", date_from=max(first_day, board.period.start),
                   date_to=min(last, board.period.end), status=list(HELD))


def drill_threats(board: Dashboard, level: str | None = None) -> Drill:
    return _threat_scope(board, **({"level": level} if level else {}))


def drill_threat_cell(board: Dashboard, likelihood: int, impact: int) -> Drill:
    return _threat_scope(board, likelihood=likelihood, impact=impact)


def drill_threat_type(board: Dashboard, code: str) -> Drill:
    return _threat_scope(board, type=code)


def drill_threat(board: Dashboard, threat_id: int) -> Drill:
    return _drill("threats", id=threat_id)


def drill_recommendations(board: Dashboard, which: str | None = None,
                          addressee: str | None = None) -> Drill:
    """which: None (all of the period), "open", "implemented", "overdue" or a status code."""
    # made at the period's meetings: by their ids, or by their dates when they are too many
    filters: dict[str, Any] = (
        {"made_between": (board.period.start, board.period.end)} if board.meetings_cut
        else {"meeting_id": list(board.meeting_ids) or [0]})
    if not board.include_restricted:
        filters["not_restricted"] = True
    if which == "open":
        filters["open"] = True
    elif which == "overdue":
        filters["overdue"] = overdue_cutoff(board.period.end, board.today)
    elif which:
        filters["status"] = which
    if addressee is not None:
        filters["addressee"] = addressee
    return _scoped(board, "recommendations", **filters)


def drill_activities(board: Dashboard) -> Drill:
    return _scoped(board, "activities", **_period_dates(board))


def drill_members(board: Dashboard, **filters: Any) -> Drill:
    return _scoped(board, "people", is_member=True, is_active=True, **filters)


def drill_fds(board: Dashboard, corps: str | None = None) -> Drill:
    extra = {"fds_corps": corps} if corps else {}
    return drill_members(board, category=enums.Category.FDS.value, **extra)


def month_period(year: int, month: int) -> Period:
    return Period(dt.date(year, month, 1),
                  dt.date(year, month, calendar.monthrange(year, month)[1]),
                  f"{year:04d}-{month:02d}")


def custom_period(start: dt.date, end: dt.date) -> Period:
    """A span of days chosen in the calendar (both ends included; swapped if reversed)."""
    if end < start:
        start, end = end, start
    return Period(start, end, f"{start.isoformat()}..{end.isoformat()}")
