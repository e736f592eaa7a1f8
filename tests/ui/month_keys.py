"""Typing as a keyboard does, accents included, for the issue 15 tests (QTest's keyClicks
only knows ASCII)."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication


def type_text(qtbot, widget, text: str) -> None:  # noqa: ANN001
    for ch in text:
        if ch.isascii():
            qtbot.keyClicks(widget, ch)
        else:
            for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
                QApplication.sendEvent(widget, QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier,
                                                         ch))


class ConfirmingPrompts:
    """The application's prompts, but the coherence question (« Avant de continuer ») is
    answered `answer` and recorded in `asked`; every other dialog is the real one."""

    def __new__(cls, answer: bool = True):  # noqa: ANN204
        from ccs_desktop.ui import prompts

        class _Confirming(prompts.Prompts):
            def __init__(self) -> None:
                self.answer = answer
                self.asked: list[str] = []

            def ask_yes_no(self, parent, title, text, **kw):  # noqa: ANN001, ANN003, ANN201
                if title in ("Avant de continuer", "Before going on"):
                    self.asked.append(text)
                    return self.answer
                return super().ask_yes_no(parent, title, text, **kw)

        return _Confirming()
