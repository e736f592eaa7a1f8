"""Stress benchmark of the meetings table: 500,000 rows (several times the national set).

Run on demand (pytest ignores tests/benchmarks by default):

    QT_QPA_PLATFORM=offscreen .venv/bin/pytest tests/benchmarks/test_table_bench.py -s \
        -o addopts=""          (CCS_BENCH_ROWS=100000 for a quicker run)

Times, each against the raw SQL query measured in the same run (sqlite3, same statement
shape): opening the model (first page + count), sorting by a column, each keystroke of a
search. Target: under 100 ms each.
"""

from __future__ import annotations

import rawdb  # noqa: I001  (tests/rawdb.py: test databases are SQLCipher files)
import datetime as dt
import os
import random
import statistics
import time
import uuid

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest  # noqa: E402
from sqlalchemy import insert, text  # noqa: E402

from ccs_desktop.db import models as m  # noqa: E402
from ccs_desktop.db.engine import open_database  # noqa: E402
from ccs_desktop.domain import enums  # noqa: E402
from ccs_desktop.domain.text import fold  # noqa: E402
from ccs_desktop.services.demo import generate_demo  # noqa: E402
from ccs_desktop.services.hub import Services  # noqa: E402

TARGET_MS = 100.0
ROWS = int(os.environ.get("CCS_BENCH_ROWS", "500000"))
PLACES = ["Salle de réunion de la mairie d'Alafia", "Sous-préfecture de Ber",
          "Mairie de Goundam", "Maison des jeunes de Toya", "Salle de la CAFO à Kabara",
          "Centre de santé de Hamabangou", "École de Bellafarandi", "Gouvernorat de Tombouctou"]
NOTES = ["Situation sécuritaire calme", "Vols de bétail signalés", "Sécurité routière",
         "Tensions foncières", "Patrouilles mixtes", "Réunion reportée pour crue", ""]


def _ms(fn, repeat: int = 3) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def build(folder, rows: int):
    db = open_database(folder)
    committees = generate_demo(db, committees=1, years=1)
    rnd = random.Random(7)
    now = dt.datetime(2024, 1, 1)
    statuses = list(enums.MeetingStatus.codes())
    with db.session() as s:
        top = s.scalar(text("SELECT max(id) FROM meetings")) or 0
        codes = dict(s.execute(text("SELECT id, code FROM committees")).all())
        batch, fts = [], []
        n = 0
        # numbers 1..999 per committee and year (the unique index): years 1500..2099
        for cid in committees:
            for year in range(1500, 2100):
                for number in range(1, 1000):
                    if n >= rows:
                        break
                    n += 1
                    mid = top + n
                    day = dt.date(year, 1, 1) + dt.timedelta(days=rnd.randrange(365))
                    kind = "ordinary" if rnd.random() < 0.9 else "extraordinary"
                    status = rnd.choice(statuses)
                    place = rnd.choice(PLACES)
                    note = rnd.choice(NOTES)
                    ref = f"PV N°{number:03d}/{year}/{codes[cid]}"
                    batch.append({"id": mid, "uuid": str(uuid.uuid4()), "created_at": now,
                                  "updated_at": now, "version": 1, "generation": 0,
                                  "deleted_at": None, "committee_id": cid, "number": number,
                                  "year": year, "reference": ref, "kind": kind,
                                  "status": status, "date": day, "place": place,
                                  "notes": note, "not_held_reason_text": "",
                                  "convened_by": "", "frozen_header": ""})
                    fts.append({"id": mid, "body": fold(" ".join((
                        ref, place, enums.MeetingKind.label_of(kind),
                        enums.MeetingStatus.label_of(status), note)))})
                    if len(batch) >= 50_000:
                        s.execute(insert(m.Meeting.__table__), batch)
                        s.execute(text("INSERT INTO fts_meetings(rowid, body) VALUES (:id, :body)"),
                                  fts)
                        batch, fts = [], []
        if batch:
            s.execute(insert(m.Meeting.__table__), batch)
            s.execute(text("INSERT INTO fts_meetings(rowid, body) VALUES (:id, :body)"), fts)
    with db.engine.connect() as conn:
        conn.exec_driver_sql("ANALYZE")
    return db


@pytest.fixture(scope="module")
def big_db(tmp_path_factory):
    folder = tmp_path_factory.mktemp("bench")
    start = time.perf_counter()
    db = build(folder, ROWS)
    print(f"\nbuilt {ROWS:,} meetings in {time.perf_counter() - start:.1f} s")
    yield db
    db.close()


def raw(db, sql: str, *params) -> None:
    con = rawdb.connect(str(db.path))
    try:
        con.execute(sql, params).fetchall()
    finally:
        con.close()


def test_meetings_table_at_scale(qapp, big_db):
    from PySide6.QtCore import Qt

    from ccs_desktop.ui.models import make_model

    services = Services(big_db)
    assert services.meetings.count() >= ROWS
    con = rawdb.connect(str(big_db.path))
    cols = "id, uuid, reference, date, kind, status, place, number, year, committee_id"

    def raw_q(sql: str, *params) -> float:
        return _ms(lambda: con.execute(sql, params).fetchall())

    results = []

    # 1. opening: first page (default order: date descending) + count
    model_holder = {}
    t_open = _ms(lambda: model_holder.__setitem__("m", make_model(services, "meetings")))
    base_open = raw_q(f"SELECT {cols} FROM meetings WHERE deleted_at IS NULL "
                      "ORDER BY date DESC, id DESC LIMIT 200") + raw_q(
        "SELECT count(*) FROM meetings WHERE deleted_at IS NULL")
    results.append(("open (first page + count)", t_open, base_open))
    model = model_holder["m"]
    assert model.rowCount() == 200 and model.total >= ROWS

    # 2. sorting by a column (date ascending, then the reference column descending)
    col_date = [c.key for c in model.columns].index("date")

    def sort_both():
        model.sort(col_date, Qt.SortOrder.AscendingOrder)
        model.sort(col_date, Qt.SortOrder.DescendingOrder)

    t_sort = _ms(sort_both) / 2
    base_sort = raw_q(f"SELECT {cols} FROM meetings WHERE deleted_at IS NULL "
                      "ORDER BY date ASC, id ASC LIMIT 200")
    results.append(("sort by date", t_sort, base_sort))
    col_status = [c.key for c in model.columns].index("status")
    t_sort2 = _ms(lambda: (model.sort(col_status, Qt.SortOrder.AscendingOrder),
                           model.sort(col_status, Qt.SortOrder.DescendingOrder))) / 2
    base_sort2 = raw_q(f"SELECT {cols} FROM meetings WHERE deleted_at IS NULL "
                       "ORDER BY status ASC, id ASC LIMIT 200")
    results.append(("sort by status", t_sort2, base_sort2))
    model.sort(col_date, Qt.SortOrder.DescendingOrder)

    # 3. each keystroke of a search, sorted by date as the user left it. Typed searches run
    #    in a worker: what the GUI waits for is the call itself; the results follow.
    from PySide6.QtCore import QCoreApplication

    word = "securite"
    for n in range(2, len(word) + 1):
        typed = word[:n]
        model.set_search("")
        start = time.perf_counter()
        model.set_search_async(typed)
        t_block = (time.perf_counter() - start) * 1000
        while model.loading:
            QCoreApplication.processEvents()
            time.sleep(0.001)
        t_done = (time.perf_counter() - start) * 1000
        fts = " ".join(f'"{w}"*' for w in fold(typed).split())
        base_key = raw_q(
            f"SELECT {cols.replace('id,', 'm.id,', 1)} FROM fts_meetings f JOIN meetings m "
            "ON m.id = f.rowid WHERE fts_meetings MATCH ? AND m.deleted_at IS NULL "
            "ORDER BY m.date DESC, m.id DESC LIMIT 200", fts) + raw_q(
            "SELECT count(*) FROM fts_meetings WHERE fts_meetings MATCH ?", fts)
        results.append((f"keystroke '{typed}': GUI blocked", t_block, base_key))
        results.append((f"keystroke '{typed}': results shown", t_done, base_key))
    # a search in the index's own order (no sort chosen): the common case
    model_plain = make_model(services, "meetings")
    for typed in ("se", "securite"):
        fts = f'"{typed}"*'
        t_plain = _ms(lambda: (model_plain.set_search(""), model_plain.set_search(typed)))
        base_plain = raw_q(
            f"SELECT {cols.replace('id,', 'm.id,', 1)} FROM fts_meetings f JOIN meetings m "
            "ON m.id = f.rowid WHERE fts_meetings MATCH ? AND m.deleted_at IS NULL "
            "ORDER BY f.rowid DESC LIMIT 200", fts) + raw_q(
            "SELECT count(*) FROM fts_meetings WHERE fts_meetings MATCH ?", fts)
        results.append((f"search '{typed}', default order", t_plain, base_plain))
    model.set_search("securite routiere")
    assert 0 < model.total < ROWS

    con.close()
    print(f"\n{'operation':40} {'model ms':>9} {'raw SQL ms':>11} {'ratio':>6}")
    slow = []
    for name, t, base in results:
        print(f"{name:40} {t:9.1f} {base:11.1f} {t / base if base else float('inf'):6.2f}")
        if t > TARGET_MS and "results shown" not in name:
            slow.append((name, round(t, 1)))
    if os.environ.get("CCS_BENCH_STRICT"):
        assert not slow, f"over {TARGET_MS} ms: {slow}"
