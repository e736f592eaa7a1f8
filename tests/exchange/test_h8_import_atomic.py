"""Issue 8: one file = one transaction (merge, register, search index), importing again
repairs an interrupted import; the schema check of foreign snapshots; statistics tables."""

from __future__ import annotations

import rawdb  # noqa: I001  (tests/rawdb.py: test databases are SQLCipher files)
from french import fr  # noqa: I001  (tests/french.py: the catalog's French is typeset)
import datetime as dt
import os
import random
import shutil
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from ccs_desktop.db.search import SEARCHABLE
from ccs_desktop.services.crss import importer
from ccs_desktop.services.exchange import backup as bk
from ccs_desktop.services.exchange import container as ct
from ccs_desktop.services.exchange import snapshot as sn

from .conftest import PASS, dump
from .test_h8_import_forge import Forge

ROOT = Path(__file__).resolve().parents[2]


def _state(path: Path) -> dict:
    """What a clean import leaves, without the log ids and clocks."""
    out = {}
    for t, rows in dump(path).items():
        if t in ("crss_import_log", "crss_conflicts"):
            continue
        out[t] = rows
    conn = rawdb.connect(path)
    try:
        out["register"] = sorted(conn.execute(
            "SELECT level, region, cercle, commune, committee_uuid, last_file_name, "
            "last_file_sha256, status FROM crss_register WHERE committee_uuid IS NOT NULL"))
        del out["crss_register"]
        # issue 12: each database has its own signing key (not what the import wrote)
        out["settings"] = [r for r in out["settings"] if r[0] != "signing_key"]
        out["crss_committee_keys"] = sorted(conn.execute(  # without its clock
            "SELECT committee_uuid, public_key, confirmed, pending_public_key, "
            "last_generation, last_sequence, last_sha256 FROM crss_committee_keys"))
        for _model, (fts, _) in SEARCHABLE.items():
            out[fts] = sorted(conn.execute(f"SELECT rowid, body FROM {fts}"))
    finally:
        conn.close()
    return out


def _consistent(path: Path) -> None:
    """integrity, foreign keys, and register + rows + search index agree."""
    conn = rawdb.connect(path)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
        committees = [r[0] for r in conn.execute("SELECT uuid FROM committees")]
        linked = {r[0] for r in conn.execute(
            "SELECT committee_uuid FROM crss_register WHERE committee_uuid IS NOT NULL")}
        assert set(committees) == linked
        ok = {r[0] for r in conn.execute(
            "SELECT committee_uuid FROM crss_import_log WHERE status = 'ok'")}
        assert ok == set(committees)
        for model, (fts, _) in SEARCHABLE.items():
            t = model.__tablename__
            live = {r[0] for r in conn.execute(f"SELECT id FROM {t} WHERE deleted_at IS NULL")}
            indexed = {r[0] for r in conn.execute(f"SELECT rowid FROM {fts}")}
            assert live == indexed, t
    finally:
        conn.close()


@pytest.fixture
def files(rich_db, pair, tmp_path: Path) -> list[Path]:
    forge = Forge(rich_db, pair, tmp_path / "forge")
    return [forge.original]


def test_reimport_repairs_what_an_interrupted_import_left(files, pair, tmp_path) -> None:
    ident = [ct.X25519Identity(pair.private_key)]
    crss = importer.open_crss_database(tmp_path / "crss")
    assert all(r.ok for r in importer.import_paths(crss, files, ident))
    clean = _state(crss.path)
    # what a kill between the three transactions of the previous version left: rows merged,
    # the register unlinked, the search index empty
    conn = rawdb.connect(crss.path)
    conn.execute("UPDATE crss_register SET committee_uuid = NULL, last_file_name = '', "
                 "last_file_sha256 = '', status = 'inconnu' WHERE committee_uuid IS NOT NULL")
    for _model, (fts, _) in SEARCHABLE.items():
        conn.execute(f"DELETE FROM {fts}")
    conn.commit()
    conn.close()
    assert _state(crss.path) != clean
    assert all(r.ok for r in importer.import_paths(crss, files, ident))
    assert _state(crss.path) == clean
    _consistent(crss.path)
    crss.close()


# the moment of every import of the killed-import test, the child's too: the day each
# meeting arrived (crss_arrivals) is part of what a clean import leaves, and a run that
# crosses midnight must not see two days
NOW = dt.datetime(2026, 11, 30, 23, 59, 30)

SCRIPT = """
import datetime as dt, os, sys
from ccs_desktop.services.crss import importer
from ccs_desktop.services.exchange import container as ct
key = bytes.fromhex(os.environ["H8_KEY"])
now = dt.datetime.fromisoformat(os.environ["H8_NOW"])
db = importer.open_crss_database(sys.argv[1])
print("open", flush=True)
reports = importer.import_paths(db, sys.argv[2:], [ct.X25519Identity(key)], now=now)
print([r.ok for r in reports], flush=True)
"""


def _multi_files(multi_template: Path, pair, tmp_path: Path, n: int) -> list[Path]:
    from .test_transmission_crss import _committee_dbs

    out = []
    for db in _committee_dbs(multi_template, tmp_path / "dbs", n):
        out.append(bk.create_transmission(db, tmp_path / "stick",
                                          crss_public=pair.public_key).path)
        db.close()
    return out


@pytest.fixture(scope="module")
def multi_template(tmp_path_factory) -> Path:
    from ccs_desktop.db.engine import open_database
    from ccs_desktop.paths import DB_FILENAME
    from ccs_desktop.services.demo import generate_demo

    folder = tmp_path_factory.mktemp("multi-h8")
    db = open_database(folder)
    generate_demo(db, seed=11, committees=3, years=1)
    db.close()
    return folder / DB_FILENAME


def test_import_killed_anywhere_leaves_a_consistent_database_and_reimport_converges(
        multi_template, pair, tmp_path: Path) -> None:
    (tmp_path / "dbs").mkdir()
    paths = _multi_files(multi_template, pair, tmp_path, 3)
    ident = [ct.X25519Identity(pair.private_key)]
    ref = importer.open_crss_database(tmp_path / "ref")
    assert all(r.ok for r in importer.import_paths(ref, paths, ident, now=NOW))
    ref.close()
    clean = _state(ref.path)
    empty = importer.open_crss_database(tmp_path / "empty")
    empty.close()
    env = dict(os.environ, PYTHONPATH=str(ROOT), H8_KEY=pair.private_key.hex(),
               H8_NOW=NOW.isoformat())
    env.pop(importer.CRASH_ENV, None)
    # how long the import itself takes in a subprocess, to spread the kills over it
    probe = tmp_path / "probe"
    shutil.copytree(empty.data_dir, probe)
    proc = subprocess.Popen([sys.executable, "-c", SCRIPT, str(probe), *map(str, paths)],
                            env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    assert proc.stdout.readline().strip() == b"open"
    t0 = time.monotonic()
    assert proc.wait(300) == 0
    span = time.monotonic() - t0
    proc.stdout.close()
    rng = random.Random(8)
    runs = [("hook", p) for p in ("log", "rows", "register", "index", "commit")]
    runs += [("delay", rng.uniform(0.0, span)) for _ in range(16)]
    killed = 0
    for i, (how, arg) in enumerate(runs):
        target = tmp_path / f"run{i}"
        shutil.copytree(empty.data_dir, target)
        e = dict(env)
        if how == "hook":
            e[importer.CRASH_ENV] = arg
        proc = subprocess.Popen([sys.executable, "-c", SCRIPT, str(target), *map(str, paths)],
                                env=e, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
        assert proc.stdout.readline().strip() == b"open"
        if how == "delay":
            try:
                proc.wait(arg)
            except subprocess.TimeoutExpired:
                proc.send_signal(signal.SIGKILL)
        proc.wait(300)
        proc.stdout.close()
        killed += proc.returncode == -signal.SIGKILL
        if how == "hook":
            assert proc.returncode == -signal.SIGKILL, arg
        _consistent(target / "ccs.sqlite3")
        # importing the same files again gives what one clean import gives
        crss = importer.open_crss_database(target)
        assert all(r.ok for r in importer.import_paths(crss, paths, ident, now=NOW))
        crss.close()
        got = _state(target / "ccs.sqlite3")
        assert got == clean, (how, arg)
        _consistent(target / "ccs.sqlite3")
        shutil.rmtree(target)
    assert killed >= 10


def _snapshot_copy(rich_db, tmp_path: Path) -> Path:
    out = tmp_path / "snap.sqlite3"
    rawdb.plain_snapshot(rich_db.path, out, transmission=False, own_uuid=None)
    return out


def _refused(path: Path) -> str:
    conn = sn.open_foreign(path)
    try:
        with pytest.raises(sn.SnapshotError) as info:
            sn.check_schema(conn)
    finally:
        conn.close()
    return str(info.value)


SCHEMA_CHANGES = {
    "check-changed": ["PRAGMA writable_schema = ON",
                      "UPDATE sqlite_master SET sql = replace(sql, 'likelihood BETWEEN 1 AND 5',"
                      " 'likelihood BETWEEN 1 AND 50') WHERE name = 'threats'"],
    "check-removed": ["PRAGMA writable_schema = ON",
                      "UPDATE sqlite_master SET sql = replace(sql, "
                      "'CONSTRAINT ck_people_sex CHECK (sex IN (''H'',''F'')),', '') "
                      "WHERE name = 'people'"],
    "index-not-unique": ["DROP INDEX uq_meetings_committee_year_number",
                         "CREATE INDEX uq_meetings_committee_year_number ON meetings "
                         "(committee_id, year, number) WHERE deleted_at IS NULL"],
    "partial-where": ["DROP INDEX uq_meetings_committee_year_number",
                      "CREATE UNIQUE INDEX uq_meetings_committee_year_number ON meetings "
                      "(committee_id, year, number) WHERE deleted_at IS NULL AND 0"],
    "index-desc": ["DROP INDEX ix_meetings_date",
                   "CREATE INDEX ix_meetings_date ON meetings (date DESC)"],
    "generated-column": ["ALTER TABLE people ADD COLUMN secret TEXT GENERATED ALWAYS AS "
                         "(family_name) VIRTUAL"],
    "statistics": ["ANALYZE"],
    "dangling-reference": ["PRAGMA foreign_keys = OFF",
                           "UPDATE attendance SET person_id = 987654 "
                           "WHERE id = (SELECT MIN(id) FROM attendance)"],
}


@pytest.mark.parametrize("name", sorted(SCHEMA_CHANGES))
def test_foreign_schema_differences_are_refused(rich_db, tmp_path: Path, name) -> None:
    snap = _snapshot_copy(rich_db, tmp_path)
    conn = sn.open_foreign(snap)
    assert sn.check_schema(conn)  # the untouched snapshot passes
    conn.close()
    conn = rawdb.connect(snap)
    for stmt in SCHEMA_CHANGES[name]:
        conn.execute(stmt)
    conn.commit()
    conn.close()
    assert fr("n'est pas une base CCS valide") in _refused(snap)


def test_live_database_after_analyze_still_gives_importable_files(rich_db, pair,
                                                                  tmp_path: Path) -> None:
    conn = rawdb.connect(rich_db.path)
    conn.execute("ANALYZE")
    conn.execute("PRAGMA optimize")
    conn.commit()
    assert conn.execute("SELECT COUNT(*) FROM sqlite_master WHERE name LIKE 'sqlite_stat%'"
                        ).fetchone()[0]
    conn.close()
    t = bk.create_transmission(rich_db, tmp_path / "t", crss_public=pair.public_key)
    b = bk.create_backup(rich_db, tmp_path / "b", PASS)
    for path, ident in ((t.path, ct.X25519Identity(pair.private_key)),
                        (b.path, ct.PassphraseIdentity(PASS))):
        with bk.open_file(path, [ident], work_dir=tmp_path) as opened:
            c = rawdb.connect(opened.snapshot, opened.body_key)
            stats = c.execute("SELECT name FROM sqlite_master WHERE name LIKE 'sqlite_stat%'"
                              ).fetchall()
            c.close()
            assert stats == []
    crss = importer.open_crss_database(tmp_path / "crss")
    rep = importer.import_file(crss, t.path, [ct.X25519Identity(pair.private_key)])
    assert rep.ok, rep.message
    crss.close()
    bk.verify_file(b.path, [ct.PassphraseIdentity(PASS)])


def test_older_transmissions_with_orphan_links_are_still_imported(rich_db, pair,
                                                                  tmp_path: Path) -> None:
    """Transmissions of earlier versions carry link rows of other committees' records."""
    forge = Forge(rich_db, pair, tmp_path / "forge")
    old = forge.make("ancien.ccsbak", "INSERT INTO recommendation_threats "
                     "(recommendation_id, threat_id) VALUES (777777, 888888)")
    crss = importer.open_crss_database(tmp_path / "crss")
    rep = importer.import_file(crss, old, forge.identities)
    assert rep.ok, rep.message
    crss.close()
