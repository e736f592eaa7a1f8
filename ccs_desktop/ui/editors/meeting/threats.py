"""The Threats and vulnerabilities tab: the threats discussed (re-assessed at this meeting if
need be) and the vulnerabilities raised."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox, QGridLayout, QGroupBox, QHBoxLayout, QLabel, QLineEdit, QListWidget,
    QListWidgetItem, QPushButton, QVBoxLayout, QWidget,
)

from ....domain import enums
from ....services.errors import UserError
from ....services.records import ListQuery
from ..base import ErrorLabel, make_combo, set_combo
from ..threats import ScoreBadge, ThreatEditor, VulnerabilityEditor


def _with_place(title: str, place: str | None) -> str:
    return title + (f" ({place})" if place else "")


class ThreatsTab(QWidget):
    EXPOSED = ("threat_list", "threat_combo", "like_combo", "impact_combo", "trend_combo",
               "assess_badge", "assess_note", "assess_button", "new_threat_button",
               "vuln_list", "vuln_combo", "link_vuln_button", "new_vuln_button",
               "threat_error", "refresh_threats", "assess_threat", "new_threat",
               "link_vulnerability", "new_vulnerability")

    def __init__(self, editor: Any) -> None:
        super().__init__()
        self.editor = editor
        self._threats: dict[int, Any] = {}
        col = QVBoxLayout(self)
        tbox = QGroupBox(self.tr("Threats discussed at this meeting"))
        tl = QVBoxLayout(tbox)
        self.threat_list = QListWidget()
        self.threat_list.setObjectName("meetingThreats")
        self.threat_list.setMaximumHeight(110)
        tl.addWidget(self.threat_list)
        grid = QGridLayout()
        self.threat_combo = QComboBox()
        self.threat_combo.setObjectName("threatCombo")
        # chosen anew at each re-assessment: nothing preselected (the list above shows the
        # threat's current score)
        self.like_combo = make_combo(enums.Likelihood.choices(), self.tr("— choose —"))
        self.like_combo.setObjectName("assessLikelihood")
        self.impact_combo = make_combo(enums.Impact.choices(), self.tr("— choose —"))
        self.impact_combo.setObjectName("assessImpact")
        self.trend_combo = make_combo(enums.Trend.choices())
        self.trend_combo.setObjectName("assessTrend")
        self.assess_badge = ScoreBadge()
        self.assess_badge.setObjectName("assessBadge")
        self.assess_note = QLineEdit()
        self.assess_note.setObjectName("assessNote")
        self.assess_note.setPlaceholderText(self.tr("What changed since the last assessment "
                                                    "(no names)"))
        grid.addWidget(QLabel(self.tr("Threat")), 0, 0)
        grid.addWidget(self.threat_combo, 0, 1, 1, 3)
        grid.addWidget(QLabel(self.tr("Likelihood")), 1, 0)
        grid.addWidget(self.like_combo, 1, 1)
        grid.addWidget(QLabel(self.tr("Severity")), 1, 2)
        grid.addWidget(self.impact_combo, 1, 3)
        grid.addWidget(QLabel(self.tr("Trend")), 2, 0)
        grid.addWidget(self.trend_combo, 2, 1)
        grid.addWidget(self.assess_badge, 2, 2, 1, 2, Qt.AlignmentFlag.AlignLeft)
        grid.addWidget(QLabel(self.tr("Note")), 3, 0)
        grid.addWidget(self.assess_note, 3, 1, 1, 3)
        tl.addLayout(grid)
        row = QHBoxLayout()
        self.assess_button = QPushButton(self.tr("Re-assess at this meeting"))
        self.assess_button.setObjectName("assessButton")
        self.assess_button.clicked.connect(self.assess_threat)
        self.new_threat_button = QPushButton(self.tr("New threat…"))
        self.new_threat_button.setObjectName("newThreat")
        self.new_threat_button.clicked.connect(self.new_threat)
        row.addWidget(self.assess_button)
        row.addWidget(self.new_threat_button)
        row.addStretch(1)
        tl.addLayout(row)
        self.like_combo.currentIndexChanged.connect(self._assess_score)
        self.impact_combo.currentIndexChanged.connect(self._assess_score)
        self.threat_combo.currentIndexChanged.connect(self._threat_picked)
        col.addWidget(tbox)
        vbox = QGroupBox(self.tr("Vulnerabilities raised at this meeting"))
        vl = QVBoxLayout(vbox)
        self.vuln_list = QListWidget()
        self.vuln_list.setObjectName("meetingVulnerabilities")
        self.vuln_list.setMaximumHeight(90)
        vl.addWidget(self.vuln_list)
        row = QHBoxLayout()
        self.vuln_combo = QComboBox()
        self.vuln_combo.setObjectName("vulnerabilityCombo")
        row.addWidget(self.vuln_combo, 1)
        self.link_vuln_button = QPushButton(self.tr("Link to this meeting"))
        self.link_vuln_button.setObjectName("linkVulnerability")
        self.link_vuln_button.clicked.connect(self.link_vulnerability)
        self.new_vuln_button = QPushButton(self.tr("New vulnerability…"))
        self.new_vuln_button.setObjectName("newVulnerability")
        self.new_vuln_button.clicked.connect(self.new_vulnerability)
        row.addWidget(self.link_vuln_button)
        row.addWidget(self.new_vuln_button)
        vl.addLayout(row)
        col.addWidget(vbox)
        self.threat_error = ErrorLabel()
        col.addWidget(self.threat_error)
        col.addStretch(1)

    def set_read_only(self, read_only: bool) -> None:
        for w in (self.assess_button, self.new_threat_button, self.threat_combo,
                  self.like_combo, self.impact_combo, self.trend_combo, self.assess_note,
                  self.link_vuln_button, self.new_vuln_button, self.vuln_combo):
            w.setEnabled(not read_only)

    def refresh_threats(self) -> None:
        services = self.editor.services
        links = services.meetings.linked(self.editor.record_id)
        self.threat_list.clear()
        for t in links.threats:
            mark = self.tr(" — re-assessed at this meeting") if t.reassessed_here else ""
            li = QListWidgetItem(
                f"{t.title} — {t.score}/25 {enums.RiskLevel.label_of(t.level)}{mark}")
            li.setData(Qt.ItemDataRole.UserRole, t.id)
            self.threat_list.addItem(li)
        self.vuln_list.clear()
        for x in links.vulnerabilities:
            li = QListWidgetItem(_with_place(x.title, x.place_name))
            li.setData(Qt.ItemDataRole.UserRole, x.id)
            self.vuln_list.addItem(li)
        current = self.threat_combo.currentData()
        self.threat_combo.blockSignals(True)
        self.threat_combo.clear()
        self._threats = {t.id: t for t in services.threats.rows(ListQuery(limit=500))}
        for t in self._threats.values():
            self.threat_combo.addItem(_with_place(t.title, t.place_name), t.id)
        set_combo(self.threat_combo, current)
        self.threat_combo.blockSignals(False)
        self._threat_picked()
        linked_v = {x.id for x in links.vulnerabilities}
        self.vuln_combo.clear()
        for x in services.vulnerabilities.rows(ListQuery(limit=500)):
            if x.id not in linked_v:
                self.vuln_combo.addItem(_with_place(x.title, x.place_name), x.id)

    def _threat_picked(self, *_: Any) -> None:
        t = self._threats.get(self.threat_combo.currentData())
        self.like_combo.setCurrentIndex(0)
        self.impact_combo.setCurrentIndex(0)
        if t is not None:
            set_combo(self.trend_combo, t.trend)
            current = self.tr("Current assessment: {likelihood} × {impact}").format(
                likelihood=enums.Likelihood.label_of(str(t.likelihood)),
                impact=enums.Impact.label_of(str(t.impact)))
        else:
            current = ""
        for combo in (self.like_combo, self.impact_combo):
            combo.setToolTip(current)
        self._assess_score()

    def _assess_score(self, *_: Any) -> None:
        self.assess_badge.show_score(self.like_combo.currentData(),
                                     self.impact_combo.currentData())

    def assess_threat(self) -> bool:
        tid = self.threat_combo.currentData()
        if tid is None:
            return False
        try:
            self.editor.services.threats.assess(tid, likelihood=self.like_combo.currentData(),
                                                impact=self.impact_combo.currentData(),
                                                trend=self.trend_combo.currentData(),
                                                note=self.assess_note.text(),
                                                meeting_id=self.editor.record_id)
        except UserError as exc:
            self.threat_error.show_message(str(exc))
            return False
        self.threat_error.show_message(None)
        self.assess_note.clear()
        self.refresh_threats()
        self.editor.changed.emit()
        return True

    def new_threat(self) -> Any:
        ed = self.editor
        editor = ThreatEditor(ed.services, ed.undo_stack, None, ed)
        editor.saved.connect(self._threat_created)
        ed.show_child(editor)
        return editor

    def _threat_created(self, threat_id: int) -> None:
        try:
            self.editor.services.meetings.link_threat(self.editor.record_id, threat_id)
        except UserError as exc:
            self.threat_error.show_message(str(exc))
        self.refresh_threats()
        set_combo(self.threat_combo, threat_id)

    def link_vulnerability(self, vid: int | None = None) -> bool:
        vid = vid or self.vuln_combo.currentData()
        if vid is None:
            return False
        try:
            self.editor.services.meetings.link_vulnerability(self.editor.record_id, vid)
        except UserError as exc:
            self.threat_error.show_message(str(exc))
            return False
        self.refresh_threats()
        self.editor.changed.emit()
        return True

    def new_vulnerability(self) -> Any:
        ed = self.editor
        editor = VulnerabilityEditor(ed.services, ed.undo_stack, None, ed)
        editor.saved.connect(lambda vid: self.link_vulnerability(vid))
        ed.show_child(editor)
        return editor
