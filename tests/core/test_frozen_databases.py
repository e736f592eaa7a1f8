"""Issue 10: a database made by every past version opens and migrates to the head with its
rows. tests/fixtures/revision-<rev>.sqlite3 are frozen files (made once by
tests/fixtures/make_fixtures.py from that revision's own schema, a few rows in every table)."""

from __future__ import annotations

import rawdb  # noqa: I001  (tests/rawdb.py: test databases are SQLCipher files)
import shutil
import sqlite3
import sys
from pathlib import Path

import pytest

from ccs_desktop.db.engine import open_database
from ccs_desktop.db.migrate import HEAD_REVISION
from ccs_desktop.paths import DB_FILENAME

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
sys.path.insert(0, str(FIXTURES))
import make_fixtures  # noqa: E402
from ccs_desktop.db import cipher  # noqa: E402

REVISIONS = make_fixtures.revisions()


def test_every_revision_has_its_frozen_database():
    assert REVISIONS[-1] == HEAD_REVISION
    missing = [r for r in REVISIONS if not make_fixtures.fixture_path(r).is_file()]
    assert missing == [], "run tests/fixtures/make_fixtures.py for the new revision"


def _rows(path: Path) -> dict[str, dict[int, dict[str, object]]]:
    con = rawdb.connect(path)
    con.row_factory = cipher.driver.Row  # the driver's own Row (a SQLCipher connection)
    try:
        return {t: {r["rowid"]: dict(r) for r in con.execute(
                    f'SELECT rowid AS rowid, * FROM "{t}"')}
                for t in make_fixtures.data_tables(con)}
    finally:
        con.close()


@pytest.mark.parametrize("revision", REVISIONS)
def test_a_frozen_database_migrates_to_the_head_with_its_rows(revision, data_dir):
    frozen = make_fixtures.fixture_path(revision)
    original = frozen.read_bytes()
    shutil.copy2(frozen, data_dir / DB_FILENAME)
    before = _rows(frozen)
    assert before and all(len(rows) >= 3 for rows in before.values()), before.keys()

    db = open_database(data_dir)
    try:
        assert db.pragma("integrity_check") == "ok"
        with db.engine.connect() as conn:
            stamp = conn.exec_driver_sql("SELECT version_num FROM alembic_version").scalar()
            assert stamp == HEAD_REVISION
            assert conn.exec_driver_sql("PRAGMA foreign_key_check").fetchall() == []
    finally:
        db.close()
    after = _rows(data_dir / DB_FILENAME)
    lost = []
    for table, rows in before.items():
        assert table in after, f"table {table} of {revision} is gone"
        for rowid, row in rows.items():
            now = after[table].get(rowid)
            if now is None or any(now[k] != v for k, v in row.items() if k in now):
                lost.append((table, rowid))
    assert lost == []
    if revision != HEAD_REVISION:  # copied aside before the upgrade
        assert list(data_dir.glob(f"ccs.avant-migration-{revision}-*.sqlite3"))
    assert frozen.read_bytes() == original  # the frozen file itself is never opened
