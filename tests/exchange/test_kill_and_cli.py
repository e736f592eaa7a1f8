"""A process killed in the middle of a backup, a restore or an import leaves every database
intact; the command line round trip."""

from __future__ import annotations

import rawdb  # noqa: I001  (tests/rawdb.py: test databases are SQLCipher files)
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from ccs_desktop import cli
from ccs_desktop.services.crss import importer
from ccs_desktop.services.exchange import backup as bk
from ccs_desktop.services.exchange import container as ct

from .conftest import PASS, dump

PRELUDE = """
import os, signal, sys
from pathlib import Path
from ccs_desktop.db.engine import open_database
from ccs_desktop.services.exchange import backup as bk, container as ct
from ccs_desktop.services.crss import importer, keys
def die(*_a, **_k):
    os.kill(os.getpid(), signal.SIGKILL)
"""


def _run_killed(script: str) -> None:
    env = dict(os.environ, PYTHONPATH=str(Path(__file__).resolve().parents[2]))
    proc = subprocess.run([sys.executable, "-c", PRELUDE + textwrap.dedent(script)],
                          env=env, capture_output=True, text=True, timeout=120)
    assert proc.returncode == -9, proc.stderr


def _check(path: Path) -> None:
    import sqlite3

    conn = rawdb.connect(path)
    assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    conn.close()


def test_kill_during_backup_restore_and_import(rich_db, pair, tmp_path: Path) -> None:
    first = bk.create_backup(rich_db, tmp_path / "usb", PASS).path
    rich_db.close()
    live_before = dump(rich_db.path)
    # backup killed while encrypting: the earlier backup and the live database are intact
    _run_killed(f"""
        db = open_database({str(rich_db.data_dir)!r})
        real = ct.ContainerWriter.write
        n = [0]
        def write(self, data):
            n[0] += 1
            if n[0] == 1: die()
            real(self, data)
        ct.ContainerWriter.write = write
        bk.create_backup(db, {str(tmp_path / 'usb')!r}, {PASS!r})
    """)
    assert [p.name for p in (tmp_path / "usb").glob("*.ccsbak")] == [first.name]
    assert bk.verify_file(first, [ct.PassphraseIdentity(PASS)])["kind"] == "backup"
    _check(rich_db.path)
    assert dump(rich_db.path) == live_before
    # restore killed just before the replacement: the live database is untouched
    _run_killed(f"""
        import ccs_desktop.services.exchange.restore as rs
        rs._copy_aside_atomically = die
        bk.restore({str(first)!r}, {str(rich_db.data_dir)!r}, [ct.PassphraseIdentity({PASS!r})])
    """)
    _check(rich_db.path)
    assert dump(rich_db.path) == live_before
    # import killed in the middle of the merge transaction: the CRSS database is as before
    from ccs_desktop.db.engine import open_database

    db = open_database(rich_db.data_dir)
    t = bk.create_transmission(db, tmp_path / "t", crss_public=pair.public_key).path
    db.close()
    crss = importer.open_crss_database(tmp_path / "crss")
    crss.close()
    crss_before = dump(crss.path)
    import base64

    priv = base64.b64encode(pair.private_key).decode()
    _run_killed(f"""
        import base64
        import ccs_desktop.services.crss.importer as imp
        imp._merge_links = die
        db = open_database({str(crss.data_dir)!r})
        imp.import_file(db, {str(t)!r}, [ct.X25519Identity(base64.b64decode({priv!r}))])
    """)
    _check(crss.path)
    assert dump(crss.path) == crss_before
    # and the interrupted operations can simply be run again
    crss = open_database(crss.data_dir)
    assert importer.import_file(crss, t, [ct.X25519Identity(pair.private_key)]).ok
    crss.close()
    assert bk.restore(first, rich_db.data_dir, [ct.PassphraseIdentity(PASS)]).saved_copy


def test_cli_round_trip(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    pw = tmp_path / "pw.txt"
    pw.write_text(PASS + "\nsecond line ignored\n", encoding="utf-8")
    d, keysdir = tmp_path / "d", tmp_path / "cles"

    def run(*argv: str) -> tuple[int, str, str]:
        code = cli.main(list(argv))
        out, err = capsys.readouterr()
        return code, out, err

    assert run("demo", "--data-dir", str(d))[0] == 0
    code, out, _ = run("crss", "keygen", "--out", str(keysdir), "--passphrase-file", str(pw))
    assert code == 0 and (keysdir / "crss.key").exists()
    fp = out.splitlines()[0].split(": ")[1]
    code, _, err = run("crss", "keygen", "--out", str(keysdir), "--passphrase-file", str(pw))
    assert code == 1 and "jamais écrasée" in err and "Traceback" not in err
    code, out, _ = run("crss", "trust", str(keysdir / "crss.pub"), "--data-dir", str(d))
    assert code == 0 and fp in out
    code, out, _ = run("backup", "create", "--data-dir", str(d), "--out", str(tmp_path / "usb"),
                       "--passphrase-file", str(pw))
    backup = Path(out.strip().splitlines()[-1])
    assert code == 0 and backup.is_absolute() and backup.exists()
    code, out, _ = run("transmit", "--data-dir", str(d), "--out", str(tmp_path / "tr"))
    transmission = Path(out.strip().splitlines()[-1])
    assert code == 0 and transmission.exists()
    code, out, _ = run("backup", "verify", str(backup), "--passphrase-file", str(pw))
    assert code == 0 and "CCSC-ALAFIA" in out
    code, out, _ = run("backup", "verify", str(transmission), "--identity",
                       str(keysdir / "crss.key"), "--passphrase-file", str(pw))
    assert code == 0 and "transmission" in out
    code, out, _ = run("backup", "restore", str(backup), "--data-dir", str(tmp_path / "neuf"),
                       "--passphrase-file", str(pw))
    assert code == 0 and Path(out.strip().splitlines()[-1]).exists()
    # issue 12: a full backup never opens with the CRSS key (refused there); the
    # transmission is imported, its committee's key « non confirmée » until accept-key
    code, out, err = run("crss", "import", str(tmp_path / "tr"), str(backup), "--data-dir",
                         str(tmp_path / "crss"), "--identity", str(keysdir / "crss.key"),
                         "--passphrase-file", str(pw))
    assert code == 1 and "1 fichier importé, 1 refusé" in out and backup.name in err
    assert "non confirmée" in out
    code, out, _ = run("crss", "register", "--data-dir", str(tmp_path / "crss"),
                       "--commune", "Alafia")
    assert code == 0 and "CCSC-ALAFIA" in out
    # errors: French, on stderr, no traceback
    bad = tmp_path / "photo.ccsbak"
    bad.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 50)
    wrong = tmp_path / "wrong.txt"
    wrong.write_text("ce n'est pas la bonne phrase\n", encoding="utf-8")
    for argv, words in (
        (("backup", "verify", str(bad), "--passphrase-file", str(pw)), "PNG"),
        (("backup", "verify", str(backup), "--passphrase-file", str(wrong)), "incorrecte"),
        (("backup", "restore", str(backup), "--data-dir", str(tmp_path / "x")), "passphrase"),
        (("backup", "create", "--data-dir", str(d), "--out", str(tmp_path / "u2"),
          "--passphrase-file", str(tmp_path / "absent")), "Impossible de lire"),
    ):
        code, _, err = run(*argv)
        assert code == 1 and words in err and "Traceback" not in err, (argv, err)
    short = tmp_path / "short.txt"
    short.write_text("court\n", encoding="utf-8")
    code, _, err = run("backup", "create", "--data-dir", str(d), "--out", str(tmp_path / "u3"),
                       "--passphrase-file", str(short))
    assert code == 1 and "12" in err
