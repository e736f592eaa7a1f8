"""Issue 10: ui/i18n.py is the interface's one date and time formatter. It writes what the
three formatters of today write (editors/base.fr_date and fr_time, exchange/crss._date,
exchange/dialogs._date_text), in both languages, so that each caller can switch to it."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtWidgets import QApplication

from ccs_desktop.ui import i18n
from ccs_desktop.ui.editors import base
from ccs_desktop.ui.exchange import crss, dialogs

DAYS = [dt.date(2024, 1, 1) + dt.timedelta(days=n) for n in range(0, 366, 7)] + [
    dt.date(2026, m, 1) for m in range(1, 13)]
MOMENTS = [dt.datetime(2026, 12, 31, h, m) for h in (0, 8, 10, 23) for m in (0, 5, 59)]


@pytest.fixture(params=["fr", "en"])
def language(request, qapp):
    i18n.install_translators(QApplication.instance(), request.param)
    yield request.param
    i18n.install_translators(QApplication.instance(), "fr")


def test_long_dates_are_the_editors_dates(language):
    for day in DAYS:
        assert i18n.long_date(day) == base.fr_date(day), day
    assert i18n.long_date(dt.date(2024, 5, 1)) == \
        ("1er mai 2024" if language == "fr" else "1 May 2024")


def test_times_without_leading_zero_are_the_editors_times(language):
    for moment in MOMENTS:
        assert i18n.time_text(moment.time(), padded=False) == base.fr_time(moment.time())
    assert i18n.time_text(dt.time(8, 0), padded=False) == ("8 h 00" if language == "fr"
                                                           else "8:00")
    assert i18n.time_text(dt.time(8, 0)) == ("08 h 00" if language == "fr" else "08:00")


def test_moments_are_the_exchange_screens_moments(language):
    for moment in MOMENTS:
        assert i18n.date_time_text(moment) == crss._date(moment, True)
        assert i18n.date_time_text(moment) == dialogs._date_text(
            {"created_local": moment.isoformat()})
        assert i18n.short_date(moment) == crss._date(moment)
    for day in DAYS:
        assert i18n.short_date(day) == crss._date(day)
    draft = dt.datetime(2024, 4, 12, 8, 5)
    assert i18n.date_time_text(draft, long=True) == \
        f"{base.fr_date(draft.date())} {base.fr_time(draft.time())}"


def test_nothing_says_nothing():
    assert i18n.long_date(None) == i18n.short_date(None) == ""
    assert i18n.time_text(None) == i18n.date_time_text(None) == ""
