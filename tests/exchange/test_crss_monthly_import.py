"""Issue 17: every import keeps the CRSS's monthly figures (services.crss.monthly) equal to a
full recompute, in its own transaction; a conflict settled by taking the received version
(conflicts.settle) recomputes the committee the triggers noted, in its own transaction; a
write that nothing recomputes leaves its committee noted stale, and the dashboard then counts
from the base tables until the next import recomputes it."""

from __future__ import annotations

import rawdb  # noqa: I001  (tests/rawdb.py: test databases are SQLCipher files)
import datetime as dt
from pathlib import Path

from ccs_desktop.db import models as m
from ccs_desktop.services import dashboard as dash
from ccs_desktop.services.crss import conflicts, importer, monthly
from ccs_desktop.services.exchange import backup as bk
from ccs_desktop.services.exchange import container as ct
from ccs_desktop.services.export import Period


def _send(db, pair, folder: Path) -> Path:  # noqa: ANN001
    return bk.create_transmission(db, folder, crss_public=pair.public_key).path


def _kept(db) -> tuple[list, list]:  # noqa: ANN001
    con = rawdb.connect(db.path)
    try:
        return (con.execute("SELECT * FROM crss_monthly ORDER BY 1, 2").fetchall(),
                con.execute("SELECT * FROM crss_monthly_corps ORDER BY 1, 2, 3").fetchall())
    finally:
        con.close()


def _recomputed(db) -> tuple[list, list]:  # noqa: ANN001
    con = rawdb.connect(db.path)
    try:
        con.execute("SAVEPOINT r")
        monthly.refresh(con)
        out = (con.execute("SELECT * FROM crss_monthly ORDER BY 1, 2").fetchall(),
               con.execute("SELECT * FROM crss_monthly_corps ORDER BY 1, 2, 3").fetchall())
        con.execute("ROLLBACK TO r")
        con.execute("RELEASE r")
        return out
    finally:
        con.close()


def _stale(db) -> list:  # noqa: ANN001
    con = rawdb.connect(db.path)
    try:
        return [r[0] for r in con.execute("SELECT committee_id FROM crss_monthly_stale")]
    finally:
        con.close()


def _span(db) -> Period:  # noqa: ANN001
    """Whole months over every meeting of the database."""
    con = rawdb.connect(db.path)
    try:
        first, last = con.execute("SELECT MIN(date), MAX(date) FROM meetings").fetchone()
    finally:
        con.close()
    start = dt.date.fromisoformat(first).replace(day=1)
    end = dt.date.fromisoformat(last)
    end = (end.replace(day=28) + dt.timedelta(days=4)).replace(day=1) - dt.timedelta(days=1)
    return Period(start, end, "span")


def _board(db, period) -> tuple:  # noqa: ANN001
    b = dash.dashboard(db, period, today=dt.date(2030, 1, 1), scope=dash.nation_scope())
    return (b.attendance, b.participation, b.fds, b.points)


def test_each_import_keeps_the_monthly_figures_equal_to_a_recompute(rich_db, pair,
                                                                    tmp_path: Path) -> None:
    ident = [ct.X25519Identity(pair.private_key)]
    crss = importer.open_crss_database(tmp_path / "crss")
    try:
        assert importer.import_file(crss, _send(rich_db, pair, tmp_path / "a"), ident).ok
        first = _kept(crss)
        assert first[0] and first[1]  # attendance and FDS by corps, kept
        assert first == _recomputed(crss) and _stale(crss) == []
        # the committee changes who sits (sex, category), who came, when a meeting was held
        with rich_db.session() as s:
            own = s.get(m.Setting, "committee_uuid").value
            c = s.query(m.Committee).filter_by(uuid=own).one()
            people = (s.query(m.Person).filter_by(committee_id=c.id, deleted_at=None)
                      .order_by(m.Person.id).all())
            people[0].sex = "F" if people[0].sex == "H" else "H"
            people[1].category, people[1].fds_corps = "fds", "garde"
            att = (s.query(m.Attendance).filter_by(committee_id=c.id, status="present")
                   .order_by(m.Attendance.id).first())
            att.status = "absent"
            held = (s.query(m.Meeting).filter(m.Meeting.committee_id == c.id,
                                              m.Meeting.status.in_(("held", "adopted")))
                    .order_by(m.Meeting.id).first())
            held.date = held.date - dt.timedelta(days=40)
        assert importer.import_file(crss, _send(rich_db, pair, tmp_path / "b"), ident).ok
        second = _kept(crss)
        assert second != first
        assert second == _recomputed(crss) and _stale(crss) == []
        board = _board(crss, _span(crss))
        # (the same figures as counted over the attendance)
        con = rawdb.connect(crss.path)
        con.execute("INSERT INTO crss_monthly_stale (committee_id) VALUES (0)")
        con.commit()
        con.close()
        assert _board(crss, _span(crss)) == board
    finally:
        crss.close()


def test_a_conflict_taken_recomputes_the_monthly_figures(rich_db, pair,
                                                        tmp_path: Path) -> None:
    ident = [ct.X25519Identity(pair.private_key)]
    crss = importer.open_crss_database(tmp_path / "crss")
    try:
        assert importer.import_file(crss, _send(rich_db, pair, tmp_path / "t0"), ident).ok
        with rich_db.session() as s:
            own = s.get(m.Setting, "committee_uuid").value
            cid = s.query(m.Committee).filter_by(uuid=own).one().id
            person = (s.query(m.Person).filter(m.Person.committee_id == cid)
                      .join(m.Attendance, m.Attendance.person_id == m.Person.id)
                      .filter(m.Attendance.status == "present", m.Person.sex == "H")
                      .order_by(m.Person.id).first())
            uuid = person.uuid
        with rich_db.session() as s:  # a change that does not raise the version: a conflict
            s.info["preserve_versions"] = True
            s.query(m.Person).filter_by(uuid=uuid).one().sex = "F"
        f1 = _send(rich_db, pair, tmp_path / "t1")
        assert importer.import_file(crss, f1, ident).counts["conflicts"] >= 1
        period = _span(crss)
        before = _board(crss, period)
        for row in conflicts.list_conflicts(crss):
            if row.is_open:
                conflicts.settle(crss, row.id, conflicts.TAKE)
        # noted by the triggers and recomputed in the settlement's transaction
        assert _stale(crss) == [] and _kept(crss) == _recomputed(crss)
        after = _board(crss, period)  # from the monthly figures
        assert after != before
        assert after[1].attendees_women.part > before[1].attendees_women.part
        # a write that nothing recomputes: the dashboard counts from the base tables
        con = rawdb.connect(crss.path)
        try:
            done = con.execute(
                "UPDATE people SET sex = 'F' WHERE sex = 'H' AND id = (SELECT t.person_id "
                "FROM attendance t JOIN people p ON p.id = t.person_id WHERE t.status = "
                "'present' AND p.sex = 'H' ORDER BY t.id LIMIT 1)")
            assert done.rowcount == 1
            con.commit()
        finally:
            con.close()
        assert _stale(crss)
        raw = _board(crss, period)
        assert raw[1].attendees_women.part > after[1].attendees_women.part
        # and the next import recomputes the committee noted
        assert importer.import_file(crss, f1, ident).ok
        assert _stale(crss) == [] and _kept(crss) == _recomputed(crss)
        assert _board(crss, period) == raw
    finally:
        crss.close()
