"""CRSS mode screens: import files or a whole stick, the register of expected committees, the
import log and the conflicts to settle. Every table filters by region, cercle, commune and
committee.

Pages take a `host`: any object with a `.services` attribute (the main window), read again at
every refresh so that a database reopened after a restore is followed.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel, QCoreApplication, QDate, QModelIndex, QPersistentModelIndex,
    QSortFilterProxyModel, Qt,
)
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView, QCheckBox, QComboBox, QDateEdit, QDialog, QDialogButtonBox,
    QFormLayout, QGroupBox, QHBoxLayout, QHeaderView, QLabel, QLineEdit, QListWidget,
    QPushButton, QSplitter, QTableView, QTextBrowser, QVBoxLayout, QWidget,
)

from .common import CrssKeyBox, DestinationPicker, Prompts, error_text, set_message, \
    wrapping_label
from ...i18n import ngettext
from ...services.rowcheck import one_line, printable
from .dialogs import TaskDialog

translate = QCoreApplication.translate

TABLES = "ExchangeTables"
Index = QModelIndex | QPersistentModelIndex


def _date(value: dt.datetime | dt.date | None, with_time: bool = False) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.strftime("%d/%m/%Y %H:%M" if with_time else "%d/%m/%Y")
    return value.strftime("%d/%m/%Y")


# --------------------------------------------------------------------------- table models

class RowsModel(QAbstractTableModel):
    """A read-only table over a list of Python rows; `columns` = [(header, getter)]."""

    columns: Sequence[tuple[str, Callable[[Any], Any]]] = ()

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.rows: list[Any] = []

    def set_rows(self, rows: list[Any]) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self.columns)

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if (role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal
                and 0 <= section < len(self.columns)):
            return self.columns[section][0]
        return None

    def row_at(self, index: Index) -> Any:
        return self.rows[index.row()] if index.isValid() and index.row() < len(self.rows) \
            else None

    def raw(self, row: Any, column: int) -> Any:
        return self.columns[column][1](row)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not (0 <= index.row() < len(self.rows)) or not (
                0 <= index.column() < len(self.columns)):
            return None
        row = self.rows[index.row()]
        value = self.raw(row, index.column())
        if role == Qt.ItemDataRole.DisplayRole:
            if isinstance(value, dt.datetime | dt.date):
                return _date(value, isinstance(value, dt.datetime))
            return "" if value is None else str(value)
        if role == Qt.ItemDataRole.UserRole:  # sort key
            if isinstance(value, dt.datetime | dt.date):
                return value.isoformat()
            return value if isinstance(value, int | float) else str(value or "")
        if role == Qt.ItemDataRole.TextAlignmentRole and isinstance(value, int):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return self.extra(row, index.column(), role)

    def extra(self, row: Any, column: int, role: int) -> Any:
        return None


class RegisterModel(RowsModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        never = translate("ExchangeTables", "never sent")
        two = translate("ExchangeTables", "commune under two committees")
        self.columns = (
            (translate("ExchangeTables", "Level"), lambda r: "CCSR" if r.level == "region" else
             ("CCS-Cercle" if r.level == "cercle" else "CCSC")),
            (translate("ExchangeTables", "Region"), lambda r: r.region),
            (translate("ExchangeTables", "Cercle"), lambda r: r.cercle),
            (translate("ExchangeTables", "Commune"), lambda r: r.commune),
            (translate("ExchangeTables", "Committee"), lambda r: r.committee_code),
            (translate("ExchangeTables", "Status"), lambda r: status_label(r.status)),
            (translate("ExchangeTables", "Last file received"),
             lambda r: r.last_file_name or never),
            (translate("ExchangeTables", "Received on"), lambda r: r.last_received_at),
            (translate("ExchangeTables", "Data as of"), lambda r: r.last_snapshot_at),
            (translate("ExchangeTables", "Warning"), lambda r: two if r.duplicate else ""),
        )

    def extra(self, row: Any, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.BackgroundRole and row.duplicate:
            return QBrush(QColor("#ffe0b2"))
        if role == Qt.ItemDataRole.ForegroundRole and row.never_sent:
            return QBrush(QColor("#6d6d6d"))
        if role == Qt.ItemDataRole.ToolTipRole and row.duplicate:
            return translate(
                "ExchangeTables",
                "This commune appears under two committee ids: check which one is the real "
                "committee.")
        return None


class ImportLogModel(RowsModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        imported = translate("ExchangeTables", "imported")
        refused = translate("ExchangeTables", "refused")
        self.columns = (
            (translate("ExchangeTables", "Imported on"), lambda r: r.imported_at),
            (translate("ExchangeTables", "File"), lambda r: one_line(r.file_name, 120)),
            (translate("ExchangeTables", "Committee"), lambda r: one_line(r.committee_code, 40)),
            (translate("ExchangeTables", "Result"),
             lambda r: imported if r.status == "ok" else refused),
            (translate("ExchangeTables", "New"), lambda r: r.new),
            (translate("ExchangeTables", "Updated"), lambda r: r.updated),
            (translate("ExchangeTables", "Unchanged"), lambda r: r.unchanged),
            (translate("ExchangeTables", "Deleted"), lambda r: r.deleted),
            (translate("ExchangeTables", "Refused"), lambda r: r.refused),
            (translate("ExchangeTables", "Conflicts"), lambda r: r.conflicts),
            (translate("ExchangeTables", "Message"), lambda r: one_line(r.message, 600)),
        )

    def extra(self, row: Any, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.ForegroundRole and row.status != "ok":
            return QBrush(QColor("#b71c1c"))
        if role == Qt.ItemDataRole.ToolTipRole and column == 1:
            return row.file_sha256 and f"SHA-256 : {row.file_sha256}"
        return None


class ImportReportModel(RowsModel):
    """The result of one import: one row per file (ImportReport)."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        imported = translate("ExchangeTables", "imported")
        refused = translate("ExchangeTables", "refused")
        self.columns = (
            (translate("ExchangeTables", "File"), lambda r: one_line(r.file.name, 120)),
            (translate("ExchangeTables", "Committee"), lambda r: one_line(r.committee_code, 40)),
            (translate("ExchangeTables", "Result"), lambda r: imported if r.ok else refused),
            (translate("ExchangeTables", "New"), lambda r: r.counts["new"]),
            (translate("ExchangeTables", "Updated"), lambda r: r.counts["updated"]),
            (translate("ExchangeTables", "Unchanged"), lambda r: r.counts["unchanged"]),
            (translate("ExchangeTables", "Deleted"), lambda r: r.counts["deleted"]),
            (translate("ExchangeTables", "Refused"), lambda r: r.counts["refused"]),
            (translate("ExchangeTables", "Conflicts"), lambda r: r.counts["conflicts"]),
            (translate("ExchangeTables", "Message"), lambda r: one_line(r.message, 600)),
        )

    def extra(self, row: Any, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.ForegroundRole and not row.ok:
            return QBrush(QColor("#b71c1c"))
        if role == Qt.ItemDataRole.ToolTipRole:
            return printable(row.message or str(row.file), 2000)
        return None


class ConflictsModel(RowsModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.columns = (
            (translate("ExchangeTables", "Received on"), lambda r: r.created_at),
            (translate("ExchangeTables", "Committee"), lambda r: r.committee_code),
            (translate("ExchangeTables", "Kind of record"), lambda r: r.table_label),
            (translate("ExchangeTables", "Record"), lambda r: r.title),
            (translate("ExchangeTables", "What differs"),
             lambda r: ", ".join(d.column for d in r.differences)),
            (translate("ExchangeTables", "File"), lambda r: r.file_name),
            (translate("ExchangeTables", "Decision"), lambda r: r.resolution_label if not r.is_open
             else translate("ExchangeTables", "to settle")),
        )


def make_table(model: RowsModel, name: str) -> tuple[QTableView, QSortFilterProxyModel]:
    proxy = QSortFilterProxyModel()
    proxy.setSourceModel(model)
    proxy.setSortRole(Qt.ItemDataRole.UserRole)
    view = QTableView()
    view.setObjectName(name)
    view.setModel(proxy)
    view.setSortingEnabled(True)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setAlternatingRowColors(True)
    view.verticalHeader().setVisible(False)
    view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    view.horizontalHeader().setStretchLastSection(True)
    view.setWordWrap(False)
    return view, proxy


def _fit_columns(view: QTableView) -> None:
    """Columns sized to their content once there is content (the user may resize after)."""
    if view.property("fitted") or view.model().rowCount() == 0:
        return
    view.resizeColumnsToContents()
    header = view.horizontalHeader()
    for i in range(header.count()):
        header.resizeSection(i, min(max(header.sectionSize(i), 70), 320))
    view.setProperty("fitted", True)


# --------------------------------------------------------------------------- place filter

ALL = ""


class PlaceFilter(QWidget):
    """Region, cercle, commune and committee filters over rows that carry those fields."""

    def __init__(self, on_change: Callable[[], None], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.on_change = on_change
        self.places: list[tuple[str, str, str]] = []
        self.region = QComboBox()
        self.region.setObjectName("regionFilter")
        self.cercle = QComboBox()
        self.cercle.setObjectName("cercleFilter")
        self.commune = QComboBox()
        self.commune.setObjectName("communeFilter")
        self.committee = QLineEdit()
        self.committee.setObjectName("committeeFilter")
        self.committee.setPlaceholderText(self.tr("code or name"))
        self.committee.setClearButtonEnabled(True)
        for combo in (self.region, self.cercle, self.commune):
            combo.setMinimumContentsLength(12)
            combo.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        for label, w in ((self.tr("Region:"), self.region), (self.tr("Cercle:"), self.cercle),
                         (self.tr("Commune:"), self.commune),
                         (self.tr("Committee:"), self.committee)):
            row.addWidget(QLabel(label))
            row.addWidget(w, 1)
        self._updating = False
        self.region.currentIndexChanged.connect(self._region_changed)
        self.cercle.currentIndexChanged.connect(self._cercle_changed)
        self.commune.currentIndexChanged.connect(self._changed)
        self.committee.textChanged.connect(self._changed)

    def _fill(self, combo: QComboBox, values: list[str]) -> None:
        current = combo.currentData()
        combo.blockSignals(True)
        combo.clear()
        combo.addItem(self.tr("All"), ALL)
        for v in values:
            combo.addItem(v, v)
        i = combo.findData(current)
        combo.setCurrentIndex(max(i, 0))
        combo.blockSignals(False)

    def set_places(self, places: list[tuple[str, str, str]]) -> None:
        self.places = sorted({p for p in places if p[0]})
        self._fill(self.region, sorted({p[0] for p in self.places}))
        self._refill_lower()

    def _refill_lower(self) -> None:
        r = self.region.currentData() or ALL
        self._fill(self.cercle, sorted({p[1] for p in self.places if p[1]
                                        and (not r or p[0] == r)}))
        c = self.cercle.currentData() or ALL
        self._fill(self.commune, sorted({p[2] for p in self.places if p[2]
                                         and (not r or p[0] == r) and (not c or p[1] == c)}))

    def _region_changed(self) -> None:
        self._refill_lower()
        self._changed()

    def _cercle_changed(self) -> None:
        r = self.region.currentData() or ALL
        c = self.cercle.currentData() or ALL
        self._fill(self.commune, sorted({p[2] for p in self.places if p[2]
                                         and (not r or p[0] == r) and (not c or p[1] == c)}))
        self._changed()

    def _changed(self) -> None:
        self.on_change()

    def accepts(self, region: str, cercle: str, commune: str, committee: str = "") -> bool:
        from ...domain.text import fold

        r, c, co = (self.region.currentData() or ALL, self.cercle.currentData() or ALL,
                    self.commune.currentData() or ALL)
        if r and region != r or c and cercle != c or co and commune != co:
            return False
        text = fold(self.committee.text().strip())
        return not text or text in fold(committee)


# --------------------------------------------------------------------------- pages

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
        from ...services.crss.register import STATUSES

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
        top.addWidget(self.edit_button)
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
        from ...services.crss import register

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
        _fit_columns(self.view)
        sent = sum(1 for r in rows if not r.never_sent)
        self.summary.setText(self.tr("{n} expected committees shown: {sent} sent a file, "
                                     "{never} never did, {dup} flagged.").format(
            n=len(rows), sent=sent, never=len(rows) - sent,
            dup=sum(1 for r in rows if r.duplicate)))

    def current_row(self) -> Any:
        index = self.view.currentIndex()
        return self.model.row_at(self.proxy.mapToSource(index)) if index.isValid() else None

    def edit_current(self) -> None:
        row = self.current_row()
        if row is None:
            return
        dialog = RegisterEntryDialog(self.db, row.id, self)
        if Prompts.run_dialog(dialog):
            self.refresh()


def status_label(code: str) -> str:
    return {"inconnu": translate("ExchangeTables", "Unknown"),
            "installe": translate("ExchangeTables", "Installed"),
            "fonctionnel": translate("ExchangeTables", "Working"),
            "non_fonctionnel": translate("ExchangeTables", "Not working")}.get(code, code)


class RegisterEntryDialog(QDialog):
    """Installation date, creation decision, supporting partner, status, notes."""

    def __init__(self, db: Any, entry_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        from ...db.models_exchange import RegisterEntry
        from ...services.crss.register import STATUSES

        self.db, self.entry_id = db, entry_id
        self.setObjectName("registerEntryDialog")
        with db.session() as s:
            e = s.get(RegisterEntry, entry_id)
            place = e.commune or e.region
            values = (e.installed_on, e.creation_decision, e.partner, e.status, e.notes)
        self.setWindowTitle(self.tr("Expected committee: {place}").format(place=place))
        self.installed = QDateEdit()
        self.installed.setObjectName("installedOn")
        self.installed.setCalendarPopup(True)
        self.installed.setDisplayFormat("dd/MM/yyyy")
        self.installed.setSpecialValueText(self.tr("not known"))
        self.installed.setMinimumDate(QDate(2000, 1, 1))
        self.installed.setDate(QDate(values[0]) if values[0] else self.installed.minimumDate())
        self.decision = QLineEdit(values[1])
        self.decision.setObjectName("decision")
        self.decision.setPlaceholderText(self.tr("e.g. Décision n°2021-045/CT"))
        self.partner = QLineEdit(values[2])
        self.partner.setObjectName("partner")
        self.status = QComboBox()
        self.status.setObjectName("status")
        for code in STATUSES:
            self.status.addItem(status_label(code), code)
        self.status.setCurrentIndex(max(self.status.findData(values[3]), 0))
        self.notes = QLineEdit(values[4])
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
        from ...services.crss import register

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


def _places(db: Any) -> dict[str, tuple[str, str, str, str]]:
    """committee uuid -> (region, cercle, commune, name), for filtering log and conflicts."""
    from sqlalchemy import select

    from ...db import models as m

    with db.session() as s:
        return {c.uuid: (c.region, c.cercle, c.commune, c.name) for c in s.execute(
            select(m.Committee.uuid, m.Committee.region, m.Committee.cercle,
                   m.Committee.commune, m.Committee.name))}


class ImportLogPage(_Page):
    def __init__(self, host: Any, parent: QWidget | None = None) -> None:
        super().__init__(host, parent)
        self.setObjectName("importLogPage")
        self.all_rows: list[Any] = []
        self.places: dict[str, tuple[str, str, str, str]] = {}
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
        from ...services.crss import importer

        self.all_rows = importer.import_log(self.db, limit=5000)
        self.places = _places(self.db)
        self.filter.set_places([p[:3] for p in self.places.values()])
        self.apply()

    def apply(self) -> None:
        rows = []
        for r in self.all_rows:
            region, cercle, commune, name = self.places.get(r.committee_uuid, ("", "", "", ""))
            if self.filter.accepts(region, cercle, commune, f"{r.committee_code} {name}"):
                rows.append(r)
        self.model.set_rows(rows)
        _fit_columns(self.view)
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
        from ...services.crss import conflicts

        self.all_rows = conflicts.list_conflicts(
            self.db, open_only=not self.show_settled.isChecked())
        self.filter.set_places([(r.region, r.cercle, r.commune) for r in self.all_rows])
        self.apply()

    def apply(self) -> None:
        rows = [r for r in self.all_rows if self.filter.accepts(
            r.region, r.cercle, r.commune, f"{r.committee_code} {r.committee_name}")]
        self.model.set_rows(rows)
        _fit_columns(self.view)
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
        import html

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
                         f"({html.escape(_date(row.resolved_at, True))})</p>")
        self.details.setHtml("".join(lines))

    def settle(self, choice: str) -> None:
        from ...services.crss import conflicts

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


# --------------------------------------------------------------------------- import dialog

class ImportDialog(TaskDialog):
    """Import files, or every .ccsbak of a whole stick or folder, into the CRSS database."""

    def __init__(self, services: Any, folder_mode: bool = False,
                 parent: QWidget | None = None,
                 on_imported: Callable[[], None] | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.folder_mode = folder_mode
        self.on_imported = on_imported
        self.files: list[str] = []
        self.reports: list[Any] = []
        self.setObjectName("importDialog")
        self.setWindowTitle(self.tr("Import a whole stick or folder") if folder_mode
                            else self.tr("Import files"))
        layout = QVBoxLayout(self)
        layout.addWidget(wrapping_label(self.tr(
            "The committees' files (.ccsbak) are checked and merged into the CRSS database, "
            "row by row, by version number. Importing the same file twice changes nothing; "
            "a damaged or foreign file is refused and logged.")))
        src = QGroupBox(self.tr("1. What to import"))
        src_layout = QVBoxLayout(src)
        if folder_mode:
            self.picker = DestinationPicker()
            src_layout.addWidget(self.picker)
        else:
            self.file_list = QListWidget()
            self.file_list.setObjectName("fileList")
            self.file_list.setMaximumHeight(110)
            choose = QPushButton(self.tr("Choose files…"))
            choose.setObjectName("chooseFiles")
            choose.clicked.connect(self.choose_files)
            src_layout.addWidget(self.file_list)
            src_layout.addWidget(choose, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(src)
        key = QGroupBox(self.tr("2. The CRSS private key"))
        self.key_box = CrssKeyBox()
        QVBoxLayout(key).addWidget(self.key_box)
        layout.addWidget(key)
        self.report_model = ImportReportModel(self)
        self.report_view, self.report_proxy = make_table(self.report_model, "reportTable")
        self.report_view.setVisible(False)
        self.report_view.setMinimumHeight(150)
        layout.addWidget(self.report_view, 1)
        self.start_button = self.add_action(self.tr("Import"), "startButton")
        self.start_button.clicked.connect(self.start)
        self.add_footer(layout)
        self.resize(860, 640)

    def choose_files(self) -> None:
        files = Prompts.open_files(self, self.tr("Choose the files to import"),
                                   self.tr("CCS files (*.ccsbak);;All files (*)"))
        if files:
            for f in files:
                if f not in self.files:
                    self.files.append(f)
            self.file_list.clear()
            self.file_list.addItems([Path(f).name for f in self.files])

    def sources(self) -> list[str]:
        if self.folder_mode:
            folder = self.picker.selected_folder()
            return [str(folder)] if folder is not None else []
        return list(self.files)

    def start(self) -> None:
        from ...services.crss import importer, keys

        paths = self.sources()
        if not paths:
            set_message(self.result, self.tr("Choose a stick or a folder.") if self.folder_mode
                        else self.tr("Choose the files to import."), "error")
            return
        problem = self.key_box.problem()
        if problem:
            set_message(self.result, problem, "error")
            return
        unlock = self.key_box.unlocker()
        db = self.services.db

        def work(progress: Callable) -> list:
            progress(0, 1, translate("ExchangeTables", "Unlocking the CRSS key…"))
            ident = [keys.identity(unlock())]
            return importer.import_paths(db, paths, ident, progress=progress)

        self.run(work, self._done)

    def _done(self, reports: list) -> None:
        self.reports = reports
        self.report_model.set_rows(reports)
        self.report_view.setVisible(True)
        self.report_view.resizeColumnsToContents()
        ok = [r for r in reports if r.ok]
        refused = len(reports) - len(ok)
        if not reports:
            set_message(self.result, self.tr("No .ccsbak file was found there."), "warn")
        else:
            conflicts = sum(r.counts["conflicts"] for r in ok)
            # the same sentence as `ccs crss import` prints
            refused_text = ngettext("{n} refused", "{n} refused", refused).format(n=refused)
            text = ngettext("{n} file imported, {refused}.", "{n} files imported, {refused}.",
                            len(ok)).format(n=len(ok), refused=refused_text)
            if conflicts:
                text += " " + ngettext("{n} conflict to settle (page Conflicts).",
                                       "{n} conflicts to settle (page Conflicts).",
                                       conflicts).format(n=conflicts)
            set_message(self.result, text, "warn" if refused or conflicts else "ok")
        self.step.setText(self.tr("Done."))
        if self.on_imported is not None:
            self.on_imported()
