"""The « Exporter… » button of the lists (issue 16): it asks for a file through the prompt
seam, writes what the table shows (search, filters, order) off the GUI thread and confirms
in French."""

from __future__ import annotations

import csv
import io

import pytest
from PySide6.QtCore import Qt

import openpyxl  # noqa: E402  (a dependency: pyproject.toml)

from ccs_desktop.services.records import ListQuery  # noqa: E402
from ccs_desktop.ui import prompts  # noqa: E402
from ccs_desktop.ui.views.pages import make_list_page  # noqa: E402
from tests.french import fr


def _shown(page):
    """The first column's text of every row the table shows (all pages fetched)."""
    model = page.model
    while model.canFetchMore():
        model.fetchMore()
    return [model.index(r, 0).data() for r in range(model.rowCount())]


def test_every_list_page_has_the_button(qtbot, services):
    for kind in ("meetings", "threats", "vulnerabilities", "recommendations", "activities",
                 "people"):
        page = make_list_page(services, kind)
        qtbot.addWidget(page)
        assert page.export_button.text() == "Exporter…"


def test_the_button_writes_what_the_table_shows(qtbot, services, tmp_path):
    page = make_list_page(services, "threats")
    qtbot.addWidget(page)
    page.show()
    page.search_edit.setText("vol")
    page.apply_search()
    qtbot.waitUntil(lambda: not page.model.loading, timeout=5000)
    page.model.sort(0)  # by title, as a click on the header
    qtbot.waitUntil(lambda: not page.model.loading, timeout=5000)
    shown = _shown(page)
    assert shown and len(shown) < services.threats.count(ListQuery())
    target = tmp_path / "menaces"  # no extension: .xlsx is added
    fake = prompts.ScriptedPrompts(answers={"choose_file": str(target)})
    with prompts.replaced(fake):
        qtbot.mouseClick(page.export_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: any(a[0] == "inform" for a in fake.asked), timeout=10000)
    method, title, text = fake.asked[-1]
    assert title == "Exporter la liste"
    written = tmp_path / "menaces.xlsx"
    assert fr(f"« {written} »") in text and "exportée" in text
    sheet = openpyxl.load_workbook(written).worksheets[0]
    titles = [row[0] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert titles == shown
    assert page.export_button.isEnabled()


def test_csv_and_a_failure_are_said(qtbot, services, tmp_path):
    page = make_list_page(services, "meetings")
    qtbot.addWidget(page)
    target = tmp_path / "reunions.csv"
    fake = prompts.ScriptedPrompts(answers={"choose_file": [str(target),
                                                            str(tmp_path / "no" / "x.csv")]})
    with prompts.replaced(fake):
        page.export_rows()
        qtbot.waitUntil(lambda: len([a for a in fake.asked if a[0] == "inform"]) == 1,
                        timeout=10000)
        raw = target.read_bytes()
        assert raw.startswith(b"\xef\xbb\xbf")
        rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig")), delimiter=";"))
        assert rows[0][0] == "Référence" and len(rows) - 1 == page.model.total
        # a file that cannot be written: said in French, the button comes back
        (tmp_path / "no").write_text("a file, not a folder")
        page.export_rows()
        qtbot.waitUntil(lambda: len([a for a in fake.asked if a[0] == "inform"]) == 2,
                        timeout=10000)
    assert fake.asked[-1][2].startswith(fr("L'export a échoué"))
    assert page.export_button.isEnabled()


def test_cancelled_dialog_writes_nothing(qtbot, services, tmp_path):
    page = make_list_page(services, "people")
    qtbot.addWidget(page)
    fake = prompts.ScriptedPrompts(answers={"choose_file": ""})
    with prompts.replaced(fake):
        page.export_rows()
    assert [a[0] for a in fake.asked] == ["choose_file"]
    assert not list(tmp_path.glob("*.xlsx")) and not list(tmp_path.glob("*.csv"))
    assert page.export_button.isEnabled()


def test_an_administrator_may_export_the_phones_after_the_warning(qtbot, services, tmp_path):
    """Issue 16: restricted threats and phone numbers only when an administrator says yes to
    the warning; « Non » (the default) gives the usual export."""
    page = make_list_page(services, "people")
    qtbot.addWidget(page)
    phones = {p.phone for p in services.people.rows(ListQuery()) if p.phone}
    assert phones
    for answer, name in ((False, "sans.csv"), (True, "avec.csv")):
        target = tmp_path / name
        fake = prompts.ScriptedPrompts(answers={"choose_file": str(target),
                                                "ask_yes_no": answer})
        with prompts.replaced(fake):
            page.export_rows()
            qtbot.waitUntil(lambda: any(a[0] == "inform" for a in fake.asked), timeout=10000)
        question = next(a for a in fake.asked if a[0] == "ask_yes_no")
        assert "en clair" in question[2]
        text = target.read_text(encoding="utf-8-sig")
        assert any(p in text for p in phones) is answer
