"""Transmissions (what leaves the PC) and the CRSS consolidation."""

from __future__ import annotations

import rawdb  # noqa: I001  (tests/rawdb.py: test databases are SQLCipher files)
import shutil
from pathlib import Path

import pytest

from ccs_desktop.db import models as m
from ccs_desktop.db.engine import open_database
from ccs_desktop.paths import DB_FILENAME
from ccs_desktop.services.crss import importer, register
from ccs_desktop.services.exchange import backup as bk
from ccs_desktop.services.exchange import container as ct

from .conftest import PASS, PHONE, SECRET_NOTE, dump, enrich, v1_backup_for_crss


def _people(db) -> list[tuple[str, str, str]]:
    with db.session() as s:
        return [(p.given_names, p.family_name, p.full_name)
                for p in s.query(m.Person).filter(m.Person.deleted_at.is_(None))]


def test_transmission_reveals_no_phone_note_name_or_scan(rich_db, pair, tmp_path: Path) -> None:
    people = _people(rich_db)
    t = bk.create_transmission(rich_db, tmp_path / "usb", crss_public=pair.public_key)
    # only the CRSS key opens it
    with pytest.raises(ct.WrongKey):
        bk.verify_file(t.path, [ct.PassphraseIdentity(PASS)])
    with bk.open_file(t.path, [ct.X25519Identity(pair.private_key)]) as opened:
        raw = rawdb.plain_bytes(opened.snapshot, opened.body_key)
        conn = rawdb.connect(opened.snapshot, opened.body_key)
        tables = {r[0]: conn.execute(f'SELECT * FROM "{r[0]}"').fetchall()
                  for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        conn.close()
    text = repr(tables)
    for needle in (PHONE, SECRET_NOTE, "PLAINTE-FDS-RESTREINTE", "SCAN-PRIVE", "BROUILLON",
                   "pseudonym_secret"):
        assert needle not in text and needle.encode() not in raw, needle
    for given, family, full in people:
        for word in (family, full):
            if len(word) >= 3:
                assert word not in text and word.encode() not in raw, word
                assert word.upper() not in text, word
    assert not tables["restricted_notes"] and not tables["attachments"]
    # the adopted PV travels as its CRSS version (issue 14): a real PDF, people by code
    assert b"PV-ADOPTE" not in raw and b"%PDF-1.4" in raw
    # people keep category, sex and youth, under stable codes
    codes = [r for r in tables["people"] if r]
    assert codes and all("P-" in repr(r) for r in codes[:5])
    again = bk.create_transmission(rich_db, tmp_path / "usb2", crss_public=pair.public_key)
    with bk.open_file(again.path, [ct.X25519Identity(pair.private_key)]) as opened:
        conn = rawdb.connect(opened.snapshot, opened.body_key)
        second = sorted(conn.execute("SELECT uuid, family_name FROM people").fetchall())
        conn.close()
    conn = rawdb.connect(rich_db.path)
    live_uuids = {r[0] for r in conn.execute("SELECT uuid FROM people")}
    conn.close()
    assert not live_uuids & {u for u, _ in second}  # uuids are pseudonymous too
    with bk.open_file(t.path, [ct.X25519Identity(pair.private_key)]) as opened:
        conn = rawdb.connect(opened.snapshot, opened.body_key)
        first = sorted(conn.execute("SELECT uuid, family_name FROM people").fetchall())
        conn.close()
    assert first == second  # stable codes from one transmission to the next


def test_share_names_keeps_names_but_never_phones(rich_db, pair, tmp_path: Path) -> None:
    with rich_db.session() as s:
        s.query(m.Committee).update({"share_names": True})
    name = _people(rich_db)[0][1]
    t = bk.create_transmission(rich_db, tmp_path / "usb", crss_public=pair.public_key)
    with bk.open_file(t.path, [ct.X25519Identity(pair.private_key)]) as opened:
        raw = rawdb.plain_bytes(opened.snapshot, opened.body_key)
    assert name.encode() in raw and PHONE.encode() not in raw


def _committee_dbs(template: Path, tmp_path: Path, n: int) -> list:
    """n committee databases cut from one demo database of n committees."""
    conn = rawdb.connect(template)
    uuids = [r[0] for r in conn.execute("SELECT uuid FROM committees ORDER BY id")]
    conn.close()
    dbs = []
    for i, u in enumerate(uuids[:n]):
        d = tmp_path / f"comite{i}"
        d.mkdir()
        rawdb.copy_database(Path(template).parent, d)
        c = rawdb.connect(d / DB_FILENAME)
        c.execute("UPDATE settings SET value = ? WHERE key = 'committee_uuid'", (u,))
        c.commit()
        c.close()
        dbs.append(open_database(d))
    return dbs


@pytest.fixture(scope="module")
def multi_template(tmp_path_factory) -> Path:
    from ccs_desktop.services.demo import generate_demo

    folder = tmp_path_factory.mktemp("multi")
    db = open_database(folder)
    generate_demo(db, seed=7, committees=4, years=1)
    db.close()
    return folder / DB_FILENAME


def test_merge_of_several_committees_counts_match_and_reimport_changes_nothing(
        multi_template, pair, tmp_path: Path) -> None:
    dbs = _committee_dbs(multi_template, tmp_path, 4)
    enrich(dbs[0])
    expected: dict[str, int] = {}
    for db in dbs:
        t = bk.create_transmission(db, tmp_path / "stick" / db.data_dir.name,
                                   crss_public=pair.public_key)
        for table, c in t.manifest["counts"].items():
            expected[table] = expected.get(table, 0) + c["live"] + c["deleted"]
        db.close()
    crss = importer.open_crss_database(tmp_path / "crss")
    ident = [ct.X25519Identity(pair.private_key)]
    reports = importer.import_paths(crss, [tmp_path / "stick"], ident)  # folder, recursive
    assert len(reports) == 4 and all(r.ok for r in reports)
    assert sum(r.counts["new"] + r.counts["deleted"] for r in reports) == sum(expected.values())
    got = {t: len(rows) for t, rows in dump(crss.path).items() if t in expected}
    assert got == expected
    assert all(r.counts["refused"] == 0 and r.counts["conflicts"] == 0 for r in reports)
    before = {t: rows for t, rows in dump(crss.path).items() if not t.startswith("crss_")}
    again = importer.import_paths(crss, [tmp_path / "stick"], ident)
    assert all(r.ok and r.counts["unchanged"] > 0 and r.counts["new"] == r.counts["updated"]
               == r.counts["deleted"] == r.counts["conflicts"] == 0 for r in again)
    after = {t: rows for t, rows in dump(crss.path).items() if not t.startswith("crss_")}
    assert after == before
    # register: the four committees are linked, the others stay visible as never sent
    rows = register.list_register(crss)
    linked = [r for r in rows if r.committee_uuid]
    assert len(linked) == 4 and all(r.last_received_at for r in linked)
    assert sum(r.never_sent for r in rows) == len(rows) - 4
    assert len(importer.import_log(crss)) == 8
    crss.close()


def test_restored_then_edited_committee_wins_and_tombstones(multi_template, pair,
                                                           tmp_path: Path) -> None:
    (db,) = _committee_dbs(multi_template, tmp_path, 1)
    ident = [ct.X25519Identity(pair.private_key)]
    crss = importer.open_crss_database(tmp_path / "crss")
    old_backup = bk.create_backup(db, tmp_path / "usb", PASS).path
    with db.session() as s:  # edits after the backup, sent to the CRSS
        for _ in range(3):
            th = s.query(m.Threat).order_by(m.Threat.id).first()
            th.description = th.description + " (modifié)"
            s.flush()
        uuid = th.uuid
    importer.import_file(crss, bk.create_transmission(db, tmp_path / "t1",
                                                      crss_public=pair.public_key).path, ident)
    db.close()
    bk.restore(old_backup, db.data_dir, [ct.PassphraseIdentity(PASS)])  # the disk died
    db = open_database(db.data_dir)
    with db.session() as s:
        th = s.query(m.Threat).filter_by(uuid=uuid).one()
        th.description = "Après restauration"
        victim = s.query(m.Vulnerability).order_by(m.Vulnerability.id).first()
        victim.deleted_at = m.utcnow()
        victim.title = victim.description = victim.place_name = ""
        gone = victim.uuid
    rep = importer.import_file(crss, bk.create_transmission(
        db, tmp_path / "t2", crss_public=pair.public_key).path, ident)
    assert rep.ok and rep.counts["updated"] >= 2 and rep.counts["deleted"] == 1
    with crss.session() as s:
        assert s.query(m.Threat).filter_by(uuid=uuid).one().description == "Après restauration"
        v = s.query(m.Vulnerability).filter_by(uuid=gone).one()
        assert v.deleted_at is not None and v.title == ""  # a tombstone, never a hard delete
    db.close()
    crss.close()


def test_conflict_and_foreign_uuid_refused(multi_template, pair, tmp_path: Path) -> None:
    a, b = _committee_dbs(multi_template, tmp_path, 2)
    ident = [ct.X25519Identity(pair.private_key)]
    crss = importer.open_crss_database(tmp_path / "crss")
    ta = bk.create_transmission(a, tmp_path / "ta", crss_public=pair.public_key).path
    assert importer.import_file(crss, ta, ident).ok
    # same version, different content: a conflict kept for a person
    with a.session() as s:
        s.info["preserve_versions"] = True
        act = s.query(m.Activity).join(m.Committee).filter(
            m.Committee.uuid == s.get(m.Setting, "committee_uuid").value).first()
        act.title = "Titre divergent"
    rep = importer.import_file(crss, bk.create_transmission(
        a, tmp_path / "ta2", crss_public=pair.public_key).path, ident)
    assert rep.ok and rep.counts["conflicts"] == 1
    with crss.session() as s:
        from ccs_desktop.db.models_exchange import ImportConflict

        conflict = s.query(ImportConflict).one()
        assert "Titre divergent" in conflict.incoming
        assert s.query(m.Activity).filter_by(uuid=act.uuid).one().title != "Titre divergent"
    # committee B claims a row whose uuid belongs to committee A
    with b.session() as s:
        own = s.get(m.Setting, "committee_uuid").value
        cb = s.query(m.Committee).filter_by(uuid=own).one()
        mine = s.query(m.Activity).filter_by(committee_id=cb.id).first()
        s.query(m.Activity).filter_by(uuid=act.uuid).delete()
        mine.uuid = act.uuid
    rep = importer.import_file(crss, bk.create_transmission(
        b, tmp_path / "tb", crss_public=pair.public_key).path, ident)
    assert rep.ok and rep.counts["refused"] == 1
    assert rep.refused_rows[0]["uuid"] == act.uuid
    a.close()
    b.close()
    crss.close()


def test_backup_imported_at_crss_is_reduced(rich_db, pair, tmp_path: Path) -> None:
    # issue 12: a full backup is no longer encrypted to the CRSS key; the old (format 1)
    # backups that were are still reduced at the CRSS as before
    with rich_db.session() as s:
        from ccs_desktop.services.crss import keys
        from ccs_desktop.services.exchange.snapshot import CRSS_KEY_SETTING

        s.add(m.Setting(key=CRSS_KEY_SETTING, value=keys.public_line(pair.public_key)))
    backup = v1_backup_for_crss(rich_db, pair, tmp_path / "usb")
    crss = importer.open_crss_database(tmp_path / "crss")
    ident = [ct.X25519Identity(pair.private_key)]
    assert importer.import_file(crss, backup, ident).ok
    crss.close()
    raw = repr(dump(crss.path))
    for needle in (PHONE, SECRET_NOTE, "PLAINTE-FDS-RESTREINTE", "pseudonym_secret"):
        assert needle not in raw
    # the later transmission of the same committee changes nothing: same pseudonyms
    crss = open_database(crss.data_dir)
    t = bk.create_transmission(rich_db, tmp_path / "t", crss_public=pair.public_key).path
    rep = importer.import_file(crss, t, ident)
    assert rep.counts["new"] == 0 and rep.counts["conflicts"] == 0
    crss.close()


def test_hostile_files_are_logged_and_refused(committee_db, pair, tmp_path: Path) -> None:
    crss = importer.open_crss_database(tmp_path / "crss")
    folder = tmp_path / "stick"
    folder.mkdir()
    (folder / "vide.ccsbak").write_bytes(b"")
    (folder / "image.ccsbak").write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 64)
    good = bk.create_transmission(committee_db, folder, crss_public=pair.public_key).path
    data = good.read_bytes()
    (folder / "coupe.ccsbak").write_bytes(data[: len(data) // 2])
    before = dump(crss.path)
    reports = importer.import_paths(crss, [folder], [ct.X25519Identity(pair.private_key)])
    status = {r.file.name: r.ok for r in reports}
    assert status.pop(good.name) is True and not any(status.values())
    log = importer.import_log(crss)
    assert len(log) == 4 and sum(e.status == "refused" for e in log) == 3
    assert all(e.message for e in log if e.status == "refused")
    assert before["people"] == [] and len(dump(crss.path)["committees"]) == 1
    crss.close()


def test_register_flags_a_commune_under_two_committees(multi_template, pair,
                                                       tmp_path: Path) -> None:
    a, b = _committee_dbs(multi_template, tmp_path, 2)
    with b.session() as s:  # B says it is Alafia's committee too
        own = s.get(m.Setting, "committee_uuid").value
        c = s.query(m.Committee).filter_by(uuid=own).one()
        c.region, c.cercle, c.commune = "Tombouctou", "Tombouctou", "Alafia"
    crss = importer.open_crss_database(tmp_path / "crss")
    for db in (a, b):
        f = bk.create_transmission(db, tmp_path / db.data_dir.name, crss_public=pair.public_key)
        assert importer.import_file(crss, f.path, [ct.X25519Identity(pair.private_key)]).ok
        db.close()
    dups = register.list_register(crss, only_duplicates=True)
    assert {r.commune for r in dups} == {"Alafia"} and len(dups) == 2
    crss.close()
