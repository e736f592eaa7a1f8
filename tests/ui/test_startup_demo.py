"""Issue 18, `ccs-desktop --demo`: its main window shows at once, with only Qt and a few light
modules loaded, saying that the demonstration database is being prepared; the database is
built behind it and the same window then builds its pages on it (`MainWindow.attach`)."""

from __future__ import annotations

import errno
import json
import os
import re
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from PySide6.QtWidgets import QLabel, QMenu, QProgressBar

from ccs_desktop import app as appmod
from ccs_desktop.db import unlock
from ccs_desktop.ui import prompts
from ccs_desktop.ui.main_window import MainWindow, waiting_main_window

from french import fr

ROOT = Path(__file__).resolve().parents[2]
# what the demonstration's first window must not wait for
HEAVY = ("sqlalchemy", "ccs_desktop.db.models", "ccs_desktop.db.engine",
         "ccs_desktop.services.access", "ccs_desktop.services.demo", "cryptography",
         "ccs_desktop.ui.views.home", "ccs_desktop.ui.views.list_page")

SPY = textwrap.dedent("""
    import json, sys
    from PySide6.QtCore import QEvent, QObject, QTimer
    from PySide6.QtWidgets import QApplication, QLabel
    app = QApplication(sys.argv[:1])
    seen = {}
    class Spy(QObject):
        def eventFilter(self, obj, event):  # noqa: N802
            if event.type() == QEvent.Type.Show and type(obj).__name__ == "MainWindow" \\
                    and "first" not in seen:
                waiting = obj.findChild(QLabel, "waitingText")
                seen["first"] = {"modules": sorted(sys.modules),
                                 "waiting": waiting.text() if waiting else None,
                                 "pages": sorted(obj.pages)}
                obj.attached.connect(lambda w=obj: QTimer.singleShot(0, lambda: done(w)))
            return False
    def done(w):
        own = w.services.committee.own()
        seen["attached"] = {"page": w.current_key(), "pages": sorted(w.pages),
                            "demo": bool(own and own.is_demo),
                            "waiting_left": w.findChild(QLabel, "waitingText") is not None,
                            "visible": w.isVisible()}
        with open(sys.argv[1], "w") as f:
            json.dump(seen, f)
        app.quit()
    spy = Spy(); app.installEventFilter(spy)
    from ccs_desktop.app import main
    sys.exit(main(sys.argv[2:]))
""")


def _child_env(tmp_path: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items()
           if k not in (unlock.ENV_USER, unlock.ENV_PASSWORD_FILE)}  # the demo's own account
    env.update(QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(ROOT), HOME=str(tmp_path),
               XDG_CONFIG_HOME=str(tmp_path / "cfg"), XDG_DATA_HOME=str(tmp_path / "share"),
               CCS_TOUR="0", **extra)
    return env


def test_the_demo_window_shows_before_the_database_layer_then_fills_itself(tmp_path):
    seen_file, times = tmp_path / "seen.json", tmp_path / "times.json"
    spy = tmp_path / "spy.py"
    spy.write_text(SPY)
    done = subprocess.run([sys.executable, str(spy), str(seen_file), "--demo"],
                          env=_child_env(tmp_path, CCS_STARTUP_TIMES=str(times)),
                          capture_output=True, text=True, timeout=180, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    seen = json.loads(seen_file.read_text())
    first = seen["first"]
    assert [m for m in HEAVY if m in first["modules"]] == []
    assert not any(m.startswith("sqlalchemy.") for m in first["modules"])
    assert first["waiting"] == fr("Préparation de la base de démonstration…")
    assert first["pages"] == []
    # the same window, now on the demonstration database, on its home page
    attached = seen["attached"]
    assert attached == {"page": "home", "pages": attached["pages"], "demo": True,
                        "waiting_left": False, "visible": True}
    assert {"home", "meetings", "recommendations", "settings"} <= set(attached["pages"])
    written = json.loads(times.read_text())
    assert 0 < written["first_window_s"] < written["home_s"] < 120


def test_the_demo_stopped_at_its_first_window_ends_cleanly(tmp_path):
    # CCS_EXIT_AFTER_START quits while the database is still being built: the build is
    # waited for and closed, nothing is reported
    times = tmp_path / "times.json"
    done = subprocess.run([sys.executable, "-m", "ccs_desktop", "--demo"],
                          env=_child_env(tmp_path, CCS_EXIT_AFTER_START="1",
                                         CCS_STARTUP_TIMES=str(times), CCS_DEBUG="1"),
                          capture_output=True, text=True, timeout=180, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr and "ERROR" not in done.stderr, done.stderr
    written = json.loads(times.read_text())
    assert written["first_window_s"] > 0 and written["home_s"] is None


def test_the_waiting_window_is_french_and_can_be_left(qtbot):
    window = waiting_main_window()
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    assert window.findChild(QLabel, "waitingText").text() == fr(
        "Préparation de la base de démonstration…")
    assert window.findChild(QProgressBar, "waitingProgress").maximum() == 0  # busy
    menus = [m.title().replace("&", "") for m in window.menuBar().findChildren(QMenu)]
    assert menus == ["Fichier", "Aide"]
    names = {a.objectName() for a in window.findChildren(type(window._actions["quit"]))}
    assert {"action_quit", "action_guide", "action_about"} <= names
    screen = window.screen().availableGeometry()
    assert window.frameGeometry().height() <= screen.height()
    window._actions["quit"].trigger()  # nothing to save yet: it just closes
    qtbot.waitUntil(lambda: not window.isVisible())


def test_the_waiting_window_builds_its_pages_on_the_database(qtbot, demo_db):
    window = waiting_main_window()
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    with qtbot.waitSignal(window.attached, timeout=10000):
        window.attach(demo_db)
    assert window.findChild(QLabel, "waitingText") is None
    # the waiting frame's menus are gone with it: one guide action, the pages' one
    from PySide6.QtGui import QAction

    qtbot.waitUntil(lambda: len(window.findChildren(QAction, "action_guide")) == 1,
                    timeout=2000)
    assert window.current_key() == "home" and window.db is demo_db
    from ccs_desktop.services.hub import Services

    assert window.services.committee.own().code == Services(demo_db).committee.own().code
    window.go_to("meetings")
    qtbot.waitUntil(lambda: window.page("meetings").model.rowCount() > 0)
    assert window._drafts_offered  # what its first showing offers, once attached
    window.close()


def test_a_demo_database_that_cannot_be_built_is_a_french_message_and_exit_1(
        qapp, qtbot, monkeypatch):
    monkeypatch.setattr(appmod, "install_crash_dialog", lambda: None)

    def full(_args):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(appmod, "prepare_database", full)
    scripted = prompts.ScriptedPrompts()
    with prompts.replaced(scripted):
        assert appmod.main(["--demo"]) == 1
    assert len(scripted.asked) == 1, scripted.asked
    method, _title, text = scripted.asked[0]
    assert method == "inform"
    folder = re.search("«\u00a0(.+)\u00a0»", text).group(1)
    assert Path(folder).name.startswith("ccs-demo-")  # where it was being built
    assert text == fr("La base de démonstration n'a pas pu être préparée dans « FOLDER » : plus "
                      "de place sur le disque (le support est plein : libérez de la place ou "
                      "utilisez un autre support).").replace("FOLDER", folder)
    # main() left nothing behind: the next event loop of the process runs (the Quit that
    # closing its last window posted is not delivered to it)
    from PySide6.QtCore import QTimer

    fired: list[int] = []
    QTimer.singleShot(20, lambda: fired.append(1))
    qtbot.waitUntil(lambda: bool(fired), timeout=2000)


@pytest.fixture(autouse=True)
def _no_tour(monkeypatch):
    monkeypatch.setenv("CCS_TOUR", "0")


def test_pages_that_cannot_be_built_are_a_message_and_exit_1(qapp, qtbot, monkeypatch):
    # the database was built, but the window cannot show its pages on it: said, exit 1, and
    # main() closes everything (before, the crash hook had it, the exit code was 0 and every
    # close of the half-built window raised)
    monkeypatch.setattr(appmod, "install_crash_dialog", lambda: None)

    def broken(self):  # noqa: ANN001
        raise RuntimeError("page cassée")

    monkeypatch.setattr(MainWindow, "_build", broken)
    scripted = prompts.ScriptedPrompts()
    with prompts.replaced(scripted):
        assert appmod.main(["--demo"]) == 1
    assert [m for m, _t, _x in scripted.asked] == ["inform"]
    text = scripted.asked[0][2]
    assert fr("erreur interne inattendue") in text and "page cassée" not in text
    from PySide6.QtCore import QTimer

    fired: list[int] = []
    QTimer.singleShot(20, lambda: fired.append(1))
    qtbot.waitUntil(lambda: bool(fired), timeout=2000)
