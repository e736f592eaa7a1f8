"""Text folding for search and sorting (accents, case and ligatures ignored), and text from
outside made safe to show."""

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


# Control (Cc), format (Cf: bidirectional overrides, zero-width characters), surrogate,
# private-use and unassigned characters, and the line/paragraph separators: an ESC in a name
# starts an ANSI sequence (cursor moves, colours, the window title); an RLO (U+202E) shows
# "fdp.exe" as "exe.pdf".
_UNSAFE_CATEGORIES = frozenset(("Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"))


def printable(value: object, keep: str = "\n\t", limit: int | None = None) -> str:
    """Text from the data (names, file names, manifests, messages quoting them) made safe for
    a terminal or a table: every unsafe character is written as a visible escape (\\x1b,
    \\u202e), except those in `keep`; cut to `limit` characters (with "…") when given."""
    text = value if isinstance(value, str) else str(value)
    if limit is not None:
        text = text[: limit * 2]
    if text.isprintable() and (limit is None or len(text) <= limit):
        # the common case, checked in C: every unsafe category is non-printable for Python
        return text
    out = []
    for ch in text:
        if ch not in keep and unicodedata.category(ch) in _UNSAFE_CATEGORIES:
            code = ord(ch)
            out.append(f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}")
        else:
            out.append(ch)
    text = "".join(out)
    if limit is not None and len(text) > limit:
        text = text[: limit - 1] + "…"
    return text
