"""The dashboard's charts (QtCharts, shipped in the project's Qt wheels) and the table behind
each one. A chart reads in black and white: bars carry a hatch of their own and their value
written on them, lines a dash pattern of their own and their values at each point. Every
chart sits in a `ChartPanel` whose « Tableau » button shows the same figures as a table (for
the keyboard and screen readers); a bar, a point or a table row opens the matching list
(`activated(key)`, the key given with the data)."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCharts import (
    QBarCategoryAxis, QBarSeries, QBarSet, QChart, QChartView, QHorizontalBarSeries,
    QLegend, QLineSeries, QScatterSeries, QStackedBarSeries, QValueAxis,
)
from PySide6.QtCore import QMargins, QPointF, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont, QPainter, QPen
from PySide6.QtWidgets import (
    QAbstractItemView, QHBoxLayout, QHeaderView, QLabel, QPushButton, QStackedWidget,
    QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget,
)

#: (fill, hatch) of the successive bar sets: distinct in greyscale and in hatch
BAR_STYLES = ((QColor("#4d4d4d"), Qt.BrushStyle.SolidPattern),
              (QColor("#bdbdbd"), Qt.BrushStyle.BDiagPattern),
              (QColor("#8c8c8c"), Qt.BrushStyle.Dense4Pattern),
              (QColor("#e0e0e0"), Qt.BrushStyle.CrossPattern))
#: pen of the successive lines
LINE_STYLES = (Qt.PenStyle.SolidLine, Qt.PenStyle.DashLine, Qt.PenStyle.DotLine,
               Qt.PenStyle.DashDotLine, Qt.PenStyle.DashDotDotLine)
LINE_SHADES = ("#000000", "#333333", "#555555", "#222222", "#444444")
MARKERS = (QScatterSeries.MarkerShape.MarkerShapeCircle,
           QScatterSeries.MarkerShape.MarkerShapeRectangle,
           QScatterSeries.MarkerShape.MarkerShapeTriangle,
           QScatterSeries.MarkerShape.MarkerShapeStar,
           QScatterSeries.MarkerShape.MarkerShapePentagon)
KEY_ROLE = Qt.ItemDataRole.UserRole + 1


@dataclass(frozen=True)
class Bars:
    """One bar set: its name, a value per category, and the key each bar opens."""

    name: str
    values: Sequence[float]
    keys: Sequence[Any]


@dataclass(frozen=True)
class Line:
    name: str
    values: Sequence[float | None]  # None: no point there
    key: Any


class ChartPanel(QWidget):
    """A titled chart with its « Tableau » toggle; `activated(key)` when a bar, a point or
    a row of the table is chosen."""

    activated = Signal(object)

    def __init__(self, name: str, title: str, parent: QWidget | None = None,
                 chart_widget: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(f"chart_{name}")
        self.title = QLabel(title)
        self.title.setObjectName("chartTitle")
        self.title.setWordWrap(True)
        self.title.setStyleSheet("font-weight: bold;")
        self.toggle = QPushButton(self.tr("Table"))
        self.toggle.setObjectName(f"tableToggle_{name}")
        self.toggle.setCheckable(True)
        self.toggle.setToolTip(self.tr("Show the figures of this chart as a table"))
        self.toggle.toggled.connect(self._toggled)
        if chart_widget is None:
            self.chart = QChart()
            self.chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
            self.chart.setMargins(QMargins(2, 2, 2, 2))
            self.chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
            self.chart.setBackgroundRoundness(0)
            self.view = QChartView(self.chart)
            self.view.setRenderHint(QPainter.RenderHint.Antialiasing)
            self.view.setAccessibleName(title)
            self.view.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the table is the keyboard's
        else:
            self.chart = None
            self.view = chart_widget
        self.view.setMinimumHeight(230)
        self.table = QTableWidget()
        self.table.setObjectName(f"table_{name}")
        self.table.setAccessibleName(title)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.table.setTabKeyNavigation(False)
        # whole titles ("Catastrophique"), the table scrolls sideways if it must
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.table.itemActivated.connect(self._item_activated)
        self.table.setToolTip(self.tr("Enter or a double click opens the matching list"))
        self.stack = QStackedWidget()
        self.stack.addWidget(self.view)
        self.stack.addWidget(self.table)
        head = QHBoxLayout()
        head.addWidget(self.title, 1)
        head.addWidget(self.toggle)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        self.note = QLabel()
        self.note.setObjectName("chartNote")
        self.note.setWordWrap(True)
        self.note.hide()
        layout.addLayout(head)
        layout.addWidget(self.note)
        layout.addWidget(self.stack, 1)
        self.setMinimumHeight(290)

    def set_note(self, text: str) -> None:
        self.note.setText(text)
        self.note.setVisible(bool(text))

    def _toggled(self, on: bool) -> None:
        self.stack.setCurrentIndex(1 if on else 0)
        self.toggle.setText(self.tr("Chart") if on else self.tr("Table"))
        if on:
            self.table.setFocus(Qt.FocusReason.OtherFocusReason)

    def _item_activated(self, item: QTableWidgetItem) -> None:
        key = item.data(KEY_ROLE)
        if key is not None:
            self.activated.emit(key)

    # --- the table ------------------------------------------------------------------------
    def set_table(self, columns: Sequence[str], rows: Sequence[Sequence[Any]],
                  keys: Sequence[Sequence[Any]] | None = None,
                  row_titles: Sequence[str] | None = None) -> None:
        """rows of cells (text or numbers); keys[r][c] what the cell opens (None: nothing)."""
        t = self.table
        t.clear()
        t.setColumnCount(len(columns))
        t.setRowCount(len(rows))
        t.setHorizontalHeaderLabels(list(columns))
        if row_titles is not None:
            t.setVerticalHeaderLabels(list(row_titles))
            t.verticalHeader().setVisible(True)
        else:
            t.verticalHeader().setVisible(False)
        for r, row in enumerate(rows):
            for c, value in enumerate(row):
                item = QTableWidgetItem(value if isinstance(value, str) else _num(value))
                if not isinstance(value, str):
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight
                                          | Qt.AlignmentFlag.AlignVCenter)
                key = keys[r][c] if keys is not None and c < len(keys[r]) else None
                if key is not None:
                    item.setData(KEY_ROLE, key)
                t.setItem(r, c, item)

    # --- the charts -----------------------------------------------------------------------
    def _clear(self) -> None:
        chart = self.chart
        chart.removeAllSeries()
        for axis in chart.axes():
            chart.removeAxis(axis)

    def set_bars(self, categories: Sequence[str], sets: Sequence[Bars], *,
                 horizontal: bool = False, stacked: bool = False) -> None:
        self._clear()
        series = (QStackedBarSeries() if stacked else
                  QHorizontalBarSeries() if horizontal else QBarSeries())
        series.setLabelsVisible(True)
        series.setLabelsPosition(QBarSeries.LabelsPosition.LabelsCenter if stacked else
                                 QBarSeries.LabelsPosition.LabelsOutsideEnd)
        series.setLabelsFormat("@value")
        for n, bars in enumerate(sets):
            fill, hatch = BAR_STYLES[n % len(BAR_STYLES)]
            bar_set = QBarSet(bars.name)
            bar_set.setBrush(QBrush(fill, hatch))
            bar_set.setPen(QPen(QColor("black"), 1))
            dark = n % len(BAR_STYLES) == 0
            bar_set.setLabelColor(QColor("white") if dark and stacked else QColor("black"))
            bar_set.append([float(x) for x in bars.values])
            keys = list(bars.keys)
            bar_set.clicked.connect(lambda i, keys=keys: self._bar_clicked(keys, i))
            series.append(bar_set)
        if stacked:
            top = max((sum(s.values[i] for s in sets) for i in range(len(categories))),
                      default=0)
        else:
            top = max((max(s.values, default=0) for s in sets), default=0)
        self.chart.addSeries(series)
        cat = QBarCategoryAxis()
        cat.append(list(categories))
        cat.setLabelsFont(self._small())
        if not horizontal and len(categories) > 6:
            cat.setLabelsAngle(-90)  # dates of a year's meetings, read upwards
        val = _count_axis(top)
        if horizontal and not stacked:
            self.chart.addAxis(cat, Qt.AlignmentFlag.AlignLeft)
            self.chart.addAxis(val, Qt.AlignmentFlag.AlignBottom)
        else:
            self.chart.addAxis(cat, Qt.AlignmentFlag.AlignBottom)
            self.chart.addAxis(val, Qt.AlignmentFlag.AlignLeft)
        series.attachAxis(cat)
        series.attachAxis(val)
        self.chart.legend().setVisible(len(sets) > 1)

    def _bar_clicked(self, keys: list[Any], index: int) -> None:
        if 0 <= index < len(keys) and keys[index] is not None:
            self.activated.emit(keys[index])

    def set_lines(self, categories: Sequence[str], lines: Sequence[Line],
                  top: float = 25) -> None:
        self._clear()
        cat = QBarCategoryAxis()
        cat.append(list(categories) or [""])
        cat.setLabelsFont(self._small())
        if len(categories) > 6:
            cat.setLabelsAngle(-90)
        val = QValueAxis()
        val.setRange(0, top)
        val.setLabelFormat("%d")
        val.setTickCount(6)
        self.chart.addAxis(cat, Qt.AlignmentFlag.AlignBottom)
        self.chart.addAxis(val, Qt.AlignmentFlag.AlignLeft)
        legend = self.chart.legend()
        legend.setFont(self._small())
        legend.setMarkerShape(QLegend.MarkerShape.MarkerShapeFromSeries)
        for n, line in enumerate(lines):
            # a dash pattern of its own for the line, a marker shape of its own at its points:
            # the legend shows the shape, which stays apart in black and white
            series = QLineSeries()
            shade = QColor(LINE_SHADES[n % len(LINE_SHADES)])
            series.setPen(QPen(shade, 2, LINE_STYLES[n % len(LINE_STYLES)]))
            points = QScatterSeries()
            points.setName(line.name)
            points.setMarkerShape(MARKERS[n % len(MARKERS)])
            points.setMarkerSize(11)
            points.setColor(QColor("white") if n % 2 else shade)
            points.setBorderColor(shade)
            for i, value in enumerate(line.values):
                if value is not None:
                    series.append(QPointF(i, float(value)))
                    points.append(QPointF(i, float(value)))
            key = line.key
            for each in (series, points):
                each.clicked.connect(lambda _p, key=key: self.activated.emit(key))
                self.chart.addSeries(each)
                each.attachAxis(cat)
                each.attachAxis(val)
            for marker in legend.markers(series):
                marker.setVisible(False)
        legend.setVisible(bool(lines))

    def _small(self) -> QFont:
        small = QFont(self.font())
        small.setPointSizeF(max(7.0, self.font().pointSizeF() * 0.85))
        return small


def _count_axis(top: float) -> QValueAxis:
    """A value axis of whole numbers from 0 a little above `top` (room for the labels)."""
    axis = QValueAxis()
    high = max(1, math.ceil(top * 1.15))
    if high <= 10:
        axis.setRange(0, high)
        axis.setTickCount(high + 1)
    else:
        step = 10 ** max(0, len(str(high)) - 2)
        step *= next(k for k in (1, 2, 5, 10) if high / (step * k) <= 8)
        high = math.ceil(high / step) * step
        axis.setRange(0, high)
        axis.setTickCount(high // step + 1)
    axis.setLabelFormat("%d")
    return axis


def _num(value: Any) -> str:
    from .. import i18n

    if isinstance(value, float):
        return i18n.locale_for().toString(value, "f", 1)
    return i18n.number(int(value))
