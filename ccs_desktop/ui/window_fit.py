"""One helper for "fit this window to the screen", used by the main window and every dialog.

A secretary's PC may be a 1024×768 or 1366×768 screen with a taskbar, at 125 % or 150 %
scaling (fewer logical pixels still): a window must never be taller or wider than what the
screen has left, and its buttons must stay reachable. So:

    fit_window(dialog, (720, 700), "threat")   # preferred size, remembered under a key
    scroll_body(dialog)                          # the dialog's content scrolls, buttons stay

`fit_window` sizes the window from the saved size (when a key is given) or the preferred one,
clamped to the available geometry of its screen minus the window frame, centres it on its
parent (or the screen), keeps it within the screen each time it is shown, and remembers its size
when it is hidden. `scroll_body` moves everything of a dialog's layout but its button rows into a
scroll area, so that a form longer than the screen scrolls instead of pushing the buttons away.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, QObject, QRect, QSize
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QDialogButtonBox, QFrame, QScrollArea, QVBoxLayout, QWidget,
)

from . import settings_keys as prefs

#: the window frame when the system does not tell it yet (title bar, borders)
FRAME_GUESS = QSize(16, 40)


def available_geometry(widget: QWidget) -> QRect:
    """What the screen of widget (or of its parent, or the primary screen) leaves to windows."""
    screen = None
    for w in (widget, widget.parentWidget()):
        if w is not None and w.screen() is not None:
            screen = w.screen()
            break
    screen = screen or QGuiApplication.primaryScreen()
    return screen.availableGeometry() if screen is not None else QRect(0, 0, 1024, 738)


def frame_extra(widget: QWidget) -> QSize:
    """How much the frame adds to the window's size (a guess until it is shown)."""
    if widget.isVisible():
        frame, inner = widget.frameGeometry(), widget.geometry()
        extra = QSize(frame.width() - inner.width(), frame.height() - inner.height())
        if extra.width() > 0 or extra.height() > 0:
            return extra.expandedTo(QSize(0, 0))
    return FRAME_GUESS


def max_size(widget: QWidget) -> QSize:
    """The largest client size whose frame still fits the available screen."""
    area = available_geometry(widget)
    extra = frame_extra(widget)
    return QSize(max(200, area.width() - extra.width()), max(150, area.height() - extra.height()))


def _size_pref(key: str) -> prefs.Pref:
    return prefs.Pref(f"windows/{key}/size", str, None, f"the size of the {key} window")


def saved_size(key: str) -> QSize | None:
    text = prefs.read(_size_pref(key))
    try:
        w, h = (int(part) for part in str(text).split("x"))
    except (TypeError, ValueError):
        return None
    return QSize(w, h) if w > 0 and h > 0 else None


def remember_size(key: str, size: QSize) -> None:
    prefs.write(_size_pref(key), f"{size.width()}x{size.height()}")


def clamp(widget: QWidget) -> None:
    """Shrink widget to the screen and move it inside (its frame included)."""
    limit = max_size(widget)
    # a form's minimum must never force the window taller than the screen
    widget.setMaximumSize(QSize(16777215, 16777215))
    if widget.minimumWidth() > limit.width() or widget.minimumHeight() > limit.height():
        widget.setMinimumSize(widget.minimumSize().boundedTo(limit))
    size = widget.size().boundedTo(limit)
    if size != widget.size():
        widget.resize(size)
    area = available_geometry(widget)
    extra = frame_extra(widget)
    frame = widget.frameGeometry() if widget.isVisible() else QRect(
        widget.pos(), widget.size() + extra)
    x = min(max(frame.x(), area.left()), area.right() + 1 - (size.width() + extra.width()))
    y = min(max(frame.y(), area.top()), area.bottom() + 1 - (size.height() + extra.height()))
    if (x, y) != (frame.x(), frame.y()):
        widget.move(x, y)


def centre(widget: QWidget) -> None:
    """Centre widget on its parent window (or on the available screen), within the screen."""
    area = available_geometry(widget)
    parent = widget.parentWidget()
    anchor = parent.window().frameGeometry() if parent is not None and parent.isVisible() \
        else area
    extra = frame_extra(widget)
    outer = widget.size() + extra
    x = anchor.x() + (anchor.width() - outer.width()) // 2
    y = anchor.y() + (anchor.height() - outer.height()) // 2
    widget.move(x, y)
    clamp(widget)


class _Fitter(QObject):
    """Keeps its window within the screen when shown; remembers its size when hidden."""

    def __init__(self, window: QWidget, key: str | None) -> None:
        super().__init__(window)
        self.key = key
        self.placed = False

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802
        kind = event.type()
        if kind == QEvent.Type.Show and isinstance(obj, QWidget):
            if not self.placed:
                self.placed = True
                centre(obj)
            else:
                clamp(obj)
        elif kind in (QEvent.Type.Hide, QEvent.Type.Close) and self.key and \
                isinstance(obj, QWidget) and obj.isWindow():
            remember_size(self.key, obj.size())
        return False


def fit_window(window: QWidget, preferred: tuple[int, int] | QSize,
               key: str | None = None) -> QSize:
    """Size window to its remembered (key) or preferred size, within the screen; returns it."""
    wanted = preferred if isinstance(preferred, QSize) else QSize(*preferred)
    if key:
        wanted = saved_size(key) or wanted
    size = wanted.boundedTo(max_size(window))
    window.resize(size)
    old = getattr(window, "_window_fitter", None)
    if old is not None:
        window.removeEventFilter(old)
        old.deleteLater()
    fitter = _Fitter(window, key)
    window._window_fitter = fitter  # type: ignore[attr-defined]
    window.installEventFilter(fitter)
    clamp(window)
    return window.size()


def scroll_area(content: QWidget, name: str = "scrollBody") -> QScrollArea:
    """content in a frameless, resizable scroll area."""
    area = QScrollArea()
    area.setObjectName(name)
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setWidget(content)
    return area


def _is_button_row(item: Any) -> bool:
    widget = item.widget()
    if isinstance(widget, QDialogButtonBox):
        return True
    layout = item.layout()
    if layout is not None:
        for i in range(layout.count()):
            if isinstance(layout.itemAt(i).widget(), QDialogButtonBox):
                return True
    return False


def scroll_body(dialog: QWidget, keep_last: int = 0) -> QScrollArea | None:
    """Move the items of dialog's top layout into a scroll area, but the button boxes (and the
    keep_last last items) that stay below it, always visible."""
    layout = dialog.layout()
    if not isinstance(layout, QVBoxLayout) or layout.count() == 0:
        return None
    items = [layout.takeAt(0) for _ in range(layout.count())]
    tail = items[len(items) - keep_last:] if keep_last else []
    head = items[:len(items) - keep_last] if keep_last else items
    while head and _is_button_row(head[-1]):
        tail.insert(0, head.pop())
    content = QWidget()
    inner = QVBoxLayout(content)
    inner.setContentsMargins(0, 0, 0, 0)
    for item in head:
        _move_item(item, inner)
    area = scroll_area(content)
    layout.addWidget(area, 1)
    for item in tail:
        _move_item(item, layout)
    return area


def _move_item(item: Any, target: QVBoxLayout) -> None:
    widget, sub = item.widget(), item.layout()
    if widget is not None:
        target.addWidget(widget)
    elif sub is not None:
        sub.setParent(None)
        target.addLayout(sub)
    elif item.spacerItem() is not None:
        target.addStretch(1)


__all__ = ["available_geometry", "centre", "clamp", "fit_window", "max_size", "remember_size",
           "saved_size", "scroll_area", "scroll_body"]
