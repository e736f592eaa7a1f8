"""Recommendations and their follow-up: Formulée → Transmise → En cours → outcome."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..db import models as m
from ..domain import enums
from .errors import ReadOnly, ValidationError
from .records import (
    RecordService, as_date, check_code, clean_text, iter_fields, require_text,
)

FIELDS = ("text", "meeting_id", "addressee", "responsible", "deadline", "priority", "status",
          "threat_ids", "vulnerability_ids", "committee_id")


def _overdue(stmt, value):  # noqa: ANN001
    if not value:
        return stmt
    return stmt.where(m.Recommendation.deadline < dt.date.today(),
                      m.Recommendation.status.in_(enums.RecommendationStatus.open_codes()))


class RecommendationsService(RecordService):
    model = m.Recommendation
    label = "recommandation"
    default_order = ("deadline", False)
    filters = {
        "overdue": _overdue,
        "open": lambda stmt, v: stmt.where(
            m.Recommendation.status.in_(enums.RecommendationStatus.open_codes())) if v else stmt,
        "addressee": lambda stmt, v: stmt.where(m.Recommendation.addressee == v),
    }

    def validate(self, values: dict[str, Any], existing: m.Recommendation | None,
                 session: Session) -> dict[str, Any]:
        iter_fields(values, FIELDS)
        errors: dict[str, str] = {}
        out: dict[str, Any] = {}
        new = existing is None
        if new or "text" in values:
            out["text"] = require_text(values.get("text"), "Texte de la recommandation", errors,
                                       "text")
        if new or "priority" in values:
            out["priority"] = check_code(values.get("priority") or "normal", enums.Priority,
                                         "Priorité", errors, "priority")
        if new or "status" in values:
            out["status"] = check_code(values.get("status") or "formulated",
                                       enums.RecommendationStatus, "Statut", errors, "status")
        for name in ("addressee", "responsible"):
            if name in values:
                out[name] = clean_text(values[name])
        if "deadline" in values:
            out["deadline"] = as_date(values["deadline"], "Échéance", errors, "deadline")
        if "meeting_id" in values and values["meeting_id"] is not None:
            meeting = session.get(m.Meeting, int(values["meeting_id"]))
            if meeting is None or meeting.deleted_at is not None:
                errors["meeting_id"] = "Réunion introuvable."
            elif new and meeting.status == enums.MeetingStatus.ADOPTED.value:
                errors["meeting_id"] = (f"Le procès-verbal {meeting.reference} est adopté : "
                                        "on ne lui ajoute plus de recommandation.")
            out["meeting_id"] = int(values["meeting_id"])
        if "threat_ids" in values:
            out["threats"] = [t for t in (session.get(m.Threat, int(i))
                                          for i in values["threat_ids"] or []) if t]
        if "vulnerability_ids" in values:
            out["vulnerabilities"] = [v for v in (session.get(m.Vulnerability, int(i))
                                                  for i in values["vulnerability_ids"] or []) if v]
        if "committee_id" in values:
            out["committee_id"] = values["committee_id"]
        if errors:
            raise ValidationError(errors)
        return out

    def check_writable(self, obj: m.Recommendation, session: Session) -> None:
        """The wording of a recommendation in an adopted PV is fixed; its follow-up is not
        (update_in checks the fields; here: nothing more for plain updates)."""

    def check_deletable(self, obj: m.Recommendation, session: Session) -> None:
        meeting = session.get(m.Meeting, obj.meeting_id) if obj.meeting_id else None
        if meeting is not None and meeting.status == enums.MeetingStatus.ADOPTED.value:
            raise ReadOnly(f"Cette recommandation figure dans le procès-verbal adopté "
                           f"{meeting.reference} : elle ne peut plus être supprimée ; "
                           "indiquez plutôt son abandon dans le suivi.")

    def dependents(self, obj: m.Recommendation, session: Session) -> list[Any]:
        return list(session.scalars(select(m.RecommendationFollowup).where(
            m.RecommendationFollowup.recommendation_id == obj.id,
            m.RecommendationFollowup.deleted_at.is_(None))).all())

    def links(self, obj: m.Recommendation) -> list[Any]:
        return [(m.recommendation_threats, "recommendation_id"),
                (m.recommendation_vulnerabilities, "recommendation_id")]

    def update_in(self, s: Session, key: int | str, **values: Any) -> Any:
        obj = self.get(key, session=s)
        meeting = s.get(m.Meeting, obj.meeting_id) if obj.meeting_id else None
        if "meeting_id" in values and values["meeting_id"] not in (None, obj.meeting_id):
            target = s.get(m.Meeting, int(values["meeting_id"]))
            if target is not None and target.status == enums.MeetingStatus.ADOPTED.value:
                raise ReadOnly(f"Le procès-verbal {target.reference} est adopté : on ne lui "
                               "ajoute plus de recommandation.")
        if meeting is not None and meeting.status == enums.MeetingStatus.ADOPTED.value:
            frozen = {"text", "addressee", "responsible", "deadline", "meeting_id",
                      "threat_ids", "vulnerability_ids"} & set(values)
            if frozen:
                raise ReadOnly(f"Le procès-verbal {meeting.reference} est adopté : le texte "
                               "de cette recommandation ne change plus ; seul son suivi évolue.")
        return super().update_in(s, key, **values)

    def add_followup(self, recommendation_id: int, *, status: str,
                     date: dt.date | str | None = None, note: str = "", letter_number: str = "",
                     sent_to: str = "", meeting_id: int | None = None) -> m.RecommendationFollowup:
        errors: dict[str, str] = {}
        code = check_code(status, enums.RecommendationStatus, "Statut", errors, "status")
        d = as_date(date, "Date", errors, "date") or (dt.date.today() if "date" not in errors
                                                      else None)
        if code == enums.RecommendationStatus.TRANSMITTED.value and not clean_text(sent_to):
            errors["sent_to"] = "Transmise à : indiquez le destinataire de la lettre."
        if errors:
            raise ValidationError(errors)
        with self.db.session() as s:
            rec = self.get(recommendation_id, session=s)
            row = m.RecommendationFollowup(
                recommendation_id=rec.id, committee_id=rec.committee_id, meeting_id=meeting_id,
                date=d, status=code, note=clean_text(note),
                letter_number=clean_text(letter_number), sent_to=clean_text(sent_to))
            s.add(row)
            rec.status = code
            rec.status_date = d
            s.flush()
        return row

    def transmit(self, recommendation_id: int, *, date: dt.date | str, letter_number: str,
                 sent_to: str, note: str = "") -> m.RecommendationFollowup:
        return self.add_followup(recommendation_id, status="transmitted", date=date,
                                 letter_number=letter_number, sent_to=sent_to, note=note)

    def followups(self, recommendation_id: int) -> list[m.RecommendationFollowup]:
        with self.db.session() as s:
            return list(s.scalars(select(m.RecommendationFollowup).where(
                m.RecommendationFollowup.recommendation_id == recommendation_id,
                m.RecommendationFollowup.deleted_at.is_(None))
                .order_by(m.RecommendationFollowup.date, m.RecommendationFollowup.id)).all())
