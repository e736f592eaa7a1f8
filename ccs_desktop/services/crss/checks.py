"""What an incoming file must be before the CRSS merges it: its manifest type-checked, every text
valid UTF-8, every row the merge may write valid by the structural rules (rowcheck) and its
references present; a file that is not is refused whole (InvalidFile), with its reasons. The
messages are `Said`: shown in the interface's language, kept in French in the import log."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from ...db import cipher
from ... import i18n
from ...db import models as m
from ...i18n import N_
from ..errors import UserError
from ..exchange import backup as bk
from ..exchange import snapshot as sn
from ..rowcheck import check_row, is_uuid, one_line

SYNC_TABLES = [model.__table__ for model in m.SYNCABLE_MODELS]
MAX_REASONS = 50  # reasons kept of a file refused whole


class Said:
    """A message of the import, made by `render(tr)`: str() is what the user reads (the
    interface's language, tr = the i18n module), `french` what the import log keeps (the log
    is data: French by design, tr = i18n.french())."""

    __slots__ = ("_render",)

    def __init__(self, render: Callable[[Any], str]) -> None:
        self._render = render

    def __str__(self) -> str:
        return self._render(i18n)

    @property
    def french(self) -> str:
        return self._render(i18n.french())


def french_of(message: object) -> str:
    """The French of a message: a Said's, or that of an error that carries one (`french`),
    else the text itself (an error of another module: as the user read it)."""
    french = getattr(message, "french", None)
    return french if isinstance(french, str) else str(message)


class InvalidFile(UserError):
    """A file refused whole, with its reasons (rows that break the structural rules...).
    The message and the reasons may be `Said` (shown in the interface's language, logged in
    French)."""

    def __init__(self, message: str | Said, reasons: list[str | Said] | None = None) -> None:
        super().__init__(str(message))
        self.said = message
        self.reasons = reasons or []

    @property
    def french(self) -> str:
        return french_of(self.said)


@dataclass
class Manifest:
    kind: str
    committee_uuid: str
    committee_code: str
    share_names: bool
    created_at: dt.datetime | None


# what is wrong in a manifest, one part of the message of bad_manifest
MANIFEST_PROBLEMS = {
    "object": N_("not an object"),
    "kind": N_("unknown file kind"),
    "committee": N_("committee unreadable"),
    "uuid": N_("invalid committee identifier"),
    "code": N_("invalid committee code"),
    "share_names": N_("invalid sharing of names"),
    "generation": N_("invalid generation"),
    "created_at": N_("invalid creation date"),
}


def bad_manifest(problem: str, key: str = "") -> InvalidFile:
    """`problem`: a key of MANIFEST_PROBLEMS, or "field" (the committee's field `key`)."""
    def render(tr: Any) -> str:
        if problem == "field":
            detail = tr.gettext("committee field “{key}” invalid").format(key=key)
        else:
            detail = tr.gettext(MANIFEST_PROBLEMS[problem])
        return tr.gettext("Invalid file manifest ({detail}): file refused, nothing was "
                          "changed.").format(detail=detail)
    return InvalidFile(Said(render))


NOT_FROM_A_COMMITTEE = Said(lambda tr: tr.gettext(
    "This file does not come from a committee (a CRSS database?): it is not imported."))
COMMITTEE_ABSENT = Said(lambda tr: tr.gettext(
    "The committee the file announces is absent from its content: file refused, nothing was "
    "changed."))
COMMITTEE_NOT_SAVED = Said(lambda tr: tr.gettext(
    "The file's committee could not be saved: file refused, nothing was changed."))
INCOHERENT = Said(lambda tr: tr.gettext(
    "The file leaves incoherent references or duplicates (a meeting or an attendance already "
    "known under another identifier): import cancelled, nothing was changed."))


def check_manifest(manifest: object) -> Manifest:
    """What the import uses of a manifest, every field type-checked before anything is
    written (the container checked its size and format already)."""
    if not isinstance(manifest, dict):
        raise bad_manifest("object")
    kind = manifest.get("kind")
    if kind not in (bk.KIND_BACKUP, bk.KIND_TRANSMISSION):
        raise bad_manifest("kind")
    committee = manifest.get("committee")
    if committee is None:
        raise InvalidFile(NOT_FROM_A_COMMITTEE)
    if not isinstance(committee, dict):
        raise bad_manifest("committee")
    cuuid = committee.get("uuid")
    if not isinstance(cuuid, str) or not is_uuid(cuuid):
        raise bad_manifest("uuid")
    code = committee.get("code")
    if code is None:
        code = ""
    if not isinstance(code, str) or len(code) > 40:
        raise bad_manifest("code")
    for key in ("name", "level", "region", "cercle", "commune"):
        v = committee.get(key)
        if v is not None and (not isinstance(v, str) or len(v) > 200):
            raise bad_manifest("field", key)
    share = committee.get("share_names")
    if share is not None and not (isinstance(share, bool) or share in (0, 1)):
        raise bad_manifest("share_names")
    gen = committee.get("restore_generation")
    if gen is not None and (not isinstance(gen, int) or isinstance(gen, bool)):
        raise bad_manifest("generation")
    created = manifest.get("created_at")
    snap_at = None
    if created is not None:
        if not isinstance(created, str) or len(created) > 40:
            raise bad_manifest("created_at")
        try:
            snap_at = dt.datetime.fromisoformat(created)
        except ValueError:
            raise bad_manifest("created_at") from None
        if snap_at.tzinfo is not None:
            snap_at = snap_at.astimezone(dt.UTC)
        snap_at = snap_at.replace(tzinfo=None)
    return Manifest(kind, cuuid, code, bool(share), snap_at)


def check_text_encoding(conn: cipher.Connection) -> None:
    """Every text value of every table the application knows, read as bytes and decoded:
    a text that is not valid UTF-8 cannot be read back by the application, it is an
    invalid row (the file is refused whole, each reason naming table.column and the row).
    Runs before anything else reads the rows (the reduction, the checks, the merge)."""
    present = {r[0] for r in conn.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table'")}
    columns = {t.name: {r[1] for r in conn.execute(f"PRAGMA table_info({sn._q(t.name)})")}
               for t in m.Base.metadata.sorted_tables if t.name in present}
    reasons: list[Said] = []
    invalid = 0
    saved = conn.text_factory
    conn.text_factory = bytes
    try:
        for table in m.Base.metadata.sorted_tables:
            if table.name not in present:
                continue
            have = columns[table.name]
            cols = [c.name for c in table.columns if c.name in have]
            ident = next((c for c in ("uuid", "code", "key") if c in have), None)
            id_sql = (f"CAST({sn._q(ident)} AS BLOB)" if ident else "rowid")
            for col in cols:
                q = sn._q(col)
                for who, value in conn.execute(
                        f"SELECT {id_sql}, CAST({q} AS BLOB) FROM {sn._q(table.name)} "
                        f"WHERE typeof({q}) = 'text'"):
                    try:
                        value.decode("utf-8")
                    except UnicodeDecodeError:
                        invalid += 1
                        if len(reasons) < MAX_REASONS:
                            if isinstance(who, bytes):
                                who = who.decode("utf-8", "replace")
                            reasons.append(_not_utf8(table.name, one_line(who, 40), col))
    finally:
        conn.text_factory = saved
    if invalid:
        raise InvalidFile(Said(lambda tr: tr.ngettext(
            "{n} unreadable text value (not valid UTF-8): file refused whole, nothing was "
            "changed. Ask the committee to correct and send its file again.",
            "{n} unreadable text values (not valid UTF-8): file refused whole, nothing was "
            "changed. Ask the committee to correct and send its file again.",
            invalid).format(n=invalid)), reasons)


def _not_utf8(table: str, who: str, col: str) -> Said:
    return Said(lambda tr: tr.gettext(
        "{table} {row}: {table}.{column}: text that is not valid UTF-8 (unreadable "
        "characters)").format(table=table, row=who, column=col))


def _invalid_row(table: str, ident: str, values: dict) -> Said:
    """The reason of an invalid row: its first problems (rowcheck), in the language asked."""
    return Said(lambda tr: tr.gettext("{table} {row}: {problems}").format(
        table=table, row=ident, problems=" ; ".join(check_row(table, values, tr)[:3])))


def _dangling(table: str, rowid: object, parent: str) -> Said:
    return Said(lambda tr: tr.gettext(
        "{table} (row {rowid}): reference to {parent} absent from the file").format(
            table=table, rowid=rowid, parent=parent))


def validate_source(conn: cipher.Connection) -> None:
    """Every row the merge may write, checked by the structural rules (rowcheck), and the
    references of the file: one invalid row refuses the file whole, with the reasons."""
    reasons: list[Said] = []
    invalid = 0
    for table in [*SYNC_TABLES, m.ThreatType.__table__]:
        cols = [c.name for c in table.columns]
        for r in conn.execute(f"SELECT {', '.join(sn._q(c) for c in cols)} "
                              f"FROM {sn._q(table.name)}"):
            values = dict(zip(cols, r, strict=True))
            problems = check_row(table, values)
            if problems:
                invalid += 1
                if len(reasons) < MAX_REASONS:
                    ident = values.get("uuid") or values.get("code") or values.get("id")
                    reasons.append(_invalid_row(table.name, one_line(ident, 40), values))
    dangling = conn.execute("PRAGMA foreign_key_check").fetchmany(MAX_REASONS)
    for tbl, rowid, parent, _fk in dangling:
        invalid += 1
        reasons.append(_dangling(one_line(tbl, 40), rowid, one_line(parent, 40)))
    if invalid:
        raise InvalidFile(Said(lambda tr: tr.ngettext(
            "{n} invalid row: file refused whole, nothing was changed. Ask the committee to "
            "correct and send its file again.",
            "{n} invalid rows: file refused whole, nothing was changed. Ask the committee to "
            "correct and send its file again.", invalid).format(n=invalid)), reasons)
