"""The CCS data model (SQLAlchemy 2 typed ORM, no Qt).

Codes in enum-like columns are those of ccs_desktop.domain.enums; services validate them.
No ethnicity, religion or party field exists, and none may be added (DOMAIN.md).
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Column,
    Date,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Table,
    Text,
    Time,
    UniqueConstraint,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..domain import scoring
from .base import Base, CommitteeOwned, Syncable, utcnow


class Setting(Base):
    """Key/value settings of this database (own committee, mode, options)."""

    __tablename__ = "settings"
    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text, default="")


class Committee(Syncable, Base):
    """A committee profile. A committee's database holds its own (settings 'committee_uuid');
    a CRSS database holds every committee it gathered."""

    __tablename__ = "committees"
    __sync_content__ = ("name", "chair_title")

    level: Mapped[str] = mapped_column(String(16))
    region: Mapped[str] = mapped_column(String(100), default="")
    cercle: Mapped[str] = mapped_column(String(100), default="")
    commune: Mapped[str] = mapped_column(String(100), default="")
    commune_kind: Mapped[str] = mapped_column(String(16), default="rurale")
    code: Mapped[str] = mapped_column(String(40))
    name: Mapped[str] = mapped_column(String(200))
    chair_title: Mapped[str] = mapped_column(String(200), default="")
    chair_id: Mapped[int | None] = mapped_column(
        ForeignKey("people.id", use_alter=True, ondelete="SET NULL"), default=None
    )
    secretary_id: Mapped[int | None] = mapped_column(
        ForeignKey("people.id", use_alter=True, ondelete="SET NULL"), default=None
    )
    quorum_rule: Mapped[str] = mapped_column(String(16), default="majority")
    quorum_value: Mapped[int | None] = mapped_column(default=None)
    installed_on: Mapped[dt.date | None] = mapped_column(Date, default=None)
    creation_decision: Mapped[str] = mapped_column(String(200), default="")
    is_demo: Mapped[bool] = mapped_column(Boolean, default=False)
    share_names: Mapped[bool] = mapped_column(Boolean, default=False)
    restore_generation: Mapped[int] = mapped_column(default=0)

    chair: Mapped[Person | None] = relationship(foreign_keys=[chair_id], post_update=True)
    secretary: Mapped[Person | None] = relationship(foreign_keys=[secretary_id], post_update=True)

    @property
    def place_label(self) -> str:
        return self.commune or self.cercle or self.region


class Person(CommitteeOwned, Base):
    """A member or guest. Phone numbers never leave the committee's PC."""

    __tablename__ = "people"
    __sync_content__ = ("title", "given_names", "family_name", "organisation", "function",
                        "phone", "sort_key")

    title: Mapped[str] = mapped_column(String(80), default="")
    given_names: Mapped[str] = mapped_column(String(120), default="")
    family_name: Mapped[str] = mapped_column(String(120), default="")
    sex: Mapped[str] = mapped_column(String(1))
    is_youth: Mapped[bool] = mapped_column(Boolean, default=False)
    category: Mapped[str] = mapped_column(String(24))
    fds_corps: Mapped[str | None] = mapped_column(String(24), default=None)
    organisation: Mapped[str] = mapped_column(String(200), default="")
    function: Mapped[str] = mapped_column(String(200), default="")
    phone: Mapped[str] = mapped_column(String(40), default="")
    is_member: Mapped[bool] = mapped_column(Boolean, default=True)
    is_active: Mapped[bool] = mapped_column(Boolean, default=True)
    sort_key: Mapped[str] = mapped_column(String(250), default="", index=True)

    __table_args__ = (CheckConstraint("sex IN ('H','F')", name="sex"),)

    @property
    def full_name(self) -> str:
        """"Yehya KONTA": given names, family name in capitals."""
        return " ".join(p for p in (self.given_names, (self.family_name or "").upper()) if p)

    @property
    def display_name(self) -> str:
        return " ".join(p for p in (self.title, self.full_name) if p)


meeting_threats = Table(
    "meeting_threats",
    Base.metadata,
    Column("meeting_id", ForeignKey("meetings.id", ondelete="CASCADE"), primary_key=True),
    Column("threat_id", ForeignKey("threats.id", ondelete="CASCADE"), primary_key=True, index=True),
)

meeting_vulnerabilities = Table(
    "meeting_vulnerabilities",
    Base.metadata,
    Column("meeting_id", ForeignKey("meetings.id", ondelete="CASCADE"), primary_key=True),
    Column("vulnerability_id", ForeignKey("vulnerabilities.id", ondelete="CASCADE"),
           primary_key=True, index=True),
)

recommendation_threats = Table(
    "recommendation_threats",
    Base.metadata,
    Column("recommendation_id", ForeignKey("recommendations.id", ondelete="CASCADE"),
           primary_key=True),
    Column("threat_id", ForeignKey("threats.id", ondelete="CASCADE"), primary_key=True, index=True),
)

recommendation_vulnerabilities = Table(
    "recommendation_vulnerabilities",
    Base.metadata,
    Column("recommendation_id", ForeignKey("recommendations.id", ondelete="CASCADE"),
           primary_key=True),
    Column("vulnerability_id", ForeignKey("vulnerabilities.id", ondelete="CASCADE"),
           primary_key=True, index=True),
)


class Meeting(CommitteeOwned, Base):
    __tablename__ = "meetings"
    __sync_content__ = ("place", "not_held_reason_text", "notes", "extraordinary_reason")

    number: Mapped[int] = mapped_column(Integer)
    year: Mapped[int] = mapped_column(Integer)
    reference: Mapped[str] = mapped_column(String(80), default="")
    kind: Mapped[str] = mapped_column(String(16), default="ordinary")
    status: Mapped[str] = mapped_column(String(16), default="planned")
    not_held_reason: Mapped[str | None] = mapped_column(String(24), default=None)
    not_held_reason_text: Mapped[str] = mapped_column(Text, default="")
    date: Mapped[dt.date] = mapped_column(Date)
    start_time: Mapped[dt.time | None] = mapped_column(Time, default=None)
    end_time: Mapped[dt.time | None] = mapped_column(Time, default=None)
    place: Mapped[str] = mapped_column(String(200), default="")
    chair_id: Mapped[int | None] = mapped_column(ForeignKey("people.id"), default=None)
    secretary_id: Mapped[int | None] = mapped_column(ForeignKey("people.id"), default=None)
    convened_by: Mapped[str] = mapped_column(String(200), default="")
    convocation_date: Mapped[dt.date | None] = mapped_column(Date, default=None)
    notes: Mapped[str] = mapped_column(Text, default="")
    adopted_by_meeting_id: Mapped[int | None] = mapped_column(
        ForeignKey("meetings.id"), default=None
    )
    adopted_on: Mapped[dt.date | None] = mapped_column(Date, default=None)
    adopted_with_amendments: Mapped[bool] = mapped_column(Boolean, default=False)
    # The administrative header as it stood at adoption: later changes to the place lists
    # or to the profile must not rewrite an adopted PV (JSON text).
    frozen_header: Mapped[str] = mapped_column(Text, default="")

    chair: Mapped[Person | None] = relationship(foreign_keys=[chair_id])
    secretary: Mapped[Person | None] = relationship(foreign_keys=[secretary_id])
    agenda_items: Mapped[list[AgendaItem]] = relationship(
        back_populates="meeting", order_by="AgendaItem.position",
        cascade="all, delete-orphan",
    )
    attendance: Mapped[list[Attendance]] = relationship(
        back_populates="meeting", cascade="all, delete-orphan"
    )
    amendments: Mapped[list[Amendment]] = relationship(
        back_populates="meeting", order_by="Amendment.date", cascade="all, delete-orphan",
        foreign_keys="Amendment.meeting_id",
    )
    threats: Mapped[list[Threat]] = relationship(secondary=meeting_threats)
    vulnerabilities: Mapped[list[Vulnerability]] = relationship(secondary=meeting_vulnerabilities)
    recommendations: Mapped[list[Recommendation]] = relationship(
        back_populates="meeting", foreign_keys="Recommendation.meeting_id"
    )
    adopted_by: Mapped[Meeting | None] = relationship(
        remote_side="Meeting.id", foreign_keys=[adopted_by_meeting_id]
    )

    __table_args__ = (
        # One live meeting per number and year; a deleted one (tombstone) frees its number.
        Index("uq_meetings_committee_year_number", "committee_id", "year", "number",
              unique=True, sqlite_where=text("deleted_at IS NULL")),
        Index("ix_meetings_date", "date"),
    )

    @property
    def is_adopted(self) -> bool:
        return self.status == "adopted"

    # Who presides when the chair is absent or excused (named by the secretary).
    presiding_person_id: Mapped[int | None] = mapped_column(Integer, default=None)
    presiding_person: Mapped[Person | None] = relationship(
        primaryjoin="foreign(Meeting.presiding_person_id) == Person.id", viewonly=True)
    # Why an extraordinary meeting is convened ("à la demande de …", "en raison de …"), and
    # the date a meeting not held is put off to (issue 14).
    extraordinary_reason: Mapped[str | None] = mapped_column(Text, default=None)
    postponed_to: Mapped[dt.date | None] = mapped_column(Date, default=None)


class AgendaItem(CommitteeOwned, Base):
    __tablename__ = "agenda_items"
    __sync_content__ = ("title", "discussion", "decisions")

    meeting_id: Mapped[int] = mapped_column(ForeignKey("meetings.id", ondelete="CASCADE"),
                                            index=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    title: Mapped[str] = mapped_column(String(500))
    discussion: Mapped[str] = mapped_column(Text, default="")
    decisions: Mapped[str] = mapped_column(Text, default="")
    is_standing: Mapped[bool] = mapped_column(Boolean, default=False)

    meeting: Mapped[Meeting] = relationship(back_populates="agenda_items")


class Attendance(CommitteeOwned, Base):
    __tablename__ = "attendance"

    meeting_id: Mapped[int] = mapped_column(ForeignKey("meetings.id", ondelete="CASCADE"))
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id"), index=True)
    status: Mapped[str] = mapped_column(String(16), default="present")
    is_guest: Mapped[bool] = mapped_column(Boolean, default=False)

    meeting: Mapped[Meeting] = relationship(back_populates="attendance")
    person: Mapped[Person] = relationship()

    __table_args__ = (UniqueConstraint("meeting_id", "person_id"),)


class Amendment(CommitteeOwned, Base):
    """A correction to an adopted PV: an adopted PV itself never changes."""

    __tablename__ = "amendments"
    __sync_content__ = ("reason", "text")

    meeting_id: Mapped[int] = mapped_column(ForeignKey("meetings.id", ondelete="CASCADE"),
                                            index=True)
    date: Mapped[dt.date] = mapped_column(Date)
    reason: Mapped[str] = mapped_column(Text, default="")
    text: Mapped[str] = mapped_column(Text, default="")
    adopted_at_meeting_id: Mapped[int | None] = mapped_column(
        ForeignKey("meetings.id"), default=None
    )

    meeting: Mapped[Meeting] = relationship(back_populates="amendments",
                                            foreign_keys=[meeting_id])


class ThreatType(Base):
    """National types and sub-types (fixed codes, seeded) and local sub-types mapped to one."""

    __tablename__ = "threat_types"

    code: Mapped[str] = mapped_column(String(60), primary_key=True)
    label: Mapped[str] = mapped_column(String(200))
    parent_code: Mapped[str | None] = mapped_column(ForeignKey("threat_types.code"), default=None)
    is_national: Mapped[bool] = mapped_column(Boolean, default=True)
    national_code: Mapped[str | None] = mapped_column(
        ForeignKey("threat_types.code"), default=None
    )
    committee_id: Mapped[int | None] = mapped_column(ForeignKey("committees.id"), default=None)
    uuid: Mapped[str | None] = mapped_column(String(36), default=None)
    version: Mapped[int] = mapped_column(default=1)
    active: Mapped[bool] = mapped_column(Boolean, default=True)


class Threat(CommitteeOwned, Base):
    __tablename__ = "threats"
    __sync_content__ = ("title", "description", "place_name")

    title: Mapped[str] = mapped_column(String(300))
    description: Mapped[str] = mapped_column(Text, default="")
    type_code: Mapped[str] = mapped_column(ForeignKey("threat_types.code"), index=True)
    place_kind: Mapped[str] = mapped_column(String(24), default="village")
    place_name: Mapped[str] = mapped_column(String(200), default="")
    first_reported: Mapped[dt.date | None] = mapped_column(Date, default=None)
    likelihood: Mapped[int] = mapped_column(Integer, default=3)
    impact: Mapped[int] = mapped_column(Integer, default=3)
    score: Mapped[int] = mapped_column(Integer, default=9)
    level: Mapped[str] = mapped_column(String(16), default="medium", index=True)
    trend: Mapped[str] = mapped_column(String(16), default="stable")
    status: Mapped[str] = mapped_column(String(16), default="active", index=True)
    source_category: Mapped[str] = mapped_column(String(32), default="membre")
    # A complaint about FDS conduct: restricted access, never printed in a PV.
    is_restricted: Mapped[bool] = mapped_column(Boolean, default=False)

    threat_type: Mapped[ThreatType] = relationship(foreign_keys=[type_code])
    assessments: Mapped[list[ThreatAssessment]] = relationship(
        back_populates="threat", order_by="ThreatAssessment.date",
        cascade="all, delete-orphan",
    )
    meetings: Mapped[list[Meeting]] = relationship(secondary=meeting_threats,
                                                   viewonly=True)

    __table_args__ = (
        CheckConstraint("likelihood BETWEEN 1 AND 5", name="likelihood"),
        CheckConstraint("impact BETWEEN 1 AND 5", name="impact"),
    )

    def rescore(self) -> None:
        self.score = scoring.score(self.likelihood, self.impact)
        self.level = scoring.level_for_score(self.score).value


class ThreatAssessment(CommitteeOwned, Base):
    """One (re-)assessment of a threat, usually at a meeting: draws the trend over time."""

    __tablename__ = "threat_assessments"
    __sync_content__ = ("note",)

    threat_id: Mapped[int] = mapped_column(ForeignKey("threats.id", ondelete="CASCADE"),
                                           index=True)
    meeting_id: Mapped[int | None] = mapped_column(ForeignKey("meetings.id"), default=None,
                                                   index=True)
    date: Mapped[dt.date] = mapped_column(Date)
    likelihood: Mapped[int] = mapped_column(Integer)
    impact: Mapped[int] = mapped_column(Integer)
    score: Mapped[int] = mapped_column(Integer)
    trend: Mapped[str] = mapped_column(String(16), default="stable")
    note: Mapped[str] = mapped_column(Text, default="")

    threat: Mapped[Threat] = relationship(back_populates="assessments")
    meeting: Mapped[Meeting | None] = relationship()

    __table_args__ = (
        CheckConstraint("likelihood BETWEEN 1 AND 5", name="likelihood"),
        CheckConstraint("impact BETWEEN 1 AND 5", name="impact"),
    )


class Vulnerability(CommitteeOwned, Base):
    __tablename__ = "vulnerabilities"
    __sync_content__ = ("title", "description", "place_name")

    title: Mapped[str] = mapped_column(String(300))
    description: Mapped[str] = mapped_column(Text, default="")
    place_kind: Mapped[str] = mapped_column(String(24), default="village")
    place_name: Mapped[str] = mapped_column(String(200), default="")
    first_reported: Mapped[dt.date | None] = mapped_column(Date, default=None)
    status: Mapped[str] = mapped_column(String(16), default="open", index=True)

    meetings: Mapped[list[Meeting]] = relationship(secondary=meeting_vulnerabilities,
                                                   viewonly=True)


class Recommendation(CommitteeOwned, Base):
    __tablename__ = "recommendations"
    __sync_content__ = ("text", "addressee", "responsible")

    text: Mapped[str] = mapped_column(Text)
    meeting_id: Mapped[int | None] = mapped_column(ForeignKey("meetings.id"), default=None,
                                                   index=True)
    addressee: Mapped[str] = mapped_column(String(200), default="")
    responsible: Mapped[str] = mapped_column(String(200), default="")
    deadline: Mapped[dt.date | None] = mapped_column(Date, default=None, index=True)
    priority: Mapped[str] = mapped_column(String(16), default="normal")
    status: Mapped[str] = mapped_column(String(24), default="formulated", index=True)
    status_date: Mapped[dt.date | None] = mapped_column(Date, default=None)

    meeting: Mapped[Meeting | None] = relationship(back_populates="recommendations",
                                                   foreign_keys=[meeting_id])
    threats: Mapped[list[Threat]] = relationship(secondary=recommendation_threats)
    vulnerabilities: Mapped[list[Vulnerability]] = relationship(
        secondary=recommendation_vulnerabilities
    )
    followups: Mapped[list[RecommendationFollowup]] = relationship(
        back_populates="recommendation", order_by="RecommendationFollowup.date",
        cascade="all, delete-orphan",
    )


class RecommendationFollowup(CommitteeOwned, Base):
    __tablename__ = "recommendation_followups"
    __sync_content__ = ("note", "letter_number", "sent_to")

    recommendation_id: Mapped[int] = mapped_column(
        ForeignKey("recommendations.id", ondelete="CASCADE"), index=True
    )
    meeting_id: Mapped[int | None] = mapped_column(ForeignKey("meetings.id"), default=None)
    date: Mapped[dt.date] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(24))
    note: Mapped[str] = mapped_column(Text, default="")
    letter_number: Mapped[str] = mapped_column(String(80), default="")
    sent_to: Mapped[str] = mapped_column(String(200), default="")

    recommendation: Mapped[Recommendation] = relationship(back_populates="followups")


class Activity(CommitteeOwned, Base):
    __tablename__ = "activities"
    __sync_content__ = ("title", "description", "place", "partner")

    date: Mapped[dt.date] = mapped_column(Date, index=True)
    kind: Mapped[str] = mapped_column(String(24), default="awareness")
    title: Mapped[str] = mapped_column(String(300))
    description: Mapped[str] = mapped_column(Text, default="")
    place: Mapped[str] = mapped_column(String(200), default="")
    reached_men: Mapped[int] = mapped_column(Integer, default=0)
    reached_women: Mapped[int] = mapped_column(Integer, default=0)
    reached_young_men: Mapped[int] = mapped_column(Integer, default=0)
    reached_young_women: Mapped[int] = mapped_column(Integer, default=0)
    partner: Mapped[str] = mapped_column(String(200), default="")

    @property
    def reached_total(self) -> int:
        return (self.reached_men + self.reached_women + self.reached_young_men
                + self.reached_young_women)


class Attachment(CommitteeOwned, Base):
    """A scan or photo stored inside the database (one file to back up), with its SHA-256."""

    __tablename__ = "attachments"
    __sync_content__ = ("filename", "description", "data")

    meeting_id: Mapped[int | None] = mapped_column(ForeignKey("meetings.id"), default=None,
                                                   index=True)
    activity_id: Mapped[int | None] = mapped_column(ForeignKey("activities.id"), default=None,
                                                    index=True)
    kind: Mapped[str] = mapped_column(String(32), default="other")
    filename: Mapped[str] = mapped_column(String(255))
    mime_type: Mapped[str] = mapped_column(String(100), default="application/octet-stream")
    description: Mapped[str] = mapped_column(Text, default="")
    size: Mapped[int] = mapped_column(Integer, default=0)
    sha256: Mapped[str] = mapped_column(String(64), default="")
    data: Mapped[bytes | None] = mapped_column(LargeBinary, default=None, deferred=True)


class RestrictedNote(CommitteeOwned, Base):
    """DIFFUSION RESTREINTE: kept apart from every circulating document and transmission."""

    __tablename__ = "restricted_notes"
    __sync_content__ = ("text",)

    meeting_id: Mapped[int | None] = mapped_column(ForeignKey("meetings.id"), default=None,
                                                   index=True)
    agenda_item_id: Mapped[int | None] = mapped_column(ForeignKey("agenda_items.id"),
                                                       default=None)
    threat_id: Mapped[int | None] = mapped_column(ForeignKey("threats.id"), default=None)
    text: Mapped[str] = mapped_column(Text, default="")


class StoredDocument(CommitteeOwned, Base):
    """A frozen PDF: the adopted PV (and its amendments) exactly as adopted, with its SHA-256."""

    __tablename__ = "stored_documents"

    meeting_id: Mapped[int] = mapped_column(ForeignKey("meetings.id"), index=True)
    amendment_id: Mapped[int | None] = mapped_column(ForeignKey("amendments.id"), default=None)
    kind: Mapped[str] = mapped_column(String(16), default="pv")
    filename: Mapped[str] = mapped_column(String(255), default="")
    sha256: Mapped[str] = mapped_column(String(64), default="")
    pdf: Mapped[bytes | None] = mapped_column(LargeBinary, default=None, deferred=True)


# Indexes for the tables that the UI lists (half a million rows must stay instant):
# - tombstones apart, so that "live rows" = all rows - tombstones is counted from indexes;
# - the columns a secretary sorts by.
LISTED_MODELS = ("Person", "Meeting", "Threat", "Vulnerability", "Recommendation", "Activity")
for _name in LISTED_MODELS:
    _model = globals()[_name]
    Index(f"ix_{_model.__tablename__}_tombstones", _model.deleted_at,
          sqlite_where=_model.deleted_at.is_not(None))
for _column in (Meeting.status, Meeting.kind, Meeting.place, Threat.score, Threat.trend,
                Vulnerability.place_name, Recommendation.addressee,
                Recommendation.responsible, Recommendation.priority, Activity.kind,
                Activity.place, Person.category):
    Index(f"ix_{_column.class_.__tablename__}_{_column.key}", _column)
# every other column a list sorts by: a sorted page walks its index (revision 0004)
for _column in (Threat.title, Threat.place_name, Threat.first_reported, Vulnerability.title,
                Vulnerability.place_kind, Vulnerability.first_reported, Recommendation.text,
                Activity.title, Activity.partner, Person.sex, Person.is_youth,
                Person.organisation, Person.function):
    Index(f"ix_{_column.class_.__tablename__}_{_column.key}", _column)


SYNCABLE_MODELS: tuple[type[Syncable], ...] = (
    Committee, Person, Meeting, AgendaItem, Attendance, Amendment, Threat, ThreatAssessment,
    Vulnerability, Recommendation, RecommendationFollowup, Activity, Attachment,
    RestrictedNote, StoredDocument,
)

__all__ = [name for name in dir() if not name.startswith("_")] + ["utcnow"]
from . import models_exchange  # noqa: E402,F401


class AuditEntry(Base):
    """The audit trail (issue 13): who did what and when, never any record text. Insert-only;
    each entry's `hash` is SHA-256 over its canonical encoding and the previous entry's hash
    (services/audit.py). Never travels in a transmission."""

    __tablename__ = "audit_entries"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    at: Mapped[str] = mapped_column(String(32))  # ISO 8601 UTC, as hashed
    account: Mapped[str] = mapped_column(String(100), default="")
    action: Mapped[str] = mapped_column(String(32), index=True)
    kind: Mapped[str] = mapped_column(String(40), default="")
    record_id: Mapped[int | None] = mapped_column(Integer, default=None)
    record_uuid: Mapped[str] = mapped_column(String(36), default="")
    outcome: Mapped[str] = mapped_column(String(32), default="ok")
    count: Mapped[int] = mapped_column(Integer, default=1)
    prev_hash: Mapped[str] = mapped_column(String(64), default="")
    hash: Mapped[str] = mapped_column(String(64), default="")


class AuditHead(Base):
    """At the CRSS: the last audit chain head each committee sent (count, hash), and whether
    a later head failed to extend it (a committee's history rewritten or rolled back)."""

    __tablename__ = "crss_audit_heads"

    committee_uuid: Mapped[str] = mapped_column(String(36), primary_key=True)
    count: Mapped[int] = mapped_column(Integer, default=0)
    hash: Mapped[str] = mapped_column(String(64), default="")
    head_at: Mapped[str] = mapped_column(String(32), default="")  # its last entry's time
    received_at: Mapped[str] = mapped_column(String(32), default="")
    status: Mapped[str] = mapped_column(String(16), default="ok")  # ok / rewritten
    flagged_at: Mapped[str] = mapped_column(String(32), default="")


__all__ += ["AuditEntry", "AuditHead"]


class Account(Base):
    """Who may do what (issue 13): an account of the key file and its role, kept inside the
    encrypted database so that no one changes a role by editing a file. A disabled account
    stays (its entry left the key file, the database was re-keyed)."""

    __tablename__ = "accounts"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(64), unique=True)
    role: Mapped[str] = mapped_column(String(16), default="lecteur")
    enabled: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    disabled_at: Mapped[dt.datetime | None] = mapped_column(default=None)


__all__ += ["Account"]


class MeetingArrival(Base):
    """At the CRSS (issue 17): the day a meeting held, or not held with its reason, first
    arrived in an imported file, per month it was recorded in (a meeting moved to another
    month arrives again there). A later import never moves it later. Never travels."""

    __tablename__ = "crss_arrivals"

    meeting_uuid: Mapped[str] = mapped_column(String(36), primary_key=True)
    month: Mapped[str] = mapped_column(String(7), primary_key=True)  # YYYY-MM
    committee_uuid: Mapped[str] = mapped_column(String(36), index=True)
    received_on: Mapped[dt.date] = mapped_column(Date)


__all__ += ["MeetingArrival"]


class MonthlyAttendance(Base):
    """At the CRSS (issue 17): the attendance figures of a committee's held meetings of one
    month, kept by services.crss.monthly in the transaction of every write to the meetings,
    the attendance or the people (a scope of many committees reads these instead of the
    attendance). One row per committee and month with a held meeting. Never travels."""

    __tablename__ = "crss_monthly"

    committee_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    month: Mapped[str] = mapped_column(String(7), primary_key=True, index=True)  # YYYY-MM
    meetings: Mapped[int] = mapped_column(Integer)  # held meetings with someone present
    present: Mapped[int] = mapped_column(Integer)
    members_present: Mapped[int] = mapped_column(Integer)
    members_recorded: Mapped[int] = mapped_column(Integer)
    women: Mapped[int] = mapped_column(Integer)
    men: Mapped[int] = mapped_column(Integer)
    youth: Mapped[int] = mapped_column(Integer)
    fds_meetings: Mapped[int] = mapped_column(Integer)  # held meetings with an FDS present


class MonthlyCorps(Base):
    """At the CRSS: the FDS present at a committee's held meetings of one month, by corps
    ("" when not recorded): presences and meetings where the corps was present."""

    __tablename__ = "crss_monthly_corps"

    committee_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    month: Mapped[str] = mapped_column(String(7), primary_key=True, index=True)
    corps: Mapped[str] = mapped_column(String(32), primary_key=True)
    present: Mapped[int] = mapped_column(Integer)
    meetings: Mapped[int] = mapped_column(Integer)


class MonthlyStale(Base):
    """The committees whose monthly figures a write changed without recomputing them (the
    triggers of revision 0007 note every write to meetings, attendance, people): the
    dashboard counts from the base tables while one of its committees is here."""

    __tablename__ = "crss_monthly_stale"

    committee_id: Mapped[int] = mapped_column(Integer, primary_key=True)


__all__ += ["MonthlyAttendance", "MonthlyCorps", "MonthlyStale"]
