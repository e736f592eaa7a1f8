"""« Aide › Guide du secrétaire »: the guide (services/guide.py) in a window of its own, with
the screenshots the build took (none when running from source: text only), and saved as PDF
to print. `install_help_menu(window, menu)` adds it and « Visite guidée » (ui/tour.py) to a
menu."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, QUrl
from PySide6.QtGui import (QAction, QImageReader, QKeySequence, QTextCursor,
                           QTextImageFormat)
from PySide6.QtWidgets import (QDialog, QDialogButtonBox, QPushButton, QTextBrowser,
                               QVBoxLayout, QWidget)

from . import prompts


class GuideDialog(QDialog):
    """The guide, readable while the application stays usable (not modal)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        from ..services.guide import guide_markdown

        super().__init__(parent)
        self.setWindowTitle(self.tr("Secretary's guide"))
        self.browser = QTextBrowser(self)
        self.browser.setObjectName("guide")
        self.browser.setOpenExternalLinks(False)
        self.browser.setMarkdown(guide_markdown())
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.save_pdf = QPushButton(self.tr("Save as PDF to print…"), self)
        buttons.addButton(self.save_pdf, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        self.save_pdf.clicked.connect(self.export_pdf)
        layout = QVBoxLayout(self)
        layout.addWidget(self.browser)
        layout.addWidget(buttons)
        self.resize(720, 640)
        self._fitted = 0

    def _image_fragments(self) -> list[Any]:
        """The text fragments that are pictures, in order."""
        found = []
        block = self.browser.document().begin()
        while block.isValid():
            it = block.begin()
            while not it.atEnd():
                if it.fragment().charFormat().isImageFormat():
                    found.append(it.fragment())
                it += 1
            block = block.next()
        return found

    def images(self) -> list[QTextImageFormat]:
        """The pictures the guide shows (their formats, in order)."""
        return [f.charFormat().toImageFormat() for f in self._image_fragments()]

    def fit_images(self) -> None:
        """Each picture as wide as the text area at most (a screenshot is 1024 px wide)."""
        room = max(200, self.browser.viewport().width() - 24)
        if room == self._fitted:
            return
        self._fitted = room
        cursor = QTextCursor(self.browser.document())
        for fragment in self._image_fragments():
            image = fragment.charFormat().toImageFormat()
            natural = QImageReader(QUrl(image.name()).toLocalFile()).size()
            if natural.width() <= 0:
                continue
            width = min(natural.width(), room)
            image.setWidth(width)
            image.setHeight(natural.height() * width / natural.width())
            cursor.setPosition(fragment.position())
            cursor.setPosition(fragment.position() + fragment.length(),
                               QTextCursor.MoveMode.KeepAnchor)
            cursor.setCharFormat(image)

    def resizeEvent(self, event: Any) -> None:  # noqa: N802  (Qt's name)
        super().resizeEvent(event)
        self.fit_images()

    def showEvent(self, event: Any) -> None:  # noqa: N802  (Qt's name)
        super().showEvent(event)
        self.fit_images()

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
                "The guide could not be written: {error}").format(error=os_error_text(exc)),
                warning=True)
            return ""
        return path


def open_guide(parent: QWidget | None = None) -> GuideDialog:
    dialog = GuideDialog(parent)
    prompts.current().run_dialog(dialog, modal=False)
    return dialog


def install_help_menu(window: Any, menu: Any) -> QAction:
    """Add « Guide du secrétaire » (F1) and « Visite guidée » (ui/tour.py) at the top of the
    Help menu `menu` of `window`; returns the guide's action."""
    from .tour import install_tour_action

    first = menu.actions()[0] if menu.actions() else None
    action = install_guide_action(window, menu, first)
    install_tour_action(window, menu, first)
    return action


def install_guide_action(window: Any, menu: Any, before: Any = None) -> QAction:
    """« Guide du secrétaire » (F1) in `menu`, before the action `before` (None: at the top),
    shown in a window of its own; returns the action."""
    action = QAction(QCoreApplication.translate("GuideDialog", "&Secretary's guide"), window)
    action.setObjectName("action_guide")
    action.setShortcut(QKeySequence.StandardKey.HelpContents)
    action.triggered.connect(lambda _=False: setattr(window, "_guide", open_guide(window)))
    if before is None and menu.actions():
        before = menu.actions()[0]
    menu.insertAction(before, action)
    return action
