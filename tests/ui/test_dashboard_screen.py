"""The dashboard on the home page (issue 17): a heat-map cell clicked opens the threats list
filtered to that likelihood × severity; the period picker changes the figures; each chart has
its table; it is computed off the GUI thread; it fits 1024 × 768 (screenshots, in colour and
in greyscale, under $CCS_SHOTS when set)."""

from __future__ import annotations

import datetime as dt
import os
import threading
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QScrollArea

from ccs_desktop.services import dashboard as dash
from ccs_desktop.services.records import ListQuery

TODAY = dt.date.today()


def _home(qtbot, window):
    home = window.go_to("home")
    board = home.board
    qtbot.waitUntil(lambda: board.board is not None and not board._runner.busy, timeout=10000)
    return home, board


def _busiest_cell(board):
    return max(((lk, im) for lk in range(1, 6) for im in range(1, 6)),
               key=lambda c: board.board.cell(*c))


def test_a_heat_map_cell_clicked_opens_the_threats_of_that_cell(qtbot, window):
    home, board = _home(qtbot, window)
    lk, im = _busiest_cell(board)
    expected = board.board.cell(lk, im)
    assert expected > 0
    heat = board.heatmap
    window.resize(1366, 768)
    scroll = home.findChild(QScrollArea, "homeScroll")
    scroll.ensureWidgetVisible(heat)
    qtbot.wait(50)
    centre = heat.cell_rect(lk, im).center().toPoint()
    qtbot.mouseClick(heat, Qt.MouseButton.LeftButton, pos=centre)
    page = window.current_page()
    assert window.current_key() == "threats"
    qtbot.waitUntil(lambda: not page.model.loading, timeout=5000)
    filters = page.current_filters()
    assert filters["likelihood"] == lk and filters["impact"] == im
    assert filters["status"] == "active" and filters["is_restricted"] is False
    assert page.model.total == expected
    for row in range(page.model.rowCount()):
        record = page.model.record(row)
        assert (record.likelihood, record.impact, record.status) == (lk, im, "active")
    assert page.drill_label.isVisible() and "Tableau de bord" in page.drill_label.text()
    # "Clear filters" shows every row again
    page.reset_button.click()
    qtbot.waitUntil(lambda: not page.model.loading, timeout=5000)
    assert not page.drill_filters and not page.drill_label.isVisible()
    assert page.model.total == window.services.threats.count(ListQuery())


def test_the_heat_map_answers_the_keyboard(qtbot, window):
    _home_, board = _home(qtbot, window)
    heat = board.heatmap
    heat.setFocus()
    heat.set_current(1, 1)
    qtbot.keyClick(heat, Qt.Key.Key_Up)
    qtbot.keyClick(heat, Qt.Key.Key_Right)
    qtbot.keyClick(heat, Qt.Key.Key_Right)
    assert heat.current == (2, 3)
    assert "Peu probable" in heat.accessibleDescription()
    assert "Modérée" in heat.accessibleDescription()
    assert heat.accessibleName()
    opened = []
    heat.cellActivated.connect(lambda a, b: opened.append((a, b)))
    qtbot.keyClick(heat, Qt.Key.Key_Return)
    assert opened == [(2, 3)]
    assert window.current_key() == "threats"


def test_the_period_picker_changes_the_figures(qtbot, window):
    _home_, board = _home(qtbot, window)
    board.set_period("year", TODAY.year - 1)
    qtbot.waitUntil(lambda: board.board.period.start.year == TODAY.year - 1
                    and not board._runner.busy, timeout=10000)
    year = board.board
    assert board.cards["meetings"].value.text().endswith("/ 12 mois")
    board.set_period("month", TODAY.year - 1, 3)
    qtbot.waitUntil(lambda: board.board.period.end == dt.date(TODAY.year - 1, 3, 31),
                    timeout=10000)
    month = board.board
    assert month.meetings.held < year.meetings.held
    assert board.cards["meetings"].value.text().endswith("/ 1 mois")
    assert "mars" in board.period_label.text()
    board.set_period("quarter", TODAY.year - 1, 2)
    qtbot.waitUntil(lambda: board.board.period.start == dt.date(TODAY.year - 1, 4, 1),
                    timeout=10000)
    board.step(1)
    qtbot.waitUntil(lambda: board.board.period.start == dt.date(TODAY.year - 1, 7, 1),
                    timeout=10000)
    start, end = dt.date(TODAY.year - 1, 2, 10), dt.date(TODAY.year - 1, 5, 20)
    board.set_period("custom", TODAY.year, start=start, end=end)
    qtbot.waitUntil(lambda: board.board.period.start == start, timeout=10000)
    assert board.board.period.end == end and board.from_edit.isVisible()


def test_typing_a_year_computes_once_off_the_gui_thread(qtbot, window, monkeypatch):
    _home_, board = _home(qtbot, window)
    threads, original = [], dash.dashboard

    def spy(*args, **kw):
        threads.append(threading.current_thread())
        return original(*args, **kw)

    monkeypatch.setattr(dash, "dashboard", spy)
    board.year_spin.setFocus()
    for year in (2, 0, 2, 5):  # the keystrokes of "2025" (each changes the value)
        board.year_spin.setValue(int(str(board.year_spin.value())[:3] + str(year)))
    qtbot.waitUntil(lambda: bool(threads) and not board._runner.busy, timeout=10000)
    qtbot.wait(400)
    assert len(threads) == 1
    assert threads[0] is not threading.main_thread()


def test_every_chart_has_a_table_that_opens_the_list(qtbot, window):
    _home_, board = _home(qtbot, window)
    for panel in board.panels:
        panel.toggle.click()
        assert panel.stack.currentWidget() is panel.table and panel.table.rowCount() > 0
        panel.toggle.click()
        assert panel.stack.currentWidget() is panel.view
    status = board.status_panel
    status.toggle.click()
    row = next(r for r, s in enumerate(board.board.recommendations.by_status) if s.n)
    wanted = board.board.recommendations.by_status[row]
    status.table.setCurrentCell(row, 1)
    status.table.itemActivated.emit(status.table.item(row, 1))
    page = window.current_page()
    assert window.current_key() == "recommendations"
    qtbot.waitUntil(lambda: not page.model.loading, timeout=5000)
    assert page.model.total == wanted.n


def test_a_figure_and_a_bar_open_their_lists(qtbot, window):
    _home_, board = _home(qtbot, window)
    held = board.board.meetings.held
    board.cards["meetings"].value.click()
    page = window.current_page()
    qtbot.waitUntil(lambda: not page.model.loading, timeout=5000)
    assert window.current_key() == "meetings" and page.model.total == held
    _home_, board = _home(qtbot, window)
    kind = board.board.threats.by_type[0]
    window.go_to("home")
    board.types_panel.chart.series()[0].barSets()[0].clicked.emit(0)
    page = window.current_page()
    qtbot.waitUntil(lambda: not page.model.loading, timeout=5000)
    assert window.current_key() == "threats" and page.model.total == kind.n


def _grey(path: Path) -> None:
    image = QImage(str(path)).convertToFormat(QImage.Format.Format_Grayscale8)
    image.save(str(path.with_name(path.stem + "_gris.png")))


@pytest.mark.parametrize("size", [(1366, 768), (1024, 768)])
def test_the_dashboard_fits_and_is_grabbed(qtbot, window, size, tmp_path):
    window.resize(*size)
    home, board = _home(qtbot, window)
    qtbot.wait(100)
    scroll = home.findChild(QScrollArea, "homeScroll")
    # nothing wider than the window: the home scrolls up and down only
    assert scroll.horizontalScrollBar().maximum() == 0, scroll.widget().minimumSizeHint()
    assert window.width() <= size[0]  # the window did not grow past the screen
    folder = Path(os.environ.get("CCS_SHOTS") or tmp_path)
    folder.mkdir(parents=True, exist_ok=True)
    bar = scroll.verticalScrollBar()
    for n, ratio in enumerate((0, 0.45, 1.0)):
        bar.setValue(int(bar.maximum() * ratio))
        qtbot.wait(50)
        path = folder / f"dashboard_{size[0]}x{size[1]}_{n}.png"
        assert window.grab().save(str(path))
        _grey(path)
    # the heat map's table, as a keyboard or screen-reader user reads it
    board.heat_panel.toggle.click()
    qtbot.wait(50)
    assert board.heat_panel.grab().save(str(folder / f"heat_table_{size[0]}.png"))
    assert board.heat_panel.table.item(0, 0).text() == str(board.board.cell(5, 1))
    for panel in board.panels:
        rect = panel.rect()
        assert panel.mapTo(scroll.widget(), QPoint(rect.right(), 0)).x() <= \
            scroll.viewport().width() + 1
