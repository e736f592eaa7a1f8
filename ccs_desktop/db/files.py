"""What the database modules share below the engine: the errors the user sees when a
database cannot be opened, and the files built next to a database (a new database, a copy
aside, a converted or re-keyed file), published atomically and cleaned up after a kill.

engine.py re-exports every name here (`from ccs_desktop.db.engine import DatabaseError`...);
convert.py and rekey.py import them from here, so that the engine can call them without an
import cycle.
"""

from __future__ import annotations

import logging
import os
import secrets
from pathlib import Path

from ..fileio import publish
from ..i18n import N_, _
from ..services.errors import DatabaseBusy, UserError

log = logging.getLogger("ccs_desktop.db.engine")

# How long a statement waits for another program's lock before giving up (milliseconds).
BUSY_TIMEOUT_MS = 5000
# Files being built next to the database (first start, copies aside): `<prefix><pid>-<random>`.
BUILDING_PREFIX = ".ccs-en-cours-"
_SIDE_SUFFIXES = ("-journal", "-wal", "-shm")


class DatabaseError(UserError):
    """A database that cannot be opened; the message is meant for the user (French by
    default, in the interface's language)."""


class DatabaseTooNew(DatabaseError):
    pass


class NoDatabase(DatabaseError):
    pass


class DatabaseExists(DatabaseError):
    """create_database on a folder that already has a database."""


class NeedsCredentials(DatabaseError):
    """An encrypted database (or a new one, or one to convert) and no account given."""


# (outside the class: an N_ in a class body is extracted with the class as its context)
_LOCKED = N_("The database is in use by another program (another CCS Desktop window?). "
             "Close it, then try again.")


class DatabaseLocked(DatabaseError, DatabaseBusy):
    """Another program holds the database's lock for longer than the busy timeout."""

    MESSAGE = _LOCKED  # the message id (English): translated when raised

    def __init__(self, message: str | None = None) -> None:
        DatabaseBusy.__init__(self, message or _(self.MESSAGE))


class DatabaseCorrupt(DatabaseError):
    """The file is not an SQLite database, is damaged, or is not a CCS database."""


class DatabaseUnreadable(DatabaseError):
    """The file or its folder cannot be read or written (permissions, disk full, I/O)."""


# ---------------------------------------------------------------------------------------------
# Files next to the database


def _remove_with_side_files(path: Path) -> None:
    for p in [path] + [path.with_name(path.name + s) for s in _SIDE_SUFFIXES]:
        try:
            p.unlink()
        except FileNotFoundError:
            pass


def _building_path(folder: Path, label: str) -> Path:
    return folder / f"{BUILDING_PREFIX}{os.getpid()}-{secrets.token_hex(4)}-{label}"


def _owner_is_running(name: str) -> bool:
    try:
        pid = int(name[len(BUILDING_PREFIX):].split("-", 1)[0])
    except ValueError:
        return False
    if pid == os.getpid():
        return True
    if os.name == "nt":
        # os.kill would terminate the process there; a file in use cannot be deleted on
        # Windows, so the removal attempt itself tells
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # exists, another user's
        return True
    return True


def clean_leftovers(folder: Path) -> list[Path]:
    """Remove what a killed first start or copy left next to the database; returns them."""
    removed: list[Path] = []
    try:
        candidates = list(folder.glob(BUILDING_PREFIX + "*"))
    except OSError:
        return removed
    for path in candidates:
        if _owner_is_running(path.name):
            continue
        try:
            path.unlink()
            removed.append(path)
        except FileNotFoundError:
            pass
        except OSError:  # in use (Windows) or not ours to remove: leave it
            continue
    if removed:
        log.info("restes d'une opération interrompue supprimés : %s", removed)
    return removed


def _already_there(folder: Path) -> str:
    return _("The folder “{folder}” already has a database.").format(folder=folder)


def _publish(built: Path, target: Path, *, replace: bool) -> None:
    """Give the complete, synced `built` file the database's name, atomically."""
    # a journal without its database is stale: SQLite would apply it to the new file
    for s in _SIDE_SUFFIXES:
        side = target.with_name(target.name + s)
        if os.path.lexists(side) and (replace or not os.path.lexists(target)):
            side.unlink()
    try:  # without `replace`, never over an existing database (fileio.publish hard-links)
        publish(built, target, overwrite=replace)
    except FileExistsError:
        raise DatabaseExists(_already_there(target.parent)) from None
