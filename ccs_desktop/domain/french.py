"""Small rules of written French used in documents and labels."""

from __future__ import annotations

_VOWELS = set("aeiouyàâäéèêëîïôöûùüÿœæAEIOUYÀÂÄÉÈÊËÎÏÔÖÛÙÜŸŒÆhH")


def elides(word: str) -> bool:
    """True when "de"/"le" elide before this place name (d'Alafia, d'Ansongo)."""
    return bool(word) and word[0] in _VOWELS and word[0] not in "hH"


def de(place: str) -> str:
    """"de Ber", "d'Alafia"."""
    place = place.strip()
    return f"d'{place}" if elides(place) else f"de {place}"


def article(sex: str | None, masculine: str = "Le", feminine: str = "La") -> str:
    return feminine if sex == "F" else masculine


def civility(sex: str | None) -> str:
    return "Mme" if sex == "F" else "M."
