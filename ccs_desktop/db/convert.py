"""A plain database of the previous version (and its plain copies) converted to SQLCipher.

Called by `engine.open_database` at the first opening of a plain database by this version; the
plain files are overwritten and removed only after the encrypted ones verify (see
`convert_plain`). Moved out of engine.py, which re-exports these names.
"""

from __future__ import annotations

import logging
import os
import secrets
from pathlib import Path

from .. import paths
from ..fileio import fsync_file
from ..i18n import _
from . import cipher
from . import migrate as _migrations
from . import unlock
from .files import (BUSY_TIMEOUT_MS, DatabaseCorrupt, DatabaseError, DatabaseTooNew,
                    _building_path, _publish, _remove_with_side_files)
from .unlock import Credentials

log = logging.getLogger("ccs_desktop.db.engine")

WIPE_MARK = ".a-effacer-"  # a plain file waiting to be overwritten and removed


def convert_plain(folder: Path, credentials: Credentials) -> tuple[bytes, str | None]:
    """Encrypt the plain database of `folder` (made by the previous version) and its plain
    copies aside; returns (key, recovery text to show once, or None if the key file was
    already there from an interrupted conversion).

    Atomic: the encrypted copy is built next to the database, verified (integrity check and
    the same number of rows in every table), the key file written, and only then given the
    database's name; the plain file (kept under a second name by a hard link until then) is
    overwritten and removed. Killed at any instant, the folder has the plain database (the
    next opening converts again) or the encrypted one (and the next opening finishes the
    wiping)."""
    db_path = folder / paths.DB_FILENAME
    recovery_text = None
    if unlock.has_keys(folder):
        key = unlock.unlock(folder, credentials)
    else:
        keys, new = unlock.make_keys(credentials)
        key, recovery_text = new.database_key, new.recovery_text
    built = _building_path(folder, paths.DB_FILENAME)
    try:
        encrypt_copy(db_path, built, key)
        if recovery_text is not None:
            unlock.save_keys(folder, keys)
        doomed = _put_in_place(built, db_path)
    except BaseException:
        _remove_with_side_files(built)
        raise
    log.info("base convertie en base chiffrée")
    if doomed is not None:
        wipe_file(doomed)
    for copy in plain_copies(folder):
        _convert_copy(copy, key)
    return key, recovery_text


def check_plain_is_ours(db_path: Path) -> None:
    """A plain file is converted only when it is a CCS database of a known revision: another
    program's database, a newer one or a damaged file is refused untouched (French)."""
    con = cipher.connect(db_path, None, timeout=BUSY_TIMEOUT_MS / 1000)
    try:
        con.execute("SELECT count(*) FROM sqlite_master").fetchone()
        try:
            row = con.execute("SELECT version_num FROM alembic_version").fetchone()
        except cipher.OperationalError:
            row = None
    finally:
        con.close()
    if row is None:
        raise DatabaseCorrupt(
            _("The file “{path}” is an SQLite database that was not created by CCS Desktop. "
              "Choose another data folder or restore a backup; the file was not changed.")
            .format(path=db_path))
    if not _migrations.is_known_revision(row[0]):
        raise DatabaseTooNew(
            _("This database was created by a newer version of CCS Desktop (revision "
              "{revision}). Install the latest version of the application to open it; the "
              "database was not changed.").format(revision=row[0]))


def encrypt_copy(src: Path, dest: Path, key: bytes, *, src_key: bytes | None = None,
                 checkpoint: bool = True) -> None:
    """`src` (plain, or under `src_key`) exported under `key` to the new file `dest`,
    verified (integrity, the same number of rows in every table) and synced; a re-key
    (db/rekey.py) uses it too. checkpoint=False: the caller holds the write lock with an
    empty WAL (a checkpoint would wait for that lock)."""
    con = cipher.connect(src, src_key, timeout=BUSY_TIMEOUT_MS / 1000)
    try:
        if checkpoint:
            con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        tables = [r[0] for r in con.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND sql NOT LIKE "
            "'CREATE VIRTUAL TABLE%' AND name NOT LIKE 'sqlite_%'")]
        counts = {t: con.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0] for t in tables}
        cipher.export(con, dest, key)
    finally:
        con.close()
    check = cipher.connect(dest, key)
    try:
        ok = check.execute("PRAGMA quick_check").fetchall() == [("ok",)] and all(
            check.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0] == n
            for t, n in counts.items())
    finally:
        check.close()
    if not ok:
        raise DatabaseCorrupt(_("The encrypted copy of the database did not verify: the "
                                "database was left as it was. Try again, or restore a "
                                "backup."))
    fsync_file(dest)


def plain_copies(folder: Path) -> list[Path]:
    """The plain copies of the previous version: copies aside (ccs.avant-*.sqlite3) and
    automatic copies (sauvegardes-auto/*.sqlite3)."""
    stem, suffix = Path(paths.DB_FILENAME).stem, Path(paths.DB_FILENAME).suffix
    found = list(folder.glob(f"{stem}.*{suffix}"))
    auto = folder / unlock.COPY_FOLDER
    if auto.is_dir():
        found += list(auto.glob(f"*{suffix}"))
    return sorted(p for p in found if p.is_file() and cipher.is_plain(p))


def _put_in_place(built: Path, plain: Path) -> Path | None:
    """Give the verified encrypted file `built` the name of `plain`, atomically; the plain
    file stays reachable under a WIPE_MARK name (a hard link) so that it can be overwritten
    and removed afterwards. None where there are no hard links (FAT): the rename drops the
    plain file without overwriting it."""
    doomed = plain.with_name(f"{plain.name}{WIPE_MARK}{secrets.token_hex(4)}")
    try:
        os.link(plain, doomed)
    except OSError:
        doomed = None
    try:
        _publish(built, plain, replace=True)
    except BaseException:
        if doomed is not None:
            doomed.unlink(missing_ok=True)  # the plain file is still the live one
        raise
    return doomed


def _convert_copy(path: Path, key: bytes) -> None:
    """A plain copy converted (not deleted): encrypted under the database's key."""
    built = _building_path(path.parent, path.name)
    try:
        encrypt_copy(path, built, key)
        doomed = _put_in_place(built, path)
    except (OSError, DatabaseError, *cipher.Error) as exc:
        _remove_with_side_files(built)
        log.warning("copie non convertie (%s) : %s", path.name, type(exc).__name__)
        return
    if doomed is not None:
        wipe_file(doomed)


def wipe_file(path: Path) -> None:
    """Overwrite a file with zeros, sync, and remove it (a plain database after its
    conversion). On flash media the old blocks may survive in the controller: the file
    system no longer reaches them, which is all an application can do."""
    try:
        size = path.stat().st_size
        with open(path, "r+b") as fh:
            block = b"\0" * (1 << 20)
            done = 0
            while done < size:
                n = min(len(block), size - done)
                fh.write(block[:n])
                done += n
        fsync_file(path)
        path.unlink()
    except FileNotFoundError:
        pass
    except OSError as exc:
        log.warning("fichier en clair non effacé (%s) : %s", path.name, type(exc).__name__)


def wipe_leftovers(folder: Path) -> None:
    """Finish the wiping a killed conversion left (plain files under WIPE_MARK names)."""
    try:
        leftovers = [p for p in folder.rglob(f"*{WIPE_MARK}*") if p.is_file()]
    except OSError:
        return
    for p in leftovers:
        original = p.with_name(p.name.split(WIPE_MARK, 1)[0])
        try:
            still_live = original.exists() and os.path.samefile(p, original)
        except OSError:
            still_live = True  # cannot tell: never overwrite what may be the live file
        if not still_live:
            wipe_file(p)
            continue
        try:
            p.unlink()  # killed before the rename: only the link goes, the file is live
        except OSError:
            pass
