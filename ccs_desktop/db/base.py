"""Declarative base, naming convention and the columns every travelling record carries."""

from __future__ import annotations

import datetime as dt
from uuid import UUID

import uuid6
from sqlalchemy import DateTime, ForeignKey, Integer, MetaData, String, func
from sqlalchemy.orm import DeclarativeBase, Mapped, declared_attr, mapped_column

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def utcnow() -> dt.datetime:
    """Naive UTC timestamp (SQLite keeps no zone); every timestamp in the database is UTC."""
    return dt.datetime.now(dt.UTC).replace(tzinfo=None, microsecond=0)


def new_uuid() -> str:
    """A time-ordered UUID (version 7) as text."""
    return str(uuid6.uuid7())


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    type_annotation_map = {
        dt.datetime: DateTime(),
        str: String(),
        UUID: String(36),
    }


class Syncable:
    """Columns of every record that can travel between databases.

    `id` is the local INTEGER key (full-text search is keyed on it); `uuid` is the identity
    for exchange. `version` increases on every change (see db.events); a deleted record stays
    as a tombstone: `deleted_at` set, its content cleared. `generation` is the committee's
    restore generation at the time of the last change, so that edits made after restoring an
    old backup still win over what the CRSS received before.
    """

    __sync_content__: tuple[str, ...] = ()  # text columns cleared on deletion

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    uuid: Mapped[str] = mapped_column(String(36), unique=True, default=new_uuid)
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    version: Mapped[int] = mapped_column(default=1, server_default="1")
    generation: Mapped[int] = mapped_column(default=0, server_default="0")
    deleted_at: Mapped[dt.datetime | None] = mapped_column(default=None, index=False)

    @property
    def is_deleted(self) -> bool:
        return self.deleted_at is not None


class CommitteeOwned(Syncable):
    """A travelling record owned by one committee."""

    @declared_attr
    def committee_id(cls) -> Mapped[int]:  # noqa: N805
        return mapped_column(ForeignKey("committees.id"), index=True)


__all__ = ["Base", "Syncable", "CommitteeOwned", "utcnow", "new_uuid", "func"]
