"""The first-start tour (issue 18): five short steps in plain words (the home page, the
meetings, a meeting's PV, the USB backup, the guide on F1), in a small window beside the main
window, which goes to the page each step talks about.

Offered once per user on this computer (QSettings, settings_keys.TOUR_SEEN), after the main
window has shown and no other dialog is asking something (the setup wizard, the drafts kept);
« Passer », « Terminer » or closing it marks it seen for good; « Aide › Visite guidée » shows it
again. CCS_TOUR=0 never offers it, CCS_TOUR=1 offers it even while pytest runs (which
otherwise never sees it)."""

from __future__ import annotations

import os
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt, QTimer
from PySide6.QtWidgets import (QApplication, QDialog, QHBoxLayout, QLabel, QPushButton,
                               QVBoxLayout, QWidget)

from . import settings_keys as prefs

ENV_TOUR = "CCS_TOUR"
#: how often the window looks whether it may offer the tour (no modal dialog up)
POLL_MS = 700


class TourDialog(QDialog):
    """The tour's steps, one at a time; seen for good once closed in any way."""

    def __init__(self, window: QWidget | None = None) -> None:
        super().__init__(window)
        self.setObjectName("tour")
        self.window_ = window
        self.steps = self.make_steps()
        self.step = 0
        self.setWindowTitle(self.tr("Guided tour"))
        self.counter = QLabel(self)
        self.counter.setObjectName("tourCounter")
        self.title = QLabel(self)
        self.title.setObjectName("tourTitle")
        self.title.setStyleSheet("font-size: 13pt; font-weight: bold;")
        self.text = QLabel(self)
        self.text.setObjectName("tourText")
        self.text.setWordWrap(True)
        self.text.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.skip_button = QPushButton(self.tr("Skip"), self)
        self.skip_button.setObjectName("tourSkip")
        self.next_button = QPushButton(self.tr("Next"), self)
        self.next_button.setObjectName("tourNext")
        self.next_button.setDefault(True)
        self.skip_button.clicked.connect(self.reject)
        self.next_button.clicked.connect(self.next_step)
        buttons = QHBoxLayout()
        buttons.addWidget(self.skip_button)
        buttons.addStretch(1)
        buttons.addWidget(self.next_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.counter)
        layout.addWidget(self.title)
        layout.addWidget(self.text, 1)
        layout.addLayout(buttons)
        self.setMinimumWidth(420)
        self.resize(460, 240)
        self.show_step(0)

    def make_steps(self) -> list[tuple[str, str, str | None]]:
        """(title, text, the main window's page to show or None), in the current language."""
        return [
            (self.tr("Welcome to CCS Desktop"),
             self.tr("The home page shows what is waiting: the next meeting, the PVs to "
                     "adopt, the overdue recommendations and the committee's figures. Each "
                     "button opens the matching list."), "home"),
            (self.tr("Meetings"),
             self.tr("Each month's meeting is here. « New meeting » (Ctrl+N) prepares the "
                     "convocation; a double-click opens a meeting: its attendance, its "
                     "agenda, its threats and its recommendations."), "meetings"),
            (self.tr("A meeting's PV"),
             self.tr("In a meeting, type the debates under each agenda item: everything is "
                     "saved as you type. « Documents to print… » shows the PV, the "
                     "convocations and the attendance sheet, ready to print. At the next "
                     "meeting, the committee adopts the PV."), "meetings"),
            (self.tr("The USB backup"),
             self.tr("After each meeting, menu Backup › Back up to USB…: the whole database, "
                     "encrypted with a passphrase you write down apart, then checked. Keep "
                     "the stick outside the town hall."), None),
            (self.tr("The guide: F1"),
             self.tr("F1 (menu Help › Secretary's guide) opens the secretary's guide, step "
                     "by step, to print as PDF. Menu Help › Guided tour shows this tour "
                     "again."), None),
        ]

    def show_step(self, index: int) -> None:
        self.step = index
        title, text, page = self.steps[index]
        self.counter.setText(self.tr("Step {n} of {total}").format(n=index + 1,
                                                                  total=len(self.steps)))
        self.title.setText(title)
        self.text.setText(text)
        last = index == len(self.steps) - 1
        self.next_button.setText(self.tr("Finish") if last else self.tr("Next"))
        self.skip_button.setVisible(not last)
        go_to = getattr(self.window_, "go_to", None)
        if page is not None and callable(go_to):
            go_to(page)

    def next_step(self) -> None:
        if self.step + 1 < len(self.steps):
            self.show_step(self.step + 1)
        else:
            self.accept()

    def done(self, result: int) -> None:  # « Terminer », « Passer », Esc, the window's cross
        prefs.write(prefs.TOUR_SEEN, "1")
        prefs.sync()
        super().done(result)

    def place(self) -> None:
        """At the bottom right of the main window, over its page (not its navigation)."""
        window = self.window_
        if window is None:
            return
        frame = window.frameGeometry()
        self.move(max(frame.left(), frame.right() - self.width() - 40),
                  max(frame.top(), frame.bottom() - self.height() - 60))


def seen() -> bool:
    return prefs.read(prefs.TOUR_SEEN) == "1"


def wanted() -> bool:
    """Whether this start may offer the tour (never seen, not switched off, not a test)."""
    choice = os.environ.get(ENV_TOUR, "")
    if choice == "0" or seen():
        return False
    return choice == "1" or not os.environ.get("PYTEST_CURRENT_TEST")


def start_tour(window: QWidget) -> TourDialog:
    """Show the tour now (from the Help menu: even if it was seen)."""
    old = getattr(window, "_tour", None)
    if isinstance(old, TourDialog):
        try:
            old.close()
        except RuntimeError:  # already deleted with a rebuilt window
            pass
    dialog = TourDialog(window)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    window._tour = dialog  # noqa: SLF001  (kept alive while shown)
    dialog.place()
    dialog.show()
    dialog.raise_()
    return dialog


def offer_after_start(window: QWidget) -> QTimer | None:
    """The tour once the window shows and no modal dialog is up, if wanted(); the timer that
    waits (a child of the window), None when the tour is not offered."""
    if not wanted():
        return None
    timer = QTimer(window)
    timer.setInterval(POLL_MS)

    def check() -> None:
        if not window.isVisible() or QApplication.activeModalWidget() is not None:
            return  # the wizard, the drafts' question, the clock warning: after them
        timer.stop()
        timer.deleteLater()
        if not seen():
            start_tour(window)

    timer.timeout.connect(check)
    timer.start()
    return timer


def install_tour_action(window: Any, menu: Any, before: Any = None) -> Any:
    """« Visite guidée » in the Help menu `menu` (before the action `before`)."""
    from PySide6.QtGui import QAction

    action = QAction(QCoreApplication.translate("TourDialog", "&Guided tour"), window)
    action.setObjectName("action_tour")
    action.triggered.connect(lambda _=False: start_tour(window))
    menu.insertAction(before, action)
    return action
