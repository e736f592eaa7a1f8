"""The SQLCipher driver: raw keys, FTS5 with secure-delete, copies under a key (issue 11)."""

from __future__ import annotations

import sqlite3

import pytest

from ccs_desktop.db import cipher


SECRET = "Moussa DIAKITÉ informateur"


def _filled(path, key):  # noqa: ANN001, ANN202
    con = cipher.connect(path, key)
    con.execute("CREATE TABLE t(x)")
    con.execute("CREATE VIRTUAL TABLE f USING fts5(x)")
    con.execute("INSERT INTO t VALUES (?)", (SECRET,))
    con.execute("INSERT INTO f VALUES (?)", (SECRET,))
    con.commit()
    return con


def _contains(path, text: str) -> bool:  # noqa: ANN001
    data = path.read_bytes()
    return any(form in data for form in (text.encode("utf-8"), text.encode("utf-16-le"),
                                         b"DIAKIT", b"Moussa"))


def test_encrypted_file_reveals_nothing_and_needs_its_key(tmp_path):
    key = bytes(range(32))
    path = tmp_path / "ccs.sqlite3"
    _filled(path, key).close()
    assert not cipher.is_plain(path) and not _contains(path, SECRET)
    with pytest.raises(sqlite3.DatabaseError):
        sqlite3.connect(path).execute("SELECT * FROM sqlite_master").fetchall()
    wrong = cipher.connect(path, bytes(32))
    with pytest.raises(cipher.DatabaseError) as info:
        wrong.execute("SELECT count(*) FROM sqlite_master").fetchone()
    assert info.value.sqlite_errorname == "SQLITE_NOTADB"
    right = cipher.connect(path, key)
    assert right.execute("SELECT x FROM t").fetchone() == (SECRET,)
    assert right.execute("SELECT x FROM f WHERE f MATCH 'Moussa'").fetchone() == (SECRET,)
    assert cipher.SQLITE_VERSION >= (3, 46, 0)


def test_fts5_secure_delete_is_available(tmp_path):
    con = cipher.connect(tmp_path / "a.sqlite3", bytes(32))
    con.execute("CREATE VIRTUAL TABLE f USING fts5(x)")
    con.execute("INSERT INTO f(f, rank) VALUES ('secure-delete', 1)")


def test_plain_database_converted_and_copied_under_the_key(tmp_path):
    plain = tmp_path / "old.sqlite3"
    _filled(plain, None).close()
    assert cipher.is_plain(plain) and _contains(plain, SECRET)
    key = bytes(range(32))
    con = cipher.connect(plain, None)
    con.execute("PRAGMA user_version = 7")
    cipher.export(con, tmp_path / "new.sqlite3", key)
    con.close()
    new = tmp_path / "new.sqlite3"
    assert not cipher.is_plain(new) and not _contains(new, SECRET)
    enc = cipher.connect(new, key)
    assert enc.execute("SELECT x FROM t").fetchone() == (SECRET,)
    assert enc.execute("PRAGMA user_version").fetchone() == (7,)
    cipher.vacuum_into(enc, tmp_path / "copy.sqlite3")
    copy = tmp_path / "copy.sqlite3"
    assert not _contains(copy, SECRET)
    assert cipher.connect(copy, key).execute("SELECT x FROM t").fetchone() == (SECRET,)
    # re-keyed into another file: the old key no longer opens it
    other = bytes(reversed(range(32)))
    cipher.export(enc, tmp_path / "rekeyed.sqlite3", other)
    assert cipher.connect(tmp_path / "rekeyed.sqlite3", other).execute(
        "SELECT x FROM t").fetchone() == (SECRET,)
    with pytest.raises(cipher.DatabaseError):
        cipher.connect(tmp_path / "rekeyed.sqlite3", key).execute("SELECT x FROM t")


def test_a_key_is_32_bytes():
    with pytest.raises(ValueError):
        cipher.connect(":memory:", b"short")
