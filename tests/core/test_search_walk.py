"""A search sorted by a column gives the same rows whichever plan SQLite runs (issue 10).

With many matches, `RecordService.list` walks the sort column's index and checks each row
against the search (db.search.sorted_walk) instead of sorting every match; here the walk is
forced on a demo database (any match count counts as many) and compared with the sort.
"""

from __future__ import annotations

import pytest

from ccs_desktop.db import search
from ccs_desktop.services.hub import Services
from ccs_desktop.services.records import ListQuery

CASES = [("meetings", "date", True), ("meetings", "date", False), ("meetings", "status", True),
         ("meetings", "place", False), ("recommendations", "deadline", False),
         ("recommendations", "status", True), ("threats", "status", False),
         ("activities", "date", True), ("people", "family_name", False)]


@pytest.mark.parametrize("kind,order,desc", CASES)
@pytest.mark.parametrize("typed", ["a", "se", "securite", "reunion alafia", "zzz", "é"])
def test_the_walk_gives_the_rows_of_the_sort(demo_db, monkeypatch, kind, order, desc, typed):
    service = getattr(Services(demo_db), kind)
    query = ListQuery(search=typed, order_by=order, descending=desc, limit=5, offset=0)
    pages = [query, ListQuery(search=typed, order_by=order, descending=desc, limit=7,
                              offset=3)]
    with monkeypatch.context() as patch:
        patch.setattr(search, "DENSE_MATCHES", 10**12)
        expected = [[r.id for r in service.list(q)] for q in pages]
    calls = []
    real = search.sorted_walk
    monkeypatch.setattr(search, "DENSE_MATCHES", 0)
    monkeypatch.setattr(search, "sorted_walk", lambda *a: calls.append(1) or real(*a))
    assert [[r.id for r in service.list(q)] for q in pages] == expected
    assert calls  # the walk was considered


def test_the_walk_is_chosen_only_for_many_matches(demo_db, monkeypatch):
    service = Services(demo_db).meetings
    with demo_db.session() as s:
        assert search.sorted_walk(s.connection(), service.model, "reunion") is None
        monkeypatch.setattr(search, "DENSE_MATCHES", 0)
        assert search.sorted_walk(s.connection(), service.model, "reunion") is not None
        assert search.sorted_walk(s.connection(), service.model, "zzzz") is None
