"""Benchmark of the reporting rates read from the recorded arrivals (issue 17, table
crss_arrivals) against the same rates inferred from the import log's snapshot times (what
they were before revision 0006r), on one generated CRSS database in the same run; and the
cost of the revision's backfill.

Run on demand (pytest ignores tests/benchmarks by default):

    QT_QPA_PLATFORM=offscreen .venv/bin/pytest tests/benchmarks/test_arrivals_bench.py -s \\
        -o addopts=""      (CCS_BENCH_COMMITTEES=200 CCS_BENCH_YEARS=2 for a quicker run)
"""

from __future__ import annotations

import rawdb  # noqa: F401, I001

import datetime as dt
import importlib.util
import os
import time
from pathlib import Path

from sqlalchemy import text

from ccs_desktop.db.engine import open_database
from ccs_desktop.services.crss import reporting

COMMITTEES = int(os.environ.get("CCS_BENCH_COMMITTEES", "800"))
YEARS = int(os.environ.get("CCS_BENCH_YEARS", "3"))
FIRST = 2022
ROOT = Path(__file__).resolve().parents[1]


def _load(path: Path, name: str):  # noqa: ANN202
    spec = importlib.util.spec_from_file_location(name, path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)  # type: ignore[union-attr]
    return mod


def _best(fn, runs: int = 3) -> float:  # noqa: ANN001
    best = float("inf")
    for _ in range(runs):
        t0 = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - t0)
    return best


def test_rates_from_the_arrivals(tmp_path: Path) -> None:
    build = _load(ROOT / "core" / "test_reporting.py", "reporting_builder_bench").build_crss
    migration = _load(ROOT.parent / "ccs_desktop" / "db" / "migrations" / "versions"
                      / "0006r_arrivals.py", "arrivals_revision")
    db = open_database(tmp_path / "crss")
    try:
        build(db, COMMITTEES, YEARS, first_year=FIRST)
        year, as_of = FIRST + YEARS - 1, dt.date(FIRST + YEARS, 1, 1)

        def rates() -> list:
            return reporting.rates(db, "region", year=year, as_of=as_of)

        inferred = rates()
        baseline = _best(rates)  # no arrival recorded: every month inferred
        statements: list[str] = []

        class Op:  # the revision's statements, run on this database
            @staticmethod
            def execute(sql: str) -> None:
                statements.append(sql)

        migration.op = Op
        migration._backfill()  # noqa: SLF001
        with db.session() as s:
            t0 = time.perf_counter()
            for sql in statements:
                s.execute(text(sql))
            backfill = time.perf_counter() - t0
            arrivals = s.scalar(text("SELECT COUNT(*) FROM crss_arrivals"))
        recorded = _best(rates)
        assert rates() == inferred  # the backfill dates what the inference dated
        print(f"\n  {COMMITTEES} committees × {YEARS} years, rates by region of {year}:"
              f"\n  inferred from the import log (baseline) {baseline:.3f} s"
              f"\n  read from {arrivals} arrivals            {recorded:.3f} s"
              f"  ×{recorded / baseline:.2f}"
              f"\n  backfill of revision 0006r              {backfill:.3f} s"
              f"  ×{backfill / baseline:.2f}")
    finally:
        db.close()
