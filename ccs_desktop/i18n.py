"""One way to translate, for every layer (no Qt here): gettext catalogs with English message
ids, French by default whatever the system's locale says.

    from ccs_desktop.i18n import _, N_, ngettext, pgettext

The catalogs are compiled from po/*.po (Babel) into
resources/locale/<lang>/LC_MESSAGES/ccs_desktop.mo, shipped with the package. The language is,
in order: the one set with `set_language` (Settings, `--lang`), the CCS_LANG environment
variable, then French. English is the message ids themselves. The Qt interface reads the same
catalog through ui.i18n's QTranslator adapter (`lookup`). Documents are French by design and
use `french()` whatever the interface's language.
"""

from __future__ import annotations

import functools
import gettext as _gettext
import os
from collections.abc import Iterable

from . import paths

DOMAIN = "ccs_desktop"
LANGUAGES = ("fr", "en")
DEFAULT_LANGUAGE = "fr"
ENV_LANG = "CCS_LANG"

_language: str | None = None


@functools.lru_cache(maxsize=64)
def _normalise(lang: str | None) -> str | None:
    if not lang:
        return None
    lang = lang.strip().lower().replace("-", "_").split("_")[0].split(".")[0]
    return lang if lang in LANGUAGES else None


def language() -> str:
    """The language in force: set_language(), else CCS_LANG, else French (never the system
    locale: many PCs and CI run with LC_ALL=C.UTF-8 or an English Windows)."""
    return _language or _normalise(os.environ.get(ENV_LANG)) or DEFAULT_LANGUAGE


def set_language(lang: str | None) -> str:
    """Choose the language (None: back to CCS_LANG or French); returns the one in force."""
    global _language
    _language = _normalise(lang)
    return language()


@functools.lru_cache(maxsize=None)
def catalog(lang: str) -> _gettext.NullTranslations:
    """The compiled catalog of a language (English: the message ids themselves)."""
    if lang == "en":
        return _gettext.NullTranslations()
    folder = paths.resource_path("locale")
    try:
        return _gettext.translation(DOMAIN, localedir=str(folder), languages=[lang])
    except OSError:  # no catalog shipped for it: the English ids, never a crash
        return _gettext.NullTranslations()


def french() -> _gettext.NullTranslations:
    """The French catalog, for documents (French by design, whatever the interface says)."""
    return catalog("fr")


def _current() -> _gettext.NullTranslations:
    return catalog(language())


def _(message: str) -> str:
    return _current().gettext(message)


gettext = _


def N_(message: str) -> str:  # noqa: N802  (the usual name of the no-op marker)
    """Marks a text for extraction without translating it now (labels declared once)."""
    return message


def ngettext(singular: str, plural: str, n: int) -> str:
    return _current().ngettext(singular, plural, n)


def pgettext(context: str, message: str) -> str:
    return _current().pgettext(context, message)


def npgettext(context: str, singular: str, plural: str, n: int) -> str:
    return _current().npgettext(context, singular, plural, n)


_MISSING = "\x00missing\x00"


def lookup(context: str | None, message: str, n: int = -1,
           lang: str | None = None) -> str | None:
    """The translation of `message` in `context` (or, failing that, without context), or
    None when the catalog does not know it: the Qt adapter then lets Qt's own catalogs (or the
    source text) answer, instead of showing a message id as if it were translated."""
    cat = catalog(lang or language())
    table = getattr(cat, "_catalog", None)  # GNUTranslations: what the .mo holds
    if not isinstance(table, dict):
        return None
    for ctx in ((context, None) if context else (None,)):
        key = message if ctx is None else f"{ctx}\x04{message}"
        if n >= 0:
            found = table.get((key, cat.plural(n)), _MISSING)
        else:
            found = table.get(key, _MISSING)
        if found is not _MISSING and found:
            return found
    return None


# --- numbers and sizes, as the language writes them (Qt-free: the CLI and the UI share them) --

_SIZE_UNITS = (N_("{size} B"), N_("{size} KB"), N_("{size} MB"), N_("{size} GB"))


def decimal(value: float, digits: int = 1) -> str:
    """`value` with `digits` decimals: "1,5" in French, "1.5" in English."""
    text = f"{value:.{digits}f}"
    # Translators: the decimal separator ("," in French)
    return text.replace(".", pgettext("decimal separator", "."))


def join_items(items: Iterable[str]) -> str:
    """Items of a list in one sentence, as the language separates them ("a ; b" in French,
    with a no-break space before the semicolon; "a; b" in English)."""
    # Translators: between the items of a list in a sentence (French: no-break space, ";")
    return pgettext("list separator", "; ").join(items)


def human_size(n: int) -> str:
    """A file size: "1,5 Mo" in French, "1.5 MB" in English; bytes exactly, below 1 KB."""
    size = float(n)
    for i, unit in enumerate(_SIZE_UNITS):
        if size < 1024 or i == len(_SIZE_UNITS) - 1:
            text = f"{size:.0f}" if i == 0 else decimal(size)
            return _(unit).format(size=text)
        size /= 1024
    raise AssertionError("unreachable")
