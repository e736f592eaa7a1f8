"""The CRSS workspace: place and committee filters, the "Comité" column, the CRSS home page, the
wizard's CRSS choice; committee mode unchanged."""

from __future__ import annotations

from pathlib import Path
import rawdb  # noqa: I001  (tests/rawdb.py: test databases are SQLCipher files)
import shutil

import pytest
from PySide6.QtCore import QPoint, Qt, QThreadPool, QTimer
from PySide6.QtWidgets import QApplication, QWidget, QWizard
from sqlalchemy import func, select, text

from ccs_desktop.db import models as m
from ccs_desktop.db.engine import open_database
from ccs_desktop.db.models_exchange import RegisterEntry
from ccs_desktop.paths import DB_FILENAME
from ccs_desktop.services.hub import Services
from ccs_desktop.ui.main_window import MainWindow


@pytest.fixture(scope="module")
def _crss_template(tmp_path_factory):  # noqa: ANN001, ANN202
    """Three demo committees, then the settings of a consolidated database (mode crss, no own
    committee, register filled): what the CRSS holds after importing three transmissions."""
    from ccs_desktop.services.crss.register import ensure_register
    from ccs_desktop.services.demo import generate_demo

    folder = tmp_path_factory.mktemp("crss-template")
    db = open_database(folder)
    generate_demo(db, seed=3, committees=3, years=1)
    with db.session() as s:
        s.execute(text("DELETE FROM settings WHERE key = 'committee_uuid'"))
        s.get(m.Setting, "mode").value = "crss"
    ensure_register(db)
    db.close()
    return folder / DB_FILENAME


@pytest.fixture
def crss_db(_crss_template, data_dir):  # noqa: ANN001, ANN201
    rawdb.copy_database(Path(_crss_template).parent, data_dir)
    db = open_database(data_dir)
    yield db
    db.close()


def settle(qtbot, page) -> None:  # noqa: ANN001
    """Wait for the model's background loads."""
    QThreadPool.globalInstance().waitForDone(5000)
    qtbot.waitUntil(lambda: not page.model.loading, timeout=5000)
    QApplication.processEvents()


@pytest.fixture
def crss_window(qtbot, crss_db):  # noqa: ANN001, ANN201
    win = MainWindow(crss_db)
    qtbot.addWidget(win)
    win.resize(1280, 800)
    win.show()
    qtbot.waitExposed(win)
    return win


def sql_count(db, table: str, where: str = "", **params) -> int:  # noqa: ANN001
    with db.session() as s:
        return int(s.execute(text(
            f"SELECT count(*) FROM {table} t JOIN committees c ON c.id = t.committee_id "
            f"WHERE t.deleted_at IS NULL {where}"), params).scalar())


def choose(qtbot, page, key: str, text_: str) -> None:  # noqa: ANN001
    """Pick a filter choice in its combo box as a user does (open, click the item)."""
    box = page.filter_boxes[key]
    pos = box.findText(text_)
    assert pos >= 0, (key, text_, [box.itemText(i) for i in range(box.count())])
    box.showPopup()
    view = box.view()
    index = view.model().index(pos, 0)
    view.scrollTo(index)
    rect = view.visualRect(index)
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.waitUntil(lambda: box.currentIndex() == pos, timeout=2000)
    settle(qtbot, page)


def test_meetings_filtered_by_region_match_sql(qtbot, crss_window, crss_db) -> None:  # noqa: ANN001
    page = crss_window.go_to("meetings")
    settle(qtbot, page)
    assert page.read_only and not page.new_button.isVisible()
    with crss_db.session() as s:
        regions = sorted({r for (r,) in s.execute(select(m.Committee.region))})
    assert len(regions) == 3
    offered = [page.filter_boxes["region"].itemText(i)
               for i in range(1, page.filter_boxes["region"].count())]
    assert sorted(offered) == regions
    total = sql_count(crss_db, "meetings")
    assert page.model.total == total
    for region in regions:
        choose(qtbot, page, "region", region)
        expected = sql_count(crss_db, "meetings", "AND c.region = :r", r=region)
        assert 0 < expected < total
        assert page.model.total == expected
        assert page.model.rowCount() == expected  # fewer than a page: all rows loaded
        # the cercle and commune lists narrowed to the region's
        cercles = [page.filter_boxes["cercle"].itemText(i)
                   for i in range(1, page.filter_boxes["cercle"].count())]
        with crss_db.session() as s:
            want = sorted(c for (c,) in s.execute(select(m.Committee.cercle).distinct()
                                                   .where(m.Committee.region == region)))
        assert sorted(cercles) == want
    # region, cercle and commune together (one query, no double join)
    box = page.filter_boxes["commune"]
    choose(qtbot, page, "commune", box.itemText(1))
    assert page.model.total == sql_count(crss_db, "meetings", "AND c.region = :r",
                                         r=regions[-1])
    page.clear_filters()
    settle(qtbot, page)
    assert page.model.total == total
    assert page.filter_boxes["cercle"].count() == 1 + 3  # the lists open up again


def test_committee_column_and_filter_in_every_list(qtbot, crss_window, crss_db) -> None:  # noqa: ANN001
    with crss_db.session() as s:
        committees = s.execute(select(m.Committee.id, m.Committee.code, m.Committee.name)
                               .order_by(m.Committee.code)).all()
    codes = {c.id: c.code for c in committees}
    for kind, table in (("meetings", "meetings"), ("threats", "threats"),
                        ("vulnerabilities", "vulnerabilities"),
                        ("recommendations", "recommendations"), ("activities", "activities"),
                        ("people", "people")):
        page = crss_window.go_to(kind)
        settle(qtbot, page)
        assert set(page.filter_boxes) >= {"region", "cercle", "commune", "committee"}
        model = page.model
        assert model.headerData(0, Qt.Orientation.Horizontal) == "Comité"
        shown = {model.index(r, 0).data() for r in range(model.rowCount())}
        assert shown <= set(codes.values()) and len(shown) >= 2, (kind, shown)
        committee = committees[1]
        choose(qtbot, page, "committee", f"{committee.code} · {committee.name}")
        assert model.total == sql_count(crss_db, table, "AND c.id = :i", i=committee.id)
        assert {model.index(r, 0).data() for r in range(model.rowCount())} <= {committee.code}
        page.clear_filters()
        settle(qtbot, page)


def test_crss_home_counts(qtbot, crss_window, crss_db) -> None:  # noqa: ANN001
    home = crss_window.page("home")
    assert home.crss
    with crss_db.session() as s:
        expected = s.scalar(select(func.count()).select_from(RegisterEntry))
        # one committee "sent a file"
        entry = s.scalars(select(RegisterEntry).where(RegisterEntry.commune == "Alafia")).one()
        entry.last_received_at = m.utcnow()
        entry.last_file_name = "CCSC-ALAFIA.ccsbak"
    home.refresh()
    n = {"meetings": sql_count(crss_db, "meetings"),
         "threats": sql_count(crss_db, "threats", "AND t.status = 'active'"),
         "recs": sql_count(crss_db, "recommendations",
                           "AND t.status IN ('formulated', 'transmitted', 'in_progress')")}

    def num(card) -> int:  # noqa: ANN001
        return int(card.value.text().replace("\u202f", "").replace("\xa0", "").replace(" ", ""))

    assert num(home.register_card) == expected > 700
    assert num(home.sent_card) == 1
    assert num(home.never_card) == expected - 1
    assert home.last_card.value.text() == "—"  # the import log is empty
    assert num(home.conflicts_card) == 0
    assert num(home.meetings_card) == n["meetings"]
    assert num(home.threats_card) == n["threats"]
    assert num(home.recs_card) == n["recs"]
    assert "3 comités dans la base" in home.place_label.text()
    assert crss_window.status_label.text().startswith("CRSS")
    home.conflicts_card.button.click()
    assert crss_window.current_key() == "conflicts"
    crss_window.go_to("home")
    home.register_card.button.click()
    assert crss_window.current_key() == "register"


def test_crss_settings_keep_only_the_language(qtbot, crss_window) -> None:  # noqa: ANN001
    settings = crss_window.go_to("settings")
    assert settings.isEnabled()
    assert settings.crss_note.isVisible() and not settings.form.isVisible()
    assert settings.save()


def test_wizard_crss_choice_end_to_end(qtbot, empty_db, monkeypatch) -> None:  # noqa: ANN001
    from ccs_desktop.ui.exchange import common

    shown = []
    monkeypatch.setattr(common.Prompts, "run_dialog",
                        staticmethod(lambda dialog, modal=True: shown.append(dialog) or 0))
    win = MainWindow(empty_db)
    qtbot.addWidget(win)
    win.resize(1200, 760)
    win.show()
    qtbot.waitExposed(win)
    assert "register" not in win.page_keys
    steps: list = []
    errors: list = []

    def drive() -> None:
        wizard = QApplication.activeModalWidget()
        if not isinstance(wizard, QWizard) or not wizard.intro.crss_choice.isVisible():
            QTimer.singleShot(20, drive)
            return
        try:
            radio = wizard.intro.crss_choice  # a click on its round indicator
            qtbot.mouseClick(radio, Qt.MouseButton.LeftButton,
                             pos=QPoint(8, radio.height() // 2))
            assert wizard.intro.crss_choice.isChecked()
            wizard.button(QWizard.WizardButton.NextButton).click()
            steps.append(wizard.currentPage())
            assert wizard.currentPage() is wizard.crss_page
            assert wizard.button(QWizard.WizardButton.FinishButton).isVisible()
            wizard.button(QWizard.WizardButton.FinishButton).click()
        except Exception as exc:  # noqa: BLE001 - reported after the modal loop
            errors.append(exc)
            wizard.reject()

    QTimer.singleShot(0, drive)
    done = win.run_wizard()
    assert not errors, errors
    assert done and steps
    services = Services(win.services.db)
    assert services.committee.mode() == "crss"
    assert services.committee.own() is None
    with win.services.db.session() as s:
        assert s.scalar(select(func.count()).select_from(RegisterEntry)) > 700
        assert s.get(m.Setting, "committee_uuid") is None
    # the navigation shows the CRSS pages, the lists their place filters
    assert {"register", "import_log", "conflicts"} <= set(win.page_keys)
    titles = [win.nav.item(i).text() for i in range(win.nav.count())]
    assert "Registre des comités" in titles
    assert "region" in win.page("meetings").filter_boxes
    assert win.page("home").crss
    # the key pair was offered
    assert [type(d).__name__ for d in shown] == ["KeygenDialog"]
    for d in shown:
        d.deleteLater()
    # a CRSS database is not set up again at the next start
    assert not win.run_wizard()


def test_committee_mode_unchanged(qtbot, window) -> None:  # noqa: ANN001
    assert "register" not in window.page_keys
    for kind in ("meetings", "threats", "vulnerabilities", "recommendations", "activities",
                 "people"):
        page = window.page(kind)
        assert not ({"region", "cercle", "commune", "committee"} & set(page.filter_boxes))
        assert page.model.columns[0].key != "committee"
        assert not page.read_only
    assert not window.page("home").crss
    assert window.page("settings").form.isVisibleTo(window.page("settings"))


def test_wizard_committee_path_still_leads_to_the_committee_page(qtbot, empty_db) -> None:  # noqa: ANN001
    from ccs_desktop.ui.wizard import SetupWizard

    wizard = SetupWizard(Services(empty_db))
    qtbot.addWidget(wizard)
    wizard.show()
    wizard.next()
    assert wizard.currentPage() is wizard.committee_page
    wizard.back()
    wizard.intro.crss_choice.setChecked(True)
    wizard.next()
    assert wizard.currentPage() is wizard.crss_page


def test_records_open_read_only_at_the_crss(qtbot, crss_window):
    from ccs_desktop.ui.editors import open_editor

    mid = crss_window.services.meetings.list()[0].id
    editor = open_editor("meetings", mid, crss_window)
    qtbot.addWidget(editor)
    assert editor.read_only and not editor.save_button.isEnabled()


def test_the_crss_home_opens_the_dashboard_within_the_screen(qtbot, crss_window) -> None:  # noqa: ANN001
    """issue 17: the CRSS « Tableau de bord » is one click from the CRSS home, and its window
    fits a 1024×738 screen (it asked 1100×760 before)."""
    from PySide6.QtWidgets import QDialog

    home = crss_window.page("home")
    assert home.crss_dashboard_button.text() == "Tableau de bord des comités…"
    qtbot.mouseClick(home.crss_dashboard_button, Qt.MouseButton.LeftButton)
    dialog = crss_window.findChild(QDialog, "crssDashboardWindow")
    qtbot.waitUntil(lambda: dialog is not None and dialog.isVisible(), timeout=5000)
    page = dialog.findChild(QWidget, "crssDashboardPage")
    qtbot.waitUntil(page.table_ready, timeout=20000)  # the comparison, on its worker
    assert page.board.cards["meetings"].value.text()
    screen = dialog.screen().availableGeometry()
    assert dialog.width() <= screen.width() and dialog.height() <= screen.height()
    dialog.close()
