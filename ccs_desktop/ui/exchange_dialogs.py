"""Old import path of the exchange screens' entry points, kept only for ui/main_window.py and
app.py until they import from ccs_desktop.ui.exchange (then this file goes). Names are read
from ccs_desktop.ui.exchange when asked for, so a test replacing one there is followed."""

from __future__ import annotations

from typing import Any

_NAMES = ("exchange_pages", "install_exchange_actions", "on_close_auto_backup",
          "on_start_auto_backup")


def __getattr__(name: str) -> Any:
    if name not in _NAMES:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    from . import exchange

    return getattr(exchange, name)
