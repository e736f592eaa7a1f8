"""The Agenda tab: the items in order, and for the item shown its title, discussion, decisions
and restricted note (typed text saves itself after a pause); above them, on the standing item
of the previous PV, the offer to adopt it (previous_minutes.py)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QHBoxLayout, QLabel, QLineEdit, QListWidget, QListWidgetItem, QPlainTextEdit,
    QPushButton, QSplitter, QVBoxLayout, QWidget,
)

from ...i18n import time_text
from ....services.errors import ReadOnly, UserError, ValidationError
from ... import commands
from ..base import ErrorLabel, mark_read_only, restricted_box
from .previous_minutes import PreviousMinutesOffer


class AgendaTab(QSplitter):
    EXPOSED = ("agenda_list", "new_item_title", "add_item_button", "remove_item_button",
               "up_button", "down_button", "item_title", "discussion", "decisions",
               "restricted", "adopt_prev_frame", "adopt_prev_label", "adopt_prev_button",
               "item_error", "_pending", "refresh_agenda", "save_agenda_edits",
               "add_agenda_item", "remove_agenda_item", "move_agenda_item", "adopt_previous",
               "current_item_id")

    def __init__(self, editor: Any) -> None:
        super().__init__(Qt.Orientation.Horizontal)
        self.editor = editor
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
        self.adopt_prev_frame = PreviousMinutesOffer(self)
        self.adopt_prev_label = self.adopt_prev_frame.label
        self.adopt_prev_button = self.adopt_prev_frame.button
        self.adopt_previous = self.adopt_prev_frame.adopt
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
        self.addWidget(left)
        self.addWidget(right)
        self.setStretchFactor(0, 1)
        self.setStretchFactor(1, 2)
        self.agenda_list.currentRowChanged.connect(self._show_item)
        self._item_timer = QTimer(self)
        self._item_timer.setSingleShot(True)
        self._item_timer.setInterval(editor.AUTOSAVE_MS)
        self._item_timer.timeout.connect(self.save_agenda_edits)
        self._pending: dict[str, dict[str, str]] = {}  # item id -> fields not yet saved
        self._items: dict[int, Any] = {}
        self.previous_to_adopt: Any = None
        self._notes: dict[int, Any] = {}  # item id -> RestrictedNote
        self._showing: int | None = None
        for w, name in ((self.item_title, "title"), (self.discussion, "discussion"),
                        (self.decisions, "decisions"), (self.restricted, "restricted")):
            signal = w.textEdited if isinstance(w, QLineEdit) else w.textChanged
            signal.connect(lambda *_, n=name: self._item_edited(n))

    @property
    def services(self) -> Any:
        return self.editor.services

    @property
    def meeting_id(self) -> int:
        return self.editor.record_id

    def set_read_only(self, read_only: bool) -> None:
        for w in (self.add_item_button, self.remove_item_button, self.up_button,
                  self.down_button, self.new_item_title):
            w.setEnabled(not read_only)
        for w in (self.item_title, self.discussion, self.decisions, self.restricted):
            mark_read_only(w, read_only)

    # the list ----------------------------------------------------------------------------------
    def refresh_agenda(self, select_id: int | None = None) -> None:
        self.save_agenda_edits()
        detail = self.services.meetings.detail(self.meeting_id)
        items = detail.agenda
        self._items = {i.id: i for i in items}
        self._notes = {n.agenda_item_id: n for n in detail.restricted_notes if n.agenda_item_id}
        #: the held meeting whose PV awaits adoption (offered on the standing item)
        self.previous_to_adopt = detail.previous_to_adopt
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

    def current_item_id(self) -> int | None:
        item = self.agenda_list.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item is not None else None

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
        self.adopt_prev_frame.offer(self._items.get(item_id) if item_id is not None else None,
                                    self.editor.read_only)

    def show_pending(self) -> None:
        """Show the current item again with the edits of a restored draft, and save them."""
        if self._pending:
            self._show_item(self.agenda_list.currentRow())
            self.save_agenda_edits()

    # typed text, saved after a pause ----------------------------------------------------------
    def _item_edited(self, name: str) -> None:
        if self._showing is None or self.editor.read_only:
            return
        widget = {"title": self.item_title, "discussion": self.discussion,
                  "decisions": self.decisions, "restricted": self.restricted}[name]
        text = widget.text() if isinstance(widget, QLineEdit) else widget.toPlainText()
        self._pending.setdefault(str(self._showing), {})[name] = text
        self.editor.status_label.setText(self.tr("Changes not saved yet"))
        self.editor.keeper.touch()
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
        ed = self.editor
        if ok:
            self.item_error.show_message(None)
            if not ed.dirty and had_pending:
                ed.keeper.discard()
                ed.status_label.setText(self.tr("Saved at {time}").format(
                    time=time_text(dt.datetime.now().time(), padded=False)))
        else:
            ed.keeper.flush()
        return ok

    def _relabel(self, item_id: int, title: str) -> None:
        for r in range(self.agenda_list.count()):
            li = self.agenda_list.item(r)
            if li.data(Qt.ItemDataRole.UserRole) == item_id:
                li.setText(f"{r + 1}. {title}")

    def _save_note(self, item_id: int, text: str) -> None:
        notes = self.services.notes
        note = self._notes.get(item_id)
        if note is None and text.strip():
            self._notes[item_id] = notes.add(text, meeting_id=self.meeting_id,
                                             agenda_item_id=item_id)
        elif note is not None and text.strip():
            self._notes[item_id] = notes.update(note.id, text)
        elif note is not None:
            notes.remove(note.id)
            del self._notes[item_id]

    # adding, removing, moving -----------------------------------------------------------------
    def add_agenda_item(self) -> bool:
        title = self.new_item_title.text()
        try:
            item = self.services.meetings.add_agenda_item(self.meeting_id, title)
        except UserError as exc:
            msg = exc.errors.get("title", str(exc)) if isinstance(exc, ValidationError) \
                else str(exc)
            self.item_error.show_message(msg)
            return False
        self.item_error.show_message(None)
        self.new_item_title.clear()
        self.refresh_agenda(select_id=item.id)
        self.editor.changed.emit()
        return True

    def remove_agenda_item(self) -> bool:
        item_id = self.current_item_id()
        if item_id is None:
            return False
        self.save_agenda_edits()
        values = self._item_values(item_id)
        if not commands.confirm(self.editor, self.tr("Remove the item “{title}” from the "
                                                     "agenda?").format(title=values["title"])):
            return False
        state = {"id": item_id, "position": self._items[item_id].position}
        meetings, meeting_id = self.services.meetings, self.meeting_id

        def do() -> None:
            meetings.delete_agenda_item(state["id"])

        def undo() -> None:
            item = meetings.add_agenda_item(meeting_id, values["title"], values["discussion"],
                                            values["decisions"], position=state["position"])
            state["id"] = item.id
            if values["restricted"].strip():
                self.services.notes.add(values["restricted"], meeting_id=meeting_id,
                                        agenda_item_id=item.id)

        command = commands.CallCommand(
            self.tr("Remove the agenda item “{title}”").format(title=values["title"]), do, undo,
            on_error=self.item_error.show_message, on_change=self.refresh_agenda)
        self.editor.undo_stack.push(command)
        self.editor.changed.emit()
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
        error = None
        try:
            self.services.meetings.reorder_agenda(self.meeting_id, ids)
        except UserError as exc:
            error = str(exc)
        self.refresh_agenda(select_id=ids[other])
        if error is not None:  # after the refresh, which clears the line
            self.item_error.show_message(error)
        self.editor.changed.emit()
