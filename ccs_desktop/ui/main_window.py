"""The main window: navigation on the left, one page at a time on the right.

Pages: home, meetings, threats, vulnerabilities, recommendations, activities, members,
settings. The window owns the QUndoStack (`undo_stack`) that the forms push their commands to.
Geometry, the splitter and each table's columns (widths, order, sort) are kept in QSettings
(ui/settings_keys.py).

The window can show before its database exists (issue 18, `ccs-desktop --demo`): built with
`db=None` it is a frame with only Qt loaded (its title, its saved place on the screen, « Fichier
› Quitter », « Aide », and what it is waiting for), and `attach(db)` then builds its pages on
the database, in the same window. That is why this module imports only Qt at its top: the
pages, the services and SQLAlchemy load when the pages are built.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QSize, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence, QUndoStack
from PySide6.QtWidgets import (
    QApplication, QLabel, QListWidget, QListWidgetItem, QMainWindow, QMenu, QProgressBar,
    QSplitter, QStackedWidget, QVBoxLayout, QWidget,
)

from ..domain.kinds import KINDS
from . import prompts
from . import settings_keys as prefs
from .window_fit import centre, fit_window

if TYPE_CHECKING:
    from ..services.hub import Services

# CRSS mode adds the pages of the consolidation (see ui.exchange.exchange_pages)
EXCHANGE_KEYS = ("register", "import_log", "conflicts")
PAGES = ("home", "meetings", "threats", "vulnerabilities", "recommendations", "activities",
         "people", "settings")
LIST_KINDS = KINDS
#: the main window's first size, reduced to what the screen leaves
PREFERRED_SIZE = QSize(1200, 760)


def _is_list(page: Any) -> bool:
    from .views.list_page import ListPage

    return isinstance(page, ListPage)


class MainWindow(QMainWindow):
    #: the pages are built on the database (attach): the window is ready for work
    attached = Signal()

    def __init__(self, db: Any = None, services: Services | None = None, *,
                 waiting_for: str = "") -> None:
        """db: the open database (db.engine.Database), handed to the services; None: a frame
        that says `waiting_for` until `attach(db)` (the demonstration database being
        built)."""
        super().__init__()
        self.db: Any = None
        self.services: Any = None
        self.setObjectName("mainWindow")
        self.undo_stack = QUndoStack(self)
        self.undo_stack.setUndoLimit(200)
        self.pages: dict[str, QWidget] = {}
        #: pages to reload when next shown (a refresh reloads the visible page only)
        self._stale: set[str] = set()
        #: what the editors saved since the last refresh (services.records.Saved values:
        #: the Change and the fresh row)
        self._changes: list[Any] = []
        self.interrupted = False
        self._drafts_offered = False
        self.session_lock: Any = None
        self._restore_geometry()
        if db is None:
            self._build_waiting(waiting_for)
        else:
            self.attach(db, services)

    def attach(self, db: Any, services: Services | None = None) -> None:
        """Build the pages on the open database `db` (at once, or once the frame shown by
        `MainWindow(None)` has its database)."""
        from ..services.hub import Services

        waiting = self.db is None and self.centralWidget() is not None
        self.db = db
        self.services = services or Services(db)
        if waiting:
            old = self.takeCentralWidget()
            old.deleteLater()
        try:
            self._build()
        except BaseException:
            # no pages: nothing to save at close (the caller says what failed)
            self.db = self.services = None
            raise
        state = prefs.read(prefs.MAIN_STATE)
        if state is not None:
            self.restoreState(state)
        self.restore_state(geometry=False)
        self._go_to_saved_page()
        from . import drafts

        #: the previous session on this folder was cut off (power cut, crash): its drafts are
        #: offered once, when the window first shows
        self.interrupted = drafts.begin_session(db.data_dir)
        from .lock import install as install_lock  # idle time and Ctrl+L (issue 13)

        self.session_lock = install_lock(self)
        if self.isVisible():  # shown while it waited: what its first showing offers
            self._apply_splitter()
            self._first_shown()
        self.attached.emit()

    def _build_waiting(self, text: str) -> None:
        """The frame before the database: what it waits for, Quit and the Help menu."""
        self.setWindowTitle(self.tr("CCS Desktop"))
        text = text or self.tr("Preparing the demonstration database…")
        panel = QWidget()
        panel.setObjectName("waitingPanel")
        layout = QVBoxLayout(panel)
        layout.addStretch(1)
        label = QLabel(text)
        label.setObjectName("waitingText")
        label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        label.setWordWrap(True)
        label.setStyleSheet("font-size: 13pt;")
        layout.addWidget(label)
        bar = QProgressBar()
        bar.setObjectName("waitingProgress")
        bar.setRange(0, 0)  # busy: the time it takes is not known in advance
        bar.setTextVisible(False)
        bar.setMaximumWidth(360)
        layout.addWidget(bar, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addStretch(2)
        self.setCentralWidget(panel)
        self._actions = {}
        quit_ = QAction(self.tr("&Quit"), self)
        quit_.setObjectName("action_quit")
        quit_.setShortcuts([QKeySequence("Ctrl+Q")])
        quit_.triggered.connect(self.close)
        self.addAction(quit_)
        self._actions["quit"] = quit_
        self.menuBar().addMenu(self.tr("&File")).addAction(quit_)
        help_menu = self.menuBar().addMenu(self.tr("&Help"))
        about = help_menu.addAction(self.tr("&About CCS Desktop"))
        about.setObjectName("action_about")
        about.triggered.connect(self.about)
        from .help import install_guide_action

        # (in _actions: the pages' menus, once attached, replace it)
        self._actions["guide"] = install_guide_action(self, help_menu)

    # --- construction (again after a language change) ------------------------------------------
    def _build(self) -> None:
        from ..services import access
        from .exchange import exchange_pages
        from .views.audit import audit_page
        from .views.home import HomePage
        from .views.pages import make_list_page, page_title
        from .views.settings import SettingsPage
        from .window_fit import scroll_area

        self.setWindowTitle(self.tr("CCS Desktop"))
        self.nav = QListWidget()
        self.nav.setObjectName("navigation")
        self.nav.setMinimumWidth(150)
        self.nav.setMaximumWidth(320)
        self.nav.setSpacing(2)
        self.nav.setStyleSheet("QListWidget#navigation { font-size: 11pt; }"
                               " QListWidget#navigation::item { padding: 8px 10px; }")
        self.stack = QStackedWidget()
        self.stack.setStyleSheet("QLabel#pageTitle { font-size: 15pt; font-weight: bold; }")
        self.pages = {}
        self._holders: dict[str, QWidget] = {}
        self._stale = set()
        self.home = HomePage(self.services)
        self.home.navigate.connect(self.go_to_filtered)
        self.home.drillDown.connect(self.show_drill_down)
        self.home.wizardRequested.connect(self.run_wizard)
        self.pages["home"] = self.home
        for kind in LIST_KINDS:
            page = make_list_page(self.services, kind)
            page.openRequested.connect(self.open_record)
            page.deleteRequested.connect(self.delete_record)
            self.pages[kind] = page
        self.settings_page = SettingsPage(self.services)
        self.settings_page.saved.connect(self.refresh_all)
        self.settings_page.languageChanged.connect(self.apply_language)
        self.pages["settings"] = self.settings_page
        self.page_keys = list(PAGES)
        titles = {key: page_title(key) for key in PAGES}
        for key, (title, widget) in zip(EXCHANGE_KEYS, exchange_pages(self)):
            self.pages[key] = widget
            self.page_keys.insert(self.page_keys.index("settings"), key)
            titles[key] = title
        if access.can(self.services.db, "accounts.manage"):  # the audit trail: administrators
            titles["audit"], self.pages["audit"] = audit_page(self)
            self.page_keys.insert(self.page_keys.index("settings"), "audit")
        for key in self.page_keys:
            item = QListWidgetItem(titles[key])
            item.setData(Qt.ItemDataRole.UserRole, key)
            self.nav.addItem(item)
            # a page wider than a small screen (a list's filters) scrolls instead of widening
            # the window past the screen
            holder = scroll_area(self.pages[key], f"pageScroll_{key}")
            self._holders[key] = holder
            self.stack.addWidget(holder)
        self.nav.currentRowChanged.connect(self._on_nav)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setObjectName("mainSplitter")
        self.splitter.addWidget(self.nav)
        self.splitter.addWidget(self.stack)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setCollapsible(1, False)
        self.splitter.setSizes([190, 1000])
        self.setCentralWidget(self.splitter)
        self._build_actions()
        self._build_status()
        self.nav.setCurrentRow(0)

    def _build_actions(self) -> None:
        from .exchange import install_exchange_actions
        from .help import install_help_menu
        from .views.pages import page_title

        bar = self.menuBar()
        # the menus of the previous language go (clear() only removes them from the bar: they
        # stayed its children, with their old texts)
        for menu in bar.findChildren(QMenu, options=Qt.FindChildOption.FindDirectChildrenOnly):
            menu.deleteLater()
        bar.clear()
        for action in getattr(self, "_actions", {}).values():
            self.removeAction(action)
            action.deleteLater()
        self._actions: dict[str, QAction] = {}

        def action(key: str, text: str, slot: Any, shortcuts: list[QKeySequence]) -> QAction:
            act = QAction(text, self)
            act.setObjectName(f"action_{key}")
            act.setShortcuts(shortcuts)
            act.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
            act.triggered.connect(slot)
            self.addAction(act)
            self._actions[key] = act
            return act

        new = action("new", self.tr("&New…"), self.new_record, [QKeySequence("Ctrl+N")])
        save = action("save", self.tr("&Save"), self.save_current, [QKeySequence("Ctrl+S")])
        find = action("find", self.tr("&Search"), self.focus_search, [QKeySequence("Ctrl+F")])
        quit_ = action("quit", self.tr("&Quit"), self.close, [QKeySequence("Ctrl+Q")])
        undo = self.undo_stack.createUndoAction(self, self.tr("&Undo"))
        undo.setObjectName("action_undo")
        undo.setShortcuts([QKeySequence("Ctrl+Z")])
        redo = self.undo_stack.createRedoAction(self, self.tr("&Redo"))
        redo.setObjectName("action_redo")
        redo.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
        for act in (undo, redo):
            act.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
            self.addAction(act)
        self._actions["undo"], self._actions["redo"] = undo, redo

        file_menu = self.menuBar().addMenu(self.tr("&File"))
        file_menu.addAction(new)
        file_menu.addAction(save)
        file_menu.addSeparator()
        file_menu.addAction(quit_)
        edit_menu = self.menuBar().addMenu(self.tr("&Edit"))
        edit_menu.addAction(undo)
        edit_menu.addAction(redo)
        edit_menu.addSeparator()
        edit_menu.addAction(find)
        go_menu = self.menuBar().addMenu(self.tr("&Go"))
        for n, key in enumerate(PAGES, start=1):
            act = action(f"go_{key}", page_title(key), lambda _=False, k=key: self.go_to(k),
                         [QKeySequence(f"Ctrl+{n}")])
            go_menu.addAction(act)
        install_exchange_actions(self)
        help_menu = self.menuBar().addMenu(self.tr("&Help"))
        install_help_menu(self, help_menu)
        help_menu.addAction(action("about", self.tr("&About CCS Desktop"), self.about, []))

    def _build_status(self) -> None:
        bar = self.statusBar()
        for child in bar.findChildren(QLabel):
            bar.removeWidget(child)
            child.deleteLater()
        self.status_label = QLabel()
        self.status_label.setObjectName("statusCommittee")
        bar.addPermanentWidget(self.status_label)
        self._update_status()

    def _update_status(self) -> None:
        from .views.crss import is_crss

        committee = self.services.committee.own()
        if committee is None and is_crss(self.services):
            self.status_label.setText(self.tr("CRSS: national consolidation") + " · "
                                      + str(self.db.path))
        elif committee is None:
            self.status_label.setText(self.tr("No committee configured"))
        else:
            text = f"{committee.code} · {self.db.path}"
            if committee.is_demo:
                text = self.tr("DEMO DATA") + " · " + text
            self.status_label.setText(text)

    # --- navigation ------------------------------------------------------------------------------
    def _on_nav(self, row: int) -> None:
        if row < 0:
            return
        key = self.page_keys[row]
        if key in self._stale:
            self._stale.discard(key)
            self.pages[key].refresh()
        self.stack.setCurrentWidget(self._holders[key])
        self._actions["new"].setEnabled(key in LIST_KINDS or key == "home")
        self._actions["find"].setEnabled(key in LIST_KINDS)

    def current_key(self) -> str:
        return self.page_keys[self.nav.currentRow()]

    def current_page(self) -> QWidget:
        return self.pages[self.current_key()]

    def page(self, key: str) -> Any:
        return self.pages[key]

    def go_to(self, key: str) -> QWidget:
        self.nav.setCurrentRow(self.page_keys.index(key))
        return self.pages[key]

    def show_exchange_page(self, key: str) -> bool:
        """The CRSS pages (register, import log, conflicts), when the navigation has them."""
        if key in self.pages:
            self.go_to(key)
            return True
        return False

    def close_editors(self) -> bool:
        """Close every open form: each saves its record or keeps its draft (before a restore
        replaces the database, and when the window closes)."""
        from .editors.base import RecordEditor

        for editor in self.findChildren(RecordEditor):
            if editor.isVisible():
                editor.close()
        return True

    def reopen_database(self, db: Any) -> None:
        """After a restore: every page on the new database."""
        from ..services.hub import Services

        self.db = db
        self.services = Services(db)
        self.undo_stack.clear()  # commands refer to the records of the old file
        self._rebuild()

    def go_to_filtered(self, key: str, choices: dict) -> None:
        """Show a list with filters chosen by their option values (from the home page)."""
        page = self.go_to(key)
        if _is_list(page):
            page.drop_drill()
            for box in page.filter_boxes.values():
                box.blockSignals(True)
                box.setCurrentIndex(0)
                box.blockSignals(False)
            for fkey, wanted in choices.items():
                box = page.filter_boxes.get(fkey)
                if box is None:
                    continue
                for i in range(box.count()):
                    data = box.itemData(i) or {}
                    if wanted in data.values() or wanted in data:
                        box.setCurrentIndex(i)
                        break
            page.apply_filters()

    def show_drill_down(self, key: str, filters: dict, caption: str) -> None:
        """A dashboard figure opened: its list, filtered to the records the figure counts."""
        page = self.go_to(key)
        if _is_list(page):
            page.show_drill(filters, caption)

    # --- actions ---------------------------------------------------------------------------------
    def open_record(self, kind: str, record_id: int | None) -> Any:
        from .views.opening import open_record

        editor = open_record(kind, record_id, self)
        wrote = getattr(editor, "wrote", None)
        if wrote is not None and hasattr(wrote, "connect"):
            # emitted just before the editor's `changed` (which calls refresh_all)
            wrote.connect(self._changes.append)
        return editor

    def delete_record(self, kind: str, record_id: int) -> bool:
        """Ask, delete as a tombstone through the undo stack (Ctrl+Z brings it back)."""
        from .commands import delete_with_undo

        return delete_with_undo(kind, record_id, self.services, self.undo_stack, self,
                                on_change=self.refresh_all)

    def new_record(self) -> None:
        page = self.current_page()
        if _is_list(page):
            page.new_record()
        elif self.current_key() == "home":
            self.open_record("meetings", None)

    def save_current(self) -> None:
        page = self.current_page()
        save = getattr(page, "save", None)
        if callable(save):
            save()
        else:
            self.statusBar().showMessage(self.tr("Everything is saved as you type."), 3000)

    def focus_search(self) -> None:
        page = self.current_page()
        if _is_list(page):
            page.focus_search()

    def refresh_all(self) -> None:
        """Show the database's changes (after an editor saved, an undo, an import...): the
        visible page now, the others when they are next shown. When the only changes are
        records an editor saved in the visible list, their rows are updated in place."""
        from ..services.records import UPDATED

        changes, self._changes[:] = list(self._changes), []
        current = self.current_key()
        for key, page in self.pages.items():
            if key != current and callable(getattr(page, "refresh", None)):
                self._stale.add(key)
        page = self.pages[current]
        if changes and _is_list(page) and all(
                c.kind == page.kind and c.action == UPDATED for c in changes):
            for change in changes:
                # a save from an editor brings the fresh row (services.records.Saved)
                row = getattr(change, "row", None)
                if row is None or not page.model.update_row(change.id, row):
                    page.refresh_row(change.id)
            return  # a record's edit changes neither the committee nor the database
        self._stale.discard(current)
        refresh = getattr(page, "refresh", None)
        if callable(refresh):
            refresh()
        if not changes or any(c.kind == "committees" for c in changes):
            self._update_status()

    def run_wizard(self) -> bool:
        from .wizard import run_setup_wizard

        done = run_setup_wizard(self.services, self)
        if done:
            self.db.invalidate_cache()
            self.refresh_all()
        return done

    def about(self) -> None:
        prompts.current().about(self, self.tr("About CCS Desktop"),
                                self.tr("CCS Desktop: the registers of the Comités Consultatifs "
                                        "de Sécurité (CCS) of Mali: meetings, threats, "
                                        "vulnerabilities, recommendations and activities."))

    def apply_language(self, language: str) -> None:
        """Switch the language now: the translators change and the pages are rebuilt."""
        from . import i18n

        app = QApplication.instance()
        self.save_state()
        if app is not None:
            i18n.install_translators(app, language)
        self._rebuild()

    def _rebuild(self) -> None:
        """Every page built anew (new language, new database), on the same page as before."""
        current = self.current_key()
        old = self.takeCentralWidget()
        if old is not None:
            old.deleteLater()
        self._build()
        self.restore_state(geometry=False)
        self.go_to(current if current in self.page_keys else "home")

    # --- saved layout ----------------------------------------------------------------------------
    def save_state(self) -> None:
        prefs.write(prefs.MAIN_GEOMETRY, self.saveGeometry())
        prefs.write(prefs.MAIN_STATE, self.saveState())
        prefs.write(prefs.MAIN_SPLITTER, self.splitter.saveState())
        prefs.write(prefs.MAIN_PAGE, self.current_key())
        for page in self.pages.values():
            if _is_list(page):
                page.save_state()
        prefs.sync()

    def restore_state(self, geometry: bool = True) -> None:
        """The saved layout: with `geometry`, the window's place and size and the page last
        shown too (at start); without, the splitter and the tables' columns (a rebuild)."""
        if geometry:
            self._restore_geometry()
            state = prefs.read(prefs.MAIN_STATE)
            if state is not None:
                self.restoreState(state)
        split = prefs.read(prefs.MAIN_SPLITTER)
        if split is not None:
            # applied once the window has its size (a hidden splitter squeezes the sizes)
            self._pending_splitter = split
            if self.isVisible():
                self._apply_splitter()
        for page in self.pages.values():
            if _is_list(page):
                page.restore_state()
        if geometry:
            self._go_to_saved_page()

    def _restore_geometry(self) -> None:
        geo = prefs.read(prefs.MAIN_GEOMETRY)
        if geo is not None:
            self.restoreGeometry(geo)
        # from the available screen (taskbar excluded): never taller than what is left
        fit_window(self, self.size() if geo is not None else PREFERRED_SIZE)
        if geo is None:
            centre(self)

    def _go_to_saved_page(self) -> None:
        key = prefs.read(prefs.MAIN_PAGE)
        self.go_to(key if key in self.page_keys and key != "settings" else "home")

    def _apply_splitter(self) -> None:
        state = getattr(self, "_pending_splitter", None)
        if state is not None:
            self.splitter.restoreState(state)
            self._pending_splitter = None

    def showEvent(self, event: Any) -> None:  # noqa: N802
        super().showEvent(event)
        if self.db is not None:  # (a frame waiting for its database: once attached)
            self._apply_splitter()
            self._first_shown()

    def _first_shown(self) -> None:
        if not self._drafts_offered:
            self._drafts_offered = True
            QTimer.singleShot(0, self.offer_drafts)
            from .tour import offer_after_start  # once per user, after the other questions

            offer_after_start(self)

    def offer_drafts(self) -> list[Any]:
        """After a real interruption only (the previous session's marker left by a process
        that no longer runs), once: the forms whose text was not saved, in plain words;
        « Rouvrir » opens each with its text back (no second question). Whatever the answer,
        the drafts are not offered again at this start; each form still offers its own."""
        if self.db is None or not hasattr(self.db, "data_dir"):
            return []
        from ..services.errors import UserError
        from . import drafts

        found = drafts.pending_drafts(self.db.data_dir)
        drafts.offer_once(found)  # asked here or not at all: app.offer_drafts finds nothing
        if not self.interrupted or not found:
            return []
        self.interrupted = False
        lines = "\n".join(f"• {d.summary}" for d in found[:8])
        question = self.tr("CCS Desktop was not closed normally last time (power cut or "
                           "crash). What was typed in these forms was kept:\n\n{lines}\n\n"
                           "Reopen them to finish them?").format(lines=lines)
        if not prompts.current().ask_yes_no(self, self.tr("Text kept"), question,
                                            yes_text=self.tr("Reopen these forms")):
            return []
        opened = []
        for draft in found:
            try:
                editor = self.open_record(draft.kind, draft.record_id)
            except UserError as exc:  # the record was deleted since: its draft cannot return
                prompts.current().inform(self, self.tr("Text kept"), str(exc))
                drafts.discard_draft(self.db.data_dir, draft.kind, draft.record_id)
                continue
            if editor is not None and callable(getattr(editor, "restore_draft", None)):
                editor.restore_draft()  # she already said yes: no banner asking again
            opened.append(editor)
        return opened

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        if self.db is not None and self.pages:  # (a frame still waiting: nothing to save)
            from . import drafts

            self.close_editors()
            self.save_state()
            drafts.end_session(self.db.data_dir)
        super().closeEvent(event)


def create_main_window(db: Any) -> MainWindow:
    return MainWindow(db)


def waiting_main_window(text: str = "") -> MainWindow:
    """The main window before its database: `text` says what it waits for (default: the
    demonstration database being prepared); `attach(db)` builds its pages."""
    return MainWindow(None, waiting_for=text)
