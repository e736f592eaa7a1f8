"""Every QSettings key of the application, declared once with its type and default, and the
typed helpers that read and write them (the user's preferences on this computer: window
layout, language, where the CRSS key file was; the database's own settings are in
ccs_desktop.db.settings, reached through the services).

    from . import settings_keys as keys
    geometry = keys.read(keys.MAIN_GEOMETRY)        # None when absent or not a layout
    keys.write(keys.LANGUAGE, "en")

A stored value of the wrong type (an ini file edited by hand, an older version) reads as
the default. QSettings() is created here only.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QByteArray, QSettings


@dataclass(frozen=True)
class Pref:
    """One QSettings key: its name, the type of its value, its default."""

    name: str
    type: type  # QByteArray (a saved layout) or str
    default: Any
    doc: str

    def parse(self, value: Any) -> Any:
        if self.type is QByteArray:
            return value if isinstance(value, QByteArray) and not value.isEmpty() else None
        if value is None or isinstance(value, (QByteArray, bytes, list, dict)):
            return None
        text = str(value)
        return text or None


MAIN_GEOMETRY = Pref("main/geometry", QByteArray, None, "the main window's size and place")
MAIN_STATE = Pref("main/state", QByteArray, None, "the main window's docks and toolbars")
MAIN_SPLITTER = Pref("main/splitter", QByteArray, None, "navigation | page splitter")
MAIN_PAGE = Pref("main/page", str, "home", "the page shown when the window closed")
LANGUAGE = Pref("ui/language", str, None, "the language chosen in Settings (fr, en)")
CRSS_KEY_PATH = Pref("crss/key_path", str, "", "where the CRSS private key file was")
TOUR_SEEN = Pref("ui/tour_seen", str, "", "the first-start tour was closed or skipped (ui/tour.py)")

PREFS: tuple[Pref, ...] = (MAIN_GEOMETRY, MAIN_STATE, MAIN_SPLITTER, MAIN_PAGE, LANGUAGE,
                           CRSS_KEY_PATH, TOUR_SEEN)


def table_header(state_key: str) -> Pref:
    """A list's columns (widths, order, sort): one key per table."""
    return Pref(f"tables/{state_key}/header", QByteArray, None,
                f"the columns of the {state_key} table")


def read(pref: Pref) -> Any:
    """The stored value, the default when absent or of the wrong type."""
    value = pref.parse(QSettings().value(pref.name, None))
    return pref.default if value is None else value


def write(pref: Pref, value: Any) -> None:
    if not isinstance(value, pref.type):
        raise TypeError(f"{pref.name} takes a {pref.type.__name__}, not {value!r}")
    QSettings().setValue(pref.name, value)


def sync() -> None:
    """What was written reaches the disk now (the window closes)."""
    QSettings().sync()
