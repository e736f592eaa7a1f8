"""Errors the user reads: French messages, raised before anything is written."""

from __future__ import annotations

from typing import Any

from ..i18n import N_, _

_BUSY = N_("The database is in use by another program (another CCS Desktop window?). "
           "Close it and try again; nothing was saved.")


class _Translated:
    """A class attribute read in the language in force (a message declared once)."""

    def __init__(self, message: str) -> None:
        self.message = message

    def __get__(self, obj: Any, owner: Any = None) -> str:
        return _(self.message)


class UserError(Exception):
    """A refusal with a French message for the user."""


class ValidationError(UserError):
    """One or more invalid fields: {field: French message}."""

    def __init__(self, errors: dict[str, str] | str, field: str | None = None) -> None:
        if isinstance(errors, str):
            errors = {field or "": errors}
        self.errors = errors
        super().__init__(" ".join(errors.values()))


class NotFound(UserError):
    pass


class ReadOnly(UserError):
    """An adopted PV no longer changes: a correction is an amendment."""


class DatabaseBusy(UserError):
    """The database is locked by another program (or another window) for longer than the busy
    timeout; nothing of the refused action was written."""

    MESSAGE = _Translated(_BUSY)

    def __init__(self, message: str | None = None) -> None:
        super().__init__(message or self.MESSAGE)
