"""One generic table model for every kind of record.

The model holds only the rows fetched so far (pages of `page_size`), as the frozen rows of
`service.rows()` (services.values: no ORM object reaches the screens); sorting, filtering and
search are handed to the service as a `ListQuery`, so they run in SQL whatever the table size.
A column spec (`Column`) says how a record shows in each column.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel, QCoreApplication, QModelIndex, QPersistentModelIndex, Qt, Signal,
)
from PySide6.QtGui import QFont

from ...services.records import ListQuery
from ..tasks import TaskRunner

SORT_ROLE = Qt.ItemDataRole.UserRole + 1      # raw comparable value
ID_ROLE = Qt.ItemDataRole.UserRole + 2        # the record's id (int)
BADGE_ROLE = Qt.ItemDataRole.UserRole + 3     # badge kind ("level", "meeting_status"...)
CODE_ROLE = Qt.ItemDataRole.UserRole + 4      # the stored code behind a badge
OVERDUE_ROLE = Qt.ItemDataRole.UserRole + 5   # True on an overdue recommendation's row

_Index = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True)
class Column:
    """How one column shows a record.

    key: stable identifier (saved header state, tests); title: English source text translated
    in the "Columns" context; value: record -> raw value (EditRole, SortRole); text: raw value
    -> displayed text (defaults to str); sort: the name `ListQuery.order_by` understands
    (None: not sortable); badge: badge kind drawn by the BadgeDelegate.
    """

    key: str
    title: str
    value: Callable[[Any], Any]
    text: Callable[[Any], str] | None = None
    sort: str | None = None
    badge: str | None = None
    align: Qt.AlignmentFlag = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
    width: int = 120
    tooltip: bool = False


class RecordTableModel(QAbstractTableModel):
    """Rows of one service, fetched page by page."""

    countChanged = Signal(int)
    #: True while a search runs in the background
    loadingChanged = Signal(bool)
    #: a background load failed (French message)
    failed = Signal(str)
    #: emitted after every reload (search, filter, sort, refresh)
    reloaded = Signal()

    def __init__(self, service: Any, columns: list[Column], *, kind: str = "",
                 page_size: int = 200, overdue: Callable[[Any], bool] | None = None,
                 parent: Any = None) -> None:
        super().__init__(parent)
        self.service = service
        self.columns = list(columns)
        self.kind = kind
        self.page_size = page_size
        self._overdue = overdue
        self._query = ListQuery()
        self._rows: list[Any] = []
        self._total = 0
        self._sort_column = -1
        self._sort_order = Qt.SortOrder.AscendingOrder
        self._announcing = False
        self._bold = QFont()
        self._bold.setBold(True)
        # searches typed by the user run in a worker: typing never waits for SQL; a newer
        # search (or a reload) supersedes the running one
        self.loading = False
        self._search = TaskRunner(self)
        self.reload()

    # --- the query ------------------------------------------------------------------------
    @property
    def query(self) -> ListQuery:
        return replace(self._query, filters=dict(self._query.filters))

    @property
    def total(self) -> int:
        """Rows matching the search and filters (not only the fetched ones)."""
        return self._total

    def set_search(self, text: str) -> None:
        text = text.strip()
        if text != self._query.search:
            self._query.search = text
            self.reload()

    def set_search_async(self, text: str) -> None:
        """Search without blocking the GUI: the first page and the count come from a worker;
        a newer search makes an older answer obsolete."""
        text = text.strip()
        if text == self._query.search and not self.loading:
            return
        self._query.search = text
        self.loading = True
        self.loadingChanged.emit(True)
        page, full = self._page_query(0), replace(self._query, limit=None, offset=0)
        service = self.service
        self._search.start(lambda _control: (service.rows(page), service.count(full)),
                           on_done=self._deliver,
                           on_fail=lambda exc: self._deliver_failure(str(exc)))

    def _deliver(self, found: tuple[tuple[Any, ...], int]) -> None:
        rows, total = found
        self._announcing = True
        try:
            self.beginResetModel()
            self._rows = list(rows)
            self._total = max(total, len(rows))
            self.endResetModel()
        finally:
            self._announcing = False
        self.loading = False
        self.loadingChanged.emit(False)
        self.countChanged.emit(self._total)
        self.reloaded.emit()

    def _deliver_failure(self, message: str) -> None:
        self.loading = False
        self.loadingChanged.emit(False)
        self.failed.emit(message)

    def set_filter(self, name: str, value: Any) -> None:
        if value in (None, "", [], ()):
            if name not in self._query.filters:
                return
            self._query.filters.pop(name, None)
        else:
            if self._query.filters.get(name) == value:
                return
            self._query.filters[name] = value
        self.reload()

    def set_filters(self, filters: dict[str, Any]) -> None:
        clean = {k: v for k, v in filters.items() if v not in (None, "", [], ())}
        if clean != self._query.filters:
            self._query.filters = clean
            self.reload()

    def _page_query(self, offset: int) -> ListQuery:
        return replace(self._query, filters=dict(self._query.filters), limit=self.page_size,
                       offset=offset)

    def reload(self, recount: bool = True) -> None:
        """Fetch the first page and the count again (after any change of the query or data).

        recount=False keeps the count (a new order does not change how many rows match)."""
        # Listeners of the reset signals (views, Qt's model tester) may ask for more rows while
        # the reset is being announced: the next page waits until the reset is over.
        self._search.cancel()  # a search still running is obsolete
        self.loading = False
        self._announcing = True
        try:
            self.beginResetModel()
            self._rows = list(self.service.rows(self._page_query(0)))
            if recount:
                self._total = self.service.count(replace(self._query, limit=None, offset=0))
            if len(self._rows) > self._total:  # a write between the two queries
                self._total = len(self._rows)
            self.endResetModel()
        finally:
            self._announcing = False
        self.countChanged.emit(self._total)
        self.reloaded.emit()

    refresh = reload

    def update_row(self, record_id: int, fresh: Any = None) -> bool:
        """After a record was saved: its row is shown again in place (dataChanged). `fresh`,
        the row the save returned (services.records.Saved.row), is shown as it is when the
        list has no search nor filter (every live record matches); otherwise the row alone
        is fetched again (the query and the id: one statement), and a row that no longer
        matches the search or filters leaves the table. False when the record is not among
        the rows fetched so far (nothing to show)."""
        row = self.row_of_id(record_id)
        if row < 0:
            return False
        if (fresh is not None and fresh.id == record_id and not self._query.search
                and not self._query.filters and not self._query.include_deleted
                and fresh.deleted_at is None):
            self._rows[row] = fresh
            self.dataChanged.emit(self.index(row, 0),
                                  self.index(row, max(0, len(self.columns) - 1)))
            return True
        query = replace(self._query, filters={**self._query.filters, "id": int(record_id)},
                        limit=1, offset=0)
        found = self.service.rows(query)
        if found:
            self._rows[row] = found[0]
            self.dataChanged.emit(self.index(row, 0),
                                  self.index(row, max(0, len(self.columns) - 1)))
            return True
        self.beginRemoveRows(QModelIndex(), row, row)
        del self._rows[row]
        self.endRemoveRows()
        self._total = max(len(self._rows), self._total - 1)
        self.countChanged.emit(self._total)
        return True

    # --- paging ---------------------------------------------------------------------------
    def canFetchMore(self, parent: _Index = QModelIndex()) -> bool:  # noqa: B008
        if parent.isValid() or self._announcing:
            return False
        return len(self._rows) < self._total

    def fetchMore(self, parent: _Index = QModelIndex()) -> None:  # noqa: B008
        if parent.isValid() or self._announcing:
            return
        more = self.service.rows(self._page_query(len(self._rows)))
        if not more:
            self._total = len(self._rows)
            return
        first = len(self._rows)
        self._announcing = True  # no nested fetch while the insertion is being announced
        try:
            self.beginInsertRows(QModelIndex(), first, first + len(more) - 1)
            self._rows.extend(more)
            self.endInsertRows()
        finally:
            self._announcing = False

    # --- sorting in SQL -------------------------------------------------------------------
    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(self.columns):
            return
        name = self.columns[column].sort
        if name is None:
            return
        descending = order == Qt.SortOrder.DescendingOrder
        if (self._query.order_by, self._query.descending) == (name, descending):
            return
        self._sort_column, self._sort_order = column, order
        self._query.order_by = name
        self._query.descending = descending
        self.reload(recount=False)

    def is_sortable(self, column: int) -> bool:
        return 0 <= column < len(self.columns) and self.columns[column].sort is not None

    # --- the Qt model API -----------------------------------------------------------------
    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns)

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return (Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
                | Qt.ItemFlag.ItemNeverHasChildren)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(self.columns):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return QCoreApplication.translate("Columns", self.columns[section].title)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(self.columns[section].align)
        return None

    def record(self, row: int) -> Any:
        return self._rows[row]

    def record_id(self, row: int) -> int:
        return int(self._rows[row].id)

    def row_of_id(self, record_id: int) -> int:
        for n, rec in enumerate(self._rows):
            if rec.id == record_id:
                return n
        return -1

    def is_overdue(self, row: int) -> bool:
        return bool(self._overdue and self._overdue(self._rows[row]))

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row, col = index.row(), index.column()
        if not (0 <= row < len(self._rows) and 0 <= col < len(self.columns)):
            return None
        rec = self._rows[row]
        column = self.columns[col]
        if role == Qt.ItemDataRole.DisplayRole:
            raw = column.value(rec)
            if column.text is not None:
                return column.text(raw)
            return "" if raw is None else str(raw)
        if role == Qt.ItemDataRole.EditRole:
            return _plain(column.value(rec))
        if role == SORT_ROLE:
            raw = column.value(rec)
            return _plain(raw) if raw is not None else ""
        if role == ID_ROLE:
            return int(rec.id)
        if role == BADGE_ROLE:
            return column.badge
        if role == CODE_ROLE:
            return None if column.badge is None else _plain(column.value(rec))
        if role == OVERDUE_ROLE:
            return self.is_overdue(row)
        if role == Qt.ItemDataRole.ToolTipRole and column.tooltip:
            raw = column.value(rec)
            return column.text(raw) if column.text else (None if raw is None else str(raw))
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(column.align)
        if role == Qt.ItemDataRole.FontRole and self.is_overdue(row):
            return self._bold
        if role == Qt.ItemDataRole.ForegroundRole and self.is_overdue(row):
            from PySide6.QtGui import QColor

            return QColor("#b00020")
        return None


def _plain(value: Any) -> Any:
    """A value QVariant carries well (dates as ISO text: they sort the same)."""
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return str(value)
