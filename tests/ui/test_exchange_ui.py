"""Exchange screens (issue 5) with real widgets: back up to a "stick" folder by clicking,
restore (window and first-run wizard), transmit after trusting the CRSS key, CRSS keygen,
import of two transmissions, register, import log, conflicts, automatic copies.

Every file chooser, confirmation and nested dialog goes through `Prompts` (one seam)."""

from __future__ import annotations

import os

import rawdb  # tests/rawdb.py: test databases are SQLCipher files

import ast
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QMainWindow, QWidget

from ccs_desktop.db import models as m
from ccs_desktop.db.engine import open_database
from ccs_desktop.services.crss import importer, keys
from ccs_desktop.services.exchange import backup as bk
from ccs_desktop.services.exchange import container as ct
from ccs_desktop.services.hub import Services
from ccs_desktop.ui import exchange as ex
from ccs_desktop.ui.exchange import common

PASS = "le marche de Ber ouvre le lundi"  # QTest types ASCII only
KEYPASS = "phrase de la cle du CRSS 2024"
# screenshots for a person to look at: only when CCS_SCREENSHOTS names a folder
SCREENS = Path(os.environ["CCS_SCREENSHOTS"]) if os.environ.get("CCS_SCREENSHOTS") else None
UI_DIR = Path(__file__).resolve().parents[2] / "ccs_desktop" / "ui" / "exchange"
WAIT = 20000


class FakePrompts:
    """Answers given in advance; nested dialogs are driven by a function or just shown."""

    def __init__(self) -> None:
        self.files: list[str] = []
        self.many: list[list[str]] = []
        self.folders: list[str] = []
        self.confirms: list[str] = []
        self.questions: list[str] = []
        self.answers: list[bool] = []  # for yes_no, in order; a question not expected fails
        self.drivers: list[Callable[[QWidget], None]] = []
        self.shown: list[QWidget] = []

    def install(self, mp: pytest.MonkeyPatch) -> None:
        P = common.Prompts  # noqa: N806
        mp.setattr(P, "open_file", staticmethod(lambda *a, **k: self.files.pop(0)))
        mp.setattr(P, "open_files", staticmethod(lambda *a, **k: self.many.pop(0)))
        mp.setattr(P, "directory", staticmethod(lambda *a, **k: self.folders.pop(0)))
        mp.setattr(P, "confirm", staticmethod(self._confirm))
        mp.setattr(P, "yes_no", staticmethod(self._yes_no))
        mp.setattr(P, "info", staticmethod(lambda *a, **k: None))
        mp.setattr(P, "error", staticmethod(lambda *a, **k: None))
        mp.setattr(P, "run_dialog", staticmethod(self._run))

    def _confirm(self, parent, title, text, ok_text) -> bool:  # noqa: ANN001
        self.confirms.append(text)
        return True

    def _yes_no(self, parent, title, text) -> bool:  # noqa: ANN001
        self.questions.append(text)
        assert self.answers, f"unexpected question: {text}"
        return self.answers.pop(0)

    def _run(self, dialog: QWidget, modal: bool = True) -> int:
        self.shown.append(dialog)
        dialog.show()
        if self.drivers:
            self.drivers.pop(0)(dialog)
            return 1
        return 0


@pytest.fixture
def prompts(monkeypatch: pytest.MonkeyPatch, qapp, tmp_path: Path):  # noqa: ANN001, ANN201
    from ccs_desktop.ui import i18n

    monkeypatch.setenv(ct.TEST_CHEAP_ENV, "1")
    monkeypatch.setenv("CCS_DATA_DIR", str(tmp_path / "default-data"))
    common.Session.clear()
    fake = FakePrompts()
    fake.install(monkeypatch)
    i18n.install_translators(qapp, "fr")
    yield fake
    common.Session.clear()
    common.pool().waitForDone(10000)


class Host(QMainWindow):
    """Stands for the main window: `.services`, `.refresh_all()`."""

    def __init__(self, services: Services) -> None:
        super().__init__()
        self.services = services
        self.db = services.db
        self.refreshed = 0

    def refresh_all(self) -> None:
        self.refreshed += 1


def grab(widget: QWidget, name: str) -> None:
    if SCREENS is None:
        return
    SCREENS.mkdir(parents=True, exist_ok=True)
    widget.grab().save(str(SCREENS / f"exchange_{name}.png"))


def wait_idle(qtbot, dialog) -> None:  # noqa: ANN001
    qtbot.waitUntil(lambda: not dialog.busy and dialog.result.isVisible(), timeout=WAIT)


def trigger(host: QMainWindow, key: str) -> None:
    host.__dict__["_exchange_actions"][key].trigger()


def count(db, model) -> int:  # noqa: ANN001
    with db.session() as s:
        return s.query(model).filter(model.deleted_at.is_(None)).count()


def test_backup_by_clicking_then_restore_in_window_and_wizard(qtbot, prompts, demo_db,
                                                              tmp_path: Path) -> None:
    host = Host(Services(demo_db))
    qtbot.addWidget(host)
    ex.install_exchange_actions(host)
    assert "import_files" not in host.__dict__["_exchange_actions"]  # committee mode
    trigger(host, "backup")
    dialog = prompts.shown[-1]
    assert isinstance(dialog, ex.BackupDialog)
    stick = tmp_path / "stick"
    stick.mkdir()
    prompts.folders.append(str(stick))
    qtbot.mouseClick(dialog.picker.folder_button, Qt.MouseButton.LeftButton)
    assert dialog.picker.selected_folder() == stick
    # the rule is shown; two different passphrases are refused before anything is written
    assert "12" in dialog.passphrase.rule.text()
    qtbot.keyClicks(dialog.passphrase.first, PASS)
    qtbot.keyClicks(dialog.passphrase.second, PASS + "x")
    qtbot.mouseClick(dialog.start_button, Qt.MouseButton.LeftButton)
    assert dialog.result.isVisible() and not dialog.busy
    assert not (stick / bk.BACKUP_FOLDER).exists()
    dialog.passphrase.second.clear()
    qtbot.keyClicks(dialog.passphrase.second, PASS)
    dialog.passphrase.remember.setChecked(True)
    grab(dialog, "backup_before")
    qtbot.mouseClick(dialog.start_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, dialog)
    files = list((stick / bk.BACKUP_FOLDER).glob("*.ccsbak"))
    assert len(files) == 1, dialog.result.text()
    assert files[0].name in dialog.result.text()
    assert dialog.progress.value() == 100
    grab(dialog, "backup_done")
    manifest = bk.verify_file(files[0], [ct.PassphraseIdentity(PASS)])
    assert manifest["kind"] == "backup"
    # the session remembers the passphrase: the next backup asks it once, prefilled
    again = ex.BackupDialog(host.services, "backup", host)
    qtbot.addWidget(again)
    assert again.passphrase.value() == PASS and not again.passphrase.second.isVisibleTo(again)

    people = count(demo_db, m.Person)
    meetings = count(demo_db, m.Meeting)
    # a change after the backup, undone by the restore
    with demo_db.session() as s:
        p = s.query(m.Person).filter(m.Person.deleted_at.is_(None)).first()
        p.deleted_at = m.utcnow()
    assert count(demo_db, m.Person) == people - 1

    trigger(host, "restore")
    restore = prompts.shown[-1]
    assert isinstance(restore, ex.RestoreDialog)
    prompts.files.append(str(files[0]))
    qtbot.mouseClick(restore.findChild(QWidget, "chooseFile"), Qt.MouseButton.LeftButton)
    assert not restore.restore_button.isEnabled()
    qtbot.keyClicks(restore.passphrase, PASS)
    qtbot.mouseClick(restore.open_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, restore)
    assert restore.manifest is not None and restore.restore_button.isEnabled()
    committee = manifest["committee"]["name"]
    assert committee in restore.contents.text()
    grab(restore, "restore_opened")
    old_db = host.services.db
    qtbot.mouseClick(restore.restore_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, restore)
    assert restore.restored is not None, restore.result.text()
    assert prompts.confirms and "copied aside" in prompts.confirms[-1].lower() or \
        "côté" in prompts.confirms[-1]
    assert host.services.db is not old_db and host.refreshed
    assert count(host.services.db, m.Person) == people
    assert count(host.services.db, m.Meeting) == meetings
    assert str(restore.restored.saved_copy.name) in restore.result.text()
    grab(restore, "restore_done")
    host.services.db.close()

    # a new PC: the first-run wizard restores into an empty data folder
    new_dir = tmp_path / "nouveau-pc"

    def drive(dialog: ex.RestoreDialog) -> None:
        prompts.files.append(str(files[0]))
        dialog.choose()
        dialog.by_passphrase.setChecked(True)
        qtbot.keyClicks(dialog.passphrase, PASS)
        qtbot.mouseClick(dialog.open_button, Qt.MouseButton.LeftButton)
        wait_idle(qtbot, dialog)
        qtbot.mouseClick(dialog.restore_button, Qt.MouseButton.LeftButton)
        wait_idle(qtbot, dialog)

    prompts.drivers.append(drive)
    wizard_parent = QWidget()
    qtbot.addWidget(wizard_parent)
    assert ex.restore_from_wizard(wizard_parent, new_dir) is True
    restored = open_database(new_dir, create=False)
    assert count(restored, m.Person) == people and count(restored, m.Meeting) == meetings
    restored.close()


class EditorHost(Host):
    """A main window with open editors: `close_editors()` saves drafts and closes them, or
    returns False when the user cancels."""

    def __init__(self, services: Services, answers: list[bool]) -> None:
        super().__init__(services)
        self.answers = answers
        self.asked = 0

    def close_editors(self) -> bool:
        self.asked += 1
        return self.answers.pop(0)


def test_restore_closes_open_editors_first_or_stops(qtbot, prompts, demo_db,
                                                    tmp_path: Path) -> None:
    backup = bk.create_backup(demo_db, tmp_path / "usb", PASS).path
    host = EditorHost(Services(demo_db), [False, True])
    qtbot.addWidget(host)
    ex.install_exchange_actions(host)
    before = demo_db.path.read_bytes()
    trigger(host, "restore")
    dialog = prompts.shown[-1]
    prompts.files.append(str(backup))
    dialog.choose()
    qtbot.keyClicks(dialog.passphrase, PASS)
    qtbot.mouseClick(dialog.open_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, dialog)
    old_db = host.services.db
    # the user cancels the closing of an editor: nothing is closed nor replaced
    qtbot.mouseClick(dialog.restore_button, Qt.MouseButton.LeftButton)
    assert host.asked == 1 and dialog.restored is None and not dialog.busy
    assert "pas été modifiée" in dialog.result.text()
    assert host.services.db is old_db and count(old_db, m.Person) > 0  # still open
    assert demo_db.path.read_bytes() == before
    assert not list(demo_db.data_dir.glob("ccs.avant-restauration-*"))
    # the editors close (drafts saved): the restore goes on
    qtbot.mouseClick(dialog.restore_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, dialog)
    assert host.asked == 2 and dialog.restored is not None, dialog.result.text()
    assert host.services.db is not old_db
    host.services.db.close()

    # the wizard over a main window asks the window behind it too
    behind = EditorHost(Services(open_database(demo_db.data_dir, create=False)), [False])
    qtbot.addWidget(behind)
    wizard = QWidget(behind)

    def drive(d: ex.RestoreDialog) -> None:
        prompts.files.append(str(backup))
        d.choose()
        qtbot.keyClicks(d.passphrase, PASS)
        qtbot.mouseClick(d.open_button, Qt.MouseButton.LeftButton)
        wait_idle(qtbot, d)
        qtbot.mouseClick(d.restore_button, Qt.MouseButton.LeftButton)

    prompts.drivers.append(drive)
    assert ex.restore_from_wizard(wizard, demo_db.data_dir) is False
    assert behind.asked == 1 and count(behind.services.db, m.Person) > 0
    behind.services.db.close()


def test_wrong_passphrase_and_transmission_file_are_refused(qtbot, prompts, demo_db,
                                                            tmp_path: Path) -> None:
    pair = keys.generate()
    t = bk.create_transmission(demo_db, tmp_path / "t", crss_public=pair.public_key).path
    b = bk.create_backup(demo_db, tmp_path / "b", PASS).path
    dialog = ex.RestoreDialog(tmp_path / "data2")
    qtbot.addWidget(dialog)
    dialog.show()
    prompts.files.append(str(b))
    dialog.choose()
    qtbot.keyClicks(dialog.passphrase, "une mauvaise phrase secrete")
    qtbot.mouseClick(dialog.open_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, dialog)
    assert dialog.manifest is None and not dialog.restore_button.isEnabled()
    assert "phrase" in dialog.result.text().lower()
    grab(dialog, "restore_wrong_passphrase")
    # the CRSS key opens a transmission, which cannot restore a committee
    prompts.files.append(str(t))
    dialog.choose()
    dialog.by_key.setChecked(True)
    common.Session.crss_key = ("crss.key", pair)
    dialog.key_box.path_edit.setText("crss.key")
    qtbot.mouseClick(dialog.open_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, dialog)
    assert dialog.manifest is None and not dialog.restore_button.isEnabled()
    assert "transmission" in dialog.result.text().lower()


def test_transmit_needs_a_trusted_key_then_writes_the_file(qtbot, prompts, demo_db,
                                                           tmp_path: Path) -> None:
    pair = keys.generate()
    _priv, pub = keys.write_key_files(pair, tmp_path / "crss", KEYPASS)
    host = Host(Services(demo_db))
    qtbot.addWidget(host)
    ex.install_exchange_actions(host)
    trigger(host, "transmit")
    dialog = prompts.shown[-1]
    assert isinstance(dialog, ex.TransmitDialog if hasattr(ex, "TransmitDialog")
                      else ex.BackupDialog)
    assert not dialog.start_button.isEnabled() and dialog.trust_button.isVisibleTo(dialog)
    text = dialog.content.text()
    assert "P-7K2M-Q9XD" in text  # people go as codes
    grab(dialog, "transmit_no_key")

    def drive_trust(trust: ex.TrustKeyDialog) -> None:
        prompts.files.append(str(pub))
        qtbot.mouseClick(trust.choose_button, Qt.MouseButton.LeftButton)
        shown = trust.fingerprint.text().replace(" ", "")
        assert shown == pair.fingerprint.replace("-", "")
        assert not trust.trust_button.isEnabled()
        trust.same.setChecked(True)
        grab(trust, "trust_key")
        qtbot.mouseClick(trust.trust_button, Qt.MouseButton.LeftButton)
        assert pair.fingerprint in trust.current.text()

    prompts.drivers.append(drive_trust)
    qtbot.mouseClick(dialog.trust_button, Qt.MouseButton.LeftButton)
    assert keys.trusted_public_key(demo_db) == pair.public_key
    assert dialog.start_button.isEnabled() and not dialog.trust_button.isVisibleTo(dialog)
    prompts.folders.append(str(tmp_path / "stick"))
    qtbot.mouseClick(dialog.picker.folder_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(dialog.start_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, dialog)
    grab(dialog, "transmit_done")
    (f,) = (tmp_path / "stick" / bk.BACKUP_FOLDER).glob("*_transmission.ccsbak")
    assert bk.verify_file(f, [keys.identity(pair)])["kind"] == "transmission"
    # issue 12: the backup dialog says the CRSS key never opens a full backup
    backup = ex.BackupDialog(host.services, "backup", host)
    qtbot.addWidget(backup)
    assert pair.fingerprint not in backup.recovery.text() and backup.recovery.text()
    grab(backup, "backup_with_key")


def _second_committee(tmp_path: Path):  # noqa: ANN202
    db = open_database(tmp_path / "ber")
    services = Services(db)
    services.committee.create(level="commune", region="Tombouctou", cercle="Tombouctou",
                              commune="Ber")
    services.people.create(given_names="Aminata", family_name="TRAORE", sex="F",
                           category="femmes", is_member=True, is_active=True)
    return db


def test_crss_keygen_import_register_log_and_conflict(qtbot, prompts, qtmodeltester, demo_db,
                                                      tmp_path: Path) -> None:
    # the CRSS makes its key pair through the dialog
    keygen = ex.KeygenDialog()
    qtbot.addWidget(keygen)
    keygen.show()
    prompts.folders.append(str(tmp_path / "cle-usb"))
    qtbot.mouseClick(keygen.picker.folder_button, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(keygen.passphrase.first, KEYPASS)
    qtbot.keyClicks(keygen.passphrase.second, KEYPASS)
    qtbot.mouseClick(keygen.start_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, keygen)
    assert keygen.paths is not None, keygen.result.text()
    priv, pub = keygen.paths
    public = keys.read_public_key(pub)
    assert keygen.fingerprint.text().replace(" ", "") == keys.fingerprint(public).replace("-", "")
    grab(keygen, "keygen_done")
    prompts.folders.append(str(tmp_path / "seconde-cle"))
    qtbot.mouseClick(keygen.copy_button, Qt.MouseButton.LeftButton)
    copied = tmp_path / "seconde-cle" / "CCS-Cle-CRSS" / "crss.key"
    assert copied.read_bytes() == priv.read_bytes()

    # two committees transmit
    ber = _second_committee(tmp_path)
    sent = [bk.create_transmission(db, tmp_path / "sticks" / name, crss_public=public).path
            for db, name in ((demo_db, "a"), (ber, "b"))]
    crss_db = importer.open_crss_database(tmp_path / "crss")
    host = Host(Services(crss_db))
    qtbot.addWidget(host)
    ex.install_exchange_actions(host)
    assert {"import_files", "import_folder", "keygen", "export_public", "register",
            "import_log", "conflicts"} <= set(host.__dict__["_exchange_actions"])
    trigger(host, "import_files")
    dialog = prompts.shown[-1]
    assert isinstance(dialog, ex.ImportDialog)
    prompts.many.append([str(p) for p in sent])
    qtbot.mouseClick(dialog.findChild(QWidget, "chooseFiles"), Qt.MouseButton.LeftButton)
    assert dialog.key_box.path_edit.text() == str(priv)  # remembered from the keygen
    qtbot.keyClicks(dialog.key_box.passphrase, KEYPASS)
    dialog.key_box.remember.setChecked(True)
    qtbot.mouseClick(dialog.start_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, dialog)
    reports = dialog.reports
    assert len(reports) == 2 and all(r.ok for r in reports), dialog.result.text()
    assert dialog.report_model.rowCount() == 2 and host.refreshed
    qtmodeltester.check(dialog.report_model)
    grab(dialog, "import_done")

    pages = dict(ex.exchange_pages(host))
    register, log_page, conflicts_page = pages.values()
    register.resize(1100, 600)
    register.show()
    qtbot.waitExposed(register)
    qtmodeltester.check(register.model)
    rows = register.model.rows
    linked = [r for r in rows if r.committee_uuid]
    assert len(linked) == 2 and len(rows) > 100  # the others stay visible, never sent
    codes = {r.committee_code for r in linked}
    assert {r.committee_code for r in reports} == codes
    # filter by region, then cercle, then commune, then committee
    f = register.filter
    f.region.setCurrentIndex(f.region.findData("Tombouctou"))
    assert 0 < register.model.rowCount() < len(rows)
    assert all(r.region == "Tombouctou" for r in register.model.rows)
    f.commune.setCurrentIndex(f.commune.findData("Ber"))
    assert [r.commune for r in register.model.rows] == ["Ber"]
    f.commune.setCurrentIndex(0)
    register.never.setChecked(True)
    assert all(r.never_sent for r in register.model.rows)
    register.never.setChecked(False)
    grab(register, "register")

    log_page.resize(1100, 500)
    log_page.show()
    qtbot.waitExposed(log_page)
    assert log_page.model.rowCount() == 2
    qtmodeltester.check(log_page.model)
    grab(log_page, "import_log")

    # a conflict: same version, different content
    with demo_db.session() as s:
        s.info["preserve_versions"] = True
        own = s.get(m.Setting, "committee_uuid").value
        act = s.query(m.Activity).join(m.Committee).filter(m.Committee.uuid == own).first()
        original, act.title = act.title, "Titre divergent"
    again = bk.create_transmission(demo_db, tmp_path / "sticks" / "c", crss_public=public)
    # a whole folder this time, the key still unlocked from the previous import
    trigger(host, "import_folder")
    folder_dialog = prompts.shown[-1]
    prompts.folders.append(str(again.path.parent))
    qtbot.mouseClick(folder_dialog.picker.folder_button, Qt.MouseButton.LeftButton)
    assert folder_dialog.key_box.is_unlocked()
    qtbot.mouseClick(folder_dialog.start_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, folder_dialog)
    assert folder_dialog.reports[0].counts["conflicts"] == 1
    conflicts_page.resize(1100, 650)
    conflicts_page.show()
    qtbot.waitExposed(conflicts_page)
    assert conflicts_page.model.rowCount() == 1
    qtmodeltester.check(conflicts_page.model)
    assert "Titre divergent" in conflicts_page.details.toPlainText()
    assert original in conflicts_page.details.toPlainText()
    grab(conflicts_page, "conflicts")
    qtbot.mouseClick(conflicts_page.take_button, Qt.MouseButton.LeftButton)
    assert conflicts_page.model.rowCount() == 0
    with crss_db.session() as s:
        assert s.query(m.Activity).filter_by(uuid=act.uuid).one().title == "Titre divergent"
    conflicts_page.show_settled.setChecked(True)
    assert conflicts_page.model.rowCount() == 1 and not conflicts_page.take_button.isEnabled()
    ber.close()
    crss_db.close()


def test_export_public_key_and_menu_on_the_real_window(qtbot, prompts, demo_db,
                                                       tmp_path: Path) -> None:
    pair = keys.generate()
    priv, _pub = keys.write_key_files(pair, tmp_path / "k", KEYPASS)
    dialog = ex.ExportPublicKeyDialog()
    qtbot.addWidget(dialog)
    dialog.show()
    prompts.files.append(str(priv))
    qtbot.mouseClick(dialog.key_box.browse, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(dialog.key_box.passphrase, KEYPASS)
    prompts.folders.append(str(tmp_path / "pour-les-comites"))
    qtbot.mouseClick(dialog.picker.folder_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(dialog.start_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, dialog)
    assert keys.read_public_key(tmp_path / "pour-les-comites" / "crss.pub") == pair.public_key
    grab(dialog, "export_public")

    from ccs_desktop.ui.main_window import MainWindow

    win = MainWindow(demo_db)
    qtbot.addWidget(win)
    ex.install_exchange_actions(win)
    titles = [a.text() for a in win.menuBar().actions()]
    assert QCoreApplication.translate("ExchangeMenu", "&Backup") in titles
    assert ex.exchange_pages(win) == []  # committee mode: no CRSS pages


def test_automatic_copies_on_start_and_close(demo_db, monkeypatch) -> None:  # noqa: ANN001
    first = ex.on_close_auto_backup(demo_db)
    assert first is not None and first.is_file()
    assert ex.on_close_auto_backup(demo_db) is None  # nothing changed since
    with demo_db.session() as s:
        s.query(m.Person).first().function = "Conseiller"
    import time

    time.sleep(0.01)
    worker = ex.on_start_auto_backup(demo_db, wait=True)  # daily: the copy is recent
    assert worker is not None and len(list(first.parent.glob("ccs-*.sqlite3"))) == 1
    conn = rawdb.connect(first)
    assert conn.execute("PRAGMA quick_check").fetchone()[0] == "ok"
    conn.close()
    # never raises, even on a broken database object
    assert ex.on_close_auto_backup(object()) is None


def test_a_new_pc_restores_a_backup_with_the_recovery_key_typed_from_the_sheet(
        qtbot, prompts, demo_db, tmp_path: Path) -> None:
    """Issue 12: the passphrase is forgotten; the sealed sheet opens the backup (its second
    recipient), and the backup's account then unlocks what it brings."""
    from ccs_desktop.services import access

    sheet = access.new_recovery_key(demo_db)
    written = bk.create_backup(demo_db, tmp_path / "stick", PASS)
    people = count(demo_db, m.Person)
    new_dir = tmp_path / "nouveau-pc"
    seen: dict[str, str] = {}

    def drive(dialog: ex.RestoreDialog) -> None:
        prompts.files.append(str(written.path))
        dialog.choose()
        qtbot.mouseClick(dialog.by_recovery, Qt.MouseButton.LeftButton)
        assert dialog.by_recovery.isChecked() and not dialog.passphrase.isEnabled()
        qtbot.keyClicks(dialog.recovery_text, "pas une cle")
        qtbot.mouseClick(dialog.open_button, Qt.MouseButton.LeftButton)
        seen["typo"] = dialog.result.text()
        assert dialog.manifest is None
        dialog.recovery_text.clear()
        qtbot.keyClicks(dialog.recovery_text, sheet)
        qtbot.mouseClick(dialog.open_button, Qt.MouseButton.LeftButton)
        wait_idle(qtbot, dialog)
        seen["opened"] = dialog.contents.text() + dialog.result.text()
        qtbot.mouseClick(dialog.restore_button, Qt.MouseButton.LeftButton)
        wait_idle(qtbot, dialog)
        seen["restored"] = dialog.result.text()

    prompts.drivers.append(drive)
    prompts.answers.append(False)  # its security settings: an author not proven, « Non »
    parent = QWidget()
    qtbot.addWidget(parent)
    assert ex.restore_from_wizard(parent, new_dir) is True, seen
    assert "clé de récupération" in prompts.questions[-1]
    assert seen["typo"] and "Traceback" not in seen["typo"]
    assert "clé de récupération" in seen["opened"], seen["opened"]
    restored = open_database(new_dir, create=False)
    try:
        assert count(restored, m.Person) == people
    finally:
        restored.close()
