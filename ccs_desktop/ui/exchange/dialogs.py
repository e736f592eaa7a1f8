"""The committee's exchange dialogs: back up to USB, transmit to the CRSS, trust the CRSS key,
restore a backup; and the CRSS's key pair (generate, export the public key).

The work runs off the GUI thread (common.start_task) with a progress bar; every result is a
plain sentence: file name, size, "you can remove the USB stick", or the service's French
message when something went wrong (full stick, stick pulled out, wrong passphrase).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QButtonGroup, QCheckBox, QDialog, QDialogButtonBox, QFormLayout, QGroupBox, QHBoxLayout,
    QLabel, QLineEdit, QProgressBar, QPushButton, QRadioButton, QVBoxLayout, QWidget,
)

from ...i18n import ngettext
from .. import settings_keys as prefs
from ..window_fit import fit_window, scroll_body
from . import common
from .common import (
    CrssKeyBox, DestinationPicker, PassphraseFields, Prompts, Session, fingerprint_label,
    human_size, set_message, spelled_fingerprint, start_task, wrapping_label,
)

translate = QCoreApplication.translate


class TaskDialog(QDialog):
    """A dialog that runs one long task with a progress bar and shows a clear result."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.busy = False
        self.progress = QProgressBar()
        self.progress.setObjectName("progress")
        self.progress.setRange(0, 100)
        self.progress.setVisible(False)
        self.step = QLabel()
        self.step.setObjectName("step")
        self.step.setVisible(False)
        self.result = wrapping_label("", "result")
        self.result.setVisible(False)
        self.buttons = QDialogButtonBox()
        self.close_button = self.buttons.addButton(
            translate("ExchangeCommon", "Close"), QDialogButtonBox.ButtonRole.RejectRole)
        self.close_button.setObjectName("closeButton")
        self.buttons.rejected.connect(self.reject)

    def add_footer(self, layout: QVBoxLayout) -> None:
        layout.addWidget(self.progress)
        layout.addWidget(self.step)
        layout.addWidget(self.result)
        layout.addStretch(1)
        layout.addWidget(self.buttons)

    def add_action(self, text: str, name: str) -> QPushButton:
        button = self.buttons.addButton(text, QDialogButtonBox.ButtonRole.ActionRole)
        button.setObjectName(name)
        button.setDefault(True)
        return button

    def run(self, fn: Callable, on_done: Callable[[Any], None],
            on_fail: Callable[[str], None] | None = None) -> None:
        self.set_busy(True)
        set_message(self.result, "")
        self.progress.setValue(0)
        self.progress.setVisible(True)
        self.step.setVisible(True)

        def done(value: Any) -> None:
            self.set_busy(False)
            self.progress.setValue(100)
            on_done(value)

        def fail(message: str) -> None:
            self.set_busy(False)
            self.progress.setVisible(False)
            self.step.setVisible(False)
            if on_fail is not None:
                on_fail(message)
            else:
                set_message(self.result, message, "error")

        start_task(self, fn, on_done=done, on_fail=fail, on_progress=self._on_progress)

    def _on_progress(self, done: int, total: int, message: str) -> None:
        self.progress.setValue(int(100 * done / max(total, 1)))
        self.step.setText(message)

    def set_busy(self, busy: bool) -> None:
        self.busy = busy
        for button in self.buttons.buttons():
            button.setEnabled(not busy)
        self.setCursor(Qt.CursorShape.BusyCursor if busy else Qt.CursorShape.ArrowCursor)

    def reject(self) -> None:
        if not self.busy:  # never leave a backup half-written behind a closed window
            super().reject()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        if self.busy:
            event.ignore()
        else:
            super().closeEvent(event)


def _target_folder(folder: Path) -> Path:
    from ...services.exchange.backup import BACKUP_FOLDER

    return folder if folder.name == BACKUP_FOLDER else folder / BACKUP_FOLDER


def _trusted(services: Any) -> bytes | None:
    from ...services.crss import keys

    try:
        return keys.trusted_public_key(services.db)
    except Exception:  # noqa: BLE001
        return None


# --------------------------------------------------------------------------- backup / transmit

class BackupDialog(TaskDialog):
    """Back up to USB (kind "backup") or transmit to the CRSS (kind "transmission")."""

    def __init__(self, services: Any, kind: str = "backup",
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.kind = kind
        self.written: Any = None
        self.setObjectName("backupDialog" if kind == "backup" else "transmitDialog")
        backup = kind == "backup"
        self.setWindowTitle(self.tr("Back up to USB") if backup
                            else self.tr("Transmit to the CRSS"))
        layout = QVBoxLayout(self)
        intro = wrapping_label(
            self.tr("The committee's whole database is written, encrypted, into the folder "
                    "CCS-Sauvegardes of the USB stick, then read back and checked. Earlier "
                    "backups on the stick stay intact; the last 10 are kept.") if backup else
            self.tr("The file for the CRSS is written, encrypted for the CRSS key, into the "
                    "folder CCS-Sauvegardes of the USB stick. Only the CRSS can open it."),
            "intro")
        layout.addWidget(intro)
        where = QGroupBox(self.tr("1. Where to write"))
        QVBoxLayout(where).addWidget(self._picker())
        layout.addWidget(where)
        self.passphrase: PassphraseFields | None = None
        self.trust_button: QPushButton | None = None
        if backup:
            box = QGroupBox(self.tr("2. Backup passphrase"))
            inner = QVBoxLayout(box)
            self.passphrase = PassphraseFields(Session.passphrases.get(str(services.db.path)))
            inner.addWidget(self.passphrase)
            self.recovery = wrapping_label("", "recovery")
            inner.addWidget(self.recovery)
            layout.addWidget(box)
        else:
            box = QGroupBox(self.tr("2. What goes to the CRSS"))
            inner = QVBoxLayout(box)
            self.content = wrapping_label("", "content")
            self.content.setTextFormat(Qt.TextFormat.RichText)
            inner.addWidget(self.content)
            self.recovery = wrapping_label("", "recovery")
            inner.addWidget(self.recovery)
            self.trust_button = QPushButton(self.tr("Trust a CRSS key…"))
            self.trust_button.setObjectName("trustButton")
            self.trust_button.clicked.connect(self.open_trust)
            inner.addWidget(self.trust_button, 0, Qt.AlignmentFlag.AlignLeft)
            layout.addWidget(box)
        self.start_button = self.add_action(
            self.tr("Back up now") if backup else self.tr("Write the transmission"),
            "startButton")
        self.start_button.clicked.connect(self.start)
        self.add_footer(layout)
        self._update_key_state()
        scroll_body(self)  # long content scrolls; the buttons stay visible
        fit_window(self, (640, 600 if backup else 620), "BackupDialog")

    def _picker(self) -> DestinationPicker:
        self.picker = DestinationPicker()
        return self.picker

    def _update_key_state(self) -> None:
        from ...services.crss import keys

        key = _trusted(self.services)
        fp = keys.fingerprint(key) if key else ""
        if self.kind == "backup":
            # issue 12: a full backup is never encrypted to the CRSS key
            set_message(self.recovery, self.tr(
                "This backup opens only with its passphrase: the CRSS key never opens a full "
                "backup, so the CRSS cannot read the restricted notes, the phone numbers or "
                "the names. Keep the passphrase safe."), "info")
            return
        try:
            share = bool(getattr(self.services.committee.own(), "share_names", False))
        except Exception:  # noqa: BLE001
            share = False
        # what services.exchange.snapshot.reduce_to_transmission really sends (issue 14)
        if share:
            goes = [self.tr("meetings and agendas, and the PDF of each adopted PV as it was "
                            "adopted, with the names"),
                    self.tr("people's names, with their category, sex and youth (the "
                            "committee's settings say to share them)")]
            stays = []
        else:
            goes = [self.tr("meetings and agendas, and each adopted PV in a version for the "
                            "CRSS: people appear by code and function (“P-7K2M-Q9XD, chef de "
                            "village”), their names are replaced in the typed text, and every "
                            "page says “Version pour le CRSS — l'original signé reste au "
                            "comité”"),
                    self.tr("people as codes such as P-7K2M-Q9XD, with their category, sex "
                            "and youth")]
            stays = [self.tr("people's names"),
                     self.tr("the original PDF of each adopted PV, with the names")]
        goes += [self.tr("threats, vulnerabilities, recommendations and their follow-up"),
                 self.tr("activities and the people reached")]
        stays += [self.tr("PVs not adopted yet"),
                  self.tr("scans and photos attached to records (the signed PV included)"),
                  self.tr("phone numbers"),
                  self.tr("restricted notes (DIFFUSION RESTREINTE) and complaints about FDS "
                          "conduct")]
        # tr() outside the f-strings: lupdate does not read calls inside them
        goes_title = self.tr("Goes to the CRSS:")
        stays_title = self.tr("Stays on this PC:")
        html = (f"<b>{goes_title}</b><ul>"
                + "".join(f"<li>{g}</li>" for g in goes)
                + f"</ul><b>{stays_title}</b><ul>"
                + "".join(f"<li>{s}</li>" for s in stays) + "</ul>")
        self.content.setText(html)
        if key:
            set_message(self.recovery, self.tr("The file will be encrypted for the CRSS key "
                                               "{fp}.").format(fp=fp), "info")
        else:
            set_message(self.recovery, self.tr(
                "No CRSS key is trusted yet. The CRSS gives its public key file (crss.pub); "
                "trust it first, after comparing its fingerprint with the CRSS by phone."),
                "warn")
        self.start_button.setEnabled(bool(key))
        assert self.trust_button is not None
        self.trust_button.setVisible(not key)

    def open_trust(self) -> None:
        dialog = TrustKeyDialog(self.services, self)
        Prompts.run_dialog(dialog)
        self._update_key_state()

    def start(self) -> None:
        from ...services.exchange import backup as bk

        folder = self.picker.selected_folder()
        if folder is None:
            set_message(self.result, self.tr("Choose a USB stick or a folder."), "error")
            return
        out = _target_folder(folder)
        db = self.services.db
        if self.passphrase is not None:
            problem = self.passphrase.problem()
            if problem:
                set_message(self.result, problem, "error")
                return
            secret = self.passphrase.value()
            if self.passphrase.remember.isChecked():
                Session.passphrases[str(db.path)] = secret
            else:
                Session.passphrases.pop(str(db.path), None)

            def work(progress: Callable) -> Any:
                return bk.create_backup(db, out, secret, progress=progress)
        else:
            def work(progress: Callable) -> Any:
                return bk.create_transmission(db, out, progress=progress)
        self.run(work, self._done)

    def _done(self, written: Any) -> None:
        self.written = written
        removable = self.picker.selected_is_removable()
        parts = [
            (self.tr("Backup written and checked.") if self.kind == "backup"
             else self.tr("Transmission written and checked.")),
            self.tr("File: {name} ({size})").format(name=written.path.name,
                                                    size=human_size(written.size)),
            self.tr("Folder: {folder}").format(folder=written.path.parent),
        ]
        if written.removed:
            parts.append(ngettext("{n} older file removed: the most recent ones are kept.",
                                  "{n} older files removed: the most recent ones are kept.",
                                  len(written.removed)).format(n=len(written.removed)))
        parts.extend(written.notices)
        if self.kind == "transmission":
            parts.append(self.tr("Hand the stick to the CRSS (or to whoever carries it)."))
        parts.append(self.tr("You can remove the USB stick.") if removable
                     else self.tr("You can now copy this file wherever you need it."))
        set_message(self.result, "\n".join(parts), "ok")
        self.step.setText(self.tr("Done."))


# --------------------------------------------------------------------------- trust a CRSS key

class TrustKeyDialog(QDialog):
    """Pick crss.pub, read its fingerprint aloud with the CRSS, then trust it."""

    def __init__(self, services: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.key: bytes | None = None
        self.setObjectName("trustDialog")
        self.setWindowTitle(self.tr("Trust a CRSS key"))
        layout = QVBoxLayout(self)
        layout.addWidget(wrapping_label(self.tr(
            "The CRSS gives its public key as a file named crss.pub. Once trusted, the "
            "transmissions are encrypted for the CRSS (full backups never are).")))
        from ...services.crss import keys

        current = _trusted(services)
        self.current = wrapping_label(
            self.tr("Key trusted now: {fp}").format(fp=keys.fingerprint(current)) if current
            else self.tr("No CRSS key is trusted yet."), "currentKey")
        layout.addWidget(self.current)
        self.choose_button = QPushButton(self.tr("Choose the crss.pub file…"))
        self.choose_button.setObjectName("choosePub")
        self.choose_button.clicked.connect(self.choose)
        layout.addWidget(self.choose_button, 0, Qt.AlignmentFlag.AlignLeft)
        self.file_label = wrapping_label("", "fileLabel")
        layout.addWidget(self.file_label)
        self.fingerprint = fingerprint_label("")
        self.fingerprint.setVisible(False)
        layout.addWidget(self.fingerprint)
        self.read_aloud = wrapping_label(self.tr(
            "Call the CRSS and read this fingerprint aloud, group by group. The CRSS reads "
            "its own: every letter and digit must be the same. If one differs, do not trust "
            "this file."), "readAloud")
        self.read_aloud.setVisible(False)
        layout.addWidget(self.read_aloud)
        self.same = QCheckBox(self.tr("The CRSS read me exactly the same fingerprint"))
        self.same.setObjectName("sameFingerprint")
        self.same.setVisible(False)
        layout.addWidget(self.same)
        self.result = wrapping_label("", "result")
        self.result.setVisible(False)
        layout.addWidget(self.result)
        layout.addStretch(1)
        buttons = QDialogButtonBox()
        self.trust_button = buttons.addButton(self.tr("Trust this key"),
                                              QDialogButtonBox.ButtonRole.ActionRole)
        self.trust_button.setObjectName("trustButton")
        self.trust_button.setEnabled(False)
        close = buttons.addButton(self.tr("Close"), QDialogButtonBox.ButtonRole.RejectRole)
        close.setObjectName("closeButton")
        buttons.rejected.connect(self.reject)
        self.trust_button.clicked.connect(self.trust)
        self.same.toggled.connect(lambda on: self.trust_button.setEnabled(
            on and self.key is not None))
        layout.addWidget(buttons)
        scroll_body(self)  # long content scrolls; the buttons stay visible
        fit_window(self, (600, 420), "TrustKeyDialog")

    def choose(self) -> None:
        from ...services.crss import keys
        from ...services.errors import UserError

        path = Prompts.open_file(self, self.tr("Choose the CRSS public key"),
                                 self.tr("CRSS public key (*.pub);;All files (*)"))
        if not path:
            return
        try:
            self.key = keys.read_public_key(path)
        except UserError as exc:
            self.key = None
            set_message(self.result, str(exc), "error")
            self.fingerprint.setVisible(False)
            self.read_aloud.setVisible(False)
            self.same.setVisible(False)
            return
        set_message(self.result, "")
        self.file_label.setText(self.tr("File: {path}").format(path=path))
        self.fingerprint.setText(spelled_fingerprint(keys.fingerprint(self.key)))
        for w in (self.fingerprint, self.read_aloud, self.same):
            w.setVisible(True)
        self.same.setChecked(False)

    def trust(self) -> None:
        from ...services.crss import keys

        if self.key is None or not self.same.isChecked():
            return
        try:
            fp = keys.trust(self.services.db, self.key)
        except Exception as exc:  # noqa: BLE001
            set_message(self.result, common.error_text(exc), "error")
            return
        self.current.setText(self.tr("Key trusted now: {fp}").format(fp=fp))
        set_message(self.result, self.tr(
            "The CRSS key is trusted. Transmissions are encrypted for it, and the next "
            "backups can also be reopened by the CRSS."), "ok")
        self.trust_button.setEnabled(False)


# --------------------------------------------------------------------------- restore

class RestoreDialog(TaskDialog):
    """Pick a file, open it (passphrase or CRSS key), see what it holds, then replace the
    database of `data_dir` (the current one is copied aside first).

    `before_replace()` is called on the GUI thread just before the restore (close the open
    editors and database there); when it returns False the restore is abandoned and nothing
    is touched. `after_replace(ok)` is called just after, success or not (reopen it)."""

    def __init__(self, data_dir: Path, parent: QWidget | None = None, *,
                 before_replace: Callable[[], None] | None = None,
                 after_replace: Callable[[bool], None] | None = None) -> None:
        super().__init__(parent)
        self.data_dir = Path(data_dir)
        self.before_replace = before_replace
        self.after_replace = after_replace
        self.path: str = ""
        self.manifest: dict | None = None
        self.restored: Any = None
        self.setObjectName("restoreDialog")
        self.setWindowTitle(self.tr("Restore a backup"))
        layout = QVBoxLayout(self)
        layout.addWidget(wrapping_label(self.tr(
            "Restoring replaces the committee's database by the content of a backup, for "
            "example after a disk failure or on a new PC. The current database is copied "
            "aside first, never deleted.")))
        step1 = QGroupBox(self.tr("1. The backup file"))
        row = QHBoxLayout(step1)
        self.file_edit = QLineEdit()
        self.file_edit.setObjectName("filePath")
        self.file_edit.setReadOnly(True)
        self.file_edit.setPlaceholderText(self.tr("a .ccsbak file, usually in "
                                                  "CCS-Sauvegardes on the USB stick"))
        choose = QPushButton(self.tr("Choose the file…"))
        choose.setObjectName("chooseFile")
        choose.clicked.connect(self.choose)
        local = QPushButton(self.tr("Copies on this PC…"))
        local.setObjectName("chooseLocal")
        local.setToolTip(self.tr("Automatic copies made on this PC when the application "
                                 "closes and every day"))
        local.clicked.connect(self.choose_local)
        row.addWidget(self.file_edit, 1)
        row.addWidget(choose)
        row.addWidget(local)
        layout.addWidget(step1)
        self.step2 = QGroupBox(self.tr("2. Open it with"))
        inner = QVBoxLayout(self.step2)
        self.by_passphrase = QRadioButton(self.tr("The backup passphrase"))
        self.by_passphrase.setObjectName("byPassphrase")
        self.by_key = QRadioButton(self.tr("The CRSS key (backups of an earlier version)"))
        self.by_key.setObjectName("byKey")
        self.by_recovery = QRadioButton(self.tr("The committee's recovery key (the sealed "
                                                "sheet), if the passphrase is forgotten"))
        self.by_recovery.setObjectName("byRecovery")
        group = QButtonGroup(self)
        group.addButton(self.by_passphrase)
        group.addButton(self.by_recovery)
        group.addButton(self.by_key)
        self.by_passphrase.setChecked(True)
        self.passphrase = QLineEdit()
        self.passphrase.setObjectName("passphrase")
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.key_box = CrssKeyBox()
        inner.addWidget(self.by_passphrase)
        pass_row = QFormLayout()
        pass_row.addRow(self.tr("Passphrase:"), self.passphrase)
        inner.addLayout(pass_row)
        inner.addWidget(self.by_recovery)
        self.recovery_text = QLineEdit()
        self.recovery_text.setObjectName("recoveryText")
        self.recovery_text.setPlaceholderText(self.tr("the groups of letters and digits of "
                                                      "the sheet, as printed"))
        recovery_row = QFormLayout()
        recovery_row.addRow(self.tr("Recovery key:"), self.recovery_text)
        inner.addLayout(recovery_row)
        inner.addWidget(self.by_key)
        inner.addWidget(self.key_box)
        self.by_key.toggled.connect(self._sync_identity)
        self.by_recovery.toggled.connect(self._sync_identity)
        layout.addWidget(self.step2)
        self.step3 = QGroupBox(self.tr("3. What the file holds"))
        inner3 = QVBoxLayout(self.step3)
        self.contents = wrapping_label(self.tr("Open the file to see what it holds."),
                                       "contents")
        inner3.addWidget(self.contents)
        self.aside = wrapping_label(self.tr(
            "The current database will be copied aside (ccs.avant-restauration-….sqlite3 in "
            "the data folder) before it is replaced."), "aside")
        inner3.addWidget(self.aside)
        # a backup brings its accounts: one of their passwords opens it (on this PC, the
        # session's usually does: leave the password empty)
        self.account_box = QWidget()
        self.account_box.setObjectName("backupAccount")
        account_form = QFormLayout(self.account_box)
        account_form.setContentsMargins(0, 0, 0, 0)
        from ...services import access

        self.account_user = QLineEdit(access.session_user())
        self.account_user.setObjectName("backupUser")
        self.account_password = QLineEdit()
        self.account_password.setObjectName("backupPassword")
        self.account_password.setEchoMode(QLineEdit.EchoMode.Password)
        self.account_password.setPlaceholderText(self.tr("empty: the password of this session"))
        account_form.addRow(wrapping_label(self.tr(
            "The backup brings its accounts: give one of them and its password as they "
            "were in the backup.")))
        account_form.addRow(self.tr("Account of the backup:"), self.account_user)
        account_form.addRow(self.tr("Its password:"), self.account_password)
        self.account_box.hide()
        inner3.addWidget(self.account_box)
        layout.addWidget(self.step3)
        self.open_button = self.add_action(self.tr("Open and check"), "openButton")
        self.open_button.clicked.connect(self.open_file)
        self.restore_button = self.add_action(self.tr("Restore this backup"), "restoreButton")
        self.restore_button.clicked.connect(self.restore)
        self.add_footer(layout)
        self._sync_identity()
        self._sync_buttons()
        scroll_body(self)  # long content scrolls; the buttons stay visible
        fit_window(self, (700, 720), "RestoreDialog")

    def _sync_identity(self) -> None:
        by_key = self.by_key.isChecked()
        self.passphrase.setEnabled(self.by_passphrase.isChecked())
        self.recovery_text.setEnabled(self.by_recovery.isChecked())
        self.key_box.setVisible(by_key)

    def _sync_buttons(self) -> None:
        if self.busy:
            return
        self.open_button.setEnabled(bool(self.path))
        self.restore_button.setEnabled(self.manifest is not None and self.restored is None)

    def set_busy(self, busy: bool) -> None:
        super().set_busy(busy)
        if not busy:
            self._sync_buttons()

    def _set_path(self, path: str) -> None:
        from ...services.exchange import container as ct

        self.path = path
        self.manifest = None
        self.restored = None
        self.file_edit.setText(path)
        self.step2.setVisible(ct.peek_is_container(path))
        self.contents.setText(self.tr("Open the file to see what it holds."))
        set_message(self.result, "")
        self._sync_buttons()

    def choose(self) -> None:
        path = Prompts.open_file(self, self.tr("Choose the backup"),
                                 self.tr("CCS backups (*.ccsbak);;All files (*)"))
        if path:
            self._set_path(path)

    def choose_local(self) -> None:
        from ...services.exchange.backup import AUTO_FOLDER

        path = Prompts.open_file(self, self.tr("Choose an automatic copy"),
                                 self.tr("Automatic copies (*.sqlite3);;All files (*)"),
                                 str(self.data_dir / AUTO_FOLDER))
        if path:
            self._set_path(path)

    def _identities_fn(self) -> Callable[[], list] | None:
        from ...services.crss import keys
        from ...services.exchange import container as ct

        if not self.step2.isVisible() and not ct.peek_is_container(self.path):
            return lambda: []
        if self.by_key.isChecked():
            problem = self.key_box.problem()
            if problem:
                set_message(self.result, problem, "error")
                return None
            unlock = self.key_box.unlocker()
            return lambda: [keys.identity(unlock())]
        if self.by_recovery.isChecked():
            from ...services import access
            from ...services.errors import UserError

            try:
                identity = access.recovery_identity(self.recovery_text.text())
            except UserError as exc:
                set_message(self.result, str(exc), "error")
                return None
            return lambda: [identity]
        secret = self.passphrase.text()
        if not secret:
            set_message(self.result, self.tr("Type the backup passphrase."), "error")
            return None
        return lambda: [ct.PassphraseIdentity(secret)]

    def open_file(self) -> None:
        from ...services.exchange import backup as bk
        from ...services.exchange import container as ct

        identities = self._identities_fn()
        if identities is None:
            return
        path, work_dir = self.path, self.data_dir

        def work(progress: Callable) -> dict:
            # decrypted inside the data folder (never the system temp), deleted at once; a
            # plain SQLite file only from this data folder's automatic copies. This is the
            # first step of a restore into that folder (a new PC: the wizard's folder),
            # which may create it
            ids = identities() if ct.peek_is_container(path) else []
            return bk.verify_file(path, ids, progress=progress, work_dir=work_dir,
                                  create_work_dir=True)

        self.manifest = None
        self.run(work, self._opened)

    def _opened(self, manifest: dict) -> None:
        from ...services.exchange import backup as bk

        warning = bk.notice(bk.opened_with(manifest), manifest.get("kind", ""))
        if warning is None:  # opened with its passphrase: the only authentic case
            self.step.setText(self.tr("File checked: complete, authentic and readable."))
        else:  # opened with the CRSS key, or a local copy: never called authentic
            self.step.setText(warning)
        if manifest.get("kind") != "backup":
            self.manifest = None
            self.contents.setText(bk.describe(manifest))
            set_message(self.result, self.tr(
                "This file is a transmission for the CRSS (reduced data, without names or "
                "phone numbers): it cannot restore a committee. Choose a backup."), "error")
            self._sync_buttons()
            return
        self.manifest = manifest
        self.account_box.setVisible(bool(manifest.get("keyfile")))
        text = bk.describe(manifest)
        if warning is not None:
            text += "\n" + warning
        self.contents.setText(text)
        set_message(self.result, self.tr("The file is complete and readable. Check the "
                                         "committee and the date above, then restore."), "ok")
        self._sync_buttons()

    def restore(self) -> None:
        from ...services.errors import UserError
        from ...services.exchange import backup as bk

        if self.manifest is None:
            return
        if not Prompts.confirm(self, self.tr("Restore a backup"), self.tr(
                "Replace the current database by this backup?\n\nThe current database will "
                "be copied aside first; what was typed since this backup is only in that "
                "copy."), self.tr("Restore")):
            return
        identities = self._identities_fn()
        if identities is None:
            return
        path, data_dir = self.path, self.data_dir
        # the trusted CRSS key, the pseudonym secret...: never replaced without asking
        # (a file opened with the CRSS key or a local copy does not prove its author: even
        # on a new PC its settings are only taken if the user says so)
        replace_security = False
        authenticated = self.manifest.get("_authenticated") is True
        try:
            changes = bk.security_changes(data_dir, self.manifest.get("_security") or {},
                                          authenticated=authenticated)
        except UserError as exc:  # the current database exists but cannot be read: refuse
            set_message(self.result, str(exc), "error")
            return
        if changes:
            replace_security = Prompts.yes_no(
                self, self.tr("Restore a backup"),
                bk.describe_security_changes(changes, authenticated=authenticated))
        if self.before_replace is not None and self.before_replace() is False:
            # an editor still open was not closed (the user cancelled): nothing was touched
            set_message(self.result, self.tr("The current database was not changed."),
                        "error")
            return

        credentials = self._backup_account()

        def work(progress: Callable) -> Any:
            result = bk.restore(path, data_dir, identities(), progress=progress,
                                replace_security_settings=replace_security,
                                credentials=credentials)
            if credentials is not None and result.accounts_restored:
                from ...services import access

                access.remember_session(credentials)  # the restored database's account
            return result

        self.run(work, self._restored, self._restore_failed)

    def _backup_account(self) -> Any:
        """The account that opens the backup's key file: the one typed, else this session's
        (None: the core asks the session itself)."""
        from ...services import access

        password = self.account_password.text()
        user = self.account_user.text().strip()
        if password and user:
            return access.Credentials(user, password)
        return None

    def _restored(self, result: Any) -> None:
        from ...services.exchange import backup as bk

        self.restored = result
        if self.after_replace is not None:
            self.after_replace(True)
        c = result.manifest.get("committee") or {}
        lines = [self.tr("The backup was restored."),
                 self.tr("Committee: {name} ({code})").format(name=c.get("name", "?"),
                                                              code=c.get("code", "-")),
                 self.tr("Backup of: {date}").format(date=bk.created_text(result.manifest))]
        counts = bk.contents_text(result.manifest)
        if counts:
            lines.append(counts)
        if result.saved_copy:
            lines.append(self.tr("The previous database was copied aside: {path}").format(
                path=result.saved_copy))
        if result.accounts_restored:
            lines.append(self.tr("The accounts of the backup came back with it: {names}.")
                         .format(names=", ".join(result.accounts_restored)))
        warning = bk.notice(result.opened_with)
        if warning:
            lines.append(warning)
        lines += bk.security_report(result)
        set_message(self.result, "\n".join(lines), "ok")
        self.step.setText(self.tr("Done."))
        self._sync_buttons()

    def _restore_failed(self, message: str) -> None:
        if self.after_replace is not None:
            self.after_replace(False)
        set_message(self.result, message + "\n" + self.tr(
            "The current database was not changed."), "error")


# --------------------------------------------------------------------------- CRSS key pair

KEY_FOLDER = "CCS-Cle-CRSS"


class KeygenDialog(TaskDialog):
    """Generate the CRSS key pair (private key protected by a passphrase), then copy the
    private key to a second stick for safekeeping."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.paths: tuple[Path, Path] | None = None
        self.setObjectName("keygenDialog")
        self.setWindowTitle(self.tr("Generate the CRSS key pair"))
        layout = QVBoxLayout(self)
        layout.addWidget(wrapping_label(self.tr(
            "The CRSS key pair has two files. crss.pub (public) is given to every committee: "
            "their transmissions are encrypted for it. crss.key (private, protected by a "
            "passphrase) opens them: keep it secret, and keep a copy on a second USB stick "
            "in a safe place. Without it, no transmission can be read.")))
        where = QGroupBox(self.tr("1. Where to write the two files"))
        self.picker = DestinationPicker()
        QVBoxLayout(where).addWidget(self.picker)
        layout.addWidget(where)
        box = QGroupBox(self.tr("2. Passphrase of the private key"))
        self.passphrase = PassphraseFields(allow_remember=False)
        QVBoxLayout(box).addWidget(self.passphrase)
        layout.addWidget(box)
        self.fingerprint = fingerprint_label()
        self.fingerprint.setVisible(False)
        layout.addWidget(self.fingerprint)
        self.start_button = self.add_action(self.tr("Generate the keys"), "startButton")
        self.start_button.clicked.connect(self.start)
        self.copy_button = self.add_action(self.tr("Copy the private key to a second stick…"),
                                           "copyButton")
        self.copy_button.setVisible(False)
        self.copy_button.clicked.connect(self.copy_private)
        self.add_footer(layout)
        scroll_body(self)  # long content scrolls; the buttons stay visible
        fit_window(self, (680, 640), "KeygenDialog")

    def start(self) -> None:
        from ...services.crss import keys

        folder = self.picker.selected_folder()
        if folder is None:
            set_message(self.result, self.tr("Choose a USB stick or a folder."), "error")
            return
        problem = self.passphrase.problem()
        if problem:
            set_message(self.result, problem, "error")
            return
        secret = self.passphrase.value()
        out = folder if folder.name == KEY_FOLDER else folder / KEY_FOLDER

        def work(progress: Callable) -> Any:
            progress(10, 100, translate("ExchangeCommon", "Generating the keys…"))
            pair = keys.generate()
            priv, pub = keys.write_key_files(pair, out, secret)
            return pair, priv, pub

        self.run(work, self._done)

    def _done(self, value: Any) -> None:
        pair, priv, pub = value
        self.paths = (priv, pub)
        prefs.write(prefs.CRSS_KEY_PATH, str(priv))
        self.fingerprint.setText(spelled_fingerprint(pair.fingerprint))
        self.fingerprint.setVisible(True)
        set_message(self.result, "\n".join([
            self.tr("The key pair was created."),
            self.tr("Public key (give it to the committees): {path}").format(path=pub),
            self.tr("Private key (secret, protected): {path}").format(path=priv),
            self.tr("Fingerprint (above): the committees read it aloud with you before "
                    "trusting the key."),
            self.tr("Now copy the private key to a second USB stick.")]), "ok")
        self.step.setText(self.tr("Done."))
        self.start_button.setVisible(False)
        self.copy_button.setVisible(True)

    def copy_private(self) -> None:
        from ...services.crss import keys

        if self.paths is None:
            return
        folder = Prompts.directory(self, self.tr("Choose the second USB stick"))
        if not folder:
            return
        target = Path(folder)
        target = target if target.name == KEY_FOLDER else target / KEY_FOLDER
        try:
            copied = keys.export_private_key(self.paths[0], target)
        except Exception as exc:  # noqa: BLE001
            set_message(self.result, common.error_text(exc), "error")
            return
        set_message(self.result, self.tr("The private key was copied and checked: {path}. "
                                         "Keep this stick in a safe place.").format(
            path=copied), "ok")


class ExportPublicKeyDialog(TaskDialog):
    """Write crss.pub (from the private key) onto a stick for the committees."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.written: Path | None = None
        self.setObjectName("exportPublicDialog")
        self.setWindowTitle(self.tr("Export the public key"))
        layout = QVBoxLayout(self)
        layout.addWidget(wrapping_label(self.tr(
            "Writes the public key file crss.pub for the committees. They read its "
            "fingerprint aloud with you before trusting it.")))
        key = QGroupBox(self.tr("1. The CRSS private key"))
        self.key_box = CrssKeyBox()
        QVBoxLayout(key).addWidget(self.key_box)
        layout.addWidget(key)
        where = QGroupBox(self.tr("2. Where to write crss.pub"))
        self.picker = DestinationPicker()
        QVBoxLayout(where).addWidget(self.picker)
        layout.addWidget(where)
        self.fingerprint = fingerprint_label()
        self.fingerprint.setVisible(False)
        layout.addWidget(self.fingerprint)
        self.start_button = self.add_action(self.tr("Export"), "startButton")
        self.start_button.clicked.connect(self.start)
        self.add_footer(layout)
        scroll_body(self)  # long content scrolls; the buttons stay visible
        fit_window(self, (660, 560), "ExportPublicKeyDialog")

    def start(self) -> None:
        from ...services.crss import keys

        folder = self.picker.selected_folder()
        if folder is None:
            set_message(self.result, self.tr("Choose a USB stick or a folder."), "error")
            return
        problem = self.key_box.problem()
        if problem:
            set_message(self.result, problem, "error")
            return
        unlock = self.key_box.unlocker()

        def work(progress: Callable) -> Any:
            pair = unlock()
            return pair, keys.export_public_key(pair.public_key, folder)

        self.run(work, self._done)

    def _done(self, value: Any) -> None:
        pair, path = value
        self.written = path
        self.fingerprint.setText(spelled_fingerprint(pair.fingerprint))
        self.fingerprint.setVisible(True)
        set_message(self.result, self.tr("Public key written: {path}").format(path=path),
                    "ok")
        self.step.setText(self.tr("Done."))
