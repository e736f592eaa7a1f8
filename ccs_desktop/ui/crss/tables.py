"""The CRSS screens' tables: read-only models over small frozen rows (register, import log,
one import's report, conflicts) and the sortable view they show in."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel, QCoreApplication, QModelIndex, QPersistentModelIndex,
    QSortFilterProxyModel, Qt,
)
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView

from ...services.rowcheck import one_line, printable
from ..i18n import date_time_text, short_date

translate = QCoreApplication.translate

Index = QModelIndex | QPersistentModelIndex


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
                return (date_time_text(value) if isinstance(value, dt.datetime)
                        else short_date(value))
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


def fit_columns(view: QTableView) -> None:
    """Columns sized to their content once there is content (the user may resize after)."""
    if view.property("fitted") or view.model().rowCount() == 0:
        return
    view.resizeColumnsToContents()
    header = view.horizontalHeader()
    for i in range(header.count()):
        header.resizeSection(i, min(max(header.sectionSize(i), 70), 320))
    view.setProperty("fitted", True)



def status_label(code: str) -> str:
    return {"inconnu": translate("ExchangeTables", "Unknown"),
            "installe": translate("ExchangeTables", "Installed"),
            "fonctionnel": translate("ExchangeTables", "Working"),
            "non_fonctionnel": translate("ExchangeTables", "Not working")}.get(code, code)
