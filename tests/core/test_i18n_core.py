"""Issue 9, the core's own messages (database, migrations, start-up, files, attachments) go
through the one catalog: today's French unchanged by default, English with `english` or
`ccs-desktop --lang en`, and the language chosen before the database is opened at start."""

from __future__ import annotations

import rawdb  # noqa: I001  (tests/rawdb.py: test databases are SQLCipher files)
import errno
import os
import re
import sqlite3
from pathlib import Path

import pytest
from french import fr  # tests/french.py: the catalog's typography

from ccs_desktop import app as appmod
from ccs_desktop import i18n
from ccs_desktop.db.engine import (
    DatabaseCorrupt, DatabaseLocked, DatabaseTooNew, NoDatabase, open_database,
)
from ccs_desktop.fileio import french_os_error
from ccs_desktop.paths import DB_FILENAME
from ccs_desktop.services.attachments import MAX_SIZE
from ccs_desktop.services.errors import ValidationError
from ccs_desktop.services.hub import Services

FRENCH_LETTERS = re.compile(r"[àâçéèêëîïôûùüÿœæ«»]", re.IGNORECASE)

CORRUPT_FR = fr(
    "Le fichier de base de données est endommagé ou n'est pas une base CCS Desktop. "
    "Restaurez une sauvegarde (menu Fichier ou « ccs backup restore ») ou choisissez un "
    "autre dossier de données ; le fichier n'a pas été modifié.")
CORRUPT_EN = (
    "The database file is damaged or is not a CCS Desktop database. Restore a backup (File "
    "menu or “ccs backup restore”) or choose another data folder; the file was not changed.")


def english_only(text: str) -> None:
    assert not FRENCH_LETTERS.search(text), text
    for word in ("base de données", "dossier", "fichier", "Impossible", "réessayez"):
        assert word not in text, text


def _corrupt(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / DB_FILENAME
    path.write_bytes(os.urandom(64 * 1024))
    return path


def _foreign(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / DB_FILENAME
    con = rawdb.connect(path)
    con.execute("CREATE TABLE clients (name TEXT)")
    con.execute("INSERT INTO clients VALUES ('x')")
    con.commit()
    con.close()
    return path


# --- the one way to open the database ------------------------------------------------------

def test_a_corrupt_file_is_refused_in_todays_french(tmp_path):
    before = _corrupt(tmp_path / "data").read_bytes()
    with pytest.raises(DatabaseCorrupt) as refused:
        open_database(tmp_path / "data")
    assert str(refused.value) == CORRUPT_FR
    assert (tmp_path / "data" / DB_FILENAME).read_bytes() == before


def test_a_corrupt_file_is_refused_in_english(tmp_path, english):
    _corrupt(tmp_path / "data")
    with pytest.raises(DatabaseCorrupt) as refused:
        open_database(tmp_path / "data")
    assert str(refused.value) == CORRUPT_EN
    english_only(str(refused.value))


def test_another_programs_sqlite_database_in_both_languages(tmp_path, english):
    path = _foreign(tmp_path / "data")
    with pytest.raises(DatabaseCorrupt) as refused:
        open_database(tmp_path / "data")
    assert str(refused.value) == (
        f"The file “{path}” is an SQLite database that was not created by CCS Desktop. "
        "Choose another data folder or restore a backup; the file was not changed.")
    i18n.set_language("fr")
    with pytest.raises(DatabaseCorrupt) as refused:
        open_database(tmp_path / "data")
    assert str(refused.value) == fr(
        "Le fichier « {} » est une base SQLite qui n'a pas été créée par CCS Desktop. "
        "Choisissez un autre dossier de données ou restaurez une sauvegarde ; le fichier n'a "
        "pas été modifié.").format(path)


def test_a_database_of_a_newer_version_in_both_languages(data_dir):
    open_database(data_dir).close()
    con = rawdb.connect(data_dir / DB_FILENAME)
    con.execute("UPDATE alembic_version SET version_num = '9999'")
    con.commit()
    con.close()
    with pytest.raises(DatabaseTooNew) as refused:
        open_database(data_dir)
    assert str(refused.value) == fr(
        "Cette base de données a été créée par une version plus récente de CCS Desktop "
        "(révision 9999). Installez la dernière version de l'application pour l'ouvrir ; la "
        "base n'a pas été modifiée.")
    i18n.set_language("en")
    with pytest.raises(DatabaseTooNew) as refused:
        open_database(data_dir)
    assert str(refused.value) == (
        "This database was created by a newer version of CCS Desktop (revision 9999). "
        "Install the latest version of the application to open it; the database was not "
        "changed.")


def test_no_database_and_not_a_file_in_both_languages(tmp_path):
    absent = tmp_path / "absent"
    with pytest.raises(NoDatabase) as refused:
        open_database(absent, create=False)
    assert str(refused.value) == fr(
        "Aucune base de données CCS dans le dossier « {} ». Créez-en une avec "
        "« ccs init » ou « ccs demo ».").format(absent)
    (tmp_path / "dir" / DB_FILENAME).mkdir(parents=True)
    i18n.set_language("en")
    with pytest.raises(NoDatabase) as refused:
        open_database(absent, create=False)
    assert str(refused.value) == (
        f"No CCS database in the folder “{absent}”. Create one with “ccs init” or "
        "“ccs demo”.")
    with pytest.raises(Exception) as refused:
        open_database(tmp_path / "dir")
    assert str(refused.value) == (
        f"“{tmp_path / 'dir' / DB_FILENAME}” is not a database file (a folder or a broken "
        "link). Move it or choose another data folder.")


def test_locked_and_system_errors_follow_the_language():
    assert str(DatabaseLocked()) == fr(
        "La base de données est occupée par un autre programme (une autre fenêtre de CCS "
        "Desktop ?). Fermez-le puis réessayez.")
    disk_full = OSError(errno.ENOSPC, "No space left on device")
    assert french_os_error(disk_full) == "plus de place sur le disque"
    i18n.set_language("en")
    assert str(DatabaseLocked()) == (
        "The database is in use by another program (another CCS Desktop window?). Close it, "
        "then try again.")
    assert french_os_error(disk_full) == "no space left on the disk"
    # an errno the catalog does not list: the system's own text
    assert french_os_error(OSError(errno.ELOOP, "Too many levels")) == "Too many levels"


# --- attachments ----------------------------------------------------------------------------

@pytest.fixture
def meeting_id(committee_db):
    import datetime as dt

    services = Services(committee_db)
    return services.meetings.create(kind="ordinary", date=dt.date(2024, 3, 5),
                                    place="Mairie").id


def _too_big(tmp_path: Path) -> Path:
    big = tmp_path / "scan.pdf"
    with open(big, "wb") as fh:  # sparse: no 50 MB written
        fh.truncate(MAX_SIZE + 1)
    return big


def test_an_attachment_too_big_or_empty_is_refused_in_french(committee_db, meeting_id,
                                                             tmp_path):
    attachments = Services(committee_db).attachments
    with pytest.raises(ValidationError) as refused:
        attachments.add_file(_too_big(tmp_path), meeting_id=meeting_id)
    assert str(refused.value) == fr("Le fichier dépasse 50 Mo : réduisez la résolution du "
                                     "scan.")
    empty = tmp_path / "vide.pdf"
    empty.write_bytes(b"")
    with pytest.raises(ValidationError) as refused:
        attachments.add_file(empty, meeting_id=meeting_id)
    assert str(refused.value) == "Le fichier est vide."
    with pytest.raises(ValidationError) as refused:
        attachments.add_file(tmp_path / "absent.pdf", meeting_id=meeting_id)
    assert str(refused.value) == fr("Impossible de lire « absent.pdf » : fichier ou dossier "
                                    "introuvable.")


def test_an_attachment_too_big_or_empty_is_refused_in_english(committee_db, meeting_id,
                                                              tmp_path, english):
    attachments = Services(committee_db).attachments
    with pytest.raises(ValidationError) as refused:
        attachments.add_file(_too_big(tmp_path), meeting_id=meeting_id)
    assert str(refused.value) == ("The file is larger than 50 MB: reduce the resolution of "
                                  "the scan.")
    empty = tmp_path / "empty.pdf"
    empty.write_bytes(b"")
    with pytest.raises(ValidationError) as refused:
        attachments.add_file(empty, meeting_id=meeting_id)
    assert str(refused.value) == "The file is empty."
    with pytest.raises(ValidationError) as refused:
        attachments.add_file(tmp_path / "absent.pdf", meeting_id=meeting_id)
    assert str(refused.value).startswith("Cannot read ")
    assert str(refused.value).endswith(": file or folder not found.")
    with pytest.raises(ValidationError) as refused:
        attachments.add_file(" ", meeting_id=meeting_id)
    assert str(refused.value) == "Choose the file to attach."
    with pytest.raises(Exception) as refused:
        attachments.data(999)
    assert str(refused.value) == "Attachment not found."


def test_attachments_stored_keep_their_data_whatever_the_language(committee_db, meeting_id,
                                                                  tmp_path, english):
    scan = tmp_path / "pv signé.pdf"
    scan.write_bytes(b"%PDF-1.4 scan")
    row = Services(committee_db).attachments.add_file(scan, meeting_id=meeting_id)
    assert row.filename == "pv signé.pdf" and row.mime_type == "application/pdf"


# --- the start of ccs-desktop -------------------------------------------------------------

@pytest.fixture
def fatal(monkeypatch):
    """The messages main() would show in its critical dialog (none is shown)."""
    shown: list[str] = []

    def record(message: str) -> int:
        shown.append(message)
        return 1

    monkeypatch.setattr(appmod, "_fatal", record)
    return shown


def test_a_corrupt_database_at_start_speaks_english_with_lang_en(tmp_path, fatal):
    _corrupt(tmp_path / "data")
    assert appmod.main(["--lang", "en", "--data-dir", str(tmp_path / "data")]) == 1
    assert fatal == [CORRUPT_EN]
    i18n.set_language(None)
    assert appmod.main(["--lang=fr", "--data-dir", str(tmp_path / "data")]) == 1
    assert fatal[1] == CORRUPT_FR


def test_open_error_message_follows_the_language(tmp_path):
    data = tmp_path / "data"
    where = data / DB_FILENAME
    unexpected = KeyError("internal")
    french = appmod.open_error_message(unexpected, str(data))
    assert french == fr(
        "CCS Desktop n'a pas pu ouvrir la base de données « {} » (erreur interne "
        "inattendue). Vérifiez que c'est le bon dossier de données (option --data-dir) ; "
        "sinon restaurez la dernière sauvegarde ou copie automatique (commande « ccs backup "
        "restore »). Pour le détail technique, lancez le programme avec la variable "
        "d'environnement CCS_DEBUG=1.").format(where)
    locked = sqlite3.OperationalError("database is locked")
    assert appmod.open_error_message(locked, str(data)) == fr(
        "La base de données « {} » est utilisée par un autre programme (CCS Desktop "
        "déjà ouvert, ou une commande ccs en cours). Fermez-le, puis relancez CCS "
        "Desktop.").format(where)
    appmod.choose_language("en")
    english = appmod.open_error_message(unexpected, str(data))
    assert english == (
        f"CCS Desktop could not open the database “{where}” (unexpected internal error). "
        "Check that it is the right data folder (option --data-dir); otherwise restore the "
        "latest backup or automatic copy (command “ccs backup restore”). For the technical "
        "details, start the program with the environment variable CCS_DEBUG=1.")
    english_only(english)
    not_a_folder = NotADirectoryError(errno.ENOTDIR, "Not a directory", str(data))
    assert appmod.open_error_message(not_a_folder, str(data)) == (
        f"“{data}” is not a folder: the data folder must be one. Check that it is the right "
        "data folder (option --data-dir); otherwise restore the latest backup or automatic "
        "copy (command “ccs backup restore”).")
    english_only(appmod.open_error_message(locked, str(data)))
    english_only(appmod.open_error_message(PermissionError(errno.EACCES, "x"), str(data)))


def test_the_language_saved_in_settings_applies_before_the_database_opens(tmp_path, fatal):
    from PySide6.QtCore import QSettings

    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope,
                      str(tmp_path / "settings"))
    saved = QSettings(QSettings.Format.IniFormat, QSettings.Scope.UserScope, "CCS-Desktop",
                      "CCS Desktop")
    saved.setValue("ui/language", "en")
    saved.sync()
    try:
        _corrupt(tmp_path / "data")
        assert appmod.main(["--data-dir", str(tmp_path / "data")]) == 1
        assert fatal == [CORRUPT_EN]
        # --lang wins over Settings
        assert appmod.main(["--lang", "fr", "--data-dir", str(tmp_path / "data")]) == 1
        assert fatal[1] == CORRUPT_FR
    finally:
        saved.clear()
        saved.sync()
        QSettings.setDefaultFormat(QSettings.Format.NativeFormat)


def test_help_follows_lang(capsys):
    with pytest.raises(SystemExit):
        appmod.main(["--lang", "en", "--help"])
    out = " ".join(capsys.readouterr().out.split())
    assert "data folder (default: the user's folder)" in out
    assert "opens a new demonstration database in a temporary folder" in out
    assert "--data-dir FOLDER" in out
    i18n.set_language(None)
    with pytest.raises(SystemExit):
        appmod.main(["--lang", "fr", "--help"])
    # argparse wraps at ASCII spaces only: the non-breaking ones stay, and are checked
    out = re.sub(r"\s+", " ", capsys.readouterr().out, flags=re.ASCII)
    assert fr("dossier de données (par défaut : le dossier de l'utilisateur)") in out
    assert "--data-dir DOSSIER" in out
    assert "ouvre une base de démonstration neuve dans un dossier temporaire" in out


def test_the_fatal_line_on_stderr_follows_the_language(monkeypatch, capsys):
    from PySide6.QtWidgets import QMessageBox

    monkeypatch.setattr(QMessageBox, "critical", staticmethod(lambda *a, **k: None))
    appmod._fatal("x")
    assert capsys.readouterr().err == fr("ccs-desktop : x\n")
    i18n.set_language("en")
    appmod._fatal("x")
    assert capsys.readouterr().err == "ccs-desktop: x\n"


def test_a_source_checkout_reads_its_own_catalog():
    """Another checkout's editable install must not answer for this one's resources (its
    catalog would lack this checkout's messages)."""
    import ccs_desktop
    from ccs_desktop import paths

    checkout = Path(ccs_desktop.__file__).resolve().parent.parent
    if not (checkout / "pyproject.toml").is_file():
        pytest.skip("an installed package, not a source checkout")
    assert paths.resource_path("locale") == checkout / "resources" / "locale"
