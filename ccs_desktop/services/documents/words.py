"""French wording for documents: dates and hours in words (num2words), elision, civility.

Nothing here knows about the database.
"""

from __future__ import annotations

import datetime as dt

from num2words import num2words

from ...domain.french import de, elides  # noqa: F401 (one elision rule for all)

MONTHS = ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
          "septembre", "octobre", "novembre", "décembre")
WEEKDAYS = ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche")
NBSP = "\u00a0"


def number_words(n: int) -> str:
    return num2words(n, lang="fr")


def day_words(day: int) -> str:
    """'premier' for the first of the month, else the cardinal: 'douze', 'vingt et un'."""
    return num2words(1, lang="fr", to="ordinal") if day == 1 else number_words(day)


def year_words(year: int) -> str:
    return number_words(year)


def day_number(day: int) -> str:
    """'1er' for the first of the month, else the number."""
    return "1er" if day == 1 else str(day)


def date_text(d: dt.date | None, weekday: bool = False) -> str:
    """'12 avril 2024' ('1er avril 2024'); with weekday: 'vendredi 12 avril 2024'."""
    if d is None:
        return ""
    text = f"{day_number(d.day)} {MONTHS[d.month - 1]} {d.year}"
    return f"{WEEKDAYS[d.weekday()]} {text}" if weekday else text


def opening_date_words(d: dt.date) -> str:
    """'L'an deux mille vingt-quatre et le douze avril'."""
    return f"L'an {year_words(d.year)} et le {day_words(d.day)} {MONTHS[d.month - 1]}"


def hour_text(t: dt.time | None) -> str:
    """'10 h 00' (non-breaking spaces keep it on one line)."""
    if t is None:
        return ""
    return f"{t.hour}{NBSP}h{NBSP}{t.minute:02d}"


def with_de(text: str) -> str:
    """'le Maire' -> 'du Maire', 'la Présidente' -> 'de la Présidente', 'Maire' -> 'du Maire'."""
    text = text.strip()
    low = text.lower()
    if low.startswith("le "):
        return "du " + text[3:]
    if low.startswith("les "):
        return "des " + text[4:]
    if low.startswith("la ") or low.startswith("l'") or low.startswith("l’"):
        return "de " + text
    first = low.split(" ", 1)[0]
    if first in _MASCULINE_TITLES:
        return ("de l'" if elides(text) else "du ") + text
    if first in _FEMININE_TITLES:
        return ("de l'" if elides(text) else "de la ") + text
    return de(text)


_MASCULINE_TITLES = {"maire", "préfet", "prefet", "sous-préfet", "gouverneur", "président",
                     "president", "chef", "secrétaire", "adjoint", "premier", "conseiller",
                     "commandant", "délégué", "administrateur"}
_FEMININE_TITLES = {"présidente", "presidente", "préfète", "mairesse", "adjointe",
                    "première", "conseillère", "déléguée", "secrétaire-générale"}


def civility(sex: str | None) -> str:
    return "Mme" if sex == "F" else "M."


def article(sex: str | None) -> str:
    return "La" if sex == "F" else "Le"


def president_word(sex: str | None) -> str:
    return "Présidente" if sex == "F" else "Président"


def feminine(sex: str | None, masculine: str, feminine_form: str) -> str:
    return feminine_form if sex == "F" else masculine


# How a place written without its article is introduced: "Salle de réunion" -> "dans la".
_PLACE_NOUNS = {
    "salle": "dans la", "mairie": "à la", "maison": "à la", "cour": "dans la",
    "école": "à l'", "ecole": "à l'", "bureau": "au", "bureaux": "dans les", "siège": "au",
    "siege": "au", "préfecture": "à la", "prefecture": "à la", "sous-préfecture": "à la",
    "sous-prefecture": "à la", "centre": "au", "hall": "dans le", "hôtel": "à l'",
    "hotel": "à l'", "place": "sur la", "foyer": "au", "domicile": "au", "case": "dans la",
    "locaux": "dans les", "résidence": "à la", "residence": "à la", "camp": "au",
    "gouvernorat": "au", "vestibule": "dans le", "chefferie": "à la", "mosquée": "à la",
}


def in_place(place: str) -> str:
    """"dans la salle de réunion de la mairie", "à la mairie d'Alafia" or "à Alafia"."""
    place = place.strip()
    low = place.lower()
    if low.startswith(("la ", "le ", "les ", "l'", "l’")):
        return f"dans {place[0].lower()}{place[1:]}"
    first = low.split(" ", 1)[0]
    if first in _PLACE_NOUNS:
        lead = _PLACE_NOUNS[first]
        rest = place[0].lower() + place[1:]
        return f"{lead}{rest}" if lead.endswith("'") else f"{lead} {rest}"
    return f"à {place}"
