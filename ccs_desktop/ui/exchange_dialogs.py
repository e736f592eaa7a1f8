"""Entry points of the exchange screens (issue 5); the code lives in ccs_desktop.ui.exchange."""

from .exchange import (  # noqa: F401
    BackupDialog, ConflictsPage, ExportPublicKeyDialog, ImportDialog, ImportLogPage,
    KeygenDialog, Prompts, RegisterPage, RestoreDialog, Session, TrustKeyDialog,
    exchange_pages, install_exchange_actions, is_crss_mode, on_close_auto_backup,
    on_start_auto_backup, restore_from_wizard,
)

__all__ = [
    "install_exchange_actions", "exchange_pages", "restore_from_wizard",
    "on_close_auto_backup", "on_start_auto_backup", "Prompts", "Session", "BackupDialog",
    "RestoreDialog", "TrustKeyDialog", "KeygenDialog", "ExportPublicKeyDialog",
    "ImportDialog", "RegisterPage", "ImportLogPage", "ConflictsPage", "is_crss_mode",
]
