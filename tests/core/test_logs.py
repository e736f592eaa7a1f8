"""Issue 10: the log goes to a rotating file in the data folder, for the window and the command
line, with no record text in it; the crash hook is installed before the database is opened;
`app.main(argv)` runs in-process and returns the exit code."""

from __future__ import annotations

import logging
import os
import subprocess
import sys
import textwrap
import threading
from pathlib import Path

import pytest

from ccs_desktop import logs
from ccs_desktop.paths import LOG_DIRNAME

ROOT = Path(__file__).resolve().parents[2]
SECRET = "Réunion SECRÈTE-XQZ17 chez Awa"


def _env(tmp_path: Path) -> dict[str, str]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", HOME=str(tmp_path),
               XDG_CONFIG_HOME=str(tmp_path / "cfg"), XDG_DATA_HOME=str(tmp_path / "share"),
               PYTHONPATH=str(ROOT), PYTHONIOENCODING="utf-8")
    env.pop("CCS_DATA_DIR", None)
    env.pop("CCS_DEBUG", None)
    return env


def _log_text(data: Path) -> str:
    return (data / LOG_DIRNAME / logs.LOG_FILENAME).read_text(encoding="utf-8")


def test_a_real_start_writes_the_log_file_in_the_data_folder(tmp_path):
    data = tmp_path / "data"
    done = subprocess.run([sys.executable, "-m", "ccs_desktop", "--data-dir", str(data)],
                          env=dict(_env(tmp_path), CCS_EXIT_AFTER_START="1"),
                          capture_output=True, text=True, encoding="utf-8", timeout=120)
    assert done.returncode == 0, done.stderr
    text = _log_text(data)
    assert "starting (window)" in text and "database open" in text, text
    assert "stopped (0)" in text
    # the start before the database: the migrations of a first start are there too
    assert text.index("starting") < text.index("Running upgrade") < text.index("database open")


CRASH = textwrap.dedent("""
    import sys, threading
    from ccs_desktop import app

    SECRET = sys.argv[2]

    class Crash(BaseException):
        pass

    def prepare_database(args):  # what opens the database: it never gets there
        def work():
            raise ValueError(SECRET)
        t = threading.Thread(target=work, name="travail")
        t.start()
        t.join()
        raise Crash(SECRET)

    app.prepare_database = prepare_database
    app.main(["--data-dir", sys.argv[1]])
""")


def test_a_crash_before_the_database_opens_is_caught_by_the_hook(tmp_path):
    data = tmp_path / "data"
    done = subprocess.run([sys.executable, "-c", CRASH, str(data), SECRET], env=_env(tmp_path),
                          capture_output=True, text=True, encoding="utf-8", timeout=120)
    assert done.returncode == 1
    text = _log_text(data)
    assert "unexpected error in the thread travail" in text, text
    assert "ValueError (message not logged)" in text
    assert "ERROR ccs_desktop: unexpected error" in text and "Crash (message not logged)" in text
    assert "prepare_database" in text  # the frames are there
    assert "SECRÈTE" not in text and "Awa" not in text
    assert "Traceback" in done.stderr and SECRET in done.stderr  # the console, as before


def test_an_unexpected_cli_error_goes_to_the_file_without_its_text(tmp_path, monkeypatch,
                                                                   capsys):
    from ccs_desktop import cli
    from ccs_desktop.services.exchange import backup

    def broken(_data_dir):
        raise RuntimeError(SECRET)

    monkeypatch.setattr(backup, "clean_leftovers_at_start", broken)
    data = tmp_path / "data"
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    assert cli.main(["info", "--data-dir", str(data)]) == 1
    assert "erreur interne inattendue" in capsys.readouterr().err
    text = _log_text(data)
    assert "ccs info stopped by an unexpected error" in text
    assert "RuntimeError (message not logged)" in text and "SECRÈTE" not in text
    assert (root.handlers, root.level) == (handlers, level)  # all put back


def test_a_command_that_goes_well_leaves_nothing_in_the_data_folder(empty_db, capsys):
    from ccs_desktop import cli

    empty_db.close()
    assert cli.main(["info", "--data-dir", str(empty_db.data_dir)]) == 0
    assert not (empty_db.data_dir / LOG_DIRNAME).exists()


def test_the_file_never_holds_an_exception_text(tmp_path):
    handler = logs.LogFile(tmp_path / "j" / "ccs.log")
    logger = logging.getLogger("ccs_desktop.test_logs")
    logger.addHandler(handler)
    try:
        try:
            try:
                raise KeyError(SECRET)
            except KeyError as exc:
                raise ValueError(SECRET) from exc
        except ValueError as exc:
            logger.warning("saving failed: %s", exc)
            logger.error("saving failed", exc_info=True)
    finally:
        logger.removeHandler(handler)
        handler.close()
    text = (tmp_path / "j" / "ccs.log").read_text(encoding="utf-8")
    assert "saving failed: builtins.ValueError" in text
    assert "builtins.KeyError (message not logged)" in text
    assert "direct cause" in text and "SECRÈTE" not in text


def test_the_file_rotates_over_a_few_files_of_about_1_mb(tmp_path):
    handler = logs.LogFile(tmp_path / "ccs.log")
    logger = logging.getLogger("ccs_desktop.test_rotation")
    logger.propagate = False
    logger.addHandler(handler)
    try:
        for i in range(6000):
            logger.warning("ligne %d %s", i, "x" * 800)
    finally:
        logger.removeHandler(handler)
        handler.close()
    files = sorted(p.name for p in tmp_path.iterdir())
    assert files == ["ccs.log"] + [f"ccs.log.{n}" for n in range(1, logs.BACKUP_COUNT + 1)]
    assert all((tmp_path / f).stat().st_size <= logs.MAX_BYTES for f in files)


def test_main_runs_in_process_and_returns_the_exit_code(qapp, committee_db, monkeypatch):
    from PySide6.QtCore import QTimer

    import ccs_desktop.ui.exchange as dialogs
    from ccs_desktop import app

    monkeypatch.delenv("CCS_EXIT_AFTER_START", raising=False)
    monkeypatch.setattr(dialogs, "on_start_auto_backup", lambda db, wait=False: None)
    monkeypatch.setattr(dialogs, "on_close_auto_backup", lambda db, timeout=0: None)
    monkeypatch.setattr(app, "after_start",
                        lambda window: QTimer.singleShot(0, lambda: qapp.exit(3)))
    committee_db.close()
    hooks = (sys.excepthook, threading.excepthook)
    assert app.main(["--data-dir", str(committee_db.data_dir)]) == 3
    assert (sys.excepthook, threading.excepthook) == hooks  # put back
    assert "stopped (3)" in _log_text(committee_db.data_dir)
