"""CRSS import: merge committees' files into the consolidated database.

Rules (issue 5):
- rows are matched by UUID and compared by (generation, version), never by clocks; a higher
  pair replaces, a lower or equal one changes nothing; equal pairs with different content are
  kept as a conflict for a person to settle; tombstones mark rows deleted (never a hard
  delete here);
- a row whose UUID belongs to another committee is refused and reported;
- a backup imported here is first reduced as a transmission is;
- each file is merged in one transaction (a kill leaves the database as it was) and logged.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import json
import logging
import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import select

from ...db import cipher
from ... import i18n
from ...db import models as m
from ...db import settings
from ...db.engine import Database, open_database
from ...db.migrate import head_revision
from ...db.models_exchange import ImportLogEntry
from ...db.search import SEARCHABLE, index_rows
from ...fileio import os_error_text, replace
from ...i18n import N_, _, ngettext
from .. import audit
from ..errors import UserError
from ..rowcheck import one_line, reduce_file_names
from ..exchange import backup as bk
from ..exchange import snapshot as sn
from . import committee_keys, monthly, register
from .checks import (
    COMMITTEE_ABSENT, COMMITTEE_NOT_SAVED, INCOHERENT, MAX_REASONS, SYNC_TABLES, InvalidFile,
    Manifest, Said, check_manifest, check_text_encoding, french_of, validate_source,
)

log = logging.getLogger(__name__)

Progress = Callable[[int, int, str], None]
SYNC_NAMES = {t.name for t in SYNC_TABLES}
# link tables: (table, owner column, owner table, other column, other table); the owner is the
# side whose version rises when the links change (Meeting.threats, Recommendation.threats...)
LINKS = (
    ("meeting_threats", "meeting_id", "meetings", "threat_id", "threats"),
    ("meeting_vulnerabilities", "meeting_id", "meetings", "vulnerability_id", "vulnerabilities"),
    ("recommendation_threats", "recommendation_id", "recommendations", "threat_id", "threats"),
    ("recommendation_vulnerabilities", "recommendation_id", "recommendations",
     "vulnerability_id", "vulnerabilities"),
)
COUNT_KEYS = ("new", "updated", "unchanged", "deleted", "refused", "conflicts")


@dataclass
class ImportReport:
    file: Path
    status: str  # ok / refused
    message: str = ""
    committee_code: str = ""
    committee_uuid: str = ""
    kind: str = ""
    counts: dict[str, int] = field(default_factory=lambda: dict.fromkeys(COUNT_KEYS, 0))
    refused_rows: list[dict] = field(default_factory=list)
    log_id: int | None = None
    # the message as the import log keeps it (French by design); "" when it is `message`
    french_message: str = ""
    # the committee's signing key is not confirmed yet: its rows are shown as unconfirmed
    key_notice: str = ""

    @property
    def ok(self) -> bool:
        return self.status == "ok"

    def summary(self) -> str:
        """One line for this file, its data escaped (no control character reaches a
        terminal)."""
        name = one_line(self.file.name, 120)
        if not self.ok:
            return _("{file}: refused — {message}").format(file=name,
                                                          message=one_line(self.message, 600))
        c = self.counts
        counts = ", ".join((
            ngettext("{n} new", "{n} new", c["new"]).format(n=c["new"]),
            ngettext("{n} updated", "{n} updated", c["updated"]).format(n=c["updated"]),
            ngettext("{n} unchanged", "{n} unchanged", c["unchanged"]).format(n=c["unchanged"]),
            ngettext("{n} deleted", "{n} deleted", c["deleted"]).format(n=c["deleted"]),
            ngettext("{n} refused", "{n} refused", c["refused"]).format(n=c["refused"]),
            ngettext("{n} conflict", "{n} conflicts", c["conflicts"]).format(
                n=c["conflicts"])))
        return _("{file} ({committee}): {counts}").format(
            file=name, committee=one_line(self.committee_code, 40), counts=counts)


def _walk(p: Path) -> list[Path]:
    found = []
    for x in p.rglob("*"):
        try:
            if x.suffix.lower() == bk.SUFFIX and not x.name.startswith(".") and x.is_file():
                found.append(x)
        except OSError:
            continue
    return sorted(found)


def find_files(paths_: Iterable[str | os.PathLike[str]]) -> list[Path]:
    """Files given, and every *.ccsbak under the folders given (recursively), in order."""
    out: list[Path] = []
    seen: set[Path] = set()
    for p in paths_:
        p = Path(p)
        if p.is_dir():
            try:
                found = _walk(p)
            except OSError as exc:
                raise UserError(_("Cannot browse “{path}”: {error}.").format(
                    path=one_line(p, 200), error=os_error_text(exc))) from None
        elif p.exists():
            found = [p]
        else:
            raise UserError(_("File or folder not found: “{path}”.").format(
                path=one_line(p, 200)))
        for f in found:
            r = f.resolve()
            if r not in seen:
                seen.add(r)
                out.append(f)
    return out


COMMITTEE_FOLDER = N_(
    "This folder is a committee's ({who}): the import is done in the CRSS folder, never in "
    "a committee's (its registers would be mixed with the others'). Nothing was changed. "
    "Give the CRSS data folder with --data-dir (or an empty folder to create one).")


def check_crss_target(db: Database) -> None:
    """Refuse (UserError, nothing written) a database that is a committee's: its settings
    say mode=committee, or it has an own committee. A database without a committee (new,
    or whose set-up was never finished) may become the CRSS's."""
    with db.session() as s:
        own = settings.read(s, settings.OWN_COMMITTEE)
        committee = None
        if own:
            committee = s.scalar(select(m.Committee).where(m.Committee.uuid == own))
        if settings.stored(s, settings.MODE) == settings.COMMITTEE_MODE or committee is not None:
            who = _("committee not configured")
            if committee is not None:
                who = one_line(" ".join(x for x in (committee.code, committee.name) if x)
                               or _("no name"), 120)
            raise UserError(_(COMMITTEE_FOLDER).format(who=who))


def open_crss_database(data_dir: str | os.PathLike[str] | None) -> Database:
    """The consolidated database of data_dir, created (CRSS mode, register filled) if absent.
    A committee's database is refused (UserError) before anything is written to it."""
    db = open_database(data_dir, create=True)
    try:
        check_crss_target(db)
    except BaseException:
        db.close()
        raise
    with db.session() as s:
        if (settings.stored(s, settings.MODE) is None
                and not settings.read(s, settings.OWN_COMMITTEE)):
            settings.write(s, settings.MODE, settings.CRSS_MODE)
    register.ensure_register(db)
    return db


def import_paths(db: Database, paths_: Iterable[str | os.PathLike[str]], identities: list,
                 progress: Progress | None = None, *, now: dt.datetime | None = None
                 ) -> list[ImportReport]:
    """Import every file of `paths_` (files, or folders searched recursively), each in its
    own transaction: a file that fails is refused and logged, the next ones are imported.
    A path that does not exist is reported as a refused file too. One report per file.
    `now` (UTC; tests): the moment of the import, else the clock's."""
    progress = progress or bk._noop
    from ..roles import require

    require(db, "crss.import")
    check_crss_target(db)
    bk.cleanup_leftovers(db.data_dir)
    files: list[Path] = []
    missing: list[ImportReport] = []
    for p in paths_:
        try:
            files += [f for f in find_files([p]) if f not in files]
        except UserError as exc:
            missing.append(ImportReport(Path(p), "refused", str(exc)))
    reports = list(missing)
    for i, f in enumerate(files):
        progress(i, len(files), _("Importing {name}…").format(name=one_line(f.name, 120)))
        reports.append(import_file(db, f, identities, now=now))
    progress(len(files), len(files), _("Import finished."))
    return reports


def _file_hash(path: Path) -> tuple[str, int]:
    h, n = hashlib.sha256(), 0
    try:
        with open(path, "rb") as fh:
            while b := fh.read(1024 * 1024):
                h.update(b)
                n += len(b)
    except OSError:
        pass
    return h.hexdigest(), n


def _log_refusal(db: Database, report: ImportReport, sha: str, size: int,
                 snapshot_at: dt.datetime | None, reasons: list[str]) -> int | None:
    """The import log entry of a refused file (its own transaction: nothing else of the
    file was written). Never raises: a log that cannot be written is reported in the
    application log, the file stays refused."""
    try:
        with db.session() as s:
            e = ImportLogEntry(
                file_name=one_line(report.file.name, 255), file_sha256=sha[:64],
                file_size=size, kind=report.kind[:16],
                committee_uuid=report.committee_uuid[:36],
                committee_code=one_line(report.committee_code, 40), snapshot_at=snapshot_at,
                status=report.status, message=report.french_message or report.message,
                details=json.dumps({"raisons": reasons[:MAX_REASONS],
                                    "refused": report.refused_rows[:200]},
                                   ensure_ascii=False, default=str),
                **report.counts)
            s.add(e)
            s.flush()
            return e.id
    except Exception:  # noqa: BLE001 - the refusal stands; the log is best effort
        log.debug("import log entry of a refused file not written", exc_info=True)
        return None


CRASH_ENV = "CCS_TEST_IMPORT_CRASH"  # tests: kill the process at this point of an import


def _crash_point(name: str) -> None:
    if os.environ.get(CRASH_ENV) == name:  # pragma: no cover - the process dies here
        import signal

        os.kill(os.getpid(), signal.SIGKILL)


def import_file(db: Database, path: str | os.PathLike[str], identities: list,
                rebuild_index: bool = True, *, now: dt.datetime | None = None
                ) -> ImportReport:
    """Import one file in one transaction (merged rows, import log, register and search
    index together), or refuse it whole and log why. Never raises for a bad file: whatever
    goes wrong (a damaged or hostile file, an unexpected error) is this file's refusal.
    Raises UserError only when `db` is a committee's database (nothing written).

    The technical detail of an unexpected failure goes to the DEBUG log only (`ccs` shows it
    with CCS_DEBUG=1): the user reads the French reason of the report, never a traceback.

    `rebuild_index` is kept for callers; the search index of the file's committee is always
    brought up to date in the import's own transaction. `now` (UTC, tests): the moment of
    the import (the log's time and the day its meetings arrive), else the clock's."""
    del rebuild_index
    path = Path(path)
    report = ImportReport(path, "refused")
    state: dict = {"sha": "", "size": 0, "snapshot_at": None, "phase": "source",
                   "now": now or m.utcnow()}
    reasons: list[str] = []
    from ..roles import require

    require(db, "crss.import")
    check_crss_target(db)
    try:
        bk.cleanup_leftovers(db.data_dir)
        _import_one(db, path, identities, report, state)
    except InvalidFile as exc:
        # shown in the interface's language; the log keeps the French (data)
        reasons = [one_line(french_of(r), 300) for r in exc.reasons]
        report.message = _with_reasons(one_line(str(exc), 300),
                                       [one_line(str(r), 300) for r in exc.reasons], i18n)
        report.french_message = _with_reasons(one_line(exc.french, 300), reasons,
                                              i18n.french())
    except UserError as exc:
        report.message = one_line(str(exc), 1000)
        report.french_message = one_line(french_of(exc), 1000)
    except RecursionError:
        _say(report, TOO_DEEP)
    except MemoryError:
        _say(report, TOO_BIG)
    except Exception as exc:  # noqa: BLE001 - one bad file never stops the batch
        log.debug("import of %s failed", path, exc_info=True)
        _say(report, _unexpected_message(exc, state["phase"]))
    if not report.ok:
        report.status = "refused"
        report.counts = dict.fromkeys(COUNT_KEYS, 0)
        report.counts["refused"] = len(report.refused_rows)
        if not state["sha"]:
            state["sha"], state["size"] = _file_hash(path)
        report.log_id = _log_refusal(db, report, state["sha"], state["size"],
                                     state["snapshot_at"], reasons)
    audit.record(db, "import", report.kind, report.committee_uuid or None, report.status)
    return report


def _with_reasons(message: str, reasons: list[str], tr: Any) -> str:
    """The message of a file refused whole, followed by its first reasons."""
    if reasons:
        message += " " + " ; ".join(reasons[:5])
        if len(reasons) > 5:
            message += " ; " + tr.ngettext(
                "… ({n} problem, see the import log)", "… ({n} problems, see the import log)",
                len(reasons)).format(n=len(reasons))
    return message


def _say(report: ImportReport, said: Said) -> None:
    report.message, report.french_message = str(said), said.french


TOO_DEEP = Said(lambda tr: tr.gettext(
    "File refused: its structure is nested too deeply to be read. Nothing was changed. Ask "
    "the committee for a new file."))
TOO_BIG = Said(lambda tr: tr.gettext(
    "File refused: it needs more memory than this computer has. Nothing was changed."))


def _import_one(db: Database, path: Path, identities: list, report: ImportReport,
                state: dict) -> None:
    # decrypted into a hidden folder of the CRSS data folder (never the system temp);
    # the `with` deletes it, reduced or not, whatever happens
    with bk.open_file(path, identities, work_dir=db.data_dir) as opened:
        state["sha"], state["size"] = opened.file_sha256, opened.file_size
        info = check_manifest(opened.manifest)
        report.kind, report.committee_uuid = info.kind, info.committee_uuid
        report.committee_code = info.committee_code
        state["snapshot_at"] = info.created_at
        decision = committee_keys.check_file(db, opened, info, state["sha"])
        report.audit_head = opened.manifest.get("audit_head")  # type: ignore[attr-defined]
        snap, key = _prepare_source(opened, info)
        state["phase"] = "merge"
        _merge(db, snap, key, info, report, state["sha"], state["size"], decision,
               state["now"])
        if decision.public_key is not None and not decision.confirmed:
            report.key_notice = committee_keys.unconfirmed_notice(
                one_line(info.committee_code, 40),
                committee_keys.fingerprint(decision.public_key))


DAMAGED_FILE = Said(lambda tr: tr.gettext(
    "File refused: its database is damaged or is not that of a valid CCS Desktop file (it "
    "cannot be read). Nothing was changed. Ask the committee for a new file."))
CRSS_BUSY = Said(lambda tr: tr.gettext(
    "The CRSS database is in use by another program: close it and import this file again. "
    "Nothing was changed."))
CRSS_WRITE = Said(lambda tr: tr.gettext(
    "The CRSS database could not save this file: it is refused, nothing was changed. Check "
    "the space on the CRSS disk and try again."))
CRSS_ERROR = Said(lambda tr: tr.gettext(
    "Error of the CRSS database while importing this file: it is refused, nothing was "
    "changed. Try again; if it happens again, run the command again with the environment "
    "variable CCS_DEBUG=1 and send the details to support."))
UNEXPECTED = Said(lambda tr: tr.gettext(
    "Unexpected error while importing this file: it is refused, nothing was changed. For the "
    "technical details to send to support, run the command again with the environment "
    "variable CCS_DEBUG=1."))


def _sqlite_error(exc: BaseException) -> cipher.Error | None:
    """The SQLite error behind `exc` (raw, or wrapped by SQLAlchemy), if any."""
    from sqlalchemy.exc import DBAPIError

    if isinstance(exc, DBAPIError):
        exc = exc.orig  # type: ignore[assignment]
    return exc if isinstance(exc, cipher.Error) else None


def _unexpected_message(exc: BaseException, phase: str) -> Said:
    """The French reason of a file refused for an error nobody foresaw: an SQLite error
    while the file's own database is read (phase "source", or a text SQLite cannot decode)
    means the file is damaged; during the merge, a busy CRSS database or one that cannot
    write; anything else, an unexpected error."""
    error = _sqlite_error(exc)
    if error is not None:
        text = str(error).lower()
        if phase == "source" or "decode" in text or "malformed" in text:
            return DAMAGED_FILE
        if "locked" in text or "busy" in text:
            return CRSS_BUSY
        if isinstance(error, cipher.OperationalError) and (
                "full" in text or "disk" in text or "i/o" in text or "readonly" in text):
            return CRSS_WRITE
        return CRSS_ERROR
    if phase == "source" and isinstance(exc, UnicodeError):
        return DAMAGED_FILE
    return UNEXPECTED


def _prepare_source(opened: bk.OpenedFile, info: Manifest) -> tuple[Path, bytes]:
    """Migrate an older snapshot, then reduce it before anything is merged: a backup as a
    transmission (pseudonyms included); every file, a transmission too, loses again what
    must never reach the CRSS (restricted notes, attachments, restricted threats become
    tombstones, phone numbers), whatever application made it; a file that says names are
    not shared has its people pseudonymised again, whatever it carries; file names are
    reduced to safe base names. Then every row is checked (`_validate_source`). Returns
    the file, in the opened file's folder (deleted with it), and its key: the body of a
    file of an earlier version (plain) is encrypted under a random key first, so that no
    step below writes it in clear."""
    snap, key = sn.encrypted_body(opened.snapshot, opened.body_key)
    own_uuid = info.committee_uuid
    if opened.revision != head_revision():
        staged = opened.folder / "migration"
        staged.mkdir()
        target = staged / "ccs.sqlite3"
        replace(snap, target)
        conn = cipher.connect(target, key)
        try:
            sn.create_fts(conn)
            conn.commit()
        finally:
            conn.close()
        tmp_db = open_database(staged, create=False, key=key)
        tmp_db.close()
        for extra in staged.iterdir():  # the migration's copy aside is not reduced: drop it
            if not extra.name.startswith(target.name):
                bk._unlink_quietly(extra)
        snap = target
    conn = cipher.connect(snap, key, isolation_level=None)
    try:
        conn.execute("PRAGMA trusted_schema = OFF")
        conn.execute("PRAGMA foreign_keys = OFF")
        conn.execute("PRAGMA secure_delete = ON")
        check_text_encoding(conn)
        conn.execute("BEGIN")
        row = conn.execute("SELECT share_names FROM committees WHERE uuid = ?",
                           (own_uuid,)).fetchone()
        if row is None:
            raise InvalidFile(COMMITTEE_ABSENT)
        if opened.kind == bk.KIND_BACKUP:
            sn.reduce_to_transmission(conn, own_uuid)
        else:
            sn.strip_private(conn)
        if not (info.share_names and row[0] == 1):
            sn.pseudonymise_again(conn)
        sn.delete_orphan_links(conn)
        reduce_file_names(conn)
        conn.execute("COMMIT")
        validate_source(conn)
    finally:
        conn.close()
    return snap, key


def _fk_columns(table) -> dict[str, str]:  # noqa: ANN001
    out = {}
    for col in table.columns:
        for fk in col.foreign_keys:
            ref = fk.column.table.name
            if ref in SYNC_NAMES:
                out[col.name] = ref
    return out


def _chunks(seq: list, n: int = 500) -> Iterable[list]:
    for i in range(0, len(seq), n):
        yield seq[i:i + n]


def _json_safe(row: dict) -> dict:
    out = {}
    for k, v in row.items():
        if isinstance(v, bytes):
            out[k] = f"<{len(v)} octets>"  # data: French by design (a conflict's row)
        else:
            out[k] = v
    return out


def _merge(db: Database, snap: Path, key: bytes, info: Manifest, report: ImportReport,
           sha: str, size: int, decision: committee_keys.KeyDecision,
           now: dt.datetime) -> None:
    """Merge the checked file in ONE transaction: import log entry, rows, links, names
    withdrawn, register entry and the search index of the committee's rows commit together
    or not at all (a kill at any moment leaves the database as it was; importing the file
    again then does the whole import)."""
    snap_at = info.created_at
    committee = {"uuid": info.committee_uuid, "share_names": info.share_names}
    src = sn.open_foreign(snap, key=key)  # checked already; read-only, no schema code runs
    s = db.new_session()
    s.info["preserve_versions"] = True
    s.info["skip_search_index"] = True
    try:
        conn = s.connection()
        tgt: cipher.Connection = conn.connection.driver_connection  # type: ignore[assignment]
        tgt.execute("BEGIN IMMEDIATE")
        tgt.execute("PRAGMA defer_foreign_keys = ON")
        cur = tgt.execute(
            "INSERT INTO crss_import_log (imported_at, file_name, file_sha256, file_size, "
            "kind, committee_uuid, committee_code, snapshot_at, status, message, new, "
            "updated, unchanged, deleted, refused, conflicts, details) VALUES "
            "(?, ?, ?, ?, ?, ?, ?, ?, 'ok', '', 0, 0, 0, 0, 0, 0, '')",
            (now.isoformat(sep=" "), one_line(report.file.name, 255), sha, size,
             report.kind, report.committee_uuid, one_line(report.committee_code, 40),
             snap_at.isoformat(sep=" ") if snap_at else None))
        log_id = cur.lastrowid
        _crash_point("log")
        tgt_own_id = _merge_rows(src, tgt, committee, report, log_id)
        _crash_point("rows")
        c = report.counts
        tgt.execute("UPDATE crss_import_log SET new = ?, updated = ?, unchanged = ?, "
                    "deleted = ?, refused = ?, conflicts = ?, details = ? WHERE id = ?",
                    (c["new"], c["updated"], c["unchanged"], c["deleted"], c["refused"],
                     c["conflicts"], json.dumps({"refused": report.refused_rows},
                                                ensure_ascii=False), log_id))
        place = tgt.execute("SELECT uuid, level, region, cercle, commune FROM committees "
                            "WHERE id = ?", (tgt_own_id,)).fetchone()
        register.record_received(s, dict(zip(("uuid", "level", "region", "cercle",
                                              "commune"), place, strict=True)),
                                 one_line(report.file.name, 255), sha, snap_at, now)
        register.record_arrivals(tgt, tgt_own_id, report.committee_uuid, now.date())
        committee_keys.record(tgt, decision, sha)
        monthly.refresh(tgt, tgt_own_id)
        audit.receive_head(s, report.committee_uuid, getattr(report, "audit_head", None))
        s.flush()
        _crash_point("register")
        _reindex_committee(s, tgt_own_id)
        _crash_point("index")
        try:
            s.commit()
        except cipher.IntegrityError:
            raise InvalidFile(INCOHERENT) from None
        _crash_point("commit")
    except cipher.IntegrityError:
        s.rollback()
        raise InvalidFile(INCOHERENT) from None
    except BaseException:
        s.rollback()
        raise
    finally:
        s.close()
        src.close()
    report.status, report.log_id = "ok", log_id


def _reindex_committee(s, committee_id: int) -> None:  # noqa: ANN001
    """The search index of every row of the committee, rebuilt from the rows (in the
    import's transaction): what an interrupted import of an older version left is repaired
    by importing the file again."""
    conn = s.connection()
    for model in SEARCHABLE:
        last = 0
        while True:
            rows = s.scalars(select(model).where(model.committee_id == committee_id,
                                                 model.id > last)
                             .order_by(model.id).limit(2000)).all()
            if not rows:
                break
            index_rows(conn, model, rows)
            last = rows[-1].id
            s.expunge_all()


def _merge_rows(src: cipher.Connection, tgt: cipher.Connection, committee: dict,
                report: ImportReport, log_id: int) -> int:
    counts = report.counts
    own_uuid = committee["uuid"]
    row = src.execute("SELECT id FROM committees WHERE uuid = ?", (own_uuid,)).fetchone()
    if row is None:
        raise InvalidFile(COMMITTEE_ABSENT)
    src_own_id = row[0]
    names_off, named = _names_withdrawn(src, tgt, committee, src_own_id)
    src_uuid: dict[str, dict[int, str]] = {}
    tgt_id: dict[str, dict[str, int]] = {}
    changed: dict[str, set[int]] = {}  # table -> target ids inserted or replaced
    deferred: list[tuple[str, int, str, str, str]] = []
    tgt_own_id: int | None = None

    _merge_threat_types(src, tgt)

    for table in SYNC_TABLES:
        name = table.name
        cols = [c.name for c in table.columns]
        fks = _fk_columns(table)
        nullable = {c.name: c.nullable for c in table.columns}
        tgt_id.setdefault(name, {})
        changed[name] = set()
        rows = [dict(zip(cols, r, strict=True)) for r in src.execute(
            f"SELECT {', '.join(sn._q(c) for c in cols)} FROM {sn._q(name)}")]
        src_uuid[name] = {r["id"]: r["uuid"] for r in rows}
        owner_col = "committee_id" if "committee_id" in cols else None
        existing: dict[str, tuple] = {}
        sel = "id, uuid, generation, version, deleted_at" + (
            ", committee_id" if owner_col else ", NULL")
        uuids = [r["uuid"] for r in rows]
        for part in _chunks(uuids):
            for e in tgt.execute(f"SELECT {sel} FROM {name} WHERE uuid IN "
                                 f"({','.join('?' * len(part))})", part):
                existing[e[1]] = e
        for r in rows:
            uid = r["uuid"]
            if name == "committees":
                if uid != own_uuid:
                    _refuse(report, name, uid, "comité différent de celui du fichier")
                    continue
            elif r.get(owner_col) != src_own_id:
                _refuse(report, name, uid, "ligne d'un autre comité")
                continue
            ex = existing.get(uid)
            if ex is not None and name != "committees" and ex[5] != tgt_own_id:
                _refuse(report, name, uid, "identifiant déjà utilisé par un autre comité")
                continue
            values: dict = {}
            later: list[tuple[str, str, str]] = []
            ok = True
            for c in cols:
                if c == "id":
                    continue
                v = r[c]
                if c in fks and v is not None:
                    ref = fks[c]
                    ref_uuid = (src_uuid[ref].get(v) if ref in src_uuid and ref != name
                                else _src_ref_uuid(src, ref, v))
                    mapped = tgt_id.get(ref, {}).get(ref_uuid) if ref_uuid else None
                    if mapped is None:
                        if nullable[c]:
                            if ref_uuid is not None:
                                later.append((c, ref, ref_uuid))
                        else:
                            ok = False
                    v = mapped
                values[c] = v
            if not ok:
                _refuse(report, name, uid, "référence vers une ligne absente du fichier")
                continue
            if ex is None:
                cur = tgt.execute(f"INSERT INTO {name} ({', '.join(sn._q(c) for c in values)})"
                                  f" VALUES ({', '.join('?' * len(values))})",
                                  tuple(values.values()))
                tid = cur.lastrowid
                changed[name].add(tid)
                counts["deleted" if values.get("deleted_at") else "new"] += 1
            else:
                tid = ex[0]
                incoming = (values.get("generation") or 0, values.get("version") or 0)
                current = (ex[2] or 0, ex[3] or 0)
                if incoming > current:
                    sets = ", ".join(f"{sn._q(c)} = ?" for c in values)
                    tgt.execute(f"UPDATE {name} SET {sets} WHERE id = ?",
                                (*values.values(), tid))
                    changed[name].add(tid)
                    counts["deleted" if values.get("deleted_at") and not ex[4]
                           else "updated"] += 1
                elif (incoming == current and values.get("deleted_at") and not ex[4]
                      and name not in ("committees",)):
                    # the same version, now a tombstone: the committee restricted the row
                    # (its content was cleared on the way); a deletion always wins
                    sets = ", ".join(f"{sn._q(c)} = ?" for c in values)
                    tgt.execute(f"UPDATE {name} SET {sets} WHERE id = ?",
                                (*values.values(), tid))
                    changed[name].add(tid)
                    counts["deleted"] += 1
                else:
                    later = []
                    if incoming < current or _same_content(tgt, name, tid, values, fks):
                        counts["unchanged"] += 1
                    elif named and incoming == current:
                        # the committee stopped sharing names: the same version comes back
                        # with the names replaced by codes; its text replaces ours (the
                        # references stay as they are)
                        text = {c: v for c, v in values.items() if c not in fks}
                        tgt.execute(f"UPDATE {name} SET "
                                    + ", ".join(f"{sn._q(c)} = ?" for c in text)
                                    + " WHERE id = ?", (*text.values(), tid))
                        counts["updated"] += 1
                    elif _conflict(tgt, log_id, name, uid, own_uuid, incoming, values):
                        counts["conflicts"] += 1
                    else:  # this very version was already settled by a person
                        counts["unchanged"] += 1
            tgt_id[name][uid] = tid
            if name == "committees":
                tgt_own_id = tid
            for c, ref, ref_uuid in later:
                deferred.append((name, tid, c, ref, ref_uuid))
    for name, row_id, col, ref, ref_uuid in deferred:
        # only rows of this file are linked: a reference never reaches another committee
        tgt.execute(f"UPDATE {name} SET {sn._q(col)} = ? WHERE id = ?",
                    (tgt_id.get(ref, {}).get(ref_uuid), row_id))
    if tgt_own_id is None:
        raise InvalidFile(COMMITTEE_NOT_SAVED)
    _merge_links(src, tgt, src_uuid, tgt_id, changed)
    if named:
        _withdraw_names(tgt, tgt_own_id, named)
    return tgt_own_id


PERSON_TEXT = tuple(c for c in m.Person.__sync_content__)
NAME_REMOVED = "[nom retiré]"  # data: French by design (written into the CRSS's rows)


def _names_withdrawn(src: cipher.Connection, tgt: cipher.Connection, committee: dict,
                     src_own_id: int) -> tuple[bool, dict[int, tuple[str, str, str]]]:
    """(names off?, people of this committee at the CRSS whose names must go).

    When the file says the committee does not share names (its manifest or its committee
    row), every people row the CRSS holds for it with a name (received while names were
    shared, under their real uuids, or sent by a faulty application) loses it: the file's
    people were pseudonymised (again) before the merge; the rows the merge does not replace
    are blanked after it, and their names removed from the committee's free text."""
    row = src.execute("SELECT share_names FROM committees WHERE id = ?",
                      (src_own_id,)).fetchone()
    names_off = not (committee.get("share_names") and row and row[0] == 1)
    if not names_off:
        return False, {}
    own = tgt.execute("SELECT id FROM committees WHERE uuid = ?",
                      (committee["uuid"],)).fetchone()
    if own is None:
        return True, {}
    named: dict[int, tuple[str, str, str]] = {}
    for pid, title, given, family in tgt.execute(
            "SELECT id, title, given_names, family_name FROM people "
            f"WHERE committee_id = ? AND {sn.NOT_PSEUDONYMOUS_SQL}", (own[0],)):
        named[pid] = (title or "", given or "", family or "")
    return True, named


def _withdraw_names(tgt: cipher.Connection, committee_id: int,
                    named: dict[int, tuple[str, str, str]]) -> None:
    """Blank the names of the `named` people that still carry one after the merge (rows the
    file did not replace) and remove every `named` name from the committee's free text;
    versions and references stay as they are."""
    sets = ", ".join(f"{sn._q(c)} = ''" for c in PERSON_TEXT)
    ids = list(named)
    for part in _chunks(ids):
        tgt.execute(f"UPDATE people SET {sets} WHERE id IN ({','.join('?' * len(part))}) "
                    f"AND {sn.NOT_PSEUDONYMOUS_SQL}", part)
    replacements = []
    for title, given, family in named.values():
        for weight, pattern in sn._name_patterns(given, family, title):
            replacements.append((weight, pattern, NAME_REMOVED))
    if replacements:
        sn.scrub_names(tgt, replacements, committee_id=committee_id)


def _src_ref_uuid(src: cipher.Connection, table: str, src_id: int) -> str | None:
    row = src.execute(f"SELECT uuid FROM {table} WHERE id = ?", (src_id,)).fetchone()
    return row[0] if row else None


def _same_content(tgt: cipher.Connection, name: str, tid: int, values: dict,
                  fks: dict) -> bool:
    cols = [c for c in values if c not in fks]
    row = tgt.execute(f"SELECT {', '.join(sn._q(c) for c in cols)} FROM {name} WHERE id = ?",
                      (tid,)).fetchone()
    return row is not None and all(_norm(a) == _norm(values[c])
                                   for c, a in zip(cols, row, strict=True))


def _norm(v: object) -> object:
    if isinstance(v, bool):
        return int(v)
    if isinstance(v, memoryview):
        return bytes(v)
    return v


def _conflict(tgt: cipher.Connection, log_id: int, name: str, uid: str, own_uuid: str,
              pair: tuple[int, int], values: dict) -> bool:
    """Keep the incoming row for a person to settle. The same incoming row is recorded once:
    an identical open conflict is not repeated (importing a stick twice changes nothing), and
    one a person settled stays settled (returns False: nothing left to settle)."""
    incoming = json.dumps(_json_safe(values), ensure_ascii=False, default=str)
    same = tgt.execute("SELECT resolved_at FROM crss_conflicts WHERE table_name = ? AND "
                       "row_uuid = ? AND generation = ? AND version = ? AND incoming = ?",
                       (name, uid, pair[0], pair[1], incoming)).fetchall()
    if any(r[0] is not None for r in same):
        return False
    if same:
        return True
    tgt.execute("INSERT INTO crss_conflicts (import_id, table_name, row_uuid, committee_uuid, "
                "generation, version, incoming, created_at, resolution) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, '')",
                (log_id, name, uid, own_uuid, pair[0], pair[1], incoming,
                 m.utcnow().isoformat(sep=" ")))
    return True


def _refuse(report: ImportReport, table: str, uid: object, reason: str) -> None:
    # the refused rows are kept in the import log only: their reason is data, French by design
    report.counts["refused"] += 1
    if len(report.refused_rows) < 200:
        report.refused_rows.append({"table": table, "uuid": str(uid)[:36], "raison": reason})


def _merge_threat_types(src: cipher.Connection, tgt: cipher.Connection) -> None:
    """Local threat sub-types the centre does not know yet are added (national ones exist)."""
    have = {r[0] for r in tgt.execute("SELECT code FROM threat_types")}
    cols = [c.name for c in m.ThreatType.__table__.columns if c.name != "committee_id"]
    rows = src.execute(f"SELECT {', '.join(cols)} FROM threat_types").fetchall()
    pending = [dict(zip(cols, r, strict=True)) for r in rows if r[0] not in have]
    for _ in range(3):  # parents before children
        rest = []
        for r in pending:
            if all(r[k] is None or r[k] in have for k in ("parent_code", "national_code")):
                tgt.execute(f"INSERT INTO threat_types ({', '.join(cols)}) VALUES "
                            f"({', '.join('?' * len(cols))})", tuple(r.values()))
                have.add(r["code"])
            else:
                rest.append(r)
        pending = rest


def _merge_links(src: cipher.Connection, tgt: cipher.Connection,
                 src_uuid: dict[str, dict[int, str]], tgt_id: dict[str, dict[str, int]],
                 changed: dict[str, set[int]]) -> None:
    for table, owner_col, owner_table, other_col, other_table in LINKS:
        owners = changed.get(owner_table) or set()
        if not owners:
            continue
        by_owner: dict[int, list[int]] = {}
        for o, x in src.execute(f"SELECT {owner_col}, {other_col} FROM {table}"):
            ou = src_uuid[owner_table].get(o)
            xu = src_uuid[other_table].get(x)
            to = tgt_id[owner_table].get(ou) if ou else None
            tx = tgt_id[other_table].get(xu) if xu else None
            if to in owners and tx is not None:
                by_owner.setdefault(to, []).append(tx)
        for to in owners:
            tgt.execute(f"DELETE FROM {table} WHERE {owner_col} = ?", (to,))
            links = by_owner.get(to, [])
            if links:
                tgt.executemany(f"INSERT OR IGNORE INTO {table} ({owner_col}, {other_col}) "
                                "VALUES (?, ?)", [(to, x) for x in links])


@dataclass(frozen=True)
class ImportLogRow:
    """One line of the import log (crss_import_log), newest first in import_log."""

    id: int
    imported_at: dt.datetime
    file_name: str
    file_sha256: str
    file_size: int
    kind: str
    committee_uuid: str
    committee_code: str
    snapshot_at: dt.datetime | None
    status: str  # ok / refused
    message: str
    new: int
    updated: int
    unchanged: int
    deleted: int
    refused: int
    conflicts: int
    details: str  # JSON: refused rows etc.


_LOG_FIELDS = tuple(f.name for f in dataclasses.fields(ImportLogRow))


def import_log(db: Database, limit: int = 200) -> list[ImportLogRow]:
    columns = [getattr(ImportLogEntry, name) for name in _LOG_FIELDS]
    with db.session() as s:
        rows = s.execute(select(*columns).order_by(ImportLogEntry.id.desc()).limit(limit))
        return [ImportLogRow(*row) for row in rows]


__all__ = ["ImportReport", "ImportLogRow", "find_files", "open_crss_database", "import_paths",
           "import_file", "import_log"]
