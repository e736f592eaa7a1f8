"""Tests that look inside a database file below the application (row counts, a raw UPDATE,
a forged file) open it here: databases are SQLCipher files since issue 11.

`connect(path)` finds the key of a database the tests made: the key file of its data folder
(or of the data folder above `sauvegardes-auto/`) unlocked with the test account; a plain
SQLite file (the previous version's, a forged foreign body) opens without a key.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from ccs_desktop.db import cipher, unlock

# the account every test database is made and unlocked with (tests/conftest.py gives it)
TEST_USER = "admin"
TEST_PASSWORD = "mot-de-passe-des-tests"
# what a data folder holds once its database exists: the database, its key file and the key
# file's second copy (in the automatic copies' folder)
DATABASE_FILES = sorted(["ccs.sqlite3", unlock.KEYFILE_NAME, unlock.COPY_FOLDER])


def key_for(path: str | os.PathLike[str]) -> bytes | None:
    path = Path(path)
    if not path.exists() or path.stat().st_size == 0 or cipher.is_plain(path):
        return None  # a new, empty or plain file
    for folder in (path.parent, path.parent.parent):
        if unlock.has_keys(folder):
            return unlock.unlock(folder, unlock.Credentials.given(), sleep=None)
    raise LookupError(f"no key file for {path}")


def connect(path: str | os.PathLike[str], key: bytes | None = None, **kw: Any) -> Any:
    """A DB-API connection (the sqlite3 API) to a test database, plain or encrypted."""
    if isinstance(path, str) and path.startswith("file:"):
        raise ValueError("give a path; use uri_query for mode=ro")
    return cipher.connect(path, key if key is not None else key_for(path), **kw)


def plain_snapshot(db_path: str | os.PathLike[str], dest: str | os.PathLike[str], *,
                   transmission: bool, own_uuid: str | None) -> dict:
    """A snapshot of a test database with a plain body, as files of the previous version
    carry (readers still accept them): what tests that forge a file start from."""
    from ccs_desktop.services.exchange import snapshot as sn

    dest = Path(dest)
    work = dest.with_name(dest.name + ".chiffre")
    body_key = bytes(32)
    meta = sn.make_snapshot(Path(db_path), work, transmission=transmission,
                            own_uuid=own_uuid, key=key_for(db_path), body_key=body_key)
    con = cipher.connect(work, body_key)
    try:
        cipher.export(con, dest, None)
    finally:
        con.close()
    work.unlink()
    return meta


def plain_bytes(path: str | os.PathLike[str], key: bytes | None) -> bytes:
    """The decrypted page image of a database file (what a check of "no such text anywhere in
    the file" must read now that files are encrypted), through a plain copy made by
    sqlcipher_export in a temporary folder of the test."""
    import tempfile

    if key is None:
        return Path(path).read_bytes()
    with tempfile.TemporaryDirectory(prefix="ccs-test-plain-") as tmp:
        out = Path(tmp) / "plain.sqlite3"
        con = cipher.connect(path, key)
        try:
            cipher.export(con, out, None)
        finally:
            con.close()
        return out.read_bytes()


def copy_database(src: str | os.PathLike[str], dest: str | os.PathLike[str]) -> None:
    """A database and its key file copied from one data folder to another."""
    import shutil

    src, dest = Path(src), Path(dest)
    dest.mkdir(parents=True, exist_ok=True)
    shutil.copy2(src / "ccs.sqlite3", dest / "ccs.sqlite3")
    if unlock.keyfile_path(src).exists():
        shutil.copy2(unlock.keyfile_path(src), unlock.keyfile_path(dest))
