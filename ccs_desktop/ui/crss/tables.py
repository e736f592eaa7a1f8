"""The CRSS screens' tables: read-only models over small frozen rows (register, import log,
one import's report, conflicts) and the sortable view they show in."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import replace
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QSortFilterProxyModel, Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView

from ...services.rowcheck import one_line, printable
from ..i18n import date_time_text, locale_for, short_date
from ..models.table_base import SORT_ROLE, Column, TableModel

translate = QCoreApplication.translate

_CONTEXT = "ExchangeTables"
_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter


def _col(key: str, title: str, value: Callable[[Any], Any], **options: Any) -> Column:
    """A column of the CRSS tables (titles in the "ExchangeTables" context)."""
    return Column(key, title, value, context=_CONTEXT, **options)


def when(value: dt.date | dt.datetime | None) -> str:
    """A date (day) or a moment (day and time) as the CRSS tables show it."""
    if isinstance(value, dt.datetime):
        return date_time_text(value)
    return "" if value is None else short_date(value)


def _count(key: str, title: str, value: Callable[[Any], Any]) -> Column:
    return _col(key, title, value, align=_RIGHT)


def _tip_everywhere(tip: Callable[[Any], Any], *columns: Column) -> tuple[Column, ...]:
    """The same row tooltip on every column."""
    return tuple(replace(c, tooltip=tip) for c in columns)


class RowsModel(TableModel):
    """A read-only table over a list of small frozen rows (set_rows), sorted by the view's
    QSortFilterProxyModel (make_table) on SORT_ROLE; the columns are class-level specs."""

    align_headers = False  # Qt's centred headers

    def __init__(self, parent: Any = None) -> None:
        super().__init__(None, parent)


def _duplicate_tip(row: Any) -> str | None:
    if not row.duplicate:
        return None
    return translate("ExchangeTables",
                     "This commune appears under two committee ids: check which one is the real "
                     "committee.")


def _level(row: Any) -> str:
    return "CCSR" if row.level == "region" else ("CCS-Cercle" if row.level == "cercle"
                                                 else "CCSC")


def _key_text(row: Any) -> str:
    if row.pending_fingerprint:
        return translate("ExchangeTables", "another key waits: {fingerprint}").format(
            fingerprint=row.pending_fingerprint)
    if row.key_status == "confirmed":
        return translate("ExchangeTables", "confirmed")
    if row.key_status == "unconfirmed":
        return translate("ExchangeTables", "not confirmed (rows unconfirmed)")
    return ""


class RegisterModel(RowsModel):
    columns = _tip_everywhere(
        _duplicate_tip,
        _col("level", QT_TRANSLATE_NOOP("ExchangeTables", "Level"), _level),
        _col("region", QT_TRANSLATE_NOOP("ExchangeTables", "Region"), lambda r: r.region),
        _col("cercle", QT_TRANSLATE_NOOP("ExchangeTables", "Cercle"), lambda r: r.cercle),
        _col("commune", QT_TRANSLATE_NOOP("ExchangeTables", "Commune"), lambda r: r.commune),
        _col("committee", QT_TRANSLATE_NOOP("ExchangeTables", "Committee"),
             lambda r: r.committee_code),
        _col("status", QT_TRANSLATE_NOOP("ExchangeTables", "Status"),
             lambda r: status_label(r.status)),
        _col("last_file", QT_TRANSLATE_NOOP("ExchangeTables", "Last file received"),
             lambda r: r.last_file_name or translate("ExchangeTables", "never sent")),
        _col("received", QT_TRANSLATE_NOOP("ExchangeTables", "Received on"),
             lambda r: r.last_received_at, text=when),
        _col("snapshot", QT_TRANSLATE_NOOP("ExchangeTables", "Data as of"),
             lambda r: r.last_snapshot_at, text=when),
        _col("warning", QT_TRANSLATE_NOOP("ExchangeTables", "Warning"),
             lambda r: translate("ExchangeTables", "commune under two committees")
             if r.duplicate else ""),
        # issue 12: the committee's signing key (its rows are unconfirmed until it is)
        _col("key", QT_TRANSLATE_NOOP("ExchangeTables", "Signing key"), _key_text),
        _col("fingerprint", QT_TRANSLATE_NOOP("ExchangeTables", "Fingerprint"),
             lambda r: r.key_fingerprint),
    )

    def row_data(self, row: Any, role: int) -> Any:
        if role == Qt.ItemDataRole.BackgroundRole and row.key_unconfirmed:
            return QBrush(QColor("#fff9c4"))
        if role == Qt.ItemDataRole.BackgroundRole and row.duplicate:
            return QBrush(QColor("#ffe0b2"))
        if role == Qt.ItemDataRole.ForegroundRole and row.never_sent:
            return QBrush(QColor("#6d6d6d"))
        return None


def _result(ok: bool) -> str:
    return translate("ExchangeTables", "imported") if ok else \
        translate("ExchangeTables", "refused")


class ImportLogModel(RowsModel):
    columns = (
        _col("imported", QT_TRANSLATE_NOOP("ExchangeTables", "Imported on"),
             lambda r: r.imported_at, text=when),
        _col("file", QT_TRANSLATE_NOOP("ExchangeTables", "File"),
             lambda r: one_line(r.file_name, 120),
             tooltip=lambda r: r.file_sha256 and f"SHA-256 : {r.file_sha256}"),
        _col("committee", QT_TRANSLATE_NOOP("ExchangeTables", "Committee"),
             lambda r: one_line(r.committee_code, 40)),
        _col("result", QT_TRANSLATE_NOOP("ExchangeTables", "Result"),
             lambda r: _result(r.status == "ok")),
        _count("new", QT_TRANSLATE_NOOP("ExchangeTables", "New"), lambda r: r.new),
        _count("updated", QT_TRANSLATE_NOOP("ExchangeTables", "Updated"), lambda r: r.updated),
        _count("unchanged", QT_TRANSLATE_NOOP("ExchangeTables", "Unchanged"),
               lambda r: r.unchanged),
        _count("deleted", QT_TRANSLATE_NOOP("ExchangeTables", "Deleted"), lambda r: r.deleted),
        _count("refused", QT_TRANSLATE_NOOP("ExchangeTables", "Refused"), lambda r: r.refused),
        _count("conflicts", QT_TRANSLATE_NOOP("ExchangeTables", "Conflicts"),
               lambda r: r.conflicts),
        _col("message", QT_TRANSLATE_NOOP("ExchangeTables", "Message"),
             lambda r: one_line(r.message, 600)),
    )

    def row_data(self, row: Any, role: int) -> Any:
        if role == Qt.ItemDataRole.ForegroundRole and row.status != "ok":
            return QBrush(QColor("#b71c1c"))
        return None


def _counted(key: str, title: str) -> Column:
    return _count(key, title, lambda r: r.counts[key])


class ImportReportModel(RowsModel):
    """The result of one import: one row per file (ImportReport)."""

    columns = _tip_everywhere(
        lambda r: printable(r.message or str(r.file), 2000),
        _col("file", QT_TRANSLATE_NOOP("ExchangeTables", "File"),
             lambda r: one_line(r.file.name, 120)),
        _col("committee", QT_TRANSLATE_NOOP("ExchangeTables", "Committee"),
             lambda r: one_line(r.committee_code, 40)),
        _col("result", QT_TRANSLATE_NOOP("ExchangeTables", "Result"), lambda r: _result(r.ok)),
        _counted("new", QT_TRANSLATE_NOOP("ExchangeTables", "New")),
        _counted("updated", QT_TRANSLATE_NOOP("ExchangeTables", "Updated")),
        _counted("unchanged", QT_TRANSLATE_NOOP("ExchangeTables", "Unchanged")),
        _counted("deleted", QT_TRANSLATE_NOOP("ExchangeTables", "Deleted")),
        _counted("refused", QT_TRANSLATE_NOOP("ExchangeTables", "Refused")),
        _counted("conflicts", QT_TRANSLATE_NOOP("ExchangeTables", "Conflicts")),
        _col("message", QT_TRANSLATE_NOOP("ExchangeTables", "Message"),
             lambda r: one_line(r.message, 600)),
    )

    def row_data(self, row: Any, role: int) -> Any:
        if role == Qt.ItemDataRole.ForegroundRole and not row.ok:
            return QBrush(QColor("#b71c1c"))
        return None


class ConflictsModel(RowsModel):
    columns = (
        _col("received", QT_TRANSLATE_NOOP("ExchangeTables", "Received on"),
             lambda r: r.created_at, text=when),
        _col("committee", QT_TRANSLATE_NOOP("ExchangeTables", "Committee"),
             lambda r: r.committee_code),
        _col("table", QT_TRANSLATE_NOOP("ExchangeTables", "Kind of record"),
             lambda r: r.table_label),
        _col("record", QT_TRANSLATE_NOOP("ExchangeTables", "Record"), lambda r: r.title),
        _col("differences", QT_TRANSLATE_NOOP("ExchangeTables", "What differs"),
             lambda r: ", ".join(d.column for d in r.differences)),
        _col("file", QT_TRANSLATE_NOOP("ExchangeTables", "File"), lambda r: r.file_name),
        _col("decision", QT_TRANSLATE_NOOP("ExchangeTables", "Decision"),
             lambda r: r.resolution_label if not r.is_open
             else translate("ExchangeTables", "to settle")),
    )


def make_table(model: RowsModel, name: str) -> tuple[QTableView, QSortFilterProxyModel]:
    # no Qt parent for the proxy (one aborted the exchange tests with heap corruption): the
    # caller keeps it alive, as the view does not own its model
    proxy = QSortFilterProxyModel()
    proxy.setSourceModel(model)
    proxy.setSortRole(SORT_ROLE)
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


# --------------------------------------------------------------------------- issue 17

BAND_COLOURS = {"good": "#e8f5e9", "fair": "#fffde7", "poor": "#ffebee"}


def _cmp(key: str, title: str, value: Callable[[Any], Any], **options: Any) -> Column:
    return Column(key, title, value, context="ComparisonModel", **options)


class ComparisonModel(RowsModel):
    """The committees compared (services.crss.comparison rows). Sorting asks `resort(key,
    descending)` for rows sorted by SQL instead of sorting here (the view sorts the model
    itself: no proxy)."""

    keys = ("code", "name", "region", "cercle", "last_meeting", "held", "overdue",
            "completeness")

    def __init__(self, resort: Callable[[str, bool], None] | None = None,
                 parent: Any = None) -> None:
        super().__init__(parent)
        self.resort = resort
        self.bands: Any = None  # services.crss.reporting.Bands
        self.order: tuple[str, bool] = ("code", False)
        self.columns = [
            _cmp("code", QT_TRANSLATE_NOOP("ComparisonModel", "Committee"),
                 lambda r: r.code or translate("ComparisonModel", "never sent")),
            _cmp("name", QT_TRANSLATE_NOOP("ComparisonModel", "Name"), lambda r: r.name),
            _cmp("region", QT_TRANSLATE_NOOP("ComparisonModel", "Region"), lambda r: r.region),
            _cmp("cercle", QT_TRANSLATE_NOOP("ComparisonModel", "Cercle"), lambda r: r.cercle),
            _cmp("last_meeting", QT_TRANSLATE_NOOP("ComparisonModel", "Last meeting"),
                 lambda r: r.last_meeting, text=lambda d: short_date(d) if d else "—"),
            _cmp("held", QT_TRANSLATE_NOOP("ComparisonModel", "Meetings held"),
                 lambda r: r.held, text=lambda n: locale_for().toString(n), align=_RIGHT),
            _cmp("overdue", QT_TRANSLATE_NOOP("ComparisonModel", "Overdue recommendations"),
                 lambda r: r.overdue, text=lambda n: locale_for().toString(n), align=_RIGHT),
            _cmp("completeness", QT_TRANSLATE_NOOP("ComparisonModel", "Complétude"),
                 lambda r: r, text=self._rate_text),
        ]

    def set_rows(self, rows: Any, bands: Any = None) -> None:
        if bands is not None:
            self.bands = bands
        super().set_rows(rows)

    def _rate_text(self, row: Any) -> str:
        rate = row.completeness
        if rate is None:
            return translate("ComparisonModel", "nothing expected")
        loc = locale_for()
        text = translate("ComparisonModel", "%1% (%2 of %3 months)").replace(
            "%1", loc.toString(round(100 * rate))).replace(
            "%2", loc.toString(row.reported)).replace("%3", loc.toString(row.expected))
        return f"{text} · {self.bands.label(rate)}" if self.bands is not None else text

    def row_data(self, row: Any, role: int) -> Any:
        # the row in its complétude's band (the band is also in words in its cell)
        if role == Qt.ItemDataRole.BackgroundRole and self.bands is not None:
            colour = BAND_COLOURS.get(self.bands.band(row.completeness))
            return QBrush(QColor(colour)) if colour else None
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(self.keys):
            return
        self.order = (self.keys[column], order == Qt.SortOrder.DescendingOrder)
        if self.resort is not None:
            self.resort(*self.order)
