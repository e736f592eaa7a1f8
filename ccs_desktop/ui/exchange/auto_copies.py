"""The automatic local copies of the database: one a day at start (in the background), one when
the application closes if something changed since the last copy. Never raise: an automatic copy
never stops the application."""

from __future__ import annotations

import datetime as dt
import logging
import threading
from pathlib import Path
from typing import Any

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


def on_close_auto_backup(db: Any, timeout: float = CLOSE_TIMEOUT) -> Path | None:
    """A local copy when the application closes, if something changed since the last one.
    Never raises; waits at most `timeout` seconds (the copy goes on in the background)."""
    try:
        if not _changed_since_last_copy(db):
            return None
        out: list = []
        worker = threading.Thread(target=_copy, args=(db, None, out), daemon=True,
                                  name="ccs-auto-backup")
        worker.start()
        worker.join(timeout)
        return out[0] if out else None
    except Exception:  # noqa: BLE001
        log.exception("automatic local backup on close failed")
        return None


def on_start_auto_backup(db: Any, wait: bool = False) -> threading.Thread | None:
    """The daily local copy, made in the background at start (at most one a day)."""
    try:
        out: list = []
        worker = threading.Thread(target=_copy, args=(db, dt.timedelta(days=1), out),
                                  daemon=True, name="ccs-daily-backup")
        worker.start()
        if wait:
            worker.join()
        return worker
    except Exception:  # noqa: BLE001
        log.exception("daily local backup failed")
        return None
