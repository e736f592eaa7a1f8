"""Backups: round trip of every row, restore safety, rotation, disk errors, hostile snapshots."""

from __future__ import annotations

import rawdb  # noqa: I001  (tests/rawdb.py: test databases are SQLCipher files)
from french import fr  # noqa: I001  (tests/french.py: the catalog's French is typeset)
import errno
import hashlib
import io
import os
from pathlib import Path

import pytest

from ccs_desktop.db import models as m
from ccs_desktop.db.engine import open_database
from ccs_desktop.services.errors import UserError
from ccs_desktop.services.exchange import backup as bk
from ccs_desktop.services.exchange import container as ct
from ccs_desktop.services.exchange import writing
from ccs_desktop.services.exchange import snapshot as sn

from .conftest import PASS, dump

IDENT = [ct.PassphraseIdentity(PASS)]


def _own(path: Path) -> tuple[str, int]:
    conn = rawdb.connect(path)
    try:
        u = conn.execute("SELECT value FROM settings WHERE key='committee_uuid'").fetchone()[0]
        return u, conn.execute("SELECT id FROM committees WHERE uuid=?", (u,)).fetchone()[0]
    finally:
        conn.close()


def test_round_trip_every_row_of_every_table(rich_db, tmp_path: Path) -> None:
    written = bk.create_backup(rich_db, tmp_path / "usb", PASS)
    assert written.path.name.startswith("CCSC-ALAFIA_") and written.path.name.isascii()
    before = dump(rich_db.path)
    result = bk.restore(written.path, tmp_path / "nouveau-pc", IDENT)
    after = dump(result.database)
    own_uuid, own_id = _own(rich_db.path)
    assert set(before) == set(after)
    for table in before:
        if table == "committees":
            continue
        assert before[table] == after[table], table
    # the own committee: only its restore generation, generation and version moved on
    cols = [c.name for c in m.Committee.__table__.columns]
    strip = [i for i, c in enumerate(cols) if c not in ("restore_generation", "generation",
                                                         "version")]
    assert ([tuple(r[i] for i in strip) for r in before["committees"]]
            == [tuple(r[i] for i in strip) for r in after["committees"]])
    db2 = open_database(result.database.parent, create=False)
    try:
        assert db2.generation == result.generation > 0
        from sqlalchemy import select

        from ccs_desktop.services.hub import Services
        from ccs_desktop.services.records import ListQuery

        with db2.session() as s:
            name = s.scalars(select(m.Person.family_name).where(
                m.Person.deleted_at.is_(None))).first()
        # the search index was rebuilt
        assert Services(db2).people.list(ListQuery(search=name))
    finally:
        db2.close()


def test_snapshot_has_no_fts_no_deleted_content(rich_db, tmp_path: Path) -> None:
    with rich_db.session() as s:  # a tombstone whose text the service forgot to clear
        p = s.query(m.Person).filter(m.Person.deleted_at.is_(None)).first()
        p.family_name = "EFFACE-MAIS-PRESENT"
    with rich_db.session() as s:
        p = s.query(m.Person).filter_by(family_name="EFFACE-MAIS-PRESENT").one()
        p.deleted_at = m.utcnow()
    snap = tmp_path / "snap.sqlite3"
    rawdb.plain_snapshot(rich_db.path, snap, transmission=False, own_uuid=None)
    raw = snap.read_bytes()
    assert b"EFFACE-MAIS-PRESENT" not in raw
    conn = rawdb.connect(snap)
    names = {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}
    assert not any(n.startswith("fts_") for n in names)
    assert conn.execute("PRAGMA freelist_count").fetchone()[0] == 0
    conn.close()


def test_restore_replaces_and_copies_current_aside(rich_db, tmp_path: Path) -> None:
    written = bk.create_backup(rich_db, tmp_path / "usb", PASS)
    with rich_db.session() as s:
        s.add(m.Setting(key="apres-sauvegarde", value="1"))
    rich_db.close()
    old = dump(rich_db.path)
    result = bk.restore(written.path, rich_db.data_dir, IDENT)
    assert result.saved_copy is not None and dump(result.saved_copy) == old
    assert "apres-sauvegarde" not in {r[0] for r in dump(result.database)["settings"]}


def test_transmission_cannot_restore(rich_db, pair, tmp_path: Path) -> None:
    t = bk.create_transmission(rich_db, tmp_path / "usb", crss_public=pair.public_key)
    with pytest.raises(UserError, match="transmission"):
        bk.restore(t.path, tmp_path / "x", [ct.X25519Identity(pair.private_key)])
    assert not (tmp_path / "x" / "ccs.sqlite3").exists()


def test_backup_never_opens_with_trusted_crss_key(rich_db, pair, tmp_path: Path) -> None:
    """Issue 12 changes this: a full backup is never encrypted to the CRSS key (restricted
    notes, phones, real names stay on the committee's PC), even when the committee trusts
    one or the key is given; a version-1 backup that was still opens with it."""
    from ccs_desktop.services.crss import keys

    from .conftest import v1_backup_for_crss

    with rich_db.session() as s:
        s.add(m.Setting(key=sn.CRSS_KEY_SETTING, value=keys.public_line(pair.public_key)))
    written = bk.create_backup(rich_db, tmp_path / "usb", PASS)
    given = bk.create_backup(rich_db, tmp_path / "usb2", PASS, crss_public=pair.public_key)
    assert given.notices and fr("n'ajoute rien") in given.notices[0]
    for path in (written.path, given.path):
        with open(path, "rb") as fh:
            header = ct.ContainerReader(fh, [ct.PassphraseIdentity(PASS)]).header
        # the passphrase and the committee's recovery key (its second recipient), no other
        assert [r["type"] for r in header["recipients"]] == ["argon2id", "x25519"]
        with pytest.raises(ct.ContainerError):
            bk.verify_file(path, [ct.X25519Identity(pair.private_key)])
        assert bk.verify_file(path, IDENT)["kind"] == "backup"
    old = v1_backup_for_crss(rich_db, pair, tmp_path / "old")
    manifest = bk.verify_file(old, [ct.X25519Identity(pair.private_key)])
    assert manifest["kind"] == "backup" and manifest["ccsbak"] == 1
    assert manifest["counts"]["people"]["live"] > 0


def test_rotation_and_never_overwrite(committee_db, tmp_path: Path, monkeypatch) -> None:
    out = tmp_path / "usb"
    out.mkdir()
    foreign = out / "CCSC-AUTRE_0123abcd_20200101-000000.ccsbak"
    foreign.write_bytes(b"autre comite")
    import datetime as real_dt

    class FixedNow(real_dt.datetime):
        @classmethod
        def now(cls, tz=None):  # noqa: ANN001, ANN206
            return real_dt.datetime(2024, 4, 12, 10, 0, 0, tzinfo=tz)

    monkeypatch.setattr(writing.dt, "datetime", FixedNow)
    paths = [bk.create_backup(committee_db, out, PASS, keep=10).path for _ in range(4)]
    assert len(set(paths)) == 4 and all(p.exists() for p in paths)  # never an overwrite
    newest = bk.create_backup(committee_db, out, PASS, keep=3).path
    kept = sorted(p.name for p in out.glob("CCSC-ALAFIA_*.ccsbak"))
    assert len(kept) == 3 and newest.name in kept and foreign.exists()
    assert paths[0].name not in kept and paths[1].name not in kept
    assert not list(out.glob(".*partial"))


@pytest.mark.parametrize("code,words", [(errno.ENOSPC, "plein"), (errno.EIO, "retiré")])
def test_full_or_pulled_stick(committee_db, tmp_path: Path, monkeypatch, code, words) -> None:
    out = tmp_path / "usb"
    first = bk.create_backup(committee_db, out, PASS).path
    content = first.read_bytes()
    real = ct.ContainerWriter.write

    def failing(self, data):  # noqa: ANN001, ANN202
        raise OSError(code, os.strerror(code))

    monkeypatch.setattr(ct.ContainerWriter, "write", failing)
    with pytest.raises(UserError, match=words):
        bk.create_backup(committee_db, out, PASS)
    monkeypatch.setattr(ct.ContainerWriter, "write", real)
    assert [p.name for p in out.iterdir()] == [first.name]
    assert first.read_bytes() == content


def _encrypt_snapshot(snapshot: Path, dest: Path, kind: str = "backup") -> Path:
    body = snapshot.read_bytes()
    manifest = {"ccsbak": 1, "kind": kind, "committee": None, "body": "sqlite",
                "body_size": len(body), "body_sha256": hashlib.sha256(body).hexdigest()}
    buf = io.BytesIO()
    w = ct.ContainerWriter(buf, [ct.PassphraseRecipient(PASS)], manifest)
    w.write(body)
    w.close()
    dest.write_bytes(buf.getvalue())
    return dest


def _hostile(rich_db, tmp_path: Path, sql: str) -> Path:
    snap = tmp_path / "h.sqlite3"
    rawdb.plain_snapshot(rich_db.path, snap, transmission=False, own_uuid=None)
    conn = rawdb.connect(snap)
    conn.executescript(sql)
    conn.commit()
    conn.close()
    return _encrypt_snapshot(snap, tmp_path / "hostile.ccsbak")


@pytest.mark.parametrize("sql,words", [
    ("UPDATE alembic_version SET version_num='9999'", "plus récente"),
    ("CREATE TABLE intrus(x)", "schéma inattendu"),
    ("CREATE TRIGGER t AFTER INSERT ON settings BEGIN DELETE FROM people; END;",
     "schéma inattendu"),
    ("CREATE VIEW v AS SELECT 1", "schéma inattendu"),
    ("ALTER TABLE people ADD COLUMN ethnie TEXT", "schéma inattendu"),
    ("DROP TABLE alembic_version", "version du schéma"),
    ("CREATE VIRTUAL TABLE fts_people USING fts5(body)", "schéma inattendu"),
])
def test_hostile_snapshots_refused_before_live_touched(rich_db, tmp_path: Path, sql: str,
                                                       words: str) -> None:
    bad = _hostile(rich_db, tmp_path, sql)
    rich_db.close()
    before = rich_db.path.read_bytes()
    with pytest.raises(UserError, match=words):
        bk.restore(bad, rich_db.data_dir, IDENT)
    assert rich_db.path.read_bytes() == before
    assert sorted(p.name for p in rich_db.data_dir.iterdir()) == rawdb.DATABASE_FILES


def test_corrupt_snapshot_pages_refused(rich_db, tmp_path: Path) -> None:
    snap = tmp_path / "c.sqlite3"
    rawdb.plain_snapshot(rich_db.path, snap, transmission=False, own_uuid=None)
    raw = bytearray(snap.read_bytes())
    for i in range(4096 * 3, len(raw) - 4096, 4096):  # scribble over page headers
        raw[i:i + 8] = b"\xff" * 8
    snap.write_bytes(bytes(raw))
    bad = _encrypt_snapshot(snap, tmp_path / "corrompu.ccsbak")
    with pytest.raises(UserError, match="pas une base CCS valide"):
        bk.restore(bad, tmp_path / "neuf", IDENT)


def test_older_schema_is_migrated(committee_db, tmp_path: Path) -> None:
    """A snapshot at revision 0001 (before the CRSS tables) restores and is upgraded."""
    snap = tmp_path / "old.sqlite3"
    rawdb.plain_snapshot(committee_db.path, snap, transmission=False, own_uuid=None)
    conn = rawdb.connect(snap)
    for t in ("crss_conflicts", "crss_import_log", "crss_register", "crss_committee_keys",
              "audit_entries", "crss_audit_heads", "accounts",
              "crss_arrivals", "crss_monthly", "crss_monthly_corps",
              "crss_monthly_stale"):  # (revisions 0005s, a, r, 0006r, 0007m)
        conn.execute(f"DROP TABLE IF EXISTS {t}")
    for (trigger,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'trigger' "
                                   "AND name LIKE 'trg_crss_monthly_%'").fetchall():
        conn.execute(f"DROP TRIGGER {trigger}")  # (0007m)
    versions = Path(__file__).resolve().parents[2] / "ccs_desktop" / "db" / "migrations" / \
        "versions"
    for later in (versions / "0003_list_indexes.py", versions / "0004_search_prefixes.py"):
        if later.exists():  # revisions 0003 and 0004 add indexes: drop them too
            import re

            for name in re.findall(r"create_index\('(\w+)'", later.read_text()):
                conn.execute(f"DROP INDEX IF EXISTS {name}")
    # revisions 0005d and 0006d (issue 14) add columns: gone too at 0001
    for column in ("presiding_person_id", "extraordinary_reason", "postponed_to"):
        if any(r[1] == column
               for r in conn.execute("PRAGMA table_info(meetings)").fetchall()):
            conn.execute(f"ALTER TABLE meetings DROP COLUMN {column}")
    conn.execute("UPDATE alembic_version SET version_num='0001'")
    conn.commit()
    conn.execute("VACUUM")
    conn.close()
    bad = _encrypt_snapshot(snap, tmp_path / "ancien.ccsbak")
    result = bk.restore(bad, tmp_path / "neuf", IDENT)
    conn = rawdb.connect(result.database)
    from ccs_desktop.db.migrate import head_revision

    assert conn.execute("SELECT version_num FROM alembic_version").fetchone()[0] == \
        head_revision()
    conn.close()


def test_tampered_backup_every_byte(committee_db, tmp_path: Path) -> None:
    """Every byte of a small real backup, flipped: refused by the container, and a sample
    of positions pushed through restore leaves the live database byte for byte intact."""
    written = bk.create_backup(committee_db, tmp_path / "usb", PASS)
    data = written.path.read_bytes()
    # the body is a SQLCipher file since issue 11 (random bytes: a backup no longer shrinks
    # to a few KB), so every byte of the first 4 KiB (prefix, header, MAC, start of the
    # first chunk) is flipped, then one in 97 through the rest and the last bytes (each
    # chunk's tag covers every one of its bytes)
    positions = sorted(set(range(min(len(data), 4096))) |
                       set(range(4096, len(data), 97)) |
                       set(range(max(0, len(data) - 64), len(data))))
    for pos in positions:
        bad = bytearray(data)
        bad[pos] ^= 0x04
        with pytest.raises(ct.ContainerError):
            r = ct.ContainerReader(io.BytesIO(bytes(bad)), IDENT)
            for _ in r.iter_body():
                pass
    committee_db.close()
    before = committee_db.path.read_bytes()
    target = tmp_path / "t.ccsbak"
    for pos in range(0, len(data), max(1, len(data) // 15)):
        bad = bytearray(data)
        bad[pos] ^= 0x04
        target.write_bytes(bytes(bad))
        with pytest.raises(UserError):
            bk.restore(target, committee_db.data_dir, IDENT)
    assert committee_db.path.read_bytes() == before


def test_auto_backup_rotates_and_restores(committee_db, tmp_path: Path) -> None:
    made = [bk.auto_backup(committee_db, keep=2, min_interval=None) for _ in range(3)]
    assert all(made)
    assert bk.auto_backup(committee_db, keep=2) is None  # the last one is recent
    files = sorted((committee_db.data_dir / bk.AUTO_FOLDER).glob("ccs-*.sqlite3"))
    assert len(files) == 2
    # a plain copy is restored only from the automatic-copies folder of the data folder
    # being restored (it is not authenticated)
    committee_db.close()
    result = bk.restore(files[-1], committee_db.data_dir, [])
    assert result.database.is_file() and not result.authenticated
    # (encrypted under the key of its own database since issue 11)
    with pytest.raises(UserError, match="pas une sauvegarde CCS"):
        bk.restore(files[-1], tmp_path / "neuf", [])


def test_drive_listing_does_not_fail() -> None:
    drives = bk.list_drives()
    assert all(d.free >= 0 for d in drives)
    assert drives == sorted(drives, key=lambda d: (not d.removable, str(d.path)))
