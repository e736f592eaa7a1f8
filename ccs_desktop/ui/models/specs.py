"""The columns of each list (one spec per kind of record)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt

from ...domain import enums
from ...domain.kinds import KINDS
from .. import i18n
from .record_model import Column, RecordTableModel


_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
_CENTER = Qt.AlignmentFlag.AlignCenter


def _attr(name: str):  # noqa: ANN202
    return lambda rec: getattr(rec, name)


def _enum_text(enum: type[enums.Labelled]):  # noqa: ANN202
    return lambda code: i18n.label(enum, code)


def is_overdue(rec: Any, today: dt.date | None = None) -> bool:
    """An open recommendation past its deadline."""
    today = today or dt.date.today()
    return (getattr(rec, "deadline", None) is not None and rec.deadline < today
            and rec.status in enums.RecommendationStatus.open_codes())


def _one_line(text: str | None) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= 160 else text[:157] + "…"


class MeetingReferences:
    """meeting id -> its reference (« PV N°003/2024/CCSC-ALAFIA »), for the recommendations'
    « Réunion » column: read once, again when an id is not known yet (a new meeting)."""

    def __init__(self, services: Any) -> None:
        self.services = services
        self._refs: dict[int, str] | None = None

    def _load(self) -> dict[int, str]:
        from ...services.records import ListQuery

        rows = self.services.meetings.rows(ListQuery(limit=None))
        self._refs = {r.id: r.reference for r in rows}
        return self._refs

    def __call__(self, meeting_id: int | None) -> str:
        if meeting_id is None:
            return ""
        refs = self._refs if self._refs is not None else self._load()
        if meeting_id not in refs:
            refs = self._load()
        return refs.get(meeting_id, "")


def columns_for(kind: str, type_labels: dict[str, str] | None = None,
                meeting_reference: Any = None) -> list[Column]:
    type_labels = type_labels or {}
    if kind == "meetings":
        return [
            Column("reference", QT_TRANSLATE_NOOP("Columns", "Reference"), _attr("reference"),
                   sort="reference", width=230),
            Column("date", QT_TRANSLATE_NOOP("Columns", "Date"), _attr("date"),
                   text=i18n.long_date, sort="date", width=140),
            Column("kind", QT_TRANSLATE_NOOP("Columns", "Type"), _attr("kind"),
                   text=_enum_text(enums.MeetingKind), sort="kind", width=120),
            Column("status", QT_TRANSLATE_NOOP("Columns", "Status"), _attr("status"),
                   text=_enum_text(enums.MeetingStatus), sort="status",
                   badge="meeting_status", width=140),
            Column("place", QT_TRANSLATE_NOOP("Columns", "Place"), _attr("place"), sort="place",
                   width=320, tooltip=True),
        ]
    if kind == "threats":
        return [
            Column("title", QT_TRANSLATE_NOOP("Columns", "Threat"), _attr("title"), sort="title",
                   width=320, tooltip=True),
            Column("type", QT_TRANSLATE_NOOP("Columns", "Type"), _attr("type_code"),
                   text=lambda code: type_labels.get(code, code or ""), sort="type_code",
                   width=220, tooltip=True),
            Column("place", QT_TRANSLATE_NOOP("Columns", "Place"), _attr("place_name"),
                   sort="place_name", width=170),
            Column("level", QT_TRANSLATE_NOOP("Columns", "Level"), _attr("level"),
                   text=_enum_text(enums.RiskLevel), sort="score", badge="level", width=100),
            Column("score", QT_TRANSLATE_NOOP("Columns", "Score"), _attr("score"),
                   sort="score", align=_RIGHT, width=60),
            Column("trend", QT_TRANSLATE_NOOP("Columns", "Trend"), _attr("trend"),
                   text=_enum_text(enums.Trend), sort="trend", width=100),
            Column("status", QT_TRANSLATE_NOOP("Columns", "Status"), _attr("status"),
                   text=_enum_text(enums.ThreatStatus), sort="status", badge="threat_status",
                   width=110),
            Column("first_reported", QT_TRANSLATE_NOOP("Columns", "First reported"),
                   _attr("first_reported"), text=i18n.long_date, sort="first_reported",
                   width=140),
        ]
    if kind == "vulnerabilities":
        return [
            Column("title", QT_TRANSLATE_NOOP("Columns", "Vulnerability"), _attr("title"),
                   sort="title", width=340, tooltip=True),
            Column("place_kind", QT_TRANSLATE_NOOP("Columns", "Kind of place"),
                   _attr("place_kind"), text=_enum_text(enums.PlaceKind), sort="place_kind",
                   width=130),
            Column("place", QT_TRANSLATE_NOOP("Columns", "Place"), _attr("place_name"),
                   sort="place_name", width=180),
            Column("status", QT_TRANSLATE_NOOP("Columns", "Status"), _attr("status"),
                   text=_enum_text(enums.VulnerabilityStatus), sort="status",
                   badge="vulnerability_status", width=170),
            Column("first_reported", QT_TRANSLATE_NOOP("Columns", "First reported"),
                   _attr("first_reported"), text=i18n.long_date, sort="first_reported",
                   width=140),
        ]
    if kind == "recommendations":
        return [
            Column("text", QT_TRANSLATE_NOOP("Columns", "Recommendation"), _attr("text"),
                   text=_one_line, sort="text", width=380, tooltip=True),
            Column("addressee", QT_TRANSLATE_NOOP("Columns", "Addressee"), _attr("addressee"),
                   sort="addressee", width=180, tooltip=True),
            Column("deadline", QT_TRANSLATE_NOOP("Columns", "Deadline"), _attr("deadline"),
                   text=i18n.long_date, sort="deadline", width=140),
            Column("priority", QT_TRANSLATE_NOOP("Columns", "Priority"), _attr("priority"),
                   text=_enum_text(enums.Priority), sort="priority", width=130),
            Column("status", QT_TRANSLATE_NOOP("Columns", "Status"), _attr("status"),
                   text=_enum_text(enums.RecommendationStatus), sort="status",
                   badge="recommendation_status", width=210),
            *([Column("meeting", QT_TRANSLATE_NOOP("Columns", "Meeting"), _attr("meeting_id"),
                      text=meeting_reference, width=200, tooltip=True)]
              if meeting_reference is not None else []),
        ]
    if kind == "activities":
        return [
            Column("date", QT_TRANSLATE_NOOP("Columns", "Date"), _attr("date"),
                   text=i18n.long_date, sort="date", width=140),
            Column("kind", QT_TRANSLATE_NOOP("Columns", "Type"), _attr("kind"),
                   text=_enum_text(enums.ActivityKind), sort="kind", width=150),
            Column("title", QT_TRANSLATE_NOOP("Columns", "Activity"), _attr("title"),
                   sort="title", width=320, tooltip=True),
            Column("place", QT_TRANSLATE_NOOP("Columns", "Place"), _attr("place"),
                   sort="place", width=160),
            Column("reached", QT_TRANSLATE_NOOP("Columns", "People reached"),
                   lambda rec: rec.reached_total, align=_RIGHT, width=110),
            Column("partner", QT_TRANSLATE_NOOP("Columns", "Partner"), _attr("partner"),
                   sort="partner", width=140),
        ]
    if kind == "people":
        return [
            Column("name", QT_TRANSLATE_NOOP("Columns", "Name"), lambda p: p.display_name,
                   sort="name", width=240),
            Column("sex", QT_TRANSLATE_NOOP("Columns", "Sex"), _attr("sex"),
                   text=_enum_text(enums.Sex), sort="sex", width=80),
            Column("youth", QT_TRANSLATE_NOOP("Columns", "Youth"), _attr("is_youth"),
                   text=i18n.yes_no, sort="is_youth", align=_CENTER, width=60),
            Column("category", QT_TRANSLATE_NOOP("Columns", "Category"), _attr("category"),
                   text=_enum_text(enums.Category), sort="category", width=240, tooltip=True),
            Column("organisation", QT_TRANSLATE_NOOP("Columns", "Organisation"),
                   _attr("organisation"), sort="organisation", width=190),
            Column("function", QT_TRANSLATE_NOOP("Columns", "Function"), _attr("function"),
                   sort="function", width=210),
            Column("active", QT_TRANSLATE_NOOP("Columns", "Membership"),
                   lambda p: membership_code((p.is_member, p.is_active)),
                   text=_membership, badge="membership",
                   width=110),
        ]
    raise KeyError(kind)


_MEMBERSHIP = (QT_TRANSLATE_NOOP("Labels", "Member"), QT_TRANSLATE_NOOP("Labels", "Guest"),
               QT_TRANSLATE_NOOP("Labels", "Inactive"))


def membership_code(value: tuple[bool, bool]) -> str:
    is_member, is_active = value
    if not is_active:
        return "inactive"
    return "member" if is_member else "guest"


_MEMBERSHIP_SOURCE = dict(zip(("member", "guest", "inactive"), _MEMBERSHIP))


def _membership(code: str) -> str:
    return i18n.translate("Labels", _MEMBERSHIP_SOURCE[code])


def committee_column(code_of: Any) -> Column:
    """The "Comité" column of the CRSS lists: the code of the record's committee.
    code_of: committee id -> code (views.crss.CommitteeCodes). Not sortable: the order of the
    committee ids means nothing to a reader."""
    return Column("committee", QT_TRANSLATE_NOOP("Columns", "Committee"),
                  _attr("committee_id"), text=code_of, width=150, tooltip=True)


def make_model(services: Any, kind: str, parent: Any = None,
               page_size: int = 200, extra_columns: list[Column] | None = None
               ) -> RecordTableModel:
    """extra_columns come first (the CRSS's "Comité" column)."""
    type_labels: dict[str, str] = {}
    if kind == "threats":
        type_labels = {t.code: t.label for t in services.threats.types()}
    references = MeetingReferences(services) if kind == "recommendations" else None
    columns = [*(extra_columns or []), *columns_for(kind, type_labels, references)]
    return RecordTableModel(getattr(services, kind), columns, kind=kind,
                            page_size=page_size,
                            overdue=is_overdue if kind == "recommendations" else None,
                            parent=parent)
