"""Writing backups and transmissions onto a stick: a consistent snapshot, encrypted, written
under a new name, read back and checked before it takes its name, then the oldest rotated."""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import os
import secrets
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

from ...db import unlock
from ...db.engine import Database
from ...fileio import os_error_message, write_atomically
from ...i18n import _
from .. import audit
from ..errors import UserError
from . import container as ct
from . import signing
from . import snapshot as sn
from .naming import (DEFAULT_KEEP, KIND_BACKUP, KIND_TRANSMISSION, SUFFIX, app_version,
                     file_name, file_prefix, rotate)
from .reading import _committee_info
from .workfolders import Progress, WorkFolder, _noop, cleanup_leftovers


@dataclass
class WrittenFile:
    path: Path
    size: int
    manifest: dict
    removed: list[Path] = field(default_factory=list)
    # what the writer has to say about how it was asked (already translated), e.g. a CRSS
    # key given for a full backup, which adds nothing
    notices: list[str] = field(default_factory=list)


def _stick_error(exc: OSError, folder: Path) -> UserError:
    # the stick full, pulled out or locked: said as everywhere, and what it did not touch
    return UserError(" ".join((os_error_message(exc, folder),
                               _("The backups already there are intact."))))


def write_new(folder: Path, name: str, fill: Callable[[BinaryIO], bytes],
              verify: Callable[[Path, bytes], None]) -> Path:
    """Write `folder/name` (or `name-1`, `-2`... when taken) without ever overwriting, with
    the one atomic writer (`fileio.write_atomically`): the partial file lives in a locked
    work folder on the stick (a concurrent cleanup leaves it alone, a kill leaves it to
    `cleanup_leftovers`), is read back and verified, then takes its name. `fill(fh)` writes
    the content and returns the file key; on any error the partial file is removed and
    earlier files are untouched (a French UserError)."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise _stick_error(exc, folder) from None
    final = folder / name
    n = 1
    while final.exists():
        final = folder / name.replace(SUFFIX, f"-{n}{SUFFIX}") if "_transmission" not in name \
            else folder / name.replace("_transmission", f"-{n}_transmission")
        n += 1
    work = WorkFolder(folder, ".ccs-tmp-")
    try:
        write_atomically(final, fill, overwrite=False, work_dir=work.path, check=verify)
    except OSError as exc:
        raise _stick_error(exc, folder) from None
    finally:
        work.remove()
    return final


def _drop_cache(fh) -> None:  # noqa: ANN001
    """Ask the OS to forget the cached pages so that the read-back reads the stick."""
    if hasattr(os, "posix_fadvise"):
        try:
            os.posix_fadvise(fh.fileno(), 0, 0, os.POSIX_FADV_DONTNEED)
        except OSError:
            pass


@dataclass(frozen=True)
class _Live:
    info: dict | None  # the own committee (None in a CRSS database)
    trusted: str | None  # the trusted CRSS key
    signer: Callable  # signs the file (the database's Ed25519 key)
    sequence: int  # this file's number among the files this database wrote


def _prepare_live(db: Database) -> _Live:
    """Own committee, trusted CRSS key and signing key of the live database; makes sure the
    pseudonym secret and the signing key exist there (so that backups and transmissions
    give the same codes and the same signature), and numbers this file (the number is
    stored once the file is in place: a failed write changes nothing)."""
    conn = db.connect_raw()
    try:
        with conn:
            info = _committee_info(conn)
            if info is not None:
                sn.ensure_pseudonym_secret(conn)
            key = signing.ensure_signing_key(conn)
            sequence = signing.next_sequence(conn)
            row = conn.execute("SELECT value FROM settings WHERE key = ?",
                               (sn.CRSS_KEY_SETTING,)).fetchone()
    finally:
        conn.close()
    return _Live(info, row[0] if row and row[0] else None, signing.signer(key), sequence)


def _recovery_recipient(db: Database, notices: list[str]) -> bytes | None:
    """The committee's recovery public key, the second recipient of every full backup (the
    sealed sheet opens it when the passphrase is forgotten); None, with a notice, when the key
    file cannot give it (a recovery key of the previous version not typed once yet)."""
    from ...db import keyfile as kf
    from ...db import unlock

    if getattr(db, "key", None) is None:
        return None
    try:
        return unlock.recovery_public_key(db.data_dir, db.key)
    except kf.NoRecoveryPublicKey:
        notices.append(_("This backup opens with its passphrase only, not with the recovery "
                         "key: make a new recovery key (Settings › Security) so that the "
                         "next backups open with it too."))
    except kf.KeyFileError as exc:
        notices.append(_("This backup opens with its passphrase only, not with the recovery "
                         "key: {reason}").format(reason=exc))
    return None


def crss_key_adds_nothing() -> str:
    return _("A full backup is never encrypted to the CRSS key: the key given adds nothing "
             "(the backup opens with its passphrase; transmissions are what goes to the "
             "CRSS).")


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
                kdf: ct.KdfParams | None = None, progress: Progress | None = None,
                extra_recipients: list[bytes] | tuple[bytes, ...] = ()) -> WrittenFile:
    """Write a backup (kind="backup") or a transmission into `out_dir`, signed with the
    database's key (format 2).

    A backup needs the passphrase; its other recipients are `extra_recipients` (raw X25519
    public keys: the committee's recovery key), NEVER the CRSS key: a `crss_public` given
    for a backup adds nothing (WrittenFile.notices says so). A transmission needs a CRSS
    key, its only recipient: crss_public raw X25519 key; None = the committee's trusted
    CRSS key; False = none."""
    from ..crss.keys import parse_public_key

    progress = progress or _noop
    out = Path(out_dir).expanduser().resolve()
    cleanup_leftovers(db.data_dir)
    if out.is_dir():
        cleanup_leftovers(out)
    live = _prepare_live(db)
    info, trusted = live.info, live.trusted
    recipients: list = []
    notices: list[str] = []
    if kind == KIND_BACKUP:
        if passphrase is None:
            raise UserError(_("A backup needs the backup passphrase."))
        ct.check_passphrase(passphrase)
        recipients.append(ct.PassphraseRecipient(passphrase, kdf))
        recipients.extend(ct.X25519Recipient(bytes(k)) for k in extra_recipients)
        recovery = _recovery_recipient(db, notices)
        if recovery is not None:
            recipients.append(ct.X25519Recipient(recovery))
        if crss_public:
            notices.append(crss_key_adds_nothing())
        crss_public = False
    elif kind == KIND_TRANSMISSION:
        if crss_public is None and trusted:
            crss_public = parse_public_key(trusted)
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
        # the body is never in clear, on disk or in the file: it is a SQLCipher database
        # under its own random key, which travels in the encrypted manifest
        body_key = secrets.token_bytes(32)
        meta = sn.make_snapshot(db.path, snap, transmission=(kind == KIND_TRANSMISSION),
                                own_uuid=info["uuid"] if info else None, key=db.key,
                                body_key=body_key,
                                settings={signing.SEQUENCE_SETTING: str(live.sequence)})
        size, digest = _sha256_file(snap)
        manifest = {
            "ccsbak": ct.FORMAT_VERSION, "kind": kind, "app_version": app_version(),
            "created_at": dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat(),
            "created_local": now_local.isoformat(), "committee": info,
            "schema_revision": meta["revision"], "counts": meta["counts"],
            "body": sn.BODY_SQLCIPHER, "body_size": size, "body_sha256": digest,
            "body_key": body_key.hex(), "sequence": live.sequence,
        }
        if kind == KIND_TRANSMISSION:  # the audit chain's head (issue 13): the CRSS pins it
            manifest["audit_head"] = audit.head(db)
        if kind == KIND_BACKUP:
            # a full backup carries the accounts and the key file: restored, the committee
            # gets its accounts, roles and recovery key back (the key file opens only with
            # one of their passwords or the recovery key)
            manifest["keyfile"] = base64.b64encode(
                unlock.load_keys(db.data_dir).to_bytes()).decode("ascii")
        encrypting = _("Encrypting…")
        progress(10, 100, encrypting)

        signed: dict = {}

        def fill(fh) -> bytes:  # noqa: ANN001
            w = ct.ContainerWriter(fh, recipients, manifest, chunk_size=chunk_size,
                                   signer=live.signer)
            signed["manifest"] = w.manifest
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
                if reader.manifest != signed["manifest"]:
                    raise UserError(_("Reading back the written file failed."))
                signing.verify(reader.manifest, reader.header_bytes)  # as the CRSS will
                done = 0
                for piece in reader.iter_body():
                    done += len(piece)
                    progress(70 + int(29 * done / max(size, 1)), 100, checking)

        final = write_new(out, file_name(code, cuuid, kind, now_local), fill, verify)
    signing.store_sequence(db, live.sequence)  # the file is in place: its number is used
    size_written = final.stat().st_size
    removed = rotate(out, file_prefix(code, cuuid), kind, keep, newest=final)
    progress(100, 100, _("Done."))
    audit.record(db, "backup" if kind == KIND_BACKUP else "transmit", kind)
    return WrittenFile(final, size_written, signed["manifest"], removed, notices)


def create_backup(db: Database, out_dir: str | os.PathLike[str], passphrase: str,
                  **kw) -> WrittenFile:
    from ..roles import require

    require(db, "backup.create")
    return create_file(db, out_dir, kind=KIND_BACKUP, passphrase=passphrase, **kw)


def create_transmission(db: Database, out_dir: str | os.PathLike[str], **kw) -> WrittenFile:
    from ..roles import require

    require(db, "transmission.send")
    return create_file(db, out_dir, kind=KIND_TRANSMISSION, **kw)
