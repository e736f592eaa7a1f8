"""The one base of the read-only table models: columns declared as `Column` specs, the rows
held as small frozen values.

`TableModel` answers the Qt model API once for every table of the application: the record
lists (`RecordTableModel`, paging through a service) and the CRSS screens' tables
(`ui.crss.tables.RowsModel`, a list given whole). A subclass only says where its rows come
from and, through `row_data`, what a whole row adds (colours, fonts, flags).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel, QCoreApplication, QModelIndex, QPersistentModelIndex, Qt,
)

SORT_ROLE = Qt.ItemDataRole.UserRole + 1      # raw comparable value
ID_ROLE = Qt.ItemDataRole.UserRole + 2        # the row's id (int), None for a row without one
BADGE_ROLE = Qt.ItemDataRole.UserRole + 3     # badge kind ("level", "meeting_status"...)
CODE_ROLE = Qt.ItemDataRole.UserRole + 4      # the stored code behind a badge
OVERDUE_ROLE = Qt.ItemDataRole.UserRole + 5   # True on an overdue recommendation's row

Index = QModelIndex | QPersistentModelIndex

_LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter


@dataclass(frozen=True)
class Column:
    """How one column shows a row.

    key: stable identifier (saved header state, tests); title: English source text, marked
    with QT_TRANSLATE_NOOP(context, ...) and translated when shown; value: row -> raw value
    (EditRole, SORT_ROLE); text: raw value -> displayed text (defaults to str, "" for None);
    sort: the name `ListQuery.order_by` understands (None: not sortable in SQL); badge: badge
    kind drawn by the BadgeDelegate; tooltip: True shows the cell's text, a callable
    row -> text its own tooltip; context: the translation context of the title.
    """

    key: str
    title: str
    value: Callable[[Any], Any]
    text: Callable[[Any], str] | None = None
    sort: str | None = None
    badge: str | None = None
    align: Qt.AlignmentFlag = _LEFT
    width: int = 120
    tooltip: bool | Callable[[Any], Any] = False
    context: str = "Columns"

    def header(self) -> str:
        return QCoreApplication.translate(self.context, self.title)

    def display(self, row: Any) -> str:
        raw = self.value(row)
        if self.text is not None:
            return self.text(raw)
        return "" if raw is None else str(raw)

    def tip(self, row: Any) -> Any:
        if callable(self.tooltip):
            return self.tooltip(row)
        if not self.tooltip:
            return None
        raw = self.value(row)
        return self.text(raw) if self.text else (None if raw is None else str(raw))


class TableModel(QAbstractTableModel):
    """Read-only rows shown through `columns`."""

    columns: Sequence[Column] = ()
    #: the headers take their column's alignment (False: Qt's centred headers)
    align_headers = True

    def __init__(self, columns: Iterable[Column] | None = None, parent: Any = None) -> None:
        super().__init__(parent)
        if columns is not None:
            self.columns = list(columns)
        self._rows: list[Any] = []

    # --- the rows ---------------------------------------------------------------------------
    @property
    def rows(self) -> tuple[Any, ...]:
        """The rows held (for a paged model: those fetched so far)."""
        return tuple(self._rows)

    def set_rows(self, rows: Iterable[Any]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def record(self, row: int) -> Any:
        return self._rows[row]

    def record_id(self, row: int) -> int:
        return int(self._rows[row].id)

    def row_at(self, index: Index) -> Any:
        """The row of an index of this model (None for an invalid one)."""
        return self._rows[index.row()] if index.isValid() and index.row() < len(self._rows) \
            else None

    def row_of_id(self, row_id: int) -> int:
        for n, rec in enumerate(self._rows):
            if getattr(rec, "id", None) == row_id:
                return n
        return -1

    def _row_changed(self, row: int) -> None:
        self.dataChanged.emit(self.index(row, 0), self.index(row, max(0, len(self.columns) - 1)))

    # --- what a whole row adds (subclasses) -------------------------------------------------
    def row_data(self, row: Any, role: int) -> Any:
        """The row's answer for a role the columns do not give (colours, fonts, flags)."""
        return None

    # --- the Qt model API -------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self.columns)

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return (Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
                | Qt.ItemFlag.ItemNeverHasChildren)

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(self.columns):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self.columns[section].header()
        if role == Qt.ItemDataRole.TextAlignmentRole and self.align_headers:
            return int(self.columns[section].align)
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row, col = index.row(), index.column()
        if not (0 <= row < len(self._rows) and 0 <= col < len(self.columns)):
            return None
        rec = self._rows[row]
        column = self.columns[col]
        if role == Qt.ItemDataRole.DisplayRole:
            return column.display(rec)
        if role == Qt.ItemDataRole.EditRole:
            return plain(column.value(rec))
        if role == SORT_ROLE:
            raw = column.value(rec)
            return plain(raw) if raw is not None else ""
        if role == ID_ROLE:
            rid = getattr(rec, "id", None)
            return None if rid is None else int(rid)
        if role == BADGE_ROLE:
            return column.badge
        if role == CODE_ROLE:
            return None if column.badge is None else plain(column.value(rec))
        if role == Qt.ItemDataRole.ToolTipRole:
            return column.tip(rec)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(column.align)
        return self.row_data(rec, role)


def plain(value: Any) -> Any:
    """A value QVariant carries well (dates as ISO text: they sort the same)."""
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return str(value)
