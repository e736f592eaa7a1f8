"""The General tab: number, date, kind, status, times, place, chair and secretary, convocation,
and the two status buttons (held, not held). Its fields live in the editor's form."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from ....domain import enums
from ....services import coherence
from ....services.meetings import reference
from ...widgets.coherence import confirm_despite
from ..base import Banner, set_combo


def status_choices() -> list[tuple[str, str]]:
    """The statuses a secretary chooses (adoption is recorded on its own tab), in the
    interface's language: computed when the form is built, never at import."""
    return [(c, lab) for c, lab in enums.MeetingStatus.choices() if c != "adopted"]


class GeneralTab(QWidget):
    EXPOSED = ("need_save", "reference_label", "not_held_button", "held_button")

    def __init__(self, editor: Any) -> None:
        super().__init__()
        self.editor = editor
        col = QVBoxLayout(self)
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
        f = self.form = editor.form
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
        f.date("postponed_to", self.tr("Put off to"))
        f.line("extraordinary_reason", self.tr("Convened because"),
               self.tr("e.g. à la demande du Préfet, en raison des attaques du 3 mars"))
        col.addLayout(editor.form_layout)
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
        f.widgets["number"].valueChanged.connect(self.update_reference)
        f.widgets["date"].dateChanged.connect(self.update_reference)
        f.widgets["date"].dateChanged.connect(self.follow_year)
        #: (year, number) as loaded or proposed: a date moved to another year takes the next
        #: number of that year, unless the secretary typed a number of her own
        self._numbered: tuple[int, int] | None = None
        f.widgets["status"].currentIndexChanged.connect(self.status_state)
        f.widgets["kind"].currentIndexChanged.connect(self.status_state)
        f.widgets["chair_id"].currentIndexChanged.connect(self.role_labels)
        f.widgets["secretary_id"].currentIndexChanged.connect(self.role_labels)

    def _person_choices(self) -> list[tuple[int, str]]:
        return [(p.id, p.display_name) for p in self.editor.people if p.is_member]

    def set_read_only(self, read_only: bool) -> None:
        for w in (self.not_held_button, self.held_button):
            w.setEnabled(not read_only)

    def numbering(self) -> tuple[int, int, str]:
        """(number, year, committee code) as the form shows them: the reference, and the
        names of the saved documents."""
        committee = self.editor.committee
        return (self.form.value("number") or 0, self._year(),
                committee.code if committee else "CCS")

    def update_reference(self, *_: Any) -> None:
        self.reference_label.setText(reference(*self.numbering()))

    def _year(self) -> int:
        date = self.form.value("date")
        return dt.date.fromisoformat(date).year if date else dt.date.today().year

    def remember_number(self, obj: Any | None) -> None:
        """The number shown belongs to the year of the date shown (after a load)."""
        year = obj.year if obj is not None and obj.year else self._year()
        self._numbered = (year, self.form.value("number") or 0)
        self._stored = (obj.year, obj.number) if obj is not None else None

    def follow_year(self, *_: Any) -> None:
        """PVs are numbered per year: 8 janvier 2027 after 2026's meetings is N°001/2027."""
        if self._numbered is None or self.editor.read_only:
            return
        year, number = self._numbered
        new_year = self._year()
        if new_year == year or (self.form.value("number") or 0) != number:
            return  # same year, or a number the secretary chose herself
        stored = getattr(self, "_stored", None)
        if stored is not None and stored[0] == new_year:
            proposed = stored[1]  # back to the meeting's own year: its own number
        else:
            proposed = self.editor.services.meetings.next_number(new_year)
        self._numbered = (new_year, proposed)
        self.form.widgets["number"].setValue(proposed)

    def status_state(self, *_: Any) -> None:
        """The not-held fields on for a meeting not held; the new date shown only for one,
        the reason of the convocation only for an extraordinary meeting."""
        not_held = self.form.value("status") == "not_held"
        for name in ("not_held_reason", "not_held_reason_text"):
            self.form.widgets[name].setEnabled(not_held and not self.editor.read_only)
            self.form.labels[name].setEnabled(not_held)
        extraordinary = self.form.value("kind") == enums.MeetingKind.EXTRAORDINARY.value
        for name, shown in (("postponed_to", not_held), ("extraordinary_reason", extraordinary)):
            self.form.widgets[name].setVisible(shown)
            self.form.labels[name].setVisible(shown)

    def _person(self, pid: int | None) -> Any:
        return next((p for p in self.editor.people if p.id == pid), None)

    def role_labels(self, *_: Any) -> None:
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
        self.editor.on_changed()

    def mark_held(self) -> None:
        """Held, after the coherence warnings (a date in the future, no quorum...) if any."""
        ed = self.editor
        if ed.record_id is not None:
            if ed.dirty:
                ed.save(quiet=True)  # the warnings read what is on screen
            warnings = coherence.meeting_warnings(ed.services, ed.record_id)
            if not confirm_despite(self, warnings, self.tr("Mark the meeting as held "
                                                           "anyway?"), self.tr("Mark as held")):
                return
        set_combo(self.form.widgets["status"], "held")
        self.editor.save()
