"""Listing and counting take input too (the year box, the date filters, the search box, a
page asked for by a table): whatever they are given, they answer or refuse in French."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ccs_desktop.services.errors import UserError
from ccs_desktop.services.hub import Services
from ccs_desktop.services.records import ListQuery

LISTED = ("meetings", "threats", "vulnerabilities", "recommendations", "activities", "people")

ANY_VALUE = st.one_of(
    st.none(), st.booleans(), st.integers(min_value=-(2**70), max_value=2**70),
    st.floats(allow_nan=True), st.text(max_size=30), st.sampled_from(["²", "2024", "2024-13-40",
                                                                    "abc", "", " ", "٢٠٢٤"]),
    st.dates(), st.just(dt.datetime(2024, 5, 1, 10, 0)), st.lists(st.text(max_size=5),
                                                                 max_size=3))

QUERIES = st.builds(
    ListQuery,
    search=st.text(max_size=40),
    filters=st.dictionaries(st.sampled_from(["year", "date_from", "date_to"]), ANY_VALUE,
                            max_size=2),
    order_by=st.one_of(st.none(), st.sampled_from(["date", "number", "title", "status",
                                                   "nope", "reference"])),
    descending=st.booleans(),
    limit=st.one_of(st.none(), st.integers(min_value=-(2**70), max_value=2**70)),
    offset=st.integers(min_value=-(2**70), max_value=2**70),
)


@pytest.fixture(scope="module")
def services(tmp_path_factory: pytest.TempPathFactory) -> Services:
    from ccs_desktop.db.engine import open_database
    from ccs_desktop.services.demo import generate_demo

    db = open_database(tmp_path_factory.mktemp("listing"))
    generate_demo(db, seed=3)
    yield Services(db)
    db.close()


@pytest.mark.parametrize("name", LISTED)
def test_listing_and_counting_answer_or_refuse_in_french(services: Services, name: str) -> None:
    service = getattr(services, name)

    @settings(max_examples=150, deadline=None,
              suppress_health_check=[HealthCheck.function_scoped_fixture])
    @given(QUERIES)
    def prop(query: ListQuery) -> None:
        for call in (service.list, service.count):
            try:
                call(query)
            except UserError as exc:
                text = str(exc)
                # what the user typed is quoted as typed (Hypothesis may type "None")
                said = re.sub(r"« [^»]* »", "« »", text)
                assert said and "Error" not in said and "None" not in said, text

    prop()


def test_a_year_filter_still_filters(services: Services) -> None:
    everything = services.meetings.count(ListQuery())
    year = services.meetings.list(ListQuery(limit=1))[0].year
    in_year = services.meetings.count(ListQuery(filters={"year": str(year)}))
    assert 0 < in_year <= everything
    assert in_year == services.meetings.count(ListQuery(filters={"year": year}))
    with pytest.raises(UserError, match="Année"):
        services.meetings.count(ListQuery(filters={"year": "²"}))


ODD_FILTER_VALUES = st.one_of(
    ANY_VALUE, st.dictionaries(st.text(max_size=3), st.integers(), max_size=2),
    st.just(object()), st.binary(max_size=5), st.integers(min_value=2**63, max_value=2**80),
    st.lists(st.integers(min_value=-(2**70), max_value=2**70), max_size=3))
ODD_QUERIES = st.builds(
    ListQuery,
    search=st.one_of(st.text(max_size=10), st.none(), st.integers(), st.binary(max_size=4)),
    filters=st.one_of(st.none(), st.lists(st.integers(), max_size=2),
                      st.dictionaries(st.sampled_from(["status", "committee_id", "region",
                                                       "date", "kind", "priority", "id",
                                                       "sex", "is_active", "nope", "year"]),
                                      ODD_FILTER_VALUES, max_size=2)))


@pytest.mark.parametrize("name", LISTED)
def test_odd_searches_and_filters_answer_or_refuse_in_french(services: Services,
                                                             name: str) -> None:
    service = getattr(services, name)

    @settings(max_examples=150, deadline=None,
              suppress_health_check=[HealthCheck.function_scoped_fixture])
    @given(ODD_QUERIES, st.one_of(st.text(max_size=12), st.integers(), st.none(),
                                  st.sampled_from(["place", "title", "status", "²"])))
    def prop(query: ListQuery, column: object) -> None:
        for call in (lambda: service.list(query), lambda: service.count(query),
                     lambda: service.distinct_values(column)):
            try:
                call()
            except UserError as exc:
                assert str(exc) and "Error" not in str(exc), str(exc)

    prop()


def test_odd_arguments_of_helpers_are_refused_in_french(services: Services, tmp_path) -> None:
    with pytest.raises(UserError, match="Horloge"):
        services.committee.clock_warning("x")
    source = tmp_path / "scan.pdf"
    source.write_bytes(b"%PDF-1.4 test")
    meeting = services.meetings.list(ListQuery(limit=1))[0]
    attachment = services.attachments.add_file(source, meeting_id=meeting.id)
    with pytest.raises(UserError, match="dossier"):
        services.attachments.open_copy(attachment.id, folder="\x00")
