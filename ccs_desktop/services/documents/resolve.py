"""Finding a meeting from what a user types: its number, its UUID, or "N/YYYY"."""

from __future__ import annotations

import re

from sqlalchemy import select

from ...db import models as m
from ...db import settings
from ...i18n import _, join_items
from ..errors import NotFound, UserError
from .words import date_text

# ASCII digits only: str.isdigit() and \d accept "²" or "١" (int() refuses the first and
# reads the second as 1)
_ID = re.compile(r"[0-9]{1,18}")  # an id, never past SQLite's integers
_NUMBER_YEAR = re.compile(r"\s*([0-9]{1,4})\s*/\s*([0-9]{4})\s*")
_UUID = re.compile(r"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-"
                   r"[0-9a-fA-F]{12}$")
_LISTED = 15


def _own_committee_id(session) -> int | None:  # noqa: ANN001
    uuid = settings.read(session, settings.OWN_COMMITTEE)
    if not uuid:
        return None
    return session.scalar(select(m.Committee.id).where(m.Committee.uuid == uuid))


def _describe(meeting: m.Meeting, code: str = "") -> str:
    who = f" {code}" if code else ""
    return f"{meeting.number}/{meeting.year}{who} (id {meeting.id}, {date_text(meeting.date)})"


def _existing(session) -> str:  # noqa: ANN001
    rows = session.execute(
        select(m.Meeting, m.Committee.code)
        .join(m.Committee, m.Committee.id == m.Meeting.committee_id)
        .where(m.Meeting.deleted_at.is_(None))
        .order_by(m.Meeting.date.desc(), m.Meeting.id.desc())
        .limit(_LISTED + 1)
    ).all()
    if not rows:
        return _("No meeting is recorded.")
    listed = join_items(_describe(meeting, code) for meeting, code in rows[:_LISTED])
    more = join_items(("", "…")) if len(rows) > _LISTED else ""
    return _("Meetings recorded (the latest): {meetings}{more}.").format(meetings=listed,
                                                                        more=more)


def resolve_meeting(db, spec: str | int) -> int:  # noqa: ANN001
    """The id of the meeting named by `spec`: its id, its UUID, or "N/YYYY" (number/year,
    in the own committee first). Unknown or ambiguous: a French error listing what exists."""
    text = str(spec).strip()
    with db.session() as session:
        meeting = None
        if _ID.fullmatch(text):
            meeting = session.get(m.Meeting, int(text))
        elif _UUID.fullmatch(text):
            meeting = session.scalar(select(m.Meeting).where(m.Meeting.uuid == text.lower()))
        elif match := _NUMBER_YEAR.fullmatch(text):
            number, year = int(match.group(1)), int(match.group(2))
            rows = session.execute(
                select(m.Meeting, m.Committee.code)
                .join(m.Committee, m.Committee.id == m.Meeting.committee_id)
                .where(m.Meeting.number == number, m.Meeting.year == year,
                       m.Meeting.deleted_at.is_(None))
                .order_by(m.Meeting.id)
            ).all()
            own = _own_committee_id(session)
            mine = [r for r in rows if r[0].committee_id == own]
            if len(mine) == 1:
                rows = mine
            if len(rows) > 1:
                choices = join_items(_describe(mt, code) for mt, code in rows)
                raise UserError(_("The meeting “{text}” is ambiguous: {choices}. Give its "
                                  "identifier.").format(text=text, choices=choices))
            meeting = rows[0][0] if rows else None
        else:
            raise UserError(_("Meeting “{text}” not recognised: give its identifier, its "
                              "UUID or “number/year” (for example 3/2024). {existing}")
                            .format(text=text, existing=_existing(session)))
        if meeting is None or meeting.deleted_at is not None:
            raise NotFound(_("Meeting “{text}” not found. {existing}").format(
                text=text, existing=_existing(session)))
        return meeting.id
