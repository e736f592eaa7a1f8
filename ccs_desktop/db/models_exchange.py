"""Tables of the CRSS mode (revision 0002): register of expected committees, import log and
conflicts left for a person to settle. The trusted CRSS public key and the pseudonym secret
of a committee live in the settings table (keys "crss_public_key", "pseudonym_secret")."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Boolean, Date, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from .base import Base, utcnow


class RegisterEntry(Base):
    """An expected committee: one CCSC per commune, one CCSR per region (more can be added)."""

    __tablename__ = "crss_register"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    level: Mapped[str] = mapped_column(String(16))  # domain.enums.CommitteeLevel
    region: Mapped[str] = mapped_column(String(100), default="")
    cercle: Mapped[str] = mapped_column(String(100), default="")
    commune: Mapped[str] = mapped_column(String(100), default="")
    pcode: Mapped[str] = mapped_column(String(20), default="")
    # the committee that sends files for this place (Committee.uuid), once one arrived
    committee_uuid: Mapped[str | None] = mapped_column(String(36), default=None, index=True)
    installed_on: Mapped[dt.date | None] = mapped_column(Date, default=None)
    creation_decision: Mapped[str] = mapped_column(String(200), default="")
    partner: Mapped[str] = mapped_column(String(200), default="")
    # installe / fonctionnel / non_fonctionnel / inconnu
    status: Mapped[str] = mapped_column(String(24), default="inconnu")
    notes: Mapped[str] = mapped_column(Text, default="")
    is_listed: Mapped[bool] = mapped_column(Boolean, default=True)  # from the place lists
    last_file_name: Mapped[str] = mapped_column(String(255), default="")
    last_file_sha256: Mapped[str] = mapped_column(String(64), default="")
    last_received_at: Mapped[dt.datetime | None] = mapped_column(default=None)
    last_snapshot_at: Mapped[dt.datetime | None] = mapped_column(default=None)

    __table_args__ = (Index("ix_crss_register_place", "level", "region", "cercle", "commune"),)


class ImportLogEntry(Base):
    """One imported (or refused) file."""

    __tablename__ = "crss_import_log"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    imported_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    file_name: Mapped[str] = mapped_column(String(255), default="")
    file_sha256: Mapped[str] = mapped_column(String(64), default="", index=True)
    file_size: Mapped[int] = mapped_column(Integer, default=0)
    kind: Mapped[str] = mapped_column(String(16), default="")  # backup / transmission
    committee_uuid: Mapped[str] = mapped_column(String(36), default="")
    committee_code: Mapped[str] = mapped_column(String(40), default="")
    snapshot_at: Mapped[dt.datetime | None] = mapped_column(default=None)
    status: Mapped[str] = mapped_column(String(16), default="ok")  # ok / refused
    message: Mapped[str] = mapped_column(Text, default="")
    new: Mapped[int] = mapped_column(Integer, default=0)
    updated: Mapped[int] = mapped_column(Integer, default=0)
    unchanged: Mapped[int] = mapped_column(Integer, default=0)
    deleted: Mapped[int] = mapped_column(Integer, default=0)
    refused: Mapped[int] = mapped_column(Integer, default=0)
    conflicts: Mapped[int] = mapped_column(Integer, default=0)
    details: Mapped[str] = mapped_column(Text, default="")  # JSON: refused rows etc.


class ImportConflict(Base):
    """Same (generation, version) with different content: the centre keeps its row and the
    incoming one waits here for a person to choose."""

    __tablename__ = "crss_conflicts"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    import_id: Mapped[int] = mapped_column(ForeignKey("crss_import_log.id"), index=True)
    table_name: Mapped[str] = mapped_column(String(64))
    row_uuid: Mapped[str] = mapped_column(String(36), index=True)
    committee_uuid: Mapped[str] = mapped_column(String(36), default="")
    generation: Mapped[int] = mapped_column(Integer, default=0)
    version: Mapped[int] = mapped_column(Integer, default=0)
    incoming: Mapped[str] = mapped_column(Text, default="")  # JSON of the incoming row
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    resolved_at: Mapped[dt.datetime | None] = mapped_column(default=None)
    resolution: Mapped[str] = mapped_column(String(16), default="")  # kept / replaced


class CommitteeKey(Base):
    """The signing key (Ed25519) a committee signs its files with, as the CRSS registered it
    (issue 12): the first key seen is not confirmed until the CRSS compares its fingerprint
    with the committee (`ccs crss accept-key`); a file signed by another key is refused, and
    that key waits in `pending_public_key` until the CRSS accepts it explicitly. The last
    (restore generation, file sequence) imported orders the committee's files: an older or
    equal one is refused (a replay), except the same file again."""

    __tablename__ = "crss_committee_keys"

    committee_uuid: Mapped[str] = mapped_column(String(36), primary_key=True)
    public_key: Mapped[str] = mapped_column(String(64))  # base64 of the raw 32 bytes
    confirmed: Mapped[bool] = mapped_column(Boolean, default=False)
    first_seen_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    confirmed_at: Mapped[dt.datetime | None] = mapped_column(default=None)
    pending_public_key: Mapped[str] = mapped_column(String(64), default="")
    last_generation: Mapped[int] = mapped_column(Integer, default=0)
    last_sequence: Mapped[int] = mapped_column(Integer, default=0)
    last_sha256: Mapped[str] = mapped_column(String(64), default="")
