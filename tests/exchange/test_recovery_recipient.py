"""Issue 12: a full backup has two recipients, its passphrase and the committee's recovery key
(the X25519 key whose private half is the printed recovery sheet), never the CRSS key.
`ccs backup verify|restore --recovery-key-file F` opens it with the sheet's text; a restore
still needs the password of one of the backup's accounts."""

from __future__ import annotations

from pathlib import Path

import pytest

from ccs_desktop.db import unlock
from ccs_desktop.services.errors import UserError
from ccs_desktop.services.exchange import backup as bk
from ccs_desktop.services.exchange import container as ct

from .conftest import PASS, dump, run_cli


@pytest.fixture
def sheet(rich_db, tmp_path: Path) -> tuple[str, Path]:
    """A recovery key made for the database now, and the file holding its text."""
    text = unlock.new_recovery_key(rich_db.data_dir, rich_db.key)
    path = tmp_path / "cle-de-recuperation.txt"
    path.write_text(text + "\n", encoding="utf-8")
    return text, path


def test_a_full_backup_opens_with_the_recovery_key_and_never_with_the_crss_key(
        rich_db, pair, sheet, tmp_path: Path) -> None:
    text, _path = sheet
    written = bk.create_backup(rich_db, tmp_path / "usb", PASS, crss_public=pair.public_key)
    assert written.notices  # the CRSS key given adds nothing, and says so
    manifest = bk.verify_file(written.path, [ct.RecoveryIdentity(unlock.recovery_private_key(text))])
    assert bk.opened_with(manifest) == bk.OPENED_RECOVERY_KEY
    assert manifest["_authenticated"] is False  # an X25519 entry proves no author
    assert bk.opened_with(bk.verify_file(written.path, [ct.PassphraseIdentity(PASS)])) \
        == bk.OPENED_PASSPHRASE
    with pytest.raises(UserError):
        bk.verify_file(written.path, [ct.X25519Identity(pair.private_key)])
    # an old recovery key no longer opens the next backups
    unlock.new_recovery_key(rich_db.data_dir, rich_db.key)
    later = bk.create_backup(rich_db, tmp_path / "usb2", PASS)
    with pytest.raises(UserError):
        bk.verify_file(later.path, [ct.RecoveryIdentity(unlock.recovery_private_key(text))])


def test_cli_verifies_and_restores_with_the_recovery_key_file_every_row_back(
        rich_db, sheet, tmp_path: Path, capsys) -> None:
    _text, path = sheet
    written = bk.create_backup(rich_db, tmp_path / "usb", PASS)
    before = dump(rich_db.path)
    code, out, err = run_cli(capsys, "backup", "verify", str(written.path),
                             "--recovery-key-file", str(path))
    assert code == 0, err
    assert "clé de récupération" in out + err
    target = tmp_path / "nouveau-pc"
    code, out, err = run_cli(capsys, "backup", "restore", str(written.path), "--data-dir",
                             str(target), "--recovery-key-file", str(path))
    assert code == 0, err
    after = dump(target / "ccs.sqlite3")
    assert set(after) == set(before)
    for table in before:
        if table not in ("committees", "settings"):  # the restore generation, its settings
            assert after[table] == before[table], table


def test_a_mistyped_or_unreadable_recovery_key_file_is_refused_in_french(
        rich_db, sheet, tmp_path: Path, capsys) -> None:
    text, _path = sheet
    written = bk.create_backup(rich_db, tmp_path / "usb", PASS)
    typo = tmp_path / "faute.txt"
    typo.write_text(text[:-3] + ("A" if text[-3] != "A" else "B") + text[-2:], encoding="utf-8")
    code, _out, err = run_cli(capsys, "backup", "verify", str(written.path),
                              "--recovery-key-file", str(typo))
    assert code != 0 and "Traceback" not in err and err.strip()
    code, _out, err = run_cli(capsys, "backup", "verify", str(written.path),
                              "--recovery-key-file", str(tmp_path / "absent.txt"))
    assert code != 0 and "Impossible de lire" in err, err
