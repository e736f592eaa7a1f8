"""Issue 8, review of restore and verify:

1. a current database that exists but cannot be read (locked by another program, damaged)
   never passes for "nothing to keep": the restore (and the GUI question) is refused;
2. a file opened with the CRSS key is NOT authentic (anyone with crss.pub can write one): it
   is labelled so, and its security settings are never taken without
   --replace-security-settings, not even on a new PC (same for a plain local copy);
3. `ccs backup verify` creates nothing (no data folder made for it).
"""

from __future__ import annotations

import rawdb  # noqa: I001  (tests/rawdb.py: test databases are SQLCipher files)
from french import fr  # noqa: I001  (tests/french.py: the catalog's French is typeset)
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from ccs_desktop import cli
from ccs_desktop.db.engine import open_database
from ccs_desktop.services.crss import keys
from ccs_desktop.services.errors import UserError
from ccs_desktop.services.exchange import backup as bk
from ccs_desktop.services.exchange import container as ct
from ccs_desktop.services.exchange import security
from ccs_desktop.services.exchange import snapshot as sn
from ccs_desktop.services.hub import Services

from .conftest import PASS, read_setting as _setting, write_setting as _set, run_cli as _run

IDENT = [ct.PassphraseIdentity(PASS)]
KEY_PASS = "phrase de la clé du CRSS assez longue"
ATTACKER_PASS = "phrase de l'attaquant, bien longue"


def _file(tmp_path: Path, name: str, text: str) -> Path:
    p = tmp_path / name
    p.write_text(text + "\n", encoding="utf-8")
    return p


@pytest.fixture
def two_keys(committee_db, tmp_path: Path):  # noqa: ANN001, ANN201
    """A backup made while the committee trusted key A; the live database now trusts B.
    Issue 12: only backups of version 1 open with a CRSS key; the backup is one of them."""
    from .conftest import v1_backup_for_crss

    a, b = keys.generate(), keys.generate()
    keys.trust(committee_db, a.public_key)
    backup = v1_backup_for_crss(committee_db, a, tmp_path / "usb")
    committee_db.close()
    _set(committee_db.path, sn.CRSS_KEY_SETTING, keys.public_line(b.public_key))
    return a, b, backup


# --------------------------------------------------------------------------- 1. locked database

_HOLD = """
import os, sys, time
sys.path.insert(0, %r)
import rawdb
conn = rawdb.connect(sys.argv[1], isolation_level=None, timeout=30)
conn.execute("BEGIN EXCLUSIVE")
conn.execute("INSERT OR REPLACE INTO settings (key, value) VALUES ('verrou-test', 'x')")
open(sys.argv[2], "w").close()  # locked
deadline = time.time() + float(sys.argv[4])
while time.time() < deadline and not os.path.exists(sys.argv[3]):
    time.sleep(0.05)
conn.execute("ROLLBACK")
conn.close()
""" % str(Path(__file__).resolve().parents[1])


class _Holder:
    """Another process holding BEGIN EXCLUSIVE + a write on a database."""

    def __init__(self, db: Path, tmp: Path, seconds: float) -> None:
        self.ready, self.stop = tmp / "verrou-pris", tmp / "verrou-rendre"
        self.proc = subprocess.Popen([sys.executable, "-c", _HOLD, str(db), str(self.ready),
                                      str(self.stop), str(seconds)])
        deadline = time.time() + 20
        while not self.ready.exists():
            assert self.proc.poll() is None and time.time() < deadline, "lock not taken"
            time.sleep(0.02)

    def release(self) -> None:
        self.stop.touch()
        self.proc.wait(timeout=30)


def test_locked_live_database_refuses_the_restore(committee_db, two_keys, tmp_path: Path,
                                                  monkeypatch, capsys) -> None:  # noqa: ANN001
    """Old code: the locked read gave "nothing to keep", the restore waited for the lock and
    installed the backup's CRSS key (A) over the trusted one (B)."""
    a, b, backup = two_keys
    monkeypatch.setattr(security, "LIVE_READ_TIMEOUT", 0.3)
    pw = _file(tmp_path, "pw.txt", PASS)
    holder = _Holder(committee_db.path, tmp_path, seconds=7)
    try:
        code, out, err = _run(capsys, "backup", "restore", str(backup), "--data-dir",
                              str(committee_db.data_dir), "--passphrase-file", str(pw))
    finally:
        holder.release()
    assert code == 1, out
    assert "Restauration terminée" not in out
    assert "utilisée par un autre programme" in err and "recommencez" in err
    assert "Traceback" not in err and "database is locked" not in err
    assert _setting(committee_db.path, sn.CRSS_KEY_SETTING) == keys.public_line(b.public_key)
    assert not list(committee_db.data_dir.glob("ccs.avant-restauration-*"))
    # the lock gone, the same command works and keeps B
    code, out, err = _run(capsys, "backup", "restore", str(backup), "--data-dir",
                          str(committee_db.data_dir), "--passphrase-file", str(pw))
    assert code == 0, err
    assert _setting(committee_db.path, sn.CRSS_KEY_SETTING) == keys.public_line(b.public_key)


def test_unreadable_live_database_is_never_nothing_to_keep(committee_db, two_keys,
                                                           tmp_path: Path) -> None:  # noqa: ANN001
    _a, _b, backup = two_keys
    data = committee_db.data_dir
    assert bk.current_security(tmp_path / "nulle-part") is None  # truly no database
    # a database of another program (no settings table), then a damaged file
    conn = rawdb.connect(data / "ccs.sqlite3")
    with conn:
        conn.execute("DROP TABLE settings")
    conn.close()
    for content in (None, b"pas une base du tout" * 100):
        if content is not None:
            (data / "ccs.sqlite3").write_bytes(content)
        before = (data / "ccs.sqlite3").read_bytes()
        with pytest.raises(UserError, match="illisible") as exc:
            bk.current_security(data)
        assert "déplacez" in str(exc.value)
        with pytest.raises(UserError, match="illisible"):
            bk.security_changes(data, {})
        with pytest.raises(UserError, match="illisible"):
            bk.restore(backup, data, IDENT)
        assert (data / "ccs.sqlite3").read_bytes() == before


def test_gui_refuses_when_the_live_database_is_locked(qtbot, committee_db, two_keys,
                                                      tmp_path: Path, monkeypatch) -> None:  # noqa: ANN001
    """Old code: the GUI caught the error as "nothing to keep", asked nothing, restored."""
    from ccs_desktop.ui.exchange import common
    from ccs_desktop.ui.exchange.dialogs import RestoreDialog

    _a, b, backup = two_keys
    monkeypatch.setattr(security, "LIVE_READ_TIMEOUT", 0.3)
    asked: list[str] = []
    monkeypatch.setattr(common.Prompts, "confirm", staticmethod(lambda *a_, **k: True))
    monkeypatch.setattr(common.Prompts, "yes_no",
                        staticmethod(lambda *a_, **k: asked.append("q") or False))
    dialog = RestoreDialog(committee_db.data_dir)
    qtbot.addWidget(dialog)
    dialog._set_path(str(backup))
    dialog.passphrase.setText(PASS)
    dialog.open_file()
    qtbot.waitUntil(lambda: not dialog.busy and dialog.manifest is not None, timeout=20000)
    holder = _Holder(committee_db.path, tmp_path, seconds=7)
    try:
        dialog.restore()
        assert "utilisée par un autre programme" in dialog.result.text()
        assert not dialog.busy and dialog.restored is None and not asked
    finally:
        holder.release()
    common.pool().waitForDone(10000)
    assert _setting(committee_db.path, sn.CRSS_KEY_SETTING) == keys.public_line(b.public_key)


# --------------------------------------------------------------------------- 2. CRSS-key files

@pytest.fixture
def forged(tmp_path: Path, capsys):  # noqa: ANN001, ANN201
    """The attack: someone holding only crss.pub writes a backup of THEIR database (trusting
    THEIR key) that the CRSS private key opens."""
    crss = keys.generate()
    key_dir = tmp_path / "cle-crss"
    priv, pub = keys.write_key_files(crss, key_dir, KEY_PASS)
    shutil.copyfile(pub, tmp_path / "crss.pub")  # what every committee holds
    attacker = tmp_path / "attaquant"
    db = open_database(attacker)
    Services(db).committee.create(level="commune", region="Tombouctou", cercle="Tombouctou",
                                  commune="Alafia")
    evil = keys.generate()
    keys.trust(db, evil.public_key)  # the attacker's own "CRSS" key
    db.close()
    own = _file(tmp_path, "own.txt", ATTACKER_PASS)
    stick = tmp_path / "stick"
    code, out, err = _run(capsys, "backup", "create", "--data-dir", str(attacker), "--out",
                          str(stick), "--passphrase-file", str(own),
                          "--recipient", str(tmp_path / "crss.pub"))
    assert code == 0, err
    made = next(stick.glob("*.ccsbak"))
    # issue 12: the application no longer encrypts a backup to the CRSS key; the attacker
    # writes it as version 1 did (anyone can: the container and crss.pub are public)
    from .conftest import reseal

    made = reseal(made, [ct.PassphraseIdentity(ATTACKER_PASS)], tmp_path / "v1" / made.name,
                  [ct.PassphraseRecipient(ATTACKER_PASS), ct.X25519Recipient(crss.public_key)])
    keypass = _file(tmp_path, "keypass.txt", KEY_PASS)
    return made, priv, keypass, crss, evil, attacker


def test_crss_key_file_is_not_called_authentic(forged, tmp_path: Path, capsys) -> None:  # noqa: ANN001
    made, priv, keypass, crss, _evil, _attacker = forged
    victim = tmp_path / "victime"
    victim.mkdir()
    code, out, err = _run(capsys, "backup", "verify", str(made), "--identity", str(priv),
                          "--passphrase-file", str(keypass), "--data-dir", str(victim))
    assert code == 0, err
    assert "authentique" not in out
    assert "ouverte avec la clé du CRSS" in out and fr("auteur n'est pas prouvé") in out
    manifest = bk.verify_file(made, [ct.X25519Identity(crss.private_key)], work_dir=victim)
    assert manifest["_authenticated"] is False
    assert manifest["_opened_with"] == bk.OPENED_CRSS_KEY
    assert "authentique" not in bk.describe(manifest)
    with bk.open_any(made, [ct.X25519Identity(crss.private_key)], work_dir=victim) as opened:
        assert opened.authenticated is False and "authentique" not in opened.authenticity
    # the attacker's own passphrase opens it as authentic (they wrote it): the label says
    # what was proven, by which key
    with bk.open_any(made, [ct.PassphraseIdentity(ATTACKER_PASS)], work_dir=victim) as opened:
        assert opened.authenticated is True


def test_crss_key_restore_on_a_new_pc_takes_no_security_setting(forged, tmp_path: Path,
                                                                capsys) -> None:  # noqa: ANN001
    """Old code: the attacker's trusted CRSS key was installed on the new PC silently."""
    made, priv, keypass, _crss, evil, attacker = forged
    new = tmp_path / "nouveau-pc"
    code, out, err = _run(capsys, "backup", "restore", str(made), "--identity", str(priv),
                          "--passphrase-file", str(keypass), "--data-dir", str(new))
    assert code == 0, err
    live = new / "ccs.sqlite3"
    assert _setting(live, sn.CRSS_KEY_SETTING) is None
    assert _setting(live, sn.PSEUDONYM_SETTING) is None
    assert _setting(live, "committee_uuid")  # the rest is restored
    assert "authentique" not in out and fr("auteur n'est pas prouvé") in out
    assert "NON installés" in out and "ccs crss trust" in out
    assert keys.fingerprint(evil.public_key) in out  # what was not installed, by fingerprint
    assert "--replace-security-settings" in out
    # asked explicitly: the file's settings
    code, out, err = _run(capsys, "backup", "restore", str(made), "--identity", str(priv),
                          "--passphrase-file", str(keypass), "--data-dir", str(new / "b"),
                          "--replace-security-settings")
    assert code == 0, err
    assert _setting(new / "b" / "ccs.sqlite3", sn.CRSS_KEY_SETTING) == keys.public_line(
        evil.public_key)
    assert _setting(new / "b" / "ccs.sqlite3", sn.PSEUDONYM_SETTING) == _setting(
        attacker / "ccs.sqlite3", sn.PSEUDONYM_SETTING)


def test_crss_key_restore_over_a_database_keeps_its_settings(forged, committee_db,
                                                             tmp_path: Path) -> None:  # noqa: ANN001
    made, _priv, _keypass, crss, _evil, _attacker = forged
    mine = keys.generate()
    keys.trust(committee_db, mine.public_key)
    committee_db.close()
    result = bk.restore(made, committee_db.data_dir, [ct.X25519Identity(crss.private_key)])
    assert result.authenticated is False and result.opened_with == bk.OPENED_CRSS_KEY
    assert {c.key for c in result.security_kept} == set(bk.SECURITY_SETTINGS)
    assert _setting(committee_db.path, sn.CRSS_KEY_SETTING) == keys.public_line(
        mine.public_key)


def test_passphrase_backup_on_a_new_pc_still_takes_its_settings(two_keys, tmp_path: Path
                                                                ) -> None:  # noqa: ANN001
    a, _b, backup = two_keys
    result = bk.restore(backup, tmp_path / "neuf", IDENT)
    assert result.authenticated is True and result.security_dropped == []
    assert _setting(tmp_path / "neuf" / "ccs.sqlite3", sn.CRSS_KEY_SETTING) == \
        keys.public_line(a.public_key)


def test_local_copy_without_a_database_takes_no_security_setting(committee_db,
                                                                 tmp_path: Path) -> None:
    a = keys.generate()
    keys.trust(committee_db, a.public_key)
    made = bk.auto_backup(committee_db, min_interval=None)
    committee_db.close()
    os.unlink(committee_db.path)
    result = bk.restore(made, committee_db.data_dir, [])
    assert result.opened_with == bk.OPENED_LOCAL_COPY
    assert sn.CRSS_KEY_SETTING in {c.key for c in result.security_dropped}
    assert _setting(committee_db.path, sn.CRSS_KEY_SETTING) is None
    os.unlink(committee_db.path)
    result = bk.restore(made, committee_db.data_dir, [], replace_security_settings=True)
    assert _setting(committee_db.path, sn.CRSS_KEY_SETTING) == keys.public_line(a.public_key)


@pytest.mark.parametrize("answer", [False, True])
def test_gui_asks_before_installing_a_crss_key_file_settings(qtbot, forged, tmp_path: Path,
                                                            monkeypatch, answer: bool) -> None:  # noqa: ANN001
    from ccs_desktop.ui.exchange import common
    from ccs_desktop.ui.exchange.dialogs import RestoreDialog

    made, _priv, _keypass, crss, evil, _attacker = forged
    new = tmp_path / "nouveau-pc-gui"
    new.mkdir()
    asked: list[str] = []
    monkeypatch.setattr(common.Prompts, "confirm", staticmethod(lambda *a_, **k: True))

    def yes_no(_parent, _title, text) -> bool:  # noqa: ANN001
        asked.append(text)
        return answer

    monkeypatch.setattr(common.Prompts, "yes_no", staticmethod(yes_no))
    dialog = RestoreDialog(new)
    qtbot.addWidget(dialog)
    dialog._set_path(str(made))
    monkeypatch.setattr(dialog, "_identities_fn",
                        lambda: (lambda: [ct.X25519Identity(crss.private_key)]))
    dialog.open_file()
    qtbot.waitUntil(lambda: not dialog.busy and dialog.manifest is not None, timeout=20000)
    assert "authentic" not in dialog.step.text() and "authentique" not in dialog.step.text()
    assert fr("auteur n'est pas prouvé") in dialog.step.text()
    assert "authentique" not in dialog.contents.text()
    dialog.restore()
    qtbot.waitUntil(lambda: not dialog.busy and dialog.restored is not None, timeout=20000)
    assert len(asked) == 1 and keys.fingerprint(evil.public_key) in asked[0]
    assert fr("n'est pas prouvé") in asked[0]
    got = _setting(new / "ccs.sqlite3", sn.CRSS_KEY_SETTING)
    assert got == (keys.public_line(evil.public_key) if answer else None)
    assert ("non installé" in dialog.result.text()) is not answer
    common.pool().waitForDone(10000)


# --------------------------------------------------------------------------- 3. creates nothing

def test_verify_creates_no_data_folder(two_keys, tmp_path: Path, capsys) -> None:  # noqa: ANN001
    _a, _b, backup = two_keys
    pw = _file(tmp_path, "pw.txt", PASS)
    new = tmp_path / "NEWDIR"
    code, out, err = _run(capsys, "backup", "verify", str(backup), "--data-dir", str(new),
                          "--passphrase-file", str(pw))
    assert code == 1 and fr("n'existe pas") in err and "--data-dir" in err, (out, err)
    assert "Traceback" not in err
    assert not new.exists()
    with pytest.raises(UserError, match=fr("n'existe pas")):
        bk.verify_file(backup, IDENT, work_dir=new)
    assert not new.exists()
    # the other commands that only read create nothing either
    for argv in (("crss", "register", "--data-dir", str(new)),
                 ("crss", "log", "--data-dir", str(new)),
                 ("backup", "auto", "--data-dir", str(new)),
                 ("backup", "create", "--data-dir", str(new), "--out", str(tmp_path / "o"),
                  "--passphrase-file", str(pw)),
                 ("transmit", "--data-dir", str(new), "--out", str(tmp_path / "o"))):
        code, out, err = _run(capsys, *argv)
        assert code != 0 and "Traceback" not in err, (argv, err)
        assert not new.exists(), argv
        assert not (tmp_path / "o").exists(), argv
