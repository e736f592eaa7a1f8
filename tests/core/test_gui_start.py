"""`ccs-desktop --demo` starts a window on a fresh demo database and exits cleanly."""

from __future__ import annotations

import json
import os
import subprocess
import sys


def test_gui_starts_on_demo_database(tmp_path):
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", CCS_EXIT_AFTER_START="1",
               HOME=str(tmp_path), XDG_CONFIG_HOME=str(tmp_path / "cfg"),
               XDG_DATA_HOME=str(tmp_path / "share"))
    done = subprocess.run([sys.executable, "-m", "ccs_desktop", "--demo"], env=env,
                          capture_output=True, text=True, timeout=180)
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr


def _env(tmp_path, **extra):
    env = dict(os.environ, HOME=str(tmp_path), XDG_CONFIG_HOME=str(tmp_path / "cfg"),
               XDG_DATA_HOME=str(tmp_path / "share"), **extra)
    env.pop("DISPLAY", None)
    return env


def test_self_test_checks_database_pv_and_backup_without_any_window(tmp_path):
    # QT_QPA_PLATFORM=none: creating a QApplication would abort the process
    code = ("import sys; from ccs_desktop.app import main; rc = main(['--self-test']);"
            "w = sys.modules.get('PySide6.QtWidgets');"
            "assert w is None or w.QApplication.instance() is None; sys.exit(rc)")
    done = subprocess.run([sys.executable, "-c", code], env=_env(tmp_path, QT_QPA_PLATFORM="none"),
                          capture_output=True, text=True, timeout=300, cwd=tmp_path)
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout.count("[OK]") == 4, done.stdout
    assert "SQLCipher" in done.stdout and ".ccsbak" in done.stdout
    assert not (tmp_path / "share" / "CCS-Desktop").exists()  # nothing in the user's folder


def test_self_test_names_the_failing_check_and_exits_1(tmp_path, monkeypatch):
    from ccs_desktop.services import selftest

    def broken(run):  # noqa: ANN001
        raise RuntimeError("disque plein")

    monkeypatch.setattr(selftest, "CHECKS", selftest.CHECKS[:2] + (("PV", broken),)
                        + selftest.CHECKS[3:])
    lines: list[str] = []
    assert selftest.main(lines.append) == 1
    text = lines[0]
    assert "PV" in text and "disque plein" in text and text.count("[OK]") == 2
    assert ".ccsbak" not in text  # the checks stop at the first failure


def test_a_backup_file_is_accepted_on_the_command_line():
    from ccs_desktop.app import parse_args

    args = parse_args(["C:/Users/a/sauvegarde.ccsbak"])
    assert args.file == "C:/Users/a/sauvegarde.ccsbak" and not args.self_test


def test_the_application_icon_has_every_size_and_an_ico():
    from ccs_desktop import paths

    icons = paths.resource_path("icons")
    for n in (16, 24, 32, 48, 64, 128, 256):
        assert (icons / f"ccs-desktop-{n}.png").is_file()
    assert (icons / "ccs-desktop.ico").read_bytes()[:4] == b"\0\0\1\0"


def test_the_windows_get_the_application_icon_at_every_size(qapp):
    from ccs_desktop.app import application_icon

    sizes = {s.width() for s in application_icon().availableSizes()}
    assert {16, 32, 48, 256} <= sizes


SPY = """
import json, sys
from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication
app = QApplication(sys.argv[:1])
class Spy(QObject):
    def eventFilter(self, obj, event):  # noqa: N802
        if event.type() == QEvent.Type.Show and type(obj).__name__ == "LoginDialog":
            with open(sys.argv[1], "w") as f:
                json.dump("ccs_desktop.ui.main_window" in sys.modules, f)
        return False
spy = Spy(); app.installEventFilter(spy)
from ccs_desktop.app import main
sys.exit(main(sys.argv[2:]))
"""


def test_the_login_shows_before_the_main_window_is_imported_and_times_are_written(tmp_path):
    from ccs_desktop.db.engine import create_database

    data = tmp_path / "data"
    create_database(data).close()
    env = _env(tmp_path, QT_QPA_PLATFORM="offscreen", CCS_EXIT_AFTER_START="1",
               CCS_STARTUP_TIMES=str(tmp_path / "times.json"))
    for name in ("CCS_USER", "CCS_PASSWORD_FILE"):  # no account given: the login asks
        env.pop(name, None)
    seen = tmp_path / "seen.json"
    done = subprocess.run([sys.executable, "-c", SPY, str(seen), "--data-dir", str(data)],
                          env=env, capture_output=True, text=True, timeout=180, cwd=tmp_path)
    assert done.returncode == 0, done.stderr  # CCS_EXIT_AFTER_START left the login screen
    assert json.loads(seen.read_text()) is False  # loaded while the login waits, not before
    times = json.loads((tmp_path / "times.json").read_text())
    assert 0 < times["first_window_s"] < 120 and times["password_to_home_s"] is None
