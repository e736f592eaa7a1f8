"""Issue 9, the CRSS import, its conflicts, keys and register, the generic validation
messages and the structural row checks speak the interface's language (French by default,
unchanged); what the import log keeps is data and stays French whatever the language."""

from __future__ import annotations

from french import fr  # noqa: I001  (tests/french.py: the catalog's French is typeset)
import json
import re
import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import exc as sa_exc

from ccs_desktop.services import validation as v
from ccs_desktop.services.crss import conflicts, importer, keys, register
from ccs_desktop.services.errors import UserError, ValidationError
from ccs_desktop.services.hub import Services
from ccs_desktop.services.rowcheck import check_row

ACCENTED = re.compile(r"[À-ÿ«»]")
BAD_DATE = ("UPDATE meetings SET date = 'pas-une-date' WHERE id = "
            "(SELECT MIN(id) FROM meetings)")
ONE_ROW_FR = fr("1 ligne invalide : fichier refusé en entier, rien n'a été modifié. Demandez "
                "au comité de corriger et de renvoyer son fichier.")
ONE_ROW_EN = ("1 invalid row: file refused whole, nothing was changed. Ask the committee to "
              "correct and send its file again.")
DATE_FR = fr("meetings.date : « pas-une-date » n'est pas une date (AAAA-MM-JJ)")
COLON_FR = "\u00a0: "  # what joins the row to its reason, typeset as the catalog sets it
DATE_EN = "meetings.date: “pas-une-date” is not a date (YYYY-MM-DD)"


def _refuse_bad_date(forge, crss):  # noqa: ANN001, ANN202
    rep = importer.import_file(crss, forge.make("date.ccsbak", BAD_DATE), forge.identities)
    assert not rep.ok
    return rep, importer.import_log(crss)[0]


def test_forged_file_refused_in_french(forge, crss) -> None:
    rep, entry = _refuse_bad_date(forge, crss)
    assert rep.message.startswith(ONE_ROW_FR + " meetings "), rep.message
    assert rep.message.endswith(COLON_FR + DATE_FR)
    assert entry.message == rep.message
    (reason,) = json.loads(entry.details)["raisons"]
    assert reason.endswith(COLON_FR + DATE_FR)


def test_forged_file_refused_in_english_logged_in_french(forge, crss, english) -> None:
    rep, entry = _refuse_bad_date(forge, crss)
    assert rep.message.startswith(ONE_ROW_EN + " meetings "), rep.message
    assert rep.message.endswith(": " + DATE_EN)
    assert not ACCENTED.search(rep.message), rep.message
    assert rep.summary().endswith(": refused — " + rep.message)
    # the import log is data: French, whatever the interface speaks
    assert entry.message.startswith(ONE_ROW_FR) and entry.message.endswith(DATE_FR)
    (reason,) = json.loads(entry.details)["raisons"]
    assert reason.endswith(COLON_FR + DATE_FR)


def test_invalid_rows_plural(forge, crss, english) -> None:
    bad = forge.make("dates.ccsbak", "UPDATE meetings SET date = 'hier'")
    rep = importer.import_file(crss, bad, forge.identities)
    n = int(rep.message.split()[0])
    assert n > 5
    assert rep.message.startswith(f"{n} invalid rows: file refused whole")
    assert rep.message.endswith(f" ; … ({n} problems, see the import log)")
    entry = importer.import_log(crss)[0]
    assert entry.message.startswith(fr(f"{n} lignes invalides : fichier refusé en entier"))
    assert entry.message.endswith(f" ; … ({n} problèmes, voir le journal des imports)")


def test_bad_manifest_both_languages(forge, crss, english) -> None:
    bad = forge.make("manifeste.ccsbak",
                     manifest=lambda man: (man["committee"].update(name="N" * 250), man)[1])
    rep = importer.import_file(crss, bad, forge.identities)
    assert rep.message == ("Invalid file manifest (committee field “name” invalid): file "
                           "refused, nothing was changed.")
    assert importer.import_log(crss)[0].message == fr(
        "Manifeste du fichier invalide (champ « name » du comité invalide) : fichier refusé, "
        "rien n'a été modifié.")
    crss_file = forge.make("crss.ccsbak", manifest=lambda man: {**man, "committee": None})
    rep = importer.import_file(crss, crss_file, forge.identities)
    assert rep.message == ("This file does not come from a committee (a CRSS database?): it "
                           "is not imported.")
    assert importer.import_log(crss)[0].message == fr(
        "Ce fichier ne vient pas d'un comité (base CRSS ?) : il n'est pas importé.")


def test_unexpected_failure_shown_in_english_logged_in_french(forge, crss, monkeypatch,
                                                              english) -> None:
    def boom(*args: object) -> None:
        raise sqlite3.DatabaseError("database disk image is malformed")

    monkeypatch.setattr(importer, "_merge", boom)
    rep = importer.import_file(crss, forge.make("x.ccsbak"), forge.identities)
    assert rep.message.startswith("File refused: its database is damaged")
    assert importer.import_log(crss)[0].message.startswith(
        fr("Fichier refusé : sa base de données est endommagée"))


def test_missing_path_and_progress(forge, crss, tmp_path: Path, english) -> None:
    steps: list[str] = []
    good = forge.make("bon.ccsbak")
    reports = importer.import_paths(crss, [tmp_path / "absent.ccsbak", good],
                                    forge.identities, lambda i, n, text: steps.append(text))
    assert reports[0].message.startswith("File or folder not found: “")
    assert steps == ["Importing bon.ccsbak…", "Import finished."]
    assert re.fullmatch(r"bon\.ccsbak \(\S+\): \d+ new, 0 updated, 0 unchanged, \d+ deleted, "
                        r"0 refused, 0 conflicts", reports[1].summary()), reports[1].summary()


def test_summary_plurals(tmp_path: Path) -> None:
    rep = importer.ImportReport(tmp_path / "a.ccsbak", "ok", committee_code="CCSC-X")
    rep.counts.update(new=1, updated=1, unchanged=2, deleted=0, refused=1, conflicts=2)
    assert rep.summary() == fr("a.ccsbak (CCSC-X) : 1 nouveau, 1 mis à jour, 2 inchangés, "
                               "0 supprimé, 1 refusé, 2 conflits")


def test_summary_plurals_english(tmp_path: Path, english) -> None:
    rep = importer.ImportReport(tmp_path / "a.ccsbak", "ok", committee_code="CCSC-X")
    rep.counts.update(new=1, conflicts=1, refused=2)
    assert rep.summary() == ("a.ccsbak (CCSC-X): 1 new, 0 updated, 0 unchanged, 0 deleted, "
                             "2 refused, 1 conflict")


def test_committee_folder_refused(rich_db, english) -> None:
    with pytest.raises(UserError) as err:
        importer.check_crss_target(rich_db)
    assert str(err.value).startswith("This folder is a committee's (")
    assert "Nothing was changed." in str(err.value)


def test_conflicts_register_keys(crss, english) -> None:
    assert conflicts.table_label("threat_assessments") == "threat assessment"
    assert register.status_label("non_fonctionnel") == "Not working"
    with pytest.raises(ValidationError, match="^Unknown choice: keep the CRSS version"):
        conflicts.settle(crss, 1, "both")
    with pytest.raises(UserError, match="^This conflict no longer exists.$"):
        conflicts.settle(crss, 999, conflicts.KEEP)
    with pytest.raises(ValidationError, match="^Expected committee not found.$"):
        register.update_entry(crss, 10**9, notes="x")
    with pytest.raises(UserError, match=r"^This file is not a valid CRSS public key"):
        keys.parse_public_key("rien")
    rows = register.list_register(crss, status="inconnu")
    assert rows and rows[0].status_label == "Unknown"


def test_conflicts_register_keys_french(crss) -> None:
    assert conflicts.table_label("threat_assessments") == "évaluation de menace"
    assert register.status_label("installe") == "Installé"
    gone = fr("Ce conflit n'existe plus.")
    with pytest.raises(UserError, match="^" + re.escape(gone) + "$"):
        conflicts.settle(crss, 999, conflicts.KEEP)
    not_a_key = fr("Ce fichier n'est pas une clé publique du CRSS (crss.pub) valide.")
    with pytest.raises(UserError, match="^" + re.escape(not_a_key) + "$"):
        keys.parse_public_key("rien")


def test_rowcheck_languages(english) -> None:
    from ccs_desktop import i18n

    row = {"id": 1, "name": b"x"}
    assert "<1 byte>" in " ".join(check_row("committees", row))
    assert "<1 octet>" in " ".join(check_row("committees", row, i18n.french()))
    assert check_row("nope", {}) == ["unknown table “nope”"]
    assert check_row("nope", {}, i18n.french()) == [fr("table inconnue « nope »")]


# --- validation.py through a real service call -----------------------------------------------

def test_validation_message_french(committee_db) -> None:
    with pytest.raises(ValidationError) as err:
        Services(committee_db).meetings.create(date="32/13/2024")
    assert err.value.errors["date"] == fr("Date de la réunion : date incorrecte « 32/13/2024 » "
                                          "(attendu : AAAA-MM-JJ, par exemple 2024-03-02).")


def test_validation_message_english(committee_db, english) -> None:
    with pytest.raises(ValidationError) as err:
        Services(committee_db).meetings.create(date="32/13/2024", start_time="25 h")
    # the label is the caller's (its helper translates it); the sentence is ours
    date = err.value.errors["date"]
    assert date.endswith(": incorrect date “32/13/2024” (expected: YYYY-MM-DD, for example "
                         "2024-03-02)."), date
    assert not ACCENTED.search(date.split(":", 1)[1])
    assert err.value.errors["start_time"].endswith(
        ": incorrect time “25 h” (expected: 10:00).")


def test_validation_helpers_english(english) -> None:
    errors: dict[str, str] = {}
    v.as_text("x" * 5, "Title", errors, "t", max_len=3)
    v.as_text("a\nb", "Place", errors, "p")
    v.as_int(0, "Number", errors, "n", 1, 999)
    assert errors == {"t": "Title: 5 characters, at most 3.",
                      "p": "Place: this text contains a line break; type it again.",
                      "n": "Number: “0” is out of range (1 to 999)."}
    refusal = v.french_database_refusal(sa_exc.IntegrityError(
        "INSERT", {}, Exception("CHECK constraint failed: likelihood")))
    assert str(refusal) == "Likelihood: choose a value from 1 to 5."


def test_validation_helpers_french() -> None:
    errors: dict[str, str] = {}
    v.as_text("x" * 5, "Intitulé", errors, "t", max_len=3)
    v.as_text("a\x07b", "Lieu", errors, "p")
    v.as_bool("peut-être", "Membre", errors, "b")
    assert errors == {"t": fr("Intitulé : 5 caractères, au plus 3."),
                      "p": fr("Lieu : ce texte contient un caractère de contrôle (code 7) ; "
                              "retapez-le."),
                      "b": fr("Membre : oui ou non attendu, pas « peut-être ».")}
    refusal = v.french_database_refusal(sa_exc.IntegrityError(
        "INSERT", {}, Exception("CHECK constraint failed: impact")))
    assert str(refusal) == fr("Gravité : choisissez une valeur de 1 à 5.")
