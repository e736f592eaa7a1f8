"""First run: set up the committee, its chair and secretary, and its members.

The first page also offers the CRSS mode (national consolidation): no committee profile, the
register of expected committees filled from the place lists, then the CRSS key pair."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView, QButtonGroup, QCheckBox, QComboBox, QFormLayout, QHBoxLayout, QHeaderView,
    QLabel, QLineEdit, QPushButton, QRadioButton, QTableWidget, QTableWidgetItem, QVBoxLayout,
    QWidget, QWizard, QWizardPage,
)

from ..domain import enums
from ..domain.text import fold
from ..services import committee
from ..services.errors import UserError, ValidationError
from . import i18n
from .widgets.committee_form import CommitteeForm
from .window_fit import fit_window

PARTICLES = {"ag", "ould", "walet", "ben", "ibn", "mint", "wallet"}

# words a secretary may type for a category, besides the code and the labels
_CATEGORY_WORDS = {
    "autorites administratives": "admin", "administration": "admin", "prefet": "admin",
    "sous-prefet": "admin", "elu": "elus", "elus": "elus", "maire": "elus",
    "delegation speciale": "elus", "conseiller": "elus", "gendarmerie": "fds", "police": "fds",
    "garde": "fds", "fama": "fds", "armee": "fds", "juge": "justice", "chef de village":
    "traditionnels", "chef": "traditionnels", "chefferie": "traditionnels", "imam":
    "religieux", "cafo": "femmes", "femme": "femmes", "femmes": "femmes", "cnj": "jeunes",
    "jeune": "jeunes", "jeunes": "jeunes", "societe civile": "osc", "chasseur": "chasseurs",
    "donso": "chasseurs", "autre": "autres", "autres": "autres",
}


def split_name(text: str) -> tuple[str, str]:
    """"Yehya KONTA" -> ("Yehya", "KONTA"); the family name is the words in capitals at the
    end (with a particle before them: Ag, Ould, Walet), else the last word."""
    words = text.split()
    if not words:
        return "", ""
    n = len(words)
    start = n
    while start > 0 and words[start - 1].isupper() and len(words[start - 1]) > 1:
        start -= 1
    if start == n:
        start = n - 1
    while start > 0 and fold(words[start - 1]) in PARTICLES:
        start -= 1
    if start == 0 and n > 1:
        start = n - 1
    return " ".join(words[:start]), " ".join(words[start:])


def parse_sex(text: str) -> str | None:
    t = fold(text).strip()
    if t in ("h", "m", "homme", "man", "male", "masculin"):
        return "H"
    if t in ("f", "w", "femme", "woman", "female", "feminin"):
        return "F"
    return None


def parse_category(text: str) -> str | None:
    t = fold(text).strip()
    if not t:
        return None
    for member in enums.Category:
        if t in (member.value, fold(member.label), fold(i18n.label(enums.Category,
                                                                   member.value))):
            return member.value
    if t in _CATEGORY_WORDS:
        return _CATEGORY_WORDS[t]
    for member in enums.Category:
        if fold(member.label).startswith(t) or fold(i18n.label(enums.Category,
                                                               member.value)).startswith(t):
            return member.value
    for word, code in _CATEGORY_WORDS.items():
        if word in t:
            return code
    return None


def parse_yes(text: str) -> bool:
    return fold(text).strip() in ("oui", "o", "yes", "y", "x", "1", "jeune", "vrai", "true")


@dataclass
class MemberRow:
    given_names: str
    family_name: str
    sex: str
    category: str
    is_youth: bool
    function: str


class IntroPage(QWizardPage):
    def __init__(self, wizard: SetupWizard) -> None:
        super().__init__()
        self.setTitle(self.tr("Welcome to CCS Desktop"))
        self.setSubTitle(self.tr("This computer has no committee yet. Enter your committee "
                                 "once; everything stays editable in the Settings."))
        text = QLabel(self.tr("You will need the committee's place (region, cercle, commune), "
                              "the names of the chair and of the secretary, and the list of "
                              "members (it can be pasted from a spreadsheet)."))
        text.setWordWrap(True)
        layout = QVBoxLayout(self)
        question = QLabel(self.tr("<b>Who uses this computer?</b>"))
        layout.addWidget(question)
        self.committee_choice = QRadioButton(self.tr("A &committee (CCSC / CCSR)"))
        self.committee_choice.setObjectName("choiceCommittee")
        self.committee_choice.setChecked(True)
        self.crss_choice = QRadioButton(self.tr("The C&RSS (national consolidation)"))
        self.crss_choice.setObjectName("choiceCrss")
        self.choices = QButtonGroup(self)
        self.choices.addButton(self.committee_choice)
        self.choices.addButton(self.crss_choice)
        crss_text = QLabel(self.tr("The CRSS gathers the files the committees send it; it "
                                   "has no committee profile and no members of its own."))
        crss_text.setWordWrap(True)
        crss_text.setStyleSheet("color: #455a64; margin-left: 24px;")
        layout.addWidget(self.committee_choice)
        layout.addWidget(self.crss_choice)
        layout.addWidget(crss_text)
        layout.addSpacing(12)
        layout.addWidget(text)
        self.committee_choice.toggled.connect(lambda on: text.setVisible(on))
        self._wizard = wizard
        self.restore_button = QPushButton(self.tr("Restore a backup instead…"))
        self.restore_button.setObjectName("restoreButton")
        self.restore_button.clicked.connect(wizard.restore_backup)
        layout.addSpacing(12)
        layout.addWidget(self.restore_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addStretch(1)

    def nextId(self) -> int:  # noqa: N802
        wizard = self._wizard
        return wizard.crss_id if self.crss_choice.isChecked() else wizard.committee_id


class CrssPage(QWizardPage):
    """The CRSS mode: what it means, and the key pair offered at the end."""

    def __init__(self) -> None:
        super().__init__()
        self.setTitle(self.tr("The CRSS: national consolidation"))
        self.setSubTitle(self.tr("This database will gather the records the committees "
                                 "transmit."))
        text = QLabel(self.tr(
            "The register of expected committees is filled from the place lists: one CCSC "
            "per commune and one CCSR per region (more can be added). Files are imported from "
            "the Backup menu; every list can then be filtered by region, cercle, commune and "
            "committee.\n\nThe committees encrypt their transmissions for the CRSS's public "
            "key: generate the key pair now, give the public key (crss.pub) to the committees "
            "and keep the private key (crss.key) and its passphrase safe, with a copy on a "
            "second USB stick."))
        text.setWordWrap(True)
        self.keygen = QCheckBox(self.tr("&Generate the CRSS key pair when I click Finish"))
        self.keygen.setObjectName("keygenCheck")
        self.keygen.setChecked(True)
        self.error = QLabel()
        self.error.setObjectName("error")
        self.error.setStyleSheet("color: #b00020; font-weight: bold;")
        self.error.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(text)
        layout.addSpacing(12)
        layout.addWidget(self.keygen)
        layout.addWidget(self.error)
        layout.addStretch(1)

    def nextId(self) -> int:  # noqa: N802
        return -1


class CommitteePage(QWizardPage):
    def __init__(self) -> None:
        super().__init__()
        self.setTitle(self.tr("The committee"))
        self.setSubTitle(self.tr("Level and place; the code and the name are proposed."))
        self.form = CommitteeForm()
        self.error = QLabel()
        self.error.setObjectName("error")
        self.error.setStyleSheet("color: #b00020; font-weight: bold;")
        self.error.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.form)
        layout.addWidget(self.error)

    def validatePage(self) -> bool:
        v = self.form.values()
        problems = []
        if not v["region"]:
            problems.append(self.tr("Region: this field is required."))
        if v["level"] in ("commune", "cercle") and not v["cercle"]:
            problems.append(self.tr("Cercle: this field is required."))
        if v["level"] == "commune" and not v["commune"]:
            problems.append(self.tr("Commune: this field is required for a CCSC."))
        if not v["code"] or not v["name"]:
            problems.append(self.tr("The committee's code and name are required."))
        self.error.setText("\n".join(problems))
        return not problems


#: the function the wizard proposes for the secretary, by sex (documents are in French)
SECRETARY_FUNCTION = {"H": "Secrétaire général de la mairie",
                      "F": "Secrétaire générale de la mairie"}


class PersonFields(QWidget):
    """Given names, family name, sex (and a function)."""

    def __init__(self, prefix: str, with_function: bool = False) -> None:
        super().__init__()
        self.title = QLineEdit()
        self.title.setObjectName(f"{prefix}_title")
        self.given = QLineEdit()
        self.given.setObjectName(f"{prefix}_given")
        self.family = QLineEdit()
        self.family.setObjectName(f"{prefix}_family")
        self.sex = QComboBox()
        self.sex.setObjectName(f"{prefix}_sex")
        for code, text in i18n.choices(enums.Sex):
            self.sex.addItem(text, code)
        form = QFormLayout(self)
        form.setContentsMargins(0, 0, 0, 0)
        form.addRow(self.tr("Title (El Hadj, Imam…):"), self.title)
        form.addRow(self.tr("Given names:"), self.given)
        form.addRow(self.tr("Family name:"), self.family)
        form.addRow(self.tr("Sex:"), self.sex)
        # created only when it goes on the form: a widget with no parent is destroyed by
        # whichever thread's garbage collection pass finds it (issue 19)
        self.function: QLineEdit | None = None
        if with_function:
            self.function = QLineEdit(self)
            self.function.setObjectName(f"{prefix}_function")
            form.addRow(self.tr("Function:"), self.function)

    def is_filled(self) -> bool:
        return bool(self.given.text().strip() and self.family.text().strip())

    def is_empty(self) -> bool:
        return not (self.given.text().strip() or self.family.text().strip())


class OfficersPage(QWizardPage):
    def __init__(self) -> None:
        super().__init__()
        self.setTitle(self.tr("Chair and secretary"))
        self.setSubTitle(self.tr("Their names go on the minutes; they are added to the "
                                 "members."))
        self.chair = PersonFields("chair")
        self.secretary = PersonFields("secretary", with_function=True)
        self.secretary.function.setText(SECRETARY_FUNCTION["H"])
        self.secretary.sex.currentIndexChanged.connect(self._secretary_function)
        self.error = QLabel()
        self.error.setObjectName("error")
        self.error.setStyleSheet("color: #b00020; font-weight: bold;")
        layout = QVBoxLayout(self)
        chair_caption = QLabel(self.tr("<b>Chair of the committee</b>"))
        layout.addWidget(chair_caption)
        layout.addWidget(self.chair)
        layout.addSpacing(8)
        layout.addWidget(QLabel(self.tr("<b>Secretary</b>")))
        layout.addWidget(self.secretary)
        layout.addWidget(self.error)
        layout.addStretch(1)

    def _secretary_function(self, *_: object) -> None:
        """The proposed function follows the secretary's sex (unless she typed her own)."""
        function = self.secretary.function
        if function.text() in SECRETARY_FUNCTION.values():
            function.setText(SECRETARY_FUNCTION.get(self.secretary.sex.currentData(),
                                                    SECRETARY_FUNCTION["H"]))

    def validatePage(self) -> bool:
        problems = []
        for fields, name in ((self.chair, self.tr("chair")),
                             (self.secretary, self.tr("secretary"))):
            if not fields.is_empty() and not fields.is_filled():
                problems.append(self.tr("Give both the given names and the family name of the "
                                        "%1 (or leave both empty).").replace("%1", name))
        self.error.setText("\n".join(problems))
        return not problems


class MembersTable(QTableWidget):
    """A small entry grid; Ctrl+V pastes lines "Given NAME<TAB>H/F<TAB>category"."""

    COLUMNS = 5

    def __init__(self) -> None:
        super().__init__(0, self.COLUMNS)
        self.setObjectName("membersTable")
        self.setHorizontalHeaderLabels([self.tr("Given names and FAMILY NAME"),
                                        self.tr("Sex (H/F)"), self.tr("Category"),
                                        self.tr("Youth (yes/no)"), self.tr("Function")])
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        for col, width in enumerate((230, 80, 220, 100)):
            header.resizeSection(col, width)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.add_blank_rows(8)

    def add_blank_rows(self, n: int) -> None:
        for _ in range(n):
            self.insertRow(self.rowCount())

    def keyPressEvent(self, event: Any) -> None:  # noqa: N802
        if event.matches(QKeySequence.StandardKey.Paste):
            self.paste_text(QGuiApplication.clipboard().text())
            return
        super().keyPressEvent(event)

    def first_free_row(self) -> int:
        for row in range(self.rowCount()):
            if all(not (self.item(row, c) and self.item(row, c).text().strip())
                   for c in range(self.COLUMNS)):
                return row
        return self.rowCount()

    def paste_text(self, text: str) -> int:
        """Add one row per non-empty line; returns how many rows were added."""
        lines = [line for line in text.splitlines() if line.strip()]
        row = self.first_free_row()
        for line in lines:
            cells = [c.strip() for c in line.split("\t")]
            if len(cells) == 1 and ";" in line:
                cells = [c.strip() for c in line.split(";")]
            if row >= self.rowCount():
                self.insertRow(row)
            sex = parse_sex(cells[1]) if len(cells) > 1 else None
            category = parse_category(cells[2]) if len(cells) > 2 else None
            values = [cells[0],
                      sex or (cells[1] if len(cells) > 1 else ""),
                      i18n.label(enums.Category, category) if category else
                      (cells[2] if len(cells) > 2 else ""),
                      cells[3] if len(cells) > 3 else "",
                      cells[4] if len(cells) > 4 else ""]
            for col, value in enumerate(values):
                self.setItem(row, col, QTableWidgetItem(value))
            row += 1
        if self.first_free_row() >= self.rowCount():
            self.add_blank_rows(3)
        return len(lines)

    def cell(self, row: int, col: int) -> str:
        item = self.item(row, col)
        return item.text().strip() if item else ""

    def members(self) -> tuple[list[MemberRow], list[str]]:
        rows, problems = [], []
        for row in range(self.rowCount()):
            texts = [self.cell(row, c) for c in range(self.COLUMNS)]
            if not any(texts):
                continue
            given, family = split_name(texts[0])
            sex = parse_sex(texts[1])
            category = parse_category(texts[2]) or ("autres" if not texts[2] else None)
            line = self.tr("Line %1: ").replace("%1", str(row + 1))
            if not given or not family:
                problems.append(line + self.tr("write the given names then the FAMILY NAME."))
            if sex is None:
                problems.append(line + self.tr("sex must be H or F."))
            if category is None:
                problems.append(line + self.tr("unknown category « %1 ».").replace("%1",
                                                                                  texts[2]))
            if given and family and sex and category:
                rows.append(MemberRow(given, family, sex, category, parse_yes(texts[3]),
                                      texts[4]))
        return rows, problems


class MembersPage(QWizardPage):
    def __init__(self) -> None:
        super().__init__()
        self.setTitle(self.tr("Members"))
        self.setSubTitle(self.tr("Type the members or paste them from a spreadsheet: one per "
                                 "line, \"Given names FAMILY NAME\", sex (H/F), category. You "
                                 "can also add them later."))
        self.table = MembersTable()
        paste = QPushButton(self.tr("&Paste from the clipboard"))
        paste.setObjectName("pasteButton")
        paste.clicked.connect(lambda: self.table.paste_text(QGuiApplication.clipboard().text()))
        more = QPushButton(self.tr("Add &rows"))
        more.clicked.connect(lambda: self.table.add_blank_rows(5))
        categories = ", ".join(label for _c, label in i18n.choices(enums.Category))
        help_label = QLabel(self.tr("Categories: %1.").replace("%1", categories))
        help_label.setWordWrap(True)
        help_label.setStyleSheet("color: #455a64;")
        self.error = QLabel()
        self.error.setObjectName("error")
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #b00020; font-weight: bold;")
        buttons = QHBoxLayout()
        buttons.addWidget(paste)
        buttons.addWidget(more)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(buttons)
        layout.addWidget(self.table, 1)
        layout.addWidget(help_label)
        layout.addWidget(self.error)

    def validatePage(self) -> bool:
        _rows, problems = self.table.members()
        self.error.setText("\n".join(problems[:6]))
        return not problems

    def nextId(self) -> int:  # noqa: N802
        return -1  # the CRSS page comes after it in the list, never after it in the flow


class SetupWizard(QWizard):
    """Creates the committee, its chair and secretary and the members through the services."""

    def __init__(self, services: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.restored = False
        self.crss_created = False
        self.setObjectName("setupWizard")
        self.setWindowTitle(self.tr("Set up the committee"))
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage, True)
        self.intro = IntroPage(self)
        self.committee_page = CommitteePage()
        self.officers_page = OfficersPage()
        self.members_page = MembersPage()
        self.crss_page = CrssPage()
        for page in (self.intro, self.committee_page, self.officers_page, self.members_page):
            self.addPage(page)
        self.committee_id = self.pageIds()[1]
        self.crss_id = self.addPage(self.crss_page)
        self.error = self.members_page.error
        fit_window(self, (820, 600), "wizard")

    def restore_backup(self) -> None:
        from .exchange import restore_from_wizard

        if restore_from_wizard(self):
            self.restored = True
            super().accept()

    def is_crss_choice(self) -> bool:
        return self.intro.crss_choice.isChecked()

    def accept(self) -> None:
        crss = self.is_crss_choice()
        try:
            if crss:
                self.create_crss()
            else:
                self.create_all()
        except (ValidationError, UserError) as exc:
            errors = getattr(exc, "errors", None)
            text = ("\n".join(str(v) for v in errors.values()) if isinstance(errors, dict)
                    and errors else str(exc))
            (self.crss_page if crss else self.members_page).error.setText(text)
            return
        super().accept()

    def create_crss(self) -> None:
        """CRSS mode (services.committee.set_up_crss)."""
        from ..services.committee import set_up_crss

        set_up_crss(self.services.db)
        self.crss_created = True

    def _create_person(self, fields: PersonFields, category: str, function: str) -> int | None:
        if not fields.is_filled():
            return None
        person = self.services.people.create(
            title=fields.title.text().strip(), given_names=fields.given.text().strip(),
            family_name=fields.family.text().strip(), sex=fields.sex.currentData(),
            category=category, function=function, is_member=True, is_active=True)
        return person.id

    def create_all(self) -> None:
        values = self.committee_page.form.values()
        members, problems = self.members_page.table.members()
        if problems:
            raise ValidationError("\n".join(problems))
        if not self.services.committee.is_configured():
            self.services.committee.create(**values)
        chair_category = "elus" if values["level"] == "commune" else "admin"
        chair_id = self._create_person(self.officers_page.chair, chair_category,
                                       values["chair_title"])
        secretary_id = self._create_person(self.officers_page.secretary, "admin",
                                           self.officers_page.secretary.function.text().strip())
        update = {}
        if chair_id:
            update["chair_id"] = chair_id
        if secretary_id:
            update["secretary_id"] = secretary_id
        if update:
            self.services.committee.update(**update)
        for row in members:
            self.services.people.create(given_names=row.given_names,
                                        family_name=row.family_name, sex=row.sex,
                                        category=row.category, is_youth=row.is_youth,
                                        function=row.function, is_member=True, is_active=True)


def run_setup_wizard(services: Any, parent: QWidget | None = None) -> bool:
    """The first-run wizard; False at once on a CRSS database (nothing to set up)."""
    if committee.is_crss(services.db):
        return False
    wizard = SetupWizard(services, parent)
    try:
        done = wizard.exec() == QWizard.DialogCode.Accepted
        crss, keygen = wizard.crss_created, wizard.crss_page.keygen.isChecked()
    finally:
        # destroyed by Qt on the GUI thread, not left to a garbage collection pass
        wizard.deleteLater()
    if done and crss:
        after_crss_setup(parent, keygen)
    return done


def after_crss_setup(window: Any, keygen: bool) -> None:
    """The window shows the CRSS pages (navigation rebuilt), then the key pair is offered."""
    reopen = getattr(window, "reopen_database", None)
    if callable(reopen):
        reopen(window.services.db)
    if keygen:
        from .exchange import KeygenDialog, Prompts

        Prompts.run_dialog(KeygenDialog(window))
