"""Recommendations and their follow-up: Formulée → Transmise → En cours → outcome."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import exists, select
from sqlalchemy.orm import Session, joinedload

from ..db import models as m
from ..domain import enums
from ..i18n import _
from . import validation as v
from .errors import ReadOnly, ValidationError
from .values import freeze, freeze_all, value_type
from .records import (
    RecordService, as_date, check_code, iter_fields, optional_text, require_text,
)

FIELDS = ("text", "meeting_id", "addressee", "responsible", "deadline", "priority", "status",
          "threat_ids", "vulnerability_ids", "committee_id")


def _day(value: Any) -> dt.date:
    """A filter's day: a date, or its ISO text (a drill's filters as the lists keep them)."""
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value))


def _overdue(stmt, value):  # noqa: ANN001
    """True: open and past their deadline today; a date (or its ISO text): open with a
    deadline before that day (a dashboard's period: services.dashboard.overdue_cutoff)."""
    if not value:
        return stmt
    cutoff = dt.date.today() if value is True else _day(value)
    return stmt.where(m.Recommendation.deadline < cutoff,
                      m.Recommendation.status.in_(enums.RecommendationStatus.open_codes()))


def answers_restricted():  # noqa: ANN201
    """The condition "linked to a restricted threat" on a recommendation (such a
    recommendation is left out, with its threat, wherever restricted threats are: a
    dashboard on a screen, the periodic report)."""
    link = m.recommendation_threats
    return (exists().where(link.c.recommendation_id == m.Recommendation.id,
                           link.c.threat_id == m.Threat.id, m.Threat.is_restricted.is_(True))
            .correlate(m.Recommendation))


def _not_restricted(stmt, value):  # noqa: ANN001
    return stmt.where(~answers_restricted()) if value else stmt


def _made_between(stmt, value):  # noqa: ANN001
    """(first day, last day): made at a live meeting dated in those days (a dashboard's
    period, when its meetings are too many to be listed by id)."""
    if not value:
        return stmt
    first, last = (_day(d) for d in value)
    meetings = select(m.Meeting.id).where(m.Meeting.deleted_at.is_(None),
                                          m.Meeting.date.between(first, last))
    return stmt.where(m.Recommendation.meeting_id.in_(meetings))


FollowupRow = value_type("FollowupRow", m.RecommendationFollowup)


class RecommendationsService(RecordService):
    model = m.Recommendation
    default_order = ("deadline", False)
    Row = value_type("RecommendationRow", m.Recommendation)
    #: threat_ids, vulnerability_ids: the linked live records; meeting_reference and
    #: meeting_status: its meeting's ("" and None without one); followups: FollowupRow,
    #: oldest first
    Detail = value_type("RecommendationDetail", m.Recommendation, resolved=(
        "threat_ids", "vulnerability_ids", "meeting_reference", "meeting_status",
        "followups"))
    filters = {
        "overdue": _overdue,
        "not_restricted": _not_restricted,
        "made_between": _made_between,
        "open": lambda stmt, v: stmt.where(
            m.Recommendation.status.in_(enums.RecommendationStatus.open_codes())) if v else stmt,
        "addressee": lambda stmt, v: stmt.where(m.Recommendation.addressee == v),
    }

    def _noun(self) -> str:
        return _("Recommendation")

    def _not_deleted_message(self) -> str:
        return _("This recommendation is not deleted: nothing to restore.")

    def validate(self, values: dict[str, Any], existing: m.Recommendation | None,
                 session: Session) -> dict[str, Any]:
        iter_fields(values, FIELDS)
        errors: dict[str, str] = {}
        out: dict[str, Any] = {}
        new = existing is None
        cid = self.committee_of(values, existing, session, errors)
        if new:
            out["committee_id"] = cid
        if new or "text" in values:
            out["text"] = require_text(values.get("text"), _("Text of the recommendation"), errors,
                                       "text", multiline=True)
        if new or "priority" in values:
            out["priority"] = check_code(v.or_default(values.get("priority"), "normal"),
                                         enums.Priority, _("Priority"), errors, "priority")
        if new or "status" in values:
            out["status"] = check_code(v.or_default(values.get("status"), "formulated"),
                                       enums.RecommendationStatus, _("Status"), errors,
                                       "status")
        for name, label in (("addressee", _("Addressee")), ("responsible", _("Responsible"))):
            if name in values:
                out[name] = optional_text(values[name], label, errors, name, 200)
        if "deadline" in values:
            out["deadline"] = as_date(values["deadline"], _("Deadline"), errors, "deadline")
        if "meeting_id" in values:
            meeting = None
            if values["meeting_id"] is not None:
                meeting = v.find(session, m.Meeting, values["meeting_id"], _("Meeting"), errors,
                                 "meeting_id", committee_id=cid)
            if meeting is not None and meeting.status == enums.MeetingStatus.ADOPTED.value \
                    and (new or meeting.id != existing.meeting_id):
                message = _("The minutes {reference} are adopted: no more recommendations "
                            "are added to them.").format(reference=meeting.reference)
                if not new:
                    raise ReadOnly(message)
                errors["meeting_id"] = message
            out["meeting_id"] = meeting.id if meeting is not None else None
        for name, model, label, attr in (
                ("threat_ids", m.Threat, _("Threat"), "threats"),
                ("vulnerability_ids", m.Vulnerability, _("Vulnerability"), "vulnerabilities")):
            if name in values:
                given = values[name]
                if given is None:
                    given = []
                if not isinstance(given, (list, tuple, set, frozenset)):
                    errors[name] = _("{label}: a list of numbers is expected.").format(
                        label=label)
                    continue
                found = [v.find(session, model, i, label, errors, name, committee_id=cid)
                         for i in given]
                out[attr] = list({obj.id: obj for obj in found if obj is not None}.values())
        if errors:
            raise ValidationError(errors)
        return out

    def check_writable(self, obj: m.Recommendation, session: Session) -> None:
        """The wording of a recommendation in an adopted PV is fixed; its follow-up is not
        (update_in checks the fields; here: nothing more for plain updates)."""

    def check_deletable(self, obj: m.Recommendation, session: Session) -> None:
        meeting = session.get(m.Meeting, obj.meeting_id) if obj.meeting_id else None
        if meeting is not None and meeting.status == enums.MeetingStatus.ADOPTED.value:
            raise ReadOnly(_("This recommendation is in the adopted minutes {reference}: it "
                             "can no longer be deleted; record that it was abandoned in its "
                             "follow-up instead.").format(reference=meeting.reference))

    def dependents(self, obj: m.Recommendation, session: Session) -> list[Any]:
        return list(session.scalars(select(m.RecommendationFollowup).where(
            m.RecommendationFollowup.recommendation_id == obj.id,
            m.RecommendationFollowup.deleted_at.is_(None))).all())

    def links(self, obj: m.Recommendation) -> list[Any]:
        return [(m.recommendation_threats, "recommendation_id"),
                (m.recommendation_vulnerabilities, "recommendation_id")]

    def update_in(self, s: Session, key: int | str, **values: Any) -> Any:
        if isinstance(key, int) and not isinstance(key, bool):
            # the recommendation and its meeting in one statement (an autosave runs on each
            # pause in typing); `get` below finds both in the session
            # (held in a variable: the session's identity map keeps only weak references)
            loaded = s.scalars(  # noqa: F841
                select(m.Recommendation).options(joinedload(m.Recommendation.meeting))
                .where(m.Recommendation.id == key)).unique().all()
        obj = self.get(key, session=s)
        meeting = s.get(m.Meeting, obj.meeting_id) if obj.meeting_id else None
        if meeting is not None and meeting.status == enums.MeetingStatus.ADOPTED.value:
            frozen = {"text", "addressee", "responsible", "deadline", "meeting_id",
                      "threat_ids", "vulnerability_ids"} & set(values)
            if frozen:
                raise ReadOnly(_("The minutes {reference} are adopted: the text of this "
                                 "recommendation no longer changes; only its follow-up "
                                 "does.").format(reference=meeting.reference))
        return super().update_in(s, key, **values)

    def get(self, key: int | str, session: Session | None = None) -> Any:
        """The recommendation; read outside a session, with what its form shows beside its
        fields already loaded (its threats, vulnerabilities and meeting): nothing is left
        to load lazily once the session is closed."""
        if session is not None:
            return super().get(key, session)
        with self.db.session() as s:
            obj = self._find(s, key)
            _ = (obj.threats, obj.vulnerabilities, obj.meeting)
            return obj

    def add_followup(self, recommendation_id: int, *, status: str,
                     date: dt.date | str | None = None, note: str = "", letter_number: str = "",
                     sent_to: str = "", meeting_id: int | None = None) -> Any:
        """A step of the recommendation's follow-up (its status moves with it): the new
        FollowupRow."""
        errors: dict[str, str] = {}
        code = check_code(status, enums.RecommendationStatus, _("Status"), errors, "status")
        d = as_date(date, _("Date"), errors, "date") or (dt.date.today() if "date" not in errors
                                                         else None)
        note = optional_text(note, _("Note"), errors, "note", multiline=True)
        letter_number = optional_text(letter_number, _("Letter number"), errors,
                                      "letter_number", 80)
        sent_to = optional_text(sent_to, _("Sent to"), errors, "sent_to", 200)
        if code == enums.RecommendationStatus.TRANSMITTED.value and not sent_to \
                and "sent_to" not in errors:
            errors["sent_to"] = _("Sent to: give the addressee of the letter.")
        if errors:
            raise ValidationError(errors)
        with v.write_session(self.db) as s:
            rec = self.get(recommendation_id, session=s)
            meeting = None
            if meeting_id is not None:
                meeting = v.find(s, m.Meeting, meeting_id, _("Meeting"), errors, "meeting_id",
                                 committee_id=rec.committee_id)
                v.raise_if(errors)
            row = m.RecommendationFollowup(
                recommendation_id=rec.id, committee_id=rec.committee_id,
                meeting_id=meeting.id if meeting else None, date=d, status=code, note=note,
                letter_number=letter_number, sent_to=sent_to)
            s.add(row)
            rec.status = code
            rec.status_date = d
            s.flush()
            return freeze(FollowupRow, row)

    def transmit(self, recommendation_id: int, *, date: dt.date | str, letter_number: str,
                 sent_to: str, note: str = "") -> Any:
        """The letter that transmits the recommendation: the new FollowupRow."""
        return self.add_followup(recommendation_id, status="transmitted", date=date,
                                 letter_number=letter_number, sent_to=sent_to, note=note)

    def followups(self, recommendation_id: int) -> list[m.RecommendationFollowup]:
        recommendation_id = v.as_id(recommendation_id, _("Recommendation"))
        with self.db.session() as s:
            return self._followups(s, recommendation_id)

    def _followups(self, s: Session, recommendation_id: int) -> list[m.RecommendationFollowup]:
        return list(s.scalars(select(m.RecommendationFollowup).where(
            m.RecommendationFollowup.recommendation_id == recommendation_id,
            m.RecommendationFollowup.deleted_at.is_(None))
            .order_by(m.RecommendationFollowup.date, m.RecommendationFollowup.id)).all())

    def to_detail(self, obj: m.Recommendation, session: Session) -> Any:
        meeting = obj.meeting
        return freeze(
            self.Detail, obj,
            threat_ids=tuple(t.id for t in obj.threats),
            vulnerability_ids=tuple(x.id for x in obj.vulnerabilities),
            meeting_reference=meeting.reference if meeting is not None else "",
            meeting_status=meeting.status if meeting is not None else None,
            followups=freeze_all(FollowupRow, self._followups(session, obj.id)))
