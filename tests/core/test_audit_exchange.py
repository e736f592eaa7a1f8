"""The audit trail and the exchanges (issue 13): backups, transmissions, restores and imports
are recorded; the trail never travels, its head does, and the CRSS flags a committee whose
head does not extend the one it received before."""

from __future__ import annotations

import rawdb  # noqa: I001  (tests/rawdb.py: test databases are SQLCipher files)
from pathlib import Path

import pytest

from ccs_desktop.db.engine import open_database
from ccs_desktop.services import audit
from ccs_desktop.services.crss import importer, keys
from ccs_desktop.services.exchange import backup as bk
from ccs_desktop.services.exchange import container as ct
from ccs_desktop.services.hub import Services

PASS = "une phrase secrète assez longue"


@pytest.fixture(autouse=True)
def _cheap(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv(ct.TEST_CHEAP_ENV, "1")
    monkeypatch.setenv("CCS_DATA_DIR", str(tmp_path / "default-data"))
    audit.forget_editing()


@pytest.fixture(scope="module")
def pair() -> keys.KeyPair:
    return keys.generate()


@pytest.fixture
def crss(tmp_path: Path):
    db = importer.open_crss_database(tmp_path / "crss")
    yield db
    db.close()


def _actions(db) -> list[str]:
    return [e.action for e in audit.entries(db, limit=10_000, newest_first=False)]


def _manifest(path: Path, pair: keys.KeyPair) -> dict:
    with bk.open_file(path, [ct.X25519Identity(pair.private_key)]) as opened:
        con = rawdb.connect(opened.snapshot, opened.body_key)
        try:
            rows = con.execute("SELECT count(*) FROM audit_entries").fetchone()[0]
        finally:
            con.close()
        return dict(opened.manifest, _audit_rows=rows)


def test_transmission_carries_the_head_not_the_trail(committee_db, pair, tmp_path, crss):
    sv = Services(committee_db)
    sv.threats.create(title="Vols", type_code="CRI.BET")
    head = audit.head(committee_db)
    t = bk.create_transmission(committee_db, tmp_path / "usb", crss_public=pair.public_key)
    manifest = _manifest(t.path, pair)
    assert manifest["_audit_rows"] == 0
    assert manifest["audit_head"]["count"] == head["count"] > 0
    assert manifest["audit_head"]["hash"] == head["hash"]
    assert _actions(committee_db)[-1] == "transmit"
    # the next transmission names the head the previous one carried
    sv.threats.create(title="Autre", type_code="CRI.BET")
    t2 = bk.create_transmission(committee_db, tmp_path / "usb2", crss_public=pair.public_key)
    anchors = _manifest(t2.path, pair)["audit_head"]["anchors"]
    assert [head["count"], head["hash"]] in anchors
    # at the CRSS: both extend each other; the import is in the CRSS's own trail
    ids = [ct.X25519Identity(pair.private_key)]
    assert importer.import_file(crss, t.path, ids).ok
    assert importer.import_file(crss, t2.path, ids).ok
    [kept] = audit.committee_heads(crss)
    assert kept.status == "ok" and kept.count == _manifest(t2.path, pair)["audit_head"]["count"]
    assert _actions(crss).count("import") == 2 and "chain_break" not in _actions(crss)


def test_crss_flags_a_rewritten_history(committee_db, pair, tmp_path, crss, capsys):
    sv = Services(committee_db)
    sv.threats.create(title="Vols", type_code="CRI.BET")
    ids = [ct.X25519Identity(pair.private_key)]
    t = bk.create_transmission(committee_db, tmp_path / "usb", crss_public=pair.public_key)
    assert importer.import_file(crss, t.path, ids).ok
    # an administrator holding the key rebuilds a consistent chain without entry 2 (raw SQL,
    # every hash recomputed): verify passes locally...
    con = rawdb.connect(committee_db.path)
    rows = con.execute("SELECT id, at, account, action, kind, record_id, record_uuid, "
                       "outcome, count FROM audit_entries ORDER BY id").fetchall()
    from ccs_desktop.db import audit_log

    with con:
        con.execute("DELETE FROM audit_entries")
        prev = ""
        for n, row in enumerate([r for r in rows if r[0] != 2], start=1):
            values = (n, *row[1:], prev)
            h = audit_log.entry_hash(values)
            con.execute("INSERT INTO audit_entries (id, at, account, action, kind, record_id, "
                        "record_uuid, outcome, count, prev_hash, hash) VALUES "
                        "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", (*values, h))
            prev = h
    con.close()
    assert audit.verify(committee_db).ok
    sv.threats.create(title="Encore", type_code="CRI.BET")
    t2 = bk.create_transmission(committee_db, tmp_path / "usb2", crss_public=pair.public_key)
    # ...but the CRSS pinned the history up to its last file: flagged
    assert importer.import_file(crss, t2.path, ids).ok
    [kept] = audit.committee_heads(crss)
    assert kept.status == "rewritten" and kept.flagged_at
    assert "chain_break" in _actions(crss)
    from ccs_desktop.cli import main

    assert main(["audit", "heads", "--data-dir", str(crss.data_dir)]) == 0
    assert "rewritten" in capsys.readouterr().out


def test_backup_and_restore_are_recorded_after_the_backups_trail(committee_db, tmp_path):
    sv = Services(committee_db)
    sv.threats.create(title="Vols", type_code="CRI.BET")
    b = bk.create_backup(committee_db, tmp_path / "usb", PASS)
    assert _actions(committee_db)[-1] == "backup"
    with bk.open_file(b.path, [ct.PassphraseIdentity(PASS)]) as opened:
        con = rawdb.connect(opened.snapshot, opened.body_key)
        carried = con.execute("SELECT count(*) FROM audit_entries").fetchone()[0]
        con.close()
    assert carried > 0  # a full backup keeps the trail (a restore brings it back)
    sv.threats.create(title="Après la sauvegarde", type_code="CRI.BET")
    folder = committee_db.data_dir
    committee_db.close()
    bk.restore(b.path, folder, [ct.PassphraseIdentity(PASS)],
               credentials=None)
    db = open_database(folder, create=False)
    try:
        got = _actions(db)
        assert got[-1] == "restore" and len(got) == carried + 1
        assert audit.verify(db).ok
    finally:
        db.close()


def test_an_older_file_arriving_late_is_not_a_rewrite(committee_db, pair, tmp_path, crss):
    sv = Services(committee_db)
    ids = [ct.X25519Identity(pair.private_key)]
    sv.threats.create(title="Vols", type_code="CRI.BET")
    t1 = bk.create_transmission(committee_db, tmp_path / "usb1", crss_public=pair.public_key)
    sv.threats.create(title="Autre", type_code="CRI.BET")
    t2 = bk.create_transmission(committee_db, tmp_path / "usb2", crss_public=pair.public_key)
    assert importer.import_file(crss, t2.path, ids).ok
    importer.import_file(crss, t1.path, ids)  # the older stick comes second
    [kept] = audit.committee_heads(crss)
    assert kept.status == "ok" and kept.count == _manifest(t2.path, pair)["audit_head"]["count"]
