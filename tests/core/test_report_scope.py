"""Issue 17: the periodic report (services.report_data) and the dashboard agree on a CRSS's
region (the register's place, not the committee's own record) and on what is overdue (still
open, the deadline before the day after the period's end, never after today)."""

from __future__ import annotations

import rawdb  # noqa: F401, I001

import datetime as dt

import pytest

import crss_data
from ccs_desktop.db.engine import open_database
from ccs_desktop.services import dashboard as dash
from ccs_desktop.services import report_data as rd
from ccs_desktop.services.export import parse_period

FIRST = 2023
TODAY = dt.date(2023, 8, 15)
OPEN = "('formulated','transmitted','in_progress')"


@pytest.fixture(scope="module")
def crss(tmp_path_factory):  # noqa: ANN201
    db = open_database(tmp_path_factory.mktemp("report-scope"))
    made = crss_data.build_crss(db, 12, 1, first_year=FIRST, silent_share=0.1)
    crss_data.fill(db, 1, FIRST)
    con = rawdb.connect(db.path)
    # the committee's own record says another region: the register's place counts
    con.execute("UPDATE committees SET region = 'Ailleurs' WHERE id = ?", (made[0]["id"],))
    con.commit()
    con.close()
    yield db, made
    db.close()


def test_a_region_is_the_registers_in_the_report_as_on_the_dashboard(crss):
    db, made = crss
    assert made[0]["region"] == "Tombouctou"
    period = parse_period(str(FIRST))
    board = dash.dashboard(db, period, today=TODAY, scope=dash.region_scope("Tombouctou"))
    assert made[0]["id"] in board.committee_ids
    scope = rd.Scope(True, region="Tombouctou")
    figures = rd.key_figures(db, scope, period.start, period.end, today=TODAY)
    assert figures.committees == len(board.committee_ids) == sum(
        1 for c in made if c["region"] == "Tombouctou")
    assert (figures.held, figures.attendees, figures.attendees_women) == (
        board.meetings.held, board.attendance.present,
        board.participation.attendees_women.part)
    codes = {g.name for g in rd.by_group(db, scope, period.start, period.end, today=TODAY)}
    assert made[0]["code"] in codes and len(codes) == figures.committees
    regions = {g.name: g.committees for g in rd.by_group(db, rd.Scope(True), period.start,
                                                         period.end, today=TODAY)}
    assert "Ailleurs" not in regions and regions["Tombouctou"] == figures.committees


@pytest.mark.parametrize(("text", "some_late"), [("2023-03", None), ("2023-Q2", True),
                                                ("2023", True)])
def test_overdue_is_before_the_periods_end_never_in_the_future(crss, text, some_late):
    db, _made = crss
    period = parse_period(text)
    cutoff = min(period.end + dt.timedelta(days=1), TODAY)
    con = rawdb.connect(db.path)
    try:
        # the recommendations made at a meeting of the period (the dashboard's)
        (late,) = con.execute(
            f"SELECT COUNT(*) FROM recommendations r JOIN meetings m ON m.id = r.meeting_id "
            f"WHERE r.deleted_at IS NULL AND m.deleted_at IS NULL AND m.date BETWEEN ? AND ? "
            f"AND r.status IN {OPEN} AND r.deadline < ?",
            (period.start.isoformat(), period.end.isoformat(), cutoff.isoformat())).fetchone()
        (end_day,) = con.execute(
            f"SELECT COUNT(*) FROM recommendations WHERE deleted_at IS NULL AND status IN "
            f"{OPEN} AND deadline = ?", (period.end.isoformat(),)).fetchone()
    finally:
        con.close()
    scope = rd.Scope(True)
    figures = rd.key_figures(db, scope, period.start, period.end, today=TODAY)
    assert figures.recs_overdue == late
    assert some_late is None or (late > 0) == some_late
    assert sum(g.recs_overdue for g in rd.by_group(db, scope, period.start, period.end,
                                                   today=TODAY)) == late
    lines = rd.recommendations(db, scope, period.start, period.end, limit=100000, today=TODAY)
    assert all(r.overdue == (r.status in OPEN and r.deadline is not None
                             and r.deadline < cutoff) for r in lines)
    if period.end < TODAY:
        # a deadline on the period's last day has passed at its end
        assert end_day == 0 or any(r.deadline == period.end and r.overdue for r in lines)
    assert rd.overdue_cutoff(period.end, TODAY) == cutoff
