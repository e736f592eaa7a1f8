"""Issue 9, the `ccs` command in the catalog's language: French by default whatever the locale
says, English with `ccs --lang en` or CCS_LANG=en, the help and argparse's own messages
included, and counts with the right plural."""

from __future__ import annotations

import argparse
import ast
import gettext
import os
import re
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from french import fr  # tests/french.py: the catalog's typography

from ccs_desktop import cli, i18n
from ccs_desktop.cli import common

ROOT = Path(__file__).resolve().parents[2]
ACCENTED = re.compile(r"[À-ÖØ-öø-ÿŒœ«»\u202f]")
NNBSP = "\u202f"
NBSP = "\u00a0"  # before « : ; ! ? » and inside « » (the catalog's typography)
NAME = "Comité Consultatif de Sécurité de la Commune d'Alzounoub"  # data: French whatever


def run(capsys, *argv: str) -> tuple[int, str, str]:
    try:
        code = cli.main(list(argv))
    except SystemExit as exc:  # help and usage errors
        code = exc.code
    out, err = capsys.readouterr()
    return code, out, err


def _init(capsys, folder: Path, *lang: str) -> tuple[int, str, str]:
    return run(capsys, *lang, "init", "--data-dir", str(folder), "--level", "commune",
               "--region", "Tombouctou", "--cercle", "Goundam", "--commune", "Alzounoub",
               "--chair", "Yehya Konta")


# --------------------------------------------------------------------------- help

def test_help_in_english_with_lang_en(capsys):
    code, out, _ = run(capsys, "--lang", "en", "--help")
    assert code == 0
    assert out.startswith("usage: ccs [-h] [--verbose] [--lang {fr,en}] COMMAND ...")
    assert "CCS Desktop on the command line: registers of the Security Advisory" in out
    assert "show this help message and exit" in out and "\ncommands:\n" in out
    assert "creates a demonstration database (fictitious people)" in out
    assert not ACCENTED.search(out), ACCENTED.findall(out)
    assert i18n.language() == "fr"  # for that command only
    assert argparse._ is gettext.gettext  # argparse given its own back


def test_subcommand_help_in_english(capsys):
    code, out, _ = run(capsys, "--lang=en", "backup", "restore", "--help")
    assert code == 0
    assert out.startswith("usage: ccs backup restore [-h] [--data-dir FOLDER]")
    assert "positional arguments:" in out and "FILE" in out
    assert "without a progress bar" in out and "private key of the CRSS" in out
    assert not ACCENTED.search(out), ACCENTED.findall(out)


def test_help_in_french_by_default(capsys):
    code, out, _ = run(capsys, "--help")
    assert code == 0
    assert out.startswith(fr("utilisation : ccs [-h] [--verbose] [--lang {fr,en}] COMMANDE ..."))
    # the documents' capitals: « Comités consultatifs de sécurité » in running text
    assert (fr("CCS Desktop en ligne de commande : registres des Comités consultatifs de")
            + "\nsécurité.") in out
    assert "affiche cette aide et quitte" in out and "\ncommandes:\n" in out
    assert "crée une base de démonstration (personnes fictives)" in out
    assert "usage" not in out and "show this" not in out


def test_help_is_french_under_an_english_locale():
    env = {k: v for k, v in os.environ.items()
           if k not in ("LANG", "LANGUAGE", "LC_MESSAGES", i18n.ENV_LANG)}
    env.update(LC_ALL="C.UTF-8", PYTHONPATH=str(ROOT), PYTHONIOENCODING="utf-8")
    done = subprocess.run([sys.executable, "-m", "ccs_desktop.cli", "--help"], env=env,
                          capture_output=True, text=True, encoding="utf-8", timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith(fr("utilisation : ccs "))
    assert "affiche cette aide et quitte" in done.stdout
    assert "journal détaillé" in done.stdout and "usage:" not in done.stdout
    env[i18n.ENV_LANG] = "en"
    done = subprocess.run([sys.executable, "-m", "ccs_desktop.cli", "--help"], env=env,
                          capture_output=True, text=True, encoding="utf-8", timeout=120)
    assert done.returncode == 0 and done.stdout.startswith("usage: ccs "), done.stderr
    assert not ACCENTED.search(done.stdout)


# --------------------------------------------------------------------------- usage errors

def test_missing_argument_in_french_and_in_english(capsys):
    code, _, err = run(capsys, "init")
    assert code == 2
    # (--user and --password-file since the encrypted database, issue 11)
    assert err.startswith(fr("utilisation : ccs init [-h] [--data-dir DOSSIER] [--user NOM]"))
    assert err.endswith(fr("ccs init : erreur : arguments obligatoires manquants : --level, "
                           "--region\n"))
    code, _, err = run(capsys, "--lang", "en", "init")
    assert code == 2
    assert err.startswith("usage: ccs init [-h] [--data-dir FOLDER] [--user NAME]")
    assert err.endswith("ccs init: error: the following arguments are required: --level, "
                        "--region\n")
    assert not ACCENTED.search(err)


def test_argparse_errors_in_both_languages(capsys):
    # argparse quotes a value with repr (straight quotes, not typeset): those lines spell
    # the non-breaking spaces out; the others are typeset by fr()
    cases = [
        (("list", "nothing"),
         f"ccs list{NBSP}: erreur{NBSP}: argument TYPE{NBSP}: choix invalide{NBSP}: 'nothing' "
         f"(valeurs possibles{NBSP}: 'meetings', 'threats', 'vulnerabilities', "
         "'recommendations', 'activities', 'people')",
         "ccs list: error: argument TYPE: invalid choice: 'nothing' (choose from 'meetings', "
         "'threats', 'vulnerabilities', 'recommendations', 'activities', 'people')"),
        (("info", "--bogus"), fr("ccs : erreur : arguments non reconnus : --bogus"),
         "ccs: error: unrecognized arguments: --bogus"),
        (("info", "--data-dir"),
         fr("ccs info : erreur : argument --data-dir : une valeur est attendue"),
         "ccs info: error: argument --data-dir: expected one argument"),
        (("--verbose=3", "info"),
         f"ccs{NBSP}: erreur{NBSP}: argument --verbose/-v{NBSP}: valeur inattendue '3'",
         "ccs: error: argument --verbose/-v: ignored explicit argument '3'"),
        (("crss", "log", "--limit", "x"),
         f"ccs crss log{NBSP}: erreur{NBSP}: argument --limit{NBSP}: nombre entier "
         f"invalide{NBSP}: 'x'",
         "ccs crss log: error: argument --limit: invalid whole number: 'x'"),
        (("demo", "--years", "x"),
         fr("ccs demo : erreur : argument --years : « x » n'est pas un nombre entier "
            "(de 1 à 30)."),
         "ccs demo: error: argument --years: “x” is not a whole number (from 1 to 30)."),
        (("demo", "--committees", "5000"),
         fr(f"ccs demo : erreur : argument --committees : 5000 est hors limites : de 1 à "
            f"2{NNBSP}000."),
         "ccs demo: error: argument --committees: 5000 is out of range: from 1 to 2,000."),
    ]
    for argv, french, english in cases:
        code, _, err = run(capsys, *argv)
        assert code == 2 and err.endswith(french + "\n"), err
        code, _, err = run(capsys, "--lang", "en", *argv)
        assert code == 2 and err.endswith(english + "\n"), err
        assert "utilisation" not in err and not ACCENTED.search(err.replace("“", "")), err


def test_ccs_lang_environment_variable(capsys, monkeypatch):
    monkeypatch.setenv(i18n.ENV_LANG, "en")
    code, _, err = run(capsys, "init")
    assert code == 2 and "ccs init: error: the following arguments are required" in err
    # --lang wins over CCS_LANG
    code, _, err = run(capsys, "--lang", "fr", "init")
    assert code == 2 and fr("ccs init : erreur : arguments obligatoires manquants") in err


def test_the_language_asked_is_read_before_the_parser():
    asked = cli._language_asked
    assert asked(["--lang", "en", "--help"]) == "en"
    assert asked(["-v", "--lang=en", "info"]) == "en"
    assert asked(["--la", "en"]) == "en"
    assert asked(["--help", "--lang", "en"]) == "en"  # help asked first: still English
    assert asked(["info", "--lang", "en"]) is None  # not an option of the subcommand
    assert asked(["list", "people", "--search", "--lang"]) is None
    assert asked(["--lang"]) is None and asked([]) is None


def test_every_argparse_message_a_user_can_see_has_french():
    """argparse's user messages of the running Python are declared (N_) and translated."""
    source = Path(argparse.__file__).read_text(encoding="utf-8")
    found = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) \
                and node.func.id in ("_", "ngettext") and node.args \
                and isinstance(node.args[0], ast.Constant):
            found.add(node.args[0].value)
    programmer_errors = {  # a mistake in a parser's definition, never a user's
        "'required' is an invalid argument for positionals", ".__call__() not defined",
        "%r is not callable", 'argument "-" with mode %r',
        "cannot have multiple subparser arguments",
        "cannot merge actions - two groups are named %r", "conflicting option string: %s",
        "conflicting subparser alias: %s", "conflicting subparser: %s",
        "dest= is required for options like %r", "invalid conflict_resolution value: %r",
        "invalid option string %(option)r: must start with a character %(prefix_chars)r",
        "mutually exclusive arguments must be optional",
    }
    declared = set(common.ARGPARSE_MESSAGES) | {"expected %s argument"}
    assert found - programmer_errors <= declared, found - programmer_errors - declared
    for message in common.ARGPARSE_MESSAGES:
        assert i18n.lookup(None, message, lang="fr"), message
    assert common.ARGPARSE_PLURALS[0](1) == "%s valeur attendue"
    assert common.ARGPARSE_PLURALS[0](2) == "%s valeurs attendues"


# --------------------------------------------------------------------------- real commands

def test_init_and_info_in_french(capsys, tmp_path):
    folder = tmp_path / "fr"
    code, out, err = _init(capsys, folder)
    assert code == 0, err
    assert err.startswith(fr("Comité configuré : ") + f"{NAME} (CCSC-ALZOUNOUB) dans ")
    code, out, err = run(capsys, "info", "--data-dir", str(folder))
    assert code == 0
    lines = out.splitlines()
    assert lines[1] == fr("Région : Tombouctou ; cercle : Goundam ; commune : Alzounoub")
    assert lines[2:] == [fr(line) for line in (
        "Réunions : 0", "Menaces : 0", "Vulnérabilités : 0", "Recommandations : 0",
        "Activités : 0", "Personnes : 1")]
    code, out, err = _init(capsys, folder)
    assert code == 1 and err == fr("ccs : Cette base a déjà un comité configuré.\n")


def test_init_and_info_in_english(capsys, tmp_path):
    folder = tmp_path / "en"
    code, out, err = _init(capsys, folder, "--lang", "en")
    assert code == 0, err
    assert err.startswith(f"Committee set up: {NAME} (CCSC-ALZOUNOUB) in ")
    code, out, err = run(capsys, "--lang", "en", "info", "--data-dir", str(folder))
    assert code == 0
    lines = out.splitlines()
    assert lines[1] == "Region: Tombouctou; cercle: Goundam; commune: Alzounoub"
    assert lines[2:] == ["Meetings: 0", "Threats: 0", "Vulnerabilities: 0",
                         "Recommendations: 0", "Activities: 0", "People: 1"]
    code, out, err = _init(capsys, folder, "--lang", "en")
    assert code == 1 and err == "ccs: This database already has a committee set up.\n"
    # the data stays French whatever the language: the chair's function is stored
    code, out, _ = run(capsys, "--lang", "en", "list", "people", "--data-dir", str(folder),
                       "--json")
    assert '"function": "Président du CCS"' in out


def test_list_counts_with_the_right_plural(capsys, tmp_path):
    folder = tmp_path / "d"
    assert _init(capsys, folder)[0] == 0
    for kind, n in (("meetings", 0), ("people", 1)):
        code, _, err = run(capsys, "list", kind, "--data-dir", str(folder))
        assert code == 0 and err == f"{n} enregistrement.\n"
    code, _, err = run(capsys, "--lang", "en", "list", "people", "--data-dir", str(folder))
    assert err == "1 record.\n"
    code, _, err = run(capsys, "--lang", "en", "list", "meetings", "--data-dir", str(folder))
    assert err == "0 records.\n"


def test_list_of_a_demo_counts_in_the_plural(capsys, demo_db):
    demo_db.close()
    code, out, err = run(capsys, "list", "people", "--data-dir", str(demo_db.data_dir))
    n = len(out.splitlines())
    assert code == 0 and n > 1 and err == f"{n} enregistrements.\n"


def test_crss_import_summary_plural(capsys, monkeypatch, tmp_path):
    from ccs_desktop.services.crss import importer, keys

    class Report:
        def __init__(self, ok: bool) -> None:
            self.ok = ok

        def summary(self) -> str:
            return "rapport"

    class Db:
        def close(self) -> None:
            pass

    results: list = []
    monkeypatch.setattr(keys, "read_private_key", lambda path, secret: b"k")
    monkeypatch.setattr(keys, "identity", lambda key: object())
    monkeypatch.setattr(importer, "open_crss_database", lambda data_dir: Db())
    monkeypatch.setattr(importer, "import_paths", lambda db, paths, ids, progress: results)
    pw = tmp_path / "pw.txt"
    pw.write_text("secret\n", encoding="utf-8")
    argv = ("crss", "import", str(tmp_path), "--identity", "crss.key", "--passphrase-file",
            str(pw), "-q")
    expected = [((True,), "1 fichier importé, 0 refusé.", "1 file imported, 0 refused."),
                ((True, True, False), "2 fichiers importés, 1 refusé.",
                 "2 files imported, 1 refused."),
                ((False, False), "0 fichier importé, 2 refusés.",
                 "0 files imported, 2 refused.")]
    for oks, french, english in expected:
        results[:] = [Report(ok) for ok in oks]
        _, out, _ = run(capsys, *argv)
        assert out.splitlines()[-1] == french
        _, out, _ = run(capsys, "--lang", "en", *argv)
        assert out.splitlines()[-1] == english
    results[:] = []
    assert run(capsys, *argv)[2] == fr("ccs : Aucun fichier .ccsbak trouvé.\n")
    assert run(capsys, "--lang", "en", *argv)[2] == "ccs: No .ccsbak file found.\n"


def test_database_messages_in_both_languages(english):
    message = cli._database_message(sqlite3.OperationalError("database is locked"))
    assert message.startswith("ccs: the database is in use by another program")
    i18n.set_language("fr")
    assert cli._database_message(sqlite3.DatabaseError("file is not a database")) == fr(
        "ccs : la base de données ne peut pas être lue : le fichier est endommagé ou n'est "
        "pas une base CCS Desktop. Restaurez la dernière sauvegarde (« ccs backup restore ») "
        "ou une copie automatique.")


def test_output_path_refusals_in_both_languages(tmp_path, english):
    with pytest.raises(common.CliError) as err:
        common.check_output_path(tmp_path / "absent" / "x.pdf", tmp_path / "data", False)
    assert str(err.value) == f"The folder “{tmp_path / 'absent'}” does not exist."
    i18n.set_language(None)
    with pytest.raises(common.CliError) as err:
        common.check_output_path(tmp_path / "absent" / "x.pdf", tmp_path / "data", False)
    assert str(err.value) == fr("Le dossier « {} » n'existe pas.").format(tmp_path / "absent")
