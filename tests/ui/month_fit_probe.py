"""Run by test_month_window_fit.py in a child process whose offscreen screen has a given size:
opens every top-level window and dialog as the secretary would, grabs each one to a PNG and
prints (JSON, last line) its frame geometry and whether its buttons are within the window.

    python month_fit_probe.py DATA_DIR SHOTS_DIR
"""

from __future__ import annotations

import json
import sys
from pathlib import Path


def main(data_dir: str, shots: str) -> None:
    from PySide6.QtCore import QCoreApplication, QRect, QSettings
    from PySide6.QtWidgets import QAbstractScrollArea, QApplication, QPushButton, QWidget

    app = QApplication([])
    QCoreApplication.setOrganizationName("CCS-Desktop-fit-probe")
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, shots)
    QSettings().clear()
    from ccs_desktop.db.engine import open_database
    from ccs_desktop.ui import i18n
    from ccs_desktop.ui.exchange import dialogs
    from ccs_desktop.ui.exchange.common import set_message
    from ccs_desktop.ui.main_window import MainWindow
    from ccs_desktop.ui.wizard import SetupWizard

    i18n.install_translators(app, "fr")
    db = open_database(Path(data_dir))
    screen = app.primaryScreen().availableGeometry()
    out: dict = {"screen": [screen.width(), screen.height()], "windows": {}}

    def settle() -> None:
        for _ in range(5):
            app.processEvents()

    def measure(name: str, win: QWidget) -> None:
        settle()
        frame = win.frameGeometry()
        inside = QRect(0, 0, win.width(), win.height())
        clipped = []
        for button in win.findChildren(QPushButton):
            if not button.isVisibleTo(win) or button.window() is not win:
                continue
            parent, scrolled = button.parentWidget(), False
            while parent is not None and parent is not win:
                if isinstance(parent, QAbstractScrollArea):
                    scrolled = True
                parent = parent.parentWidget()
            if scrolled:
                continue
            rect = QRect(button.mapTo(win, button.rect().topLeft()), button.size())
            if not inside.contains(rect):
                clipped.append(button.text())
        win.grab().save(str(Path(shots) / f"{name}.png"))
        out["windows"][name] = {"frame": [frame.x(), frame.y(), frame.width(), frame.height()],
                                "clipped": clipped}

    main = MainWindow(db)
    main.show()
    measure("main", main)
    for key in ("meetings", "recommendations", "people", "settings"):
        main.go_to(key)
        measure(f"main_{key}", main)
    main.go_to("home")
    for kind in ("meetings", "threats", "vulnerabilities", "recommendations", "activities",
                 "people"):
        editor = main.open_record(kind, None)
        measure(f"new_{kind}", editor)
        editor.close()
    meeting_page = main.go_to("meetings")
    first = meeting_page.model.record_id(0)
    if first is not None:
        editor = main.open_record("meetings", first)
        measure("meeting", editor)
        docs = editor.preview_minutes()
        if docs is not None:
            measure("documents", docs)
            docs.close()
        editor.close()
    wizard = SetupWizard(main.services, main)
    wizard.show()
    measure("wizard", wizard)
    for page in range(1, 4):
        wizard.next()
        measure(f"wizard_{page}", wizard)
    wizard.close()
    made = {
        "backup": lambda: dialogs.BackupDialog(main.services, "backup", main),
        "transmission": lambda: dialogs.BackupDialog(main.services, "transmission", main),
        "restore": lambda: dialogs.RestoreDialog(db.data_dir, main),
        "keygen": lambda: dialogs.KeygenDialog(main),
        "export_key": lambda: dialogs.ExportPublicKeyDialog(main),
        "trust_key": lambda: dialogs.TrustKeyDialog(main.services, main),
    }
    for name, make in made.items():
        dialog = make()
        dialog.show()
        measure(name, dialog)
        result = getattr(dialog, "result", None)
        if result is not None:  # after success: a long result, the progress shown
            set_message(result, "\n".join(f"Ligne de résultat {n} : sauvegarde écrite et "
                                          "vérifiée." for n in range(30)), "ok")
            for part in ("progress", "step"):
                if hasattr(dialog, part):
                    getattr(dialog, part).setVisible(True)
            measure(f"{name}_done", dialog)
        dialog.close()
    main.close()
    db.close()
    print(json.dumps(out))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
