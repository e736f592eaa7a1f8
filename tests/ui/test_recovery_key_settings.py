"""Issue 11: an administrator makes a new recovery key from Settings; the old one stops
working at once, the new one is shown once (and can be printed as its sheet)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from ccs_desktop.db import keyfile, unlock
from ccs_desktop.services.hub import Services
from ccs_desktop.ui import prompts
from ccs_desktop.ui.login import RecoveryKeyDialog
from ccs_desktop.ui.views.settings import SettingsPage


def test_a_new_recovery_key_replaces_the_old_one(qtbot, empty_db):
    old = empty_db.recovery_text
    assert old  # made with the database, shown once at its creation
    key = empty_db.key
    page = SettingsPage(Services(empty_db))
    qtbot.addWidget(page)
    page.show()
    shown = []
    fake = prompts.ScriptedPrompts({"ask_yes_no": [False, True],
                                    "run_dialog": lambda *_: 1})
    real_run = fake.run_dialog

    def run_dialog(dialog, modal=True):  # noqa: ANN001, ANN202
        shown.append(dialog)
        return real_run(dialog, modal)

    fake.run_dialog = run_dialog
    with prompts.replaced(fake):
        qtbot.mouseClick(page.recovery_button, Qt.MouseButton.LeftButton)  # "no": nothing
        assert shown == [] and unlock.unlock_with_recovery(empty_db.data_dir, old) == key
        qtbot.mouseClick(page.recovery_button, Qt.MouseButton.LeftButton)
    assert len(shown) == 1 and isinstance(shown[0], RecoveryKeyDialog)
    new = shown[0].key_text
    assert new != old and unlock.unlock_with_recovery(empty_db.data_dir, new) == key
    with pytest.raises(keyfile.WrongPassword):
        unlock.unlock_with_recovery(empty_db.data_dir, old)
    assert "ne fonctionne plus" in page.status.text()
