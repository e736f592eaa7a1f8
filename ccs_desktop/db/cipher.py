"""SQLCipher connections: the one driver every database connection of the application uses.

`sqlcipher3` (SQLCipher 4 on a recent SQLite, with FTS5) is a drop-in DB-API driver for the
standard `sqlite3` module. A database is encrypted with a **raw** 256-bit key
(`PRAGMA key = "x'…'"`): no passphrase derivation per connection (a passphrase key costs
~0.28 s of PBKDF2 each time); the key is derived once, from an account password, by the key
file (db/keyfile.py). A connection without a key is an ordinary SQLite file (tests of the old
format, foreign files before conversion).

The key is given to `connect`, never put in a URL or a log line; `cipher_log_level = NONE`
keeps SQLCipher from printing English errors on stderr (our own French ones say what to do).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import sqlite3

from sqlcipher3 import dbapi2 as driver

Connection = driver.Connection
DatabaseError = driver.DatabaseError
# what an `except` catches: the driver's errors, and the standard library's (raised by code
# that still reaches a plain file through it, and by the tests' fakes)
Error = (driver.Error, sqlite3.Error)
DATABASE_ERRORS = (driver.DatabaseError, sqlite3.DatabaseError)
OperationalError = (driver.OperationalError, sqlite3.OperationalError)
IntegrityError = (driver.IntegrityError, sqlite3.IntegrityError)
SQLITE_VERSION = driver.sqlite_version_info  # the driver's own SQLite, not the stdlib's
PLAIN_HEADER = b"SQLite format 3\x00"
KEY_LEN = 32


def _key_pragma(key: bytes) -> str:
    if not isinstance(key, bytes) or len(key) != KEY_LEN:
        raise ValueError("a database key is 32 bytes")
    return f"PRAGMA key = \"x'{key.hex()}'\""


def _key_clause(key: bytes | None) -> str:
    return "KEY ''" if key is None else f"KEY \"x'{_checked(key).hex()}'\""


def _checked(key: bytes) -> bytes:
    if not isinstance(key, bytes) or len(key) != KEY_LEN:
        raise ValueError("a database key is 32 bytes")
    return key


def connect(path: str | os.PathLike[str], key: bytes | None, *, timeout: float = 5.0,
            uri: bool = False, isolation_level: str | None = "",
            check_same_thread: bool = False) -> Any:
    """A DB-API connection to `path` (a file name or, with uri=True, a file: URI), unlocked
    with `key` (None: a plain SQLite file). Nothing is read before the key is set."""
    con = driver.connect(str(path) if not uri else path, timeout=timeout, uri=uri,
                         isolation_level=isolation_level,
                         check_same_thread=check_same_thread)
    try:
        con.execute("PRAGMA cipher_log_level = NONE")
        if key is not None:
            con.execute(_key_pragma(key))
    except BaseException:
        con.close()
        raise
    return con


def is_plain(path: str | os.PathLike[str]) -> bool:
    """True when the file starts with SQLite's clear header (a database of the previous
    version, or a copy made by it): an encrypted file has random bytes there."""
    try:
        with open(path, "rb") as fh:
            return fh.read(len(PLAIN_HEADER)) == PLAIN_HEADER
    except OSError:
        return False


def export(con: Any, dest: str | os.PathLike[str], dest_key: bytes | None) -> None:
    """Write the whole database of `con` into the new file `dest` under `dest_key` (None:
    plain), with SQLCipher's `sqlcipher_export`: converts a plain database to an encrypted
    one, or re-keys into a new file (which the caller publishes atomically)."""
    dest = Path(dest)
    con.execute(f"ATTACH DATABASE ? AS dest {_key_clause(dest_key)}", (str(dest),))
    try:
        con.execute("SELECT sqlcipher_export('dest')")
        # the schema version travels too (alembic reads its table; user_version for tools)
        version = con.execute("PRAGMA main.user_version").fetchone()[0]
        con.execute(f"PRAGMA dest.user_version = {int(version)}")
    finally:
        con.execute("DETACH DATABASE dest")


def vacuum_into(con: Any, dest: str | os.PathLike[str]) -> None:
    """A compact, consistent copy of `con`'s database under the same key as the live one."""
    con.execute("VACUUM INTO ?", (str(dest),))
