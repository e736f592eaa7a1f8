"""The CRSS register of expected committees: one CCSC per commune and one CCSR per region
from the place lists, more added by hand; status, last file received; duplicates flagged."""

from __future__ import annotations

import base64
import csv
import datetime as dt
from dataclasses import dataclass

from sqlalchemy import func, select

from ... import paths
from ...db import models as m
from ...db.engine import Database
from ...db.models_exchange import CommitteeKey, RegisterEntry
from ...domain.text import fold
from ...i18n import _, pgettext
from ..errors import ValidationError

# status code -> label (English; translated by status_label when shown)
STATUSES = {"inconnu": "Unknown", "installe": "Installed", "fonctionnel": "Working",
            "non_fonctionnel": "Not working"}


def status_label(code: str) -> str:
    """A committee's status as a person reads it (the code if unknown)."""
    labels = {"inconnu": pgettext("committee status", "Unknown"),
              "installe": pgettext("committee status", "Installed"),
              "fonctionnel": pgettext("committee status", "Working"),
              "non_fonctionnel": pgettext("committee status", "Not working")}
    return labels.get(code, code)


def _place_rows() -> list[dict[str, str]]:
    with open(paths.resource_path("data", "mali_communes.csv"), encoding="utf-8",
              newline="") as fh:
        return list(csv.DictReader(fh))


def _key(level: str, region: str, cercle: str, commune: str) -> tuple[str, ...]:
    if level == "region":
        return (level, fold(region))
    return (level, fold(region), fold(cercle), fold(commune))


def ensure_register(db: Database) -> int:
    """Add the expected committees missing from the register (idempotent); returns how many."""
    rows = _place_rows()
    with db.session() as s:
        have = {_key(e.level, e.region, e.cercle, e.commune)
                for e in s.scalars(select(RegisterEntry))}
        added = 0
        regions = []
        for r in rows:
            if r["region"] not in regions:
                regions.append(r["region"])
        for region in regions:
            if _key("region", region, "", "") not in have:
                s.add(RegisterEntry(level="region", region=region))
                have.add(_key("region", region, "", ""))
                added += 1
        for r in rows:
            k = _key("commune", r["region"], r["cercle"], r["commune"])
            if k not in have:
                s.add(RegisterEntry(level="commune", region=r["region"], cercle=r["cercle"],
                                    commune=r["commune"], pcode=r.get("pcode", "")))
                have.add(k)
                added += 1
    return added


def update_entry(db: Database, entry_id: int, **values: object) -> None:
    allowed = {"installed_on", "creation_decision", "partner", "status", "notes"}
    if set(values) - allowed:
        raise ValidationError(_("Unknown fields: {fields}.").format(
            fields=", ".join(sorted(set(values) - allowed))))
    if "status" in values and values["status"] not in STATUSES:
        raise ValidationError(_("Unknown status (installed, working, not working)."), "status")
    with db.session() as s:
        e = s.get(RegisterEntry, entry_id)
        if e is None:
            raise ValidationError(_("Expected committee not found."))
        for k, v in values.items():
            setattr(e, k, v)


def record_received(s, committee: dict, file_name: str, file_sha256: str,  # noqa: ANN001
                    snapshot_at: dt.datetime | None, now: dt.datetime | None = None) -> None:
    """Link the register entry of the committee's place to it and note the file (received
    at `now`, UTC, else the clock's time)."""
    level = committee.get("level") or "commune"
    key = _key(level, committee.get("region") or "", committee.get("cercle") or "",
               committee.get("commune") or "")
    entries = [e for e in s.scalars(select(RegisterEntry).where(RegisterEntry.level == level))
               if _key(e.level, e.region, e.cercle, e.commune) == key]
    entry = next((e for e in entries if e.committee_uuid == committee["uuid"]), None)
    if entry is None:
        entry = next((e for e in entries if not e.committee_uuid), None)
    if entry is None:  # a place not in the lists, or a second committee for the same place
        entry = RegisterEntry(level=level, region=committee.get("region") or "",
                              cercle=committee.get("cercle") or "",
                              commune=committee.get("commune") or "", is_listed=False)
        s.add(entry)
    entry.committee_uuid = committee["uuid"]
    entry.last_file_name = file_name[:255]
    entry.last_file_sha256 = file_sha256
    entry.last_received_at = now or m.utcnow()
    if snapshot_at is not None and (entry.last_snapshot_at is None
                                    or snapshot_at > entry.last_snapshot_at):
        entry.last_snapshot_at = snapshot_at
    if entry.status in (None, "inconnu"):  # None: an entry added just now
        entry.status = "installe"


# a meeting that reports its month: held (or adopted), or not held with its reason
REPORTING_MEETING = ("mt.deleted_at IS NULL AND (mt.status IN ('held', 'adopted') OR "
                     "(mt.status = 'not_held' AND (mt.not_held_reason IS NOT NULL "
                     "OR mt.not_held_reason_text != '')))")


def record_arrivals(conn, committee_id: int, committee_uuid: str,  # noqa: ANN001
                    on: dt.date) -> None:
    """Note, in the import's transaction, that every meeting of the committee that reports
    its month arrived `on` — unless it already arrived for that month, earlier or the same
    day (a re-import, or an amended meeting, never moves its first arrival later). `conn`:
    the import's raw connection."""
    conn.execute(
        "INSERT INTO crss_arrivals (meeting_uuid, month, committee_uuid, received_on) "
        "SELECT mt.uuid, substr(mt.date, 1, 7), ?, ? FROM meetings mt "
        f"WHERE mt.committee_id = ? AND {REPORTING_MEETING} "
        "ON CONFLICT (meeting_uuid, month) DO UPDATE SET received_on = excluded.received_on "
        "WHERE excluded.received_on < crss_arrivals.received_on",
        (committee_uuid, on.isoformat(), committee_id))


@dataclass(frozen=True)
class RegisterEntryDetail:
    """What the register entry's editor shows and changes."""

    id: int
    place: str  # the commune, or the region of a CCSR
    installed_on: dt.date | None
    creation_decision: str
    partner: str
    status: str
    notes: str


def entry_detail(db: Database, entry_id: int) -> RegisterEntryDetail:
    with db.session() as s:
        e = s.get(RegisterEntry, entry_id)
        if e is None:
            raise ValidationError(_("Expected committee not found."))
        return RegisterEntryDetail(e.id, e.commune or e.region, e.installed_on,
                                   e.creation_decision, e.partner, e.status, e.notes)


@dataclass(frozen=True)
class RegisterRow:
    id: int
    level: str
    region: str
    cercle: str
    commune: str
    status: str
    committee_uuid: str | None
    committee_code: str
    last_file_name: str
    last_received_at: dt.datetime | None
    last_snapshot_at: dt.datetime | None
    duplicate: bool  # the place appears under two committee ids
    # the committee's signing key (issue 12): "" (none), "unconfirmed", "confirmed"
    key_status: str = ""
    key_fingerprint: str = ""
    pending_fingerprint: str = ""  # another key that waits for the CRSS to accept it

    @property
    def key_unconfirmed(self) -> bool:
        return self.key_status == "unconfirmed"

    @property
    def status_label(self) -> str:
        return status_label(self.status)

    @property
    def never_sent(self) -> bool:
        return self.last_received_at is None


def list_register(db: Database, *, region: str | None = None, cercle: str | None = None,
                  commune: str | None = None, level: str | None = None,
                  status: str | None = None, only_duplicates: bool = False
                  ) -> list[RegisterRow]:
    with db.session() as s:
        stmt = select(RegisterEntry)
        for col, value in ((RegisterEntry.region, region), (RegisterEntry.cercle, cercle),
                           (RegisterEntry.commune, commune), (RegisterEntry.level, level),
                           (RegisterEntry.status, status)):
            if value:
                stmt = stmt.where(col == value)
        entries = s.scalars(stmt.order_by(RegisterEntry.region, RegisterEntry.level.desc(),
                                          RegisterEntry.cercle, RegisterEntry.commune)).all()
        committees = s.execute(select(m.Committee.uuid, m.Committee.code, m.Committee.level,
                                      m.Committee.region, m.Committee.cercle,
                                      m.Committee.commune)
                               .where(m.Committee.deleted_at.is_(None))).all()
        codes = {c.uuid: c.code for c in committees}
        per_place: dict[tuple, set[str]] = {}
        for c in committees:
            per_place.setdefault(_key(c.level, c.region, c.cercle, c.commune), set()).add(c.uuid)
        linked = s.execute(select(RegisterEntry.level, RegisterEntry.region,
                                  RegisterEntry.cercle, RegisterEntry.commune,
                                  func.count(RegisterEntry.committee_uuid.distinct()))
                           .where(RegisterEntry.committee_uuid.is_not(None))
                           .group_by(RegisterEntry.level, RegisterEntry.region,
                                     RegisterEntry.cercle, RegisterEntry.commune)).all()
        for lv, rg, ce, co, _n in linked:
            per_place.setdefault(_key(lv, rg, ce, co), set())
        key_rows = {r.committee_uuid: r for r in s.scalars(select(CommitteeKey))}
        out = []
        for e in entries:
            k = _key(e.level, e.region, e.cercle, e.commune)
            dup = len(per_place.get(k, set())) > 1
            if only_duplicates and not dup:
                continue
            kr = key_rows.get(e.committee_uuid or "")
            key = (("confirmed" if kr.confirmed else "unconfirmed", _fingerprint(kr.public_key),
                    _fingerprint(kr.pending_public_key)) if kr else ("", "", ""))
            out.append(RegisterRow(e.id, e.level, e.region, e.cercle, e.commune, e.status,
                                   e.committee_uuid, codes.get(e.committee_uuid or "", ""),
                                   e.last_file_name, e.last_received_at, e.last_snapshot_at,
                                   dup, *key))
        return out


def _fingerprint(b64: str) -> str:
    from ..exchange.signing import fingerprint

    return fingerprint(base64.b64decode(b64)) if b64 else ""
