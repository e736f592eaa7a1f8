"""The committee dashboard (issue 17): every figure against a count made directly in SQL on
the file (tests/rawdb), on the demo database and on a bigger generated one; every figure's
drill-down list counts what the figure counts; the figures are computed with aggregates."""

from __future__ import annotations

import rawdb  # noqa: F401, I001

import dataclasses
import datetime as dt
import statistics

import pytest
from sqlalchemy import event

from ccs_desktop.db.engine import open_database
from ccs_desktop.services import dashboard as dash
from ccs_desktop.services.demo import generate_demo
from ccs_desktop.services.export import parse_period
from ccs_desktop.services.hub import Services
from ccs_desktop.services.records import ListQuery

TODAY = dt.date.today()
PERIODS = ("2025", f"{TODAY.year}-Q{(TODAY.month - 1) // 3 + 1}",
           f"{TODAY.year - 1}-{TODAY.month:02d}", f"{TODAY.year - 2}-01..{TODAY.year}-12")


@pytest.fixture(scope="module")
def big_db(tmp_path_factory):
    folder = tmp_path_factory.mktemp("dash-big")
    db = open_database(folder)
    generate_demo(db, seed=7, committees=3, years=6)
    yield db
    db.close()


def _one(con, sql, *args):
    return con.execute(sql, args).fetchone()


def _check(db, text: str, include_restricted: bool = False) -> None:
    period = parse_period(text)
    board = dash.dashboard(db, period, include_restricted=include_restricted, today=TODAY)
    con = rawdb.connect(db.path)
    a, b = period.start.isoformat(), period.end.isoformat()
    held = "('held','adopted')"
    live = "m.deleted_at IS NULL AND m.date BETWEEN ? AND ?"
    try:
        # meetings
        n_held, n_extra, n_not, n_planned = _one(con, f"""
            SELECT SUM(status IN {held}), SUM(status IN {held} AND kind='extraordinary'),
                   SUM(status='not_held'), SUM(status='planned')
            FROM meetings m WHERE {live}""", a, b)
        mf = board.meetings
        assert (mf.held, mf.extraordinary_held, mf.not_held, mf.planned) == (
            n_held or 0, n_extra or 0, n_not or 0, n_planned or 0)
        months = {r[0] for r in con.execute(f"""
            SELECT strftime('%Y-%m', date) FROM meetings m WHERE {live} AND status IN {held}
            AND kind='ordinary' AND date <= ?""", (a, b, TODAY.isoformat()))}
        assert mf.months_held == len(months)
        reasons = dict(con.execute(f"""SELECT COALESCE(not_held_reason,''), COUNT(*) FROM
            meetings m WHERE {live} AND status='not_held' GROUP BY 1""", (a, b)).fetchall())
        assert {c.code: c.n for c in mf.not_held_reasons} == reasons
        # attendance: the mean of each held meeting's present count
        per = [r[0] for r in con.execute(f"""
            SELECT SUM(t.status='present') FROM attendance t JOIN meetings m ON m.id =
            t.meeting_id WHERE t.deleted_at IS NULL AND {live} AND m.status IN {held}
            GROUP BY m.id HAVING SUM(t.status='present') > 0""", (a, b))]
        assert board.attendance.meetings == len(per)
        if per:
            assert board.attendance.average == pytest.approx(statistics.mean(per))
        women, youth, present = _one(con, f"""
            SELECT SUM(p.sex='F'), SUM(p.is_youth), COUNT(*) FROM attendance t
            JOIN meetings m ON m.id = t.meeting_id JOIN people p ON p.id = t.person_id
            WHERE t.deleted_at IS NULL AND t.status='present' AND {live}
            AND m.status IN {held}""", a, b)
        pa = board.participation
        assert (pa.attendees_women.part, pa.attendees_youth.part, pa.attendees_women.whole) == (
            women or 0, youth or 0, present)
        members, mw, my = _one(con, """SELECT COUNT(*), SUM(sex='F'), SUM(is_youth) FROM people
            WHERE deleted_at IS NULL AND is_member AND is_active""")
        assert (pa.members_women.whole, pa.members_women.part, pa.members_youth.part) == (
            members, mw or 0, my or 0)
        corps = {r[0]: (r[1], r[2]) for r in con.execute(f"""
            SELECT COALESCE(p.fds_corps,''), COUNT(*), COUNT(DISTINCT m.id) FROM attendance t
            JOIN meetings m ON m.id = t.meeting_id JOIN people p ON p.id = t.person_id
            WHERE t.deleted_at IS NULL AND t.status='present' AND p.category='fds' AND {live}
            AND m.status IN {held} GROUP BY 1""", (a, b))}
        assert {c.corps: (c.present, c.meetings) for c in board.fds.by_corps} == corps
        # threats
        hidden = "" if include_restricted else " AND NOT is_restricted"
        active = f"deleted_at IS NULL AND status='active'{hidden}"
        levels = dict(con.execute(f"SELECT level, COUNT(*) FROM threats WHERE {active} "
                                  "GROUP BY level").fetchall())
        assert {c.code: c.n for c in board.threats.by_level if c.n} == levels
        assert board.threats.active == sum(levels.values())
        for (lk, im, n) in con.execute(f"SELECT likelihood, impact, COUNT(*) FROM threats "
                                       f"WHERE {active} GROUP BY 1, 2"):
            assert board.cell(lk, im) == n
        assert sum(map(sum, board.heat)) == board.threats.active
        types = dict(con.execute(f"""SELECT COALESCE(y.parent_code, y.code), COUNT(*) FROM
            threats t JOIN threat_types y ON y.code = t.type_code WHERE t.id IN (SELECT id FROM
            threats WHERE {active}) GROUP BY 1""").fetchall())
        assert {c.code: c.n for c in board.threats.by_type} == types
        top = [r[0] for r in con.execute(f"SELECT id FROM threats WHERE {active} "
                                         "ORDER BY score DESC, id LIMIT 5")]
        assert [t.threat_id for t in board.tracks] == top
        points = [r[0] for r in con.execute(f"SELECT id FROM meetings m WHERE {live} AND "
                                            f"status IN {held} ORDER BY date, id", (a, b))]
        assert [p.meeting_id for p in board.points] == points
        for track in board.tracks:
            for mid, score in zip(points, track.scores):
                row = _one(con, """SELECT s.score FROM threat_assessments s, meetings m
                    WHERE m.id = ? AND s.threat_id = ? AND s.deleted_at IS NULL
                    AND s.date <= m.date ORDER BY s.date DESC, s.id DESC LIMIT 1""",
                           mid, track.threat_id)
                assert score == (row[0] if row else None)
        for p in board.points[:20]:
            w, h = _one(con, """SELECT COALESCE(SUM(p.sex='F'),0), COALESCE(SUM(p.sex='H'),0)
                FROM attendance t JOIN people p ON p.id = t.person_id WHERE t.meeting_id = ?
                AND t.deleted_at IS NULL AND t.status='present'""", p.meeting_id)
            assert (p.women, p.men) == (w, h)
        # recommendations made at the period's meetings (without the restricted threats,
        # those linked to one are left out too)
        scope = (f"r.deleted_at IS NULL AND r.meeting_id IN (SELECT id FROM meetings m "
                 f"WHERE {live})")
        if not include_restricted:
            scope += (" AND NOT EXISTS (SELECT 1 FROM recommendation_threats rt JOIN threats "
                      "t ON t.id = rt.threat_id WHERE rt.recommendation_id = r.id AND "
                      "t.is_restricted)")
        # overdue: a deadline before the period's end (before today while it runs)
        cutoff = min(period.end + dt.timedelta(days=1), TODAY).isoformat()
        statuses = dict(con.execute(f"SELECT status, COUNT(*) FROM recommendations r "
                                    f"WHERE {scope} GROUP BY status", (a, b)).fetchall())
        rf = board.recommendations
        assert {c.code: c.n for c in rf.by_status if c.n} == statuses
        assert rf.open == sum(statuses.get(c, 0) for c in
                              ("formulated", "transmitted", "in_progress"))
        assert rf.implemented == statuses.get("implemented", 0)
        (late,) = _one(con, f"""SELECT COUNT(*) FROM recommendations r WHERE {scope} AND
            status IN ('formulated','transmitted','in_progress') AND deadline < ?""",
                       a, b, cutoff)
        assert rf.overdue == late
        delays: dict[str, list[float]] = {}
        for addressee, days in con.execute(f"""
            SELECT r.addressee, julianday(COALESCE((SELECT MIN(f.date) FROM
              recommendation_followups f WHERE f.recommendation_id = r.id AND
              f.deleted_at IS NULL AND f.status='implemented'), r.status_date))
              - julianday(m.date)
            FROM recommendations r JOIN meetings m ON m.id = r.meeting_id
            WHERE {scope} AND {live} AND r.status='implemented'""", (a, b, a, b)):
            if days is not None:
                delays.setdefault(addressee, []).append(days)
        assert {d.addressee: (d.implemented, d.median_days) for d in rf.by_addressee} == {
            k: (len(v), pytest.approx(statistics.median(v))) for k, v in delays.items()}
        every = [d for v in delays.values() for d in v]
        assert rf.median_days == (pytest.approx(statistics.median(every)) if every else None)
        # activities
        n, mm, ww, ym, yw = _one(con, """SELECT COUNT(*), SUM(reached_men), SUM(reached_women),
            SUM(reached_young_men), SUM(reached_young_women) FROM activities
            WHERE deleted_at IS NULL AND date BETWEEN ? AND ?""", a, b)
        af = board.activities
        assert (af.activities, af.men, af.women, af.young_men, af.young_women) == (
            n, mm or 0, ww or 0, ym or 0, yw or 0)
    finally:
        con.close()
    _check_drills(db, board)


def _count(services, drill):
    return getattr(services, drill.kind).count(ListQuery(filters=drill.filter_dict))


def _check_drills(db, board) -> None:
    """Each figure's list shows as many records as the figure counts."""
    s = Services(db)
    assert _count(s, dash.drill_held(board)) == board.meetings.held
    assert _count(s, dash.drill_not_held(board)) == board.meetings.not_held
    for reason in board.meetings.not_held_reasons:
        if reason.code:
            assert _count(s, dash.drill_not_held(board, reason.code)) == reason.n
    assert _count(s, dash.drill_threats(board)) == board.threats.active
    for level in board.threats.by_level:
        assert _count(s, dash.drill_threats(board, level.code)) == level.n
    for lk in range(1, 6):
        for im in range(1, 6):
            assert _count(s, dash.drill_threat_cell(board, lk, im)) == board.cell(lk, im)
    for kind in board.threats.by_type:
        assert _count(s, dash.drill_threat_type(board, kind.code)) == kind.n
    rf = board.recommendations
    assert _count(s, dash.drill_recommendations(board)) == rf.total
    assert _count(s, dash.drill_recommendations(board, "open")) == rf.open
    assert _count(s, dash.drill_recommendations(board, "overdue")) == rf.overdue
    for status in rf.by_status:
        assert _count(s, dash.drill_recommendations(board, status.code)) == status.n
    for delay in rf.by_addressee:
        assert _count(s, dash.drill_recommendations(board, "implemented",
                                                    delay.addressee)) == delay.implemented
    assert _count(s, dash.drill_activities(board)) == board.activities.activities
    assert _count(s, dash.drill_members(board)) == board.participation.members_women.whole
    assert _count(s, dash.drill_members(board, sex="F")) == (
        board.participation.members_women.part)


@pytest.mark.parametrize("text", PERIODS)
def test_every_figure_matches_sql_on_the_demo_database(demo_db, text):
    _check(demo_db, text)


def test_restricted_threats_count_only_when_asked(demo_db):
    s = Services(demo_db)
    threat = s.threats.rows(ListQuery(filters={"status": "active"}, limit=1))[0]
    s.threats.update(threat.id, is_restricted=True)
    period = parse_period(str(TODAY.year))
    hidden = dash.dashboard(demo_db, period, today=TODAY)
    shown = dash.dashboard(demo_db, period, include_restricted=True, today=TODAY)
    assert shown.threats.active == hidden.threats.active + 1
    assert shown.cell(threat.likelihood, threat.impact) == hidden.cell(
        threat.likelihood, threat.impact) + 1
    _check(demo_db, str(TODAY.year), include_restricted=True)
    _check(demo_db, str(TODAY.year))


@pytest.mark.parametrize("text", PERIODS[:2] + (f"{TODAY.year - 5}..{TODAY.year}",))
def test_every_figure_matches_sql_on_a_bigger_database(big_db, text):
    _check(big_db, text)


def test_the_period_changes_the_figures(demo_db):
    year = dash.dashboard(demo_db, parse_period(str(TODAY.year - 1)), today=TODAY)
    month = dash.dashboard(demo_db, dash.month_period(TODAY.year - 1, 3), today=TODAY)
    assert year.meetings.months_expected == 12 and month.meetings.months_expected == 1
    assert year.meetings.held > month.meetings.held >= 1
    assert len(year.points) > len(month.points)
    custom = dash.custom_period(dt.date(TODAY.year - 1, 3, 31), dt.date(TODAY.year - 1, 3, 1))
    assert custom.start < custom.end
    assert dash.dashboard(demo_db, custom, today=TODAY).meetings == month.meetings


def test_the_values_are_frozen_and_hold_no_orm_object(demo_db):
    board = dash.dashboard(demo_db, parse_period(str(TODAY.year)), today=TODAY)

    def walk(value):
        if dataclasses.is_dataclass(value):
            assert type(value).__dataclass_params__.frozen, type(value)
            assert not hasattr(value, "_sa_instance_state")
            for f in dataclasses.fields(value):
                walk(getattr(value, f.name))
        elif isinstance(value, tuple):
            for item in value:
                walk(item)
        else:
            assert isinstance(value, (int, float, str, dt.date, type(None))), type(value)

    walk(board)


def test_the_figures_are_aggregates_a_few_statements_whatever_the_size(demo_db, big_db):
    """No loop over rows: the number of statements does not grow with the data."""
    def statements(db) -> int:
        dash.dashboard(db, parse_period(str(TODAY.year)), today=TODAY)  # caches warm
        seen = []
        listener = lambda *args: seen.append(args[2])  # noqa: E731
        event.listen(db.engine, "before_cursor_execute", listener)
        try:
            dash.dashboard(db, parse_period(f"{TODAY.year - 5}..{TODAY.year}"), today=TODAY)
        finally:
            event.remove(db.engine, "before_cursor_execute", listener)
        return len([s for s in seen if s.lstrip().upper().startswith(("SELECT", "WITH"))])

    small, big = statements(demo_db), statements(big_db)
    assert small == big and small <= 20, (small, big)


def test_the_month_under_way_is_expected_once_its_meeting_is_held(demo_db):
    """A month is late only once it has ended: the month under way counts when held."""
    board = dash.dashboard(demo_db, parse_period(str(TODAY.year)), today=TODAY)
    con = rawdb.connect(demo_db.path)
    try:
        (installed,) = _one(con, "SELECT MIN(installed_on) FROM committees")
        (held_now,) = _one(con, """SELECT COUNT(*) FROM meetings WHERE deleted_at IS NULL AND
            status IN ('held','adopted') AND kind='ordinary' AND date BETWEEN ? AND ?""",
                           TODAY.replace(day=1).isoformat(), TODAY.isoformat())
    finally:
        con.close()
    first = dt.date(TODAY.year, 1, 1)
    if installed:
        first = max(first, dt.date.fromisoformat(installed).replace(day=1))
    ended = max(0, (TODAY.year - first.year) * 12 + TODAY.month - first.month)
    assert board.meetings.months_expected == ended + (1 if held_now else 0)
    assert board.meetings.months_held <= board.meetings.months_expected
