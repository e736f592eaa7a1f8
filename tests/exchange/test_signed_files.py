"""Issue 12: `.ccsbak` format 2 — files signed by the committee's Ed25519 key, the CRSS's
register of committee keys (first key not confirmed, another key refused, accept-key),
replays refused, full backups closed to the CRSS, unknown body kinds refused."""

from __future__ import annotations

import rawdb  # noqa: I001  (tests/rawdb.py: test databases are SQLCipher files)
from french import fr  # noqa: I001  (tests/french.py: the catalog's French is typeset)
import base64
import json
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from ccs_desktop.db import models as m
from ccs_desktop.services.crss import committee_keys, importer, register
from ccs_desktop.services.errors import UserError
from ccs_desktop.services.exchange import backup as bk
from ccs_desktop.services.exchange import container as ct
from ccs_desktop.services.exchange import signing

from .conftest import PASS, dump, reseal, run_cli


def _crss_ident(pair) -> list:  # noqa: ANN001
    return [ct.X25519Identity(pair.private_key)]


def _transmit(db, pair, out: Path) -> Path:  # noqa: ANN001
    return bk.create_transmission(db, out, crss_public=pair.public_key).path


def _own_fp(db) -> str:  # noqa: ANN001
    return signing.own_fingerprint(db)


def _rename(db, name: str) -> None:  # noqa: ANN001
    with db.session() as s:
        own = s.get(m.Setting, "committee_uuid").value
        s.query(m.Committee).filter_by(uuid=own).one().name = name


def _stranger_signer():  # noqa: ANN202
    return signing.signer(Ed25519PrivateKey.generate())


def _crss_names(crss) -> list[str]:  # noqa: ANN001
    with crss.session() as s:
        return sorted(c.name for c in s.query(m.Committee))


# --------------------------------------------------------------------------- the signature

def test_signature_is_in_the_encrypted_manifest_and_covers_header_and_body(
        committee_db, pair, tmp_path: Path) -> None:
    t = bk.create_transmission(committee_db, tmp_path / "usb", crss_public=pair.public_key)
    sig = t.manifest["signature"]
    assert set(sig) == {"alg", "public_key", "sig"} and sig["alg"] == "ed25519"
    assert t.manifest["ccsbak"] == 2 and t.manifest["body"] == "sqlcipher-1"
    data = t.path.read_bytes()
    assert data[8:10] == b"\x00\x02"
    # nothing in clear links the file to its committee
    assert sig["public_key"].encode() not in data
    assert base64.b64decode(sig["public_key"]) not in data
    with open(t.path, "rb") as fh:
        reader = ct.ContainerReader(fh, _crss_ident(pair))
        header_bytes, manifest = reader.header_bytes, reader.manifest
    public = signing.verify(manifest, header_bytes)
    assert signing.fingerprint(public) == _own_fp(committee_db)
    msg = (b"ccsbak-sig-1" + header_bytes + __import__("hashlib").sha256(
        json.dumps({k: v for k, v in manifest.items() if k != "signature"}, sort_keys=True,
                   separators=(",", ":"), ensure_ascii=False).encode()).digest())
    assert signing.signed_message(header_bytes, manifest) == msg
    # a changed body digest breaks the signature
    with pytest.raises(ct.ContainerError, match="signature"):
        signing.verify(dict(manifest, body_sha256="0" * 64), header_bytes)
    with pytest.raises(ct.ContainerError, match="signature"):
        signing.verify(manifest, header_bytes[:-1] + b" ")
    described = bk.describe(bk.verify_file(t.path, _crss_ident(pair)))
    assert described.splitlines()[-1] == fr("Signature : clé {fp}").format(
        fp=_own_fp(committee_db))


def test_fingerprint_reads_out_over_the_phone(committee_db) -> None:
    fp = _own_fp(committee_db)
    groups = fp.split("-")
    assert len(groups) == 4 and all(len(g) == 4 and g.isalnum() and g.isupper() or
                                    g.isdigit() for g in groups)
    assert set(fp.replace("-", "")) <= set("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567")
    assert _own_fp(committee_db) == fp  # made once, kept


def test_the_key_is_made_at_set_up_and_by_the_migration(committee_db) -> None:
    conn = rawdb.connect(committee_db.path)
    try:
        (value,) = conn.execute("SELECT value FROM settings WHERE key = 'signing_key'"
                                ).fetchone()
    finally:
        conn.close()
    assert len(base64.b64decode(value)) == 32


def test_signing_key_survives_backup_and_restore(committee_db, tmp_path: Path) -> None:
    before = _own_fp(committee_db)
    backup = bk.create_backup(committee_db, tmp_path / "usb", PASS).path
    result = bk.restore(backup, tmp_path / "neuf", [ct.PassphraseIdentity(PASS)])
    conn = rawdb.connect(result.database)
    try:
        (value,) = conn.execute("SELECT value FROM settings WHERE key = 'signing_key'"
                                ).fetchone()
    finally:
        conn.close()
    raw = Ed25519PrivateKey.from_private_bytes(base64.b64decode(value))
    from cryptography.hazmat.primitives import serialization

    pub = raw.public_key().public_bytes(serialization.Encoding.Raw,
                                        serialization.PublicFormat.Raw)
    assert signing.fingerprint(pub) == before


def test_the_signing_key_never_travels(committee_db, pair, tmp_path: Path) -> None:
    conn = rawdb.connect(committee_db.path)
    (value,) = conn.execute("SELECT value FROM settings WHERE key = 'signing_key'").fetchone()
    conn.close()
    t = _transmit(committee_db, pair, tmp_path / "usb")
    with bk.open_file(t, _crss_ident(pair)) as opened:
        assert value.encode() not in rawdb.plain_bytes(opened.snapshot, opened.body_key)


# --------------------------------------------------------------------------- at the CRSS

def test_first_key_is_unconfirmed_until_accepted(committee_db, pair, tmp_path: Path) -> None:
    crss = importer.open_crss_database(tmp_path / "crss")
    rep = importer.import_file(crss, _transmit(committee_db, pair, tmp_path / "u"),
                               _crss_ident(pair))
    fp = _own_fp(committee_db)
    assert rep.ok and "non confirmée" in rep.key_notice and fp in rep.key_notice
    row = next(r for r in register.list_register(crss) if r.committee_uuid)
    assert row.key_status == "unconfirmed" and row.key_fingerprint == fp
    with pytest.raises(UserError, match="ne correspond"):
        committee_keys.accept_key(crss, rep.committee_uuid, "AAAA-BBBB-CCCC-DDDD")
    assert "confirmée" in committee_keys.accept_key(crss, rep.committee_uuid, fp.lower())
    row = next(r for r in register.list_register(crss) if r.committee_uuid)
    assert row.key_status == "confirmed"
    _rename(committee_db, "Comité renommé")
    rep = importer.import_file(crss, _transmit(committee_db, pair, tmp_path / "u2"),
                               _crss_ident(pair))
    assert rep.ok and rep.key_notice == ""
    crss.close()


def test_forged_by_another_key_is_refused_naming_both_fingerprints(
        committee_db, pair, tmp_path: Path) -> None:
    """The forgery of the issue: someone holding crss.pub writes a file naming an existing
    committee; now it must carry a signature, and his key is not the committee's."""
    crss = importer.open_crss_database(tmp_path / "crss")
    t = _transmit(committee_db, pair, tmp_path / "u")
    assert importer.import_file(crss, t, _crss_ident(pair)).ok
    before = dump(crss.path)

    def usurp(man: dict) -> dict:
        man["committee"] = dict(man["committee"], name="COMITE USURPE")
        man["sequence"] = man["sequence"] + 100
        return man

    stranger = Ed25519PrivateKey.generate()
    forged = reseal(t, _crss_ident(pair), tmp_path / "forged" / "f.ccsbak",
                    [ct.X25519Recipient(pair.public_key)], change=usurp,
                    signer=signing.signer(stranger), version=2)
    rep = importer.import_file(crss, forged, _crss_ident(pair))
    assert not rep.ok
    from cryptography.hazmat.primitives import serialization

    other = signing.fingerprint(stranger.public_key().public_bytes(
        serialization.Encoding.Raw, serialization.PublicFormat.Raw))
    assert "autre clé" in rep.message and _own_fp(committee_db) in rep.message
    assert other in rep.message and "CCSC-ALAFIA" in rep.message
    after = dump(crss.path)
    assert {k: v for k, v in after.items() if not k.startswith("crss_")} == \
        {k: v for k, v in before.items() if not k.startswith("crss_")}
    # the stranger's key waits; it is shown, never used until accepted
    row = next(r for r in register.list_register(crss) if r.committee_uuid)
    assert row.pending_fingerprint == other and row.key_fingerprint == _own_fp(committee_db)
    crss.close()


def test_changed_content_under_the_committee_signature_is_refused(
        committee_db, pair, tmp_path: Path) -> None:
    """Re-sealed with the committee's signature kept (the attacker cannot sign): the
    signature no longer holds."""
    crss = importer.open_crss_database(tmp_path / "crss")
    t = _transmit(committee_db, pair, tmp_path / "u")
    with open(t, "rb") as fh:
        sig = ct.ContainerReader(fh, _crss_ident(pair)).manifest["signature"]

    def keep_signature(man: dict) -> dict:
        man["committee"] = dict(man["committee"], name="COMITE USURPE")
        man["signature"] = sig
        return man

    forged = reseal(t, _crss_ident(pair), tmp_path / "f" / "f.ccsbak",
                    [ct.X25519Recipient(pair.public_key)], change=keep_signature, version=2)
    rep = importer.import_file(crss, forged, _crss_ident(pair))
    assert not rep.ok and "signature" in rep.message
    assert "COMITE USURPE" not in repr(dump(crss.path))
    crss.close()


def test_unsigned_file_only_for_a_committee_without_key(committee_db, pair,
                                                        tmp_path: Path) -> None:
    crss = importer.open_crss_database(tmp_path / "crss")
    t = _transmit(committee_db, pair, tmp_path / "u")
    v1 = reseal(t, _crss_ident(pair), tmp_path / "v1" / "old.ccsbak",
                [ct.X25519Recipient(pair.public_key)])
    assert v1.read_bytes()[8:10] == b"\x00\x01"
    # no key registered yet: a version-1 file is imported as before
    assert importer.import_file(crss, v1, _crss_ident(pair)).ok
    assert importer.import_file(crss, t, _crss_ident(pair)).ok  # registers the key
    _rename(committee_db, "COMITE USURPE")
    t2 = _transmit(committee_db, pair, tmp_path / "u2")
    unsigned = reseal(t2, _crss_ident(pair), tmp_path / "v1b" / "old.ccsbak",
                      [ct.X25519Recipient(pair.public_key)])
    rep = importer.import_file(crss, unsigned, _crss_ident(pair))
    assert not rep.ok and "pas signé" in rep.message and _own_fp(committee_db) in rep.message
    assert "COMITE USURPE" not in _crss_names(crss)
    crss.close()


def test_replayed_older_file_is_refused_and_rolls_nothing_back(
        committee_db, pair, tmp_path: Path) -> None:
    crss = importer.open_crss_database(tmp_path / "crss")
    first = _transmit(committee_db, pair, tmp_path / "u1")
    with committee_db.session() as s:  # the committee starts sharing names
        own = s.get(m.Setting, "committee_uuid").value
        s.query(m.Committee).filter_by(uuid=own).one().share_names = True
    second = _transmit(committee_db, pair, tmp_path / "u2")
    assert importer.import_file(crss, first, _crss_ident(pair)).ok
    assert importer.import_file(crss, second, _crss_ident(pair)).ok
    before = dump(crss.path)
    rep = importer.import_file(crss, first, _crss_ident(pair))
    assert not rep.ok and "plus récent" in rep.message
    after = dump(crss.path)
    assert {k: v for k, v in after.items() if k not in ("crss_import_log",)} == \
        {k: v for k, v in before.items() if k not in ("crss_import_log",)}
    # the same newest file again changes nothing and is accepted (a second import)
    again = importer.import_file(crss, second, _crss_ident(pair))
    assert again.ok and again.counts["new"] == again.counts["updated"] == 0
    crss.close()


def test_same_number_but_different_content_is_refused(committee_db, pair, tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    crss = importer.open_crss_database(tmp_path / "crss")
    t = bk.create_transmission(committee_db, tmp_path / "u", crss_public=pair.public_key)
    assert importer.import_file(crss, t.path, _crss_ident(pair)).ok
    # a second file under the same number (a process killed before its number was stored)
    monkeypatch.setattr(signing, "next_sequence", lambda _conn: t.manifest["sequence"])
    _rename(committee_db, "Autre contenu")
    rep = importer.import_file(crss, _transmit(committee_db, pair, tmp_path / "u2"),
                               _crss_ident(pair))
    assert not rep.ok and "plus récent" in rep.message
    crss.close()


def test_key_swapped_committee_is_refused_until_the_crss_accepts(
        committee_db, pair, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A PC lost without a backup: the committee's new database has another key."""
    crss = importer.open_crss_database(tmp_path / "crss")
    assert importer.import_file(crss, _transmit(committee_db, pair, tmp_path / "u"),
                                _crss_ident(pair)).ok
    old_fp = _own_fp(committee_db)
    conn = rawdb.connect(committee_db.path)
    conn.execute("UPDATE settings SET value = ? WHERE key = 'signing_key'",
                 (signing.new_private_value(),))
    conn.execute("DELETE FROM settings WHERE key = 'file_sequence'")  # a new PC counts anew
    conn.commit()
    conn.close()
    new_fp = _own_fp(committee_db)
    t = _transmit(committee_db, pair, tmp_path / "u2")
    rep = importer.import_file(crss, t, _crss_ident(pair))
    assert not rep.ok and old_fp in rep.message and new_fp in rep.message
    uuid = rep.committee_uuid
    # the CLI: the register shows the waiting key at the end of its line
    data = str(crss.data_dir)
    crss.close()
    code, out, err = run_cli(capsys, "crss", "register", "--data-dir", data)
    assert code == 0, err
    line = next(x for x in out.splitlines() if uuid in x)
    cols = line.split("\t")
    assert cols[5] == "CCSC-ALAFIA" and cols[-4:] == ["clé non confirmée", old_fp, uuid,
                                                     fr("autre clé en attente : {fp}").format(
                                                         fp=new_fp)]
    code, out, err = run_cli(capsys, "crss", "accept-key", uuid, "--fingerprint", new_fp,
                             "--data-dir", data)
    assert code == 0 and "Nouvelle clé" in out, err
    crss = importer.open_crss_database(data)
    rep = importer.import_file(crss, t, _crss_ident(pair))
    assert rep.ok and rep.key_notice == ""
    crss.close()


# --------------------------------------------------------------------------- full backups

def test_backup_takes_extra_x25519_recipients_never_the_crss(committee_db, pair,
                                                             tmp_path: Path) -> None:
    """The hook for the recovery key (an X25519 key): extra recipients of a backup."""
    from ccs_desktop.services.crss import keys

    recovery = keys.generate()
    with committee_db.session() as s:
        s.add(m.Setting(key="crss_public_key", value=keys.public_line(pair.public_key)))
    b = bk.create_backup(committee_db, tmp_path / "usb", PASS,
                         extra_recipients=[recovery.public_key])
    with open(b.path, "rb") as fh:
        types = [r["type"] for r in ct.ContainerReader(
            fh, [ct.PassphraseIdentity(PASS)]).header["recipients"]]
    assert types == ["argon2id", "x25519", "x25519"]  # passphrase, the extra one, recovery
    assert bk.verify_file(b.path, [ct.X25519Identity(recovery.private_key)])["kind"] == \
        "backup"
    with pytest.raises(ct.ContainerError):
        bk.verify_file(b.path, _crss_ident(pair))


def test_cli_backup_create_with_crss_recipient_says_it_adds_nothing(
        committee_db, pair, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from ccs_desktop.services.crss import keys

    pub = keys.export_public_key(pair.public_key, tmp_path / "keys")
    pw = tmp_path / "pass.txt"
    pw.write_text(PASS, encoding="utf-8")
    committee_db.close()
    code, out, err = run_cli(capsys, "backup", "create", "--data-dir",
                             str(committee_db.data_dir), "--out", str(tmp_path / "usb"),
                             "--recipient", str(pub), "--passphrase-file", str(pw))
    assert code == 0 and fr("n'ajoute rien") in err, err
    written = Path(out.strip().splitlines()[-1])
    with pytest.raises(ct.ContainerError):
        bk.verify_file(written, _crss_ident(pair), work_dir=tmp_path / "w",
                       create_work_dir=True)


# --------------------------------------------------------------------------- body kinds

def test_unknown_body_kind_refused_and_v1_files_still_verify(committee_db, pair,
                                                             tmp_path: Path) -> None:
    b = bk.create_backup(committee_db, tmp_path / "usb", PASS).path
    ident = [ct.PassphraseIdentity(PASS)]
    odd = reseal(b, ident, tmp_path / "odd" / "x.ccsbak", [ct.PassphraseRecipient(PASS)],
                 change=lambda man: dict(man, body="sqlcipher-9"),
                 signer=_stranger_signer(), version=2)
    with pytest.raises(ct.ContainerError, match="ne connaît pas"):
        bk.verify_file(odd, ident)
    v1 = reseal(b, ident, tmp_path / "v1" / "x.ccsbak", [ct.PassphraseRecipient(PASS)])
    manifest = bk.verify_file(v1, ident)
    assert manifest["ccsbak"] == 1 and manifest["_signer"] == ""
    assert bk.describe(manifest).splitlines()[-1] == \
        fr("Signature : aucune (fichier d'une version précédente)")
