"""The Recommendations tab: the recommendations made at this meeting, each opened in its own
editor."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QHBoxLayout, QLabel, QListWidget, QListWidgetItem, QPushButton, QVBoxLayout, QWidget,
)

from ....domain import enums
from ....services.records import ListQuery
from ..records import RecommendationEditor


class RecommendationsTab(QWidget):
    EXPOSED = ("rec_list", "new_rec_button", "open_rec_button", "refresh_recommendations",
               "open_recommendation")

    def __init__(self, editor: Any) -> None:
        super().__init__()
        self.editor = editor
        col = QVBoxLayout(self)
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

    def set_read_only(self, read_only: bool) -> None:
        self.new_rec_button.setEnabled(not read_only)

    def refresh_recommendations(self) -> None:
        self.rec_list.clear()
        for r in self.editor.services.recommendations.rows(ListQuery(
                filters={"meeting_id": self.editor.record_id}, order_by="id", limit=500)):
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
        ed = self.editor
        editor = RecommendationEditor(ed.services, ed.undo_stack, rid, ed,
                                      meeting_id=ed.record_id)
        editor.changed.connect(self.refresh_recommendations)
        ed.show_child(editor)
        return editor
