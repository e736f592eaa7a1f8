"""Issue 17: the dashboard for a CRSS scope (nation, region, cercle, one committee) and the
table comparing committees, on a generated multi-committee CRSS database. Every figure of a
region or cercle scope is compared with a count made directly in SQL, the committees taken
from the register's places (one committee's own record says another region: the register
wins, as for the reporting rates)."""

from __future__ import annotations

import rawdb  # noqa: F401, I001

import datetime as dt
import statistics

import pytest
from sqlalchemy import event

import crss_data
from ccs_desktop.db.engine import open_database
from ccs_desktop.services import dashboard as dash
from ccs_desktop.services.crss import comparison, reporting
from ccs_desktop.services.export import parse_period
from ccs_desktop.services.hub import Services
from ccs_desktop.services.records import ListQuery

FIRST = 2023
TODAY = dt.date(2024, 8, 15)  # the period 2024 is under way
HELD = "('held','adopted')"
OPEN = "('formulated','transmitted','in_progress')"


@pytest.fixture(scope="module")
def crss(tmp_path_factory):  # noqa: ANN201
    db = open_database(tmp_path_factory.mktemp("crss-dash"))
    made = crss_data.build_crss(db, 24, 2, first_year=FIRST, silent_share=0.1)
    crss_data.fill(db, 2, FIRST)
    con = rawdb.connect(db.path)
    # the committee's own record says another region: the register's place counts
    con.execute("UPDATE committees SET region = 'Ailleurs', cercle = 'Ailleurs' WHERE id = ?",
                (made[0]["id"],))
    # (build_crss puts every committee of Tombouctou in Goundam: a third move to Diré)
    con.execute("UPDATE crss_register SET cercle = 'Diré' WHERE region = 'Tombouctou' "
                "AND id % 3 = 0")
    con.commit()
    con.close()
    yield db, made
    db.close()


def _scope_sql(scope: dash.Scope) -> tuple[str, list]:
    if scope.level == dash.COMMITTEE:
        return "SELECT ?", [scope.committee_id]
    where, args = ["r.committee_uuid IS NOT NULL"], []
    if scope.level in (dash.REGION, dash.CERCLE):
        where.append("r.region = ?")
        args.append(scope.region)
    if scope.level == dash.CERCLE:
        where.append("r.cercle = ?")
        args.append(scope.cercle)
    return ("SELECT c.id FROM committees c JOIN crss_register r ON r.committee_uuid = c.uuid "
            f"WHERE c.deleted_at IS NULL AND {' AND '.join(where)}"), args


def _check(db, scope: dash.Scope, text: str) -> dash.Dashboard:  # noqa: ANN001
    period = parse_period(text)
    board = dash.dashboard(db, period, today=TODAY, scope=scope)
    inner, sargs = _scope_sql(scope)
    a, b = period.start.isoformat(), period.end.isoformat()
    con = rawdb.connect(db.path)
    q = lambda sql, *args: con.execute(sql, args).fetchall()  # noqa: E731
    live = f"m.deleted_at IS NULL AND m.date BETWEEN ? AND ? AND m.committee_id IN ({inner})"
    la = (a, b, *sargs)
    try:
        ids = {r[0] for r in q(inner, *sargs)}
        assert set(board.committee_ids) == ids and ids
        (held, not_held, planned), = q(f"SELECT SUM(status IN {HELD}), SUM(status='not_held'),"
                                       f" SUM(status='planned') FROM meetings m WHERE {live}",
                                       *la)
        mf = board.meetings
        assert (mf.held, mf.not_held, mf.planned) == (held or 0, not_held or 0, planned or 0)
        cm = q(f"SELECT DISTINCT committee_id, substr(date, 1, 7) FROM meetings m WHERE {live}"
               f" AND status IN {HELD} AND kind='ordinary' AND date <= ?", *la,
               TODAY.isoformat())
        assert mf.months_held == len(cm)
        # months expected: each committee from its installation month to the last month
        # ended, plus the committees whose meeting of the month under way is held
        last = dt.date(TODAY.year, TODAY.month, 1) - dt.timedelta(days=1)
        last = min(last, period.end)
        expected = 0
        for (installed,) in q(f"SELECT installed_on FROM committees WHERE id IN ({inner})",
                              *sargs):
            first = period.start
            if installed:
                day = dt.date.fromisoformat(str(installed)[:10])
                first = max(first, day.replace(day=1))
            expected += max(0, (last.year - first.year) * 12 + last.month - first.month + 1)
        if period.start <= TODAY <= period.end:
            expected += len({c for c, mo in cm if mo == TODAY.isoformat()[:7]})
        assert mf.months_expected == expected
        reasons = dict(q(f"SELECT COALESCE(not_held_reason, ''), COUNT(*) FROM meetings m "
                         f"WHERE {live} AND status='not_held' GROUP BY 1", *la))
        assert {c.code: c.n for c in mf.not_held_reasons} == reasons
        per = [r[0] for r in q(f"SELECT SUM(t.status='present') FROM attendance t JOIN "
                               f"meetings m ON m.id = t.meeting_id WHERE t.deleted_at IS NULL"
                               f" AND {live} AND m.status IN {HELD} GROUP BY m.id HAVING "
                               f"SUM(t.status='present') > 0", *la)]
        assert board.attendance.meetings == len(per)
        assert board.attendance.average == pytest.approx(statistics.mean(per))
        (women, youth, present), = q(
            f"SELECT SUM(p.sex='F'), SUM(p.is_youth), COUNT(*) FROM attendance t JOIN meetings"
            f" m ON m.id = t.meeting_id JOIN people p ON p.id = t.person_id WHERE "
            f"t.deleted_at IS NULL AND t.status='present' AND {live} AND m.status IN {HELD}",
            *la)
        pa = board.participation
        assert (pa.attendees_women.part, pa.attendees_youth.part, pa.attendees_women.whole) \
            == (women, youth, present)
        (members, mw, my), = q(f"SELECT COUNT(*), SUM(sex='F'), SUM(is_youth) FROM people "
                               f"WHERE deleted_at IS NULL AND is_member AND is_active AND "
                               f"committee_id IN ({inner})", *sargs)
        assert (pa.members_women.whole, pa.members_women.part, pa.members_youth.part) == (
            members, mw, my)
        corps = {r[0]: (r[1], r[2]) for r in q(
            f"SELECT COALESCE(p.fds_corps, ''), COUNT(*), COUNT(DISTINCT m.id) FROM attendance"
            f" t JOIN meetings m ON m.id = t.meeting_id JOIN people p ON p.id = t.person_id "
            f"WHERE t.deleted_at IS NULL AND t.status='present' AND p.category='fds' AND "
            f"{live} AND m.status IN {HELD} GROUP BY 1", *la)}
        assert {k.corps: (k.present, k.meetings) for k in board.fds.by_corps} == corps
        active = (f"deleted_at IS NULL AND status='active' AND NOT is_restricted AND "
                  f"committee_id IN ({inner})")
        levels = dict(q(f"SELECT level, COUNT(*) FROM threats WHERE {active} GROUP BY 1",
                        *sargs))
        assert {c.code: c.n for c in board.threats.by_level if c.n} == levels
        assert board.threats.active == sum(levels.values())
        for (lk, im, n) in q(f"SELECT likelihood, impact, COUNT(*) FROM threats WHERE {active}"
                             f" GROUP BY 1, 2", *sargs):
            assert board.cell(lk, im) == n
        assert sum(map(sum, board.heat)) == board.threats.active
        # recommendations linked to a restricted threat are left out with it
        rec = ("r.deleted_at IS NULL AND NOT EXISTS (SELECT 1 FROM recommendation_threats rt "
               "JOIN threats t ON t.id = rt.threat_id WHERE rt.recommendation_id = r.id AND "
               "t.is_restricted)")
        statuses = dict(q(f"SELECT r.status, COUNT(*) FROM recommendations r JOIN meetings m "
                          f"ON m.id = r.meeting_id WHERE {rec} AND {live} "
                          f"GROUP BY 1", *la))
        rf = board.recommendations
        assert {c.code: c.n for c in rf.by_status if c.n} == statuses
        # overdue: a deadline before the period's end (before today while it runs)
        cutoff = min(period.end + dt.timedelta(days=1), TODAY).isoformat()
        (overdue,), = q(f"SELECT COUNT(*) FROM recommendations r JOIN meetings m ON m.id = "
                        f"r.meeting_id WHERE {rec} AND {live} AND r.status IN "
                        f"{OPEN} AND r.deadline < ?", *la, cutoff)
        assert rf.overdue == overdue
        days = sorted(r[0] for r in q(
            f"SELECT julianday(r.status_date) - julianday(m.date) FROM recommendations r JOIN"
            f" meetings m ON m.id = r.meeting_id WHERE {rec} AND {live} AND "
            f"r.status='implemented' AND r.status_date IS NOT NULL", *la))
        assert rf.median_days == pytest.approx(statistics.median(days))
        (acts, men, wom, ym, yw), = q(
            f"SELECT COUNT(*), SUM(reached_men), SUM(reached_women), SUM(reached_young_men), "
            f"SUM(reached_young_women) FROM activities WHERE deleted_at IS NULL AND date "
            f"BETWEEN ? AND ? AND committee_id IN ({inner})", a, b, *sargs)
        af = board.activities
        assert (af.activities, af.men, af.women, af.young_men, af.young_women) == (
            acts, men or 0, wom or 0, ym or 0, yw or 0)
        # the per-meeting chart of many committees is per month
        months = dict((r[0], r[1:]) for r in q(
            f"SELECT substr(m.date, 1, 7), SUM(p.sex='F'), SUM(p.sex='H') FROM meetings m "
            f"JOIN attendance t ON t.meeting_id = m.id AND t.deleted_at IS NULL AND "
            f"t.status='present' JOIN people p ON p.id = t.person_id WHERE {live} AND "
            f"m.status IN {HELD} GROUP BY 1", *la))
        if scope.many:
            assert {p.reference: (p.women, p.men) for p in board.points} == months
            assert all(len(t.scores) == len(board.points) for t in board.tracks)
    finally:
        con.close()
    return board


@pytest.mark.parametrize("text", ["2024", "2023-Q3", "2024-03"])
def test_region_and_cercle_figures_match_sql(crss, text):
    db, _made = crss
    for scope in (dash.region_scope("Tombouctou"), dash.cercle_scope("Tombouctou", "Diré"),
                  dash.region_scope("Mopti")):
        _check(db, scope, text)


def test_committee_and_nation_scopes(crss):
    db, made = crss
    one = _check(db, dash.committee_scope(made[3]["id"]), "2024")
    assert not one.per_month and one.points and one.points[0].meeting_id
    nation = dash.dashboard(db, parse_period("2024"), today=TODAY, scope=dash.nation_scope())
    parts = [dash.dashboard(db, parse_period("2024"), today=TODAY,
                            scope=dash.region_scope(r)) for r in ("Tombouctou", "Mopti")]
    assert nation.committee_ids is None
    for attr in ("held", "not_held", "months_held", "months_expected"):
        assert getattr(nation.meetings, attr) == sum(getattr(p.meetings, attr) for p in parts)
    assert nation.recommendations.overdue == sum(p.recommendations.overdue for p in parts)
    # the register's place wins over the committee's own record
    assert made[0]["id"] in _check(db, dash.region_scope(made[0]["region"]),
                                   "2024").committee_ids


def test_drills_stay_in_scope(crss, monkeypatch):
    db, _made = crss
    board = dash.dashboard(db, parse_period("2024-Q1"), today=TODAY,
                           scope=dash.cercle_scope("Tombouctou", "Goundam"))
    for drill in (dash.drill_held(board), dash.drill_threats(board),
                  dash.drill_recommendations(board, "overdue"), dash.drill_activities(board),
                  dash.drill_members(board), dash.drill_month(board, dt.date(2024, 2, 1))):
        assert drill.filter_dict["committee_id"] == list(board.committee_ids)
    monkeypatch.setattr(dash, "MAX_MEETING_IDS", 100)  # more meetings than a filter takes
    whole = dash.dashboard(db, parse_period(f"{FIRST}..2024"), today=TODAY,
                           scope=dash.nation_scope())
    assert whole.meetings_cut and "meeting_id" not in dash.drill_recommendations(
        whole).filter_dict
    # the lists still show what the figures count: made at the period's meetings, by date
    services = Services(db)
    monkeypatch.setattr(dash, "MAX_MEETING_IDS", 20)
    year = dash.dashboard(db, parse_period("2024"), today=TODAY, scope=dash.nation_scope())
    assert year.meetings_cut
    every = services.recommendations.count(ListQuery())
    assert every > year.recommendations.total > 0  # other years have theirs
    for which, n in ((None, year.recommendations.total), ("open", year.recommendations.open),
                     ("overdue", year.recommendations.overdue)):
        drill = dash.drill_recommendations(year, which)
        assert services.recommendations.count(ListQuery(filters=drill.filter_dict)) == n, which


def test_scope_is_one_where_clause_per_statement(crss):
    """The scope is pushed into SQL: the region's dashboard runs the nation's statements and
    one read of the committees in scope (for the lists it opens), none per committee, the
    register's places in each count."""
    db, _made = crss
    statements: list[str] = []

    def seen(_conn, _cursor, sql, *_a):  # noqa: ANN001, ANN202
        statements.append(sql)

    event.listen(db.engine, "before_cursor_execute", seen)
    try:
        dash.dashboard(db, parse_period("2024"), today=TODAY, scope=dash.nation_scope())
        n_nation = len(statements)
        statements.clear()
        dash.dashboard(db, parse_period("2024"), today=TODAY,
                       scope=dash.region_scope("Tombouctou"))
    finally:
        event.remove(db.engine, "before_cursor_execute", seen)
    assert len(statements) == n_nation + 1
    # every count over meetings, members, threats or activities carries the scope
    counted = [sql for sql in statements if "count(" in sql.lower()]
    assert counted and all("crss_register" in sql for sql in counted)


def test_comparison_table(crss):
    db, made = crss
    period = parse_period("2024")
    rows = comparison.comparison(db, period, region="Tombouctou", today=TODAY)
    rates = {int(r.key): r for r in reporting.rates(db, "committee", start=period.start,
                                                    end=period.end, region="Tombouctou",
                                                    as_of=TODAY)}
    assert rows and all(r.region == "Tombouctou" for r in rows)
    assert [r.code for r in rows] == sorted(r.code for r in rows)
    for row in rows:
        # the reporting page's complétude, the dashboard's overdue and meetings held
        rate = rates[row.entry_id]
        assert row.completeness == rate.completeness
        board = dash.dashboard(db, period, today=TODAY,
                               scope=dash.committee_scope(row.committee_id))
        assert (row.held, row.overdue) == (board.meetings.held, board.recommendations.overdue)
    con = rawdb.connect(db.path)
    try:
        last = dict(con.execute("SELECT committee_id, MAX(date) FROM meetings WHERE deleted_at"
                                " IS NULL AND status IN ('held', 'adopted') AND date <= ? "
                                "GROUP BY 1", ("2024-12-31",)).fetchall())
    finally:
        con.close()
    assert all(str(r.last_meeting) == str(last.get(r.committee_id))[:10]
               for r in rows if r.last_meeting)
    by_completeness = comparison.comparison(db, period, region="Tombouctou", today=TODAY,
                                            order_by="completeness", descending=True)
    values = [r.completeness for r in by_completeness if r.completeness is not None]
    assert values == sorted(values, reverse=True)
    by_overdue = comparison.comparison(db, period, order_by="overdue", today=TODAY)
    assert [r.overdue for r in by_overdue] == sorted(r.overdue for r in by_overdue)
    assert len(by_overdue) == len(made)
    with pytest.raises(ValueError):
        comparison.comparison(db, period, order_by="name; DROP TABLE x")
