"""The audit trail (issue 13), Qt-free: recording, verifying, listing and exporting it, and
its head for the transmissions and the CRSS.

Who did what and when, never any record text: an entry names an account, an action code
(ACTIONS), a record kind (a table name, a document kind), a record id or uuid, an outcome
and a count. Creates, updates and deletes of records are recorded by the session hook of
db/audit_log.py (edits coalesce into one entry per record per editing session); the other
actions call `record` at their entry points. Entries are inserted only: no service updates
or deletes one. Each is chained to the previous one by SHA-256 (`verify`).

What the chain proves and what it does not: README.md, section « Journal d'audit ».
"""

from __future__ import annotations

import csv
import datetime as dt
import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import select, text
from sqlalchemy.orm import Session

from ..db import audit_log
from ..db import models as m
from ..i18n import N_, _, ngettext

ACTIONS = {
    "create": N_("creation"), "update": N_("change"), "delete": N_("deletion"),
    "adopt": N_("adoption"), "print": N_("document printed"), "export": N_("export"),
    "backup": N_("backup"), "transmit": N_("transmission"), "restore": N_("restore"),
    "import": N_("import"), "login": N_("login"), "failed_login": N_("failed login"),
    "lock": N_("lock"), "unlock": N_("unlock"), "account": N_("account change"),
    "role": N_("role change"), "refused": N_("refused action"),
    "chain_break": N_("history rewritten"),
}
# how many of the last transmissions' heads a transmission carries (a file lost on the way
# does not leave the CRSS without a head to compare)
ANCHORS = 10


def _session_of(target: Any) -> tuple[Session | None, Any]:
    """(session, database) of what a caller gave."""
    if isinstance(target, Session):
        return target, None
    return None, target


def bind(db: Any) -> None:
    """Say who acts on an open Database (its credentials), for the session hook."""
    creds = getattr(db, "credentials", None)
    if creds is not None and getattr(creds, "user", None):
        audit_log.bind_account(getattr(db, "engine", None), creds.user)


def _account(db: Any, session: Session | None) -> str:
    creds = getattr(db, "credentials", None) if db is not None else None
    if creds is not None and getattr(creds, "user", None):
        return creds.user
    bind_ = session.get_bind() if session is not None else getattr(db, "engine", None)
    return audit_log.current_account(bind_)


def record(db_or_session: Any, action: str, kind: str | None = None, record: Any = None,
           outcome: str = "ok", *, account: str | None = None, count: int = 1) -> None:
    """Append one entry. `db_or_session`: an open Database (the entry is committed on its
    own) or a Session (the entry commits or rolls back with it). `record`: a record object
    (its id and uuid), an id or a uuid. Never raises for a database without the audit table
    (one of an older revision being converted)."""
    rid, uid = _record_ref(record)
    session, db = _session_of(db_or_session)
    if db is not None:
        bind(db)
    values = audit_log.entry_values(action, kind, rid, uid, outcome, count,
                                    account if account is not None
                                    else _account(db, session))
    if session is not None:
        audit_log.append(session, values)
        return
    if db is None:
        return
    with db.session() as s:
        if _has_table(s):
            audit_log.append(s, values)


def _has_table(s: Session) -> bool:
    return s.execute(text("SELECT 1 FROM sqlite_master WHERE type = 'table' AND "
                          "name = 'audit_entries'")).scalar() is not None


def _record_ref(record: Any) -> tuple[int | None, str | None]:
    if record is None:
        return None, None
    if isinstance(record, bool):
        raise TypeError(record)
    if isinstance(record, int):
        return record, None
    if isinstance(record, str):
        return None, record
    return getattr(record, "id", None), getattr(record, "uuid", None)


def on_refused(db: Any, user: str | None, action: str) -> None:
    """A refusal listener for services/roles.py (REFUSAL_LISTENERS): what `user` was not
    allowed to do. Never raises (a refusal must stay a refusal)."""
    try:
        record(db, "refused", kind=str(action or ""), outcome="refused",
               account=user if user else None)
    except Exception:  # noqa: BLE001
        pass


def forget_editing() -> None:
    """End every editing session: the next change of a record writes a new entry (the lock
    screen calls it, so edits after an unlock are a new session)."""
    audit_log.forget_editing()


# --- logins ---------------------------------------------------------------------------------

_FAILURES_SEEN: dict[str, dict[str, tuple[int, str]]] = {}


def before_login(data_dir: str | os.PathLike[str] | None) -> None:
    """Read the wrong-password counters of the key file before a login resets them (the
    login screen and the command line call it before unlocking; `logged_in` records them)."""
    from .. import paths
    from ..db import unlock

    folder = str(paths.resolve_data_dir(data_dir))
    try:
        keys = unlock.load_keys(data_dir)
    except Exception:  # noqa: BLE001  (no key file yet: nothing failed)
        return
    _FAILURES_SEEN[folder] = {name: (f.count, f.at.isoformat() if f.at else "")
                              for name, f in keys.failures.items() if f.count}


def logged_in(db: Any) -> None:
    """Record a successful login to `db`, and the failed attempts the key file counted since
    (read by `before_login`, or still in the key file for other accounts)."""
    from ..db import unlock

    bind(db)
    seen = _FAILURES_SEEN.pop(str(Path(db.data_dir).resolve()), {})
    try:
        for name, f in unlock.load_keys(db.data_dir).failures.items():
            if f.count:
                seen.setdefault(name, (f.count, f.at.isoformat() if f.at else ""))
    except Exception:  # noqa: BLE001
        pass
    user = _account(db, None)
    with db.session() as s:
        if not _has_table(s):
            return
        for name, (n, at) in sorted(seen.items()):
            # a counter already recorded (same count and time) is not recorded again
            mark = f"n={n}"[:32]
            done = s.execute(text(
                "SELECT 1 FROM audit_entries WHERE action = 'failed_login' AND account = :a "
                "AND outcome = :o AND at >= :since LIMIT 1"),
                {"a": name[:100], "o": mark, "since": (at[:19].replace("T", " ") or "0")}
            ).scalar()
            if not done:
                audit_log.append(s, audit_log.entry_values(
                    "failed_login", "account", outcome=mark, count=n, account=name))
        audit_log.append(s, audit_log.entry_values("login", "account", account=user))


# --- the chain ------------------------------------------------------------------------------

@dataclass(frozen=True)
class Verdict:
    """What `verify` found: ok, the number of entries, else the first broken one."""

    ok: bool
    count: int
    broken_id: int | None = None
    broken_at: str = ""
    reason: str = ""

    def message(self) -> str:
        if self.ok:
            return ngettext("chain intact ({n} entry)", "chain intact ({n} entries)",
                            self.count).format(n=self.count)
        return _("chain broken at entry {id} ({at}): {reason}").format(
            id=self.broken_id, at=self.broken_at or "?", reason=self.reason)


REASONS = {
    "hash": N_("its content does not match its hash (edited)"),
    "link": N_("it does not follow the previous entry (an entry removed or moved before it)"),
    "id": N_("an entry is missing or out of place before it"),
}


def _rows(conn: Any, batch: int = 2000) -> Iterator[tuple]:
    cols = ", ".join(audit_log.FIELDS + ("hash",))
    last = -1 << 62
    while True:
        rows = conn.execute(f"SELECT {cols} FROM audit_entries WHERE id > ? ORDER BY id "
                            f"LIMIT {batch}", (last,)).fetchall()
        if not rows:
            return
        yield from rows
        last = rows[-1][0]


def verify_connection(conn: Any) -> Verdict:
    """Walk the chain on a DB-API connection (read only)."""
    prev, expected, n = "", 1, 0
    for row in _rows(conn):
        values, stored = tuple(row[:-1]), row[-1]
        rid, at, prev_stored = row[0], row[1], row[9]
        if audit_log.entry_hash(values) != stored:
            return Verdict(False, n, rid, at, _(REASONS["hash"]))
        if prev_stored != prev:
            return Verdict(False, n, rid, at, _(REASONS["link"]))
        if rid != expected:
            return Verdict(False, n, rid, at, _(REASONS["id"]))
        prev, expected, n = stored, expected + 1, n + 1
    return Verdict(True, n)


def verify(db: Any) -> Verdict:
    con = db.connect_raw(uri_query="mode=ro")
    try:
        return verify_connection(con)
    finally:
        con.close()


def head(db_or_session: Any) -> dict:
    """The chain's head: {"count", "hash", "anchors": [[count, hash], ...]} — the anchors
    are the heads the last transmissions carried, as this chain has them now (so the CRSS
    checks that the chain it pinned is still this one's beginning)."""
    session, db = _session_of(db_or_session)
    if session is None:
        with db.session() as s:
            return head(s)
    if not _has_table(session):
        return {"count": 0, "hash": "", "at": "", "anchors": []}
    last = session.execute(text("SELECT id, hash, at FROM audit_entries ORDER BY id DESC "
                                "LIMIT 1")).first()
    anchors = session.execute(text(
        "SELECT e.id, e.hash FROM audit_entries e JOIN audit_entries t ON t.id = e.id + 1 "
        "WHERE t.action = 'transmit' ORDER BY e.id DESC LIMIT :n"), {"n": ANCHORS}).all()
    return {"count": int(last[0]) if last else 0, "hash": last[1] if last else "",
            "at": last[2] if last else "",
            "anchors": [[int(i), h] for i, h in anchors]}


def receive_head(session: Session, committee_uuid: str, received: Any) -> bool:
    """At the CRSS, in the import's transaction: keep the head a committee's transmission
    carries; True (and an entry "chain_break" in the CRSS's own trail) when it does not
    extend the head kept before — that committee's history was rewritten or rolled back
    (a restored older backup). A file without a head (older version) changes nothing."""
    if not isinstance(received, dict) or not committee_uuid:
        return False
    try:
        count, hash_ = int(received.get("count", 0)), str(received.get("hash", ""))[:64]
        at = str(received.get("at", ""))[:32]
        anchors = {int(c): str(h) for c, h in (received.get("anchors") or [])[:ANCHORS * 2]}
    except (TypeError, ValueError):
        return False
    # the chain names every transmission it made (the last ANCHORS): one the CRSS received
    # must be among them, with the same hash, unless older than all of them
    complete = len(anchors) < ANCHORS
    oldest = min(anchors) if anchors else count
    anchors[count] = hash_
    kept = session.get(m.AuditHead, committee_uuid)
    now = audit_log.now_text()
    broken = False
    if kept is None:
        kept = m.AuditHead(committee_uuid=committee_uuid, status="ok", flagged_at="")
        session.add(kept)
    elif count < kept.count:
        if at <= kept.head_at:
            return False  # an older file arriving after a newer one: nothing to learn
        broken = True  # rolled back (an older backup restored) or entries removed
    elif kept.count in anchors:
        broken = anchors[kept.count] != kept.hash
    else:
        broken = complete or kept.count > oldest
    if broken:
        kept.status, kept.flagged_at = "rewritten", now
        audit_log.append(session, audit_log.entry_values(
            "chain_break", "committees", record_uuid=committee_uuid, outcome="flagged",
            bind=session.get_bind()))
    kept.count, kept.hash, kept.head_at, kept.received_at = count, hash_, at, now
    session.flush()
    return broken


@dataclass(frozen=True)
class HeadRow:
    committee_uuid: str
    count: int
    hash: str
    head_at: str
    received_at: str
    status: str
    flagged_at: str


def committee_heads(db: Any) -> list[HeadRow]:
    with db.session() as s:
        return [HeadRow(h.committee_uuid, h.count, h.hash, h.head_at, h.received_at,
                        h.status, h.flagged_at)
                for h in s.scalars(select(m.AuditHead).order_by(m.AuditHead.committee_uuid))]


# --- listing and exporting --------------------------------------------------------------------

@dataclass(frozen=True)
class Entry:
    id: int
    at: str
    account: str
    action: str
    kind: str
    record_id: int | None
    record_uuid: str
    outcome: str
    count: int
    hash: str

    @property
    def action_text(self) -> str:
        return action_label(self.action)


def action_label(code: str) -> str:
    """The action's name in the language in force (the code itself when unknown)."""
    label = ACTIONS.get(code)
    return _(label) if label else code


@dataclass(frozen=True)
class Filter:
    """What the list shows: entries since a date (UTC), of an action, of an account."""

    since: dt.datetime | dt.date | str | None = None
    action: str | None = None
    account: str | None = None


def _where(f: Filter | None) -> tuple[str, dict]:
    f = f or Filter()
    parts, params = [], {}
    if f.since:
        since = f.since
        if isinstance(since, dt.datetime):
            since = since.replace(microsecond=0).isoformat(sep=" ")
        elif isinstance(since, dt.date):
            since = since.isoformat()
        parts.append("at >= :since")
        params["since"] = str(since).replace("T", " ")
    if f.action:
        parts.append("action = :action")
        params["action"] = f.action
    if f.account:
        parts.append("account = :account")
        params["account"] = f.account
    return (" WHERE " + " AND ".join(parts)) if parts else "", params


def count(db: Any, f: Filter | None = None) -> int:
    where, params = _where(f)
    with db.session() as s:
        if not _has_table(s):
            return 0
        return int(s.execute(text(f"SELECT count(*) FROM audit_entries{where}"), params)
                   .scalar() or 0)


def entries(db: Any, f: Filter | None = None, *, offset: int = 0, limit: int = 200,
            newest_first: bool = True) -> list[Entry]:
    """One page of the trail, filtered in SQL."""
    where, params = _where(f)
    order = "DESC" if newest_first else "ASC"
    params.update(limit=int(limit), offset=int(offset))
    with db.session() as s:
        if not _has_table(s):
            return []
        rows = s.execute(text(
            "SELECT id, at, account, action, kind, record_id, record_uuid, outcome, count, "
            f"hash FROM audit_entries{where} ORDER BY id {order} LIMIT :limit OFFSET :offset"),
            params).all()
    return [Entry(*r) for r in rows]


def accounts(db: Any) -> list[str]:
    with db.session() as s:
        if not _has_table(s):
            return []
        return [r[0] for r in s.execute(text(
            "SELECT DISTINCT account FROM audit_entries ORDER BY account"))]


CSV_COLUMNS = ("id", "at", "account", "action", "kind", "record_id", "record_uuid",
               "outcome", "count", "hash")


def iter_all(db: Any, f: Filter | None = None, page: int = 2000) -> Iterator[Entry]:
    offset = 0
    while True:
        rows = entries(db, f, offset=offset, limit=page, newest_first=False)
        yield from rows
        if len(rows) < page:
            return
        offset += page


def export_csv(db: Any, path: str | os.PathLike[str], f: Filter | None = None,
               progress: Callable[[int], None] | None = None) -> int:
    """Write the (filtered) trail to a CSV file (UTF-8 with BOM, for spreadsheets); returns
    the number of entries. Nothing in it is record text; the export itself is recorded."""
    from ..fileio import write_atomically

    import io

    n = 0
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n")
    w.writerow(CSV_COLUMNS)
    for e in iter_all(db, f):
        w.writerow([e.id, e.at, e.account, e.action, e.kind,
                    "" if e.record_id is None else e.record_id, e.record_uuid, e.outcome,
                    e.count, e.hash])
        n += 1
        if progress is not None and n % 1000 == 0:
            progress(n)
    write_atomically(Path(path), ("\ufeff" + buf.getvalue()).encode("utf-8"))
    record(db, "export", "audit_entries", count=n)
    return n


def printing(kind: str, render: Callable[..., bytes]) -> Callable[..., bytes]:
    """`render(db, record_id, ...)` that records "print" (`kind`, the record's id) once the
    document is made (services/documents wraps its entry points with it)."""
    import functools

    @functools.wraps(render)
    def wrapper(db: Any, record_id: int, *args: Any, **kw: Any) -> bytes:
        pdf = render(db, record_id, *args, **kw)
        record(db, "print", kind, record_id)
        return pdf

    return wrapper


AUDIT_TABLES = ("audit_entries", "crss_audit_heads")
