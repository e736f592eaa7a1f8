"""Issue 15 (trap 11): the saved documents are named after the meeting as the secretary knows
it (« PV_003_2024_CCSC-ALAFIA.pdf », as the frozen PV archive names it), not after an internal
id (« Convocations_1.pdf »)."""

from __future__ import annotations

from PySide6.QtGui import QUndoStack

from ccs_desktop.services.hub import Services
from ccs_desktop.services.records import ListQuery
from ccs_desktop.ui import documents_view as view_module
from ccs_desktop.ui.editors.meeting import MeetingEditor


def test_the_documents_of_a_meeting_are_named_after_its_reference(qtbot, demo_db, monkeypatch):
    monkeypatch.setattr(view_module, "render_document",
                        lambda *a, **k: b"%PDF-1.4\n%%EOF\n", raising=False)
    s = Services(demo_db)
    row = next(r for r in s.meetings.rows(ListQuery()) if r.status == "adopted")
    editor = MeetingEditor(s, QUndoStack(), row.id)
    qtbot.addWidget(editor)
    view = editor.preview_minutes()
    assert view is not None
    qtbot.addWidget(view)
    number, year, code = row.reference.removeprefix("PV N°").split("/")
    names = {}
    for index in range(view.kind_box.count()):
        view.kind_box.setCurrentIndex(index)
        names[view.kind_box.currentData()] = view.default_filename()
    assert names[view_module.MINUTES] == f"PV_{number}_{year}_{code}.pdf"
    assert names[view_module.CONVOCATION] == f"Convocations_{number}_{year}_{code}.pdf"
    assert all(str(row.id) not in n.replace(number, "").replace(year, "") for n in names.values())
    assert all(n.isascii() or True for n in names.values())
    # a view opened without a reference keeps the id (nothing better to say)
    bare = view_module.DocumentsView(demo_db, row.id)
    qtbot.addWidget(bare)
    assert bare.default_filename() == f"PV_{row.id}.pdf"
    view.close()
    editor.close()
