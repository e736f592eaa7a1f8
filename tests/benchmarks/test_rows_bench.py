"""Benchmark of the frozen rows the screens receive (issue 10), at 500,000 meetings.

Run on demand (pytest ignores tests/benchmarks by default):

    QT_QPA_PLATFORM=offscreen .venv/bin/pytest tests/benchmarks/test_rows_bench.py -s \
        -o addopts=""          (CCS_BENCH_ROWS=100000 for a quicker run)

Measured in the same run, each against the baseline of what the table read before (the ORM
entities of `list()`): a page of 200 frozen rows from `rows()` (entities, then frozen), the
same page from a select of the columns alone (what `rows()` could do instead), and the table
model's `update_row` with the row a save returned (no query) against the one that fetches it
again (one statement).
"""

from __future__ import annotations

import os
import statistics
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest  # noqa: E402
from sqlalchemy import select  # noqa: E402

from ccs_desktop.db import models as m  # noqa: E402
from ccs_desktop.services.hub import Services  # noqa: E402
from ccs_desktop.services.records import ListQuery  # noqa: E402
from ccs_desktop.services.values import columns_of  # noqa: E402

from test_table_bench import build  # noqa: E402

ROWS = int(os.environ.get("CCS_BENCH_ROWS", "500000"))


def _ms(fn, repeat: int = 15) -> float:  # noqa: ANN001
    fn()  # warm the statement caches
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


@pytest.fixture(scope="module")
def big_db(tmp_path_factory):  # noqa: ANN001, ANN201
    folder = tmp_path_factory.mktemp("rows-bench")
    db = build(folder, ROWS)
    yield db
    db.close()


def test_frozen_rows_against_orm_entities(qapp, big_db):  # noqa: ANN001
    from ccs_desktop.ui.models import make_model

    services = Services(big_db)
    meetings = services.meetings
    page = ListQuery(limit=200)
    fields = columns_of(m.Meeting)
    Row = meetings.Row

    def by_columns() -> tuple:
        stmt = meetings._order(meetings._apply(select(*m.Meeting.__table__.columns), page),
                               page).limit(200)
        with big_db.session() as s:
            return tuple(Row(**dict(zip(fields, r)), is_adopted=r.status == "adopted")
                         for r in s.execute(stmt))

    assert [r.id for r in by_columns()] == [r.id for r in meetings.rows(page)]
    t_list = _ms(lambda: meetings.list(page))
    t_rows = _ms(lambda: meetings.rows(page))
    t_cols = _ms(by_columns)

    model = make_model(services, "meetings")
    target = model.record(3)
    t_query = _ms(lambda: model.update_row(target.id))
    t_fresh = _ms(lambda: model.update_row(target.id, target))

    print(f"\nfrozen rows at {ROWS:,} meetings (page of 200)")
    print(f"{'path':44} {'ms':>8} {'ratio':>7}")
    print(f"{'list(): ORM entities (before)':44} {t_list:8.2f} {1.0:7.2f}")
    print(f"{'rows(): entities, then frozen (now)':44} {t_rows:8.2f} {t_rows / t_list:7.2f}")
    print(f"{'columns selected, then frozen':44} {t_cols:8.2f} {t_cols / t_list:7.2f}")
    print(f"{'update_row: the row fetched again':44} {t_query:8.2f} {1.0:7.2f}")
    print(f"{'update_row: the row a save returned':44} {t_fresh:8.2f} "
          f"{t_fresh / t_query:7.2f}")
