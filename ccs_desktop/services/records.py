"""Create, read, update, list, search and delete every kind of record, with French validation.

One `RecordService` per kind. Each public method opens its own session (one user action),
validates before writing anything. The core (CLI, documents, exchange) reads detached ORM
objects through `list()` and `get()` (expire_on_commit is off); the screens read frozen values
only (services.values): `rows()` gives a page of a list's rows, `detail()` what an editor
shows with its relations resolved, and `save()` a `Saved` (what changed and the fresh row).
Listing, filtering, sorting and search all run in SQL so that a table of half a million rows
stays instant; the UI's table models page through `rows()` with limit/offset.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field, replace
from typing import Any, ClassVar

from sqlalchemy import LargeBinary, Select, func, select
from sqlalchemy.orm import Session

from ..db import models as m
from ..db import search
from ..db import settings
from ..db.base import utcnow
from ..db.engine import Database
from ..domain import enums
from ..domain.text import sort_key
from ..i18n import _, pgettext
from . import roles
from . import validation as v
from .values import freeze, freeze_all
from .errors import ValidationError


PAGE_MAX = 2**53  # the largest page size or start a table may ask for

CREATED, UPDATED, DELETED = "created", "updated", "deleted"


@dataclass(frozen=True)
class Change:
    """What one write did, for the screens to show it without reloading everything: the kind
    of record (its list: "recommendations"...), its id, and CREATED, UPDATED or DELETED."""

    kind: str
    id: int
    action: str

    @classmethod
    def of(cls, obj: Any, action: str) -> Change:
        return cls(type(obj).__tablename__, int(obj.id), action)


@dataclass(frozen=True, slots=True)
class Saved:
    """What a save from a screen did: the Change (kind, id, CREATED or UPDATED) and the
    record's fresh row (the kind's `Row`), for its list to show it in place."""

    change: Change
    row: Any

    @property
    def id(self) -> int:
        return self.change.id

    @property
    def kind(self) -> str:
        return self.change.kind

    @property
    def action(self) -> str:
        return self.change.action


@dataclass
class ListQuery:
    """What a table shows: search words, filters, order and the page."""

    search: str = ""
    filters: dict[str, Any] = field(default_factory=dict)
    order_by: str | None = None
    descending: bool = False
    limit: int | None = None
    offset: int = 0
    include_deleted: bool = False


# --- value coercion ---------------------------------------------------------------------------
# The helpers live in .validation (one layer for every service); these names stay for the
# services' existing calls.

def as_date(value: Any, label: str, errors: dict[str, str], key: str) -> dt.date | None:
    return v.as_date(value, label, errors, key)


def as_time(value: Any, label: str, errors: dict[str, str], key: str) -> dt.time | None:
    return v.as_time(value, label, errors, key)


def as_int(value: Any, label: str, errors: dict[str, str], key: str,
           lo: int | None = None, hi: int | None = None) -> int | None:
    return v.as_int(value, label, errors, key, lo, hi)


def check_code(value: Any, enum: type[enums.Labelled], label: str, errors: dict[str, str],
               key: str, required: bool = True) -> str | None:
    return v.as_code(value, enum, label, errors, key, required=required)


def require_text(value: Any, label: str, errors: dict[str, str], key: str,
                 max_len: int | None = None, multiline: bool = False) -> str:
    return v.as_text(value, label, errors, key, required=True, max_len=max_len,
                     multiline=multiline) or ""


def optional_text(value: Any, label: str, errors: dict[str, str], key: str,
                  max_len: int | None = None, multiline: bool = False) -> str:
    return v.as_text(value, label, errors, key, max_len=max_len, multiline=multiline) or ""


# --- the generic service ---------------------------------------------------------------------

class RecordService:
    """CRUD, list, count and search for one kind of record."""

    model: ClassVar[type[m.Syncable]]
    default_order: ClassVar[tuple[str, bool]] = ("id", False)
    # sortable column names -> ORM attribute names or SQL expressions
    sort_columns: ClassVar[Mapping[str, Any]] = {}
    # filter name -> callable(stmt, value) -> stmt
    filters: ClassVar[Mapping[str, Callable[[Select, Any], Select]]] = {}
    # what the screens receive (services.values.value_type): a list's row and an editor's
    # detail; each kind declares its own
    Row: ClassVar[type]
    Detail: ClassVar[type]

    def __init__(self, db: Database) -> None:
        self.db = db

    # each kind says these in whole messages of its own (French nouns have a gender)
    def _noun(self) -> str:
        """The kind's name, capitalised, as the subject of a message ("Réunion introuvable")."""
        return _("Item")

    def _not_deleted_message(self) -> str:
        """Undoing the delete of a record that is not deleted."""
        return _("This item is not deleted: nothing to restore.")

    # reading
    def base_select(self) -> Select:
        return select(self.model)

    def _search(self, query: ListQuery):  # noqa: ANN202
        """(search table, MATCH condition) when this query searches, else (None, None)."""
        if query.search is not None and not isinstance(query.search, str):
            raise ValidationError({"search": _("Search: type words (text).")})
        if not query.search or self.model not in search.SEARCHABLE:
            return None, None
        return search.match(self.model, query.search) or (None, None)

    def _apply(self, stmt: Select, query: ListQuery) -> Select:
        model = self.model
        if not query.include_deleted:
            stmt = stmt.where(model.deleted_at.is_(None))
        if not roles.sees_restricted(self.db):
            stmt = self._hidden_from_reader(stmt)
        fts, matches = self._search(query)
        if fts is not None:
            # drive the query from the full-text index: a join streams, an IN list would
            # first materialise every match (half a million for a two-letter prefix)
            stmt = stmt.join(fts, fts.c.rowid == model.id).where(matches)
        for name, value in _filters_of(query).items():
            if _empty(value):
                continue
            _check_plain(value, name)
            if name in self.filters:
                stmt = self.filters[name](stmt, value)
            elif name in _COMMITTEE_FILTERS and hasattr(model, "committee_id"):
                stmt = _COMMITTEE_FILTERS[name](stmt, model, value)
            elif name in _DATE_FILTERS and hasattr(model, "date"):
                stmt = _DATE_FILTERS[name](stmt, model, value)
            elif isinstance(name, str) and name in model.__table__.columns:
                column = getattr(model, name)
                if isinstance(value, (list, tuple, set, frozenset)):
                    if len(value) > MAX_FILTER_VALUES:
                        raise ValidationError({name: _("Filter: too many values at once.")})
                    stmt = stmt.where(column.in_([_filter_value(column, x, name)
                                                  for x in value]))
                else:
                    stmt = stmt.where(column == _filter_value(column, value, name))
            else:
                raise ValidationError({name: _("This list cannot be filtered by "
                                               "“{name}”.").format(name=name)})
        return stmt

    def _order(self, stmt: Select, query: ListQuery) -> Select:
        fts, _ = self._search(query)
        if fts is not None and not query.order_by:
            # search results come newest first, in the index's own order (no sort step)
            return stmt.order_by(fts.c.rowid.desc())
        name, desc = (query.order_by, query.descending) if query.order_by else self.default_order
        column = self.sort_columns.get(name) if name else None
        if column is None:
            column = getattr(self.model, name, None) if name else None
        if column is None:
            column = self.model.id
        tie = self.model.id.desc() if desc else self.model.id
        return stmt.order_by(column.desc() if desc else column.asc(), tie)

    # a lecteur (services.roles) never receives what is restricted: the kinds say what
    def _hidden_from_reader(self, stmt: Select) -> Select:
        """The list's statement without the records a lecteur may not see."""
        return stmt

    def _blanked_for_reader(self, objs: list[Any]) -> list[Any]:
        """The loaded (detached) records with the fields a lecteur may not read blanked."""
        return objs

    def list(self, query: ListQuery | None = None) -> list[Any]:
        if not roles.sees_restricted(self.db):
            return self._blanked_for_reader(self._list(query))
        return self._list(query)

    def _list(self, query: ListQuery | None = None) -> list[Any]:
        query = query or ListQuery()
        stmt = self._order(self._apply(self.base_select(), query), query)
        limit = v.as_int(query.limit, _("Number of rows"), None, "limit", 0, PAGE_MAX)
        offset = v.as_int(query.offset, _("Start of the page"), None, "offset", 0, PAGE_MAX)
        if limit is not None:
            stmt = stmt.limit(limit)
        if offset:
            stmt = stmt.offset(offset)
        with self.db.session() as s:
            walked = self._sorted_walk(s, query, limit, offset)
            if walked is not None:
                return walked
            return list(s.scalars(stmt).unique().all())

    def _sorted_walk(self, s: Session, query: ListQuery, limit: int | None,
                     offset: int | None) -> list[Any] | None:
        """A first page of a search sorted by an indexed column, when the matches are many:
        the column's index walked in order, stretch by stretch, each row checked against the
        search (db.search.sorted_walk), or each entry probed in the set of the matches' ids
        (`_probe_walk`), until the page is full, instead of every match sorted; None when the
        sort is the better plan."""
        if (not query.search or not query.order_by or limit is None
                or self.model not in search.SEARCHABLE
                or not isinstance(query.search, str)):
            return None
        column = self.sort_columns.get(query.order_by)
        if column is None:
            column = getattr(self.model, query.order_by, None)
        key = getattr(column, "key", None)
        indexed = {tuple(c.name for c in ix.columns)[0] for ix in self.model.__table__.indexes}
        wanted = (offset or 0) + limit
        if key is None or key not in indexed or wanted > 2000:
            return None
        walk = search.sorted_walk(s.connection(), self.model, query.search)
        if walk is None:
            return None
        condition, matches = walk
        rows = int(s.scalar(select(func.max(self.model.id))) or 0)
        return self._walk_stretches(s, query, condition, matches, rows, wanted, limit, offset)

    # What each plan costs, in steps of one index entry walked and probed (80 ns, measured at
    # 500,000 rows): a check of one row through the search index, about a hundred; one match
    # read into the set of a probe walk, two and a half; one match looked up and sorted, twelve.
    CHECK_COST, PROBE_COST, SORT_COST = 100, 2.5, 12
    STRETCH_MIN = 256  # rows: the least stretch
    WALK_MAX = 2**62  # rows: the most walked (the costs keep walks short; tests cut it)

    def _walk_stretches(self, s: Session, query: ListQuery, condition: Any, matches: int,
                        rows: int, wanted: int, limit: int,
                        offset: int | None) -> list[Any] | None:
        """The records of the page. When the matches are few enough to be read into a set
        for less than the rows a walk would check, the probe walk (`_probe_walk`); else the
        plain order walked in stretches, each row checked (the first stretch of the rows the
        share of matches needs and a margin, then doubling) while the rows left to check at
        the share of matches found so far cost less than the probe walk. Past that, the
        matches are bunched away from the start of the order (places sorted by name, every
        "Salle ..." together). Without a walk, the probe walk, or the matches sorted when
        they are so few that looking each one up costs less than walking the whole index."""
        expected = wanted * max(rows, 1) // max(matches, 1)
        # the rows the share of matches needs, plus three standard deviations: spread matches
        # fill the page within the first stretch all but once in several hundred times
        stretch = max(self.STRETCH_MIN, expected + 3 * expected // math.isqrt(max(wanted, 1)))
        plain = replace(query, search="")
        order = self._apply(select(self.model.id), plain)
        probe = matches * self.PROBE_COST + rows  # the probe walk, the whole index walked
        if matches * self.PROBE_COST + expected < stretch * self.CHECK_COST:
            # reading the matches costs less than one stretch of checks: no walk
            found = self._unwalked(s, query, matches, probe, wanted)
            return self._records_in_order(s, found[offset or 0:wanted])
        found: list[int] = []
        walked = 0
        while walked < min(rows, self.WALK_MAX) and len(found) < wanted:
            stretch = min(stretch, self.WALK_MAX - walked)
            ids = self._order(order, plain).limit(stretch).offset(walked)
            found += s.scalars(self._order(select(self.model.id).where(
                self.model.id.in_(ids), condition), plain)).all()
            walked += stretch
            stretch *= 2
            # the rows still to check at the share of matches seen so far: past the cost of
            # the probe walk through the whole index, the matches are bunched further down
            left = (wanted - len(found)) * walked // max(len(found), 1)
            if len(found) < wanted and left * self.CHECK_COST > probe:
                break
        if len(found) < wanted and walked < rows and len(found) < matches:
            found = self._unwalked(s, query, matches, probe, wanted)
        return self._records_in_order(s, found[offset or 0:wanted])

    def _unwalked(self, s: Session, query: ListQuery, matches: int, probe: float,
                  wanted: int) -> list[int]:
        """The ids of the first `wanted` rows without a walk: the probe walk, or every match
        looked up and sorted when that costs less than the probe walk through the whole
        index (matches few, and maybe bunched at the end)."""
        if probe < matches * self.SORT_COST:
            return self._probe_walk(s, query, wanted)
        sort = self._order(self._apply(select(self.model.id), query), query)
        return list(s.scalars(sort.limit(wanted)).all())

    def _probe_walk(self, s: Session, query: ListQuery, wanted: int) -> list[int]:
        """The ids of the first `wanted` rows of the page's order: the sort column's index
        walked in order, each entry probed in the set of the matches' ids (SQLite reads them
        once from the search index into a set in memory), until `wanted` are found. A probe
        costs a hundredth of a check through the search index, and no match's record is read
        but the page's: bunched matches cost one pass over the index at most."""
        model = self.model
        plain = replace(query, search="")
        fts, matches = self._search(query)
        # `id + 0` keeps SQLite from looking the matches up by id and sorting them all
        stmt = self._apply(select(model.id), plain).where(
            (model.id + 0).in_(select(fts.c.rowid).where(matches)))
        return list(s.scalars(self._order(stmt, plain).limit(wanted)).all())

    def _records_in_order(self, s: Session, ids: list[int]) -> list[Any]:
        place = {key: i for i, key in enumerate(ids)}
        records = s.scalars(self.base_select().where(self.model.id.in_(ids))).unique().all()
        return sorted(records, key=lambda r: place[r.id])

    def count(self, query: ListQuery | None = None) -> int:
        """How many records match; answered from indexes alone in the common cases."""
        query = query or ListQuery()
        filters = {k: v for k, v in _filters_of(query).items() if not _empty(v)}
        model = self.model
        hiding = (type(self)._hidden_from_reader is not RecordService._hidden_from_reader
                  and not roles.sees_restricted(self.db))
        with self.db.session() as s:
            if not filters and not query.include_deleted and not hiding:
                fts, matches = self._search(query)
                if fts is not None:
                    # tombstones never stay in the search index
                    return int(s.scalar(select(func.count()).select_from(fts)
                                        .where(matches)) or 0)
                if not query.search:
                    everything = select(func.count()).select_from(model).scalar_subquery()
                    dead = (select(func.count()).select_from(model)
                            .where(model.deleted_at.is_not(None)).scalar_subquery())
                    return int(s.scalar(select(everything - dead)) or 0)
            stmt = self._apply(select(func.count()).select_from(model), query)
            return int(s.scalar(stmt) or 0)

    def distinct_values(self, column: str, limit: int = 500) -> list[Any]:
        """The values a filter offers (places, addressees...), from an index when there is one."""
        if not isinstance(column, str) or column not in self.model.__table__.columns:
            raise ValidationError({"column": _("This list has no column of that name.")})
        limit = v.as_int(limit, _("Number of values"), None, "limit", 0, PAGE_MAX,
                         required=True)
        col = getattr(self.model, column)
        stmt = (select(col).where(self.model.deleted_at.is_(None), col.is_not(None), col != "")
                .group_by(col).order_by(col).limit(limit))
        with self.db.session() as s:
            return list(s.scalars(stmt).all())

    def _find(self, s: Session, key: int | str, *, deleted: bool = False) -> Any:
        """The record with this id (an integer) or UUID; NotFound (French) otherwise.
        A tombstone counts only with deleted=True (undoing a delete)."""
        return v.find(s, self.model, key, self._noun(), None, "id",
                      deleted=deleted, uuid=True)

    def committee_of(self, values: Mapping[str, Any], existing: Any | None, session: Session,
                     errors: dict[str, str]) -> int | None:
        """The committee the record belongs to: its own (a record never changes committee),
        the one given (a CRSS or the demo writes for several), else this database's."""
        if existing is not None:
            if "committee_id" in values:
                given = v.as_id(values["committee_id"], _("Committee"), errors,
                                "committee_id")
                if given is not None and given != existing.committee_id:
                    errors["committee_id"] = _("A record does not change committee: create "
                                               "it in the other committee instead.")
            return existing.committee_id
        if values.get("committee_id") is not None:
            return v.as_committee_id(session, values["committee_id"], errors)
        return own_committee_id(session)

    def get(self, key: int | str, session: Session | None = None) -> Any:
        if session is not None:
            return self._find(session, key)
        with self.db.session() as s:
            return self._find(s, key)

    # what the screens read: frozen values ---------------------------------------------------
    def to_row(self, obj: Any) -> Any:
        """The frozen row of a loaded record."""
        return freeze(self.Row, obj)

    def to_detail(self, obj: Any, session: Session) -> Any:
        """The frozen detail of a record loaded in `session`: its fields and the relations its
        editor shows, resolved (kinds with relations override this)."""
        return freeze(self.Detail, obj)

    def rows(self, query: ListQuery | None = None) -> tuple[Any, ...]:
        """A page of frozen rows: the same records, order, filters and search as `list`."""
        return freeze_all(self.Row, self.list(query))

    def detail(self, key: int | str) -> Any:
        """The frozen detail of one live record; NotFound (French) otherwise."""
        with self.db.session() as s:
            return self.to_detail(self._find(s, key), s)

    def save(self, key: int | str | None = None, **values: Any) -> Saved:
        """Create (key None) or update a record from a screen: what changed and its row."""
        if key is None:
            obj = self.create(**values)
            return Saved(Change.of(obj, CREATED), self.to_row(obj))
        obj = self.update(key, **values)
        return Saved(Change.of(obj, UPDATED), self.to_row(obj))

    # writing
    def validate(self, values: dict[str, Any], existing: Any | None,
                 session: Session) -> dict[str, Any]:
        """Check and convert `values`; raise ValidationError (nothing written) when invalid."""
        return dict(values)

    def before_write(self, obj: Any, session: Session) -> None:
        """Derived fields (sort keys, scores, references)."""

    def check_writable(self, obj: Any, session: Session) -> None:
        """Refuse writes to a record that no longer changes (an adopted PV)."""

    def create(self, **values: Any) -> Any:
        with v.write_session(self.db) as s:
            obj = self.create_in(s, **values)
        return obj

    def create_in(self, s: Session, **values: Any) -> Any:
        clean = self.validate(values, None, s)
        obj = self.model(**clean)
        if hasattr(obj, "committee_id") and getattr(obj, "committee_id", None) is None:
            obj.committee_id = own_committee_id(s)
        self.before_write(obj, s)
        s.add(obj)
        s.flush()
        return obj

    def update(self, key: int | str, **values: Any) -> Any:
        with v.write_session(self.db) as s:
            obj = self.update_in(s, key, **values)
        return obj

    def update_in(self, s: Session, key: int | str, **values: Any) -> Any:
        obj = self.get(key, session=s)
        self.check_writable(obj, s)
        clean = self.validate(values, obj, s)
        for name, value in clean.items():
            setattr(obj, name, value)
        self.before_write(obj, s)
        s.flush()
        return obj

    def dependents(self, obj: Any, session: Session) -> list[Any]:
        """Live records that exist only through `obj` and go (and come back) with it."""
        return []

    def links(self, obj: Any) -> list[Any]:
        """Association tables (table, column) whose rows naming `obj` go with it."""
        return []

    def check_deletable(self, obj: Any, session: Session) -> None:
        """Refuse a delete that would break an adopted PV (raise ReadOnly/ValidationError)."""
        self.check_writable(obj, session)

    def delete(self, key: int | str) -> dict[str, Any]:
        """Delete as a tombstone, with the records that depend on it (agenda items,
        attendance, follow-ups...): none of their text stays live or travels. Returns what
        undo needs to put everything back."""
        with v.write_session(self.db) as s:
            obj = self.get(key, session=s)
            self.check_deletable(obj, s)
            children = [c for c in self.dependents(obj, s) if c.deleted_at is None]
            saved = tombstone(obj)
            saved["__children__"] = [(type(c).__name__, c.id, tombstone(c)) for c in children]
            link_rows = []
            for table, column in self.links(obj):
                rows = s.execute(select(table).where(table.c[column] == obj.id)).mappings().all()
                link_rows.append((table.name, [dict(r) for r in rows]))
                s.execute(table.delete().where(table.c[column] == obj.id))
            saved["__links__"] = link_rows
            s.flush()
        return saved

    def undelete(self, key: int | str, saved: Mapping[str, Any]) -> Any:
        """Undo a delete: the content comes back and the version goes on increasing."""
        with v.write_session(self.db) as s:
            obj = self._find(s, key, deleted=True)
            if obj.deleted_at is None:
                raise ValidationError(self._not_deleted_message())
            saved, children, links = self._check_saved(s, obj, saved)
            self.check_undeletable(obj, s)
            for name, value in saved.items():
                setattr(obj, name, value)
            obj.deleted_at = None
            self.before_write(obj, s)
            for model_name, child_id, content in children:
                child = s.get(getattr(m, model_name), child_id)
                if child is None:
                    continue
                for name, value in content.items():
                    setattr(child, name, value)
                child.deleted_at = None
            for table_name, rows in links:
                if rows:
                    s.execute(m.Base.metadata.tables[table_name].insert(), rows)
            s.flush()
        return obj

    def check_undeletable(self, obj: Any, session: Session) -> None:
        """Refuse an undo that would clash with what was recorded since (French message)."""

    def _check_saved(self, s: Session, obj: Any, saved: Any) -> tuple[dict, list, list]:
        """What `delete` returned, checked before anything is put back: its content fields,
        the dependents (same committee, deleted) and the association rows of this record."""
        bad = ValidationError(_("Undo impossible: the data to restore are incomplete or "
                                "altered."))
        if not isinstance(saved, Mapping):
            raise bad
        saved = dict(saved)
        children = saved.pop("__children__", [])
        links = saved.pop("__links__", [])
        _check_content(type(obj), saved, bad)
        if not isinstance(children, (list, tuple)) or not isinstance(links, (list, tuple)):
            raise bad
        models = {model.__name__: model for model in m.SYNCABLE_MODELS}
        checked_children = []
        for entry in children:
            if not isinstance(entry, (list, tuple)) or len(entry) != 3:
                raise bad
            name, child_id, content = entry
            model = models.get(name) if isinstance(name, str) else None
            if model is None or v.as_id(child_id, _("Item"), {}, "id") is None:
                raise bad
            _check_content(model, content, bad)
            child = s.get(model, child_id)
            if child is not None and getattr(child, "committee_id", None) != obj.committee_id:
                raise bad
            checked_children.append((name, child_id, dict(content)))
        allowed = {(table.name, column) for table, column in self.links(obj)}
        checked_links = []
        for entry in links:
            if not isinstance(entry, (list, tuple)) or len(entry) != 2:
                raise bad
            table_name, rows = entry
            match = [c for t, c in allowed if t == table_name]
            if not match or not isinstance(rows, (list, tuple)):
                raise bad
            table = m.Base.metadata.tables[table_name]
            for row in rows:
                if (not isinstance(row, Mapping) or set(row) != set(table.c.keys())
                        or row.get(match[0]) != obj.id
                        or any(v.as_id(x, _("Item"), {}, "id") is None
                               for x in row.values())):
                    raise bad
            checked_links.append((table_name, [dict(r) for r in rows]))
        return saved, checked_children, checked_links


def tombstone(obj: m.Syncable) -> dict[str, Any]:
    saved = {name: getattr(obj, name) for name in type(obj).__sync_content__}
    for name in type(obj).__sync_content__:
        column = type(obj).__table__.columns[name]
        setattr(obj, name, None if column.nullable else "")
    obj.deleted_at = utcnow()
    return saved


def _check_content(model: Any, content: Any, bad: ValidationError) -> None:
    """Content fields of a tombstone: known names, values of the column's type and length."""
    if not isinstance(content, Mapping) or not set(content) <= set(model.__sync_content__):
        raise bad
    for name, value in content.items():
        column = model.__table__.columns[name]
        if value is None:
            if not column.nullable:
                raise bad
        elif isinstance(column.type, LargeBinary):
            if not isinstance(value, bytes):
                raise bad
        elif not isinstance(value, str) or len(value) > (v.max_len_of(column) or 10**7):
            raise bad


MAX_FILTER_VALUES = 1000


def _filters_of(query: ListQuery) -> Mapping[str, Any]:
    filters = query.filters if query.filters is not None else {}
    if not isinstance(filters, Mapping):
        raise ValidationError({"filters": _("Filters: a list of criteria is expected.")})
    return filters


def _empty(value: Any) -> bool:
    return value is None or (isinstance(value, (str, list, tuple, set, frozenset))
                             and len(value) == 0)


_PLAIN = (str, int, dt.date)  # bool is an int, datetime a date


def _check_plain(value: Any, name: object) -> None:
    """A filter's value is a plain value (text, number, date) or a short list of them."""
    items = list(value) if isinstance(value, (list, tuple, set, frozenset)) else [value]
    label = _filter_label(name) if isinstance(name, str) else _("Filter")
    if len(items) > MAX_FILTER_VALUES:
        raise ValidationError({str(name): _("{label}: too many values at once.").format(
            label=label)})
    for item in items:
        if not isinstance(item, _PLAIN) or (isinstance(item, int) and not isinstance(item, bool)
                                            and not -2**63 <= item < 2**63) \
                or (isinstance(item, str) and len(item) > 1000):
            raise ValidationError({str(name): _("{label}: value {value} not recognised.")
                                   .format(label=label, value=v.shown(item))})


def _filter_value(column: Any, value: Any, name: str) -> Any:
    """A filter's value made the type of its column, or a French ValidationError (a filter
    comes from a box the user chose or typed in, or from a script)."""
    label = _filter_label(name)
    try:
        kind = column.type.python_type
    except (AttributeError, NotImplementedError):
        kind = None
    if kind is bool:
        return v.as_bool(value, label, None, name)
    if kind is int:
        return v.as_int(value, label, None, name, required=True)
    if kind is dt.datetime:
        if isinstance(value, dt.datetime):
            return value
        raise ValidationError({name: _("{label}: a date and a time are expected.").format(
            label=label)})
    if kind is dt.date:
        return v.as_date(value, label, None, name, required=True)
    if isinstance(value, bool) or not isinstance(value, (str, int)):
        raise ValidationError({name: _("{label}: value {value} not recognised.").format(
            label=label, value=v.shown(value))})
    if isinstance(value, int):
        value = str(v.as_int(value, label, None, name, required=True))
    if len(value) > 1000:
        raise ValidationError({name: _("{label}: text too long.").format(label=label)})
    return value


def _filter_label(name: Any) -> str:
    return _("Filter “{name}”").format(name=name)


def filter_year(value: Any) -> int:
    """The year of a list filter, or a French ValidationError (a filter is input too)."""
    return v.as_int(value, _("Year"), None, "year", 1900, 2100, required=True)


def _filter_day(value: Any, label: str, key: str) -> dt.date:
    return v.as_date(value, label, None, key, required=True)


_DATE_FILTERS: dict[str, Callable[[Select, Any, Any], Select]] = {
    "year": lambda stmt, model, val: stmt.where(
        model.date >= dt.date(filter_year(val), 1, 1),
        model.date <= dt.date(filter_year(val), 12, 31)),
    "date_from": lambda stmt, model, val: stmt.where(
        model.date >= _filter_day(val, pgettext("date filter", "From"), "date_from")),
    "date_to": lambda stmt, model, val: stmt.where(
        model.date <= _filter_day(val, pgettext("date filter", "To"), "date_to")),
}

def _eq(column: Any, value: Any) -> Any:
    """column = value, or column IN (values) for a list of them."""
    if isinstance(value, (list, tuple, set, frozenset)):
        return column.in_(list(value))
    return column == value


def _committee_place(column: Any) -> Callable[[Select, Any, Any], Select]:
    # a subquery, not a join: region, cercle and commune can then be combined in one query
    return lambda stmt, model, v: stmt.where(model.committee_id.in_(
        select(m.Committee.id).where(_eq(column, v))))


_COMMITTEE_FILTERS: dict[str, Callable[[Select, Any, Any], Select]] = {
    "committee_id": lambda stmt, model, v: stmt.where(_eq(model.committee_id, v)),
    "region": _committee_place(m.Committee.region),
    "cercle": _committee_place(m.Committee.cercle),
    "commune": _committee_place(m.Committee.commune),
}


# --- settings and the own committee ----------------------------------------------------------

def own_committee(s: Session) -> m.Committee | None:
    uuid = settings.read(s, settings.OWN_COMMITTEE)
    if not uuid:
        return None
    return s.scalar(select(m.Committee).where(m.Committee.uuid == uuid))


def own_committee_id(s: Session) -> int:
    committee = own_committee(s)
    if committee is None:
        raise ValidationError(_("No committee is configured in this database yet: run the "
                                "set-up first (“ccs init”)."))
    return committee.id


def lookup_person(s: Session, value: Any, label: str, errors: dict[str, str],
                  key: str, committee_id: int | None = None) -> int | None:
    """A live person of `committee_id` (by number, UUID or record), or None when empty."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, m.Person):
        value = value.id
    person = v.find(s, m.Person, value, label, errors, key, committee_id=committee_id,
                    uuid=True)
    return person.id if person is not None else None


def iter_fields(values: Mapping[str, Any], allowed: Iterable[str]) -> None:
    unknown = set(values) - set(allowed)
    if unknown:
        names = ", ".join(sorted(v.shown(str(name)) for name in unknown))
        raise ValidationError(_("Unknown fields: {names}.").format(names=names))


__all__ = ["Change", "Saved", "CREATED", "UPDATED", "DELETED", "ListQuery", "RecordService", "tombstone", "own_committee", "own_committee_id",
           "sort_key"]
