"""Issue 13: the screens grey what a role may not do. A lecteur opens a record read-only
(banner, fields and « Enregistrer » off); a secretary edits it."""

from __future__ import annotations

import rawdb
from PySide6.QtGui import QUndoStack

from ccs_desktop.db import unlock
from ccs_desktop.services import roles
from ccs_desktop.services.hub import Services
from ccs_desktop.services.records import ListQuery
from ccs_desktop.ui.editors.people import PersonEditor


PASSWORD = "une phrase assez longue"


def _editor_as(qtbot, db, user: str, role: str) -> PersonEditor:  # noqa: ANN001
    from ccs_desktop.services import access

    db.credentials = unlock.Credentials(rawdb.TEST_USER, rawdb.TEST_PASSWORD)  # administrator
    access.add_account(db, user, role, PASSWORD)
    db.credentials = unlock.Credentials(user, PASSWORD)
    roles.forget(db)
    services = Services(db)
    person = services.people.rows(ListQuery(limit=1))[0]
    editor = PersonEditor(services, QUndoStack(), person.id)
    qtbot.addWidget(editor)
    editor.show()
    return editor


def test_a_lecteur_opens_a_record_read_only(qtbot, demo_db) -> None:
    editor = _editor_as(qtbot, demo_db, "awa", "lecteur")
    assert editor.read_only and not editor.save_button.isEnabled()
    assert editor.readonly_banner.isVisible()
    assert editor.readonly_banner.text().startswith("Lecture seule")
    assert not editor.delete_button.isEnabled()


def test_a_secretary_edits_it(qtbot, demo_db) -> None:
    editor = _editor_as(qtbot, demo_db, "fanta", "secretaire")
    assert not editor.read_only and editor.save_button.isEnabled()
