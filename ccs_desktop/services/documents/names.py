"""The one way a meeting's document files are named, from the meeting's number, year and
committee code: « PV_003_2026_CCSC-ALAFIA.pdf ». The frozen PV archive, `ccs minutes|annex|
convocation|attendance-sheet` and the documents window's « Enregistrer » all use it.
Data: French by design (the words name French documents)."""

from __future__ import annotations

from sqlalchemy.orm import Session

from ...db import models as m
from ...fileio import safe_base_name

#: the word that opens each document's file name
DOCUMENT_WORDS = {"minutes": "PV", "annex": "Annexe_restreinte",
                  "convocation": "Convocations", "attendance": "Liste_de_presence"}


def meeting_file_stem(document: str, number: int, year: int, code: str = "") -> str:
    """"PV_003_2026_CCSC-ALAFIA" (no committee code: "PV_003_2026"); `document` is a key of
    DOCUMENT_WORDS or the word itself. Only letters, digits, « - » and « _ »."""
    word = DOCUMENT_WORDS.get(document, document)
    parts = [word, f"{int(number):03d}", str(int(year))]
    if code and code.strip():
        parts.append(code.strip().replace("/", "-"))
    stem = "_".join(parts)
    return "".join(ch if ch.isalnum() or ch in "-_" else "_" for ch in stem)


def meeting_file_name(document: str, number: int, year: int, code: str = "") -> str:
    """« PV_003_2026_CCSC-ALAFIA.pdf », safe as a file name on Windows and Linux."""
    return safe_base_name(f"{meeting_file_stem(document, number, year, code)}.pdf")


def meeting_numbering(session: Session, meeting: m.Meeting) -> tuple[int, int, str]:
    """(number, year, committee code) of a meeting, the code as its documents print it (the
    frozen header of an adopted PV, else the committee's)."""
    from .data import header_for

    return meeting.number, meeting.year, header_for(session, meeting).code
