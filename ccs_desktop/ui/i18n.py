"""Translations in the interface: the one gettext catalog (ccs_desktop.i18n) behind Qt's
`tr()`, and Qt's own catalog (qtbase) for its dialogs. French is the default.

Source strings in the code are English and go through `tr()` (context: the class) or
`translate(context, text)`; `CatalogTranslator` answers Qt from po/fr.po's compiled catalog and
says nothing for a text it does not know, so that qtbase_fr still serves Qt's own strings (and
our catalog supplies the few qtbase_fr lacks, QT_MISSING below).

The core keeps French labels for its codes (domain.enums); the UI shows them through
`label(enum, code)`, which looks the code up in `ENUM_LABELS` (English source strings marked
with QT_TRANSLATE_NOOP so that lupdate collects them) and translates it.
"""

from __future__ import annotations

import datetime as dt
import os
from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP, QCoreApplication, QDate, QLibraryInfo, QLocale, QSettings, QTranslator,
)
from PySide6.QtWidgets import QApplication

from .. import i18n as core_i18n
from ..domain import enums

LANGUAGES = (("fr", "Français"), ("en", "English"))
DEFAULT_LANGUAGE = "fr"
SETTINGS_KEY = "ui/language"

_installed: list[QTranslator] = []
_language = DEFAULT_LANGUAGE


def current_language(explicit: str | None = None) -> str:
    """--lang, else CCS_LANG, else the choice saved in Settings, else French (never the
    system's locale)."""
    for value in (explicit, os.environ.get(core_i18n.ENV_LANG),
                  QSettings().value(SETTINGS_KEY, None)):
        if value and str(value) in dict(LANGUAGES):
            return str(value)
    return DEFAULT_LANGUAGE


def active_language() -> str:
    """The language installed last (what the widgets show now)."""
    return _language


def set_language_setting(language: str) -> None:
    QSettings().setValue(SETTINGS_KEY, language)


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


# --- dates -------------------------------------------------------------------------------------

def _qdate(value: dt.date | dt.datetime | QDate | None) -> QDate | None:
    if value is None:
        return None
    if isinstance(value, QDate):
        return value
    if isinstance(value, dt.datetime):
        value = value.date()
    return QDate(value.year, value.month, value.day)


def long_date(value: dt.date | dt.datetime | QDate | None) -> str:
    """"12 avril 2024" in French, "12 April 2024" in English."""
    qd = _qdate(value)
    return "" if qd is None else locale_for().toString(qd, "d MMMM yyyy")


def short_date(value: dt.date | dt.datetime | QDate | None) -> str:
    """"12/04/2024" (tables, where space counts)."""
    qd = _qdate(value)
    return "" if qd is None else locale_for().toString(qd, "dd/MM/yyyy")


def time_text(value: dt.time | None) -> str:
    """"10 h 00" in French, "10:00" in English."""
    if value is None:
        return ""
    return f"{value:%H} h {value:%M}" if _language == "fr" else f"{value:%H:%M}"


# --- labels of the core's codes ---------------------------------------------------------------

_C = "Labels"
ENUM_LABELS: dict[type[enums.Labelled], dict[str, str]] = {
    enums.CommitteeLevel: {
        "commune": QT_TRANSLATE_NOOP("Labels", "Commune (CCSC)"),
        "region": QT_TRANSLATE_NOOP("Labels", "Region (CCSR)"),
        "cercle": QT_TRANSLATE_NOOP("Labels", "Cercle"),
    },
    enums.CommuneKind: {
        "rurale": QT_TRANSLATE_NOOP("Labels", "Rural commune"),
        "urbaine": QT_TRANSLATE_NOOP("Labels", "Urban commune"),
    },
    enums.Sex: {
        "H": QT_TRANSLATE_NOOP("Labels", "Man"),
        "F": QT_TRANSLATE_NOOP("Labels", "Woman"),
    },
    enums.Category: {
        "admin": QT_TRANSLATE_NOOP("Labels", "Administrative authorities"),
        "elus": QT_TRANSLATE_NOOP("Labels", "Elected councillors / Special delegation"),
        "fds": QT_TRANSLATE_NOOP("Labels", "Defence and Security Forces"),
        "justice": QT_TRANSLATE_NOOP("Labels", "Justice"),
        "services": QT_TRANSLATE_NOOP("Labels", "Technical services"),
        "traditionnels": QT_TRANSLATE_NOOP("Labels", "Traditional authorities"),
        "religieux": QT_TRANSLATE_NOOP("Labels", "Religious leaders"),
        "femmes": QT_TRANSLATE_NOOP("Labels", "Women's representatives (CAFO)"),
        "jeunes": QT_TRANSLATE_NOOP("Labels", "Youth representatives (CNJ)"),
        "osc": QT_TRANSLATE_NOOP("Labels", "Civil society organisations"),
        "chasseurs": QT_TRANSLATE_NOOP("Labels", "Hunters"),
        "autres": QT_TRANSLATE_NOOP("Labels", "Others"),
    },
    enums.FdsCorps: {
        "fama": QT_TRANSLATE_NOOP("Labels", "FAMa (army)"),
        "gendarmerie": QT_TRANSLATE_NOOP("Labels", "Gendarmerie"),
        "garde": QT_TRANSLATE_NOOP("Labels", "National Guard"),
        "police": QT_TRANSLATE_NOOP("Labels", "Police"),
        "protection_civile": QT_TRANSLATE_NOOP("Labels", "Civil protection"),
        "douanes": QT_TRANSLATE_NOOP("Labels", "Customs"),
        "eaux_forets": QT_TRANSLATE_NOOP("Labels", "Water and Forests"),
    },
    enums.MeetingKind: {
        "ordinary": QT_TRANSLATE_NOOP("Labels", "Ordinary"),
        "extraordinary": QT_TRANSLATE_NOOP("Labels", "Extraordinary"),
    },
    enums.MeetingStatus: {
        "planned": QT_TRANSLATE_NOOP("Labels", "Planned"),
        "held": QT_TRANSLATE_NOOP("Labels", "Held"),
        "not_held": QT_TRANSLATE_NOOP("Labels", "Not held"),
        "adopted": QT_TRANSLATE_NOOP("Labels", "Minutes adopted"),
    },
    enums.NotHeldReason: {
        "insecurite": QT_TRANSLATE_NOOP("Labels", "Insecurity"),
        "blocus": QT_TRANSLATE_NOOP("Labels", "Blockade"),
        "crue": QT_TRANSLATE_NOOP("Labels", "Flood"),
        "quorum": QT_TRANSLATE_NOOP("Labels", "No quorum"),
        "autre": QT_TRANSLATE_NOOP("Labels", "Other reason"),
    },
    enums.QuorumRule: {
        "majority": QT_TRANSLATE_NOOP("Labels", "Majority of active members"),
        "two_thirds": QT_TRANSLATE_NOOP("Labels", "Two thirds of active members"),
        "fixed": QT_TRANSLATE_NOOP("Labels", "Fixed number of members"),
    },
    enums.RiskLevel: {
        "low": QT_TRANSLATE_NOOP("Labels", "Low"),
        "medium": QT_TRANSLATE_NOOP("Labels", "Medium"),
        "high": QT_TRANSLATE_NOOP("Labels", "High"),
        "critical": QT_TRANSLATE_NOOP("Labels", "Critical"),
    },
    enums.Trend: {
        "up": QT_TRANSLATE_NOOP("Labels", "Rising"),
        "stable": QT_TRANSLATE_NOOP("Labels", "Stable"),
        "down": QT_TRANSLATE_NOOP("Labels", "Falling"),
    },
    enums.ThreatStatus: {
        "active": QT_TRANSLATE_NOOP("Labels", "Active"),
        "watched": QT_TRANSLATE_NOOP("Labels", "Watched"),
        "resolved": QT_TRANSLATE_NOOP("Labels", "Resolved"),
    },
    enums.VulnerabilityStatus: {
        "open": QT_TRANSLATE_NOOP("Labels", "Not addressed"),
        "in_progress": QT_TRANSLATE_NOOP("Labels", "Being addressed"),
        "addressed": QT_TRANSLATE_NOOP("Labels", "Addressed"),
    },
    enums.PlaceKind: {
        "village": QT_TRANSLATE_NOOP("Labels", "Village"),
        "fraction": QT_TRANSLATE_NOOP("Labels", "Fraction"),
        "quartier": QT_TRANSLATE_NOOP("Labels", "Quarter"),
        "axe": QT_TRANSLATE_NOOP("Labels", "Road axis"),
        "site_deplaces": QT_TRANSLATE_NOOP("Labels", "Displaced people's site"),
        "mare": QT_TRANSLATE_NOOP("Labels", "Pond / bourgoutière"),
        "autre": QT_TRANSLATE_NOOP("Labels", "Other place"),
    },
    enums.RecommendationStatus: {
        "formulated": QT_TRANSLATE_NOOP("Labels", "Formulated"),
        "transmitted": QT_TRANSLATE_NOOP("Labels", "Transmitted"),
        "in_progress": QT_TRANSLATE_NOOP("Labels", "In progress"),
        "implemented": QT_TRANSLATE_NOOP("Labels", "Implemented"),
        "partial": QT_TRANSLATE_NOOP("Labels", "Partly implemented"),
        "not_implemented": QT_TRANSLATE_NOOP("Labels", "Not implemented"),
        "abandoned": QT_TRANSLATE_NOOP("Labels", "Abandoned"),
    },
    enums.Priority: {
        "high": QT_TRANSLATE_NOOP("Labels", "High priority"),
        "normal": QT_TRANSLATE_NOOP("Labels", "Normal priority"),
        "low": QT_TRANSLATE_NOOP("Labels", "Low priority"),
    },
    enums.ActivityKind: {
        "training": QT_TRANSLATE_NOOP("Labels", "Training"),
        "awareness": QT_TRANSLATE_NOOP("Labels", "Awareness raising"),
        "social_cohesion": QT_TRANSLATE_NOOP("Labels", "Social cohesion"),
        "cleanup": QT_TRANSLATE_NOOP("Labels", "Clean-up day"),
        "road_safety": QT_TRANSLATE_NOOP("Labels", "Road safety"),
        "radio": QT_TRANSLATE_NOOP("Labels", "Radio programme"),
        "other": QT_TRANSLATE_NOOP("Labels", "Other activity"),
    },
}


def translate(context: str, text: str) -> str:
    return QCoreApplication.translate(context, text)


def label(enum: type[enums.Labelled], code: Any) -> str:
    """The translated label of a stored code ("" for None, the code itself if unknown)."""
    if code is None or code == "":
        return ""
    code = str(code)
    source = ENUM_LABELS.get(enum, {}).get(code)
    if source is None:
        return enum.label_of(code)
    return QCoreApplication.translate(_C, source)


def choices(enum: type[enums.Labelled]) -> list[tuple[str, str]]:
    """(code, translated label) in the enum's order, for combo boxes."""
    return [(member.value, label(enum, member.value)) for member in enum]


def yes_no(value: bool) -> str:
    return (QCoreApplication.translate(_C, "Yes") if value
            else QCoreApplication.translate(_C, "No"))


_YES_NO = (QT_TRANSLATE_NOOP("Labels", "Yes"), QT_TRANSLATE_NOOP("Labels", "No"))
