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


def key_for(path: str | os.PathLike[str]) -> bytes | None:
    path = Path(path)
    if cipher.is_plain(path) or not path.exists():
        return None
    for folder in (path.parent, path.parent.parent):
        if unlock.has_keys(folder):
            return unlock.unlock(folder, unlock.Credentials.given(), sleep=None)
    raise LookupError(f"no key file for {path}")


def connect(path: str | os.PathLike[str], key: bytes | None = None, **kw: Any) -> Any:
    """A DB-API connection (the sqlite3 API) to a test database, plain or encrypted."""
    if isinstance(path, str) and path.startswith("file:"):
        raise ValueError("give a path; use uri_query for mode=ro")
    return cipher.connect(path, key if key is not None else key_for(path), **kw)
