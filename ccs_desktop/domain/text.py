"""Text folding for search and sorting: accents, case and ligatures ignored."""

from __future__ import annotations

import re
import unicodedata

_LIGATURES = str.maketrans({"œ": "oe", "Œ": "OE", "æ": "ae", "Æ": "AE", "ß": "ss", "’": "'"})
_TOKEN = re.compile(r"\w+", re.UNICODE)


def fold(text: str | None) -> str:
    """Lower-case, accent-free, ligature-free form of a text ("Cœur Sécurité" -> "coeur securite")."""
    if not text:
        return ""
    text = text.translate(_LIGATURES)
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return stripped.casefold()


def tokens(text: str | None) -> list[str]:
    return _TOKEN.findall(fold(text))


def sort_key(*parts: str | None) -> str:
    """A stored key that sorts French names the way a reader expects, on any connection."""
    return " ".join(" ".join(tokens(p)) for p in parts if p).strip()


def fts_query(user_text: str) -> str | None:
    """Turn what the user typed into a safe FTS5 query: every word, as a word start.

    Each token is quoted, so punctuation such as "sous-prefet" or "d'Alafia" never reaches
    the FTS5 parser as syntax. Returns None when nothing searchable was typed.
    """
    words = tokens(user_text)
    if not words:
        return None
    return " ".join(f'"{w}"*' for w in words)


def display_family_name(name: str | None) -> str:
    """Family names are written in capitals on documents, particles included (Ag, Ould, Walet)."""
    return (name or "").upper()
