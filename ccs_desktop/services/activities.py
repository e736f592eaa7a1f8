"""Activities: trainings, awareness campaigns, social-cohesion events... with people reached."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..db import models as m
from ..domain import enums
from . import validation as v
from .errors import ValidationError
from .records import (
    RecordService, as_date, as_int, check_code, iter_fields, optional_text, require_text,
)

FIELDS = ("date", "kind", "title", "description", "place", "reached_men", "reached_women",
          "reached_young_men", "reached_young_women", "partner", "committee_id")
REACHED = (("reached_men", "Hommes touchés"), ("reached_women", "Femmes touchées"),
           ("reached_young_men", "Jeunes hommes touchés"),
           ("reached_young_women", "Jeunes femmes touchées"))


class ActivitiesService(RecordService):
    model = m.Activity
    label = "activité"
    default_order = ("date", True)

    def dependents(self, obj: m.Activity, session: Session) -> list[Any]:
        return list(session.scalars(select(m.Attachment).where(
            m.Attachment.activity_id == obj.id, m.Attachment.deleted_at.is_(None))).all())

    def validate(self, values: dict[str, Any], existing: m.Activity | None,
                 session: Session) -> dict[str, Any]:
        iter_fields(values, FIELDS)
        errors: dict[str, str] = {}
        out: dict[str, Any] = {}
        new = existing is None
        cid = self.committee_of(values, existing, session, errors)
        if new:
            out["committee_id"] = cid
        if new or "title" in values:
            out["title"] = require_text(values.get("title"), "Intitulé de l'activité", errors,
                                        "title", 300)
        if new or "date" in values:
            out["date"] = as_date(values.get("date"), "Date", errors, "date")
            if out["date"] is None and "date" not in errors:
                errors["date"] = "Date : ce champ est obligatoire."
        if new or "kind" in values:
            out["kind"] = check_code(v.or_default(values.get("kind"), "awareness"), enums.ActivityKind,
                                     "Type d'activité", errors, "kind")
        for name, label in REACHED:
            if name in values:
                out[name] = as_int(values[name], label, errors, name, 0, 1_000_000) or 0
        if "description" in values:
            out["description"] = optional_text(values["description"], "Description", errors,
                                               "description", multiline=True)
        for name, label in (("place", "Lieu"), ("partner", "Partenaire")):
            if name in values:
                out[name] = optional_text(values[name], label, errors, name, 200)
        if errors:
            raise ValidationError(errors)
        return out
