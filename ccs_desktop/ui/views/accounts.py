"""Settings › Accounts (administrators only, issue 13): the accounts and their roles, a new
account, a new password, an account disabled (the database is re-keyed), and the idle time
before the session locks. Everything goes through services.access."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import (
    QComboBox, QDialog, QDialogButtonBox, QFormLayout, QGroupBox, QHBoxLayout, QLabel,
    QLineEdit, QPushButton, QSpinBox, QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget,
)

from ...services import access
from ...services.errors import UserError
from .. import prompts

role_label = access.role_label


class AccountDialog(QDialog):
    """A new account (name, role, password twice) or a new password (`name` given)."""

    def __init__(self, roles: tuple[str, ...], name: str = "",
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("New password") if name else self.tr("New account"))
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.name = QLineEdit(name)
        self.name.setObjectName("accountName")
        self.name.setReadOnly(bool(name))
        self.role = QComboBox()
        self.role.setObjectName("accountRole")
        for code in roles:
            self.role.addItem(role_label(code), code)
        self.password = QLineEdit()
        self.password.setObjectName("accountPassword")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.confirm = QLineEdit()
        self.confirm.setObjectName("accountConfirm")
        self.confirm.setEchoMode(QLineEdit.EchoMode.Password)
        form.addRow(self.tr("Account name:"), self.name)
        if not name:
            form.addRow(self.tr("Role:"), self.role)
        form.addRow(self.tr("Password:"), self.password)
        form.addRow(self.tr("Password again:"), self.confirm)
        layout.addLayout(form)
        self.error = QLabel()
        self.error.setObjectName("accountError")
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #b71c1c;")
        layout.addWidget(self.error)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self._check)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def _check(self) -> None:
        if self.password.text() != self.confirm.text():
            self.error.setText(self.tr("The two passwords differ: type the same one twice."))
            return
        self.accept()


class AccountsBox(QGroupBox):
    """The accounts section of Settings."""

    def __init__(self, services: Any, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Accounts"), parent)
        self.setObjectName("accountsBox")
        self.services = services
        layout = QVBoxLayout(self)
        self.table = QTableWidget(0, 3)
        self.table.setObjectName("accountsTable")
        self.table.setHorizontalHeaderLabels([self.tr("Account"), self.tr("Role"),
                                              self.tr("State")])
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableWidget.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.setMinimumHeight(140)
        layout.addWidget(self.table)
        row = QHBoxLayout()
        self.add_button = QPushButton(self.tr("New account…"))
        self.add_button.setObjectName("addAccount")
        self.add_button.clicked.connect(self.add)
        self.password_button = QPushButton(self.tr("New password…"))
        self.password_button.setObjectName("accountPasswordButton")
        self.password_button.clicked.connect(self.change_password)
        self.disable_button = QPushButton(self.tr("Disable…"))
        self.disable_button.setObjectName("disableAccount")
        self.disable_button.clicked.connect(self.disable)
        for button in (self.add_button, self.password_button, self.disable_button):
            row.addWidget(button)
        row.addStretch(1)
        layout.addLayout(row)
        lock_row = QFormLayout()
        self.lock_minutes = QSpinBox()
        self.lock_minutes.setObjectName("lockMinutes")
        self.lock_minutes.setRange(*access.LOCK_RANGE)
        self.lock_minutes.setSuffix(self.tr(" min"))
        self.lock_minutes.valueChanged.connect(self._lock_minutes_changed)
        lock_row.addRow(self.tr("Lock the session after this idle time:"), self.lock_minutes)
        layout.addLayout(lock_row)
        self.status = QLabel()
        self.status.setObjectName("accountsStatus")
        self.status.setWordWrap(True)
        layout.addWidget(self.status)
        self.table.itemSelectionChanged.connect(self._selection_changed)
        self.refresh()

    @property
    def db(self) -> Any:
        return self.services.db

    def refresh(self) -> None:
        self.accounts = access.list_accounts(self.db)
        self.table.setRowCount(len(self.accounts))
        for i, a in enumerate(self.accounts):
            state = self.tr("enabled") if a.enabled else self.tr("disabled")
            for j, text in enumerate((a.name, role_label(a.role), state)):
                self.table.setItem(i, j, QTableWidgetItem(text))
        self.table.resizeColumnsToContents()
        self.lock_minutes.blockSignals(True)
        self.lock_minutes.setValue(access.lock_minutes(self.db))
        self.lock_minutes.blockSignals(False)
        self._selection_changed()

    def selected(self) -> Any:
        rows = self.table.selectionModel().selectedRows()
        return self.accounts[rows[0].row()] if rows else None

    def select(self, name: str) -> None:
        for i, a in enumerate(self.accounts):
            if a.name == name:
                self.table.selectRow(i)

    def _selection_changed(self) -> None:
        account = self.selected()
        usable = account is not None and account.enabled
        self.password_button.setEnabled(usable)
        self.disable_button.setEnabled(usable)

    def _say(self, text: str, error: bool = False) -> None:
        self.status.setStyleSheet("color: #b00020; font-weight: bold;" if error
                                  else "color: #1b5e20;")
        self.status.setText(text)

    # --- the actions (the dialogs call these; tests call them directly) ---------------------
    def create_account(self, name: str, role: str, password: str) -> bool:
        try:
            access.add_account(self.db, name, role, password)
        except UserError as exc:
            self._say(str(exc), error=True)
            return False
        self.refresh()
        self._say(self.tr("Account “{name}” created.").format(name=name))
        return True

    def set_password(self, name: str, password: str) -> bool:
        try:
            access.set_password(self.db, name, password)
        except UserError as exc:
            self._say(str(exc), error=True)
            return False
        self._say(self.tr("New password set for “{name}”.").format(name=name))
        return True

    def add(self) -> bool:
        dialog = AccountDialog(access.allowed_roles(self.db), parent=self)
        if not prompts.current().run_dialog(dialog):
            return False
        return self.create_account(dialog.name.text().strip(), dialog.role.currentData(),
                                   dialog.password.text())

    def change_password(self) -> bool:
        account = self.selected()
        if account is None:
            return False
        dialog = AccountDialog((), name=account.name, parent=self)
        if not prompts.current().run_dialog(dialog):
            return False
        return self.set_password(account.name, dialog.password.text())

    def disable(self) -> bool:
        account = self.selected()
        if account is None:
            return False
        if not prompts.current().ask_yes_no(
                self, self.tr("Disable an account"),
                self.tr("Disable the account “{name}”? It will no longer open the records: "
                        "the database will be re-keyed (encrypted again under a new key), "
                        "which takes a moment. Its name stays in the list, disabled.")
                .format(name=account.name),
                yes_text=self.tr("Disable and re-key"), warning=True):
            return False
        try:
            access.disable_account(self.db, account.name)
        except UserError as exc:
            self._say(str(exc), error=True)
            return False
        self.refresh()
        self._say(self.tr("Account “{name}” disabled; the database was re-keyed.")
                  .format(name=account.name))
        return True

    def _lock_minutes_changed(self, value: int) -> None:
        try:
            access.set_lock_minutes(self.db, value)
        except UserError as exc:
            self._say(str(exc), error=True)
