"""Scans and photos attached to a meeting or an activity: add (drag and drop or a file
dialog), view inside the application (ui/widgets/attachment_viewer.py: never a file in the
temporary folder), remove."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox, QHBoxLayout, QLabel, QListWidget, QListWidgetItem, QPushButton,
    QVBoxLayout, QWidget,
)

from ...domain import enums
from ...i18n import human_size
from ...services.errors import UserError
from .. import commands, prompts
from ..widgets.attachment_viewer import AttachmentViewer
from .base import ErrorLabel, make_combo


def choose_files(parent: QWidget | None) -> list[str]:
    """The file dialog, through the prompt seam (tests replace the seam or this function)."""
    title = QCoreApplication.translate("AttachmentsPanel", "Attach scans or photos")
    kinds = QCoreApplication.translate(
        "AttachmentsPanel", "Scans and photos (*.pdf *.jpg *.jpeg *.png *.tif *.tiff);;"
        "All files (*)")
    return prompts.current().choose_file(parent, title, kinds, start=str(Path.home()),
                                         mode=prompts.OPEN_MANY)


class AttachmentsPanel(QWidget):
    """A list of attachments; files dropped on it are attached."""

    changed = Signal()

    def __init__(self, services: Any, *, meeting_id: int | None = None,
                 activity_id: int | None = None, default_kind: str = "other",
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.meeting_id = meeting_id
        self.activity_id = activity_id
        self.read_only = False
        self.setAcceptDrops(True)
        col = QVBoxLayout(self)
        hint = QLabel(self.tr("Drop scans or photos here (signed attendance sheet, signed and "
                              "stamped PV, convocation receipts…), or use « Add a file »."))
        hint.setWordWrap(True)
        col.addWidget(hint)
        self.list = QListWidget()
        self.list.setObjectName("attachmentList")
        self.list.itemDoubleClicked.connect(lambda *_: self.open_selected())
        col.addWidget(self.list, 1)
        row = QHBoxLayout()
        row.addWidget(QLabel(self.tr("Kind:")))
        self.kind_combo: QComboBox = make_combo(enums.AttachmentKind.choices())
        self.kind_combo.setObjectName("attachmentKind")
        index = self.kind_combo.findData(default_kind)
        self.kind_combo.setCurrentIndex(max(index, 0))
        row.addWidget(self.kind_combo)
        row.addStretch(1)
        self.add_button = QPushButton(self.tr("Add a file…"))
        self.add_button.setObjectName("addAttachment")
        self.open_button = QPushButton(self.tr("Open"))
        self.open_button.setObjectName("openAttachment")
        self.remove_button = QPushButton(self.tr("Remove"))
        self.remove_button.setObjectName("removeAttachment")
        for b in (self.add_button, self.open_button, self.remove_button):
            row.addWidget(b)
        col.addLayout(row)
        self.error = ErrorLabel()
        col.addWidget(self.error)
        self.add_button.clicked.connect(lambda: self.add_files(choose_files(self)))
        self.open_button.clicked.connect(self.open_selected)
        self.remove_button.clicked.connect(self.remove_selected)
        self.refresh()

    def set_owner(self, *, meeting_id: int | None = None, activity_id: int | None = None) -> None:
        self.meeting_id, self.activity_id = meeting_id, activity_id
        self.refresh()

    def set_read_only(self, read_only: bool) -> None:
        """An adopted PV keeps its attachments; the signed scan may still be added."""
        self.read_only = read_only
        self.remove_button.setEnabled(not read_only)

    def refresh(self) -> None:
        self.list.clear()
        owner = self.meeting_id is not None or self.activity_id is not None
        for b in (self.add_button, self.open_button):
            b.setEnabled(owner)
        self.remove_button.setEnabled(owner and not self.read_only)
        if not owner:
            return
        for a in self.services.attachments.list_for(meeting_id=self.meeting_id,
                                                    activity_id=self.activity_id):
            size = human_size(a.size)
            item = QListWidgetItem(f"{a.filename} — {enums.AttachmentKind.label_of(a.kind)} "
                                   f"({size})")
            item.setData(Qt.ItemDataRole.UserRole, a.id)
            item.setData(Qt.ItemDataRole.UserRole + 1, a.filename)
            self.list.addItem(item)

    def add_files(self, paths: list[str]) -> int:
        added = 0
        self.error.show_message(None)
        for path in paths:
            try:
                self.services.attachments.add_file(path, kind=self.kind_combo.currentData(),
                                                   meeting_id=self.meeting_id,
                                                   activity_id=self.activity_id)
                added += 1
            except UserError as exc:
                self.error.show_message(str(exc))
        self.refresh()
        if added:
            self.changed.emit()
        return added

    def _selected(self) -> tuple[int, str] | None:
        item = self.list.currentItem()
        if item is None:
            return None
        return (item.data(Qt.ItemDataRole.UserRole), item.data(Qt.ItemDataRole.UserRole + 1))

    def open_selected(self) -> AttachmentViewer | None:
        """Show the selected attachment inside the application (its bytes, from the
        database: no file is written; a copy in clear is made from the viewer only on
        request, after a warning)."""
        sel = self._selected()
        if sel is None:
            return None
        self.error.show_message(None)
        viewer = AttachmentViewer(self.services, sel[0], sel[1], self)
        viewer.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        prompts.current().run_dialog(viewer)
        return viewer

    def remove_selected(self) -> bool:
        sel = self._selected()
        if sel is None or self.read_only:
            return False
        if not commands.confirm(self, self.tr("Remove the attachment “{name}”?").format(
                name=sel[1])):
            return False
        self.services.attachments.remove(sel[0])
        self.refresh()
        self.changed.emit()
        return True

    # drag and drop ----------------------------------------------------------------------------
    def dragEnterEvent(self, event: Any) -> None:  # noqa: N802
        if event.mimeData().hasUrls() and self.add_button.isEnabled():
            event.acceptProposedAction()

    def dragMoveEvent(self, event: Any) -> None:  # noqa: N802
        if event.mimeData().hasUrls():
            event.acceptProposedAction()

    def dropEvent(self, event: Any) -> None:  # noqa: N802
        paths = [u.toLocalFile() for u in event.mimeData().urls() if u.isLocalFile()]
        if paths:
            self.add_files(paths)
            event.acceptProposedAction()
