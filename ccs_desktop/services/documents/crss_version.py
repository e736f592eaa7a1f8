"""The version of an adopted PV that goes to the CRSS when the committee does not share
names: people appear by their stable code and function ("P-7K2Q-M2PA, chef de village"),
their names are replaced in the typed text, and every page says "Version pour le CRSS —
l'original signé reste au comité". The frozen original and the scans stay on the PC.

`replace_in_snapshot` runs on a transmission's snapshot (a raw SQLCipher connection inside
its transaction), before the exchange package pseudonymises the people rows.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import logging
import re
from collections.abc import Callable

from sqlalchemy import create_engine, select
from sqlalchemy.orm import Session
from sqlalchemy.pool import StaticPool

from ...db import models as m
from .amendment import AmendmentData, amendment_story, load_amendment
from .data import MeetingData, PersonRow, load_meeting
from .layout import PageMarks, build_pdf
from .minutes import check_printable, minutes_story

log = logging.getLogger(__name__)

CRSS_MARK = "Version pour le CRSS — l'original signé reste au comité"


def coded_person(person: PersonRow | None, code_of: Callable[[str], str]) -> PersonRow | None:
    """The person as the CRSS sees them: code and function, sex and youth kept."""
    if person is None:
        return None
    return dataclasses.replace(person, full_name=code_of(person.uuid), title="",
                               structure=person.function, organisation="", phone="")


def coded_meeting(data: MeetingData, code_of: Callable[[str], str],
                  scrub: Callable[[str], str]) -> MeetingData:
    """A copy of the meeting's data with people by code and names out of the typed text."""
    def people(rows: list[PersonRow]) -> list[PersonRow]:
        return [coded_person(p, code_of) for p in rows]

    def texts(row, *names: str):  # noqa: ANN001, ANN202
        return dataclasses.replace(row, **{n: scrub(getattr(row, n)) for n in names})

    return dataclasses.replace(
        data,
        chair=coded_person(data.chair, code_of), secretary=coded_person(data.secretary, code_of),
        presiding=coded_person(data.presiding, code_of),
        present=people(data.present), guests=people(data.guests), absent=people(data.absent),
        excused=people(data.excused), members=[],
        convened_by=scrub(data.convened_by), place=scrub(data.place),
        not_held_reason_text=scrub(data.not_held_reason_text),
        agenda=[texts(a, "title", "discussion", "decisions") for a in data.agenda],
        threats=[texts(t, "title", "description", "place") for t in data.threats],
        vulnerabilities=[texts(v, "title", "description", "place")
                         for v in data.vulnerabilities],
        recommendations=[texts(r, "text", "addressee", "responsible")
                         for r in data.recommendations],
        restricted_threats=[], restricted_notes=[])


def crss_minutes_pdf(data: MeetingData, created: dt.datetime | None = None) -> bytes:
    """The CRSS version of a PV (data already coded); dated `created` (the original's
    archiving), the same bytes at every transmission."""
    check_printable(data)
    marks = PageMarks(demo=data.header.is_demo, reference=data.reference, crss=True)
    return build_pdf(minutes_story(data), title=f"Procès-verbal – {data.reference} – "
                     "version pour le CRSS", marks=marks, subject=data.header.committee_words,
                     created=created or dt.datetime(2000, 1, 1))


def crss_amendment_pdf(data: AmendmentData, created: dt.datetime | None = None) -> bytes:
    marks = PageMarks(draft=data.adopted_at is None, demo=data.meeting.header.is_demo,
                      reference=data.reference, crss=True)
    return build_pdf(amendment_story(data), title=f"{data.reference} – version pour le CRSS",
                     marks=marks, created=created or dt.datetime(2000, 1, 1))


class _Borrowed:
    """The snapshot's connection lent to SQLAlchemy for reading: its transaction belongs to
    the snapshot, so commit, rollback and close do nothing here."""

    def __init__(self, conn) -> None:  # noqa: ANN001
        self._conn = conn

    def commit(self) -> None:
        pass

    def rollback(self) -> None:
        pass

    def close(self) -> None:
        pass

    def __getattr__(self, name: str):  # noqa: ANN204
        return getattr(self._conn, name)


# (given, family, title) -> [(weight, regex)]; (text, [(regex, code)]) -> text: the exchange
# package's own name matching, handed over by its caller (no import of it from here)
NamePatterns = Callable[[str, str, str], list[tuple[int, str]]]
ReplaceNames = Callable[[str, list], str]


def _scrubber(session: Session, code_of: Callable[[str], str], name_patterns: NamePatterns,
              replace_names: ReplaceNames) -> Callable[[str], str]:
    patterns = []
    for person in session.scalars(select(m.Person)):
        code = code_of(person.uuid)
        for weight, pattern in name_patterns(person.given_names or "",
                                             person.family_name or "", person.title or ""):
            patterns.append((weight, re.compile(pattern), code))
    patterns = [(p, c) for _w, p, c in sorted(patterns, key=lambda x: -x[0])]
    return lambda text: replace_names(text, patterns) if text and patterns else text or ""


def replace_in_snapshot(conn, code_of: Callable[[str], str],  # noqa: ANN001
                        name_patterns: NamePatterns, replace_names: ReplaceNames) -> int:
    """Put the CRSS version in place of every stored PDF (adopted PVs and their
    amendments) of a transmission's snapshot; `code_of(person_uuid)` gives a person's code,
    `name_patterns` and `replace_names` find and replace people's names in typed text.
    A document that cannot be rendered again is left out of the snapshot (it never travels
    with names). Returns how many documents were replaced."""
    engine = create_engine("sqlite://", creator=lambda: _Borrowed(conn),
                           poolclass=StaticPool, pool_reset_on_return=None)
    replaced: dict[int, bytes] = {}
    dropped: list[int] = []
    try:
        with Session(engine) as session:
            scrub = _scrubber(session, code_of, name_patterns, replace_names)
            docs = session.scalars(select(m.StoredDocument).where(
                m.StoredDocument.deleted_at.is_(None))).all()
            for doc in docs:
                try:
                    replaced[doc.id] = _crss_pdf(session, doc, code_of, scrub)
                except Exception:  # noqa: BLE001 (never the original with names instead)
                    log.warning("PV %s non transmis au CRSS", doc.id, exc_info=True)
                    dropped.append(doc.id)
    finally:
        engine.dispose()
    for doc_id, pdf in replaced.items():
        conn.execute("UPDATE stored_documents SET pdf = ?, sha256 = ? WHERE id = ?",
                     (pdf, hashlib.sha256(pdf).hexdigest(), doc_id))
    for doc_id in dropped:
        conn.execute("DELETE FROM stored_documents WHERE id = ?", (doc_id,))
    return len(replaced)


def _crss_pdf(session: Session, doc: m.StoredDocument, code_of: Callable[[str], str],
              scrub: Callable[[str], str]) -> bytes:
    if doc.kind == "amendment" and doc.amendment_id:
        data = load_amendment(session, doc.amendment_id)
        return crss_amendment_pdf(dataclasses.replace(
            data, reason=scrub(data.reason), text=scrub(data.text),
            meeting=coded_meeting(data.meeting, code_of, scrub)), doc.created_at)
    return crss_minutes_pdf(coded_meeting(load_meeting(session, doc.meeting_id), code_of,
                                          scrub), doc.created_at)

