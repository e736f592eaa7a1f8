"""The one seam between the screens and the native dialogs that ask the user something.

    from . import prompts
    if prompts.current().ask_yes_no(self, title, text):
        ...
    path = prompts.current().choose_file(self, title, filters, mode=prompts.SAVE)

Every question (yes or no, a passphrase, a file or a folder, a message to read) goes through
the installed `Prompts`; tests install a `ScriptedPrompts` (`with prompts.replaced(fake):`),
which answers without any dialog and records what was asked. The callers give their own
(translated) titles and texts: the seam adds no text of its own.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtWidgets import QFileDialog, QInputDialog, QLineEdit, QMessageBox, QWidget

OPEN, OPEN_MANY, SAVE, FOLDER = "open", "open_many", "save", "folder"


class Prompts:
    """The native dialogs (the application's; tests replace the whole object)."""

    def ask_yes_no(self, parent: QWidget | None, title: str, text: str, *,
                   yes_text: str = "", warning: bool = False) -> bool:
        """True for yes. With `yes_text`, the question offers that button and Cancel;
        otherwise Yes and No. The safe answer (No, Cancel) is the default and what closing
        the box answers."""
        icon = QMessageBox.Icon.Warning if warning else QMessageBox.Icon.Question
        box = QMessageBox(icon, title, text, parent=parent)
        if yes_text:
            yes = box.addButton(yes_text, QMessageBox.ButtonRole.AcceptRole)
            box.addButton(QMessageBox.StandardButton.Cancel)
            box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        else:
            yes = box.addButton(QMessageBox.StandardButton.Yes)
            box.addButton(QMessageBox.StandardButton.No)
            box.setDefaultButton(QMessageBox.StandardButton.No)
            box.setEscapeButton(QMessageBox.StandardButton.No)
        box.exec()
        return box.clickedButton() is yes

    def ask_passphrase(self, parent: QWidget | None, title: str, label: str) -> str | None:
        """A secret typed once (hidden); None when the user cancels."""
        text, ok = QInputDialog.getText(parent, title, label, QLineEdit.EchoMode.Password)
        return str(text) if ok else None

    def choose_file(self, parent: QWidget | None, title: str, filters: str = "", *,
                    start: str = "", mode: str = OPEN) -> Any:
        """A path ("" when cancelled): OPEN an existing file, SAVE a new one, FOLDER a
        folder; OPEN_MANY gives a list of paths ([] when cancelled)."""
        if mode == OPEN_MANY:
            paths, _ = QFileDialog.getOpenFileNames(parent, title, start, filters)
            return list(paths)
        if mode == SAVE:
            path, _ = QFileDialog.getSaveFileName(parent, title, start, filters)
            return str(path)
        if mode == FOLDER:
            return str(QFileDialog.getExistingDirectory(parent, title, start))
        if mode != OPEN:
            raise ValueError(mode)
        path, _ = QFileDialog.getOpenFileName(parent, title, start, filters)
        return str(path)

    def inform(self, parent: QWidget | None, title: str, text: str, *,
               warning: bool = False) -> None:
        """A message to read (a warning when something went wrong)."""
        if warning:
            QMessageBox.warning(parent, title, text)
        else:
            QMessageBox.information(parent, title, text)

    def about(self, parent: QWidget | None, title: str, text: str) -> None:
        """The application's "About" box."""
        QMessageBox.about(parent, title, text)

    def run_dialog(self, dialog: QWidget, modal: bool = True) -> int:
        """Show one of our own dialogs: modal (its exec() result) or not (0)."""
        if modal:
            return dialog.exec()
        dialog.show()
        return 0


@dataclass
class ScriptedPrompts(Prompts):
    """For tests: answers from `answers` (by method name; a list is consumed in order) and
    records every question in `asked` as (method, title, text)."""

    answers: dict[str, Any] = field(default_factory=dict)
    asked: list[tuple[str, str, str]] = field(default_factory=list)

    _DEFAULTS = {"ask_yes_no": False, "ask_passphrase": None, "choose_file": "",
                 "inform": None, "about": None, "run_dialog": 0}

    def _answer(self, method: str, title: str, text: str) -> Any:
        self.asked.append((method, title, text))
        answer = self.answers.get(method, self._DEFAULTS[method])
        if isinstance(answer, list):
            return answer.pop(0) if answer else self._DEFAULTS[method]
        return answer(title, text) if callable(answer) else answer

    def ask_yes_no(self, parent: QWidget | None, title: str, text: str, *,
                   yes_text: str = "", warning: bool = False) -> bool:
        return bool(self._answer("ask_yes_no", title, text))

    def ask_passphrase(self, parent: QWidget | None, title: str, label: str) -> str | None:
        return self._answer("ask_passphrase", title, label)

    def choose_file(self, parent: QWidget | None, title: str, filters: str = "", *,
                    start: str = "", mode: str = OPEN) -> Any:
        answer = self._answer("choose_file", title, start)
        if mode == OPEN_MANY:
            return list(answer) if isinstance(answer, (list, tuple)) else ([answer] if answer
                                                                          else [])
        return answer

    def inform(self, parent: QWidget | None, title: str, text: str, *,
               warning: bool = False) -> None:
        self._answer("inform", title, text)

    def about(self, parent: QWidget | None, title: str, text: str) -> None:
        self._answer("about", title, text)

    def run_dialog(self, dialog: QWidget, modal: bool = True) -> int:
        return int(self._answer("run_dialog", dialog.windowTitle(), "") or 0)


_current: Prompts = Prompts()


def current() -> Prompts:
    """The prompts in force (the native dialogs, unless a test installed others)."""
    return _current


def install(prompts: Prompts) -> Prompts:
    """Put `prompts` in force; returns the previous ones."""
    global _current
    previous, _current = _current, prompts
    return previous


@contextlib.contextmanager
def replaced(prompts: Prompts) -> Iterator[Prompts]:
    previous = install(prompts)
    try:
        yield prompts
    finally:
        install(previous)
