"""Restricted notes ("DIFFUSION RESTREINTE"): never in a PV, never in a transmission."""

from __future__ import annotations

from sqlalchemy import select

from ..db import models as m
from typing import Any

from sqlalchemy.orm import Session

from ..db.engine import Database
from ..i18n import _
from . import roles
from . import validation as v
from .errors import ValidationError
from .records import own_committee_id, tombstone
from .values import freeze, value_type

NoteRow = value_type("NoteRow", m.RestrictedNote)


class RestrictedNotesService:
    def __init__(self, db: Database) -> None:
        self.db = db

    def add(self, text: str, *, meeting_id: int | None = None, agenda_item_id: int | None = None,
            threat_id: int | None = None) -> Any:
        """A new restricted note: its NoteRow."""
        errors: dict[str, str] = {}
        text = v.as_text(text, _("Restricted note"), errors, "text", multiline=True)
        if text == "" and "text" not in errors:
            errors["text"] = _("Restricted note: the text is empty.")
        v.raise_if(errors)
        if meeting_id is None and agenda_item_id is None and threat_id is None:
            raise ValidationError(_("A restricted note belongs to a meeting, an agenda item "
                                    "or a threat."))
        with v.write_session(self.db) as s:
            committee_id = own_committee_id(s)
            item = meeting = threat = None
            if agenda_item_id is not None:
                item = v.find(s, m.AgendaItem, agenda_item_id, _("Agenda item"),
                              errors, "agenda_item_id", committee_id=committee_id)
            if meeting_id is not None:
                meeting = v.find(s, m.Meeting, meeting_id, _("Meeting"), errors, "meeting_id",
                                 committee_id=committee_id)
            if threat_id is not None:
                threat = v.find(s, m.Threat, threat_id, _("Threat"), errors, "threat_id",
                                committee_id=committee_id)
            if item is not None and meeting is not None and item.meeting_id != meeting.id:
                errors["agenda_item_id"] = _("This agenda item belongs to another meeting.")
            v.raise_if(errors)
            note = m.RestrictedNote(
                text=text, meeting_id=meeting.id if meeting else (item.meeting_id if item
                                                                  else None),
                agenda_item_id=item.id if item else None, threat_id=threat.id if threat else None,
                committee_id=committee_id)
            s.add(note)
            s.flush()
            return freeze(NoteRow, note)

    def _note(self, s: Session, note_id: Any) -> m.RestrictedNote:
        return v.find(s, m.RestrictedNote, note_id, _("Note"),
                      committee_id=own_committee_id(s))

    def update(self, note_id: int, text: str) -> Any:
        """A note's new text: its NoteRow."""
        errors: dict[str, str] = {}
        text = v.as_text(text, _("Restricted note"), errors, "text", required=True,
                         multiline=True)
        v.raise_if(errors)
        with v.write_session(self.db) as s:
            note = self._note(s, note_id)
            note.text = text
            s.flush()
            return freeze(NoteRow, note)

    def for_meeting(self, meeting_id: int) -> list[m.RestrictedNote]:
        meeting_id = v.as_id(meeting_id, _("Meeting"))
        if not roles.sees_restricted(self.db):
            return []  # a lecteur reads no restricted note (services.roles)
        with self.db.session() as s:
            return list(s.scalars(select(m.RestrictedNote).where(
                m.RestrictedNote.meeting_id == meeting_id,
                m.RestrictedNote.deleted_at.is_(None)).order_by(m.RestrictedNote.id)).all())

    def remove(self, note_id: int) -> None:
        with v.write_session(self.db) as s:
            tombstone(self._note(s, note_id))

