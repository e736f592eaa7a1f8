"""Settings: the committee profile, the language, what goes up to the CRSS."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox, QComboBox, QFormLayout, QGroupBox, QHBoxLayout, QLabel, QPushButton, QScrollArea,
    QSpinBox, QVBoxLayout, QWidget,
)

from ...domain import enums
from ...services.errors import UserError, ValidationError
from ...services.records import ListQuery
from .. import i18n
from .crss import is_crss
from ..widgets.committee_form import CommitteeForm


def error_text(exc: Exception) -> str:
    errors = getattr(exc, "errors", None)
    if isinstance(errors, dict) and errors:
        return "\n".join(str(v) for v in errors.values())
    return str(exc)


class SettingsPage(QWidget):
    saved = Signal()
    languageChanged = Signal(str)

    def __init__(self, services: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.setObjectName("page_settings")

        title = QLabel(self.tr("Settings"))
        title.setObjectName("pageTitle")

        self.form = CommitteeForm()
        self.chair = QComboBox()
        self.chair.setObjectName("chair")
        self.secretary = QComboBox()
        self.secretary.setObjectName("secretary")
        self.quorum_rule = QComboBox()
        self.quorum_rule.setObjectName("quorum_rule")
        for code, text in i18n.choices(enums.QuorumRule):
            self.quorum_rule.addItem(text, code)
        self.quorum_value = QSpinBox()
        self.quorum_value.setObjectName("quorum_value")
        self.quorum_value.setRange(1, 200)
        self.quorum_rule.currentIndexChanged.connect(
            lambda: self.quorum_value.setEnabled(self.quorum_rule.currentData() == "fixed"))
        self.form.form.addRow(self.tr("C&hair:"), self.chair)
        self.form.form.addRow(self.tr("&Secretary:"), self.secretary)
        self.form.form.addRow(self.tr("&Quorum:"), self.quorum_rule)
        self.form.form.addRow(self.tr("Fixed &number of members:"), self.quorum_value)
        profile = QGroupBox(self.tr("Committee profile"))
        QVBoxLayout(profile).addWidget(self.form)

        self.share_names = QCheckBox(self.tr("Send members' names to the CRSS (otherwise "
                                             "people are replaced by codes)"))
        self.share_names.setObjectName("share_names")
        sharing = QGroupBox(self.tr("What goes up to the CRSS"))
        QVBoxLayout(sharing).addWidget(self.share_names)

        self.language = QComboBox()
        self.language.setObjectName("language")
        for code, text in i18n.LANGUAGES:
            self.language.addItem(text, code)
        lang_box = QGroupBox(self.tr("Language"))
        lang_form = QFormLayout(lang_box)
        lang_form.addRow(self.tr("&Language of the application:"), self.language)

        # the recovery key: a new one (the old one stops working), shown once and printed
        self.recovery_button = QPushButton(self.tr("New recovery key…"))
        self.recovery_button.setObjectName("newRecoveryKey")
        self.recovery_button.clicked.connect(self.new_recovery_key)
        security = QGroupBox(self.tr("Security"))
        sec_layout = QVBoxLayout(security)
        sec_note = QLabel(self.tr("The recovery key opens the records when every password is "
                                  "forgotten. Make a new one if the sheet was lost or seen by "
                                  "someone: the old one stops working at once."))
        sec_note.setWordWrap(True)
        sec_layout.addWidget(sec_note)
        sec_layout.addWidget(self.recovery_button)
        # issue 12: the signing key's fingerprint, read out to the CRSS over the phone
        from ...services.exchange.signing import own_fingerprint

        self.signing_fingerprint = QLabel(self.tr(
            "Fingerprint of the committee's signing key (read it out to the CRSS when it "
            "asks): {fingerprint}").format(fingerprint=own_fingerprint(services.db)))
        self.signing_fingerprint.setObjectName("signingFingerprint")
        self.signing_fingerprint.setWordWrap(True)
        self.signing_fingerprint.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse)
        sec_layout.addWidget(self.signing_fingerprint)
        self.security_box = security

        self.save_button = QPushButton(self.tr("&Save"))
        self.save_button.setObjectName("saveSettings")
        self.save_button.setDefault(True)
        self.save_button.clicked.connect(self.save)
        self.status = QLabel()
        self.status.setObjectName("settingsStatus")
        self.status.setWordWrap(True)

        # CRSS mode: no committee profile, nothing goes up; the language stays
        self.crss = is_crss(services)
        self.crss_note = QLabel(self.tr("This computer is the CRSS's: it gathers the files of "
                                        "the committees (menu Backup). It has no committee "
                                        "profile of its own."))
        self.crss_note.setObjectName("crssNote")
        self.crss_note.setWordWrap(True)
        self.crss_note.setVisible(self.crss)
        profile.setVisible(not self.crss)
        sharing.setVisible(not self.crss)
        self.profile_box, self.sharing_box = profile, sharing
        # no committee yet: the profile waits for the set-up; the language can be chosen now
        self.setup_note = QLabel(self.tr("No committee is set up yet: click “Set up the "
                                         "committee…” on the Home page. The language can be "
                                         "chosen now."))
        self.setup_note.setObjectName("setupNote")
        self.setup_note.setWordWrap(True)
        self.setup_note.setStyleSheet("background: #e3f2fd; border: 1px solid #1565c0; "
                                      "padding: 6px; color: #0d3c61;")
        self.setup_note.setVisible(False)

        inner = QWidget()
        body = QVBoxLayout(inner)
        body.addWidget(title)
        body.addWidget(self.crss_note)
        body.addWidget(self.setup_note)
        body.addWidget(profile)
        body.addWidget(sharing)
        body.addWidget(lang_box)
        body.addWidget(security)
        from ...services import access  # issue 13: accounts for administrators, greyed profile

        self.accounts_box = None
        if access.can(services.db, "accounts.manage"):
            from .accounts import AccountsBox

            self.accounts_box = AccountsBox(services)
            body.addWidget(self.accounts_box)
        self.may_edit = access.can(services.db, "settings.edit")
        security.setEnabled(self.may_edit)
        buttons = QHBoxLayout()
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.status, 1)
        body.addLayout(buttons)
        body.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(inner)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)
        self.refresh()

    def new_recovery_key(self) -> str | None:
        """Ask, make a new recovery key (the old one stops working) and show it once."""
        from ...services import access
        from ...services.errors import UserError
        from .. import prompts
        from ..login import RecoveryKeyDialog

        if not prompts.current().ask_yes_no(
                self, self.tr("New recovery key"),
                self.tr("Make a new recovery key? The one on the sealed sheet will stop "
                        "working at once; print the new one and seal it in its place."),
                yes_text=self.tr("Make a new key"), warning=True):
            return None
        try:
            text = access.new_recovery_key(self.services.db)
        except UserError as exc:
            self.status.setText(str(exc))
            return None
        prompts.current().run_dialog(RecoveryKeyDialog(text, self))
        self.status.setText(self.tr("A new recovery key was made: the previous one no "
                                    "longer works."))
        return text

    def _people(self) -> list[tuple[str, int]]:
        rows = self.services.people.rows(ListQuery(filters={"is_active": True}, limit=2000))
        return [(p.display_name, p.id) for p in rows]

    def refresh(self) -> None:
        if self.crss:  # the people of every committee are not the chair's choices
            self.language.setCurrentIndex(max(0, self.language.findData(
                i18n.current_language())))
            return
        committee = self.services.committee.own()
        people = self._people()
        for box, current in ((self.chair, committee.chair_id if committee else None),
                             (self.secretary, committee.secretary_id if committee else None)):
            box.clear()
            box.addItem(self.tr("(nobody chosen)"), None)
            for text, pid in people:
                box.addItem(text, pid)
            box.setCurrentIndex(max(0, box.findData(current)) if current else 0)
        if committee is not None:
            self.form.load(committee)
            self.quorum_rule.setCurrentIndex(max(0, self.quorum_rule.findData(
                committee.quorum_rule)))
            self.quorum_value.setValue(committee.quorum_value or 1)
            self.share_names.setChecked(bool(committee.share_names))
        self.quorum_value.setEnabled(self.quorum_rule.currentData() == "fixed")
        self.language.setCurrentIndex(max(0, self.language.findData(i18n.current_language())))
        configured = committee is not None
        self.profile_box.setEnabled(configured and self.may_edit)
        self.sharing_box.setEnabled(configured and self.may_edit)
        self.setup_note.setVisible(not configured)

    def save(self) -> bool:
        if self.crss or not self.may_edit or not self.services.committee.is_configured():
            return self._save_language()
        values = self.form.values()
        values.update(chair_id=self.chair.currentData(), secretary_id=self.secretary.currentData(),
                      quorum_rule=self.quorum_rule.currentData(),
                      quorum_value=(self.quorum_value.value()
                                    if self.quorum_rule.currentData() == "fixed" else None),
                      share_names=self.share_names.isChecked())
        try:
            self.services.committee.update(**values)
        except (ValidationError, UserError) as exc:
            self.status.setText(error_text(exc))
            self.status.setStyleSheet("color: #b00020; font-weight: bold;")
            return False
        return self._save_language()

    def _save_language(self) -> bool:
        self.status.setStyleSheet("color: #1b5e20;")
        self.status.setText(self.tr("Settings saved."))
        lang = self.language.currentData()
        if lang != i18n.current_language():
            i18n.set_language_setting(lang)
            self.languageChanged.emit(lang)
        self.saved.emit()
        return True
