"""What every editor shares: a form with inline errors, drafts, autosave, shortcuts, delete.

Strings here go through `QCoreApplication.translate("RecordEditor", ...)` with an explicit
context: PySide6's `self.tr()` looks strings up under the *runtime* class name, which would miss
the strings of a base class.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import QCoreApplication, QDate, QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QKeySequence, QPalette, QShortcut, QUndoStack
from PySide6.QtWidgets import (
    QCheckBox, QComboBox, QDateEdit, QDialog, QFormLayout, QFrame, QHBoxLayout, QLabel,
    QLineEdit, QPlainTextEdit, QPushButton, QSpinBox, QVBoxLayout, QWidget,
)

from ...domain import enums
from ...services.errors import ReadOnly, UserError, ValidationError
from .. import commands
from ..i18n import active_language, long_date, time_text
from ..views.crss import is_crss
from ..drafts import DraftKeeper, Draft
from ..window_fit import fit_window, scroll_area

NONE_DATE = QDate(2000, 1, 1)
ERROR_STYLE = "color: #b00020; font-weight: bold;"
BANNER_STYLES = {
    "info": "background: #e8f0fe; border: 1px solid #1a56b0; padding: 6px; color: #0b2a66;",
    "warning": "background: #fff4e0; border: 1px solid #b35900; padding: 6px; color: #5c2e00;",
    "readonly": "background: #eeeeee; border: 2px solid #333333; padding: 6px; "
                "color: #000000; font-weight: bold;",
}
LEVEL_COLOURS = {  # background, text: readable when printed in black and white (the text says it)
    "low": ("#2e7d32", "#ffffff"), "medium": ("#f9a825", "#000000"),
    "high": ("#e65100", "#ffffff"), "critical": ("#b00020", "#ffffff"),
}
# read-only text stays selectable (copy) but must not look like a field to type in
READ_ONLY_BASE = "#ececec"


def mark_read_only(widget: QWidget, read_only: bool) -> None:
    """setReadOnly, and a grey field while read-only (the palette keeps the native look; a
    field with its own style sheet, the restricted note, styles [readOnly="true"] itself)."""
    widget.setReadOnly(read_only)
    if read_only:
        palette = QPalette(widget.palette())
        palette.setColor(QPalette.ColorRole.Base, QColor(READ_ONLY_BASE))
        widget.setPalette(palette)
    else:
        widget.setPalette(QPalette())  # nothing set: the application's palette again
    if widget.styleSheet():
        widget.style().unpolish(widget)
        widget.style().polish(widget)
    widget.update()


RESTRICTED_STYLE = ("QFrame#restrictedBox { border: 3px solid #b00020; border-radius: 4px; "
                    "background: #fff5f5; }")


def label_of(enum: type[enums.Labelled], code: str | None) -> str:
    return enum.label_of(code)


def level_badge_style(level: str) -> str:
    bg, fg = LEVEL_COLOURS.get(level, ("#777777", "#ffffff"))
    return (f"background: {bg}; color: {fg}; border: 2px solid #000000; border-radius: 4px; "
            "padding: 3px 8px; font-weight: bold;")


class ErrorLabel(QLabel):
    """The red line under a field that shows the service's French message."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setStyleSheet(ERROR_STYLE)
        self.setWordWrap(True)
        self.hide()

    def show_message(self, text: str | None) -> None:
        self.setText(text or "")
        self.setVisible(bool(text))


class Banner(QLabel):
    def __init__(self, style: str = "info", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWordWrap(True)
        self.setStyleSheet(BANNER_STYLES[style])
        self.hide()


def make_combo(choices: list[tuple[Any, str]], none_label: str | None = None) -> QComboBox:
    combo = QComboBox()
    if none_label is not None:
        combo.addItem(none_label, None)
    for code, text in choices:
        combo.addItem(text, code)
    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
    return combo


def set_combo(combo: QComboBox, code: Any) -> None:
    index = combo.findData(code)
    combo.setCurrentIndex(index if index >= 0 else (0 if combo.count() else -1))


class DateEdit(QDateEdit):
    """A date written as French writes it: « 1er décembre 2026 » for the first of a month
    (« 5 décembre 2026 » otherwise). While the field has the focus it uses the plain format,
    so that typing the day, the month or the year works section by section as in any
    QDateEdit; on leaving it (or when the date changes from elsewhere) it shows « 1er »."""

    PLAIN = "d MMMM yyyy"
    FIRST = "d'er' MMMM yyyy"

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setDisplayFormat(self.PLAIN)
        self.dateChanged.connect(self._follow_date)

    def _follow_date(self, *_: Any) -> None:
        first = self.date().day() == 1 and not self.hasFocus() and active_language() == "fr"
        wanted = self.FIRST if first else self.PLAIN
        if self.displayFormat() != wanted:
            section = self.currentSection()
            self.setDisplayFormat(wanted)
            self.setCurrentSection(section)

    def focusInEvent(self, event: Any) -> None:  # noqa: N802
        super().focusInEvent(event)
        self._follow_date()

    def focusOutEvent(self, event: Any) -> None:  # noqa: N802
        super().focusOutEvent(event)
        self._follow_date()


class OptionalDateEdit(DateEdit):
    """A date that may stay empty (shown "(none)", stored as NONE_DATE): its calendar opens on
    the current month, and the arrow keys start from today, never from janvier 2000."""

    def is_empty(self) -> bool:
        return self.date() == NONE_DATE and bool(self.specialValueText())

    def setCalendarPopup(self, enable: bool) -> None:  # noqa: N802
        super().setCalendarPopup(enable)
        calendar = self.calendarWidget() if enable else None
        if calendar is not None:
            calendar.installEventFilter(self)

    def eventFilter(self, obj: QObject, event: Any) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.Show and obj is self.calendarWidget() and \
                self.is_empty():
            today = QDate.currentDate()
            obj.setCurrentPage(today.year(), today.month())
        return super().eventFilter(obj, event)

    def stepBy(self, steps: int) -> None:  # noqa: N802
        if self.is_empty():
            self.setDate(QDate.currentDate())
            return
        super().stepBy(steps)


def make_date(optional: bool = True) -> QDateEdit:
    edit = OptionalDateEdit() if optional else DateEdit()
    edit.setCalendarPopup(True)
    edit.setMinimumDate(NONE_DATE)
    if optional:
        edit.setSpecialValueText(QCoreApplication.translate("RecordEditor", "(none)"))
        edit.setDate(NONE_DATE)
    else:
        edit.setDate(QDate.currentDate())
    return edit


def date_value(edit: QDateEdit) -> str | None:
    q = edit.date()
    if q == NONE_DATE and edit.specialValueText():
        return None
    return dt.date(q.year(), q.month(), q.day()).isoformat()


def set_date(edit: QDateEdit, value: dt.date | str | None) -> None:
    if isinstance(value, str) and value:
        value = dt.date.fromisoformat(value)
    if not value:
        edit.setDate(NONE_DATE)
    else:
        edit.setDate(QDate(value.year, value.month, value.day))


class Form(QObject):
    """Rows of labelled fields, each with its red error line; values are JSON-friendly
    (codes, ISO dates, text, booleans, numbers) so that drafts can keep them."""

    changed = Signal()

    def __init__(self, layout: QFormLayout, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.layout = layout
        layout.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        layout.setRowWrapPolicy(QFormLayout.RowWrapPolicy.DontWrapRows)
        self.widgets: dict[str, QWidget] = {}
        self.errors: dict[str, ErrorLabel] = {}
        self.labels: dict[str, QLabel] = {}
        self._loading = False

    # building -------------------------------------------------------------------------------
    def add(self, name: str, label: str, widget: QWidget, hint: str = "") -> QWidget:
        box = QWidget()
        col = QVBoxLayout(box)
        col.setContentsMargins(0, 0, 0, 0)
        col.setSpacing(2)
        col.addWidget(widget)
        if hint:
            h = QLabel(hint)
            h.setWordWrap(True)
            h.setStyleSheet("color: #444444; font-size: 9pt;")
            col.addWidget(h)
        err = ErrorLabel()
        err.setObjectName(f"error_{name}")
        col.addWidget(err)
        lab = QLabel(label)
        lab.setBuddy(widget)
        self.layout.addRow(lab, box)
        widget.setObjectName(name)
        self.widgets[name] = widget
        self.errors[name] = err
        self.labels[name] = lab
        self._connect(widget)
        return widget

    def _connect(self, w: QWidget) -> None:
        if isinstance(w, QLineEdit):
            w.textEdited.connect(self._emit)
        elif isinstance(w, QPlainTextEdit):
            w.textChanged.connect(self._emit)
        elif isinstance(w, QComboBox):
            w.currentIndexChanged.connect(self._emit)
            if w.isEditable():
                w.editTextChanged.connect(self._emit)
        elif isinstance(w, QDateEdit):
            w.dateChanged.connect(self._emit)
        elif isinstance(w, QCheckBox):
            w.toggled.connect(self._emit)
        elif isinstance(w, QSpinBox):
            w.valueChanged.connect(self._emit)

    def _emit(self, *_: Any) -> None:
        if not self._loading:
            self.changed.emit()

    def line(self, name: str, label: str, placeholder: str = "", hint: str = "") -> QLineEdit:
        w = QLineEdit()
        w.setPlaceholderText(placeholder)
        return self.add(name, label, w, hint)  # type: ignore[return-value]

    def text(self, name: str, label: str, placeholder: str = "",
             height: int = 90) -> QPlainTextEdit:
        w = QPlainTextEdit()
        w.setPlaceholderText(placeholder)
        w.setTabChangesFocus(True)
        w.setMinimumHeight(height)
        return self.add(name, label, w)  # type: ignore[return-value]

    def combo(self, name: str, label: str, choices: list[tuple[Any, str]],
              none_label: str | None = None, hint: str = "") -> QComboBox:
        return self.add(name, label, make_combo(choices, none_label), hint)  # type: ignore

    def date(self, name: str, label: str, optional: bool = True) -> QDateEdit:
        return self.add(name, label, make_date(optional))  # type: ignore[return-value]

    def check(self, name: str, label: str, text: str, hint: str = "") -> QCheckBox:
        return self.add(name, label, QCheckBox(text), hint)  # type: ignore[return-value]

    def spin(self, name: str, label: str, maximum: int = 1_000_000) -> QSpinBox:
        w = QSpinBox()
        w.setRange(0, maximum)
        w.setGroupSeparatorShown(True)
        return self.add(name, label, w)  # type: ignore[return-value]

    # values ---------------------------------------------------------------------------------
    def value(self, name: str) -> Any:
        w = self.widgets[name]
        if isinstance(w, QLineEdit):
            return w.text()
        if isinstance(w, QPlainTextEdit):
            return w.toPlainText()
        if isinstance(w, QComboBox):
            return w.currentData()
        if isinstance(w, QDateEdit):
            return date_value(w)
        if isinstance(w, QCheckBox):
            return w.isChecked()
        if isinstance(w, QSpinBox):
            return w.value()
        raise TypeError(name)

    def set_value(self, name: str, value: Any) -> None:
        w = self.widgets[name]
        if isinstance(w, QLineEdit):
            w.setText("" if value is None else str(value))
        elif isinstance(w, QPlainTextEdit):
            w.setPlainText("" if value is None else str(value))
        elif isinstance(w, QComboBox):
            set_combo(w, value)
        elif isinstance(w, QDateEdit):
            set_date(w, value)
        elif isinstance(w, QCheckBox):
            w.setChecked(bool(value))
        elif isinstance(w, QSpinBox):
            w.setValue(int(value or 0))

    def values(self) -> dict[str, Any]:
        return {name: self.value(name) for name in self.widgets}

    def set_values(self, values: dict[str, Any]) -> None:
        self._loading = True
        try:
            for name, value in values.items():
                if name in self.widgets:
                    self.set_value(name, value)
        finally:
            self._loading = False

    # errors and state -----------------------------------------------------------------------
    def show_errors(self, errors: dict[str, str]) -> dict[str, str]:
        """Show each message under its field; returns the messages that have no field."""
        rest: dict[str, str] = {}
        for name, label in self.errors.items():
            label.show_message(errors.get(name))
        for key, message in errors.items():
            if key not in self.errors:
                rest[key] = message
        return rest

    def clear_errors(self) -> None:
        for label in self.errors.values():
            label.show_message(None)

    def set_read_only(self, read_only: bool) -> None:
        for w in self.widgets.values():
            if isinstance(w, (QLineEdit, QPlainTextEdit)):
                mark_read_only(w, read_only)
            w.setEnabled(not read_only or isinstance(w, (QLineEdit, QPlainTextEdit)))


def restricted_box(title: str, explanation: str, editor: QPlainTextEdit) -> QFrame:
    """A red-framed "DIFFUSION RESTREINTE" box around a text field, apart from everything."""
    frame = QFrame()
    frame.setObjectName("restrictedBox")
    frame.setStyleSheet(RESTRICTED_STYLE)
    col = QVBoxLayout(frame)
    head = QLabel(title)
    head.setStyleSheet("color: #b00020; font-weight: bold; font-size: 11pt; border: none;"
                       "background: transparent;")
    col.addWidget(head)
    exp = QLabel(explanation)
    exp.setWordWrap(True)
    exp.setStyleSheet("border: none; background: transparent; color: #5a0010;")
    col.addWidget(exp)
    editor.setStyleSheet("QPlainTextEdit { background: #ffffff; border: 1px solid #b00020; }"
                         " QPlainTextEdit[readOnly=\"true\"] { background: #f4ecec; }")
    col.addWidget(editor)
    return frame


class RecordEditor(QDialog):
    """A non-modal dialog editing one record.

    Subclasses set `kind`, build their fields in `build()` with `self.form`, and may override
    `load(obj) -> dict` (form values of a record), `to_service(values) -> dict`, `create(values)`,
    `draft_extra()` / `apply_draft_extra()` and `after_save()`. Existing records save themselves
    500 ms after typing stops; every change also writes a draft until it is saved.
    """

    kind: str = ""
    changed = Signal()
    saved = Signal(int)
    #: emitted before `changed` after each save, with what it changed (services.records.Change)
    wrote = Signal(object)
    AUTOSAVE_MS = 500
    DEFAULT_SIZE = (660, 600)

    def __init__(self, services: Any, undo_stack: QUndoStack | None = None,
                 record_id: int | None = None, parent: QWidget | None = None,
                 offer_drafts: bool = True) -> None:
        super().__init__(parent)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, False)
        self.services = services
        self.undo_stack = undo_stack if undo_stack is not None else QUndoStack(self)
        self.record_id = record_id
        self.read_only = False
        self.dirty = False
        #: the service values as last loaded or saved: an update sends only what differs
        self._saved_values: dict[str, Any] | None = None
        self.last_error: str | None = None
        self.service = getattr(services, self.kind)
        self.keeper = DraftKeeper(services.db.data_dir, self.kind, record_id, self.draft_content,
                                  parent=self)
        self._autosave = QTimer(self)
        self._autosave.setSingleShot(True)
        self._autosave.setInterval(self.AUTOSAVE_MS)
        self._autosave.timeout.connect(self.autosave)

        self.outer = QVBoxLayout(self)
        self.draft_banner = QFrame()
        self.draft_banner.setStyleSheet(BANNER_STYLES["warning"])
        row = QHBoxLayout(self.draft_banner)
        self.draft_label = QLabel()
        self.draft_label.setWordWrap(True)
        self.draft_label.setStyleSheet("border: none; background: transparent;")
        row.addWidget(self.draft_label, 1)
        self.restore_button = QPushButton(
            QCoreApplication.translate("RecordEditor", "Restore the draft"))
        self.restore_button.setObjectName("restoreDraft")
        self.ignore_button = QPushButton(QCoreApplication.translate("RecordEditor", "Discard it"))
        self.ignore_button.setObjectName("discardDraft")
        row.addWidget(self.restore_button)
        row.addWidget(self.ignore_button)
        self.restore_button.clicked.connect(self.restore_draft)
        self.ignore_button.clicked.connect(self.discard_offered_draft)
        self.draft_banner.hide()
        self.outer.addWidget(self.draft_banner)
        self.readonly_banner = Banner("readonly")
        self.readonly_banner.setObjectName("readonlyBanner")
        self.outer.addWidget(self.readonly_banner)

        self.body = QWidget()
        self.form_layout = QFormLayout()
        self.form = Form(self.form_layout, self)
        self._ready = False
        self.build()
        self.form.changed.connect(self.on_changed)
        # a form longer than the screen scrolls: the buttons below stay visible
        self.body_scroll = scroll_area(self.body)
        self.outer.addWidget(self.body_scroll, 1)

        self.general_error = ErrorLabel()
        self.general_error.setObjectName("generalError")
        self.outer.addWidget(self.general_error)
        buttons = QHBoxLayout()
        self.status_label = QLabel()
        self.status_label.setObjectName("saveStatus")
        self.status_label.setStyleSheet("color: #333333;")
        buttons.addWidget(self.status_label, 1)
        self.delete_button = QPushButton(QCoreApplication.translate("RecordEditor", "Delete…"))
        self.delete_button.setObjectName("deleteButton")
        self.delete_button.clicked.connect(self.delete_record)
        self.save_button = QPushButton(QCoreApplication.translate("RecordEditor", "Save"))
        self.save_button.setObjectName("saveButton")
        self.save_button.setToolTip(QCoreApplication.translate("RecordEditor", "Save (Ctrl+S)"))
        self.save_button.setDefault(False)
        self.save_button.setAutoDefault(False)
        self.save_button.clicked.connect(self.save)
        self.close_button = QPushButton(QCoreApplication.translate("RecordEditor", "Close"))
        self.close_button.setAutoDefault(False)
        self.close_button.clicked.connect(self.close)
        for b in (self.delete_button, self.save_button, self.close_button):
            buttons.addWidget(b)
        self.outer.addLayout(buttons)

        QShortcut(QKeySequence.StandardKey.Save, self, activated=self.save)
        undo = self.undo_stack.createUndoAction(
            self, QCoreApplication.translate("RecordEditor", "Undo"))
        undo.setShortcut(QKeySequence.StandardKey.Undo)
        redo = self.undo_stack.createRedoAction(
            self, QCoreApplication.translate("RecordEditor", "Redo"))
        redo.setShortcut(QKeySequence.StandardKey.Redo)
        self.addActions([undo, redo])

        self.reload()
        self._ready = True
        if offer_drafts:
            self.offer_draft()
        fit_window(self, self.DEFAULT_SIZE, f"editor/{self.kind}")

    # to override ------------------------------------------------------------------------------
    def build(self) -> None:
        self.body.setLayout(self.form_layout)

    def load(self, obj: Any) -> dict[str, Any]:
        """The form's values from the record's detail (the service's frozen `Detail`)."""
        return {name: getattr(obj, name, None) for name in self.form.widgets}

    def defaults(self) -> dict[str, Any]:
        return {}

    def to_service(self, values: dict[str, Any]) -> dict[str, Any]:
        return values

    def create(self, values: dict[str, Any]) -> Any:
        """A services.records.Saved: what changed and the new record's row."""
        return self.service.save(None, **values)

    def update(self, values: dict[str, Any]) -> Any:
        """A services.records.Saved: what changed and the record's fresh row."""
        return self.service.save(self.record_id, **values)

    def is_read_only(self, obj: Any) -> str | None:
        """A banner text when the record no longer changes."""
        return None

    def _may_edit(self) -> bool:
        """The acting account's role may change records (a lecteur reads only: issue 13)."""
        if not hasattr(self, "_edit_allowed"):
            from ...services import access

            self._edit_allowed = access.can(self.services.db, "records.edit")
        return self._edit_allowed

    def _consolidated(self) -> bool:
        """True in a CRSS database: what the committees sent is read, never edited."""
        if not hasattr(self, "_crss_mode"):
            self._crss_mode = is_crss(self.services)
        return self._crss_mode

    def draft_extra(self) -> dict[str, Any]:
        return {}

    def apply_draft_extra(self, extra: dict[str, Any]) -> None:
        pass

    def after_load(self, obj: Any | None) -> None:
        pass

    def window_title(self, obj: Any | None) -> str:
        return ""

    # loading ----------------------------------------------------------------------------------
    def reload(self) -> None:
        obj = self.service.detail(self.record_id) if self.record_id is not None else None
        self.form.set_values(self.load(obj) if obj is not None else self.defaults())
        self.form.clear_errors()
        self.general_error.show_message(None)
        banner = self.is_read_only(obj) if obj is not None else None
        if obj is not None and self._consolidated():
            banner = QCoreApplication.translate(
                "RecordEditor", "CRSS consolidation: records are read-only here; they change "
                "at the committee that owns them and come back with its next transmission.")
        elif not self._may_edit():
            banner = QCoreApplication.translate(
                "RecordEditor", "Read only: the role of your account lets you read and print "
                "the records, not change them.")
        self.set_read_only(bool(banner), banner)
        self.delete_button.setEnabled(obj is not None and not self.read_only)
        self.setWindowTitle(self.window_title(obj))
        self.after_load(obj)
        self._saved_values = self.to_service(self.form.values()) if obj is not None else None
        self.dirty = False

    def set_read_only(self, read_only: bool, text: str | None = None) -> None:
        self.read_only = read_only
        self.form.set_read_only(read_only)
        self.save_button.setEnabled(not read_only)
        self.keeper.enabled = not read_only
        self.readonly_banner.setText(text or "")
        self.readonly_banner.setVisible(read_only)

    # drafts -----------------------------------------------------------------------------------
    def draft_content(self) -> dict[str, Any]:
        return {"fields": self.form.values(), "extra": self.draft_extra()}

    def offer_draft(self) -> Draft | None:
        draft = self.keeper.load()
        if draft is None or self.read_only:
            return None
        self._offered = draft
        when = QCoreApplication.translate("RecordEditor", "{date} at {time}").format(
            date=long_date(draft.saved_at), time=time_text(draft.saved_at, padded=False))
        self.draft_label.setText(QCoreApplication.translate(
            "RecordEditor", "An unsaved draft was found (written on {when}). "
            "Restore what was typed?").format(when=when))
        self.draft_banner.show()
        return draft

    def restore_draft(self) -> None:
        draft = getattr(self, "_offered", None) or self.keeper.load()
        self.draft_banner.hide()
        if draft is None:
            return
        fields = draft.content.get("fields", {})
        self.form.set_values(fields)
        self.apply_draft_extra(draft.content.get("extra", {}))
        self.on_changed()

    def discard_offered_draft(self) -> None:
        self.draft_banner.hide()
        self.keeper.discard()

    # saving -----------------------------------------------------------------------------------
    def on_changed(self) -> None:
        if self.read_only or not self._ready:
            return
        self.dirty = True
        self.status_label.setText(
            QCoreApplication.translate("RecordEditor", "Changes not saved yet"))
        self.keeper.touch()
        if self.record_id is not None:
            self._autosave.start()

    def autosave(self) -> None:
        if self.dirty and self.record_id is not None and not self.read_only:
            self.save(quiet=True)

    def save(self, quiet: bool = False) -> bool:
        """Save through the service; errors go under their fields and the draft is kept."""
        self._autosave.stop()
        if self.read_only:
            return False
        values = self.to_service(self.form.values())
        try:
            if self.record_id is None:
                saved = self.create(values)
                self.record_id = saved.id
                self.keeper.rekey(saved.id)
                self.delete_button.setEnabled(True)
            else:
                changes = self._changed_values(values)
                if not changes:
                    self._mark_saved()
                    return True
                saved = self.update(changes)
        except ValidationError as exc:
            rest = self.form.show_errors(exc.errors)
            self.general_error.show_message(" ".join(rest.values()) if rest else None)
            self.last_error = str(exc)
            self.status_label.setText(QCoreApplication.translate(
                "RecordEditor", "Not saved: correct the fields in red "
                "(what you typed is kept)."))
            self.keeper.flush()
            return False
        except UserError as exc:  # ReadOnly, NotFound
            self.last_error = str(exc)
            self.general_error.show_message(str(exc))
            self.keeper.flush()
            if isinstance(exc, ReadOnly):
                self.reload()
            return False
        self._saved_values = values
        self._mark_saved()
        self.setWindowTitle(self.window_title(saved.row))
        self.after_save(saved.row)
        self.wrote.emit(saved)
        self.changed.emit()
        self.saved.emit(self.record_id)
        return True

    def _changed_values(self, values: dict[str, Any]) -> dict[str, Any]:
        """The fields that differ from what was last loaded or saved (all when unknown)."""
        before = self._saved_values
        if before is None:
            return values
        return {k: v for k, v in values.items() if k not in before or before[k] != v}

    def _mark_saved(self) -> None:
        self.last_error = None
        self.form.clear_errors()
        self.general_error.show_message(None)
        self.keeper.discard()
        self.dirty = False
        now = dt.datetime.now().time()
        self.status_label.setText(QCoreApplication.translate(
            "RecordEditor", "Saved at {time}").format(time=time_text(now, padded=False)))

    def after_save(self, obj: Any) -> None:
        pass

    # delete and close -------------------------------------------------------------------------
    def delete_record(self) -> bool:
        if self.record_id is None:
            return False
        done = commands.delete_with_undo(self.kind, self.record_id, self.services,
                                         self.undo_stack, self)
        if done:
            self.keeper.discard()
            self.changed.emit()
            self.dirty = False
            self.keeper.enabled = False
            self.close()
        return done

    def _leave(self) -> None:
        """Closing saves what was typed: an existing record, and a new one that is valid (the
        README promises forms that save as you type); an invalid one keeps its draft."""
        if self.dirty and not self.read_only:
            if self.save(quiet=True):
                return
            self.keeper.flush()

    def keyPressEvent(self, event: Any) -> None:  # noqa: N802
        """Ctrl+S also when the window is not the active one (the shortcut needs it)."""
        if event.matches(QKeySequence.StandardKey.Save):
            self.save()
            event.accept()
            return
        super().keyPressEvent(event)

    def reject(self) -> None:  # Esc
        self._leave()
        self.dirty = False
        super().reject()

    def closeEvent(self, event: Any) -> None:  # noqa: N802
        self._leave()
        self.dirty = False
        super().closeEvent(event)

