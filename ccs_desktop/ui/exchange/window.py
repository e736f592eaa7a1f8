"""The exchange screens in a window: the "Backup" menu (the CRSS actions in CRSS mode), the CRSS
pages of the navigation, the restore that replaces the window's database.

`ExchangeScreens.of(window)` is what one window holds of them (its `exchange_screens`
attribute): the menu, its actions, the CRSS pages shown, and `refresh()` after a change. The
window is any QMainWindow with `.services` (services.hub.Services); when it (or the window
holding it) has `close_editors()` that is called before a restore replaces the database
(False = the user cancelled: no restore); when it has `reopen_database(db)` that is called
after a restore, else `.services` (and `.db`) are replaced; `refresh_all()` is called after
changes when present; `show_exchange_page(key)` (keys "register", "import_log", "conflicts")
is used by the menu when present, else the page opens in its own window.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QDialog, QMenu, QVBoxLayout, QWidget

from ... import paths
from ...services.hub import folder_has_database, open_folder
from ..crss import ConflictsPage, ImportDialog, ImportLogPage, RegisterPage
from ..views.crss import is_crss
from .common import Prompts
from ..window_fit import fit_window
from .dialogs import (
    BackupDialog, ExportPublicKeyDialog, KeygenDialog, RestoreDialog, TrustKeyDialog,
)

translate = QCoreApplication.translate

log = logging.getLogger(__name__)
PAGE_KEYS = ("register", "import_log", "conflicts")


def _page_title(key: str) -> str:
    return {"register": translate("ExchangeMenu", "Committee register"),
            "import_log": translate("ExchangeMenu", "Import log"),
            "conflicts": translate("ExchangeMenu", "Conflicts")}[key]


class ExchangeScreens:
    """What one window holds of the exchange screens."""

    def __init__(self, window: Any) -> None:
        self.window = window
        self.menu: QMenu | None = None
        self.actions: dict[str, QAction] = {}
        self.pages: list[QWidget] = []  # the CRSS pages shown (navigation, own windows)

    @classmethod
    def of(cls, window: Any) -> ExchangeScreens:
        """The window's exchange screens (made on first use)."""
        screens = getattr(window, "exchange_screens", None)
        if not isinstance(screens, ExchangeScreens):
            screens = cls(window)
            window.exchange_screens = screens
        return screens

    # --- after a change -------------------------------------------------------------------------
    def refresh(self) -> None:
        """The visible CRSS pages reread, then the window's own pages (refresh_all)."""
        for page in self.pages:
            try:
                if page.isVisible():
                    page.refresh()
            except RuntimeError:  # the page was deleted with a rebuilt window
                pass
        refresh = getattr(self.window, "refresh_all", None)
        if callable(refresh):
            try:
                refresh()
            except Exception:  # noqa: BLE001
                log.exception("refresh_all after an exchange action failed")

    # --- the menu ---------------------------------------------------------------------------------
    def install_menu(self) -> QMenu:
        """Add the "Backup" menu to the window's menu bar (CRSS actions in CRSS mode); the
        actions of a previous menu (before a language change) are deleted."""
        window = self.window
        for old in self.actions.values():
            try:
                old.deleteLater()
            except RuntimeError:  # already deleted with the window's previous menus
                pass
        crss = is_crss(window.services)
        menu = window.menuBar().addMenu(translate("ExchangeMenu", "&Backup"))
        menu.setObjectName("exchangeMenu")
        actions: dict[str, QAction] = {}

        def add(key: str, text: str, slot: Any) -> None:
            action = QAction(text, window)
            action.setObjectName(f"exchange_{key}")
            action.triggered.connect(slot)
            menu.addAction(action)
            actions[key] = action

        texts = {
            "backup": translate("ExchangeMenu", "Back up to USB…"),
            "transmit": translate("ExchangeMenu", "Transmit to the CRSS…"),
            "restore": translate("ExchangeMenu", "Restore a backup…"),
            "trust": translate("ExchangeMenu", "Trust a CRSS key…"),
            "import_files": translate("ExchangeMenu", "Import files…"),
            "import_folder": translate("ExchangeMenu", "Import a whole stick or folder…"),
            "keygen": translate("ExchangeMenu", "Generate the CRSS key pair…"),
            "export_public": translate("ExchangeMenu", "Export the public key…"),
        }
        groups = [["backup", "transmit", "restore", "trust"]]
        if crss:
            groups += [["import_files", "import_folder"], ["keygen", "export_public"],
                       list(PAGE_KEYS)]
        for i, group in enumerate(groups):
            if i:
                menu.addSeparator()
            for key in group:
                if key in PAGE_KEYS:
                    add(key, _page_title(key), lambda _=False, k=key: self.show_page(k))
                else:
                    add(key, texts[key], lambda _=False, k=key: self.open_dialog(k))
        self.menu, self.actions = menu, actions
        # read by ui.main_window._build_actions (and tests) until it uses `.actions`
        window._exchange_actions = actions
        return menu

    def open_dialog(self, key: str) -> None:
        window = self.window
        services = window.services
        dialogs = {
            "backup": lambda: BackupDialog(services, "backup", window),
            "transmit": lambda: BackupDialog(services, "transmission", window),
            "restore": lambda: open_restore(window),
            "trust": lambda: TrustKeyDialog(services, window),
            "import_files": lambda: ImportDialog(services, False, window,
                                                 on_imported=self.refresh),
            "import_folder": lambda: ImportDialog(services, True, window,
                                                  on_imported=self.refresh),
            "keygen": lambda: KeygenDialog(window),
            "export_public": lambda: ExportPublicKeyDialog(window),
        }
        Prompts.run_dialog(dialogs[key]())

    # --- the CRSS pages ---------------------------------------------------------------------------
    def _make_page(self, key: str) -> QWidget:
        if key == "conflicts":
            return ConflictsPage(self.window, on_changed=self.refresh)
        return {"register": RegisterPage, "import_log": ImportLogPage}[key](self.window)

    def build_pages(self) -> list[tuple[str, QWidget]]:
        """The CRSS pages for the navigation, with their titles (none outside CRSS mode)."""
        if not is_crss(self.window.services):
            return []
        pages = [(_page_title(key), self._make_page(key)) for key in PAGE_KEYS]
        self.pages = [page for _, page in pages]
        return pages

    def show_page(self, key: str) -> None:
        """The page in the window's navigation (show_exchange_page), else in its own window."""
        window = self.window
        show = getattr(window, "show_exchange_page", None)
        if callable(show):
            show(key)
            return
        dialog = QDialog(window)
        dialog.setObjectName(f"{key}Window")
        dialog.setWindowTitle(_page_title(key))
        layout = QVBoxLayout(dialog)
        page = self._make_page(key)
        layout.addWidget(page)
        self.pages.append(page)
        fit_window(dialog, (1000, 640), f"exchange/{key}")
        Prompts.run_dialog(dialog, modal=False)


def install_exchange_actions(window: Any) -> None:
    """Add the "Backup" menu to the window's menu bar (CRSS actions in CRSS mode)."""
    ExchangeScreens.of(window).install_menu()


def exchange_pages(window: Any) -> list[tuple[str, QWidget]]:
    """The CRSS pages for the navigation (empty outside CRSS mode)."""
    return ExchangeScreens.of(window).build_pages()


# --------------------------------------------------------------------------- restore

def _swap_database(hosts: list[Any], folder: Path) -> None:
    """Give the hosts (main window, wizard) the restored database of folder."""
    services = open_folder(folder)
    for host in hosts:
        reopen = getattr(host, "reopen_database", None)
        if callable(reopen):
            reopen(services.db)
            continue
        if hasattr(host, "services"):
            host.services = services
        if hasattr(host, "db"):
            host.db = services.db


def _close_editors(hosts: list[Any]) -> bool:
    """Ask each host that has `close_editors()` (the main window: it saves drafts and closes
    every open editor) to do so before its database is replaced; False when one refused
    (the user cancelled)."""
    for host in hosts:
        close = getattr(host, "close_editors", None)
        if callable(close) and close() is False:
            return False
    return True


def _hosts_of(window: Any) -> list[Any]:
    """The window and the window that holds it (a wizard over the main window)."""
    hosts = []
    for h in (window, getattr(window, "parentWidget", lambda: None)()):
        if h is not None and all(h is not x for x in hosts):
            hosts.append(h)
    return hosts


def _reopen(hosts: list[Any], folder: Path) -> bool:
    try:
        _swap_database(hosts, folder)
    except Exception:  # noqa: BLE001
        log.exception("reopening the restored database failed")
        return False
    return True


def open_restore(window: Any, data_dir: Path | None = None) -> RestoreDialog:
    """The restore dialog for a window whose database is open: the open editors are closed
    (drafts saved; the restore stops if the user cancels) and the database closed just
    before the replacement, then reopened after."""
    old_db = window.services.db
    folder = Path(data_dir) if data_dir else old_db.data_dir

    def before() -> bool:
        if not _close_editors(_hosts_of(window)):
            return False
        if old_db.data_dir.resolve() == folder.resolve():
            old_db.close()
        return True

    def after(ok: bool) -> None:
        # not ok: the live database was not touched; its engine reconnects on demand
        if ok and _reopen([window], folder):
            ExchangeScreens.of(window).refresh()

    return RestoreDialog(folder, window, before_replace=before, after_replace=after)


def restore_from_wizard(parent: Any, data_dir: str | Path | None = None) -> bool:
    """The wizard's "restore a backup" (a new PC): True when a database now exists in
    data_dir (and the open database, if any, was reopened on it)."""
    hosts = [h for h in (parent, getattr(parent, "parentWidget", lambda: None)())
             if h is not None and hasattr(h, "services")]
    old_db = hosts[0].services.db if hosts else None
    folder = Path(data_dir) if data_dir else (old_db.data_dir if old_db is not None
                                              else paths.resolve_data_dir(None))

    def before() -> bool:
        if not _close_editors(_hosts_of(parent)):
            return False
        if old_db is not None and old_db.data_dir.resolve() == folder.resolve():
            old_db.close()
        return True

    def after(ok: bool) -> None:
        if ok and hosts:
            _reopen(hosts, folder)

    dialog = RestoreDialog(folder, parent, before_replace=before, after_replace=after)
    Prompts.run_dialog(dialog)
    return dialog.restored is not None and folder_has_database(folder)
