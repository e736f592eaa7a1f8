"""Import files, or every .ccsbak of a whole stick or folder, into the CRSS database."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QGroupBox, QListWidget, QPushButton, QVBoxLayout, QWidget

from ...i18n import ngettext
from ...services.crss import importer, keys
from ..exchange.common import CrssKeyBox, DestinationPicker, Prompts, set_message, \
    wrapping_label
from ..exchange.dialogs import TaskDialog
from .tables import ImportReportModel, make_table

translate = QCoreApplication.translate


class ImportDialog(TaskDialog):
    """Import files, or every .ccsbak of a whole stick or folder, into the CRSS database."""

    def __init__(self, services: Any, folder_mode: bool = False,
                 parent: QWidget | None = None,
                 on_imported: Callable[[], None] | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.folder_mode = folder_mode
        self.on_imported = on_imported
        self.files: list[str] = []
        self.reports: list[Any] = []
        self.setObjectName("importDialog")
        self.setWindowTitle(self.tr("Import a whole stick or folder") if folder_mode
                            else self.tr("Import files"))
        layout = QVBoxLayout(self)
        layout.addWidget(wrapping_label(self.tr(
            "The committees' files (.ccsbak) are checked and merged into the CRSS database, "
            "row by row, by version number. Importing the same file twice changes nothing; "
            "a damaged or foreign file is refused and logged.")))
        src = QGroupBox(self.tr("1. What to import"))
        src_layout = QVBoxLayout(src)
        if folder_mode:
            self.picker = DestinationPicker()
            src_layout.addWidget(self.picker)
        else:
            self.file_list = QListWidget()
            self.file_list.setObjectName("fileList")
            self.file_list.setMaximumHeight(110)
            choose = QPushButton(self.tr("Choose files…"))
            choose.setObjectName("chooseFiles")
            choose.clicked.connect(self.choose_files)
            src_layout.addWidget(self.file_list)
            src_layout.addWidget(choose, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(src)
        key = QGroupBox(self.tr("2. The CRSS private key"))
        self.key_box = CrssKeyBox()
        QVBoxLayout(key).addWidget(self.key_box)
        layout.addWidget(key)
        self.report_model = ImportReportModel(self)
        # the proxy has no Qt parent (make_table): this reference keeps it alive
        self.report_view, self.report_proxy = make_table(self.report_model, "reportTable")
        self.report_view.setVisible(False)
        self.report_view.setMinimumHeight(150)
        layout.addWidget(self.report_view, 1)
        self.start_button = self.add_action(self.tr("Import"), "startButton")
        self.start_button.clicked.connect(self.start)
        self.add_footer(layout)
        self.resize(860, 640)

    def choose_files(self) -> None:
        files = Prompts.open_files(self, self.tr("Choose the files to import"),
                                   self.tr("CCS files (*.ccsbak);;All files (*)"))
        if files:
            for f in files:
                if f not in self.files:
                    self.files.append(f)
            self.file_list.clear()
            self.file_list.addItems([Path(f).name for f in self.files])

    def sources(self) -> list[str]:
        if self.folder_mode:
            folder = self.picker.selected_folder()
            return [str(folder)] if folder is not None else []
        return list(self.files)

    def start(self) -> None:
        paths = self.sources()
        if not paths:
            set_message(self.result, self.tr("Choose a stick or a folder.") if self.folder_mode
                        else self.tr("Choose the files to import."), "error")
            return
        problem = self.key_box.problem()
        if problem:
            set_message(self.result, problem, "error")
            return
        unlock = self.key_box.unlocker()
        db = self.services.db

        def work(progress: Callable) -> list:
            progress(0, 1, translate("ExchangeTables", "Unlocking the CRSS key…"))
            ident = [keys.identity(unlock())]
            return importer.import_paths(db, paths, ident, progress=progress)

        self.run(work, self._done)

    def _done(self, reports: list) -> None:
        self.reports = reports
        self.report_model.set_rows(reports)
        self.report_view.setVisible(True)
        self.report_view.resizeColumnsToContents()
        ok = [r for r in reports if r.ok]
        refused = len(reports) - len(ok)
        if not reports:
            set_message(self.result, self.tr("No .ccsbak file was found there."), "warn")
        else:
            conflicts = sum(r.counts["conflicts"] for r in ok)
            # the same sentence as `ccs crss import` prints
            refused_text = ngettext("{n} refused", "{n} refused", refused).format(n=refused)
            text = ngettext("{n} file imported, {refused}.", "{n} files imported, {refused}.",
                            len(ok)).format(n=len(ok), refused=refused_text)
            if conflicts:
                text += " " + ngettext("{n} conflict to settle (page Conflicts).",
                                       "{n} conflicts to settle (page Conflicts).",
                                       conflicts).format(n=conflicts)
            # issue 12: a committee whose key is not confirmed yet (register: Signing key…)
            notices = [r.key_notice for r in ok if r.key_notice]
            if notices:
                text += "\n" + "\n".join(notices)
            set_message(self.result, text,
                        "warn" if refused or conflicts or notices else "ok")
        self.step.setText(self.tr("Done."))
        if self.on_imported is not None:
            self.on_imported()
