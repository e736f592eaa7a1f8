"""Issue 8, review of the CRSS import: text that is not UTF-8 refuses the file with a
precise French reason (never a traceback or English on the terminal), an unexpected SQLite
error on the file says the file is damaged (not the disk of the CRSS), and a committee's
data folder is never turned into a CRSS by an import."""

from __future__ import annotations

from french import fr  # noqa: I001  (tests/french.py: the catalog's French is typeset)
import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from ccs_desktop import paths
from ccs_desktop.services.crss import importer, keys
from ccs_desktop.services.errors import UserError
from ccs_desktop.services.exchange import snapshot as sn

from .conftest import PASS, dump
from .test_h8_import_forge import Forge

ROOT = Path(__file__).resolve().parents[2]
BAD_UTF8 = ("UPDATE meetings SET place = CAST(x'ff41' AS TEXT) "
            "WHERE id = (SELECT MIN(id) FROM meetings)")


def _data(path: Path) -> dict:
    return {t: rows for t, rows in dump(path).items() if t != "crss_import_log"}


def _key_files(pair, tmp_path: Path) -> tuple[Path, Path]:  # noqa: ANN001
    priv, _pub = keys.write_key_files(pair, tmp_path / "cles", PASS)
    pw = tmp_path / "pw.txt"
    pw.write_text(PASS + "\n", encoding="utf-8")
    return priv, pw


def _cli(*argv: str) -> subprocess.CompletedProcess:
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    env.pop("CCS_DEBUG", None)
    return subprocess.run([sys.executable, "-m", "ccs_desktop.cli", *argv],
                          capture_output=True, text=True, env=env, timeout=180)


@pytest.mark.parametrize("sql, where", [
    (BAD_UTF8, "meetings.place"),
    ("UPDATE people SET family_name = CAST(x'c328' AS TEXT) "
     "WHERE id = (SELECT MIN(id) FROM people)", "people.family_name"),
    ("UPDATE agenda_items SET discussion = CAST(x'41eda080' AS TEXT)", "agenda_items.discussion"),
    ("UPDATE threat_types SET label = CAST(x'80' AS TEXT) WHERE code = "
     "(SELECT MIN(code) FROM threat_types)", "threat_types.label"),
], ids=["meeting-place", "person-name", "surrogate", "threat-type"])
def test_text_not_utf8_refuses_the_file_with_a_precise_reason(forge, crss, sql,
                                                              where) -> None:
    bad = forge.make("utf8.ccsbak", sql)
    good = forge.make("bon.ccsbak")
    before = _data(crss.path)
    rep, ok = importer.import_paths(crss, [bad, good], forge.identities)
    assert not rep.ok
    assert where in rep.message and "UTF-8" in rep.message, rep.message
    assert "disque" not in rep.message and "decode" not in rep.message.lower()
    entry = importer.import_log(crss)[-1]
    assert entry.status == "refused"
    assert any(where in r for r in json.loads(entry.details)["raisons"])
    assert ok.ok, ok.message  # the next file is imported
    after = importer.open_crss_database(crss.data_dir.parent / "seul")
    try:
        assert importer.import_file(after, good, forge.identities).ok
        assert ({t: len(v) for t, v in _data(crss.path).items() if not t.startswith("crss_")}
                == {t: len(v) for t, v in _data(after.path).items()
                    if not t.startswith("crss_")})
    finally:
        after.close()
    assert before["meetings"] == []


def test_cli_import_of_text_not_utf8_prints_no_traceback(forge, pair, tmp_path) -> None:
    bad = forge.make("utf8.ccsbak", BAD_UTF8)
    good = forge.make("bon.ccsbak")
    priv, pw = _key_files(pair, tmp_path)
    proc = _cli("crss", "import", str(bad), str(good), "--data-dir", str(tmp_path / "crss"),
                "--identity", str(priv), "--passphrase-file", str(pw), "-q")
    assert proc.returncode == 1
    err = proc.stderr
    for english in ("Traceback", "ERROR", "OperationalError", "Could not decode", "failed"):
        assert english not in err, err
    assert "meetings.place" in err and "UTF-8" in err, err
    assert "disque" not in err
    assert "1 fichier importé, 1 refusé." in proc.stdout


def test_an_unexpected_sqlite_error_on_the_file_says_the_file_is_damaged(
        forge, crss, monkeypatch) -> None:
    bad = forge.make("a-bad.ccsbak")
    good = forge.make("b-good.ccsbak")
    real = sn.strip_private
    calls = {"n": 0}

    def failing(conn):  # noqa: ANN001, ANN202
        calls["n"] += 1
        if calls["n"] == 1:
            raise sqlite3.OperationalError("database disk image is malformed")
        return real(conn)

    monkeypatch.setattr(sn, "strip_private", failing)
    reports = importer.import_paths(crss, [bad, good], forge.identities)
    assert [r.ok for r in reports] == [False, True]
    msg = reports[0].message
    assert "endommagé" in msg and "disque" not in msg and "malformed" not in msg, msg


def test_the_importer_puts_no_traceback_in_the_terminal_log(forge, crss, monkeypatch,
                                                            caplog) -> None:
    bad = forge.make("a-bad.ccsbak")
    monkeypatch.setattr(sn, "strip_private", lambda conn: 1 / 0)
    import logging

    with caplog.at_level(logging.WARNING):
        rep = importer.import_file(crss, bad, forge.identities)
    assert not rep.ok and "ZeroDivisionError" not in rep.message
    assert not [r for r in caplog.records if r.levelno >= logging.WARNING], caplog.text


def _committee_folder(rich_db) -> Path:  # noqa: ANN001
    return rich_db.data_dir


def test_import_into_a_committee_folder_is_refused_before_anything_is_written(
        forge, rich_db, pair, tmp_path) -> None:
    other = forge.make("autre.ccsbak")
    folder = rich_db.data_dir
    rich_db.close()
    before = dump(paths.database_path(folder))
    with pytest.raises(UserError, match="comité") as info:
        importer.open_crss_database(folder)
    assert "dossier du CRSS" in str(info.value)
    assert dump(paths.database_path(folder)) == before
    priv, pw = _key_files(pair, tmp_path)
    proc = _cli("crss", "import", str(other), "--data-dir", str(folder),
                "--identity", str(priv), "--passphrase-file", str(pw), "-q")
    assert proc.returncode == 1
    assert fr("Ce dossier est celui d'un comité") in proc.stderr, proc.stderr
    assert "dossier du CRSS" in proc.stderr and "Traceback" not in proc.stderr
    assert dump(paths.database_path(folder)) == before


def test_import_paths_refuses_a_committee_database_too(forge, rich_db) -> None:
    before = dump(rich_db.path)
    with pytest.raises(UserError, match="dossier du CRSS"):
        importer.import_paths(rich_db, [forge.original], forge.identities)
    with pytest.raises(UserError, match="dossier du CRSS"):
        importer.import_file(rich_db, forge.original, forge.identities)
    assert dump(rich_db.path) == before


def test_an_empty_or_new_folder_still_becomes_a_crss(forge, tmp_path) -> None:
    from ccs_desktop.db.engine import open_database

    empty = tmp_path / "vide"
    empty.mkdir()
    open_database(empty).close()  # a database opened by the application, no committee yet
    for folder in (empty, tmp_path / "nouveau"):
        db = importer.open_crss_database(folder)
        try:
            assert importer.import_file(db, forge.original, forge.identities).ok
        finally:
            db.close()
