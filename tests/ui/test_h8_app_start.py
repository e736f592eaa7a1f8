"""Issue 8 and 19, the `ccs-desktop` start: unknown options refused in French, a database
that cannot be opened gives a French dialog (never a crash), nothing of a finished main()
fires later (timers, quit hooks), and main() runs twice in one process."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from ccs_desktop import app as appmod
from ccs_desktop.paths import DB_FILENAME

ROOT = Path(__file__).resolve().parents[2]


def test_unknown_option_is_refused_in_french_and_no_window_starts(tmp_path):
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", CCS_EXIT_AFTER_START="1",
               HOME=str(tmp_path), XDG_CONFIG_HOME=str(tmp_path / "cfg"),
               PYTHONPATH=str(ROOT), PYTHONIOENCODING="utf-8")
    for option in (["--selftest"], ["-platform", "offscreen"], ["--demo", "--dmo"]):
        done = subprocess.run([sys.executable, "-m", "ccs_desktop", *option], env=env,
                              capture_output=True, text=True, encoding="utf-8", timeout=60)
        assert done.returncode == 2, (option, done.stderr)
        assert "arguments non reconnus" in done.stderr
        assert "unrecognized" not in done.stderr and "Traceback" not in done.stderr
    assert not (tmp_path / "cfg").exists()  # no window, no settings written


def test_parse_args_accepts_the_documented_options():
    args = appmod.parse_args(["--data-dir", "x", "--lang", "en", "--demo"])
    assert (args.data_dir, args.lang, args.demo) == ("x", "en", True)
    with pytest.raises(SystemExit) as exit_:
        appmod.parse_args(["--data-dir"])
    assert exit_.value.code == 2


@pytest.fixture
def messages(monkeypatch):
    """The texts of the critical message boxes main() shows (instead of showing them)."""
    shown: list[str] = []

    def critical(_parent, _title, text, *_a, **_k):
        shown.append(text)
        return QMessageBox.StandardButton.Ok

    monkeypatch.setattr(QMessageBox, "critical", staticmethod(critical))
    return shown


def _corrupt(folder: Path) -> None:
    folder.mkdir()
    (folder / DB_FILENAME).write_bytes(os.urandom(64 * 1024))


def _directory(folder: Path) -> None:
    (folder / DB_FILENAME).mkdir(parents=True)


def _not_a_folder(folder: Path) -> None:
    folder.write_text("ceci est un fichier, pas un dossier")


def _header_then_garbage(folder: Path) -> None:
    folder.mkdir()
    (folder / DB_FILENAME).write_bytes(b"SQLite format 3\x00" + os.urandom(8192))


@pytest.mark.parametrize("make", [_corrupt, _directory, _not_a_folder, _header_then_garbage])
def test_a_database_that_cannot_be_opened_gives_a_french_dialog(qapp, tmp_path, messages,
                                                                 capsys, make):
    folder = tmp_path / "data"
    make(folder)
    code = appmod.main(["--data-dir", str(folder)])
    assert code == 1
    assert len(messages) == 1
    text = messages[0]
    assert "base de données" in text or "dossier de données" in text, text
    for english in ("Traceback", "sqlite3.", "(sqlite", "sqlalche", "file is not", "unable to open",
                    "Error", "database disk image"):
        assert english not in text, text
    err = capsys.readouterr().err
    assert "Traceback" not in err


def test_an_unexpected_exception_while_opening_is_still_a_french_dialog(qapp, tmp_path,
                                                                      messages, monkeypatch):
    def broken(_args):
        raise KeyError("internal")

    monkeypatch.setattr(appmod, "prepare_database", broken)
    assert appmod.main(["--data-dir", str(tmp_path)]) == 1
    assert "erreur interne inattendue" in messages[0] and "KeyError" not in messages[0]


@pytest.fixture
def quiet_start(monkeypatch):
    """main() on a configured database that quits as soon as the window shows; records the
    automatic copies asked for and any exception raised in a Qt slot."""
    import ccs_desktop.ui.exchange as dialogs

    calls: dict[str, list] = {"start": [], "close": [], "errors": []}
    monkeypatch.setattr(dialogs, "on_start_auto_backup",
                        lambda db, wait=False: calls["start"].append(db))
    monkeypatch.setattr(dialogs, "on_close_auto_backup",
                        lambda db, timeout=0: calls["close"].append(db))
    monkeypatch.setattr(appmod, "after_start",
                        lambda window: QTimer.singleShot(0, QApplication.quit))
    monkeypatch.setattr(appmod, "install_crash_dialog", lambda: None)
    monkeypatch.setattr(sys, "excepthook",
                        lambda t, e, tb: calls["errors"].append(e))
    return calls


def test_the_automatic_copy_timer_never_fires_after_main_returned(qtbot, committee_db,
                                                                  quiet_start):
    committee_db.close()
    assert appmod.main(["--data-dir", str(committee_db.data_dir)]) == 0
    assert quiet_start["start"] == []  # quit before the copy's delay
    qtbot.wait(appmod.AUTO_COPY_DELAY_MS + 700)  # another event loop runs on
    assert quiet_start["start"] == [] and quiet_start["errors"] == []


def test_main_can_run_twice_in_one_process(qtbot, committee_db, quiet_start):
    committee_db.close()
    folder = str(committee_db.data_dir)
    assert appmod.main(["--data-dir", folder]) == 0
    assert len(quiet_start["close"]) == 1
    assert appmod.main(["--data-dir", folder]) == 0
    # the second quit ran the second run's hook only, and nothing raised
    assert len(quiet_start["close"]) == 2
    assert quiet_start["close"][0] is not quiet_start["close"][1]
    assert quiet_start["errors"] == []
    qtbot.wait(300)
    assert quiet_start["errors"] == []
