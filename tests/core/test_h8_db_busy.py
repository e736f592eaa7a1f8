"""A database locked by another program: a French DatabaseBusy after the busy timeout, nothing
written; immediate write sessions serialise read-then-write instead of losing updates."""

from __future__ import annotations

import rawdb  # noqa: I001  (tests/rawdb.py: test databases are SQLCipher files)
import threading
import time

import pytest
from sqlalchemy import select, text

from ccs_desktop.db import engine as eng
from ccs_desktop.db import models as m
from ccs_desktop.paths import DB_FILENAME
from ccs_desktop.services.errors import DatabaseBusy, UserError


@pytest.fixture
def quick_timeout(monkeypatch):
    monkeypatch.setattr(eng, "BUSY_TIMEOUT_MS", 300)


@pytest.fixture
def locked(data_dir, quick_timeout):
    """The database open in this process, and a second real connection holding it."""
    db = eng.open_database(data_dir)
    # WAL is in force (the driver's SQLite): only a program in exclusive locking mode keeps
    # readers out, and it can take that lock only while no connection has the WAL open
    db.engine.dispose()
    other = rawdb.connect(data_dir / DB_FILENAME, isolation_level=None)
    other.execute("PRAGMA locking_mode = EXCLUSIVE")
    other.execute("BEGIN EXCLUSIVE")
    yield db, other
    try:
        _release(other)
    except Exception:  # noqa: BLE001  (released by the test already)
        pass
    db.close()


def _release(other) -> None:  # noqa: ANN001
    """The other program ends its transaction, and its exclusive hold with its connection
    (in WAL, an exclusive locking mode lasts as long as the connection)."""
    other.execute("ROLLBACK")
    other.close()


def _message_ok(exc: BaseException) -> None:
    assert isinstance(exc, UserError)
    assert str(exc) == DatabaseBusy.MESSAGE
    assert "occupée par un autre programme" in str(exc) and "réessayez" in str(exc)


@pytest.mark.parametrize("immediate", [False, True])
def test_a_write_while_another_program_holds_the_lock(locked, immediate):
    db, other = locked
    t = time.perf_counter()
    with pytest.raises(DatabaseBusy) as info:
        with db.session(immediate=immediate) as s:
            s.add(m.Setting(key="k", value="v"))
    elapsed = time.perf_counter() - t
    _message_ok(info.value)
    assert 0.2 < elapsed < 3
    _release(other)
    with db.session() as s:  # nothing was written, and the database works again
        assert s.get(m.Setting, "k") is None
        s.add(m.Setting(key="k", value="v"))
    with db.session() as s:
        assert s.get(m.Setting, "k").value == "v"


def test_a_read_while_another_program_holds_the_lock(locked):
    db, _other = locked
    with pytest.raises(DatabaseBusy) as info:
        with db.session() as s:
            s.scalar(select(m.Setting.value).where(m.Setting.key == "x"))
    _message_ok(info.value)


def test_a_service_call_says_it_in_french(locked):
    from ccs_desktop.services.hub import Services

    db, _other = locked
    with pytest.raises(DatabaseBusy):
        Services(db).committee.create(level="commune", region="Tombouctou",
                                      cercle="Tombouctou", commune="Alafia")


def test_immediate_sessions_serialise_read_then_write(empty_db):
    """Each worker reads a counter, waits, writes it + 1: with BEGIN IMMEDIATE no update is
    lost (ordinary sessions read without a lock and lose some)."""
    with empty_db.session() as s:
        s.add(m.Setting(key="counter", value="0"))
    errors: list[BaseException] = []

    def work() -> None:
        try:
            for _ in range(5):
                with empty_db.session(immediate=True) as s:
                    n = int(s.scalar(text("SELECT value FROM settings WHERE key='counter'")))
                    time.sleep(0.005)
                    s.execute(text("UPDATE settings SET value=:v WHERE key='counter'"),
                              {"v": str(n + 1)})
        except BaseException as exc:  # noqa: BLE001
            errors.append(exc)

    threads = [threading.Thread(target=work) for _ in range(4)]
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    assert errors == []
    with empty_db.session() as s:
        assert s.scalar(text("SELECT value FROM settings WHERE key='counter'")) == "20"


def test_immediate_sessions_keep_savepoints_and_autoflush(empty_db):
    with empty_db.session(immediate=True) as s:
        s.add(m.Setting(key="a", value="1"))
        assert s.get(m.Setting, "a") is not None  # autoflush inside the transaction
        nested = s.begin_nested()
        s.add(m.Setting(key="b", value="2"))
        s.flush()
        nested.rollback()
    with empty_db.session() as s:
        assert s.get(m.Setting, "a").value == "1"
        assert s.get(m.Setting, "b") is None


def test_reading_sessions_do_not_block_a_writer_of_the_same_process(empty_db, quick_timeout):
    with empty_db.session() as reader:
        reader.scalar(select(m.Setting.value).limit(1))
        with empty_db.session(immediate=True) as writer:
            writer.add(m.Setting(key="w", value="1"))
    with empty_db.session() as s:
        assert s.get(m.Setting, "w") is not None
