"""Issue 8, review of the command line: a closed pipe ends quietly, `ccs info` and
`ccs crss log` speak French, a data folder whose leftovers cannot be cleaned prints no
English warning or traceback, and meeting references accept ASCII digits only."""

from __future__ import annotations

import rawdb  # noqa: I001  (tests/rawdb.py: test databases are SQLCipher files)
import logging
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from french import fr  # tests/french.py: the catalog's typography

from ccs_desktop import cli, paths

ROOT = Path(__file__).resolve().parents[2]


def _env() -> dict:
    env = dict(os.environ, PYTHONPATH=str(ROOT), PYTHONIOENCODING="utf-8")
    env.pop("CCS_DEBUG", None)
    return env


def test_a_closed_pipe_ends_quietly(demo_db) -> None:
    demo_db.close()
    for argv in (["info"], ["list", "meetings"], ["list", "people", "--json"]):
        proc = subprocess.Popen([sys.executable, "-m", "ccs_desktop.cli", *argv,
                                 "--data-dir", str(demo_db.data_dir)],
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=_env())
        proc.stdout.close()  # the reader went away before the first line (`| head -0`)
        err = proc.stderr.read().decode("utf-8")
        code = proc.wait(timeout=120)
        proc.stderr.close()
        assert code in (0, 141), (argv, code, err)
        assert "Broken pipe" not in err and "disque" not in err and "Traceback" not in err
        assert "BrokenPipeError" not in err and "Exception ignored" not in err, err
        # only what a command says on stderr anyway (`list`'s record count)
        assert err.strip() == "" or "enregistrement" in err, err


def test_info_speaks_french(demo_db, capsys) -> None:
    demo_db.close()
    assert cli.main(["info", "--data-dir", str(demo_db.data_dir)]) == 0
    out = capsys.readouterr().out
    for label in ("Réunions", "Menaces", "Vulnérabilités", "Recommandations", "Activités",
                  "Personnes"):
        assert fr(f"\n{label} : ") in out, out
    for english in ("meetings", "threats", "vulnerabilities", "recommendations",
                    "activities", "people"):
        assert english not in out, out


def test_crss_log_statuses_are_french(tmp_path, capsys) -> None:
    from ccs_desktop.services.crss import importer

    crss = tmp_path / "crss"
    importer.open_crss_database(crss).close()
    con = rawdb.connect(paths.database_path(crss))
    with con:
        for status in ("ok", "refused"):
            con.execute("INSERT INTO crss_import_log (imported_at, file_name, file_sha256, "
                        "file_size, kind, committee_uuid, committee_code, status, message, "
                        "new, updated, unchanged, deleted, refused, conflicts, details) "
                        "VALUES ('2026-01-01 10:00:00', ?, '', 0, 'transmission', '', "
                        "'CCSC-X', ?, '', 0, 0, 0, 0, 0, 0, '')", (f"{status}.ccsbak", status))
    con.close()
    assert cli.main(["crss", "log", "--data-dir", str(crss)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert [line.split("\t")[1] for line in lines] == ["refusé", "importé"]


def test_leftovers_that_cannot_be_cleaned_print_no_warning(demo_db, tmp_path, caplog) -> None:
    """A folder the cleaning cannot read (PermissionError): no English warning and no
    traceback on the terminal, the command goes on (it never raises)."""
    demo_db.close()
    script = textwrap.dedent(f"""
        import sys
        from ccs_desktop.services.exchange import workfolders
        def denied(where):
            raise PermissionError(13, "Permission denied", str(where))
        workfolders.cleanup_leftovers = denied
        from ccs_desktop import cli
        sys.exit(cli.main(["info", "--data-dir", {str(demo_db.data_dir)!r}]))
    """)
    proc = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                          encoding="utf-8", env=_env(), timeout=120)
    assert proc.returncode == 0, proc.stderr
    for english in ("WARNING", "Traceback", "PermissionError", "nettoyage des restes"):
        assert english not in proc.stderr, proc.stderr
    assert fr("Réunions : ") in proc.stdout
    # the function itself: logs at DEBUG only, without a traceback, never raises
    from ccs_desktop.services.exchange import workfolders

    def denied(where):  # noqa: ANN001, ANN202
        raise PermissionError(13, "Permission denied", str(where))

    real = workfolders.cleanup_leftovers
    workfolders.cleanup_leftovers = denied
    try:
        with caplog.at_level(logging.DEBUG, logger=workfolders.log.name):
            workfolders.clean_leftovers_at_start(demo_db.data_dir)
    finally:
        workfolders.cleanup_leftovers = real
    records = [r for r in caplog.records if r.name == workfolders.log.name]
    assert records and all(r.levelno == logging.DEBUG and r.exc_info is None
                           for r in records)


@pytest.mark.parametrize("spec", ["²", "١", "１", "٣/٢٠٢٤", "1²", "۱۲", "1/２０２４"])
@pytest.mark.parametrize("command", ["minutes", "annex", "convocation", "attendance-sheet"])
def test_meeting_references_accept_ascii_digits_only(demo_db, tmp_path, capsys, spec,
                                                     command) -> None:
    demo_db.close()
    out = tmp_path / "o.pdf"
    code = cli.main([command, spec, "--data-dir", str(demo_db.data_dir), "--out", str(out)])
    err = capsys.readouterr().err
    assert code == 1, err
    assert "non reconnue" in err and "interne" not in err, err
    assert not out.exists()


def test_resolve_meeting_ascii_digits(demo_db) -> None:
    from ccs_desktop.services.documents import resolve_meeting
    from ccs_desktop.services.errors import UserError

    assert resolve_meeting(demo_db, "1") == 1
    assert resolve_meeting(demo_db, " 1 ") == 1
    assert resolve_meeting(demo_db, 1) == 1
    for spec in ("١", "²", "1\n2", "1/2024\n3", "9" * 19):
        with pytest.raises(UserError):
            resolve_meeting(demo_db, spec)


def test_whole_number_options_accept_ascii_digits_only(tmp_path, capsys) -> None:
    with pytest.raises(SystemExit) as exc:
        cli.main(["demo", "--data-dir", str(tmp_path / "d"), "--years", "١"])
    assert exc.value.code == 2
    assert fr("n'est pas un nombre entier") in capsys.readouterr().err
    assert not (tmp_path / "d").exists()
