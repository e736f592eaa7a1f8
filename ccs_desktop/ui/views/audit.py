"""The audit trail page (issue 13, administrators): who did what and when, filtered by date,
action and account, paged in SQL by services.audit, exported to CSV, its chain verified.

Nothing here reads the database directly: the rows come from `services.audit` as small
frozen values (no record text is in them)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QDate, QT_TRANSLATE_NOOP, Qt
from PySide6.QtWidgets import (
    QComboBox, QDateEdit, QHBoxLayout, QLabel, QPushButton, QTableView, QVBoxLayout, QWidget,
)

from ...services import audit
from .. import prompts
from ..models.table_base import Column, TableModel

CONTEXT = "AuditColumns"
PAGE = 200


def _record(e: audit.Entry) -> str:
    if e.record_id is not None:
        return str(e.record_id)
    return e.record_uuid


COLUMNS = (
    Column("id", QT_TRANSLATE_NOOP("AuditColumns", "No."), lambda e: e.id, width=60,
           context=CONTEXT),
    Column("at", QT_TRANSLATE_NOOP("AuditColumns", "Date (UTC)"), lambda e: e.at, width=150,
           context=CONTEXT),
    Column("account", QT_TRANSLATE_NOOP("AuditColumns", "Account"), lambda e: e.account, width=110,
           context=CONTEXT),
    Column("action", QT_TRANSLATE_NOOP("AuditColumns", "Action"), lambda e: e.action_text,
           width=150, context=CONTEXT),
    Column("kind", QT_TRANSLATE_NOOP("AuditColumns", "Kind"), lambda e: e.kind, width=130,
           context=CONTEXT),
    Column("record", QT_TRANSLATE_NOOP("AuditColumns", "Record"), _record, width=120,
           tooltip=True, context=CONTEXT),
    Column("outcome", QT_TRANSLATE_NOOP("AuditColumns", "Outcome"), lambda e: e.outcome, width=90,
           context=CONTEXT),
    Column("count", QT_TRANSLATE_NOOP("AuditColumns", "Number"), lambda e: e.count, width=60,
           context=CONTEXT),
)


class AuditModel(TableModel):
    """One filtered trail, fetched a page at a time (newest first)."""

    def __init__(self, db: Any, parent: Any = None) -> None:
        super().__init__(COLUMNS, parent)
        self.db = db
        self.filter = audit.Filter()
        self.total = 0

    def reload(self, f: audit.Filter | None = None) -> None:
        if f is not None:
            self.filter = f
        self.total = audit.count(self.db, self.filter)
        self.set_rows(audit.entries(self.db, self.filter, limit=PAGE))

    def canFetchMore(self, parent: Any = None) -> bool:  # noqa: N802
        return len(self._rows) < self.total

    def fetchMore(self, parent: Any = None) -> None:  # noqa: N802
        more = audit.entries(self.db, self.filter, offset=len(self._rows), limit=PAGE)
        if not more:
            self.total = len(self._rows)
            return
        first = len(self._rows)
        self.beginInsertRows(self.index(0, 0).parent(), first, first + len(more) - 1)
        self._rows.extend(more)
        self.endInsertRows()


class AuditPage(QWidget):
    """Filters (since a date, an action, an account), the table, Export CSV, Verify."""

    def __init__(self, services: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("auditPage")
        self.services = services
        self.model = AuditModel(services.db, self)
        self.since = QDateEdit(self)
        self.since.setCalendarPopup(True)
        self.since.setDisplayFormat("yyyy-MM-dd")
        self.since.setSpecialValueText(self.tr("any date"))
        self.since.setMinimumDate(QDate(2000, 1, 1))
        self.since.setDate(self.since.minimumDate())
        self.action = QComboBox(self)
        self.action.addItem(self.tr("every action"), "")
        for code in audit.ACTIONS:
            self.action.addItem(audit.action_label(code), code)
        self.account = QComboBox(self)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        for n, column in enumerate(COLUMNS):
            self.table.setColumnWidth(n, column.width)
        self.summary = QLabel(self)
        self.verdict = QLabel(self)
        self.verdict.setWordWrap(True)
        self.export_button = QPushButton(self.tr("Export (CSV)…"), self)
        self.verify_button = QPushButton(self.tr("Verify the chain"), self)
        filters = QHBoxLayout()
        filters.addWidget(QLabel(self.tr("Since:"), self))
        filters.addWidget(self.since)
        filters.addWidget(QLabel(self.tr("Action:"), self))
        filters.addWidget(self.action)
        filters.addWidget(QLabel(self.tr("Account:"), self))
        filters.addWidget(self.account)
        filters.addStretch(1)
        filters.addWidget(self.verify_button)
        filters.addWidget(self.export_button)
        title = QLabel(self.tr("Audit trail"), self)
        title.setObjectName("pageTitle")
        note = QLabel(self.tr("Who did what and when, never the content of a record. Each "
                              "entry is chained to the previous one: a changed, removed or "
                              "moved entry is detected."), self)
        note.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(note)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)
        bottom = QHBoxLayout()
        bottom.addWidget(self.summary)
        bottom.addWidget(self.verdict, 1)
        layout.addLayout(bottom)
        self.since.dateChanged.connect(self._filter_changed)
        self.action.currentIndexChanged.connect(self._filter_changed)
        self.account.currentIndexChanged.connect(self._filter_changed)
        self.export_button.clicked.connect(self.export_csv)
        self.verify_button.clicked.connect(self.verify)
        self.refresh()

    def current_filter(self) -> audit.Filter:
        since = None
        if self.since.date() != self.since.minimumDate():
            since = self.since.date().toString("yyyy-MM-dd")
        return audit.Filter(since=since, action=self.action.currentData() or None,
                            account=self.account.currentData() or None)

    def refresh(self) -> None:
        chosen = self.account.currentData()
        self.account.blockSignals(True)
        self.account.clear()
        self.account.addItem(self.tr("every account"), "")
        for name in audit.accounts(self.services.db):
            self.account.addItem(name or "-", name)
        at = self.account.findData(chosen) if chosen else 0
        self.account.setCurrentIndex(max(0, at))
        self.account.blockSignals(False)
        self._filter_changed()

    def _filter_changed(self, *_args: Any) -> None:
        self.model.reload(self.current_filter())
        self.summary.setText(self.tr("%n entries", "", self.model.total))

    def verify(self) -> bool:
        verdict = audit.verify(self.services.db)
        self.verdict.setText(verdict.message())
        self.verdict.setStyleSheet("" if verdict.ok else "color: #b00020; font-weight: bold;")
        return verdict.ok

    def export_csv(self, path: str | None = None) -> int | None:
        if not path:
            path = prompts.current().choose_file(
                self, self.tr("Export the audit trail"), self.tr("CSV files (*.csv)"),
                start="journal-audit.csv", mode=prompts.SAVE)
        if not path:
            return None
        try:
            n = audit.export_csv(self.services.db, path, self.current_filter())
        except Exception as exc:  # noqa: BLE001  (the user reads why, in their language)
            from .settings import error_text

            prompts.current().inform(self, self.tr("Export the audit trail"),
                                     error_text(exc), warning=True)
            return None
        self.refresh()
        return n


def audit_page(window: Any) -> tuple[str, QWidget]:
    """(title, page) for the main window's navigation (administrators only)."""
    page = AuditPage(window.services)
    return page.tr("Audit trail"), page
