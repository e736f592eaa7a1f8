"""The disk under the backup service: the French message of a write that failed, the
locked hidden work folders that hold clear copies and partial files, and the cleaning of
what a killed process left."""

from __future__ import annotations

import errno
import logging
import os
import shutil
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from ... import paths
from ...fileio import os_error_message
from ...i18n import _
from ..errors import UserError
from .naming import AUTO_FOLDER

log = logging.getLogger(__name__)

Progress = Callable[[int, int, str], None]

# Hidden work folders and the lock each holds while it exists (see WorkFolder).
WORK_PREFIXES = (".ccs-tmp-", ".ccs-ouverture-")
PREP_PREFIX = ".ccs-prep-"  # a work folder being created, not yet locked
LOCK_NAME = ".verrou"
LEGACY_GRACE = 60.0  # seconds: leftovers without a lock (older versions) are removed after


def _noop(_done: int, _total: int, _msg: str) -> None:
    pass


def _try_lock(fd: int) -> bool:
    """Exclusive, non-blocking lock on an open file (released when the file is closed or
    its process dies, SIGKILL included)."""
    try:
        if os.name == "nt":  # pragma: no cover - Windows only
            import msvcrt

            os.lseek(fd, 0, os.SEEK_SET)
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        else:
            import fcntl

            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        return True
    except OSError:
        return False


def _unlock(fd: int) -> None:
    try:
        if os.name == "nt":  # pragma: no cover - Windows only
            import msvcrt

            os.lseek(fd, 0, os.SEEK_SET)
            msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)
        else:
            import fcntl

            fcntl.flock(fd, fcntl.LOCK_UN)
    except OSError:
        pass


class WorkFolder:
    """A hidden folder for clear copies and partial files (`.ccs-tmp-…`, `.ccs-ouverture-…`)
    that holds a lock (`.verrou` inside it) for as long as it exists: `clean_leftovers_at_start`
    and `cleanup_leftovers` remove any such folder whose lock is free (its process ended or
    was killed) and never one whose process still runs. Created under a `.ccs-prep-` name,
    locked, then renamed, so that no other process ever sees it unlocked."""

    def __init__(self, parent: Path, prefix: str) -> None:
        try:
            parent.mkdir(parents=True, exist_ok=True)
            prep = Path(tempfile.mkdtemp(prefix=PREP_PREFIX, dir=parent))
        except OSError as exc:
            raise UserError(os_error_message(exc, parent)) from None
        self._fd: int | None = None
        try:
            self._fd = os.open(prep / LOCK_NAME, os.O_RDWR | os.O_CREAT, 0o600)
            if not _try_lock(self._fd):
                raise OSError(errno.EAGAIN, "lock")
            self.path = parent / (prefix + prep.name[len(PREP_PREFIX):])
            os.rename(prep, self.path)
        except OSError as exc:
            self._close()
            shutil.rmtree(prep, ignore_errors=True)
            raise UserError(os_error_message(exc, parent)) from None

    def _close(self) -> None:
        if self._fd is not None:
            _unlock(self._fd)
            os.close(self._fd)
            self._fd = None

    def remove(self) -> None:
        """Delete the folder and everything in it, then release the lock."""
        shutil.rmtree(self.path, ignore_errors=True)  # the lock is held meanwhile
        self._close()
        shutil.rmtree(self.path, ignore_errors=True)  # Windows: the lock file, now closed

    def __enter__(self) -> Path:
        return self.path

    def __exit__(self, *exc: object) -> None:
        self.remove()


def _folder_is_free(folder: Path, now: float) -> bool:
    """True when no running process holds the lock of this work folder."""
    lock = folder / LOCK_NAME
    try:
        fd = os.open(lock, os.O_RDWR)
    except FileNotFoundError:
        # no lock: left by an older version, or emptied already; removed after a grace
        try:
            return now - folder.stat().st_mtime >= LEGACY_GRACE
        except OSError:
            return False
    except OSError:
        return False
    try:
        if not _try_lock(fd):
            return False
        _unlock(fd)
        return True
    finally:
        os.close(fd)


def cleanup_leftovers(folder: Path) -> list[Path]:
    """Remove the work folders and partial files left in `folder` by a process that ended
    or was killed: every work folder whose lock is free, at once (a folder whose process
    still holds its lock is kept); partial files and folders without a lock (older versions)
    after LEGACY_GRACE seconds. Returns what was removed."""
    now = time.time()
    removed: list[Path] = []
    try:
        entries = list(folder.iterdir())
    except OSError:
        return removed
    for p in entries:
        name = p.name
        try:
            if name.startswith(WORK_PREFIXES) and p.is_dir() and not p.is_symlink():
                if _folder_is_free(p, now):
                    shutil.rmtree(p, ignore_errors=True)
                    removed.append(p)
            elif name.startswith(PREP_PREFIX) and p.is_dir() and not p.is_symlink():
                # a folder being created lives for two system calls: unless its lock is
                # held, its process died (or, at worst, fails its rename with a message)
                if _folder_is_free(p, now + LEGACY_GRACE):
                    shutil.rmtree(p, ignore_errors=True)
                    removed.append(p)
            elif (name.startswith(".") and name.endswith((".partial", ".partial.work"))
                  and now - p.lstat().st_mtime >= LEGACY_GRACE):
                if p.is_dir() and not p.is_symlink():
                    shutil.rmtree(p, ignore_errors=True)
                else:
                    p.unlink()
                removed.append(p)
        except OSError:
            pass
    return removed


def clean_leftovers_at_start(data_dir: str | os.PathLike[str] | None) -> None:
    """To call when the application or the CLI starts: remove every clear copy and partial
    file that a killed restore, verify, import, backup or automatic copy left in the data
    folder (and its automatic-copies folder), except those whose process still runs and
    holds their lock. Never raises: a start must not fail on a leftover."""
    try:
        folder = paths.resolve_data_dir(data_dir)
        for where in (folder, folder / AUTO_FOLDER):
            if where.is_dir():
                for p in cleanup_leftovers(where):
                    log.info("reste d'une opération interrompue supprimé : %s", p)
    except Exception as exc:  # noqa: BLE001 - cleaning is best effort, never a reason not to start
        # nothing for the user's terminal (the command that follows says in French what it
        # cannot read); the detail for whoever runs with the debug log
        log.debug("nettoyage des restes impossible : %s: %s", type(exc).__name__, exc)


def _unlink_quietly(p: Path) -> None:
    try:
        p.unlink(missing_ok=True)
    except OSError:
        pass
