"""Getting in, for the screens and the command line: credentials, logins with their growing
wait, the first administrator, the recovery key, and opening the encrypted database with
them (the key stays inside the core's Database; screens get small values back)."""

from __future__ import annotations

import os

from ..db import engine as _engine
from ..db import keyfile as _keyfile
from ..db import unlock as _unlock
from ..db.engine import Database, NeedsCredentials
from ..db.unlock import (DEFAULT_ADMIN, MIN_PASSWORD, Credentials, CredentialsError,
                         TooManyAttempts, check_new_password, wait_before)
from .hub import Services

KeyFileError = _keyfile.KeyFileError
WrongPassword = _keyfile.WrongPassword
RekeyBlocked = _keyfile.RekeyBlocked


def unlock(data_dir: str | os.PathLike[str] | None, credentials: Credentials, *,
           wait: bool = True) -> bytes:
    """The database key for these credentials (TooManyAttempts when `wait` is False and
    wrong passwords came before)."""
    import time

    return _unlock.unlock(data_dir, credentials, sleep=time.sleep if wait else None)


def state(data_dir: str | os.PathLike[str] | None) -> str:
    """What the folder holds: "encrypted" (a login opens it), "plain" (a database of the
    previous version, encrypted at its first opening by this one) or "none"."""
    from .. import paths
    from ..db import cipher

    path = paths.database_path(data_dir)
    if not _engine.database_exists(data_dir):
        return "none"
    return "plain" if cipher.is_plain(path) else "encrypted"


def open_with(data_dir: str | os.PathLike[str] | None, *, credentials: Credentials,
              key: bytes | None = None, create: bool = False) -> Services:
    """The services over the database of `data_dir`, unlocked with `key` (from a login) or
    the credentials; a new or plain database gets these credentials as first administrator
    (the returned database then carries the new recovery key's text once)."""
    db = _engine.open_database(data_dir, create=create, credentials=credentials, key=key)
    db.credentials = credentials
    _unlock.remember_session(credentials)
    return Services(db)


def remember_session(credentials: Credentials) -> None:
    _unlock.remember_session(credentials)


def forget_session() -> None:
    _unlock.remember_session(None)


def session_user() -> str:
    creds = _unlock.Credentials.given()
    return creds.user if creds is not None else ""


def new_recovery_key(db: Database) -> str:
    """A new recovery key for the open database (the previous one stops working); its text,
    to show once and print."""
    return _unlock.new_recovery_key(db.data_dir, db.key)


def recovery_identity(recovery_text: str):  # noqa: ANN201  (container.RecoveryIdentity)
    """What opens a full backup with the committee's recovery key typed back from its sheet
    (a French KeyFileError for a typo)."""
    from .exchange import container

    return container.RecoveryIdentity(_unlock.recovery_private_key(recovery_text))


def reset_password(data_dir: str | os.PathLike[str] | None, recovery_text: str,
                   account: Credentials) -> None:
    _unlock.reset_password(data_dir, recovery_text, account)


def remove_account(db: Database, name: str) -> None:
    """Remove an account (issue 13: `ccs account disable`, the accounts screen): its entry
    leaves the key file and the database is re-keyed, so the key it could unlock opens
    nothing in the folder any more; the last account is refused (French)."""
    from ..db import rekey

    rekey.remove_account(db, name)


def accounts(data_dir: str | os.PathLike[str] | None) -> tuple[str, ...]:
    return _unlock.accounts(data_dir)


__all__ = ["DEFAULT_ADMIN", "MIN_PASSWORD", "Credentials", "CredentialsError", "Database",
           "KeyFileError", "NeedsCredentials", "RekeyBlocked", "Services", "TooManyAttempts",
           "WrongPassword", "accounts", "check_new_password", "open_with", "remove_account",
           "reset_password", "state", "unlock", "wait_before"]
