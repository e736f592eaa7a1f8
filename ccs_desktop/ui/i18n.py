"""Translations in the interface: the one gettext catalog (ccs_desktop.i18n) behind Qt's
`tr()`, and Qt's own catalog (qtbase) for its dialogs. French is the default.

Source strings in the code are English and go through `tr()` (context: the class) or
`translate(context, text)`; `CatalogTranslator` answers Qt from po/fr.po's compiled catalog and
says nothing for a text it does not know, so that qtbase_fr still serves Qt's own strings (and
our catalog supplies the few qtbase_fr lacks, QT_MISSING below).

The labels of the core's codes are declared once, in domain.enums, and translated by the same
catalog; `label(enum, code)` and `choices(enum)` show them in the interface's language.
"""

from __future__ import annotations

import datetime as dt
import os
from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP, QCoreApplication, QDate, QLibraryInfo, QLocale, QTranslator,
)
from PySide6.QtWidgets import QApplication

from .. import i18n as core_i18n
from ..domain import enums
from . import settings_keys as prefs

LANGUAGES = (("fr", "Français"), ("en", "English"))
DEFAULT_LANGUAGE = "fr"

_installed: list[QTranslator] = []
_language = DEFAULT_LANGUAGE


def current_language(explicit: str | None = None) -> str:
    """--lang, else CCS_LANG, else the choice saved in Settings, else French (never the
    system's locale)."""
    for value in (explicit, os.environ.get(core_i18n.ENV_LANG),
                  prefs.read(prefs.LANGUAGE)):
        if value and str(value) in dict(LANGUAGES):
            return str(value)
    return DEFAULT_LANGUAGE


def active_language() -> str:
    """The language installed last (what the widgets show now)."""
    return _language


def set_language_setting(language: str) -> None:
    prefs.write(prefs.LANGUAGE, language)


def install_translators(app: QApplication, language: str | None = None) -> str:
    """Install the application's and Qt's translators for `language` (default French)."""
    global _language
    lang = current_language(language)
    for tr in _installed:
        app.removeTranslator(tr)
    _installed.clear()
    QLocale.setDefault(locale_for(lang))
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    for name in ("qtbase",):
        tr = QTranslator(app)
        if tr.load(f"{name}_{lang}", qt_dir):
            app.installTranslator(tr)
            _installed.append(tr)
    core_i18n.set_language(lang)
    if lang != "en":  # English is the source text itself
        own = CatalogTranslator(lang, app)
        app.installTranslator(own)  # installed last: asked first
        _installed.append(own)
    _language = lang
    return lang


class CatalogTranslator(QTranslator):
    """Qt's translator interface over the gettext catalog of one language."""

    def __init__(self, lang: str, parent=None) -> None:  # noqa: ANN001
        super().__init__(parent)
        self.lang = lang

    def isEmpty(self) -> bool:  # noqa: N802
        return False

    def language(self) -> str:
        return self.lang

    def translate(self, context: str, source: str, disambiguation: str | None = None,
                  n: int = -1) -> str | None:
        # None (a null QString) means "not here": Qt then asks the next translator (qtbase)
        # or keeps the source text; an empty string would blank the text.
        return core_i18n.lookup(context, source, n, self.lang)


# Qt's own texts that qtbase_fr of Qt 6.11 lacks (its file dialog gained mnemonics): declared
# here so that extraction keeps them in the catalog.
QT_MISSING = (
    QT_TRANSLATE_NOOP("QFileDialog", "&Look in:"),
    QT_TRANSLATE_NOOP("QFileDialog", "Files of &type:"),
)


def locale_for(lang: str | None = None) -> QLocale:
    lang = lang or _language
    return QLocale(QLocale.Language.French if lang == "fr" else QLocale.Language.English)


def number(n: int) -> str:
    """A count as the language writes it ("2 000" in French, "2,000" in English)."""
    return locale_for().toString(int(n))


# --- dates and times: the interface's one formatter -------------------------------------------

def _qdate(value: dt.date | dt.datetime | QDate | None) -> QDate | None:
    if value is None:
        return None
    if isinstance(value, QDate):
        return value
    if isinstance(value, dt.datetime):
        value = value.date()
    return QDate(value.year, value.month, value.day)


def long_date(value: dt.date | dt.datetime | QDate | None) -> str:
    """"12 avril 2024", "1er mai 2024" in French; "12 April 2024" in English."""
    qd = _qdate(value)
    if qd is None:
        return ""
    if _language == "fr" and qd.day() == 1:
        return locale_for().toString(qd, "1'er' MMMM yyyy")
    return locale_for().toString(qd, "d MMMM yyyy")


def short_date(value: dt.date | dt.datetime | QDate | None) -> str:
    """"12/04/2024" in both languages (tables, lists of files, where space counts)."""
    qd = _qdate(value)
    return "" if qd is None else locale_for().toString(qd, "dd/MM/yyyy")


def time_text(value: dt.time | dt.datetime | None, *, padded: bool = True) -> str:
    """"10 h 00" in French, "10:00" in English; `padded=False` drops the hour's leading zero
    ("8 h 00", "8:00", as the editors write it), `padded=True` keeps it ("08 h 00")."""
    if value is None:
        return ""
    hour = f"{value.hour:02d}" if padded else str(value.hour)
    return f"{hour} h {value.minute:02d}" if _language == "fr" else f"{hour}:{value.minute:02d}"


def date_time_text(value: dt.datetime | None, *, long: bool = False) -> str:
    """A moment: "31/12/2026 08:05" (both languages: backups, CRSS tables), or with `long`
    "12 avril 2024 8 h 05" / "12 April 2024 8:05" (a draft's time in an editor)."""
    if value is None:
        return ""
    if long:
        return f"{long_date(value)} {time_text(value, padded=False)}"
    return f"{short_date(value)} {value.hour:02d}:{value.minute:02d}"


# --- labels of the core's codes ---------------------------------------------------------------

_C = "Labels"


def translate(context: str, text: str) -> str:
    return QCoreApplication.translate(context, text)


def label(enum: type[enums.Labelled], code: Any) -> str:
    """The label of a stored code in the interface's language ("" for None, the code itself
    if unknown); the labels are declared once, in domain.enums."""
    if code is None or code == "":
        return ""
    return enum.label_of(str(code))


def choices(enum: type[enums.Labelled]) -> list[tuple[str, str]]:
    """(code, translated label) in the enum's order, for combo boxes."""
    return enum.choices()


def yes_no(value: bool) -> str:
    return (QCoreApplication.translate(_C, "Yes") if value
            else QCoreApplication.translate(_C, "No"))


_YES_NO = (QT_TRANSLATE_NOOP("Labels", "Yes"), QT_TRANSLATE_NOOP("Labels", "No"))
