"""Members and guests."""

from __future__ import annotations

from dataclasses import replace as dc_replace
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..db import models as m
from ..domain import enums
from ..domain.text import fold, sort_key
from ..i18n import _
from . import roles
from . import validation as v
from .records import (
    RecordService, check_code, iter_fields, optional_text, own_committee, require_text,
)
from .errors import ValidationError
from .values import value_type

FIELDS = ("title", "given_names", "family_name", "sex", "is_youth", "category", "fds_corps",
          "organisation", "function", "phone", "is_member", "is_active", "committee_id")

# Spellings that vary for the same name (DOMAIN.md): folded to one form to spot duplicates.
_VARIANTS = {
    "mohamed": "mahamadou", "mohammed": "mahamadou", "mahamed": "mahamadou",
    "mamadou": "mahamadou", "muhammad": "mahamadou", "mohamad": "mahamadou",
    "amadou": "hamadou", "ahmadou": "hamadou",
    "oumar": "omar", "umar": "omar", "seydou": "seidou", "moussa": "musa",
    "ibrahima": "ibrahim", "ousmane": "usman", "boubacar": "abubakar",
    "fatoumata": "fatimata", "fatouma": "fatimata", "aissata": "aichata", "aicha": "aichata",
}


def name_key(given_names: str, family_name: str) -> str:
    words = fold(f"{given_names} {family_name}").replace("-", " ").split()
    norm = []
    for w in words:
        w = w.replace("'", "")
        w = _VARIANTS.get(w, w)
        # doubled letters and y/i vary between spellings (Maïga / Maiga / Mayga)
        w = w.replace("y", "i")
        collapsed = []
        for ch in w:
            if not collapsed or collapsed[-1] != ch:
                collapsed.append(ch)
        norm.append("".join(collapsed))
    return " ".join(sorted(norm))


class PeopleService(RecordService):
    model = m.Person
    default_order = ("sort_key", False)
    sort_columns = {"name": m.Person.sort_key, "family_name": m.Person.sort_key}
    Row = Detail = value_type("PersonRow", m.Person, extra=("full_name", "display_name"))

    def _noun(self) -> str:
        return _("Person")

    def _not_deleted_message(self) -> str:
        return _("This person is not deleted: nothing to restore.")

    # a lecteur reads no phone number (services.roles): blank in lists, rows and details
    def _blanked_for_reader(self, objs: list[Any]) -> list[Any]:
        for obj in objs:  # detached: nothing of this reaches the database
            obj.__dict__["phone"] = ""
        return objs

    def to_row(self, obj: Any) -> Any:
        row = super().to_row(obj)
        return row if roles.sees_restricted(self.db) else dc_replace(row, phone="")

    def to_detail(self, obj: Any, session: Session) -> Any:
        detail = super().to_detail(obj, session)
        return detail if roles.sees_restricted(self.db) else dc_replace(detail, phone="")

    def validate(self, values: dict[str, Any], existing: Any, session: Session) -> dict[str, Any]:
        iter_fields(values, FIELDS)
        errors: dict[str, str] = {}
        out: dict[str, Any] = {}
        cid = self.committee_of(values, existing, session, errors)
        if existing is None:
            out["committee_id"] = cid
        merged = {f: getattr(existing, f) for f in FIELDS if existing is not None}
        merged.update(values)
        length = v.max_len_of
        if "family_name" in values or existing is None:
            out["family_name"] = require_text(merged.get("family_name"), _("Family name"),
                                              errors, "family_name", 120)
        if "given_names" in values or existing is None:
            given = v.as_text(merged.get("given_names"), _("Given name(s)"), errors,
                              "given_names", max_len=120)
            if given == "" and "given_names" not in errors:
                errors["given_names"] = _("Given name(s): this field is required.")
            out["given_names"] = given or ""
        if "sex" in values or existing is None:
            out["sex"] = check_code(merged.get("sex"), enums.Sex, _("Sex"), errors, "sex")
        if "category" in values or existing is None:
            out["category"] = check_code(merged.get("category"), enums.Category, _("Category"),
                                         errors, "category")
        if "fds_corps" in values or "category" in values:
            corps = merged.get("fds_corps")
            if out.get("category", merged.get("category")) == enums.Category.FDS.value:
                out["fds_corps"] = check_code(corps, enums.FdsCorps, _("Corps"), errors,
                                              "fds_corps", required=False)
            else:
                out["fds_corps"] = None
        for name, label in (("title", _("Title or rank")), ("organisation", _("Organisation")),
                            ("function", _("Function")), ("phone", _("Phone"))):
            if name in values:
                out[name] = optional_text(values[name], label, errors, name,
                                          length(getattr(m.Person, name)))
        for name, label in (("is_youth", _("Young person")), ("is_member", _("Member")),
                            ("is_active", _("Active"))):
            if name in values:
                out[name] = v.as_bool(values[name], label, errors, name)
        if errors:
            raise ValidationError(errors)
        return out

    def before_write(self, obj: m.Person, session: Session) -> None:
        obj.sort_key = sort_key(obj.family_name, obj.given_names)

    def check_deletable(self, obj: m.Person, session: Session) -> None:
        adopted = session.scalar(select(m.Meeting.reference).join(
            m.Attendance, m.Attendance.meeting_id == m.Meeting.id).where(
            m.Attendance.person_id == obj.id, m.Attendance.deleted_at.is_(None),
            m.Meeting.status == "adopted").limit(1))
        if adopted is not None:
            raise ValidationError(_("{name} appears in the adopted minutes {reference}: this "
                                    "person can no longer be deleted. Mark them as inactive "
                                    "instead.").format(name=obj.full_name, reference=adopted))

    def dependents(self, obj: m.Person, session: Session) -> list[Any]:
        return list(session.scalars(select(m.Attendance).where(
            m.Attendance.person_id == obj.id, m.Attendance.deleted_at.is_(None))).all())

    def likely_duplicates(self, given_names: str, family_name: str,
                          exclude_id: int | None = None) -> list[Any]:
        """People already recorded whose name looks the same (Mahamadou / Mohamed, Maïga / Maiga),
        as frozen rows (the person editor warns with them)."""
        errors: dict[str, str] = {}
        given_names = v.as_text(given_names, _("Given name(s)"), errors, "given_names") or ""
        family_name = v.as_text(family_name, _("Family name"), errors, "family_name") or ""
        if exclude_id is not None:
            exclude_id = v.as_id(exclude_id, _("Person"), errors, "exclude_id")
        v.raise_if(errors)
        key = name_key(given_names, family_name)
        family = name_key("", family_name)
        with self.db.session() as s:
            stmt = select(m.Person).where(m.Person.deleted_at.is_(None))
            own = own_committee(s)
            if own is not None:
                stmt = stmt.where(m.Person.committee_id == own.id)
            candidates = s.scalars(stmt).all()
            return [self.to_row(p) for p in candidates
                    if p.id != exclude_id
                    and (name_key(p.given_names, p.family_name) == key
                         or (family and name_key("", p.family_name) == family
                             and name_key(p.given_names, "") == name_key(given_names, "")))]
