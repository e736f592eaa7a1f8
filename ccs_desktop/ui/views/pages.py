"""The six list pages: their titles, filters and row-count wording."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from ...domain import enums
from ...domain.text import fold
from ...services.records import ListQuery
from ...domain import kinds
from .. import i18n
from .list_page import FilterSpec, ListPage, Option


def page_title(kind: str) -> str:
    return {
        "home": QCoreApplication.translate("Pages", "Home"),
        "meetings": QCoreApplication.translate("Pages", "Meetings"),
        "threats": QCoreApplication.translate("Pages", "Threats"),
        "vulnerabilities": QCoreApplication.translate("Pages", "Vulnerabilities"),
        "recommendations": QCoreApplication.translate("Pages", "Recommendations"),
        "activities": QCoreApplication.translate("Pages", "Activities"),
        "people": QCoreApplication.translate("Pages", "Members"),
        "settings": QCoreApplication.translate("Pages", "Settings"),
    }[kind]


def count_text(kind: str, n: int) -> str:
    """The row count under a list's search box ("1 réunion", "2 000 réunions")."""
    return kinds.count_text(kind, n, i18n.number(n))


def new_text(kind: str) -> str:
    return {
        "meetings": QCoreApplication.translate("Pages", "New meeting"),
        "threats": QCoreApplication.translate("Pages", "New threat"),
        "vulnerabilities": QCoreApplication.translate("Pages", "New vulnerability"),
        "recommendations": QCoreApplication.translate("Pages", "New recommendation"),
        "activities": QCoreApplication.translate("Pages", "New activity"),
        "people": QCoreApplication.translate("Pages", "New member"),
    }[kind]


def _enum_options(name: str, enum: type[enums.Labelled]):  # noqa: ANN202
    return lambda: [(text, {name: code}) for code, text in i18n.choices(enum)]


def _distinct(service: Any, attr: str, name: str, limit: int = 2000):  # noqa: ANN202
    """Values present in the first `limit` records (sorted by that column), for a filter."""
    def options() -> list[Option]:
        rows = service.rows(ListQuery(order_by=attr, limit=limit))
        values = sorted({getattr(r, attr) for r in rows if getattr(r, attr)}, key=fold)
        return [(v, {name: v}) for v in values]
    return options


def _years(service: Any):  # noqa: ANN202
    def options() -> list[Option]:
        first = service.rows(ListQuery(order_by="date", limit=1))
        last = service.rows(ListQuery(order_by="date", descending=True, limit=1))
        if not first or not last:
            return []
        return [(str(y), {"year": y}) for y in range(last[0].date.year, first[0].date.year - 1,
                                                     -1)]
    return options


def _threat_types(services: Any):  # noqa: ANN202
    def options() -> list[Option]:
        return [(t.label, {"type": t.code}) for t in services.threats.types()
                if t.parent_code is None]
    return options


def filters_for(services: Any, kind: str) -> list[FilterSpec]:
    if kind == "meetings":
        return [
            FilterSpec("status", "Status", _enum_options("status", enums.MeetingStatus)),
            FilterSpec("kind", "Type", _enum_options("kind", enums.MeetingKind)),
            FilterSpec("year", "Year", _years(services.meetings)),
        ]
    if kind == "threats":
        return [
            FilterSpec("level", "Level", _enum_options("level", enums.RiskLevel)),
            FilterSpec("status", "Status", _enum_options("status", enums.ThreatStatus)),
            FilterSpec("type", "Type", _threat_types(services)),
            FilterSpec("place", "Place", _distinct(services.threats, "place_name", "place")),
        ]
    if kind == "vulnerabilities":
        return [
            FilterSpec("status", "Status", _enum_options("status", enums.VulnerabilityStatus)),
            FilterSpec("place_kind", "Kind of place",
                       _enum_options("place_kind", enums.PlaceKind)),
            FilterSpec("place", "Place",
                       _distinct(services.vulnerabilities, "place_name", "place")),
        ]
    if kind == "recommendations":
        return [
            FilterSpec("follow", "Follow-up", lambda: [
                (QCoreApplication.translate("Pages", "Open (to follow up)"), {"open": True}),
                (QCoreApplication.translate("Pages", "Overdue"), {"overdue": True}),
            ]),
            FilterSpec("status", "Status", _enum_options("status", enums.RecommendationStatus)),
            FilterSpec("priority", "Priority", _enum_options("priority", enums.Priority)),
            FilterSpec("addressee", "Addressee",
                       _distinct(services.recommendations, "addressee", "addressee")),
        ]
    if kind == "activities":
        return [
            FilterSpec("kind", "Type", _enum_options("kind", enums.ActivityKind)),
            FilterSpec("place", "Place", _distinct(services.activities, "place", "place")),
        ]
    if kind == "people":
        return [
            FilterSpec("membership", "Membership", lambda: [
                (QCoreApplication.translate("Pages", "Active members"), {"is_member": True, "is_active": True}),
                (QCoreApplication.translate("Pages", "Guests"), {"is_member": False, "is_active": True}),
                (QCoreApplication.translate("Pages", "Inactive"), {"is_active": False}),
            ]),
            FilterSpec("category", "Category", _enum_options("category", enums.Category)),
            FilterSpec("sex", "Sex", _enum_options("sex", enums.Sex)),
            FilterSpec("youth", "Youth", lambda: [
                (QCoreApplication.translate("Pages", "Young people"), {"is_youth": True}),
                (QCoreApplication.translate("Pages", "Not young"), {"is_youth": False}),
            ]),
        ]
    raise KeyError(kind)


# Filter captions are translated in the "Filters" context (list_page._tr); marked for lupdate:
_CAPTIONS = (
    QT_TRANSLATE_NOOP("Filters", "All"), QT_TRANSLATE_NOOP("Filters", "Status"),
    QT_TRANSLATE_NOOP("Filters", "Type"), QT_TRANSLATE_NOOP("Filters", "Year"),
    QT_TRANSLATE_NOOP("Filters", "Level"), QT_TRANSLATE_NOOP("Filters", "Place"),
    QT_TRANSLATE_NOOP("Filters", "Kind of place"), QT_TRANSLATE_NOOP("Filters", "Follow-up"),
    QT_TRANSLATE_NOOP("Filters", "Priority"), QT_TRANSLATE_NOOP("Filters", "Addressee"),
    QT_TRANSLATE_NOOP("Filters", "Membership"), QT_TRANSLATE_NOOP("Filters", "Category"),
    QT_TRANSLATE_NOOP("Filters", "Sex"), QT_TRANSLATE_NOOP("Filters", "Youth"),
    QT_TRANSLATE_NOOP("Filters", "Region"), QT_TRANSLATE_NOOP("Filters", "Cercle"),
    QT_TRANSLATE_NOOP("Filters", "Commune"), QT_TRANSLATE_NOOP("Filters", "Committee"),
)


def make_list_page(services: Any, kind: str, parent: Any = None) -> ListPage:
    """In CRSS mode: the place and committee filters, the "Comité" column, read only."""
    from ..models.specs import committee_column
    from .crss import CommitteeCodes, is_crss, place_filters

    filters = filters_for(services, kind)
    if not is_crss(services):
        return ListPage(services, kind, page_title(kind), filters,
                        lambda n: count_text(kind, n), new_text(kind), parent)
    return ListPage(services, kind, page_title(kind), [*place_filters(services), *filters],
                    lambda n: count_text(kind, n), new_text(kind), parent, read_only=True,
                    extra_columns=[committee_column(CommitteeCodes(services.db))])

