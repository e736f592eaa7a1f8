"""Meetings: numbering, agenda, attendance, not held, adoption and amendments."""

from __future__ import annotations

import datetime as dt
import logging
import random
import time
from collections import Counter
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, Iterator

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ..db import models as m
from ..domain import enums, quorum
from ..domain.agenda import ALL_STANDING_ITEMS, standing_items
from ..domain.french import de
from ..i18n import _
from . import audit, roles
from . import validation as v
from .errors import ReadOnly, ValidationError
from .values import freeze, freeze_all, value_type
from .records import (
    CREATED, Change, RecordService, Saved, as_date, as_int, as_time, check_code, filter_year, iter_fields,
    lookup_person, optional_text, own_committee, own_committee_id, tombstone,
)

log = logging.getLogger(__name__)

NUMBER_ATTEMPTS = 50  # concurrent writers: how often a create takes the next free number

FIELDS = ("number", "year", "kind", "status", "not_held_reason", "not_held_reason_text", "date",
          "start_time", "end_time", "place", "chair_id", "secretary_id", "convened_by",
          "convocation_date", "notes", "committee_id", "presiding_person_id",
          "extraordinary_reason", "postponed_to")

#: the commune's wording (a committee's own: agenda.standing_items(committee.level))
STANDING_ITEMS = standing_items("commune")


def reference(number: int, year: int, code: str) -> str:
    """"PV N°003/2024/CCSC-ALAFIA"."""
    return f"PV N°{number:03d}/{year}/{code}"


@dataclass
class AttendanceCounts:
    present: int = 0
    absent: int = 0
    excused: int = 0
    present_women: int = 0
    present_men: int = 0
    present_youth: int = 0
    guests: int = 0
    members_active: int = 0
    quorum_needed: int = 0
    by_category: dict[str, int] | None = None

    @property
    def quorum_reached(self) -> bool:
        return quorum.quorum_reached(self.present, self.quorum_needed)


@dataclass(frozen=True)
class LinkedThreat:
    """A threat discussed at a meeting, as its tab lists it."""
    id: int
    title: str
    level: str
    score: int
    reassessed_here: bool  # a re-assessment was recorded at this meeting


@dataclass(frozen=True)
class LinkedVulnerability:
    id: int
    title: str
    place_name: str | None


@dataclass(frozen=True)
class MeetingLinks:
    """The threats and vulnerabilities linked to a meeting (deleted ones left out)."""
    threats: tuple[LinkedThreat, ...]
    vulnerabilities: tuple[LinkedVulnerability, ...]


@dataclass(frozen=True)
class AmendmentRow:
    id: int
    date: dt.date
    reason: str
    text: str


@dataclass(frozen=True)
class Adoption:
    """What an adoption changed: the minutes adopted and whether their PDF is archived
    (`archive_error` says why not; the adoption itself is saved all the same)."""
    meeting_id: int
    reference: str
    adopted_on: dt.date
    adopted_by_meeting_id: int | None
    archive_error: str | None = None

    @property
    def archived(self) -> bool:
        return self.archive_error is None


AgendaItemRow = value_type("AgendaItemRow", m.AgendaItem)
AttendanceRow = value_type("AttendanceRow", m.Attendance)


class _WithinTransaction:
    """A `db` whose `session()` is the caller's open session, inside a savepoint: a document
    frozen through it belongs to the caller's transaction, and its failure undoes only what
    the freezing wrote."""

    def __init__(self, session: Session) -> None:
        self._session = session

    @contextmanager
    def session(self, **_: Any) -> Iterator[Session]:
        with self._session.begin_nested():
            yield self._session


def quorum_needed(committee: m.Committee, active_members: int) -> int:
    return quorum.quorum_needed(committee.quorum_rule, committee.quorum_value, active_members)


class MeetingsService(RecordService):
    model = m.Meeting
    default_order = ("date", True)
    Row = value_type("MeetingRow", m.Meeting, extra=("is_adopted",))
    #: what the meeting editor's tabs show, resolved: adopted_by_date (the date of the
    #: meeting that adopted these minutes, None if none), agenda (AgendaItemRow, in order),
    #: attendance (AttendanceRow, by name), restricted_notes (NoteRow of the meeting and its
    #: agenda items) and previous_to_adopt (the MeetingRow of previous_unadopted, or None)
    Detail = value_type("MeetingDetail", m.Meeting, extra=("is_adopted",), resolved=(
        "adopted_by_date", "agenda", "attendance", "restricted_notes", "previous_to_adopt"))
    sort_columns = {"reference": m.Meeting.date}
    filters = {
        "year": lambda stmt, val: stmt.where(m.Meeting.year == filter_year(val)),
        "status": lambda stmt, v: stmt.where(
            m.Meeting.status.in_(list(v)) if isinstance(v, (list, tuple, set)) else
            m.Meeting.status == v),
    }

    def _noun(self) -> str:
        return _("Meeting")

    def _not_deleted_message(self) -> str:
        return _("This meeting is not deleted: nothing to restore.")

    def to_detail(self, obj: m.Meeting, session: Session) -> Any:
        from .notes import NoteRow

        by = (session.get(m.Meeting, obj.adopted_by_meeting_id)
              if obj.adopted_by_meeting_id else None)
        previous = self._previous_unadopted(session, obj)
        notes = session.scalars(select(m.RestrictedNote).where(
            m.RestrictedNote.meeting_id == obj.id, m.RestrictedNote.deleted_at.is_(None))
            .order_by(m.RestrictedNote.id)) if roles.sees_restricted(self.db) else ()
        return freeze(
            self.Detail, obj,
            adopted_by_date=by.date if by is not None and by.deleted_at is None else None,
            agenda=freeze_all(AgendaItemRow, self._agenda(session, obj.id)),
            attendance=freeze_all(AttendanceRow, self._attendance(session, obj.id)),
            restricted_notes=freeze_all(NoteRow, notes),
            previous_to_adopt=self.to_row(previous) if previous is not None else None)

    # numbering -------------------------------------------------------------------------------
    def next_number(self, year: int, committee_id: int | None = None) -> int:
        year = v.as_int(year, _("Year"), None, "year", 2000, 2100)
        with self.db.session() as s:
            cid = (v.as_committee_id(s, committee_id, None) if committee_id is not None
                   else own_committee_id(s))
            top = s.scalar(select(func.max(m.Meeting.number)).where(
                m.Meeting.committee_id == cid, m.Meeting.year == year,
                m.Meeting.deleted_at.is_(None)))
            return int(top or 0) + 1

    def validate(self, values: dict[str, Any], existing: m.Meeting | None,
                 session: Session) -> dict[str, Any]:
        iter_fields(values, FIELDS)
        errors: dict[str, str] = {}
        out: dict[str, Any] = {}
        get = (lambda k: values[k] if k in values else getattr(existing, k, None))
        committee_id = self.committee_of(values, existing, session, errors)
        out["committee_id"] = committee_id
        date = as_date(get("date"), _("Meeting date"), errors, "date")
        if date is None and "date" not in errors:
            errors["date"] = _("Meeting date: this field is required.")
        out["date"] = date
        start = as_time(get("start_time"), _("Start time"), errors, "start_time")
        end = as_time(get("end_time"), _("End time"), errors, "end_time")
        if start and end and end <= start:
            errors["end_time"] = _(
                "The meeting cannot end ({end_hour}:{end_minute}) before it has started "
                "({start_hour}:{start_minute}).").format(
                end_hour=f"{end:%H}", end_minute=f"{end:%M}", start_hour=f"{start:%H}",
                start_minute=f"{start:%M}")
        out["start_time"], out["end_time"] = start, end
        out["kind"] = check_code(v.or_default(get("kind"), "ordinary"), enums.MeetingKind,
                                 _("Kind of meeting"), errors, "kind")
        out["status"] = check_code(v.or_default(get("status"), "planned"), enums.MeetingStatus,
                                   _("Status"), errors, "status")
        if out["status"] == enums.MeetingStatus.ADOPTED.value and (
                existing is None or existing.status != out["status"]):
            errors["status"] = _("Status: minutes are adopted with “Record the adoption”, "
                                 "not by changing the status.")
        if out["status"] == enums.MeetingStatus.NOT_HELD.value:
            out["not_held_reason"] = check_code(get("not_held_reason"), enums.NotHeldReason,
                                                _("Reason not held"), errors,
                                                "not_held_reason")
        elif "not_held_reason" in values:
            out["not_held_reason"] = None
        if "not_held_reason_text" in values:
            out["not_held_reason_text"] = optional_text(
                values["not_held_reason_text"], _("Reason not held (details)"), errors,
                "not_held_reason_text", multiline=True)
        year_given = get("year")
        if year_given is None or (isinstance(year_given, str) and not year_given.strip()):
            year_given = date.year if date else None
        year = as_int(year_given, _("Year"), errors, "year", 2000, 2100)
        out["year"] = year
        number = get("number")
        allocated = False
        if (number is None or (isinstance(number, str) and not number.strip())) and year \
                and committee_id is not None:
            top = session.scalar(select(func.max(m.Meeting.number)).where(
                m.Meeting.committee_id == committee_id, m.Meeting.year == year,
                m.Meeting.deleted_at.is_(None)))
            number = int(top or 0) + 1
            allocated = True
        number = as_int(number, _("Meeting number"), errors, "number", 1, 999)
        out["number"] = number
        if number and year and "number" not in errors and committee_id is not None:
            clash = session.scalar(select(m.Meeting.id).where(
                m.Meeting.committee_id == committee_id, m.Meeting.year == year,
                m.Meeting.number == number, m.Meeting.deleted_at.is_(None),
                m.Meeting.id != (existing.id if existing is not None else -1)))
            if clash is not None and allocated:
                # another writer took it since our read: the caller takes the next one
                raise v.NumberTaken(_("Another meeting has just taken number {number} in "
                                      "{year}: try again.").format(number=number, year=year))
            if clash is not None:
                errors["number"] = _("A meeting already has number {number} in {year}: "
                                     "choose another number.").format(number=number,
                                                                      year=year)
        for name, label in (("place", _("Place")), ("convened_by", _("Convened by"))):
            if name in values:
                out[name] = optional_text(values[name], label, errors, name, 200)
        if "notes" in values:
            out["notes"] = optional_text(values["notes"], _("Notes"), errors, "notes",
                                         multiline=True)
        for name, label in (("chair_id", _("Chair of the meeting")),
                            ("secretary_id", _("Secretary of the meeting")),
                            ("presiding_person_id", _("Presiding member"))):
            if name in values:
                out[name] = lookup_person(session, values[name], label, errors, name,
                                          committee_id)
        presiding = out.get("presiding_person_id", get("presiding_person_id"))
        if presiding is not None and presiding == out.get("chair_id", get("chair_id")) \
                and "presiding_person_id" not in errors:
            errors["presiding_person_id"] = _("Presiding member: this person is the chair of "
                                              "the meeting; name another member, who presides "
                                              "only in the chair's absence.")
        if "convocation_date" in values:
            conv = as_date(values["convocation_date"], _("Convocation date"), errors,
                           "convocation_date")
            if conv and date and conv > date:
                errors["convocation_date"] = _("The convocation cannot be dated after the "
                                               "meeting.")
            out["convocation_date"] = conv
        if "extraordinary_reason" in values:
            out["extraordinary_reason"] = optional_text(
                values["extraordinary_reason"], _("Reason for the extraordinary meeting"),
                errors, "extraordinary_reason", 500) or None
        if "postponed_to" in values:
            later = as_date(values["postponed_to"], _("New date"), errors, "postponed_to")
            if later and date and later <= date:
                errors["postponed_to"] = _("New date: the meeting is put off to a day after "
                                           "its planned date ({date}).").format(
                    date=f"{date:%d/%m/%Y}")
            out["postponed_to"] = later
        if errors:
            raise ValidationError(errors)
        if existing is not None:
            out = {k: v for k, v in out.items()
                   if k in values}
        return out

    def before_write(self, obj: m.Meeting, session: Session) -> None:
        committee = session.get(m.Committee, obj.committee_id)
        obj.reference = reference(obj.number, obj.year, committee.code if committee else "CCS")

    def dependents(self, obj: m.Meeting, session: Session) -> list[Any]:
        found: list[Any] = []
        for model in (m.AgendaItem, m.Attendance, m.RestrictedNote, m.ThreatAssessment,
                      m.Attachment, m.Recommendation):
            found += session.scalars(select(model).where(model.meeting_id == obj.id,
                                                         model.deleted_at.is_(None))).all()
        rec_ids = [r.id for r in found if isinstance(r, m.Recommendation)]
        if rec_ids:
            found += session.scalars(select(m.RecommendationFollowup).where(
                m.RecommendationFollowup.recommendation_id.in_(rec_ids),
                m.RecommendationFollowup.deleted_at.is_(None))).all()
        return found

    def links(self, obj: m.Meeting) -> list[Any]:
        return [(m.meeting_threats, "meeting_id"), (m.meeting_vulnerabilities, "meeting_id")]

    def check_undeletable(self, obj: m.Meeting, session: Session) -> None:
        clash = session.scalar(select(m.Meeting.reference).where(
            m.Meeting.committee_id == obj.committee_id, m.Meeting.year == obj.year,
            m.Meeting.number == obj.number, m.Meeting.deleted_at.is_(None),
            m.Meeting.id != obj.id))
        if clash is not None:
            raise ValidationError(_("This meeting cannot be restored: number {number} of "
                                    "{year} is already taken ({reference}).").format(
                number=obj.number, year=obj.year, reference=clash))

    def check_writable(self, obj: m.Meeting, session: Session) -> None:
        if obj.status == enums.MeetingStatus.ADOPTED.value:
            raise ReadOnly(_("The minutes {reference} are adopted: they no longer change. "
                             "To correct them, add an amendment.").format(
                reference=obj.reference))

    # creation: the number is allocated inside the inserting transaction ------------------------
    def _allocating(self, values: dict[str, Any], action: Any) -> Any:
        """Run `action(session)` in one transaction; when another writer (another process on
        the same database) took the allocated number between our read and our insert, the
        unique index refuses it and the whole action runs again with the next number."""
        auto = v.or_default(values.get("number"), None) is None
        for attempt in range(NUMBER_ATTEMPTS):
            try:
                with v.write_session(self.db) as s:
                    return action(s)
            except v.NumberTaken:
                if not auto or attempt == NUMBER_ATTEMPTS - 1:
                    raise
                time.sleep(random.uniform(0.005, 0.05) * (attempt + 1))
        raise AssertionError("unreachable")

    def create(self, **values: Any) -> m.Meeting:
        return self._allocating(values, lambda s: self.create_in(s, **values))

    def save(self, key: int | str | None = None, *, with_agenda: bool = False,
             **values: Any) -> Any:
        """RecordService.save; a new meeting with_agenda is prefilled as create_with_agenda
        does (the meeting editor's way)."""
        if key is None and with_agenda:
            obj = self.create_with_agenda(**values)
            return Saved(Change.of(obj, CREATED), self.to_row(obj))
        return super().save(key, **values)

    def create_with_agenda(self, *, extra_items: list[str] | None = None,
                           include_open_recommendations: bool = True, **values: Any) -> m.Meeting:
        """A new meeting prefilled as a secretary expects: the next number, the profile's place
        and chair, the standing agenda items and the recommendations still open."""
        errors: dict[str, str] = {}
        if extra_items is None:
            extra_items = []
        if not isinstance(extra_items, (list, tuple)):
            errors["extra_items"] = _("Extra items: a list of titles is expected.")
            extra_items = []
        extra = [v.as_text(item, _("Agenda item"), errors, "extra_items",
                           required=True, max_len=500) for item in extra_items]
        include = v.as_bool(include_open_recommendations, _("Recommendations being followed"),
                            errors, "include_open_recommendations")
        v.raise_if(errors)
        return self._allocating(values, lambda s: self._create_with_agenda_in(
            s, [str(x) for x in extra], bool(include), dict(values)))

    def _create_with_agenda_in(self, s: Session, extra_items: list[str],
                               include_open_recommendations: bool,
                               values: dict[str, Any]) -> m.Meeting:
        if values.get("committee_id") is not None:
            committee = v.find(s, m.Committee, values["committee_id"], _("Committee"), None,
                               "committee_id")
        else:
            committee = own_committee(s)
        if committee is not None:
            values.setdefault("chair_id", committee.chair_id)
            values.setdefault("secretary_id", committee.secretary_id)
            # data: French by design (the place is written into the minutes)
            values.setdefault("place", "Salle de réunion de la mairie "
                              + de(committee.commune) if committee.commune else "")
        meeting = self.create_in(s, **values)
        standing = standing_items(committee.level if committee is not None else None)
        titles = [standing[0], standing[1], standing[2]]
        titles += list(extra_items)
        titles.append(standing[3])
        follow = None
        for pos, title in enumerate(titles, start=1):
            item = m.AgendaItem(meeting_id=meeting.id, committee_id=meeting.committee_id,
                                position=pos, title=title,
                                is_standing=title in ALL_STANDING_ITEMS)
            s.add(item)
            if title == standing[2]:
                follow = item
        if include_open_recommendations and follow is not None:
            recs = s.scalars(select(m.Recommendation).where(
                m.Recommendation.committee_id == meeting.committee_id,
                m.Recommendation.deleted_at.is_(None),
                m.Recommendation.status.in_(enums.RecommendationStatus.open_codes()),
            ).order_by(m.Recommendation.deadline, m.Recommendation.id)).all()
            if recs:
                # data: French by design (the discussion is written into the minutes)
                follow.discussion = "Recommandations en suivi :\n" + "\n".join(
                    f"- {r.text} ({enums.RecommendationStatus.french_label_of(r.status)})"
                    for r in recs)
        s.flush()
        s.refresh(meeting)
        meeting.agenda_items  # noqa: B018  (load before the session closes)
        return meeting

    # agenda -----------------------------------------------------------------------------------
    def agenda(self, meeting_id: int) -> list[m.AgendaItem]:
        meeting_id = v.as_id(meeting_id, _("Meeting"))
        with self.db.session() as s:
            return self._agenda(s, meeting_id)

    def _agenda(self, s: Session, meeting_id: int) -> list[m.AgendaItem]:
        return list(s.scalars(select(m.AgendaItem).where(
            m.AgendaItem.meeting_id == meeting_id, m.AgendaItem.deleted_at.is_(None))
            .order_by(m.AgendaItem.position, m.AgendaItem.id)).all())

    def _writable_meeting(self, s: Session, meeting_id: int) -> m.Meeting:
        meeting = self.get(meeting_id, session=s)
        self.check_writable(meeting, s)
        return meeting

    def _agenda_item(self, s: Session, item_id: Any) -> m.AgendaItem:
        item = v.find(s, m.AgendaItem, item_id, _("Agenda item"))
        self._writable_meeting(s, item.meeting_id)
        return item

    def _agenda_values(self, values: dict[str, Any], errors: dict[str, str]) -> dict[str, Any]:
        out: dict[str, Any] = {}
        if "title" in values:
            out["title"] = v.as_text(values["title"], _("Item title"), errors, "title",
                                     required=True, max_len=500)
        for name, label in (("discussion", _("Discussion")), ("decisions", _("Decisions"))):
            if name in values:
                out[name] = optional_text(values[name], label, errors, name, multiline=True)
        if "position" in values:
            out["position"] = v.as_int(values["position"], _("Position"), errors, "position",
                                       0, 10_000)
        return out

    def add_agenda_item(self, meeting_id: int, title: str, discussion: str = "",
                        decisions: str = "", position: int | None = None) -> Any:
        """A new item at the end of the agenda (or at `position`): its AgendaItemRow."""
        errors: dict[str, str] = {}
        given = {"title": title, "discussion": discussion, "decisions": decisions}
        if position is not None:
            given["position"] = position
        clean = self._agenda_values(given, errors)
        v.raise_if(errors)
        with v.write_session(self.db) as s:
            meeting = self._writable_meeting(s, meeting_id)
            if clean.get("position") is None:
                top = s.scalar(select(func.max(m.AgendaItem.position)).where(
                    m.AgendaItem.meeting_id == meeting.id, m.AgendaItem.deleted_at.is_(None)))
                clean["position"] = int(top or 0) + 1
            item = m.AgendaItem(meeting_id=meeting.id, committee_id=meeting.committee_id,
                                **clean)
            s.add(item)
            s.flush()
            return freeze(AgendaItemRow, item)

    def update_agenda_item(self, item_id: int, **values: Any) -> Any:
        """Change an item's title, texts or position: its AgendaItemRow."""
        iter_fields(values, ("title", "discussion", "decisions", "position"))
        errors: dict[str, str] = {}
        clean = self._agenda_values(values, errors)
        if clean.get("position", 0) is None:
            errors.setdefault("position", _("Position: this field is required."))
        v.raise_if(errors)
        with v.write_session(self.db) as s:
            item = self._agenda_item(s, item_id)
            for k, value in clean.items():
                setattr(item, k, value)
            s.flush()
            return freeze(AgendaItemRow, item)

    def delete_agenda_item(self, item_id: int) -> None:
        with v.write_session(self.db) as s:
            tombstone(self._agenda_item(s, item_id))

    def reorder_agenda(self, meeting_id: int, item_ids: list[int]) -> tuple[int, ...]:
        """Number the meeting's agenda items 1, 2, ... in the order given, in one transaction;
        `item_ids` names every item of the agenda once. Returns the ids whose position
        changed."""
        meeting_id = v.as_id(meeting_id, _("Meeting"))
        if not isinstance(item_ids, (list, tuple)):
            raise ValidationError(_("The agenda has changed meanwhile: reopen the meeting."))
        wanted = [v.as_id(i, _("Agenda item")) for i in item_ids]
        with v.write_session(self.db) as s:
            meeting = self._writable_meeting(s, meeting_id)
            items = {i.id: i for i in s.scalars(select(m.AgendaItem).where(
                m.AgendaItem.meeting_id == meeting.id, m.AgendaItem.deleted_at.is_(None)))}
            if len(set(wanted)) != len(wanted) or set(wanted) != set(items):
                raise ValidationError(_("The agenda has changed meanwhile: reopen the "
                                        "meeting."))
            moved = []
            for pos, item_id in enumerate(wanted, start=1):
                if items[item_id].position != pos:
                    items[item_id].position = pos
                    moved.append(item_id)
            s.flush()
        return tuple(moved)

    # attendance -------------------------------------------------------------------------------
    def set_attendance(self, meeting_id: int, person_id: int, status: str,
                       is_guest: bool | None = None) -> Any:
        """A person's attendance at a meeting, recorded or changed: its AttendanceRow."""
        errors: dict[str, str] = {}
        code = check_code(status, enums.AttendanceStatus, _("Attendance"), errors, "status")
        if is_guest is not None:
            is_guest = v.as_bool(is_guest, _("Guest"), errors, "is_guest")
        if errors:
            raise ValidationError(errors)
        with v.write_session(self.db) as s:
            meeting = self._writable_meeting(s, meeting_id)
            person = v.find(s, m.Person, person_id, _("Person"),
                            committee_id=meeting.committee_id)
            row = s.scalar(select(m.Attendance).where(m.Attendance.meeting_id == meeting.id,
                                                      m.Attendance.person_id == person.id))
            if row is None:
                row = m.Attendance(meeting_id=meeting.id, person_id=person.id,
                                   committee_id=meeting.committee_id, status=code,
                                   is_guest=(not person.is_member) if is_guest is None
                                   else is_guest)
                s.add(row)
            else:
                row.status = code
                row.deleted_at = None
                if is_guest is not None:
                    row.is_guest = is_guest
            s.flush()
            return freeze(AttendanceRow, row)

    def attendance(self, meeting_id: int) -> list[m.Attendance]:
        meeting_id = v.as_id(meeting_id, _("Meeting"))
        with self.db.session() as s:
            rows = self._attendance(s, meeting_id)
            for r in rows:
                r.person  # noqa: B018
            return rows

    def _attendance(self, s: Session, meeting_id: int) -> list[m.Attendance]:
        return list(s.scalars(select(m.Attendance).where(
            m.Attendance.meeting_id == meeting_id, m.Attendance.deleted_at.is_(None))
            .join(m.Person).order_by(m.Person.sort_key)).all())

    def attendance_counts(self, meeting_id: int) -> AttendanceCounts:
        with self.db.session() as s:
            meeting = self.get(meeting_id, session=s)
            rows = s.execute(select(m.Attendance.status, m.Attendance.is_guest, m.Person.sex,
                                    m.Person.is_youth, m.Person.category)
                             .join(m.Person, m.Person.id == m.Attendance.person_id)
                             .where(m.Attendance.meeting_id == meeting.id,
                                    m.Attendance.deleted_at.is_(None))).all()
            committee = s.get(m.Committee, meeting.committee_id)
            active = s.scalar(select(func.count()).select_from(m.Person).where(
                m.Person.committee_id == meeting.committee_id, m.Person.is_member.is_(True),
                m.Person.is_active.is_(True), m.Person.deleted_at.is_(None))) or 0
        c = AttendanceCounts(members_active=active, by_category=Counter())
        for status, guest, sex, youth, category in rows:
            if guest:
                c.guests += status == "present"
            if guest:
                continue  # guests are counted apart; the figures below are the members'
            if status == "present":
                c.present += 1
                c.present_women += sex == "F"
                c.present_men += sex == "H"
                c.present_youth += bool(youth)
                c.by_category[category] += 1
            elif status == "absent":
                c.absent += 1
            else:
                c.excused += 1
        c.quorum_needed = quorum_needed(committee, active) if committee else 0
        return c

    # status changes ----------------------------------------------------------------------------
    def mark_not_held(self, meeting_id: int, reason: str, text: str = "") -> m.Meeting:
        return self.update(meeting_id, status=enums.MeetingStatus.NOT_HELD.value,
                           not_held_reason=reason, not_held_reason_text=text)

    def mark_held(self, meeting_id: int) -> m.Meeting:
        return self.update(meeting_id, status=enums.MeetingStatus.HELD.value)

    def adopt(self, meeting_id: int, adopted_by_meeting_id: int | None,
              adopted_on: dt.date | str | None = None, with_amendments: bool = False,
              scan: tuple[str, bytes] | None = None) -> Adoption:
        """Record "adopté en séance du ...": the PV then no longer changes. One transaction:
        the adoption, the signed scan and the archived PDF of the minutes."""
        errors: dict[str, str] = {}
        on = as_date(adopted_on, _("Adoption date"), errors, "adopted_on")
        amended = v.as_bool(with_amendments, _("Adopted with amendments"), errors,
                            "with_amendments")
        if scan is not None and not (isinstance(scan, (tuple, list)) and len(scan) == 2
                                     and isinstance(scan[1], (bytes, bytearray))):
            errors["scan"] = _("Scan of the signed minutes: unreadable file.")
        v.raise_if(errors)
        with v.write_session(self.db, "meetings.adopt") as s:
            meeting = self.get(meeting_id, session=s)
            self.check_writable(meeting, s)
            if meeting.status not in (enums.MeetingStatus.HELD.value,):
                errors["status"] = _("Only the minutes of a meeting that was held can be "
                                     "adopted.")
            by = None
            if adopted_by_meeting_id is not None:
                by = v.find(s, m.Meeting, adopted_by_meeting_id, _("Adopting meeting"),
                            errors, "adopted_by", committee_id=meeting.committee_id)
                if by is not None and by.date < meeting.date:
                    errors["adopted_by"] = _("Minutes are adopted at a later meeting.")
            if errors:
                raise ValidationError(errors)
            meeting.status = enums.MeetingStatus.ADOPTED.value
            meeting.adopted_by_meeting_id = by.id if by else None
            meeting.adopted_on = on or (by.date if by else dt.date.today())
            meeting.adopted_with_amendments = bool(amended)
            if scan is not None:
                from .attachments import add_attachment_in

                add_attachment_in(s, meeting_id=meeting.id, filename=scan[0],
                                  data=bytes(scan[1]),
                                  kind=enums.AttachmentKind.SIGNED_PV.value)
            s.flush()
            error = self._freeze_in(s, meeting.id, None)
            audit.record(s, "adopt", "meetings", meeting)
            return Adoption(meeting_id=meeting.id, reference=meeting.reference,
                            adopted_on=meeting.adopted_on,
                            adopted_by_meeting_id=meeting.adopted_by_meeting_id,
                            archive_error=error)

    def _freeze_in(self, s: Session, meeting_id: int, amendment_id: int | None) -> str | None:
        """Store the adopted PV (or an amendment page) as a PDF with its SHA-256, so that a
        reprint gives the same document whatever changes later, in the adoption's own
        transaction. A rendering failure undoes only the freezing (a savepoint): it is
        logged, the adoption is saved all the same, the PDF is made at next print, and the
        error's text is returned."""
        from . import documents

        within = _WithinTransaction(s)
        try:
            if amendment_id is None:
                documents.freeze_adopted_minutes(within, meeting_id)
            else:
                documents.freeze_amendment(within, amendment_id)
        except Exception as exc:  # noqa: BLE001
            log.warning("PV non archivé pour la réunion %s", meeting_id, exc_info=True)
            return str(exc)
        return None

    def add_amendment(self, meeting_id: int, date: dt.date | str, reason: str,
                      text: str) -> m.Amendment:
        errors: dict[str, str] = {}
        d = as_date(date, _("Amendment date"), errors, "date")
        if d is None and "date" not in errors:
            errors["date"] = _("Amendment date: this field is required.")
        reason = v.as_text(reason, _("Reason for the amendment"), errors, "reason",
                           required=True, multiline=True)
        text = v.as_text(text, _("Text of the amendment"), errors, "text", required=True,
                         multiline=True)
        if errors:
            raise ValidationError(errors)
        with v.write_session(self.db) as s:
            meeting = self.get(meeting_id, session=s)
            if meeting.status != enums.MeetingStatus.ADOPTED.value:
                raise ValidationError(_("An amendment only applies to adopted minutes; edit "
                                        "this draft directly."))
            amendment = m.Amendment(meeting_id=meeting.id, committee_id=meeting.committee_id,
                                    date=d, reason=reason, text=text)
            s.add(amendment)
            s.flush()
            self._freeze_in(s, meeting.id, amendment.id)
        return amendment

    def amendments(self, meeting_id: int) -> list[AmendmentRow]:
        """The amendments of a meeting's minutes, oldest first."""
        meeting_id = v.as_id(meeting_id, _("Meeting"))
        with self.db.session() as s:
            return [AmendmentRow(id=a.id, date=a.date, reason=a.reason, text=a.text)
                    for a in s.scalars(select(m.Amendment).where(
                        m.Amendment.meeting_id == meeting_id,
                        m.Amendment.deleted_at.is_(None)).order_by(m.Amendment.date))]

    # links ---------------------------------------------------------------------------------
    def _link(self, meeting_id: Any, model: Any, target_id: Any, label: str,
              attr: str, add: bool) -> None:
        with v.write_session(self.db) as s:
            meeting = self._writable_meeting(s, meeting_id)
            target = v.find(s, model, target_id, label, committee_id=meeting.committee_id)
            linked = getattr(meeting, attr)
            if add and target not in linked:
                linked.append(target)
            elif not add:
                linked[:] = [x for x in linked if x.id != target.id]

    def link_threat(self, meeting_id: int, threat_id: int) -> None:
        self._link(meeting_id, m.Threat, threat_id, _("Threat"), "threats", True)

    def link_vulnerability(self, meeting_id: int, vulnerability_id: int) -> None:
        self._link(meeting_id, m.Vulnerability, vulnerability_id, _("Vulnerability"),
                   "vulnerabilities", True)

    def unlink_threat(self, meeting_id: int, threat_id: int) -> None:
        self._link(meeting_id, m.Threat, threat_id, _("Threat"), "threats", False)

    def unlink_vulnerability(self, meeting_id: int, vulnerability_id: int) -> None:
        self._link(meeting_id, m.Vulnerability, vulnerability_id, _("Vulnerability"),
                   "vulnerabilities", False)

    def linked(self, meeting_id: int) -> MeetingLinks:
        """The threats (with whether they were re-assessed at this meeting) and the
        vulnerabilities linked to a meeting."""
        with self.db.session() as s:
            meeting = self.get(meeting_id, session=s)
            assessed = set(s.scalars(select(m.ThreatAssessment.threat_id).where(
                m.ThreatAssessment.meeting_id == meeting.id)))
            return MeetingLinks(
                threats=tuple(LinkedThreat(id=t.id, title=t.title, level=t.level,
                                           score=t.score, reassessed_here=t.id in assessed)
                              for t in meeting.threats if t.deleted_at is None),
                vulnerabilities=tuple(LinkedVulnerability(id=x.id, title=x.title,
                                                          place_name=x.place_name)
                                      for x in meeting.vulnerabilities
                                      if x.deleted_at is None))

    def previous_unadopted(self, meeting_id: int) -> m.Meeting | None:
        """The latest held meeting before this one whose PV awaits adoption."""
        with self.db.session() as s:
            return self._previous_unadopted(s, self.get(meeting_id, session=s))

    def _previous_unadopted(self, s: Session, meeting: m.Meeting) -> m.Meeting | None:
        return s.scalar(select(m.Meeting).where(
            m.Meeting.committee_id == meeting.committee_id,
            m.Meeting.deleted_at.is_(None), m.Meeting.date < meeting.date,
            m.Meeting.status == enums.MeetingStatus.HELD.value,
        ).order_by(m.Meeting.date.desc()).limit(1))
