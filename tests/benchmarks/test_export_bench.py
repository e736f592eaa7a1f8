"""Benchmark of the exports (issue 16): 50,000 threats to .xlsx and to CSV.

Run on demand (pytest ignores tests/benchmarks by default):

    QT_QPA_PLATFORM=offscreen .venv/bin/pytest tests/benchmarks/test_export_bench.py -s \\
        -o addopts=""          (CCS_BENCH_ROWS=10000 for a quicker run)

Measured in the same run, against the baseline of fetching the same rows (the list's frozen
rows, `RecordService.rows()` with no page): the streamed fetch alone (services.export's
`iter_rows`), the CSV export and the xlsx export (openpyxl write-only), each as a ratio to
the baseline; and the peak memory of each export against the rows held by `rows()`
(tracemalloc), since a large list streams.
"""

from __future__ import annotations

import rawdb  # noqa: F401, I001  (tests/rawdb.py: test databases are SQLCipher files)

import datetime as dt
import os
import random
import statistics
import time
import tracemalloc
import uuid

import pytest
from sqlalchemy import insert, text

from ccs_desktop.db import models as m
from ccs_desktop.db.engine import open_database
from ccs_desktop.services import export
from ccs_desktop.services.demo import generate_demo
from ccs_desktop.services.hub import Services
from ccs_desktop.services.records import ListQuery

import openpyxl  # noqa: E402  (a dependency: pyproject.toml)

ROWS = int(os.environ.get("CCS_BENCH_ROWS", "50000"))
PLACES = ["Toya", "Koriomé", "Hamabangou", "axe Tombouctou–Goundam", "Kabara", "Bellafarandi"]
TITLES = ["Vols de bétail", "Coupeurs de route", "Conflit foncier", "Recrutement de jeunes",
          "Inondation", "Vols de motos"]


def _seconds(fn, repeat: int = 3) -> float:  # noqa: ANN001
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def _peak(fn) -> int:  # noqa: ANN001
    tracemalloc.start()
    try:
        fn()
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


@pytest.fixture(scope="module")
def services(tmp_path_factory):  # noqa: ANN201
    folder = tmp_path_factory.mktemp("export-bench")
    db = open_database(folder)
    committees = generate_demo(db, committees=1, years=1)
    rnd = random.Random(16)
    now = dt.datetime(2025, 1, 1)
    with db.session() as s:
        code = s.scalar(text("SELECT code FROM threat_types LIMIT 1"))
        top = s.scalar(text("SELECT max(id) FROM threats")) or 0
        batch = []
        for n in range(1, ROWS + 1):
            likelihood, impact = rnd.randint(1, 5), rnd.randint(1, 5)
            score = likelihood * impact
            level = ("low" if score <= 4 else "medium" if score <= 9 else
                     "high" if score <= 16 else "critical")
            batch.append({"id": top + n, "uuid": str(uuid.uuid4()), "created_at": now,
                          "updated_at": now, "version": 1, "generation": 0,
                          "deleted_at": None, "committee_id": committees[0],
                          "title": f"{rnd.choice(TITLES)} n° {n}", "description": "",
                          "type_code": code, "place_kind": "village",
                          "place_name": rnd.choice(PLACES),
                          "first_reported": dt.date(2020, 1, 1)
                          + dt.timedelta(days=rnd.randrange(2000)),
                          "likelihood": likelihood, "impact": impact, "score": score,
                          "level": level, "trend": "stable", "status": "active",
                          "source_category": "membre", "is_restricted": n % 50 == 0})
            if len(batch) >= 10_000:
                s.execute(insert(m.Threat.__table__), batch)
                batch = []
        if batch:
            s.execute(insert(m.Threat.__table__), batch)
        s.commit()
    yield Services(db)
    db.close()


def test_export_against_fetching_the_rows(services, tmp_path):
    query = ListQuery()
    rows = services.threats.rows(query)
    assert len(rows) >= ROWS
    fetch = _seconds(lambda: services.threats.rows(query))
    stream = _seconds(lambda: sum(1 for _ in export.iter_rows(services, "threats", query)))
    to_csv = _seconds(lambda: export.export_list(services, "threats", query,
                                                 tmp_path / "t.csv", export.CSV))
    to_xlsx = _seconds(lambda: export.export_list(services, "threats", query,
                                                  tmp_path / "t.xlsx", export.XLSX), 1)
    held = _peak(lambda: services.threats.rows(query))
    csv_peak = _peak(lambda: export.export_list(services, "threats", query,
                                                tmp_path / "m.csv", export.CSV))
    xlsx_peak = _peak(lambda: export.export_list(services, "threats", query,
                                                 tmp_path / "m.xlsx", export.XLSX))
    book = openpyxl.load_workbook(tmp_path / "t.xlsx", read_only=True)
    written = sum(1 for _ in book.worksheets[0].iter_rows()) - 1
    book.close()
    assert written == sum(1 for r in rows if not r.is_restricted)
    print(f"\n{len(rows)} threats: fetching the rows (rows()) {fetch:.2f} s = 1.00")
    print(f"  streamed fetch (iter_rows)  {stream:.2f} s = {stream / fetch:.2f}x")
    print(f"  CSV export                  {to_csv:.2f} s = {to_csv / fetch:.2f}x")
    print(f"  xlsx export (write-only)    {to_xlsx:.2f} s = {to_xlsx / fetch:.2f}x")
    print(f"  peak memory: rows() {held / 2**20:.1f} MiB = 1.00; CSV "
          f"{csv_peak / 2**20:.1f} MiB = {csv_peak / held:.2f}x; xlsx "
          f"{xlsx_peak / 2**20:.1f} MiB = {xlsx_peak / held:.2f}x")
    # a streamed export holds a fraction of the list, not the whole of it
    assert csv_peak < held and xlsx_peak < held
