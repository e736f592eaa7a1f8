"""Threats (scored likelihood × impact, re-assessed at meetings) and vulnerabilities."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..db import models as m
from ..domain import enums, scoring
from ..domain.threat_types import national_type
from ..i18n import _
from . import roles
from . import validation as v
from .errors import NotFound, ReadOnly, ValidationError
from .values import freeze, freeze_all, value_type
from .records import (
    RecordService, as_date, as_int, check_code, iter_fields, optional_text,
    require_text,
)

THREAT_FIELDS = ("title", "description", "type_code", "place_kind", "place_name",
                 "first_reported", "likelihood", "impact", "trend", "status", "source_category",
                 "is_restricted", "committee_id")
VULN_FIELDS = ("title", "description", "place_kind", "place_name", "first_reported", "status",
               "committee_id")


def _situation(values: dict[str, Any], errors: dict[str, str]) -> dict[str, Any]:
    """The fields a threat and a vulnerability share: description, place, first report."""
    out: dict[str, Any] = {}
    if "description" in values:
        out["description"] = optional_text(values["description"], _("Description"), errors,
                                           "description", multiline=True)
    if "place_name" in values:
        out["place_name"] = optional_text(values["place_name"], _("Place"), errors,
                                          "place_name", 200)
    if "first_reported" in values:
        out["first_reported"] = as_date(values["first_reported"], _("Date first reported"),
                                        errors, "first_reported")
    return out


def _score_value(value: Any, enum: type[enums.Labelled], label: str, errors: dict[str, str],
                 key: str) -> int | None:
    """Likelihood and impact come as 1-5 or as their French label ("Probable")."""
    if value is None or (isinstance(value, str) and not value.strip()):
        errors[key] = _("{label}: this field is required.").format(label=label)
        return None
    if isinstance(value, str) and not (value.strip().isascii() and value.strip().isdigit()):
        code = check_code(value, enum, label, errors, key)
        return int(code) if code else None
    words = ", ".join(f"{mm.value} = {mm.label}" for mm in enum)
    number = as_int(value, label, errors, key, 1, 5)
    if key in errors:
        errors[key] = _("{label}: {value} does not exist; choose from {choices}.").format(
            label=label, value=v.shown(value), choices=words)
    return number


@dataclass(frozen=True)
class ThreatTypeInfo:
    """A threat type as the interface shows it: a national type's label in the interface's
    language, a committee's local sub-type's label as the committee typed it."""

    code: str
    label: str
    parent_code: str | None
    is_national: bool
    national_code: str | None = None
    committee_id: int | None = None


def type_info(row: m.ThreatType) -> ThreatTypeInfo:
    seed = national_type(row.code) if row.is_national else None
    return ThreatTypeInfo(code=row.code, label=seed.label if seed is not None else row.label,
                          parent_code=row.parent_code, is_national=bool(row.is_national),
                          national_code=row.national_code, committee_id=row.committee_id)


AssessmentRow = value_type("AssessmentRow", m.ThreatAssessment)


class ThreatsService(RecordService):
    model = m.Threat
    default_order = ("score", True)
    Row = value_type("ThreatRow", m.Threat)
    #: history: the threat's assessments (AssessmentRow), oldest first
    Detail = value_type("ThreatDetail", m.Threat, resolved=("history",))
    filters = {
        "type": lambda stmt, v: stmt.join(m.ThreatType, m.ThreatType.code == m.Threat.type_code)
        .where((m.ThreatType.code == v) | (m.ThreatType.parent_code == v)),
        "place": lambda stmt, v: stmt.where(m.Threat.place_name == v),
    }

    def _noun(self) -> str:
        return _("Threat")

    def _not_deleted_message(self) -> str:
        return _("This threat is not deleted: nothing to restore.")

    def validate(self, values: dict[str, Any], existing: m.Threat | None,
                 session: Session) -> dict[str, Any]:
        iter_fields(values, THREAT_FIELDS)
        errors: dict[str, str] = {}
        out: dict[str, Any] = {}
        new = existing is None
        cid = self.committee_of(values, existing, session, errors)
        if new:
            out["committee_id"] = cid
        if new or "title" in values:
            out["title"] = require_text(values.get("title"), _("Threat title"), errors,
                                        "title", 300)
        if new or "type_code" in values:
            code = v.as_text(values.get("type_code"), _("Threat type"), errors, "type_code",
                             required=True, max_len=60)
            if code:
                row = session.get(m.ThreatType, code)
                if row is None or (row.committee_id is not None and row.committee_id != cid):
                    errors["type_code"] = _("Unknown threat type: {code}.").format(
                        code=v.shown(code))
            out["type_code"] = code
        for name, enum, label in (("likelihood", enums.Likelihood, _("Likelihood")),
                                  ("impact", enums.Impact, _("Severity"))):
            if new or name in values:
                value = values.get(name, 3)
                out[name] = _score_value(value, enum, label, errors, name)
        simple = (("place_kind", enums.PlaceKind, _("Kind of place"), "village"),
                  ("trend", enums.Trend, _("Trend"), "stable"),
                  ("status", enums.ThreatStatus, _("Status"), "active"),
                  ("source_category", enums.SourceCategory, _("Source category"), "membre"))
        for name, enum, label, default in simple:
            if new or name in values:
                out[name] = check_code(v.or_default(values.get(name), default), enum, label, errors, name)
        out.update(_situation(values, errors))
        if "is_restricted" in values:
            out["is_restricted"] = v.as_bool(values["is_restricted"], _("Restricted circulation"),
                                             errors, "is_restricted")
        if errors:
            raise ValidationError(errors)
        return out

    def before_write(self, obj: m.Threat, session: Session) -> None:
        obj.rescore()

    def dependents(self, obj: m.Threat, session: Session) -> list[Any]:
        found: list[Any] = []
        for model in (m.ThreatAssessment, m.RestrictedNote):
            found += session.scalars(select(model).where(model.threat_id == obj.id,
                                                         model.deleted_at.is_(None))).all()
        return found

    def links(self, obj: m.Threat) -> list[Any]:
        return [(m.meeting_threats, "threat_id"), (m.recommendation_threats, "threat_id")]

    def assess(self, threat_id: int, *, likelihood: Any, impact: Any, trend: str = "stable",
               note: str = "", meeting_id: int | None = None,
               date: dt.date | str | None = None) -> Any:
        """Re-score a threat (usually at a meeting): history kept, current score updated.
        Returns the new AssessmentRow (its threat_id names the threat rescored)."""
        errors: dict[str, str] = {}
        lk = _score_value(likelihood, enums.Likelihood, _("Likelihood"), errors, "likelihood")
        im = _score_value(impact, enums.Impact, _("Severity"), errors, "impact")
        tr = check_code(trend if trend is not None and trend != "" else "stable", enums.Trend,
                        _("Trend"), errors, "trend")
        d = as_date(date, _("Date"), errors, "date")
        note = optional_text(note, _("Note"), errors, "note", multiline=True)
        if errors:
            raise ValidationError(errors)
        with v.write_session(self.db) as s:
            threat = self.get(threat_id, session=s)
            meeting = None
            if meeting_id is not None:
                meeting = v.find(s, m.Meeting, meeting_id, _("Meeting"),
                                 committee_id=threat.committee_id)
                if meeting.status == enums.MeetingStatus.ADOPTED.value:
                    raise ReadOnly(_("The minutes {reference} are adopted: they no longer "
                                     "change.").format(reference=meeting.reference))
            when = d or (meeting.date if meeting else dt.date.today())
            row = m.ThreatAssessment(threat_id=threat.id, committee_id=threat.committee_id,
                                     meeting_id=meeting.id if meeting else None, date=when,
                                     likelihood=lk, impact=im, score=scoring.score(lk, im),
                                     trend=tr, note=note)
            s.add(row)
            threat.likelihood, threat.impact, threat.trend = lk, im, tr
            threat.rescore()
            if meeting is not None and threat not in meeting.threats:
                meeting.threats.append(threat)
            s.flush()
            return freeze(AssessmentRow, row)

    def assessments(self, threat_id: int) -> list[m.ThreatAssessment]:
        threat_id = v.as_id(threat_id, _("Threat"))
        with self.db.session() as s:
            return self._assessments(s, threat_id)

    def _assessments(self, s: Session, threat_id: int) -> list[m.ThreatAssessment]:
        return list(s.scalars(select(m.ThreatAssessment).where(
            m.ThreatAssessment.threat_id == threat_id,
            m.ThreatAssessment.deleted_at.is_(None)).order_by(m.ThreatAssessment.date)).all())

    # a lecteur sees no restricted threat (services.roles): not listed, not counted, not found
    def _hidden_from_reader(self, stmt: Any) -> Any:
        return stmt.where(m.Threat.is_restricted.is_(False))

    def _blanked_for_reader(self, objs: list[Any]) -> list[Any]:
        return [t for t in objs if not t.is_restricted]  # a sorted search walks past _apply

    def _find(self, s: Session, key: int | str, *, deleted: bool = False) -> Any:
        obj = super()._find(s, key, deleted=deleted)
        if obj.is_restricted and not roles.sees_restricted(self.db):
            raise NotFound(_("{field} not found: {value}.").format(field=self._noun(),
                                                                   value=v.shown(key)))
        return obj

    def to_detail(self, obj: m.Threat, session: Session) -> Any:
        return freeze(self.Detail, obj,
                      history=freeze_all(AssessmentRow, self._assessments(session, obj.id)))

    def types(self) -> list[ThreatTypeInfo]:
        """The active types, national ones labelled in the interface's language (the
        database keeps their French: documents and the search index read that)."""
        with self.db.session() as s:
            rows = s.scalars(select(m.ThreatType).where(m.ThreatType.active.is_(True))
                             .order_by(m.ThreatType.code)).all()
            return [type_info(row) for row in rows]

    def add_local_type(self, label: str, national_code: str) -> ThreatTypeInfo:
        """A committee's own sub-type, mapped to a national one so that records still merge;
        refused when its national parent already has a sub-type of that label."""
        from ..db.base import new_uuid
        from .records import own_committee

        errors: dict[str, str] = {}
        label = v.as_text(label, _("Label"), errors, "label", required=True, max_len=200)
        national_code = v.as_text(national_code, _("National type"), errors, "national_code",
                                  required=True, max_len=60)
        v.raise_if(errors)
        with v.write_session(self.db) as s:
            national = s.get(m.ThreatType, national_code)
            if national is None or not national.is_national:
                raise ValidationError({"national_code": _("Choose the matching national "
                                                          "type.")})
            uuid = new_uuid()
            parent = national.parent_code or national.code
            committee = own_committee(s)
            mine = committee.id if committee else None
            taken = list(s.scalars(select(m.ThreatType.label).where(
                m.ThreatType.parent_code == parent, m.ThreatType.active.is_(True),
                m.ThreatType.is_national.is_(True) | (m.ThreatType.committee_id == mine))))
            seeds = [national_type(code) for code in s.scalars(select(m.ThreatType.code).where(
                m.ThreatType.parent_code == parent, m.ThreatType.is_national.is_(True)))]
            taken += [seed.label for seed in seeds if seed is not None]
            if label.casefold() in {t.casefold() for t in taken if t}:
                raise ValidationError({"label": _("{label}: this type already has a sub-type "
                                                  "of that name.").format(label=label)})
            row = m.ThreatType(code=f"LOC.{uuid}", label=label, parent_code=parent,
                               is_national=False, national_code=national.code, uuid=uuid,
                               committee_id=committee.id if committee else None)
            s.add(row)
            s.flush()
            return type_info(row)


class VulnerabilitiesService(RecordService):
    model = m.Vulnerability
    default_order = ("id", True)
    filters = {"place": lambda stmt, v: stmt.where(m.Vulnerability.place_name == v)}
    Row = Detail = value_type("VulnerabilityRow", m.Vulnerability)

    def _noun(self) -> str:
        return _("Vulnerability")

    def _not_deleted_message(self) -> str:
        return _("This vulnerability is not deleted: nothing to restore.")

    def links(self, obj: m.Vulnerability) -> list[Any]:
        return [(m.meeting_vulnerabilities, "vulnerability_id"),
                (m.recommendation_vulnerabilities, "vulnerability_id")]

    def validate(self, values: dict[str, Any], existing: m.Vulnerability | None,
                 session: Session) -> dict[str, Any]:
        iter_fields(values, VULN_FIELDS)
        errors: dict[str, str] = {}
        out: dict[str, Any] = {}
        new = existing is None
        cid = self.committee_of(values, existing, session, errors)
        if new:
            out["committee_id"] = cid
        if new or "title" in values:
            out["title"] = require_text(values.get("title"), _("Vulnerability title"),
                                        errors, "title", 300)
        if new or "place_kind" in values:
            out["place_kind"] = check_code(v.or_default(values.get("place_kind"), "village"), enums.PlaceKind,
                                           _("Kind of place"), errors, "place_kind")
        if new or "status" in values:
            out["status"] = check_code(v.or_default(values.get("status"), "open"),
                                       enums.VulnerabilityStatus, _("Status"), errors, "status")
        out.update(_situation(values, errors))
        if errors:
            raise ValidationError(errors)
        return out
