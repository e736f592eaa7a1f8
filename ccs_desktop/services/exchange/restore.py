"""Restoring a backup or an automatic copy: decrypt and check, migrate, keep or replace the
security settings, raise the restore generation, set the current database aside, replace it
in one rename."""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
from dataclasses import dataclass, field
from pathlib import Path

from ... import paths
from ...db import models as m
from ...db import settings
from ...db.engine import open_database
from ...db.search import rebuild
from ...fileio import fsync_file, os_error_message, publish, replace
from ...i18n import _
from ..errors import UserError
from ..rowcheck import reduce_file_names
from . import security as sec
from . import snapshot as sn
from .autocopy import prune_copies_aside
from .naming import KIND_BACKUP, OPENED_PASSPHRASE
from .reading import SPACE_TO_SET_ASIDE, check_free_space, open_any
from .security import (SECURITY_SETTINGS, SecurityChange, current_security,
                       live_database_error, security_fingerprints, trust_again)
from .workfolders import Progress, _noop, _unlink_quietly, cleanup_leftovers


@dataclass
class RestoreResult:
    manifest: dict
    database: Path
    saved_copy: Path | None
    generation: int | None
    authenticated: bool = True
    # security settings that differed: kept from the current database, or replaced
    security_kept: list[SecurityChange] = field(default_factory=list)
    security_replaced: list[SecurityChange] = field(default_factory=list)
    # a file that did not authenticate, restored where there was no database: its security
    # settings were not taken (see TRUST_AGAIN)
    security_dropped: list[SecurityChange] = field(default_factory=list)
    opened_with: str = OPENED_PASSPHRASE


def security_report(result: RestoreResult) -> list[str]:
    """What a restore did with the security settings that differed, one line each (kept,
    not installed, replaced), with what to do when a file's settings were not installed; in
    the language in force."""
    lines = [_("Security setting kept: {change}").format(change=c.describe())
             for c in result.security_kept]
    lines += [_("Security setting of the file not installed: {change}").format(
        change=c.describe()) for c in result.security_dropped]
    if result.security_dropped:
        lines.append(trust_again())
    lines += [_("Security setting replaced: {change}").format(change=c.describe())
              for c in result.security_replaced]
    return lines


def _generation_floor() -> int:
    """Days since 2024-01-01 by this PC's clock: a restore on a new PC still gets a
    generation above the ones the CRSS saw, unless the clock is far behind."""
    return max(0, (dt.date.today() - dt.date(2024, 1, 1)).days)


def _live_generation(db_path: Path, committee_uuid: str) -> int:
    """The restore generation of this committee in the current database (0 when there is no
    database or no such committee); a database that cannot be read refuses the restore (a
    generation read as 0 could go backwards)."""
    if not os.path.lexists(db_path):
        return 0
    try:
        conn = sqlite3.connect(f"{db_path.resolve().as_uri()}?mode=ro", uri=True,
                               timeout=sec.LIVE_READ_TIMEOUT)
        try:
            row = conn.execute("SELECT restore_generation FROM committees WHERE uuid = ?",
                               (committee_uuid,)).fetchone()
        finally:
            conn.close()
    except sqlite3.Error as exc:
        raise live_database_error(exc, db_path) from None
    try:
        return int(row[0]) if row and row[0] is not None else 0
    except (TypeError, ValueError):
        raise live_database_error(sqlite3.DatabaseError("bad generation"), db_path) from None


def restore(path: str | os.PathLike[str], data_dir: str | os.PathLike[str] | None,
            identities: list, progress: Progress | None = None, *,
            replace_security_settings: bool = False) -> RestoreResult:
    """Replace the database of `data_dir` by the backup `path` (the folder may not exist yet).

    Only a `.ccsbak` that opens (with its passphrase, which authenticates it, or with the
    CRSS private key, which does not prove its author), or a plain automatic copy from this
    data folder's `sauvegardes-auto` (labelled "copie locale, non authentifiée"), is
    restored. The file is decrypted and checked in a locked work folder beside the database,
    an older schema is migrated, the search index rebuilt, the restore generation raised.
    The current database's SECURITY_SETTINGS are kept (the result lists those that differed)
    unless `replace_security_settings`; a current database that exists but cannot be read
    (locked, damaged) refuses the restore. With no current database, a passphrase-
    authenticated backup brings its settings; a file that did not authenticate brings none
    unless `replace_security_settings` (`security_dropped` lists them). Only
    then is the current database copied aside (atomically) and replaced in one rename: a
    kill at any instant leaves either the old database or the new one, whole."""
    progress = progress or _noop
    folder = paths.resolve_data_dir(data_dir)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise UserError(os_error_message(exc, folder)) from None
    live = paths.database_path(folder)
    cleanup_leftovers(folder)
    opened = open_any(path, identities, work_dir=folder,
                      progress=lambda d, t, msg: progress(int(50 * d / max(t, 1)), 100, msg))
    try:
        manifest = opened.manifest
        if manifest.get("kind") != KIND_BACKUP:
            raise UserError(_("This file is a transmission for the CRSS (reduced data, "
                              "without names or phone numbers): it cannot restore a "
                              "committee. Choose a backup."))
        progress(55, 100, _("Upgrading and search index…"))
        # refused here (French) if the current database exists but cannot be read: a failed
        # read must never pass for "nothing to keep"
        live_security = current_security(folder)
        file_fp = security_fingerprints(opened.security)
        changes: list[SecurityChange] = []
        if live_security is not None:
            now_fp = security_fingerprints(live_security)
            changes = [SecurityChange(k, now_fp[k], file_fp[k]) for k in SECURITY_SETTINGS
                       if live_security.get(k) != opened.security.get(k)]
        elif not opened.authenticated:
            # nothing to keep, but the file's author is not proven (CRSS key, local copy):
            # its security settings are not taken either, unless asked
            live_security = {k: None for k in SECURITY_SETTINGS}
            changes = [SecurityChange(k, None, file_fp[k]) for k in SECURITY_SETTINGS
                       if opened.security.get(k) is not None]
        new_pc = not os.path.lexists(live)
        staged = opened.folder / "restaure"
        staged.mkdir()
        staged_db = paths.database_path(staged)
        replace(opened.snapshot, staged_db)
        conn = sqlite3.connect(staged_db, isolation_level=None)
        try:
            sn.create_fts(conn)  # the migration code expects them
            reduce_file_names(conn)  # a backup from outside may carry "../../x" as a name
        finally:
            conn.close()
        db = open_database(staged, create=False)
        generation = None
        try:
            with db.session() as s:
                s.info["preserve_versions"] = True
                own = settings.read(s, settings.OWN_COMMITTEE)
                if own:
                    c = s.query(m.Committee).filter_by(uuid=own).one_or_none()
                    if c is not None:
                        generation = max(c.restore_generation + 1,
                                         _live_generation(live, c.uuid) + 1,
                                         _generation_floor())
                        c.restore_generation = generation
                        c.generation = generation
                        c.version = c.version + 1
                if changes and not replace_security_settings:
                    assert live_security is not None
                    for change in changes:
                        key = settings.BY_NAME[change.key]
                        value = live_security.get(change.key)
                        if value is None:
                            settings.clear(s, key)
                        else:
                            settings.write(s, key, value)
                s.flush()
                rebuild(s)
        finally:
            db.close()
        for extra in staged.iterdir():  # the migration may have copied the file aside
            if extra != staged_db:
                _unlink_quietly(extra)
        progress(85, 100, _("Replacing the database…"))
        saved = None
        if live.exists():
            saved = _copy_aside_atomically(live, "avant-restauration", opened.folder)
        for suffix in ("-wal", "-shm", "-journal"):
            leftover = live.with_name(live.name + suffix)
            if leftover.exists():
                # checkpointed (TRUNCATE) by the copy aside: nothing of the old database is
                # lost if we are killed between this and the rename
                _unlink_quietly(leftover)
        publish(staged_db, live)
        prune_copies_aside(live, protect=saved)
        progress(100, 100, _("Restore finished."))
        kept = changes if not replace_security_settings and not new_pc else []
        dropped = changes if not replace_security_settings and new_pc else []
        replaced = changes if replace_security_settings else []
        return RestoreResult(manifest, live, saved, generation, opened.authenticated,
                             kept, replaced, dropped, opened.opened_with)
    finally:
        opened.cleanup()


def _copy_aside_atomically(live: Path, label: str, work: Path) -> Path:
    """Copy the live database next to itself (`ccs.<label>-<stamp>.sqlite3`), atomically:
    its WAL is checkpointed into it first (TRUNCATE), the copy is made in the locked work
    folder `work` (same disk), fsynced and renamed. Refused if another program writes it."""
    try:
        size = live.stat().st_size
    except OSError as exc:
        raise UserError(os_error_message(exc, live.parent)) from None
    check_free_space(live.parent, size, SPACE_TO_SET_ASIDE)
    stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%d-%H%M%S")
    target = live.with_name(f"{live.stem}.{label}-{stamp}{live.suffix}")
    n = 1
    while target.exists():
        target = live.with_name(f"{live.stem}.{label}-{stamp}-{n}{live.suffix}")
        n += 1
    tmp = work / "copie-de-cote.sqlite3"
    try:
        src = sqlite3.connect(live, timeout=30)
        try:
            busy = src.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
            if busy and busy[0]:
                raise UserError(_("The current database is used by another program (or "
                                  "another window of CCS Desktop): close it, then try again. "
                                  "Nothing was changed."))
            dst = sqlite3.connect(tmp)
            try:
                src.backup(dst)
                dst.execute("PRAGMA journal_mode = DELETE")
            finally:
                dst.close()
        finally:
            src.close()
        fsync_file(tmp)
        publish(tmp, target)
    except sqlite3.Error:
        _unlink_quietly(tmp)
        raise UserError(_("The current database could not be set aside (it may be damaged "
                          "or locked): the restore is cancelled, nothing was "
                          "changed.")) from None
    except OSError as exc:
        _unlink_quietly(tmp)
        raise UserError(os_error_message(exc, live.parent)) from None
    return target
