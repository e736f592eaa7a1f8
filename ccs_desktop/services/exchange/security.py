"""The security settings a restore never changes silently (the trusted CRSS key, the secret
of the pseudonyms): their values in a database, their fingerprints, what a restore would
change, the question asked about it."""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from pathlib import Path

from ...db import cipher, unlock
from ... import paths
from ...i18n import N_, _, pgettext
from ..errors import UserError
from . import snapshot as sn

# The settings a restore never changes silently (one place): the CRSS key the committee
# trusts (backups and transmissions are encrypted to it) and the secret behind the
# pseudonyms sent to the CRSS. `restore` keeps the current database's values unless asked.
# Values: their labels (English message ids, translated where shown).
SECURITY_SETTINGS: dict[str, str] = {
    sn.CRSS_KEY_SETTING: N_("trusted CRSS public key"),
    sn.PSEUDONYM_SETTING: N_("secret of the pseudonyms sent to the CRSS"),
}
# How a file was opened (`OpenedFile.opened_with`, manifest `_opened_with`). Only the


def _security_values(conn: cipher.Connection, *, strict: bool = False
                     ) -> dict[str, str | None]:
    """The SECURITY_SETTINGS of a database (None when absent). `strict`: an error reading
    them is raised (the live database: a failed read must never pass for "absent"), else the
    value is None (a snapshot being opened)."""
    out: dict[str, str | None] = {}
    for key in SECURITY_SETTINGS:
        try:
            row = conn.execute("SELECT value FROM settings WHERE key = ?", (key,)).fetchone()
        except cipher.Error:
            if strict:
                raise
            row = None
        out[key] = row[0] if row and isinstance(row[0], str) and row[0] else None
    return out


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


def _is_busy(exc: cipher.Error) -> bool:
    code = getattr(exc, "sqlite_errorcode", None)
    if isinstance(code, int) and code & 0xFF in (cipher.driver.SQLITE_BUSY, cipher.driver.SQLITE_LOCKED):
        return True
    text = str(exc).lower()
    return "locked" in text or "busy" in text


def live_database_error(exc: cipher.Error, live: Path) -> UserError:
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


def current_security(data_dir: str | os.PathLike[str] | None, *, key: bytes | None = None
                     ) -> dict[str, str | None] | None:
    """The security settings of the database of `data_dir`; None ONLY when there is no
    database file there (a new PC: nothing to keep). A database that exists but cannot be
    read (locked by another program for more than LIVE_READ_TIMEOUT seconds, damaged, not
    ours) raises a French UserError: a failed read never passes for "nothing to keep"."""
    live = paths.database_path(paths.resolve_data_dir(data_dir))
    if not os.path.lexists(live):
        return None
    if key is None and not cipher.is_plain(live):
        creds = unlock.Credentials.given()
        if creds is not None:
            key = unlock.unlock(live.parent, creds)
    try:
        conn = cipher.connect(f"{live.resolve().as_uri()}?mode=ro", key, uri=True,
                              timeout=LIVE_READ_TIMEOUT)
    except cipher.Error as exc:
        raise live_database_error(exc, live) from None
    try:
        values = _security_values(conn, strict=True)
    except cipher.Error as exc:
        raise live_database_error(exc, live) from None
    finally:
        conn.close()
    _refuse_if_written(live, key)
    return values


def _refuse_if_written(live: Path, key: bytes | None) -> None:
    """In WAL mode another program's open transaction does not stop a reader: take the
    write lock a moment (BEGIN IMMEDIATE, then rolled back) so that a database another
    program is writing refuses the restore instead of being replaced under it."""
    try:
        probe = cipher.connect(live, key, timeout=LIVE_READ_TIMEOUT)
    except cipher.Error as exc:
        raise live_database_error(exc, live) from None
    try:
        probe.execute("BEGIN IMMEDIATE")
        probe.rollback()
    except cipher.Error as exc:
        raise live_database_error(exc, live) from None
    finally:
        probe.close()


def security_changes(data_dir: str | os.PathLike[str] | None,
                     backup_fingerprints: dict[str, str | None], *,
                     authenticated: bool = True, key: bytes | None = None
                     ) -> list[SecurityChange]:
    """The security settings a restore of a backup (its `_security` from `verify_file`) into
    `data_dir` would change (the GUI asks about them; default No). With no database there
    (a new PC), an authenticated backup changes nothing to ask about (its settings are
    taken), while a file that did not authenticate (`authenticated=False`: opened with the
    CRSS key, or a local copy) would bring each setting it has: "No" drops them. Raises a
    French UserError when the current database exists but cannot be read (`current_security`)."""
    live = current_security(data_dir, key=key)
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
                       "key or the committee's recovery key, whose public half anyone holding "
                       "it can use to make a file, or an automatic copy of this PC). Answer "
                       "“No” unless you are certain where it comes from."))
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
