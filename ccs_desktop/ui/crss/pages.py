"""The CRSS pages: the register of expected committees (and its entry editor), the import log
and the conflicts to settle. Every table filters by region, cercle, commune and committee.

Pages take a `host`: any object with a `.services` attribute (the main window), read again at
every refresh so that a database reopened after a restore is followed. What they show comes
from services.crss (small frozen rows).
"""

from __future__ import annotations

import html
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QCheckBox, QComboBox, QDateEdit, QDialog, QDialogButtonBox, QFormLayout, QHBoxLayout, QLabel,
    QLineEdit, QPushButton, QSplitter, QTextBrowser, QVBoxLayout, QWidget,
)

from ...services.crss import committee_keys, conflicts, importer, register
from ...services.crss.register import STATUSES
from ...services.crss.workspace import CommitteePlace, committee_places
from ..i18n import date_time_text
from ..exchange.common import Prompts, error_text, set_message, wrapping_label
from .filters import PlaceFilter
from .tables import (
    ConflictsModel, ImportLogModel, RegisterModel, fit_columns, make_table,
    status_label,
)


class _Page(QWidget):
    def __init__(self, host: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.host = host

    @property
    def db(self) -> Any:
        return self.host.services.db

    def showEvent(self, event: Any) -> None:  # noqa: N802
        super().showEvent(event)
        self.refresh()

    def refresh(self) -> None:  # pragma: no cover - overridden
        pass


class RegisterPage(_Page):
    """Every expected committee, those that never sent anything included."""

    def __init__(self, host: Any, parent: QWidget | None = None) -> None:
        super().__init__(host, parent)
        self.setObjectName("registerPage")
        self._ensured: Any = None
        self.all_rows: list[Any] = []
        self.filter = PlaceFilter(self.apply)
        self.status = QComboBox()
        self.status.setObjectName("statusFilter")
        self.status.addItem(self.tr("All"), "")
        for code in STATUSES:
            self.status.addItem(status_label(code), code)
        self.status.currentIndexChanged.connect(self.apply)
        self.never = QCheckBox(self.tr("Never sent only"))
        self.never.setObjectName("neverSent")
        self.dups = QCheckBox(self.tr("Communes under two committees only"))
        self.dups.setObjectName("duplicatesOnly")
        self.never.toggled.connect(self.apply)
        self.dups.toggled.connect(self.apply)
        self.edit_button = QPushButton(self.tr("Edit…"))
        self.edit_button.setObjectName("editEntry")
        self.edit_button.setToolTip(self.tr("Installation date, creation decision, partner, "
                                            "status"))
        self.edit_button.clicked.connect(self.edit_current)
        self.key_button = QPushButton(self.tr("Signing key…"))
        self.key_button.setObjectName("acceptKey")
        self.key_button.setToolTip(self.tr("Confirm the committee's key, or accept its new "
                                           "key, by the fingerprint it reads out"))
        self.key_button.clicked.connect(self.key_of_current)
        self.model = RegisterModel(self)
        self.view, self.proxy = make_table(self.model, "registerTable")
        self.view.doubleClicked.connect(lambda _i: self.edit_current())
        self.summary = QLabel()
        self.summary.setObjectName("summary")
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Status:")))
        top.addWidget(self.status)
        top.addWidget(self.never)
        top.addWidget(self.dups)
        top.addStretch(1)
        self.rates_button = QPushButton(self.tr("Reporting rates…"))  # issue 17
        self.rates_button.setObjectName("openCompleteness")
        self.rates_button.clicked.connect(self.open_completeness)
        top.addWidget(self.rates_button)
        self.dashboard_button = QPushButton(self.tr("Dashboard…"))  # issue 17
        self.dashboard_button.setObjectName("openCrssDashboard")
        self.dashboard_button.setToolTip(self.tr("The figures and charts of the nation, a "
                                                 "region, a cercle or a committee, and the "
                                                 "committees compared"))
        self.dashboard_button.clicked.connect(self.open_dashboard)
        top.addWidget(self.dashboard_button)
        top.addWidget(self.edit_button)
        top.addWidget(self.key_button)
        layout = QVBoxLayout(self)
        title = QLabel(self.tr("Register of the committees"))
        title.setObjectName("pageTitle")
        title.setStyleSheet("font-size: 15pt; font-weight: bold;")
        layout.addWidget(title)
        layout.addWidget(self.filter)
        layout.addLayout(top)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.summary)

    def refresh(self) -> None:
        db = self.db
        if self._ensured is not db:
            register.ensure_register(db)
            self._ensured = db
        self.all_rows = register.list_register(db)
        self.filter.set_places([(r.region, r.cercle, r.commune) for r in self.all_rows])
        self.apply()

    def apply(self) -> None:
        status = self.status.currentData() or ""
        rows = [r for r in self.all_rows
                if self.filter.accepts(r.region, r.cercle, r.commune, r.committee_code)
                and (not status or r.status == status)
                and (not self.never.isChecked() or r.never_sent)
                and (not self.dups.isChecked() or r.duplicate)]
        self.model.set_rows(rows)
        fit_columns(self.view)
        sent = sum(1 for r in rows if not r.never_sent)
        self.summary.setText(self.tr("{n} expected committees shown: {sent} sent a file, "
                                     "{never} never did, {dup} flagged.").format(
            n=len(rows), sent=sent, never=len(rows) - sent,
            dup=sum(1 for r in rows if r.duplicate)))

    def current_row(self) -> Any:
        index = self.view.currentIndex()
        return self.model.row_at(self.proxy.mapToSource(index)) if index.isValid() else None

    def open_completeness(self) -> None:
        from .reporting import open_completeness

        open_completeness(self.host, self)

    def open_dashboard(self) -> None:
        from .dashboard import open_dashboard

        open_dashboard(self.host, self)

    def edit_current(self) -> None:
        row = self.current_row()
        if row is None:
            return
        dialog = RegisterEntryDialog(self.db, row.id, self)
        if Prompts.run_dialog(dialog):
            self.refresh()

    def key_of_current(self) -> None:
        row = self.current_row()
        if row is None or not row.key_status:
            set_message(self.summary, self.tr("Choose a committee that sent a signed file."),
                        "error")
            return
        if Prompts.run_dialog(AcceptKeyDialog(self.db, row, self)):
            self.refresh()


class AcceptKeyDialog(QDialog):
    """Confirm a committee's signing key, or accept the key that waits, by the fingerprint
    the committee reads out over the phone (`committee_keys.accept_key`)."""

    def __init__(self, db: Any, row: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("acceptKeyDialog")
        self.setWindowTitle(self.tr("Signing key of {committee}").format(
            committee=row.committee_code or row.committee_uuid))
        self.db, self.uuid = db, row.committee_uuid
        lines = [self.tr("Registered key: {fingerprint} ({status})").format(
            fingerprint=row.key_fingerprint,
            status=(self.tr("confirmed") if row.key_status == "confirmed"
                    else self.tr("not confirmed")))]
        if row.pending_fingerprint:
            lines.append(self.tr("Another key waits: {fingerprint}").format(
                fingerprint=row.pending_fingerprint))
        lines.append(self.tr("Call the committee: its secretary reads the fingerprint shown "
                             "in Settings. Type it here:"))
        self.fingerprint = QLineEdit()
        self.fingerprint.setObjectName("fingerprint")
        self.message = wrapping_label("")
        self.message.setObjectName("message")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept_key)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(wrapping_label("\n".join(lines)))
        layout.addWidget(self.fingerprint)
        layout.addWidget(self.message)
        layout.addWidget(buttons)

    def accept_key(self) -> None:
        from ...services.errors import UserError

        try:
            committee_keys.accept_key(self.db, self.uuid, self.fingerprint.text())
        except UserError as exc:
            set_message(self.message, error_text(exc), "error")
            return
        self.accept()


class RegisterEntryDialog(QDialog):
    """Installation date, creation decision, supporting partner, status, notes."""

    def __init__(self, db: Any, entry_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        entry = register.entry_detail(db, entry_id)
        self.db, self.entry_id = db, entry_id
        self.setObjectName("registerEntryDialog")
        self.setWindowTitle(self.tr("Expected committee: {place}").format(place=entry.place))
        self.installed = QDateEdit()
        self.installed.setObjectName("installedOn")
        self.installed.setCalendarPopup(True)
        self.installed.setDisplayFormat("dd/MM/yyyy")
        self.installed.setSpecialValueText(self.tr("not known"))
        self.installed.setMinimumDate(QDate(2000, 1, 1))
        self.installed.setDate(QDate(entry.installed_on) if entry.installed_on
                               else self.installed.minimumDate())
        self.decision = QLineEdit(entry.creation_decision)
        self.decision.setObjectName("decision")
        self.decision.setPlaceholderText(self.tr("e.g. Décision n°2021-045/CT"))
        self.partner = QLineEdit(entry.partner)
        self.partner.setObjectName("partner")
        self.status = QComboBox()
        self.status.setObjectName("status")
        for code in STATUSES:
            self.status.addItem(status_label(code), code)
        self.status.setCurrentIndex(max(self.status.findData(entry.status), 0))
        self.notes = QLineEdit(entry.notes)
        self.notes.setObjectName("notes")
        self.error = wrapping_label("", "error")
        self.error.setVisible(False)
        form = QFormLayout(self)
        form.addRow(self.tr("Installed on:"), self.installed)
        form.addRow(self.tr("Creation decision:"), self.decision)
        form.addRow(self.tr("Supporting partner:"), self.partner)
        form.addRow(self.tr("Status:"), self.status)
        form.addRow(self.tr("Notes:"), self.notes)
        form.addRow(self.error)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        self.resize(520, 300)

    def save(self) -> None:
        date = self.installed.date()
        installed = None if date == self.installed.minimumDate() else date.toPython()
        try:
            register.update_entry(self.db, self.entry_id, installed_on=installed,
                                  creation_decision=self.decision.text().strip(),
                                  partner=self.partner.text().strip(),
                                  status=self.status.currentData(),
                                  notes=self.notes.text().strip())
        except Exception as exc:  # noqa: BLE001
            set_message(self.error, error_text(exc), "error")
            return
        self.accept()


NOWHERE = CommitteePlace("", "", "", "")


class ImportLogPage(_Page):
    def __init__(self, host: Any, parent: QWidget | None = None) -> None:
        super().__init__(host, parent)
        self.setObjectName("importLogPage")
        self.all_rows: list[Any] = []
        self.places: dict[str, CommitteePlace] = {}
        self.filter = PlaceFilter(self.apply)
        self.model = ImportLogModel(self)
        self.view, self.proxy = make_table(self.model, "importLogTable")
        self.summary = QLabel()
        layout = QVBoxLayout(self)
        title = QLabel(self.tr("Import log"))
        title.setObjectName("pageTitle")
        title.setStyleSheet("font-size: 15pt; font-weight: bold;")
        layout.addWidget(title)
        layout.addWidget(self.filter)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.summary)

    def refresh(self) -> None:
        self.all_rows = importer.import_log(self.db, limit=5000)
        self.places = committee_places(self.db)
        self.filter.set_places([(p.region, p.cercle, p.commune) for p in self.places.values()])
        self.apply()

    def apply(self) -> None:
        rows = []
        for r in self.all_rows:
            p = self.places.get(r.committee_uuid, NOWHERE)
            if self.filter.accepts(p.region, p.cercle, p.commune,
                                   f"{r.committee_code} {p.name}"):
                rows.append(r)
        self.model.set_rows(rows)
        fit_columns(self.view)
        self.summary.setText(self.tr("{n} files shown, {refused} refused.").format(
            n=len(rows), refused=sum(1 for r in rows if r.status != "ok")))


class ConflictsPage(_Page):
    """Same version, different content: a person keeps the CRSS version or takes the
    incoming one."""

    def __init__(self, host: Any, parent: QWidget | None = None,
                 on_changed: Callable[[], None] | None = None) -> None:
        super().__init__(host, parent)
        self.setObjectName("conflictsPage")
        self.on_changed = on_changed
        self.all_rows: list[Any] = []
        self.filter = PlaceFilter(self.apply)
        self.show_settled = QCheckBox(self.tr("Show the settled ones too"))
        self.show_settled.setObjectName("showSettled")
        self.show_settled.toggled.connect(self.refresh)
        self.model = ConflictsModel(self)
        self.view, self.proxy = make_table(self.model, "conflictsTable")
        self.view.selectionModel().currentRowChanged.connect(lambda *_: self.show_current())
        self.details = QTextBrowser()
        self.details.setObjectName("conflictDetails")
        self.keep_button = QPushButton(self.tr("Keep the CRSS version"))
        self.keep_button.setObjectName("keepButton")
        self.take_button = QPushButton(self.tr("Take the incoming version"))
        self.take_button.setObjectName("takeButton")
        self.keep_button.clicked.connect(lambda: self.settle("keep"))
        self.take_button.clicked.connect(lambda: self.settle("take"))
        self.message = wrapping_label("", "message")
        self.message.setVisible(False)
        buttons = QHBoxLayout()
        buttons.addWidget(self.keep_button)
        buttons.addWidget(self.take_button)
        buttons.addStretch(1)
        lower = QWidget()
        lower_layout = QVBoxLayout(lower)
        lower_layout.setContentsMargins(0, 0, 0, 0)
        lower_layout.addWidget(self.details, 1)
        lower_layout.addLayout(buttons)
        lower_layout.addWidget(self.message)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.view)
        split.addWidget(lower)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        title = QLabel(self.tr("Conflicts to settle"))
        title.setObjectName("pageTitle")
        title.setStyleSheet("font-size: 15pt; font-weight: bold;")
        layout.addWidget(title)
        layout.addWidget(wrapping_label(self.tr(
            "A committee sent a record with the same version number as the one the CRSS "
            "holds, but with a different content. Compare both, then keep the CRSS version "
            "or take the incoming one.")))
        top = QHBoxLayout()
        top.addWidget(self.filter, 1)
        top.addWidget(self.show_settled)
        layout.addLayout(top)
        layout.addWidget(split, 1)
        self._sync_buttons()

    def refresh(self) -> None:
        self.all_rows = conflicts.list_conflicts(
            self.db, open_only=not self.show_settled.isChecked())
        self.filter.set_places([(r.region, r.cercle, r.commune) for r in self.all_rows])
        self.apply()

    def apply(self) -> None:
        rows = [r for r in self.all_rows if self.filter.accepts(
            r.region, r.cercle, r.commune, f"{r.committee_code} {r.committee_name}")]
        self.model.set_rows(rows)
        fit_columns(self.view)
        if rows:
            self.view.selectRow(0)
        self.show_current()

    def current(self) -> Any:
        index = self.view.currentIndex()
        return self.model.row_at(self.proxy.mapToSource(index)) if index.isValid() else None

    def _sync_buttons(self) -> None:
        row = self.current()
        on = row is not None and row.is_open
        self.keep_button.setEnabled(on)
        self.take_button.setEnabled(on)

    def show_current(self) -> None:
        row = self.current()
        self._sync_buttons()
        if row is None:
            self.details.setHtml(f"<p>{html.escape(self.tr('No conflict to settle.'))}</p>")
            return
        head = self.tr("{kind} « {title} » from {committee}, version {version}").format(
            kind=row.table_label, title=row.title, committee=row.committee_code,
            version=row.version)
        lines = [f"<p><b>{html.escape(head)}</b></p>",
                 "<table border='1' cellspacing='0' cellpadding='4'>",
                 f"<tr><th>{html.escape(self.tr('Field'))}</th>"
                 f"<th>{html.escape(self.tr('CRSS version'))}</th>"
                 f"<th>{html.escape(self.tr('Incoming version'))}</th></tr>"]
        for d in row.differences:
            cur = html.escape("" if d.current is None else str(d.current))
            inc = html.escape("" if d.incoming is None else str(d.incoming))
            lines.append(f"<tr><td>{html.escape(d.column)}</td><td>{cur}</td>"
                         f"<td>{inc}</td></tr>")
        lines.append("</table>")
        if not row.is_open:
            lines.append(f"<p>{html.escape(row.resolution_label)} "
                         f"({html.escape(date_time_text(row.resolved_at))})</p>")
        self.details.setHtml("".join(lines))

    def settle(self, choice: str) -> None:
        row = self.current()
        if row is None or not row.is_open:
            return
        try:
            conflicts.settle(self.db, row.id, choice)
        except Exception as exc:  # noqa: BLE001
            set_message(self.message, error_text(exc), "error")
            return
        set_message(self.message, self.tr("Conflict settled: the CRSS version was kept.")
                    if choice == "keep" else
                    self.tr("Conflict settled: the incoming version was taken."), "ok")
        self.refresh()
        if self.on_changed is not None:
            self.on_changed()
