"""« Aide › Guide du secrétaire »: the guide (services/guide.py) in a window of its own,
and saved as PDF to print. `install_help_menu(window, menu)` adds the entry to a menu."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (QDialog, QDialogButtonBox, QPushButton, QTextBrowser,
                               QVBoxLayout, QWidget)

from . import prompts


class GuideDialog(QDialog):
    """The guide, readable while the application stays usable (not modal)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        from ..services.guide import guide_text

        super().__init__(parent)
        self.setWindowTitle(self.tr("Secretary's guide"))
        self.browser = QTextBrowser(self)
        self.browser.setObjectName("guide")
        self.browser.setOpenExternalLinks(False)
        self.browser.setMarkdown(guide_text())
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.save_pdf = QPushButton(self.tr("Save as PDF to print…"), self)
        buttons.addButton(self.save_pdf, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        self.save_pdf.clicked.connect(self.export_pdf)
        layout = QVBoxLayout(self)
        layout.addWidget(self.browser)
        layout.addWidget(buttons)
        self.resize(720, 640)

    def export_pdf(self) -> str:
        """Ask where, write the guide's PDF there; the path ("" when cancelled)."""
        from ..fileio import os_error_text, write_atomically
        from ..services.guide import render_guide_pdf

        path = prompts.current().choose_file(
            self, self.tr("Save the guide as PDF"), self.tr("PDF documents (*.pdf)"),
            start=self.tr("Secretary's guide.pdf"), mode=prompts.SAVE)
        if not path:
            return ""
        try:
            write_atomically(path, render_guide_pdf())
        except OSError as exc:
            prompts.current().inform(self, self.windowTitle(), self.tr(
                "The guide could not be written: {error}").format(error=os_error_text(exc)), warning=True)
            return ""
        return path


def open_guide(parent: QWidget | None = None) -> GuideDialog:
    dialog = GuideDialog(parent)
    prompts.current().run_dialog(dialog, modal=False)
    return dialog


def install_help_menu(window: Any, menu: Any) -> QAction:
    """Add « Guide du secrétaire » (F1) at the top of the Help menu `menu` of `window`."""
    action = QAction(QCoreApplication.translate("GuideDialog", "&Secretary's guide"), window)
    action.setObjectName("action_guide")
    action.setShortcut(QKeySequence.StandardKey.HelpContents)
    action.triggered.connect(lambda _=False: setattr(window, "_guide", open_guide(window)))
    first = menu.actions()[0] if menu.actions() else None
    menu.insertAction(first, action)
    return action
