"""Small rules of written French used in documents and labels."""

from __future__ import annotations

import unicodedata

# "y" is not a vowel for elision before a place name: "de Yorosso", "de Yanfolila",
# "de Youwarou", "de Yélimané" (a Malian secretary never writes "d'Yorosso"); h is taken as
# aspirated ("de Hombori").
_ELIDING = set("aeiouœæ")


def elides(word: str) -> bool:
    """True when "de"/"le" elide before this place name (d'Alafia, d'Ansongo, d'Ély)."""
    word = (word or "").strip()
    if not word:
        return False
    return unicodedata.normalize("NFD", word[0])[0].lower() in _ELIDING


def de(place: str) -> str:
    """"de Ber", "d'Alafia", "de Yorosso"."""
    place = place.strip()
    return f"d'{place}" if elides(place) else f"de {place}"


def article(sex: str | None, masculine: str = "Le", feminine: str = "La") -> str:
    return feminine if sex == "F" else masculine


def civility(sex: str | None) -> str:
    return "Mme" if sex == "F" else "M."
