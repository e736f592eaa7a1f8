"""A new database key: after an account is removed, the old key opens nothing in the folder.

`rekey_database(db)` makes a random key, seals it to every remaining account and to the
recovery key (key file version 2: no password needed, db/keyfile.py), and re-encrypts under it
the database, the copies aside (`ccs.avant-*.sqlite3`), the automatic copies
(`sauvegardes-auto/*.sqlite3`) and the sealed drafts (`drafts/*.json`). `remove_account` drops
an account's entry and re-keys.

Crash-safe (a kill at any instant leaves a database that opens, with every row):
1. the write lock is taken (BEGIN IMMEDIATE, after a TRUNCATE checkpoint: the WAL is empty,
   so the database file alone holds every row and no writer can add any);
2. the database is exported under the new key (`sqlcipher_export`) to a file beside it and
   verified (integrity, the same rows in every table); the copies are exported beside
   themselves too (not yet in place);
3. the new key file is written as the *pending* key file (`ccs.cles.en-attente`);
4. the new database takes the name `ccs.sqlite3` (one atomic rename) — the point of no return;
5. the copies take their names, the drafts are sealed again, the pending key file becomes the
   key file in force (both copies), and the old key is forgotten.
Killed before 4, the folder has the old database and the old key file (the pending one is
dropped at the next opening, the built files are removed as leftovers). Killed after 4, the
key file in force no longer opens the database but the pending one does: the next opening
(`engine._unlock_database`) promotes it and calls `finish` with both keys, which re-encrypts
whatever still opens with the old key (copies, drafts).

SQLCipher's `PRAGMA rekey` is not used: it rewrites the file in place, page by page, through
the journal of the live file, and in WAL mode it is refused or leaves frames under the old key;
a new file published by rename is all or nothing.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any

from .. import paths
from ..fileio import publish, write_atomically
from ..i18n import _
from . import cipher, convert, unlock
from . import keyfile as kf
from .files import (BUILDING_PREFIX, BUSY_TIMEOUT_MS, DatabaseError, DatabaseLocked,
                    _building_path, _publish, _remove_with_side_files)

log = logging.getLogger(__name__)

# tests: called with the name of each step (the crash tests kill the process there)
_AT_STEP: Callable[[str], None] = lambda _step: None  # noqa: E731


def _step(name: str) -> None:
    _AT_STEP(name)


def other_files(folder: Path) -> list[Path]:
    """The database files of the folder other than the database: copies aside and automatic
    copies."""
    stem, suffix = Path(paths.DB_FILENAME).stem, Path(paths.DB_FILENAME).suffix
    found = [p for p in folder.glob(f"{stem}.*{suffix}") if p.name != paths.DB_FILENAME]
    auto = folder / unlock.COPY_FOLDER
    if auto.is_dir():
        found += list(auto.glob(f"*{suffix}"))
    return sorted(p for p in found if p.is_file() and not p.is_symlink()
                  and not p.name.startswith(BUILDING_PREFIX))


def _drafts(folder: Path) -> list[Path]:
    drafts = folder / "drafts"
    return sorted(drafts.glob("*.json")) if drafts.is_dir() else []


def _take_write_lock(path: Path, key: bytes) -> Any:
    """A connection holding the write lock with an empty WAL (see the module docstring)."""
    con = cipher.connect(path, key, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None)
    try:
        wal = path.with_name(path.name + "-wal")
        for _attempt in range(20):
            busy = con.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
            con.execute("BEGIN IMMEDIATE")
            if (busy is None or busy[0] == 0) and (not wal.exists()
                                                   or wal.stat().st_size == 0):
                return con
            con.execute("ROLLBACK")  # a writer came in between: checkpoint again
        raise DatabaseLocked()
    except BaseException:
        con.close()
        raise


def _export(src: Path, dest: Path, old: bytes, new: bytes, *, live: bool = False) -> None:
    """`src` (under `old`) written under `new` to the new file `dest`, verified, synced."""
    convert.encrypt_copy(src, dest, new, src_key=old, checkpoint=not live)


def rekey_database(db: Any, *, drop: tuple[str, ...] = ()) -> bytes:
    """Re-key the open database `db` (an engine.Database) and every file of its folder under
    its key with a new random key, the accounts `drop` removed from the key file; `db` is
    reopened under the new key, which is returned (its pooled connections are closed: call
    it when no session of `db` is in use). A copy that no longer verifies is wiped (it
    would stay under the old key). RekeyBlocked (French) while the key file has entries of
    version 1; KeyFileTampered when its entries fail their MAC."""
    if db.key is None:
        raise kf.KeyFileError(_("This database is not encrypted: there is no key to change."))
    folder, old = db.data_dir, db.key
    keys = unlock.load_keys(folder)
    new = kf.new_database_key()
    new_keys = keys.rekeyed(old, new, drop=drop)  # checks the MAC and the entries first
    db.close()  # every pooled connection (a rename under an open file fails on Windows)
    built = _building_path(folder, paths.DB_FILENAME)
    staged: list[tuple[Path, Path]] = []
    lock = None
    try:
        lock = _take_write_lock(db.path, old)
        _step("locked")
        _export(db.path, built, old, new, live=True)
        _step("exported")
        for path in other_files(folder):
            if not _opens_with(path, old):
                continue  # another key's copy (older than a restore): not ours to touch
            dest = _building_path(folder, path.name)  # cleaned at the next start
            staged.append((dest, path))
            try:
                _export(path, dest, old, new)
            except (DatabaseError, *cipher.Error) as exc:
                # a damaged copy (it does not verify): useless, and under a key that must
                # open nothing any more, so it goes (a full disk, an OSError, stops all)
                staged.pop()
                _remove_with_side_files(dest)
                log.warning("copie endommagée effacée (%s) : %s", path.name,
                            type(exc).__name__)
                convert.wipe_file(path)
        _step("copies-built")
        unlock.save_pending(folder, new_keys)
        _step("pending-saved")
        lock.close()
        lock = None
        _publish(built, db.path, replace=True)
    except BaseException:
        if lock is not None:
            lock.close()
        _remove_with_side_files(built)
        for dest, _path in staged:
            _remove_with_side_files(dest)
        unlock.drop_pending(folder)
        db.reopen_with(old)
        raise
    _step("published")
    try:
        for dest, path in staged:
            publish(dest, path, overwrite=True)
            _step("copy-published")
        _reseal_drafts(folder, old, new)
        _step("drafts")
        unlock.promote_pending(folder)
        _step("promoted")
    except OSError as exc:
        # past the point of no return: the database is under the new key; the next opening
        # promotes the pending key file and re-encrypts what is left (`finish`)
        log.warning("changement de clé à terminer à la prochaine ouverture : %s",
                    type(exc).__name__)
    db.reopen_with(new)
    log.info("clé de la base changée")
    return new


def _opens_with(path: Path, key: bytes) -> bool:
    try:
        con = cipher.connect(path, key, timeout=BUSY_TIMEOUT_MS / 1000)
        try:
            con.execute("SELECT count(*) FROM sqlite_master").fetchone()
        finally:
            con.close()
    except cipher.Error:
        return False
    return not cipher.is_plain(path)


def _reseal_drafts(folder: Path, old: bytes, new: bytes) -> None:
    from ..services import sealed

    before, after = sealed.Box(old), sealed.Box(new)
    for path in _drafts(folder):
        try:
            clear = before.open(path.name, path.read_bytes())
            if clear is not None:
                write_atomically(path, after.seal(path.name, clear))
        except OSError as exc:
            log.warning("brouillon non rescellé (%s) : %s", path.name, type(exc).__name__)


def finish(folder: Path, old: bytes, new: bytes) -> None:
    """After a re-key killed past its point of no return (the opening found the database
    under the pending key file's key): what still opens with the old key is re-encrypted
    under the new one."""
    for path in other_files(folder):
        if not _opens_with(path, old):
            continue
        dest = _building_path(folder, path.name)
        try:
            _export(path, dest, old, new)
            publish(dest, path, overwrite=True)
        except (OSError, DatabaseError, *cipher.Error) as exc:
            _remove_with_side_files(dest)
            log.warning("copie non rechiffrée (%s) : %s", path.name, type(exc).__name__)
    _reseal_drafts(folder, old, new)


def remove_account(db: Any, name: str) -> bytes:
    """Drop an account from the key file and re-key: it can no longer log in, and the key
    it could unlock opens nothing in the folder any more. The last account is refused
    (French); the others and the recovery key keep working. Returns the new key."""
    keys = unlock.load_keys(db.data_dir)
    folded = name.casefold() if isinstance(name, str) else ""
    names = [a for a in keys.accounts() if a.casefold() == folded]
    if not names:
        raise kf.KeyFileError(_("No account is named “{name}”.").format(name=name))
    if len(keys.accounts()) <= 1:
        raise kf.KeyFileError(_("“{name}” is the only account: it cannot be removed (nobody "
                                "could log in any more).").format(name=names[0]))
    return rekey_database(db, drop=(names[0],))


__all__ = ["finish", "other_files", "rekey_database", "remove_account"]
