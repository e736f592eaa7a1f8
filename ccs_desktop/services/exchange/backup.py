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

from ...fileio import french_os_error
from ... import paths
from ...db import models as m
from ...db.engine import Database, copy_aside, open_database
from ...db.search import rebuild
from ..errors import UserError
from . import container as ct
from . import snapshot as sn

log = logging.getLogger(__name__)

Progress = Callable[[int, int, str], None]
SUFFIX = ".ccsbak"
BACKUP_FOLDER = "CCS-Sauvegardes"
DEFAULT_KEEP = 10
MAX_BODY = 64 * 1024 ** 3  # a snapshot claiming more than 64 GiB is refused
KIND_BACKUP, KIND_TRANSMISSION, KIND_KEY = "backup", "transmission", "crss-key"
KIND_LABELS = {KIND_BACKUP: "sauvegarde", KIND_TRANSMISSION: "transmission au CRSS",
               KIND_KEY: "clé privée du CRSS"}
AUTO_FOLDER = "sauvegardes-auto"


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
        return (f"Le support « {where} » est plein : la sauvegarde n'a pas pu être écrite. "
                "Les sauvegardes déjà présentes sont intactes. Libérez de la place ou "
                "utilisez une autre clé USB.")
    if code in (errno.EIO, errno.ENODEV, errno.ENXIO, errno.ENOENT,
                getattr(errno, "ESTALE", errno.EIO)):
        return (f"Le support « {where} » a été retiré ou ne répond plus pendant l'écriture. "
                "Les sauvegardes déjà présentes sont intactes ; rebranchez la clé et "
                "recommencez.")
    if code == errno.EROFS:
        return f"Le support « {where} » est protégé en écriture (verrou de la clé USB ?)."
    if code in (errno.EACCES, errno.EPERM):
        return f"Accès refusé au dossier « {where} »."
    return f"Écriture impossible dans « {where} » : {french_os_error(exc)}."


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
    for _, _, p in mine[:-keep]:
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


def _fsync_dir(folder: Path) -> None:
    if os.name == "nt":
        return
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


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
    tmp = folder / f".{final.name}.partial"
    try:
        with open(tmp, "xb") as fh:
            key = fill(fh)
            fh.flush()
            os.fsync(fh.fileno())
        verify(tmp, key)
        if final.exists():  # someone wrote the same name meanwhile: never overwrite
            raise FileExistsError(errno.EEXIST, "exists", str(final))
        os.replace(tmp, final)
        _fsync_dir(folder)
    except OSError as exc:
        _unlink_quietly(tmp)
        raise UserError(os_error_message(exc, folder)) from None
    except BaseException:
        _unlink_quietly(tmp)
        raise
    return final


def cleanup_leftovers(folder: Path, older_than: float = 6 * 3600) -> None:
    """Remove temporary folders and partial files left by a process that was killed."""
    import time

    now = time.time()
    try:
        entries = list(folder.iterdir())
    except OSError:
        return
    for p in entries:
        if not p.name.startswith((".ccs-tmp-", ".ccs-ouverture-")) and not (
                p.name.startswith(".") and p.name.endswith((".partial", ".partial.work"))):
            continue
        try:
            if now - p.stat().st_mtime < older_than:
                continue
            if p.is_dir():
                shutil.rmtree(p, ignore_errors=True)
            else:
                p.unlink()
        except OSError:
            pass


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
            raise UserError("Une sauvegarde demande la phrase secrète de sauvegarde.")
        ct.check_passphrase(passphrase)
        recipients.append(ct.PassphraseRecipient(passphrase, kdf))
    elif kind == KIND_TRANSMISSION:
        if info is None:
            raise UserError("Aucun comité n'est configuré dans cette base : rien à transmettre.")
        if not crss_public:
            raise UserError("Aucune clé publique du CRSS : importez d'abord le fichier "
                            "crss.pub remis par le CRSS (« ccs crss trust »).")
    else:
        raise ValueError(kind)
    if crss_public:
        recipients.append(ct.X25519Recipient(bytes(crss_public)))
    now_local = dt.datetime.now().replace(microsecond=0)
    code = info["code"] if info else "CRSS"
    cuuid = info["uuid"] if info else "00000000"
    progress(0, 100, "Copie cohérente de la base…")
    with tempfile.TemporaryDirectory(prefix=".ccs-tmp-", dir=db.data_dir) as tmp:
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
        progress(10, 100, "Chiffrement…")

        def fill(fh) -> bytes:  # noqa: ANN001
            w = ct.ContainerWriter(fh, recipients, manifest, chunk_size=chunk_size)
            done = 0
            with open(snap, "rb") as src:
                while block := src.read(1024 * 1024):
                    w.write(block)
                    done += len(block)
                    progress(10 + int(60 * done / max(size, 1)), 100, "Chiffrement…")
            w.close()
            return w.file_key

        def verify(path: Path, key: bytes) -> None:
            progress(70, 100, "Relecture et vérification…")
            with open(path, "rb") as fh:
                _drop_cache(fh)
                reader = ct.ContainerReader(fh, file_key=key)
                if reader.manifest != manifest:
                    raise UserError("La relecture du fichier écrit a échoué.")
                done = 0
                for piece in reader.iter_body():
                    done += len(piece)
                    progress(70 + int(29 * done / max(size, 1)), 100, "Vérification…")

        final = write_atomically(out, file_name(code, cuuid, kind, now_local), fill, verify)
    size_written = final.stat().st_size
    removed = rotate(out, file_prefix(code, cuuid), kind, keep, newest=final)
    progress(100, 100, "Terminé.")
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

    def cleanup(self) -> None:
        shutil.rmtree(self.folder, ignore_errors=True)

    @property
    def kind(self) -> str:
        return self.manifest.get("kind", "")

    def __enter__(self) -> OpenedFile:
        return self

    def __exit__(self, *exc: object) -> None:
        self.cleanup()


def describe(manifest: dict) -> str:
    """What a file holds, in French, for the user to check before restoring."""
    c = manifest.get("committee") or {}
    counts = manifest.get("counts") or {}
    label = KIND_LABELS.get(manifest.get("kind", ""), manifest.get("kind", "?"))
    lines = [f"Type : {label}",
             f"Comité : {c.get('name') or '(base CRSS)'} ({c.get('code') or '-'})",
             f"Créé le : {manifest.get('created_local', manifest.get('created_at', '?'))}",
             f"Schéma : révision {manifest.get('schema_revision')}"]
    names = {"people": "personnes", "meetings": "réunions", "threats": "menaces",
             "vulnerabilities": "vulnérabilités", "recommendations": "recommandations",
             "activities": "activités", "stored_documents": "PV archivés"}
    parts = [f"{counts[t]['live']} {label_}" for t, label_ in names.items()
             if isinstance(counts.get(t), dict)]
    if parts:
        lines.append("Contenu : " + ", ".join(parts))
    return "\n".join(lines)


def _check_manifest(manifest: dict) -> None:
    if manifest.get("ccsbak") != ct.FORMAT_VERSION or manifest.get("kind") not in (
            KIND_BACKUP, KIND_TRANSMISSION, KIND_KEY):
        raise ct.ContainerError("Contenu du fichier inattendu (manifeste invalide). "
                                "Rien n'a été modifié.")
    if manifest["kind"] == KIND_KEY:
        raise ct.ContainerError("Ce fichier est la clé privée du CRSS, pas une sauvegarde.")
    size = manifest.get("body_size")
    if (not isinstance(size, int) or isinstance(size, bool) or not 0 < size <= MAX_BODY
            or not isinstance(manifest.get("body_sha256"), str)):
        raise ct.ContainerError("Le fichier annonce une taille de contenu invalide. "
                                "Rien n'a été modifié.")


def _work_dir(work_dir: str | os.PathLike[str] | None) -> Path:
    """Where a file is decrypted: a data folder (the one given, else the default one), never
    the system's temporary folder, which other programs read and nobody cleans."""
    folder = paths.resolve_data_dir(work_dir)
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
        raise UserError(f"Impossible de lire « {src_path} » : {french_os_error(exc)}.") from None
    try:
        folder = Path(tempfile.mkdtemp(prefix=".ccs-ouverture-", dir=work))
    except OSError as exc:
        fh.close()
        raise UserError(os_error_message(exc, work)) from None
    try:
        with fh:
            total = os.fstat(fh.fileno()).st_size
            h = _HashingReader(fh)
            reader = ct.ContainerReader(h, identities)
            manifest = reader.manifest
            _check_manifest(manifest)
            need = manifest["body_size"] + 16 * 1024 * 1024
            free = shutil.disk_usage(folder).free
            if free < need:
                raise UserError(f"Pas assez de place sur le disque pour ouvrir ce fichier "
                                f"({need // 2**20} Mo nécessaires, {free // 2**20} Mo libres).")
            snap = folder / "snapshot.sqlite3"
            with open(snap, "wb") as out:
                for piece in reader.iter_body():
                    out.write(piece)
                    progress(h.count, max(total, 1), "Déchiffrement et vérification…")
            h.drain()  # data after the last chunk was already refused by the chunk reader
        conn = sn.open_foreign(snap)
        try:
            revision = sn.check_schema(conn)
        finally:
            conn.close()
        return OpenedFile(manifest, snap, revision, folder, h.hexdigest(), h.count)
    except BaseException:
        shutil.rmtree(folder, ignore_errors=True)
        raise


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
                progress: Progress | None = None, work_dir: Path | None = None) -> dict:
    """Decrypt and check a file completely; the clear copy (in a hidden folder of the data
    folder `work_dir`, the default one when None) is deleted before returning, error or not."""
    work = _work_dir(work_dir)
    cleanup_leftovers(work)
    with open_file(path, identities, work_dir=work, progress=progress) as opened:
        manifest = dict(opened.manifest)
        manifest["_revision"] = opened.revision
        return manifest


# --------------------------------------------------------------------------- restore

@dataclass
class RestoreResult:
    manifest: dict
    database: Path
    saved_copy: Path | None
    generation: int | None


def _generation_floor() -> int:
    """Days since 2024-01-01 by this PC's clock: a restore on a new PC still gets a
    generation above the ones the CRSS saw, unless the clock is far behind."""
    return max(0, (dt.date.today() - dt.date(2024, 1, 1)).days)


def _live_generation(db_path: Path, committee_uuid: str) -> int:
    if not db_path.is_file():
        return 0
    try:
        conn = sqlite3.connect(f"{db_path.resolve().as_uri()}?mode=ro", uri=True)
        try:
            row = conn.execute("SELECT restore_generation FROM committees WHERE uuid = ?",
                               (committee_uuid,)).fetchone()
        finally:
            conn.close()
        return int(row[0]) if row and row[0] is not None else 0
    except sqlite3.Error:
        return 0


def restore(path: str | os.PathLike[str], data_dir: str | os.PathLike[str] | None,
            identities: list, progress: Progress | None = None) -> RestoreResult:
    """Replace the database of `data_dir` by the backup `path` (the folder may not exist yet).

    The file is decrypted and checked in a temporary folder beside the database, an older
    schema is migrated, the search index rebuilt, the restore generation raised; only then
    is the current database copied aside and replaced in one rename."""
    progress = progress or _noop
    folder = paths.resolve_data_dir(data_dir)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise UserError(os_error_message(exc, folder)) from None
    live = paths.database_path(folder)
    cleanup_leftovers(folder)
    src = Path(path)
    if ct.peek_is_container(src):
        opened = open_file(src, identities, work_dir=folder,
                           progress=lambda d, t, msg: progress(int(50 * d / max(t, 1)), 100, msg))
    else:
        opened = _open_plain_snapshot(src, folder)
    try:
        manifest = opened.manifest
        if manifest.get("kind") != KIND_BACKUP:
            raise UserError("Ce fichier est une transmission pour le CRSS (données réduites, "
                            "sans noms ni téléphones) : il ne peut pas servir à restaurer un "
                            "comité. Choisissez une sauvegarde.")
        progress(55, 100, "Mise à niveau et index de recherche…")
        staged = opened.folder / "restaure"
        staged.mkdir()
        staged_db = paths.database_path(staged)
        os.replace(opened.snapshot, staged_db)
        conn = sqlite3.connect(staged_db, isolation_level=None)
        try:
            sn.create_fts(conn)  # the migration code expects them
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
                s.flush()
                rebuild(s)
        finally:
            db.close()
        for extra in staged.iterdir():  # the migration may have copied the file aside
            if extra != staged_db:
                _unlink_quietly(extra)
        progress(85, 100, "Remplacement de la base…")
        saved = None
        if live.exists():
            saved = copy_aside(live, "avant-restauration")
        for suffix in ("-wal", "-shm", "-journal"):
            leftover = live.with_name(live.name + suffix)
            if leftover.exists():
                # copy_aside's connection already rolled back or checkpointed it
                _unlink_quietly(leftover)
        os.replace(staged_db, live)
        _fsync_dir(folder)
        prune_copies_aside(live, protect=saved)
        progress(100, 100, "Restauration terminée.")
        return RestoreResult(manifest, live, saved, generation)
    finally:
        opened.cleanup()


def _open_plain_snapshot(src: Path, work_dir: Path) -> OpenedFile:
    """An automatic local backup (plain SQLite snapshot in the data folder)."""
    try:
        with open(src, "rb") as fh:
            head = fh.read(16)
    except OSError as exc:
        raise UserError(f"Impossible de lire « {src} » : {french_os_error(exc)}.") from None
    if head != b"SQLite format 3\x00":
        # let the container reader give the precise French reason
        with open(src, "rb") as fh:
            ct.ContainerReader(fh, [])
    folder = Path(tempfile.mkdtemp(prefix=".ccs-ouverture-", dir=work_dir))
    try:
        snap = folder / "snapshot.sqlite3"
        shutil.copyfile(src, snap)
        conn = sn.open_foreign(snap)
        try:
            revision = sn.check_schema(conn)
            info = _committee_info(conn)
        finally:
            conn.close()
        manifest = {"ccsbak": ct.FORMAT_VERSION, "kind": KIND_BACKUP, "committee": info,
                    "schema_revision": revision, "created_local": dt.datetime.fromtimestamp(
                        src.stat().st_mtime).replace(microsecond=0).isoformat()}
        return OpenedFile(manifest, snap, revision, folder)
    except BaseException:
        shutil.rmtree(folder, ignore_errors=True)
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
    tmp = folder / f".{target.name}.partial"
    try:
        sn.make_snapshot(db.path, tmp, transmission=False, own_uuid=None)
        with open(tmp, "rb+") as fh:
            os.fsync(fh.fileno())
        os.replace(tmp, target)
    except OSError as exc:
        _unlink_quietly(tmp)
        raise UserError(os_error_message(exc, folder)) from None
    except BaseException:
        _unlink_quietly(tmp)
        raise
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
        for _, _, p in copies[:max(len(copies) - keep, 0)]:
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
