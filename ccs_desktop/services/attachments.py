"""Attachments: scans and photos kept inside the database, with their SHA-256."""

from __future__ import annotations

import hashlib
import mimetypes
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session, undefer

from ..fileio import french_os_error
from ..db import models as m
from ..domain import enums
from ..db.engine import Database
from .errors import ValidationError
from .records import tombstone

MAX_SIZE = 50 * 1024 * 1024


def add_attachment_in(s: Session, *, filename: str, data: bytes, kind: str = "other",
                      meeting_id: int | None = None, activity_id: int | None = None,
                      description: str = "") -> m.Attachment:
    if kind not in enums.AttachmentKind.codes():
        raise ValidationError({"kind": f"Type de pièce jointe inconnu : « {kind} »."})
    if (meeting_id is None) == (activity_id is None):
        raise ValidationError("Une pièce jointe se rattache à une réunion ou à une activité.")
    if not data:
        raise ValidationError("Le fichier est vide.")
    if len(data) > MAX_SIZE:
        raise ValidationError(f"Le fichier dépasse {MAX_SIZE // (1024 * 1024)} Mo : "
                              "réduisez la résolution du scan.")
    parent = s.get(m.Meeting, meeting_id) if meeting_id else s.get(m.Activity, activity_id)
    if parent is None or parent.deleted_at is not None:
        raise ValidationError("Réunion ou activité introuvable.")
    row = m.Attachment(
        meeting_id=meeting_id, activity_id=activity_id, committee_id=parent.committee_id,
        kind=kind, filename=Path(filename).name,
        mime_type=mimetypes.guess_type(filename)[0] or "application/octet-stream",
        description=description, size=len(data), sha256=hashlib.sha256(data).hexdigest(),
        data=data)
    s.add(row)
    s.flush()
    return row


class AttachmentsService:
    def __init__(self, db: Database) -> None:
        self.db = db

    def add_file(self, path: str | Path, *, kind: str = "other", meeting_id: int | None = None,
                 activity_id: int | None = None, description: str = "") -> m.Attachment:
        path = Path(path)
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise ValidationError(f"Impossible de lire « {path.name} » : "
                                  f"{french_os_error(exc)}.") from None
        with self.db.session() as s:
            return add_attachment_in(s, filename=path.name, data=data, kind=kind,
                                     meeting_id=meeting_id, activity_id=activity_id,
                                     description=description)

    def list_for(self, *, meeting_id: int | None = None,
                 activity_id: int | None = None) -> list[m.Attachment]:
        with self.db.session() as s:
            stmt = select(m.Attachment).where(m.Attachment.deleted_at.is_(None))
            if meeting_id is not None:
                stmt = stmt.where(m.Attachment.meeting_id == meeting_id)
            if activity_id is not None:
                stmt = stmt.where(m.Attachment.activity_id == activity_id)
            return list(s.scalars(stmt.order_by(m.Attachment.id)).all())

    def data(self, attachment_id: int) -> bytes:
        with self.db.session() as s:
            row = s.scalar(select(m.Attachment).options(undefer(m.Attachment.data))
                           .where(m.Attachment.id == attachment_id))
            if row is None or row.deleted_at is not None or row.data is None:
                raise ValidationError("Pièce jointe introuvable.")
            if hashlib.sha256(row.data).hexdigest() != row.sha256:
                raise ValidationError("La pièce jointe est endommagée (empreinte différente).")
            return row.data

    def remove(self, attachment_id: int) -> None:
        with self.db.session() as s:
            row = s.get(m.Attachment, attachment_id)
            if row is None:
                return
            meeting = s.get(m.Meeting, row.meeting_id) if row.meeting_id else None
            if meeting is not None and meeting.status == enums.MeetingStatus.ADOPTED.value \
                    and row.kind == enums.AttachmentKind.SIGNED_PV.value:
                from .errors import ReadOnly

                raise ReadOnly(f"Le scan signé du procès-verbal adopté {meeting.reference} "
                               "fait foi : il ne peut pas être retiré.")
            tombstone(row)
            row.data = None
