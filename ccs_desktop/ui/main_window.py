"""The main window (foundation version: the committee and its counts)."""

from __future__ import annotations

from PySide6.QtWidgets import QFormLayout, QLabel, QMainWindow, QVBoxLayout, QWidget

from ..db.engine import Database
from ..services.hub import Services


class MainWindow(QMainWindow):
    def __init__(self, db: Database) -> None:
        super().__init__()
        self.services = Services(db)
        self.setWindowTitle(self.tr("CCS Desktop"))
        central = QWidget(self)
        layout = QVBoxLayout(central)
        committee = self.services.committee.own()
        title = QLabel(committee.name if committee else self.tr("No committee configured yet"))
        title.setObjectName("committeeTitle")
        title.setStyleSheet("font-size: 16pt; font-weight: bold;")
        layout.addWidget(title)
        form = QFormLayout()
        self.count_labels: dict[str, QLabel] = {}
        for key, label in (("meetings", self.tr("Meetings")), ("threats", self.tr("Threats")),
                           ("vulnerabilities", self.tr("Vulnerabilities")),
                           ("recommendations", self.tr("Recommendations")),
                           ("activities", self.tr("Activities")),
                           ("people", self.tr("Members and guests"))):
            value = QLabel(str(getattr(self.services, key).count()))
            value.setObjectName(f"count_{key}")
            self.count_labels[key] = value
            form.addRow(label, value)
        layout.addLayout(form)
        layout.addStretch(1)
        self.setCentralWidget(central)
        self.resize(900, 600)


def create_main_window(db: Database) -> QMainWindow:
    return MainWindow(db)
