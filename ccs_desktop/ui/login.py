"""Before the main window: the login that unlocks the encrypted database, the first
administrator of a new (or converted) database, and the recovery key shown once.

The dialogs call the core (db.unlock, db.engine) and get small values back: credentials, the
database key, the recovery key's text. Everything they write (the recovery sheet's PDF) goes
through the one atomic writer and the one prompt seam.

The login shows before the database layer is imported (issue 18: SQLAlchemy, the models and
the key file's cryptography load while the user types the password): this module imports
services.access at its first use only (`_access`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QTimer
from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import (
    QCheckBox, QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QPushButton,
    QVBoxLayout, QWidget,
)

from ..services.presence import DEFAULT_ADMIN
from ..services.errors import UserError
from . import prompts

if TYPE_CHECKING:
    from ..services.access import Credentials


def _access():  # noqa: ANN202  (the module services.access)
    """The database layer's facade, imported when a dialog first needs it (never before the
    login screen shows)."""
    from ..services import access

    return access


def _wrapping(text: str = "", name: str = "") -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    if name:
        label.setObjectName(name)
    return label


def _error_label() -> QLabel:
    label = _wrapping(name="loginError")
    label.setStyleSheet("color: #b71c1c;")
    label.hide()
    return label


def _show(label: QLabel, text: str | None) -> None:
    label.setText(text or "")
    label.setVisible(bool(text))


class LoginDialog(QDialog):
    """Account name and password; a wrong password makes the next attempt wait (counted
    down on the button), a right one is never refused. `key` and `credentials` hold the
    result once accepted."""

    def __init__(self, data_dir: str | Path | None, parent: QWidget | None = None,
                 user: str = "") -> None:
        super().__init__(parent)
        self.data_dir = data_dir
        self.key: bytes | None = None
        self.credentials: Credentials | None = None
        self.setWindowTitle(self.tr("CCS Desktop – Sign in"))
        layout = QVBoxLayout(self)
        layout.addWidget(_wrapping(self.tr(
            "The records of the committee are encrypted. Sign in with your account to "
            "open them.")))
        form = QFormLayout()
        self.user = QLineEdit(user)
        self.user.setObjectName("loginUser")
        self.password = QLineEdit()
        self.password.setObjectName("loginPassword")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        form.addRow(self.tr("Account:"), self.user)
        form.addRow(self.tr("Password:"), self.password)
        layout.addLayout(form)
        self.error = _error_label()
        layout.addWidget(self.error)
        buttons = QDialogButtonBox()
        self.sign_in = QPushButton(self.tr("Sign in"))
        self.sign_in.setObjectName("loginButton")
        self.sign_in.setDefault(True)
        buttons.addButton(self.sign_in, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(self.tr("Quit"), QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.try_sign_in)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self._countdown = QTimer(self)
        self._countdown.setInterval(1000)
        self._countdown.timeout.connect(self._tick)
        self._left = 0
        (self.password if user else self.user).setFocus()
        self.resize(420, self.sizeHint().height())

    def try_sign_in(self) -> bool:
        if self._left > 0:
            return False
        unlock = _access()
        creds = unlock.Credentials(self.user.text().strip(), self.password.text())
        if not creds.user or not creds.password:
            _show(self.error, self.tr("Type the account name and its password."))
            return False
        try:
            self.key = unlock.unlock(self.data_dir, creds, wait=False)
        except unlock.TooManyAttempts as exc:
            self._wait(exc.seconds, str(exc))
            return False
        except unlock.WrongPassword as exc:
            self.password.clear()
            self.password.setFocus()
            _show(self.error, str(exc))
            wait = unlock.wait_before(self.data_dir, creds.user)
            if wait > 0:
                self._wait(wait, str(exc))
            return False
        except UserError as exc:
            _show(self.error, str(exc))
            return False
        self.credentials = creds
        self.accept()
        return True

    def _wait(self, seconds: float, text: str) -> None:
        # whole seconds, rounded up with a margin (Qt's coarse timers may fire a little early)
        self._left = max(1, int(seconds) + 1)
        _show(self.error, text)
        self._tick(first=True)
        self._countdown.start()

    def _tick(self, first: bool = False) -> None:
        if not first:
            self._left -= 1
        if self._left <= 0:
            self._countdown.stop()
            self.sign_in.setEnabled(True)
            self.sign_in.setText(self.tr("Sign in"))
            return
        self.sign_in.setEnabled(False)
        self.sign_in.setText(self.tr("Wait {n} s").format(n=self._left))


class FirstAdminDialog(QDialog):
    """The first administrator of a new database, or of a database of the previous version
    about to be encrypted (`converting`)."""

    def __init__(self, parent: QWidget | None = None, *, converting: bool = False) -> None:
        super().__init__(parent)
        self.credentials: Credentials | None = None
        self.setWindowTitle(self.tr("CCS Desktop – Administrator account"))
        layout = QVBoxLayout(self)
        if converting:
            intro = self.tr(
                "This version of CCS Desktop encrypts the committee's records, so that a "
                "stolen PC or stick reveals nothing. First create the administrator account: "
                "its password will open the database. The records are then encrypted (this "
                "takes a moment); nothing is lost.")
        else:
            intro = self.tr(
                "Create the administrator account of this PC. Its password opens the "
                "committee's records, which are encrypted. Choose a password of at least 8 "
                "characters that others cannot guess; a sentence is easy to remember.")
        layout.addWidget(_wrapping(intro))
        form = QFormLayout()
        self.user = QLineEdit(DEFAULT_ADMIN)
        self.user.setObjectName("adminUser")
        self.password = QLineEdit()
        self.password.setObjectName("adminPassword")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.confirm = QLineEdit()
        self.confirm.setObjectName("adminConfirm")
        self.confirm.setEchoMode(QLineEdit.EchoMode.Password)
        form.addRow(self.tr("Account name:"), self.user)
        form.addRow(self.tr("Password:"), self.password)
        form.addRow(self.tr("Password again:"), self.confirm)
        layout.addLayout(form)
        self.error = _error_label()
        layout.addWidget(self.error)
        buttons = QDialogButtonBox()
        self.create = QPushButton(self.tr("Create the account"))
        self.create.setObjectName("adminCreate")
        self.create.setDefault(True)
        buttons.addButton(self.create, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(self.tr("Quit"), QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.try_create)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.password.setFocus()
        self.resize(460, self.sizeHint().height())

    def try_create(self) -> bool:
        unlock = _access()
        name = self.user.text().strip()
        if not name:
            _show(self.error, self.tr("Give the account a name."))
            return False
        try:
            unlock.check_new_password(self.password.text(), user=name)
        except UserError as exc:
            _show(self.error, str(exc))
            return False
        if self.password.text() != self.confirm.text():
            _show(self.error, self.tr("The two passwords differ: type the same one twice."))
            return False
        self.credentials = unlock.Credentials(name, self.password.text())
        self.accept()
        return True


def monospace_font(size: int = 16) -> QFont:
    font = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
    font.setPointSize(size)
    font.setBold(True)
    return font


class RecoveryKeyDialog(QDialog):
    """The recovery key, shown once: saved as its one-page sheet (to print), and not
    closed before the user says it is kept."""

    def __init__(self, key_text: str, parent: QWidget | None = None,
                 header: Any = None) -> None:
        super().__init__(parent)
        self.key_text = key_text
        self.header = header
        self.saved: Path | None = None
        self.setWindowTitle(self.tr("CCS Desktop – Recovery key"))
        layout = QVBoxLayout(self)
        layout.addWidget(_wrapping(self.tr(
            "Here is the recovery key of this database. It opens the records and gives an "
            "administrator a new password when every password is forgotten. It is shown "
            "only now: save its sheet and print it.")))
        shown = QLabel(key_text)
        shown.setObjectName("recoveryKey")
        shown.setFont(monospace_font())
        shown.setTextInteractionFlags(shown.textInteractionFlags()
                                      | shown.textInteractionFlags().TextSelectableByMouse)
        layout.addWidget(shown)
        layout.addWidget(_wrapping(self.tr(
            "Keep it sealed at the mairie; never give it to the CRSS and never keep it on "
            "this PC."), "recoveryKeep"))
        self.save_button = QPushButton(self.tr("Save the sheet as PDF…"))
        self.save_button.setObjectName("recoverySave")
        self.save_button.clicked.connect(self.save_sheet)
        layout.addWidget(self.save_button)
        self.result_label = _wrapping(name="recoverySaved")
        layout.addWidget(self.result_label)
        self.kept = QCheckBox(self.tr("I have printed or copied out the recovery key"))
        self.kept.setObjectName("recoveryKept")
        layout.addWidget(self.kept)
        buttons = QDialogButtonBox()
        self.done_button = buttons.addButton(self.tr("Continue"),
                                             QDialogButtonBox.ButtonRole.AcceptRole)
        self.done_button.setObjectName("recoveryContinue")
        self.done_button.setEnabled(False)
        self.kept.toggled.connect(self.done_button.setEnabled)
        buttons.accepted.connect(self.accept)
        layout.addWidget(buttons)
        self.resize(560, self.sizeHint().height())

    def save_sheet(self) -> Path | None:
        from ..fileio import os_error_text, write_atomically
        from ..services.documents.header import HeaderData
        from ..services.documents.recovery_sheet import recovery_sheet_pdf

        path = prompts.current().choose_file(
            self, self.tr("Save the recovery key sheet"), self.tr("PDF documents (*.pdf)"),
            start="cle-de-recuperation.pdf", mode=prompts.SAVE)
        if not path:
            return None
        if not str(path).lower().endswith(".pdf"):
            path = f"{path}.pdf"
        pdf = recovery_sheet_pdf(self.key_text, self.header or HeaderData(),
                                 made_on=dt.date.today())
        try:
            write_atomically(path, pdf)
        except OSError as exc:
            self.result_label.setText(self.tr("The sheet could not be saved: {error}.")
                                      .format(error=os_error_text(exc)))
            return None
        self.saved = Path(path)
        self.result_label.setText(self.tr("Sheet saved: {path}. Print it, then delete the "
                                          "file from this PC.").format(path=path))
        return self.saved

    def reject(self) -> None:  # Esc: the key is shown once, leaving needs the tick
        if self.kept.isChecked():
            super().reject()


def sign_in(data_dir: str | Path | None, parent: QWidget | None = None, *,
            what: str | None = None, before_open: Callable[[], None] | None = None) -> Any:
    """The open database after the screens that get in: the login of an encrypted database;
    for a new folder or a database of the previous version, the first administrator, then
    the recovery key shown once. None when the user leaves.

    `what` is the folder's state when the caller knows it already
    (services.presence.quick_state: the login then shows without the database layer);
    `before_open` runs just before the database is opened (the start-up's clean-up of what a
    killed operation left). An error opening the database after the login propagates (the
    start-up says it in French)."""
    if what is None:
        what = _access().state(data_dir)
    if what == "encrypted":
        login = LoginDialog(data_dir, parent, user=DEFAULT_ADMIN)
        if login.exec() != QDialog.DialogCode.Accepted:
            return None
        if before_open is not None:
            before_open()
        services = _access().open_with(data_dir, credentials=login.credentials,
                                       key=login.key)
        return services.db
    admin = FirstAdminDialog(parent, converting=what == "plain")
    if admin.exec() != QDialog.DialogCode.Accepted:
        return None
    if before_open is not None:
        before_open()
    try:
        services = _access().open_with(data_dir, credentials=admin.credentials, create=True)
    except UserError as exc:
        prompts.current().inform(parent, "CCS Desktop", str(exc), warning=True)
        return None
    db = services.db
    if db.recovery_text:
        RecoveryKeyDialog(db.recovery_text, parent).exec()
        db.recovery_text = None
    return db
