"""The CRSS workspace: the consolidated database of every committee.

In CRSS mode (settings "mode" = "crss") the lists gain the filters Région, Cercle, Commune and
Comité and a "Comité" column, and the home page shows the consolidation (register, imports,
conflicts, counts across all committees). Everything here is a few SQL counts or a read of the
committees table (a few hundred rows), cheap at any scale.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP
from sqlalchemy import func, select

from ...db import models as m
from ...db.models_exchange import ImportConflict, ImportLogEntry, RegisterEntry
from ...domain.text import fold
from .list_page import FilterSpec, Option

#: filter keys the place filters set, from the widest to the narrowest
PLACE_KEYS = ("region", "cercle", "commune", "committee_id")


def is_crss(services: Any) -> bool:
    try:
        return services.committee.mode() == "crss"
    except Exception:  # noqa: BLE001 - a database without settings is a committee's
        return False


@dataclass(frozen=True)
class CommitteeRow:
    id: int
    code: str
    name: str
    level: str
    region: str
    cercle: str
    commune: str


def committee_rows(db: Any) -> list[CommitteeRow]:
    """Every committee of the consolidated database (not deleted), by code."""
    c = m.Committee
    with db.session() as s:
        rows = s.execute(select(c.id, c.code, c.name, c.level, c.region, c.cercle, c.commune)
                         .where(c.deleted_at.is_(None)).order_by(c.code)).all()
    return [CommitteeRow(r.id, r.code or "", r.name or "", r.level or "", r.region or "",
                         r.cercle or "", r.commune or "") for r in rows]


class CommitteeCodes:
    """committee id -> code for the "Comité" column; reread when an unknown id shows up
    (a committee imported since the list was built)."""

    def __init__(self, db: Any) -> None:
        self.db = db
        self.codes: dict[int, str] = {}
        self._load()

    def _load(self) -> None:
        with self.db.session() as s:
            self.codes = {i: c for i, c in s.execute(select(m.Committee.id, m.Committee.code))}

    def __call__(self, committee_id: int | None) -> str:
        if committee_id is None:
            return ""
        if committee_id not in self.codes:
            self._load()
            self.codes.setdefault(committee_id, "")
        return self.codes[committee_id] or ""


def _in_scope(row: CommitteeRow, scope: dict[str, Any]) -> bool:
    return all(not scope.get(key) or getattr(row, key) == scope[key]
               for key in ("region", "cercle", "commune"))


def place_filters(services: Any) -> list[FilterSpec]:
    """Région → Cercle → Commune → Comité; each list narrows to the choices above it."""
    db = services.db

    def regions(_scope: dict[str, Any]) -> list[Option]:
        values = {r.region for r in committee_rows(db) if r.region}
        return [(v, {"region": v}) for v in sorted(values, key=fold)]

    def cercles(scope: dict[str, Any]) -> list[Option]:
        pairs = {(r.region, r.cercle) for r in committee_rows(db)
                 if r.cercle and _in_scope(r, {"region": scope.get("region")})}
        names = [c for _r, c in pairs]
        out = []
        for region, cercle in sorted(pairs, key=lambda p: (fold(p[1]), fold(p[0]))):
            text = cercle if names.count(cercle) == 1 else f"{cercle} ({region})"
            out.append((text, {"region": region, "cercle": cercle}))
        return out

    def communes(scope: dict[str, Any]) -> list[Option]:
        wanted = {"region": scope.get("region"), "cercle": scope.get("cercle")}
        triples = {(r.region, r.cercle, r.commune) for r in committee_rows(db)
                   if r.commune and _in_scope(r, wanted)}
        names = [c for _r, _c, c in triples]
        out = []
        for region, cercle, commune in sorted(triples, key=lambda t: (fold(t[2]), fold(t[1]))):
            text = commune if names.count(commune) == 1 else f"{commune} ({cercle})"
            out.append((text, {"region": region, "cercle": cercle, "commune": commune}))
        return out

    def committees(scope: dict[str, Any]) -> list[Option]:
        return [(f"{r.code} · {r.name}" if r.name else r.code, {"committee_id": r.id})
                for r in committee_rows(db) if _in_scope(r, scope)]

    # "All regions" -> "Toutes", "All cercles" -> "Tous": French agrees with the noun
    return [
        FilterSpec("region", "Region", regions, all_text="All regions", scoped=True),
        FilterSpec("cercle", "Cercle", cercles, all_text="All cercles", scoped=True),
        FilterSpec("commune", "Commune", communes, all_text="All communes", scoped=True),
        FilterSpec("committee", "Committee", committees, all_text="All committees",
                   scoped=True),
    ]


_ALL_TEXTS = (QT_TRANSLATE_NOOP("Filters", "All regions"),
              QT_TRANSLATE_NOOP("Filters", "All cercles"),
              QT_TRANSLATE_NOOP("Filters", "All communes"),
              QT_TRANSLATE_NOOP("Filters", "All committees"))


# --------------------------------------------------------------------------- home page figures

@dataclass
class CrssFigures:
    expected: int            # committees in the register
    expected_regions: int    # of which CCSR
    committees: int          # committees present in the consolidated database
    sent: int                # register entries that received at least one file
    never_sent: int
    last_import_at: dt.datetime | None
    last_import_code: str
    last_import_file: str
    imports: int
    refused: int
    open_conflicts: int
    meetings: int
    meetings_held: int
    threats: int
    threats_active: int
    recommendations: int
    recommendations_open: int


def crss_figures(services: Any) -> CrssFigures:
    """The figures of the CRSS home page, each one SQL count."""
    from ...services.records import ListQuery

    def count(stmt: Any) -> int:
        return int(s.scalar(stmt) or 0)

    with services.db.session() as s:
        n = func.count()
        expected = count(select(n).select_from(RegisterEntry))
        expected_regions = count(select(n).select_from(RegisterEntry)
                                 .where(RegisterEntry.level == "region"))
        sent = count(select(n).select_from(RegisterEntry)
                     .where(RegisterEntry.last_received_at.is_not(None)))
        committees = count(select(n).select_from(m.Committee)
                           .where(m.Committee.deleted_at.is_(None)))
        last = s.execute(select(ImportLogEntry.imported_at, ImportLogEntry.committee_code,
                                ImportLogEntry.file_name)
                         .order_by(ImportLogEntry.imported_at.desc(), ImportLogEntry.id.desc())
                         .limit(1)).first()
        imports = count(select(n).select_from(ImportLogEntry))
        refused = count(select(n).select_from(ImportLogEntry)
                        .where(ImportLogEntry.status == "refused"))
        conflicts = count(select(n).select_from(ImportConflict)
                          .where(ImportConflict.resolved_at.is_(None)))
    return CrssFigures(
        expected=expected, expected_regions=expected_regions, committees=committees,
        sent=sent, never_sent=expected - sent,
        last_import_at=last.imported_at if last else None,
        last_import_code=(last.committee_code or "") if last else "",
        last_import_file=(last.file_name or "") if last else "",
        imports=imports, refused=refused, open_conflicts=conflicts,
        meetings=services.meetings.count(ListQuery()),
        meetings_held=services.meetings.count(ListQuery(filters={"status": ["held",
                                                                            "adopted"]})),
        threats=services.threats.count(ListQuery()),
        threats_active=services.threats.count(ListQuery(filters={"status": "active"})),
        recommendations=services.recommendations.count(ListQuery()),
        recommendations_open=services.recommendations.count(ListQuery(filters={"open": True})),
    )
