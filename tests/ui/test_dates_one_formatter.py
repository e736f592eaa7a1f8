"""Issue 10: ui/i18n.py is the interface's one date and time formatter (the editors, the CRSS
tables and the exchange screens all call it), in both languages."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

import ccs_desktop
from ccs_desktop.ui import i18n

ROOT = Path(ccs_desktop.__file__).parent


@pytest.fixture(params=["fr", "en"])
def language(request, qapp):
    i18n.install_translators(QApplication.instance(), request.param)
    yield request.param
    i18n.install_translators(QApplication.instance(), "fr")


def test_long_dates(language):
    fr = language == "fr"
    assert i18n.long_date(dt.date(2024, 5, 1)) == ("1er mai 2024" if fr else "1 May 2024")
    assert i18n.long_date(dt.date(2024, 4, 12)) == ("12 avril 2024" if fr else "12 April 2024")
    assert i18n.long_date(dt.date(2024, 2, 29)) == ("29 février 2024" if fr
                                                    else "29 February 2024")


def test_times(language):
    fr = language == "fr"
    assert i18n.time_text(dt.time(8, 0), padded=False) == ("8 h 00" if fr else "8:00")
    assert i18n.time_text(dt.time(8, 0)) == ("08 h 00" if fr else "08:00")
    assert i18n.time_text(dt.time(23, 59), padded=False) == ("23 h 59" if fr else "23:59")


def test_moments(language):
    moment = dt.datetime(2026, 12, 31, 8, 5)
    assert i18n.date_time_text(moment) == "31/12/2026 08:05"
    assert i18n.short_date(moment) == i18n.short_date(moment.date()) == "31/12/2026"
    assert i18n.date_time_text(moment, long=True) == (
        "31 décembre 2026 8 h 05" if language == "fr" else "31 December 2026 8:05")


def test_nothing_says_nothing():
    assert i18n.long_date(None) == i18n.short_date(None) == ""
    assert i18n.time_text(None) == i18n.date_time_text(None) == ""


def test_no_other_date_formatter_in_the_interface():
    """strftime and hand-written month names live in ui/i18n.py only."""
    offenders = [str(p.relative_to(ROOT)) for p in (ROOT / "ui").rglob("*.py")
                 if p.name != "i18n.py" and (".strftime(" in p.read_text(encoding="utf-8")
                                             or '"janvier"' in p.read_text(encoding="utf-8"))]
    assert offenders == []
