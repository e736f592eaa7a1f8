"""Undoable actions (QUndoCommand) that call the services, and the confirmations and
refusals they show through the prompt seam (ui/prompts.py).

`delete_with_undo(kind, record_id, services, undo_stack, parent)` is what list pages and
editors call to delete: it asks first (`confirm`, which tests replace), then pushes a
`DeleteRecordCommand` whose undo puts the record back (Ctrl+Z).
"""

from __future__ import annotations

from typing import Any, Callable

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QUndoCommand, QUndoStack
from PySide6.QtWidgets import QWidget

from ..domain.kinds import KINDS
from ..services.errors import UserError
from . import prompts



def confirm(parent: QWidget | None, text: str) -> bool:
    """Ask a yes/no question ("No" by default) through the prompt seam (ui/prompts.py);
    tests install a ScriptedPrompts there or monkeypatch this function."""
    return prompts.current().ask_yes_no(
        parent, QCoreApplication.translate("Commands", "Confirm"), text)


def inform(parent: QWidget | None, text: str) -> None:
    """Show a refusal or an error (French message from the services) through the prompt
    seam. Tests replace it (or the seam)."""
    prompts.current().inform(parent, QCoreApplication.translate("Commands", "CCS Desktop"), text,
                             warning=True)


def service_for(services: Any, kind: str) -> Any:
    if kind not in KINDS:
        raise ValueError(f"unknown record kind {kind!r}")
    return getattr(services, kind)


def describe(services: Any, kind: str, record_id: int) -> str:
    """A short name of the record for prompts and the undo history."""
    try:
        obj = service_for(services, kind).detail(record_id)
    except UserError:
        return f"#{record_id}"
    if kind == "people":
        return obj.display_name
    if kind == "meetings":
        return obj.reference
    if kind == "recommendations":
        text = obj.text or ""
        return text[:60] + ("…" if len(text) > 60 else "")
    return getattr(obj, "title", "") or f"#{record_id}"


def delete_question(kind: str, name: str) -> str:
    # the literal strings are listed for lupdate
    texts = {
        "meetings": QCoreApplication.translate("Commands", "Delete the meeting “{name}”?"),
        "threats": QCoreApplication.translate("Commands", "Delete the threat “{name}”?"),
        "vulnerabilities": QCoreApplication.translate(
            "Commands", "Delete the vulnerability “{name}”?"),
        "recommendations": QCoreApplication.translate(
            "Commands", "Delete the recommendation “{name}”?"),
        "activities": QCoreApplication.translate("Commands", "Delete the activity “{name}”?"),
        "people": QCoreApplication.translate(
            "Commands", "Delete “{name}” from the members and guests?"),
    }
    hint = QCoreApplication.translate("Commands", "You can undo this with Ctrl+Z.")
    return texts[kind].format(name=name) + "\n" + hint


class ServiceCommand(QUndoCommand):
    """A command whose redo/undo call a service; a refusal (UserError) is reported through
    `on_error` and marks the command obsolete so that the stack forgets it."""

    def __init__(self, text: str, on_error: Callable[[str], None] | None = None) -> None:
        super().__init__(text)
        self.on_error = on_error
        self.error: str | None = None
        self.done = False

    def _run(self, fn: Callable[[], Any]) -> bool:
        try:
            fn()
        except UserError as exc:
            self.error = str(exc)
            self.setObsolete(True)
            if self.on_error is not None:
                self.on_error(self.error)
            return False
        return True


class DeleteRecordCommand(ServiceCommand):
    """redo: service.delete(id) (a tombstone; keeps the content); undo: service.undelete."""

    def __init__(self, services: Any, kind: str, record_id: int, name: str = "",
                 on_error: Callable[[str], None] | None = None,
                 on_change: Callable[[], None] | None = None) -> None:
        super().__init__(QCoreApplication.translate("Commands", "Delete {name}").format(
            name=name or f"#{record_id}"), on_error)
        self.service = service_for(services, kind)
        self.kind = kind
        self.record_id = record_id
        self.saved: dict[str, Any] | None = None
        self.on_change = on_change

    def redo(self) -> None:
        def do() -> None:
            self.saved = self.service.delete(self.record_id)

        if self._run(do):
            self.done = True
            if self.on_change:
                self.on_change()

    def undo(self) -> None:
        if self.saved is None:
            return

        def do() -> None:
            self.service.undelete(self.record_id, self.saved)

        if self._run(do):
            self.done = False
            if self.on_change:
                self.on_change()


class CallCommand(ServiceCommand):
    """A generic undoable pair of calls (e.g. remove an agenda item / put it back)."""

    def __init__(self, text: str, do: Callable[[], Any], undo: Callable[[], Any],
                 on_error: Callable[[str], None] | None = None,
                 on_change: Callable[[], None] | None = None) -> None:
        super().__init__(text, on_error)
        self._do, self._undo, self.on_change = do, undo, on_change

    def redo(self) -> None:
        if self._run(self._do) and self.on_change:
            self.on_change()

    def undo(self) -> None:
        if self._run(self._undo) and self.on_change:
            self.on_change()


def delete_with_undo(kind: str, record_id: int, services: Any, undo_stack: QUndoStack,
                     parent: QWidget | None = None, ask: bool = True,
                     on_change: Callable[[], None] | None = None) -> bool:
    """Ask, then delete through the undo stack. Returns True when the record was deleted.
    A refusal (an adopted PV) is shown to the user and nothing is pushed."""
    name = describe(services, kind, record_id)
    if ask and not confirm(parent, delete_question(kind, name)):
        return False
    command = DeleteRecordCommand(services, kind, record_id, name,
                                  on_error=lambda msg: inform(parent, msg), on_change=on_change)
    undo_stack.push(command)  # push() runs redo()
    return command.done
