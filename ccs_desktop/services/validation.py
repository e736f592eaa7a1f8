"""The one place where what a caller passes becomes a value the database accepts.

Every service entry point turns its arguments into clean values through these helpers
(ids, whole numbers, booleans, texts, dates, times, codes, referenced records) and writes
through `write_session`, which turns whatever the database still refuses (a constraint, a
value it cannot store) into a French `ValidationError`, the transaction rolled back.

Each helper takes `(value, label, errors, key)`: with an `errors` dict, a refusal is noted
under `key` (so that a form shows every problem at once) and None is returned; without it,
a `ValidationError` is raised at once. Messages quote what was typed only when it is a short
text, never a Python object ("None", "nan", a list...).
"""

from __future__ import annotations

import datetime as dt
import logging
import math
import re
import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import exc as sa_exc
from sqlalchemy import select
from sqlalchemy.orm import Session

from ..domain import enums
from ..i18n import N_, _, pgettext
from .errors import NotFound, UserError, ValidationError

log = logging.getLogger(__name__)

INT64_MAX = 2**63 - 1
LINE_MAX = 200          # a one-line field when the column gives no length
TEXT_MAX = 50_000       # discussion, notes, descriptions
FIRST_YEAR, LAST_YEAR = 1900, 2100

_UUID = re.compile(r"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-"
                   r"[0-9a-fA-F]{12}$")
_DIGITS = re.compile(r"^[+-]?[0-9]+$")


# --- reporting --------------------------------------------------------------------------------

def refuse(errors: dict[str, str] | None, key: str, message: str) -> None:
    """Note a refusal (a form) or raise it at once (one value)."""
    if errors is None:
        raise ValidationError({key: message})
    errors.setdefault(key, message)


def raise_if(errors: dict[str, str]) -> None:
    if errors:
        raise ValidationError(errors)


def shown(value: Any) -> str:
    """What a message quotes of a typed value: a short text as typed, else what it is."""
    if isinstance(value, str):
        text = "".join(ch if ch.isprintable() else "?" for ch in value.strip())
        if not text:
            return _("(empty)")
        return _("“{text}”").format(text=f"{text[:30]}…" if len(text) > 30 else text)
    if value is None:
        return _("(empty)")
    if isinstance(value, bool):
        return _("(yes/no)")
    if isinstance(value, int):
        return _("“{text}”").format(text=value) if abs(value) < 10**12 else \
            _("(number too large)")
    if isinstance(value, float):
        return _("(decimal number)")
    if isinstance(value, (dt.date, dt.time)):
        return _("(date or time)")
    return _("(value of another kind)")


# --- numbers and booleans ------------------------------------------------------------------------

def as_int(value: Any, label: str, errors: dict[str, str] | None = None, key: str = "",
           lo: int | None = None, hi: int | None = None, *,
           required: bool = False) -> int | None:
    """A whole number: an int (not a bool) or ASCII digits; within [lo, hi] and 64 bits."""
    if value is None or (isinstance(value, str) and not value.strip()):
        if required:
            refuse(errors, key, _("{field}: this field is required.").format(field=label))
        return None
    number: int | None = None
    if isinstance(value, bool):
        number = None
    elif isinstance(value, int):
        number = int(value)
    elif isinstance(value, float) and math.isfinite(value) and value.is_integer():
        number = int(value)
    elif isinstance(value, str) and _DIGITS.match(value.strip()) and len(value.strip()) < 25:
        number = int(value.strip())
    if number is None:
        refuse(errors, key, _("{field}: whole number expected, not {value}.").format(
            field=label, value=shown(value)))
        return None
    low = -INT64_MAX - 1 if lo is None else lo
    high = INT64_MAX if hi is None else hi
    if not low <= number <= high:
        if lo is not None and hi is not None:
            message = _("{field}: {value} is out of range ({lo} to {hi}).").format(
                field=label, value=shown(number), lo=lo, hi=hi)
        elif lo is not None:
            message = _("{field}: {value} must be at least {lo}.").format(
                field=label, value=shown(number), lo=lo)
        elif hi is not None:
            message = _("{field}: {value} must be at most {hi}.").format(
                field=label, value=shown(number), hi=hi)
        else:
            message = _("{field}: number too large.").format(field=label)
        refuse(errors, key, message)
        return None
    return number


def as_id(value: Any, label: str, errors: dict[str, str] | None = None, key: str = "", *,
          required: bool = True) -> int | None:
    """A record number: a whole number from 1 to 2^63 - 1."""
    if value is None or (isinstance(value, str) and not value.strip()):
        if required:
            refuse(errors, key, _("{field}: this field is required.").format(field=label))
        return None
    number = as_int(value, label, {}, key, 1, INT64_MAX)
    if number is None:
        refuse(errors, key, _("{field}: record number expected, not {value}.").format(
            field=label, value=shown(value)))
    return number


_TRUE = {"1", "oui", "o", "vrai", "true", "yes"}
_FALSE = {"0", "non", "n", "faux", "false", "no", ""}


def as_bool(value: Any, label: str, errors: dict[str, str] | None = None,
            key: str = "") -> bool | None:
    if isinstance(value, bool):
        return value
    if value is None:
        return False
    if isinstance(value, int) and value in (0, 1):
        return bool(value)
    if isinstance(value, str) and value.strip().casefold() in _TRUE | _FALSE:
        return value.strip().casefold() in _TRUE
    refuse(errors, key, _("{field}: yes or no expected, not {value}.").format(
        field=label, value=shown(value)))
    return None


# --- texts ----------------------------------------------------------------------------------------

def _bad_character(text: str, multiline: bool) -> str | None:
    for ch in text:
        if multiline and ch in "\n\r\t":
            continue
        if ch == "\t":
            continue
        category = unicodedata.category(ch)
        if category in ("Cc", "Cs", "Co", "Cn") or ch in "\u2028\u2029":
            return ch
    return None


def as_text(value: Any, label: str, errors: dict[str, str] | None = None, key: str = "", *,
            required: bool = False, max_len: int | None = None,
            multiline: bool = False) -> str | None:
    """A text, stripped: refused when not a text, too long, or holding control characters
    (a line field takes no line break)."""
    if value is None:
        value = ""
    if not isinstance(value, str):
        refuse(errors, key, _("{field}: text expected, not {value}.").format(
            field=label, value=shown(value)))
        return None
    text = value.strip()
    limit = max_len or (TEXT_MAX if multiline else LINE_MAX)
    if required and not text:
        refuse(errors, key, _("{field}: this field is required.").format(field=label))
        return None
    if len(text) > limit:
        refuse(errors, key, _("{field}: {n} characters, at most {limit}.").format(
            field=label, n=len(text), limit=limit))
        return None
    bad = _bad_character(text, multiline)
    if bad is not None:
        if bad in "\n\r\u2028\u2029":
            message = _("{field}: this text contains a line break; type it again.").format(
                field=label)
        else:
            message = _("{field}: this text contains a control character (code {code}); "
                        "type it again.").format(field=label, code=ord(bad))
        refuse(errors, key, message)
        return None
    return text


def max_len_of(column: Any) -> int | None:
    """The declared length of a String column (SQLite does not enforce it: we do)."""
    length = getattr(getattr(column, "type", None), "length", None)
    return int(length) if length else None


# --- dates and times -----------------------------------------------------------------------------

def as_date(value: Any, label: str, errors: dict[str, str] | None = None, key: str = "", *,
            required: bool = False) -> dt.date | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        if required:
            refuse(errors, key, _("{field}: this field is required.").format(field=label))
        return None
    day: dt.date | None = None
    if isinstance(value, dt.datetime):
        day = value.date()
    elif isinstance(value, dt.date):
        day = value
    elif isinstance(value, str):
        text = value.strip()
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
            try:
                day = dt.date.fromisoformat(text)
            except ValueError:
                day = None
    if day is None:
        refuse(errors, key, _("{field}: incorrect date {value} (expected: YYYY-MM-DD, for "
                              "example 2024-03-02).").format(field=label, value=shown(value)))
        return None
    if not FIRST_YEAR <= day.year <= LAST_YEAR:
        refuse(errors, key, _("{field}: the year {year} is out of range ({first} to "
                              "{last}).").format(field=label, year=day.year, first=FIRST_YEAR,
                                                 last=LAST_YEAR))
        return None
    return day


def as_time(value: Any, label: str, errors: dict[str, str] | None = None,
            key: str = "") -> dt.time | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, dt.time):
        return value.replace(tzinfo=None)
    if isinstance(value, str):
        text = value.strip().lower().replace(" ", "").replace("h", ":")
        if text.endswith(":"):
            text += "00"
        match = re.fullmatch(r"(\d{1,2}):(\d{2})", text)
        if match and int(match[1]) < 24 and int(match[2]) < 60:
            return dt.time(int(match[1]), int(match[2]))
    refuse(errors, key, _("{field}: incorrect time {value} (expected: 10:00).").format(
        field=label, value=shown(value)))
    return None


# --- codes ---------------------------------------------------------------------------------------

def as_code(value: Any, enum: type[enums.Labelled], label: str,
            errors: dict[str, str] | None = None, key: str = "", *,
            required: bool = True) -> str | None:
    """A code of `enum`, given as the code or as its French label."""
    if value is None or (isinstance(value, str) and not value.strip()):
        if required:
            refuse(errors, key, _("{field}: value required.").format(field=label))
        return None
    allowed = ", ".join(member.label for member in enum)
    if not isinstance(value, str):
        refuse(errors, key, _("{field}: unknown value {value} (possible values: "
                              "{allowed}).").format(field=label, value=shown(value),
                                                    allowed=allowed))
        return None
    code = value.strip()
    if code in enum.codes():
        return code
    for member in enum:
        if code.casefold() in (member.label.casefold(), member.french.casefold()):
            return member.value
    refuse(errors, key, _("{field}: unknown value {value} (possible values: {allowed}).")
           .format(field=label, value=shown(value), allowed=allowed))
    return None


# --- records -------------------------------------------------------------------------------------

def is_uuid(value: Any) -> bool:
    return isinstance(value, str) and bool(_UUID.match(value.strip()))


def find(s: Session, model: Any, value: Any, label: str, errors: dict[str, str] | None = None,
         key: str = "", *, committee_id: int | None = None, deleted: bool = False,
         uuid: bool = False) -> Any:
    """The live record `value` (its number, or its UUID when uuid=True) of `model`,
    belonging to `committee_id` when given; None (and a French refusal) otherwise."""
    obj = None
    if uuid and is_uuid(value):
        obj = s.scalar(select(model).where(model.uuid == value.strip()))
    else:
        number = as_id(value, label, {}, key)
        if number is None:
            refuse(errors, key, _("{field}: record number expected, not {value}.").format(
                field=label, value=shown(value)))
            return None
        obj = s.get(model, number)
    gone = obj is None or (not deleted and getattr(obj, "deleted_at", None) is not None)
    if gone:
        message = _("{field} not found: {value}.").format(field=label, value=shown(value))
        if errors is None:
            raise NotFound(message)
        errors.setdefault(key, message)
        return None
    if committee_id is not None and getattr(obj, "committee_id", committee_id) != committee_id:
        refuse(errors, key, _("{field} {value} belongs to another committee: choose one of "
                              "this committee.").format(field=label, value=shown(value)))
        return None
    return obj


def check_same_committee(obj: Any, committee_id: int | None, label: str,
                         errors: dict[str, str] | None = None, key: str = "") -> bool:
    if obj is None or committee_id is None or obj.committee_id == committee_id:
        return True
    refuse(errors, key, _("{field} belongs to another committee: choose one of this "
                          "committee.").format(field=label))
    return False


def as_committee_id(s: Session, value: Any, errors: dict[str, str] | None = None,
                    key: str = "committee_id") -> int | None:
    from ..db import models as m

    committee = find(s, m.Committee, value, pgettext("field", "Committee"), errors, key)
    return committee.id if committee is not None else None


# --- the write guard -----------------------------------------------------------------------------

_CONSTRAINTS = (  # (what SQLite's message names, the message shown; translated when shown)
    ("meetings.committee_id, meetings.year, meetings.number",
     N_("Another meeting has just taken this number for this year: choose another number, "
        "or try again to take the next one.")),
    ("attendance.meeting_id, attendance.person_id",
     N_("This person is already on the attendance list of this meeting.")),
    ("likelihood", N_("Likelihood: choose a value from 1 to 5.")),
    ("impact", N_("Impact: choose a value from 1 to 5.")),
    ("sex", N_("Sex: choose Man or Woman.")),
    ("FOREIGN KEY", N_("A linked record (meeting, person, threat…) does not exist or no longer "
                       "exists: reload the record and start again.")),
    (".uuid", N_("This identifier already exists in the database: reload the record and start "
                 "again.")),
)


class NumberTaken(ValidationError):
    """A meeting number taken by another writer between the check and the insert."""


def french_database_refusal(exc: BaseException) -> ValidationError:
    """A message (in the interface's language; the name is historical) for what the database
    refused (the technical text goes to the log)."""
    text = str(getattr(exc, "orig", None) or exc)
    log.info("refused by the database: %s", text)
    if isinstance(exc, sa_exc.IntegrityError):
        for needle, message in _CONSTRAINTS:
            if needle in text:
                cls = NumberTaken if needle.startswith("meetings.") else ValidationError
                return cls(_(message))
        return ValidationError(_("The database refused this change (a value contradicts a rule "
                                 "of the register): nothing was saved. Check the fields and "
                                 "start again."))
    return ValidationError(_("A value cannot be saved (too large or of an unexpected kind): "
                             "nothing was saved. Check the fields and start again."))


_REFUSALS = (sa_exc.IntegrityError, sa_exc.DataError, sa_exc.InterfaceError, OverflowError)


def _is_refusal(exc: BaseException) -> bool:
    if isinstance(exc, _REFUSALS):
        return True
    if isinstance(exc, sa_exc.ProgrammingError):
        # sqlite3 says "Error binding parameter" for a value of a type it cannot store
        return "binding" in str(exc).lower() or "type" in str(exc).lower()
    # a value SQLAlchemy could not convert before sending it (a Date given a text...)
    return isinstance(exc, sa_exc.StatementError) and not isinstance(exc, sa_exc.DBAPIError)


@contextmanager
def write_session(db: Any, action: str = "records.edit") -> Iterator[Session]:
    """`db.session()` (one transaction) whose database refusals read in French; the session
    is rolled back first, so nothing of the action is written. The acting account's role
    must allow `action` (services.roles: Forbidden, French, before anything is read)."""
    from .roles import require

    require(db, action)
    try:
        with db.session() as s:
            yield s
    except UserError:
        raise
    except Exception as exc:
        if _is_refusal(exc):
            raise french_database_refusal(exc) from None
        raise


__all__ = ["as_bool", "as_code", "as_committee_id", "as_date", "as_id", "as_int", "as_text",
           "as_time", "check_same_committee", "find", "french_database_refusal", "is_uuid",
           "max_len_of", "raise_if", "refuse", "shown", "write_session", "NumberTaken",
           "INT64_MAX"]


def or_default(value: Any, default: Any) -> Any:
    """`default` when nothing was given (None or blank), else the value as given: a falsy
    wrong value (0, False, []) is refused by the check that follows, not replaced."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return default
    return value
