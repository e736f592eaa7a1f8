"""The table models: Qt's model tester, paging, SQL sorting, filters and search."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from ccs_desktop.services.records import ListQuery
from ccs_desktop.ui.models import ID_ROLE, KINDS, SORT_ROLE, make_model


@pytest.mark.parametrize("kind", KINDS)
def test_every_model_passes_the_model_tester(qtmodeltester, services, kind):
    model = make_model(services, kind, page_size=7)
    assert model.rowCount() == min(7, model.total)
    assert model.total == getattr(services, kind).count()
    qtmodeltester.check(model)
    # the tester stays connected: sorting, searching and paging must signal correctly too
    model.sort(0, Qt.SortOrder.DescendingOrder)
    model.set_search("a")
    model.set_search("")
    while model.canFetchMore():
        model.fetchMore()
    assert model.rowCount() == model.total


def test_rows_come_in_pages(services):
    model = make_model(services, "recommendations", page_size=20)
    total = services.recommendations.count()
    assert total > 40
    assert model.rowCount() == 20 and model.canFetchMore()
    model.fetchMore()
    assert model.rowCount() == 40
    while model.canFetchMore():
        model.fetchMore()
    assert model.rowCount() == total
    ids = [model.index(r, 0).data(ID_ROLE) for r in range(total)]
    assert len(set(ids)) == total  # no row twice, none skipped


def test_sort_runs_in_sql_over_all_rows(services):
    model = make_model(services, "recommendations", page_size=10)
    col = [c.key for c in model.columns].index("deadline")
    model.sort(col, Qt.SortOrder.DescendingOrder)
    newest = services.recommendations.list(ListQuery(order_by="deadline", descending=True,
                                                     limit=1))[0]
    assert model.index(0, col).data(ID_ROLE) == newest.id
    assert model.index(0, col).data(SORT_ROLE) == newest.deadline.isoformat()
    assert model.query.order_by == "deadline" and model.query.descending


def test_search_and_filters(services):
    model = make_model(services, "people")
    model.set_search("securite")
    accented = services.people.count(ListQuery(search="Sécurité"))
    assert accented > 0 and model.total == accented
    model.set_search("")
    model.set_filter("sex", "F")
    assert model.total == services.people.count(ListQuery(filters={"sex": "F"}))
    assert all(model.record(r).sex == "F" for r in range(model.rowCount()))


def test_dates_read_the_french_way(services):
    model = make_model(services, "meetings")
    col = [c.key for c in model.columns].index("date")
    rec = model.record(0)
    months = ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
              "septembre", "octobre", "novembre", "décembre")
    assert model.index(0, col).data() == f"{rec.date.day} {months[rec.date.month - 1]} {rec.date.year}"


def test_overdue_rows_stand_out(services):
    from ccs_desktop.ui.models.record_model import OVERDUE_ROLE

    model = make_model(services, "recommendations")
    model.set_filter("overdue", True)
    assert model.total == services.recommendations.count(ListQuery(filters={"overdue": True}))
    assert model.total > 0
    index = model.index(0, 0)
    assert index.data(OVERDUE_ROLE) is True
    assert index.data(Qt.ItemDataRole.FontRole).bold()
