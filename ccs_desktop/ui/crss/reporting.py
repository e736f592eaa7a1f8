"""The « Complétude » page of the CRSS (issue 17): the reporting rates of a year, region →
cercle → commune in one tree (each rate with its band in words and in colour), the silent
committees, the deadline and the bands, and the relance letter to the préfet or the
governor for the late committees of the selected cercle or region.

What it shows comes from services.crss.reporting (SQL, small frozen values); the letter from
services.documents.relance. Reached from the register page (ui/crss/pages.py). « Suspensions… »
opens the register's suspensions (ui/crss/suspensions.py); the yearly report is rendered off
the GUI thread (ui/report_export.py)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QDialog, QHBoxLayout, QHeaderView, QLabel, QPushButton, QSpinBox, QSplitter, QTreeWidget,
    QTreeWidgetItem, QVBoxLayout, QWidget,
)

from .. import prompts as _prompts
from ...i18n import ngettext
from ...services.crss import reporting
from ..report_export import save_report
from ..tasks import TaskRunner
from ..exchange.common import Prompts, error_text, set_message, wrapping_label

BAND_COLOURS = {"good": QColor("#c8e6c9"), "fair": QColor("#fff3c4"),
                "poor": QColor("#f8c8c8"), "none": QColor("#eeeeee")}
ENTRY_ROLE = Qt.ItemDataRole.UserRole + 1


def _pct(rate: float | None) -> str:
    return "–" if rate is None else f"{rate * 100:.0f} %"


class CompletenessPage(QWidget):
    """Complétude and promptitude by region, cercle and committee, for one year."""

    def __init__(self, host: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.host = host
        self.setObjectName("completenessPage")
        self.year = QSpinBox()
        self.year.setObjectName("year")
        self.year.setRange(2016, 2100)
        self.year.setValue(dt.date.today().year)
        self.year.setAccessibleName(self.tr("Year"))
        self.year.valueChanged.connect(self.refresh)
        self.deadline = QSpinBox()
        self.deadline.setObjectName("deadlineDays")
        self.deadline.setRange(0, 366)
        self.deadline.setSuffix(self.tr(" days"))
        self.good = QSpinBox()
        self.good.setObjectName("bandGood")
        self.good.setRange(1, 100)
        self.good.setSuffix(" %")
        self.fair = QSpinBox()
        self.fair.setObjectName("bandFair")
        self.fair.setRange(0, 100)
        self.fair.setSuffix(" %")
        save = QPushButton(self.tr("Save the thresholds"))
        save.setObjectName("saveThresholds")
        save.clicked.connect(self.save_settings)
        self.tree = QTreeWidget()
        self.tree.setObjectName("ratesTree")
        self.tree.setHeaderLabels([self.tr("Region / cercle / committee"),
                                   self.tr("Received / expected"), self.tr("Completeness"),
                                   self.tr("Timeliness"), self.tr("PVs adopted")])
        self.tree.header().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.tree.currentItemChanged.connect(lambda *_: self._sync())
        self.silent = QTreeWidget()
        self.silent.setObjectName("silentList")
        self.silent.setRootIsDecorated(False)
        self.silent.setHeaderLabels([self.tr("Committee"), self.tr("Region"),
                                     self.tr("Cercle"), self.tr("Commune"),
                                     self.tr("Missing months"), self.tr("Last report")])
        self.silent.header().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.letter = QPushButton(self.tr("Relance letter…"))
        self.letter.setObjectName("relanceLetter")
        self.letter.setToolTip(self.tr("A letter to the préfet (a cercle selected) or the "
                                       "governor (a region selected) about its late "
                                       "committees"))
        self.letter.clicked.connect(self.write_letter)
        self.report = QPushButton(self.tr("Yearly report…"))
        self.report.setObjectName("periodicReport")
        self.report.setToolTip(self.tr("The periodic report (PDF) of the year for the "
                                       "selected region, or for the nation"))
        self.report.clicked.connect(self.write_report)
        self.runner = TaskRunner(self)
        self.suspend = QPushButton(self.tr("Suspensions…"))
        self.suspend.setObjectName("suspensions")
        self.suspend.setToolTip(self.tr("The months the register does not expect from a "
                                        "committee (commune occupied, special delegation "
                                        "not installed...)"))
        self.suspend.clicked.connect(self.open_suspensions)
        self.message = wrapping_label("", "message")
        self.summary = QLabel()
        self.summary.setObjectName("summary")
        top = QHBoxLayout()
        for label, widget in ((self.tr("Year:"), self.year),
                              (self.tr("On time within:"), self.deadline),
                              (self.tr("Good from:"), self.good),
                              (self.tr("To improve from:"), self.fair)):
            caption = QLabel(label)
            caption.setBuddy(widget)
            top.addWidget(caption)
            top.addWidget(widget)
        top.addWidget(save)
        top.addStretch(1)
        top.addWidget(self.suspend)
        top.addWidget(self.report)
        top.addWidget(self.letter)
        title = QLabel(self.tr("Reporting rates"))
        title.setObjectName("pageTitle")
        title.setStyleSheet("font-size: 15pt; font-weight: bold;")
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.tree)
        lower = QWidget()
        lower_layout = QVBoxLayout(lower)
        lower_layout.setContentsMargins(0, 0, 0, 0)
        lower_layout.addWidget(QLabel(self.tr("Silent committees (nothing for the last two "
                                              "expected months)")))
        lower_layout.addWidget(self.silent)
        split.addWidget(lower)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addLayout(top)
        layout.addWidget(self.summary)
        layout.addWidget(split, 1)
        layout.addWidget(self.message)

    @classmethod
    def tr_title(cls) -> str:
        from PySide6.QtCore import QCoreApplication

        return QCoreApplication.translate("CompletenessPage", "Reporting rates")

    @property
    def db(self) -> Any:
        return self.host.services.db

    def showEvent(self, event: Any) -> None:  # noqa: N802
        super().showEvent(event)
        self.refresh()

    # ------------------------------------------------------------------ content
    def _band_text(self, bands: reporting.Bands, rate: float | None) -> str:
        return f"{_pct(rate)} – {bands.label(rate)}"

    def _item(self, r: reporting.Rates, bands: reporting.Bands) -> QTreeWidgetItem:
        received = f"{r.reported}/{r.expected}"
        if r.suspended:
            received += " · " + ngettext("{n} month not expected (suspended)",
                                         "{n} months not expected (suspended)",
                                         r.suspended).format(n=r.suspended)
        item = QTreeWidgetItem([r.label, received,
                                self._band_text(bands, r.completeness),
                                self._band_text(bands, r.promptness), _pct(r.adoption)])
        for col, rate in ((2, r.completeness), (3, r.promptness)):
            item.setBackground(col, QBrush(BAND_COLOURS[bands.band(rate)]))
            item.setForeground(col, QBrush(QColor("black")))
        item.setData(0, ENTRY_ROLE, (r.level, r.region, r.cercle))
        if r.level == "committee":
            item.setData(0, ENTRY_ROLE + 1, r.key)  # its register id
        return item

    def refresh(self) -> None:
        db, year = self.db, self.year.value()
        conf = reporting.reporting_settings(db)
        for box, value in ((self.deadline, conf.deadline_days), (self.good, conf.bands.good),
                           (self.fair, conf.bands.fair)):
            box.blockSignals(True)
            box.setValue(value)
            box.blockSignals(False)
        bands = conf.bands
        self.tree.clear()
        regions = {r.key: self._item(r, bands) for r in reporting.rates(db, "region",
                                                                          year=year)}
        cercles = {}
        for r in reporting.rates(db, "cercle", year=year):
            item = self._item(r, bands)
            cercles[(r.region, r.cercle)] = item
            if r.region in regions:
                regions[r.region].addChild(item)
        for r in reporting.rates(db, "committee", year=year):
            parent = cercles.get((r.region, r.cercle)) or regions.get(r.region)
            if parent is not None:
                parent.addChild(self._item(r, bands))
        self.tree.addTopLevelItems(list(regions.values()))
        nation = reporting.nation(db, year=year)
        self.summary.setText(self.tr("Mali: completeness {c}, timeliness {p}, PVs adopted {a} "
                                     "({reported} reports received of {expected} expected)")
                             .format(c=self._band_text(bands, nation.completeness),
                                     p=self._band_text(bands, nation.promptness),
                                     a=_pct(nation.adoption), reported=nation.reported,
                                     expected=nation.expected))
        self.silent.clear()
        for s in reporting.silent_committees(db, year=year):
            self.silent.addTopLevelItem(QTreeWidgetItem([
                s.committee_code or "–", s.region, s.cercle, s.commune, str(s.missing),
                s.last_report or self.tr("never")]))
        self._sync()

    def _selected_place(self) -> tuple[str, str] | None:
        item = self.tree.currentItem()
        if item is None:
            return None
        level, region, cercle = item.data(0, ENTRY_ROLE)
        if level == "committee":
            return region, cercle
        return region, cercle if level == "cercle" else ""

    def _sync(self) -> None:
        self.letter.setEnabled(self._selected_place() is not None)

    # ------------------------------------------------------------------ actions
    def save_settings(self) -> None:
        try:
            reporting.save_settings(self.db, self.deadline.value(), self.good.value(),
                                    self.fair.value())
        except Exception as exc:  # noqa: BLE001 - said in words
            set_message(self.message, error_text(exc), "error")
            return
        set_message(self.message, self.tr("Thresholds saved."), "ok")
        self.refresh()

    def write_report(self) -> None:
        from ...services.export import parse_period

        place = self._selected_place()
        region = place[0] if place else None
        save_report(self, self.runner, self.db, parse_period(str(self.year.value())),
                    region or "Mali", region=region,
                    say=lambda text, kind: set_message(self.message, text, kind),
                    busy=lambda on: self.report.setEnabled(not on))

    def open_suspensions(self) -> QDialog:
        from .suspensions import SuspensionsDialog

        dialog = SuspensionsDialog(self.db, self)
        item = self.tree.currentItem()
        data = item.data(0, ENTRY_ROLE) if item is not None else None
        if data and data[0] == "committee" and item.data(0, ENTRY_ROLE + 1):
            dialog.select_committee(int(item.data(0, ENTRY_ROLE + 1)))
        dialog.changed.connect(self.refresh)
        Prompts.run_dialog(dialog, modal=False)
        self.suspensions_dialog = dialog
        return dialog

    def write_letter(self) -> None:
        place = self._selected_place()
        if place is None:
            return
        region, cercle = place
        path = _prompts.current().choose_file(
            self, self.tr("Save the relance letter"), self.tr("PDF (*.pdf)"),
            start=f"relance-{cercle or region}-{self.year.value()}.pdf", mode=_prompts.SAVE)
        if not path:
            return
        from ...fileio import write_atomically
        from ...services.documents import relance

        try:
            data = relance.relance_pdf(self.db, region=region, cercle=cercle,
                                       year=self.year.value())
            write_atomically(path, data)
        except Exception as exc:  # noqa: BLE001 - said in words
            set_message(self.message, error_text(exc), "error")
            return
        set_message(self.message, self.tr("Letter written: {path}").format(path=path), "ok")


def open_completeness(host: Any, parent: QWidget | None = None) -> QDialog:
    """The page in a window of its own (from the register page's button)."""
    dialog = QDialog(parent)
    dialog.setObjectName("completenessWindow")
    dialog.setWindowTitle(CompletenessPage.tr_title())
    layout = QVBoxLayout(dialog)
    layout.addWidget(CompletenessPage(host, dialog))
    dialog.resize(1000, 640)
    Prompts.run_dialog(dialog, modal=False)
    return dialog
