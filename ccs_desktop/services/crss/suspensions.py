"""The months the CRSS register marks suspended for a committee (issue 17): no report is
expected then (the commune occupied, a special delegation not installed...).

Kept in the declared setting settings.REGISTER_SUSPENSIONS (a JSON list); each change reads,
checks and writes it in ONE transaction (two analysts adding at once cannot lose one), and
is entered in the audit trail (action create / delete, kind "suspension", the register
entry's id). Checked here: a month is YYYY-MM, the end is not before the start, the
committee is one of the register, and two suspensions of a committee never overlap."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass

from sqlalchemy import text

from ...db import settings
from ...db.engine import Database
from ...i18n import _
from ..errors import ValidationError

OPEN_END = "9999-12"  # the end of a suspension that lasts


@dataclass(frozen=True)
class Suspension:
    entry_id: int
    start: str  # YYYY-MM
    end: str    # YYYY-MM, "" while it lasts
    reason: str

    def overlaps(self, other: Suspension) -> bool:
        return (self.entry_id == other.entry_id and self.start <= (other.end or OPEN_END)
                and other.start <= (self.end or OPEN_END))


@dataclass(frozen=True)
class SuspensionRow:
    """A suspension as the screen lists it: with the committee it concerns."""

    item: Suspension
    committee: str  # the commune (or region) and the committee's code
    region: str
    cercle: str


def _parse(raw: str) -> list[Suspension]:
    try:
        items = json.loads(raw)
        return [Suspension(int(i["entry"]), str(i["from"]), str(i.get("to") or ""),
                           str(i.get("reason") or "")) for i in items]
    except (ValueError, TypeError, KeyError, AttributeError):
        return []


def _dump(items: list[Suspension]) -> str:
    return json.dumps([{"entry": i.entry_id, "from": i.start, "to": i.end, "reason": i.reason}
                       for i in items], ensure_ascii=False)


def suspensions(db: Database) -> list[Suspension]:
    """The suspended spans of the register (a bad stored list reads as none)."""
    return _parse(settings.read_db(db, settings.REGISTER_SUSPENSIONS))


def month_text(value: str, field: str) -> str:
    value = value.strip()
    try:
        ok = len(value) == 7 and dt.date.fromisoformat(f"{value}-01") is not None
    except ValueError:
        ok = False
    if not ok:
        raise ValidationError(_("“{value}” is not a month (YYYY-MM).").format(value=value),
                              field)
    return value


_ENTRIES = ("SELECT r.id, r.region, r.cercle, COALESCE(NULLIF(r.commune, ''), r.region) AS "
            "place, COALESCE(c.code, '') AS code FROM crss_register r "
            "LEFT JOIN committees c ON c.uuid = r.committee_uuid")


def _label(place: str, code: str) -> str:
    return f"{place} ({code})" if code else place


def committees(db: Database) -> list[tuple[int, str]]:
    """(register id, the committee as a person reads it) of every register entry, by
    region, cercle and place: what a suspension may concern."""
    with db.session() as s:
        rows = s.execute(text(f"{_ENTRIES} ORDER BY r.region, r.cercle, place, r.id")).all()
    return [(r.id, _label(r.place or "", r.code)) for r in rows]


def listing(db: Database) -> list[SuspensionRow]:
    """Every suspension with its committee, by committee then start."""
    items = suspensions(db)
    with db.session() as s:
        known = {r.id: r for r in s.execute(text(_ENTRIES))}
    out = []
    for i in items:
        r = known.get(i.entry_id)
        out.append(SuspensionRow(i, _label(r.place or "", r.code) if r is not None
                                 else _("Register entry {id} (removed)").format(id=i.entry_id),
                                 r.region if r is not None else "",
                                 r.cercle if r is not None else ""))
    return sorted(out, key=lambda row: (row.region, row.cercle, row.committee, row.item.start))


def _check_role(db: Database) -> None:
    from ..roles import require

    require(db, "crss.import")  # who keeps the register (administrator, analyst)


def add_suspension(db: Database, entry_id: int, start: str, end: str = "",
                   reason: str = "") -> Suspension:
    """Mark the months start..end (end "": until further notice) of a register entry as
    suspended: no report is expected then. ValidationError (in words) when a month is not
    one, the end comes before the start, the committee is not in the register or the span
    overlaps another suspension of the committee."""
    _check_role(db)
    start = month_text(start, "from")
    end = month_text(end, "to") if end.strip() else ""
    if end and end < start:
        raise ValidationError(_("The suspension ends before it starts."), "to")
    item = Suspension(int(entry_id), start, end, " ".join(reason.split())[:200])
    from .. import audit

    with db.session() as s:
        if s.execute(text("SELECT 1 FROM crss_register WHERE id = :i"),
                     {"i": item.entry_id}).first() is None:
            raise ValidationError(_("Unknown committee: it is not in the register."),
                                  "committee")
        items = _parse(settings.read(s, settings.REGISTER_SUSPENSIONS))
        clash = next((i for i in items if i.overlaps(item)), None)
        if clash is not None:
            raise ValidationError(_("This span overlaps the suspension of {start} to {end} of "
                                    "the same committee.").format(
                                        start=clash.start, end=clash.end or _("until further "
                                                                              "notice")),
                                  "from")
        settings.write(s, settings.REGISTER_SUSPENSIONS, _dump([*items, item]))
        audit.record(s, "create", "suspension", item.entry_id)
    return item


def remove_suspension(db: Database, item: Suspension) -> bool:
    """Remove a suspension (False if it was no longer there)."""
    _check_role(db)
    from .. import audit

    with db.session() as s:
        items = _parse(settings.read(s, settings.REGISTER_SUSPENSIONS))
        kept = [i for i in items if i != item]
        if len(kept) == len(items):
            return False
        settings.write(s, settings.REGISTER_SUSPENSIONS, _dump(kept))
        audit.record(s, "delete", "suspension", item.entry_id)
    return True
