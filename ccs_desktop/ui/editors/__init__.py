"""Editors for every kind of record, and the meeting workflow.

The main window calls:
- `open_editor(kind, record_id, parent)`: shows (non-modal) and returns the editor; its
  `changed` signal fires after each save so that the list refreshes.
- `delete_with_undo(kind, record_id, services, undo_stack, parent)`: asks, deletes, Ctrl+Z
  puts it back.
- `pending_drafts(data_dir)`: drafts left by a crash or a power cut, to offer at start.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QWidget

from ...domain.kinds import KINDS
from ..commands import DeleteRecordCommand, confirm, delete_with_undo
from ..drafts import pending_drafts



def editor_class(kind: str) -> type:
    from .meeting import MeetingEditor
    from .people import PersonEditor
    from .records import ActivityEditor, RecommendationEditor
    from .threats import ThreatEditor, VulnerabilityEditor

    classes = {"meetings": MeetingEditor, "threats": ThreatEditor,
               "vulnerabilities": VulnerabilityEditor, "recommendations": RecommendationEditor,
               "activities": ActivityEditor, "people": PersonEditor}
    if kind not in classes:
        raise ValueError(f"unknown record kind {kind!r}")
    return classes[kind]


def _services_of(parent: Any) -> Any:
    """The parent's services (the main window's), or services over the parent's database."""
    services = getattr(parent, "services", None)
    if services is None:
        from ...services.hub import Services

        db = getattr(parent, "db", None)
        if db is None:
            raise ValueError("open_editor needs a parent with .services or .db")
        services = Services(db)
    return services


def open_editor(kind: str, record_id: int | None, parent: QWidget | None = None,
                show: bool = True, **kwargs: Any) -> QWidget:
    """Create (record_id None) or edit one record. Reads `.services` and `.undo_stack` from
    `parent` (the main window); a parent with only `.db` gets services over it."""
    services = _services_of(parent)
    stack = getattr(parent, "undo_stack", None)
    if stack is None:
        stack = QUndoStack(parent if isinstance(parent, QWidget) else None)
    widget_parent = parent if isinstance(parent, QWidget) else None
    editor = editor_class(kind)(services, stack, record_id, widget_parent, **kwargs)
    if show:
        editor.show()
    return editor


__all__ = ["open_editor", "editor_class", "delete_with_undo", "DeleteRecordCommand", "confirm",
           "pending_drafts", "KINDS"]
