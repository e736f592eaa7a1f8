"""Issue 17: the CRSS « Tableau de bord »: reached from the register page; a region picked in
the scope chooser changes the figures (to that region's, as services.dashboard counts them);
the comparison table sorts by SQL on a header click; a double click on a committee's row
shows that committee's dashboard; a figure opens its list narrowed to the scope."""

from __future__ import annotations

import rawdb  # noqa: F401, I001

import datetime as dt
from types import SimpleNamespace

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton

import crss_data
from ccs_desktop.db.engine import open_database
from ccs_desktop.services import dashboard as dash
from ccs_desktop.services.hub import Services
from ccs_desktop.ui.crss.dashboard import CrssDashboardPage

YEAR = dt.date.today().year - 1


@pytest.fixture(scope="module")
def crss_db(tmp_path_factory):  # noqa: ANN201
    db = open_database(tmp_path_factory.mktemp("crss-dash-ui"))
    crss_data.build_crss(db, 12, 2, first_year=YEAR - 1, silent_share=0.2)
    crss_data.fill(db, 2, YEAR - 1)
    yield db
    db.close()


@pytest.fixture
def page(qtbot, crss_db):  # noqa: ANN001, ANN201
    drills = []
    host = SimpleNamespace(services=Services(crss_db),
                           show_drill_down=lambda *a: drills.append(a))
    page = CrssDashboardPage(host)
    page.drills = drills
    qtbot.addWidget(page)
    page.resize(1100, 900)
    page.show()
    with qtbot.waitSignal(page.board.computed, timeout=10000):
        page.board.set_period("year", YEAR)
    qtbot.waitUntil(page.table_ready, timeout=10000)  # the comparison, on its worker
    return page


def _held_text(page) -> str:  # noqa: ANN001
    return page.board.cards["meetings"].value.text()


def test_a_region_changes_the_figures(qtbot, page, crss_db):  # noqa: ANN001
    nation = page.board.board
    assert nation.scope.level == dash.NATION and nation.per_month
    assert page.model.rowCount() == 12
    before = _held_text(page)
    with qtbot.waitSignal(page.board.computed, timeout=10000):
        page.level_box.setCurrentIndex(page.level_box.findData(dash.REGION))
        page.place_box.setCurrentIndex(page.place_box.findText("Mopti"))
    board = page.board.board
    assert board.scope == dash.region_scope("Mopti")
    expected = dash.dashboard(crss_db, board.period, today=board.today,
                              scope=dash.region_scope("Mopti"))
    assert board.meetings == expected.meetings and board.threats == expected.threats
    assert _held_text(page) != before
    assert board.meetings.held < nation.meetings.held
    assert "Mopti" in page.board.heading.text()
    # the comparison follows the region (computed on its worker: the window does not freeze)
    qtbot.waitUntil(page.table_ready, timeout=10000)
    assert page.model.rowCount() and all(r.region == "Mopti" for r in page.model.rows)
    # a figure opens its list narrowed to the region's committees
    page.board.cards["meetings"].value.click()
    kind, filters, caption = page.drills[-1]
    assert kind == "meetings" and filters["committee_id"] == list(board.committee_ids)
    assert "Mopti" in caption


def test_the_comparison_sorts_and_opens_a_committee(qtbot, page):  # noqa: ANN001
    header = page.table.horizontalHeader()
    column = page.model.keys.index("held")
    header.setSortIndicator(column, Qt.SortOrder.DescendingOrder)  # what a click does
    held = [r.held for r in page.model.rows]
    assert held == sorted(held, reverse=True) and page.model.order == ("held", True)
    row = page.model.rows[0]
    index = page.model.index(0, 0)
    rect = page.table.visualRect(index)
    page.table.scrollTo(index)
    # (a view takes a double click on the row it was pressed on: the press comes first)
    qtbot.mousePress(page.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    with qtbot.waitSignal(page.board.computed, timeout=10000):
        qtbot.mouseDClick(page.table.viewport(), Qt.MouseButton.LeftButton,
                          pos=rect.center())
    board = page.board.board
    assert board.scope == dash.committee_scope(row.committee_id)
    assert page.level_box.currentData() == dash.COMMITTEE
    assert not board.per_month
    # the row's figures are the committee's dashboard's
    assert (board.meetings.held, board.recommendations.overdue) == (row.held, row.overdue)
    assert page.model.rowCount() == 12  # the table stays as it was


def test_reached_from_the_register_page(qtbot, crss_db, monkeypatch):  # noqa: ANN001
    from ccs_desktop.ui.crss import pages

    opened = []
    monkeypatch.setattr("ccs_desktop.ui.crss.dashboard.open_dashboard",
                        lambda h, parent=None: opened.append(h))
    host = SimpleNamespace(services=Services(crss_db))
    register = pages.RegisterPage(host)
    qtbot.addWidget(register)
    register.findChild(QPushButton, "openCrssDashboard").click()
    assert opened == [host]


def test_the_comparison_is_computed_off_the_gui_thread(qtbot, page, monkeypatch):  # noqa: ANN001
    """The complétude of every committee takes about a second nationally: the comparison
    runs on the page's worker, not in the GUI thread that draws the board."""
    import threading

    from ccs_desktop.services.crss import comparison

    threads = []
    real = comparison.committee_rates

    def spy(*args, **kwargs):  # noqa: ANN002, ANN003, ANN202
        threads.append(threading.current_thread())
        return real(*args, **kwargs)

    monkeypatch.setattr(comparison, "committee_rates", spy)
    with qtbot.waitSignal(page.board.computed, timeout=10000):
        page.level_box.setCurrentIndex(page.level_box.findData(dash.REGION))
        page.place_box.setCurrentIndex(page.place_box.findText("Mopti"))
    qtbot.waitUntil(page.table_ready, timeout=10000)
    assert threads and threading.main_thread() not in threads
    assert all(r.region == "Mopti" for r in page.model.rows)


def _report(qtbot, page, tmp_path, monkeypatch, name):  # noqa: ANN001, ANN202
    from ccs_desktop.ui import prompts

    asked = []
    out = tmp_path / name

    class Scripted(prompts.Prompts):
        def choose_file(self, parent, title, filters="", *, start="", mode=""):  # noqa: ANN001, ANN202
            asked.append(start)
            return str(out)

    monkeypatch.setattr(prompts, "current", lambda: Scripted())
    button = page.findChild(QPushButton, "periodReport")
    assert button.isVisible() and button.text() == "Rapport de la période (PDF)…"
    button.click()
    qtbot.waitUntil(lambda: "Rapport enregistré" in page.report_message.text(), timeout=60000)
    import sys
    from pathlib import Path

    sys.path.insert(0, str(Path(__file__).parents[1] / "documents"))
    from pdftext import flat, pdf_text

    return asked, flat(pdf_text(out.read_bytes()))


def test_the_report_button_reports_the_boards_period_and_region(  # noqa: ANN001
        qtbot, page, tmp_path, monkeypatch):
    # a quarter of the nation
    with qtbot.waitSignal(page.board.computed, timeout=10000):
        page.board.set_period("quarter", YEAR, 2)
    asked, text = _report(qtbot, page, tmp_path, monkeypatch, "nation.pdf")
    assert asked == [f"Rapport_{YEAR}-T2_Mali.pdf"]
    assert f"Période : {YEAR}-Q2 (du 1er avril {YEAR} au 30 juin {YEAR})" in text, text[:400]
    assert "Ensemble du pays" in text
    # one committee chosen: its region's report, for the same quarter
    committee = next(c for c in page.places.committees if c.region == "Mopti")
    with qtbot.waitSignal(page.board.computed, timeout=10000):
        page.set_scope(dash.COMMITTEE, committee.committee_id)
    assert page.report_region() == "Mopti"
    page.report_message.clear()
    asked, text = _report(qtbot, page, tmp_path, monkeypatch, "mopti.pdf")
    assert asked == [f"Rapport_{YEAR}-T2_Mopti.pdf"]
    assert "Mopti" in text and "Ensemble du pays" not in text
