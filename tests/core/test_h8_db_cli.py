"""`ccs demo` accepts 1-2,000 committees and 1-30 years, refusing anything else in French
before touching the folder; `ccs init` and `ccs demo` create the database atomically."""

from __future__ import annotations

import rawdb  # noqa: I001  (tests/rawdb.py: test databases are SQLCipher files)
import pytest
from french import fr  # tests/french.py: the catalog's typography

from ccs_desktop.cli import build_parser, main
from ccs_desktop.db import engine as eng
from ccs_desktop.paths import DB_FILENAME


@pytest.mark.parametrize("option,value", [
    ("--committees", "0"), ("--committees", "2001"), ("--committees", "-3"),
    ("--committees", "beaucoup"), ("--years", "0"), ("--years", "31"), ("--years", "1.5"),
    ("--seed", "graine"),
])
def test_demo_out_of_range_is_refused_in_french(tmp_path, capsys, option, value):
    folder = tmp_path / "d"
    with pytest.raises(SystemExit) as info:
        main(["demo", "--data-dir", str(folder), option, value])
    assert info.value.code == 2
    err = capsys.readouterr().err
    assert "invalid" not in err and "value" not in err
    assert ("hors limites" in err) or (fr("n'est pas un nombre entier") in err), err
    assert not folder.exists()


def test_demo_limits_are_accepted():
    args = build_parser().parse_args(["demo", "--committees", "2000", "--years", "30"])
    assert (args.committees, args.years) == (2000, 30)
    args = build_parser().parse_args(["demo", "--committees", "1", "--years", "1"])
    assert (args.committees, args.years) == (1, 1)


def test_init_on_a_new_folder_makes_a_configured_database_and_nothing_else(tmp_path, capsys):
    folder = tmp_path / "new"
    assert main(["init", "--data-dir", str(folder), "--level", "commune", "--region",
                 "Tombouctou", "--cercle", "Tombouctou", "--commune", "Alafia",
                 "--chair", "Awa TRAORE"]) == 0
    assert sorted(p.name for p in folder.iterdir()) == rawdb.DATABASE_FILES
    assert main(["init", "--data-dir", str(folder), "--level", "commune", "--region",
                 "Tombouctou", "--cercle", "Tombouctou", "--commune", "Alafia"]) == 1
    assert "déjà un comité" in capsys.readouterr().err


def test_init_refused_leaves_no_database(tmp_path, capsys):
    folder = tmp_path / "new"
    assert main(["init", "--data-dir", str(folder), "--level", "commune",
                 "--region", "Tombouctou"]) == 1
    assert "obligatoire" in capsys.readouterr().err
    assert not eng.database_exists(folder)
    assert not (folder / DB_FILENAME).exists()


def test_init_configures_a_database_the_application_created(tmp_path):
    folder = tmp_path / "opened-once"
    eng.open_database(folder).close()  # the GUI opened it, its assistant was not finished
    assert main(["init", "--data-dir", str(folder), "--level", "commune", "--region",
                 "Tombouctou", "--cercle", "Tombouctou", "--commune", "Alafia"]) == 0
