"""Conflicts left by a CRSS import for a person to settle.

A conflict is an incoming row with the same (generation, version) as the row the centre holds,
but different content (importer._conflict). The centre kept its row; here a person looks at
both and either keeps the CRSS version or takes the incoming one. The choice is recorded
(`resolution` "kept" or "replaced", `resolved_at`); the conflict leaves the open list.

Taking the incoming version writes its plain columns over the centre's row with the same
(generation, version), so that importing the same file again changes nothing. References to
other rows and file contents (blobs) never cause a conflict (the importer compares neither),
so they are left as the centre has them.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field

from sqlalchemy import LargeBinary, select

from ...db import models as m
from ...db import search
from ...db.engine import Database
from ...db.models_exchange import ImportConflict, ImportLogEntry
from ...i18n import N_, _, pgettext
from ..errors import NotFound, UserError, ValidationError
from ..rowcheck import check_row, one_line
from . import monthly

KEEP, TAKE = "keep", "take"
RESOLUTIONS = {KEEP: "kept", TAKE: "replaced"}
RESOLUTION_LABELS = {"kept": N_("CRSS version kept"),  # translated when shown
                     "replaced": N_("Received version taken")}


def table_label(table_name: str) -> str:
    """The kind of record a table holds, as a person reads it (the table name if unknown)."""
    labels = {"committees": pgettext("record kind", "committee"),
              "people": pgettext("record kind", "person"),
              "meetings": pgettext("record kind", "meeting"),
              "agenda_items": pgettext("record kind", "agenda item"),
              "attendances": pgettext("record kind", "attendance"),
              "amendments": pgettext("record kind", "amendment"),
              "threats": pgettext("record kind", "threat"),
              "threat_assessments": pgettext("record kind", "threat assessment"),
              "vulnerabilities": pgettext("record kind", "vulnerability"),
              "recommendations": pgettext("record kind", "recommendation"),
              "recommendation_followups": pgettext("record kind", "recommendation follow-up"),
              "activities": pgettext("record kind", "activity"),
              "attachments": pgettext("record kind", "attachment"),
              "restricted_notes": pgettext("record kind", "restricted note"),
              "stored_documents": pgettext("record kind", "archived PV")}
    return labels.get(table_name, table_name)
# bookkeeping columns: never shown as a difference, never written when taking a version
_SKIP = {"id", "uuid", "committee_id", "created_at", "updated_at", "generation", "version"}
_MODELS = {model.__table__.name: model for model in m.SYNCABLE_MODELS}


@dataclass
class Difference:
    column: str
    current: object
    incoming: object


@dataclass
class ConflictRow:
    id: int
    table_name: str
    row_uuid: str
    committee_uuid: str
    committee_code: str
    committee_name: str
    region: str
    cercle: str
    commune: str
    generation: int
    version: int
    created_at: dt.datetime | None
    file_name: str
    resolved_at: dt.datetime | None
    resolution: str
    title: str = ""
    differences: list[Difference] = field(default_factory=list)

    @property
    def is_open(self) -> bool:
        return self.resolved_at is None

    @property
    def table_label(self) -> str:
        return table_label(self.table_name)

    @property
    def resolution_label(self) -> str:
        label = RESOLUTION_LABELS.get(self.resolution)
        return _(label) if label else self.resolution


def _fk_and_blob_columns(table_name: str) -> set[str]:
    model = _MODELS.get(table_name)
    if model is None:
        return set()
    out = set()
    for col in model.__table__.columns:
        if col.foreign_keys or isinstance(col.type, LargeBinary):
            out.add(col.name)
    return out


def _norm(v: object) -> object:
    if isinstance(v, bool):
        return int(v)
    return v


def _current_row(s, table_name: str, row_uuid: str) -> dict | None:  # noqa: ANN001
    model = _MODELS.get(table_name)
    if model is None:
        return None
    cols = [c.name for c in model.__table__.columns]
    row = s.connection().exec_driver_sql(
        f'SELECT {", ".join(chr(34) + c + chr(34) for c in cols)} FROM "{table_name}" '
        "WHERE uuid = ?", (row_uuid,)).fetchone()
    return dict(zip(cols, row, strict=True)) if row is not None else None


def _differences(table_name: str, current: dict | None, incoming: dict) -> list[Difference]:
    skip = _SKIP | _fk_and_blob_columns(table_name)
    out = []
    for col, value in incoming.items():
        if col in skip:
            continue
        cur = current.get(col) if current else None
        if _norm(cur) != _norm(value):
            out.append(Difference(col, cur, value))
    return out


def _title(row: dict | None) -> str:
    if not row:
        return ""
    for key in ("title", "name", "number", "code", "family_name", "text"):
        v = row.get(key)
        if isinstance(v, str) and v.strip():
            return v.strip()[:120]
    return ""


def list_conflicts(db: Database, *, open_only: bool = True,
                   committee_uuid: str | None = None) -> list[ConflictRow]:
    """Conflicts (open ones by default), newest first, with what differs."""
    with db.session() as s:
        stmt = (select(ImportConflict, ImportLogEntry.file_name)
                .join(ImportLogEntry, ImportLogEntry.id == ImportConflict.import_id,
                      isouter=True)
                .order_by(ImportConflict.id.desc()))
        if open_only:
            stmt = stmt.where(ImportConflict.resolved_at.is_(None))
        if committee_uuid:
            stmt = stmt.where(ImportConflict.committee_uuid == committee_uuid)
        committees = {c.uuid: c for c in s.scalars(select(m.Committee))}
        out = []
        for conflict, file_name in s.execute(stmt).all():
            try:
                incoming = json.loads(conflict.incoming or "{}")
            except ValueError:
                incoming = {}
            current = _current_row(s, conflict.table_name, conflict.row_uuid)
            c = committees.get(conflict.committee_uuid)
            out.append(ConflictRow(
                conflict.id, conflict.table_name, conflict.row_uuid, conflict.committee_uuid,
                c.code if c else "", c.name if c else "", c.region if c else "",
                c.cercle if c else "", c.commune if c else "", conflict.generation,
                conflict.version, conflict.created_at, file_name or "", conflict.resolved_at,
                conflict.resolution, _title(current) or _title(incoming),
                _differences(conflict.table_name, current, incoming)))
        return out


def count_open(db: Database) -> int:
    from sqlalchemy import func

    with db.session() as s:
        return int(s.scalar(select(func.count(ImportConflict.id))
                            .where(ImportConflict.resolved_at.is_(None))) or 0)


def settle(db: Database, conflict_id: int, choice: str) -> ConflictRow:
    """Keep the CRSS version (choice "keep") or take the incoming one ("take")."""
    if choice not in RESOLUTIONS:
        raise ValidationError(_("Unknown choice: keep the CRSS version or take the received "
                                "version."))
    with db.session() as s:
        conflict = s.get(ImportConflict, conflict_id)
        if conflict is None:
            raise NotFound(_("This conflict no longer exists."))
        if conflict.resolved_at is not None:
            raise UserError(_("This conflict has already been settled."))
        if choice == TAKE:
            _take_incoming(s, conflict)
        conflict.resolution = RESOLUTIONS[choice]
        conflict.resolved_at = m.utcnow()
        # the same incoming row waiting in other open conflicts (the same file imported
        # twice before this change) is settled with it
        for twin in s.scalars(select(ImportConflict).where(
                ImportConflict.id != conflict.id,
                ImportConflict.resolved_at.is_(None),
                ImportConflict.table_name == conflict.table_name,
                ImportConflict.row_uuid == conflict.row_uuid,
                ImportConflict.generation == conflict.generation,
                ImportConflict.version == conflict.version,
                ImportConflict.incoming == conflict.incoming)):
            twin.resolution, twin.resolved_at = conflict.resolution, conflict.resolved_at
        conflict_row_id = conflict.id
    rows = [r for r in list_conflicts(db, open_only=False) if r.id == conflict_row_id]
    return rows[0]


def _take_incoming(s, conflict: ImportConflict) -> None:  # noqa: ANN001
    model = _MODELS.get(conflict.table_name)
    if model is None:
        raise UserError(_("Unknown table in the conflict: {table}.").format(
            table=conflict.table_name))
    try:
        incoming = json.loads(conflict.incoming or "{}")
    except ValueError:
        raise UserError(_("The conflict is unreadable: keep the CRSS version.")) from None
    current = _current_row(s, conflict.table_name, conflict.row_uuid)
    if current is None:
        raise NotFound(_("The row concerned no longer exists in the CRSS database."))
    if (current.get("generation") or 0, current.get("version") or 0) != (
            conflict.generation, conflict.version):
        raise UserError(_("The row has changed since this conflict (a more recent file has "
                          "arrived): keep the CRSS version."))
    skip = _SKIP | _fk_and_blob_columns(conflict.table_name)
    columns = {c.name for c in model.__table__.columns}
    values = {k: v for k, v in incoming.items() if k in columns and k not in skip}
    if not values:
        return
    # the incoming row was checked at import; a conflict recorded by an earlier version was
    # not: the row as it would be stored is checked again (rowcheck)
    problems = check_row(model.__table__, {**current, **values})
    if problems:
        raise UserError(_("The received version is not valid ({problems}): keep the CRSS "
                          "version.").format(problems=one_line("; ".join(problems[:3]), 300)))
    sets = ", ".join(f'"{k}" = ?' for k in values)
    s.connection().exec_driver_sql(f'UPDATE "{conflict.table_name}" SET {sets} WHERE id = ?',
                                   (*values.values(), current["id"]))
    if model in search.SEARCHABLE:
        s.expire_all()
        obj = s.get(model, current["id"])
        if obj is not None:
            search.index_rows(s.connection(), model, [obj])
    # the dashboard's monthly figures of the committee the triggers noted, in this
    # transaction (services/crss/monthly.py)
    monthly.refresh(s, ())


__all__ = ["ConflictRow", "Difference", "list_conflicts", "count_open", "settle", "KEEP",
           "TAKE"]
