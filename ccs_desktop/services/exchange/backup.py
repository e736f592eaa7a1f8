"""Backups and transmissions: write, verify, restore (no Qt; the GUI runs these off its
thread and passes a progress callback `progress(done, total, message)`)."""

from __future__ import annotations

import datetime as dt
import errno
import hashlib
import logging
import os
import re
import shutil
import sqlite3
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from ...fileio import french_os_error, fsync_dir
from ... import paths
from ...i18n import N_, _, ngettext, pgettext
from ...db import models as m
from ...db.engine import Database, open_database
from ...db.search import rebuild
from ..errors import UserError
from ...domain.text import printable
from ..rowcheck import reduce_file_names
from . import container as ct
from . import snapshot as sn

log = logging.getLogger(__name__)

Progress = Callable[[int, int, str], None]
SUFFIX = ".ccsbak"
BACKUP_FOLDER = "CCS-Sauvegardes"
DEFAULT_KEEP = 10
MAX_BODY = 64 * 1024 ** 3  # a snapshot claiming more than 64 GiB is refused
KIND_BACKUP, KIND_TRANSMISSION, KIND_KEY = "backup", "transmission", "crss-key"

def kind_label(kind: str) -> str:
    """What a kind of file is called, in the language in force (the code itself when
    unknown)."""
    if kind == KIND_BACKUP:
        return pgettext("file kind", "backup")
    if kind == KIND_TRANSMISSION:
        return pgettext("file kind", "transmission to the CRSS")
    if kind == KIND_KEY:
        return pgettext("file kind", "CRSS private key")
    return kind


AUTO_FOLDER = "sauvegardes-auto"

# The settings a restore never changes silently (one place): the CRSS key the committee
# trusts (backups and transmissions are encrypted to it) and the secret behind the
# pseudonyms sent to the CRSS. `restore` keeps the current database's values unless asked.
# Values: their labels (English message ids, translated where shown).
SECURITY_SETTINGS: dict[str, str] = {
    sn.CRSS_KEY_SETTING: N_("trusted CRSS public key"),
    sn.PSEUDONYM_SETTING: N_("secret of the pseudonyms sent to the CRSS"),
}
# How a file was opened (`OpenedFile.opened_with`, manifest `_opened_with`). Only the
# passphrase proves who wrote a file: anyone holding the CRSS PUBLIC key (every committee
# has crss.pub) can write a file that the CRSS private key opens.
OPENED_PASSPHRASE, OPENED_CRSS_KEY, OPENED_LOCAL_COPY = "passphrase", "crss-key", "local-copy"
# The labels and notices below are English message ids, translated where they are shown
# (`authenticity_label`, `notice`).
AUTHENTIC_LABEL = N_("authentic (passphrase checked)")
CRSS_KEY_LABEL = N_("opened with the CRSS key: readable and complete, but its author is not "
                    "proven (anyone holding the CRSS public key can make such a file)")
CRSS_KEY_OPENED = N_("File opened with the CRSS key: readable and complete, but its author is "
                     "not proven (anyone holding the CRSS public key can make such a file).")
CRSS_KEY_NOTICE = N_("File opened with the CRSS key: readable and complete, but its author is "
                     "not proven (anyone holding the CRSS public key can make such a file). "
                     "A restore does not take its security settings (trusted CRSS key, secret "
                     "of the pseudonyms) unless explicitly asked.")
LOCAL_COPY_LABEL = N_("local copy, not authenticated")
LOCAL_COPY_NOTICE = N_("Local copy, not authenticated: an automatic copy of this PC, readable "
                       "and complete, but nothing proves where it comes from (it is not "
                       "encrypted).")
AUTHENTICITY_LABELS = {OPENED_PASSPHRASE: AUTHENTIC_LABEL, OPENED_CRSS_KEY: CRSS_KEY_LABEL,
                       OPENED_LOCAL_COPY: LOCAL_COPY_LABEL}
NOTICES = {OPENED_CRSS_KEY: CRSS_KEY_NOTICE, OPENED_LOCAL_COPY: LOCAL_COPY_NOTICE}


def authenticity_label(how: str) -> str:
    """How far a file opened `how` (OPENED_…) is authentic, in the language in force."""
    return _(AUTHENTICITY_LABELS[how])


def opened_with(manifest: dict) -> str:
    """How the file of a manifest returned by `verify_file` was opened (OPENED_…); a
    manifest without that key is a local copy unless it says it authenticated."""
    how = manifest.get("_opened_with")
    if how in AUTHENTICITY_LABELS:
        return how
    return OPENED_PASSPHRASE if manifest.get("_authenticated") is True else OPENED_LOCAL_COPY


def notice(how: str, kind: str = KIND_BACKUP) -> str | None:
    """The warning to show for a file that did not authenticate (None when it did); for a
    transmission (never restored) without the note on restores."""
    if how == OPENED_CRSS_KEY and kind != KIND_BACKUP:
        return _(CRSS_KEY_OPENED)
    text = NOTICES.get(how)
    return _(text) if text is not None else None

# Hidden work folders and the lock each holds while it exists (see WorkFolder).
WORK_PREFIXES = (".ccs-tmp-", ".ccs-ouverture-")
PREP_PREFIX = ".ccs-prep-"  # a work folder being created, not yet locked
LOCK_NAME = ".verrou"
LEGACY_GRACE = 60.0  # seconds: leftovers without a lock (older versions) are removed after


def _noop(_done: int, _total: int, _msg: str) -> None:
    pass


def app_version() -> str:
    try:
        from importlib.metadata import version

        return version("ccs-desktop")
    except Exception:  # noqa: BLE001
        return "0"


# --------------------------------------------------------------------------- errors on disk

def os_error_message(exc: OSError, where: Path) -> str:
    code = exc.errno
    if code in (errno.ENOSPC, getattr(errno, "EDQUOT", -1)):
        return _("The medium “{where}” is full: the backup could not be written. The "
                 "backups already there are intact. Free some space or use another USB "
                 "stick.").format(where=where)
    if code in (errno.EIO, errno.ENODEV, errno.ENXIO, errno.ENOENT,
                getattr(errno, "ESTALE", errno.EIO)):
        return _("The medium “{where}” was removed or stopped answering during the writing. "
                 "The backups already there are intact; plug the stick back in and try "
                 "again.").format(where=where)
    if code == errno.EROFS:
        return _("The medium “{where}” is write-protected (the USB stick's lock?).").format(
            where=where)
    if code in (errno.EACCES, errno.EPERM):
        return _("Access denied to the folder “{where}”.").format(where=where)
    return _("Cannot write in “{where}”: {error}.").format(where=where,
                                                           error=french_os_error(exc))


# --------------------------------------------------------------------------- naming

def _ascii_code(code: str) -> str:
    from ...domain.text import fold

    s = re.sub(r"[^A-Za-z0-9-]+", "-", fold(code or "").upper()).strip("-")
    return s[:40] or "CCS"


def file_prefix(code: str, committee_uuid: str) -> str:
    return f"{_ascii_code(code)}_{committee_uuid.replace('-', '')[-8:].lower()}_"


def file_name(code: str, committee_uuid: str, kind: str, when: dt.datetime) -> str:
    tail = "_transmission" if kind == KIND_TRANSMISSION else ""
    return f"{file_prefix(code, committee_uuid)}{when:%Y%m%d-%H%M%S}{tail}{SUFFIX}"


_NAME_RE = re.compile(r"^(?P<prefix>[A-Z0-9-]+_[0-9a-f]{8}_)(?P<stamp>\d{8}-\d{6})(?:-(?P<n>\d+))?"
                      r"(?P<tail>_transmission)?\.ccsbak$")


def rotate(folder: Path, prefix: str, kind: str, keep: int,
           newest: Path | None = None) -> list[Path]:
    """Delete the oldest files of this committee and kind beyond the last `keep` (by the
    time in their names; the file just written is never deleted)."""
    if keep <= 0:
        return []
    mine = []
    for p in folder.iterdir():
        mt = _NAME_RE.match(p.name)
        if (mt and mt["prefix"] == prefix
                and bool(mt["tail"]) == (kind == KIND_TRANSMISSION)):
            mine.append((mt["stamp"], int(mt["n"] or 0), p))
    mine.sort(key=lambda t: t[:2])
    removed = []
    for _stamp, _n, p in mine[:-keep]:
        if newest is not None and p.name == newest.name:
            continue
        try:
            p.unlink()
            removed.append(p)
        except OSError as exc:  # a read-only old file is not worth failing the backup
            log.warning("rotation : %s non supprimé (%s)", p, exc)
    return removed


# --------------------------------------------------------------------------- writing

@dataclass
class WrittenFile:
    path: Path
    size: int
    manifest: dict
    removed: list[Path] = field(default_factory=list)


def write_atomically(folder: Path, name: str, fill: Callable[[object], bytes],
                     verify: Callable[[Path, bytes], None]) -> Path:
    """Write `folder/name` without ever overwriting: temporary name, fsync, read back and
    verify, rename. `fill(fh)` writes the content and returns the file key; on any error the
    temporary file is removed and earlier files are untouched."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise UserError(os_error_message(exc, folder)) from None
    final = folder / name
    n = 1
    while final.exists():
        final = folder / name.replace(SUFFIX, f"-{n}{SUFFIX}") if "_transmission" not in name \
            else folder / name.replace("_transmission", f"-{n}_transmission")
        n += 1
    work = WorkFolder(folder, ".ccs-tmp-")  # locked: a concurrent cleanup leaves it alone
    tmp = work.path / f"{final.name}.partial"
    try:
        with open(tmp, "xb") as fh:
            key = fill(fh)
            fh.flush()
            os.fsync(fh.fileno())
        verify(tmp, key)
        if final.exists():  # someone wrote the same name meanwhile: never overwrite
            raise FileExistsError(errno.EEXIST, "exists", str(final))
        os.replace(tmp, final)
        fsync_dir(folder)
    except OSError as exc:
        raise UserError(os_error_message(exc, folder)) from None
    finally:
        work.remove()
    return final


# --------------------------------------------------------------------------- work folders

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


def cleanup_leftovers(folder: Path, older_than: float | None = None) -> list[Path]:
    """Remove the work folders and partial files left in `folder` by a process that ended
    or was killed: every work folder whose lock is free, at once (a folder whose process
    still holds its lock is kept); partial files and folders without a lock (older versions)
    after LEGACY_GRACE seconds. `older_than` is accepted for old callers and ignored.
    Returns what was removed."""
    import time

    del older_than
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


def _drop_cache(fh) -> None:  # noqa: ANN001
    """Ask the OS to forget the cached pages so that the read-back reads the stick."""
    if hasattr(os, "posix_fadvise"):
        try:
            os.posix_fadvise(fh.fileno(), 0, 0, os.POSIX_FADV_DONTNEED)
        except OSError:
            pass


def _committee_info(conn: sqlite3.Connection) -> dict | None:
    row = conn.execute("SELECT value FROM settings WHERE key = 'committee_uuid'").fetchone()
    if not row:
        return None
    c = conn.execute("SELECT uuid, code, name, level, region, cercle, commune, "
                     "restore_generation, share_names FROM committees WHERE uuid = ?",
                     (row[0],)).fetchone()
    if c is None:
        return None
    keys = ("uuid", "code", "name", "level", "region", "cercle", "commune",
            "restore_generation", "share_names")
    return dict(zip(keys, c, strict=True))


def _prepare_live(db: Database) -> tuple[dict | None, str | None]:
    """Own committee and trusted CRSS key of the live database; makes sure the pseudonym
    secret exists there, so that backups and transmissions give the same codes."""
    conn = sqlite3.connect(db.path, timeout=30)
    try:
        with conn:
            info = _committee_info(conn)
            if info is not None:
                sn.ensure_pseudonym_secret(conn)
            row = conn.execute("SELECT value FROM settings WHERE key = ?",
                               (sn.CRSS_KEY_SETTING,)).fetchone()
    finally:
        conn.close()
    return info, (row[0] if row and row[0] else None)


def _sha256_file(path: Path) -> tuple[int, str]:
    h = hashlib.sha256()
    size = 0
    with open(path, "rb") as fh:
        while block := fh.read(1024 * 1024):
            h.update(block)
            size += len(block)
    return size, h.hexdigest()


def create_file(db: Database, out_dir: str | os.PathLike[str], *, kind: str,
                passphrase: str | None = None, crss_public: bytes | None | bool = None,
                keep: int = DEFAULT_KEEP, chunk_size: int = ct.DEFAULT_CHUNK,
                kdf: ct.KdfParams | None = None, progress: Progress | None = None
                ) -> WrittenFile:
    """Write a backup (kind="backup") or a transmission into `out_dir`.

    crss_public: raw X25519 key; None = the committee's trusted CRSS key if any; False = none.
    A backup needs the passphrase; a transmission needs a CRSS key."""
    from ..crss.keys import parse_public_key

    progress = progress or _noop
    out = Path(out_dir).expanduser().resolve()
    cleanup_leftovers(db.data_dir)
    if out.is_dir():
        cleanup_leftovers(out)
    info, trusted = _prepare_live(db)
    if crss_public is None and trusted:
        crss_public = parse_public_key(trusted)
    recipients: list = []
    if kind == KIND_BACKUP:
        if passphrase is None:
            raise UserError(_("A backup needs the backup passphrase."))
        ct.check_passphrase(passphrase)
        recipients.append(ct.PassphraseRecipient(passphrase, kdf))
    elif kind == KIND_TRANSMISSION:
        if info is None:
            raise UserError(_("No committee is set up in this database: nothing to "
                              "transmit."))
        if not crss_public:
            raise UserError(_("No CRSS public key: first import the file crss.pub given by "
                              "the CRSS (“ccs crss trust”)."))
    else:
        raise ValueError(kind)
    if crss_public:
        recipients.append(ct.X25519Recipient(bytes(crss_public)))
    now_local = dt.datetime.now().replace(microsecond=0)
    code = info["code"] if info else "CRSS"
    cuuid = info["uuid"] if info else "00000000"
    progress(0, 100, _("Consistent copy of the database…"))
    with WorkFolder(db.data_dir, ".ccs-tmp-") as tmp:
        snap = Path(tmp) / "snapshot.sqlite3"
        meta = sn.make_snapshot(db.path, snap, transmission=(kind == KIND_TRANSMISSION),
                                own_uuid=info["uuid"] if info else None)
        size, digest = _sha256_file(snap)
        manifest = {
            "ccsbak": ct.FORMAT_VERSION, "kind": kind, "app_version": app_version(),
            "created_at": dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat(),
            "created_local": now_local.isoformat(), "committee": info,
            "schema_revision": meta["revision"], "counts": meta["counts"],
            "body": "sqlite", "body_size": size, "body_sha256": digest,
        }
        encrypting = _("Encrypting…")
        progress(10, 100, encrypting)

        def fill(fh) -> bytes:  # noqa: ANN001
            w = ct.ContainerWriter(fh, recipients, manifest, chunk_size=chunk_size)
            done = 0
            with open(snap, "rb") as src:
                while block := src.read(1024 * 1024):
                    w.write(block)
                    done += len(block)
                    progress(10 + int(60 * done / max(size, 1)), 100, encrypting)
            w.close()
            return w.file_key

        def verify(path: Path, key: bytes) -> None:
            progress(70, 100, _("Reading back and checking…"))
            checking = _("Checking…")
            with open(path, "rb") as fh:
                _drop_cache(fh)
                reader = ct.ContainerReader(fh, file_key=key)
                if reader.manifest != manifest:
                    raise UserError(_("Reading back the written file failed."))
                done = 0
                for piece in reader.iter_body():
                    done += len(piece)
                    progress(70 + int(29 * done / max(size, 1)), 100, checking)

        final = write_atomically(out, file_name(code, cuuid, kind, now_local), fill, verify)
    size_written = final.stat().st_size
    removed = rotate(out, file_prefix(code, cuuid), kind, keep, newest=final)
    progress(100, 100, _("Done."))
    return WrittenFile(final, size_written, manifest, removed)


def create_backup(db: Database, out_dir: str | os.PathLike[str], passphrase: str,
                  **kw) -> WrittenFile:
    return create_file(db, out_dir, kind=KIND_BACKUP, passphrase=passphrase, **kw)


def create_transmission(db: Database, out_dir: str | os.PathLike[str], **kw) -> WrittenFile:
    return create_file(db, out_dir, kind=KIND_TRANSMISSION, **kw)


# --------------------------------------------------------------------------- reading

@dataclass
class OpenedFile:
    """A decrypted snapshot in a temporary folder (delete with `cleanup()`)."""

    manifest: dict
    snapshot: Path
    revision: str
    folder: Path
    file_sha256: str = ""
    file_size: int = 0
    # True only for a container opened with its passphrase; False for one opened with the
    # CRSS key (its author is not proven) and for a plain automatic copy of this PC
    authenticated: bool = True
    opened_with: str = OPENED_PASSPHRASE
    # the snapshot's security settings (SECURITY_SETTINGS: value or None)
    security: dict = field(default_factory=dict)
    work: WorkFolder | None = field(default=None, repr=False)

    def cleanup(self) -> None:
        if self.work is not None:
            self.work.remove()
        else:
            shutil.rmtree(self.folder, ignore_errors=True)

    @property
    def authenticity(self) -> str:
        return authenticity_label(self.opened_with)

    @property
    def kind(self) -> str:
        return self.manifest.get("kind", "")

    def __enter__(self) -> OpenedFile:
        return self

    def __exit__(self, *exc: object) -> None:
        self.cleanup()


def _count_text(table: str, n: int) -> str | None:
    """One count of `contents_text` ("3 réunions"), None for a table not listed."""
    if table == "people":
        text = ngettext("{n} person", "{n} people", n)
    elif table == "meetings":
        text = ngettext("{n} meeting", "{n} meetings", n)
    elif table == "threats":
        text = ngettext("{n} threat", "{n} threats", n)
    elif table == "vulnerabilities":
        text = ngettext("{n} vulnerability", "{n} vulnerabilities", n)
    elif table == "recommendations":
        text = ngettext("{n} recommendation", "{n} recommendations", n)
    elif table == "activities":
        text = ngettext("{n} activity", "{n} activities", n)
    elif table == "stored_documents":
        text = ngettext("{n} archived set of minutes", "{n} archived sets of minutes", n)
    else:
        return None
    return text.format(n=n)


COUNTED_TABLES = ("people", "meetings", "threats", "vulnerabilities", "recommendations",
                  "activities", "stored_documents")


def contents_text(manifest: dict) -> str:
    """The line "Contenu : 3 personnes, 1 réunion, ..." of a manifest's counts (live rows),
    in the language in force; "" when the manifest has none."""
    counts = manifest.get("counts") or {}
    parts = []
    for table in COUNTED_TABLES:
        row = counts.get(table)
        live = row.get("live") if isinstance(row, dict) else None
        if isinstance(live, int) and not isinstance(live, bool):
            parts.append(_count_text(table, live))
    if not parts:
        return ""
    return _("Content: {counts}").format(counts=", ".join(parts))


def _created_text(manifest: dict) -> str:
    """When the file was made, as a user reads a date (31/12/2026 08:05); the raw text when it
    is not a date (a hostile file: escaped, never trusted)."""
    raw = manifest.get("created_local") or manifest.get("created_at") or ""
    try:
        return dt.datetime.fromisoformat(str(raw)).strftime("%d/%m/%Y %H:%M")
    except ValueError:
        return printable(str(raw), keep="", limit=60) or "?"


def describe(manifest: dict) -> str:
    """What a file holds, in the language in force, for the user to check before restoring
    (the CLI and the GUI show this one text)."""
    c = manifest.get("committee") or {}
    kind = manifest.get("kind", "")
    lines = [_("Kind: {kind}").format(kind=kind_label(kind) if kind else "?"),
             _("Committee: {name} ({code})").format(
                 name=c.get("name") or _("(CRSS database)"), code=c.get("code") or "-"),
             _("Authenticity: {authenticity}").format(
                 authenticity=authenticity_label(opened_with(manifest))),
             _("Created on: {date}").format(date=_created_text(manifest)),
             _("Schema: revision {revision}").format(
                 revision=manifest.get("schema_revision"))]
    contents = contents_text(manifest)
    if contents:
        lines.append(contents)
    return "\n".join(lines)


_UUID_RE = re.compile(r"^[0-9a-fA-F]{8}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?"
                      r"[0-9a-fA-F]{12}$")
_SHA256_RE = re.compile(r"^[0-9a-f]{64}$")
MAX_GENERATION = 2 ** 31 - 1
MAX_COUNT = 2 ** 53


def _bad_manifest(what: str) -> ct.ContainerError:
    """`what`: the invalid part, already translated (pgettext "manifest")."""
    return ct.ContainerError(_("Unexpected content in the file (invalid manifest: {what}). "
                               "The file is damaged or was not created by CCS Desktop. "
                               "Nothing was changed.").format(what=what))


def _is_int(v: object) -> bool:
    return isinstance(v, int) and not isinstance(v, bool)


def _text(manifest: dict, key: str, what: str, *, required: bool, max_len: int = 200,
          iso: bool = False) -> None:
    if key not in manifest and not required:
        return
    v = manifest.get(key)
    if not isinstance(v, str) or len(v) > max_len:
        raise _bad_manifest(what)
    if iso:
        try:
            dt.datetime.fromisoformat(v)
        except ValueError:
            raise _bad_manifest(what) from None


def _check_committee(c: object) -> None:
    """The committee of a manifest: every field the restore, the descriptions and the CRSS
    import read, with its type (a wrong type is refused before anything is merged)."""
    if c is None:
        return
    if not isinstance(c, dict):
        raise _bad_manifest(pgettext("manifest", "committee"))
    if not isinstance(c.get("uuid"), str) or not _UUID_RE.match(c["uuid"]):
        raise _bad_manifest(pgettext("manifest", "committee identifier"))
    limits = {"code": 40, "name": 300, "level": 40, "region": 200, "cercle": 200,
              "commune": 200}
    for key, max_len in limits.items():
        v = c.get(key)
        if key in ("code", "name", "level"):
            if not isinstance(v, str) or len(v) > max_len:
                raise _bad_manifest(
                    pgettext("manifest", "committee, field {key}").format(key=key))
        elif v is not None and (not isinstance(v, str) or len(v) > max_len):
            raise _bad_manifest(
                    pgettext("manifest", "committee, field {key}").format(key=key))
    gen = c.get("restore_generation")
    if not _is_int(gen) or not 0 <= gen <= MAX_GENERATION:
        raise _bad_manifest(pgettext("manifest", "restore generation of the committee"))
    share = c.get("share_names")
    if share not in (0, 1) or not isinstance(share, (int, bool)):
        raise _bad_manifest(pgettext("manifest", "sharing of names"))


def _check_counts(counts: object) -> None:
    if counts is None:
        return
    if not isinstance(counts, dict) or len(counts) > 200:
        raise _bad_manifest(pgettext("manifest", "counts"))
    for table, row in counts.items():
        if not isinstance(table, str) or len(table) > 100 or not isinstance(row, dict):
            raise _bad_manifest(pgettext("manifest", "counts"))
        for k, v in row.items():
            if not isinstance(k, str) or not _is_int(v) or not 0 <= v <= MAX_COUNT:
                raise _bad_manifest(pgettext("manifest", "counts"))


def check_manifest(manifest: object) -> None:
    """Type-check every manifest field that is used later (restore, describe, the CRSS
    import): `ccsbak`, `kind`, `app_version`, `created_at`, `created_local`, `committee`
    (uuid, code, name, level, region, cercle, commune, restore_generation, share_names),
    `schema_revision`, `counts`, `body`, `body_size`, `body_sha256`. Unknown extra fields are
    allowed (format version 1 may add fields). Raises a French ContainerError."""
    if not isinstance(manifest, dict):
        raise _bad_manifest(pgettext("manifest", "not an object"))
    version = manifest.get("ccsbak")
    if not _is_int(version) or version != ct.FORMAT_VERSION:
        raise _bad_manifest(pgettext("manifest", "version"))
    kind = manifest.get("kind")
    if not isinstance(kind, str) or kind not in (KIND_BACKUP, KIND_TRANSMISSION, KIND_KEY):
        raise _bad_manifest(pgettext("manifest", "file kind"))
    if kind == KIND_KEY:
        raise ct.ContainerError(_("This file is the CRSS private key, not a backup."))
    _text(manifest, "app_version", pgettext("manifest", "application version"),
          required=False, max_len=64)
    _text(manifest, "created_at", pgettext("manifest", "creation date"), required=False,
          iso=True)
    _text(manifest, "created_local", pgettext("manifest", "local creation date"),
          required=False, iso=True)
    if manifest.get("schema_revision") is not None:
        _text(manifest, "schema_revision", pgettext("manifest", "schema revision"),
              required=False, max_len=64)
    if "committee" not in manifest:
        raise _bad_manifest(pgettext("manifest", "committee missing"))
    _check_committee(manifest["committee"])
    _check_counts(manifest.get("counts"))
    if manifest.get("body", "sqlite") != "sqlite":
        raise _bad_manifest(pgettext("manifest", "content"))
    size = manifest.get("body_size")
    if (not _is_int(size) or not 0 < size <= MAX_BODY
            or not isinstance(manifest.get("body_sha256"), str)
            or not _SHA256_RE.match(manifest["body_sha256"])):
        raise ct.ContainerError(_("The file announces an invalid content size. Nothing was "
                                  "changed."))


_check_manifest = check_manifest  # the old private name


SPACE_TO_OPEN, SPACE_TO_SET_ASIDE = "open", "set-aside"


def check_free_space(folder: Path, size: int, what: str = SPACE_TO_OPEN) -> None:
    """Refuse before writing when `size` bytes (plus 10 % and 64 MiB of margin) would not
    fit on the disk of `folder`; `what` says what for (SPACE_TO_OPEN: open this file,
    SPACE_TO_SET_ASIDE: set the current database aside)."""
    need = size + size // 10 + 64 * 1024 * 1024
    try:
        free = shutil.disk_usage(folder).free
    except OSError as exc:
        raise UserError(os_error_message(exc, folder)) from None
    if free < need:
        if what == SPACE_TO_SET_ASIDE:
            text = _("Not enough space on the disk to set the current database aside: "
                     "{need} MB needed (with a safety margin), {free} MB free in “{folder}”. "
                     "Free some space, then try again. Nothing was changed.")
        else:
            text = _("Not enough space on the disk to open this file: {need} MB needed "
                     "(with a safety margin), {free} MB free in “{folder}”. Free some space, "
                     "then try again. Nothing was changed.")
        raise UserError(text.format(need=need // 2**20, free=free // 2**20, folder=folder))


def missing_data_dir(folder: Path) -> UserError:
    return UserError(_("The data folder “{folder}” does not exist: nothing was created. "
                       "Give the existing data folder of CCS Desktop with --data-dir (the "
                       "file is decrypted there for the time of the check, then "
                       "erased).").format(folder=folder))


def _work_dir(work_dir: str | os.PathLike[str] | None, *, create: bool = True) -> Path:
    """Where a file is decrypted: a data folder (the one given, else the default one), never
    the system's temporary folder, which other programs read and nobody cleans. A folder
    given explicitly must exist when `create` is False (a command that only reads creates
    nothing); the default data folder, the application's own, is created when missing."""
    folder = paths.resolve_data_dir(work_dir)
    if not create and work_dir is not None and not folder.is_dir():
        raise missing_data_dir(folder)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise UserError(os_error_message(exc, folder)) from None
    return folder


def open_file(path: str | os.PathLike[str], identities: list, *, work_dir: Path | None = None,
              progress: Progress | None = None) -> OpenedFile:
    """Decrypt and check a `.ccsbak` file into a hidden temporary folder inside the data
    folder `work_dir` (the default data folder when None): manifest, size, digest, SQLite
    integrity and schema. Nothing else is touched. The caller deletes the clear copy with
    `cleanup()` (or a `with` block) as soon as it is done."""
    progress = progress or _noop
    src_path = Path(path)
    work = _work_dir(work_dir)
    try:
        fh = open(src_path, "rb")  # noqa: SIM115
    except OSError as exc:
        raise UserError(_("Cannot read “{path}”: {error}.").format(
            path=src_path, error=french_os_error(exc))) from None
    with fh:
        # the key first (a wrong key costs no disk), then the work folder for the clear copy
        total = os.fstat(fh.fileno()).st_size
        h = _HashingReader(fh)
        reader = ct.ContainerReader(h, identities)
        # keys starting with "_" are set by this module (authenticity, revision): a file
        # cannot bring its own
        manifest = {k: v for k, v in reader.manifest.items() if not k.startswith("_")}
        check_manifest(manifest)
        check_free_space(work, manifest["body_size"])
        wf = WorkFolder(work, ".ccs-ouverture-")
        folder = wf.path
        try:
            snap = folder / "snapshot.sqlite3"
            step = _("Decrypting and checking…")
            with open(snap, "wb") as out:
                for piece in reader.iter_body():
                    out.write(piece)
                    progress(h.count, max(total, 1), step)
            h.drain()  # data after the last chunk was already refused by the chunk reader
        except OSError as exc:
            wf.remove()
            raise UserError(os_error_message(exc, work)) from None
        except BaseException:
            wf.remove()
            raise
    try:
        conn = sn.open_foreign(snap)
        try:
            revision = sn.check_schema(conn)
            security = _security_values(conn)
        finally:
            conn.close()
        how = (OPENED_PASSPHRASE if reader.opened_with == ct.OPENED_WITH_PASSPHRASE
               else OPENED_CRSS_KEY)
        manifest["_authenticated"] = how == OPENED_PASSPHRASE
        manifest["_opened_with"] = how
        return OpenedFile(manifest, snap, revision, folder, h.hexdigest(), h.count,
                          authenticated=how == OPENED_PASSPHRASE, opened_with=how,
                          security=security, work=wf)
    except BaseException:
        wf.remove()
        raise


def _security_values(conn: sqlite3.Connection, *, strict: bool = False
                     ) -> dict[str, str | None]:
    """The SECURITY_SETTINGS of a database (None when absent). `strict`: an error reading
    them is raised (the live database: a failed read must never pass for "absent"), else the
    value is None (a snapshot being opened)."""
    out: dict[str, str | None] = {}
    for key in SECURITY_SETTINGS:
        try:
            row = conn.execute("SELECT value FROM settings WHERE key = ?", (key,)).fetchone()
        except sqlite3.Error:
            if strict:
                raise
            row = None
        out[key] = row[0] if row and isinstance(row[0], str) and row[0] else None
    return out


class _HashingReader:
    def __init__(self, fh) -> None:  # noqa: ANN001
        self.fh, self.h, self.count = fh, hashlib.sha256(), 0

    def read(self, n: int = -1) -> bytes:
        data = self.fh.read(n)
        self.h.update(data)
        self.count += len(data)
        return data

    def drain(self) -> None:
        while data := self.read(1024 * 1024):
            pass

    def hexdigest(self) -> str:
        return self.h.hexdigest()


def verify_file(path: str | os.PathLike[str], identities: list,
                progress: Progress | None = None, work_dir: Path | None = None, *,
                create_work_dir: bool = False) -> dict:
    """Decrypt and check a file completely; the clear copy (in a hidden folder of the data
    folder `work_dir`, the default one when None) is deleted before returning, error or not.

    A plain SQLite copy is accepted only from the automatic-copies folder of that data folder
    (`open_any`). The returned manifest carries `_revision`, `_authenticated` (True only for a
    file opened with its passphrase; False for one opened with the CRSS key and for such a
    local copy: "copie locale, non authentifiée") and `_security` (fingerprints of the
    security settings, see `security_changes`) and `_opened_with` (OPENED_…: only a
    passphrase proves who wrote the file).

    Nothing is created: a `work_dir` that does not exist is refused in French, unless
    `create_work_dir` (the first step of a restore into that folder, whose job includes
    creating it)."""
    work = _work_dir(work_dir, create=create_work_dir)
    cleanup_leftovers(work)
    with open_any(path, identities, work_dir=work, progress=progress) as opened:
        manifest = dict(opened.manifest)
        manifest["_revision"] = opened.revision
        manifest["_authenticated"] = opened.authenticated
        manifest["_opened_with"] = opened.opened_with
        manifest["_security"] = security_fingerprints(opened.security)
        return manifest


def open_any(path: str | os.PathLike[str], identities: list, *, work_dir: Path,
             progress: Progress | None = None) -> OpenedFile:
    """A `.ccsbak` (it must open: passphrase, or CRSS key, see `OpenedFile.opened_with`), or
    a plain SQLite snapshot ONLY when the file really lies in the automatic-copies folder of
    `work_dir` (resolved paths, symlinks followed); anything else is refused with the
    container reader's French reason."""
    src = Path(path)
    if ct.peek_is_container(src):
        return open_file(src, identities, work_dir=work_dir, progress=progress)
    return _open_plain_snapshot(src, work_dir)


def is_local_copy(path: str | os.PathLike[str], data_dir: str | os.PathLike[str]) -> bool:
    """True when `path`, symlinks resolved, is a regular file directly inside the
    automatic-copies folder of `data_dir` (resolved too)."""
    try:
        auto = (Path(data_dir) / AUTO_FOLDER).resolve(strict=True)
        real = Path(path).resolve(strict=True)
    except (OSError, RuntimeError):
        return False
    return real.parent == auto and real.is_file()


# --------------------------------------------------------------------------- security settings

@dataclass(frozen=True)
class SecurityChange:
    """A security setting that differs between the current database and a backup."""

    key: str
    current: str | None  # fingerprint, or None when absent
    restored: str | None

    @property
    def label(self) -> str:
        source = SECURITY_SETTINGS.get(self.key)
        return _(source) if source is not None else self.key

    def describe(self) -> str:
        """"<setting>: currently <fingerprint>; in the backup <fingerprint>", in the
        language in force."""
        return _("{setting}: currently {current}; in the backup {restored}").format(
            setting=self.label, current=show_fingerprint(self.current),
            restored=show_fingerprint(self.restored))


# A fingerprint (`security_fingerprints`) is data, the same whatever the language (it is
# compared): "key:<CRSS key fingerprint>" or "sha256:<16 hex digits>"; shown through
# `show_fingerprint`.
_FP_KEY, _FP_DIGEST = "key:", "sha256:"


def _fingerprint(key: str, value: str | None) -> str | None:
    if value is None:
        return None
    if key == sn.CRSS_KEY_SETTING:
        try:
            from ..crss.keys import fingerprint, parse_public_key

            return _FP_KEY + fingerprint(parse_public_key(value))
        except Exception:  # noqa: BLE001 - an unreadable key is shown by its digest
            pass
    return _FP_DIGEST + hashlib.sha256(value.encode("utf-8")).hexdigest()[:16]


def show_fingerprint(fp: str | None) -> str:
    """A fingerprint of `security_fingerprints` as the user reads it ("empreinte …",
    "valeur …", "aucun(e)"), in the language in force."""
    if fp is None:
        return pgettext("security setting", "none")
    if fp.startswith(_FP_KEY):
        return _("fingerprint {fp}").format(fp=fp[len(_FP_KEY):])
    if fp.startswith(_FP_DIGEST):
        return _("value {digest}").format(digest=fp[len(_FP_DIGEST):])
    return fp


def security_fingerprints(values: dict[str, str | None]) -> dict[str, str | None]:
    """What can be shown and compared of the security settings without their secret
    values: the CRSS key's fingerprint, a digest of the others."""
    return {k: _fingerprint(k, values.get(k)) for k in SECURITY_SETTINGS}


LIVE_READ_TIMEOUT = 5.0  # seconds a read of the live database waits for another's lock


def _is_busy(exc: sqlite3.Error) -> bool:
    code = getattr(exc, "sqlite_errorcode", None)
    if isinstance(code, int) and code & 0xFF in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED):
        return True
    text = str(exc).lower()
    return "locked" in text or "busy" in text


def live_database_error(exc: sqlite3.Error, live: Path) -> UserError:
    """The French refusal when the current database exists but cannot be read."""
    if _is_busy(exc):
        return UserError(_("The current database (“{path}”) is used by another program (or "
                           "another window of CCS Desktop): its security settings could not "
                           "be read, so the restore is refused. Close that other program, "
                           "then try again. Nothing was changed.").format(path=live))
    return UserError(_("The current database (“{path}”) is unreadable (damaged, or not a "
                       "CCS Desktop database): its security settings (trusted CRSS key, "
                       "secret of the pseudonyms) could not be read, so the restore is "
                       "refused. Nothing was changed. To replace it all the same, first move "
                       "that file out of the data folder (keep it), then try "
                       "again.").format(path=live))


def current_security(data_dir: str | os.PathLike[str] | None) -> dict[str, str | None] | None:
    """The security settings of the database of `data_dir`; None ONLY when there is no
    database file there (a new PC: nothing to keep). A database that exists but cannot be
    read (locked by another program for more than LIVE_READ_TIMEOUT seconds, damaged, not
    ours) raises a French UserError: a failed read never passes for "nothing to keep"."""
    live = paths.database_path(paths.resolve_data_dir(data_dir))
    if not os.path.lexists(live):
        return None
    try:
        conn = sqlite3.connect(f"{live.resolve().as_uri()}?mode=ro", uri=True,
                               timeout=LIVE_READ_TIMEOUT)
    except sqlite3.Error as exc:
        raise live_database_error(exc, live) from None
    try:
        return _security_values(conn, strict=True)
    except sqlite3.Error as exc:
        raise live_database_error(exc, live) from None
    finally:
        conn.close()


def security_changes(data_dir: str | os.PathLike[str] | None,
                     backup_fingerprints: dict[str, str | None], *,
                     authenticated: bool = True) -> list[SecurityChange]:
    """The security settings a restore of a backup (its `_security` from `verify_file`) into
    `data_dir` would change (the GUI asks about them; default No). With no database there
    (a new PC), an authenticated backup changes nothing to ask about (its settings are
    taken), while a file that did not authenticate (`authenticated=False`: opened with the
    CRSS key, or a local copy) would bring each setting it has: "No" drops them. Raises a
    French UserError when the current database exists but cannot be read (`current_security`)."""
    live = current_security(data_dir)
    if live is None:
        if authenticated:
            return []
        return [SecurityChange(k, None, backup_fingerprints.get(k)) for k in SECURITY_SETTINGS
                if backup_fingerprints.get(k) is not None]
    now = security_fingerprints(live)
    return [SecurityChange(k, now.get(k), backup_fingerprints.get(k))
            for k in SECURITY_SETTINGS if now.get(k) != backup_fingerprints.get(k)]


_TRUST_AGAIN = N_("Trust the CRSS key again: import the file crss.pub given by the CRSS "
                  "(“ccs crss trust crss.pub”, or the menu “Save the CRSS key…”) and compare "
                  "its fingerprint aloud with the CRSS. A new secret of the pseudonyms will "
                  "be created at the next backup or transmission.")


def trust_again() -> str:
    """What to do after a restore that did not install a file's security settings."""
    return _(_TRUST_AGAIN)


def __getattr__(name: str) -> str:
    # `TRUST_AGAIN`, the old constant: translated when read (callers use bk.TRUST_AGAIN)
    if name == "TRUST_AGAIN":
        return trust_again()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def describe_security_changes(changes: list[SecurityChange], *,
                              authenticated: bool = True) -> str:
    """The question the GUI asks before a restore that would change security settings."""
    bring_only = not authenticated and all(c.current is None for c in changes)
    lines = [_("This file brings security settings that the current database does not have "
               "(or there is no database in this folder yet):") if bring_only else
             _("This backup has security settings different from those of the current "
               "database:")]
    lines += [f"• {c.describe()}" for c in changes]
    lines.append("")
    if not authenticated:
        lines.append(_("Warning: the author of this file is not proven (opened with the CRSS "
                       "key, which anyone holding its public key can use to make a file, or "
                       "an unencrypted local copy). Answer “No” unless you are certain where "
                       "it comes from."))
        lines.append("")
    if bring_only:
        lines.append(_("Install these settings of the backup? Answer “No” not to take them "
                       "(advised): the rest of the backup is restored either way.")
                     + " " + trust_again())
    else:
        lines.append(_("Replace these settings by those of the backup? Answer “No” to keep "
                       "those of the current database (advised if you are not sure where the "
                       "file comes from); the rest of the backup is restored either way."))
    return "\n".join(lines)


# --------------------------------------------------------------------------- restore

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
                               timeout=LIVE_READ_TIMEOUT)
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
        os.replace(opened.snapshot, staged_db)
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
                own = s.get(m.Setting, "committee_uuid")
                if own and own.value:
                    c = s.query(m.Committee).filter_by(uuid=own.value).one_or_none()
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
                        row = s.get(m.Setting, change.key)
                        value = live_security.get(change.key)
                        if value is None:
                            if row is not None:
                                s.delete(row)
                        elif row is None:
                            s.add(m.Setting(key=change.key, value=value))
                        else:
                            row.value = value
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
        os.replace(staged_db, live)
        fsync_dir(folder)
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
        with open(tmp, "rb+") as fh:
            os.fsync(fh.fileno())
        os.replace(tmp, target)
        fsync_dir(live.parent)
    except sqlite3.Error:
        _unlink_quietly(tmp)
        raise UserError(_("The current database could not be set aside (it may be damaged "
                          "or locked): the restore is cancelled, nothing was "
                          "changed.")) from None
    except OSError as exc:
        _unlink_quietly(tmp)
        raise UserError(os_error_message(exc, live.parent)) from None
    return target


def _open_plain_snapshot(src: Path, work_dir: Path) -> OpenedFile:
    """An automatic local copy (plain SQLite snapshot), accepted ONLY from the
    automatic-copies folder of `work_dir` (the data folder), by resolved path; it is
    labelled "copie locale, non authentifiée". Anything else that is not a container is
    refused with the container reader's French reason."""
    src = Path(src)
    try:
        with open(src, "rb") as fh:
            head = fh.read(16)
    except OSError as exc:
        raise UserError(_("Cannot read “{path}”: {error}.").format(
            path=src, error=french_os_error(exc))) from None
    if head != b"SQLite format 3\x00":
        # let the container reader give the precise French reason
        with open(src, "rb") as fh:
            ct.ContainerReader(fh, [])
    if not is_local_copy(src, work_dir):
        raise ct.ContainerError(_(
            "This file is an unencrypted SQLite database, not a CCS backup (.ccsbak): "
            "nothing proves where it comes from. Only the automatic copies of this PC (the "
            "folder “{folder}” of the data folder) open this way. Choose a .ccsbak backup "
            "and its passphrase. Nothing was changed.").format(folder=AUTO_FOLDER))
    real = src.resolve(strict=True)
    check_free_space(work_dir, real.stat().st_size)
    wf = WorkFolder(work_dir, ".ccs-ouverture-")
    folder = wf.path
    try:
        snap = folder / "snapshot.sqlite3"
        shutil.copyfile(real, snap)
        conn = sn.open_foreign(snap)
        try:
            revision = sn.check_schema(conn)
            info = _committee_info(conn)
            security = _security_values(conn)
        finally:
            conn.close()
        when = dt.datetime.fromtimestamp(real.stat().st_mtime).replace(microsecond=0)
        manifest = {"ccsbak": ct.FORMAT_VERSION, "kind": KIND_BACKUP, "committee": info,
                    "schema_revision": revision, "created_local": when.isoformat(),
                    "_authenticated": False, "_opened_with": OPENED_LOCAL_COPY}
        return OpenedFile(manifest, snap, revision, folder, authenticated=False,
                          opened_with=OPENED_LOCAL_COPY, security=security, work=wf)
    except OSError as exc:
        wf.remove()
        raise UserError(os_error_message(exc, work_dir)) from None
    except BaseException:
        wf.remove()
        raise


# --------------------------------------------------------------------------- automatic

def auto_backup(db: Database, *, keep: int = 7, min_interval: dt.timedelta | None =
                dt.timedelta(hours=20)) -> Path | None:
    """A local snapshot in `<data>/sauvegardes-auto` (on close and daily), rotated.

    These copies sit beside the live database on the same disk, readable like it: they
    protect against a bad edit or a damaged file, not against theft (the USB backups are
    the encrypted ones). Returns the new file, or None when the last one is recent."""
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
        sn.make_snapshot(db.path, tmp, transmission=False, own_uuid=None)
        with open(tmp, "rb+") as fh:
            os.fsync(fh.fileno())
        os.replace(tmp, target)
        fsync_dir(folder)
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


# --------------------------------------------------------------------------- USB drives

@dataclass
class Drive:
    path: Path
    label: str
    removable: bool
    free: int
    total: int


def list_drives() -> list[Drive]:
    """Writable drives, removable ones (USB sticks) first."""
    drives = _windows_drives() if os.name == "nt" else _posix_drives()
    out = []
    for path, label, removable in drives:
        try:
            usage = shutil.disk_usage(path)
        except OSError:
            continue
        out.append(Drive(Path(path), label, removable, usage.free, usage.total))
    out.sort(key=lambda d: (not d.removable, str(d.path)))
    return out


def _windows_drives() -> list[tuple[str, str, bool]]:  # pragma: no cover - Windows only
    import ctypes
    import string

    k32 = ctypes.windll.kernel32  # type: ignore[attr-defined]
    mask = k32.GetLogicalDrives()
    res = []
    for i, letter in enumerate(string.ascii_uppercase):
        if not mask & (1 << i):
            continue
        root = f"{letter}:\\"
        kind = k32.GetDriveTypeW(root)
        if kind not in (2, 3):  # DRIVE_REMOVABLE, DRIVE_FIXED
            continue
        buf = ctypes.create_unicode_buffer(261)
        k32.GetVolumeInformationW(root, buf, 261, None, None, None, None, 0)
        res.append((root, buf.value or root, kind == 2))
    return res


def _posix_drives() -> list[tuple[str, str, bool]]:
    res = []
    try:
        with open("/proc/mounts", encoding="utf-8") as fh:
            lines = fh.read().splitlines()
    except OSError:
        return res
    seen = set()
    for line in lines:
        parts = line.split()
        if len(parts) < 3:
            continue
        dev, mnt, fstype = parts[0], parts[1].replace("\\040", " "), parts[2]
        if not dev.startswith("/dev/") or mnt in seen:
            continue
        if not (mnt.startswith(("/media/", "/run/media/", "/mnt/"))):
            continue
        seen.add(mnt)
        removable = _sys_removable(dev) or fstype in ("vfat", "exfat", "fuseblk", "ntfs",
                                                     "ntfs3")
        res.append((mnt, Path(mnt).name, removable))
    return res


def _sys_removable(dev: str) -> bool:
    name = Path(os.path.realpath(dev)).name
    base = re.sub(r"p?\d+$", "", name) if not name.startswith("nvme") else name
    try:
        return Path(f"/sys/block/{base}/removable").read_text().strip() == "1"
    except OSError:
        return False
