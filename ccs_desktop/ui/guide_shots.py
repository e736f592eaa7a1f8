"""The guide's pictures: screenshots of the application itself, taken headless on a new
demonstration database, in French, on a 1024×768 screen (issue 18). The build runs it
(packaging/ccs-desktop.spec), so the pictures never drift from the screens:

    python -m ccs_desktop.ui.guide_shots OUTDIR      # default: resources/guide/shots

Each picture is OUTDIR/<name>.png, for a name of SHOTS; the guide (resources/guide/) shows
them by these names (services/guide.py). Nothing of the user's is read or written: the
database, the data folder and the Qt settings live in a folder made in OUTDIR, deleted
after. Run it as a process of its own (it names the application and sets the Qt settings'
folder)."""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

#: the pictures, in the guide's order (name → what it shows)
SHOTS: dict[str, str] = {
    "accueil": "the home page (dashboard) of the demonstration committee",
    "reunions": "the list of meetings",
    "membre": "a member's form",
    "reunion-presences": "a held meeting, its Attendance tab",
    "reunion-ordre-du-jour": "the same meeting, its Agenda tab",
    "pv-documents": "the documents window showing the PV",
    "recommandations": "the list of recommendations",
    "sauvegarde": "the USB backup dialog",
    "transmission": "the transmission to the CRSS",
    "restauration": "the restore dialog",
}
SCREEN = (1024, 768)
MAIN_SIZE = (1024, 740)
DIALOG_SIZE = (680, 760)  # the backup dialogs without their scroll bar
RENDER_TIMEOUT_S = 60.0


def _offscreen_screen(folder: Path) -> None:
    """Qt's offscreen platform with a 1024×768 screen (before the QApplication exists)."""
    config = folder / "screen.json"
    config.write_text(json.dumps({"screens": [{
        "name": "guide", "x": 0, "y": 0, "width": SCREEN[0], "height": SCREEN[1],
        "logicalDpi": 96, "dpr": 1}]}), encoding="utf-8")
    os.environ["QT_QPA_PLATFORM"] = f"offscreen:configfile={config}"


def take_shots(outdir: Path, log: Callable[[str], None] = print) -> list[Path]:
    """Every picture of SHOTS written to `outdir` (made); their paths."""
    outdir = Path(outdir)
    outdir.mkdir(parents=True, exist_ok=True)
    # the demo's folder and the Qt settings beside the pictures (the build folder), removed
    # after: the system's temporary folder is nobody's to clean
    work = Path(tempfile.mkdtemp(prefix=".ccs-guide-shots-", dir=outdir))
    try:
        from PySide6.QtCore import qInstallMessageHandler
        from PySide6.QtWidgets import QApplication

        from .tour import ENV_TOUR

        if QApplication.instance() is None:
            _offscreen_screen(work)
        app = QApplication.instance() or QApplication(sys.argv[:1])
        previous = qInstallMessageHandler(_quiet)
        tour = os.environ.get(ENV_TOUR)
        os.environ[ENV_TOUR] = "0"  # the first-start tour would steer the main window
        try:
            return _take(app, work, outdir, log)
        finally:
            qInstallMessageHandler(previous)
            if tour is None:
                os.environ.pop(ENV_TOUR, None)
            else:
                os.environ[ENV_TOUR] = tour
    finally:
        shutil.rmtree(work, ignore_errors=True)


def _quiet(mode: Any, context: Any, message: str) -> None:
    """Qt's messages on stderr, less the offscreen platform's note on every window."""
    if "propagateSizeHints" not in message:
        sys.stderr.write(message + "\n")


def _take(app: Any, work: Path, outdir: Path, log: Callable[[str], None]) -> list[Path]:
    from PySide6.QtCore import QCoreApplication, QSettings

    from .. import i18n as core_i18n
    from ..services import access
    from ..services.demo import create_demo_database
    from ..services.records import ListQuery
    from . import i18n

    QCoreApplication.setOrganizationName("CCS-Desktop-guide-shots")
    QCoreApplication.setApplicationName("CCS Desktop guide shots")
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(work))
    core_i18n.set_language("fr")
    i18n.install_translators(app, "fr")
    data = work / "demo"
    data.mkdir()
    db = create_demo_database(data)
    access.remember_session(db.credentials)
    written: list[Path] = []

    def settle(seconds: float = 0.3) -> None:
        end = time.monotonic() + seconds
        while time.monotonic() < end:
            app.processEvents()
            time.sleep(0.02)

    def shot(name: str, widget: Any) -> None:
        assert name in SHOTS, name
        settle()
        path = outdir / f"{name}.png"
        if not widget.grab().save(str(path), "PNG"):
            raise OSError(f"{path} could not be written")
        written.append(path)
        log(f"{path.name}: {SHOTS[name]}")

    from .exchange import dialogs
    from .main_window import MainWindow

    main = MainWindow(db)
    main.resize(*MAIN_SIZE)
    main.move(0, 0)
    main.show()
    # the status bar names the database's file: here a throwaway folder of the build, which
    # the guide's reader would take for where her own data goes
    main.status_label.setText(main.status_label.text().replace(" · " + str(db.path), ""))
    try:
        main.go_to("home")
        shot("accueil", main)
        meetings = main.go_to("meetings")
        shot("reunions", main)
        main.go_to("recommendations")
        shot("recommandations", main)
        main.go_to("home")

        services = main.services
        member = next(iter(services.people.rows(ListQuery(filters={"is_member": True},
                                                          limit=1))), None)
        if member is not None:
            editor = main.open_record("people", member.id)
            shot("membre", editor)
            editor.close()
        held = [m for m in services.meetings.rows(ListQuery(limit=100))
                if m.status == "held"] or list(services.meetings.rows(ListQuery(limit=1)))
        del meetings
        editor = main.open_record("meetings", held[0].id)
        editor.tabs.setCurrentWidget(editor.attendance)
        shot("reunion-presences", editor)
        editor.tabs.setCurrentWidget(editor.agenda)
        shot("reunion-ordre-du-jour", editor)
        docs = editor.preview_minutes()
        if docs is not None:
            _wait_for_pdf(docs, settle)
            shot("pv-documents", docs)
            docs.close()
        editor.close()
        for name, make, size in (
                ("sauvegarde", lambda: dialogs.BackupDialog(services, "backup", main),
                 DIALOG_SIZE),
                ("transmission", lambda: dialogs.BackupDialog(services, "transmission", main),
                 DIALOG_SIZE),
                ("restauration", lambda: dialogs.RestoreDialog(db.data_dir, main), None)):
            with _a_usb_stick():
                dialog = make()
            if size is not None:
                dialog.resize(*size)
            dialog.show()
            shot(name, dialog)
            dialog.close()
            dialog.deleteLater()
    finally:
        main.close()
        main.deleteLater()
        settle(0.1)
        from PySide6.QtCore import QThreadPool

        QThreadPool.globalInstance().waitForDone(10000)
        db.close()
        access.remember_session(None)
    return written


@contextlib.contextmanager
def _a_usb_stick() -> Iterator[None]:
    """The backup dialogs list one USB stick, as on the secretary's PC (none is plugged in
    where the build runs)."""
    from types import SimpleNamespace

    from ..services.exchange import backup

    stick = SimpleNamespace(  # what the destination picker reads of a drive
        path=Path("E:\\") if sys.platform == "win32" else Path("/media/secretaire/CLE-CCS"),
        label="CLE-CCS", removable=True, free=7_300_000_000, total=7_800_000_000)
    real = backup.list_drives
    backup.list_drives = lambda: [stick]
    try:
        yield
    finally:
        backup.list_drives = real


def _wait_for_pdf(docs: Any, settle: Callable[[float], None]) -> None:
    """Until the documents window shows its PDF (rendered off the GUI thread)."""
    from PySide6.QtPdf import QPdfDocument

    end = time.monotonic() + RENDER_TIMEOUT_S
    while time.monotonic() < end:
        if docs.pdf and docs.document.status() == QPdfDocument.Status.Ready:
            settle(1.0)  # the view paints its pages
            return
        settle(0.1)
    raise TimeoutError("the PV was not rendered in time")


def main(argv: list[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if args and args[0] in ("-h", "--help"):
        print(__doc__)
        return 0
    from ..paths import resource_path

    outdir = Path(args[0]) if args else resource_path("guide", "shots")
    written = take_shots(outdir)
    missing = set(SHOTS) - {p.stem for p in written}
    if missing:
        print(f"not taken: {', '.join(sorted(missing))}", file=sys.stderr)
        return 1
    print(f"{len(written)} pictures in {outdir}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
