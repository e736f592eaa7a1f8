"""Issue 8: the command line never shows a traceback or English, and never prints terminal
control characters from the data raw (ANSI escapes, C1 controls, bidirectional overrides)."""

from __future__ import annotations

import rawdb  # noqa: I001  (tests/rawdb.py: test databases are SQLCipher files)
import json
import sqlite3
import os
import subprocess
import sys
from pathlib import Path

import pytest
from french import fr  # tests/french.py: the catalog's typography

from ccs_desktop import cli
from ccs_desktop.cli.common import printable
from ccs_desktop.services.hub import Services

ROOT = Path(__file__).resolve().parents[2]
HOSTILE = "Moussa\x1b]0;pwned\x07\x1b[2J\u202eFDP\x9b31m\x00\x7f"


def _is_clean(text: str) -> bool:
    return not any(
        (ord(c) < 32 and c not in "\n\t") or 0x7F <= ord(c) <= 0x9F
        or c in "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c"
        for c in text)


def test_printable_escapes_controls_and_keeps_text():
    assert printable("Aïssata TOURÉ, Tombouctou\tx\ny") == "Aïssata TOURÉ, Tombouctou\tx\ny"
    assert printable("a\x1b[31mb") == "a\\x1b[31mb"
    assert printable("\u202eabc") == "\\u202eabc"
    assert printable("\x9b\x85\x7f\x00") == "\\x9b\\x85\\x7f\\x00"
    assert printable("a\nb", keep="") == "a\\x0ab"
    assert _is_clean(printable(HOSTILE))


@pytest.fixture
def hostile_folder(committee_db):
    # the services refuse control characters now; such names still come from older versions
    # or from the CRSS, so they are written behind the services' back
    sv = Services(committee_db)
    person = sv.people.create(given_names="Awa", family_name="KEITA", sex="H",
                              category="autres", function="Membre")
    con = rawdb.connect(committee_db.path)
    with con:
        con.execute("UPDATE people SET given_names = ?, family_name = ?, function = ? "
                    "WHERE id = ?", (HOSTILE, "KEITA\tDIARRA\nFAUX", HOSTILE, person.id))
    con.close()
    committee_db.close()
    return committee_db.data_dir


def test_list_and_info_never_print_raw_controls(hostile_folder, capsys):
    assert cli.main(["list", "people", "--data-dir", str(hostile_folder)]) == 0
    out, err = capsys.readouterr()
    assert _is_clean(out) and _is_clean(err)
    lines = out.splitlines()
    assert len(lines) == 1 and lines[0].count("\t") == 3  # one record, its four columns
    assert "\\x1b" in out and "\\u202e" in out

    assert cli.main(["list", "people", "--json", "--data-dir", str(hostile_folder)]) == 0
    out, _err = capsys.readouterr()
    assert _is_clean(out)
    assert json.loads(out)[0]["given_names"] == HOSTILE  # the same value, safely written

    assert cli.main(["info", "--data-dir", str(hostile_folder)]) == 0
    out, err = capsys.readouterr()
    assert _is_clean(out) and _is_clean(err)


def test_a_hostile_file_name_in_an_error_is_escaped(tmp_path, capsys):
    folder = tmp_path / "dossier\x1b[2J\u202e"
    code = cli.main(["info", "--data-dir", str(folder)])
    _out, err = capsys.readouterr()
    assert code == 1
    assert _is_clean(err) and "\\x1b[2J" in err


def test_unexpected_error_is_french_without_traceback(committee_db, capsys, monkeypatch):
    committee_db.close()
    import ccs_desktop.cli.core as core

    def boom(_args):
        raise RuntimeError("unexpected internal failure in English \x1b[2J")

    monkeypatch.setattr(core, "cmd_info", boom)
    parser_handler = cli.build_parser().parse_args(["info"]).handler
    assert parser_handler is boom
    monkeypatch.delenv("CCS_DEBUG", raising=False)
    code = cli.main(["info", "--data-dir", str(committee_db.data_dir)])
    _out, err = capsys.readouterr()
    assert code == 1
    assert "erreur interne inattendue" in err and "CCS_DEBUG=1" in err
    assert "Traceback" not in err and "English" not in err and "unexpected" not in err
    monkeypatch.setenv("CCS_DEBUG", "1")
    code = cli.main(["info", "--data-dir", str(committee_db.data_dir)])
    _out, err = capsys.readouterr()
    assert code == 1 and "Traceback" in err and _is_clean(err)


def test_raw_sqlite_errors_become_french(committee_db, capsys, monkeypatch):
    import sqlite3

    from sqlalchemy.exc import OperationalError

    committee_db.close()
    import ccs_desktop.cli.core as core

    def locked(_args):
        raise OperationalError("SELECT 1", {}, sqlite3.OperationalError("database is locked"))

    monkeypatch.setattr(core, "cmd_info", locked)
    code = cli.main(["info", "--data-dir", str(committee_db.data_dir)])
    _out, err = capsys.readouterr()
    assert code == 1 and "occupée par un autre programme" in err
    assert "sqlalche" not in err.lower() and "locked" not in err


def test_damaged_database_in_a_subprocess_is_french(tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    (data / "ccs.sqlite3").write_bytes(os.urandom(8192))
    env = dict(os.environ, PYTHONPATH=str(ROOT), PYTHONIOENCODING="utf-8")
    env.pop("CCS_DEBUG", None)
    done = subprocess.run([sys.executable, "-m", "ccs_desktop.cli", "info", "--data-dir",
                           str(data)], capture_output=True, text=True, encoding="utf-8",
                          env=env, timeout=60)
    assert done.returncode == 1
    assert "Traceback" not in done.stderr and "sqlite3." not in done.stderr
    assert "inattendue :" not in done.stderr  # no raw exception text after the word
    assert done.stderr.startswith(fr("ccs : "))
