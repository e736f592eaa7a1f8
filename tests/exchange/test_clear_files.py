"""No decrypted database left in clear outside the data folder's live file, and the local
copies (automatic ones, copies aside before restores and migrations) kept in bounds."""

from __future__ import annotations

import rawdb  # noqa: I001  (tests/rawdb.py: test databases are SQLCipher files)
import os
import sqlite3
import tempfile
import time
from pathlib import Path

import pytest

from ccs_desktop.db import models as m
from ccs_desktop.services.crss import importer, keys
from ccs_desktop.services.errors import UserError
from ccs_desktop.services.exchange import backup as bk
from ccs_desktop.services.exchange import container as ct
from ccs_desktop.services.exchange.snapshot import CRSS_KEY_SETTING

from .conftest import PASS

MAGIC = b"SQLite format 3\x00"


def _clear_sqlite_files(*roots: Path) -> list[Path]:
    found = []
    for root in roots:
        for p in root.rglob("*"):
            if p.is_file():
                with open(p, "rb") as fh:
                    if fh.read(16) == MAGIC:
                        found.append(p)
    return sorted(found)


def _old_leftover(folder: Path) -> Path:
    """What a process killed in the middle of an import or a verify leaves behind."""
    left = folder / ".ccs-ouverture-tue"
    left.mkdir(parents=True)
    (left / "snapshot.sqlite3").write_bytes(MAGIC + b"\x00" * 100)
    old = time.time() - 7 * 3600
    os.utime(left / "snapshot.sqlite3", (old, old))
    os.utime(left, (old, old))
    return left


def test_verify_and_import_leave_no_clear_database(rich_db, pair, tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    # issue 12: a full backup no longer opens with the CRSS key; the CRSS imports the
    # version-1 backups that did (made here, before the work folders are watched)
    from .conftest import v1_backup_for_crss

    old_backup = v1_backup_for_crss(rich_db, pair, tmp_path / "old")
    systemp = tmp_path / "systemp"
    systemp.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(systemp))
    made: list[Path] = []
    real_mkdtemp = tempfile.mkdtemp

    def mkdtemp(*a, **k) -> str:  # noqa: ANN002, ANN003
        path = real_mkdtemp(*a, **k)
        made.append(Path(path))
        return path

    monkeypatch.setattr(tempfile, "mkdtemp", mkdtemp)
    # work folders are made under a ".ccs-prep-" name, locked, then renamed: record the
    # final names
    real_init = bk.WorkFolder.__init__

    def init(self, parent, prefix) -> None:  # noqa: ANN001
        real_init(self, parent, prefix)
        made.append(self.path)

    monkeypatch.setattr(bk.WorkFolder, "__init__", init)
    with rich_db.session() as s:
        s.add(m.Setting(key=CRSS_KEY_SETTING, value=keys.public_line(pair.public_key)))
    stick = tmp_path / "stick"
    backup = bk.create_backup(rich_db, stick, PASS).path
    trans = bk.create_transmission(rich_db, stick, crss_public=pair.public_key).path
    ident = [ct.X25519Identity(pair.private_key)]
    crss = importer.open_crss_database(tmp_path / "crss")
    live = {rich_db.path, crss.path}

    # verify: in the data folder given, else the default one; never the system temp
    _old_leftover(rich_db.data_dir)
    assert bk.verify_file(backup, [ct.PassphraseIdentity(PASS)],
                          work_dir=rich_db.data_dir)["kind"] == "backup"
    assert bk.verify_file(trans, ident)["kind"] == "transmission"
    assert (tmp_path / "default-data").is_dir()  # CCS_DATA_DIR of the tests

    # import of a backup (decrypted whole, then reduced) and of a transmission
    _old_leftover(crss.data_dir)
    assert importer.import_file(crss, old_backup, ident).ok
    assert importer.import_file(crss, trans, ident).ok

    # an error while merging: the clear copy goes all the same
    def boom(*_a, **_k) -> None:
        raise UserError("panne simulée")

    monkeypatch.setattr(importer, "_merge", boom)
    rep = importer.import_file(crss, trans, ident)
    assert not rep.ok and "panne" in rep.message
    monkeypatch.setattr(importer, "_prepare_source", boom)
    assert not importer.import_file(crss, trans, ident).ok
    crss.close()
    left = [p for p in _clear_sqlite_files(tmp_path) if p not in live]
    assert left == [], left
    assert not list(systemp.iterdir())
    # every decryption folder was made in a data folder, none in the system temp
    opened = [p for p in made if p.name.startswith(".ccs-ouverture-")]
    assert len(opened) >= 4
    assert all(p.parent in (rich_db.data_dir, crss.data_dir, tmp_path / "default-data")
               for p in opened), opened
    hidden = [p for p in (*rich_db.data_dir.iterdir(), *crss.data_dir.iterdir())
              if p.name.startswith(".ccs-")]
    assert hidden == []


def test_auto_backup_never_deletes_the_copy_it_just_made(committee_db) -> None:
    folder = committee_db.data_dir / bk.AUTO_FOLDER
    folder.mkdir(exist_ok=True)  # it holds the key file's second copy already
    # copies named while the clock was ahead: the new one sorts first
    for d in range(1, 10):
        (folder / f"ccs-2099010{d}-120000.sqlite3").write_bytes(b"x")
    partial = folder / ".ccs-20240101-000000.sqlite3.partial"
    partial.write_bytes(MAGIC)
    work = folder / ".ccs-20240101-000000.sqlite3.partial.work"
    work.write_bytes(MAGIC)
    old = time.time() - 7 * 3600
    for p in (partial, work):
        os.utime(p, (old, old))
    made = bk.auto_backup(committee_db, keep=5, min_interval=None)
    assert made is not None and made.exists()
    copies = sorted(folder.glob("ccs-*.sqlite3"))
    assert len(copies) == 5 and made in copies
    assert not partial.exists() and not work.exists()  # leftovers of a killed copy
    # the daily copy compares with the time the last one was written, not its name
    assert bk.auto_backup(committee_db, keep=5) is None


def _aside(data_dir: Path, label: str, stamps: list[str]) -> list[Path]:
    out = []
    for stamp in stamps:
        p = data_dir / f"ccs.{label}-{stamp}.sqlite3"
        p.write_bytes(b"copie")
        out.append(p)
    return out


def test_copies_aside_pruned_after_auto_backup_and_restore(committee_db,
                                                           tmp_path: Path) -> None:
    d = committee_db.data_dir
    stamps = [f"2024010{i}-120000" for i in range(1, 6)]
    restos = _aside(d, "avant-restauration", stamps)
    migras = _aside(d, "avant-migration-0002", stamps[:2]) + _aside(
        d, "avant-migration-0003", stamps[2:] + ["20240105-120000-1"])
    other = d / "ccs.mon-fichier.sqlite3"
    other.write_bytes(b"x")
    assert bk.auto_backup(committee_db, keep=3, min_interval=None)
    assert [p.exists() for p in restos] == [False, False, True, True, True]
    kept = sorted(p.name for p in migras if p.exists())
    assert kept == ["ccs.avant-migration-0003-20240104-120000.sqlite3",
                    "ccs.avant-migration-0003-20240105-120000-1.sqlite3",
                    "ccs.avant-migration-0003-20240105-120000.sqlite3"]
    assert other.exists()
    # a restore keeps the copy it just made even when older names sort after it
    future = _aside(d, "avant-restauration", ["20990101-120000", "20990102-120000",
                                              "20990103-120000"])
    backup = bk.create_backup(committee_db, tmp_path / "usb", PASS).path
    committee_db.close()
    result = bk.restore(backup, d, [ct.PassphraseIdentity(PASS)])
    assert result.saved_copy is not None and result.saved_copy.exists()
    assert all(p.exists() for p in future)
    assert sorted(p for p in d.glob("ccs.avant-restauration-*")) == sorted(
        [*future, result.saved_copy])
    conn = rawdb.connect(result.database)
    assert conn.execute("SELECT COUNT(*) FROM committees").fetchone()[0] == 1
    conn.close()
