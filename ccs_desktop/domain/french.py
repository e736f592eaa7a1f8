"""Small rules of written French used in documents and labels."""

from __future__ import annotations

import re
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


# ---------------------------------------------------------------- typography

NBSP = "\u00a0"
APOSTROPHE = "\u2019"
# Words after which a line never breaks (civilities, religious titles, ranks).
TITLES = ("M.", "MM.", "Mme", "Mmes", "Mlle", "Dr", "Pr", "Me", "El Hadj", "Hadja", "Imam",
          "Adjudant-chef", "Adjudant", "Sergent-chef", "Sergent", "Caporal", "Lieutenant",
          "Capitaine", "Commandant", "Colonel", "Général", "Chef d'escadron")

_SPACES = r"[ \t\u00a0\u202f]"
_BEFORE_PUNCT = re.compile(rf"(?<=\S){_SPACES}*([:;!?%»])(?=\s|$|[.,)\]»])")
_AFTER_OPEN = re.compile(rf"«{_SPACES}*(?=\S)")
_HOURS = re.compile(rf"\b(\d{{1,2}}){_SPACES}?h{_SPACES}?(\d{{2}})\b")
_TITLE_AFTER = re.compile(
    r"(?<![\w.])(" + "|".join(re.escape(t) for t in sorted(TITLES, key=len, reverse=True))
    + rf")[ \t]+(?=\w)")
_MULTI_SPACE = re.compile(r"[ \t]{2,}")
_APOSTROPHE = re.compile(r"(?<=\w)'(?=\w)|(?<=\w)'(?=\s)")
_URLISH = re.compile(r"\w+://\S+")


def typography(text: str) -> str:
    """French typography for printed text, typed or not (idempotent):
    a non-breaking space (U+00A0) before : ; ! ? % », after « and inside « », after M.,
    Mme and titles, inside hours (10 h 00); the typographic apostrophe (’); no double
    spaces. Times written 10:30 and addresses (https://…) keep their colon."""
    if not text:
        return text or ""
    protected: list[str] = []

    def keep(match: re.Match) -> str:
        protected.append(match.group(0))
        return f"\x00{len(protected) - 1}\x00"

    text = _URLISH.sub(keep, text)
    text = _MULTI_SPACE.sub(" ", text)
    text = _APOSTROPHE.sub(APOSTROPHE, text)
    text = _HOURS.sub(lambda m: f"{m.group(1)}{NBSP}h{NBSP}{m.group(2)}", text)

    def before(match: re.Match) -> str:
        mark = match.group(1)
        start = match.start()
        # 10:30, 3/4: a colon between digits is a time or a ratio, not French punctuation
        if mark == ":" and start > 0 and text[start - 1].isdigit() and \
                match.end() < len(text) and text[match.end():match.end() + 1].isdigit():
            return match.group(0)
        return NBSP + mark

    text = _BEFORE_PUNCT.sub(before, text)
    text = _AFTER_OPEN.sub("«" + NBSP, text)
    text = _TITLE_AFTER.sub(lambda m: m.group(1).replace(" ", NBSP) + NBSP, text)
    for i, original in enumerate(protected):
        text = text.replace(f"\x00{i}\x00", original)
    return text
