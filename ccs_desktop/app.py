"""`ccs-desktop`: start-up order as in well-kept desktop apps: arguments, paths and logging,
the database opened and migrated (copied aside first), then Qt and the main window."""

from __future__ import annotations

import argparse
import logging
import os
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

log = logging.getLogger("ccs_desktop")


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="ccs-desktop",
                                     description="CCS Desktop : registres des CCS.")
    parser.add_argument("--data-dir", default=None, metavar="DOSSIER",
                        help="dossier de données (par défaut : le dossier de l'utilisateur)")
    parser.add_argument("--demo", action="store_true",
                        help="ouvre une base de démonstration neuve dans un dossier temporaire")
    parser.add_argument("--lang", default=None, choices=("fr", "en"), help="langue")
    args, _qt_args = parser.parse_known_args(argv)
    return args


def prepare_database(args: argparse.Namespace):  # noqa: ANN201
    from .db.engine import open_database

    if args.demo:
        from .services.demo import generate_demo

        folder = Path(tempfile.mkdtemp(prefix="ccs-demo-"))
        db = open_database(folder)
        generate_demo(db, seed=1)
        return db
    return open_database(args.data_dir)


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(sys.argv[1:] if argv is None else argv)
    logging.basicConfig(level=logging.WARNING, stream=sys.stderr,
                        format="%(levelname)s %(name)s: %(message)s")
    from .db.engine import DatabaseError

    try:
        db = prepare_database(args)
    except DatabaseError as exc:
        return _fatal(str(exc))

    from PySide6.QtCore import QCoreApplication, QEvent, QThreadPool, QTimer
    from PySide6.QtWidgets import QApplication

    from .ui.exchange_dialogs import on_close_auto_backup, on_start_auto_backup
    from .ui.i18n import install_translators
    from .ui.main_window import create_main_window

    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("CCS Desktop")
    app.setOrganizationName("CCS-Desktop")
    install_translators(app, args.lang)
    install_crash_dialog()
    window = create_main_window(db)
    window.show()
    if os.environ.get("CCS_EXIT_AFTER_START"):  # smoke tests: start, show, quit
        QTimer.singleShot(0, app.quit)
    else:
        QTimer.singleShot(0, lambda: after_start(window))
        if not args.demo:
            # a local copy a day, and one at close when something changed (data folder)
            QTimer.singleShot(2000, lambda: on_start_auto_backup(window.services.db))
            app.aboutToQuit.connect(lambda: on_close_auto_backup(window.services.db))
    app.aboutToQuit.connect(lambda: QThreadPool.globalInstance().waitForDone(5000))
    code = app.exec()
    db = window.services.db  # a restore may have reopened another one
    # the widgets go first, while Qt and Python are both whole, rather than in whatever order
    # the garbage collector picks at interpreter exit
    window.close()
    window.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    del window
    db.close()
    return code


def after_start(window) -> None:  # noqa: ANN001
    """Once the window shows: warn about a wrong clock, then the first-run wizard if needed."""
    from PySide6.QtWidgets import QMessageBox

    committee = window.services.committee
    try:
        warning = committee.clock_warning()
    except Exception:  # noqa: BLE001  (a warning must never stop the start)
        log.exception("clock check failed")
        warning = None
    if warning:
        QMessageBox.warning(window, "CCS Desktop", warning)
    if not committee.is_configured():
        window.run_wizard()
        return
    offer_drafts(window)


def offer_drafts(window) -> None:  # noqa: ANN001
    """After a crash or a power cut: reopen the forms whose text was not saved yet."""
    from PySide6.QtCore import QCoreApplication
    from PySide6.QtWidgets import QMessageBox

    from .services.errors import UserError
    from .ui import commands
    from .ui.drafts import discard_draft, pending_drafts

    drafts = pending_drafts(window.services.db.data_dir)
    if not drafts:
        return
    lines = "\n".join(f"• {d.summary}" for d in drafts[:8])
    question = QCoreApplication.translate(
        "Start", "Text typed before the program was closed unexpectedly (power cut?) was "
        "kept:\n\n{lines}\n\nReopen these forms to finish them?").format(lines=lines)
    if not commands.confirm(window, question):
        return
    for draft in drafts:
        try:
            window.open_record(draft.kind, draft.record_id)
        except UserError as exc:  # the record was deleted since: the draft cannot return
            QMessageBox.information(window, "CCS Desktop", str(exc))
            discard_draft(window.services.db.data_dir, draft.kind, draft.record_id)


def install_crash_dialog() -> None:
    """Unexpected errors: logged, and shown in a dialog instead of silently closing the app."""
    import traceback

    def hook(exc_type, exc, tb) -> None:  # noqa: ANN001
        text = "".join(traceback.format_exception(exc_type, exc, tb))
        log.error("unexpected error:\n%s", text)
        try:
            from PySide6.QtCore import QCoreApplication
            from PySide6.QtWidgets import QApplication, QMessageBox

            if QApplication.instance() is None:
                return
            box = QMessageBox(QMessageBox.Icon.Critical,
                              QCoreApplication.translate("Crash", "Unexpected error"),
                              QCoreApplication.translate(
                                  "Crash", "An unexpected error occurred. What was saved is "
                                  "safe; the details below help to fix the problem."))
            box.setDetailedText(text)
            box.exec()
        except Exception:  # noqa: BLE001
            sys.__excepthook__(exc_type, exc, tb)

    sys.excepthook = hook


def _fatal(message: str) -> int:
    print(f"ccs-desktop : {message}", file=sys.stderr)
    try:
        from PySide6.QtWidgets import QApplication, QMessageBox

        app = QApplication.instance() or QApplication(sys.argv[:1])  # noqa: F841
        QMessageBox.critical(None, "CCS Desktop", message)
    except Exception:  # noqa: BLE001  (no display: the message went to stderr)
        pass
    return 1
