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


# ------------------------------------------------- the same rules for the interface's texts

# What a message of the catalog carries that is not French prose and that typography() must
# not touch: HTML tags and entities, Python format fields ({name}, {n:>3}), Qt and printf
# placeholders (%1, %(name)s, %s), command-line options (--out), file patterns (*.pdf) and the
# indentation of command-line output. Each is replaced by a word-like token while the prose is
# set, so that "M. {name}" still gets its non-breaking space and "{n} %" its space before "%".
_MESSAGE_CODE = re.compile(
    r"&[a-zA-Z]+;|&#\d+;|\{[^{}]*\}|%\(\w+\)[a-z]|%\d+|%[sdif]|(?<!\w)--[a-z][\w-]*"
    r"|\*\.\w+|\w+://\S+|^[ \t]+", re.MULTILINE)
_TAG = re.compile(r"(<[^<>]+>)")  # a tag ends a run of prose, as the end of the text does
_TOKEN = "Zqz{}Zqz"
_TOKEN_RE = re.compile(r"Zqz([a-j]+)Zqz")
_CAPITALS = (("Comités Consultatifs de Sécurité", "Comités consultatifs de sécurité"),
             ("Comité Consultatif de Sécurité", "Comité consultatif de sécurité"))


def _letters(number: int) -> str:
    return "".join("abcdefghij"[int(d)] for d in str(number))


def message_typography(text: str) -> str:
    """typography() for a text of the interface (a msgstr of the French catalog), leaving
    alone what is code in it (see _MESSAGE_CODE), with the documents' capitals ("Comité
    consultatif de sécurité" in running text). Idempotent."""
    if not text:
        return text or ""
    if "<" in text:
        return "".join(part if _TAG.fullmatch(part) else _prose_typography(part)
                       for part in _TAG.split(text))
    return _prose_typography(text)


def _prose_typography(text: str) -> str:
    if not text:
        return text
    codes: list[str] = []

    def keep(match: re.Match) -> str:
        codes.append(match.group(0))
        return _TOKEN.format(_letters(len(codes) - 1))

    prose = typography(_MESSAGE_CODE.sub(keep, text))
    for wrong, right in _CAPITALS:
        prose = prose.replace(wrong, right)
    return _TOKEN_RE.sub(lambda m: codes[int("".join(str("abcdefghij".index(c))
                                                         for c in m.group(1)))], prose)
