"""The CRSS workspace: the consolidated database of every committee.

In CRSS mode (services.committee.is_crss) the lists gain the filters Région, Cercle, Commune and
Comité and a "Comité" column, and the home page shows the consolidation (register, imports,
conflicts, counts across all committees). What they read comes from
services.crss.workspace (small frozen values).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP

from ...domain.text import fold
from ...services import committee
from ...services.crss.workspace import (  # noqa: F401 - CrssFigures, crss_figures: home page
    CommitteeRow, CrssFigures, committee_codes, committee_rows, crss_figures,
)
from .list_page import FilterSpec, Option

def is_crss(services: Any) -> bool:
    """services.committee.is_crss (the one test of CRSS mode) for the screens, which hold
    the services: False when the database cannot say."""
    try:
        return committee.is_crss(services.db)
    except Exception:  # noqa: BLE001 - a database without settings is a committee's
        return False


class CommitteeCodes:
    """committee id -> code for the "Comité" column; reread when an unknown id shows up
    (a committee imported since the list was built)."""

    def __init__(self, db: Any) -> None:
        self.db = db
        self.codes: dict[int, str] = {}
        self._load()

    def _load(self) -> None:
        self.codes = committee_codes(self.db)

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
