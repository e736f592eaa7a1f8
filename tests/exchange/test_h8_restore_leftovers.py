"""Issue 8: clear copies and partial files of a killed restore, verify, import, backup or
automatic copy are removed at the next start (not six hours later), except a work folder
whose process still runs and holds its lock. Real processes, killed with SIGKILL."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from ccs_desktop.services.exchange import backup as bk
from ccs_desktop.services.exchange import container as ct

from .conftest import PASS

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL")
ROOT = Path(__file__).resolve().parents[2]
SQLITE = b"SQLite format 3\x00"

PRELUDE = """
import os, signal, sys, time
from pathlib import Path
from ccs_desktop.db.engine import open_database
from ccs_desktop.services.exchange import backup as bk, container as ct
from ccs_desktop.services.crss import importer
def die(*_a, **_k):
    os.kill(os.getpid(), signal.SIGKILL)
"""


def _env() -> dict[str, str]:
    return dict(os.environ, PYTHONPATH=str(ROOT))


def _run_killed(script: str) -> None:
    proc = subprocess.run([sys.executable, "-c", PRELUDE + textwrap.dedent(script)],
                          env=_env(), capture_output=True, text=True, timeout=120)
    assert proc.returncode == -signal.SIGKILL, proc.stderr


def _clear_copies(root: Path) -> list[Path]:
    out = []
    for p in root.rglob("*"):
        if p.is_file() and not p.is_symlink():
            with open(p, "rb") as fh:
                if fh.read(16) == SQLITE:
                    out.append(p)
    return out


def _work_folders(folder: Path) -> list[Path]:
    return sorted(p for p in folder.iterdir() if p.name.startswith(".ccs-"))


def test_a_killed_open_is_cleaned_at_start_a_live_one_is_kept(rich_db, tmp_path: Path) -> None:
    backup = bk.create_backup(rich_db, tmp_path / "usb", PASS).path
    rich_db.close()
    data = rich_db.data_dir
    live = {rich_db.path}
    # a process that opened the file (clear copy present) and is still working
    proc = subprocess.Popen(
        [sys.executable, "-c", PRELUDE + textwrap.dedent(f"""
            opened = bk.open_file({str(backup)!r}, [ct.PassphraseIdentity({PASS!r})],
                                  work_dir=Path({str(data)!r}))
            print(opened.folder, flush=True)
            time.sleep(120)
        """)], env=_env(), stdout=subprocess.PIPE, text=True)
    try:
        folder = Path(proc.stdout.readline().strip())
        assert folder.parent == data and (folder / "snapshot.sqlite3").is_file()
        bk.clean_leftovers_at_start(data)
        bk.cleanup_leftovers(data)
        assert (folder / "snapshot.sqlite3").is_file()  # its process holds the lock
        proc.send_signal(signal.SIGKILL)
        proc.wait(30)
        assert folder.is_dir()  # left behind by the kill
        bk.clean_leftovers_at_start(data)  # the next start: at once, not after 6 hours
        assert not folder.exists()
        assert [p for p in _clear_copies(data) if p not in live] == []
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait(30)


def test_killed_restore_verify_import_and_automatic_copy_leave_nothing_after_start(
        rich_db, pair, tmp_path: Path) -> None:  # noqa: ANN001
    data = rich_db.data_dir
    backup = bk.create_backup(rich_db, tmp_path / "usb", PASS).path
    trans = bk.create_transmission(rich_db, tmp_path / "t", crss_public=pair.public_key).path
    rich_db.close()
    live_files = {p for p in _clear_copies(data)}
    ident = f"[ct.PassphraseIdentity({PASS!r})]"
    # restore killed after decrypting and migrating, before the replacement
    _run_killed(f"""
        import ccs_desktop.services.exchange.restore as rs
        rs._copy_aside_atomically = die
        bk.restore({str(backup)!r}, {str(data)!r}, {ident})
    """)
    # verify killed while the clear copy is being checked
    _run_killed(f"""
        import ccs_desktop.services.exchange.snapshot as sn
        sn.check_schema = die
        bk.verify_file({str(backup)!r}, {ident}, work_dir=Path({str(data)!r}))
    """)
    # automatic copy killed after the snapshot, before its rename
    _run_killed(f"""
        db = open_database({str(data)!r})
        import ccs_desktop.services.exchange.snapshot as sn
        real = sn.make_snapshot
        def snap(*a, **k):
            real(*a, **k)
            die()
        sn.make_snapshot = snap
        bk.auto_backup(db, min_interval=None)
    """)
    # CRSS import killed in the middle of the merge
    crss_dir = tmp_path / "crss"
    from ccs_desktop.services.crss import importer

    importer.open_crss_database(crss_dir).close()
    import base64

    priv = base64.b64encode(pair.private_key).decode()
    _run_killed(f"""
        import base64
        import ccs_desktop.services.crss.importer as imp
        imp._merge = die
        db = open_database({str(crss_dir)!r})
        imp.import_file(db, {str(trans)!r}, [ct.X25519Identity(base64.b64decode({priv!r}))])
    """)
    # the kills left their work folders behind, but nothing in clear in them (since issue 11
    # every body and copy is a SQLCipher file): nothing for a thief even before the cleaning
    left = _work_folders(data) + _work_folders(data / bk.AUTO_FOLDER) + _work_folders(crss_dir)
    assert left, "the kills should have left their work folders behind"
    assert [p for p in _clear_copies(data) if p not in live_files] == []
    assert _clear_copies(crss_dir) == []
    bk.clean_leftovers_at_start(data)
    bk.clean_leftovers_at_start(crss_dir)
    assert [p for p in _clear_copies(data) if p not in live_files] == []
    assert _work_folders(data) == [] and _work_folders(data / bk.AUTO_FOLDER) == []
    assert [p for p in _clear_copies(crss_dir) if p.name != "ccs.sqlite3"] == []
    assert _work_folders(crss_dir) == []


def test_killed_backup_on_the_stick_is_cleaned_by_the_next_backup(rich_db, tmp_path: Path) -> None:
    stick = tmp_path / "usb"
    _run_killed(f"""
        db = open_database({str(rich_db.data_dir)!r})
        real = ct.ContainerWriter.close
        def close(self):
            real(self)
            die()
        ct.ContainerWriter.close = close
        bk.create_backup(db, {str(stick)!r}, {PASS!r})
    """)
    partial = [p for p in stick.rglob("*.partial")]
    assert partial and all(p.parent.name.startswith(".ccs-tmp-") for p in partial)
    written = bk.create_backup(rich_db, stick, PASS)
    assert not any(p.exists() for p in partial)
    assert [p.name for p in stick.iterdir()] == [written.path.name]


def test_leftovers_without_a_lock_wait_a_minute(tmp_path: Path) -> None:
    """Folders from an older version (no lock file) and `.partial` files: removed once
    older than a minute (a just-created one may belong to a running older version)."""
    data = tmp_path / "d"
    data.mkdir()
    old_dir, new_dir = data / ".ccs-ouverture-ancien", data / ".ccs-ouverture-neuf"
    for d in (old_dir, new_dir):
        d.mkdir()
        (d / "snapshot.sqlite3").write_bytes(SQLITE)
    old_part = data / ".ccs-x.sqlite3.partial"
    old_part.write_bytes(SQLITE)
    past = time.time() - 120
    for p in (old_dir, old_part):
        os.utime(p, (past, past))
    bk.clean_leftovers_at_start(data)
    assert not old_dir.exists() and not old_part.exists()
    assert new_dir.exists()


def test_clean_at_start_never_raises(tmp_path: Path) -> None:
    bk.clean_leftovers_at_start(tmp_path / "absent")
    f = tmp_path / "fichier"
    f.write_text("x")
    bk.clean_leftovers_at_start(f)


def test_work_folder_is_locked_in_process_too(tmp_path: Path) -> None:
    """The GUI's worker threads and the cleanup run in one process: a folder in use there is
    kept as well."""
    with bk.WorkFolder(tmp_path, ".ccs-ouverture-") as folder:
        (folder / "snapshot.sqlite3").write_bytes(SQLITE)
        bk.clean_leftovers_at_start(tmp_path)
        assert (folder / "snapshot.sqlite3").exists()
    assert not folder.exists()
    assert ct.MAGIC  # the container module is what writes the files these folders hold
