"""Who may do what (issue 13): the roles, the permission table and the one check the services
make (`require`). Qt-free; the screens ask `can` (through services.access) to hide or grey
what the role may not do, the command line and the services refuse it with `Forbidden`.

Roles live in the encrypted database (the `accounts` table: a file beside it could be edited
by anyone holding the PC); the rows are made from the key file's names the first time a
database is used by this version: the first account becomes administrateur, the
demonstration's `secretaire` and `lecteur` get those roles, any other lecteur (the least).

A database opened without an account (with its raw key, by the code that has just made or
staged it) acts as the process that holds the key: nothing to refuse there.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select

from ..db import models as m
from ..db.base import utcnow
from ..i18n import N_, _, pgettext
from .errors import UserError

ADMIN = "administrateur"
SECRETARY = "secretaire"
READER = "lecteur"
ANALYST = "analyste"
ROLES = (ADMIN, SECRETARY, READER, ANALYST)
COMMITTEE_ROLES = (ADMIN, SECRETARY, READER)
CRSS_ROLES = (ADMIN, ANALYST)


# action -> (its name in a refusal, the roles that may do it)
_ALL = frozenset(ROLES)
_WRITERS = frozenset({ADMIN, SECRETARY})
PERMISSIONS: dict[str, tuple[str, frozenset[str]]] = {
    "read": (N_("read the records"), _ALL),
    "print": (N_("print documents"), _ALL),
    "records.edit": (N_("change the records"), _WRITERS),
    "meetings.adopt": (N_("adopt a meeting's minutes"), _WRITERS),
    "attachments.edit": (N_("add or remove attachments"), _WRITERS),
    "restricted.read": (N_("read restricted notes, restricted threats and phone numbers"),
                        frozenset({ADMIN, SECRETARY, ANALYST})),
    "annex.print": (N_("print the restricted annex"), _WRITERS),
    # issue 16: only an administrator, after a warning
    "export.sensitive": (N_("export sensitive data"), frozenset({ADMIN})),
    "backup.create": (N_("make a backup"), _WRITERS),
    "backup.restore": (N_("restore a backup"), frozenset({ADMIN})),
    "transmission.send": (N_("make a transmission to the CRSS"), _WRITERS),
    "crss.import": (N_("import transmissions"), frozenset({ADMIN, ANALYST})),
    "crss.keys": (N_("manage the CRSS keys"), frozenset({ADMIN})),
    "settings.edit": (N_("change the settings"), frozenset({ADMIN})),
    "accounts.manage": (N_("manage the accounts"), frozenset({ADMIN})),
}

def _audit_refusal(db: Any, user: str, action: str) -> None:
    from . import audit

    audit.on_refused(db, user, action)


# callables (db, user, action) told of every refusal before it is raised: the audit trail
# records each one ("refused")
REFUSAL_LISTENERS: list[Callable[[Any, str, str], None]] = [_audit_refusal]


class Forbidden(UserError):
    """An action this account's role may not do (French, naming the action and the role)."""

    def __init__(self, user: str, role: str, action: str) -> None:
        self.user, self.role, self.action = user, role, action
        super().__init__(_("Refused: the role “{role}” of the account “{user}” may not "
                           "{action}.").format(role=role_label(role), user=user,
                                               action=action_label(action)))


def role_label(role: str) -> str:
    """A role in the language in force (French: the codes themselves, with their accent)."""
    labels = {ADMIN: pgettext("role", "administrator"), SECRETARY: pgettext("role", "secretary"),
              READER: pgettext("role", "reader"), ANALYST: pgettext("role", "analyst")}
    return labels.get(role, role)


def action_label(action: str) -> str:
    return _(PERMISSIONS[action][0]) if action in PERMISSIONS else action


@dataclass(frozen=True)
class AccountInfo:
    name: str
    role: str
    enabled: bool
    created_at: dt.datetime | None
    disabled_at: dt.datetime | None


# --- who is working -------------------------------------------------------------------------

def current_user(db: Any) -> str | None:
    """The account acting on this database: the one that opened it (the login, the command
    line's `open_existing`), else the one signed in to the application; None for a database
    opened with its key only by the code that made or staged it."""
    creds = getattr(db, "credentials", None)
    if creds is None:
        from ..db import unlock

        session = unlock._SESSION  # noqa: SLF001  (who signed in, in memory only)
        creds = session[-1] if session else None
    return creds.user if creds is not None else None


_CACHE_ATTR = "_ccs_roles"


def _cache(db: Any) -> dict[str, str]:
    cache = getattr(db, _CACHE_ATTR, None)
    if cache is None:
        cache = {}
        try:
            setattr(db, _CACHE_ATTR, cache)
        except AttributeError:
            pass
    return cache


def forget(db: Any) -> None:
    """Roles changed: read them again."""
    _cache(db).clear()


def _crss(db: Any) -> bool:
    try:
        from ..db import settings

        return bool(settings.is_crss(db))
    except Exception:  # noqa: BLE001  (a database being built has no mode yet)
        return False


def role_of(db: Any, user: str) -> str | None:
    """The role of an enabled account (None when it has none: disabled or unknown)."""
    cache = _cache(db)
    if user in cache:
        return cache[user] or None
    rows = _rows(db)
    row = next((r for r in rows if r.name.casefold() == user.casefold()), None)
    if row is not None:
        role = row.role if row.enabled else ""
    else:  # read only: the rows are written by the accounts' own operations
        role = _default_roles(db, first=not rows).get(user.casefold(), "")
    cache[user] = role
    return role or None


def _rows(db: Any) -> list[Any]:
    """The account rows; none in a database opened without its migrations (no table yet)."""
    from sqlalchemy.exc import OperationalError

    try:
        with db.session() as s:
            return list(s.scalars(select(m.Account).order_by(m.Account.id)))
    except OperationalError as exc:
        if "no such table" in str(exc):
            return []
        raise


def _row(db: Any, user: str) -> Any:
    """The account row of this name (the key file's names compare without case)."""
    return next((r for r in _rows(db) if r.name.casefold() == user.casefold()), None)


def _default_roles(db: Any, *, first: bool) -> dict[str, str]:
    """The role of each key file account that has no row (folded name -> role): the first
    of a database without any row is administrateur, the demonstration's `secretaire` and
    `lecteur` have those roles, any other the least (lecteur; analyste in a CRSS's)."""
    from ..db import unlock

    try:
        names = unlock.accounts(db.data_dir)
    except Exception:  # noqa: BLE001  (no key file yet: a database being built)
        return {}
    crss = _crss(db)
    out: dict[str, str] = {}
    for name in names:
        if first:
            role = ADMIN
        elif name in (SECRETARY, READER) and not crss:
            role = name
        else:
            role = ANALYST if crss else READER
        out[name.casefold()] = role
        first = False
    return out


def sync_from_keys(db: Any) -> None:
    """Rows for the key file's accounts that have none (an existing database, a new one):
    the first account of a database without any row becomes administrateur."""
    from ..db import unlock

    try:
        names = unlock.accounts(db.data_dir)
    except Exception:  # noqa: BLE001  (no key file yet: a database being built)
        return
    known = {r.name.casefold() for r in _rows(db)}
    roles = _default_roles(db, first=not known)
    if all(name.casefold() in known for name in names):
        return
    with db.session(immediate=True) as s:
        for name in names:
            if name.casefold() not in known:
                s.add(m.Account(name=name, role=roles[name.casefold()], enabled=True))
    forget(db)


# --- the checks ------------------------------------------------------------------------------

def can(db: Any, action: str) -> bool:
    user = current_user(db)
    if user is None:
        return True
    role = role_of(db, user)
    return role is not None and role in PERMISSIONS[action][1]


def require(db: Any, action: str) -> None:
    """Nothing when the acting account's role may do `action`; else every refusal listener
    is told, then Forbidden (French)."""
    if action not in PERMISSIONS:
        raise KeyError(action)
    user = current_user(db)
    if user is None:
        return
    role = role_of(db, user)
    if role is not None and role in PERMISSIONS[action][1]:
        return
    for listener in list(REFUSAL_LISTENERS):
        try:
            listener(db, user, action)
        except Exception:  # noqa: BLE001  (a listener never turns a refusal into a crash)
            import logging

            logging.getLogger(__name__).warning("refusal listener failed", exc_info=True)
    if role is None:
        raise UserError(_("The account “{user}” is disabled or unknown in this database.")
                        .format(user=user))
    raise Forbidden(user, role, action)


def sees_restricted(db: Any) -> bool:
    """Restricted notes, restricted threats, the annex and phone numbers."""
    return can(db, "restricted.read")


# --- the accounts, for administrators ---------------------------------------------------------

def list_accounts(db: Any) -> tuple[AccountInfo, ...]:
    sync_from_keys(db)
    with db.session() as s:
        rows = s.scalars(select(m.Account).order_by(m.Account.id)).all()
        return tuple(AccountInfo(r.name, r.role, r.enabled, r.created_at, r.disabled_at)
                     for r in rows)


def allowed_roles(db: Any) -> tuple[str, ...]:
    return CRSS_ROLES if _crss(db) else COMMITTEE_ROLES


def check_role(db: Any, role: object) -> str:
    roles = allowed_roles(db)
    if role not in roles:
        raise UserError(_("Unknown role “{role}”: choose one of {roles}.")
                        .format(role=role, roles=", ".join(roles)))
    return str(role)


def set_account(db: Any, name: str, role: str) -> None:
    """The row of an account (new, or enabled again with this role)."""
    found = _row(db, name)
    with db.session(immediate=True) as s:
        row = s.get(m.Account, found.id) if found is not None else None
        if row is None:
            s.add(m.Account(name=name, role=role, enabled=True))
        else:
            row.role, row.enabled, row.disabled_at = role, True, None
    forget(db)


def mark_disabled(db: Any, name: str) -> None:
    found = _row(db, name)
    with db.session(immediate=True) as s:
        row = s.get(m.Account, found.id) if found is not None else None
        if row is not None:
            row.enabled, row.disabled_at = False, utcnow()
    forget(db)


__all__ = ["ADMIN", "ANALYST", "COMMITTEE_ROLES", "CRSS_ROLES", "PERMISSIONS", "READER",
           "REFUSAL_LISTENERS", "ROLES", "SECRETARY", "AccountInfo", "Forbidden", "can",
           "current_user", "require", "role_of", "sees_restricted"]
