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

import datetime as dt
import hashlib
import json
import logging
import os
import sqlite3
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import select

from ...db import models as m
from ...db.engine import Database, open_database
from ...db.migrate import head_revision
from ...db.models_exchange import ImportLogEntry
from ...db.search import rebuild
from ..errors import UserError
from ..exchange import backup as bk
from ..exchange import snapshot as sn
from . import register

log = logging.getLogger(__name__)

Progress = Callable[[int, int, str], None]
SYNC_TABLES = [model.__table__ for model in m.SYNCABLE_MODELS]
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

    @property
    def ok(self) -> bool:
        return self.status == "ok"

    def summary(self) -> str:
        if not self.ok:
            return f"{self.file.name} : refusé — {self.message}"
        c = self.counts
        return (f"{self.file.name} ({self.committee_code}) : {c['new']} nouveaux, "
                f"{c['updated']} mis à jour, {c['unchanged']} inchangés, {c['deleted']} "
                f"supprimés, {c['refused']} refusés, {c['conflicts']} conflits")


def find_files(paths_: Iterable[str | os.PathLike[str]]) -> list[Path]:
    """Files given, and every *.ccsbak under the folders given (recursively), in order."""
    out: list[Path] = []
    seen: set[Path] = set()
    for p in paths_:
        p = Path(p)
        if p.is_dir():
            found = sorted(x for x in p.rglob("*") if x.suffix.lower() == bk.SUFFIX
                           and x.is_file() and not x.name.startswith("."))
        elif p.exists():
            found = [p]
        else:
            raise UserError(f"Fichier ou dossier introuvable : « {p} ».")
        for f in found:
            r = f.resolve()
            if r not in seen:
                seen.add(r)
                out.append(f)
    return out


def open_crss_database(data_dir: str | os.PathLike[str] | None) -> Database:
    """The consolidated database of data_dir, created (CRSS mode, register filled) if absent."""
    db = open_database(data_dir, create=True)
    with db.session() as s:
        mode = s.get(m.Setting, "mode")
        own = s.get(m.Setting, "committee_uuid")
        if mode is None and (own is None or not own.value):
            s.add(m.Setting(key="mode", value="crss"))
    register.ensure_register(db)
    return db


def import_paths(db: Database, paths_: Iterable[str | os.PathLike[str]], identities: list,
                 progress: Progress | None = None) -> list[ImportReport]:
    progress = progress or bk._noop
    bk.cleanup_leftovers(db.data_dir)
    files = find_files(paths_)
    reports = []
    for i, f in enumerate(files):
        progress(i, len(files), f"Import de {f.name}…")
        reports.append(import_file(db, f, identities, rebuild_index=False))
    if any(r.ok and (r.counts["new"] or r.counts["updated"] or r.counts["deleted"])
           for r in reports):
        progress(len(files), len(files), "Index de recherche…")
        with db.session() as s:
            s.info["preserve_versions"] = True
            rebuild(s)
    progress(len(files), len(files), "Import terminé.")
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


def _log(db: Database, report: ImportReport, sha: str, size: int,
         manifest: dict | None) -> int:
    snap_at = None
    if manifest and isinstance(manifest.get("created_at"), str):
        try:
            snap_at = dt.datetime.fromisoformat(manifest["created_at"]).replace(tzinfo=None)
        except ValueError:
            pass
    with db.session() as s:
        e = ImportLogEntry(file_name=report.file.name[:255], file_sha256=sha, file_size=size,
                           kind=report.kind, committee_uuid=report.committee_uuid,
                           committee_code=report.committee_code[:40], snapshot_at=snap_at,
                           status=report.status, message=report.message,
                           details=json.dumps({"refused": report.refused_rows[:200]},
                                              ensure_ascii=False),
                           **report.counts)
        s.add(e)
        s.flush()
        return e.id


def import_file(db: Database, path: str | os.PathLike[str], identities: list,
                rebuild_index: bool = True) -> ImportReport:
    path = Path(path)
    report = ImportReport(path, "refused")
    manifest = None
    sha, size = "", 0
    bk.cleanup_leftovers(db.data_dir)
    try:
        # decrypted into a hidden folder of the CRSS data folder (never the system temp);
        # the `with` deletes it, reduced or not, whatever happens
        with bk.open_file(path, identities, work_dir=db.data_dir) as opened:
            manifest = opened.manifest
            sha, size = opened.file_sha256, opened.file_size
            committee = manifest.get("committee")
            if not isinstance(committee, dict) or not isinstance(committee.get("uuid"), str):
                raise UserError("Ce fichier ne vient pas d'un comité (base CRSS ?) : il n'est "
                                "pas importé.")
            report.kind = manifest["kind"]
            report.committee_uuid = committee["uuid"]
            report.committee_code = str(committee.get("code") or "")
            snap = _prepare_source(opened, committee["uuid"])
            _merge(db, snap, manifest, report, sha, size)
    except UserError as exc:
        report.status, report.message = "refused", str(exc)
    if report.log_id is None:
        if not sha:
            sha, size = _file_hash(path)
        report.log_id = _log(db, report, sha, size, manifest)
    if report.ok and rebuild_index:
        with db.session() as s:
            s.info["preserve_versions"] = True
            rebuild(s)
    return report


def _prepare_source(opened: bk.OpenedFile, own_uuid: str) -> Path:
    """Migrate an older snapshot, then reduce it before anything is merged: a backup as a
    transmission (pseudonyms included); every file, a transmission too, loses again what
    must never reach the CRSS (restricted notes, attachments, restricted threats become
    tombstones, phone numbers), whatever application made it. Returns the file, in the
    opened file's folder (deleted with it)."""
    snap = opened.snapshot
    if opened.revision != head_revision():
        staged = opened.folder / "migration"
        staged.mkdir()
        target = staged / "ccs.sqlite3"
        os.replace(snap, target)
        conn = sqlite3.connect(target)
        try:
            sn.create_fts(conn)
            conn.commit()
        finally:
            conn.close()
        tmp_db = open_database(staged, create=False)
        tmp_db.close()
        for extra in staged.iterdir():  # the migration's copy aside is not reduced: drop it
            if not extra.name.startswith(target.name):
                bk._unlink_quietly(extra)
        snap = target
    conn = sqlite3.connect(snap, isolation_level=None)
    try:
        conn.execute("PRAGMA trusted_schema = OFF")
        conn.execute("PRAGMA foreign_keys = OFF")
        conn.execute("PRAGMA secure_delete = ON")
        conn.execute("BEGIN")
        if opened.kind == bk.KIND_BACKUP:
            sn.reduce_to_transmission(conn, own_uuid)
        else:
            sn.strip_private(conn)
        conn.execute("COMMIT")
    finally:
        conn.close()
    return snap


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
            out[k] = f"<{len(v)} octets>"
        else:
            out[k] = v
    return out


def _merge(db: Database, snap: Path, manifest: dict, report: ImportReport, sha: str,
           size: int) -> None:
    committee = manifest["committee"]
    snap_at = None
    try:
        snap_at = dt.datetime.fromisoformat(str(manifest.get("created_at"))).replace(
            tzinfo=None)
    except ValueError:
        pass
    src = sn.open_foreign(snap)  # checked already; read-only, no schema code runs
    raw = db.engine.raw_connection()
    try:
        tgt: sqlite3.Connection = raw.driver_connection  # type: ignore[assignment]
        tgt.execute("BEGIN IMMEDIATE")
        try:
            tgt.execute("PRAGMA defer_foreign_keys = ON")
            cur = tgt.execute(
                "INSERT INTO crss_import_log (imported_at, file_name, file_sha256, file_size, "
                "kind, committee_uuid, committee_code, snapshot_at, status, message, new, "
                "updated, unchanged, deleted, refused, conflicts, details) VALUES "
                "(?, ?, ?, ?, ?, ?, ?, ?, 'ok', '', 0, 0, 0, 0, 0, 0, '')",
                (m.utcnow().isoformat(sep=" "), report.file.name[:255], sha, size,
                 report.kind, report.committee_uuid, report.committee_code[:40],
                 snap_at.isoformat(sep=" ") if snap_at else None))
            log_id = cur.lastrowid
            _merge_rows(src, tgt, committee, report, log_id)
            c = report.counts
            tgt.execute("UPDATE crss_import_log SET new = ?, updated = ?, unchanged = ?, "
                        "deleted = ?, refused = ?, conflicts = ?, details = ? WHERE id = ?",
                        (c["new"], c["updated"], c["unchanged"], c["deleted"], c["refused"],
                         c["conflicts"], json.dumps({"refused": report.refused_rows},
                                                    ensure_ascii=False), log_id))
            tgt.commit()
        except sqlite3.IntegrityError as exc:
            tgt.rollback()
            raise UserError("Le fichier laisse des références incohérentes : import annulé, "
                            f"rien n'a été modifié ({exc}).") from None
        except BaseException:
            tgt.rollback()
            raise
    finally:
        raw.close()
        src.close()
    report.status, report.log_id = "ok", log_id
    with db.session() as s:
        register.record_received(s, committee, report.file.name, sha, snap_at)


def _merge_rows(src: sqlite3.Connection, tgt: sqlite3.Connection, committee: dict,
                report: ImportReport, log_id: int) -> None:
    counts = report.counts
    own_uuid = committee["uuid"]
    row = src.execute("SELECT id FROM committees WHERE uuid = ?", (own_uuid,)).fetchone()
    if row is None:
        raise UserError("Le comité annoncé par le fichier est absent de son contenu : "
                        "fichier refusé, rien n'a été modifié.")
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
    _merge_links(src, tgt, src_uuid, tgt_id, changed)
    if named and tgt_own_id is not None:
        _withdraw_names(tgt, tgt_own_id, named)


PERSON_TEXT = tuple(c for c in m.Person.__sync_content__)
NAME_REMOVED = "[nom retiré]"


def _names_withdrawn(src: sqlite3.Connection, tgt: sqlite3.Connection, committee: dict,
                     src_own_id: int) -> tuple[bool, dict[int, tuple[str, str, str]]]:
    """(names off?, people of this committee at the CRSS whose names must go).

    When the file says the committee does not share names (its manifest or its committee
    row), the people rows the CRSS received earlier under their real uuids (while names
    were shared) are not in the file (its people carry pseudonymous uuids): their names are
    blanked after the merge and removed from the committee's free text."""
    row = src.execute("SELECT share_names FROM committees WHERE id = ?",
                      (src_own_id,)).fetchone()
    names_off = not (committee.get("share_names") and row and row[0])
    if not names_off:
        return False, {}
    own = tgt.execute("SELECT id FROM committees WHERE uuid = ?",
                      (committee["uuid"],)).fetchone()
    if own is None:
        return True, {}
    file_people = {r[0] for r in src.execute("SELECT uuid FROM people")}
    named: dict[int, tuple[str, str, str]] = {}
    cond = " OR ".join(f"COALESCE({sn._q(c)}, '') != ''" for c in PERSON_TEXT)
    for pid, puuid, title, given, family in tgt.execute(
            f"SELECT id, uuid, title, given_names, family_name FROM people "
            f"WHERE committee_id = ? AND ({cond})", (own[0],)):
        if puuid not in file_people:
            named[pid] = (title or "", given or "", family or "")
    return True, named


def _withdraw_names(tgt: sqlite3.Connection, committee_id: int,
                    named: dict[int, tuple[str, str, str]]) -> None:
    """Blank the names of `named` people and remove them from the committee's free text
    (rows the file did not replace); versions and references stay as they are."""
    sets = ", ".join(f"{sn._q(c)} = ''" for c in PERSON_TEXT)
    ids = list(named)
    for part in _chunks(ids):
        tgt.execute(f"UPDATE people SET {sets} WHERE id IN ({','.join('?' * len(part))})",
                    part)
    replacements = []
    for title, given, family in named.values():
        for weight, pattern in sn._name_patterns(given, family, title):
            replacements.append((weight, pattern, NAME_REMOVED))
    if replacements:
        sn.scrub_names(tgt, replacements, committee_id=committee_id)


def _src_ref_uuid(src: sqlite3.Connection, table: str, src_id: int) -> str | None:
    row = src.execute(f"SELECT uuid FROM {table} WHERE id = ?", (src_id,)).fetchone()
    return row[0] if row else None


def _same_content(tgt: sqlite3.Connection, name: str, tid: int, values: dict,
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


def _conflict(tgt: sqlite3.Connection, log_id: int, name: str, uid: str, own_uuid: str,
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
    report.counts["refused"] += 1
    if len(report.refused_rows) < 200:
        report.refused_rows.append({"table": table, "uuid": str(uid)[:36], "raison": reason})


def _merge_threat_types(src: sqlite3.Connection, tgt: sqlite3.Connection) -> None:
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


def _merge_links(src: sqlite3.Connection, tgt: sqlite3.Connection,
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


def import_log(db: Database, limit: int = 200) -> list[ImportLogEntry]:
    with db.session() as s:
        return list(s.scalars(select(ImportLogEntry).order_by(ImportLogEntry.id.desc())
                              .limit(limit)))


__all__ = ["ImportReport", "find_files", "open_crss_database", "import_paths", "import_file",
           "import_log"]
