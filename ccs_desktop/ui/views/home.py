"""The home page: the committee, the next meeting, recommendations to follow up, the
dashboard of a period and its periodic report (PDF, rendered off the GUI thread).

In CRSS mode: the consolidation instead (register, files received, last import, open
conflicts, counts across all committees)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFrame, QGridLayout, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget,
)

from ...domain import enums
from ...services.records import ListQuery
from ...i18n import ngettext
from .. import i18n
from ..charts_board import DashboardBoard
from ..exchange.common import set_message, wrapping_label
from ..report_export import save_report
from ..tasks import TaskRunner
from ..window_fit import scroll_area
from .crss import crss_figures, is_crss

CARD_STYLE = ("QFrame#card { border: 1px solid #b0bec5; border-radius: 8px; background: #fafafa; }"
              " QLabel#cardValue { font-size: 20pt; font-weight: bold; }"
              " QLabel#cardValue[alert=\"true\"] { color: #b00020; }")


class Card(QFrame):
    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("card")
        self.title = QLabel(title)
        self.title.setObjectName("cardTitle")
        self.title.setWordWrap(True)
        self.value = QLabel()
        self.value.setObjectName("cardValue")
        # a long value (the next meeting's date and hour) wraps on a 1024 px screen
        self.value.setWordWrap(True)
        self.detail = QLabel()
        self.detail.setObjectName("cardDetail")
        self.detail.setWordWrap(True)
        self.button = QPushButton()
        self.button.setFlat(False)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.value)
        layout.addWidget(self.detail, 1)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.button)
        layout.addLayout(row)


class HomePage(QWidget):
    #: (page kind, filters to apply or {})
    navigate = Signal(str, dict)
    #: (list kind, ListQuery filters, caption): a dashboard figure opens what it counts
    drillDown = Signal(str, dict, str)
    wizardRequested = Signal()

    def __init__(self, services: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.setObjectName("page_home")
        self.setStyleSheet(CARD_STYLE)
        self.crss = is_crss(services)
        if self.crss:
            self._build_crss()
            self.refresh()
            return

        self.committee_label = QLabel()
        self.committee_label.setObjectName("committeeTitle")
        self.committee_label.setWordWrap(True)
        self.committee_label.setStyleSheet("font-size: 16pt; font-weight: bold;")
        self.place_label = QLabel()
        self.place_label.setObjectName("committeePlace")
        self.place_label.setWordWrap(True)
        self.demo_label = QLabel(self.tr("DEMO DATA: fictitious people and events"))
        self.demo_label.setObjectName("demoLabel")
        self.demo_label.setStyleSheet("color: #b00020; font-weight: bold; border: 2px dashed "
                                      "#b00020; padding: 4px;")
        self.setup_button = QPushButton(self.tr("Set up the committee…"))
        self.setup_button.setObjectName("setupButton")
        self.setup_button.clicked.connect(self.wizardRequested)

        self.next_meeting = Card(self.tr("Next meeting"))
        self.next_meeting.setObjectName("card")
        self.next_meeting.button.setText(self.tr("Meetings"))
        self.next_meeting.button.clicked.connect(lambda: self.navigate.emit("meetings", {}))
        self.to_adopt = Card(self.tr("Minutes to adopt"))
        self.to_adopt.button.setText(self.tr("Show"))
        self.to_adopt.button.clicked.connect(
            lambda: self.navigate.emit("meetings", {"status": "held"}))
        self.open_recs = Card(self.tr("Open recommendations"))
        self.open_recs.button.setText(self.tr("Follow up"))
        self.open_recs.button.clicked.connect(
            lambda: self.navigate.emit("recommendations", {"follow": "open"}))
        self.overdue_recs = Card(self.tr("Overdue recommendations"))
        self.overdue_recs.button.setText(self.tr("Show"))
        self.overdue_recs.button.clicked.connect(
            lambda: self.navigate.emit("recommendations", {"follow": "overdue"}))
        self.active_threats = Card(self.tr("Active threats"))
        self.active_threats.button.setText(self.tr("Threats"))
        self.active_threats.button.clicked.connect(
            lambda: self.navigate.emit("threats", {"status": "active"}))
        self.members = Card(self.tr("Active members"))
        self.members.button.setText(self.tr("Members"))
        self.members.button.clicked.connect(lambda: self.navigate.emit("people", {}))

        grid = QGridLayout()
        grid.setSpacing(12)
        cards = (self.next_meeting, self.to_adopt, self.open_recs, self.overdue_recs,
                 self.active_threats, self.members)
        for n, card in enumerate(cards):
            card.setMinimumWidth(200)
            grid.addWidget(card, n // 3, n % 3)

        content = QWidget()
        layout = QVBoxLayout(content)
        layout.setContentsMargins(18, 14, 18, 14)
        layout.addWidget(self.committee_label)
        layout.addWidget(self.place_label)
        head = QHBoxLayout()
        head.addWidget(self.demo_label)
        head.addWidget(self.setup_button)
        head.addStretch(1)
        layout.addLayout(head)
        layout.addSpacing(8)
        layout.addLayout(grid)
        layout.addSpacing(14)
        # restricted threats stay out of what a screen shows (it may be projected at a
        # meeting where FDS members sit); a role that may see them comes with issue 13
        self.board = DashboardBoard(self.services, include_restricted=False)
        self.board.drillDown.connect(self.drillDown)
        self.report_button = QPushButton(self.tr("Period report (PDF)…"))
        self.report_button.setObjectName("periodReport")
        self.report_button.setToolTip(self.tr("The periodic report of the period the "
                                              "dashboard shows, to save as a PDF"))
        self.report_button.clicked.connect(self.write_report)
        self.report_message = wrapping_label("", "reportMessage")
        self.report_message.hide()
        self.report_runner = TaskRunner(self)
        report_row = QHBoxLayout()
        report_row.addWidget(self.report_message, 1)
        report_row.addWidget(self.report_button, 0,
                             Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignRight)
        layout.addLayout(report_row)
        layout.addWidget(self.board)
        layout.addStretch(1)
        # a small screen (or 150 % scaling) scrolls the cards rather than cutting them
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll_area(content, "homeScroll"))
        self.refresh()

    def write_report(self) -> bool:
        """Ask where, then write the periodic report of the board's period (False when
        cancelled)."""
        committee = self.services.committee.own()
        if committee is None:
            return False

        def say(text: str, kind: str) -> None:
            self.report_message.show()
            set_message(self.report_message, text, kind)

        return save_report(self, self.report_runner, self.services.db, self.board.period(),
                           committee.code or "CCS", say=say,
                           busy=lambda on: self.report_button.setEnabled(not on))

    # --- CRSS mode -------------------------------------------------------------------------
    def _build_crss(self) -> None:
        self.committee_label = QLabel(self.tr("CRSS: national consolidation"))
        self.committee_label.setObjectName("committeeTitle")
        self.committee_label.setWordWrap(True)
        self.committee_label.setStyleSheet("font-size: 16pt; font-weight: bold;")
        self.place_label = QLabel()
        self.place_label.setObjectName("committeePlace")
        self.place_label.setWordWrap(True)

        def card(name: str, title: str, button: str, key: str) -> Card:
            c = Card(title)
            c.setObjectName("card")
            c.value.setObjectName("cardValue")
            c.setProperty("cardKey", name)
            c.button.setText(button)
            c.button.setObjectName(f"button_{name}")
            c.button.clicked.connect(lambda: self.navigate.emit(key, {}))
            c.setMinimumWidth(240)
            return c

        self.register_card = card("register", self.tr("Committees in the register"),
                                  self.tr("Register"), "register")
        self.sent_card = card("sent", self.tr("Committees that sent a file"),
                              self.tr("Import log"), "import_log")
        self.never_card = card("never", self.tr("Never sent anything"), self.tr("Register"),
                               "register")
        self.last_card = card("last", self.tr("Last import"), self.tr("Import log"),
                              "import_log")
        self.conflicts_card = card("conflicts", self.tr("Open conflicts"),
                                   self.tr("Settle"), "conflicts")
        self.meetings_card = card("meetings", self.tr("Meetings"), self.tr("Meetings"),
                                  "meetings")
        self.threats_card = card("threats", self.tr("Active threats"), self.tr("Threats"),
                                 "threats")
        self.recs_card = card("recommendations", self.tr("Open recommendations"),
                              self.tr("Recommendations"), "recommendations")
        self.crss_cards = (self.register_card, self.sent_card, self.never_card, self.last_card,
                           self.conflicts_card, self.meetings_card, self.threats_card,
                           self.recs_card)
        grid = QGridLayout()
        grid.setSpacing(12)
        for n, c in enumerate(self.crss_cards):
            grid.addWidget(c, n // 3, n % 3)
        content = QWidget()
        layout = QVBoxLayout(content)
        layout.setContentsMargins(18, 14, 18, 14)
        layout.addWidget(self.committee_label)
        layout.addWidget(self.place_label)
        self.crss_dashboard_button = QPushButton(self.tr("Dashboard of the committees…"))
        self.crss_dashboard_button.setObjectName("homeCrssDashboard")
        self.crss_dashboard_button.setToolTip(self.tr(
            "The figures and charts of the nation, a region, a cercle or a committee, and the "
            "committees compared"))
        self.crss_dashboard_button.clicked.connect(self.open_crss_dashboard)
        top = QHBoxLayout()
        top.addWidget(self.crss_dashboard_button)
        top.addStretch(1)
        layout.addLayout(top)
        layout.addSpacing(8)
        layout.addLayout(grid)
        layout.addStretch(1)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll_area(content, "homeScroll"))

    def open_crss_dashboard(self) -> None:
        """The CRSS « Tableau de bord » (issue 17) in its own window."""
        from ..crss import dashboard

        dashboard.open_dashboard(self.window(), self)

    def _refresh_crss(self) -> None:
        f = crss_figures(self.services)
        n = i18n.locale_for().toString
        self.place_label.setText(ngettext(
            "Commissariat à la Réforme du Secteur de la Sécurité · {n} committee in the "
            "consolidated database",
            "Commissariat à la Réforme du Secteur de la Sécurité · {n} committees in the "
            "consolidated database", f.committees).format(n=n(f.committees)))
        self.register_card.value.setText(n(f.expected))
        self.register_card.detail.setText(self.tr(
            "Expected committees: %1 regional (CCSR), %2 commune (CCSC) or added by hand.")
            .replace("%1", n(f.expected_regions)).replace("%2", n(f.expected - f.expected_regions)))
        self.sent_card.value.setText(n(f.sent))
        self.sent_card.detail.setText(self.tr("At least one file received and imported."))
        self.never_card.value.setText(n(f.never_sent))
        self.never_card.detail.setText(self.tr("Expected committees from which no file has "
                                               "arrived yet."))
        if f.last_import_at is None:
            self.last_card.value.setText("—")
            self.last_card.detail.setText(self.tr("No file imported yet."))
        else:
            self.last_card.value.setText(i18n.long_date(f.last_import_at.date()))
            parts = [p for p in (f.last_import_code, f.last_import_file) if p]
            detail = " · ".join(parts)
            if f.refused:
                detail += "\n" + ngettext("{n} file refused in all", "{n} files refused in all",
                                           f.refused).format(n=n(f.refused))
            self.last_card.detail.setText(detail)
        self.conflicts_card.value.setText(n(f.open_conflicts))
        self.conflicts_card.value.setProperty("alert", f.open_conflicts > 0)
        self.conflicts_card.detail.setText(self.tr("Rows received twice with different "
                                                   "content: a person chooses."))
        self.meetings_card.value.setText(n(f.meetings))
        self.meetings_card.detail.setText(self.tr("of which %1 held (minutes adopted or not), "
                                                  "all committees").replace(
                                                      "%1", n(f.meetings_held)))
        self.threats_card.value.setText(n(f.threats_active))
        self.threats_card.detail.setText(ngettext(
            "{n} threat recorded in all", "{n} threats recorded in all", f.threats).format(
                n=n(f.threats)))
        self.recs_card.value.setText(n(f.recommendations_open))
        self.recs_card.detail.setText(ngettext(
            "of {n} recommendation in all", "of {n} recommendations in all",
            f.recommendations).format(n=n(f.recommendations)))
        for c in self.crss_cards:
            c.value.style().unpolish(c.value)
            c.value.style().polish(c.value)
            c.value.setAlignment(Qt.AlignmentFlag.AlignLeft)

    # --- committee mode -----------------------------------------------------------------------
    def refresh(self) -> None:
        if self.crss:
            self._refresh_crss()
            return
        s = self.services
        committee = s.committee.own()
        configured = committee is not None
        self.setup_button.setVisible(not configured)
        self.demo_label.setVisible(bool(committee and committee.is_demo))
        self.board.setVisible(configured)
        self.report_button.setVisible(configured)
        if configured:
            # the first figures at once; later refreshes (an editor's saves) wait a moment
            self.board.recompute() if self.board.board is None else self.board.schedule()
        if not configured:
            self.committee_label.setText(self.tr("No committee configured yet"))
            self.place_label.setText(self.tr("Run the set-up to enter the committee and its "
                                             "members."))
        else:
            self.committee_label.setText(committee.name)
            parts = [committee.code]
            if committee.chair is not None:
                chair = (self.tr("Chairwoman: %1") if committee.chair.sex == enums.Sex.F.value
                         else self.tr("Chair: %1"))
                parts.append(chair.replace("%1", committee.chair.display_name))
            elif committee.chair_title:
                parts.append(committee.chair_title)
            if committee.secretary is not None:
                parts.append(self.tr("Secretary: %1").replace(
                    "%1", committee.secretary.display_name))
            self.place_label.setText(" · ".join(parts))
        today = dt.date.today()
        nxt = s.meetings.rows(ListQuery(filters={"status": "planned", "date_from": today},
                                        order_by="date", limit=1)) if configured else []
        if nxt:
            m = nxt[0]
            when = i18n.long_date(m.date)
            if m.start_time:
                # kept on one line: a card never shows "10" above "h 00"
                when += " · " + i18n.time_text(m.start_time).replace(" ", "\u00a0")
            self.next_meeting.value.setText(when)
            self.next_meeting.detail.setText(f"{m.reference}\n{m.place}")
        else:
            self.next_meeting.value.setText("—")
            self.next_meeting.detail.setText(self.tr("No meeting planned."))
        held = s.meetings.count(ListQuery(filters={"status": "held"}))
        self.to_adopt.value.setText(i18n.locale_for().toString(held))
        self.to_adopt.detail.setText(self.tr("Held meetings whose minutes are not adopted yet."))
        n_open = s.recommendations.count(ListQuery(filters={"open": True}))
        self.open_recs.value.setText(i18n.locale_for().toString(n_open))
        self.open_recs.detail.setText(self.tr("Formulated, transmitted or in progress."))
        n_over = s.recommendations.count(ListQuery(filters={"overdue": True}))
        self.overdue_recs.value.setText(i18n.locale_for().toString(n_over))
        self.overdue_recs.value.setProperty("alert", n_over > 0)
        self.overdue_recs.value.style().unpolish(self.overdue_recs.value)
        self.overdue_recs.value.style().polish(self.overdue_recs.value)
        self.overdue_recs.detail.setText(self.tr("Open and past their deadline."))
        n_threats = s.threats.count(ListQuery(filters={"status": enums.ThreatStatus.ACTIVE.value}))
        self.active_threats.value.setText(i18n.locale_for().toString(n_threats))
        n_crit = s.threats.count(ListQuery(filters={"status": "active",
                                                    "level": ["high", "critical"]}))
        self.active_threats.detail.setText(self.tr("of which %1 high or critical").replace(
            "%1", i18n.locale_for().toString(n_crit)))
        n_members = s.people.count(ListQuery(filters={"is_member": True, "is_active": True}))
        n_women = s.people.count(ListQuery(filters={"is_member": True, "is_active": True,
                                                    "sex": "F"}))
        self.members.value.setText(i18n.locale_for().toString(n_members))
        self.members.detail.setText(ngettext("of whom {n} woman", "of whom {n} women", n_women)
                                     .format(n=i18n.number(n_women)))
        for card in (self.next_meeting, self.to_adopt, self.open_recs, self.overdue_recs,
                     self.active_threats, self.members):
            card.value.setAlignment(Qt.AlignmentFlag.AlignLeft)
