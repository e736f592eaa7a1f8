"""The exchange commands through `ccs`: output folders outside the data folder, no raw
terminal control characters in anything printed, leftovers of a killed operation cleaned when
the next command starts."""

from __future__ import annotations

import rawdb  # noqa: I001  (tests/rawdb.py: test databases are SQLCipher files)
from french import fr  # noqa: I001  (tests/french.py: the catalog's French is typeset)
from pathlib import Path

import pytest

from ccs_desktop import cli, paths
from ccs_desktop.services.crss import importer

from .conftest import PASS, run_cli as _run


@pytest.fixture
def pw(tmp_path: Path) -> Path:
    f = tmp_path / "pw.txt"
    f.write_text(PASS + "\n", encoding="utf-8")
    return f


def test_backup_and_transmission_never_go_into_the_data_folder(
        tmp_path: Path, pw: Path, capsys: pytest.CaptureFixture[str]) -> None:
    d = tmp_path / "d"
    assert _run(capsys, "demo", "--data-dir", str(d))[0] == 0
    before = sorted(p.name for p in d.rglob("*"))
    link = tmp_path / "lien"
    link.symlink_to(d, target_is_directory=True)
    for out in (d, d / "cle", link, link / "sous-dossier"):
        for argv in (("backup", "create", "--data-dir", str(d), "--out", str(out),
                      "--passphrase-file", str(pw)),
                     ("transmit", "--data-dir", str(d), "--out", str(out))):
            code, _, err = _run(capsys, *argv)
            assert code == 1 and "dossier de données" in err and "Traceback" not in err, err
    assert sorted(p.name for p in d.rglob("*")) == before
    code, out, _ = _run(capsys, "backup", "create", "--data-dir", str(d), "--out",
                        str(tmp_path / "usb"), "--passphrase-file", str(pw))
    assert code == 0 and Path(out.strip().splitlines()[-1]).parent == (tmp_path / "usb").resolve()
    (tmp_path / "fichier").write_text("x")
    code, _, err = _run(capsys, "transmit", "--data-dir", str(d), "--out",
                        str(tmp_path / "fichier"))
    assert code == 1 and fr("n'est pas un dossier") in err


def test_nothing_printed_carries_raw_control_characters(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    crss = tmp_path / "crss"
    importer.open_crss_database(crss).close()
    # an entry written by an older version, unescaped: ESC sequences and a bidi override
    con = rawdb.connect(paths.database_path(crss))
    with con:
        con.execute("INSERT INTO crss_import_log (imported_at, file_name, file_sha256, "
                    "file_size, kind, committee_uuid, committee_code, status, message, new, "
                    "updated, unchanged, deleted, refused, conflicts, details) VALUES "
                    "('2026-01-01 10:00:00', 'a\u202etxt.exe', '', 0, 'transmission', '', "
                    "'CCSC-\x1b[2J', 'refused', 'refusé \x1b]0;titre\x07 ici', 0, 0, 0, 0, "
                    "0, 0, '')")
    con.close()
    code, out, err = _run(capsys, "crss", "log", "--data-dir", str(crss))
    assert code == 0
    for text in (out, err):
        assert "\x1b" not in text and "\x07" not in text and "\u202e" not in text
    assert "\\x1b" in out and "\\u202e" in out


def test_the_next_command_cleans_what_a_killed_operation_left(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    d = tmp_path / "d"
    assert _run(capsys, "demo", "--data-dir", str(d))[0] == 0
    # a clear copy left by a killed restore: a work folder whose lock nobody holds
    left = d / ".ccs-ouverture-abc123"
    left.mkdir()
    (left / "clair.sqlite3").write_bytes(b"SQLite format 3\x00 noms et menaces")
    (left / ".verrou").write_bytes(b"")
    assert _run(capsys, "info", "--data-dir", str(d))[0] == 0
    assert not left.exists()


def test_the_application_start_cleans_what_a_killed_operation_left(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from ccs_desktop import app

    d = tmp_path / "d"
    assert _run(capsys, "demo", "--data-dir", str(d))[0] == 0
    left = d / "sauvegardes-auto" / ".ccs-tmp-xyz"
    left.mkdir(parents=True)
    (left / "copie.sqlite3").write_bytes(b"SQLite format 3\x00")
    (left / ".verrou").write_bytes(b"")  # its lock, held by no process
    db = app.prepare_database(app.parse_args(["--data-dir", str(d)]))
    db.close()
    assert not left.exists()


def test_a_restored_backup_never_carries_a_path_as_a_file_name(rich_db, tmp_path: Path) -> None:
    from ccs_desktop.services.exchange import backup as bk
    from ccs_desktop.services.exchange import container as ct

    hostile = ["../../../../tmp/evil.sh", "C:\\Windows\\win.ini", "/etc/passwd"]
    con = rawdb.connect(rich_db.path)
    tables = [t for (t,) in con.execute(
        "SELECT m.name FROM sqlite_master m WHERE m.type = 'table' AND EXISTS (SELECT 1 FROM "
        "pragma_table_info(m.name) WHERE name = 'filename')")]
    counts = {t: con.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0] for t in tables}
    assert "attachments" in tables and counts["attachments"]
    with con:
        for t in tables:
            con.execute(f"UPDATE {t} SET filename = ? || '-' || rowid",
                        (hostile[len(t) % 3],))
    con.close()
    written = bk.create_backup(rich_db, tmp_path / "usb", PASS)
    rich_db.close()
    result = bk.restore(written.path, tmp_path / "neuf", [ct.PassphraseIdentity(PASS)])
    con = rawdb.connect(result.database)
    for t in tables:
        names = [n for (n,) in con.execute(f"SELECT filename FROM {t}")]
        assert len(names) == counts[t]
        for n in names:
            assert "/" not in n and "\\" not in n and ":" not in n and not n.startswith("."), n
    con.close()
