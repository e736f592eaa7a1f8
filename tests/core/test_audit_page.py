"""The administrator's audit trail page (issue 13): filters in SQL, CSV export, verification."""

from __future__ import annotations

import rawdb  # noqa: I001
import pytest

from ccs_desktop.services import audit
from ccs_desktop.services.hub import Services


@pytest.fixture
def page(qtbot, committee_db):
    from ccs_desktop.ui.views.audit import AuditPage

    sv = Services(committee_db)
    audit.forget_editing()
    for n in range(5):
        sv.threats.create(title=f"Menace {n}", type_code="CRI.BET")
    audit.record(committee_db, "lock", account="secretaire")
    p = AuditPage(sv)
    qtbot.addWidget(p)
    return p


def test_the_page_lists_filters_and_exports(page, tmp_path):
    total = audit.count(page.services.db)
    assert page.model.rowCount() == total == page.model.total
    page.action.setCurrentIndex(page.action.findData("lock"))
    assert page.model.rowCount() == 1
    assert page.model.data(page.model.index(0, 2)) == "secretaire"
    page.action.setCurrentIndex(0)
    page.account.setCurrentIndex(page.account.findData("secretaire"))
    assert page.model.rowCount() == 1
    page.account.setCurrentIndex(0)
    out = tmp_path / "journal.csv"
    assert page.export_csv(str(out)) == total
    assert "Menace" not in out.read_text(encoding="utf-8-sig")
    assert page.verify()
    assert "intacte" in page.verdict.text()


def test_the_page_shows_a_broken_chain(page):
    con = rawdb.connect(page.services.db.path)
    with con:
        con.execute("UPDATE audit_entries SET outcome = 'x' WHERE id = 2")
    con.close()
    assert not page.verify()
    assert "2" in page.verdict.text()


def test_pages_of_two_hundred(qtbot, committee_db):
    from ccs_desktop.ui.views import audit as view

    for _ in range(view.PAGE + 10):
        audit.record(committee_db, "lock")
    model = view.AuditModel(committee_db)
    model.reload()
    assert model.rowCount() == view.PAGE and model.canFetchMore()
    model.fetchMore()
    assert model.rowCount() == model.total
