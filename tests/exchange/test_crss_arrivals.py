"""Issue 17: the CRSS notes the day each meeting first arrived, and the reporting rates use
it: an amended meeting imported again keeps its first arrival, a new one arrives that day;
on time / late follow the deadline of the settings."""

from __future__ import annotations

import rawdb  # noqa: F401, I001  (tests/rawdb.py: test databases are SQLCipher files)
import datetime as dt
import json
from pathlib import Path

from ccs_desktop.db import models as m
from ccs_desktop.db import settings
from ccs_desktop.services.crss import importer, reporting
from ccs_desktop.services.exchange import backup as bk
from ccs_desktop.services.exchange import container as ct

D1 = dt.datetime(2025, 4, 20, 9, 0)  # 20 days after March's end
D2 = dt.datetime(2025, 6, 25, 9, 0)  # 56 days after April's end: late at 45, on time at 60


def _meeting(db, number: int, day: dt.date, **kw: object) -> str:  # noqa: ANN001
    with db.session() as s:
        own = s.get(m.Setting, "committee_uuid").value
        c = s.query(m.Committee).filter_by(uuid=own).one()
        c.installed_on = dt.date(2025, 3, 1)
        mt = m.Meeting(committee_id=c.id, number=number, year=day.year, date=day,
                       status="held", place="Mairie", **kw)
        s.add(mt)
        s.flush()
        return mt.uuid


def _send(db, pair, folder: Path) -> Path:  # noqa: ANN001
    return bk.create_transmission(db, folder, crss_public=pair.public_key).path


def _rows(crss, month: str) -> dict:  # noqa: ANN001
    rows = [d.row for d in reporting.month_statuses(crss, year=2025,
                                                    as_of=dt.date(2025, 12, 31))]
    return next(r for r in rows if r.month == month and r.committee_uuid)


def test_first_arrival_is_kept_and_the_rates_use_it(committee_db, pair, tmp_path: Path,
                                                    capsys) -> None:  # noqa: ANN001
    ident = [ct.X25519Identity(pair.private_key)]
    crss = importer.open_crss_database(tmp_path / "crss")
    march = _meeting(committee_db, 1, dt.date(2025, 3, 14))
    file_a = _send(committee_db, pair, tmp_path / "a")
    assert importer.import_file(crss, file_a, ident, now=D1).ok
    # file B: the March meeting amended, and a new April meeting
    with committee_db.session() as s:
        s.query(m.Meeting).filter_by(uuid=march).one().notes = "PV amendé"
    _meeting(committee_db, 2, dt.date(2025, 4, 11))
    file_b = _send(committee_db, pair, tmp_path / "b")
    assert importer.import_paths(crss, [file_b], ident, now=D2)[0].ok
    # and file B once more, later still: nothing moves later
    assert importer.import_file(crss, file_b, ident, now=D2 + dt.timedelta(days=30)).ok
    with crss.session() as s:
        assert s.query(m.Meeting).filter_by(uuid=march).one().notes == "PV amendé"
    mar, apr = _rows(crss, "2025-03"), _rows(crss, "2025-04")
    assert (mar.received_on, mar.status) == ("2025-04-20", "on_time")
    assert (apr.received_on, apr.status) == ("2025-06-25", "late")  # N = 45 by default
    settings.write_db(crss, settings.REPORT_DEADLINE_DAYS, 60)
    assert _rows(crss, "2025-04").status == "on_time"
    settings.write_db(crss, settings.REPORT_DEADLINE_DAYS, 19)
    assert _rows(crss, "2025-03").status == "late"
    # `ccs crss completeness --json` writes that date
    from ccs_desktop import cli

    settings.write_db(crss, settings.REPORT_DEADLINE_DAYS, 45)
    crss.close()
    assert cli.main(["crss", "completeness", "--data-dir", str(tmp_path / "crss"),
                     "--year", "2025", "--json"]) == 0
    out = {r["month"]: r for r in json.loads(capsys.readouterr().out) if r["committee_uuid"]}
    assert out["2025-03"]["received_on"] == "2025-04-20"
    assert out["2025-04"]["received_on"] == "2025-06-25"
    assert out["2025-04"]["status"] == "late"


def test_a_planned_meeting_arrives_when_it_is_held(committee_db, pair,
                                                   tmp_path: Path) -> None:
    ident = [ct.X25519Identity(pair.private_key)]
    crss = importer.open_crss_database(tmp_path / "crss")
    uid = _meeting(committee_db, 1, dt.date(2025, 5, 6))
    with committee_db.session() as s:
        s.query(m.Meeting).filter_by(uuid=uid).one().status = "planned"
    assert importer.import_file(crss, _send(committee_db, pair, tmp_path / "a"), ident,
                                now=dt.datetime(2025, 5, 2)).ok
    assert _rows(crss, "2025-05").status == "missing"
    with committee_db.session() as s:
        s.query(m.Meeting).filter_by(uuid=uid).one().status = "held"
    assert importer.import_file(crss, _send(committee_db, pair, tmp_path / "b"), ident,
                                now=dt.datetime(2025, 8, 1)).ok
    row = _rows(crss, "2025-05")
    assert (row.received_on, row.status) == ("2025-08-01", "late")
    crss.close()


def test_revision_0006r_dates_what_a_crss_already_received(data_dir: Path) -> None:
    """A CRSS database of revision 0005r: its meetings get the arrival the rates inferred
    until now (the first import whose snapshot follows the meeting, else the last one)."""
    import shutil

    from ccs_desktop.db.engine import open_database
    from ccs_desktop.paths import DB_FILENAME

    frozen = Path(__file__).resolve().parents[1] / "fixtures" / "revision-0005r.sqlite3"
    shutil.copy2(frozen, data_dir / DB_FILENAME)
    con = rawdb.connect(data_dir / DB_FILENAME)
    cid, cuid = con.execute("SELECT id, uuid FROM committees ORDER BY id LIMIT 1").fetchone()
    ids = [r[0] for r in con.execute("SELECT id FROM meetings ORDER BY id LIMIT 3")]
    con.execute("UPDATE meetings SET status = 'planned'")
    for mid, day, status in zip(ids, ("2025-03-10", "2025-05-02", "2025-06-01"),
                                ("held", "not_held", "adopted"), strict=True):
        con.execute("UPDATE meetings SET committee_id = ?, status = ?, date = ?, "
                    "created_at = ? || ' 10:00:00', deleted_at = NULL, "
                    "not_held_reason = 'insecurite' WHERE id = ?",
                    (cid, status, day, day, mid))
    logs = [r[0] for r in con.execute("SELECT id FROM crss_import_log ORDER BY id LIMIT 3")]
    for lid, at, status in zip(logs, ("2025-04-05 09:00:00", "2025-04-20 09:00:00",
                                      "2025-05-30 09:00:00"),
                               ("ok", "refused", "ok"), strict=True):
        con.execute("UPDATE crss_import_log SET committee_uuid = ?, imported_at = ?, "
                    "snapshot_at = ?, status = ? WHERE id = ?", (cuid, at, at, status, lid))
    con.commit()
    con.close()
    db = open_database(data_dir)
    try:
        with db.engine.connect() as conn:
            rows = dict(conn.exec_driver_sql(
                "SELECT month, received_on FROM crss_arrivals WHERE committee_uuid = ?",
                (cuid,)).all())
    finally:
        db.close()
    # March: the first good import after it; May: the 30 May one; June: none after it,
    # the last one
    assert rows == {"2025-03": "2025-04-05", "2025-05": "2025-05-30",
                    "2025-06": "2025-05-30"}
