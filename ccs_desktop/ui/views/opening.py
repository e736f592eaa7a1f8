"""Opening a record's editor (written in ui/editors) from any list."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QWidget

from ..editors import open_editor as _open_editor


def load_open_editor() -> Any:
    """`ui.editors.open_editor` (tests replace it)."""
    return _open_editor


def open_record(kind: str, record_id: int | None, window: QWidget) -> Any:
    """Open the editor of one record (None: a new record); refresh the lists afterwards."""
    editor = load_open_editor()(kind, record_id, window)
    refresh = getattr(window, "refresh_all", None)
    changed = getattr(editor, "changed", None)
    if changed is not None and hasattr(changed, "connect"):
        if refresh is not None:
            changed.connect(lambda *_: refresh())
    elif editor is not None and hasattr(editor, "exec"):
        editor.exec()
        if refresh is not None:
            refresh()
    elif refresh is not None:
        refresh()
    return editor
