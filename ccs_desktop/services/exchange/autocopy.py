"""Automatic local copies of the database (on close and daily, in the data folder) and the
pruning of the copies set aside before restores and migrations."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from ...db.engine import Database
from ...fileio import fsync_file, os_error_message, publish
from ..errors import UserError
from . import snapshot as sn
from .naming import AUTO_FOLDER
from .workfolders import WorkFolder, _unlink_quietly, cleanup_leftovers


def auto_backup(db: Database, *, keep: int = 7, min_interval: dt.timedelta | None =
                dt.timedelta(hours=20)) -> Path | None:
    """A local snapshot in `<data>/sauvegardes-auto` (on close and daily), rotated.

    These copies sit beside the live database on the same disk, encrypted under its key
    like it: they protect against a bad edit or a damaged file. Returns the new file, or
    None when the last one is recent."""
    folder = db.data_dir / AUTO_FOLDER
    folder.mkdir(exist_ok=True)
    cleanup_leftovers(folder)
    existing = sorted(folder.glob("ccs-*.sqlite3"))
    if min_interval is not None and existing:
        last = max(p.stat().st_mtime for p in existing)  # by time written, not by name
        age = dt.datetime.now().timestamp() - last
        if 0 <= age < min_interval.total_seconds():
            return None
    name = f"ccs-{dt.datetime.now():%Y%m%d-%H%M%S}.sqlite3"
    target = folder / name
    n = 1
    while target.exists():
        target = folder / name.replace(".sqlite3", f"-{n}.sqlite3")
        n += 1
    work = WorkFolder(folder, ".ccs-tmp-")  # a kill leaves it unlocked: cleaned at start
    tmp = work.path / f"{target.name}.partial"
    try:
        sn.make_snapshot(db.path, tmp, transmission=False, own_uuid=None, key=db.key)
        fsync_file(tmp)
        publish(tmp, target)
    except OSError as exc:
        raise UserError(os_error_message(exc, folder)) from None
    finally:
        work.remove()
    # the names carry this PC's clock: after the clock went back, the new copy sorts first;
    # it is never the one deleted (as rotate(newest=...) does on the stick)
    others = [p for p in sorted(folder.glob("ccs-*.sqlite3")) if p.name != target.name]
    for old in others[:max(len(others) - max(keep - 1, 0), 0)]:
        _unlink_quietly(old)
    prune_copies_aside(db.path)
    return target


ASIDE_LABELS = ("avant-restauration", "avant-migration")


def prune_copies_aside(db_path: Path, keep: int = 3, protect: Path | None = None
                       ) -> list[Path]:
    """Keep only the `keep` newest copies of the database made aside before restores and
    before migrations (`ccs.avant-restauration-<stamp>.sqlite3`,
    `ccs.avant-migration-<revision>-<stamp>.sqlite3`),
    of each kind; `protect` (the copy just made) is never deleted. Returns those deleted."""
    removed: list[Path] = []
    db_path = Path(db_path)
    folder = db_path.parent
    try:
        entries = list(folder.iterdir())
    except OSError:
        return removed
    for label in ASIDE_LABELS:
        pattern = re.compile(re.escape(f"{db_path.stem}.{label}-")
                             + r"(?:[A-Za-z0-9_]+-)?(?P<stamp>\d{8}-\d{6})(?:-(?P<n>\d+))?"
                             + re.escape(db_path.suffix) + "$")
        copies = []
        for p in entries:
            mt = pattern.match(p.name)
            if mt and p.is_file():
                copies.append((mt["stamp"], int(mt["n"] or 0), p))
        copies.sort(key=lambda t: t[:2])
        for _stamp, _n, p in copies[:max(len(copies) - keep, 0)]:
            if protect is not None and p.name == Path(protect).name:
                continue
            for extra in (p, *(p.with_name(p.name + x) for x in ("-wal", "-shm", "-journal"))):
                _unlink_quietly(extra)
            removed.append(p)
    return removed
