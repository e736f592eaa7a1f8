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

    from PySide6.QtWidgets import QApplication

    from .ui.main_window import create_main_window
    from .ui.i18n import install_translators

    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("CCS Desktop")
    app.setOrganizationName("CCS-Desktop")
    install_translators(app, args.lang)
    window = create_main_window(db)
    window.show()
    if os.environ.get("CCS_EXIT_AFTER_START"):  # smoke tests: start, show, quit
        from PySide6.QtCore import QTimer

        QTimer.singleShot(0, app.quit)
    code = app.exec()
    db.close()
    return code


def _fatal(message: str) -> int:
    print(f"ccs-desktop : {message}", file=sys.stderr)
    try:
        from PySide6.QtWidgets import QApplication, QMessageBox

        app = QApplication.instance() or QApplication(sys.argv[:1])  # noqa: F841
        QMessageBox.critical(None, "CCS Desktop", message)
    except Exception:  # noqa: BLE001  (no display: the message went to stderr)
        pass
    return 1
