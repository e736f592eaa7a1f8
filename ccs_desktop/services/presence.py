"""What the start-up knows of a data folder before the database layer is imported (issue 18:
the login screen shows with Qt and a few light modules only; SQLAlchemy, the models and the
key file's cryptography load while the user types the password).

Standard library only (and paths). db.unlock re-exports the names (`unlock.DEFAULT_ADMIN`...).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from .. import paths

ENV_USER = "CCS_USER"
ENV_PASSWORD_FILE = "CCS_PASSWORD_FILE"
DEFAULT_ADMIN = "admin"
# the first bytes of a plain SQLite file (db.cipher.PLAIN_HEADER): an encrypted one has
# random bytes there
PLAIN_HEADER = b"SQLite format 3\x00"


def credentials_given() -> bool:
    """Whether an account is given without a login screen: --user/--password-file through
    CCS_USER and CCS_PASSWORD_FILE, or (db.unlock imported already, by an earlier run in the
    same process) a command line or a session that db.unlock.Credentials.given would use."""
    if os.environ.get(ENV_PASSWORD_FILE):
        return True
    unlock = sys.modules.get("ccs_desktop.db.unlock")  # not imported: nothing held there
    try:
        return unlock is not None and unlock.Credentials.given() is not None
    except Exception:  # noqa: BLE001  (an unreadable password file: the opening says it)
        return True


def quick_state(data_dir: str | os.PathLike[str] | None) -> str | None:
    """"encrypted" (a regular non-empty file that is not plain SQLite: only a login opens
    it) or "none" (no database file at all), told from the file system alone; None for
    everything else (a plain or empty file, a folder in its place, an unusable data
    folder...), which the database layer itself examines and reports."""
    try:
        path = Path(paths.database_path(data_dir))
        if not os.path.lexists(path):
            return "none"
        if not path.is_file() or path.stat().st_size < len(PLAIN_HEADER):
            return None
        with open(path, "rb") as fh:
            return None if fh.read(len(PLAIN_HEADER)) == PLAIN_HEADER else "encrypted"
    except Exception:  # noqa: BLE001  (the database layer says in French what is wrong)
        return None
