"""The meeting editor: assembles the tabs (general, attendance, agenda, threats and
vulnerabilities, recommendations, adoption, attachments), loads the meeting and says which
parts are read only. Each tab lives in its own module and talks to the services itself."""

from __future__ import annotations

import datetime as dt
import logging
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton, QTabWidget, QVBoxLayout

from ...i18n import long_date, time_text
from ....domain import enums
from ....domain.french import de
from ....services.records import ListQuery
from ... import commands
from ...documents_view import DocumentsView
from ...window_fit import fit_window
from ..attachments import AttachmentsPanel
from ..base import RecordEditor, set_combo
from .adoption import AdoptionTab
from .agenda import AgendaTab
from .attendance import AttendanceTab
from .general import GeneralTab
from .recommendations import RecommendationsTab
from .threats import ThreatsTab

log = logging.getLogger(__name__)


class MeetingEditor(RecordEditor):
    kind = "meetings"
    DEFAULT_SIZE = (980, 700)

    # building -------------------------------------------------------------------------------
    def build(self) -> None:
        # what the editor prefills (chair, secretary, place) and the reference's code
        self.committee = self.services.committee.own()
        self.people = list(self.services.people.rows(ListQuery(
            filters={"is_active": True}, limit=2000)))
        self.children: list[Any] = []
        self.tabs = QTabWidget()
        self.tabs.setObjectName("meetingTabs")
        QVBoxLayout(self.body).addWidget(self.tabs)
        self.tabs.setDocumentMode(True)
        self.general = GeneralTab(self)
        self.attendance = AttendanceTab(self)
        self.agenda = AgendaTab(self)
        self.threats = ThreatsTab(self)
        self.recommendations = RecommendationsTab(self)
        self.adoption = AdoptionTab(self)
        self.parts = (self.general, self.attendance, self.agenda, self.threats,
                      self.recommendations, self.adoption)
        for page, title in zip(self.parts, (
                self.tr("General"), self.tr("Attendance"), self.tr("Agenda"),
                self.tr("Threats and vulnerabilities"), self.tr("Recommendations"),
                self.tr("Adoption"))):
            self.tabs.addTab(page, title)
            for name in page.EXPOSED:  # the tab's widgets and actions, as the editor's own
                setattr(self, name, getattr(page, name))
        self.attachments = AttachmentsPanel(self.services, default_kind="attendance_sheet")
        self.tabs.addTab(self.attachments, self.tr("Attachments"))
        # the printed documents (PV, annex, convocations, attendance sheet) from every tab
        self.documents_button = QPushButton(self.tr("Documents to print…"))
        self.documents_button.setObjectName("documentsButton")
        self.documents_button.setToolTip(self.tr("Preview, print or save the PV, the restricted "
                                                 "annex, the convocations and the attendance "
                                                 "sheet"))
        self.documents_button.clicked.connect(self.preview_minutes)
        self.tabs.setCornerWidget(self.documents_button, Qt.Corner.TopRightCorner)

    def show_child(self, editor: Any) -> None:
        """Show an editor opened from a tab (a guest, a threat, a recommendation...)."""
        self.children.append(editor)
        editor.setWindowModality(Qt.WindowModality.WindowModal)
        editor.show()

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
        values["start_time"] = time_text(obj.start_time, padded=False)
        values["end_time"] = time_text(obj.end_time, padded=False)
        return values

    def to_service(self, values: dict[str, Any]) -> dict[str, Any]:
        out = dict(values)
        if out.get("status") != "not_held":
            out.pop("not_held_reason", None)
            out.pop("postponed_to", None)  # hidden: kept, never checked against the date
        out["year"] = dt.date.fromisoformat(out["date"]).year if out.get("date") else None
        return out

    def create(self, values: dict[str, Any]) -> Any:
        return self.services.meetings.save(None, with_agenda=True, **values)

    def is_read_only(self, obj: Any) -> str | None:
        if obj.status != "adopted":
            return None
        by = ""
        if obj.adopted_by_meeting_id:
            # the detail resolves the adopting meeting's date (None when it is gone)
            when = obj.adopted_by_date
            by = (self.tr(" at the meeting of {date}").format(date=long_date(when))
                  if when is not None else "")
        return self.tr("PV adopted on {date}{by}: read only. A correction is an amendment "
                       "(Adoption tab).").format(date=long_date(obj.adopted_on), by=by)

    def window_title(self, obj: Any) -> str:
        if obj is None:
            return self.tr("New meeting")
        return self.tr("Meeting {ref} of {date}").format(ref=obj.reference,
                                                         date=long_date(obj.date))

    def after_load(self, obj: Any) -> None:
        status = self.form.widgets["status"]
        adopted_index = status.findData("adopted")
        if obj is not None and obj.status == "adopted" and adopted_index < 0:
            status.blockSignals(True)
            status.addItem(enums.MeetingStatus.ADOPTED.label, "adopted")
            set_combo(status, "adopted")
            status.blockSignals(False)
        self.general.update_reference()
        self.general.remember_number(obj)
        self.general.status_state()
        self.general.role_labels()
        exists = obj is not None
        for i in range(1, self.tabs.count()):
            self.tabs.setTabEnabled(i, exists)
        self.documents_button.setEnabled(exists)
        self.need_save.setVisible(not exists)
        if not exists:
            return
        self.meeting = obj
        self.attendance.refresh_attendance()
        self.agenda.refresh_agenda()
        self.threats.refresh_threats()
        self.recommendations.refresh_recommendations()
        self.adoption.refresh_adoption()
        self.attachments.set_owner(meeting_id=obj.id)
        self.apply_read_only()

    def after_save(self, obj: Any) -> None:
        if not self.tabs.isTabEnabled(1):  # just created: open the other tabs
            self.reload()

    def set_read_only(self, read_only: bool, text: str | None = None) -> None:
        super().set_read_only(read_only, text)
        if hasattr(self, "meeting"):
            self.apply_read_only()

    def apply_read_only(self) -> None:
        for part in self.parts:
            part.set_read_only(self.read_only)
        self.attachments.set_read_only(self.read_only)
        self.delete_button.setEnabled(not self.read_only and self.record_id is not None)

    # drafts of the whole meeting: the agenda texts not saved yet --------------------------------
    def draft_extra(self) -> dict[str, Any]:
        return {"agenda": self._pending}

    def apply_draft_extra(self, extra: dict[str, Any]) -> None:
        for key, edits in (extra.get("agenda") or {}).items():
            if int(key) in self.agenda._items:
                self._pending.setdefault(key, {}).update(edits)
        self.agenda.show_pending()

    def _leave(self) -> None:
        if self.record_id is not None and self._pending:
            self.save_agenda_edits()
        super()._leave()

    # the printed documents --------------------------------------------------------------------
    def preview_minutes(self) -> Any:
        """Open the documents view (preview, print, save) on this meeting's PV."""
        try:
            widget = DocumentsView(self.services.db, self.record_id, self,
                                   numbering=self.general.numbering())
        except Exception as exc:  # noqa: BLE001  (a preview must never lose the meeting)
            log.warning("PV preview failed: %s", exc)
            commands.inform(self, self.tr("The PV preview could not open: {error}").format(
                error=exc))
            return None
        widget.setWindowFlag(Qt.WindowType.Window, True)
        widget.setWindowTitle(self.windowTitle())
        fit_window(widget, (820, 900), "documents")
        widget.show()
        self.children.append(widget)
        return widget
