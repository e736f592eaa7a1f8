"""Any database that cannot be opened gives a French DatabaseError saying what to do (never
a crash, never SQLite's or SQLAlchemy's text), and the file is left as it was."""

from __future__ import annotations

import rawdb  # noqa: I001  (tests/rawdb.py: test databases are SQLCipher files)
import os
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from french import fr  # tests/french.py: the catalog's typography

from ccs_desktop.db import engine as eng
from ccs_desktop.db.migrate import HEAD_REVISION
from ccs_desktop.paths import DB_FILENAME
from ccs_desktop.services.errors import DatabaseBusy, UserError

ROOT = Path(__file__).resolve().parents[2]


def _french(exc: BaseException) -> None:
    text = str(exc)
    assert isinstance(exc, UserError)
    for english in ("sqlite3.", "Error", "SQLAlchemy", "database is", "not a database",
                    "malformed", "Traceback", "sqlalche.me", "unable to"):
        assert english not in text, text
    assert any(w in text.lower() for w in ("choisissez", "restaurez", "fermez", "vérifiez",
                                           "installez", "déplacez", "libérez")), text


def _write(data_dir: Path, data: bytes) -> Path:
    path = data_dir / DB_FILENAME
    path.write_bytes(data)
    return path


@pytest.mark.parametrize("content", [
    b"%PDF-1.7\n" + os.urandom(5000),
    b"SQLite format 3\x00" + b"\xff" * 4000,  # a header and garbage
    os.urandom(8192),
], ids=["pdf", "bad-header", "random"])
def test_a_file_that_is_not_a_database_is_refused_unchanged(data_dir, content):
    path = _write(data_dir, content)
    for create in (True, False):
        with pytest.raises(eng.DatabaseCorrupt) as info:
            eng.open_database(data_dir, create=create)
        _french(info.value)
    assert path.read_bytes() == content
    assert sorted(p.name for p in data_dir.iterdir()) == [DB_FILENAME]


def test_a_damaged_database_is_refused(data_dir, empty_db):
    empty_db.close()
    path = data_dir / DB_FILENAME
    data = bytearray(path.read_bytes())
    data[100:4096] = b"\x55" * (4096 - 100)  # the schema page, past the file header
    path.write_bytes(bytes(data))
    with pytest.raises(eng.DatabaseCorrupt) as info:
        eng.open_database(data_dir)
    _french(info.value)
    assert path.read_bytes() == bytes(data)


def test_another_programs_sqlite_database_is_not_touched(data_dir):
    path = data_dir / DB_FILENAME
    con = rawdb.connect(path)
    con.execute("CREATE TABLE contacts (name TEXT)")
    con.execute("INSERT INTO contacts VALUES ('x')")
    con.commit()
    con.close()
    before = path.read_bytes()
    with pytest.raises(eng.DatabaseCorrupt, match="pas été créée par CCS Desktop") as info:
        eng.open_database(data_dir)
    _french(info.value)
    assert path.read_bytes() == before
    assert eng.database_exists(data_dir)  # a database, not ours: never rebuilt over


def test_a_database_from_a_newer_application_is_refused(data_dir, empty_db):
    with empty_db.engine.begin() as conn:
        conn.exec_driver_sql("UPDATE alembic_version SET version_num = 'ffff'")
    empty_db.close()
    with pytest.raises(eng.DatabaseTooNew) as info:
        eng.open_database(data_dir)
    _french(info.value)


def test_a_locked_database_is_refused_in_french_after_the_busy_timeout(
        data_dir, empty_db, monkeypatch):
    empty_db.close()
    monkeypatch.setattr(eng, "BUSY_TIMEOUT_MS", 300)
    other = rawdb.connect(data_dir / DB_FILENAME, isolation_level=None)
    # WAL is in force (the driver's SQLite): only an exclusive locking mode keeps readers out
    other.execute("PRAGMA locking_mode = EXCLUSIVE")
    other.execute("BEGIN EXCLUSIVE")
    try:
        t = time.perf_counter()
        with pytest.raises(eng.DatabaseLocked) as info:
            eng.open_database(data_dir)
        elapsed = time.perf_counter() - t
    finally:
        other.execute("ROLLBACK")
        other.close()
    assert isinstance(info.value, DatabaseBusy) and isinstance(info.value, eng.DatabaseError)
    assert "occupée par un autre programme" in str(info.value)
    _french(info.value)
    assert elapsed < 1.5  # waited once, not once per step
    eng.open_database(data_dir).close()  # released: it opens


def test_the_busy_timeout_is_a_few_seconds(empty_db):
    assert 2000 <= eng.BUSY_TIMEOUT_MS <= 10000
    assert empty_db.pragma("busy_timeout") == eng.BUSY_TIMEOUT_MS


def test_a_folder_in_place_of_the_database_is_refused(data_dir):
    (data_dir / DB_FILENAME).mkdir()
    with pytest.raises(eng.DatabaseUnreadable) as info:
        eng.open_database(data_dir)
    _french(info.value)


def test_a_data_folder_that_is_a_file_is_refused(tmp_path):
    target = tmp_path / "plain-file"
    target.write_text("x")
    with pytest.raises(eng.DatabaseUnreadable) as info:
        eng.open_database(target)
    _french(info.value)
    assert target.read_text() == "x"


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0,
                    reason="root reads any file")
def test_an_unreadable_database_is_refused(data_dir, empty_db):
    empty_db.close()
    path = data_dir / DB_FILENAME
    path.chmod(0)
    try:
        with pytest.raises(eng.DatabaseUnreadable) as info:
            eng.open_database(data_dir)
        _french(info.value)
    finally:
        path.chmod(0o600)


def test_a_first_start_left_half_made_by_an_older_version_is_rebuilt(data_dir):
    """The old first start committed DDL statement by statement: killed, it left some CCS
    tables, an empty alembic_version and no stamp, and every later start failed with
    'table committees already exists'."""
    from ccs_desktop.db.engine import migrate_file

    path = data_dir / DB_FILENAME
    rawdb.connect(path).close()
    migrate_file(path, "0001")
    con = rawdb.connect(path)
    con.execute("DELETE FROM alembic_version")
    for t in ("activities", "settings", "fts_people"):
        con.execute(f"DROP TABLE {t}")
    con.commit()
    con.close()
    assert not eng.database_exists(data_dir)
    with pytest.raises(eng.NoDatabase):
        eng.open_database(data_dir, create=False)
    db = eng.open_database(data_dir)
    try:
        assert db.pragma("integrity_check") == "ok"
        with db.engine.connect() as conn:
            assert conn.exec_driver_sql(
                "SELECT version_num FROM alembic_version").scalar() == HEAD_REVISION
    finally:
        db.close()


def test_an_empty_file_is_a_first_start_to_do(data_dir):
    (data_dir / DB_FILENAME).write_bytes(b"")
    db = eng.open_database(data_dir)
    db.close()
    assert eng.database_exists(data_dir)


def test_a_stale_journal_without_its_database_is_not_applied_to_the_new_one(data_dir):
    journal = data_dir / (DB_FILENAME + "-journal")
    journal.write_bytes(os.urandom(4096))
    db = eng.open_database(data_dir)
    try:
        assert db.pragma("integrity_check") == "ok"
    finally:
        db.close()
    assert not journal.exists()


def test_leftovers_of_a_dead_process_go_those_of_a_live_one_stay(data_dir):
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True, check=True).stdout.strip()
    live = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(30)"])
    try:
        gone = data_dir / f"{eng.BUILDING_PREFIX}{dead}-abcd-{DB_FILENAME}"
        gone_journal = data_dir / f"{eng.BUILDING_PREFIX}{dead}-abcd-{DB_FILENAME}-journal"
        kept = data_dir / f"{eng.BUILDING_PREFIX}{live.pid}-abcd-{DB_FILENAME}"
        for p in (gone, gone_journal, kept):
            p.write_bytes(b"half")
        eng.open_database(data_dir).close()
        assert not gone.exists() and not gone_journal.exists()
        assert kept.exists()
    finally:
        live.kill()
        live.wait()


def test_create_database_refuses_an_existing_one(data_dir, empty_db):
    with pytest.raises(eng.DatabaseExists):
        eng.create_database(data_dir)


def test_create_database_fills_before_the_name_appears(data_dir):
    seen = {}

    def fill(db):  # noqa: ANN001
        seen["target_during_fill"] = (data_dir / DB_FILENAME).exists()
        with db.session() as s:
            s.execute(__import__("sqlalchemy").text(
                "INSERT INTO settings (key, value) VALUES ('x', 'y')"))

    db = eng.create_database(data_dir, fill=fill)
    try:
        assert seen["target_during_fill"] is False
        with db.engine.connect() as conn:
            assert conn.exec_driver_sql(
                "SELECT value FROM settings WHERE key='x'").scalar() == "y"
    finally:
        db.close()
    assert sorted(p.name for p in data_dir.iterdir()) == rawdb.DATABASE_FILES


def test_a_failing_fill_leaves_no_database(data_dir):
    def fill(db):  # noqa: ANN001
        raise UserError("refusé")

    with pytest.raises(UserError, match="refusé"):
        eng.create_database(data_dir, fill=fill)
    assert list(data_dir.iterdir()) == []


def test_the_cli_says_it_in_french(data_dir):
    _write(data_dir, b"%PDF-1.7\n" + b"x" * 2000)
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    r = subprocess.run([sys.executable, "-m", "ccs_desktop.cli", "info", "--data-dir",
                        str(data_dir)], capture_output=True, text=True, env=env, timeout=60)
    assert r.returncode == 1
    assert fr("endommagé ou n'est pas une base CCS Desktop") in r.stderr
    assert "sqlite" not in r.stderr.lower() and "inattendue" not in r.stderr
