"""The Attendance tab: present / absent / excused per member (saved at each click), guests,
the counts and the quorum."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QButtonGroup, QComboBox, QGridLayout, QHBoxLayout, QLabel, QPushButton, QScrollArea,
    QVBoxLayout, QWidget,
)

from ....domain import enums
from ....services.errors import UserError
from ....services.records import ListQuery
from ..base import ErrorLabel

ATTENDANCE = ("present", "absent", "excused")


class AttendanceTab(QWidget):
    EXPOSED = ("counts_label", "quorum_label", "category_label", "guest_combo",
               "add_guest_button", "new_guest_button", "attendance_groups", "set_attendance",
               "refresh_attendance", "refresh_counts", "presiding_combo", "set_presiding")

    def __init__(self, editor: Any) -> None:
        super().__init__()
        self.editor = editor
        col = QVBoxLayout(self)
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
        presiding = QHBoxLayout()
        presiding.addWidget(QLabel(self.tr("Presides in the chair's absence:")))
        self.presiding_combo = QComboBox()
        self.presiding_combo.setObjectName("presidingCombo")
        self.presiding_combo.setMinimumWidth(220)
        self.presiding_combo.activated.connect(
            lambda _i: self.set_presiding(self.presiding_combo.currentData()))
        presiding.addWidget(self.presiding_combo, 1)
        col.addLayout(presiding)
        self.attendance_error = ErrorLabel()
        col.addWidget(self.attendance_error)
        self.attendance_groups: dict[int, QButtonGroup] = {}
        self.last_counts: Any = None

    def set_read_only(self, read_only: bool) -> None:
        for w in (self.add_guest_button, self.new_guest_button, self.guest_combo,
                  self.presiding_combo):
            w.setEnabled(not read_only)
        for group in self.attendance_groups.values():
            for b in group.buttons():
                b.setEnabled(not read_only)

    def refresh_attendance(self) -> None:
        ed = self.editor
        # the attendance as the meeting's detail resolves it (AttendanceRow values)
        rows = {a.person_id: a for a in ed.services.meetings.detail(ed.record_id).attendance}
        ed.people = list(ed.services.people.rows(ListQuery(limit=2000)))
        shown = [p for p in ed.people if p.is_member and p.is_active]
        shown += [p for p in ed.people if p.id in rows and p not in shown]
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
            for c, code in enumerate(ATTENDANCE):
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
        for p in ed.people:
            if not p.is_member and p.id not in rows:
                self.guest_combo.addItem(p.display_name, p.id)
        self._fill_presiding(rows)
        self.refresh_counts()
        if getattr(ed, "meeting", None) is not None:
            ed.apply_read_only()

    def _fill_presiding(self, rows: dict[int, Any]) -> None:
        """Members present (the chair left out): the one who presides when the chair is
        absent or excused, as the PV says."""
        detail = self.editor.services.meetings.detail(self.editor.record_id)
        combo = self.presiding_combo
        combo.blockSignals(True)
        combo.clear()
        combo.addItem(self.tr("— the chair presides —"), None)
        for p in self.editor.people:
            a = rows.get(p.id)
            if p.id == detail.presiding_person_id or (
                    a is not None and a.status == "present" and not a.is_guest
                    and p.id != detail.chair_id):
                combo.addItem(p.display_name, p.id)
        index = combo.findData(detail.presiding_person_id)
        combo.setCurrentIndex(max(index, 0))
        combo.blockSignals(False)

    def set_presiding(self, person_id: int | None) -> bool:
        ed = self.editor
        try:
            ed.services.meetings.save(ed.record_id, presiding_person_id=person_id)
        except UserError as exc:
            self.attendance_error.show_message(str(exc))
            return False
        self.attendance_error.show_message(None)
        ed.changed.emit()
        return True

    def refresh_counts(self) -> Any:
        c = self.editor.services.meetings.attendance_counts(self.editor.record_id)
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
        ed = self.editor
        try:
            ed.services.meetings.set_attendance(ed.record_id, person_id, status,
                                                is_guest=is_guest)
        except UserError as exc:
            self.attendance_error.show_message(str(exc))
            self.refresh_attendance()
            return False
        self.attendance_error.show_message(None)
        self.refresh_counts()
        ed.changed.emit()
        return True

    def add_guest(self) -> bool:
        pid = self.guest_combo.currentData()
        if pid is None:
            return False
        ok = self.set_attendance(pid, "present", is_guest=True)
        self.refresh_attendance()
        return ok

    def new_guest(self) -> Any:
        from ..people import PersonEditor

        ed = self.editor
        editor = PersonEditor(ed.services, ed.undo_stack, None, ed)
        editor.form.set_value("is_member", False)
        editor.saved.connect(self._guest_created)
        ed.show_child(editor)
        return editor

    def _guest_created(self, person_id: int) -> None:
        self.set_attendance(person_id, "present", is_guest=True)
        self.refresh_attendance()
