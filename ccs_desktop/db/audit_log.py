"""The audit chain below the services: how an entry is hashed and appended, and the session
hook that records creates, updates and deletes of records (issue 13).

An entry holds who (account name), what (action code, record kind, record id and uuid,
outcome, how many records) and when (UTC) — never a record's text. Its `hash` is SHA-256 over
the canonical encoding of those fields, its id and the previous entry's hash, so that an
entry edited, removed or moved breaks the chain from there (services/audit.py verifies it).

One entry is appended by ONE statement (`INSERT … SELECT`): the next id and the previous hash
are read by the statement itself, and the hash is computed by an SQL function registered on
every connection (`ccs_audit_hash`), so an autosave pays at most one statement and two
writers can never fork the chain (the id is the primary key).

Edits coalesce: an update of a record by the same account within COALESCE_SECONDS of its
previous create or update (an editor's autosaves) writes no new entry.
"""

from __future__ import annotations

import hashlib
import json
import os
import time
import weakref
from typing import Any

from sqlalchemy import event, text
from sqlalchemy.orm import Session
from sqlalchemy.pool import Pool

from .base import Syncable, utcnow

SQL_FUNCTION = "ccs_audit_hash"
# False only for a benchmark's baseline (the cost of an autosave without the trail)
ENABLED = True
FIELDS = ("id", "at", "account", "action", "kind", "record_id", "record_uuid", "outcome",
          "count", "prev_hash")
# an editing session: the autosaves of one record by one account, this close to each other
COALESCE_SECONDS = 30 * 60
# more records than this in one flush (a batch: a meeting with its agenda, an import
# script): one entry per action and kind, with their number
BULK = 50
# rows that are part of another record: their changes are the parent's update
PARENT_OF = {"agenda_items": ("meetings", "meeting_id"),
             "attendance": ("meetings", "meeting_id")}


def canonical(values: dict[str, Any] | tuple) -> bytes:
    """The bytes an entry's hash covers: a JSON array of FIELDS, in that order."""
    row = [values[f] for f in FIELDS] if isinstance(values, dict) else list(values)
    return json.dumps(row, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def entry_hash(values: dict[str, Any] | tuple) -> str:
    return hashlib.sha256(canonical(values)).hexdigest()


def _sql_hash(*values: Any) -> str:
    return entry_hash(tuple(values))


@event.listens_for(Pool, "connect")
def _register_function(dbapi_conn: Any, _record: Any) -> None:
    try:
        dbapi_conn.create_function(SQL_FUNCTION, len(FIELDS), _sql_hash, deterministic=True)
    except Exception:  # noqa: BLE001  (a foreign DB-API connection: no audit there)
        pass


_INSERT = text(
    "INSERT INTO audit_entries (id, at, account, action, kind, record_id, record_uuid, "
    "outcome, count, prev_hash, hash) "
    "SELECT n, :at, :account, :action, :kind, :record_id, :record_uuid, :outcome, :count, p, "
    f"{SQL_FUNCTION}(n, :at, :account, :action, :kind, :record_id, :record_uuid, :outcome, "
    ":count, p) FROM (SELECT COALESCE((SELECT max(id) FROM audit_entries), 0) + 1 AS n, "
    "COALESCE((SELECT hash FROM audit_entries ORDER BY id DESC LIMIT 1), '') AS p)")


def now_text() -> str:
    return utcnow().isoformat(sep=" ")


def entry_values(action: str, kind: str | None = None, record_id: int | None = None,
                 record_uuid: str | None = None, outcome: str = "ok", count: int = 1,
                 account: str | None = None, bind: Any = None) -> dict[str, Any]:
    return {"at": now_text(), "account": (account if account is not None
                                          else current_account(bind))[:100],
            "action": str(action)[:32], "kind": str(kind or "")[:40],
            "record_id": int(record_id) if record_id is not None else None,
            "record_uuid": str(record_uuid or "")[:36], "outcome": str(outcome)[:32],
            "count": int(count)}


def append(conn: Any, values: dict[str, Any]) -> None:
    """Append one entry through an SQLAlchemy Connection or Session (one statement)."""
    conn.execute(_INSERT, values)


# --- who is acting ---------------------------------------------------------------------------

# the account of each engine whose Database said who opened it (services/audit.bind)
_ENGINE_ACCOUNTS: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def bind_account(engine: Any, account: str | None) -> None:
    if engine is not None and account:
        _ENGINE_ACCOUNTS[engine] = account


def current_account(bind: Any = None) -> str:
    """The account acting on `bind` (an Engine): the one its Database was opened by, else the
    command line's `--user`, the signed-in session's, CCS_USER; "" when nobody is known."""
    if bind is not None:
        try:
            name = _ENGINE_ACCOUNTS.get(bind)
        except TypeError:
            name = None
        if name:
            return name
    from . import unlock

    if unlock._COMMAND_LINE and unlock._COMMAND_LINE[-1][0]:
        return unlock._COMMAND_LINE[-1][0] or ""
    if unlock._SESSION:
        return unlock._SESSION[-1].user
    return os.environ.get(unlock.ENV_USER, "")


# --- the session hook ------------------------------------------------------------------------

# per engine: (account, kind, record id) -> monotonic time of its last create/update entry
_RECENT: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()
# per engine: whether its database has the audit table (a database opened without
# migrating, a file of an older revision being converted, has none)
_HAS_TABLE: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def forget_editing() -> None:
    """Every editing session ends (tests; a lock of the application)."""
    _RECENT.clear()


def _has_table(session: Session, engine: Any) -> bool:
    known = _HAS_TABLE.get(engine)
    if known is None:
        known = session.connection().exec_driver_sql(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'audit_entries'"
        ).scalar() is not None
        _HAS_TABLE[engine] = known
    return known


def _deleted_now(obj: Syncable) -> bool:
    from sqlalchemy import inspect

    hist = inspect(obj).attrs.deleted_at.history
    return obj.deleted_at is not None and bool(hist.added) and not any(
        v is not None for v in hist.deleted)


def _changes(session: Session) -> list[tuple[str, str, int, str]]:
    """(action, kind, record id, uuid) of this flush, each record once."""
    seen: dict[tuple[str, int], tuple[str, str, int, str]] = {}
    new_ids: set[tuple[str, int]] = set()

    def add(action: str, obj: Any) -> None:
        kind = obj.__tablename__
        parent = PARENT_OF.get(kind)
        if parent is not None:
            pid = getattr(obj, parent[1], None)
            if pid is None or (parent[0], pid) in new_ids:
                return
            key, entry = (parent[0], pid), ("update", parent[0], pid, "")
        else:
            key, entry = (kind, obj.id), (action, kind, obj.id, obj.uuid or "")
            if action == "create":
                new_ids.add(key)
        if key not in seen or action != "update":
            seen[key] = entry

    for obj in session.new:
        if isinstance(obj, Syncable) and obj.id is not None:
            add("create", obj)
    for obj in session.dirty:
        if isinstance(obj, Syncable) and obj.id is not None and session.is_modified(
                obj, include_collections=True):
            add("delete" if _deleted_now(obj) else "update", obj)
    for obj in session.deleted:
        if isinstance(obj, Syncable) and obj.id is not None:
            add("delete", obj)
    return list(seen.values())


def _after_flush(session: Session, _flush_context: Any) -> None:
    info = session.info
    if not ENABLED or info.get("preserve_versions") or info.get("skip_search_index") or \
            info.get("audit") is False:
        return  # copies from another database (restore, import) and the demonstration
    changes = _changes(session)
    if not changes:
        return
    engine = session.get_bind()
    if not _has_table(session, engine):
        return
    account = current_account(engine)
    recent = _RECENT.setdefault(engine, {})
    now = time.monotonic()
    due = []
    for action, kind, rid, uid in changes:
        key = (account, kind, rid)
        if action == "update" and now - recent.get(key, -1e18) < COALESCE_SECONDS:
            recent[key] = now  # the same editing session: no new entry
            continue
        if action == "delete":
            recent.pop(key, None)
        else:
            recent[key] = now
            info.setdefault("audit_started", []).append((engine, key))
        due.append((action, kind, rid, uid))
    if not due:
        return
    conn = session.connection()
    if len(due) > BULK:
        totals: dict[tuple[str, str], int] = {}
        for action, kind, _rid, _uid in due:
            totals[(action, kind)] = totals.get((action, kind), 0) + 1
        for (action, kind), n in sorted(totals.items()):
            append(conn, entry_values(action, kind, count=n, account=account))
        return
    for action, kind, rid, uid in due:
        append(conn, entry_values(action, kind, rid, uid, account=account))


def _after_commit(session: Session) -> None:
    session.info.pop("audit_started", None)


def _after_rollback(session: Session, _previous: Any = None) -> None:
    # the entries of a rolled-back transaction were never written: their editing sessions
    # did not start
    for engine, key in session.info.pop("audit_started", ()):
        _RECENT.get(engine, {}).pop(key, None)


def install() -> None:
    """Called once by db/events.py."""
    for name, fn in (("after_flush", _after_flush), ("after_commit", _after_commit),
                     ("after_soft_rollback", _after_rollback)):
        if not event.contains(Session, name, fn):
            event.listen(Session, name, fn)
