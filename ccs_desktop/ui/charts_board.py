"""The committee's dashboard on the home page (issue 17): a period picker, the key figures
and the charts of services.dashboard, computed off the GUI thread (ui.tasks) a moment after
the last change of the period, never per keystroke. Every figure, bar, point, heat-map cell
and table row emits `drillDown(kind, filters, caption)`: the main window shows that list
filtered to what the figure counts. At the CRSS the board is given a scope (set_scope: the
nation, a region, a cercle, a committee; ui.crss.dashboard chooses it) and counts for it."""

from __future__ import annotations

import datetime as dt
import html
from typing import Any

from PySide6.QtCore import QCoreApplication, QDate, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QComboBox, QDateEdit, QFrame, QGridLayout, QHBoxLayout, QLabel, QPushButton, QSpinBox,
    QVBoxLayout, QWidget,
)

from ..domain import enums
from ..services import dashboard as dash
from ..services.export import Period, parse_period
from . import i18n
from ..i18n import ngettext
from .tasks import TaskRunner
from .widgets.charts import Bars, ChartPanel, Line
from .widgets.heatmap import HeatMap

MONTH, QUARTER, YEAR, CUSTOM = "month", "quarter", "year", "custom"
RECOMPUTE_DELAY_MS = 300  # after the last change of the period
CHART_MEETINGS = 24  # meetings drawn at most in the per-meeting charts (two years)


def _pct(share: dash.Share) -> str:
    ratio = share.ratio
    if ratio is None:
        return "—"
    # "18 %" in French, "18%" in English
    return QCoreApplication.translate("DashboardBoard", "%1%").replace(
        "%1", i18n.locale_for().toString(round(100 * ratio)))


class FigureCard(QFrame):
    """A key figure: its title, value, detail and the links to the lists it counts."""

    def __init__(self, name: str, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("card")
        self.setProperty("figure", name)
        self.title = QLabel(title)
        self.title.setObjectName("cardTitle")
        self.title.setWordWrap(True)
        self.value = QPushButton()
        self.value.setObjectName(f"figure_{name}")
        self.value.setFlat(True)
        self.value.setCursor(Qt.CursorShape.PointingHandCursor)
        self.value.setStyleSheet("QPushButton { font-size: 18pt; font-weight: bold; "
                                 "text-align: left; padding: 0; }")
        self.value.clicked.connect(lambda: self._open(self._main))
        self.detail = QLabel()
        self.detail.setObjectName("cardDetail")
        self.detail.setWordWrap(True)
        self.links_box = QVBoxLayout()
        self.links_box.setSpacing(0)
        layout = QVBoxLayout(self)
        layout.setSpacing(2)
        layout.addWidget(self.title)
        layout.addWidget(self.value)
        layout.addWidget(self.detail)
        layout.addLayout(self.links_box)
        layout.addStretch(1)
        self._main: Any = None
        self.links: list[QLabel] = []
        self.opener: Any = None  # callable(Drill, caption)

    def _open(self, target: Any) -> None:
        if target is not None and self.opener is not None:
            drill, caption = target
            self.opener(drill, caption)

    def show_figure(self, value: str, detail: str, drill: dash.Drill | None, caption: str,
                    links: list[tuple[str, dash.Drill, str]] = (), alert: bool = False) -> None:
        self.value.setText(value)
        self.value.setAccessibleName(QCoreApplication.translate("DashboardBoard", "%1: %2")
                                     .replace("%1", self.title.text()).replace("%2", value))
        self.value.setToolTip(self.tr("Open the matching list") if drill else "")
        self.value.setStyleSheet(
            "QPushButton { font-size: 18pt; font-weight: bold; text-align: left; padding: 0; "
            + ("color: #b00020; " if alert else "") + "}")
        self._main = (drill, caption) if drill is not None else None
        self.detail.setText(detail)
        self.detail.setVisible(bool(detail))
        for button in self.links:
            self.links_box.removeWidget(button)
            button.deleteLater()
        self.links = []
        for text, link, link_caption, *data in links:
            # a link in a label: it wraps on a narrow screen, Tab reaches it, Enter opens it
            label = QLabel(f'<a href="#">{html.escape(text)}</a>')
            # (a link that names what was typed, an addressee: the record's words, not ours)
            label.setObjectName("figureLinkData" if data and data[0] else "figureLink")
            label.setWordWrap(True)
            label.setTextInteractionFlags(Qt.TextInteractionFlag.LinksAccessibleByMouse
                                          | Qt.TextInteractionFlag.LinksAccessibleByKeyboard)
            label.setAccessibleName(text)
            label.setStyleSheet("QLabel { padding: 1px 0; }")
            label.linkActivated.connect(lambda _h, t=(link, link_caption): self._open(t))
            self.links_box.addWidget(label)
            self.links.append(label)


class DashboardBoard(QWidget):
    """The period picker, the figures and the charts of the committee's dashboard."""

    drillDown = Signal(str, dict, str)
    #: the figures of a period are shown (tests wait for it)
    computed = Signal()

    def __init__(self, services: Any, parent: QWidget | None = None, *,
                 include_restricted: bool = False) -> None:
        super().__init__(parent)
        self.setObjectName("dashboard")
        self.services = services
        self.include_restricted = include_restricted
        self.scope: dash.Scope = dash.OWN_SCOPE
        self.scope_text = ""  # what the heading says of the scope ("" : the committee's own)
        self.board: dash.Dashboard | None = None
        self._runner = TaskRunner(self)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(RECOMPUTE_DELAY_MS)
        self._timer.timeout.connect(self.recompute)
        self._build_picker()
        self._build_cards()
        self._build_charts()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.heading = QLabel(self.tr("Dashboard"))
        self.heading.setObjectName("dashboardTitle")
        self.heading.setStyleSheet("font-size: 14pt; font-weight: bold;")
        self.heading.setWordWrap(True)
        layout.addWidget(self.heading)
        layout.addLayout(self.picker_row)
        layout.addLayout(self.cards_grid)
        layout.addLayout(self.charts_grid)

    # --- the period ---------------------------------------------------------------------
    def _build_picker(self) -> None:
        today = dt.date.today()
        self.kind_box = QComboBox()
        self.kind_box.setObjectName("periodKind")
        for code, text in ((MONTH, self.tr("Month")), (QUARTER, self.tr("Quarter")),
                           (YEAR, self.tr("Year")), (CUSTOM, self.tr("Custom"))):
            self.kind_box.addItem(text, code)
        self.kind_box.setCurrentIndex(2)
        self.year_spin = QSpinBox()
        self.year_spin.setObjectName("periodYear")
        self.year_spin.setRange(2000, 2100)
        self.year_spin.setValue(today.year)
        self.year_spin.setAccessibleName(self.tr("Year"))
        self.part_box = QComboBox()
        self.part_box.setObjectName("periodPart")
        self.part_box.setAccessibleName(self.tr("Month or quarter"))
        self.from_edit = QDateEdit(QDate(today.year, 1, 1))
        self.to_edit = QDateEdit(QDate(today.year, today.month, today.day))
        for edit, name, text in ((self.from_edit, "periodFrom", self.tr("From")),
                                 (self.to_edit, "periodTo", self.tr("To"))):
            edit.setObjectName(name)
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("dd/MM/yyyy")
            edit.setAccessibleName(text)
        self.previous_button = QPushButton("◀")
        self.previous_button.setObjectName("periodPrevious")
        self.previous_button.setAccessibleName(self.tr("Previous period"))
        self.previous_button.setToolTip(self.tr("Previous period"))
        self.next_button = QPushButton("▶")
        self.next_button.setObjectName("periodNext")
        self.next_button.setAccessibleName(self.tr("Next period"))
        self.next_button.setToolTip(self.tr("Next period"))
        for b in (self.previous_button, self.next_button):
            b.setFixedWidth(34)
        self.previous_button.clicked.connect(lambda: self.step(-1))
        self.next_button.clicked.connect(lambda: self.step(1))
        caption = QLabel(self.tr("Period"))
        caption.setBuddy(self.kind_box)
        self.period_label = QLabel()
        self.period_label.setObjectName("periodLabel")
        self.period_label.setStyleSheet("font-weight: bold;")
        row = QHBoxLayout()
        row.setSpacing(6)
        for w in (caption, self.kind_box, self.previous_button, self.year_spin, self.part_box,
                  self.from_edit, self.to_edit, self.next_button):
            row.addWidget(w)
        row.addSpacing(8)
        row.addWidget(self.period_label)
        # "Computing…" beside the period: the page does not move while the figures come
        self.status_label = QLabel()
        self.status_label.setObjectName("dashboardStatus")
        self.status_label.setStyleSheet("color: #555555;")
        row.addWidget(self.status_label, 1)
        self.picker_row = row
        self._fill_parts()
        self.kind_box.currentIndexChanged.connect(self._kind_changed)
        for signal in (self.year_spin.valueChanged, self.part_box.currentIndexChanged,
                       self.from_edit.dateChanged, self.to_edit.dateChanged):
            signal.connect(self.schedule)

    def _fill_parts(self) -> None:
        kind = self.kind_box.currentData()
        today = dt.date.today()
        self.part_box.blockSignals(True)
        self.part_box.clear()
        if kind == MONTH:
            loc = i18n.locale_for()
            for n in range(1, 13):
                self.part_box.addItem(loc.standaloneMonthName(n), n)
            self.part_box.setCurrentIndex(today.month - 1)
        elif kind == QUARTER:
            for n in range(1, 5):
                self.part_box.addItem(self.tr("Q%1").replace("%1", str(n)), n)
            self.part_box.setCurrentIndex((today.month - 1) // 3)
        self.part_box.blockSignals(False)
        custom = kind == CUSTOM
        self.part_box.setVisible(kind in (MONTH, QUARTER))
        self.year_spin.setVisible(not custom)
        self.from_edit.setVisible(custom)
        self.to_edit.setVisible(custom)
        self.previous_button.setVisible(not custom)
        self.next_button.setVisible(not custom)

    def _kind_changed(self) -> None:
        self._fill_parts()
        self.schedule()

    def period(self) -> Period:
        kind = self.kind_box.currentData()
        year = self.year_spin.value()
        if kind == MONTH:
            return dash.month_period(year, int(self.part_box.currentData() or 1))
        if kind == QUARTER:
            return parse_period(f"{year}-Q{int(self.part_box.currentData() or 1)}")
        if kind == CUSTOM:
            return dash.custom_period(self.from_edit.date().toPython(),
                                      self.to_edit.date().toPython())
        return parse_period(str(year))

    def set_period(self, kind: str, year: int, part: int | None = None,
                   start: dt.date | None = None, end: dt.date | None = None) -> None:
        """Choose a period (what the user does with the boxes); the figures follow."""
        for w in (self.kind_box, self.year_spin, self.part_box, self.from_edit, self.to_edit):
            w.blockSignals(True)
        self.kind_box.setCurrentIndex(self.kind_box.findData(kind))
        self._fill_parts()
        self.year_spin.setValue(year)
        if part is not None:
            self.part_box.setCurrentIndex(self.part_box.findData(part))
        if start is not None:
            self.from_edit.setDate(QDate(start.year, start.month, start.day))
        if end is not None:
            self.to_edit.setDate(QDate(end.year, end.month, end.day))
        for w in (self.kind_box, self.year_spin, self.part_box, self.from_edit, self.to_edit):
            w.blockSignals(False)
        self.schedule()

    def step(self, direction: int) -> None:
        kind = self.kind_box.currentData()
        if kind == YEAR:
            self.year_spin.setValue(self.year_spin.value() + direction)
            return
        count = self.part_box.count()
        index = self.part_box.currentIndex() + direction
        year = self.year_spin.value()
        if index < 0:
            index, year = count - 1, year - 1
        elif index >= count:
            index, year = 0, year + 1
        self.year_spin.blockSignals(True)
        self.year_spin.setValue(year)
        self.year_spin.blockSignals(False)
        self.part_box.setCurrentIndex(index)

    def period_text(self, period: Period) -> str:
        kind = self.kind_box.currentData()
        if kind == MONTH:
            return f"{i18n.locale_for().standaloneMonthName(period.start.month)} " \
                   f"{period.start.year}"
        if kind == QUARTER:
            return self.tr("Q%1 %2").replace("%1", str((period.start.month - 1) // 3 + 1)) \
                .replace("%2", str(period.start.year))
        if kind == YEAR:
            return str(period.start.year)
        return self.tr("from %1 to %2").replace("%1", i18n.long_date(period.start)).replace(
            "%2", i18n.long_date(period.end))

    # --- the scope (at the CRSS) ----------------------------------------------------------
    def set_scope(self, scope: dash.Scope, text: str = "") -> None:
        """Count for `scope` from now on (`text`: its name in the heading); recomputes."""
        self.scope, self.scope_text = scope, text
        self.heading.setText(self.tr("Dashboard: %1").replace("%1", text) if text
                             else self.tr("Dashboard"))
        self.schedule()

    # --- computing ------------------------------------------------------------------------
    def schedule(self) -> None:
        """Recompute a moment after the last change (typing a year costs one run)."""
        self._timer.start()

    def recompute(self) -> None:
        self._timer.stop()
        try:
            period = self.period()
        except Exception as exc:  # noqa: BLE001  (a ValidationError: say it)
            self._say(str(exc))
            return
        db, restricted, scope = self.services.db, self.include_restricted, self.scope
        self._say(self.tr("Computing the figures…"))
        self._runner.start(lambda _control: dash.dashboard(db, period,
                                                           include_restricted=restricted,
                                                           scope=scope),
                           on_done=self._show, on_fail=self._failed)

    def _failed(self, exc: BaseException) -> None:
        import logging

        logging.getLogger(__name__).error("dashboard failed", exc_info=exc)
        self._say(self.tr("The figures could not be computed."))

    def _say(self, text: str) -> None:
        self.status_label.setText(text)

    # --- cards ----------------------------------------------------------------------------
    def _build_cards(self) -> None:
        self.cards: dict[str, FigureCard] = {}
        specs = (("meetings", self.tr("Statutory monthly meetings")),
                 ("not_held", self.tr("Meetings not held")),
                 ("attendance", self.tr("Average attendance")),
                 ("women", self.tr("Women (target 30 %)")),
                 ("youth", self.tr("Young people (target 30 %)")),
                 ("fds", self.tr("FDS present, by corps")),
                 ("threats", self.tr("Active threats by level")),
                 ("recommendations", self.tr("Recommendations of the period")),
                 ("delay", self.tr("Median days to implementation")),
                 ("activities", self.tr("Activities and people reached")))
        grid = QGridLayout()
        grid.setSpacing(10)
        for n, (name, title) in enumerate(specs):
            card = FigureCard(name, title)
            card.opener = self._open
            card.setMinimumWidth(180)
            self.cards[name] = card
            grid.addWidget(card, n // 3, n % 3)
        self.cards_grid = grid

    def _open(self, drill: dash.Drill, caption: str) -> None:
        where = self.period_label.text()
        if self.scope_text:
            where = f"{self.scope_text}, {where}"
        self.drillDown.emit(drill.kind, drill.filter_dict,
                            self.tr("Dashboard, %1: %2").replace("%1", where)
                            .replace("%2", caption))

    def _show(self, board: dash.Dashboard) -> None:
        self.board = board
        self.period_label.setText(self.period_text(board.period))
        n = i18n.number
        c = self.cards
        mf = board.meetings
        pair = self.tr("%1: %2")
        reasons = [(pair.replace("%1", r.label).replace("%2", n(r.n)), dash.drill_not_held(board, r.code or None),
                    r.label) for r in mf.not_held_reasons]
        c["meetings"].show_figure(
            (self.tr("%1 / %2 committee-months") if board.per_month
             else self.tr("%1 / %2 months")).replace("%1", n(mf.months_held))
            .replace("%2", n(mf.months_expected)),
            (self.tr("Months with an ordinary meeting held, summed over the committees, of "
                     "their months elapsed. ") if board.per_month else
             self.tr("Months with an ordinary meeting held, of the months elapsed. "))
            + self.tr("%1 meetings held, of which %2 extraordinary; %3 still planned.")
            .replace("%1", n(mf.held)).replace("%2", n(mf.extraordinary_held))
            .replace("%3", n(mf.planned)),
            dash.drill_held(board), self.tr("meetings held"),
            alert=mf.months_held < mf.months_expected)
        c["not_held"].show_figure(
            n(mf.not_held), self.tr("Reasons:") if reasons else self.tr("None in the period."),
            dash.drill_not_held(board), self.tr("meetings not held"), reasons)
        at = board.attendance
        avg = "—" if at.average is None else i18n.locale_for().toString(at.average, "f", 1)
        rate = at.members_rate
        c["attendance"].show_figure(
            avg, self.tr("People present per held meeting (%1 meetings with attendance); "
                         "members present: %2 of those on the lists.")
            .replace("%1", n(at.meetings))
            .replace("%2", "—" if rate is None else _pct(dash.Share(at.members_present,
                                                                    at.members_recorded))),
            dash.drill_held(board), self.tr("meetings held"))
        pa = board.participation
        for key, members, attendees, filt, caption in (
                ("women", pa.members_women, pa.attendees_women, {"sex": enums.Sex.F.value},
                 self.tr("women members")),
                ("youth", pa.members_youth, pa.attendees_youth, {"is_youth": True},
                 self.tr("young members"))):
            below = [t for t, s in ((self.tr("members"), members),
                                    (self.tr("present"), attendees))
                     if s.whole and not s.meets_target]
            c[key].show_figure(
                _pct(members),
                self.tr("of the active members (%1 of %2); %3 of the people present (%4 of "
                        "%5).").replace("%1", n(members.part)).replace("%2", n(members.whole))
                .replace("%3", _pct(attendees)).replace("%4", n(attendees.part))
                .replace("%5", n(attendees.whole))
                + ("\n" + self.tr("Below 30 %: %1.").replace("%1", ", ".join(below))
                   if below else "\n" + self.tr("Target of 30 % reached.")),
                dash.drill_members(board, **filt), caption,
                [(self.tr("Meetings of the period"), dash.drill_held(board),
                  self.tr("meetings held"))], alert=bool(below))
        fds = board.fds
        c["fds"].show_figure(
            ngettext("{part} / {n} meeting", "{part} / {n} meetings", fds.held_meetings)
            .format(part=n(fds.meetings_with_fds), n=n(fds.held_meetings)),
            self.tr("Held meetings with the FDS present; presences by corps:")
            if fds.by_corps else self.tr("No FDS member recorded present."),
            dash.drill_fds(board), self.tr("FDS members"),
            [(self.tr("%1: %2 (%3 meetings)").replace("%1", k.label).replace("%2", n(k.present))
              .replace("%3", n(k.meetings)), dash.drill_fds(board, k.corps or None), k.label)
             for k in fds.by_corps])
        th = board.threats
        c["threats"].show_figure(
            n(th.active), self.tr("The register today.")
            + ("" if th.restricted_included else " " + self.tr("Restricted threats are not "
                                                                "counted.")),
            dash.drill_threats(board), self.tr("active threats"),
            [(pair.replace("%1", lv.label).replace("%2", n(lv.n)), dash.drill_threats(board, lv.code), lv.label)
             for lv in th.by_level])
        rf = board.recommendations
        c["recommendations"].show_figure(
            n(rf.total), self.tr("Made at the meetings of the period."),
            dash.drill_recommendations(board), self.tr("recommendations"),
            [(self.tr("Open: %1").replace("%1", n(rf.open)),
              dash.drill_recommendations(board, "open"), self.tr("open recommendations")),
             (self.tr("Implemented: %1").replace("%1", n(rf.implemented)),
              dash.drill_recommendations(board, enums.RecommendationStatus.IMPLEMENTED.value),
              self.tr("implemented recommendations")),
             (self.tr("Overdue: %1").replace("%1", n(rf.overdue)),
              dash.drill_recommendations(board, "overdue"), self.tr("overdue recommendations"))],
            alert=rf.overdue > 0)
        days = "—" if rf.median_days is None else i18n.locale_for().toString(
            rf.median_days, "f", 0)
        c["delay"].show_figure(
            days, self.tr("From the meeting that made them to « mise en œuvre »; by "
                          "addressee:") if rf.by_addressee else
            self.tr("No recommendation of the period implemented yet."),
            dash.drill_recommendations(board, enums.RecommendationStatus.IMPLEMENTED.value),
            self.tr("implemented recommendations"),
            [(self.tr("%1: %2 days (%3)").replace("%1", d.addressee or "—")
              .replace("%2", i18n.locale_for().toString(d.median_days, "f", 0))
              .replace("%3", n(d.implemented)),
              dash.drill_recommendations(board, enums.RecommendationStatus.IMPLEMENTED.value,
                                         d.addressee), d.addressee or "—", True)
             for d in rf.by_addressee[:4]])
        af = board.activities
        c["activities"].show_figure(
            n(af.activities),
            self.tr("%1 people reached: %2 women, %3 men; %4 young people (%5 young women, "
                    "%6 young men).").replace("%1", n(af.reached))
            .replace("%2", n(af.reached_women)).replace("%3", n(af.men + af.young_men))
            .replace("%4", n(af.reached_youth)).replace("%5", n(af.young_women))
            .replace("%6", n(af.young_men)),
            dash.drill_activities(board), self.tr("activities"))
        self._show_charts(board)
        self._say("")
        self.computed.emit()

    # --- charts ---------------------------------------------------------------------------
    def _build_charts(self) -> None:
        self.heatmap = HeatMap()
        self.heat_panel = ChartPanel("heat", self.tr("Active threats: likelihood × severity"),
                                     chart_widget=self.heatmap)
        self.heatmap.cellActivated.connect(
            lambda lk, im: self.heat_panel.activated.emit(("cell", lk, im)))
        self.types_panel = ChartPanel("types", self.tr("Active threats by type"))
        self.top_panel = ChartPanel("top", self.tr("Score of the five highest active threats "
                                                   "at each meeting"))
        self.status_panel = ChartPanel("status", self.tr("Recommendations of the period by "
                                                         "status"))
        self.sex_panel = ChartPanel("sex", self.tr("People present by sex at each meeting"))
        self.panels = (self.heat_panel, self.types_panel, self.top_panel, self.status_panel,
                       self.sex_panel)
        for panel in self.panels:
            panel.activated.connect(self._chart_key)
        grid = QGridLayout()
        grid.setSpacing(10)
        for n, panel in enumerate(self.panels):
            grid.addWidget(panel, n // 2, n % 2)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)
        self.charts_grid = grid

    def _chart_key(self, key: Any) -> None:
        board = self.board
        if board is None:
            return
        kind = key[0]
        if kind == "cell":
            _k, lk, im = key
            caption = self.tr("likelihood %1 × severity %2").replace(
                "%1", enums.Likelihood(str(lk)).label).replace(
                "%2", enums.Impact(str(im)).label)
            self._open(dash.drill_threat_cell(board, lk, im), caption)
        elif kind == "type":
            self._open(dash.drill_threat_type(board, key[1]), key[2])
        elif kind == "threat":
            self._open(dash.drill_threat(board, key[1]), key[2])
        elif kind == "status":
            self._open(dash.drill_recommendations(board, key[1]), key[2])
        elif kind == "meeting":
            self._open(dash.drill_meeting(board, key[1]), key[2])
        elif kind == "month":
            self._open(dash.drill_month(board, key[1]), key[2])

    def _show_charts(self, board: dash.Dashboard) -> None:
        # heat map and its table (likelihood rows, highest first)
        self.heatmap.set_counts(board.heat)
        impacts = [enums.Impact(str(i)).label for i in range(1, 6)]
        rows, keys, titles = [], [], []
        for lk in range(5, 0, -1):
            titles.append(enums.Likelihood(str(lk)).label)
            rows.append([board.cell(lk, im) for im in range(1, 6)])
            keys.append([("cell", lk, im) for im in range(1, 6)])
        self.heat_panel.set_table(impacts, rows, keys, row_titles=titles)
        # threats by type
        types = board.threats.by_type
        self.types_panel.set_bars([t.label for t in types],
                                  [Bars(self.tr("Active threats"), [t.n for t in types],
                                        [("type", t.code, t.label) for t in types])],
                                  horizontal=True)
        self.types_panel.set_table([self.tr("Type"), self.tr("Active threats")],
                                   [[t.label, t.n] for t in types],
                                   [[("type", t.code, t.label)] * 2 for t in types])
        # the five highest threats over the held meetings (the charts draw the last
        # CHART_MEETINGS of them, the tables have them all)
        shown = board.points[-CHART_MEETINGS:]
        cut = len(board.points) - len(shown)
        monthly = board.per_month
        if monthly:  # many committees: one point per month
            dates = [p.reference[2:] for p in shown]
            keys_m = [("month", p.date, p.reference) for p in board.points]
            names = [p.reference for p in board.points]
        else:
            dates = [i18n.short_date(p.date)[:5] for p in shown]
            keys_m = [("meeting", p.meeting_id, p.reference) for p in board.points]
            names = [f"{i18n.short_date(p.date)} {p.reference}" for p in board.points]
        first_col = self.tr("Month") if monthly else self.tr("Meeting")
        self.top_panel.title.setText(
            self.tr("Score of the five highest active threats at the end of each month")
            if monthly else self.tr("Score of the five highest active threats at each meeting"))
        self.sex_panel.title.setText(self.tr("People present by sex, each month") if monthly
                                     else self.tr("People present by sex at each meeting"))
        lines = [Line(t.title[:40], t.scores[cut:], ("threat", t.threat_id, t.title))
                 for t in board.tracks]
        self.top_panel.set_lines(dates, lines)
        self.top_panel.set_table(
            [first_col] + [t.title for t in board.tracks],
            [[names[i]] + ["—" if t.scores[i] is None else t.scores[i] for t in board.tracks]
             for i in range(len(board.points))],
            [[keys_m[i]] + [("threat", t.threat_id, t.title) for t in board.tracks]
             for i in range(len(board.points))])
        # recommendations by status
        statuses = board.recommendations.by_status
        self.status_panel.set_bars([s.label for s in statuses],
                                   [Bars(self.tr("Recommendations"), [s.n for s in statuses],
                                         [("status", s.code, s.label) for s in statuses])],
                                   horizontal=True)
        self.status_panel.set_table([self.tr("Status"), self.tr("Recommendations")],
                                    [[s.label, s.n] for s in statuses],
                                    [[("status", s.code, s.label)] * 2 for s in statuses])
        # present by sex, per meeting
        self.sex_panel.set_bars(dates, [
            Bars(self.tr("Women"), [p.women for p in shown], keys_m[cut:]),
            Bars(self.tr("Men"), [p.men for p in shown], keys_m[cut:])], stacked=True)
        for panel in (self.top_panel, self.sex_panel):
            panel.set_note(((self.tr("The chart shows the last %1 months of the period; the "
                                     "table has them all.") if monthly else
                             self.tr("The chart shows the last %1 meetings of the period; the "
                                     "table has them all.")).replace("%1", str(CHART_MEETINGS))
                            if cut else ""))
        self.sex_panel.set_table(
            [first_col, self.tr("Women"), self.tr("Men"), self.tr("Young people")],
            [[names[i], p.women, p.men, p.youth] for i, p in enumerate(board.points)],
            [[k] * 4 for k in keys_m])
