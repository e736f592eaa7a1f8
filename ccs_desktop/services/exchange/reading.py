"""Reading `.ccsbak` files and automatic copies: the manifest checked field by field, the
description shown before a restore, decryption into a locked work folder, verification."""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import re
import shutil
from dataclasses import dataclass, field
from pathlib import Path

from ...db import cipher, unlock
from ... import paths
from ...domain.kinds import count_text
from ...domain.text import printable
from ...fileio import os_error_message, os_error_text
from ...i18n import _, pgettext
from ..errors import UserError
from . import container as ct
from . import signing
from . import snapshot as sn
from .naming import (AUTO_FOLDER, KIND_BACKUP, KIND_KEY, KIND_TRANSMISSION,
                     MAX_BODY, OPENED_CRSS_KEY, OPENED_LOCAL_COPY, OPENED_PASSPHRASE,
                     OPENED_RECOVERY_KEY,
                     authenticity_label, kind_label, opened_with)
from .security import _security_values, security_fingerprints
from .workfolders import Progress, WorkFolder, _noop, cleanup_leftovers


def _committee_info(conn: cipher.Connection) -> dict | None:
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
    # the key the snapshot is encrypted under (the file's body key, or the database's for
    # an automatic copy); None for the plain body of a file of an earlier version
    body_key: bytes | None = field(default=None, repr=False)
    # the raw Ed25519 public key whose signature holds (format 2); None for an unsigned file
    signer: bytes | None = None

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
            parts.append(count_text(table, live))
    if not parts:
        return ""
    return _("Content: {counts}").format(counts=", ".join(parts))


def created_text(manifest: dict) -> str:
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
             _("Created on: {date}").format(date=created_text(manifest)),
             _("Schema: revision {revision}").format(
                 revision=manifest.get("schema_revision"))]
    contents = contents_text(manifest)
    if contents:
        lines.append(contents)
    if "_signer" in manifest:  # issue 12: last, the lines above are read as they were
        lines.append(_("Signature: key {fingerprint}").format(
            fingerprint=manifest["_signer"]) if manifest["_signer"]
            else _("Signature: none (file of an earlier version)"))
    return "\n".join(lines)


_UUID_RE = re.compile(r"^[0-9a-fA-F]{8}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?"
                      r"[0-9a-fA-F]{12}$")
_SHA256_RE = re.compile(r"^[0-9a-f]{64}$")
_BODY_KEY_RE = _SHA256_RE  # 32 bytes in hex
MAX_KEYFILE = 512 * 1024  # base64 of a key file (db.keyfile.MAX_FILE)
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
    if not _is_int(version) or not ct.OLDEST_VERSION <= version <= ct.FORMAT_VERSION:
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
    body_key = manifest.get("body_key")
    if body_key is not None and (not isinstance(body_key, str)
                                 or not _BODY_KEY_RE.match(body_key)):
        raise _bad_manifest(pgettext("manifest", "content key"))
    # the body kinds this version knows: format 1 "sqlite" (plain, or under body_key),
    # format 2 "sqlcipher-1" (always under body_key); any other is refused
    body = manifest.get("body", sn.BODY_SQLITE)
    if version == 1 and body != sn.BODY_SQLITE:
        raise _bad_manifest(pgettext("manifest", "content"))
    if version >= 2 and body != sn.BODY_SQLCIPHER:
        raise ct.ContainerError(_("The content of this file is of a kind this version does "
                                  "not know: install the latest version of CCS Desktop. "
                                  "Nothing was changed."))
    if body == sn.BODY_SQLCIPHER and body_key is None:
        raise _bad_manifest(pgettext("manifest", "content key"))
    sequence = manifest.get("sequence")
    if sequence is not None and (not _is_int(sequence) or not 0 <= sequence <= MAX_COUNT):
        raise _bad_manifest(pgettext("manifest", "file number"))
    keyfile = manifest.get("keyfile")
    if keyfile is not None and (not isinstance(keyfile, str) or len(keyfile) > MAX_KEYFILE):
        raise _bad_manifest(pgettext("manifest", "key file"))
    size = manifest.get("body_size")
    if (not _is_int(size) or not 0 < size <= MAX_BODY
            or not isinstance(manifest.get("body_sha256"), str)
            or not _SHA256_RE.match(manifest["body_sha256"])):
        raise ct.ContainerError(_("The file announces an invalid content size. Nothing was "
                                  "changed."))


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
            path=src_path, error=os_error_text(exc))) from None
    with fh:
        # the key first (a wrong key costs no disk), then the work folder for the clear copy
        total = os.fstat(fh.fileno()).st_size
        h = _HashingReader(fh)
        reader = ct.ContainerReader(h, identities)
        # the signature covers the manifest as written; checked before anything is used
        signer = signing.verify(reader.manifest, reader.header_bytes)
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
        body_key = bytes.fromhex(manifest["body_key"]) if manifest.get("body_key") else None
        conn = sn.open_foreign(snap, key=body_key)
        try:
            revision = sn.check_schema(conn)
            security = _security_values(conn)
        finally:
            conn.close()
        how = {ct.OPENED_WITH_PASSPHRASE: OPENED_PASSPHRASE,
               ct.OPENED_WITH_RECOVERY: OPENED_RECOVERY_KEY}.get(reader.opened_with,
                                                                 OPENED_CRSS_KEY)
        manifest["_authenticated"] = how == OPENED_PASSPHRASE
        manifest["_opened_with"] = how
        manifest["_signer"] = signing.fingerprint(signer) if signer else ""
        return OpenedFile(manifest, snap, revision, folder, h.hexdigest(), h.count,
                          authenticated=how == OPENED_PASSPHRASE, opened_with=how,
                          security=security, work=wf, body_key=body_key, signer=signer)
    except BaseException:
        wf.remove()
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
                progress: Progress | None = None, work_dir: Path | None = None, *,
                create_work_dir: bool = False, live_key: bytes | None = None) -> dict:
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
    with open_any(path, identities, work_dir=work, progress=progress,
                  live_key=live_key) as opened:
        manifest = dict(opened.manifest)
        manifest["_revision"] = opened.revision
        manifest["_authenticated"] = opened.authenticated
        manifest["_opened_with"] = opened.opened_with
        manifest["_security"] = security_fingerprints(opened.security)
        return manifest


def open_any(path: str | os.PathLike[str], identities: list, *, work_dir: Path,
             progress: Progress | None = None, live_key: bytes | None = None) -> OpenedFile:
    """A `.ccsbak` (it must open: passphrase, or CRSS key, see `OpenedFile.opened_with`), or
    a plain SQLite snapshot ONLY when the file really lies in the automatic-copies folder of
    `work_dir` (resolved paths, symlinks followed); anything else is refused with the
    container reader's French reason."""
    src = Path(path)
    if ct.peek_is_container(src):
        return open_file(src, identities, work_dir=work_dir, progress=progress)
    return _open_plain_snapshot(src, work_dir, live_key)


def _local_key(data_dir: Path, live_key: bytes | None) -> bytes:
    """The key of this data folder's database (an automatic copy is under it): the one the
    caller holds, else unlocked with the credentials given (CCS_USER, CCS_PASSWORD_FILE)."""
    if live_key is not None:
        return live_key
    creds = unlock.Credentials.given()
    if creds is None:
        raise UserError(_("An automatic copy is encrypted like the database: give the "
                          "account name with --user and its password with --password-file "
                          "(or CCS_USER and CCS_PASSWORD_FILE)."))
    return unlock.unlock(data_dir, creds)


def is_local_copy(path: str | os.PathLike[str], data_dir: str | os.PathLike[str]) -> bool:
    """True when `path`, symlinks resolved, is a regular file directly inside the
    automatic-copies folder of `data_dir` (resolved too)."""
    try:
        auto = (Path(data_dir) / AUTO_FOLDER).resolve(strict=True)
        real = Path(path).resolve(strict=True)
    except (OSError, RuntimeError):
        return False
    return real.parent == auto and real.is_file()


def _open_plain_snapshot(src: Path, work_dir: Path, live_key: bytes | None = None
                         ) -> OpenedFile:
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
            path=src, error=os_error_text(exc))) from None
    local = is_local_copy(src, work_dir)
    if head != b"SQLite format 3\x00" and not local:
        if src.suffix == ".sqlite3":
            raise ct.ContainerError(_(
                "This file is a copy of a database (encrypted with the key of its own data "
                "folder), not a CCS backup (.ccsbak): nothing proves where it comes from. Only "
                "the automatic copies of this data folder (its folder “{folder}”) open this "
                "way. Choose a .ccsbak backup and its passphrase. Nothing was "
                "changed.").format(folder=AUTO_FOLDER))
        # let the container reader give the precise French reason
        with open(src, "rb") as fh:
            ct.ContainerReader(fh, [])
    if not local:
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
        # an automatic copy is encrypted under the database's key (a plain one was made by
        # the previous version)
        body_key = None if head == b"SQLite format 3\x00" else _local_key(work_dir, live_key)
        conn = sn.open_foreign(snap, key=body_key)
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
                          opened_with=OPENED_LOCAL_COPY, security=security, work=wf,
                          body_key=body_key)
    except OSError as exc:
        wf.remove()
        raise UserError(os_error_message(exc, work_dir)) from None
    except BaseException:
        wf.remove()
        raise
