"""The CRSS « Tableau de bord » (issue 17): the committee dashboard (ui.charts_board) for a
scope the CRSS chooses (the nation, a region, a cercle, one committee: the register's places)
and, under it, the table comparing the committees of the region or cercle (last meeting,
meetings held in the period, overdue recommendations, complétude), sorted by SQL on a header
click. A double click on a committee shows its dashboard.

What it reads comes from services.dashboard (for a Scope) and services.crss.comparison (small
frozen values); the complétude is services.crss.reporting's. People appear nowhere (the CRSS
knows them only by code).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView, QComboBox, QDialog, QHBoxLayout, QHeaderView, QLabel, QPushButton,
    QTableView, QVBoxLayout, QWidget,
)

from ...services import dashboard as dash
from ...services.crss import comparison, reporting
from ..charts_board import DashboardBoard
from ..exchange.common import Prompts
from ..tasks import TaskRunner
from ..window_fit import fit_window, scroll_area
from .tables import ComparisonModel

NATION, REGION, CERCLE, COMMITTEE = dash.NATION, dash.REGION, dash.CERCLE, dash.COMMITTEE


class CrssDashboardPage(QWidget):
    """Scope chooser, dashboard and committee comparison. `host`: any object with
    `.services` (the main window); its `show_drill_down`, when it has one, opens the lists."""

    def __init__(self, host: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("crssDashboardPage")
        self.host = host
        self.places = comparison.ScopePlaces((), (), ())
        self._compared: tuple | None = None  # (period, region, cercle) of the table
        self._rates: list[reporting.Rates] | None = None
        self._bands: Any = None
        self._shown: tuple | None = None  # the key whose rows the table shows
        # the complétude of every committee takes about a second nationally: off the GUI thread
        self._table_runner = TaskRunner(self)
        self.level_box = QComboBox()
        self.level_box.setObjectName("scopeLevel")
        self.level_box.setAccessibleName(self.tr("Scope"))
        for code, text in ((NATION, self.tr("Nation")), (REGION, self.tr("Region")),
                           (CERCLE, self.tr("Cercle")), (COMMITTEE, self.tr("Committee"))):
            self.level_box.addItem(text, code)
        self.place_box = QComboBox()
        self.place_box.setObjectName("scopePlace")
        self.place_box.setAccessibleName(self.tr("Place or committee"))
        self.place_box.setMinimumContentsLength(24)
        self.level_box.currentIndexChanged.connect(self._level_changed)
        self.place_box.currentIndexChanged.connect(self._scope_changed)
        caption = QLabel(self.tr("Scope"))
        caption.setBuddy(self.level_box)
        row = QHBoxLayout()
        row.addWidget(caption)
        row.addWidget(self.level_box)
        row.addWidget(self.place_box, 1)
        row.addStretch(1)
        self.board = DashboardBoard(_Services(host))
        self.board.drillDown.connect(self._drill)
        self.board.computed.connect(self._board_computed)
        self.model = ComparisonModel(self._resort)
        self.table = QTableView()
        self.table.setObjectName("comparisonTable")
        self.table.setModel(self.model)
        self.table.setSortingEnabled(True)
        self.table.horizontalHeader().setSortIndicator(0, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setMinimumHeight(320)
        self.table.doubleClicked.connect(self._row_activated)
        self.table.activated.connect(self._row_activated)  # Enter on a row
        self.compare_title = QLabel()
        self.compare_title.setObjectName("comparisonTitle")
        self.compare_title.setStyleSheet("font-size: 13pt; font-weight: bold;")
        self.compare_note = QLabel(self.tr(
            "Overdue: recommendations made at a meeting of the period, still open, whose "
            "deadline was past at the end of the period (today, while it runs). Complétude: months reported of the months expected (the reporting "
            "rates). Double-click a committee to see its dashboard."))
        self.compare_note.setWordWrap(True)
        # the periodic report of the board's period, for the nation or the scope's region
        self.report_button = QPushButton(self.tr("Period report (PDF)…"))
        self.report_button.setObjectName("periodReport")
        self.report_button.setToolTip(self.tr(
            "The periodic report of the period the dashboard shows, to save as a PDF: for "
            "Mali, or for the region of the scope chosen"))
        self.report_button.clicked.connect(self.write_report)
        self.report_message = QLabel()
        self.report_message.setObjectName("reportMessage")
        self.report_message.setWordWrap(True)
        self.report_message.hide()
        self._report_runner = TaskRunner(self)
        report_row = QHBoxLayout()
        report_row.addWidget(self.report_message, 1)
        report_row.addWidget(self.report_button, 0,
                             Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignRight)
        content = QWidget()
        layout = QVBoxLayout(content)
        title = QLabel(self.tr("Dashboard of the committees"))
        title.setObjectName("pageTitle")
        title.setStyleSheet("font-size: 15pt; font-weight: bold;")
        layout.addWidget(title)
        layout.addLayout(row)
        layout.addLayout(report_row)
        layout.addWidget(self.board)
        layout.addSpacing(12)
        layout.addWidget(self.compare_title)
        layout.addWidget(self.compare_note)
        layout.addWidget(self.table)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll_area(content, "crssDashboardScroll"))
        self.reload_places()

    @property
    def db(self) -> Any:
        return self.host.services.db

    # --- the scope --------------------------------------------------------------------------
    def reload_places(self) -> None:
        """Read the register's places again (after an import) and recompute."""
        self.places = comparison.scope_places(self.db)
        self._bands = reporting.reporting_settings(self.db).bands
        self._rates, self._compared = None, None
        self._level_changed()

    def _level_changed(self) -> None:
        level = self.level_box.currentData()
        box = self.place_box
        box.blockSignals(True)
        box.clear()
        if level == REGION:
            for region in self.places.regions:
                box.addItem(region, (region, ""))
        elif level == CERCLE:
            for region, cercle in self.places.cercles:
                box.addItem(f"{cercle} ({region})", (region, cercle))
        elif level == COMMITTEE:
            for c in self.places.committees:
                box.addItem(f"{c.code} · {c.name}" if c.name else c.code, c.committee_id)
        box.blockSignals(False)
        box.setVisible(level != NATION)
        self._scope_changed()

    def scope(self) -> tuple[dash.Scope, str]:
        """The chosen scope and its name."""
        level, data = self.level_box.currentData(), self.place_box.currentData()
        if level == REGION and data:
            return dash.region_scope(data[0]), self.tr("region of %1").replace("%1", data[0])
        if level == CERCLE and data:
            return (dash.cercle_scope(*data), self.tr("cercle of %1 (%2)")
                    .replace("%1", data[1]).replace("%2", data[0]))
        if level == COMMITTEE and data is not None:
            return dash.committee_scope(int(data)), self.place_box.currentText()
        if level != NATION:  # nothing to choose from yet: no committee in that place
            return dash.Scope(level, region="\0", cercle="\0", committee_id=0), \
                self.tr("nothing received yet")
        return dash.nation_scope(), self.tr("Mali")

    def _scope_changed(self) -> None:
        scope, text = self.scope()
        self.board.set_scope(scope, text)

    def set_scope(self, level: str, value: Any = None) -> None:
        """Choose a scope as the user does: level, then (region,), (region, cercle) or a
        committee id."""
        self.level_box.blockSignals(True)
        self.level_box.setCurrentIndex(self.level_box.findData(level))
        self.level_box.blockSignals(False)
        self.place_box.blockSignals(True)
        self._level_changed()
        if value is not None:
            if level == REGION and isinstance(value, str):
                value = (value, "")
            index = self.place_box.findData(value)
            if index >= 0:
                self.place_box.setCurrentIndex(index)
        self.place_box.blockSignals(False)
        self._scope_changed()

    # --- the periodic report ----------------------------------------------------------------
    def report_region(self) -> str | None:
        """The region the report covers: the scope's (a cercle's or a committee's region),
        None for the nation."""
        scope = self.board.scope
        if scope.level in (REGION, CERCLE) and scope.region != "\0":
            return scope.region
        if scope.level == COMMITTEE:
            for committee in self.places.committees:
                if committee.committee_id == scope.committee_id:
                    return committee.region or None
        return None

    def write_report(self) -> bool:
        """Ask where, then write the periodic report of the board's period for the nation or
        the scope's region (False when cancelled)."""
        from ..exchange.common import set_message
        from ..report_export import save_report

        region = self.report_region()

        def say(text: str, kind: str) -> None:
            self.report_message.show()
            set_message(self.report_message, text, kind)

        return save_report(self, self._report_runner, self.db, self.board.period(),
                           region or "Mali", region=region, say=say,
                           busy=lambda on: self.report_button.setEnabled(not on))

    # --- the comparison ---------------------------------------------------------------------
    def _table_place(self) -> tuple[str | None, str | None]:
        scope = self.board.scope
        if scope.level == REGION:
            return scope.region, None
        if scope.level == CERCLE:
            return scope.region, scope.cercle
        if scope.level == COMMITTEE and self._compared is not None:
            return self._compared[1], self._compared[2]  # the table stays as it was
        return None, None

    def _board_computed(self) -> None:
        board = self.board.board
        if board is None:
            return
        region, cercle = self._table_place()
        key = (board.period, region, cercle)
        if key == self._compared:
            return
        self._compared, self._rates = key, None
        db, today, (order, descending) = self.db, board.today, self.model.order

        def work(_control: Any) -> tuple:
            rates = comparison.committee_rates(db, key[0], region=region, cercle=cercle,
                                               as_of=today)
            rows = comparison.comparison(db, key[0], region=region, cercle=cercle,
                                         order_by=order, descending=descending, today=today,
                                         rates=rates)
            return key, rates, rows

        self.compare_title.setText(self.tr("Comparing the committees…"))
        self._table_runner.start(work, on_done=self._table_computed,
                                 on_fail=self._table_failed)

    def _table_computed(self, result: tuple) -> None:
        key, rates, rows = result
        if key != self._compared:  # a newer scope or period was asked meanwhile
            return
        self._rates = rates
        self._show_rows(rows)

    def _table_failed(self, exc: BaseException) -> None:
        import logging

        logging.getLogger(__name__).error("committee comparison failed", exc_info=exc)
        self.compare_title.setText(self.tr("The committees could not be compared."))

    def table_ready(self) -> bool:
        """The table shows the committees of the board's scope and period."""
        return self._compared is not None and self._shown == self._compared

    def refresh_table(self) -> None:
        """The table again in the model's order (a header click), with the complétude already
        computed; the first load of a scope or period goes through the worker."""
        if self._compared is None or self._rates is None:
            return
        period, region, cercle = self._compared
        order, descending = self.model.order
        rows = comparison.comparison(self.db, period, region=region, cercle=cercle,
                                     order_by=order, descending=descending,
                                     today=self.board.board.today if self.board.board
                                     else dt.date.today(), rates=self._rates)
        self._show_rows(rows)

    def _show_rows(self, rows: list) -> None:
        period, region, cercle = self._compared
        self.model.set_rows(rows, self._bands)
        self._shown = self._compared
        where = cercle or region
        self.compare_title.setText(
            self.tr("Committees of %1 compared, %2").replace("%1", where)
            .replace("%2", self.board.period_label.text()) if where else
            self.tr("Committees compared, %1").replace("%1", self.board.period_label.text()))
        if not self.table.property("fitted") and rows:
            self.table.resizeColumnsToContents()
            self.table.setProperty("fitted", True)

    def _resort(self, key: str, descending: bool) -> None:
        self.model.order = (key, descending)
        self.refresh_table()

    def _row_activated(self, index: Any) -> None:
        row = self.model.row_at(index)
        if row is None or row.committee_id is None:
            return
        self.set_scope(COMMITTEE, row.committee_id)

    def _drill(self, kind: str, filters: dict, caption: str) -> None:
        show = getattr(self.host, "show_drill_down", None)
        if callable(show):
            show(kind, filters, caption)


class _Services:
    """The board reads `.services.db` at each computation: the host's, followed when the
    database is reopened after a restore."""

    def __init__(self, host: Any) -> None:
        self.host = host

    @property
    def db(self) -> Any:
        return self.host.services.db


def open_dashboard(host: Any, parent: QWidget | None = None) -> QDialog:
    """The page in a window of its own (from the register page's button)."""
    dialog = QDialog(parent)
    dialog.setObjectName("crssDashboardWindow")
    page = CrssDashboardPage(host, dialog)
    dialog.setWindowTitle(page.tr("Dashboard of the committees"))
    layout = QVBoxLayout(dialog)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.addWidget(page)
    fit_window(dialog, (1100, 760), "CrssDashboard")
    Prompts.run_dialog(dialog, modal=False)
    return dialog
