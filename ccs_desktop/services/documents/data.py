"""Read what a document needs in one session and hand back plain data (no ORM objects):
the layout then runs without the database, in any thread."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session, selectinload

from ...db import models as m
from ...domain import enums, quorum
from ..errors import NotFound
from .header import HeaderData
from .words import civility, date_text

_CATEGORY_ORDER = {code: i for i, code in enumerate(c.value for c in enums.Category)}


@dataclass(frozen=True)
class PersonRow:
    full_name: str          # "Aminata MAÏGA"
    title: str              # "El Hadj", "Adjudant-chef"
    sex: str                # "H" / "F"
    is_youth: bool
    category: str
    structure: str          # "Mairie – Maire"
    phone: str = ""
    is_guest: bool = False
    function: str = ""      # "Maire", "Chef de village"
    organisation: str = ""  # "Mairie d'Alafia"
    id: int = 0
    uuid: str = ""

    @property
    def civil_name(self) -> str:
        """"Mme Aminata MAÏGA"."""
        return f"{civility(self.sex)} {self.full_name}"

    @property
    def display_name(self) -> str:
        """"El Hadj Moussa CISSÉ" (title or rank first)."""
        return " ".join(p for p in (self.title, self.full_name) if p)

    @property
    def category_label(self) -> str:
        return enums.Category.french_label_of(self.category)

    @classmethod
    def of(cls, person: m.Person, is_guest: bool = False) -> PersonRow:
        structure = " – ".join(p for p in ((person.organisation or "").strip(),
                                            (person.function or "").strip()) if p)
        if person.category == "fds" and person.fds_corps and not structure:
            structure = enums.FdsCorps.french_label_of(person.fds_corps)
        return cls(full_name=person.full_name, title=(person.title or "").strip(),
                   sex=person.sex, is_youth=bool(person.is_youth), category=person.category,
                   structure=structure, phone=(person.phone or "").strip(),
                   is_guest=is_guest, function=(person.function or "").strip(),
                   organisation=(person.organisation or "").strip(),
                   id=person.id or 0, uuid=person.uuid or "")


def person_order(person: m.Person) -> tuple:
    return (_CATEGORY_ORDER.get(person.category, 99),
            person.sort_key or (person.family_name or "").lower(),
            (person.given_names or "").lower(), person.id)


@dataclass(frozen=True)
class AgendaRow:
    position: int
    title: str
    discussion: str
    decisions: str


@dataclass(frozen=True)
class ThreatRow:
    title: str
    type_label: str
    place: str
    level: str
    score: int
    trend: str
    status: str
    description: str


@dataclass(frozen=True)
class VulnerabilityRow:
    title: str
    place: str
    description: str
    status: str


@dataclass(frozen=True)
class RecommendationRow:
    text: str
    addressee: str
    responsible: str
    deadline: dt.date | None
    priority: str


@dataclass(frozen=True)
class NoteRow:
    context: str
    text: str


@dataclass(frozen=True)
class PreviousMinutes:
    """The minutes a meeting adopted: "N°002/2026", their meeting's date, the outcome."""
    number: str
    date: dt.date
    with_amendments: bool
    amendment_numbers: tuple[int, ...] = ()


@dataclass
class MeetingData:
    id: int
    uuid: str
    number: int
    year: int
    reference_field: str
    kind: str
    status: str
    not_held_reason: str | None
    not_held_reason_text: str
    date: dt.date
    start_time: dt.time | None
    end_time: dt.time | None
    place: str
    convened_by: str
    convocation_date: dt.date | None
    adopted_on: dt.date | None
    adopted_at: str                      # "la réunion du 10 mai 2024"
    header: HeaderData
    chair: PersonRow | None
    secretary: PersonRow | None
    present: list[PersonRow] = field(default_factory=list)
    guests: list[PersonRow] = field(default_factory=list)
    absent: list[PersonRow] = field(default_factory=list)
    excused: list[PersonRow] = field(default_factory=list)
    members: list[PersonRow] = field(default_factory=list)
    agenda: list[AgendaRow] = field(default_factory=list)
    threats: list[ThreatRow] = field(default_factory=list)
    vulnerabilities: list[VulnerabilityRow] = field(default_factory=list)
    recommendations: list[RecommendationRow] = field(default_factory=list)
    # Filled only for the restricted annex: never read when building the PV.
    restricted_threats: list[ThreatRow] = field(default_factory=list)
    restricted_notes: list[NoteRow] = field(default_factory=list)
    # Who presides when the chair is absent; whether the chair and the secretary of the
    # session were there (a PV never has an absent member preside or sign as present).
    presiding: PersonRow | None = None
    chair_present: bool = True
    secretary_present: bool = True
    adopted_with_amendments: bool = False
    adoption_date: dt.date | None = None       # the meeting that adopted it, else adopted_on
    amendment_numbers: list[int] = field(default_factory=list)
    # the quorum, by the committee's rule over its active members (as the attendance tab)
    quorum_needed: int = 0
    # why an extraordinary meeting was convened; where a meeting not held is put off to
    extraordinary_reason: str = ""
    postponed_to: dt.date | None = None
    # the PV the standing item « Lecture et adoption du procès-verbal … » adopted
    previous_adopted: PreviousMinutes | None = None

    @property
    def quorum_reached(self) -> bool:
        """The same rule as the attendance tab (meetings.AttendanceCounts)."""
        return quorum.quorum_reached(len(self.present), self.quorum_needed)

    @property
    def reference(self) -> str:
        """"PV N°003/2024/CCSC-ALAFIA"."""
        ref = (self.reference_field or "").strip()
        if ref:
            return ref if ref.upper().startswith("PV") else f"PV N°{ref}"
        code = f"/{self.header.code}" if self.header.code else ""
        return f"PV N°{self.number:03d}/{self.year}{code}"

    @property
    def kind_word(self) -> str:
        return "extraordinaire" if self.kind == "extraordinary" else "ordinaire"

    @property
    def is_adopted(self) -> bool:
        return self.status == "adopted"

    @property
    def presides(self) -> PersonRow | None:
        """Who the PV says presided: the chair, or in his absence the member named."""
        if self.chair is not None and self.chair_present:
            return self.chair
        return self.presiding

    @property
    def signing_secretary(self) -> PersonRow | None:
        return self.secretary if self.secretary_present else None


def get_meeting(session: Session, meeting_id: int) -> m.Meeting:
    meeting = session.get(m.Meeting, meeting_id)
    if meeting is None or meeting.deleted_at is not None:
        raise NotFound(f"Réunion introuvable (identifiant {meeting_id}).")
    return meeting


def header_for(session: Session, meeting: m.Meeting) -> HeaderData:
    """The frozen header of an adopted PV when there is one, else the current profile."""
    if meeting.frozen_header:
        try:
            return HeaderData.from_json(meeting.frozen_header)
        except (ValueError, TypeError):
            pass
    committee = session.get(m.Committee, meeting.committee_id)
    return HeaderData.from_committee(committee)


def _threat_row(threat: m.Threat) -> ThreatRow:
    type_label = threat.threat_type.label if threat.threat_type else threat.type_code
    place_kind = enums.PlaceKind.french_label_of(threat.place_kind)
    place = f"{threat.place_name} ({place_kind.lower()})" if threat.place_name else ""
    return ThreatRow(title=threat.title, type_label=type_label, place=place,
                     level=enums.RiskLevel.french_label_of(threat.level), score=threat.score,
                     trend=enums.Trend.french_label_of(threat.trend),
                     status=enums.ThreatStatus.french_label_of(threat.status),
                     description=threat.description or "")


def previous_adopted(session: Session, meeting: m.Meeting) -> PreviousMinutes | None:
    """The minutes this meeting adopted (the latest if several): their number and date."""
    previous = session.scalars(
        select(m.Meeting).where(m.Meeting.adopted_by_meeting_id == meeting.id,
                                m.Meeting.deleted_at.is_(None), m.Meeting.id != meeting.id)
        .order_by(m.Meeting.date.desc(), m.Meeting.id.desc()).limit(1)).first()
    if previous is None:
        return None
    numbers = tuple(i for i, _a in enumerate(
        (a for a in previous.amendments if a.deleted_at is None), start=1))
    return PreviousMinutes(number=f"N°{previous.number:03d}/{previous.year}",
                           date=previous.date,
                           with_amendments=bool(previous.adopted_with_amendments),
                           amendment_numbers=numbers)


def load_meeting(session: Session, meeting_id: int, *, restricted: bool = False,
                 members: bool = False) -> MeetingData:
    """Everything about one meeting; restricted content only when `restricted` is asked."""
    meeting = get_meeting(session, meeting_id)
    committee = session.get(m.Committee, meeting.committee_id)
    header = header_for(session, meeting)

    chair = meeting.chair or committee.chair
    secretary = meeting.secretary or committee.secretary
    adopted_at = ""
    adoption_date = meeting.adopted_on
    if meeting.adopted_by is not None and meeting.adopted_by.deleted_at is None:
        adopted_at = f"la réunion du {date_text(meeting.adopted_by.date)}"
        adoption_date = meeting.adopted_by.date
    presiding = meeting.presiding_person

    data = MeetingData(
        id=meeting.id, uuid=meeting.uuid, number=meeting.number, year=meeting.year,
        reference_field=meeting.reference or "", kind=meeting.kind, status=meeting.status,
        not_held_reason=meeting.not_held_reason,
        not_held_reason_text=meeting.not_held_reason_text or "",
        date=meeting.date, start_time=meeting.start_time, end_time=meeting.end_time,
        place=(meeting.place or "").strip(), convened_by=(meeting.convened_by or "").strip(),
        convocation_date=meeting.convocation_date, adopted_on=meeting.adopted_on,
        adopted_at=adopted_at, header=header,
        chair=PersonRow.of(chair) if chair is not None and chair.deleted_at is None else None,
        secretary=(PersonRow.of(secretary)
                   if secretary is not None and secretary.deleted_at is None else None),
        presiding=(PersonRow.of(presiding)
                   if presiding is not None and presiding.deleted_at is None else None),
        adopted_with_amendments=bool(meeting.adopted_with_amendments),
        adoption_date=adoption_date,
        amendment_numbers=[i for i, a in enumerate(
            (a for a in meeting.amendments if a.deleted_at is None), start=1)],
        extraordinary_reason=(meeting.extraordinary_reason or "").strip(),
        postponed_to=meeting.postponed_to,
        previous_adopted=previous_adopted(session, meeting),
    )
    if committee is not None:
        active = session.scalar(select(func.count()).select_from(m.Person).where(
            m.Person.committee_id == meeting.committee_id, m.Person.is_member.is_(True),
            m.Person.is_active.is_(True), m.Person.deleted_at.is_(None))) or 0
        data.quorum_needed = quorum.quorum_needed(committee.quorum_rule,
                                                  committee.quorum_value, active)

    rows = session.execute(
        select(m.Attendance, m.Person)
        .join(m.Person, m.Person.id == m.Attendance.person_id)
        .where(m.Attendance.meeting_id == meeting.id, m.Attendance.deleted_at.is_(None),
               m.Person.deleted_at.is_(None))
    ).all()
    for attendance, person in sorted(rows, key=lambda r: person_order(r[1])):
        row = PersonRow.of(person, is_guest=attendance.is_guest)
        if attendance.status in ("absent", "excused"):
            if data.chair is not None and person.id == data.chair.id:
                data.chair_present = False
            if data.secretary is not None and person.id == data.secretary.id:
                data.secretary_present = False
        if attendance.status == "present":
            (data.guests if attendance.is_guest else data.present).append(row)
        elif attendance.status == "excused":
            data.excused.append(row)
        elif not attendance.is_guest:
            data.absent.append(row)

    data.agenda = [
        AgendaRow(position=i, title=item.title, discussion=item.discussion or "",
                  decisions=item.decisions or "")
        for i, item in enumerate((it for it in meeting.agenda_items if it.deleted_at is None),
                                 start=1)
    ]

    threats = session.scalars(
        select(m.Threat).join(m.meeting_threats, m.meeting_threats.c.threat_id == m.Threat.id)
        .where(m.meeting_threats.c.meeting_id == meeting.id, m.Threat.deleted_at.is_(None))
        .options(selectinload(m.Threat.threat_type))
        .order_by(m.Threat.score.desc(), m.Threat.title)
    ).all()
    data.threats = [_threat_row(t) for t in threats if not t.is_restricted]

    vulns = session.scalars(
        select(m.Vulnerability)
        .join(m.meeting_vulnerabilities,
              m.meeting_vulnerabilities.c.vulnerability_id == m.Vulnerability.id)
        .where(m.meeting_vulnerabilities.c.meeting_id == meeting.id,
               m.Vulnerability.deleted_at.is_(None))
        .order_by(m.Vulnerability.title)
    ).all()
    data.vulnerabilities = [
        VulnerabilityRow(
            title=v.title,
            place=(f"{v.place_name} ({enums.PlaceKind.french_label_of(v.place_kind).lower()})"
                   if v.place_name else ""),
            description=v.description or "",
            status=enums.VulnerabilityStatus.french_label_of(v.status))
        for v in vulns
    ]

    recs = session.scalars(
        select(m.Recommendation)
        .where(m.Recommendation.meeting_id == meeting.id,
               m.Recommendation.deleted_at.is_(None))
        .order_by(m.Recommendation.id)
    ).all()
    data.recommendations = [
        RecommendationRow(text=r.text, addressee=r.addressee or "",
                          responsible=r.responsible or "", deadline=r.deadline,
                          priority=enums.Priority.french_label_of(r.priority))
        for r in recs
    ]

    if members:
        people = session.scalars(
            select(m.Person).where(m.Person.committee_id == meeting.committee_id,
                                   m.Person.deleted_at.is_(None), m.Person.is_member.is_(True),
                                   m.Person.is_active.is_(True))
        ).all()
        data.members = [PersonRow.of(p) for p in sorted(people, key=person_order)]

    if restricted:
        data.restricted_threats = [_threat_row(t) for t in threats if t.is_restricted]
        items = {it.id: i for i, it in enumerate(
            (it for it in meeting.agenda_items if it.deleted_at is None), start=1)}
        threat_titles = {t.id: t.title for t in threats}
        notes = session.scalars(
            select(m.RestrictedNote).where(
                m.RestrictedNote.deleted_at.is_(None),
                or_(m.RestrictedNote.meeting_id == meeting.id,
                    m.RestrictedNote.agenda_item_id.in_(list(items) or [-1]),
                    m.RestrictedNote.threat_id.in_(list(threat_titles) or [-1])))
            .order_by(m.RestrictedNote.id)
        ).all()
        for note in notes:
            if note.agenda_item_id in items:
                context = f"Point {items[note.agenda_item_id]} de l'ordre du jour"
            elif note.threat_id in threat_titles:
                context = f"Menace : {threat_titles[note.threat_id]}"
            else:
                context = "Réunion"
            data.restricted_notes.append(NoteRow(context=context, text=note.text or ""))
    return data
