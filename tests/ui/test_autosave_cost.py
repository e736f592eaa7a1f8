"""One autosave keystroke in a real window costs a handful of SQL statements.

Counted through SQLAlchemy's `before_cursor_execute` event on every engine (the write engine
too): an autosave of a recommendation reads it with its meeting, updates it and its search
entry, and the visible list fetches that row alone (dataChanged, no reset); hidden pages are
marked stale and reload when shown. Before issue 10 it cost some fifty statements.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from sqlalchemy import event
from sqlalchemy.engine import Engine

MAX_STATEMENTS = 5
TRANSACTION = ("BEGIN", "COMMIT", "ROLLBACK", "SAVEPOINT", "RELEASE")


class StatementCounter:
    def __init__(self) -> None:
        self.statements: list[str] = []

    def __call__(self, conn, cursor, statement, params, context, many):  # noqa: ANN001
        self.statements.append(statement)

    @property
    def counted(self) -> list[str]:
        return [s for s in self.statements if s.split()[0].upper() not in TRANSACTION]

    def __enter__(self) -> StatementCounter:
        event.listen(Engine, "before_cursor_execute", self)
        return self

    def __exit__(self, *exc: object) -> None:
        event.remove(Engine, "before_cursor_execute", self)


def _editable_recommendation(window):  # noqa: ANN001, ANN202
    page = window.go_to("recommendations")
    for row in range(page.model.rowCount()):
        editor = window.open_record("recommendations", page.model.record_id(row))
        if editor.form.widgets["text"].isEnabled():
            return page, row, editor
        editor.close()
    pytest.skip("no recommendation outside an adopted PV in the demo")


def test_one_autosave_keystroke_costs_at_most_five_statements(qtbot, window):
    page, row, editor = _editable_recommendation(window)
    qtbot.addWidget(editor)
    resets, changed = [], []
    page.model.modelReset.connect(lambda: resets.append(1))
    page.model.dataChanged.connect(lambda a, b, *_: changed.append((a.row(), b.row())))
    field = editor.form.widgets["text"]
    field.setFocus()
    field.moveCursor(field.textCursor().MoveOperation.End)
    qtbot.keyClicks(field, " Z")
    assert editor.dirty
    with StatementCounter() as counter:
        editor.autosave()
    assert not editor.dirty and editor.last_error is None
    assert len(counter.counted) <= MAX_STATEMENTS, "\n".join(counter.counted)
    # the row shows the new text, updated in place
    assert resets == [] and changed == [(row, row)]
    text = page.model.data(page.model.index(row, 0), Qt.ItemDataRole.DisplayRole)
    assert text.endswith(" Z")


def test_hidden_pages_reload_when_shown(qtbot, window):
    page, row, editor = _editable_recommendation(window)
    qtbot.addWidget(editor)
    home = window.pages["home"]
    loads = []
    home.refresh = lambda original=home.refresh: (loads.append(1), original())[1]
    field = editor.form.widgets["text"]
    field.setPlainText(field.toPlainText() + " encore")
    assert editor.save()
    assert loads == []  # hidden: only marked stale
    window.go_to("home")
    assert loads == [1]
    window.go_to("recommendations")
    window.go_to("home")
    assert loads == [1]  # shown again with nothing changed: no reload


def test_a_saved_row_that_leaves_the_filter_leaves_the_list(qtbot, window):
    page, row, editor = _editable_recommendation(window)
    qtbot.addWidget(editor)
    record_id = page.model.record_id(row)
    word = page.model.record(row).text.split()[0]
    page.search_edit.setText(word)
    page.model.set_search(word)
    row = page.model.row_of_id(record_id)
    assert row >= 0
    before = page.model.total
    editor.form.widgets["text"].setPlainText("Patrouilles conjointes au marché")
    assert editor.save()
    assert page.model.row_of_id(record_id) == -1
    assert page.model.total == before - 1
