"""Issue 18, a quick first window: the login screen shows with Qt and a few light modules only
(the database layer loads while the user types the password, and the database opens once the
password is right); what cannot be opened then still reaches the user in French."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox

from ccs_desktop import app as appmod
from ccs_desktop.db import cipher, unlock
from ccs_desktop.services import presence
from ccs_desktop.paths import DB_FILENAME
from ccs_desktop.ui.login import LoginDialog

from rawdb import TEST_PASSWORD, TEST_USER

ROOT = Path(__file__).resolve().parents[2]
# what the login screen must not wait for (each costs a tenth of a second or more)
HEAVY = ("sqlalchemy", "ccs_desktop.db.models", "ccs_desktop.db.engine",
         "ccs_desktop.services.access", "cryptography", "ccs_desktop.ui.main_window")


def _child_env(tmp_path: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items()
           if k not in (unlock.ENV_USER, unlock.ENV_PASSWORD_FILE)}  # the login asks
    env.update(QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(ROOT), HOME=str(tmp_path),
               XDG_CONFIG_HOME=str(tmp_path / "cfg"), XDG_DATA_HOME=str(tmp_path / "share"),
               **extra)
    return env


def test_the_login_shows_before_the_database_layer_is_imported(tmp_path, empty_db):
    folder = empty_db.data_dir
    empty_db.close()
    times = tmp_path / "times.json"
    done = subprocess.run(
        [sys.executable, "-m", "ccs_desktop", "--data-dir", str(folder)],
        env=_child_env(tmp_path, CCS_EXIT_AFTER_START="1", CCS_STARTUP_TIMES=str(times)),
        capture_output=True, text=True, timeout=180, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    written = json.loads(times.read_text())
    modules = set(written["modules_at_first_window"])
    assert "ccs_desktop.ui.login" in modules  # the first window was the login screen
    assert [m for m in HEAVY if m in modules] == []
    assert not any(m.startswith("sqlalchemy.") for m in modules)
    assert 0 < written["first_window_s"] < 120


def test_quick_state_tells_an_encrypted_file_and_no_file_alone(tmp_path, empty_db):
    assert presence.quick_state(empty_db.data_dir) == "encrypted"
    empty_db.close()
    assert presence.quick_state(tmp_path / "nothing") == "none"
    plain = tmp_path / "plain"
    plain.mkdir()
    sqlite3.connect(plain / DB_FILENAME).execute("CREATE TABLE t (x)").connection.close()
    assert presence.PLAIN_HEADER == cipher.PLAIN_HEADER
    assert presence.quick_state(plain) is None  # plain, to convert: the database layer says
    (tmp_path / "folder" / DB_FILENAME).mkdir(parents=True)
    assert presence.quick_state(tmp_path / "folder") is None  # a folder in its place
    assert presence.DEFAULT_ADMIN == unlock.DEFAULT_ADMIN


@pytest.fixture
def no_account(monkeypatch):
    monkeypatch.delenv(unlock.ENV_USER, raising=False)
    monkeypatch.delenv(unlock.ENV_PASSWORD_FILE, raising=False)
    monkeypatch.setattr(appmod, "install_crash_dialog", lambda: None)
    shown: list[str] = []

    def critical(_parent, _title, text, *_a, **_k):
        shown.append(text)
        return QMessageBox.StandardButton.Ok

    monkeypatch.setattr(QMessageBox, "critical", staticmethod(critical))
    return shown


def _right_password(monkeypatch) -> None:
    def run(self: LoginDialog) -> int:
        self.user.setText(TEST_USER)
        self.password.setText(TEST_PASSWORD)
        assert self.try_sign_in(), self.error.text()
        return int(self.result())

    monkeypatch.setattr(LoginDialog, "exec", run)


def test_a_database_locked_after_the_login_is_a_french_message(qapp, empty_db, monkeypatch,
                                                               no_account):
    from ccs_desktop.services import access

    folder = empty_db.data_dir
    empty_db.close()
    _right_password(monkeypatch)

    def locked(*_a, **_k):
        raise sqlite3.OperationalError("database is locked")

    monkeypatch.setattr(access, "open_with", locked)
    assert appmod.main(["--data-dir", str(folder)]) == 1
    assert len(no_account) == 1
    assert "est utilisée par un autre programme" in no_account[0], no_account
    assert "database is locked" not in no_account[0]


def test_a_damaged_database_after_the_login_is_a_french_message(qapp, empty_db, monkeypatch,
                                                                no_account):
    folder = empty_db.data_dir
    empty_db.close()
    _right_password(monkeypatch)
    # the key file still opens a key, but the file is not that database any more
    (folder / DB_FILENAME).write_bytes(os.urandom(64 * 1024))
    for side in ("-wal", "-shm"):
        Path(str(folder / DB_FILENAME) + side).unlink(missing_ok=True)
    assert appmod.main(["--data-dir", str(folder)]) == 1
    assert len(no_account) == 1
    text = no_account[0]
    assert "base de données" in text, text
    for english in ("Traceback", "sqlite", "file is not", "Error"):
        assert english not in text, text


def test_a_killed_restores_leftovers_go_before_the_database_opens(qapp, empty_db,
                                                                  monkeypatch, no_account):
    from ccs_desktop.services.exchange import backup

    folder = empty_db.data_dir
    empty_db.close()
    order: list[str] = []
    monkeypatch.setattr(backup, "clean_leftovers_at_start",
                        lambda data_dir: order.append("clean"))

    def run(self: LoginDialog) -> int:
        order.append("login")
        return int(self.result())  # left: nothing opens

    monkeypatch.setattr(LoginDialog, "exec", run)
    assert appmod.main(["--data-dir", str(folder)]) == 0
    assert order == ["login"] and no_account == []

    _right_password(monkeypatch)
    from ccs_desktop.services import access

    def opening(*_a, **_k):
        order.append("open")
        raise sqlite3.OperationalError("database is locked")

    monkeypatch.setattr(access, "open_with", opening)
    order.clear()
    assert appmod.main(["--data-dir", str(folder)]) == 1
    assert order == ["clean", "open"]
