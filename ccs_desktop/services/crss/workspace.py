"""What the CRSS screens read of the consolidated database besides the register, the import log
and the conflicts: the committees it holds (for the place filters and the "Comité" column)
and the figures of the CRSS home page. Small frozen values; a few SQL counts or a read of the
committees table (a few hundred rows), cheap at any scale."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select

from ...db import models as m
from ...db.engine import Database
from ...db.models_exchange import CommitteeKey, ImportConflict, ImportLogEntry, RegisterEntry
from ...i18n import _


@dataclass(frozen=True)
class CommitteeRow:
    id: int
    code: str
    name: str
    level: str
    region: str
    cercle: str
    commune: str


@dataclass(frozen=True)
class CommitteePlace:
    """Where a committee is, by its uuid (the import log knows committees by uuid)."""

    region: str
    cercle: str
    commune: str
    name: str


def committee_rows(db: Database) -> list[CommitteeRow]:
    """Every committee of the consolidated database (not deleted), by code."""
    c = m.Committee
    with db.session() as s:
        rows = s.execute(select(c.id, c.code, c.name, c.level, c.region, c.cercle, c.commune)
                         .where(c.deleted_at.is_(None)).order_by(c.code)).all()
    return [CommitteeRow(r.id, r.code or "", r.name or "", r.level or "", r.region or "",
                         r.cercle or "", r.commune or "") for r in rows]


def committee_codes(db: Database) -> dict[int, str]:
    """committee id -> code as the CRSS lists show it, deleted committees included (their
    records may still show); a committee whose signing key the CRSS has not confirmed yet
    reads « CODE (clé non confirmée) » on every row (issue 12)."""
    c = m.Committee
    with db.session() as s:
        rows = s.execute(select(c.id, c.code, CommitteeKey.confirmed)
                         .outerjoin(CommitteeKey, CommitteeKey.committee_uuid == c.uuid))
        return {i: (_("{code} (key not confirmed)").format(code=code or "")
                    if confirmed is False else code or "")
                for i, code, confirmed in rows}


def committee_places(db: Database) -> dict[str, CommitteePlace]:
    """committee uuid -> its place and name, for filtering the import log by place."""
    c = m.Committee
    with db.session() as s:
        return {r.uuid: CommitteePlace(r.region, r.cercle, r.commune, r.name)
                for r in s.execute(select(c.uuid, c.region, c.cercle, c.commune, c.name))}


@dataclass(frozen=True)
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
    """The figures of the CRSS home page, each one SQL count (`services`: services.hub.Services)."""
    from ..records import ListQuery

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
