"""Exchange screens (issue 5): backups on USB sticks, restore, transmission to the CRSS; the CRSS
screens themselves (keys aside) live in ui.crss.

Entry points for the main window and the wizard:
- `install_exchange_actions(window)`: the "Backup" menu (CRSS actions in CRSS mode);
- `exchange_pages(window)`: the CRSS pages (register, import log, conflicts) for navigation;
- `restore_from_wizard(parent, data_dir=None) -> bool`: the first-run wizard's restore;
- `on_start_auto_backup(db)` and `on_close_auto_backup(db)`: the automatic local copies.

The first three, and the CRSS screens re-exported here, are in ui.exchange.window (see there
what a window offers them), loaded on first use: the CRSS screens import this package's
common widgets, so this package cannot import them while it loads.
"""

from __future__ import annotations

import importlib
from typing import Any

from .auto_copies import on_close_auto_backup, on_start_auto_backup
from .common import Prompts, Session
from .dialogs import (
    BackupDialog, ExportPublicKeyDialog, KeygenDialog, RestoreDialog, TrustKeyDialog,
)

# name -> the module that defines it, imported when the name is first asked for
_LATER = {
    "ExchangeScreens": ".window", "install_exchange_actions": ".window",
    "exchange_pages": ".window", "restore_from_wizard": ".window", "open_restore": ".window",
    "ImportDialog": "..crss", "RegisterPage": "..crss", "ImportLogPage": "..crss",
    "ConflictsPage": "..crss",
}

__all__ = [
    "install_exchange_actions", "exchange_pages", "restore_from_wizard",
    "on_close_auto_backup", "on_start_auto_backup", "Prompts", "Session", "BackupDialog",
    "RestoreDialog", "TrustKeyDialog", "KeygenDialog", "ExportPublicKeyDialog",
    "ImportDialog", "RegisterPage", "ImportLogPage", "ConflictsPage", "ExchangeScreens",
    "open_restore",
]


def __getattr__(name: str) -> Any:
    if name not in _LATER:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(_LATER[name], __name__), name)
    globals()[name] = value
    return value
