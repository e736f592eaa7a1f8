"""The sorted walk of a search (RecordService._sorted_walk) gives exactly the rows of a plain
ORDER BY, over random data with many ties, tombstones and empty dates, in every sort order and
both directions, whether the page comes from the walk's stretches, from the probe walk (the
sort index walked, each entry probed in the set of the matches' ids) or from the fallback sort;
with matches bunched far down the order too, behind rows that do not match (issue 10)."""

from __future__ import annotations

import datetime as dt
import uuid

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import delete, func, insert, select, text

from ccs_desktop.db import models as m
from ccs_desktop.db import search
from ccs_desktop.domain.text import fold
from ccs_desktop.services.hub import Services
from ccs_desktop.services.records import ListQuery, RecordService

WORDS = ("salle", "securite", "seance", "sel", "pv", "paix", "eau", "a", "ab", "abc")
PLACES = ("", "Alafia", "Salle A", "salle b", "Ber")
DAYS = (None, dt.date(2020, 1, 1), dt.date(2020, 1, 2), dt.date(1999, 12, 31))
BASE = 0
PREFIXES = ("s", "se", "sa", "sal", "secu", "a", "ab", "pv", "p", "e", "salle securite", "zz")

row = st.fixed_dictionaries({
    "words": st.lists(st.sampled_from(WORDS), min_size=0, max_size=3),
    "place": st.sampled_from(PLACES),
    "day": st.sampled_from(DAYS),
    "status": st.sampled_from(("draft", "held", "adopted")),
    "priority": st.sampled_from(("normal", "high", "urgent")),
    "dead": st.booleans(),
})


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    from ccs_desktop.db.engine import open_database
    from ccs_desktop.services.demo import generate_demo

    database = open_database(tmp_path_factory.mktemp("walk-properties"))
    generate_demo(database, committees=1, years=1)
    with database.session() as s:
        global BASE
        BASE = max(s.scalar(select(func.max(model.id))) or 0
                   for model in (m.Meeting, m.Recommendation))
    yield database
    database.close()


# rows matching none of PREFIXES, all at one place ("Ber", before every "Salle" place and
# after "Alafia"): ahead of the matches or behind them in the order of places, and of ids
filler = st.fixed_dictionaries({
    "words": st.just([]), "place": st.just("Ber"), "day": st.sampled_from(DAYS),
    "status": st.sampled_from(("draft", "held")), "priority": st.just("normal"),
    "dead": st.booleans(),
})


def _load(db, rows: list[dict]) -> None:  # noqa: ANN001
    now = dt.datetime(2024, 1, 1)
    with db.session() as s:
        committee = s.scalar(select(m.Committee.id).limit(1))
        base = BASE  # the demo's records stay, ours come after them
        for model in (m.Recommendation, m.Meeting):
            s.execute(delete(model).where(model.id > base))
            s.execute(text(f"DELETE FROM {search.SEARCHABLE[model][0]} WHERE rowid > {base}"))
        meetings, recommendations, fts_m, fts_r = [], [], [], []
        for i, r in enumerate(rows, start=1):
            common = {"id": base + i, "uuid": str(uuid.uuid4()), "created_at": now, "updated_at": now,
                      "version": 1, "generation": 0, "committee_id": committee,
                      "deleted_at": now if r["dead"] else None}
            body = " ".join(r["words"])
            meetings.append({**common, "number": i, "year": 1900, "reference": f"PV {i}",
                             "kind": "ordinary", "status": r["status"],
                             "date": r["day"] or dt.date(2001, 1, 1), "place": r["place"],
                             "notes": body, "not_held_reason_text": "", "convened_by": "",
                             "frozen_header": ""})
            recommendations.append({**common, "text": body or "-", "addressee": r["place"],
                                    "responsible": "", "deadline": r["day"],
                                    "priority": r["priority"], "status": "formulated"})
            if not r["dead"]:
                fts_m.append({"id": base + i, "body": fold(f"{body} {r['place']}")})
                fts_r.append({"id": base + i, "body": fold(f"{body} {r['place']}")})
        if rows:
            s.execute(insert(m.Meeting.__table__), meetings)
            s.execute(insert(m.Recommendation.__table__), recommendations)
            for model, fts in ((m.Meeting, fts_m), (m.Recommendation, fts_r)):
                if fts:
                    s.execute(text(f"INSERT INTO {search.SEARCHABLE[model][0]}(rowid, body) "
                                   "VALUES (:id, :body)"), fts)


def _plain(db, service: RecordService, typed: str, order: str, desc: bool,  # noqa: ANN001
           limit: int, offset: int) -> list[int]:
    """The page as a plain ORDER BY of every match gives it."""
    model = service.model
    column = service.sort_columns.get(order, getattr(model, order))
    fts, condition = search.match(model, typed)
    stmt = (select(model.id).join(fts, fts.c.rowid == model.id)
            .where(condition, model.deleted_at.is_(None))
            .order_by(column.desc() if desc else column.asc(),
                      model.id.desc() if desc else model.id.asc())
            .limit(limit).offset(offset))
    with db.session() as s:
        return list(s.scalars(stmt).all())


CASES = [("meetings", o) for o in ("reference", "date", "status", "place")] + \
    [("recommendations", o) for o in ("deadline", "priority", "addressee", "text")]


# (STRETCH_MIN, WALK_MAX, PROBE_COST, SORT_COST): the service's own; the stretches only; a few
# rows walked, then the sort, or the probe walk; the probe walk at once
BIG = 2**62
PLANS = ((256, BIG, 2.5, 12), (256, BIG, BIG, BIG), (1, 1, BIG, BIG), (2, 5, BIG, BIG),
         (2, 5, 10**9, BIG), (1, 1, 10**9, BIG), (256, BIG, 0, 12))


@settings(max_examples=120, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(rows=st.lists(row, min_size=0, max_size=40), typed=st.sampled_from(PREFIXES),
       case=st.sampled_from(CASES), desc=st.booleans(),
       limit=st.integers(1, 12), offset=st.integers(0, 10),
       walk=st.sampled_from(PLANS),
       before=st.lists(filler, max_size=60), after=st.lists(filler, max_size=60))
def test_the_walk_gives_the_rows_of_a_plain_order_by(db, monkeypatch, rows, typed, case, desc,
                                                     limit, offset, walk, before, after):
    _load(db, before + rows + after)
    kind, order = case
    service = getattr(Services(db), kind)
    expected = _plain(db, service, typed, order, desc, limit, offset)
    with monkeypatch.context() as patch:
        patch.setattr(search, "DENSE_MATCHES", 0)  # the walk whatever the number of matches
        # tiny budgets and stretches: several stretches, and the fallbacks past them
        patch.setattr(type(service), "STRETCH_MIN", walk[0])
        patch.setattr(type(service), "WALK_MAX", walk[1])
        patch.setattr(type(service), "PROBE_COST", walk[2])
        patch.setattr(type(service), "SORT_COST", walk[3])
        got = [r.id for r in service.list(ListQuery(search=typed, order_by=order,
                                                    descending=desc, limit=limit,
                                                    offset=offset))]
    assert got == expected


def _statements(db, call):  # noqa: ANN001, ANN202
    from sqlalchemy import event

    seen = []

    def record(conn, cursor, statement, parameters, context, many):  # noqa: ANN001
        seen.append(statement)

    event.listen(db.engine, "before_cursor_execute", record)
    try:
        result = call()
    finally:
        event.remove(db.engine, "before_cursor_execute", record)
    return result, seen


@pytest.mark.parametrize("costs", [{}, {"PROBE_COST": 1000, "SORT_COST": 10**6}])
def test_bunched_matches_are_probed_not_sorted(db, monkeypatch, costs):
    """Every match behind 2,000 rows that do not match, in the order of places: the page comes
    from the probe walk (the place index walked, each entry probed in the set of the matches'
    ids), at once or after one stretch of the walk found nothing, never from a sort of every
    match (the plan before: the walk's budget spent, then the sort)."""
    bunched = [{"words": ["salle"], "place": "Salle A", "day": None, "status": "held",
                "priority": "normal", "dead": False}] * 400
    _load(db, [{**bunched[0], "words": [], "place": "Ber"}] * 2000 + bunched)
    service = Services(db).meetings
    monkeypatch.setattr(search, "DENSE_MATCHES", 0)
    for name, value in costs.items():
        monkeypatch.setattr(type(service), name, value)
    query = ListQuery(search="salle", order_by="place", limit=50)
    rows, seen = _statements(db, lambda: service.list(query))
    assert [r.id for r in rows] == _plain(db, service, "salle", "place", False, 50, 0)
    probes = [st for st in seen if "meetings.id + ? IN (SELECT" in st]
    sorts = [st for st in seen if "JOIN fts_meetings" in st]
    walks = [st for st in seen if "EXISTS (SELECT" in st]
    assert len(probes) == 1 and not sorts, seen
    assert len(walks) == (1 if costs else 0), seen
