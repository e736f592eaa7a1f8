"""Full-text search: one FTS5 table per searchable kind, keyed on the record's rowid.

The indexed text is folded in Python (accents, case and ligatures removed: domain.text.fold),
so that "securite" finds "Sécurité" and "coeur" finds "cœur" on every connection without a
custom SQLite function. The index is maintained from the ORM (db.events) and can be rebuilt
at any time (after bulk inserts, after a restore or an import).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from sqlalchemy import Integer, column, literal_column, select, table, text
from sqlalchemy.engine import Connection
from sqlalchemy.orm import Session

from ..domain import enums
from ..domain.text import fold, fts_query
from . import models as m


def _person(p: m.Person) -> Iterable[str | None]:
    return (p.title, p.given_names, p.family_name, p.organisation, p.function,
            enums.Category.french_label_of(p.category), enums.FdsCorps.french_label_of(p.fds_corps))


def _meeting(x: m.Meeting) -> Iterable[str | None]:
    return (x.reference, x.place, enums.MeetingKind.french_label_of(x.kind),
            enums.MeetingStatus.french_label_of(x.status), x.not_held_reason_text,
            enums.NotHeldReason.french_label_of(x.not_held_reason), x.notes)


def _threat(t: m.Threat) -> Iterable[str | None]:
    return (t.title, t.description, t.place_name, enums.PlaceKind.french_label_of(t.place_kind),
            enums.RiskLevel.french_label_of(t.level), enums.ThreatStatus.french_label_of(t.status),
            enums.Trend.french_label_of(t.trend), t.type_code)


def _vulnerability(v: m.Vulnerability) -> Iterable[str | None]:
    return (v.title, v.description, v.place_name, enums.PlaceKind.french_label_of(v.place_kind),
            enums.VulnerabilityStatus.french_label_of(v.status))


def _recommendation(r: m.Recommendation) -> Iterable[str | None]:
    return (r.text, r.addressee, r.responsible, enums.RecommendationStatus.french_label_of(r.status),
            enums.Priority.french_label_of(r.priority))


def _activity(a: m.Activity) -> Iterable[str | None]:
    return (a.title, a.description, a.place, a.partner, enums.ActivityKind.french_label_of(a.kind))


# model -> (fts table, text fields). The fts table's rowid is the record's id.
SEARCHABLE: dict[type, tuple[str, Callable[[Any], Iterable[str | None]]]] = {
    m.Person: ("fts_people", _person),
    m.Meeting: ("fts_meetings", _meeting),
    m.Threat: ("fts_threats", _threat),
    m.Vulnerability: ("fts_vulnerabilities", _vulnerability),
    m.Recommendation: ("fts_recommendations", _recommendation),
    m.Activity: ("fts_activities", _activity),
}

FTS_TABLES = tuple(name for name, _ in SEARCHABLE.values())


def is_fts_table(name: str) -> bool:
    """True for the FTS tables and their shadow tables (kept out of schema comparisons)."""
    return any(name == t or name.startswith(t + "_") for t in FTS_TABLES)


def create_sql(table: str) -> str:
    return (f"CREATE VIRTUAL TABLE IF NOT EXISTS {table} USING fts5("
            "body, tokenize = 'unicode61 remove_diacritics 2')")


def document(obj: Any) -> str:
    _, fields = SEARCHABLE[type(obj)]
    return fold(" ".join(f for f in fields(obj) if f))


def _insert(conn: Connection, table: str, objs: list[Any]) -> None:
    if objs:
        conn.execute(text(f"INSERT INTO {table}(rowid, body) VALUES (:id, :body)"),
                     [{"id": o.id, "body": document(o)} for o in objs])


def index_rows(conn: Connection, model: type, rows: Iterable[Any]) -> None:
    """(Re)index the given objects of one model; tombstones leave the index. A live row is
    written over its old entry in one statement (FTS5 honours INSERT OR REPLACE on rowid)."""
    rows = list(rows)
    remove_ids(conn, model, (o.id for o in rows if o.deleted_at is not None))
    live = [o for o in rows if o.deleted_at is None]
    if live:
        conn.execute(text(f"INSERT OR REPLACE INTO {SEARCHABLE[model][0]}(rowid, body) "
                          "VALUES (:id, :body)"),
                     [{"id": o.id, "body": document(o)} for o in live])


def rebuild(session: Session, batch: int = 5000) -> None:
    """Rebuild every search table from the records (after bulk writes, restore or import)."""
    conn = session.connection()
    for model, (table, _) in SEARCHABLE.items():
        conn.execute(text(f"DELETE FROM {table}"))
        last = 0
        while True:
            rows = session.scalars(
                select(model).where(model.id > last, model.deleted_at.is_(None))
                .order_by(model.id).limit(batch)
            ).all()
            if not rows:
                break
            _insert(conn, table, rows)
            last = rows[-1].id
            session.expunge_all()


def match(model: type, user_text: str):  # noqa: ANN201
    """(the model's search table with its rowid column, the MATCH condition) for what the user
    typed, or None when nothing searchable was typed. Join the table on the record's id:
    `stmt.join(fts, fts.c.rowid == Model.id).where(condition)`."""
    query = fts_query(user_text)
    if query is None:
        return None
    name, _ = SEARCHABLE[model]
    return table(name, column("rowid", Integer)), literal_column(name).op("MATCH")(query)


def remove_ids(conn: Connection, model: type, ids: Iterable[int]) -> None:
    table, _ = SEARCHABLE[model]
    rows = [{"id": i} for i in ids]
    if rows:
        conn.execute(text(f"DELETE FROM {table} WHERE rowid = :id"), rows)
