"""Issue 8, restore and verify: only what authenticates is restored or called authentic; a
plain SQLite copy only from the data folder's automatic copies, labelled "copie locale, non
authentifiée"; a restore never changes the security settings silently (CLI and GUI)."""

from __future__ import annotations

import rawdb  # noqa: I001  (tests/rawdb.py: test databases are SQLCipher files)
import os
import shutil
from pathlib import Path

import pytest

from ccs_desktop import cli
from ccs_desktop.db import models as m
from ccs_desktop.db.engine import open_database
from ccs_desktop.services.crss import keys
from ccs_desktop.services.errors import UserError
from ccs_desktop.services.exchange import backup as bk
from ccs_desktop.services.exchange import container as ct
from ccs_desktop.services.exchange import snapshot as sn

from .conftest import PASS, read_setting as _setting, write_setting as _set, run_cli as _run

IDENT = [ct.PassphraseIdentity(PASS)]


@pytest.fixture
def pw(tmp_path: Path) -> Path:
    p = tmp_path / "pw.txt"
    p.write_text(PASS + "\n", encoding="utf-8")
    return p


# --------------------------------------------------------------------------- authenticity

def test_renamed_sqlite_is_never_restored_nor_verified(committee_db, tmp_path: Path, pw: Path,
                                                       capsys) -> None:  # noqa: ANN001
    """The attack of the issue: a plain SQLite file renamed *.ccsbak (with the attacker's
    CRSS key) was restored with no passphrase and called authentic."""
    forged = tmp_path / "stick" / "CCSC-ALAFIA_12345678_20240101-000000.ccsbak"
    forged.parent.mkdir()
    rawdb.plain_snapshot(committee_db.path, forged, transmission=False, own_uuid=None)
    _set(forged, sn.CRSS_KEY_SETTING, keys.public_line(keys.generate().public_key))
    committee_db.close()
    before = committee_db.path.read_bytes()
    for argv in (("backup", "restore", str(forged), "--data-dir", str(committee_db.data_dir)),
                 ("backup", "restore", str(forged), "--data-dir", str(tmp_path / "neuf")),
                 ("backup", "verify", str(forged), "--data-dir", str(committee_db.data_dir))):
        code, out, err = _run(capsys, *argv)
        assert code == 1 and "non chiffrée" in err and "Traceback" not in err, (argv, err)
        assert "authentique" not in out
    assert committee_db.path.read_bytes() == before
    assert not (tmp_path / "neuf" / "ccs.sqlite3").exists()
    with pytest.raises(UserError, match="non chiffrée"):
        bk.verify_file(forged, [], work_dir=committee_db.data_dir)


def test_plain_copy_only_from_the_automatic_folder_by_resolved_path(committee_db,
                                                                    tmp_path: Path) -> None:
    made = bk.auto_backup(committee_db, min_interval=None)
    auto = committee_db.data_dir / bk.AUTO_FOLDER
    committee_db.close()
    # a symlink inside the folder pointing outside, a copy outside, a "../" path: refused
    outside = tmp_path / "ailleurs.sqlite3"
    shutil.copyfile(made, outside)
    link = auto / "ccs-20240101-000000.sqlite3"
    os.symlink(outside, link)
    sneaky = auto / ".." / "x.sqlite3"
    shutil.copyfile(made, committee_db.data_dir / "x.sqlite3")
    nested = auto / "sous-dossier"
    nested.mkdir()
    shutil.copyfile(made, nested / "c.sqlite3")
    # (copies are encrypted since issue 11: the refusal says so instead of "non chiffrée")
    for p in (outside, link, sneaky, nested / "c.sqlite3"):
        with pytest.raises(UserError, match="pas une sauvegarde CCS"):
            bk.verify_file(p, [], work_dir=committee_db.data_dir)
        with pytest.raises(UserError, match="pas une sauvegarde CCS"):
            bk.restore(p, committee_db.data_dir, [])
    # the real copy: accepted, never called authentic
    manifest = bk.verify_file(made, [], work_dir=committee_db.data_dir)
    assert manifest["_authenticated"] is False
    text = bk.describe(manifest)
    assert "copie locale, non authentifiée" in text and "authentique (" not in text
    result = bk.restore(made, committee_db.data_dir, [])
    assert result.authenticated is False
    # a symlink to the data folder's automatic-copies folder from elsewhere is resolved too
    alias = tmp_path / "alias"
    os.symlink(auto, alias)
    assert bk.is_local_copy(alias / made.name, committee_db.data_dir)


def test_cli_labels_a_local_copy_and_an_encrypted_backup(committee_db, tmp_path: Path,
                                                         pw: Path, capsys) -> None:  # noqa: ANN001
    made = bk.auto_backup(committee_db, min_interval=None)
    backup = bk.create_backup(committee_db, tmp_path / "usb", PASS).path
    committee_db.close()
    d = str(committee_db.data_dir)
    code, out, err = _run(capsys, "backup", "verify", str(made), "--data-dir", d)
    assert code == 0, err
    assert "copie locale, non authentifiée" in out.lower() and "authentique" not in out
    code, out, err = _run(capsys, "backup", "restore", str(made), "--data-dir", d)
    assert code == 0, err
    assert "copie locale, non authentifiée" in out.lower() and "authentique" not in out
    code, out, err = _run(capsys, "backup", "verify", str(backup), "--data-dir", d,
                          "--passphrase-file", str(pw))
    assert code == 0 and "authentique" in out and "non authentifiée" not in out, err


def test_a_forged_manifest_flag_does_not_make_a_file_authentic(committee_db,
                                                               tmp_path: Path) -> None:
    import hashlib
    import io

    snap = tmp_path / "s.sqlite3"
    rawdb.plain_snapshot(committee_db.path, snap, transmission=False, own_uuid=None)
    body = snap.read_bytes()
    manifest = {"ccsbak": 1, "kind": "backup", "committee": None, "body": "sqlite",
                "_authenticated": False, "_security": {"x": "y"},
                "body_size": len(body), "body_sha256": hashlib.sha256(body).hexdigest()}
    buf = io.BytesIO()
    w = ct.ContainerWriter(buf, [ct.PassphraseRecipient(PASS)], manifest)
    w.write(body)
    w.close()
    f = tmp_path / "f.ccsbak"
    f.write_bytes(buf.getvalue())
    got = bk.verify_file(f, IDENT, work_dir=committee_db.data_dir)
    assert got["_authenticated"] is True and "x" not in got["_security"]


# --------------------------------------------------------------------------- security settings

@pytest.fixture
def two_keys(committee_db, tmp_path: Path):  # noqa: ANN001, ANN201
    """A backup made while the committee trusted key A; then the live database trusts key B
    (and has another pseudonym secret)."""
    a, b = keys.generate(), keys.generate()
    keys.trust(committee_db, a.public_key)
    backup = bk.create_backup(committee_db, tmp_path / "usb", PASS).path
    committee_db.close()
    backup_secret = _setting(committee_db.path, sn.PSEUDONYM_SETTING)
    _set(committee_db.path, sn.CRSS_KEY_SETTING, keys.public_line(b.public_key))
    _set(committee_db.path, sn.PSEUDONYM_SETTING, "autre-secret-" + "0" * 40)
    return a, b, backup, backup_secret


def test_cli_restore_keeps_security_settings_and_says_which(committee_db, two_keys,
                                                            tmp_path: Path, pw: Path,
                                                            capsys) -> None:  # noqa: ANN001
    a, b, backup, backup_secret = two_keys
    d = str(committee_db.data_dir)
    code, out, err = _run(capsys, "backup", "restore", str(backup), "--data-dir", d,
                          "--passphrase-file", str(pw))
    assert code == 0, err
    assert _setting(committee_db.path, sn.CRSS_KEY_SETTING) == keys.public_line(b.public_key)
    assert _setting(committee_db.path, sn.PSEUDONYM_SETTING) == "autre-secret-" + "0" * 40
    assert "conservés" in out and "clé publique du CRSS" in out and "pseudonymes" in out
    assert keys.fingerprint(b.public_key) in out and keys.fingerprint(a.public_key) in out
    assert "--replace-security-settings" in out
    assert "autre-secret" not in out and (backup_secret or "zz") not in out  # never printed
    # asked explicitly: the backup's settings
    code, out, err = _run(capsys, "backup", "restore", str(backup), "--data-dir", d,
                          "--passphrase-file", str(pw), "--replace-security-settings")
    assert code == 0, err
    assert _setting(committee_db.path, sn.CRSS_KEY_SETTING) == keys.public_line(a.public_key)
    assert _setting(committee_db.path, sn.PSEUDONYM_SETTING) == backup_secret
    assert "remplacés" in out


def test_absent_setting_in_live_database_is_kept_absent(committee_db, tmp_path: Path) -> None:
    a = keys.generate()
    keys.trust(committee_db, a.public_key)
    backup = bk.create_backup(committee_db, tmp_path / "usb", PASS).path
    committee_db.close()
    conn = rawdb.connect(committee_db.path)
    with conn:
        conn.execute("DELETE FROM settings WHERE key = ?", (sn.CRSS_KEY_SETTING,))
    conn.close()
    result = bk.restore(backup, committee_db.data_dir, IDENT)
    assert [c.key for c in result.security_kept] == [sn.CRSS_KEY_SETTING]
    assert _setting(committee_db.path, sn.CRSS_KEY_SETTING) is None


def test_restore_on_a_new_pc_takes_the_backup_settings(committee_db, two_keys,
                                                      tmp_path: Path) -> None:
    a, _b, backup, backup_secret = two_keys
    new = tmp_path / "nouveau-pc"
    result = bk.restore(backup, new, IDENT)
    assert result.security_kept == [] and result.security_replaced == []
    live = new / "ccs.sqlite3"
    assert _setting(live, sn.CRSS_KEY_SETTING) == keys.public_line(a.public_key)
    assert _setting(live, sn.PSEUDONYM_SETTING) == backup_secret
    db = open_database(new)
    with db.session() as s:
        assert s.get(m.Setting, "committee_uuid").value
    db.close()


# --------------------------------------------------------------------------- GUI

@pytest.mark.parametrize("answer", [False, True])
def test_gui_restore_asks_before_replacing_security_settings(qtbot, committee_db, two_keys,
                                                             monkeypatch, answer: bool) -> None:  # noqa: ANN001
    from ccs_desktop.ui.exchange import common
    from ccs_desktop.ui.exchange.dialogs import RestoreDialog

    a, b, backup, _secret = two_keys
    asked: list[str] = []
    monkeypatch.setattr(common.Prompts, "confirm", staticmethod(lambda *a_, **k: True))
    monkeypatch.setattr(common.Prompts, "info", staticmethod(lambda *a_, **k: None))
    monkeypatch.setattr(common.Prompts, "error", staticmethod(lambda *a_, **k: None))

    def yes_no(_parent, _title, text) -> bool:  # noqa: ANN001
        asked.append(text)
        return answer

    monkeypatch.setattr(common.Prompts, "yes_no", staticmethod(yes_no))
    dialog = RestoreDialog(committee_db.data_dir)
    qtbot.addWidget(dialog)
    dialog._set_path(str(backup))
    dialog.passphrase.setText(PASS)
    dialog.open_file()
    qtbot.waitUntil(lambda: not dialog.busy and dialog.manifest is not None, timeout=20000)
    assert "authentic" in dialog.step.text() or "authentique" in dialog.step.text()
    dialog.restore()
    qtbot.waitUntil(lambda: not dialog.busy and dialog.restored is not None, timeout=20000)
    assert len(asked) == 1
    assert "clé publique du CRSS" in asked[0] and keys.fingerprint(a.public_key) in asked[0]
    assert keys.fingerprint(b.public_key) in asked[0]
    expected = a if answer else b
    assert _setting(committee_db.path, sn.CRSS_KEY_SETTING) == keys.public_line(
        expected.public_key)
    assert ("conservé" in dialog.result.text()) is not answer
    common.pool().waitForDone(10000)


def test_gui_local_copy_is_not_called_authentic(qtbot, committee_db, monkeypatch) -> None:  # noqa: ANN001
    from ccs_desktop.ui.exchange import common
    from ccs_desktop.ui.exchange.dialogs import RestoreDialog

    made = bk.auto_backup(committee_db, min_interval=None)
    committee_db.close()
    asked: list[str] = []
    monkeypatch.setattr(common.Prompts, "yes_no",
                        staticmethod(lambda *a, **k: asked.append("q") or False))
    dialog = RestoreDialog(committee_db.data_dir)
    qtbot.addWidget(dialog)
    dialog._set_path(str(made))
    dialog.open_file()
    qtbot.waitUntil(lambda: not dialog.busy and dialog.manifest is not None, timeout=20000)
    assert "non authentifiée" in dialog.step.text()
    assert "authentic" not in dialog.step.text().replace("non authentifiée", "")
    assert "non authentifiée" in dialog.contents.text()
    # a renamed SQLite file outside that folder is refused in the dialog too
    other = committee_db.data_dir.parent / "faux.ccsbak"
    shutil.copyfile(made, other)
    dialog._set_path(str(other))
    dialog.open_file()
    qtbot.waitUntil(lambda: not dialog.busy and "pas une sauvegarde CCS" in dialog.result.text(),
                    timeout=20000)
    assert dialog.manifest is None and not asked
    common.pool().waitForDone(10000)
