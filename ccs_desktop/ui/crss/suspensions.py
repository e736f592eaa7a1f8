"""The suspensions of the register (issue 17): the months a committee is not expected to
report (the commune occupied, a special delegation not installed...). A dialog opened from
the « Complétude » page (ui/crss/reporting.py): the list, a form to add one, a button to
remove the selected one. What is checked, written and audited: services/crss/suspensions.py."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox, QComboBox, QCompleter, QDateEdit, QDialog, QDialogButtonBox, QFormLayout,
    QHBoxLayout, QHeaderView, QPushButton, QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget,
)

from ...services.crss import suspensions as service
from ..exchange.common import error_text, set_message, wrapping_label

ITEM_ROLE = Qt.ItemDataRole.UserRole + 1


def _month_edit(name: str, day: dt.date) -> QDateEdit:
    edit = QDateEdit(QDate(day.year, day.month, 1))
    edit.setObjectName(name)
    edit.setDisplayFormat("yyyy-MM")
    edit.setCalendarPopup(False)
    edit.setDateRange(QDate(2000, 1, 1), QDate(2100, 12, 1))
    return edit


class SuspensionsDialog(QDialog):
    """See, add and remove the suspensions of the register's committees."""

    changed = Signal()  # a suspension added or removed: the rates change

    def __init__(self, db: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.setObjectName("suspensionsDialog")
        self.setWindowTitle(self.tr("Suspensions of the register"))
        self.list = QTreeWidget()
        self.list.setObjectName("suspensionsList")
        self.list.setRootIsDecorated(False)
        self.list.setHeaderLabels([self.tr("Committee"), self.tr("From"), self.tr("To"),
                                   self.tr("Reason")])
        self.list.header().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.list.currentItemChanged.connect(lambda *_: self._sync())
        self.remove = QPushButton(self.tr("Remove the selected suspension"))
        self.remove.setObjectName("removeSuspension")
        self.remove.clicked.connect(self.remove_selected)

        self.committee = QComboBox()
        self.committee.setObjectName("committee")
        self.committee.setEditable(True)
        self.committee.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.committee.setAccessibleName(self.tr("Committee"))
        today = dt.date.today()
        self.start = _month_edit("fromMonth", today)
        self.start.setAccessibleName(self.tr("From month"))
        self.end = _month_edit("toMonth", today)
        self.end.setAccessibleName(self.tr("To month"))
        self.open_end = QCheckBox(self.tr("Until further notice"))
        self.open_end.setObjectName("openEnd")
        self.open_end.toggled.connect(lambda on: self.end.setEnabled(not on))
        self.reason = QComboBox()
        self.reason.setObjectName("reason")
        self.reason.setEditable(True)
        self.reason.setAccessibleName(self.tr("Reason"))
        self.reason.addItems([self.tr("occupation of the commune"),
                              self.tr("special delegation not installed")])
        self.reason.setCurrentText("")
        self.add = QPushButton(self.tr("Add the suspension"))
        self.add.setObjectName("addSuspension")
        self.add.clicked.connect(self.add_suspension)
        self.message = wrapping_label("", "message")

        form = QFormLayout()
        form.addRow(self.tr("Committee:"), self.committee)
        ends = QHBoxLayout()
        ends.addWidget(self.start)
        ends.addWidget(wrapping_label(self.tr("to")))
        ends.addWidget(self.end)
        ends.addWidget(self.open_end)
        ends.addStretch(1)
        form.addRow(self.tr("Months:"), ends)
        form.addRow(self.tr("Reason:"), self.reason)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.remove)
        add_row = QHBoxLayout()
        add_row.addStretch(1)
        add_row.addWidget(self.add)
        layout = QVBoxLayout(self)
        layout.addWidget(wrapping_label(self.tr(
            "A suspended month is not expected from the committee: the rates show it as "
            "« not expected (suspended) ».")))
        layout.addWidget(self.list, 1)
        layout.addLayout(row)
        layout.addLayout(form)
        layout.addLayout(add_row)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        self.resize(820, 540)  # fits a 1024 × 738 screen
        self._fill_committees()
        self.refresh()

    def _fill_committees(self) -> None:
        self.committee.clear()
        for entry_id, label in service.committees(self.db):
            self.committee.addItem(label, entry_id)
        completer = QCompleter(self.committee.model(), self.committee)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.committee.setCompleter(completer)

    def refresh(self) -> None:
        self.list.clear()
        for r in service.listing(self.db):
            item = QTreeWidgetItem([r.committee, r.item.start,
                                    r.item.end or self.tr("until further notice"),
                                    r.item.reason])
            item.setData(0, ITEM_ROLE, r.item)
            self.list.addTopLevelItem(item)
        self._sync()

    def _sync(self) -> None:
        self.remove.setEnabled(self.list.currentItem() is not None)

    def select_committee(self, entry_id: int) -> None:
        index = self.committee.findData(entry_id)
        if index >= 0:
            self.committee.setCurrentIndex(index)

    def _entry_id(self) -> int | None:
        """The register id of the committee chosen (or typed in full), None for a text that
        names none."""
        typed = self.committee.currentText()
        index = self.committee.currentIndex()
        if index < 0 or self.committee.itemText(index) != typed:
            index = self.committee.findText(typed, Qt.MatchFlag.MatchFixedString)
        return self.committee.itemData(index) if index >= 0 else None

    def add_suspension(self) -> None:
        entry_id = self._entry_id()
        if entry_id is None:
            set_message(self.message, self.tr("Choose a committee of the register."), "error")
            return
        end = "" if self.open_end.isChecked() else self.end.date().toString("yyyy-MM")
        try:
            item = service.add_suspension(self.db, entry_id,
                                          self.start.date().toString("yyyy-MM"), end,
                                          self.reason.currentText())
        except Exception as exc:  # noqa: BLE001 - said in words
            set_message(self.message, error_text(exc), "error")
            return
        self.refresh()
        set_message(self.message, self.tr("Suspension added: {committee}, {start} to {end}.")
                    .format(committee=self.committee.currentText(), start=item.start,
                            end=item.end or self.tr("until further notice")), "ok")
        self.changed.emit()

    def remove_selected(self) -> None:
        current = self.list.currentItem()
        if current is None:
            return
        try:
            service.remove_suspension(self.db, current.data(0, ITEM_ROLE))
        except Exception as exc:  # noqa: BLE001 - said in words
            set_message(self.message, error_text(exc), "error")
            return
        self.refresh()
        set_message(self.message, self.tr("Suspension removed."), "ok")
        self.changed.emit()
