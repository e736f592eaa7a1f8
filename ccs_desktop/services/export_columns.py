"""The columns of each exported list: the table's columns (ui.models.specs), declared again
here for the core, without Qt: the same titles (the "Columns" context of the catalog, so the
same French), the same values, but typed for a spreadsheet (real dates and numbers, the
whole text of a recommendation instead of its first line).

`attendance` has no list of its own in the interface: one row per person recorded at a
meeting (the meeting, the person's name, sex, youth, category, presence).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from ..domain import enums
from ..i18n import pgettext

TEXT, DATE, NUMBER = "text", "date", "number"


@dataclass(frozen=True, slots=True)
class ExportColumn:
    """One exported column: its key, its title (translated), how a row gives its value,
    the type of its cells (TEXT, DATE, NUMBER), its width in characters and, for a column
    of codes shown by their labels, the enum (the data dictionary lists its values)."""

    key: str
    title: str
    value: Callable[[Any], Any]
    kind: str = TEXT
    width: int = 18
    enum: type[enums.Labelled] | None = None


def _attr(name: str) -> Callable[[Any], Any]:
    return lambda rec: getattr(rec, name)


def _label(name: str, enum: type[enums.Labelled]) -> Callable[[Any], Any]:
    return lambda rec: enum.label_of(getattr(rec, name)) if getattr(rec, name) else ""


def yes_no(value: Any) -> str:
    return pgettext("Labels", "Yes") if value else pgettext("Labels", "No")


def membership(rec: Any) -> str:
    if not rec.is_active:
        return pgettext("Labels", "Inactive")
    return pgettext("Labels", "Member") if rec.is_member else pgettext("Labels", "Guest")


def columns_for(kind: str, type_labels: dict[str, str] | None = None,
                with_phone: bool = False) -> list[ExportColumn]:
    """The exported columns of a list (KeyError for an unknown kind). `with_phone` adds the
    people's telephone (only for an administrator's export, once accounts exist)."""
    types = type_labels or {}
    c = ExportColumn
    if kind == "meetings":
        return [
            c("reference", pgettext("Columns", "Reference"), _attr("reference"), width=28),
            c("date", pgettext("Columns", "Date"), _attr("date"), DATE, 12),
            c("kind", pgettext("Columns", "Type"), _label("kind", enums.MeetingKind),
              width=16, enum=enums.MeetingKind),
            c("status", pgettext("Columns", "Status"), _label("status", enums.MeetingStatus),
              width=18, enum=enums.MeetingStatus),
            c("place", pgettext("Columns", "Place"), _attr("place"), width=36),
        ]
    if kind == "threats":
        return [
            c("title", pgettext("Columns", "Threat"), _attr("title"), width=44),
            c("type", pgettext("Columns", "Type"),
              lambda t: types.get(t.type_code, t.type_code or ""), width=30),
            c("place", pgettext("Columns", "Place"), _attr("place_name"), width=22),
            c("level", pgettext("Columns", "Level"), _label("level", enums.RiskLevel),
              width=10, enum=enums.RiskLevel),
            c("score", pgettext("Columns", "Score"), _attr("score"), NUMBER, 8),
            c("trend", pgettext("Columns", "Trend"), _label("trend", enums.Trend),
              width=12, enum=enums.Trend),
            c("status", pgettext("Columns", "Status"), _label("status", enums.ThreatStatus),
              width=12, enum=enums.ThreatStatus),
            c("first_reported", pgettext("Columns", "First reported"),
              _attr("first_reported"), DATE, 14),
        ]
    if kind == "vulnerabilities":
        return [
            c("title", pgettext("Columns", "Vulnerability"), _attr("title"), width=44),
            c("place_kind", pgettext("Columns", "Kind of place"),
              _label("place_kind", enums.PlaceKind), width=18, enum=enums.PlaceKind),
            c("place", pgettext("Columns", "Place"), _attr("place_name"), width=22),
            c("status", pgettext("Columns", "Status"),
              _label("status", enums.VulnerabilityStatus), width=20,
              enum=enums.VulnerabilityStatus),
            c("first_reported", pgettext("Columns", "First reported"),
              _attr("first_reported"), DATE, 14),
        ]
    if kind == "recommendations":
        return [
            c("text", pgettext("Columns", "Recommendation"), _attr("text"), width=60),
            c("addressee", pgettext("Columns", "Addressee"), _attr("addressee"), width=24),
            c("deadline", pgettext("Columns", "Deadline"), _attr("deadline"), DATE, 12),
            c("priority", pgettext("Columns", "Priority"), _label("priority", enums.Priority),
              width=16, enum=enums.Priority),
            c("status", pgettext("Columns", "Status"),
              _label("status", enums.RecommendationStatus), width=22,
              enum=enums.RecommendationStatus),
        ]
    if kind == "activities":
        return [
            c("date", pgettext("Columns", "Date"), _attr("date"), DATE, 12),
            c("kind", pgettext("Columns", "Type"), _label("kind", enums.ActivityKind),
              width=20, enum=enums.ActivityKind),
            c("title", pgettext("Columns", "Activity"), _attr("title"), width=44),
            c("place", pgettext("Columns", "Place"), _attr("place"), width=22),
            c("reached", pgettext("Columns", "People reached"), _attr("reached_total"),
              NUMBER, 12),
            c("partner", pgettext("Columns", "Partner"), _attr("partner"), width=20),
        ]
    if kind == "people":
        columns = [
            c("name", pgettext("Columns", "Name"), _attr("display_name"), width=32),
            c("sex", pgettext("Columns", "Sex"), _label("sex", enums.Sex), width=8,
              enum=enums.Sex),
            c("youth", pgettext("Columns", "Youth"), lambda p: yes_no(p.is_youth), width=8),
            c("category", pgettext("Columns", "Category"), _label("category", enums.Category),
              width=30, enum=enums.Category),
            c("organisation", pgettext("Columns", "Organisation"), _attr("organisation"),
              width=24),
            c("function", pgettext("Columns", "Function"), _attr("function"), width=26),
            c("active", pgettext("Columns", "Membership"), membership, width=12),
        ]
        if with_phone:
            columns.append(c("phone", pgettext("Columns", "Telephone"), _attr("phone"),
                             width=16))
        return columns
    if kind == "attendance":
        return [
            c("meeting", pgettext("Columns", "Reference"), _attr("meeting_reference"),
              width=28),
            c("date", pgettext("Columns", "Date"), _attr("meeting_date"), DATE, 12),
            c("name", pgettext("Columns", "Name"), _attr("name"), width=32),
            c("sex", pgettext("Columns", "Sex"), _label("sex", enums.Sex), width=8,
              enum=enums.Sex),
            c("youth", pgettext("Columns", "Youth"), lambda a: yes_no(a.is_youth), width=8),
            c("category", pgettext("Columns", "Category"), _label("category", enums.Category),
              width=30, enum=enums.Category),
            c("status", pgettext("Columns", "Attendance"),
              _label("status", enums.AttendanceStatus), width=12,
              enum=enums.AttendanceStatus),
            c("guest", pgettext("Columns", "Guest"), lambda a: yes_no(a.is_guest), width=8),
        ]
    raise KeyError(kind)


def committee_column(codes: dict[int, str]) -> ExportColumn:
    """The "Comité" column of a CRSS database's lists: the code of the record's committee
    (codes: committee id -> code), first, as the CRSS's tables show it."""
    return ExportColumn("committee", pgettext("Columns", "Committee"),
                        lambda rec: codes.get(rec.committee_id, ""), width=22)
