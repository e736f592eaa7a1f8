"""Structural checks of a row that comes from elsewhere (a committee's file at the CRSS).

The rules are built from the SQLAlchemy table metadata (db.models, db.models_exchange):
column types (integers, booleans, dates, times, timestamps, text and its length, blobs),
nullability, the CHECK constraints of the table (evaluated by SQLite itself on the row),
the code columns (their domain enum) and a few ranges (versions, generations, counts).

These are the rules the services apply when a secretary types a value: a row that breaks
one would make the application fail when it reads it back (a meeting dated `pas-une-date`
breaks every listing of meetings). They are not the coherence warnings (a meeting held
before its convocation...), which older files may well carry.

`safe_base_name` reduces a file name to a name that stays inside a folder.
`printable` escapes the control characters of a text before it reaches a terminal.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
import sqlite3
import threading
import unicodedata
import uuid as uuidlib
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Date,
    DateTime,
    Integer,
    LargeBinary,
    String,
    Table,
    Text,
    Time,
)

from .. import i18n
from ..db import models as m
from ..fileio import safe_base_name
from ..domain import enums
from ..domain.text import printable as _printable

INT64 = (-(2**63), 2**63 - 1)
COUNTER = (0, 2**31 - 1)
MAX_TEXT = 2_000_000  # a Text column: far above any minutes, far below a memory bomb

# code columns: (table, column) -> the domain enum of the allowed codes
CODES: dict[tuple[str, str], type[enums.Labelled]] = {
    ("committees", "level"): enums.CommitteeLevel,
    ("committees", "commune_kind"): enums.CommuneKind,
    ("committees", "quorum_rule"): enums.QuorumRule,
    ("people", "sex"): enums.Sex,
    ("people", "category"): enums.Category,
    ("people", "fds_corps"): enums.FdsCorps,
    ("meetings", "kind"): enums.MeetingKind,
    ("meetings", "status"): enums.MeetingStatus,
    ("meetings", "not_held_reason"): enums.NotHeldReason,
    ("attendance", "status"): enums.AttendanceStatus,
    ("threats", "place_kind"): enums.PlaceKind,
    ("threats", "level"): enums.RiskLevel,
    ("threats", "trend"): enums.Trend,
    ("threats", "status"): enums.ThreatStatus,
    ("threats", "source_category"): enums.SourceCategory,
    ("threat_assessments", "trend"): enums.Trend,
    ("vulnerabilities", "place_kind"): enums.PlaceKind,
    ("vulnerabilities", "status"): enums.VulnerabilityStatus,
    ("recommendations", "priority"): enums.Priority,
    ("recommendations", "status"): enums.RecommendationStatus,
    ("recommendation_followups", "status"): enums.RecommendationStatus,
    ("activities", "kind"): enums.ActivityKind,
    ("attachments", "kind"): enums.AttachmentKind,
    ("stored_documents", "kind"): enums.DocumentKind,
}
# integer ranges beyond int64, by column name (every table) or (table, column)
RANGES: dict[str | tuple[str, str], tuple[int, int]] = {
    "version": (1, COUNTER[1]),
    "generation": COUNTER,
    "restore_generation": COUNTER,
    "quorum_value": (0, 10_000),
    "position": (0, COUNTER[1]),
    "size": (0, INT64[1]),
    "reached_men": (0, 1_000_000),
    "reached_women": (0, 1_000_000),
    "reached_young_men": (0, 1_000_000),
    "reached_young_women": (0, 1_000_000),
    ("meetings", "number"): (1, 999),
    ("meetings", "year"): (1900, 2999),
}
# columns holding a file name written to disk when the record is opened
FILE_NAME_COLUMNS = frozenset({"filename"})
UUID_COLUMNS = frozenset({"uuid"})

_DATE_RE = re.compile(r"\d{4}-\d{2}-\d{2}")
_TIME_RE = re.compile(r"\d{2}:\d{2}(?::\d{2}(?:\.\d{1,6})?)?")
_DATETIME_RE = re.compile(r"\d{4}-\d{2}-\d{2}(?:[ T]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,6})?)?)?")


def _tables() -> dict[str, Table]:
    return dict(m.Base.metadata.tables)


@dataclass(frozen=True)
class _Column:
    name: str
    kind: str  # int / bool / date / time / datetime / text / blob / other
    nullable: bool
    length: int | None
    codes: frozenset[str] | None
    bounds: tuple[int, int] | None


def _kind(col) -> str:  # noqa: ANN001
    t = col.type
    if isinstance(t, Boolean):
        return "bool"
    if isinstance(t, Integer):
        return "int"
    if isinstance(t, DateTime):
        return "datetime"
    if isinstance(t, Date):
        return "date"
    if isinstance(t, Time):
        return "time"
    if isinstance(t, LargeBinary):
        return "blob"
    if isinstance(t, (String, Text)):
        return "text"
    return "other"


@functools.cache
def _rules(table_name: str) -> tuple[tuple[_Column, ...], tuple[str, ...]]:
    table = _tables()[table_name]
    cols = []
    for col in table.columns:
        kind = _kind(col)
        length = getattr(col.type, "length", None) if kind == "text" else None
        enum = CODES.get((table_name, col.name))
        bounds = None
        if kind == "int":
            bounds = RANGES.get((table_name, col.name)) or RANGES.get(col.name) or INT64
        cols.append(_Column(col.name, kind, bool(col.nullable) and not col.primary_key,
                            length, frozenset(enum.codes()) if enum else None, bounds))
    checks = []
    for c in table.constraints:
        if isinstance(c, CheckConstraint):
            checks.append(str(c.sqltext))
    return tuple(cols), tuple(checks)


def printable(value: object, limit: int = 200) -> str:
    """domain.text.printable, cut to `limit` characters: safe to print or show in a table."""
    return _printable(value, limit=limit)


def one_line(value: object, limit: int = 200) -> str:
    """`printable`, and newlines and tabs escaped too (one line of a summary)."""
    return printable(value, limit).replace("\n", "\\n").replace("\t", "\\t")


def _show(v: object, tr: Any) -> str:
    if isinstance(v, bytes):
        return tr.ngettext("<{n} byte>", "<{n} bytes>", len(v)).format(n=len(v))
    return tr.gettext("“{text}”").format(text=one_line(v, 40))


def _check_value(table: str, col: _Column, v: object, tr: Any = i18n) -> str | None:
    """Why `v` cannot be stored in `table`.`col` (None when it can), in the language of `tr`
    (the i18n module: the interface's; i18n.french(): the import log's)."""
    where = f"{table}.{col.name}"
    if v is None:
        return None if col.nullable else tr.gettext("{where}: required value missing").format(
            where=where)
    kind = col.kind
    if kind in ("int", "bool"):
        if not isinstance(v, int):
            return tr.gettext("{where}: {value} is not a whole number").format(
                where=where, value=_show(v, tr))
        if kind == "bool":
            return None if v in (0, 1) else tr.gettext(
                "{where}: {value} is not 0 or 1 (yes/no)").format(where=where, value=_show(v, tr))
        lo, hi = col.bounds or INT64
        if not lo <= v <= hi:
            return tr.gettext("{where}: {value} out of range ({lo} to {hi})").format(
                where=where, value=_show(v, tr), lo=lo, hi=hi)
        return None
    if kind == "blob":
        return None if isinstance(v, bytes) else tr.gettext(
            "{where}: binary content expected").format(where=where)
    if not isinstance(v, str):
        return tr.gettext("{where}: text expected, received {value}").format(
            where=where, value=_show(v, tr))
    if kind == "text":
        limit = col.length or MAX_TEXT
        if len(v) > limit:
            return tr.gettext("{where}: {n} characters, at most {limit}").format(
                where=where, n=len(v), limit=limit)
        if col.codes is not None and v not in col.codes:
            return tr.gettext("{where}: unknown code {value}").format(
                where=where, value=_show(v, tr))
        if col.name in UUID_COLUMNS and not is_uuid(v):
            return tr.gettext("{where}: invalid identifier {value}").format(
                where=where, value=_show(v, tr))
        if col.name in FILE_NAME_COLUMNS and v:
            if safe_base_name(v) != v:
                return tr.gettext("{where}: dangerous or invalid file name {value}").format(
                    where=where, value=_show(v, tr))
        return None
    if kind == "date":
        return None if _parses(v, _DATE_RE, dt.date.fromisoformat) else tr.gettext(
            "{where}: {value} is not a date (YYYY-MM-DD)").format(where=where, value=_show(v, tr))
    if kind == "time":
        return None if _parses(v, _TIME_RE, dt.time.fromisoformat) else tr.gettext(
            "{where}: {value} is not a time (HH:MM)").format(where=where, value=_show(v, tr))
    if kind == "datetime":
        return None if _parses(v, _DATETIME_RE, dt.datetime.fromisoformat) else tr.gettext(
            "{where}: {value} is not a date and time (YYYY-MM-DD HH:MM:SS)").format(
                where=where, value=_show(v, tr))
    return None


def _parses(v: str, shape: re.Pattern, parse) -> bool:  # noqa: ANN001
    if not shape.fullmatch(v):
        return False
    try:
        value = parse(v)
    except ValueError:
        return False
    return getattr(value, "tzinfo", None) is None


def is_uuid(v: str) -> bool:
    if len(v) != 36:
        return False
    try:
        uuidlib.UUID(v)
    except ValueError:
        return False
    return True


_local = threading.local()


def _sqlite() -> sqlite3.Connection:
    conn = getattr(_local, "conn", None)
    if conn is None:
        conn = sqlite3.connect(":memory:")
        _local.conn = conn
    return conn


def _check_constraints(table: str, checks: tuple[str, ...], values: Mapping[str, object],
                       cols: tuple[_Column, ...], tr: Any = i18n) -> list[str]:
    """The table's CHECK constraints, evaluated by SQLite on the row (as the database would:
    NULL passes)."""
    if not checks:
        return []
    names = [c.name for c in cols]
    params = [values.get(n) for n in names]
    inner = ", ".join(f'? AS "{n}"' for n in names)
    out = []
    conn = _sqlite()
    for expr in checks:
        try:
            row = conn.execute(f"SELECT ({expr}) FROM (SELECT {inner})", params).fetchone()
        except sqlite3.Error:
            row = (0,)
        if row is not None and row[0] is not None and not row[0]:
            out.append(tr.gettext("{table}: rule not respected ({rule})").format(
                table=table, rule=one_line(expr, 80)))
    return out


def check_row(table: Table | str, values: Mapping[str, object], tr: Any = None) -> list[str]:
    """The reasons why `values` (column -> value as SQLite returns it) cannot be stored in
    `table`; an empty list when the row is valid. Every column of the table is checked (a
    missing one counts as NULL). The reasons are in the interface's language, or in the
    language of `tr` (i18n.french() for the CRSS import log, which is data: French)."""
    tr = i18n if tr is None else tr
    name = table if isinstance(table, str) else table.name
    if name not in _tables():
        return [tr.gettext("unknown table {name}").format(name=_show(name, tr))]
    cols, checks = _rules(name)
    known = {c.name for c in cols}
    reasons = [tr.gettext("{table}: unknown column {name}").format(table=name, name=_show(k, tr))
               for k in values if k not in known]
    for col in cols:
        reason = _check_value(name, col, values.get(col.name), tr)
        if reason:
            reasons.append(reason)
    if not reasons:
        reasons += _check_constraints(name, checks, values, cols, tr)
    return reasons


def reduce_file_names(conn: sqlite3.Connection) -> int:
    """Every stored file name (FILE_NAME_COLUMNS) of a database from outside (a restored
    backup, a file imported at the CRSS) reduced to fileio.safe_base_name, in place; returns
    how many were changed. A name like `../../x` or `C:\\x` never reaches a folder."""
    present = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    changed = 0
    for table in m.Base.metadata.sorted_tables:
        if table.name not in present:
            continue
        for col in table.columns:
            if col.name not in FILE_NAME_COLUMNS:
                continue
            t, c = _quote(table.name), _quote(col.name)
            for rid, name in conn.execute(f"SELECT rowid, {c} FROM {t} WHERE {c} != ''"
                                          ).fetchall():
                if isinstance(name, str) and safe_base_name(name) != name:
                    conn.execute(f"UPDATE {t} SET {c} = ? WHERE rowid = ?",
                                 (safe_base_name(name), rid))
                    changed += 1
    return changed


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


__all__ = ["check_row", "reduce_file_names", "safe_base_name", "printable", "one_line", "is_uuid", "CODES", "RANGES"]
