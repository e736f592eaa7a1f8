"""A list page: title, "New" button, search box, filters, row count and the table."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import (
    QCoreApplication, QEvent, QObject, Qt, QTimer, Signal,
)
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView, QComboBox, QHBoxLayout, QHeaderView, QLabel, QLineEdit, QPushButton,
    QTableView, QVBoxLayout, QWidget,
)

from ...i18n import ngettext
from .. import prompts
from .. import settings_keys as prefs
from ..models import RecordTableModel, make_model
from ..tasks import TaskRunner
from ..widgets.badges import BadgeDelegate

SEARCH_DELAY_MS = 250

#: one choice of a filter: its text and the ListQuery filters it sets ({} = no filter)
Option = tuple[str, dict[str, Any]]


@dataclass
class FilterSpec:
    """One filter box. A scoped filter's options take the filters chosen in the boxes before
    it (Région → Cercle → Commune → Comité): its list narrows to them."""

    key: str
    title: str  # English source, translated in the "Filters" context
    options: Callable[..., list[Option]]
    all_text: str = "All"
    scoped: bool = False


def _tr(text: str) -> str:
    return QCoreApplication.translate("Filters", text)


class ListPage(QWidget):
    """One table of records with its search box and filters, all run in SQL."""

    #: emitted with (kind, record id or None) when a record is to be opened
    openRequested = Signal(str, object)
    #: the user asked to delete the selected record (kind, id)
    deleteRequested = Signal(str, int)

    def __init__(self, services: Any, kind: str, title: str, filters: list[FilterSpec],
                 count_text: Callable[[int], str], new_text: str,
                 parent: QWidget | None = None, read_only: bool = False,
                 extra_columns: list[Any] | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.kind = kind
        self.filter_specs = filters
        #: the CRSS reads the committees' records: no new record, no delete
        self.read_only = read_only
        #: column layout saved apart when the columns differ (the CRSS's "Comité" column)
        self.state_key = f"crss_{kind}" if extra_columns else kind
        self._count_text = count_text
        self.setObjectName(f"page_{kind}")
        #: filters set by a dashboard figure (show_drill), over those of the boxes
        self.drill_filters: dict[str, Any] = {}

        self.model: RecordTableModel = make_model(services, kind, parent=self,
                                                  extra_columns=extra_columns)

        self.title_label = QLabel(title)
        self.title_label.setObjectName("pageTitle")
        self.new_button = QPushButton(new_text)
        self.new_button.setObjectName("newButton")
        self.new_button.clicked.connect(self.new_record)
        self.delete_button = QPushButton(self.tr("Delete"))
        self.delete_button.setObjectName("deleteButton")
        self.delete_button.setToolTip(self.tr("Delete the selected row (Del); Ctrl+Z undoes it"))
        self.delete_button.clicked.connect(self.delete_selected)
        self.export_button = QPushButton(self.tr("Export…"))
        self.export_button.setObjectName("exportButton")
        self.export_button.setToolTip(self.tr("Save the rows shown (search and filters "
                                              "applied, same order) as an Excel or CSV file"))
        self.export_button.clicked.connect(self.export_rows)
        self._exports = TaskRunner(self)

        self.search_edit = QLineEdit()
        self.search_edit.setObjectName("searchEdit")
        self.search_edit.setClearButtonEnabled(True)
        # short: the long hint was cut to "…majuscules ignor…" on a 1024 px screen
        self.search_edit.setPlaceholderText(self.tr("Search…"))
        self.search_edit.setToolTip(self.tr("Accents and capitals are ignored: “securite” "
                                            "finds “Sécurité” (Ctrl+F)"))
        self.search_edit.setMinimumWidth(180)
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self.apply_search)
        self.search_edit.textChanged.connect(lambda _t: self._search_timer.start())
        self.search_edit.returnPressed.connect(self.apply_search)

        self.count_label = QLabel()
        self.count_label.setObjectName("countLabel")

        self.filter_boxes: dict[str, QComboBox] = {}
        filter_row = QHBoxLayout()
        filter_row.setSpacing(6)
        # the place filters of the CRSS get their own row (eight boxes do not fit in one)
        place_row = QHBoxLayout()
        place_row.setSpacing(6)
        for n, spec in enumerate(filters):
            box = QComboBox()
            box.setObjectName(f"filter_{spec.key}")
            # narrow screens (1024 px laptops): the boxes shrink, the popup shows full texts
            box.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            # place names are read whole (Tombouctou, Ménaka): the CRSS's boxes are wider
            box.setMinimumContentsLength(12 if spec.scoped else 5)
            box.setMaximumWidth(280 if spec.scoped else 240)
            box.view().setMinimumWidth(260)
            box.setToolTip(_tr(spec.title))
            self.filter_boxes[spec.key] = box
            caption = QLabel(_tr(spec.title))
            caption.setBuddy(box)
            row = place_row if spec.scoped else filter_row
            row.addWidget(caption)
            row.addWidget(box)
            box.currentIndexChanged.connect(lambda _i, n=n: self._on_filter_changed(n))
        filter_row.addStretch(1)
        self.drill_label = QLabel()
        self.drill_label.setObjectName("drillLabel")
        self.drill_label.setWordWrap(True)
        self.drill_label.setStyleSheet("font-weight: bold; border: 1px solid #555555; "
                                       "padding: 3px;")
        self.drill_label.hide()
        self.reset_button = QPushButton(self.tr("Clear filters"))
        self.reset_button.setObjectName("resetFilters")
        self.reset_button.clicked.connect(lambda: self.clear_filters())
        filter_row.addWidget(self.reset_button)
        # beside the filters it follows (the top row is full on a 1024 px screen)
        filter_row.addWidget(self.export_button)
        self.fill_filter_options()

        self.table = QTableView()
        self.table.setObjectName(f"table_{kind}")
        self.table.setModel(self.model)
        self.table.setItemDelegate(BadgeDelegate(self.table))
        # the service's default order is shown until the user clicks a header
        self.table.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        self.table.setSortingEnabled(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setTabKeyNavigation(False)
        vh = self.table.verticalHeader()
        vh.setVisible(False)
        vh.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)  # never measures every row
        vh.setDefaultSectionSize(max(28, self.fontMetrics().height() + 12))
        header = self.table.horizontalHeader()
        header.setSectionsMovable(True)
        header.setStretchLastSection(True)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setHighlightSections(False)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        for n, column in enumerate(self.model.columns):
            # never narrower than its title ("Personnes touchées" was cut to "rsonnes touchées")
            header.resizeSection(n, max(column.width, header.sectionSizeHint(n)))
        self.table.activated.connect(self._on_activated)
        delete_shortcut = QShortcut(QKeySequence(QKeySequence.StandardKey.Delete), self.table)
        delete_shortcut.setContext(Qt.ShortcutContext.WidgetShortcut)
        delete_shortcut.activated.connect(self.delete_selected)

        # an empty table says why, and what to do (over the table's empty viewport)
        self._new_text = new_text
        self.empty_label = QLabel(self.table.viewport())
        self.empty_label.setObjectName("emptyLabel")
        self.empty_label.setWordWrap(True)
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setStyleSheet("color: #555555; font-size: 11pt; padding: 24px;")
        self.empty_label.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.empty_label.hide()
        self.table.viewport().installEventFilter(self)

        self.model.countChanged.connect(self._update_count)
        self._update_count(self.model.total)

        top = QHBoxLayout()
        top.addWidget(self.title_label)
        top.addSpacing(12)
        top.addWidget(self.new_button)
        top.addWidget(self.delete_button)
        self.new_button.setVisible(not read_only)
        self.delete_button.setVisible(not read_only)
        top.addStretch(1)
        top.addWidget(self.search_edit, 2)
        top.addWidget(self.count_label)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 10, 12, 8)
        layout.addLayout(top)
        if place_row.count():
            place_row.addStretch(1)
            layout.addLayout(place_row)
        layout.addLayout(filter_row)
        layout.addWidget(self.drill_label)
        layout.addWidget(self.table, 1)

        enter = QShortcut(QKeySequence(Qt.Key.Key_Return), self.table)
        enter.setContext(Qt.ShortcutContext.WidgetShortcut)
        enter.activated.connect(self.open_current)

    # --- filters and search -------------------------------------------------------------------
    def fill_filter_options(self, start: int = 0, only_scoped: bool = False) -> None:
        """(Re)fill the filter boxes from `start`, keeping the current choices where they
        still exist."""
        for n, spec in enumerate(self.filter_specs):
            if n < start or (only_scoped and not spec.scoped):
                continue
            box = self.filter_boxes[spec.key]
            current = box.currentData()
            options = spec.options(self._scope(n)) if spec.scoped else spec.options()
            box.blockSignals(True)
            box.clear()
            box.addItem(_tr(spec.all_text), {})
            for text, values in options:
                box.addItem(text, values)
            pos = box.findData(current) if current else 0
            box.setCurrentIndex(max(0, pos))
            box.blockSignals(False)

    def _scope(self, n: int) -> dict[str, Any]:
        """The filters chosen in the scoped boxes before the n-th one."""
        scope: dict[str, Any] = {}
        for spec in self.filter_specs[:n]:
            if spec.scoped:
                scope.update(self.filter_boxes[spec.key].currentData() or {})
        return scope

    def _on_filter_changed(self, n: int) -> None:
        if self.filter_specs[n].scoped:
            self.fill_filter_options(start=n + 1, only_scoped=True)
        self.apply_filters()

    def show_drill(self, filters: dict[str, Any], caption: str) -> None:
        """Show what a dashboard figure counts: its filters alone (the boxes and the search
        cleared), said above the table until "Clear filters"."""
        self.clear_filters(apply=False)
        self.drill_filters = dict(filters)
        self.drill_label.setText(caption + " — " + self.tr("“Clear filters” shows every row."))
        self.drill_label.show()
        self.apply_filters()

    def current_filters(self) -> dict[str, Any]:
        merged: dict[str, Any] = dict(self.drill_filters)
        for box in self.filter_boxes.values():
            merged.update(box.currentData() or {})
        return merged

    def apply_filters(self) -> None:
        self.model.set_filters(self.current_filters())

    def drop_drill(self) -> None:
        """Forget a dashboard figure's filters (the boxes' stay)."""
        self.drill_filters = {}
        self.drill_label.hide()

    def clear_filters(self, apply: bool = True) -> None:
        self.drop_drill()
        for box in self.filter_boxes.values():
            box.blockSignals(True)
            box.setCurrentIndex(0)
            box.blockSignals(False)
        if any(spec.scoped for spec in self.filter_specs):
            self.fill_filter_options(only_scoped=True)  # the narrowed lists open up again
        self.search_edit.blockSignals(True)
        self.search_edit.clear()
        self.search_edit.blockSignals(False)
        self._search_timer.stop()
        self.model.set_search("")
        if apply:
            self.apply_filters()

    def apply_search(self) -> None:
        self._search_timer.stop()
        self.model.set_search_async(self.search_edit.text())

    def focus_search(self) -> None:
        self.search_edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search_edit.selectAll()

    def _update_count(self, total: int) -> None:
        self.count_label.setText(self._count_text(total))
        self._update_empty(total)

    def _update_empty(self, total: int) -> None:
        if total:
            self.empty_label.hide()
            return
        if self.current_filters() or self.search_edit.text().strip():
            text = self.tr("Nothing matches these filters or this search. “Clear filters” "
                           "shows every row again.")
        elif self.read_only:
            text = self.tr("Nothing here yet: the rows arrive with the files the committees "
                           "send (Backup menu, “Import files…”).")
        else:
            text = self.tr("Nothing recorded yet. Click “%1” to start.").replace(
                "%1", self._new_text)
        self.empty_label.setText(text)
        self.empty_label.setGeometry(self.table.viewport().rect())
        self.empty_label.show()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if watched is self.table.viewport() and event.type() == QEvent.Type.Resize:
            self.empty_label.setGeometry(self.table.viewport().rect())
        return super().eventFilter(watched, event)

    # --- records ------------------------------------------------------------------------------
    def selected_id(self) -> int | None:
        index = self.table.currentIndex()
        if not index.isValid():
            return None
        return self.model.record_id(index.row())

    def _on_activated(self, index: Any) -> None:
        if index.isValid():
            self.openRequested.emit(self.kind, self.model.record_id(index.row()))

    def open_current(self) -> None:
        record_id = self.selected_id()
        if record_id is not None:
            self.openRequested.emit(self.kind, record_id)

    def new_record(self) -> None:
        if not self.read_only:
            self.openRequested.emit(self.kind, None)

    def delete_selected(self) -> None:
        if self.read_only:
            return
        record_id = self.selected_id()
        if record_id is not None:
            self.deleteRequested.emit(self.kind, record_id)

    def refresh(self) -> None:
        selected = self.selected_id()
        self.fill_filter_options()
        self.model.set_filters(self.current_filters())
        self.model.reload()
        if selected is not None:
            row = self.model.row_of_id(selected)
            if row >= 0:
                self.table.selectRow(row)

    def refresh_row(self, record_id: int) -> None:
        """One record was saved: its row alone is shown again (the rest stays as fetched)."""
        self.model.update_row(record_id)

    # --- export -------------------------------------------------------------------------------
    def export_rows(self) -> None:
        """Ask for a file, then write what the table shows (its search, filters and order)
        there off the GUI thread (services.export); a French confirmation says how many rows
        went where. Restricted threats and phone numbers are left out, unless an
        administrator says yes to the warning that offers them (issue 16)."""
        title = self.tr("Export the list")
        path = prompts.current().choose_file(
            self, title, self.tr("Excel workbook (*.xlsx);;CSV file, “;” separator (*.csv)"),
            start=f"{self.kind}.xlsx", mode=prompts.SAVE)
        if not path:
            return
        path = str(path)
        if not path.lower().endswith((".xlsx", ".csv")):
            path += ".xlsx"
        fmt = "csv" if path.lower().endswith(".csv") else "xlsx"
        services, kind, query = self.services, self.kind, self.model.query
        sensitive = False
        if kind in ("threats", "people"):
            from ...services import access

            if access.can(services.db, "export.sensitive"):
                sensitive = prompts.current().ask_yes_no(
                    self, title, self.tr(
                        "Also export the restricted threats and the phone numbers?\n\n"
                        "Warning: the file will hold them in clear, outside the protection of "
                        "the application. Keep it off any USB stick you hand over, never send "
                        "it to the CRSS, delete it once used. Answer « No » for the usual "
                        "export."), warning=True)

        def work(control: Any) -> Any:
            from ...services.export import export_list

            return export_list(services, kind, query, path, fmt, check=control.check,
                               include_sensitive=sensitive)

        self.export_button.setEnabled(False)
        self._exports.start(work, on_done=self._exported, on_fail=self._export_failed)

    def _exported(self, result: Any) -> None:
        self.export_button.setEnabled(True)
        text = ngettext("{n} row exported into “{path}”.", "{n} rows exported into “{path}”.",
                        result.rows).format(n=result.rows, path=result.path)
        prompts.current().inform(self, self.tr("Export the list"), text)

    def _export_failed(self, exc: BaseException) -> None:
        from ...fileio import os_error_message
        from ...services.errors import UserError

        self.export_button.setEnabled(True)
        if isinstance(exc, UserError):
            reason = str(exc)
        elif isinstance(exc, OSError):
            reason = os_error_message(exc)
        else:
            import logging

            logging.getLogger(__name__).error("export failed", exc_info=exc)
            reason = self.tr("An unexpected error occurred; no file was written.")
        prompts.current().inform(self, self.tr("Export the list"),
                                 self.tr("The export failed: %1").replace("%1", reason),
                                 warning=True)

    # --- saved layout -------------------------------------------------------------------------
    def save_state(self) -> None:
        prefs.write(prefs.table_header(self.state_key),
                    self.table.horizontalHeader().saveState())

    def restore_state(self) -> None:
        state = prefs.read(prefs.table_header(self.state_key))
        if state is not None:
            header = self.table.horizontalHeader()
            header.restoreState(state)
            header.setSectionsMovable(True)
            header.setStretchLastSection(True)
