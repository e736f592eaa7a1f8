"""The meeting workflow: general data, attendance, agenda, threats and vulnerabilities,
recommendations, adoption and amendments, attachments.

Every click saves at once through the services (attendance, links, re-assessments); typed text
saves itself 500 ms after typing stops and is kept in a draft until then.
"""

from __future__ import annotations

import datetime as dt
import logging
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QButtonGroup, QCheckBox, QComboBox, QFormLayout, QFrame, QGridLayout, QGroupBox,
    QHBoxLayout, QLabel, QLineEdit, QListWidget, QListWidgetItem, QPlainTextEdit, QPushButton,
    QScrollArea, QSplitter, QTabWidget, QVBoxLayout, QWidget,
)

from ...fileio import french_os_error
from ...domain import enums
from ...domain.french import de
from ...services.errors import ReadOnly, UserError, ValidationError
from ...services.meetings import STANDING_ITEMS, reference
from ...services.records import ListQuery
from .. import commands
from . import attachments as attachments_mod
from .attachments import AttachmentsPanel
from .base import (
    BANNER_STYLES, Banner, ErrorLabel, RecordEditor, fr_date, fr_time, make_combo, make_date, date_value,
    mark_read_only, restricted_box, set_combo,
)
from .records import RecommendationEditor
from .threats import ScoreBadge, ThreatEditor, VulnerabilityEditor

log = logging.getLogger(__name__)

def status_choices() -> list[tuple[str, str]]:
    """The statuses a secretary chooses (adoption is recorded on its own tab), in the
    interface's language: computed when the form is built, never at import."""
    return [(c, lab) for c, lab in enums.MeetingStatus.choices() if c != "adopted"]


ATTENDANCE = (("present", "P"), ("absent", "A"), ("excused", "E"))


class MeetingEditor(RecordEditor):
    kind = "meetings"
    DEFAULT_SIZE = (980, 700)

    # building -------------------------------------------------------------------------------
    def build(self) -> None:
        self.committee = self.services.committee.own()
        self.people = [p for p in self.services.people.list(ListQuery(
            filters={"is_active": True}, limit=2000))]
        self.children: list[Any] = []
        self.tabs = QTabWidget()
        self.tabs.setObjectName("meetingTabs")
        QVBoxLayout(self.body).addWidget(self.tabs)
        self.tabs.setDocumentMode(True)
        self._build_general()
        self._build_attendance()
        self._build_agenda()
        self._build_threats()
        self._build_recommendations()
        self._build_adoption()
        self.attachments = AttachmentsPanel(self.services, default_kind="attendance_sheet")
        self.tabs.addTab(self.attachments, self.tr("Attachments"))
        # the printed documents (PV, annex, convocations, attendance sheet) from every tab
        self.documents_button = QPushButton(self.tr("Documents to print…"))
        self.documents_button.setObjectName("documentsButton")
        self.documents_button.setToolTip(self.tr("Preview, print or save the PV, the restricted "
                                                 "annex, the convocations and the attendance "
                                                 "sheet"))
        self.documents_button.clicked.connect(self.preview_minutes)
        self.documents_button.setVisible(_documents_view() is not None)
        self.tabs.setCornerWidget(self.documents_button, Qt.Corner.TopRightCorner)

    def _person_choices(self, members_only: bool = True) -> list[tuple[int, str]]:
        return [(p.id, p.display_name) for p in self.people if p.is_member or not members_only]

    def _build_general(self) -> None:
        page = QWidget()
        col = QVBoxLayout(page)
        self.need_save = Banner("info")
        self.need_save.setObjectName("needSave")
        self.need_save.setText(self.tr("Save the General tab first: attendance, agenda, "
                                       "threats and recommendations open once the meeting "
                                       "exists."))
        col.addWidget(self.need_save)
        self.reference_label = QLabel()
        self.reference_label.setObjectName("referenceLabel")
        self.reference_label.setStyleSheet("font-size: 13pt; font-weight: bold;")
        col.addWidget(self.reference_label)
        f = self.form
        f.spin("number", self.tr("Number in the year"), maximum=999)
        f.date("date", self.tr("Date"), optional=False)
        f.combo("kind", self.tr("Kind of meeting"), enums.MeetingKind.choices())
        f.combo("status", self.tr("Status"), status_choices())
        f.line("start_time", self.tr("Start time"), self.tr("e.g. 10:00"))
        f.line("end_time", self.tr("End time"), self.tr("e.g. 13:15"))
        f.line("place", self.tr("Place"))
        f.combo("chair_id", self.tr("Chair"), self._person_choices(),
                none_label=self.tr("— choose —"))
        f.combo("secretary_id", self.tr("Secretary"), self._person_choices(),
                none_label=self.tr("— choose —"))
        f.line("convened_by", self.tr("Convened by"), self.tr("e.g. le Maire de la commune"))
        f.date("convocation_date", self.tr("Convocation dated"))
        f.combo("not_held_reason", self.tr("Reason not held"), enums.NotHeldReason.choices(),
                none_label=self.tr("— choose —"))
        f.line("not_held_reason_text", self.tr("Details"))
        col.addLayout(self.form_layout)
        row = QHBoxLayout()
        self.not_held_button = QPushButton(self.tr("Mark as not held…"))
        self.not_held_button.setObjectName("markNotHeld")
        self.not_held_button.clicked.connect(self.mark_not_held)
        self.held_button = QPushButton(self.tr("Mark as held"))
        self.held_button.setObjectName("markHeld")
        self.held_button.clicked.connect(self.mark_held)
        row.addWidget(self.held_button)
        row.addWidget(self.not_held_button)
        row.addStretch(1)
        col.addLayout(row)
        col.addStretch(1)
        for name in ("number", "date"):
            f.widgets[name].setProperty("refresh", True)
        f.widgets["number"].valueChanged.connect(self._update_reference)
        f.widgets["date"].dateChanged.connect(self._update_reference)
        f.widgets["status"].currentIndexChanged.connect(self._status_state)
        f.widgets["chair_id"].currentIndexChanged.connect(self._role_labels)
        f.widgets["secretary_id"].currentIndexChanged.connect(self._role_labels)
        self.tabs.addTab(page, self.tr("General"))

    def _build_attendance(self) -> None:
        page = QWidget()
        col = QVBoxLayout(page)
        self.counts_label = QLabel()
        self.counts_label.setObjectName("attendanceCounts")
        self.counts_label.setWordWrap(True)
        self.counts_label.setStyleSheet("font-weight: bold;")
        self.quorum_label = QLabel()
        self.quorum_label.setObjectName("quorumLabel")
        self.category_label = QLabel()
        self.category_label.setObjectName("categoryCounts")
        self.category_label.setWordWrap(True)
        self.category_label.setMinimumHeight(2 * self.category_label.fontMetrics().height() + 4)
        col.addWidget(self.counts_label)
        col.addWidget(self.quorum_label)
        col.addWidget(self.category_label)
        self.attendance_area = QScrollArea()
        self.attendance_area.setWidgetResizable(True)
        self.attendance_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        col.addWidget(self.attendance_area, 1)
        guests = QHBoxLayout()
        guests.addWidget(QLabel(self.tr("Guest:")))
        self.guest_combo = QComboBox()
        self.guest_combo.setObjectName("guestCombo")
        self.guest_combo.setMinimumWidth(220)
        guests.addWidget(self.guest_combo, 1)
        self.add_guest_button = QPushButton(self.tr("Add as present guest"))
        self.add_guest_button.setObjectName("addGuest")
        self.add_guest_button.clicked.connect(self.add_guest)
        self.new_guest_button = QPushButton(self.tr("New guest…"))
        self.new_guest_button.setObjectName("newGuest")
        self.new_guest_button.clicked.connect(self.new_guest)
        guests.addWidget(self.add_guest_button)
        guests.addWidget(self.new_guest_button)
        col.addLayout(guests)
        self.attendance_error = ErrorLabel()
        col.addWidget(self.attendance_error)
        self.attendance_groups: dict[int, QButtonGroup] = {}
        self.tabs.addTab(page, self.tr("Attendance"))

    def _build_agenda(self) -> None:
        page = QSplitter(Qt.Orientation.Horizontal)
        left = QWidget()
        lc = QVBoxLayout(left)
        self.agenda_list = QListWidget()
        self.agenda_list.setObjectName("agendaList")
        self.agenda_list.setWordWrap(True)
        lc.addWidget(self.agenda_list, 1)
        self.new_item_title = QLineEdit()
        self.new_item_title.setObjectName("newItemTitle")
        self.new_item_title.setPlaceholderText(self.tr("Title of a new item"))
        self.new_item_title.returnPressed.connect(self.add_agenda_item)
        lc.addWidget(self.new_item_title)
        row = QHBoxLayout()
        self.add_item_button = QPushButton(self.tr("Add"))
        self.add_item_button.setObjectName("addItem")
        self.remove_item_button = QPushButton(self.tr("Remove…"))
        self.remove_item_button.setObjectName("removeItem")
        self.up_button = QPushButton("↑")
        self.up_button.setToolTip(self.tr("Move up"))
        self.up_button.setObjectName("itemUp")
        self.down_button = QPushButton("↓")
        self.down_button.setToolTip(self.tr("Move down"))
        self.down_button.setObjectName("itemDown")
        for b in (self.add_item_button, self.remove_item_button, self.up_button,
                  self.down_button):
            row.addWidget(b)
        lc.addLayout(row)
        self.add_item_button.clicked.connect(self.add_agenda_item)
        self.remove_item_button.clicked.connect(self.remove_agenda_item)
        self.up_button.clicked.connect(lambda: self.move_agenda_item(-1))
        self.down_button.clicked.connect(lambda: self.move_agenda_item(1))
        right = QWidget()
        rc = QVBoxLayout(right)
        self.item_title = QLineEdit()
        self.item_title.setObjectName("itemTitle")
        self.discussion = QPlainTextEdit()
        self.discussion.setObjectName("discussion")
        self.discussion.setPlaceholderText(self.tr("What was said (the deliberations)"))
        self.decisions = QPlainTextEdit()
        self.decisions.setObjectName("decisions")
        self.decisions.setPlaceholderText(self.tr("What was decided (kept apart from the "
                                                  "discussion in the PV)"))
        self.restricted = QPlainTextEdit()
        self.restricted.setObjectName("restrictedNote")
        self.restricted.setMaximumHeight(80)
        self.restricted.setPlaceholderText(self.tr("Sensitive information: goes only into the "
                                                   "restricted annex"))
        self.adopt_prev_frame = QFrame()
        self.adopt_prev_frame.setObjectName("adoptPreviousFrame")
        self.adopt_prev_frame.setStyleSheet(BANNER_STYLES["info"])
        ap = QHBoxLayout(self.adopt_prev_frame)
        self.adopt_prev_label = QLabel()
        self.adopt_prev_label.setWordWrap(True)
        self.adopt_prev_label.setStyleSheet("border: none; background: transparent;")
        self.adopt_prev_button = QPushButton(self.tr("Adopt it at this meeting"))
        self.adopt_prev_button.setObjectName("adoptPrevious")
        self.adopt_prev_button.clicked.connect(self.adopt_previous)
        ap.addWidget(self.adopt_prev_label, 1)
        ap.addWidget(self.adopt_prev_button)
        self.adopt_prev_frame.hide()
        rc.addWidget(self.adopt_prev_frame)
        rc.addWidget(QLabel(self.tr("Title of the item")))
        rc.addWidget(self.item_title)
        disc_label = QLabel(self.tr("Discussion"))
        disc_label.setStyleSheet("font-weight: bold;")
        rc.addWidget(disc_label)
        rc.addWidget(self.discussion, 3)
        dec_label = QLabel(self.tr("Decisions"))
        dec_label.setStyleSheet("font-weight: bold;")
        rc.addWidget(dec_label)
        rc.addWidget(self.decisions, 2)
        rc.addWidget(restricted_box(
            self.tr("DIFFUSION RESTREINTE"),
            self.tr("Never printed in the PV nor sent to the CRSS: a separate annex kept on this "
                    "computer. Never write the name of a source or of a suspect."),
            self.restricted))
        self.item_error = ErrorLabel()
        self.item_error.setObjectName("itemError")
        rc.addWidget(self.item_error)
        page.addWidget(left)
        page.addWidget(right)
        page.setStretchFactor(0, 1)
        page.setStretchFactor(1, 2)
        self.agenda_list.currentRowChanged.connect(self._show_item)
        self._item_timer = QTimer(self)
        self._item_timer.setSingleShot(True)
        self._item_timer.setInterval(self.AUTOSAVE_MS)
        self._item_timer.timeout.connect(self.save_agenda_edits)
        self._pending: dict[str, dict[str, str]] = {}  # item id -> fields not yet saved
        self._items: dict[int, Any] = {}
        self._notes: dict[int, Any] = {}  # item id -> RestrictedNote
        self._showing: int | None = None
        for w, name in ((self.item_title, "title"), (self.discussion, "discussion"),
                        (self.decisions, "decisions"), (self.restricted, "restricted")):
            signal = w.textEdited if isinstance(w, QLineEdit) else w.textChanged
            signal.connect(lambda *_, n=name: self._item_edited(n))
        self.tabs.addTab(page, self.tr("Agenda"))

    def _build_threats(self) -> None:
        page = QWidget()
        col = QVBoxLayout(page)
        tbox = QGroupBox(self.tr("Threats discussed at this meeting"))
        tl = QVBoxLayout(tbox)
        self.threat_list = QListWidget()
        self.threat_list.setObjectName("meetingThreats")
        self.threat_list.setMaximumHeight(110)
        tl.addWidget(self.threat_list)
        grid = QGridLayout()
        self.threat_combo = QComboBox()
        self.threat_combo.setObjectName("threatCombo")
        self.like_combo = make_combo(enums.Likelihood.choices())
        self.like_combo.setObjectName("assessLikelihood")
        self.impact_combo = make_combo(enums.Impact.choices())
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
        self.tabs.addTab(page, self.tr("Threats and vulnerabilities"))

    def _build_recommendations(self) -> None:
        page = QWidget()
        col = QVBoxLayout(page)
        col.addWidget(QLabel(self.tr("Recommendations made at this meeting (double-click to "
                                     "open, link threats and vulnerabilities, record the "
                                     "transmission):")))
        self.rec_list = QListWidget()
        self.rec_list.setObjectName("meetingRecommendations")
        self.rec_list.setWordWrap(True)
        self.rec_list.itemDoubleClicked.connect(lambda *_: self.open_recommendation())
        col.addWidget(self.rec_list, 1)
        row = QHBoxLayout()
        self.new_rec_button = QPushButton(self.tr("New recommendation…"))
        self.new_rec_button.setObjectName("newRecommendation")
        self.new_rec_button.clicked.connect(lambda: self.open_recommendation(new=True))
        self.open_rec_button = QPushButton(self.tr("Open"))
        self.open_rec_button.setObjectName("openRecommendation")
        self.open_rec_button.clicked.connect(lambda: self.open_recommendation())
        row.addWidget(self.new_rec_button)
        row.addWidget(self.open_rec_button)
        row.addStretch(1)
        col.addLayout(row)
        self.tabs.addTab(page, self.tr("Recommendations"))

    def _build_adoption(self) -> None:
        page = QWidget()
        col = QVBoxLayout(page)
        self.adoption_state = QLabel()
        self.adoption_state.setObjectName("adoptionState")
        self.adoption_state.setWordWrap(True)
        self.adoption_state.setStyleSheet("font-weight: bold;")
        self.adoption_state.setMinimumHeight(3 * self.adoption_state.fontMetrics().height())
        self.adoption_state.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        col.addWidget(self.adoption_state)
        self.adopt_box = QGroupBox(self.tr("Record the adoption of this PV"))
        form = QFormLayout(self.adopt_box)
        self.adopted_by = QComboBox()
        self.adopted_by.setObjectName("adoptedBy")
        form.addRow(self.tr("Adopted at the meeting of"), self.adopted_by)
        self.with_amendments = QCheckBox(self.tr("Adopted with amendments"))
        self.with_amendments.setObjectName("withAmendments")
        form.addRow("", self.with_amendments)
        scan_row = QHBoxLayout()
        self.scan_path = QLineEdit()
        self.scan_path.setObjectName("scanPath")
        self.scan_path.setPlaceholderText(self.tr("Signed and stamped PV (scan or photo)"))
        browse = QPushButton(self.tr("Choose…"))
        browse.setObjectName("chooseScan")
        browse.clicked.connect(self._choose_scan)
        scan_row.addWidget(self.scan_path, 1)
        scan_row.addWidget(browse)
        form.addRow(self.tr("Signed scan"), scan_row)
        self.adopt_button = QPushButton(self.tr("Record the adoption"))
        self.adopt_button.setObjectName("adoptButton")
        self.adopt_button.clicked.connect(self.adopt)
        form.addRow("", self.adopt_button)
        form.setAlignment(self.adopt_button, Qt.AlignmentFlag.AlignLeft)
        self.adopt_error = ErrorLabel()
        self.adopt_error.setObjectName("adoptError")
        form.addRow("", self.adopt_error)
        col.addWidget(self.adopt_box)

        self.amend_box = QGroupBox(self.tr("Amendments (corrections to the adopted PV)"))
        al = QVBoxLayout(self.amend_box)
        self.amend_list = QListWidget()
        self.amend_list.setObjectName("amendmentList")
        self.amend_list.setMaximumHeight(80)
        al.addWidget(self.amend_list)
        aform = QFormLayout()
        self.amend_date = make_date(optional=False)
        self.amend_date.setObjectName("amendDate")
        self.amend_reason = QLineEdit()
        self.amend_reason.setObjectName("amendReason")
        self.amend_text = QPlainTextEdit()
        self.amend_text.setObjectName("amendText")
        self.amend_text.setMaximumHeight(70)
        aform.addRow(self.tr("Date"), self.amend_date)
        aform.addRow(self.tr("Reason"), self.amend_reason)
        aform.addRow(self.tr("Correction"), self.amend_text)
        al.addLayout(aform)
        self.amend_button = QPushButton(self.tr("Add the amendment"))
        self.amend_button.setObjectName("amendButton")
        self.amend_button.clicked.connect(self.add_amendment)
        al.addWidget(self.amend_button, 0, Qt.AlignmentFlag.AlignLeft)
        self.amend_error = ErrorLabel()
        al.addWidget(self.amend_error)
        col.addWidget(self.amend_box)

        self.preview_button = None
        if _documents_view() is not None:
            row = QHBoxLayout()
            self.preview_button = QPushButton(self.tr("Preview / print the PV"))
            self.preview_button.setObjectName("previewPV")
            self.preview_button.clicked.connect(self.preview_minutes)
            row.addWidget(self.preview_button)
            row.addStretch(1)
            col.addLayout(row)
        col.addStretch(1)
        self.tabs.addTab(page, self.tr("Adoption"))

    # loading ----------------------------------------------------------------------------------
    def defaults(self) -> dict[str, Any]:
        today = dt.date.today()
        c = self.committee
        values: dict[str, Any] = {"date": today, "kind": "ordinary", "status": "planned",
                                  "number": self.services.meetings.next_number(today.year)}
        if c is not None:
            values["chair_id"] = c.chair_id
            values["secretary_id"] = c.secretary_id
            values["place"] = (f"Salle de réunion de la mairie {de(c.commune)}" if c.commune
                               else "")
        return values

    def load(self, obj: Any) -> dict[str, Any]:
        values = super().load(obj)
        values["start_time"] = fr_time(obj.start_time)
        values["end_time"] = fr_time(obj.end_time)
        return values

    def to_service(self, values: dict[str, Any]) -> dict[str, Any]:
        out = dict(values)
        if out.get("status") != "not_held":
            out.pop("not_held_reason", None)
        out["year"] = dt.date.fromisoformat(out["date"]).year if out.get("date") else None
        return out

    def create(self, values: dict[str, Any]) -> Any:
        return self.services.meetings.create_with_agenda(**values)

    def is_read_only(self, obj: Any) -> str | None:
        if obj.status != "adopted":
            return None
        by = ""
        if obj.adopted_by_meeting_id:
            try:
                other = self.services.meetings.get(obj.adopted_by_meeting_id)
                by = self.tr(" at the meeting of {date}").format(date=fr_date(other.date))
            except UserError:
                by = ""
        return self.tr("PV adopted on {date}{by}: read only. A correction is an amendment "
                       "(Adoption tab).").format(date=fr_date(obj.adopted_on), by=by)

    def window_title(self, obj: Any) -> str:
        if obj is None:
            return self.tr("New meeting")
        return self.tr("Meeting {ref} of {date}").format(ref=obj.reference,
                                                         date=fr_date(obj.date))

    def after_load(self, obj: Any) -> None:
        status = self.form.widgets["status"]
        adopted_index = status.findData("adopted")
        if obj is not None and obj.status == "adopted" and adopted_index < 0:
            status.blockSignals(True)
            status.addItem(enums.MeetingStatus.ADOPTED.label, "adopted")
            set_combo(status, "adopted")
            status.blockSignals(False)
        self._update_reference()
        self._status_state()
        self._role_labels()
        exists = obj is not None
        for i in range(1, self.tabs.count()):
            self.tabs.setTabEnabled(i, exists)
        self.documents_button.setEnabled(exists)
        self.need_save.setVisible(not exists)
        if not exists:
            return
        self.meeting = obj
        self.refresh_attendance()
        self.refresh_agenda()
        self.refresh_threats()
        self.refresh_recommendations()
        self.refresh_adoption()
        self.attachments.set_owner(meeting_id=obj.id)
        self._apply_read_only()

    def after_save(self, obj: Any) -> None:
        if not self.tabs.isTabEnabled(1):  # just created: open the other tabs
            self.reload()

    def set_read_only(self, read_only: bool, text: str | None = None) -> None:
        super().set_read_only(read_only, text)
        if hasattr(self, "meeting"):
            self._apply_read_only()

    def _apply_read_only(self) -> None:
        ro = self.read_only
        for w in (self.not_held_button, self.held_button, self.add_guest_button,
                  self.new_guest_button, self.guest_combo, self.add_item_button,
                  self.remove_item_button, self.up_button, self.down_button, self.new_item_title,
                  self.assess_button, self.new_threat_button, self.threat_combo,
                  self.like_combo, self.impact_combo, self.trend_combo, self.assess_note,
                  self.link_vuln_button, self.new_vuln_button, self.vuln_combo,
                  self.new_rec_button, self.adopt_box):
            w.setEnabled(not ro)
        for w in (self.item_title, self.discussion, self.decisions, self.restricted):
            mark_read_only(w, ro)
        for group in self.attendance_groups.values():
            for b in group.buttons():
                b.setEnabled(not ro)
        self.amend_box.setEnabled(ro)
        self.attachments.set_read_only(ro)
        self.delete_button.setEnabled(not ro and self.record_id is not None)

    # general ----------------------------------------------------------------------------------
    def _update_reference(self, *_: Any) -> None:
        date = self.form.value("date")
        year = dt.date.fromisoformat(date).year if date else dt.date.today().year
        code = self.committee.code if self.committee else "CCS"
        self.reference_label.setText(reference(self.form.value("number") or 0, year, code))

    def _status_state(self, *_: Any) -> None:
        not_held = self.form.value("status") == "not_held"
        for name in ("not_held_reason", "not_held_reason_text"):
            self.form.widgets[name].setEnabled(not_held and not self.read_only)
            self.form.labels[name].setEnabled(not_held)

    def _person(self, pid: int | None) -> Any:
        return next((p for p in self.people if p.id == pid), None)

    def _role_labels(self, *_: Any) -> None:
        """"La Présidente de séance" / "Le Président de séance" after the chosen person."""
        chair = self._person(self.form.value("chair_id"))
        sec = self._person(self.form.value("secretary_id"))
        sex = chair.sex if chair else None
        self.form.labels["chair_id"].setText(
            (self.tr("Chairwoman of the meeting") if sex == "F" else
             self.tr("Chairman of the meeting")) if chair else self.tr("Chair"))
        sex = sec.sex if sec else None
        self.form.labels["secretary_id"].setText(
            (self.tr("Secretary of the meeting") if sex == "F" else
             self.tr("Meeting secretary")) if sec else self.tr("Secretary"))

    def mark_not_held(self) -> None:
        set_combo(self.form.widgets["status"], "not_held")
        self.form.widgets["not_held_reason"].setFocus()
        self.on_changed()

    def mark_held(self) -> None:
        set_combo(self.form.widgets["status"], "held")
        self.save()

    # attendance -------------------------------------------------------------------------------
    def refresh_attendance(self) -> None:
        mid = self.record_id
        rows = {a.person_id: a for a in self.services.meetings.attendance(mid)}
        self.people = [p for p in self.services.people.list(ListQuery(limit=2000))]
        shown = [p for p in self.people if p.is_member and p.is_active]
        shown += [p for p in self.people if p.id in rows and p not in shown]
        box = QWidget()
        grid = QGridLayout(box)
        grid.setColumnStretch(1, 1)
        self.attendance_groups.clear()
        texts = {"present": self.tr("Present"), "absent": self.tr("Absent"),
                 "excused": self.tr("Excused")}
        guest_word = self.tr("guest")
        for r, p in enumerate(shown):
            a = rows.get(p.id)
            guest = (a.is_guest if a is not None else not p.is_member)
            name = QLabel(p.display_name + ("  — " + guest_word if guest else ""))
            cat = QLabel(enums.Category.label_of(p.category) + (
                f" · {enums.FdsCorps.label_of(p.fds_corps)}" if p.fds_corps else ""))
            cat.setStyleSheet("color: #444444;")
            grid.addWidget(name, r, 0)
            grid.addWidget(cat, r, 1)
            group = QButtonGroup(box)
            group.setExclusive(True)
            for c, (code, _short) in enumerate(ATTENDANCE):
                b = QPushButton(texts[code])
                b.setCheckable(True)
                b.setObjectName(f"att_{p.id}_{code}")
                b.setStyleSheet("QPushButton:checked { background: #1a56b0; color: white; "
                                "font-weight: bold; }")
                b.setChecked(a is not None and a.status == code)
                group.addButton(b)
                b.clicked.connect(lambda _=False, pid=p.id, st=code: self.set_attendance(pid, st))
                grid.addWidget(b, r, 2 + c)
            self.attendance_groups[p.id] = group
        grid.setRowStretch(len(shown), 1)
        self.attendance_area.setWidget(box)
        self.guest_combo.clear()
        for p in self.people:
            if not p.is_member and p.id not in rows:
                self.guest_combo.addItem(p.display_name, p.id)
        self.refresh_counts()
        if getattr(self, "meeting", None) is not None:
            self._apply_read_only()

    def refresh_counts(self) -> Any:
        c = self.services.meetings.attendance_counts(self.record_id)
        self.counts_label.setText(self.tr(
            "Members present: {present} (women: {women}, men: {men}, young people: {youth}) "
            "· guests: {guests} · absent: {absent} · excused: {excused}").format(
            present=c.present, women=c.present_women, men=c.present_men,
            youth=c.present_youth, absent=c.absent, excused=c.excused, guests=c.guests))
        share = (100 * c.present_women // c.present) if c.present else 0
        if c.quorum_reached:
            self.quorum_label.setText(self.tr("Quorum reached: {present} members present, "
                                              "{needed} required ({active} active members). "
                                              "Women: {share}% of the members present.").format(
                present=c.present, needed=c.quorum_needed, active=c.members_active,
                share=share))
            self.quorum_label.setStyleSheet("color: #1b5e20; font-weight: bold;")
        else:
            self.quorum_label.setText(self.tr("Quorum NOT reached: {present} members present, "
                                              "{needed} required ({active} active members). "
                                              "Women: {share}% of the members present.").format(
                present=c.present, needed=c.quorum_needed, active=c.members_active,
                share=share))
            self.quorum_label.setStyleSheet("color: #b00020; font-weight: bold;")
        cats = [self.tr("{category}: {count}").format(category=enums.Category.label_of(k),
                                                       count=v) for k, v in sorted(
            (c.by_category or {}).items(), key=lambda kv: -kv[1]) if v]
        self.category_label.setText(self.tr("Present by category: {list}").format(
            list=" · ".join(cats) if cats else "—"))
        self.last_counts = c
        return c

    def set_attendance(self, person_id: int, status: str, is_guest: bool | None = None) -> bool:
        try:
            self.services.meetings.set_attendance(self.record_id, person_id, status,
                                                  is_guest=is_guest)
        except UserError as exc:
            self.attendance_error.show_message(str(exc))
            self.refresh_attendance()
            return False
        self.attendance_error.show_message(None)
        self.refresh_counts()
        self.changed.emit()
        return True

    def add_guest(self) -> bool:
        pid = self.guest_combo.currentData()
        if pid is None:
            return False
        ok = self.set_attendance(pid, "present", is_guest=True)
        self.refresh_attendance()
        return ok

    def new_guest(self) -> Any:
        from .people import PersonEditor

        editor = PersonEditor(self.services, self.undo_stack, None, self)
        editor.form.set_value("is_member", False)
        editor.saved.connect(self._guest_created)
        self._show_child(editor)
        return editor

    def _guest_created(self, person_id: int) -> None:
        self.set_attendance(person_id, "present", is_guest=True)
        self.refresh_attendance()

    def _show_child(self, editor: Any) -> None:
        self.children.append(editor)
        editor.setWindowModality(Qt.WindowModality.WindowModal)
        editor.show()

    # agenda ------------------------------------------------------------------------------------
    def refresh_agenda(self, select_id: int | None = None) -> None:
        self.save_agenda_edits()
        items = self.services.meetings.agenda(self.record_id)
        self._items = {i.id: i for i in items}
        self._notes = {n.agenda_item_id: n for n in self.services.notes.for_meeting(
            self.record_id) if n.agenda_item_id}
        current = select_id if select_id is not None else self._showing
        self.agenda_list.blockSignals(True)
        self.agenda_list.clear()
        for n, item in enumerate(items, start=1):
            li = QListWidgetItem(f"{n}. {item.title}")
            li.setData(Qt.ItemDataRole.UserRole, item.id)
            self.agenda_list.addItem(li)
        self.agenda_list.blockSignals(False)
        row = next((r for r, i in enumerate(items) if i.id == current), 0 if items else -1)
        self._showing = None
        self.agenda_list.setCurrentRow(row)
        self._show_item(row)

    def _item_values(self, item_id: int) -> dict[str, str]:
        item = self._items[item_id]
        note = self._notes.get(item_id)
        values = {"title": item.title, "discussion": item.discussion or "",
                  "decisions": item.decisions or "", "restricted": note.text if note else ""}
        values.update(self._pending.get(str(item_id), {}))
        return values

    def _show_item(self, row: int) -> None:
        item_id = self.agenda_list.item(row).data(Qt.ItemDataRole.UserRole) if row >= 0 else None
        self._showing = None  # no edit signal while filling
        values = self._item_values(item_id) if item_id in self._items else {}
        self.item_title.setText(values.get("title", ""))
        self.discussion.setPlainText(values.get("discussion", ""))
        self.decisions.setPlainText(values.get("decisions", ""))
        self.restricted.setPlainText(values.get("restricted", ""))
        self._showing = item_id
        for w in (self.item_title, self.discussion, self.decisions, self.restricted):
            w.setEnabled(item_id is not None)
        self._offer_previous_adoption(item_id)

    def _offer_previous_adoption(self, item_id: int | None) -> None:
        """On "Lecture et adoption du procès-verbal de la réunion précédente": adopt it here."""
        item = self._items.get(item_id) if item_id is not None else None
        self._previous = None
        if item is not None and item.title == STANDING_ITEMS[0] and not self.read_only:
            self._previous = self.services.meetings.previous_unadopted(self.record_id)
        if self._previous is None:
            self.adopt_prev_frame.hide()
            return
        self.adopt_prev_label.setText(self.tr("The PV {ref} of {date} awaits adoption.").format(
            ref=self._previous.reference, date=fr_date(self._previous.date)))
        self.adopt_prev_frame.show()

    def adopt_previous(self) -> bool:
        previous = getattr(self, "_previous", None)
        if previous is None:
            return False
        try:
            self.services.meetings.adopt(previous.id, self.record_id)
        except UserError as exc:
            self.item_error.show_message(" ".join(exc.errors.values())
                                         if isinstance(exc, ValidationError) else str(exc))
            return False
        warning = freeze_minutes(self.services.db, previous.id)
        if not self.decisions.toPlainText().strip():
            self.decisions.setPlainText(self.tr(
                "The minutes of the meeting of {date} are adopted without amendment.").format(
                date=fr_date(previous.date)))  # saved by the agenda autosave
        self.item_error.show_message(warning)
        self.adopt_prev_frame.hide()
        self.changed.emit()
        return True

    def _item_edited(self, name: str) -> None:
        if self._showing is None or self.read_only:
            return
        widget = {"title": self.item_title, "discussion": self.discussion,
                  "decisions": self.decisions, "restricted": self.restricted}[name]
        text = widget.text() if isinstance(widget, QLineEdit) else widget.toPlainText()
        self._pending.setdefault(str(self._showing), {})[name] = text
        self.status_label.setText(self.tr("Changes not saved yet"))
        self.keeper.touch()
        self._item_timer.start()

    def save_agenda_edits(self) -> bool:
        """Write every pending agenda text (discussion, decisions, restricted note)."""
        self._item_timer.stop()
        ok = True
        had_pending = bool(self._pending)
        for key in list(self._pending):
            item_id = int(key)
            edits = dict(self._pending[key])
            restricted = edits.pop("restricted", None)
            try:
                if edits:
                    item = self.services.meetings.update_agenda_item(item_id, **edits)
                    self._items[item_id] = item
                    if "title" in edits:
                        self._relabel(item_id, item.title)
                if restricted is not None:
                    self._save_note(item_id, restricted)
            except (ValidationError, ReadOnly) as exc:
                ok = False
                self.item_error.show_message(str(exc))
                continue
            del self._pending[key]
        if ok:
            self.item_error.show_message(None)
            if not self.dirty and had_pending:
                self.keeper.discard()
                self.status_label.setText(self.tr("Saved at {time}").format(
                    time=fr_time(dt.datetime.now().time())))
        else:
            self.keeper.flush()
        return ok

    def _relabel(self, item_id: int, title: str) -> None:
        for r in range(self.agenda_list.count()):
            li = self.agenda_list.item(r)
            if li.data(Qt.ItemDataRole.UserRole) == item_id:
                li.setText(f"{r + 1}. {title}")

    def _save_note(self, item_id: int, text: str) -> None:
        note = self._notes.get(item_id)
        if note is None and text.strip():
            self._notes[item_id] = self.services.notes.add(text, meeting_id=self.record_id,
                                                           agenda_item_id=item_id)
        elif note is not None and text.strip():
            self._notes[item_id] = self.services.notes.update(note.id, text)
        elif note is not None:
            self.services.notes.remove(note.id)
            del self._notes[item_id]

    def add_agenda_item(self) -> bool:
        title = self.new_item_title.text()
        try:
            item = self.services.meetings.add_agenda_item(self.record_id, title)
        except UserError as exc:
            msg = exc.errors.get("title", str(exc)) if isinstance(exc, ValidationError) \
                else str(exc)
            self.item_error.show_message(msg)
            return False
        self.item_error.show_message(None)
        self.new_item_title.clear()
        self.refresh_agenda(select_id=item.id)
        self.changed.emit()
        return True

    def current_item_id(self) -> int | None:
        item = self.agenda_list.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item is not None else None

    def remove_agenda_item(self) -> bool:
        item_id = self.current_item_id()
        if item_id is None:
            return False
        self.save_agenda_edits()
        values = self._item_values(item_id)
        if not commands.confirm(self, self.tr("Remove the item “{title}” from the agenda?")
                                .format(title=values["title"])):
            return False
        state = {"id": item_id, "position": self._items[item_id].position}

        def do() -> None:
            self.services.meetings.delete_agenda_item(state["id"])

        def undo() -> None:
            item = self.services.meetings.add_agenda_item(
                self.record_id, values["title"], values["discussion"], values["decisions"],
                position=state["position"])
            state["id"] = item.id
            if values["restricted"].strip():
                self.services.notes.add(values["restricted"], meeting_id=self.record_id,
                                        agenda_item_id=item.id)

        command = commands.CallCommand(
            self.tr("Remove the agenda item “{title}”").format(title=values["title"]), do, undo,
            on_error=self.item_error.show_message, on_change=self.refresh_agenda)
        self.undo_stack.push(command)
        self.changed.emit()
        return True

    def move_agenda_item(self, step: int) -> None:
        row = self.agenda_list.currentRow()
        other = row + step
        if row < 0 or not 0 <= other < self.agenda_list.count():
            return
        self.save_agenda_edits()
        ids = [self.agenda_list.item(r).data(Qt.ItemDataRole.UserRole)
               for r in range(self.agenda_list.count())]
        ids[row], ids[other] = ids[other], ids[row]
        try:
            for pos, item_id in enumerate(ids, start=1):
                if self._items[item_id].position != pos:
                    self.services.meetings.update_agenda_item(item_id, position=pos)
        except UserError as exc:
            self.item_error.show_message(str(exc))
        self.refresh_agenda(select_id=ids[other])
        self.changed.emit()

    # drafts of the whole meeting --------------------------------------------------------------
    def draft_extra(self) -> dict[str, Any]:
        return {"agenda": self._pending}

    def apply_draft_extra(self, extra: dict[str, Any]) -> None:
        for key, edits in (extra.get("agenda") or {}).items():
            if int(key) in self._items:
                self._pending.setdefault(key, {}).update(edits)
        if self._pending:
            self._show_item(self.agenda_list.currentRow())
            self.save_agenda_edits()

    def restore_draft(self) -> None:
        super().restore_draft()
        if not self.dirty:
            return

    def _leave(self) -> None:
        if self.record_id is not None and self._pending:
            self.save_agenda_edits()
        super()._leave()

    # threats and vulnerabilities ---------------------------------------------------------------
    def refresh_threats(self) -> None:
        with self.services.db.session() as s:
            from ...db import models as m

            meeting = s.get(m.Meeting, self.record_id)
            linked = [(t.id, t.title, t.level, t.score) for t in meeting.threats
                      if t.deleted_at is None]
            vulns = [(v.id, v.title, v.place_name) for v in meeting.vulnerabilities
                     if v.deleted_at is None]
            assessed = {a.threat_id for a in s.query(m.ThreatAssessment).filter(
                m.ThreatAssessment.meeting_id == self.record_id)}
        self.threat_list.clear()
        for tid, title, level, score in linked:
            mark = self.tr(" — re-assessed at this meeting") if tid in assessed else ""
            li = QListWidgetItem(f"{title} — {score}/25 {enums.RiskLevel.label_of(level)}{mark}")
            li.setData(Qt.ItemDataRole.UserRole, tid)
            self.threat_list.addItem(li)
        self.vuln_list.clear()
        for vid, title, place in vulns:
            li = QListWidgetItem(title + (f" ({place})" if place else ""))
            li.setData(Qt.ItemDataRole.UserRole, vid)
            self.vuln_list.addItem(li)
        current = self.threat_combo.currentData()
        self.threat_combo.blockSignals(True)
        self.threat_combo.clear()
        self._threats = {t.id: t for t in self.services.threats.list(ListQuery(limit=500))}
        for t in self._threats.values():
            self.threat_combo.addItem(f"{t.title} ({t.place_name})" if t.place_name else t.title,
                                      t.id)
        set_combo(self.threat_combo, current)
        self.threat_combo.blockSignals(False)
        self._threat_picked()
        linked_v = {v[0] for v in vulns}
        self.vuln_combo.clear()
        for v in self.services.vulnerabilities.list(ListQuery(limit=500)):
            if v.id not in linked_v:
                self.vuln_combo.addItem(v.title + (f" ({v.place_name})" if v.place_name else ""),
                                        v.id)

    def _threat_picked(self, *_: Any) -> None:
        t = self._threats.get(self.threat_combo.currentData()) if hasattr(self, "_threats") \
            else None
        if t is not None:
            set_combo(self.like_combo, str(t.likelihood))
            set_combo(self.impact_combo, str(t.impact))
            set_combo(self.trend_combo, t.trend)
        self._assess_score()

    def _assess_score(self, *_: Any) -> None:
        self.assess_badge.show_score(self.like_combo.currentData(),
                                     self.impact_combo.currentData())

    def assess_threat(self) -> bool:
        tid = self.threat_combo.currentData()
        if tid is None:
            return False
        try:
            self.services.threats.assess(tid, likelihood=self.like_combo.currentData(),
                                         impact=self.impact_combo.currentData(),
                                         trend=self.trend_combo.currentData(),
                                         note=self.assess_note.text(),
                                         meeting_id=self.record_id)
        except UserError as exc:
            self.threat_error.show_message(str(exc))
            return False
        self.threat_error.show_message(None)
        self.assess_note.clear()
        self.refresh_threats()
        self.changed.emit()
        return True

    def new_threat(self) -> Any:
        editor = ThreatEditor(self.services, self.undo_stack, None, self)
        editor.saved.connect(self._threat_created)
        self._show_child(editor)
        return editor

    def _threat_created(self, threat_id: int) -> None:
        try:
            self.services.meetings.link_threat(self.record_id, threat_id)
        except UserError as exc:
            self.threat_error.show_message(str(exc))
        self.refresh_threats()
        set_combo(self.threat_combo, threat_id)

    def link_vulnerability(self, vid: int | None = None) -> bool:
        vid = vid or self.vuln_combo.currentData()
        if vid is None:
            return False
        try:
            self.services.meetings.link_vulnerability(self.record_id, vid)
        except UserError as exc:
            self.threat_error.show_message(str(exc))
            return False
        self.refresh_threats()
        self.changed.emit()
        return True

    def new_vulnerability(self) -> Any:
        editor = VulnerabilityEditor(self.services, self.undo_stack, None, self)
        editor.saved.connect(lambda vid: self.link_vulnerability(vid))
        self._show_child(editor)
        return editor

    # recommendations --------------------------------------------------------------------------
    def refresh_recommendations(self) -> None:
        self.rec_list.clear()
        for r in self.services.recommendations.list(ListQuery(
                filters={"meeting_id": self.record_id}, order_by="id", limit=500)):
            text = f"{r.text} — {enums.RecommendationStatus.label_of(r.status)}"
            if r.addressee:
                text += f" ({r.addressee})"
            li = QListWidgetItem(text)
            li.setData(Qt.ItemDataRole.UserRole, r.id)
            self.rec_list.addItem(li)

    def open_recommendation(self, new: bool = False) -> Any:
        rid = None
        if not new:
            item = self.rec_list.currentItem()
            if item is None:
                return None
            rid = item.data(Qt.ItemDataRole.UserRole)
        editor = RecommendationEditor(self.services, self.undo_stack, rid, self,
                                      meeting_id=self.record_id)
        editor.changed.connect(self.refresh_recommendations)
        self._show_child(editor)
        return editor

    # adoption ---------------------------------------------------------------------------------
    def refresh_adoption(self) -> None:
        obj = self.services.meetings.get(self.record_id)
        self.adopted_by.clear()
        later = self.services.meetings.list(ListQuery(filters={"date_from": obj.date},
                                                      order_by="date", limit=50))
        for other in later:
            if other.id != obj.id:
                self.adopted_by.addItem(f"{fr_date(other.date)} ({other.reference})", other.id)
        if obj.status == "adopted":
            text = self.readonly_banner.text() or self.is_read_only(obj) or ""
            if obj.adopted_with_amendments:
                text += " " + self.tr("Adopted with amendments.")
            self.adoption_state.setText(text)
        elif obj.status == "held":
            self.adoption_state.setText(self.tr("This PV awaits adoption at a later meeting "
                                                "(standing item « Lecture et adoption du "
                                                "procès-verbal de la réunion précédente »)."))
        else:
            self.adoption_state.setText(self.tr("Only the PV of a held meeting can be adopted: "
                                                "mark the meeting as held first (General tab)."))
        self.adopt_box.setVisible(obj.status != "adopted")
        self.amend_box.setVisible(obj.status == "adopted")
        self.amend_list.clear()
        with self.services.db.session() as s:
            from ...db import models as m

            for a in s.query(m.Amendment).filter(m.Amendment.meeting_id == obj.id,
                                                 m.Amendment.deleted_at.is_(None)) \
                    .order_by(m.Amendment.date):
                self.amend_list.addItem(self.tr("{date} — {reason}: {text}").format(
                    date=fr_date(a.date), reason=a.reason, text=a.text))

    def _choose_scan(self) -> None:
        files = attachments_mod.choose_files(self)
        if files:
            self.scan_path.setText(files[0])

    def adopt(self) -> bool:
        scan = None
        path = self.scan_path.text().strip()
        if path:
            try:
                scan = (Path(path).name, Path(path).read_bytes())
            except OSError as exc:
                self.adopt_error.show_message(self.tr("Cannot read the scan: {error}").format(
                    error=french_os_error(exc)))
                return False
        try:
            self.services.meetings.adopt(self.record_id, self.adopted_by.currentData(),
                                         with_amendments=self.with_amendments.isChecked(),
                                         scan=scan)
        except ValidationError as exc:
            self.adopt_error.show_message(" ".join(exc.errors.values()))
            return False
        except UserError as exc:
            self.adopt_error.show_message(str(exc))
            return False
        self.adopt_error.show_message(None)
        self.freeze_warning = freeze_minutes(self.services.db, self.record_id)
        self.reload()
        if self.freeze_warning:
            self.adoption_state.setText(self.adoption_state.text() + "\n" + self.freeze_warning)
        self.changed.emit()
        return True

    def add_amendment(self) -> bool:
        try:
            self.services.meetings.add_amendment(self.record_id, date_value(self.amend_date),
                                                 self.amend_reason.text(),
                                                 self.amend_text.toPlainText())
        except ValidationError as exc:
            self.amend_error.show_message(" ".join(exc.errors.values()))
            return False
        self.amend_error.show_message(None)
        self.amend_reason.clear()
        self.amend_text.clear()
        self.refresh_adoption()
        self.changed.emit()
        return True

    def preview_minutes(self) -> Any:
        """Open the documents view (preview, print, save) on this meeting's PV."""
        view = _documents_view()
        cls = getattr(view, "DocumentsView", None) if view is not None else None
        if cls is None:
            return None
        try:
            widget = cls(self.services.db, self.record_id, self)
        except Exception as exc:  # noqa: BLE001  (a preview must never lose the meeting)
            log.warning("PV preview failed: %s", exc)
            commands.inform(self, self.tr("The PV preview could not open: {error}").format(
                error=exc))
            return None
        widget.setWindowFlag(Qt.WindowType.Window, True)
        widget.setWindowTitle(self.windowTitle())
        widget.resize(820, 900)
        widget.show()
        self.children.append(widget)
        return widget


def _documents_view() -> Any:
    try:
        from .. import documents_view  # type: ignore[attr-defined]
    except ImportError:
        return None
    return documents_view


def freeze_minutes(db: Any, meeting_id: int) -> str | None:
    """Archive the adopted PV as a PDF when the documents service is there; the adoption is
    already saved, so a failure here is only a warning."""
    try:
        from ...services.documents import freeze_adopted_minutes
    except ImportError:
        return None
    try:
        freeze_adopted_minutes(db, meeting_id)
    except Exception as exc:  # noqa: BLE001
        log.warning("freezing the adopted PV failed: %s", exc)
        from PySide6.QtCore import QCoreApplication

        return QCoreApplication.translate(
            "MeetingEditor", "Warning: the PDF of the adopted PV could not be archived now "
            "({error}); the adoption itself is saved.").format(error=exc)
    return None
