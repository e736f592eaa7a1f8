"""Full-text search: one FTS5 table per searchable kind, keyed on the record's rowid.

The indexed text is folded in Python (accents, case and ligatures removed: domain.text.fold),
so that "securite" finds "Sécurité" and "coeur" finds "cœur" on every connection without a
custom SQLite function. The index is maintained from the ORM (db.events) and can be rebuilt
at any time (after bulk inserts, after a restore or an import).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from sqlalchemy import Integer, column, event, literal_column, select, table, text
from sqlalchemy.engine import Connection
from sqlalchemy.orm import Session

from ..domain import enums
from ..domain.text import fold, fts_query, tokens
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


# Prefix indexes of one to three letters: what a user types first ("se") is then one list of
# rows to read, and checking one row against it one seek (revision 0004 rebuilt the tables).
PREFIX_LETTERS = 3


def create_sql(table: str) -> str:
    return (f"CREATE VIRTUAL TABLE IF NOT EXISTS {table} USING fts5("
            "body, tokenize = 'unicode61 remove_diacritics 2', prefix = '1 2 3')")


def document(obj: Any, extra: Iterable[str] = ()) -> str:
    _, fields = SEARCHABLE[type(obj)]
    return fold(" ".join(f for f in (*fields(obj), *extra) if f))


def agenda_texts(conn: Connection, meeting_ids: Iterable[int]) -> dict[int, list[str]]:
    """What a meeting's search also covers: its agenda's titles, discussions and decisions
    (never the restricted notes), read on the flushing connection."""
    ids = sorted({i for i in meeting_ids if i is not None})
    out: dict[int, list[str]] = {i: [] for i in ids}
    for start in range(0, len(ids), 500):
        chunk = ids[start:start + 500]
        marks = ", ".join(f":m{n}" for n in range(len(chunk)))
        rows = conn.execute(text(
            "SELECT meeting_id, title, discussion, decisions FROM agenda_items "
            f"WHERE deleted_at IS NULL AND meeting_id IN ({marks}) ORDER BY position"),
            {f"m{n}": i for n, i in enumerate(chunk)}).all()
        for meeting_id, *texts in rows:
            out[meeting_id].extend(t for t in texts if t)
    return out


def _bodies(conn: Connection, objs: list[Any]) -> list[dict[str, Any]]:
    extra = agenda_texts(conn, (o.id for o in objs)) if objs and \
        isinstance(objs[0], m.Meeting) else {}
    return [{"id": o.id, "body": document(o, extra.get(o.id, ()))} for o in objs]


def _insert(conn: Connection, table: str, objs: list[Any]) -> None:
    if objs:
        conn.execute(text(f"INSERT INTO {table}(rowid, body) VALUES (:id, :body)"),
                     _bodies(conn, objs))


def index_rows(conn: Connection, model: type, rows: Iterable[Any]) -> None:
    """(Re)index the given objects of one model; tombstones leave the index. A live row is
    written over its old entry in one statement (FTS5 honours INSERT OR REPLACE on rowid)."""
    rows = list(rows)
    remove_ids(conn, model, (o.id for o in rows if o.deleted_at is not None))
    live = [o for o in rows if o.deleted_at is None]
    if live:
        conn.execute(text(f"INSERT OR REPLACE INTO {SEARCHABLE[model][0]}(rowid, body) "
                          "VALUES (:id, :body)"),
                     _bodies(conn, live))


@event.listens_for(Session, "after_flush")
def _agenda_changed(session: Session, _flush_context: Any) -> None:
    """An agenda item written, moved or deleted: its meeting's search entry again (the
    meeting itself may not have changed)."""
    if session.info.get("skip_search_index"):
        return
    ids = {o.meeting_id for o in (*session.new, *session.dirty, *session.deleted)
           if isinstance(o, m.AgendaItem) and o.meeting_id is not None}
    if not ids:
        return
    with session.no_autoflush:
        meetings = [x for x in (session.get(m.Meeting, i) for i in sorted(ids))
                    if x is not None]
    if meetings:
        index_rows(session.connection(), m.Meeting, meetings)


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
    optimize(conn)


def optimize(conn: Connection) -> None:
    """Merge each search table into one segment: a check of one row (a search sorted by a
    column walks rows and checks each) seeks once per segment (ten times faster after a
    bulk load). FTS5 merges the segments of ordinary writes as it goes."""
    for table in FTS_TABLES:
        conn.execute(text(f"INSERT INTO {table}({table}) VALUES ('optimize')"))


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


# --- a search sorted by a column ---------------------------------------------------------------
# Joining the matches to the records and sorting them costs one record lookup per match: a
# two-letter prefix matching a quarter of half a million rows took 400 ms. When the matches
# are many, walking the sort column's index and keeping the rows that match finds the first
# page after a few hundred rows (services.records: RecordService._sorted_walk). Each check of
# one row is a seek per word: a prefix of up to three letters is one word of the prefix index;
# a longer one ("securi"*) would be expanded again at every check, so it is expanded once into
# the words of the index (fts5vocab, a temporary table of the connection).

DENSE_MATCHES = 5000    # under this, sorting the matches is the fast plan
MAX_WORDS = 64          # a prefix expanding to more words than this: the matches are sorted


def _vocab(conn: Connection, name: str) -> str:
    vocab = f"{name}_vocab"
    conn.execute(text(f"CREATE VIRTUAL TABLE IF NOT EXISTS temp.{vocab} "
                      f"USING fts5vocab(main, {name}, 'row')"))
    return f"temp.{vocab}"


def _quoted(word: str) -> str:
    return '"' + word.replace('"', '""') + '"'


def _check_query(conn: Connection, name: str, words: list[str]) -> str | None:
    """The FTS5 query of `words` (each a word start) written for checks of one row at a time,
    or None when a prefix expands to no word or to too many."""
    groups = []
    total = 0
    for word in words:
        if len(word) <= PREFIX_LETTERS:
            groups.append(_quoted(word) + "*")
            continue
        found = conn.execute(text(f"SELECT term FROM {_vocab(conn, name)} "
                                  "WHERE term >= :lo AND term < :hi"),
                             {"lo": word, "hi": word + "\U0010ffff"}).scalars().all()
        total += len(found)
        if not found or total > MAX_WORDS:
            return None  # no such word (nothing matches: the sort is instant), or too many
        groups.append("(" + " OR ".join(_quoted(w) for w in found) + ")")
    return " AND ".join(groups)


def sorted_walk(conn: Connection, model: type, user_text: str) -> tuple[Any, int] | None:
    """(an EXISTS condition for `model`'s rows matching what the user typed, made to be
    checked row by row while an index is walked in order, the number of matches); None when
    sorting the matches is the better plan (few matches, or prefixes of too many words)."""
    query = fts_query(user_text)
    if query is None:
        return None
    name, _ = SEARCHABLE[model]
    matches = conn.execute(text(f"SELECT count(*) FROM {name} WHERE {name} MATCH :q"),
                           {"q": query}).scalar() or 0
    if matches < DENSE_MATCHES:
        return None
    check = _check_query(conn, name, tokens(user_text))
    if check is None:
        return None
    table_name = model.__tablename__
    return text(f"EXISTS (SELECT 1 FROM {name} WHERE {name} MATCH :walk AND "
                f"{name}.rowid = {table_name}.id)").bindparams(walk=check), int(matches)
