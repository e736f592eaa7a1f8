"""Issue 17: the CRSS's reporting rates (services.crss.reporting) on a generated CRSS database:
committees with imports on time, late, missing, non-held meetings and suspended months; each
rate compared with a count made directly in SQL, and `ccs crss completeness` JSON."""

from __future__ import annotations

import rawdb  # noqa: F401, I001

import datetime as dt
import json
import random
import uuid

import pytest
from sqlalchemy import insert, text

from ccs_desktop.db import models as m
from ccs_desktop.db import settings
from ccs_desktop.db.engine import open_database
from ccs_desktop.db.models_exchange import ImportLogEntry, RegisterEntry
from ccs_desktop.services.crss import reporting

REGIONS = {"Tombouctou": ["Goundam", "Diré"], "Mopti": ["Bandiagara"]}


def build_crss(db, committees: int, years: int, *, seed: int = 17,  # noqa: ANN001, ANN201
               first_year: int = 2024, silent_share: float = 0.1) -> list[dict]:
    """A CRSS database by bulk inserts (no ORM objects): register entries, committees, one
    monthly meeting per committee (held, adopted, not held, or none), and the import of each
    month's file some days after the month's end (some late, some never). Returns the
    committees made (uuid, code, region, cercle, commune)."""
    rnd = random.Random(seed)
    settings.write_db(db, settings.MODE, settings.CRSS_MODE)
    made = []
    regions = list(REGIONS)
    start = dt.date(first_year, 1, 1)
    with db.session() as s:
        base_id = s.scalar(text("SELECT COALESCE(MAX(id), 0) FROM committees"))
        comm_rows, reg_rows, meet_rows, log_rows = [], [], [], []
        for n in range(committees):
            region = regions[n % len(regions)]
            cercle = REGIONS[region][n % len(REGIONS[region])]
            commune = f"Commune {n:04d}"
            uid = str(uuid.UUID(int=rnd.getrandbits(128)))
            cid = base_id + n + 1
            code = f"CCSC-{n:04d}"
            installed = start + dt.timedelta(days=rnd.randint(0, 60)) if n % 5 else None
            comm_rows.append({"id": cid, "uuid": uid, "level": "commune", "region": region,
                              "cercle": cercle, "commune": commune, "code": code,
                              "name": f"CCS de {commune}", "created_at": dt.datetime(2023, 1, 1),
                              "updated_at": dt.datetime(2023, 1, 1), "version": 1,
                              "generation": 0})
            reg_rows.append({"level": "commune", "region": region, "cercle": cercle,
                             "commune": commune, "committee_uuid": uid,
                             "installed_on": installed, "status": "fonctionnel"})
            made.append({"uuid": uid, "code": code, "region": region, "cercle": cercle,
                         "commune": commune, "id": cid})
            silent = rnd.random() < silent_share
            number = 0
            for y in range(years):
                for mo in range(1, 13):
                    if silent and mo > 6:
                        continue
                    roll = rnd.random()
                    if roll < 0.12:
                        continue  # nothing for this month
                    day = dt.date(first_year + y, mo, rnd.randint(1, 28))
                    status = ("not_held" if roll < 0.2 else
                              "adopted" if roll < 0.7 else "held")
                    number += 1
                    created = dt.datetime.combine(day, dt.time(9)) + dt.timedelta(
                        days=rnd.choice((0, 0, 1, 3)))
                    meet_rows.append({
                        "committee_id": cid, "number": number, "year": day.year,
                        "status": status, "date": day, "kind": "ordinary",
                        "not_held_reason": "insecurite" if status == "not_held" else None,
                        "created_at": created, "updated_at": created, "version": 1,
                        "generation": 0, "uuid": str(uuid.UUID(int=rnd.getrandbits(128)))})
                    nxt = dt.date(day.year + (mo == 12), mo % 12 + 1, 1)
                    if rnd.random() < 0.08:
                        continue  # the file never came: the next month's brings it
                    delay = rnd.choice((3, 10, 20, 30, 40, 44, 50, 70, 100))
                    at = dt.datetime.combine(nxt, dt.time(8)) + dt.timedelta(days=delay)
                    snap = max(created, dt.datetime.combine(nxt, dt.time(7))
                               + dt.timedelta(days=delay - 1))
                    log_rows.append({"imported_at": at, "snapshot_at": snap,
                                     "file_name": f"{code}-{day:%Y%m}.ccsx", "kind": "transmission",
                                     "committee_uuid": uid, "committee_code": code,
                                     "status": "ok"})
        s.execute(insert(m.Committee.__table__), comm_rows)
        s.execute(insert(RegisterEntry.__table__), reg_rows)
        for i in range(0, len(meet_rows), 5000):
            s.execute(insert(m.Meeting.__table__), meet_rows[i:i + 5000])
        for i in range(0, len(log_rows), 5000):
            s.execute(insert(ImportLogEntry.__table__), log_rows[i:i + 5000])
    return made


# --------------------------------------------------------------------------- a small scenario

@pytest.fixture
def crss(tmp_path):  # noqa: ANN201
    db = open_database(tmp_path / "crss")
    settings.write_db(db, settings.MODE, settings.CRSS_MODE)
    yield db
    db.close()


def _committee(s, n: int, installed: dt.date | None, region: str = "Tombouctou",  # noqa: ANN001
               cercle: str = "Goundam") -> tuple[int, str, int]:
    uid = f"00000000-0000-0000-0000-{n:012d}"
    cid = s.execute(insert(m.Committee.__table__).values(
        uuid=uid, level="commune", region=region, cercle=cercle, commune=f"C{n}",
        code=f"CCSC-C{n}", name=f"CCS C{n}")).inserted_primary_key[0]
    rid = s.execute(insert(RegisterEntry.__table__).values(
        level="commune", region=region, cercle=cercle, commune=f"C{n}", committee_uuid=uid,
        installed_on=installed, status="fonctionnel")).inserted_primary_key[0]
    return cid, uid, rid


def _meeting(s, cid: int, day: dt.date, status: str,  # noqa: ANN001
             created: dt.datetime | None = None, reason: str | None = None) -> None:
    s.execute(insert(m.Meeting.__table__).values(
        committee_id=cid, number=day.month, year=day.year, status=status, date=day,
        not_held_reason=reason, created_at=created or dt.datetime.combine(day, dt.time(18)),
        updated_at=dt.datetime(2030, 1, 1)))


def _import(s, uid: str, at: dt.datetime, snap: dt.datetime | None = None,  # noqa: ANN001
            status: str = "ok") -> None:
    s.execute(insert(ImportLogEntry.__table__).values(
        imported_at=at, snapshot_at=snap or at - dt.timedelta(hours=2), committee_uuid=uid,
        committee_code="x", status=status, kind="transmission"))


AS_OF = dt.date(2024, 7, 1)  # January..June 2024 are over


@pytest.fixture
def scenario(crss):  # noqa: ANN001, ANN201
    with crss.session() as s:
        a, ua, ra = _committee(s, 1, dt.date(2024, 1, 10))
        b, ub, rb = _committee(s, 2, None)  # installed: its first meeting, in March
        c, uc, rc = _committee(s, 3, dt.date(2024, 1, 1), region="Mopti", cercle="Bandiagara")
        # A: Jan on time (imported 20 Feb), Feb typed in on 25 April -> first in the file
        # of 30 April, late (45 days after 29 Feb is 14 April), Mar not held with its reason
        # (file of 2 April, on time), Apr missing, May adopted (on time), Jun suspended (held
        # anyway)
        _meeting(s, a, dt.date(2024, 1, 15), "adopted")
        _import(s, ua, dt.datetime(2024, 2, 20, 9))
        _meeting(s, a, dt.date(2024, 2, 12), "held", created=dt.datetime(2024, 4, 25, 10))
        _meeting(s, a, dt.date(2024, 3, 11), "not_held", reason="crue")
        _import(s, ua, dt.datetime(2024, 4, 2, 9))
        _import(s, ua, dt.datetime(2024, 4, 28, 9), status="refused")  # never counts
        _import(s, ua, dt.datetime(2024, 4, 30, 9))
        _meeting(s, a, dt.date(2024, 5, 6), "adopted")
        _import(s, ua, dt.datetime(2024, 6, 3, 9))
        _meeting(s, a, dt.date(2024, 6, 4), "held")
        _import(s, ua, dt.datetime(2024, 6, 20, 9))
        # B: first meeting in March (on time); April: meeting typed in late (row created
        # on 1 June) -> the 10 May file did not have it, the 15 June one did (on time: 45
        # days after 30 April is 14 June -> late)
        _meeting(s, b, dt.date(2024, 3, 5), "held")
        _import(s, ub, dt.datetime(2024, 3, 25, 9))
        _meeting(s, b, dt.date(2024, 4, 9), "held", created=dt.datetime(2024, 6, 1, 10))
        _import(s, ub, dt.datetime(2024, 5, 10, 9))
        _import(s, ub, dt.datetime(2024, 6, 15, 9))
        # a not-held meeting without a reason is not a report
        _meeting(s, b, dt.date(2024, 5, 3), "not_held")
        # C: installed, never sent anything (silent); a planned meeting is not a report
        _meeting(s, c, dt.date(2024, 2, 2), "planned")
    reporting.add_suspension(crss, ra, "2024-06", "2024-06", "insécurité")
    return {"a": ra, "b": rb, "c": rc, "ua": ua, "ub": ub, "uc": uc}


def _by(rows, code: str) -> dict[str, str]:  # noqa: ANN001
    return {d.row.month: d.row.status for d in rows if d.row.committee_code == code}


def test_each_month_has_its_status(crss, scenario):  # noqa: ANN001
    rows = reporting.month_statuses(crss, year=2024, as_of=AS_OF)
    a = _by(rows, "CCSC-C1")
    assert [a[f"2024-{i:02d}"] for i in range(1, 8)] == [
        "on_time", "late", "not_held", "missing", "on_time", "on_time", "not_expected"]
    b = _by(rows, "CCSC-C2")
    assert [b[f"2024-{i:02d}"] for i in range(1, 7)] == [
        "not_expected", "not_expected", "on_time", "late", "missing", "missing"]
    c = _by(rows, "CCSC-C3")
    assert set(c[f"2024-{i:02d}"] for i in range(1, 7)) == {"missing"}
    assert c["2024-12"] == "not_expected"
    received = {d.row.month: d.row.received_on for d in rows
                if d.row.committee_code == "CCSC-C1"}
    assert received["2024-01"] == "2024-02-20" and received["2024-04"] is None
    assert received["2024-02"] == "2024-04-30"  # the first good file after it was typed in
    june = next(d for d in rows if d.row.committee_code == "CCSC-C1"
                and d.row.month == "2024-06")
    assert not june.expected  # suspended


def test_the_deadline_is_a_setting(crss, scenario):  # noqa: ANN001
    settings.write_db(crss, settings.REPORT_DEADLINE_DAYS, 80)
    a = _by(reporting.month_statuses(crss, year=2024, as_of=AS_OF), "CCSC-C1")
    assert a["2024-02"] == "on_time"  # 30 April is within 80 days of 29 February
    settings.write_db(crss, settings.REPORT_DEADLINE_DAYS, 10)
    a = _by(reporting.month_statuses(crss, year=2024, as_of=AS_OF), "CCSC-C1")
    assert a["2024-01"] == "late"


def test_rates_by_committee_cercle_region_nation(crss, scenario):  # noqa: ANN001
    kw = {"year": 2024, "as_of": AS_OF}
    per = {r.label: r for r in reporting.rates(crss, "committee", **kw)}
    a = per["C1 (CCSC-C1)"]
    # A: expected Jan..May (June suspended) = 5; reported Jan, Feb, Mar, May = 4; on time 3
    assert (a.expected, a.reported, a.on_time, a.not_held) == (5, 4, 3, 1)
    assert (a.held, a.adopted) == (3, 2)
    assert a.completeness == pytest.approx(0.8) and a.promptness == pytest.approx(0.6)
    b = per["C2 (CCSC-C2)"]
    assert (b.expected, b.reported, b.on_time) == (4, 2, 1)
    c = per["C3 (CCSC-C3)"]
    assert (c.expected, c.reported, c.completeness) == (6, 0, 0.0)
    regions = {r.key: r for r in reporting.rates(crss, "region", **kw)}
    assert (regions["Tombouctou"].expected, regions["Tombouctou"].reported) == (9, 6)
    assert regions["Mopti"].completeness == 0.0
    cercles = reporting.rates(crss, "cercle", **kw)
    assert {(r.region, r.label) for r in cercles} == {("Tombouctou", "Goundam"),
                                                      ("Mopti", "Bandiagara")}
    n = reporting.nation(crss, **kw)
    assert (n.expected, n.reported, n.on_time, n.committees) == (15, 6, 4, 3)
    bands = reporting.reporting_settings(crss).bands
    assert bands.band(a.completeness) == "good" and "≥ 80" in bands.label(a.completeness)
    assert bands.band(b.completeness) == "fair" and bands.band(0.0) == "poor"
    assert bands.label(None)


def test_silent_and_late_committees(crss, scenario):  # noqa: ANN001
    silent = reporting.silent_committees(crss, year=2024, as_of=AS_OF)
    assert [s.committee_code for s in silent] == ["CCSC-C3", "CCSC-C2"]
    assert silent[0].last_report is None and silent[1].last_report == "2024-04"
    late = {r.label for r in reporting.late_committees(crss, year=2024, as_of=AS_OF)}
    assert late == {"C1 (CCSC-C1)", "C2 (CCSC-C2)", "C3 (CCSC-C3)"}  # all below 80 %


def test_suspensions_are_validated(crss, scenario):  # noqa: ANN001
    from ccs_desktop.services.errors import ValidationError

    with pytest.raises(ValidationError):
        reporting.add_suspension(crss, scenario["a"], "2024-13")
    with pytest.raises(ValidationError):
        reporting.add_suspension(crss, scenario["a"], "2024-05", "2024-01")
    item = reporting.add_suspension(crss, scenario["c"], "2024-01")  # until further notice
    assert reporting.nation(crss, year=2024, as_of=AS_OF).expected == 9
    reporting.remove_suspension(crss, item)
    assert reporting.nation(crss, year=2024, as_of=AS_OF).expected == 15


# --------------------------------------------------------------------------- generated data

def _direct_counts(db, year: int, as_of: dt.date, days: int) -> dict:  # noqa: ANN001
    """The nation's counts made directly in SQL, another way: per committee and month in
    Python loops over plain SELECTs (no CTE shared with the service)."""
    with rawdb.connect(db.path) as con:
        entries = con.execute(
            "SELECT r.id, r.committee_uuid, COALESCE(r.installed_on, c.installed_on), c.id "
            "FROM crss_register r JOIN committees c ON c.uuid = r.committee_uuid").fetchall()
        first_meeting = dict(con.execute(
            "SELECT committee_id, MIN(date) FROM meetings WHERE deleted_at IS NULL AND status "
            "IN ('held','adopted','not_held') GROUP BY committee_id").fetchall())
        meetings = con.execute(
            "SELECT committee_id, date, status, not_held_reason, created_at FROM meetings "
            "WHERE deleted_at IS NULL AND date LIKE ?", (f"{year}-%",)).fetchall()
        logs = con.execute("SELECT committee_uuid, snapshot_at, imported_at FROM "
                           "crss_import_log WHERE status = 'ok'").fetchall()
    per_month: dict = {}
    for cid, day, status, reason, created in meetings:
        if status in ("held", "adopted") or (status == "not_held" and reason):
            per_month.setdefault((cid, day[:7]), []).append((day, status, created[:19]))
    by_uuid: dict = {}
    for uid, snap, at in logs:
        by_uuid.setdefault(uid, []).append((snap or at, at))
    expected = reported = on_time = 0
    for _rid, uid, installed, cid in entries:
        since = (installed or first_meeting.get(cid) or "9999")[:7]
        for mo in range(1, 13):
            month = f"{year}-{mo:02d}"
            nxt = dt.date(year + (mo == 12), mo % 12 + 1, 1)
            if not (since <= month and nxt <= as_of):
                continue
            expected += 1
            found = per_month.get((cid, month))
            if not found:
                continue
            reported += 1
            evidence = min(max(d, c) for d, _s, c in found)
            fits = [at for snap, at in by_uuid.get(uid, []) if snap >= evidence]
            got = min(fits) if fits else max(at for _s, at in by_uuid.get(uid, [("", "")]))
            if got and got[:10] <= (nxt + dt.timedelta(days=days - 1)).isoformat():
                on_time += 1
    return {"expected": expected, "reported": reported, "on_time": on_time}


def test_generated_database_against_direct_sql(tmp_path):  # noqa: ANN001
    db = open_database(tmp_path / "gen")
    try:
        build_crss(db, 30, 2, seed=5)
        as_of = dt.date(2025, 9, 1)
        for year in (2024, 2025):
            want = _direct_counts(db, year, as_of, 45)
            n = reporting.nation(db, year=year, as_of=as_of)
            assert (n.expected, n.reported, n.on_time) == (
                want["expected"], want["reported"], want["on_time"])
            assert n.expected > n.reported > n.on_time > 0
            regions = reporting.rates(db, "region", year=year, as_of=as_of)
            assert sum(r.expected for r in regions) == n.expected
            assert sum(r.on_time for r in regions) == n.on_time
            rows = reporting.month_statuses(db, year=year, as_of=as_of)
            assert len(rows) == 30 * 12
            counted = {s: sum(d.row.status == s for d in rows) for s in reporting.STATUSES}
            assert all(counted[s] for s in ("on_time", "late", "not_held", "missing"))
    finally:
        db.close()


def test_cli_completeness_json_and_summary(crss, scenario, capsys):  # noqa: ANN001
    from ccs_desktop.cli import main

    folder = str(crss.path.parent)
    assert main(["crss", "completeness", "--data-dir", folder, "--year", "2024",
                 "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert isinstance(rows, list) and len(rows) == 3 * 12
    assert set(rows[0]) == {"committee_uuid", "committee_code", "month", "status",
                            "received_on"}
    assert {r["status"] for r in rows} <= set(reporting.STATUSES)
    one = next(r for r in rows if r["committee_code"] == "CCSC-C1" and r["month"] == "2024-01")
    assert one["committee_uuid"] == scenario["ua"] and one["received_on"] == "2024-02-20"
    assert all(len(r["month"]) == 7 and r["month"][4] == "-" for r in rows)
    assert main(["crss", "completeness", "--data-dir", folder, "--year", "2024",
                 "--summary"]) == 0
    out = capsys.readouterr().out
    assert "Tombouctou" in out and "Mali" in out and "%" in out
    assert main(["crss", "completeness", "--data-dir", folder, "--year", "2024",
                 "--summary", "--json"]) == 0
    summary = json.loads(capsys.readouterr().out)
    assert summary[-1]["level"] == "nation" and "completeness" in summary[-1]


def test_cli_completeness_refuses_a_committee_database(committee_db, capsys):  # noqa: ANN001
    from ccs_desktop.cli import main

    assert main(["crss", "completeness", "--data-dir", str(committee_db.path.parent),
                 "--year", "2024", "--json"]) == 1
    assert "CRSS" in capsys.readouterr().err
