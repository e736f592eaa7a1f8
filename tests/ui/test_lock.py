"""The automatic lock (issue 13): idle time and Ctrl+L lock the session, the password of
the account that was working unlocks it, an open form keeps its text; a wrong password
counts in the key file."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from ccs_desktop.db import keyfile, unlock
from ccs_desktop.ui.login import LoginDialog, sign_in

from rawdb import TEST_PASSWORD


def _answer(monkeypatch, cls, steps):  # noqa: ANN001, ANN202
    def run(self) -> int:  # noqa: ANN001
        steps(self)
        return int(self.result())

    monkeypatch.setattr(cls, "exec", run)


@pytest.fixture
def signed_in(qtbot, demo_db, monkeypatch):
    """A main window opened through the real login screen, as `secretaire`."""
    from ccs_desktop.ui.main_window import MainWindow

    folder = demo_db.data_dir
    unlock.add_accounts(folder, ("secretaire", "lecteur"), TEST_PASSWORD, demo_db.key)
    demo_db.close()

    def log_in(dialog):  # noqa: ANN001, ANN202
        dialog.user.clear()
        qtbot.keyClicks(dialog.user, "secretaire")
        qtbot.keyClicks(dialog.password, TEST_PASSWORD)
        qtbot.mouseClick(dialog.sign_in, Qt.MouseButton.LeftButton)

    _answer(monkeypatch, LoginDialog, log_in)
    db = sign_in(folder)
    assert db is not None and db.credentials.user == "secretaire"
    win = MainWindow(db)
    qtbot.addWidget(win)
    win.resize(1100, 700)
    win.show()
    qtbot.waitExposed(win)
    yield win
    win.session_lock.set_delay(None)  # no lock left to fire in the next tests
    win.close_editors()
    win.close()
    win.services.db.close()


def _open_person_editor(win, qtbot):  # noqa: ANN001, ANN202
    editor = win.open_record("people", None)
    qtbot.addWidget(editor)
    field = editor.form.widgets["family_name"]
    qtbot.keyClicks(field, "KONATE")
    return editor, field


def test_ctrl_l_locks_and_the_password_unlocks_keeping_the_form(signed_in, qtbot):
    win = signed_in
    lock = win.session_lock
    editor, field = _open_person_editor(win, qtbot)
    qtbot.keyClick(win, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert lock.is_locked()
    panel = lock._panels[0]
    assert panel.isVisible() and panel.geometry() == win.rect()
    # the editor is covered too, and keeps its text
    assert any(p.parentWidget() is editor for p in lock._panels)
    assert editor.isVisible() and field.text() == "KONATE"
    # keys meant for the form behind are swallowed while locked
    qtbot.keyClicks(field, "XYZ")
    assert field.text() == "KONATE"
    # a wrong password is refused and counted in the key file
    folder = win.services.db.data_dir
    qtbot.keyClicks(panel.password, "pas le bon")
    qtbot.mouseClick(panel.button, Qt.MouseButton.LeftButton)
    assert lock.is_locked() and "incorrect" in panel.error.text()
    assert unlock.load_keys(folder).failures.get("secretaire")
    qtbot.waitUntil(lambda: panel.button.isEnabled(), timeout=12000)
    qtbot.keyClicks(panel.password, TEST_PASSWORD)
    qtbot.mouseClick(panel.button, Qt.MouseButton.LeftButton)
    assert not lock.is_locked()
    assert editor.isVisible() and field.text() == "KONATE"
    qtbot.keyClicks(field, " A")
    assert field.text() == "KONATE A"


def test_the_session_locks_after_the_idle_time(signed_in, qtbot):
    win = signed_in
    editor, field = _open_person_editor(win, qtbot)
    win.session_lock.set_delay(300, check_every_ms=50)
    qtbot.waitUntil(win.session_lock.is_locked, timeout=5000)
    assert field.text() == "KONATE"
    assert win.session_lock.try_unlock(TEST_PASSWORD)
    assert field.text() == "KONATE" and editor.isVisible()


def test_activity_keeps_the_session_open(signed_in, qtbot):
    win = signed_in
    lock = win.session_lock
    lock.set_delay(600, check_every_ms=50)
    for _ in range(8):
        qtbot.mouseMove(win, win.rect().center())
        qtbot.keyClick(win, Qt.Key.Key_Shift)
        qtbot.wait(100)
    assert not lock.is_locked()


def test_lock_delay_is_a_setting(signed_in):
    from ccs_desktop.services import access

    db = signed_in.services.db
    assert access.lock_minutes(db) == 10
    assert signed_in.session_lock.delay() == 600
    with pytest.raises(Exception):
        access.set_lock_minutes(db, 5)  # a secretaire changes no setting
