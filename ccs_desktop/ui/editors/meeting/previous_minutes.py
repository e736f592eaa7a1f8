"""On the Agenda tab's standing item "Lecture et adoption du procès-verbal de la réunion
précédente": the previous held meeting whose PV awaits adoption, adopted here in one click."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton

from ...i18n import long_date
from ....services.errors import UserError, ValidationError
from ....services.meetings import STANDING_ITEMS
from ..base import BANNER_STYLES
from .adoption import archive_warning


class PreviousMinutesOffer(QFrame):
    def __init__(self, agenda: Any) -> None:
        super().__init__()
        self.agenda = agenda
        self.previous: Any = None  # the held meeting whose PV awaits adoption here
        self.setObjectName("adoptPreviousFrame")
        self.setStyleSheet(BANNER_STYLES["info"])
        row = QHBoxLayout(self)
        self.label = QLabel()
        self.label.setWordWrap(True)
        self.label.setStyleSheet("border: none; background: transparent;")
        self.button = QPushButton(self.tr("Adopt it at this meeting"))
        self.button.setObjectName("adoptPrevious")
        self.button.clicked.connect(self.adopt)
        row.addWidget(self.label, 1)
        row.addWidget(self.button)
        self.hide()

    def offer(self, item: Any, read_only: bool) -> None:
        """Shown on the standing item while the previous PV awaits adoption."""
        self.previous = None
        if item is not None and item.title == STANDING_ITEMS[0] and not read_only:
            self.previous = self.agenda.previous_to_adopt
        if self.previous is None:
            self.hide()
            return
        self.label.setText(self.tr("The PV {ref} of {date} awaits adoption.").format(
            ref=self.previous.reference, date=long_date(self.previous.date)))
        self.show()

    def adopt(self) -> bool:
        previous, agenda = self.previous, self.agenda
        if previous is None:
            return False
        try:
            adoption = agenda.services.meetings.adopt(previous.id, agenda.meeting_id)
        except UserError as exc:
            agenda.item_error.show_message(" ".join(exc.errors.values())
                                           if isinstance(exc, ValidationError) else str(exc))
            return False
        if not agenda.decisions.toPlainText().strip():
            agenda.decisions.setPlainText(self.tr(
                "The minutes of the meeting of {date} are adopted without amendment.").format(
                date=long_date(previous.date)))  # saved by the agenda autosave
        agenda.item_error.show_message(archive_warning(adoption))
        # the next one awaiting adoption, if any (the detail resolves it)
        agenda.previous_to_adopt = agenda.services.meetings.detail(
            agenda.meeting_id).previous_to_adopt
        self.hide()
        agenda.editor.changed.emit()
        return True
