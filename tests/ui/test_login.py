"""Getting in (issue 11): the login that unlocks the encrypted database, the first
administrator and the recovery key shown once, and ccs-desktop started on each."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt

from ccs_desktop.db import cipher, keyfile, unlock
from ccs_desktop.paths import DB_FILENAME
from ccs_desktop.ui import prompts
from ccs_desktop.ui.login import FirstAdminDialog, LoginDialog, RecoveryKeyDialog

from rawdb import TEST_PASSWORD, TEST_USER


def test_login_refuses_a_wrong_password_waits_then_opens(qtbot, empty_db):
    folder = empty_db.data_dir
    empty_db.close()
    dialog = LoginDialog(folder, user=TEST_USER)
    qtbot.addWidget(dialog)
    dialog.show()
    for _ in range(keyfile.FREE_ATTEMPTS):
        qtbot.keyClicks(dialog.password, "pas le bon")
        qtbot.mouseClick(dialog.sign_in, Qt.MouseButton.LeftButton)
        assert dialog.key is None and dialog.error.isVisible()
        assert "mot de passe incorrect" in dialog.error.text()
        assert dialog.password.text() == ""  # cleared for the next try
    # the next attempt waits: the button counts down, then comes back
    assert not dialog.sign_in.isEnabled() and "Attendez" in dialog.sign_in.text()
    for _ in range(3):  # a right password is never refused: at worst it waits its turn
        qtbot.waitUntil(dialog.sign_in.isEnabled, timeout=12000)
        dialog.password.clear()
        qtbot.keyClicks(dialog.password, TEST_PASSWORD)
        qtbot.mouseClick(dialog.sign_in, Qt.MouseButton.LeftButton)
        if dialog.result() == dialog.DialogCode.Accepted:
            break
        assert "attendez" in dialog.error.text(), dialog.error.text()
    assert dialog.result() == dialog.DialogCode.Accepted, dialog.error.text()
    con = cipher.connect(folder / DB_FILENAME, dialog.key)
    assert con.execute("SELECT count(*) FROM sqlite_master").fetchone()[0] > 10


def test_first_administrator_checks_the_password(qtbot):
    dialog = FirstAdminDialog()
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.password, "court")
    qtbot.mouseClick(dialog.create, Qt.MouseButton.LeftButton)
    assert dialog.credentials is None and "au moins 8" in dialog.error.text()
    dialog.password.clear()
    qtbot.keyClicks(dialog.password, "une phrase facile")
    qtbot.keyClicks(dialog.confirm, "une phrase faci1e")
    qtbot.mouseClick(dialog.create, Qt.MouseButton.LeftButton)
    assert dialog.credentials is None and "diffèrent" in dialog.error.text()
    dialog.confirm.clear()
    qtbot.keyClicks(dialog.confirm, "une phrase facile")
    qtbot.mouseClick(dialog.create, Qt.MouseButton.LeftButton)
    assert dialog.credentials == unlock.Credentials("admin", "une phrase facile")


def test_recovery_key_is_kept_before_continuing_and_saved_as_its_sheet(qtbot, tmp_path):
    _raw, text = keyfile.new_recovery_key()
    dialog = RecoveryKeyDialog(text)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.findChild(type(dialog.result_label), "recoveryKey").text() == text
    assert not dialog.done_button.isEnabled()
    dialog.reject()  # Esc does not leave before the key is kept
    assert dialog.isVisible()
    target = tmp_path / "cle"
    fake = prompts.ScriptedPrompts({"choose_file": str(target)})
    with prompts.replaced(fake):
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    pdf = tmp_path / "cle.pdf"
    assert pdf.is_file() and str(pdf) in dialog.result_label.text()
    page = PdfReader(io.BytesIO(pdf.read_bytes())).pages[0].extract_text()
    assert all(group in page for group in text.split("-"))
    qtbot.mouseClick(dialog.kept, Qt.MouseButton.LeftButton)
    assert dialog.done_button.isEnabled()


@pytest.fixture
def no_credentials(monkeypatch):  # noqa: ANN001, ANN201
    """No account in the environment; main() quits as soon as its window shows (as
    tests/ui/test_h8_app_start.py's quiet start: no automatic copy, no crash dialog)."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    import ccs_desktop.ui.exchange as dialogs
    from ccs_desktop import app

    monkeypatch.delenv(unlock.ENV_USER, raising=False)
    monkeypatch.delenv(unlock.ENV_PASSWORD_FILE, raising=False)
    monkeypatch.setattr(dialogs, "on_start_auto_backup", lambda db, wait=False: None)
    monkeypatch.setattr(dialogs, "on_close_auto_backup", lambda db, timeout=0: None)
    monkeypatch.setattr(app, "after_start", lambda window: QTimer.singleShot(0, QApplication.quit))
    monkeypatch.setattr(app, "install_crash_dialog", lambda: None)


def _answer(monkeypatch, cls, steps):  # noqa: ANN001, ANN202
    """The dialog's exec() replaced by what a user does in it (real widgets, real clicks)."""
    seen = []

    def run(self) -> int:  # noqa: ANN001
        seen.append(self)
        steps(self)
        return int(self.result())

    monkeypatch.setattr(cls, "exec", run)
    return seen


def test_a_new_folder_makes_the_administrator_shows_the_key_then_logs_in(
        qtbot, qapp, tmp_path, monkeypatch, no_credentials):
    """What ccs-desktop does before its window (ui.login.sign_in, called by app.main when no
    account is given): real dialogs, real typing and clicks."""
    from PySide6.QtTest import QTest

    from ccs_desktop.ui.login import sign_in

    def admin(d: FirstAdminDialog) -> None:
        d.user.setText("awa")
        QTest.keyClicks(d.password, "Essakane 2026 !")
        QTest.keyClicks(d.confirm, "Essakane 2026 !")
        d.create.click()

    def recovery(d: RecoveryKeyDialog) -> None:
        shown.append(d.key_text)
        d.kept.click()
        d.done_button.click()

    shown: list[str] = []
    _answer(monkeypatch, FirstAdminDialog, admin)
    _answer(monkeypatch, RecoveryKeyDialog, recovery)
    data = tmp_path / "donnees"
    db = sign_in(data)
    assert db is not None and db.recovery_text is None  # shown once, then forgotten
    db.close()
    assert not cipher.is_plain(data / DB_FILENAME)
    key = unlock.unlock(data, unlock.Credentials("awa", "Essakane 2026 !"))
    assert unlock.unlock_with_recovery(data, shown[0]) == key
    # the next start asks for the password and opens with it
    logins = _answer(monkeypatch, LoginDialog, lambda d: (d.user.setText("awa"),
                                                          d.password.setText("Essakane 2026 !"),
                                                          d.sign_in.click()))
    again = sign_in(data)
    assert again is not None and len(logins) == 1
    again.close()


def test_desktop_login_left_quits_without_opening(qapp, empty_db, monkeypatch, no_credentials):
    from ccs_desktop import app

    folder = empty_db.data_dir
    empty_db.close()
    seen = _answer(monkeypatch, LoginDialog, lambda d: d.reject())
    assert app.main(["--data-dir", str(folder)]) == 0
    assert len(seen) == 1


def test_demo_opens_unlocked_with_the_three_demo_accounts(qapp, tmp_path, monkeypatch,
                                                          no_credentials):
    import argparse

    from ccs_desktop import app
    from ccs_desktop.services.demo import DEMO_ACCOUNTS, DEMO_PASSWORD

    seen = _answer(monkeypatch, LoginDialog, lambda d: d.reject())
    (tmp_path / "demo").mkdir()
    db = app.prepare_database(argparse.Namespace(demo=True, demo_folder=tmp_path / "demo",
                                                 data_dir=None))
    db.close()
    # issue 13: the demonstration works as the secretary
    assert seen == [] and db.credentials == unlock.Credentials("secretaire", DEMO_PASSWORD)
    for name in DEMO_ACCOUNTS:
        unlock.unlock(tmp_path / "demo", unlock.Credentials(name, DEMO_PASSWORD))
