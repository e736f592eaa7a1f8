"""Every screen walked in French shows no English; walked in English, no French label.

The real main window on the demo database: every page, every editor (the meeting with all its
tabs, a person, a threat, a vulnerability, a recommendation, an activity, the attachments), the
settings, the wizard, the documents view and the standard dialogs (confirmation, about, the
non-native file dialog), in French and in English (built in that language, and switched live
from Settings). Every text a user reads is collected: labels, buttons, group titles, tabs,
window titles, combo items, placeholders, table headers and first rows, list items, tooltips,
menus and actions.

- French: no English word (a set of common English words that French does not use) and no
  English message id of the catalog left untranslated.
- English: no French label (every enum's French label, every French text of the catalog), and
  times written "8:00", never "8 h 00". Demo data (names, titles, places the secretary typed)
  is French and allowed: data cells are checked for labels only.
"""

from __future__ import annotations

import rawdb  # noqa: I001  (tests/rawdb.py: test databases are SQLCipher files)
import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from PySide6.QtCore import QAbstractItemModel, QEvent, Qt, QThreadPool
from PySide6.QtWidgets import (
    QAbstractButton, QAbstractItemView, QAbstractSpinBox, QApplication, QComboBox, QDialog,
    QFileDialog, QGroupBox, QHeaderView, QLabel, QLineEdit, QMainWindow, QMenu, QMessageBox, QPlainTextEdit,
    QTabBar, QTabWidget, QWidget, QWizard,
)

from ccs_desktop import i18n as core_i18n
from ccs_desktop.domain import enums
from ccs_desktop.services.records import ListQuery
from ccs_desktop.ui import commands, i18n
from ccs_desktop.ui.editors import attachments as attachments_mod
from ccs_desktop.ui.editors import open_editor
from ccs_desktop.ui.main_window import PAGES, MainWindow
from tests.french import fr

# --- what a user reads -----------------------------------------------------------------------


@dataclass(frozen=True)
class Text:
    where: str   # the widget (class and object name) or the dialog
    kind: str    # label, button, group, tab, title, combo, placeholder, header, cell, item,
    #              tooltip, action, field (the value shown in a field: data or a format)
    text: str
    data: bool = False  # typed by the secretary (demo data): French whatever the language

    def __str__(self) -> str:
        return f"[{self.kind}] {self.where}: {self.text!r}"


_TAGS = re.compile(r"<[^>]+>")


def _clean(text: str) -> str:
    text = _TAGS.sub(" ", text or "").replace("&&", "\x00").replace("&", "").replace("\x00", "&")
    return " ".join(text.split())


def _name(w: QWidget) -> str:
    return f"{type(w).__name__}#{w.objectName()}" if w.objectName() else type(w).__name__


# combos and lists whose items are records (people, threats, meetings): data
_DATA_COMBOS = {"chair_id", "secretary_id", "guestCombo", "threatCombo", "vulnerabilityCombo",
                "adoptedBy", "chair", "secretary", "region", "cercle", "commune",
                "filter_place", "filter_addressee",
                # the national typology: test_threat_types_follow_the_language
                "type_parent", "type_code", "filter_type"}
_DATA_LISTS = {"agendaList", "meetingThreats", "meetingVulnerabilities", "meetingRecommendations",
               "threatLinks", "vulnerabilityLinks", "assessmentHistory", "followups",
               "amendmentList", "attachmentList",
               # the dashboard's table of the five highest threats: a column per threat
               "table_top"}
# labels that show a record (its name, place, reference): data
_DATA_LABELS = {"committeeTitle", "committeePlace", "cardDetail", "namePreview", "statusCommittee",
                "referenceLabel", "duplicateWarning", "figureLinkData"}


# the columns of the lists that show a label or a date (the others show what was typed)
# (the threats' "type": the national typology, test_threat_types_follow_the_language)
LABEL_COLUMNS = {"kind", "status", "level", "trend", "priority", "sex", "youth", "category",
                 "active", "place_kind", "date", "deadline", "first_reported", "score",
                 "reached"}


def _model_texts(where: str, model: QAbstractItemModel, data: bool, rows: int = 8
                 ) -> Iterator[Text]:
    """Headers and the first rows. A record table's data columns are data; a list of records
    ("title — label") is an item: what follows its first " — " is checked."""
    try:
        columns = model.columnCount()
    except TypeError:  # a list model (QListWidget): one column, columnCount is private
        columns = 1
    for c in range(columns):
        header = model.headerData(c, Qt.Orientation.Horizontal, Qt.ItemDataRole.DisplayRole)
        if header:
            yield Text(where, "header", _clean(str(header)), data)
    for r in range(min(rows, model.rowCount())):
        for c in range(columns):
            value = model.index(r, c).data(Qt.ItemDataRole.DisplayRole)
            if value in (None, ""):
                continue
            specs = getattr(model, "columns", None)
            if specs is not None and c < len(specs):
                yield Text(where, "cell", str(value), specs[c].key not in LABEL_COLUMNS)
            else:
                yield Text(where, "item" if data else "cell", str(value), data)


def texts_of(root: QWidget, rows: int = 12) -> list[Text]:
    """Every text of `root` and its children, hidden ones included (other tabs, banners)."""
    out: list[Text] = []
    widgets = [root, *root.findChildren(QWidget)]
    popups = {id(c.view()) for c in widgets if isinstance(c, QComboBox)}  # read as items
    for w in widgets:
        where = _name(w)
        if w.isWindow() and w.windowTitle():
            out.append(Text(where, "title", w.windowTitle()))
        if w.toolTip():
            out.append(Text(where, "tooltip", _clean(w.toolTip())))
        if isinstance(w, QLabel) and w.text():
            out.append(Text(where, "label", _clean(w.text()),
                            data=w.objectName() in _DATA_LABELS))
        elif isinstance(w, QAbstractButton) and w.text():
            out.append(Text(where, "button", _clean(w.text())))
        elif isinstance(w, QGroupBox) and w.title():
            out.append(Text(where, "group", _clean(w.title())))
        elif isinstance(w, QTabBar):
            out.extend(Text(where, "tab", _clean(w.tabText(i))) for i in range(w.count()))
            out.extend(Text(where, "tooltip", w.tabToolTip(i)) for i in range(w.count())
                       if w.tabToolTip(i))
        elif isinstance(w, QComboBox):
            data = w.objectName() in _DATA_COMBOS or w.isEditable()
            out.extend(Text(where, "combo", w.itemText(i), data) for i in range(w.count())
                       if w.itemText(i))
        elif isinstance(w, QLineEdit):
            if w.placeholderText():
                out.append(Text(where, "placeholder", w.placeholderText()))
            if w.text() and not isinstance(w.parent(), (QAbstractSpinBox, QComboBox)):
                out.append(Text(where, "field", w.text(), data=True))
        elif isinstance(w, QPlainTextEdit) and w.placeholderText():
            out.append(Text(where, "placeholder", w.placeholderText()))
        elif isinstance(w, QAbstractSpinBox):
            if w.specialValueText():
                out.append(Text(where, "field", w.specialValueText()))
            out.append(Text(where, "field", w.text(), data=True))
        if isinstance(w, QAbstractItemView) and not isinstance(w, QHeaderView) \
                and w.model() is not None and id(w) not in popups:
            out.extend(_model_texts(where, w.model(), w.objectName() in _DATA_LISTS, rows))
        if isinstance(w, QMainWindow):
            for menu in w.menuBar().findChildren(QMenu):
                out.append(Text(where, "action", _clean(menu.title())))
        if isinstance(w, QMenu):
            out.append(Text(where, "action", _clean(w.title())))
        for act in w.actions():
            if act.text():
                out.append(Text(where, "action", _clean(act.text())))
            if act.toolTip() and act.toolTip() != act.text():
                out.append(Text(where, "tooltip", _clean(act.toolTip())))
    return [t for t in out if t.text.strip()]


# --- detectors -------------------------------------------------------------------------------

# common English words that French does not use (lower case, whole words)
ENGLISH_WORDS = {
    "the", "and", "of", "with", "without", "to", "for", "from", "this", "that", "these", "is",
    "are", "was", "be", "been", "has", "have", "it", "its", "by", "at", "an", "you", "your",
    "will", "can", "cannot", "all", "any", "new", "save", "saved", "cancel", "open", "edit",
    "print", "delete", "add", "remove", "search", "settings", "help", "about", "quit", "undo",
    "redo", "back", "next", "finish", "yes", "no", "meeting", "meetings", "threat", "threats",
    "vulnerability", "vulnerabilities", "recommendation", "recommendations", "activity",
    "activities", "member", "members", "people", "person", "home", "guest", "guests", "status",
    "level", "trend", "priority", "title", "kind", "sex", "youth", "category", "name", "phone",
    "details", "chair", "secretary", "reason", "agenda", "attendance", "choose", "show", "follow",
    "overdue", "unlikely", "likely", "almost", "negligible", "minor", "moderate", "high", "low",
    "medium", "critical", "rising", "falling", "watched", "resolved", "closed", "ordinary",
    "extraordinary", "planned", "held", "adopted", "formulated", "transmitted", "done", "none",
    "file", "files", "folder", "look", "type", "size", "modified", "date", "week", "month",
    "clear", "filters", "filter", "reached", "partner", "deadline", "addressee", "which",
    "whom", "women", "men", "young", "nothing", "here", "yet", "click", "drop", "move", "up",
    "down", "link", "sent", "letter", "draft", "restore", "discard", "changes", "not", "only",
}
# words that are the same in both languages, or French too: never flagged
FRENCH_TOO = {"date", "type", "note", "total", "description", "justice", "police", "possible",
              "rare", "stable", "source", "commune", "cercle", "village", "fraction", "photo",
              "minute", "minutes", "impact", "absent", "documents", "document", "agenda",
              "adoption", "pub", "key", "code", "ok", "none"}
# names and codes, in every language
ALLOW = {"CCS", "CCSC", "CCSR", "CRSS", "PDF", "OK", "FAMa", "FDS", "CAFO", "CNJ", "PV", "PNUD",
         "DCAF", "ONG", "USB", "Desktop", "English", "Ctrl", "Shift", "Del", "Esc", "Tab",
         "crss", "key"}
_WORD = re.compile(r"[A-Za-zÀ-ÖØ-öø-ÿœŒ]+(?:['’][A-Za-zÀ-ÖØ-öø-ÿ]+)?")


_PATH = re.compile(r"(?:[A-Za-z]:)?[\\/]\S+")


def english_words(text: str, allowed: set[str] = frozenset()) -> list[str]:
    found = []
    for word in _WORD.findall(_PATH.sub(" ", text)):  # a file's path is not a text
        if word in ALLOW or word in allowed:
            continue
        low = word.lower()
        if low in ENGLISH_WORDS and low not in FRENCH_TOO:
            found.append(word)
    return found


def _catalog(differing: bool = True) -> list[tuple[str, str]]:
    """(English message id, French) of every message of the catalog (whose French differs)."""
    cat = core_i18n.catalog("fr")
    pairs = []
    for key, value in getattr(cat, "_catalog", {}).items():
        msgid = key[0] if isinstance(key, tuple) else key
        if not msgid or not isinstance(value, str):
            continue
        msgid = msgid.split("\x04", 1)[-1]
        if msgid != value or not differing:
            pairs.append((msgid, value))
    return pairs


def french_labels() -> set[str]:
    """The French label of every code (enums), as the English interface must never show."""
    labels = set()
    for enum in vars(enums).values():
        if isinstance(enum, type) and issubclass(enum, enums.Labelled) and enum is not \
                enums.Labelled:
            for member in enum:
                if member.french != member.source:
                    labels.add(member.french)
    return labels


_FR_TIME = re.compile(r"\b\d{1,2} h \d{2}\b")
_FR_UNIT = re.compile(r"\d (o|Ko|Mo|Go)\b")
_PARENS = re.compile(r"\([^)]*\)")
_FR_TYPOGRAPHY = re.compile(r"\S[ \u00a0\u202f][:;!?%](?:\s|$)")  # "Chasseurs : 1", "21 %"


def french_in_english(texts: list[Text]) -> list[str]:
    labels = sorted(french_labels(), key=len, reverse=True)
    # whole French texts of the catalog (interface sentences), long enough to be unambiguous
    # "Type" is French for "Kind" and English too: only what is not an English text
    french_ui = ({_clean(fr) for _en, fr in _catalog() if len(fr) >= 4}
                 - {_clean(en) for en, _fr in _catalog(differing=False)})
    problems = []
    for t in texts:
        if _FR_TIME.search(t.text):
            problems.append(f"French time: {t}")
        if _FR_UNIT.search(t.text):
            problems.append(f"French unit: {t}")
        if t.data and t.kind != "item":
            continue  # what the secretary typed (French demo data)
        text = t.text
        if t.kind == "item":  # "title — label (addressee)": the labels after the title
            text = _PARENS.sub("", " — ".join(text.split(" — ")[1:]))
        elif _clean(text) in french_ui:
            problems.append(f"French text: {t}")
            continue
        if _FR_TYPOGRAPHY.search(text):
            problems.append(f"French typography: {t}")
        for label in labels:
            if re.search(r"(?<![\w-])" + re.escape(label) + r"(?![\w-])", text):
                problems.append(f"French label {label!r}: {t}")
                break
    return problems


def english_in_french(texts: list[Text], allowed: set[str]) -> list[str]:
    # an English id left as it is ("Active" is French too: a French text somewhere)
    untranslated = ({en for en, _fr in _catalog() if len(en) > 3}
                    - {fr for _en, fr in _catalog(differing=False)})
    problems = []
    for t in texts:
        if t.kind == "field" and t.data:
            continue
        if t.text in untranslated:
            problems.append(f"untranslated: {t}")
            continue
        words = english_words(t.text, allowed)
        if re.search(r"\be\.g\.", t.text):
            words.append("e.g.")
        if words:
            problems.append(f"English {words}: {t}")
    return problems


# --- the walk --------------------------------------------------------------------------------

def settle(qtbot) -> None:
    QThreadPool.globalInstance().waitForDone(5000)
    QApplication.processEvents()
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)  # what a rebuild replaced
    qtbot.wait(10)


def walk_pages(qtbot, window: MainWindow) -> list[Text]:
    settle(qtbot)
    found = texts_of(window)
    for key in window.page_keys:
        page = window.go_to(key)
        settle(qtbot)
        model = getattr(page, "model", None)
        if model is not None:
            qtbot.waitUntil(lambda: not getattr(model, "loading", False), timeout=5000)
            settle(qtbot)
        found += texts_of(page)
    return found


def _first_id(services, kind: str, **filters) -> int:
    rows = getattr(services, kind).list(ListQuery(filters=filters, limit=1))
    assert rows, (kind, filters)
    return rows[0].id


def walk_editor(qtbot, window: MainWindow, kind: str, record_id: int | None) -> list[Text]:
    editor = open_editor(kind, record_id, window)
    qtbot.waitExposed(editor)
    found: list[Text] = []
    tabs = editor.findChildren(QTabWidget)
    for tab in tabs:
        for i in range(tab.count()):
            if tab.isTabEnabled(i):
                tab.setCurrentIndex(i)
                settle(qtbot)
    found += texts_of(editor)
    editor.close()
    return found


class Captured:
    """Message boxes and file dialogs opened meanwhile: shown, read, closed (never blocking)."""

    def __init__(self, monkeypatch, qtbot, folder: Path) -> None:
        self.texts: list[Text] = []
        self.qtbot = qtbot
        self.folder = folder
        captured = self

        def box_exec(box: QMessageBox) -> int:
            captured.texts += texts_of(box)
            captured.texts.append(Text("QMessageBox", "label", box.text()))
            return int(QMessageBox.StandardButton.No)

        def static_box(kind: str):
            def show(parent, title, text, *a, **k):  # noqa: ANN001, ANN202
                captured.texts += [Text(f"QMessageBox.{kind}", "title", title),
                                   Text(f"QMessageBox.{kind}", "label", _clean(text))]
                return QMessageBox.StandardButton.Ok
            return show

        def file_dialog(mode: QFileDialog.FileMode, save: bool = False):
            def run(parent, caption="", directory="", filter="", *a, **k):  # noqa: A002, ANN001, ANN202
                dialog = QFileDialog(parent, caption, str(captured.folder), filter)
                dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)
                dialog.setFileMode(mode)
                if save:
                    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
                dialog.show()
                qtbot.waitExposed(dialog)
                settle(qtbot)
                captured.texts.extend(texts_of(dialog, rows=0))
                dialog.close()
                dialog.deleteLater()
                return ([], "") if mode == QFileDialog.FileMode.ExistingFiles else ("", "")
            return staticmethod(run)

        monkeypatch.setattr(QMessageBox, "exec", box_exec)
        for kind in ("information", "warning", "critical", "about", "question"):
            monkeypatch.setattr(QMessageBox, kind, staticmethod(static_box(kind)))
        monkeypatch.setattr(QFileDialog, "getOpenFileNames",
                            file_dialog(QFileDialog.FileMode.ExistingFiles))
        monkeypatch.setattr(QFileDialog, "getOpenFileName",
                            file_dialog(QFileDialog.FileMode.ExistingFile))
        monkeypatch.setattr(QFileDialog, "getSaveFileName",
                            file_dialog(QFileDialog.FileMode.AnyFile, save=True))


def tiny_png(folder: Path) -> Path:
    from PySide6.QtGui import QColor, QImage

    image = QImage(4, 4, QImage.Format.Format_RGB32)
    image.fill(QColor("white"))
    path = folder / "feuille-de-presence.png"
    image.save(str(path))
    return path


def walk_everything(qtbot, window: MainWindow, monkeypatch, tmp_path: Path) -> list[Text]:
    services = window.services
    files = tmp_path / "files"
    files.mkdir(exist_ok=True)
    captured = Captured(monkeypatch, qtbot, files)
    found = walk_pages(qtbot, window)

    # an attachment on a held meeting and on an activity: their lists show kind and size
    held = _first_id(services, "meetings", status="held")
    activity = _first_id(services, "activities")
    png = tiny_png(files)
    services.attachments.add_file(str(png), kind="attendance_sheet", meeting_id=held)
    services.attachments.add_file(str(png), kind="photo", activity_id=activity)

    adopted = _first_id(services, "meetings", status="adopted")
    for kind, record_id in (("meetings", held), ("meetings", adopted), ("meetings", None),
                            ("people", _first_id(services, "people")), ("people", None),
                            ("threats", _first_id(services, "threats")), ("threats", None),
                            ("vulnerabilities", _first_id(services, "vulnerabilities")),
                            ("vulnerabilities", None),
                            ("recommendations", _first_id(services, "recommendations")),
                            ("recommendations", None), ("activities", activity),
                            ("activities", None)):
        found += walk_editor(qtbot, window, kind, record_id)

    # a save says when ("Enregistré à 8 h 00" / "Saved at 8:00")
    threat = open_editor("threats", _first_id(services, "threats"), window)
    threat.form.widgets["title"].setText(threat.form.value("title") + " ")
    threat.on_changed()
    assert threat.save()
    found += texts_of(threat)
    # the restored-draft banner says when the draft was written
    threat.form.widgets["title"].setText(threat.form.value("title") + "x")
    threat.on_changed()
    threat.keeper.flush()
    threat.offer_draft()
    found += texts_of(threat)
    threat.discard_offered_draft()
    threat.close()

    # the standard dialogs: delete confirmation, about, the file dialog of the attachments
    page = window.go_to("activities")
    page.table.selectRow(0)
    window.delete_record("activities", page.model.record_id(0))
    window.about()
    attachments_mod.choose_files(window)
    meeting = open_editor("meetings", held, window)
    meeting.tabs.setCurrentIndex(meeting.tabs.count() - 1)
    meeting.attachments.list.setCurrentRow(0)
    meeting.attachments.remove_selected()
    view = meeting.preview_minutes()
    if view is not None:
        qtbot.waitUntil(lambda: not view.status.text().endswith("…"), timeout=20000)
        found += texts_of(view)
        view.save_document()
        view.close()
    meeting.close()

    # the wizard, every page (hidden ones too) and its buttons
    from ccs_desktop.ui.wizard import SetupWizard

    wizard = SetupWizard(services, window)
    wizard.show()
    qtbot.waitExposed(wizard)
    found += texts_of(wizard)
    for button in (QWizard.WizardButton.BackButton, QWizard.WizardButton.NextButton,
                   QWizard.WizardButton.FinishButton, QWizard.WizardButton.CancelButton):
        found.append(Text("SetupWizard", "button", _clean(wizard.buttonText(button))))
    wizard.close()
    wizard.deleteLater()
    settle(qtbot)
    return found + captured.texts


def allowed_names(services) -> set[str]:
    """Words of the demo data (names of people, places, committees): never a problem."""
    words: set[str] = set()
    for p in services.people.list(ListQuery(limit=5000)):
        words.update(_WORD.findall(p.display_name))
    return words


@pytest.fixture
def walk_window(qtbot, demo_db, request, qapp):  # noqa: ANN001, ANN201
    """The main window built in the language asked (param), 1366×768."""
    i18n.install_translators(qapp, request.param)
    win = MainWindow(demo_db)
    qtbot.addWidget(win)
    win.resize(1366, 768)
    win.show()
    qtbot.waitExposed(win)
    yield win
    win.close()
    settle(qtbot)


def _report(problems: list[str]) -> str:
    unique = list(dict.fromkeys(problems))
    return f"{len(unique)} problem(s):\n" + "\n".join(unique[:80])


@pytest.mark.parametrize("walk_window", ["fr"], indirect=True)
def test_every_screen_in_french_shows_no_english(qtbot, walk_window, monkeypatch, tmp_path):
    texts = walk_everything(qtbot, walk_window, monkeypatch, tmp_path)
    assert len(texts) > 800  # the walk really went everywhere
    problems = english_in_french(texts, allowed_names(walk_window.services))
    assert not problems, _report(problems)
    shown = {t.text for t in texts}
    # a few texts seen on the way, exactly as before
    assert {"Réunions", "Menaces", "Paramètres", "Enregistrer", "Fermer", "Supprimer…",
            "Tendance", "Priorité"} <= shown
    assert any(re.fullmatch(r"Enregistré à \d{1,2} h \d{2}", t) for t in shown), shown


@pytest.mark.parametrize("walk_window", ["en"], indirect=True)
def test_every_screen_in_english_shows_no_french_label(qtbot, walk_window, monkeypatch,
                                                       tmp_path):
    texts = walk_everything(qtbot, walk_window, monkeypatch, tmp_path)
    assert len(texts) > 800
    problems = french_in_english(texts)
    assert not problems, _report(problems)
    shown = {t.text for t in texts}
    assert {"Meetings", "Threats", "Settings", "Save", "Close", "Delete…", "Watched",
            "Rising", "Unlikely", "High priority", "Normal priority", "Low priority",
            "Elected councillors / Special delegation"} <= shown
    assert any(re.fullmatch(r"Saved at \d{1,2}:\d{2}", t) for t in shown), shown


@pytest.mark.parametrize("walk_window", ["fr"], indirect=True)
def test_live_switch_to_english_then_back(qtbot, walk_window):
    page = walk_window.go_to("settings")
    page.language.setCurrentIndex(page.language.findData("en"))
    assert page.save()
    english = walk_pages(qtbot, walk_window)
    problems = french_in_english(english)
    assert not problems, _report(problems)
    page = walk_window.go_to("settings")
    page.language.setCurrentIndex(page.language.findData("fr"))
    assert page.save()
    french = walk_pages(qtbot, walk_window)
    problems = english_in_french(french, allowed_names(walk_window.services))
    assert not problems, _report(problems)


def _type_items(qtbot, window: MainWindow) -> list[str]:
    editor = open_editor("threats", _first_id(window.services, "threats"), window)
    combos = (editor.form.widgets["type_parent"], editor.form.widgets["type_code"])
    items = [c.itemText(i) for c in combos for i in range(1, c.count())]
    editor.close()
    page = window.go_to("threats")
    settle(qtbot)
    box = page.filter_boxes["type"]
    items += [box.itemText(i) for i in range(1, box.count())]
    col = [c.key for c in page.model.columns].index("type")
    items += [page.model.index(r, col).data() for r in range(min(20, page.model.rowCount()))]
    return [t for t in items if t]


def test_threat_types_follow_the_language(qtbot, demo_db, qapp):
    i18n.install_translators(qapp, "fr")
    win = MainWindow(demo_db)
    qtbot.addWidget(win)
    french = set(_type_items(qtbot, win))
    win.close()
    i18n.install_translators(qapp, "en")
    win = MainWindow(demo_db)
    qtbot.addWidget(win)
    english = _type_items(qtbot, win)
    win.close()
    assert french and english
    assert not [t for t in english if t in french], english


# --- the CRSS's workspace (consolidation pages, place filters, the "Committee" column) -------

@pytest.fixture(scope="module")
def _crss_template(tmp_path_factory):  # noqa: ANN001, ANN202
    from sqlalchemy import text

    from ccs_desktop.db import models as m
    from ccs_desktop.db.engine import open_database
    from ccs_desktop.paths import DB_FILENAME
    from ccs_desktop.services.crss.register import ensure_register
    from ccs_desktop.services.demo import generate_demo

    folder = tmp_path_factory.mktemp("crss-walk")
    db = open_database(folder)
    generate_demo(db, seed=3, committees=2, years=1)
    with db.session() as s:
        s.execute(text("DELETE FROM settings WHERE key = 'committee_uuid'"))
        s.get(m.Setting, "mode").value = "crss"
    ensure_register(db)
    db.close()
    return folder / DB_FILENAME


@pytest.mark.parametrize("language", ["fr", "en"])
def test_crss_workspace_speaks_one_language(qtbot, qapp, _crss_template, data_dir, language):
    import shutil

    from ccs_desktop.db.engine import open_database
    from ccs_desktop.paths import DB_FILENAME

    rawdb.copy_database(Path(_crss_template).parent, data_dir)
    db = open_database(data_dir)
    i18n.install_translators(qapp, language)
    win = MainWindow(db)
    qtbot.addWidget(win)
    win.resize(1366, 768)
    win.show()
    qtbot.waitExposed(win)
    try:
        assert {"register", "import_log", "conflicts"} <= set(win.page_keys)
        texts = walk_pages(qtbot, win)
        for kind in ("meetings", "threats"):  # read only: the consolidated records
            rows = getattr(win.services, kind).list(ListQuery(limit=1))
            texts += walk_editor(qtbot, win, kind, rows[0].id)
        if language == "fr":
            problems = english_in_french(texts, allowed_names(win.services))
        else:
            problems = french_in_english(texts)
        assert not problems, _report(problems)
    finally:
        win.close()
        settle(qtbot)
        db.close()


# --- the small formats behind those screens ---------------------------------------------------

def test_times_sizes_and_messages_follow_the_language(qapp):
    from ccs_desktop.ui.documents_view import render_failed
    from ccs_desktop.ui.i18n import time_text
    from ccs_desktop.ui.exchange.common import error_text, human_size
    from ccs_desktop.ui.widgets.committee_form import default_chair_title

    i18n.install_translators(qapp, "fr")
    assert time_text(dt.time(8, 0), padded=False) == "8 h 00"
    assert human_size(1536) == "1,5 Ko" and human_size(12) == "12 o"
    assert human_size(3 * 2**30) == "3,0 Go"
    assert error_text(OSError("x")).startswith(fr("Erreur d'accès au disque : "))
    assert error_text(ValueError("English")) == fr(
        "Une erreur inattendue s'est produite ; rien n'a été modifié. Recommencez ; si "
        "l'erreur revient, notez l'heure et prévenez l'assistance.")
    assert render_failed() == fr("Le document n'a pas pu être préparé (erreur inattendue). "
                               "Réessayez ; si l'erreur revient, faites une sauvegarde et "
                               "signalez le problème.")
    french_chair = default_chair_title("commune", "rurale", "Tombouctou", "Tombouctou", "Alafia")
    assert french_chair == "Maire de la Commune rurale d'Alafia"

    i18n.install_translators(qapp, "en")
    assert time_text(dt.time(8, 0), padded=False) == "8:00"
    assert human_size(1536) == "1.5 KB" and human_size(12) == "12 B"
    assert error_text(OSError("x")).startswith("Disk access error: ")
    assert render_failed().startswith("The document could not be prepared")
    # printed on the PV: French whatever the interface's language
    assert default_chair_title("commune", "rurale", "Tombouctou", "Tombouctou",
                               "Alafia") == french_chair
    i18n.install_translators(qapp, "fr")


def test_the_next_meeting_card_keeps_its_time_on_one_line(qtbot, demo_db, qapp):
    """At 1366x768 the home card wrapped "15 décembre 2026 · 10" above "h 00": the time is
    written with no-break spaces, so a line break can only fall before it."""
    i18n.install_translators(qapp, "fr")
    win = MainWindow(demo_db)
    qtbot.addWidget(win)
    text = win.findChild(QWidget, "page_home").next_meeting.value.text()
    when = text.split(" · ")[1]
    assert re.fullmatch(r"\d\d\u00a0h\u00a0\d\d", when), text
