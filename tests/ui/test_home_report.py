"""Issue 17: « Rapport de la période (PDF)… » on the committee's home page: the board's
period, rendered off the GUI thread (ui/tasks.py), a file name from the committee's code and
the period, written atomically, where it went said in French; the PDF read back."""

from __future__ import annotations

import rawdb  # noqa: F401, I001

import sys
from pathlib import Path

from PySide6.QtWidgets import QApplication, QPushButton

from ccs_desktop.services.hub import Services
from ccs_desktop.services.records import ListQuery
from ccs_desktop.ui import prompts
from ccs_desktop.ui.charts_board import QUARTER
from ccs_desktop.ui.report_export import report_file_name
from ccs_desktop.ui.views.home import HomePage

sys.path.insert(0, str(Path(__file__).parents[1] / "documents"))
from pdftext import flat, pdf_text  # noqa: E402


def test_file_names() -> None:
    assert report_file_name("2024-Q2", "CCSC-ALAFIA") == "Rapport_2024-T2_CCSC-ALAFIA.pdf"
    assert report_file_name("2024-05", "CCSC-X") == "Rapport_2024-05_CCSC-X.pdf"
    assert report_file_name("2024-01-01..2024-03-31", "Mali") == \
        "Rapport_2024-01-01_2024-03-31_Mali.pdf"
    assert "/" not in report_file_name("2024", "A/B")


def test_the_home_button_writes_the_period_report(qtbot, demo_db, tmp_path,  # noqa: ANN001
                                                  monkeypatch) -> None:
    services = Services(demo_db)
    page = HomePage(services)
    qtbot.addWidget(page)
    page.resize(1024, 738)
    page.show()
    QApplication.processEvents()
    code = services.committee.own().code
    year = max(r.date.year for r in services.meetings.rows(ListQuery(order_by="date",
                                                                     limit=1000)))
    page.board.set_period(QUARTER, year, 1)
    asked = []
    out = tmp_path / "out" / "rapport"
    out.parent.mkdir()

    class Scripted(prompts.Prompts):
        def choose_file(self, parent, title, filters="", *, start="", mode=""):  # noqa: ANN001, ANN202
            asked.append(start)
            return str(out)  # no suffix: .pdf is added

    monkeypatch.setattr(prompts, "current", lambda: Scripted())
    button = page.findChild(QPushButton, "periodReport")
    assert button.isVisible() and button.text() == "Rapport de la période (PDF)…"
    button.click()
    assert asked == [f"Rapport_{year}-T1_{code}.pdf"]
    assert not button.isEnabled()  # busy while the worker renders
    written = out.with_name("rapport.pdf")
    qtbot.waitUntil(lambda: "Rapport enregistré" in page.report_message.text(), timeout=60000)
    assert str(written) in page.report_message.text() and button.isEnabled()
    text = flat(pdf_text(written.read_bytes()))
    assert f"Période : {year}-Q1 (du 1er janvier {year} au 31 mars {year})" in text, text[:400]
    assert not list(out.parent.glob("*.tmp*"))  # written atomically, nothing left aside
