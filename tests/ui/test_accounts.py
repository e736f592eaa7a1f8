"""Roles in the interface (issue 13): what a role may not do is hidden or greyed; the
administrator manages the accounts in Settings. Each window is opened through the real
login screen."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from ccs_desktop.db import unlock
from ccs_desktop.ui import prompts
from ccs_desktop.ui.login import LoginDialog, sign_in

from rawdb import TEST_PASSWORD


@pytest.fixture
def login_as(qtbot, demo_db, monkeypatch):
    from ccs_desktop.ui.main_window import MainWindow

    folder = demo_db.data_dir
    unlock.add_accounts(folder, ("secretaire", "lecteur"), TEST_PASSWORD, demo_db.key)
    demo_db.close()
    opened = []

    def open_as(name):  # noqa: ANN001, ANN202
        def steps(dialog):  # noqa: ANN001, ANN202
            dialog.user.clear()
            qtbot.keyClicks(dialog.user, name)
            qtbot.keyClicks(dialog.password, TEST_PASSWORD)
            qtbot.mouseClick(dialog.sign_in, Qt.MouseButton.LeftButton)
            return int(dialog.result())

        monkeypatch.setattr(LoginDialog, "exec", steps)
        db = sign_in(folder)
        win = MainWindow(db)
        qtbot.addWidget(win)
        win.resize(1100, 700)
        win.show()
        qtbot.waitExposed(win)
        opened.append(win)
        return win

    yield open_as
    for win in opened:
        win.close_editors()
        win.close()
        win.services.db.close()


def _show_page(win, qtbot, key):  # noqa: ANN001, ANN202
    page = win.go_to(key)
    qtbot.wait(10)
    return page


def test_lecteur_sees_no_new_or_delete_button_and_no_accounts(login_as, qtbot):
    win = login_as("lecteur")
    page = _show_page(win, qtbot, "people")
    assert not page.new_button.isVisible() and not page.delete_button.isVisible()
    assert not win._actions["new"].isEnabled() and not win._actions["save"].isEnabled()
    settings = _show_page(win, qtbot, "settings")
    assert settings.accounts_box is None and not settings.profile_box.isEnabled()
    # the phone column stays empty for a lecteur: the rows come without it
    rows = win.services.people.rows()
    assert rows and all(r.phone == "" for r in rows)


def test_secretaire_edits_but_has_no_accounts_section(login_as, qtbot):
    win = login_as("secretaire")
    page = _show_page(win, qtbot, "people")
    assert page.new_button.isVisible()
    assert win._actions["new"].isEnabled()
    assert _show_page(win, qtbot, "settings").accounts_box is None


def test_admin_manages_accounts_in_settings(login_as, qtbot):
    win = login_as("admin")
    settings = _show_page(win, qtbot, "settings")
    box = settings.accounts_box
    assert box is not None and box.isVisible()
    assert box.table.rowCount() == 3
    assert box.create_account("moussa", "lecteur", "une phrase longue")
    assert box.table.rowCount() == 4
    assert not box.create_account("awa", "lecteur", "court")
    assert "8" in box.status.text()
    box.select("moussa")
    assert box.set_password("moussa", "une autre phrase")
    fake = prompts.ScriptedPrompts({"ask_yes_no": True})
    with prompts.replaced(fake):
        assert box.disable()
    assert "rechiffrée" in fake.asked[0][2]
    states = {box.table.item(i, 0).text(): box.table.item(i, 2).text()
              for i in range(box.table.rowCount())}
    assert states["moussa"] == "désactivé"
    assert "moussa" not in unlock.accounts(win.services.db.data_dir)
    box.lock_minutes.setValue(3)
    from ccs_desktop.services import access

    assert access.lock_minutes(win.services.db) == 3
