"""Recommendations (linked to threats and vulnerabilities, followed up) and activities."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFormLayout, QGroupBox, QHBoxLayout, QLabel, QLineEdit, QListWidget, QListWidgetItem,
    QPushButton, QTabWidget, QVBoxLayout, QWidget,
)

from ..i18n import long_date
from ...domain import enums
from ...services import coherence
from ...services.errors import UserError, ValidationError
from ...services.records import ListQuery
from ..widgets.coherence import confirm_despite
from .attachments import AttachmentsPanel
from .base import ErrorLabel, RecordEditor, date_value, make_combo, make_date


class CheckList(QListWidget):
    """Checkable rows carrying record ids."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setMinimumHeight(70)

    def fill(self, rows: list[tuple[int, str]], checked: set[int] | None = None) -> None:
        self.blockSignals(True)
        self.clear()
        for rid, text in rows:
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, rid)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if checked and rid in checked
                               else Qt.CheckState.Unchecked)
            self.addItem(item)
        self.blockSignals(False)

    def checked_ids(self) -> list[int]:
        return [self.item(i).data(Qt.ItemDataRole.UserRole) for i in range(self.count())
                if self.item(i).checkState() == Qt.CheckState.Checked]

    def set_checked(self, ids: set[int] | list[int]) -> None:
        ids = set(ids)
        for i in range(self.count()):
            item = self.item(i)
            item.setCheckState(Qt.CheckState.Checked if item.data(Qt.ItemDataRole.UserRole) in ids
                               else Qt.CheckState.Unchecked)

    def check_id(self, rid: int, on: bool = True) -> None:
        for i in range(self.count()):
            item = self.item(i)
            if item.data(Qt.ItemDataRole.UserRole) == rid:
                item.setCheckState(Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)


def threat_rows(services: Any) -> list[tuple[int, str]]:
    return [(t.id, f"{t.title} — {enums.RiskLevel.label_of(t.level)}")
            for t in services.threats.rows(ListQuery(limit=500))]


def vulnerability_rows(services: Any) -> list[tuple[int, str]]:
    return [(v.id, v.title + (f" ({v.place_name})" if v.place_name else ""))
            for v in services.vulnerabilities.rows(ListQuery(limit=500))]


class RecommendationEditor(RecordEditor):
    kind = "recommendations"
    DEFAULT_SIZE = (740, 700)  # fits a 1366×768 laptop with its title bar and taskbar

    def __init__(self, services: Any, undo_stack: Any = None, record_id: int | None = None,
                 parent: QWidget | None = None, meeting_id: int | None = None,
                 **kwargs: Any) -> None:
        self.meeting_id = meeting_id
        super().__init__(services, undo_stack, record_id, parent, **kwargs)

    def build(self) -> None:
        f = self.form
        col = QVBoxLayout(self.body)
        col.setContentsMargins(0, 0, 0, 0)
        f.text("text", self.tr("Recommendation"), self.tr("What the committee recommends, to "
                                                          "whom, by when"), height=70)
        f.line("addressee", self.tr("Addressed to"), self.tr("e.g. Préfet, commandant de "
                                                             "brigade, maire"))
        f.line("responsible", self.tr("Responsible for follow-up"))
        f.date("deadline", self.tr("Deadline"))
        f.combo("priority", self.tr("Priority"), enums.Priority.choices())
        col.addLayout(self.form_layout)
        links = QHBoxLayout()
        tbox = QGroupBox(self.tr("Threats it answers"))
        QVBoxLayout(tbox).addWidget(threats := CheckList())
        vbox = QGroupBox(self.tr("Vulnerabilities it answers"))
        QVBoxLayout(vbox).addWidget(vulns := CheckList())
        threats.setObjectName("threatLinks")
        vulns.setObjectName("vulnerabilityLinks")
        self.threat_links, self.vuln_links = threats, vulns
        threats.fill(threat_rows(self.services))
        vulns.fill(vulnerability_rows(self.services))
        threats.itemChanged.connect(lambda *_: self.on_changed())
        vulns.itemChanged.connect(lambda *_: self.on_changed())
        links.addWidget(tbox)
        links.addWidget(vbox)
        col.addLayout(links)

        self.follow_box = QGroupBox(self.tr("Follow-up"))
        fl = QVBoxLayout(self.follow_box)
        self.status_line = QLabel()
        self.status_line.setObjectName("recommendationStatus")
        self.status_line.setStyleSheet("font-weight: bold;")
        fl.addWidget(self.status_line)
        self.followups = QListWidget()
        self.followups.setObjectName("followups")
        self.followups.setMaximumHeight(80)
        fl.addWidget(self.followups)
        tform = QFormLayout()
        self.t_date = make_date(optional=False)
        self.t_date.setObjectName("transmitDate")
        self.t_letter = QLineEdit()
        self.t_letter.setObjectName("transmitLetter")
        own = self.services.committee.own()  # the committee's own code, not the demo's
        self.t_letter.setPlaceholderText(self.tr("e.g. 012/{code}").format(
            code=own.code if own is not None and own.code else "CCSC"))
        self.t_to = QLineEdit()
        self.t_to.setObjectName("transmitTo")
        self.t_to.setPlaceholderText(self.tr("e.g. Monsieur le Préfet du cercle de Tombouctou"))
        tform.addRow(self.tr("Letter date"), self.t_date)
        tform.addRow(self.tr("Letter number"), self.t_letter)
        tform.addRow(self.tr("Sent to"), self.t_to)
        fl.addLayout(tform)
        row = QHBoxLayout()
        self.transmit_button = QPushButton(self.tr("Record the transmission"))
        self.transmit_button.setObjectName("transmitButton")
        self.transmit_button.clicked.connect(self.transmit)
        row.addWidget(self.transmit_button)
        row.addStretch(1)
        self.outcome = make_combo([(c, l) for c, l in enums.RecommendationStatus.choices()
                                   if c not in ("formulated", "transmitted")])
        self.outcome.setObjectName("followupStatus")
        self.outcome_button = QPushButton(self.tr("Record this status"))
        self.outcome_button.setObjectName("followupButton")
        self.outcome_button.clicked.connect(self.record_status)
        row.addWidget(self.outcome)
        row.addWidget(self.outcome_button)
        fl.addLayout(row)
        self.follow_error = ErrorLabel()
        self.follow_error.setObjectName("followupError")
        fl.addWidget(self.follow_error)
        col.addWidget(self.follow_box)

    def defaults(self) -> dict[str, Any]:
        return {"priority": "normal"}

    def load(self, obj: Any) -> dict[str, Any]:
        return {"text": obj.text, "addressee": obj.addressee, "responsible": obj.responsible,
                "deadline": obj.deadline, "priority": obj.priority}

    def after_load(self, obj: Any) -> None:
        self.follow_box.setEnabled(obj is not None)
        if obj is None:
            self.status_line.setText(self.tr("Save the recommendation to record its "
                                             "transmission."))
            return
        # the detail resolves the links, the meeting and the follow-ups
        self.threat_links.set_checked(set(obj.threat_ids))
        self.vuln_links.set_checked(set(obj.vulnerability_ids))
        self.meeting_id = obj.meeting_id
        frozen = obj.meeting_status == "adopted"
        ref = obj.meeting_reference
        self._show_followups(obj)
        if frozen:
            for name in ("text", "addressee", "responsible", "deadline"):
                w = self.form.widgets[name]
                w.setEnabled(False)
            self.threat_links.setEnabled(False)
            self.vuln_links.setEnabled(False)
            self.readonly_banner.setText(self.tr("Made at the meeting {ref}, whose PV is "
                                                 "adopted: its wording no longer changes; its "
                                                 "follow-up does.").format(ref=ref))
            self.readonly_banner.show()

    def after_save(self, obj: Any) -> None:
        if not self.follow_box.isEnabled():  # just created: the follow-up opens
            self.after_load(self.services.recommendations.detail(obj.id))

    def _show_followups(self, detail: Any) -> None:
        """The status and follow-ups of the recommendation's detail."""
        self.status_line.setText(self.tr("Status: {status}").format(
            status=enums.RecommendationStatus.label_of(detail.status)))
        self.followups.clear()
        for fu in detail.followups:
            parts = [long_date(fu.date), enums.RecommendationStatus.label_of(fu.status)]
            if fu.letter_number:
                parts.append(self.tr("letter no. {n}").format(n=fu.letter_number))
            if fu.sent_to:
                parts.append(self.tr("to {who}").format(who=fu.sent_to))
            if fu.note:
                parts.append(fu.note)
            self.followups.addItem(" — ".join(parts))

    def to_service(self, values: dict[str, Any]) -> dict[str, Any]:
        out = dict(values)
        out["threat_ids"] = self.threat_links.checked_ids()
        out["vulnerability_ids"] = self.vuln_links.checked_ids()
        if self.record_id is None and self.meeting_id is not None:
            out["meeting_id"] = self.meeting_id
        if self.record_id is not None and not self.form.widgets["text"].isEnabled():
            out = {"priority": out["priority"]}  # adopted PV: only the follow-up moves
        return out

    def draft_extra(self) -> dict[str, Any]:
        return {"threat_ids": self.threat_links.checked_ids(),
                "vulnerability_ids": self.vuln_links.checked_ids()}

    def apply_draft_extra(self, extra: dict[str, Any]) -> None:
        self.threat_links.set_checked(extra.get("threat_ids", []))
        self.vuln_links.set_checked(extra.get("vulnerability_ids", []))

    def transmit(self) -> bool:
        if self.record_id is None and not self.save():
            return False
        warnings = coherence.transmission_warnings(
            self.services, self.record_id, status="transmitted", date=date_value(self.t_date),
            letter_number=self.t_letter.text())
        if not confirm_despite(self, warnings, self.tr("Record this transmission anyway?"),
                               self.tr("Record the transmission")):
            return False
        try:
            self.services.recommendations.transmit(
                self.record_id, date=date_value(self.t_date), letter_number=self.t_letter.text(),
                sent_to=self.t_to.text())
        except ValidationError as exc:
            self.follow_error.show_message(" ".join(exc.errors.values()))
            return False
        self.follow_error.show_message(None)
        self.t_letter.clear()
        self.t_to.clear()
        self._show_followups(self.services.recommendations.detail(self.record_id))
        self.changed.emit()
        return True

    def record_status(self) -> bool:
        if self.record_id is None:
            return False
        try:
            self.services.recommendations.add_followup(
                self.record_id, status=self.outcome.currentData(), date=dt.date.today())
        except UserError as exc:
            self.follow_error.show_message(str(exc))
            return False
        self.follow_error.show_message(None)
        self._show_followups(self.services.recommendations.detail(self.record_id))
        self.changed.emit()
        return True

    def window_title(self, obj: Any) -> str:
        return self.tr("Recommendation") if obj is not None else self.tr("New recommendation")


class ActivityEditor(RecordEditor):
    kind = "activities"

    def build(self) -> None:
        f = self.form
        tabs = QTabWidget()
        self.tabs = tabs
        page = QWidget()
        page.setLayout(self.form_layout)
        f.line("title", self.tr("Title"), self.tr("e.g. Awareness campaign on community radio"))
        f.date("date", self.tr("Date"), optional=False)
        f.combo("kind", self.tr("Kind"), enums.ActivityKind.choices())
        f.line("place", self.tr("Place"))
        f.line("partner", self.tr("Partner"), self.tr("e.g. PNUD, DCAF"))
        f.text("description", self.tr("Description"), height=70)
        f.spin("reached_men", self.tr("Men reached"))
        f.spin("reached_women", self.tr("Women reached"))
        f.spin("reached_young_men", self.tr("Young men reached"))
        f.spin("reached_young_women", self.tr("Young women reached"))
        tabs.addTab(page, self.tr("Activity"))
        self.attachments = AttachmentsPanel(self.services, default_kind="photo")
        tabs.addTab(self.attachments, self.tr("Attachments"))
        QVBoxLayout(self.body).addWidget(tabs)

    def defaults(self) -> dict[str, Any]:
        return {"kind": "awareness", "date": dt.date.today()}

    def after_load(self, obj: Any) -> None:
        self.attachments.set_owner(activity_id=obj.id if obj is not None else None)

    def after_save(self, obj: Any) -> None:
        if self.attachments.activity_id != obj.id:
            self.attachments.set_owner(activity_id=obj.id)

    def window_title(self, obj: Any) -> str:
        return obj.title if obj is not None else self.tr("New activity")
