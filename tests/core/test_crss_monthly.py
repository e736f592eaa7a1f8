"""Issue 17: the CRSS keeps its attendance figures per committee and month
(services.crss.monthly) and the dashboard of many committees reads them. On a generated
multi-committee CRSS database: every figure read from them is the count made directly in SQL
over the attendance, and no statement of such a dashboard reads the attendance; a committee
noted stale (a write that did not recompute) sends the dashboard back to the base tables
with the same figures; revision 0007m fills the table of a 0006d database as a recompute
does; the triggers that note the writes exist at the head."""

from __future__ import annotations

import rawdb  # noqa: F401, I001

import datetime as dt
import shutil
from pathlib import Path

import pytest
from sqlalchemy import event

import crss_data
from ccs_desktop.db.engine import open_database
from ccs_desktop.paths import DB_FILENAME
from ccs_desktop.services import dashboard as dash
from ccs_desktop.services.crss import monthly
from ccs_desktop.services.export import parse_period

FIRST = 2023
TODAY = dt.date(2024, 8, 15)
HELD = "('held','adopted')"
FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"


@pytest.fixture(scope="module")
def crss(tmp_path_factory):  # noqa: ANN201
    db = open_database(tmp_path_factory.mktemp("crss-monthly"))
    made = crss_data.build_crss(db, 24, 2, first_year=FIRST, silent_share=0.1)
    crss_data.fill(db, 2, FIRST)
    con = rawdb.connect(db.path)
    # guests, excused members, a tombstone, a deleted meeting, an FDS of no corps: every
    # case the figures tell apart (then recomputed, as a writer does)
    con.execute("UPDATE attendance SET is_guest = 1 WHERE id % 13 = 0")
    con.execute("UPDATE attendance SET status = 'excused' WHERE id % 17 = 0")
    con.execute("UPDATE attendance SET deleted_at = '2024-01-01 00:00:00' WHERE id % 19 = 0")
    con.execute("UPDATE meetings SET deleted_at = '2024-01-01 00:00:00' WHERE id % 23 = 0")
    con.execute("UPDATE people SET fds_corps = NULL WHERE category = 'fds' AND id % 5 = 0")
    con.execute("UPDATE people SET is_youth = 1 WHERE id % 7 = 0")
    monthly.refresh(con)
    con.commit()
    con.close()
    yield db, made
    db.close()


def _scope_sql(scope: dash.Scope) -> tuple[str, list]:
    if scope.level == dash.NATION:
        return "SELECT id FROM committees", []
    where, args = ["r.committee_uuid IS NOT NULL", "r.region = ?"], [scope.region]
    if scope.level == dash.CERCLE:
        where.append("r.cercle = ?")
        args.append(scope.cercle)
    return ("SELECT c.id FROM committees c JOIN crss_register r ON r.committee_uuid = c.uuid "
            f"WHERE c.deleted_at IS NULL AND {' AND '.join(where)}"), args


def _statements(db):  # noqa: ANN001, ANN202
    seen: list[str] = []

    def note(conn, cursor, statement, *args):  # noqa: ANN001, ANN202
        seen.append(statement)

    event.listen(db.engine, "before_cursor_execute", note)
    return seen, lambda: event.remove(db.engine, "before_cursor_execute", note)


def _raw_figures(db, scope: dash.Scope, period) -> dict:  # noqa: ANN001
    inner, sargs = _scope_sql(scope)
    live = (f"m.deleted_at IS NULL AND m.date BETWEEN ? AND ? AND m.status IN {HELD} "
            f"AND m.committee_id IN ({inner})")
    la = (period.start.isoformat(), period.end.isoformat(), *sargs)
    con = rawdb.connect(db.path)
    try:
        q = lambda sql: con.execute(sql, la).fetchall()  # noqa: E731
        (meetings, present, members_present, recorded, women, youth, with_fds), = q(
            "SELECT COUNT(DISTINCT CASE WHEN t.status='present' THEN m.id END), "
            "SUM(t.status='present'), SUM(t.status='present' AND t.is_guest=0), "
            "SUM(t.is_guest=0), SUM(t.status='present' AND p.sex='F'), "
            "SUM(t.status='present' AND p.is_youth=1), COUNT(DISTINCT CASE WHEN "
            "t.status='present' AND p.category='fds' THEN m.id END) FROM attendance t "
            "JOIN meetings m ON m.id = t.meeting_id JOIN people p ON p.id = t.person_id "
            f"WHERE t.deleted_at IS NULL AND {live}")
        corps = q("SELECT COALESCE(p.fds_corps, ''), COUNT(*), COUNT(DISTINCT m.id) FROM "
                  "attendance t JOIN meetings m ON m.id = t.meeting_id JOIN people p ON "
                  "p.id = t.person_id WHERE t.deleted_at IS NULL AND t.status='present' AND "
                  f"p.category='fds' AND {live} GROUP BY 1 ORDER BY 2 DESC, 1")
        points = q("SELECT substr(m.date, 1, 7), "
                   "COALESCE(SUM(t.status='present' AND p.sex='F'), 0), "
                   "COALESCE(SUM(t.status='present' AND p.sex='H'), 0), "
                   "COALESCE(SUM(t.status='present' AND p.is_youth=1), 0) FROM meetings m "
                   "LEFT JOIN attendance t ON t.meeting_id = m.id AND t.deleted_at IS NULL "
                   f"LEFT JOIN people p ON p.id = t.person_id WHERE {live} GROUP BY 1 "
                   "ORDER BY 1")
    finally:
        con.close()
    return {"attendance": (meetings, present or 0, members_present or 0, recorded or 0),
            "attendees": (women or 0, youth or 0, present or 0), "with_fds": with_fds,
            "corps": [tuple(r) for r in corps], "points": [tuple(r) for r in points]}


def _figures(board: dash.Dashboard) -> dict:
    a, pa = board.attendance, board.participation
    return {"attendance": (a.meetings, a.present, a.members_present, a.members_recorded),
            "attendees": (pa.attendees_women.part, pa.attendees_youth.part,
                          pa.attendees_women.whole),
            "with_fds": board.fds.meetings_with_fds,
            "corps": [(c.corps, c.present, c.meetings) for c in board.fds.by_corps],
            "points": [(p.reference, p.women, p.men, p.youth) for p in board.points]}


SCOPES = [dash.nation_scope(), dash.region_scope("Tombouctou"),
          dash.cercle_scope("Tombouctou", "Goundam"), dash.region_scope("Mopti")]


@pytest.mark.parametrize("text", ["2023", "2024-Q2", "2024-03", "2023-11..2024-02"])
@pytest.mark.parametrize("scope", SCOPES, ids=lambda s: f"{s.level}-{s.region}-{s.cercle}")
def test_every_kept_figure_is_the_count_in_sql(crss, scope, text):
    db, _made = crss
    period = parse_period(text)
    seen, stop = _statements(db)
    try:
        board = dash.dashboard(db, period, today=TODAY, scope=scope)
    finally:
        stop()
    # read from the monthly figures: no statement reads the attendance
    assert not [sql for sql in seen if "attendance" in sql.replace("crss_monthly", "")]
    assert any("crss_monthly" in sql for sql in seen)
    raw = _raw_figures(db, scope, period)
    assert raw["attendance"][1] > 0 and raw["corps"]
    assert _figures(board) == raw


def test_a_period_of_days_and_one_committee_count_the_attendance(crss):
    db, made = crss
    cases = [(dash.nation_scope(), dash.custom_period(dt.date(2024, 2, 10),
                                                      dt.date(2024, 5, 20))),
             (dash.committee_scope(made[3]["id"]), parse_period("2024"))]
    for scope, period in cases:
        seen, stop = _statements(db)
        try:
            board = dash.dashboard(db, period, today=TODAY, scope=scope)
        finally:
            stop()
        assert any("attendance" in sql.replace("crss_monthly", "") for sql in seen)
        assert not any("crss_monthly " in sql or "crss_monthly\n" in sql for sql in seen)
        if scope.many:
            assert _figures(board) == _raw_figures(db, scope, period)


def test_a_stale_committee_sends_its_scope_back_to_the_base_tables(crss):
    db, made = crss
    period = parse_period("2024")
    mopti = dash.region_scope("Mopti")
    before = {s.region: _figures(dash.dashboard(db, period, today=TODAY, scope=s))
              for s in (mopti, dash.region_scope("Tombouctou"))}
    victim = next(c for c in made if c["region"] == "Tombouctou")
    con = rawdb.connect(db.path)
    try:
        # a write that does not recompute (the triggers note it)
        con.execute("UPDATE attendance SET status = 'absent' WHERE status = 'present' AND "
                    "meeting_id IN (SELECT id FROM meetings WHERE committee_id = ? AND "
                    "date LIKE '2024-%')", (victim["id"],))
        con.commit()
        assert con.execute("SELECT committee_id FROM crss_monthly_stale").fetchall() == [
            (victim["id"],)]
        for scope in (dash.nation_scope(), dash.region_scope("Tombouctou")):
            seen, stop = _statements(db)
            try:
                board = dash.dashboard(db, period, today=TODAY, scope=scope)
            finally:
                stop()
            assert any("attendance" in sql.replace("crss_monthly", "") for sql in seen)
            assert _figures(board) == _raw_figures(db, scope, period)
        # another region still reads its monthly figures, unchanged
        seen, stop = _statements(db)
        try:
            assert _figures(dash.dashboard(db, period, today=TODAY, scope=mopti)) \
                == before["Mopti"]
        finally:
            stop()
        assert not [sql for sql in seen if "attendance" in sql.replace("crss_monthly", "")]
        # the next writer's refresh recomputes it too
        monthly.refresh(con, made[0]["id"])
        con.commit()
        assert con.execute("SELECT COUNT(*) FROM crss_monthly_stale").fetchone() == (0,)
        board = dash.dashboard(db, period, today=TODAY, scope=dash.region_scope("Tombouctou"))
        assert _figures(board) == _raw_figures(db, dash.region_scope("Tombouctou"), period)
        assert _figures(board) != before["Tombouctou"]
    finally:
        con.execute("UPDATE attendance SET status = 'present' WHERE status = 'absent' AND "
                    "meeting_id IN (SELECT id FROM meetings WHERE committee_id = ? AND "
                    "date LIKE '2024-%') AND (person_id + meeting_id) % 7 != 0",
                    (victim["id"],))
        monthly.refresh(con)
        con.commit()
        con.close()


def kept(con) -> tuple[list, list]:  # noqa: ANN001
    return (con.execute("SELECT * FROM crss_monthly ORDER BY 1, 2").fetchall(),
            con.execute("SELECT * FROM crss_monthly_corps ORDER BY 1, 2, 3").fetchall())


def recomputed(con) -> tuple[list, list]:  # noqa: ANN001
    """What a full recompute gives, the database left as it was."""
    con.execute("SAVEPOINT recompute")
    try:
        monthly.refresh(con)
        return kept(con)
    finally:
        con.execute("ROLLBACK TO recompute")
        con.execute("RELEASE recompute")


def test_the_triggers_note_every_write_at_the_head(empty_db):
    con = rawdb.connect(empty_db.path)
    try:
        names = {r[0] for r in con.execute(
            "SELECT name FROM sqlite_master WHERE type = 'trigger'")}
        assert {f"trg_crss_monthly_{t}_{e}" for t in ("meetings", "attendance", "people")
                for e in ("insert", "update", "delete")} <= names
    finally:
        con.close()


def test_revision_0007m_fills_the_table_of_a_0006d_crss_database(data_dir):
    shutil.copy2(FIXTURES / "revision-0006d.sqlite3", data_dir / DB_FILENAME)
    con = rawdb.connect(data_dir / DB_FILENAME)
    cid = con.execute("SELECT id FROM committees ORDER BY id LIMIT 1").fetchone()[0]
    ids = [r[0] for r in con.execute("SELECT id FROM meetings ORDER BY id")]
    for mid, day, status in zip(ids, ("2025-03-10", "2025-03-24", "2025-05-02"),
                                ("held", "adopted", "held"), strict=False):
        con.execute("UPDATE meetings SET committee_id = ?, status = ?, date = ?, "
                    "deleted_at = NULL WHERE id = ?", (cid, status, day, mid))
    con.execute("UPDATE attendance SET deleted_at = NULL, status = 'present', is_guest = 0")
    con.execute("UPDATE people SET category = 'fds', fds_corps = 'police', is_youth = 1 "
                "WHERE id IN (SELECT person_id FROM attendance ORDER BY id LIMIT 1)")
    con.execute("INSERT OR REPLACE INTO settings (key, value) VALUES ('mode', 'crss')")
    con.commit()
    con.close()
    db = open_database(data_dir)  # migrated to the head
    db.close()
    con = rawdb.connect(data_dir / DB_FILENAME)
    try:
        assert con.execute("SELECT version_num FROM alembic_version").fetchone() == ("0007m",)
        rows, corps = kept(con)
        assert rows and corps  # something to compare
        assert (rows, corps) == recomputed(con)
        assert con.execute("SELECT COUNT(*) FROM crss_monthly_stale").fetchone() == (0,)
    finally:
        con.close()
