"""The CRSS screens (CRSS mode): import files or a whole stick, the register of expected
committees, the import log and the conflicts to settle.

- tables: the read-only table models and their sortable view;
- filters: the region / cercle / commune / committee filter;
- pages: RegisterPage (and RegisterEntryDialog), ImportLogPage, ConflictsPage;
- import_dialog: ImportDialog.

They read and write through services.crss (small frozen values) and use the exchange
screens' common widgets (ui.exchange.common). The window's "Backup" menu and navigation reach
them through ui.exchange.window.
"""

from .import_dialog import ImportDialog
from .pages import ConflictsPage, ImportLogPage, RegisterEntryDialog, RegisterPage

__all__ = ["ImportDialog", "RegisterPage", "RegisterEntryDialog", "ImportLogPage",
           "ConflictsPage"]
