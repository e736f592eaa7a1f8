"""Restoring a backup or an automatic copy: decrypt and check, migrate, keep or replace the
security settings, raise the restore generation, set the current database aside, replace it
in one rename."""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import os
from dataclasses import dataclass, field
from pathlib import Path

from ...db import cipher, unlock
from ...db import keyfile as kf
from ... import paths
from ...db import models as m
from ...db import settings
from ...db.engine import open_database
from ...db.search import rebuild
from ...fileio import fsync_file, os_error_message, publish, replace
from ...i18n import _
from .. import audit
from ..errors import UserError
from ..rowcheck import reduce_file_names
from . import security as sec
from . import snapshot as sn
from .autocopy import prune_copies_aside
from .naming import KIND_BACKUP, OPENED_LOCAL_COPY, OPENED_PASSPHRASE
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
    # the backup's accounts (and recovery key) came back with it
    accounts_restored: tuple[str, ...] = ()
    # a new recovery key made by this restore (an older backup, on a PC with no database):
    # shown once and printed by the caller
    recovery_text: str | None = field(default=None, repr=False)


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


def _live_generation(db_path: Path, committee_uuid: str, key: bytes | None) -> int:
    """The restore generation of this committee in the current database (0 when there is no
    database or no such committee); a database that cannot be read refuses the restore (a
    generation read as 0 could go backwards)."""
    if not os.path.lexists(db_path):
        return 0
    try:
        conn = cipher.connect(f"{db_path.resolve().as_uri()}?mode=ro", key, uri=True,
                              timeout=sec.LIVE_READ_TIMEOUT)
        try:
            row = conn.execute("SELECT restore_generation FROM committees WHERE uuid = ?",
                               (committee_uuid,)).fetchone()
        finally:
            conn.close()
    except cipher.Error as exc:
        raise live_database_error(exc, db_path) from None
    try:
        return int(row[0]) if row and row[0] is not None else 0
    except (TypeError, ValueError):
        raise live_database_error(cipher.DatabaseError("bad generation"), db_path) from None


def restore(path: str | os.PathLike[str], data_dir: str | os.PathLike[str] | None,
            identities: list, progress: Progress | None = None, *,
            replace_security_settings: bool = False,
            credentials: unlock.Credentials | None = None,
            live_key: bytes | None = None) -> RestoreResult:
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
    kill at any instant leaves either the old database or the new one, whole.

    Keys: the current database is read with `live_key` (the caller's open database) or
    unlocked with `credentials` (else CCS_USER / CCS_PASSWORD_FILE). A backup carries its key
    file: it is restored with its accounts, roles and recovery key, and needs the password of
    one of its accounts (`credentials`). An older backup (no key file) is encrypted under
    the current database's key, or, on a PC with no database, under a new key for the
    account given (the result then carries the new recovery key, to show once)."""
    progress = progress or _noop
    folder = paths.resolve_data_dir(data_dir)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise UserError(os_error_message(exc, folder)) from None
    live = paths.database_path(folder)
    cleanup_leftovers(folder)
    live_key = _live_key(folder, live, live_key, credentials)
    opened = open_any(path, identities, work_dir=folder, live_key=live_key,
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
        live_security = current_security(folder, key=live_key)
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
        body = staged / "corps.sqlite3"
        replace(opened.snapshot, body)
        db_key, new_keys, recovery_text = _target_key(opened, live_key, credentials)
        conn = cipher.connect(body, opened.body_key, isolation_level=None)
        try:
            sn.create_fts(conn)  # the migration code expects them
            reduce_file_names(conn)  # a backup from outside may carry "../../x" as a name
            if opened.body_key != db_key:
                cipher.export(conn, staged_db, db_key)
        finally:
            conn.close()
        if opened.body_key != db_key:
            _unlink_quietly(body)
        else:
            replace(body, staged_db)
        db = open_database(staged, create=False, key=db_key)
        generation = None
        try:
            with db.session() as s:
                s.info["preserve_versions"] = True
                own = settings.read(s, settings.OWN_COMMITTEE)
                if own:
                    c = s.query(m.Committee).filter_by(uuid=own).one_or_none()
                    if c is not None:
                        generation = max(c.restore_generation + 1,
                                         _live_generation(live, c.uuid, live_key) + 1,
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
                audit.record(s, "restore", "backup", account=getattr(credentials, "user", None))
                rebuild(s)
        finally:
            db.close()
        for extra in staged.iterdir():  # the migration may have copied the file aside
            if extra != staged_db:
                _unlink_quietly(extra)
        progress(85, 100, _("Replacing the database…"))
        saved = None
        if live.exists():
            saved = _copy_aside_atomically(live, "avant-restauration", opened.folder,
                                           key=live_key, dest_key=db_key)
        for suffix in ("-wal", "-shm", "-journal"):
            leftover = live.with_name(live.name + suffix)
            if leftover.exists():
                # checkpointed (TRUNCATE) by the copy aside: nothing of the old database is
                # lost if we are killed between this and the rename
                _unlink_quietly(leftover)
        if new_keys is not None:
            # the new key file waits beside the database until the new database has its
            # name: killed in between, the next opening finds which of the two opens it
            unlock.save_pending(folder, new_keys)
        publish(staged_db, live)
        if new_keys is not None:
            unlock.promote_pending(folder)
        prune_copies_aside(live, protect=saved)
        progress(100, 100, _("Restore finished."))
        kept = changes if not replace_security_settings and not new_pc else []
        dropped = changes if not replace_security_settings and new_pc else []
        replaced = changes if replace_security_settings else []
        return RestoreResult(manifest, live, saved, generation, opened.authenticated,
                             kept, replaced, dropped, opened.opened_with,
                             new_keys.accounts() if new_keys is not None
                             and recovery_text is None else (),
                             recovery_text)
    finally:
        opened.cleanup()


def _live_key(folder: Path, live: Path, key: bytes | None,
              credentials: unlock.Credentials | None) -> bytes | None:
    """The key of the current database (None when there is none, or a plain one of the
    previous version)."""
    if key is not None or not os.path.lexists(live) or cipher.is_plain(live):
        return key
    creds = credentials or unlock.Credentials.given()
    if creds is None:
        raise UserError(_("The current database is encrypted: give the account name with "
                          "--user and its password with --password-file (or CCS_USER and "
                          "CCS_PASSWORD_FILE)."))
    return unlock.unlock(folder, creds)


def _target_key(opened, live_key: bytes | None,  # noqa: ANN001 (reading.OpenedFile)
                credentials: unlock.Credentials | None
                ) -> tuple[bytes, kf.KeyFile | None, str | None]:
    """(key of the restored database, key file to install or None, new recovery text)."""
    packed = opened.manifest.get("keyfile")
    if packed:
        try:
            keys = kf.KeyFile.from_bytes(base64.b64decode(packed, validate=True))
        except (binascii.Error, ValueError):
            raise kf.KeyFileError(_("The key file inside the backup is damaged. Nothing was "
                                    "changed.")) from None
        creds = credentials or unlock.Credentials.given()
        if creds is None:
            raise UserError(_("This backup brings its accounts: give the name and password "
                              "of one of them (--user and --password-file, or CCS_USER and "
                              "CCS_PASSWORD_FILE)."))
        try:
            return keys.unlock(creds.user, creds.password), keys, None
        except kf.WrongPassword:
            raise kf.WrongPassword(_("This password opens no account of the backup: give the "
                                     "name and password of one of the accounts it had. "
                                     "Nothing was changed.")) from None
    if opened.body_key is not None and opened.opened_with == OPENED_LOCAL_COPY:
        return opened.body_key, None, None  # an automatic copy: under the database's key
    if live_key is not None:
        return live_key, None, None
    creds = credentials or unlock.Credentials.given(default_user=unlock.DEFAULT_ADMIN)
    if creds is None:
        raise UserError(_("Restoring on a PC with no database makes its first administrator: "
                          "give its name with --user and its password with --password-file "
                          "(or CCS_USER and CCS_PASSWORD_FILE)."))
    keys, new = unlock.make_keys(creds)
    return new.database_key, keys, new.recovery_text


def _copy_aside_atomically(live: Path, label: str, work: Path, *, key: bytes | None = None,
                           dest_key: bytes | None = None) -> Path:
    """Copy the live database next to itself (`ccs.<label>-<stamp>.sqlite3`), atomically:
    its WAL is checkpointed into it first (TRUNCATE), the copy is made in the locked work
    folder `work` (same disk), fsynced and renamed. Refused if another program writes it.
    The copy is encrypted under `dest_key` (the key of the database that replaces it, so
    that the key file in force opens it too)."""
    dest_key = key if dest_key is None else dest_key
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
        src = cipher.connect(live, key, timeout=30)
        try:
            busy = src.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
            if busy and busy[0]:
                raise UserError(_("The current database is used by another program (or "
                                  "another window of CCS Desktop): close it, then try again. "
                                  "Nothing was changed."))
            if dest_key == key:
                dst = cipher.connect(tmp, key)
                try:
                    src.backup(dst)
                    dst.execute("PRAGMA journal_mode = DELETE")
                finally:
                    dst.close()
            else:
                cipher.export(src, tmp, dest_key)
        finally:
            src.close()
        fsync_file(tmp)
        publish(tmp, target)
    except cipher.Error:
        _unlink_quietly(tmp)
        raise UserError(_("The current database could not be set aside (it may be damaged "
                          "or locked): the restore is cancelled, nothing was "
                          "changed.")) from None
    except OSError as exc:
        _unlink_quietly(tmp)
        raise UserError(os_error_message(exc, live.parent)) from None
    return target
