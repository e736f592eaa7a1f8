"""Activities: trainings, awareness campaigns, social-cohesion events... with people reached."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..db import models as m
from ..domain import enums
from ..i18n import N_, _
from . import validation as v
from .errors import ValidationError
from .values import value_type
from .records import (
    RecordService, as_date, as_int, check_code, iter_fields, optional_text, require_text,
)

FIELDS = ("date", "kind", "title", "description", "place", "reached_men", "reached_women",
          "reached_young_men", "reached_young_women", "partner", "committee_id")
REACHED = (("reached_men", N_("Men reached")), ("reached_women", N_("Women reached")),
           ("reached_young_men", N_("Young men reached")),
           ("reached_young_women", N_("Young women reached")))


class ActivitiesService(RecordService):
    model = m.Activity
    default_order = ("date", True)
    Row = Detail = value_type("ActivityRow", m.Activity, extra=("reached_total",))

    def _noun(self) -> str:
        return _("Activity")

    def _not_deleted_message(self) -> str:
        return _("This activity is not deleted: nothing to restore.")

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
            out["title"] = require_text(values.get("title"), _("Activity title"), errors,
                                        "title", 300)
        if new or "date" in values:
            out["date"] = as_date(values.get("date"), _("Date"), errors, "date")
            if out["date"] is None and "date" not in errors:
                errors["date"] = _("Date: this field is required.")
        if new or "kind" in values:
            out["kind"] = check_code(v.or_default(values.get("kind"), "awareness"), enums.ActivityKind,
                                     _("Kind of activity"), errors, "kind")
        for name, label in REACHED:
            if name in values:
                out[name] = as_int(values[name], _(label), errors, name, 0, 1_000_000) or 0
        if "description" in values:
            out["description"] = optional_text(values["description"], _("Description"), errors,
                                               "description", multiline=True)
        for name, label in (("place", _("Place")), ("partner", _("Partner"))):
            if name in values:
                out[name] = optional_text(values[name], label, errors, name, 200)
        if errors:
            raise ValidationError(errors)
        return out
