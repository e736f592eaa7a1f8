"""Coherence warnings, as DHIS2's validation rules give them: what contradicts itself in a
meeting before its PV is adopted (or it is marked held), and in a recommendation's letter
before it is transmitted.

A warning never blocks: the secretary reads the list, fixes what is wrong or confirms. The
checks read the database through the services and return small frozen values (no Qt here):

    for w in meeting_warnings(services, meeting_id, adopted_by=later_id):
        print(w.text)
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from ..domain import enums
from ..i18n import _
from .documents.words import date_text


@dataclass(frozen=True)
class CoherenceWarning:
    code: str  # stable: tests and the screens tell warnings apart by it
    text: str  # French, a sentence to read


def _as_date(value: Any) -> dt.date | None:
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        return None


def meeting_warnings(services: Any, meeting_id: int, *, adopted_by: int | None = None,
                     today: dt.date | None = None) -> list[CoherenceWarning]:
    """What contradicts itself in a meeting: attendance figures, dates, quorum, who presides
    and who keeps the minutes. adopted_by: the meeting that adopts its PV (when adopting)."""
    today = today or dt.date.today()
    meeting = services.meetings.get(meeting_id)
    out: list[CoherenceWarning] = []

    def warn(code: str, text: str) -> None:
        out.append(CoherenceWarning(code, text))

    counts = services.meetings.attendance_counts(meeting_id)
    if counts.present > counts.members_active:
        warn("present_over_members", _(
            "{present} members are marked present but the committee has {members} active "
            "members.").format(present=counts.present, members=counts.members_active))
    if counts.present_women + counts.present_men != counts.present:
        warn("sexes_sum", _(
            "Present: {women} women + {men} men do not make the {present} present (the sex "
            "of some members is not recorded).").format(
            women=counts.present_women, men=counts.present_men, present=counts.present))
    if not counts.quorum_reached:
        warn("quorum", _("Quorum not reached: {present} members present, {needed} "
                         "needed.").format(present=counts.present,
                                           needed=counts.quorum_needed))
    date = meeting.date
    if date is not None and date > today:
        warn("future", _("The meeting is dated {date}, in the future.").format(
            date=date_text(date)))
    convocation = meeting.convocation_date
    if convocation is not None and date is not None and convocation > date:
        warn("convocation_after", _("The convocation ({convocation}) is dated after the "
                                    "meeting ({date}).").format(
            convocation=date_text(convocation), date=date_text(date)))
    if adopted_by is not None and date is not None:
        later = services.meetings.get(adopted_by)
        if later.date is not None and later.date <= date:
            warn("adopted_before", _("The adopting meeting ({later}) is not after this "
                                     "meeting ({date}).").format(
                later=date_text(later.date), date=date_text(date)))
    statuses = {a.person_id: a.status for a in services.meetings.attendance(meeting_id)}
    for role, person_id, missing, away in (
            ("chair", meeting.chair_id, _("No chair is chosen for the meeting."),
             _("The chair ({name}) is marked « {status} » but presides in the PV.")),
            ("secretary", meeting.secretary_id, _("No secretary is chosen for the meeting."),
             _("The secretary ({name}) is marked « {status} » but keeps the minutes in the "
               "PV."))):
        if person_id is None:
            warn(f"{role}_missing", missing)
            continue
        status = statuses.get(person_id)
        if status is not None and status != "present":
            person = services.people.get(person_id)
            warn(f"{role}_absent", away.format(name=person.display_name,
                                               status=_status_label(status)))
    return out


def _status_label(status: str) -> str:
    return enums.AttendanceStatus.label_of(status)


def transmission_warnings(services: Any, recommendation_id: int, *, status: str,
                          date: Any, letter_number: str = "",
                          today: dt.date | None = None) -> list[CoherenceWarning]:
    """What contradicts itself in a follow-up step about to be recorded: a transmission
    without a letter number, a letter dated before the meeting that made the recommendation,
    or in the future."""
    today = today or dt.date.today()
    out: list[CoherenceWarning] = []
    when = _as_date(date)
    if status == "transmitted" and not (letter_number or "").strip():
        out.append(CoherenceWarning("letter_number", _(
            "The recommendation is « transmitted » but the letter has no number.")))
    if when is not None and when > today:
        out.append(CoherenceWarning("future", _("The letter is dated {date}, in the "
                                                "future.").format(date=date_text(when))))
    rec = services.recommendations.get(recommendation_id)
    if when is not None and rec.meeting_id is not None:
        meeting = services.meetings.get(rec.meeting_id)
        if meeting.date is not None and when < meeting.date:
            out.append(CoherenceWarning("before_meeting", _(
                "The letter ({date}) is dated before the meeting that made the recommendation "
                "({meeting}).").format(date=date_text(when), meeting=date_text(meeting.date))))
    return out
