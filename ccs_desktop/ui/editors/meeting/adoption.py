"""The Adoption tab: record the adoption of this PV at a later meeting (with the signed scan),
then the amendments that correct the adopted PV."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QCheckBox, QComboBox, QFormLayout, QGroupBox, QHBoxLayout, QLabel, QLineEdit, QListWidget,
    QPlainTextEdit, QPushButton, QVBoxLayout, QWidget,
)

from ...i18n import long_date
from ....fileio import french_os_error
from ....services import coherence
from ....services.errors import UserError, ValidationError
from ....services.meetings import Adoption
from ....services.records import ListQuery
from .. import attachments as attachments_mod
from ...widgets.coherence import confirm_despite
from ..base import ErrorLabel, date_value, make_date


def archive_warning(adoption: Adoption) -> str | None:
    """The warning shown when the adopted PV could not be archived as a PDF now."""
    if adoption.archived:
        return None
    return QCoreApplication.translate(
        "AdoptionTab", "Warning: the PDF of the adopted PV could not be archived now "
        "({error}); the adoption itself is saved.").format(error=adoption.archive_error)


class AdoptionTab(QWidget):
    EXPOSED = ("adoption_state", "adopt_box", "adopted_by", "with_amendments", "scan_path",
               "adopt_button", "adopt_error", "amend_box", "amend_list", "amend_date",
               "amend_reason", "amend_text", "amend_button", "amend_error", "preview_button",
               "refresh_adoption", "adopt", "add_amendment")

    def __init__(self, editor: Any) -> None:
        super().__init__()
        self.editor = editor
        col = QVBoxLayout(self)
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

        row = QHBoxLayout()
        self.preview_button = QPushButton(self.tr("Preview / print the PV"))
        self.preview_button.setObjectName("previewPV")
        self.preview_button.clicked.connect(editor.preview_minutes)
        row.addWidget(self.preview_button)
        row.addStretch(1)
        col.addLayout(row)
        col.addStretch(1)

    def set_read_only(self, read_only: bool) -> None:
        """An adopted PV no longer changes: only its amendments can be added."""
        self.adopt_box.setEnabled(not read_only)
        self.amend_box.setEnabled(read_only)

    def refresh_adoption(self) -> None:
        ed = self.editor
        meetings = ed.services.meetings
        obj = meetings.detail(ed.record_id)
        self.adopted_by.clear()
        later = meetings.rows(ListQuery(filters={"date_from": obj.date}, order_by="date",
                                        limit=50))
        for other in later:
            if other.id != obj.id:
                self.adopted_by.addItem(f"{long_date(other.date)} ({other.reference})", other.id)
        if obj.status == "adopted":
            text = ed.readonly_banner.text() or ed.is_read_only(obj) or ""
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
        for a in meetings.amendments(obj.id):
            self.amend_list.addItem(self.tr("{date} — {reason}: {text}").format(
                date=long_date(a.date), reason=a.reason, text=a.text))

    def _choose_scan(self) -> None:
        files = attachments_mod.choose_files(self)
        if files:
            self.scan_path.setText(files[0])

    def adopt(self) -> bool:
        """Adopt, store the signed scan and archive the PDF: one service call, after the
        secretary confirmed (adoption cannot be undone) with the coherence warnings read."""
        ed = self.editor
        warnings = coherence.meeting_warnings(ed.services, ed.record_id,
                                              adopted_by=self.adopted_by.currentData())
        if not confirm_despite(self, warnings, self.tr(
                "Adoption is final: the PV will no longer change (a correction is then an "
                "amendment). Adopt this PV?"), self.tr("Adopt the PV"), always=True):
            return False
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
            adoption = ed.services.meetings.adopt(ed.record_id, self.adopted_by.currentData(),
                                                  with_amendments=self.with_amendments
                                                  .isChecked(), scan=scan)
        except ValidationError as exc:
            self.adopt_error.show_message(" ".join(exc.errors.values()))
            return False
        except UserError as exc:
            self.adopt_error.show_message(str(exc))
            return False
        self.adopt_error.show_message(None)
        ed.reload()
        warning = archive_warning(adoption)
        if warning:
            self.adoption_state.setText(self.adoption_state.text() + "\n" + warning)
        ed.changed.emit()
        return True

    def add_amendment(self) -> bool:
        ed = self.editor
        try:
            ed.services.meetings.add_amendment(ed.record_id, date_value(self.amend_date),
                                               self.amend_reason.text(),
                                               self.amend_text.toPlainText())
        except ValidationError as exc:
            self.amend_error.show_message(" ".join(exc.errors.values()))
            return False
        self.amend_error.show_message(None)
        self.amend_reason.clear()
        self.amend_text.clear()
        self.refresh_adoption()
        ed.changed.emit()
        return True
