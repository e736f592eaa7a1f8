"""Issue 19: no Qt object is destroyed by a garbage collection pass on a worker thread.

A Qt object that Python owns (no parent) is destroyed by whichever thread's garbage
collection pass finds it unreachable; a widget destroyed on the automatic copy's thread or a
search worker aborts the interpreter. The wizard's unused « fonction » field was one. These
tests run the real `ccs-desktop` main() in a subprocess (a segfault fails the test instead of
killing pytest): the wizard is finished at once, the first automatic copy starts, a search
runs, and garbage collection is forced in a loop on the GUI thread and on a Python thread,
many times in a row; then a census: no Qt object without parent owned by Python, besides the
windows, after every screen was shown.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _env(tmp_path: Path) -> dict[str, str]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", HOME=str(tmp_path),
               XDG_CONFIG_HOME=str(tmp_path / "cfg"), XDG_DATA_HOME=str(tmp_path / "share"),
               PYTHONPATH=str(ROOT), PYTHONIOENCODING="utf-8", PYTHONFAULTHANDLER="1")
    env.pop("CCS_EXIT_AFTER_START", None)
    env.pop("CCS_DATA_DIR", None)
    return env


def _drive(tmp_path: Path, mode: str, runs: int, timeout: float):
    return subprocess.run([sys.executable, __file__, mode, str(tmp_path), str(runs)],
                          env=_env(tmp_path), capture_output=True, text=True,
                          encoding="utf-8", timeout=timeout)


def test_wizard_then_copy_and_search_under_forced_gc_many_times(tmp_path):
    started = time.monotonic()
    done = _drive(tmp_path, "stress", 10, timeout=150)
    elapsed = time.monotonic() - started
    assert done.returncode == 0, done.stderr[-4000:]
    report = json.loads(done.stdout.strip().splitlines()[-1])
    assert report["runs"] == 10
    assert all(r["copies"] == 1 and r["copy_done"] for r in report["results"]), report
    assert all(r["searches"] >= 3 and r["gc_passes"] >= 10 for r in report["results"]), report
    assert report["thread_warnings"] == [], report
    assert elapsed < 60 or os.environ.get("CI_SLOW"), elapsed


def test_no_qt_object_is_left_to_the_garbage_collector(tmp_path):
    done = _drive(tmp_path, "census", 1, timeout=120)
    assert done.returncode == 0, done.stderr[-4000:]
    report = json.loads(done.stdout.strip().splitlines()[-1])
    assert report["checked"] >= 5, report
    assert report["orphans"] == {}, report


# --- the driver, run as a script in the subprocess --------------------------------------------

def _python_owned_orphans() -> dict[str, int]:
    """Qt objects without parent that Python owns (destroyed by a GC pass), but windows."""
    import gc

    import shiboken6
    from PySide6.QtCore import QObject
    from PySide6.QtWidgets import QApplication, QWidget

    found: dict[str, int] = {}
    for obj in gc.get_objects():
        if not isinstance(obj, QObject):
            continue
        try:
            if (not shiboken6.isValid(obj) or not shiboken6.ownedByPython(obj)
                    or obj.parent() is not None or isinstance(obj, QApplication)):
                continue
            if isinstance(obj, QWidget) and obj.isWindow():
                continue
        except RuntimeError:
            continue
        key = f"{type(obj).__module__}.{type(obj).__qualname__}:{obj.objectName()}"
        found[key] = found.get(key, 0) + 1
    return found


def _finish_wizard(wizard) -> None:  # noqa: ANN001
    wizard.next()
    form = wizard.committee_page.form
    form.region.setCurrentText("Tombouctou")
    form.cercle.setCurrentText("Goundam")
    form.commune.setCurrentText("Alafia")
    wizard.next()
    wizard.officers_page.chair.given.setText("Hamidou")
    wizard.officers_page.chair.family.setText("TOURÉ")
    wizard.officers_page.secretary.given.setText("Aminata")
    wizard.officers_page.secretary.family.setText("CISSÉ")
    wizard.next()
    wizard.members_page.table.paste_text("Yehya KONTA\tH\tChef de village\n"
                                         "Fadimata Walet MOHAMED\tF\tCAFO\n")
    wizard.button(wizard.WizardButton.FinishButton).click()


def _run_once(data_dir: Path, mode: str, thread_warnings: list[str]) -> dict:
    import gc
    import threading

    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    import ccs_desktop.ui.exchange as dialogs
    from ccs_desktop import app as appmod
    from ccs_desktop.ui.wizard import SetupWizard

    result = {"copies": 0, "copy_done": False, "searches": 0, "gc_passes": 0,
              "orphans": {}, "checked": 0}
    copies: list[threading.Thread] = []
    real_start = dialogs.on_start_auto_backup

    def start_copy(db, wait=False):  # noqa: ANN001, ANN202
        thread = real_start(db, wait)
        copies.append(thread)
        return thread

    dialogs.on_start_auto_backup = start_copy
    appmod.AUTO_COPY_DELAY_MS = 30  # the first copy starts as the wizard closes
    stop = threading.Event()

    def collect_on_a_thread() -> None:  # what an allocation on a worker thread may trigger
        while not stop.is_set():
            gc.collect()
            result["gc_passes"] += 1
            time.sleep(0.01)  # lets the GUI thread run between passes

    def window():  # noqa: ANN202
        return next(w for w in QApplication.topLevelWidgets()
                    if w.objectName() == "mainWindow")

    def drive() -> None:
        wizard = QApplication.activeModalWidget()
        if not isinstance(wizard, SetupWizard):
            QTimer.singleShot(5, drive)
            return
        collector.start()
        _finish_wizard(wizard)

    def after_wizard(win) -> None:  # noqa: ANN001
        if mode == "census":
            census(win)
            return
        page = win.go_to("people")
        deadline = time.monotonic() + 8
        words = iter(["to", "ko", "am", "ha", "a", "fad", "yeh"] * 50)
        model = page.model

        def on_reloaded() -> None:
            result["searches"] += 1

        model.reloaded.connect(on_reloaded)

        def step() -> None:
            gc.collect()
            copy_running = any(t is not None and t.is_alive() for t in copies)
            if (copies and not copy_running and result["searches"] >= 3
                    and result["gc_passes"] >= 10):
                result["copy_done"] = True
                stop.set()
                win.close()
                return
            if time.monotonic() > deadline:
                stop.set()
                win.close()
                return
            if not model.loading:
                page.search_edit.setText(next(words))
                page.apply_search()
            QTimer.singleShot(5, step)

        step()

    def census(win) -> None:  # noqa: ANN001
        checked = 0
        for key in win.page_keys:
            win.go_to(key)
            QApplication.processEvents()
            checked += 1
        for kind in ("people", "meetings", "threats"):
            editor = win.open_record(kind, None)
            QApplication.processEvents()
            if editor is not None:
                editor.close()
            checked += 1
        win.apply_language("en")
        QApplication.processEvents()
        win.apply_language("fr")
        QApplication.processEvents()
        checked += 1
        gc.collect()
        result["orphans"] = _python_owned_orphans()
        result["checked"] = checked
        stop.set()
        win.close()

    collector = threading.Thread(target=collect_on_a_thread, daemon=True)
    real_after_start = appmod.after_start

    def after_start(win) -> None:  # noqa: ANN001
        QTimer.singleShot(0, drive)
        real_after_start(win)  # runs the wizard (modal) until drive() finished it
        QTimer.singleShot(0, lambda: after_wizard(win))

    appmod.after_start = after_start
    try:
        code = appmod.main(["--data-dir", str(data_dir)])
    finally:
        stop.set()
        appmod.after_start = real_after_start
        dialogs.on_start_auto_backup = real_start
    if collector.is_alive():
        collector.join(5)
    assert code == 0, code
    result["copies"] = len(copies)
    del window
    return result


def _main(mode: str, folder: Path, runs: int) -> int:
    from PySide6.QtCore import QtMsgType, qInstallMessageHandler

    thread_warnings: list[str] = []

    def handler(kind, _context, message) -> None:  # noqa: ANN001
        if "thread" in message.lower() and kind != QtMsgType.QtDebugMsg:
            thread_warnings.append(message)
        if "propagateSizeHints" not in message:
            sys.stderr.write(message + "\n")

    qInstallMessageHandler(handler)
    import shutil

    from ccs_desktop.db.engine import open_database
    from ccs_desktop.paths import DB_FILENAME

    template = folder / "template"
    open_database(template).close()  # migrated once, copied for each run (no committee)
    results = []
    for n in range(runs):
        began = time.monotonic()
        data = folder / f"data{n}"
        data.mkdir()
        sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # tests/rawdb.py
        import rawdb

        rawdb.copy_database(template, data)
        results.append(_run_once(data, mode, thread_warnings))
        results[-1]["seconds"] = round(time.monotonic() - began, 2)
    report = {"runs": len(results), "results": results, "thread_warnings": thread_warnings}
    if mode == "census":
        report["orphans"] = results[0]["orphans"]
        report["checked"] = results[0]["checked"]
    print(json.dumps(report))
    return 0


if __name__ == "__main__":
    sys.exit(_main(sys.argv[1], Path(sys.argv[2]), int(sys.argv[3])))
