"""The one background-task helper (ui/tasks.py): outcome on the GUI thread, a newer request
drops the older result, cancel stops a long job, errors arrive as errors, and an owner
deleted while its job runs leaves nothing on stderr."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
from pathlib import Path

from PySide6.QtCore import QObject, QThread, QThreadPool

from ccs_desktop.ui import tasks
from ccs_desktop.ui.tasks import Cancelled, TaskRunner

ROOT = Path(__file__).resolve().parents[2]


def _gui_thread() -> QThread:
    from PySide6.QtCore import QCoreApplication

    return QCoreApplication.instance().thread()


def test_result_and_progress_arrive_on_the_gui_thread(qtbot):
    owner = QObject()
    runner = TaskRunner(owner)
    seen: dict = {"progress": []}

    def work(control):
        seen["worker"] = threading.get_ident()
        for i in range(3):
            control.progress(i + 1, 3, f"step {i + 1}")
        return 42

    def done(value):
        seen["done"] = (value, QThread.currentThread() is _gui_thread())

    def progress(d, t, text):
        seen["progress"].append((d, t, text, QThread.currentThread() is _gui_thread()))

    runner.start(work, on_done=done, on_progress=progress)
    qtbot.waitUntil(lambda: "done" in seen, timeout=5000)
    assert seen["done"] == (42, True)
    assert seen["worker"] != threading.get_ident()
    assert seen["progress"] == [(1, 3, "step 1", True), (2, 3, "step 2", True),
                                (3, 3, "step 3", True)]
    assert not runner.busy


def test_a_newer_request_drops_the_older_result(qtbot):
    owner = QObject()
    runner = TaskRunner(owner, one_at_a_time=False)
    gate = threading.Event()
    delivered = []

    def slow(_control):
        gate.wait(5)
        return "old"

    runner.start(slow, on_done=delivered.append)
    runner.start(lambda _c: "new", on_done=delivered.append)
    qtbot.waitUntil(lambda: delivered == ["new"], timeout=5000)
    gate.set()
    QThreadPool.globalInstance().waitForDone(5000)
    qtbot.wait(50)
    assert delivered == ["new"]  # the older result came back and was dropped


def test_one_at_a_time_runs_the_first_and_the_last_of_many_requests(qtbot):
    owner = QObject()
    runner = TaskRunner(owner)
    gate = threading.Event()
    ran, delivered = [], []

    def job(n):
        def work(_control):
            ran.append(n)
            if n == 0:
                gate.wait(5)
            return n
        return work

    runner.start(job(0), on_done=delivered.append)
    qtbot.waitUntil(lambda: ran == [0], timeout=5000)  # the first one runs
    for n in range(1, 10):
        runner.start(job(n), on_done=delivered.append)
    gate.set()
    qtbot.waitUntil(lambda: delivered == [9], timeout=5000)
    assert ran == [0, 9] and runner.started == 2


def test_jobs_that_do_not_supersede_all_deliver_and_can_be_waited_for(qtbot):
    owner = QObject()
    runner = TaskRunner(owner)
    delivered = []
    first = runner.start(lambda _c: (time.sleep(0.1), "a")[1], on_done=delivered.append,
                         supersede=False)
    second = runner.start(lambda _c: "b", on_done=delivered.append, supersede=False)
    assert first.wait(5) and second.wait(5)  # without the event loop
    qtbot.waitUntil(lambda: len(delivered) == 2, timeout=5000)
    assert sorted(delivered) == ["a", "b"]


def test_cancel_stops_a_long_job(qtbot):
    owner = QObject()
    runner = TaskRunner(owner)
    steps, outcome = [], []

    def long_job(control):
        for i in range(500):
            control.check()
            steps.append(i)
            time.sleep(0.01)
        return "finished"

    runner.start(long_job, on_done=outcome.append, on_fail=outcome.append)
    qtbot.waitUntil(lambda: len(steps) >= 3, timeout=5000)
    runner.cancel()
    qtbot.waitUntil(lambda: not runner.busy, timeout=5000)
    qtbot.wait(50)
    assert outcome == []  # neither a result nor an error: cancelled work says nothing
    assert len(steps) < 100  # stopped long before its five seconds


def test_an_exception_arrives_as_an_error_on_the_gui_thread(qtbot):
    owner = QObject()
    runner = TaskRunner(owner)
    failures = []

    def broken(_control):
        raise ValueError("broken")

    runner.start(broken, on_done=lambda v: failures.append(("done", v)),
                 on_fail=lambda exc: failures.append(
                     (exc, QThread.currentThread() is _gui_thread())))
    qtbot.waitUntil(lambda: bool(failures), timeout=5000)
    [(exc, on_gui)] = failures
    assert isinstance(exc, ValueError) and str(exc) == "broken" and on_gui


def test_the_control_is_a_small_object_with_a_flag(qtbot):
    control = tasks.TaskControl()
    assert not control.cancelled
    control.check()
    control.cancel()
    assert control.cancelled
    try:
        control.check()
    except Cancelled:
        pass
    else:  # pragma: no cover
        raise AssertionError("check() raises once cancelled")


def test_no_qt_object_per_job(qtbot):
    """Only the dispatcher carries signals: nothing is created per job for a worker to
    release (issue 19)."""
    import gc

    owner = QObject()
    runner = TaskRunner(owner)
    done = []
    for _ in range(5):
        runner.start(lambda _c: 1, on_done=done.append)
    qtbot.waitUntil(lambda: bool(done), timeout=5000)
    carriers = [o for o in gc.get_objects() if isinstance(o, tasks._Dispatcher)]
    assert carriers == [tasks._dispatcher]
    assert tasks._jobs == {} or not any(j.runner() is runner for j in tasks._jobs.values())


def test_deleting_the_owner_while_a_job_runs_prints_nothing(tmp_path):
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(ROOT),
               PYTHONFAULTHANDLER="1")
    for mode in ("wait", "exit"):
        done = subprocess.run([sys.executable, __file__, mode], env=env, capture_output=True,
                              text=True, timeout=60)
        assert done.returncode == 0, (mode, done.stderr)
        assert done.stderr == "", (mode, done.stderr)
        assert done.stdout.split() == ["ok"], (mode, done.stdout)


def _drive(mode: str) -> None:
    """In the subprocess: widgets with running jobs deleted in every way, then quit."""
    import gc

    from PySide6.QtCore import QCoreApplication, QEvent
    from PySide6.QtWidgets import QApplication, QLabel, QWidget

    app = QApplication([])
    calls = []
    for round_ in range(5):
        parent = QWidget()
        child = QLabel(parent)  # Qt owns it: deleted with its parent
        orphan = QLabel()  # Python owns it: released by the last reference
        for owner in (parent, child, orphan):
            runner = TaskRunner(owner)
            owner.runner = runner

            def work(control, n=round_):
                for _ in range(30):
                    control.progress(1, 2, "x")
                    time.sleep(0.002)
                return n

            # the callbacks use their owner: called after its deletion, they would raise
            runner.start(work, on_done=lambda v, o=owner: calls.append((o.objectName(), v)),
                         on_progress=lambda *a, o=owner: o.objectName())
        orphan.setObjectName("orphan")  # alive while its callbacks hold it: delivered
        time.sleep(0.01)
        parent.deleteLater()
        del orphan, child, owner, runner
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        del parent
        gc.collect()
        app.processEvents()
    if mode == "wait":
        QThreadPool.globalInstance().waitForDone(5000)
        for _ in range(5):
            app.processEvents()
            gc.collect()
    # only the Python-owned label, kept alive by its own callbacks, heard its result
    assert {name for name, _v in calls} <= {"orphan"}, calls
    print("ok")


if __name__ == "__main__":
    _drive(sys.argv[1])
