"""Issue 17: the dashboard, the comparison of committees and the periodic report count with
the same definitions. "Overdue" is still open with a deadline before the period's end (before
today while the period runs); a recommendation linked to a restricted threat is left out
wherever that threat is (the dashboard on a screen, its lists, the report)."""

from __future__ import annotations

import rawdb  # noqa: F401, I001

import datetime as dt

from ccs_desktop.services import dashboard as dash
from ccs_desktop.services import report_data as rd
from ccs_desktop.services.export import parse_period
from ccs_desktop.services.hub import Services
from ccs_desktop.services.records import ListQuery

TODAY = dt.date.today()


def _count(services, drill) -> int:  # noqa: ANN001
    return getattr(services, drill.kind).count(ListQuery(filters=drill.filter_dict))


def _raw(db, sql: str, *args) -> None:  # noqa: ANN001
    """A test's own change (the recommendations of an adopted PV are frozen for the
    services): straight in the file."""
    con = rawdb.connect(db.path)
    try:
        con.execute(sql, args)
        con.commit()
    finally:
        con.close()
    db.invalidate_cache()


def _a_recommendation_of(s: Services, year: int):  # noqa: ANN202
    rows = s.recommendations.rows(ListQuery(limit=10000))
    meetings = {m.id: m for m in s.meetings.rows(ListQuery(limit=10000))}
    return next(r for r in rows if r.meeting_id in meetings
                and meetings[r.meeting_id].date.year == year)


def test_overdue_ends_with_the_period_and_never_after_today(demo_db):
    s = Services(demo_db)
    year = TODAY.year - 1
    rec = _a_recommendation_of(s, year)
    period = parse_period(str(year))
    assert dash.overdue_cutoff(period.end, TODAY) == dt.date(year + 1, 1, 1)
    assert dash.overdue_cutoff(dt.date(TODAY.year, 12, 31), TODAY) == min(
        TODAY, dt.date(TODAY.year + 1, 1, 1))
    before = dash.dashboard(demo_db, period, today=TODAY).recommendations.overdue
    # open, due after the period's end but before today: late today, not in that period
    _raw(demo_db, "UPDATE recommendations SET status = 'in_progress', deadline = ? "
         "WHERE id = ?", dt.date(year + 1, 1, 2).isoformat(), rec.id)
    board = dash.dashboard(demo_db, period, today=TODAY)
    late_in_period = board.recommendations.overdue
    assert _count(s, dash.drill_recommendations(board, "overdue")) == late_in_period
    # due on the period's last day: overdue in it
    _raw(demo_db, "UPDATE recommendations SET deadline = ? WHERE id = ?",
         dt.date(year, 12, 30).isoformat(), rec.id)
    board = dash.dashboard(demo_db, period, today=TODAY)
    assert board.recommendations.overdue == late_in_period + 1
    assert _count(s, dash.drill_recommendations(board, "overdue")) == late_in_period + 1
    assert before in (late_in_period, late_in_period + 1)
    # the periodic report counts the same, in that period and in others (the current year
    # has open recommendations of earlier years past their deadline: they are not its own)
    scope = rd.scope_of(demo_db)
    figures = rd.key_figures(demo_db, scope, period.start, period.end, today=TODAY)
    assert figures.recs_overdue == board.recommendations.overdue


def test_the_report_counts_the_dashboards_recommendations_in_every_period(demo_db):
    scope = rd.scope_of(demo_db)
    texts = [str(TODAY.year), str(TODAY.year - 1), f"{TODAY.year}-Q1",
             f"{TODAY.year - 1}-Q4", f"{TODAY.year - 2}..{TODAY.year}"]
    for text in texts:
        period = parse_period(text)
        board = dash.dashboard(demo_db, period, today=TODAY).recommendations
        figures = rd.key_figures(demo_db, scope, period.start, period.end, today=TODAY)
        assert (figures.recs_total, figures.recs_open, figures.recs_implemented,
                figures.recs_overdue) == (board.total, board.open, board.implemented,
                                          board.overdue), text
    # and a meeting deleted takes its recommendations out of both
    year = parse_period(str(TODAY.year - 1))
    s = Services(demo_db)
    rec = _a_recommendation_of(s, TODAY.year - 1)
    _raw(demo_db, "UPDATE meetings SET deleted_at = '2026-01-01 00:00:00' WHERE id = ?",
         rec.meeting_id)
    board = dash.dashboard(demo_db, year, today=TODAY).recommendations
    figures = rd.key_figures(demo_db, scope, year.start, year.end, today=TODAY)
    assert figures.recs_total == board.total


def test_a_recommendation_linked_to_a_restricted_threat_is_left_out_with_it(demo_db):
    s = Services(demo_db)
    year = TODAY.year - 1
    rec = _a_recommendation_of(s, year)
    threat = s.threats.rows(ListQuery(filters={"status": "active"}, limit=1))[0]
    _raw(demo_db, "DELETE FROM recommendation_threats WHERE recommendation_id = ?", rec.id)
    _raw(demo_db, "INSERT INTO recommendation_threats (recommendation_id, threat_id) "
         "VALUES (?, ?)", rec.id, threat.id)
    s.threats.update(threat.id, is_restricted=True)
    period = parse_period(str(year))
    hidden = dash.dashboard(demo_db, period, today=TODAY)
    shown = dash.dashboard(demo_db, period, include_restricted=True, today=TODAY)
    con = rawdb.connect(demo_db.path)
    try:
        (linked,), = con.execute(
            "SELECT COUNT(DISTINCT r.id) FROM recommendations r JOIN meetings m ON m.id = "
            "r.meeting_id JOIN recommendation_threats rt ON rt.recommendation_id = r.id WHERE "
            "rt.threat_id = ? AND r.deleted_at IS NULL AND m.deleted_at IS NULL AND m.date "
            "BETWEEN ? AND ?", (threat.id, period.start.isoformat(), period.end.isoformat()))
    finally:
        con.close()
    assert linked >= 1
    assert shown.recommendations.total == hidden.recommendations.total + linked
    # each figure's list shows the records it counts, no more
    assert _count(s, dash.drill_recommendations(hidden)) == hidden.recommendations.total
    assert _count(s, dash.drill_recommendations(shown)) == shown.recommendations.total
    status = s.recommendations.get(rec.id).status
    assert _count(s, dash.drill_recommendations(hidden, status)) == next(
        c.n for c in hidden.recommendations.by_status if c.code == status)
    # the periodic report leaves it out too
    figures = rd.key_figures(demo_db, rd.scope_of(demo_db), period.start, period.end,
                             today=TODAY)
    assert figures.recs_total == hidden.recommendations.total
