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
from ..i18n import _
from . import audit as _audit
from . import roles as _roles
from .hub import Services

KeyFileError = _keyfile.KeyFileError
WrongPassword = _keyfile.WrongPassword
RekeyBlocked = _keyfile.RekeyBlocked


def unlock(data_dir: str | os.PathLike[str] | None, credentials: Credentials, *,
           wait: bool = True) -> bytes:
    """The database key for these credentials (TooManyAttempts when `wait` is False and
    wrong passwords came before)."""
    import time

    _audit.before_login(data_dir)  # the failed attempts the login is about to reset
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
    _audit.logged_in(db)  # the login and the failed attempts before it, in the trail
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


# --- roles and the accounts of an open database (issue 13) -----------------------------------

role_label = _roles.role_label


def can(db: Database, action: str) -> bool:
    """Whether the acting account's role may do `action` (services.roles.PERMISSIONS): the
    screens hide or grey what it may not."""
    return _roles.can(db, action)


def current_role(db: Database) -> str | None:
    user = _roles.current_user(db)
    return _roles.role_of(db, user) if user is not None else _roles.ADMIN


def current_user(db: Database) -> str:
    return _roles.current_user(db) or ""


def list_accounts(db: Database) -> tuple[_roles.AccountInfo, ...]:
    _roles.require(db, "accounts.manage")
    return _roles.list_accounts(db)


def allowed_roles(db: Database) -> tuple[str, ...]:
    return _roles.allowed_roles(db)


def add_account(db: Database, name: str, role: str, password: str) -> None:
    """A new account with its role (administrators only): its entry in the key file, its
    row in the database. A disabled account's name can be given again."""
    _roles.require(db, "accounts.manage")
    _roles.sync_from_keys(db)
    name = name.strip() if isinstance(name, str) else ""
    if not name:
        raise CredentialsError(_("Type the account name."))
    role = _roles.check_role(db, role)
    if any(a.casefold() == name.casefold() for a in _unlock.accounts(db.data_dir)):
        raise CredentialsError(_("An account named “{name}” already exists.").format(name=name))
    check_new_password(password, user=name)
    _unlock.add_accounts(db.data_dir, (name,), password, db.key)
    _roles.set_account(db, name, role)
    _audit.record(db, "account", "account", name, outcome="added")
    _audit.record(db, "role", "account", name, outcome=role)


def set_password(db: Database, name: str, password: str) -> None:
    """An administrator gives an account a new password (only its entry is made again)."""
    _roles.require(db, "accounts.manage")
    known = [a for a in _unlock.accounts(db.data_dir) if a.casefold() == name.casefold()]
    if not known:
        raise CredentialsError(_("No account is named “{name}”.").format(name=name))
    check_new_password(password, user=known[0])
    _unlock.add_accounts(db.data_dir, (known[0],), password, db.key)
    _audit.record(db, "account", "account", known[0], outcome="passwd")


def disable_account(db: Database, name: str) -> None:
    """Disable an account (administrators only): its entry leaves the key file and the
    database is re-keyed (`remove_account`); its row stays, disabled. The last enabled
    administrator and the account at work are refused."""
    _roles.require(db, "accounts.manage")
    _roles.sync_from_keys(db)
    if name.casefold() == current_user(db).casefold():
        raise CredentialsError(_("You cannot disable the account you are working with."))
    admins = [a for a in _roles.list_accounts(db) if a.enabled and a.role == _roles.ADMIN]
    if len(admins) == 1 and admins[0].name.casefold() == name.casefold():
        raise CredentialsError(_("“{name}” is the last administrator: give another account "
                                 "that role first.").format(name=admins[0].name))
    remove_account(db, name)
    _roles.mark_disabled(db, name)
    _audit.record(db, "account", "account", name, outcome="disabled")


# --- the automatic lock -------------------------------------------------------------------------

LOCK_RANGE = (1, 240)  # minutes (db.settings.LOCK_RANGE)


def lock_minutes(db: Database) -> int:
    """Minutes of inactivity before the session locks (Settings; 10 by default)."""
    from ..db import settings

    return settings.lock_minutes(db)


def set_lock_minutes(db: Database, minutes: int) -> None:
    from ..db import settings

    _roles.require(db, "settings.edit")
    settings.set_lock_minutes(db, minutes)


def check_unlock(db: Database, password: str) -> None:
    """The lock screen: the password of the account that was working, checked through the
    key file (a wrong one counts in its failures and slows the next; WrongPassword, or
    TooManyAttempts while the wait runs)."""
    user = current_user(db)
    try:
        _unlock.unlock(db.data_dir, Credentials(user, password), sleep=None)
    except WrongPassword:
        _audit.record(db, "failed_login", "lock", outcome="refused")
        raise
    _audit.record(db, "unlock")


def session_locked(db: Database) -> None:
    """The lock screen covered the windows (idle time or Ctrl+L): recorded, and the edits
    after the unlock are a new editing session."""
    _audit.record(db, "lock")
    _audit.forget_editing()


__all__ = ["DEFAULT_ADMIN", "MIN_PASSWORD", "Credentials", "CredentialsError", "Database",
           "KeyFileError", "NeedsCredentials", "RekeyBlocked", "Services", "TooManyAttempts",
           "WrongPassword", "accounts", "add_account", "allowed_roles", "can",
           "check_new_password", "check_unlock", "current_role", "current_user",
           "disable_account", "list_accounts", "lock_minutes", "open_with", "recovery_identity",
           "remove_account", "reset_password", "session_locked", "set_lock_minutes",
           "set_password", "state", "unlock", "wait_before"]
