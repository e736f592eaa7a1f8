"""Restricted notes ("DIFFUSION RESTREINTE"): never in a PV, never in a transmission."""

from __future__ import annotations

from sqlalchemy import select

from ..db import models as m
from ..db.engine import Database
from .errors import ValidationError
from .records import clean_text, own_committee_id, tombstone


class RestrictedNotesService:
    def __init__(self, db: Database) -> None:
        self.db = db

    def add(self, text: str, *, meeting_id: int | None = None, agenda_item_id: int | None = None,
            threat_id: int | None = None) -> m.RestrictedNote:
        text = clean_text(text)
        if not text:
            raise ValidationError({"text": "Note restreinte : le texte est vide."})
        if meeting_id is None and agenda_item_id is None and threat_id is None:
            raise ValidationError("Une note restreinte se rattache à une réunion, un point "
                                  "de l'ordre du jour ou une menace.")
        with self.db.session() as s:
            if agenda_item_id is not None and meeting_id is None:
                item = s.get(m.AgendaItem, agenda_item_id)
                meeting_id = item.meeting_id if item else None
            note = m.RestrictedNote(text=text, meeting_id=meeting_id,
                                    agenda_item_id=agenda_item_id, threat_id=threat_id,
                                    committee_id=own_committee_id(s))
            s.add(note)
            s.flush()
        return note

    def update(self, note_id: int, text: str) -> m.RestrictedNote:
        with self.db.session() as s:
            note = s.get(m.RestrictedNote, note_id)
            if note is None or note.deleted_at is not None:
                raise ValidationError("Note introuvable.")
            note.text = clean_text(text)
        return note

    def for_meeting(self, meeting_id: int) -> list[m.RestrictedNote]:
        with self.db.session() as s:
            return list(s.scalars(select(m.RestrictedNote).where(
                m.RestrictedNote.meeting_id == meeting_id,
                m.RestrictedNote.deleted_at.is_(None)).order_by(m.RestrictedNote.id)).all())

    def for_threat(self, threat_id: int) -> list[m.RestrictedNote]:
        with self.db.session() as s:
            return list(s.scalars(select(m.RestrictedNote).where(
                m.RestrictedNote.threat_id == threat_id,
                m.RestrictedNote.deleted_at.is_(None)).order_by(m.RestrictedNote.id)).all())

    def remove(self, note_id: int) -> None:
        with self.db.session() as s:
            note = s.get(m.RestrictedNote, note_id)
            if note is not None:
                tombstone(note)
