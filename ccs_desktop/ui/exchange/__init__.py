"""Exchange screens (issue 5): backups on USB sticks, restore, transmission to the CRSS, and the
CRSS mode (keys, imports, register, log, conflicts).

Entry points for the main window and the wizard:
- `install_exchange_actions(window)`: the "Backup" menu (CRSS actions in CRSS mode);
- `exchange_pages(window)`: the CRSS pages (register, import log, conflicts) for navigation;
- `restore_from_wizard(parent, data_dir=None) -> bool`: the first-run wizard's restore;
- `on_start_auto_backup(db)` and `on_close_auto_backup(db)`: the automatic local copies.

The window is any QMainWindow with `.services` (services.hub.Services); when it (or the
window holding it) has `close_editors()` that is called before a restore replaces the
database (False = the user cancelled: no restore); when it has
`reopen_database(db)` that is called after a restore, else `.services` (and `.db`) are
replaced; `refresh_all()` is called after changes when present; `show_exchange_page(key)`
(keys "register", "import_log", "conflicts") is used by the menu when present, else the page
opens in its own window.
"""

from __future__ import annotations

import datetime as dt
import logging
import threading
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QDialog, QVBoxLayout, QWidget

from .common import Prompts, Session
from .crss import ConflictsPage, ImportDialog, ImportLogPage, RegisterPage
from .dialogs import (
    BackupDialog, ExportPublicKeyDialog, KeygenDialog, RestoreDialog, TrustKeyDialog,
)

translate = QCoreApplication.translate

log = logging.getLogger(__name__)
MENU = "ExchangeMenu"

__all__ = [
    "install_exchange_actions", "exchange_pages", "restore_from_wizard",
    "on_close_auto_backup", "on_start_auto_backup", "Prompts", "Session", "BackupDialog",
    "RestoreDialog", "TrustKeyDialog", "KeygenDialog", "ExportPublicKeyDialog",
    "ImportDialog", "RegisterPage", "ImportLogPage", "ConflictsPage", "is_crss_mode",
]


def is_crss_mode(services: Any) -> bool:
    try:
        return services.committee.mode() == "crss"
    except Exception:  # noqa: BLE001
        return False


# --------------------------------------------------------------------------- the window

def _refresh(window: Any) -> None:
    for page in getattr(window, "_exchange_pages", []) or []:
        try:
            if page.isVisible():
                page.refresh()
        except RuntimeError:  # the page was deleted with a rebuilt window
            pass
    refresh = getattr(window, "refresh_all", None)
    if callable(refresh):
        try:
            refresh()
        except Exception:  # noqa: BLE001
            log.exception("refresh_all after an exchange action failed")


def _swap_database(hosts: list[Any], new_db: Any) -> None:
    """Give the hosts (main window, wizard) the reopened database."""
    from ...services.hub import Services

    services = Services(new_db)
    for host in hosts:
        reopen = getattr(host, "reopen_database", None)
        if callable(reopen):
            reopen(new_db)
            continue
        if hasattr(host, "services"):
            host.services = services
        if hasattr(host, "db"):
            host.db = new_db


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


def open_restore(window: Any, data_dir: Path | None = None) -> RestoreDialog:
    """The restore dialog for a window whose database is open: the open editors are closed
    (drafts saved; the restore stops if the user cancels) and the database closed just
    before the replacement, then reopened after."""
    from ...db.engine import open_database

    old_db = window.services.db
    folder = Path(data_dir) if data_dir else old_db.data_dir

    def before() -> bool:
        if not _close_editors(_hosts_of(window)):
            return False
        if old_db.data_dir.resolve() == folder.resolve():
            old_db.close()
        return True

    def after(ok: bool) -> None:
        if not ok:
            return  # the live database was not touched; its engine reconnects on demand
        try:
            new_db = open_database(folder, create=False)
        except Exception:  # noqa: BLE001
            log.exception("reopening the restored database failed")
            return
        _swap_database([window], new_db)
        _refresh(window)

    return RestoreDialog(folder, window, before_replace=before, after_replace=after)


def _dialog_action(window: Any, key: str) -> None:
    services = window.services
    dialogs = {
        "backup": lambda: BackupDialog(services, "backup", window),
        "transmit": lambda: BackupDialog(services, "transmission", window),
        "restore": lambda: open_restore(window),
        "trust": lambda: TrustKeyDialog(services, window),
        "import_files": lambda: ImportDialog(services, False, window,
                                             on_imported=lambda: _refresh(window)),
        "import_folder": lambda: ImportDialog(services, True, window,
                                              on_imported=lambda: _refresh(window)),
        "keygen": lambda: KeygenDialog(window),
        "export_public": lambda: ExportPublicKeyDialog(window),
    }
    dialog = dialogs[key]()
    Prompts.run_dialog(dialog)


def _show_page(window: Any, key: str) -> None:
    show = getattr(window, "show_exchange_page", None)
    if callable(show):
        show(key)
        return
    page_cls, title = {
        "register": (RegisterPage, translate("ExchangeMenu", "Committee register")),
        "import_log": (ImportLogPage, translate("ExchangeMenu", "Import log")),
        "conflicts": (ConflictsPage, translate("ExchangeMenu", "Conflicts")),
    }[key]
    dialog = QDialog(window)
    dialog.setObjectName(f"{key}Window")
    dialog.setWindowTitle(title)
    layout = QVBoxLayout(dialog)
    page = (ConflictsPage(window, on_changed=lambda: _refresh(window))
            if page_cls is ConflictsPage else page_cls(window))
    layout.addWidget(page)
    pages = window.__dict__.setdefault("_exchange_pages", [])
    pages.append(page)
    dialog.resize(1000, 640)
    Prompts.run_dialog(dialog, modal=False)


def install_exchange_actions(window: Any) -> None:
    """Add the "Backup" menu to the window's menu bar (CRSS actions in CRSS mode)."""
    crss = is_crss_mode(window.services)
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
        "register": translate("ExchangeMenu", "Committee register"),
        "import_log": translate("ExchangeMenu", "Import log"),
        "conflicts": translate("ExchangeMenu", "Conflicts"),
    }
    groups = [["backup", "transmit", "restore", "trust"]]
    if crss:
        groups += [["import_files", "import_folder"], ["keygen", "export_public"],
                   ["register", "import_log", "conflicts"]]
    for i, group in enumerate(groups):
        if i:
            menu.addSeparator()
        for key in group:
            if key in ("register", "import_log", "conflicts"):
                add(key, texts[key], lambda _=False, k=key: _show_page(window, k))
            else:
                add(key, texts[key], lambda _=False, k=key: _dialog_action(window, k))
    window.__dict__["_exchange_menu"] = menu
    window.__dict__["_exchange_actions"] = actions


def exchange_pages(window: Any) -> list[tuple[str, QWidget]]:
    """The CRSS pages for the navigation (empty outside CRSS mode)."""
    if not is_crss_mode(window.services):
        return []
    pages: list[tuple[str, QWidget]] = [
        (translate("ExchangeMenu", "Committee register"), RegisterPage(window)),
        (translate("ExchangeMenu", "Import log"), ImportLogPage(window)),
        (translate("ExchangeMenu", "Conflicts"),
         ConflictsPage(window, on_changed=lambda: _refresh(window))),
    ]
    window.__dict__["_exchange_pages"] = [p for _, p in pages]
    return pages


# --------------------------------------------------------------------------- first-run wizard

def restore_from_wizard(parent: Any, data_dir: str | Path | None = None) -> bool:
    """The wizard's "restore a backup" (a new PC): True when a database now exists in
    data_dir (and the open database, if any, was reopened on it)."""
    from ... import paths
    from ...db.engine import database_exists, open_database

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
        if not ok or not hosts:
            return
        try:
            new_db = open_database(folder, create=False)
        except Exception:  # noqa: BLE001
            log.exception("reopening the restored database failed")
            return
        _swap_database(hosts, new_db)

    dialog = RestoreDialog(folder, parent, before_replace=before, after_replace=after)
    Prompts.run_dialog(dialog)
    return dialog.restored is not None and database_exists(folder)


# --------------------------------------------------------------------------- automatic copies

AUTO_KEEP = 10
CLOSE_TIMEOUT = 20.0  # seconds the close may wait for the copy


def _changed_since_last_copy(db: Any) -> bool:
    from ...services.exchange.backup import AUTO_FOLDER

    folder = db.data_dir / AUTO_FOLDER
    copies = list(folder.glob("ccs-*.sqlite3")) if folder.is_dir() else []
    if not copies:
        return True
    last = max(p.stat().st_mtime for p in copies)  # by time written: names follow the clock
    stamps = []
    for suffix in ("", "-wal"):
        p = db.path.with_name(db.path.name + suffix)
        try:
            stamps.append(p.stat().st_mtime)
        except OSError:
            pass
    return not stamps or max(stamps) > last


def _copy(db: Any, min_interval: dt.timedelta | None, out: list) -> None:
    from ...services.exchange.backup import auto_backup

    try:
        out.append(auto_backup(db, keep=AUTO_KEEP, min_interval=min_interval))
    except Exception:  # noqa: BLE001 - an automatic copy never stops the application
        log.exception("automatic local backup failed")
        out.append(None)


def on_close_auto_backup(db: Any, timeout: float = CLOSE_TIMEOUT) -> Path | None:
    """A local copy when the application closes, if something changed since the last one.
    Never raises; waits at most `timeout` seconds (the copy goes on in the background)."""
    try:
        if not _changed_since_last_copy(db):
            return None
        out: list = []
        worker = threading.Thread(target=_copy, args=(db, None, out), daemon=True,
                                  name="ccs-auto-backup")
        worker.start()
        worker.join(timeout)
        return out[0] if out else None
    except Exception:  # noqa: BLE001
        log.exception("automatic local backup on close failed")
        return None


def on_start_auto_backup(db: Any, wait: bool = False) -> threading.Thread | None:
    """The daily local copy, made in the background at start (at most one a day)."""
    try:
        out: list = []
        worker = threading.Thread(target=_copy, args=(db, dt.timedelta(days=1), out),
                                  daemon=True, name="ccs-daily-backup")
        worker.start()
        if wait:
            worker.join()
        return worker
    except Exception:  # noqa: BLE001
        log.exception("daily local backup failed")
        return None
