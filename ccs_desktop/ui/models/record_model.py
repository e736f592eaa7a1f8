"""One generic table model for every kind of record.

The model holds only the rows fetched so far (pages of `page_size`), as the frozen rows of
`service.rows()` (services.values: no ORM object reaches the screens); sorting, filtering and
search are handed to the service as a `ListQuery`, so they run in SQL whatever the table size.
A column spec (`Column`) says how a record shows in each column.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import Any

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QColor, QFont

from ...services.records import ListQuery
from ..tasks import TaskRunner
from .table_base import (
    BADGE_ROLE, CODE_ROLE, ID_ROLE, OVERDUE_ROLE, SORT_ROLE, Column, Index, TableModel,
)

__all__ = ["BADGE_ROLE", "CODE_ROLE", "ID_ROLE", "OVERDUE_ROLE", "SORT_ROLE", "Column",
           "RecordTableModel"]


class RecordTableModel(TableModel):
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
        super().__init__(columns, parent)
        self.service = service
        self.kind = kind
        self.page_size = page_size
        self._overdue = overdue
        self._query = ListQuery()
        self._total = 0
        self._announcing = False
        self._bold = QFont()
        self._bold.setBold(True)
        self._red = QColor("#b00020")
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
        self._total = max(total, len(rows))
        self._show(rows)
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
        self._search.cancel()  # a search still running is obsolete
        self.loading = False
        rows = self.service.rows(self._page_query(0))
        if recount:
            self._total = self.service.count(replace(self._query, limit=None, offset=0))
        self._total = max(self._total, len(rows))  # a write between the two queries
        self._show(rows)
        self.countChanged.emit(self._total)
        self.reloaded.emit()

    def _show(self, rows: Any) -> None:
        # Listeners of the reset signals (views, Qt's model tester) may ask for more rows while
        # the reset is being announced: the next page waits until the reset is over.
        self._announcing = True
        try:
            self.set_rows(rows)
        finally:
            self._announcing = False

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
            self._row_changed(row)
            return True
        query = replace(self._query, filters={**self._query.filters, "id": int(record_id)},
                        limit=1, offset=0)
        found = self.service.rows(query)
        if found:
            self._rows[row] = found[0]
            self._row_changed(row)
            return True
        self.beginRemoveRows(QModelIndex(), row, row)
        del self._rows[row]
        self.endRemoveRows()
        self._total = max(len(self._rows), self._total - 1)
        self.countChanged.emit(self._total)
        return True

    # --- paging ---------------------------------------------------------------------------
    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008
        if parent.isValid() or self._announcing:
            return False
        return len(self._rows) < self._total

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008
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
        self._query.order_by = name
        self._query.descending = descending
        self.reload(recount=False)

    # --- what a row adds: overdue recommendations in bold red --------------------------------
    def _is_overdue(self, rec: Any) -> bool:
        return bool(self._overdue and self._overdue(rec))

    def row_data(self, row: Any, role: int) -> Any:
        if role == OVERDUE_ROLE:
            return self._is_overdue(row)
        if role == Qt.ItemDataRole.FontRole and self._is_overdue(row):
            return self._bold
        if role == Qt.ItemDataRole.ForegroundRole and self._is_overdue(row):
            return self._red
        return None
