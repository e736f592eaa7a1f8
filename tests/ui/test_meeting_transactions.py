"""The meeting editor's compound writes each take one transaction, through the real editor:
adopting a PV (adoption, signed scan, archived PDF) and reordering the agenda. A failure in the
middle leaves nothing half done. Writing transactions are counted with SQLAlchemy events."""

from __future__ import annotations

from contextlib import contextmanager
from typing import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QUndoStack
from sqlalchemy import event
from sqlalchemy.engine import Engine

from ccs_desktop.db import models as m
from ccs_desktop.services.errors import UserError
from ccs_desktop.ui import i18n
from ccs_desktop.ui.editors.meeting import MeetingEditor
from tests.french import fr

LEFT = Qt.MouseButton.LeftButton
WRITES = ("INSERT", "UPDATE", "DELETE")


class Transactions:
    """Transactions that wrote something, committed or rolled back, on every engine."""

    def __init__(self) -> None:
        self.committed = 0
        self.rolled_back = 0
        self.fail_on: tuple[str, int] | None = None  # (statement prefix, n-th row): raise
        self._rows: dict[str, int] = {}

    def _statement(self, conn, cursor, statement, parameters, context, executemany):  # noqa: ANN001, ARG002
        text = statement.lstrip().upper()
        if text.startswith(WRITES):
            conn.info["test_wrote"] = True
        if self.fail_on is not None and text.startswith(self.fail_on[0]):
            n = len(parameters) if executemany else 1
            self._rows[self.fail_on[0]] = self._rows.get(self.fail_on[0], 0) + n
            if self._rows[self.fail_on[0]] >= self.fail_on[1]:
                raise UserError("panne au milieu")

    def _commit(self, conn) -> None:  # noqa: ANN001
        self.committed += bool(conn.info.pop("test_wrote", False))

    def _rollback(self, conn) -> None:  # noqa: ANN001
        self.rolled_back += bool(conn.info.pop("test_wrote", False))


@contextmanager
def transactions() -> Iterator[Transactions]:
    tx = Transactions()
    hooks = (("before_cursor_execute", tx._statement), ("commit", tx._commit),
             ("rollback", tx._rollback))
    for name, fn in hooks:
        event.listen(Engine, name, fn)
    try:
        yield tx
    finally:
        for name, fn in hooks:
            event.remove(Engine, name, fn)


def _stored_pv(s, meeting_id: int) -> int:  # noqa: ANN001
    with s.db.session() as session:
        return session.query(m.StoredDocument).filter_by(meeting_id=meeting_id,
                                                         kind="pv").count()


def _frozen_header(s, meeting_id: int) -> str | None:  # noqa: ANN001
    with s.db.session() as session:
        return session.get(m.Meeting, meeting_id).frozen_header


@pytest.fixture(autouse=True)
def _confirm_coherence():  # noqa: ANN202
    """Issue 15: adopting asks first (irreversible, coherence warnings); the secretary
    confirms here; every other dialog is the real one."""
    from month_keys import ConfirmingPrompts

    from ccs_desktop.ui import prompts

    with prompts.replaced(ConfirmingPrompts(True)) as confirming:
        yield confirming


@pytest.fixture
def french(qapp):  # noqa: ANN001, ANN201
    yield i18n.install_translators(qapp, "fr")


@pytest.fixture
def meetings(committee_services):  # noqa: ANN001, ANN201
    s = committee_services
    held = s.meetings.create_with_agenda(date="2024-04-12", status="held")
    later = s.meetings.create_with_agenda(date="2024-05-10")
    return s, held.id, later.id


def _adoption_tab(qtbot, s, meeting_id: int, later_id: int, scan) -> MeetingEditor:  # noqa: ANN001
    ed = MeetingEditor(s, QUndoStack(), meeting_id)
    qtbot.addWidget(ed)
    ed.show()
    ed.tabs.setCurrentIndex(5)
    ed.adopted_by.setCurrentIndex(ed.adopted_by.findData(later_id))
    scan.write_bytes(b"\xff\xd8\xff signed and stamped " * 100)
    ed.scan_path.setText(str(scan))
    return ed


def test_adoption_from_the_editor_is_one_transaction(qtbot, meetings, french, tmp_path):
    s, mid, later = meetings
    ed = _adoption_tab(qtbot, s, mid, later, tmp_path / "PV_signe.jpg")
    with transactions() as tx:
        with qtbot.waitSignal(ed.changed, timeout=5000):
            qtbot.mouseClick(ed.adopt_button, LEFT)
    assert (tx.committed, tx.rolled_back) == (1, 0)
    got = s.meetings.get(mid)
    assert got.status == "adopted" and got.adopted_by_meeting_id == later
    assert [a.kind for a in s.attachments.list_for(meeting_id=mid)] == ["signed_pv"]
    assert _stored_pv(s, mid) == 1 and _frozen_header(s, mid)
    assert ed.read_only and "n'a pas pu être archivé" not in ed.adoption_state.text()


def test_a_failure_while_adopting_leaves_nothing_half_done(qtbot, meetings, french, tmp_path):
    s, mid, later = meetings
    ed = _adoption_tab(qtbot, s, mid, later, tmp_path / "PV_signe.jpg")
    with transactions() as tx:
        tx.fail_on = ("INSERT INTO STORED_DOCUMENTS", 1)  # after the scan, with the PDF
        qtbot.mouseClick(ed.adopt_button, LEFT)
    # the archiving failed: only it is undone (a savepoint), the adoption is saved and says so
    assert (tx.committed, tx.rolled_back) == (1, 0)
    assert s.meetings.get(mid).status == "adopted"
    assert _stored_pv(s, mid) == 0 and not _frozen_header(s, mid)
    assert fr("le PDF du PV adopté n'a pas pu être archivé") in ed.adoption_state.text()

    other = s.meetings.create_with_agenda(date="2024-06-07", status="held")
    next_one = s.meetings.create_with_agenda(date="2024-07-05")
    ed2 = _adoption_tab(qtbot, s, other.id, next_one.id, tmp_path / "PV_2.jpg")
    with transactions() as tx:
        tx.fail_on = ("INSERT INTO ATTACHMENTS", 1)  # the scan, after the status changed
        qtbot.mouseClick(ed2.adopt_button, LEFT)
    assert (tx.committed, tx.rolled_back) == (0, 1)
    assert s.meetings.get(other.id).status == "held"
    assert s.meetings.get(other.id).adopted_by_meeting_id is None
    assert s.attachments.list_for(meeting_id=other.id) == []
    assert _stored_pv(s, other.id) == 0
    assert ed2.adopt_error.text() == "panne au milieu" and not ed2.read_only


def _agenda(s, mid: int) -> list[str]:  # noqa: ANN001
    return [i.title for i in s.meetings.agenda(mid)]


def test_reordering_the_agenda_is_one_transaction(qtbot, meetings, french):
    s, _, mid = meetings
    before = _agenda(s, mid)
    ed = MeetingEditor(s, QUndoStack(), mid)
    qtbot.addWidget(ed)
    ed.show()
    ed.tabs.setCurrentIndex(2)
    ed.agenda_list.setCurrentRow(1)
    with transactions() as tx:
        qtbot.mouseClick(ed.down_button, LEFT)
    assert (tx.committed, tx.rolled_back) == (1, 0)
    assert _agenda(s, mid) == [before[0], before[2], before[1], *before[3:]]
    assert [i.position for i in s.meetings.agenda(mid)] == list(range(1, len(before) + 1))
    assert ed.agenda_list.currentRow() == 2

    # the second position written fails: the first is not kept either
    with transactions() as tx:
        tx.fail_on = ("UPDATE AGENDA_ITEMS", 2)
        qtbot.mouseClick(ed.down_button, LEFT)
    assert (tx.committed, tx.rolled_back) == (0, 1)
    assert _agenda(s, mid) == [before[0], before[2], before[1], *before[3:]]
    assert ed.item_error.text() == "panne au milieu"


def test_reorder_refuses_an_order_that_is_not_the_agenda(meetings, french):
    s, _, mid = meetings
    ids = [i.id for i in s.meetings.agenda(mid)]
    for wrong in (ids[:-1], ids + [ids[0]], [*ids[:-1], 10**9], "1,2"):
        with pytest.raises(UserError, match=fr("L'ordre du jour a changé entre-temps")):
            s.meetings.reorder_agenda(mid, wrong)
    assert [i.id for i in s.meetings.agenda(mid)] == ids
    assert s.meetings.reorder_agenda(mid, ids) == ()
    assert s.meetings.reorder_agenda(mid, ids[::-1]) == tuple(
        i for n, i in enumerate(ids[::-1], start=1) if ids.index(i) + 1 != n)
