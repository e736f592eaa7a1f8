"""Translations: French is the default; Qt's own dialogs are translated too (qtbase)."""

from __future__ import annotations

from PySide6.QtCore import QLibraryInfo, QLocale, QSettings, QTranslator
from PySide6.QtWidgets import QApplication

from .. import paths

_installed: list[QTranslator] = []


def current_language(explicit: str | None = None) -> str:
    if explicit:
        return explicit
    return str(QSettings().value("ui/language", "fr") or "fr")


def install_translators(app: QApplication, language: str | None = None) -> str:
    """Install the application's and Qt's translators for `language` (default French)."""
    lang = current_language(language)
    for tr in _installed:
        app.removeTranslator(tr)
    _installed.clear()
    QLocale.setDefault(QLocale(QLocale.Language.French if lang == "fr"
                               else QLocale.Language.English))
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    for name in ("qtbase",):
        tr = QTranslator(app)
        if tr.load(f"{name}_{lang}", qt_dir):
            app.installTranslator(tr)
            _installed.append(tr)
    own = QTranslator(app)
    if own.load(f"ccs_desktop_{lang}", str(paths.resource_path("translations"))):
        app.installTranslator(own)
        _installed.append(own)
    return lang
