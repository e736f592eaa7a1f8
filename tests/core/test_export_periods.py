"""The periods of `ccs export --period` (services.export.parse_period): years, quarters,
months and spans of them, refused in French otherwise."""

from __future__ import annotations

import calendar
import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ccs_desktop.services.errors import ValidationError
from ccs_desktop.services.export import parse_period

years = st.integers(1900, 2100)
months = st.integers(1, 12)


def _end(year, month):
    return dt.date(year, month, calendar.monthrange(year, month)[1])


@pytest.mark.parametrize("text, start, end", [
    ("2024", dt.date(2024, 1, 1), dt.date(2024, 12, 31)),
    ("2024-Q2", dt.date(2024, 4, 1), dt.date(2024, 6, 30)),
    ("2024-T4", dt.date(2024, 10, 1), dt.date(2024, 12, 31)),
    ("2024-02", dt.date(2024, 2, 1), dt.date(2024, 2, 29)),
    ("2024-01..2024-06", dt.date(2024, 1, 1), dt.date(2024, 6, 30)),
    ("2023..2024-Q1", dt.date(2023, 1, 1), dt.date(2024, 3, 31)),
    (" 2024-05 ", dt.date(2024, 5, 1), dt.date(2024, 5, 31)),
])
def test_examples(text, start, end):
    period = parse_period(text)
    assert (period.start, period.end) == (start, end)


@pytest.mark.parametrize("text, words", [
    ("2024-13", "mois 13"), ("24", "non reconnue"), ("2024-Q5", "non reconnue"),
    ("1800", "entre 1900 et 2100"), ("2024-06..2024-01", "la fin précède le début"),
    ("2024..2025..2026", "non reconnue"), ("mai 2024", "non reconnue"),
    ("2024-5", "non reconnue"), ("x" * 200, "non reconnue"), ("٢٠٢٤", "non reconnue"),
])
def test_refusals_in_french(text, words):
    with pytest.raises(ValidationError) as refused:
        parse_period(text)
    assert words in str(refused.value)


def test_nothing_is_no_period():
    assert parse_period("") is None and parse_period(None) is None and parse_period("  ") is None


@given(years, months)
def test_a_month_is_its_days(year, month):
    period = parse_period(f"{year}-{month:02d}")
    assert period.start == dt.date(year, month, 1) and period.end == _end(year, month)


@given(years, st.integers(1, 4))
def test_a_quarter_is_its_three_months(year, quarter):
    period = parse_period(f"{year}-Q{quarter}")
    first = parse_period(f"{year}-{3 * quarter - 2:02d}")
    last = parse_period(f"{year}-{3 * quarter:02d}")
    assert (period.start, period.end) == (first.start, last.end)


@given(years, months, years, months)
def test_a_span_runs_from_the_first_to_the_last(y1, m1, y2, m2):
    text = f"{y1}-{m1:02d}..{y2}-{m2:02d}"
    if (y2, m2) < (y1, m1):
        with pytest.raises(ValidationError):
            parse_period(text)
        return
    period = parse_period(text)
    assert period.start == dt.date(y1, m1, 1) and period.end == _end(y2, m2)
    assert period.start in period and period.end in period
    assert period.end + dt.timedelta(days=1) not in period


@given(st.text(max_size=30))
def test_any_text_parses_or_is_refused_in_words(text):
    try:
        period = parse_period(text)
    except ValidationError as exc:
        assert "Période" in str(exc)
    else:
        assert period is None or period.start <= period.end
