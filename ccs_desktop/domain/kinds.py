"""The kinds of records a committee keeps, declared once, and how a count of each is said
("1 réunion", "3 réunions"; English "1 meeting", "3 meetings"), for the lists, the CLI and the
description of a backup."""

from __future__ import annotations

from ..i18n import ngettext

#: the kinds of records, in the order the lists, the editors and the CLI show them
KINDS = ("meetings", "threats", "vulnerabilities", "recommendations", "activities", "people")


def count_text(kind: str, n: int, shown: str | None = None) -> str:
    """A count of records of `kind` (a kind of KINDS, or "stored_documents": archived
    minutes) with its plural; `shown`: the number as the caller writes it (default str(n)).
    KeyError for an unknown kind."""
    if kind == "meetings":
        text = ngettext("{n} meeting", "{n} meetings", n)
    elif kind == "threats":
        text = ngettext("{n} threat", "{n} threats", n)
    elif kind == "vulnerabilities":
        text = ngettext("{n} vulnerability", "{n} vulnerabilities", n)
    elif kind == "recommendations":
        text = ngettext("{n} recommendation", "{n} recommendations", n)
    elif kind == "activities":
        text = ngettext("{n} activity", "{n} activities", n)
    elif kind == "people":
        text = ngettext("{n} person", "{n} people", n)
    elif kind == "stored_documents":
        text = ngettext("{n} archived set of minutes", "{n} archived sets of minutes", n)
    else:
        raise KeyError(kind)
    return text.format(n=str(n) if shown is None else shown)
