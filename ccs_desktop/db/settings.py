"""Every setting of a database's `settings` table, declared once (key, type, default), and
the typed accessors that read and write them.

    from ..db import settings
    uuid = settings.read(s, settings.OWN_COMMITTEE)      # "" when none
    settings.write(s, settings.MODE, "crss")
    if settings.is_crss(db): ...

Nothing else touches the `settings` table through the ORM: a stored value that does not
read as its type (a mode that is neither "committee" nor "crss", a flag that is not 0/1)
reads as the default. The table itself is db.models.Setting (text keys, text values).
This module sits in db/ because the engine reads the own committee too (the restore
generation); services and cli import it, the screens ask the services.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from sqlalchemy.orm import Session

from . import models as m

T = TypeVar("T")

COMMITTEE_MODE, CRSS_MODE = "committee", "crss"
_TRUE, _FALSE = ("1", "true", "yes"), ("0", "false", "no", "")


def _read_bool(text: str) -> bool:
    folded = text.strip().lower()
    if folded in _TRUE:
        return True
    if folded in _FALSE:
        return False
    raise ValueError(text)


def _write_bool(value: bool) -> str:
    if not isinstance(value, bool):
        raise TypeError(f"a flag is True or False, not {value!r}")
    return "1" if value else "0"


def _write_int(value: int) -> str:
    if not isinstance(value, int) or isinstance(value, bool):
        raise TypeError(f"a number setting takes an int, not {value!r}")
    return str(value)


def _write_str(value: str) -> str:
    if not isinstance(value, str):
        raise TypeError(f"a text setting takes a str, not {value!r}")
    return value


@dataclass(frozen=True)
class Key(Generic[T]):
    """One setting: its key in the table, its type, what it reads as when absent or bad,
    and (for a closed set of texts) the values it may take."""

    name: str
    type: type
    default: T
    doc: str
    choices: tuple[str, ...] = ()
    bounds: tuple[int, int] = (0, 0)  # an int setting's smallest and largest values

    def parse(self, text: str) -> T:
        """The stored text as a value of the key's type (ValueError when it is not one)."""
        if self.type is bool:
            return _read_bool(text)  # type: ignore[return-value]
        if self.type is int:
            value = int(text.strip())
            if not self.bounds[0] <= value <= self.bounds[1]:
                raise ValueError(text)
            return value  # type: ignore[return-value]
        if self.choices and text not in self.choices:
            raise ValueError(text)
        return text  # type: ignore[return-value]

    def format(self, value: T) -> str:
        if self.type is bool:
            return _write_bool(value)  # type: ignore[arg-type]
        if self.type is int:
            if not self.bounds[0] <= value <= self.bounds[1]:  # type: ignore[operator]
                raise ValueError(f"{self.name}: {value!r} is outside {self.bounds}")
            return _write_int(value)  # type: ignore[arg-type]
        text = _write_str(value)  # type: ignore[arg-type]
        if self.choices and text not in self.choices:
            raise ValueError(f"{self.name}: {text!r} is not one of {self.choices}")
        return text


OWN_COMMITTEE: Key[str] = Key("committee_uuid", str, "",
                              "the uuid of this database's own committee (none in a CRSS's)")
MODE: Key[str] = Key("mode", str, COMMITTEE_MODE,
                     "whose database this is: a committee's or the CRSS's consolidation",
                     choices=(COMMITTEE_MODE, CRSS_MODE))
DEMO: Key[bool] = Key("demo", bool, False, "a demonstration database (fictitious people)")
CRSS_PUBLIC_KEY: Key[str] = Key("crss_public_key", str, "",
                                "the CRSS public key this committee trusts (one line)")
PSEUDONYM_SECRET: Key[str] = Key("pseudonym_secret", str, "",
                                 "the secret behind the pseudonyms sent to the CRSS")

SIGNING_KEY: Key[str] = Key("signing_key", str, "",
                            "this database's Ed25519 private key (base64 of 32 raw bytes): it "
                            "signs the .ccsbak files; never travels")
FILE_SEQUENCE: Key[str] = Key("file_sequence", str, "",
                              "the number of the last .ccsbak file this database wrote (a "
                              "decimal integer): orders a committee's files at the CRSS")

# the CRSS's reporting rates (services.crss.reporting)
REPORT_DEADLINE_DAYS: Key[int] = Key("report_deadline_days", int, 45,
                                     "days after a month's end within which its report counts "
                                     "as on time (PVs are adopted at the next meeting)",
                                     bounds=(0, 366))
BAND_GOOD: Key[int] = Key("report_band_good", int, 80,
                          "a rate at or above this percentage is in the good band",
                          bounds=(1, 100))
BAND_FAIR: Key[int] = Key("report_band_fair", int, 50,
                          "a rate at or above this percentage (and below the good band) is "
                          "in the middle band", bounds=(0, 100))
REGISTER_SUSPENSIONS: Key[str] = Key("register_suspensions", str, "[]",
                                     "months the register marks suspended: a JSON list of "
                                     '{"entry": register id, "from": "YYYY-MM", '
                                     '"to": "YYYY-MM" or "", "reason": text}')

LOCK_MINUTES: Key[str] = Key("lock_minutes", str, "10",
                             "minutes of inactivity before the session locks (1 to 240)")

KEYS: tuple[Key[Any], ...] = (OWN_COMMITTEE, MODE, DEMO, CRSS_PUBLIC_KEY, PSEUDONYM_SECRET,
                              SIGNING_KEY, FILE_SEQUENCE, REPORT_DEADLINE_DAYS, BAND_GOOD,
                              BAND_FAIR, REGISTER_SUSPENSIONS, LOCK_MINUTES)
BY_NAME: dict[str, Key[Any]] = {k.name: k for k in KEYS}


# --------------------------------------------------------------------------- with a Session

def stored(s: Session, key: Key[T]) -> T | None:
    """The stored value, None when the setting is absent or does not read as its type."""
    row = s.get(m.Setting, key.name)
    if row is None or not isinstance(row.value, str):
        return None
    try:
        return key.parse(row.value)
    except ValueError:
        return None


def read(s: Session, key: Key[T]) -> T:
    """The value, the key's default when absent or bad (an empty text reads as the default
    too)."""
    value = stored(s, key)
    if value is None or (key.type is str and value == ""):
        return key.default
    return value


def write(s: Session, key: Key[T], value: T) -> None:
    text = key.format(value)
    row = s.get(m.Setting, key.name)
    if row is None:
        s.add(m.Setting(key=key.name, value=text))
    else:
        row.value = text


def clear(s: Session, key: Key[Any]) -> None:
    """Remove the setting (it reads as its default again)."""
    row = s.get(m.Setting, key.name)
    if row is not None:
        s.delete(row)
        s.flush()


# ------------------------------------------------------------- with a raw DB-API connection

def read_raw(conn: Any, key: Key[T]) -> T:
    """`read` on a raw connection (the exchange's snapshot and signing work below the ORM)."""
    row = conn.execute("SELECT value FROM settings WHERE key = ?", (key.name,)).fetchone()
    if row is None or not isinstance(row[0], str) or row[0] == "":
        return key.default
    try:
        return key.parse(row[0])
    except ValueError:
        return key.default


def write_raw(conn: Any, key: Key[T], value: T) -> None:
    """`write` on a raw connection (the caller commits)."""
    conn.execute("INSERT OR REPLACE INTO settings (key, value) VALUES (?, ?)",
                 (key.name, key.format(value)))


# --------------------------------------------------------------------------- with a Database

def _in_session(db: Any, work: Callable[[Session], T]) -> T:
    with db.session() as s:
        return work(s)


def read_db(db: Any, key: Key[T]) -> T:
    """`read` in a session of its own (for a caller holding a Database)."""
    return _in_session(db, lambda s: read(s, key))


def write_db(db: Any, key: Key[T], value: T) -> None:
    """`write` in a transaction of its own."""
    _in_session(db, lambda s: write(s, key, value))


def is_crss(db: Any) -> bool:
    """The one test of CRSS mode: this database is the CRSS's consolidation (settings
    "mode" = "crss")."""
    return read_db(db, MODE) == CRSS_MODE


LOCK_RANGE = (1, 240)


def lock_minutes(db: Any) -> int:
    """LOCK_MINUTES as a whole number of minutes; a stored value out of range reads as 10."""
    text = read_db(db, LOCK_MINUTES)
    try:
        value = int(text)
    except ValueError:
        return int(LOCK_MINUTES.default)
    low, high = LOCK_RANGE
    return value if low <= value <= high else int(LOCK_MINUTES.default)


def set_lock_minutes(db: Any, minutes: int) -> None:
    low, high = LOCK_RANGE
    if isinstance(minutes, bool) or not isinstance(minutes, int) or not low <= minutes <= high:
        from ..i18n import _
        from ..services.errors import ValidationError

        raise ValidationError(_("Automatic lock: from {low} to {high} minutes.")
                              .format(low=low, high=high))
    write_db(db, LOCK_MINUTES, str(minutes))
