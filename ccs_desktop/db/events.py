"""Session hooks: version counters, timestamps and the search index, in one place.

Every change to a travelling record increases its `version` and stamps `updated_at` and the
committee's restore `generation`; the CRSS merges on versions, never on clocks. An import that
copies rows from another database sets `session.info["preserve_versions"] = True`.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from sqlalchemy import event
from sqlalchemy.orm import Session

from . import audit_log, search
from .base import Syncable, utcnow


@event.listens_for(Session, "before_flush")
def _stamp_versions(session: Session, _flush_context: Any, _instances: Any) -> None:
    if session.info.get("preserve_versions"):
        return
    now = utcnow()
    generation = session.info.get("generation", 0)
    for obj in session.new:
        if isinstance(obj, Syncable):
            obj.generation = generation
            if obj.created_at is None:
                obj.created_at = now
            obj.updated_at = obj.updated_at or now
    for obj in session.dirty:
        if isinstance(obj, Syncable) and session.is_modified(obj, include_collections=True):
            obj.version = (obj.version or 0) + 1
            obj.updated_at = now
            obj.generation = generation


@event.listens_for(Session, "after_flush")
def _update_search_index(session: Session, _flush_context: Any) -> None:
    if session.info.get("skip_search_index"):
        return
    touched: dict[type, list[Any]] = defaultdict(list)
    for obj in list(session.new) + list(session.dirty):
        if type(obj) in search.SEARCHABLE:
            touched[type(obj)].append(obj)
    deleted: dict[type, list[int]] = defaultdict(list)
    for obj in session.deleted:
        if type(obj) in search.SEARCHABLE:
            deleted[type(obj)].append(obj.id)
    if not touched and not deleted:
        return
    conn = session.connection()
    for model, objs in touched.items():
        search.index_rows(conn, model, objs)
    for model, ids in deleted.items():
        search.remove_ids(conn, model, ids)


audit_log.install()  # creates, updates and deletes of records go to the audit trail
