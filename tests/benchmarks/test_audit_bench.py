"""Benchmark of the audit trail's cost on an autosave, and of `verify` (issue 13).

Run on demand (pytest ignores tests/benchmarks by default):

    QT_QPA_PLATFORM=offscreen .venv/bin/pytest tests/benchmarks/test_audit_bench.py -s \
        -o addopts=""          (CCS_BENCH_AUDIT_ENTRIES=20000 for a quicker run)

Measured in the same run, on a database whose trail already holds ENTRIES entries: one
autosave (RecordService.update of one field) with the trail switched off (the baseline),
coalesced into its editing session (what every autosave but the first costs), and starting a
new editing session (one INSERT … SELECT). SQL statements are counted through SQLAlchemy's
`before_cursor_execute` (BEGIN/COMMIT not counted). Targets: a coalesced autosave costs no
statement more than the baseline, a new session one; `verify` walks 10,000 entries per
second at least.
"""

from __future__ import annotations

import os
import statistics
import time

from sqlalchemy import event
from sqlalchemy.engine import Engine

from ccs_desktop.db import audit_log
from ccs_desktop.services import audit
from ccs_desktop.services.hub import Services

ENTRIES = int(os.environ.get("CCS_BENCH_AUDIT_ENTRIES", "100000"))
TRANSACTION = ("BEGIN", "COMMIT", "ROLLBACK", "SAVEPOINT", "RELEASE")


class Counter:
    def __init__(self) -> None:
        self.n = 0

    def __call__(self, conn, cursor, statement, *_):  # noqa: ANN001, ANN002
        if statement.split()[0].upper() not in TRANSACTION:
            self.n += 1


def _measure(fn, repeat: int = 21) -> tuple[float, float]:
    counter = Counter()
    times = []
    event.listen(Engine, "before_cursor_execute", counter)
    try:
        for n in range(repeat):
            start = time.perf_counter()
            fn(n)
            times.append((time.perf_counter() - start) * 1000)
    finally:
        event.remove(Engine, "before_cursor_execute", counter)
    return statistics.median(times), counter.n / repeat


def test_autosave_cost_and_verify(committee_db, monkeypatch):
    sv = Services(committee_db)
    t = sv.threats.create(title="Vols", type_code="CRI.BET")
    with committee_db.session() as s:
        for _ in range(ENTRIES):
            audit_log.append(s, audit_log.entry_values("lock", account="bench"))
    print(f"\n{ENTRIES:,} entries in the trail")

    def save(n: int) -> None:
        sv.threats.update(t.id, title=f"Vols {n}")

    save(-1)
    monkeypatch.setattr(audit_log, "ENABLED", False)
    base_ms, base_n = _measure(save)
    monkeypatch.setattr(audit_log, "ENABLED", True)
    save(-2)
    co_ms, co_n = _measure(save)

    def new_session(n: int) -> None:
        audit.forget_editing()
        save(n)

    new_ms, new_n = _measure(new_session)
    print(f"autosave, trail off (baseline): {base_ms:.2f} ms, {base_n:.0f} statements")
    print(f"autosave, coalesced: {co_ms:.2f} ms ({co_ms / base_ms:.2f}x), "
          f"{co_n:.0f} statements")
    print(f"autosave, new editing session: {new_ms:.2f} ms ({new_ms / base_ms:.2f}x), "
          f"{new_n:.0f} statements")
    start = time.perf_counter()
    verdict = audit.verify(committee_db)
    took = time.perf_counter() - start
    print(f"verify: {verdict.count:,} entries in {took:.2f} s "
          f"({verdict.count / took:,.0f} entries/s)")
    assert verdict.ok
    assert co_n <= base_n and new_n <= base_n + 1
    assert verdict.count / took > 10_000
