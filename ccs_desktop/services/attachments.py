"""Attachments: scans and photos kept inside the database, with their SHA-256."""

from __future__ import annotations

import hashlib
import mimetypes
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, undefer

from ..db import models as m
from ..db.engine import Database
from ..domain import enums
from ..fileio import os_error_text, safe_base_name, write_atomically
from ..i18n import _
from . import validation as v
from .errors import NotFound, ReadOnly, ValidationError
from .records import own_committee, tombstone
from .values import freeze, freeze_all, value_type

MAX_SIZE = 50 * 1024 * 1024

# what the attachments panel lists (the file itself stays in the database: `data`)
AttachmentRow = value_type("AttachmentRow", m.Attachment, exclude=("data",))


def _inside(folder: Path, target: Path) -> bool:
    try:
        return target.resolve().is_relative_to(folder.resolve())
    except (OSError, RuntimeError):
        return False


def _too_big() -> str:
    return _("The file is larger than {size} MB: reduce the resolution of the scan.").format(
        size=MAX_SIZE // (1024 * 1024))


def add_attachment_in(s: Session, *, filename: str, data: bytes, kind: str = "other",
                      meeting_id: int | None = None, activity_id: int | None = None,
                      description: str = "") -> m.Attachment:
    errors: dict[str, str] = {}
    kind = v.as_code(kind, enums.AttachmentKind, _("Attachment type"), errors, "kind")
    description = v.as_text(description, _("Description"), errors, "description",
                            multiline=True)
    v.raise_if(errors)
    if (meeting_id is None) == (activity_id is None):
        raise ValidationError(_("An attachment belongs to a meeting or to an activity."))
    if not isinstance(data, (bytes, bytearray)) or not data:
        raise ValidationError(_("The file is empty."))
    if len(data) > MAX_SIZE:
        raise ValidationError(_too_big())
    own = own_committee(s)
    committee_id = own.id if own is not None else None
    if meeting_id is not None:
        parent = v.find(s, m.Meeting, meeting_id, _("Meeting"), committee_id=committee_id)
    else:
        parent = v.find(s, m.Activity, activity_id, _("Activity"), committee_id=committee_id)
    name = safe_base_name(filename)
    row = m.Attachment(
        meeting_id=parent.id if meeting_id is not None else None,
        activity_id=parent.id if activity_id is not None else None,
        committee_id=parent.committee_id, kind=kind, filename=name,
        mime_type=mimetypes.guess_type(name)[0] or "application/octet-stream",
        description=description, size=len(data), sha256=hashlib.sha256(data).hexdigest(),
        data=bytes(data))
    s.add(row)
    s.flush()
    return row


class AttachmentsService:
    def __init__(self, db: Database) -> None:
        self.db = db

    def add_file(self, path: str | Path, *, kind: str = "other", meeting_id: int | None = None,
                 activity_id: int | None = None, description: str = "") -> Any:
        """Attach a file to a meeting or an activity: its AttachmentRow."""
        if isinstance(path, str) and path.strip():
            path = Path(path)
        if not isinstance(path, Path):
            raise ValidationError(_("Choose the file to attach."))
        try:
            if path.stat().st_size > MAX_SIZE:
                raise ValidationError(_too_big())
            data = path.read_bytes()
        except OSError as exc:
            raise ValidationError(_("Cannot read {name}: {error}.").format(
                name=v.shown(path.name), error=os_error_text(exc))) from None
        except ValueError:  # a NUL character in the path
            raise ValidationError(_("This file name cannot be read: choose the file "
                                    "again.")) from None
        with v.write_session(self.db, "attachments.edit") as s:
            row = add_attachment_in(s, filename=path.name, data=data, kind=kind,
                                    meeting_id=meeting_id, activity_id=activity_id,
                                    description=description)
            return freeze(AttachmentRow, row)

    def list_for(self, *, meeting_id: int | None = None,
                 activity_id: int | None = None) -> list[Any]:
        """The live attachments of a meeting or an activity (AttachmentRows), oldest first."""
        errors: dict[str, str] = {}
        if meeting_id is not None:
            meeting_id = v.as_id(meeting_id, _("Meeting"), errors, "meeting_id")
        if activity_id is not None:
            activity_id = v.as_id(activity_id, _("Activity"), errors, "activity_id")
        v.raise_if(errors)
        with self.db.session() as s:
            stmt = select(m.Attachment).where(m.Attachment.deleted_at.is_(None))
            if meeting_id is not None:
                stmt = stmt.where(m.Attachment.meeting_id == meeting_id)
            if activity_id is not None:
                stmt = stmt.where(m.Attachment.activity_id == activity_id)
            return list(freeze_all(AttachmentRow, s.scalars(stmt.order_by(m.Attachment.id))))

    def _row(self, s: Session, attachment_id: Any) -> m.Attachment:
        number = v.as_id(attachment_id, _("Attachment"))
        row = s.scalar(select(m.Attachment).options(undefer(m.Attachment.data))
                       .where(m.Attachment.id == number))
        if row is None or row.deleted_at is not None or row.data is None:
            raise NotFound(_("Attachment not found."))
        own = own_committee(s)
        if own is not None and row.committee_id != own.id:
            raise NotFound(_("Attachment not found."))
        return row

    def data(self, attachment_id: int) -> bytes:
        with self.db.session() as s:
            row = self._row(s, attachment_id)
            if hashlib.sha256(row.data).hexdigest() != row.sha256:
                raise ValidationError(_("The attachment is damaged (different fingerprint)."))
            return row.data

    def open_copy(self, attachment_id: int, folder: str | Path | None = None, *,
                  name: str | None = None) -> Path:
        """Export a copy of the attachment, in clear, into the folder the user chose (to keep
        it or to open it with another program; the window warns first): never a folder of
        its own choosing, never the system's temporary folder. Under `name` (what the user
        typed in the save dialog) or the stored name, made safe either way (a restored
        backup or an import can carry `../../x` or `/etc/x`), atomically; the SHA-256 is
        checked first and the resolved target is checked to be inside `folder`."""
        if folder is None or (isinstance(folder, str) and not folder.strip()):
            raise ValidationError(_("Choose the folder where the copy of the attachment is "
                                    "written."))
        with self.db.session() as s:
            row = self._row(s, attachment_id)
            stored = row.filename
            data = row.data
            if hashlib.sha256(data).hexdigest() != row.sha256:
                raise ValidationError(_("The attachment is damaged (different fingerprint)."))
        safe = safe_base_name(name if isinstance(name, str) and name.strip() else stored)
        try:
            base = Path(folder)
            if not base.is_dir():
                raise ValidationError(_("The folder chosen for the copy does not exist."))
            target = base / safe
            if not (_inside(base, target) and target.resolve().parent == base.resolve()):
                raise ValidationError(_("The name of this attachment would leave the chosen "
                                        "folder: it is not written."))
            write_atomically(target, data)
        except OSError as exc:
            raise ValidationError(_("Cannot write the copy of the attachment: {error}.")
                                  .format(error=os_error_text(exc))) from None
        except (ValueError, TypeError):  # a folder name no system accepts (NUL...)
            raise ValidationError(_("The folder chosen for the copy is not a valid folder "
                                    "name.")) from None
        return target

    def remove(self, attachment_id: int) -> None:
        with v.write_session(self.db, "attachments.edit") as s:
            row = self._row(s, attachment_id)
            meeting = s.get(m.Meeting, row.meeting_id) if row.meeting_id else None
            if meeting is not None and meeting.status == enums.MeetingStatus.ADOPTED.value \
                    and row.kind == enums.AttachmentKind.SIGNED_PV.value:
                raise ReadOnly(_("The signed scan of the adopted minutes {ref} is the "
                                 "authoritative record: it cannot be removed.")
                               .format(ref=meeting.reference))
            tombstone(row)
            row.data = None
