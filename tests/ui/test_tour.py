"""The first-start tour (issue 18): offered once per user after the main window shows, in
French, « Suivant » through its steps to « Terminer », or « Passer »; never again once closed;
back from « Aide › Visite guidée »; never during the test suite unless CCS_TOUR=1 asks."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from ccs_desktop.ui import settings_keys as prefs
from ccs_desktop.ui import tour
from ccs_desktop.ui.main_window import MainWindow
from tests.french import fr


def _open_window(qtbot, db) -> MainWindow:  # noqa: ANN001
    win = MainWindow(db)
    qtbot.addWidget(win)
    win.resize(1024, 740)
    win.show()
    qtbot.waitExposed(win)
    return win


def _tour_of(win: MainWindow):  # noqa: ANN202
    dialog = getattr(win, "_tour", None)
    return dialog if isinstance(dialog, tour.TourDialog) and dialog.isVisible() else None


@pytest.fixture
def asked(monkeypatch):  # noqa: ANN001, ANN201
    monkeypatch.setenv(tour.ENV_TOUR, "1")
    monkeypatch.setattr(tour, "POLL_MS", 50)


def test_the_tour_is_clicked_through_and_never_offered_again(qtbot, demo_db, asked):
    win = _open_window(qtbot, demo_db)
    qtbot.waitUntil(lambda: _tour_of(win) is not None, timeout=5000)
    dialog = _tour_of(win)
    assert dialog.windowTitle() == "Visite guidée"
    assert dialog.counter.text() == "Étape 1 sur 5" and win.current_key() == "home"
    assert dialog.skip_button.text() == "Passer" and dialog.next_button.text() == "Suivant"
    titles = [dialog.title.text()]
    qtbot.mouseClick(dialog.next_button, Qt.MouseButton.LeftButton)
    assert win.current_key() == "meetings"  # each step shows the page it talks about
    for _ in range(3):
        titles.append(dialog.title.text())
        qtbot.mouseClick(dialog.next_button, Qt.MouseButton.LeftButton)
    titles.append(dialog.title.text())
    assert dialog.counter.text() == "Étape 5 sur 5"
    assert dialog.next_button.text() == "Terminer" and not dialog.skip_button.isVisible()
    assert titles == [fr(t) for t in [
        "Bienvenue dans CCS Desktop", "Réunions", "Le PV d'une réunion",
        "La sauvegarde sur clé USB", "Le guide : touche F1"]]
    assert "F1" in dialog.text.text() and "Visite guidée" in dialog.text.text()
    qtbot.mouseClick(dialog.next_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible() and prefs.read(prefs.TOUR_SEEN) == "1"
    win.close()
    # the next start, same user: no tour
    again = _open_window(qtbot, demo_db)
    qtbot.wait(300)
    assert _tour_of(again) is None and tour.offer_after_start(again) is None


def test_skip_marks_it_seen_and_the_help_menu_shows_it_again(qtbot, demo_db, asked):
    win = _open_window(qtbot, demo_db)
    qtbot.waitUntil(lambda: _tour_of(win) is not None, timeout=5000)
    qtbot.mouseClick(_tour_of(win).skip_button, Qt.MouseButton.LeftButton)
    assert _tour_of(win) is None and tour.seen()
    help_menu = next(a.menu() for a in win.menuBar().actions()
                     if a.text().replace("&", "") == "Aide")
    texts = [a.text().replace("&", "") for a in help_menu.actions() if not a.isSeparator()]
    assert texts[:2] == ["Guide du secrétaire", "Visite guidée"], texts
    win.findChild(type(help_menu.actions()[0]), "action_tour").trigger()
    dialog = _tour_of(win)
    assert dialog is not None and dialog.counter.text() == "Étape 1 sur 5"
    dialog.close()  # the window's cross: seen as well
    assert _tour_of(win) is None and tour.seen()


def test_the_tour_waits_for_a_modal_question_before_it_shows(qtbot, demo_db, asked):
    from PySide6.QtWidgets import QMessageBox

    win = _open_window(qtbot, demo_db)
    box = QMessageBox(QMessageBox.Icon.Information, "CCS Desktop", "Horloge", parent=win)
    box.setModal(True)
    box.show()
    qtbot.waitUntil(lambda: QApplication.activeModalWidget() is box, timeout=2000)
    qtbot.wait(300)
    assert _tour_of(win) is None  # not over the question
    box.accept()
    qtbot.waitUntil(lambda: _tour_of(win) is not None, timeout=5000)
    _tour_of(win).close()


def test_the_test_suite_and_ccs_tour_0_never_see_it(qtbot, demo_db, monkeypatch):
    monkeypatch.delenv(tour.ENV_TOUR, raising=False)
    assert not tour.wanted()  # pytest runs: not offered unless asked
    monkeypatch.setenv(tour.ENV_TOUR, "0")
    assert not tour.wanted()
    monkeypatch.setenv(tour.ENV_TOUR, "1")
    assert tour.wanted()
    monkeypatch.delenv("PYTEST_CURRENT_TEST")
    monkeypatch.delenv(tour.ENV_TOUR)
    assert tour.wanted()  # a user's first start
    prefs.write(prefs.TOUR_SEEN, "1")
    assert not tour.wanted()
