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


SORTED_BY = {  # the columns each list sorts by (ui/models/specs.py), as services map them
    "meetings": ("reference", "date", "kind", "status", "place"),
    "threats": ("title", "type_code", "place_name", "score", "trend", "status",
                "first_reported"),
    "vulnerabilities": ("title", "place_kind", "place_name", "status", "first_reported"),
    "recommendations": ("text", "addressee", "deadline", "priority", "status"),
    "activities": ("date", "kind", "title", "place", "partner"),
    "people": ("name", "sex", "is_youth", "category", "organisation", "function"),
}


def test_every_sortable_column_has_an_index_to_walk(demo_db):
    services = Services(demo_db)
    unindexed = []
    for kind, orders in SORTED_BY.items():
        service = getattr(services, kind)
        first = {ix.columns[0].name for ix in service.model.__table__.indexes
                 if len(ix.columns)}
        for order in orders:
            column = service.sort_columns.get(order, getattr(service.model, order, None))
            if column.key not in first:
                unindexed.append((kind, order))
        with demo_db.engine.connect() as conn:
            names = {r[0] for r in conn.exec_driver_sql(
                "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = ?",
                (service.model.__tablename__,))}
        assert {ix.name for ix in service.model.__table__.indexes} <= names
    assert unindexed == []


def test_the_search_tables_have_prefix_indexes(demo_db):
    with demo_db.engine.connect() as conn:
        for table in search.FTS_TABLES:
            sql = conn.exec_driver_sql("SELECT sql FROM sqlite_master WHERE name = ?",
                                       (table,)).scalar()
            assert "prefix = '1 2 3'" in sql, sql


def test_short_prefixes_and_several_words_are_walked(demo_db, monkeypatch):
    """A prefix of up to three letters is checked through the prefix index (never expanded
    into words), and a search of several words is walked too."""
    monkeypatch.setattr(search, "DENSE_MATCHES", 0)
    with demo_db.session() as s:
        walk = search.sorted_walk(s.connection(), Services(demo_db).meetings.model, "se")
        assert walk is not None and '"se"*' in str(walk[0].compile(
            compile_kwargs={"literal_binds": True}))
        assert search.sorted_walk(s.connection(), Services(demo_db).meetings.model,
                                  "reunion alafia") is not None


def test_the_walk_stops_when_the_page_is_full(demo_db, monkeypatch):
    """The walk checks the rows of a stretch, not a fixed count: a page of 5 of a search
    matching every meeting reads one stretch of the index."""
    from sqlalchemy import event

    service = Services(demo_db).meetings
    monkeypatch.setattr(search, "DENSE_MATCHES", 0)
    monkeypatch.setattr(type(service), "STRETCH_MIN", 8)
    monkeypatch.setattr(type(service), "PROBE_COST", 10**9)  # the stretches, not the probe walk
    with demo_db.session() as s:
        everything = s.execute(search.match(service.model, "pv")[0].select()).all()
    assert len(everything) > 20
    statements = []

    def seen(conn, cursor, statement, parameters, context, many):  # noqa: ANN001
        statements.append((statement, parameters))

    event.listen(demo_db.engine, "before_cursor_execute", seen)
    try:
        rows = service.list(ListQuery(search="pv", order_by="date", descending=True, limit=5))
    finally:
        event.remove(demo_db.engine, "before_cursor_execute", seen)
    assert len(rows) == 5
    walks = [(st, p) for st, p in statements if "LIMIT" in st and "EXISTS" in st]
    assert len(walks) == 1, statements
    # the rows checked: one stretch of twice the rows the share of matches needs (10), not
    # a fixed scan of a thousand
    assert max(x for x in walks[0][1] if isinstance(x, int)) < 100, walks
