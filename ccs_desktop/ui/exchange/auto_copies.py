"""The automatic local copies of the database: one a day at start (in the background), one when
the application closes if something changed since the last copy. Never raise: an automatic copy
never stops the application."""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication

from ..tasks import TaskControl, TaskRunner

log = logging.getLogger(__name__)

AUTO_KEEP = 10
CLOSE_TIMEOUT = 20.0  # seconds the close may wait for the copy


def _changed_since_last_copy(db: Any) -> bool:
    from ...services.exchange.backup import AUTO_FOLDER

    folder = db.data_dir / AUTO_FOLDER
    copies = list(folder.glob("ccs-*.sqlite3")) if folder.is_dir() else []
    if not copies:
        return True
    last = max(p.stat().st_mtime for p in copies)  # by time written: names follow the clock
    stamps = []
    for suffix in ("", "-wal"):
        p = db.path.with_name(db.path.name + suffix)
        try:
            stamps.append(p.stat().st_mtime)
        except OSError:
            pass
    return not stamps or max(stamps) > last


def _copy(db: Any, min_interval: dt.timedelta | None, out: list) -> None:
    from ...services.exchange.backup import auto_backup

    try:
        out.append(auto_backup(db, keep=AUTO_KEEP, min_interval=min_interval))
    except Exception:  # noqa: BLE001 - an automatic copy never stops the application
        log.exception("automatic local backup failed")
        out.append(None)


@dataclass(frozen=True, eq=False)
class CopyJob:
    """A copy running in the background (through ui/tasks.TaskRunner); `join` and
    `is_alive` as on the thread it replaces."""

    control: TaskControl
    out: list = field(repr=False)

    def join(self, timeout: float | None = None) -> None:
        self.control.wait(timeout)

    def is_alive(self) -> bool:
        return not self.control.wait(0)

    @property
    def result(self) -> Path | None:
        """The copy made, None if none was needed or it failed (or it still runs)."""
        return self.out[0] if self.out else None


def _start_copy(db: Any, min_interval: dt.timedelta | None) -> CopyJob | None:
    """The copy as a job of the application's own lane; None without a running application
    (the caller then copies in place)."""
    app = QCoreApplication.instance()
    if app is None:
        return None
    out: list = []
    runner = TaskRunner(app, one_at_a_time=False)
    control = runner.start(lambda _control: _copy(db, min_interval, out), supersede=False)
    return CopyJob(control, out)


def on_close_auto_backup(db: Any, timeout: float = CLOSE_TIMEOUT) -> Path | None:
    """A local copy when the application closes, if something changed since the last one.
    Never raises; waits at most `timeout` seconds (the copy goes on in the background)."""
    try:
        if not _changed_since_last_copy(db):
            return None
        job = _start_copy(db, None)
        if job is None:
            out: list = []
            _copy(db, None, out)
            return out[0]
        job.join(timeout)
        return job.result
    except Exception:  # noqa: BLE001
        log.exception("automatic local backup on close failed")
        return None


def on_start_auto_backup(db: Any, wait: bool = False) -> CopyJob | None:
    """The daily local copy, made in the background at start (at most one a day)."""
    try:
        job = _start_copy(db, dt.timedelta(days=1))
        if job is None:
            _copy(db, dt.timedelta(days=1), [])
            return None
        if wait:
            job.join()
        return job
    except Exception:  # noqa: BLE001
        log.exception("daily local backup failed")
        return None
