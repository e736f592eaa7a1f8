"""Issue 9, backups and transmissions: what the exchange services say (descriptions, labels,
notices, errors, progress) comes from the one catalog: French by default, unchanged; English
when asked; counts with their plural ("1 menace", "2 menaces")."""

from __future__ import annotations

import rawdb  # noqa: I001  (tests/rawdb.py: test databases are SQLCipher files)
from french import fr  # noqa: I001  (tests/french.py: the catalog's French is typeset)
import datetime as dt

import re
from pathlib import Path

import pytest

from ccs_desktop.db import models as m
from ccs_desktop.db.engine import Database
from ccs_desktop.services.errors import UserError
from ccs_desktop.services.exchange import backup as bk
from ccs_desktop.services.exchange import container as ct
from ccs_desktop.services.exchange import snapshot as sn

from .conftest import PASS

ACCENTED = re.compile(r"[À-ÿ«»]")


def _add_threats(db: Database, n: int) -> None:
    with db.session() as s:
        own = s.get(m.Setting, "committee_uuid").value
        c = s.query(m.Committee).filter_by(uuid=own).one()
        for i in range(n):
            s.add(m.Threat(committee_id=c.id, title=f"Menace {i}", type_code="GOU.FDS",
                           description="vols de bétail"))


def _backup(db: Database, folder: Path, *, progress=None) -> Path:  # noqa: ANN001
    return bk.create_backup(db, folder, PASS, progress=progress).path


def _verify(path: Path, work: Path) -> dict:
    return bk.verify_file(path, [ct.PassphraseIdentity(PASS)], work_dir=work)


def _content_line(text: str) -> str:
    return next(line for line in text.splitlines() if line.startswith(("Contenu", "Content")))


@pytest.fixture
def one_threat(committee_db: Database, tmp_path: Path) -> dict:
    """The manifest of a real backup of a database holding one threat, as verified."""
    _add_threats(committee_db, 1)
    return _verify(_backup(committee_db, tmp_path / "usb"), committee_db.data_dir)


# --------------------------------------------------------------------------- describe

def test_describe_in_french_is_unchanged_and_counts_agree(one_threat: dict) -> None:
    c = one_threat["committee"]
    lines = bk.describe(one_threat).splitlines()
    assert lines[0] == fr("Type : sauvegarde")
    # the committee's name is data, as typed: only the label is typeset
    assert lines[1] == f"{fr('Comité :')} {c['name']} ({c['code']})"
    assert lines[2] == fr("Authenticité : authentique (phrase secrète vérifiée)")
    made = dt.datetime.fromisoformat(one_threat["created_local"])
    assert lines[3] == f"{fr('Créé le :')} {made:%d/%m/%Y %H:%M}"
    assert lines[4] == f"{fr('Schéma :')} révision {one_threat['schema_revision']}"
    # 0 and 1 are singular in French; before, every count said the plural ("1 menaces")
    assert lines[5] == fr("Contenu : 0 personne, 0 réunion, 1 menace, 0 vulnérabilité, "
                          "0 recommandation, 0 activité, 0 PV archivé")


def test_describe_plural_from_two_real_backups(committee_db: Database, tmp_path: Path) -> None:
    _add_threats(committee_db, 1)
    first = _verify(_backup(committee_db, tmp_path / "usb"), committee_db.data_dir)
    _add_threats(committee_db, 1)
    second = _verify(_backup(committee_db, tmp_path / "usb"), committee_db.data_dir)
    assert ", 1 menace," in _content_line(bk.describe(first))
    assert ", 2 menaces," in _content_line(bk.describe(second))
    assert ", 2 menaces," in bk.contents_text(second)


def test_describe_in_english(one_threat: dict, english) -> None:  # noqa: ANN001
    c = one_threat["committee"]
    text = bk.describe(one_threat)
    lines = text.splitlines()
    assert lines[0] == "Kind: backup"
    assert lines[1] == f"Committee: {c['name']} ({c['code']})"
    assert lines[2] == "Authenticity: authentic (passphrase checked)"
    assert lines[3].startswith("Created on: ") and lines[4].startswith("Schema: revision ")
    assert lines[5] == ("Content: 0 people, 0 meetings, 1 threat, 0 vulnerabilities, "
                        "0 recommendations, 0 activities, 0 archived sets of minutes")
    # the committee's name is data (French as typed): every other line is English
    assert not ACCENTED.search("\n".join(lines[:1] + lines[2:])), text


def test_local_copy_and_crss_key_labels_in_both_languages(committee_db: Database,
                                                         english) -> None:  # noqa: ANN001
    made = bk.auto_backup(committee_db, min_interval=None)
    manifest = bk.verify_file(made, [], work_dir=committee_db.data_dir)
    assert "Authenticity: local copy, not authenticated" in bk.describe(manifest)
    assert bk.notice(bk.OPENED_LOCAL_COPY).startswith("Local copy, not authenticated: ")
    assert bk.notice(bk.OPENED_CRSS_KEY, "transmission").endswith("make such a file).")
    for how in (bk.OPENED_CRSS_KEY, bk.OPENED_LOCAL_COPY):
        assert not ACCENTED.search(bk.notice(how)), how
    from ccs_desktop import i18n

    i18n.set_language("fr")
    assert fr("Authenticité : copie locale, non authentifiée") in bk.describe(manifest)
    assert bk.notice(bk.OPENED_CRSS_KEY) == fr(
        "Fichier ouvert avec la clé du CRSS : lisible et complet, mais son auteur n'est pas "
        "prouvé (toute personne ayant la clé publique du CRSS peut fabriquer un tel fichier). "
        "Une restauration n'en prend pas les réglages de sécurité (clé du CRSS de confiance, "
        "secret des pseudonymes), sauf demande explicite.")
    assert bk.notice(bk.OPENED_CRSS_KEY, "transmission").endswith("fabriquer un tel fichier).")
    assert bk.notice(bk.OPENED_PASSPHRASE) is None


# --------------------------------------------------------------------------- errors

WRONG_FR = fr("Phrase secrète incorrecte (ou fichier modifié) : le fichier ne s'ouvre pas. "
              "Rien n'a été modifié.")
WRONG_EN = "Wrong passphrase (or modified file): the file does not open. Nothing was changed."
TRUNCATED_FR = fr("Le fichier est incomplet ou a été modifié (vérification d'intégrité "
                  "échouée) : copie interrompue, clé USB retirée trop tôt ou altération. "
                  "Rien n'a été modifié.")


@pytest.fixture
def written(committee_db: Database, tmp_path: Path) -> Path:
    return _backup(committee_db, tmp_path / "usb")


def _refusal(path: Path, work: Path, secret: str = PASS) -> str:
    with pytest.raises(UserError) as info:
        bk.verify_file(path, [ct.PassphraseIdentity(secret)], work_dir=work)
    return str(info.value)


def test_wrong_passphrase_in_french_and_english(written: Path, committee_db: Database) -> None:
    from ccs_desktop import i18n

    wrong = "pas la bonne phrase secrète"
    assert _refusal(written, committee_db.data_dir, wrong) == WRONG_FR
    i18n.set_language("en")
    assert _refusal(written, committee_db.data_dir, wrong) == WRONG_EN
    # (a full backup has two recipients since issue 12: the passphrase and the recovery key)
    with pytest.raises(ct.WrongKey, match="^This file opens with the committee's backup "
                                          "passphrase or its recovery key.$"):
        bk.verify_file(written, [], work_dir=committee_db.data_dir)


def test_damaged_files_in_french_and_english(written: Path, committee_db: Database,
                                             tmp_path: Path) -> None:
    from ccs_desktop import i18n

    cut = tmp_path / "cut.ccsbak"
    cut.write_bytes(written.read_bytes()[:-40])
    png = tmp_path / "image.ccsbak"
    png.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 64)
    assert _refusal(cut, committee_db.data_dir) == TRUNCATED_FR
    assert _refusal(png, committee_db.data_dir) == fr(
        "Ce fichier n'est pas une sauvegarde CCS (.ccsbak) : c'est une image PNG renommée. "
        "Rien n'a été modifié.")
    i18n.set_language("en")
    assert _refusal(cut, committee_db.data_dir) == (
        "The file is incomplete or was modified (integrity check failed): an interrupted "
        "copy, a USB stick removed too early, or tampering. Nothing was changed.")
    assert _refusal(png, committee_db.data_dir) == (
        "This file is not a CCS backup (.ccsbak): it is a renamed PNG image. Nothing was "
        "changed.")


def test_transmission_refused_by_restore_and_short_passphrase(committee_db: Database,
                                                              pair, tmp_path: Path,
                                                              english) -> None:  # noqa: ANN001
    from ccs_desktop.services.crss import keys

    keys.trust(committee_db, pair.public_key)
    sent = bk.create_transmission(committee_db, tmp_path / "usb").path
    with pytest.raises(UserError) as info:
        bk.restore(sent, tmp_path / "other", [keys.identity(pair)])
    assert str(info.value).startswith("This file is a transmission for the CRSS")
    with pytest.raises(UserError, match=r"^The passphrase must have at least 12 characters "
                                        r"\(it has 5\)\.$"):
        bk.create_backup(committee_db, tmp_path / "usb", "court")


def test_short_passphrase_in_french(committee_db: Database, tmp_path: Path) -> None:
    with pytest.raises(UserError) as info:
        bk.create_backup(committee_db, tmp_path / "usb", "court")
    assert str(info.value) == ("La phrase secrète doit compter au moins 12 caractères "
                               "(elle en a 5).")


def test_bad_snapshot_in_english(tmp_path: Path, english) -> None:  # noqa: ANN001
    """A snapshot that is not a CCS database: the snapshot checks speak English."""
    snap = tmp_path / "x.sqlite3"
    conn = rawdb.connect(snap)
    conn.execute("CREATE TABLE t (x)")
    conn.close()
    conn = sn.open_foreign(snap)
    try:
        with pytest.raises(sn.SnapshotError) as info:
            sn.check_schema(conn)
    finally:
        conn.close()
    assert str(info.value) == ("The content of the file is not a valid CCS database (schema "
                               "version missing). Nothing was changed.")


# --------------------------------------------------------------------------- progress

def _steps(db: Database, folder: Path, data_dir: Path) -> tuple[list[str], list[str]]:
    made: list[str] = []
    path = _backup(db, folder, progress=lambda d, t, msg: made.append(msg))
    restored: list[str] = []
    bk.restore(path, data_dir, [ct.PassphraseIdentity(PASS)],
               progress=lambda d, t, msg: restored.append(msg))
    return list(dict.fromkeys(made)), list(dict.fromkeys(restored))


def test_progress_messages_in_french(committee_db: Database, tmp_path: Path) -> None:
    made, restored = _steps(committee_db, tmp_path / "usb", tmp_path / "other")
    assert made == ["Copie cohérente de la base…", "Chiffrement…",
                    "Relecture et vérification…", "Vérification…", "Terminé."]
    assert restored == ["Déchiffrement et vérification…", "Mise à niveau et index de recherche…",
                        "Remplacement de la base…", "Restauration terminée."]


def test_progress_messages_in_english(committee_db: Database, tmp_path: Path,
                                      english) -> None:  # noqa: ANN001
    made, restored = _steps(committee_db, tmp_path / "usb", tmp_path / "other")
    assert made == ["Consistent copy of the database…", "Encrypting…",
                    "Reading back and checking…", "Checking…", "Done."]
    assert restored == ["Decrypting and checking…", "Upgrading and search index…",
                        "Replacing the database…", "Restore finished."]


# --------------------------------------------------------------------------- security settings

@pytest.fixture
def restored_elsewhere(committee_db: Database, pair, tmp_path: Path):  # noqa: ANN001, ANN201
    """A backup that trusts a CRSS key, restored into a database with other settings."""
    from ccs_desktop.services.crss import keys

    keys.trust(committee_db, pair.public_key)
    path = _backup(committee_db, tmp_path / "usb")
    committee_db.close()
    conn = rawdb.connect(committee_db.path)
    with conn:
        conn.execute("DELETE FROM settings WHERE key = ?", (sn.CRSS_KEY_SETTING,))
        conn.execute("UPDATE settings SET value = ? WHERE key = ?",
                     ("ab" * 32, sn.PSEUDONYM_SETTING))
    conn.close()
    return path, keys.fingerprint(pair.public_key)


def test_security_changes_in_french(restored_elsewhere, committee_db: Database) -> None:  # noqa: ANN001
    path, fp = restored_elsewhere
    manifest = _verify(path, committee_db.data_dir)
    changes = bk.security_changes(committee_db.data_dir, manifest["_security"])
    by_key = {c.key: c.describe() for c in changes}
    assert by_key[sn.CRSS_KEY_SETTING] == fr(
        "clé publique du CRSS de confiance : actuellement aucun(e) ; dans la sauvegarde "
        "empreinte {fp}").format(fp=fp)
    pseudonyms = re.escape(fr("secret des pseudonymes transmis au CRSS : actuellement valeur "
                              "{hex} ; dans la sauvegarde valeur {hex}"))
    assert re.fullmatch(pseudonyms.replace(re.escape("{hex}"), "[0-9a-f]{16}"),
                        by_key[sn.PSEUDONYM_SETTING]), by_key[sn.PSEUDONYM_SETTING]
    question = bk.describe_security_changes(changes)
    assert question.startswith(fr("Cette sauvegarde a des réglages de sécurité différents de "
                                  "ceux de la base actuelle :\n• "))
    result = bk.restore(path, committee_db.data_dir, [ct.PassphraseIdentity(PASS)])
    report = bk.security_report(result)
    assert report and all(line.startswith(fr("Réglage de sécurité conservé : "))
                          for line in report)
    assert bk.TRUST_AGAIN.startswith(fr("Faites de nouveau confiance à la clé du CRSS : "))


def test_security_changes_in_english(restored_elsewhere, committee_db: Database,
                                     english) -> None:  # noqa: ANN001
    path, fp = restored_elsewhere
    manifest = _verify(path, committee_db.data_dir)
    changes = bk.security_changes(committee_db.data_dir, manifest["_security"],
                                  authenticated=False)
    by_key = {c.key: c.describe() for c in changes}
    assert by_key[sn.CRSS_KEY_SETTING] == (
        f"trusted CRSS public key: currently none; in the backup fingerprint {fp}")
    question = bk.describe_security_changes(changes, authenticated=False)
    assert "Warning: the author of this file is not proven" in question
    assert not ACCENTED.search(question), question
    result = bk.restore(path, committee_db.data_dir, [ct.PassphraseIdentity(PASS)],
                        replace_security_settings=True)
    report = bk.security_report(result)
    assert report and all(line.startswith("Security setting replaced: ") for line in report)
    assert bk.TRUST_AGAIN == bk.trust_again() and bk.TRUST_AGAIN.startswith("Trust the CRSS")
    assert not ACCENTED.search("\n".join(report))


def test_fingerprints_are_the_same_data_in_both_languages(english) -> None:  # noqa: ANN001
    values = {sn.CRSS_KEY_SETTING: None, sn.PSEUDONYM_SETTING: "cd" * 32}
    en = bk.security_fingerprints(values)
    from ccs_desktop import i18n

    i18n.set_language("fr")
    assert bk.security_fingerprints(values) == en  # compared across a language change


# --------------------------------------------------------------------------- GUI

def test_restore_dialog_shows_the_service_description(qtbot, one_threat: dict,  # noqa: ANN001
                                                      committee_db: Database, tmp_path: Path,
                                                      monkeypatch) -> None:
    """The dialog shows `describe` of the service (no second version of it): kind,
    committee, authenticity, date, counts with their plural; then the restore result."""
    from ccs_desktop.ui.exchange import common
    from ccs_desktop.ui.exchange.dialogs import RestoreDialog

    monkeypatch.setattr(common.Prompts, "confirm", staticmethod(lambda *a, **k: True))
    path = sorted((tmp_path / "usb").rglob("*.ccsbak"))[-1]
    dialog = RestoreDialog(committee_db.data_dir)
    qtbot.addWidget(dialog)
    dialog._set_path(str(path))
    dialog.passphrase.setText(PASS)
    dialog.open_file()
    qtbot.waitUntil(lambda: not dialog.busy and dialog.manifest is not None, timeout=20000)
    shown = dialog.contents.text()
    assert shown == bk.describe(dialog.manifest)
    assert fr("Type : sauvegarde") in shown and fr("Authenticité : authentique") in shown
    assert ", 1 menace," in shown
    committee_db.close()
    dialog.restore()
    qtbot.waitUntil(lambda: not dialog.busy and dialog.restored is not None, timeout=20000)
    assert bk.contents_text(dialog.restored.manifest) in dialog.result.text()
    common.pool().waitForDone(10000)
