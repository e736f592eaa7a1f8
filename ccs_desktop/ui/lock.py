"""The automatic lock (issue 13): after an idle time (Settings, 10 minutes by default) or on
Ctrl+L, every window of the application is covered by an opaque panel and the password of
the account that was working is asked again. Nothing is closed: open editors stay behind
their panel with their text, and come back as they were.

Idle time is seen by one application event filter that only notes the time of the last key
or mouse event (one comparison per event); a timer looks at it a few times a minute. While
locked the filter swallows every key and mouse event but those of the lock panel, so no
shortcut reaches a window behind. A wrong password counts in the key file's failures
(services.access.check_unlock) and slows the next attempts, as at the login.
"""

from __future__ import annotations

import time
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QApplication, QFrame, QHBoxLayout, QLabel, QLineEdit, QMenu, QPushButton, QVBoxLayout,
    QWidget,
)

from ..services import access
from ..services.errors import UserError

_INPUT = frozenset(int(t) for t in (
    QEvent.Type.KeyPress, QEvent.Type.KeyRelease, QEvent.Type.ShortcutOverride,
    QEvent.Type.Shortcut, QEvent.Type.MouseButtonPress, QEvent.Type.MouseButtonRelease,
    QEvent.Type.MouseButtonDblClick, QEvent.Type.MouseMove, QEvent.Type.Wheel,
    QEvent.Type.TabletPress, QEvent.Type.TouchBegin))
_ACTIVITY = _INPUT - {int(QEvent.Type.ShortcutOverride), int(QEvent.Type.Shortcut)}
LOCK_SHORTCUT = "Ctrl+L"
_SHOW = int(QEvent.Type.Show)

# what the role may not do is hidden (buttons) or greyed (menu actions), by object name:
# the same event filter sees each widget shown (services.roles: the services refuse anyway)
GATED_WIDGETS = {"newButton": "records.edit", "deleteButton": "records.edit",
                 "setupButton": "settings.edit"}
GATED_ACTIONS = {"action_new": "records.edit", "action_save": "records.edit",
                 "exchange_backup": "backup.create", "exchange_transmit": "transmission.send",
                 "exchange_restore": "backup.restore", "exchange_trust": "crss.keys",
                 "exchange_import_files": "crss.import",
                 "exchange_import_folder": "crss.import", "exchange_keygen": "crss.keys"}


class LockPanel(QFrame):
    """The opaque panel over one window; the main window's asks for the password."""

    def __init__(self, window: QWidget, user: str, asks: bool) -> None:
        super().__init__(window)
        self.setObjectName("lockPanel")
        self.setAutoFillBackground(True)
        self.setStyleSheet("QFrame#lockPanel { background: #263238; } "
                           "QLabel { color: white; }")
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        title = QLabel(self.tr("Session locked"))
        title.setStyleSheet("font-size: 18pt; font-weight: bold;")
        title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(title)
        self.password: QLineEdit | None = None
        self.button: QPushButton | None = None
        self.error = QLabel()
        self.error.setObjectName("lockError")
        self.error.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #ffcdd2;")
        if asks:
            who = QLabel(self.tr("Type the password of the account “{user}” to go on. "
                                 "Nothing was closed: your open forms are kept.")
                         .format(user=user))
            who.setWordWrap(True)
            who.setAlignment(Qt.AlignmentFlag.AlignCenter)
            layout.addWidget(who)
            row = QHBoxLayout()
            row.addStretch(1)
            self.password = QLineEdit()
            self.password.setObjectName("lockPassword")
            self.password.setEchoMode(QLineEdit.EchoMode.Password)
            self.password.setMinimumWidth(260)
            self.button = QPushButton(self.tr("Unlock"))
            self.button.setObjectName("lockButton")
            row.addWidget(self.password)
            row.addWidget(self.button)
            row.addStretch(1)
            layout.addLayout(row)
            layout.addWidget(self.error)
        else:
            note = QLabel(self.tr("Unlock in the main window."))
            note.setAlignment(Qt.AlignmentFlag.AlignCenter)
            layout.addWidget(note)
        layout.addStretch(2)
        self.cover()
        window.installEventFilter(self)

    def cover(self) -> None:
        parent = self.parentWidget()
        if parent is not None:
            self.setGeometry(parent.rect())
        self.raise_()

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802
        if obj is self.parentWidget() and event.type() in (QEvent.Type.Resize,
                                                           QEvent.Type.ChildAdded):
            QTimer.singleShot(0, self.cover)
        return False


class SessionLock(QObject):
    """Locks the session of `window` (a MainWindow: its services give the database)."""

    locked = Signal()
    unlocked = Signal()

    def __init__(self, window: Any) -> None:
        super().__init__(window)
        self.window = window
        #: the idle delay in milliseconds; None reads Settings (tests set a short one)
        self.delay_ms: int | None = None
        self._last = time.monotonic()
        self._panels: list[LockPanel] = []
        self._covered: list[QWidget] = []
        self._left = 0
        self._check = QTimer(self)
        self._check.timeout.connect(self._look)
        self._check.start(15_000)
        self._countdown = QTimer(self)
        self._countdown.setInterval(1000)
        self._countdown.timeout.connect(self._tick)
        self.shortcut = QShortcut(QKeySequence(LOCK_SHORTCUT), window)
        self.shortcut.setContext(Qt.ShortcutContext.ApplicationShortcut)
        self.shortcut.activated.connect(self.lock)
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self)  # removed by Qt when this object goes
        self.gate_actions()

    # --- idle time --------------------------------------------------------------------------
    def set_delay(self, milliseconds: int | None, check_every_ms: int | None = None) -> None:
        self.delay_ms = milliseconds
        self._check.start(check_every_ms or (max(20, milliseconds // 4) if milliseconds
                                              else 15_000))

    def delay(self) -> float:
        """Seconds of inactivity before the lock."""
        if self.delay_ms is not None:
            return self.delay_ms / 1000
        try:
            return access.lock_minutes(self.window.services.db) * 60
        except Exception:  # noqa: BLE001  (a database being replaced: the default)
            return 600

    def _look(self) -> None:
        if (not self.is_locked() and self.window.isVisible()
                and time.monotonic() - self._last >= self.delay()):
            self.lock()

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802
        kind = int(event.type())
        if kind == _SHOW:
            self._gate(obj)
            return False
        if kind not in _INPUT:
            return False
        if not self._panels:
            if kind in _ACTIVITY:
                self._last = time.monotonic()
            return False
        # locked: in the windows covered, only the main window's lock panel receives keys
        # and clicks (another window of the process is not this session's)
        if not isinstance(obj, QWidget):
            return False
        panel = self._panels[0]
        if obj is panel or panel.isAncestorOf(obj):
            return False
        return obj.window() in self._covered

    # --- what the role may not do ---------------------------------------------------------
    def may(self, action: str) -> bool:
        try:
            return access.can(self.window.services.db, action)
        except Exception:  # noqa: BLE001  (a database being replaced: the services decide)
            return True

    def gate_actions(self, widget: QWidget | None = None) -> None:
        """Grey the actions of `widget` (the window by default) this role may not use."""
        for act in (widget or self.window).actions():
            action = GATED_ACTIONS.get(act.objectName())
            if action is not None and not self.may(action):
                act.setEnabled(False)
                if not act.property("ccsGated"):  # a page enabling it again: greyed again
                    act.setProperty("ccsGated", True)
                    act.changed.connect(lambda a=act: a.isEnabled() and a.setEnabled(False))

    def _mine(self, widget: QWidget) -> bool:
        while widget is not None:
            if widget is self.window:
                return True
            widget = widget.parentWidget()
        return False

    def _gate(self, obj: QObject) -> None:
        if not isinstance(obj, QWidget) or not self._mine(obj):
            return
        if isinstance(obj, QMenu) or obj is self.window:
            self.gate_actions(obj)
            return
        action = GATED_WIDGETS.get(obj.objectName())
        if action is not None and not self.may(action):
            obj.hide()

    # --- locking ------------------------------------------------------------------------------
    def is_locked(self) -> bool:
        return bool(self._panels)

    def user(self) -> str:
        return access.current_user(self.window.services.db)

    def lock(self) -> None:
        if self._panels or not self.window.isVisible():
            return
        user = self.user()
        main = LockPanel(self.window, user, asks=True)
        self._panels = [main]
        for widget in QApplication.topLevelWidgets():
            if widget is not self.window and widget.isVisible() and widget.isWindow():
                self._panels.append(LockPanel(widget, user, asks=False))
        self._covered = [p.parentWidget() for p in self._panels]
        for panel in self._panels:
            panel.show()
        main.button.clicked.connect(self._try)
        main.password.returnPressed.connect(self._try)
        self.window.activateWindow()
        main.password.setFocus()
        try:
            access.session_locked(self.window.services.db)
        except UserError:  # the trail must never keep the screen unlocked
            pass
        self.locked.emit()

    def try_unlock(self, password: str) -> bool:
        """The password of the account that was working: True (and unlocked) when right."""
        if not self._panels or self._left > 0:
            return False
        main = self._panels[0]
        try:
            access.check_unlock(self.window.services.db, password)
        except access.TooManyAttempts as exc:
            self._wait(exc.seconds, str(exc))
            return False
        except access.WrongPassword as exc:
            main.password.clear()
            main.error.setText(str(exc))
            wait = access.wait_before(self.window.services.db.data_dir, self.user())
            if wait > 0:
                self._wait(wait, str(exc))
            return False
        except UserError as exc:
            main.error.setText(str(exc))
            return False
        for panel in self._panels:
            panel.hide()
            panel.deleteLater()
        self._panels = []
        self._covered = []
        self._last = time.monotonic()
        self.unlocked.emit()
        return True

    def _try(self) -> None:
        if self._panels:
            self.try_unlock(self._panels[0].password.text())

    def _wait(self, seconds: float, text: str) -> None:
        self._left = max(1, int(seconds) + 1)
        self._panels[0].error.setText(text)
        self._tick(first=True)
        self._countdown.start()

    def _tick(self, first: bool = False) -> None:
        if not self._panels:
            self._countdown.stop()
            self._left = 0
            return
        button = self._panels[0].button
        if not first:
            self._left -= 1
        if self._left <= 0:
            self._countdown.stop()
            button.setEnabled(True)
            button.setText(self.tr("Unlock"))
            return
        button.setEnabled(False)
        button.setText(self.tr("Wait {n} s").format(n=self._left))


def install(window: Any) -> SessionLock:
    """The automatic lock and Ctrl+L for the main window."""
    return SessionLock(window)
