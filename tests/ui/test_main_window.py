"""The main window as a secretary uses it: navigation, sorting, search, filters, layout."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QSettings, Qt
from PySide6.QtGui import QImage

from ccs_desktop.services.records import ListQuery
from ccs_desktop.ui.main_window import PAGES, MainWindow
from ccs_desktop.ui.models import ID_ROLE
from tests.french import fr


def click_nav(qtbot, window, key):
    nav = window.nav
    item = next(nav.item(i) for i in range(nav.count())
                if nav.item(i).data(Qt.ItemDataRole.UserRole) == key)
    rect = nav.visualItemRect(item)
    qtbot.mouseClick(nav.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    return window.current_page()


def test_navigation_reaches_every_page_in_french(qtbot, window):
    titles = [window.nav.item(i).text() for i in range(window.nav.count())]
    # (the tests' account is an administrator: it sees the audit trail, issue 13)
    assert titles == ["Accueil", "Réunions", "Menaces", "Vulnérabilités", "Recommandations",
                      "Activités", "Membres", fr("Journal d'audit"), "Paramètres"]
    for key in PAGES:
        page = click_nav(qtbot, window, key)
        assert page is window.pages[key] and page.isVisible()
    home = window.go_to("home")
    assert "Alafia" in home.committee_label.text()
    assert home.overdue_recs.value.text() == str(
        window.services.recommendations.count(ListQuery(filters={"overdue": True})))


def test_clicking_a_header_sorts_in_sql(qtbot, window):
    page = click_nav(qtbot, window, "recommendations")
    table, model = page.table, page.model
    col = [c.key for c in model.columns].index("deadline")
    header = table.horizontalHeader()
    x = header.sectionViewportPosition(col) + header.sectionSize(col) // 2
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, 5))
    first = model.index(0, 0).data(ID_ROLE)
    svc = window.services.recommendations
    oldest = svc.list(ListQuery(order_by="deadline", limit=1))[0]
    newest = svc.list(ListQuery(order_by="deadline", descending=True, limit=1))[0]
    assert first in (oldest.id, newest.id)
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, 5))
    second = model.index(0, 0).data(ID_ROLE)
    assert {first, second} == {oldest.id, newest.id}


def test_search_ignores_accents_and_updates_the_count(qtbot, window):
    page = click_nav(qtbot, window, "people")
    total = window.services.people.count()
    assert page.count_label.text() == f"{total} personne{'s' if total > 1 else ''}"
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert page.search_edit.hasFocus()
    qtbot.keyClicks(page.search_edit, "securite")
    expected = window.services.people.count(ListQuery(search="Sécurité"))
    assert 0 < expected < total
    qtbot.waitUntil(lambda: page.model.total == expected, timeout=2000)
    assert page.count_label.text() == f"{expected} personne{'s' if expected > 1 else ''}"
    for row in range(page.model.rowCount()):
        assert page.model.record(row).id in {
            p.id for p in window.services.people.list(ListQuery(search="SÉCURITÉ"))}


def test_overdue_filter(qtbot, window):
    page = click_nav(qtbot, window, "recommendations")
    box = page.filter_boxes["follow"]
    box.setCurrentIndex(box.findText("En retard"))
    overdue = window.services.recommendations.count(ListQuery(filters={"overdue": True}))
    assert page.model.total == overdue > 0
    assert page.count_label.text() == (f"{overdue} recommandation"
                                       f"{'s' if overdue > 1 else ''}")
    # the badges are drawn (overdue rows in red with "En retard")
    image = page.table.viewport().grab().toImage()
    assert isinstance(image, QImage) and not image.isNull()
    qtbot.mouseClick(page.reset_button, Qt.MouseButton.LeftButton)
    assert page.model.total == window.services.recommendations.count()


def test_enter_and_double_click_open_the_editor(qtbot, window, monkeypatch):
    calls = []

    class Editor:
        def exec(self):
            calls.append("exec")

    def fake_open(kind, record_id, parent):
        calls.append((kind, record_id, parent))
        return Editor()

    monkeypatch.setattr("ccs_desktop.ui.views.opening.load_open_editor", lambda: fake_open)
    page = click_nav(qtbot, window, "threats")
    rect = page.table.visualRect(page.model.index(0, 0))
    # a real double-click: press, release, then the double-click event
    qtbot.mouseClick(page.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(page.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    first_id = page.model.record_id(0)
    assert calls[0] == ("threats", first_id, window) and calls[1] == "exec"
    calls.clear()
    page.table.setFocus()
    page.table.selectRow(1)
    qtbot.keyClick(page.table, Qt.Key.Key_Return)
    assert calls[0] == ("threats", page.model.record_id(1), window)
    calls.clear()
    qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert calls[0] == ("threats", None, window)


def test_undo_stack_and_shortcuts(window):
    assert window.undo_stack is not None
    shortcuts = {a.objectName(): [s.toString() for s in a.shortcuts()]
                 for a in window.actions()}
    assert shortcuts["action_new"] == ["Ctrl+N"]
    assert shortcuts["action_save"] == ["Ctrl+S"]
    assert shortcuts["action_find"] == ["Ctrl+F"]
    assert shortcuts["action_undo"] == ["Ctrl+Z"]
    assert "Ctrl+Shift+Z" in shortcuts["action_redo"]


def test_geometry_splitter_and_columns_are_restored(qtbot, window, demo_db):
    # within the offscreen screen (800 px wide): a window is kept within its screen (issue 15)
    window.resize(760, 650)
    window.splitter.setSizes([230, 520])
    page = window.go_to("meetings")
    header = page.table.horizontalHeader()
    header.resizeSection(1, 222)
    header.moveSection(4, 0)  # the place first
    window.close()
    assert QSettings().value("main/geometry") is not None

    again = MainWindow(demo_db)
    qtbot.addWidget(again)
    assert again.size().height() == 650
    again.resize(760, 650)
    again.show()
    qtbot.waitExposed(again)
    assert again.splitter.sizes()[0] == 230
    h2 = again.pages["meetings"].table.horizontalHeader()
    assert h2.sectionSize(1) == 222
    assert h2.logicalIndex(0) == 4
    assert again.current_key() == "meetings"


def test_refresh_all_shows_new_records(window):
    page = window.go_to("activities")
    before = page.model.total
    window.services.activities.create(title="Journée de salubrité au marché", date="2024-04-12",
                                      kind="cleanup", place="Alafia")
    window.refresh_all()
    assert page.model.total == before + 1


def test_delete_from_a_list_then_undo_with_ctrl_z(qtbot, window, monkeypatch):
    from PySide6.QtGui import QKeySequence
    from PySide6.QtTest import QTest

    from ccs_desktop.ui import commands

    asked = []
    monkeypatch.setattr(commands, "confirm", lambda parent, text: asked.append(text) or True)
    page = click_nav(qtbot, window, "activities")
    before = page.model.total
    first_title = page.model.record(0).title
    first_id = page.model.record(0).id  # (titles recur: the demo holds yearly activities)
    page.table.selectRow(0)
    page.table.setFocus()
    QTest.keyClick(page.table, Qt.Key.Key_Delete)
    qtbot.waitUntil(lambda: page.model.total == before - 1, timeout=3000)
    assert asked and first_title in asked[0]
    assert first_id not in [page.model.record(r).id for r in range(page.model.rowCount())]
    QTest.keySequence(window, QKeySequence("Ctrl+Z"))
    qtbot.waitUntil(lambda: page.model.total == before, timeout=3000)
    assert page.model.record(0).id == first_id
    assert page.count_label.text().startswith(str(before))


def test_drafts_left_by_a_crash_are_offered_at_start(qtbot, demo_db, monkeypatch):
    """Issue 15 (trap 9): the window offers them itself, once, after a real interruption, and
    « Rouvrir » gives the text back without asking again."""
    from ccs_desktop.ui import drafts, prompts

    data_dir = demo_db.data_dir
    drafts.save_draft(data_dir, "threats", None,
                      {"fields": {"title": "Coupeurs de route vers Toya"}})
    (data_dir / "drafts" / drafts.SESSION_FILE).write_text("999999999", encoding="ascii")
    scripted = prompts.ScriptedPrompts(answers={"ask_yes_no": True})
    with prompts.replaced(scripted):
        window = MainWindow(demo_db)
        qtbot.addWidget(window)
        window.show()
        qtbot.waitUntil(lambda: bool(scripted.asked), timeout=3000)
        qtbot.wait(200)
    assert len(scripted.asked) == 1
    assert "Coupeurs de route vers Toya" in scripted.asked[0][2]
    from ccs_desktop.ui.editors.threats import ThreatEditor

    editor = next(e for e in window.findChildren(ThreatEditor) if e.isVisible())
    assert not editor.draft_banner.isVisibleTo(editor)
    assert editor.form.value("title") == "Coupeurs de route vers Toya"


def test_crss_mode_adds_the_consolidation_pages_and_backup_menu(qtbot, tmp_path):
    from ccs_desktop.services.crss.importer import open_crss_database

    db = open_crss_database(tmp_path / "crss")
    try:
        win = MainWindow(db)
        qtbot.addWidget(win)
        win.show()
        titles = [win.nav.item(i).text() for i in range(win.nav.count())]
        assert titles[-1] == "Paramètres"
        assert {"register", "import_log", "conflicts"} <= set(win.page_keys)
        register = win.go_to("register")
        assert register.isVisible()
        menus = [a.text() for a in win.menuBar().actions()]
        assert any("Sauvegarde" in t for t in menus), menus
        win.apply_language("fr")  # menus rebuilt: the backup menu stays
        assert any("Sauvegarde" in a.text() for a in win.menuBar().actions())
        win.close()
    finally:
        db.close()


def test_closing_the_window_saves_what_an_open_form_holds(qtbot, window):
    from PySide6.QtWidgets import QLineEdit

    page = window.go_to("activities")
    record_id = page.model.record(0).id
    editor = window.open_record("activities", record_id)
    title = editor.findChild(QLineEdit, "field_title") or next(
        w for w in editor.findChildren(QLineEdit) if w.text() == page.model.record(0).title)
    title.setFocus()
    title.end(False)
    qtbot.keyClicks(title, " (reportee)")
    assert window.close_editors() is True
    assert not editor.isVisible()
    assert window.services.activities.get(record_id).title.endswith(" (reportee)")


def test_the_help_menu_of_the_main_window_opens_the_guide_with_f1(qtbot, window):
    help_menu = next(a.menu() for a in window.menuBar().actions() if a.text().replace("&", "") == "Aide")
    texts = [a.text() for a in help_menu.actions() if not a.isSeparator()]
    assert texts[0].replace("&", "").startswith("Guide du secrétaire"), texts
    assert any(t.replace("&", "").startswith("À propos") for t in texts), texts
    window.activateWindow()
    qtbot.keyClick(window, Qt.Key.Key_F1)
    dialog = window._guide  # noqa: SLF001
    qtbot.addWidget(dialog)
    assert dialog.isVisible() and "Préparer le comité" in dialog.browser.toPlainText()
    dialog.close()


def test_only_an_administrator_sees_the_audit_trail_page(qtbot, demo_db):
    import rawdb

    from ccs_desktop.db import unlock
    from ccs_desktop.services import roles

    demo_db.credentials = unlock.Credentials("secretaire", rawdb.TEST_PASSWORD)
    roles.forget(demo_db)
    window = MainWindow(demo_db)
    qtbot.addWidget(window)
    titles = [window.nav.item(i).text() for i in range(window.nav.count())]
    assert "Journal d'audit" not in titles and "audit" not in window.pages
