"""Shared pieces of the exchange screens: the prompts seam, the background task, the session
memory, and small widgets (destination picker, passphrase fields, CRSS key box).

Every file chooser and every message box goes through `Prompts`, thin names for the one seam
of ui/prompts.py: tests install a ScriptedPrompts there (or replace these methods) instead of
driving native dialogs. Long work (encryption, restore, import) runs
through ui/tasks.TaskRunner (`start_task`): its progress and outcome come back on the GUI thread.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QCoreApplication, QObject, Qt, QThreadPool,
)
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QCheckBox, QFormLayout, QFrame, QHBoxLayout, QLabel, QLineEdit, QListWidget,
    QListWidgetItem, QPushButton, QSizePolicy, QVBoxLayout, QWidget,
)

from ...fileio import os_error_message
from ...i18n import human_size
from ...services.errors import UserError
from .. import prompts
from .. import settings_keys as prefs
from ..tasks import TaskControl, TaskRunner

translate = QCoreApplication.translate

log = logging.getLogger(__name__)

MIN_PASSPHRASE = 12


def _tr(text: str) -> str:  # only for strings already marked elsewhere with translate()
    return translate("ExchangeCommon", text)


# --------------------------------------------------------------------------- the prompts seam

class Prompts:
    """The exchange screens' names for the questions they ask, each a thin call of the one
    seam (ui/prompts.py: `prompts.current()`). Tests either install a ScriptedPrompts there
    or monkeypatch these methods."""

    @staticmethod
    def open_file(parent: QWidget | None, title: str, filters: str, start: str = "") -> str:
        return prompts.current().choose_file(parent, title, filters, start=start,
                                             mode=prompts.OPEN)

    @staticmethod
    def open_files(parent: QWidget | None, title: str, filters: str,
                   start: str = "") -> list[str]:
        return prompts.current().choose_file(parent, title, filters, start=start,
                                             mode=prompts.OPEN_MANY)

    @staticmethod
    def directory(parent: QWidget | None, title: str, start: str = "") -> str:
        return prompts.current().choose_file(parent, title, start=start, mode=prompts.FOLDER)

    @staticmethod
    def confirm(parent: QWidget | None, title: str, text: str, ok_text: str) -> bool:
        return prompts.current().ask_yes_no(parent, title, text, yes_text=ok_text)

    @staticmethod
    def yes_no(parent: QWidget | None, title: str, text: str) -> bool:
        """A yes/no question; "No" is the default (and what closing the box answers)."""
        return prompts.current().ask_yes_no(parent, title, text, warning=True)

    @staticmethod
    def run_dialog(dialog: QWidget, modal: bool = True) -> int:
        """Show one of our dialogs: modal (exec) or not (show)."""
        return prompts.current().run_dialog(dialog, modal)

    @staticmethod
    def info(parent: QWidget | None, title: str, text: str) -> None:
        prompts.current().inform(parent, title, text)

    @staticmethod
    def error(parent: QWidget | None, title: str, text: str) -> None:
        prompts.current().inform(parent, title, text, warning=True)


# --------------------------------------------------------------------------- session memory

class Session:
    """What the user asked to remember until the application closes (memory only)."""

    passphrases: dict[str, str] = {}  # database path -> backup passphrase
    crss_key: tuple[str, Any] | None = None  # (crss.key path, keys.KeyPair)

    @classmethod
    def clear(cls) -> None:
        cls.passphrases = {}
        cls.crss_key = None


# --------------------------------------------------------------------------- background work

_pool: QThreadPool | None = None


def pool() -> QThreadPool:
    """The exchange screens' own pool (two workers): a long encryption never holds up the
    table searches of the global pool."""
    global _pool
    if _pool is None:
        _pool = QThreadPool()
        _pool.setMaxThreadCount(2)
    return _pool


def start_task(owner: QObject, fn: Callable, *, on_done: Callable[[Any], None],
               on_fail: Callable[[str], None],
               on_progress: Callable[[int, int, str], None] | None = None) -> TaskControl:
    """Runs `fn(progress)` off the GUI thread through the owner's TaskRunner; `on_done` gets
    the result, `on_fail` the error's sentence (`error_text`), `on_progress` (done, total,
    text), all on the GUI thread. Jobs of one owner run beside each other (none supersedes
    another); once the owner is destroyed, their outcomes are dropped."""
    runner = owner.__dict__.get("_exchange_tasks")
    if runner is None:
        runner = owner.__dict__["_exchange_tasks"] = TaskRunner(owner, one_at_a_time=False,
                                                                 pool=pool())
    return runner.start(lambda control: fn(control.progress), on_done=on_done,
                        on_fail=lambda exc: on_fail(error_text(exc)),
                        on_progress=on_progress, supersede=False)


def error_text(exc: BaseException) -> str:
    """The message of a service error; a plain sentence for anything else (in the interface's
    language; also called on a worker thread, where translate() is safe)."""
    if isinstance(exc, UserError):
        return str(exc)
    if isinstance(exc, OSError):
        return os_error_message(exc)
    log.error("exchange task failed", exc_info=exc)  # the detail, for the support only
    return translate("ExchangeCommon", "An unexpected error occurred; nothing was changed. Try "
                     "again; if the error comes back, note the time and tell the support.")


# --------------------------------------------------------------------------- small widgets

def wrapping_label(text: str = "", object_name: str = "") -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    label.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
    if object_name:
        label.setObjectName(object_name)
    return label


def set_message(label: QLabel, text: str, kind: str = "info") -> None:
    """A result line: green for success, red for an error, plain otherwise."""
    colours = {"ok": ("#1b5e20", "#e8f5e9"), "error": ("#b71c1c", "#ffebee"),
               "warn": ("#7a4f01", "#fff8e1"), "info": ("palette(text)", "transparent")}
    fg, bg = colours.get(kind, colours["info"])
    label.setStyleSheet(f"QLabel {{ color: {fg}; background: {bg}; padding: 6px; "
                        "border-radius: 3px; }")
    label.setText(text)
    label.setVisible(bool(text))


def fingerprint_label(text: str = "") -> QLabel:
    label = QLabel(text)
    label.setObjectName("fingerprint")
    font = QFont("DejaVu Sans Mono")
    font.setStyleHint(QFont.StyleHint.Monospace)
    font.setPointSize(22)
    font.setBold(True)
    label.setFont(font)
    label.setAlignment(Qt.AlignmentFlag.AlignCenter)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    label.setFrameShape(QFrame.Shape.StyledPanel)
    label.setMinimumHeight(56)
    return label


def spelled_fingerprint(fp: str) -> str:
    """Groups separated by wide spaces so that it is read aloud group by group."""
    return "   ".join(fp.split("-"))


class DestinationPicker(QWidget):
    """USB sticks first (list_drives), then any folder the user chooses."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("destinationPicker")
        self.list = QListWidget()
        self.list.setObjectName("drives")
        self.list.setMinimumHeight(84)
        self.list.setMaximumHeight(130)
        self.hint = wrapping_label()
        self.refresh_button = QPushButton(translate("ExchangeCommon", "Refresh"))
        self.refresh_button.setObjectName("refreshDrives")
        self.folder_button = QPushButton(translate("ExchangeCommon", "Choose a folder…"))
        self.folder_button.setObjectName("chooseFolder")
        self.refresh_button.clicked.connect(self.refresh)
        self.folder_button.clicked.connect(self.choose_folder)
        buttons = QHBoxLayout()
        buttons.addWidget(self.refresh_button)
        buttons.addWidget(self.folder_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.list)
        layout.addWidget(self.hint)
        layout.addLayout(buttons)
        self._chosen: list[Path] = []
        self.refresh()

    def refresh(self) -> None:
        from ...services.exchange.backup import list_drives

        current = self.selected_folder()
        self.list.clear()
        try:
            drives = list_drives()
        except Exception:  # noqa: BLE001 - a strange mount table must not stop a backup
            log.exception("list_drives failed")
            drives = []
        sticks = [d for d in drives if d.removable]
        for d in sticks:
            text = translate("ExchangeCommon", "USB stick {label} ({path}), {free} free")
            self._add(text.format(label=d.label, path=d.path, free=human_size(d.free)), d.path,
                      True)
        for p in self._chosen:
            self._add(translate("ExchangeCommon", "Folder {path}").format(path=p), p, False)
        if sticks:
            self.hint.setText(translate(
                "ExchangeCommon", "Plug in the USB stick, then choose it in the list."))
        else:
            self.hint.setText(translate(
                "ExchangeCommon",
                "No USB stick found. Plug one in and click « Refresh », or choose a folder."))
        for i in range(self.list.count()):
            if current is not None and self.list.item(i).data(Qt.ItemDataRole.UserRole) == \
                    str(current):
                self.list.setCurrentRow(i)
                break
        else:
            if self.list.count():
                self.list.setCurrentRow(0)

    def _add(self, text: str, path: Path, removable: bool) -> None:
        item = QListWidgetItem(text)
        item.setData(Qt.ItemDataRole.UserRole, str(path))
        item.setData(Qt.ItemDataRole.UserRole + 1, removable)
        self.list.addItem(item)

    def choose_folder(self) -> None:
        folder = Prompts.directory(self, translate("ExchangeCommon", "Choose a folder"))
        if not folder:
            return
        p = Path(folder)
        if p not in self._chosen:
            self._chosen.append(p)
        self.refresh()
        for i in range(self.list.count()):
            if self.list.item(i).data(Qt.ItemDataRole.UserRole) == str(p):
                self.list.setCurrentRow(i)

    def selected_is_removable(self) -> bool:
        item = self.list.currentItem()
        return bool(item is not None and item.data(Qt.ItemDataRole.UserRole + 1))

    def selected_folder(self) -> Path | None:
        item = self.list.currentItem() if hasattr(self, "list") else None
        return Path(item.data(Qt.ItemDataRole.UserRole)) if item is not None else None


class PassphraseFields(QWidget):
    """Passphrase typed twice (the confirmation hidden when the session remembers it)."""

    def __init__(self, remembered: str | None = None, confirm: bool = True,
                 allow_remember: bool = True, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.first = QLineEdit()
        self.first.setObjectName("passphrase")
        self.second = QLineEdit()
        self.second.setObjectName("passphraseConfirm")
        for edit in (self.first, self.second):
            edit.setEchoMode(QLineEdit.EchoMode.Password)
            edit.setMinimumWidth(320)
        self.rule = wrapping_label(translate(
            "ExchangeCommon",
            "At least 12 characters, no other rule. A short sentence is easiest to remember, "
            "for example « le marché de Ber ouvre le lundi »."), "rule")
        self.show_box = QCheckBox(translate("ExchangeCommon", "Show what I type"))
        self.show_box.toggled.connect(self._show)
        self.remember = QCheckBox(translate(
            "ExchangeCommon", "Remember it until the application closes (never written to disk)"))
        self.remember.setObjectName("rememberPassphrase")
        self.remember.setVisible(allow_remember)
        form = QFormLayout(self)
        form.setContentsMargins(0, 0, 0, 0)
        form.addRow(translate("ExchangeCommon", "Passphrase:"), self.first)
        self.second_label = QLabel(translate("ExchangeCommon", "Type it again:"))
        form.addRow(self.second_label, self.second)
        form.addRow("", self.rule)
        form.addRow("", self.show_box)
        form.addRow("", self.remember)
        self.needs_confirm = confirm
        if remembered:
            self.first.setText(remembered)
            self.remember.setChecked(True)
            self.needs_confirm = False
        self.second.setVisible(self.needs_confirm)
        self.second_label.setVisible(self.needs_confirm)

    def _show(self, on: bool) -> None:
        mode = QLineEdit.EchoMode.Normal if on else QLineEdit.EchoMode.Password
        self.first.setEchoMode(mode)
        self.second.setEchoMode(mode)

    def value(self) -> str:
        return self.first.text()

    def problem(self) -> str | None:
        text = self.first.text()
        if len(text) < MIN_PASSPHRASE:
            return translate(
                "ExchangeCommon",
                "The passphrase must have at least 12 characters (it has {n}).").format(
                n=len(text))
        if self.needs_confirm and self.second.text() != text:
            return translate("ExchangeCommon", "The two passphrases differ: type them "
                                                   "again.")
        return None


class CrssKeyBox(QWidget):
    """The CRSS private key (crss.key) and its passphrase; unlocked once per session."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.path_edit = QLineEdit()
        self.path_edit.setObjectName("keyPath")
        self.path_edit.setReadOnly(True)
        self.path_edit.setPlaceholderText(translate("ExchangeCommon", "crss.key file"))
        self.browse = QPushButton(translate("ExchangeCommon", "Choose…"))
        self.browse.setObjectName("chooseKey")
        self.browse.clicked.connect(self.choose)
        self.passphrase = QLineEdit()
        self.passphrase.setObjectName("keyPassphrase")
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.remember = QCheckBox(translate(
            "ExchangeCommon", "Keep the key unlocked until the application closes"))
        self.remember.setObjectName("rememberKey")
        self.status = wrapping_label()
        row = QHBoxLayout()
        row.addWidget(self.path_edit, 1)
        row.addWidget(self.browse)
        form = QFormLayout(self)
        form.setContentsMargins(0, 0, 0, 0)
        form.addRow(translate("ExchangeCommon", "CRSS private key:"), row)
        self.pass_label = QLabel(translate("ExchangeCommon", "Its passphrase:"))
        form.addRow(self.pass_label, self.passphrase)
        form.addRow("", self.remember)
        form.addRow("", self.status)
        saved = prefs.read(prefs.CRSS_KEY_PATH)
        if Session.crss_key is not None:
            self.path_edit.setText(Session.crss_key[0])
        elif saved and Path(saved).is_file():
            self.path_edit.setText(saved)
        self._sync()

    def _sync(self) -> None:
        unlocked = Session.crss_key is not None and Session.crss_key[0] == self.path_edit.text()
        self.passphrase.setVisible(not unlocked)
        self.pass_label.setVisible(not unlocked)
        self.remember.setVisible(not unlocked)
        self.status.setText(translate(
            "ExchangeCommon", "The key is unlocked for this session.") if unlocked else "")
        self.status.setVisible(unlocked)

    def choose(self) -> None:
        path = Prompts.open_file(self, translate("ExchangeCommon", "Choose the CRSS "
                                                                       "private key"),
                                 translate("ExchangeCommon", "CRSS private key (crss.key);;"
                                                                 "All files (*)"))
        if path:
            self.path_edit.setText(path)
            self._sync()

    def problem(self) -> str | None:
        if not self.path_edit.text():
            return translate("ExchangeCommon", "Choose the CRSS private key (crss.key).")
        if self.is_unlocked():
            return None
        if not self.passphrase.text():
            return translate("ExchangeCommon", "Type the passphrase of the CRSS key.")
        return None

    def is_unlocked(self) -> bool:
        return Session.crss_key is not None and Session.crss_key[0] == self.path_edit.text()

    def unlocker(self) -> Callable[[], Any]:
        """A function (run off the GUI thread) that returns the key pair."""
        path, secret, remember = self.path_edit.text(), self.passphrase.text(), \
            self.remember.isChecked()
        cached = Session.crss_key[1] if self.is_unlocked() else None

        def unlock() -> Any:
            from ...services.crss import keys

            if cached is not None:
                return cached
            pair = keys.read_private_key(path, secret)
            if remember:
                Session.crss_key = (path, pair)
            return pair

        prefs.write(prefs.CRSS_KEY_PATH, path)
        return unlock
