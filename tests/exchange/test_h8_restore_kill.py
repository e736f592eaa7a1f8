"""Issue 8: a restore killed at any instant leaves the old database whole (or the new one,
whole, once the final rename happened); backups and automatic copies are written atomically.

The restore runs in a real process that SIGKILLs itself at the k-th file-system step
(every os.replace, os.rename, os.fsync, os.unlink, sqlite backup/commit seen by Python), for
k = 1, 2, ... until a run completes; plus random-time kills."""

from __future__ import annotations

import rawdb  # noqa: I001  (tests/rawdb.py: test databases are SQLCipher files)
import os
import random
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from ccs_desktop.db import models as m
from ccs_desktop.services.exchange import backup as bk
from ccs_desktop.services.exchange import container as ct

from .conftest import PASS, dump

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL")
ROOT = Path(__file__).resolve().parents[2]

STEPS = """
import os, signal, sqlite3, sys
from pathlib import Path
from ccs_desktop.services.exchange import backup as bk, container as ct
LIMIT = int(sys.argv[1])
n = [0]
def step():
    n[0] += 1
    if n[0] >= LIMIT:
        os.kill(os.getpid(), signal.SIGKILL)
def wrap(mod, name, after=False):
    real = getattr(mod, name)
    def f(*a, **k):
        step()
        r = real(*a, **k)
        if after:
            step()
        return r
    setattr(mod, name, f)
for name in ("replace", "rename"):
    wrap(os, name, after=True)  # just before and just after each rename
for name in ("fsync", "unlink", "rmdir"):
    wrap(os, name)
import shutil
wrap(shutil, "copyfile")
"""


def _integrity(path: Path) -> None:
    conn = rawdb.connect(path)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
    finally:
        conn.close()


def _marker(path: Path) -> bool:
    conn = rawdb.connect(path)
    try:
        return conn.execute("SELECT COUNT(*) FROM settings WHERE key = 'marqueur-h8'"
                            ).fetchone()[0] == 1
    finally:
        conn.close()


def test_restore_killed_at_every_step_keeps_a_whole_database(rich_db, tmp_path: Path) -> None:
    backup = bk.create_backup(rich_db, tmp_path / "usb", PASS).path
    with rich_db.session() as s:  # typed after the backup: only in the old database
        s.add(m.Setting(key="marqueur-h8", value="1"))
    rich_db.close()
    live = rich_db.path
    old = dump(live)
    script = STEPS + textwrap.dedent(f"""
        bk.restore({str(backup)!r}, {str(rich_db.data_dir)!r}, [ct.PassphraseIdentity({PASS!r})])
        print("fini")
    """)
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    outcomes = {"old": 0, "new": 0}
    k = 1
    while True:
        proc = subprocess.run([sys.executable, "-c", script, str(k)], env=env,
                              capture_output=True, text=True, timeout=120)
        assert proc.returncode in (0, -signal.SIGKILL), proc.stderr
        _integrity(live)
        if _marker(live):
            assert dump(live) == old  # the old database, whole
            outcomes["old"] += 1
        else:
            outcomes["new"] += 1
        if proc.returncode == 0:
            assert "fini" in proc.stdout
            print("restore kill points:", k - 1, outcomes)
            break
        bk.clean_leftovers_at_start(rich_db.data_dir)
        if not _marker(live):  # replaced: put the old one back for the next kill point
            conn = rawdb.connect(live)
            with conn:
                conn.execute("INSERT INTO settings (key, value) VALUES ('marqueur-h8', '1')")
            conn.close()
            old = dump(live)
        k += 1
        assert k < 400
    assert outcomes["old"] >= 5, outcomes  # many kill points before the replacement
    assert not _marker(live)  # the last run restored
    bk.clean_leftovers_at_start(rich_db.data_dir)
    assert not [p for p in rich_db.data_dir.iterdir() if p.name.startswith(".ccs-")]
    # the copies aside that were finished are whole databases
    for aside in rich_db.data_dir.glob("ccs.avant-restauration-*.sqlite3"):
        _integrity(aside)


def test_restore_killed_at_random_instants(rich_db, tmp_path: Path) -> None:
    backup = bk.create_backup(rich_db, tmp_path / "usb", PASS).path
    with rich_db.session() as s:
        s.add(m.Setting(key="marqueur-h8", value="1"))
    rich_db.close()
    live = rich_db.path
    old = dump(live)
    script = textwrap.dedent(f"""
        from ccs_desktop.services.exchange import backup as bk, container as ct
        bk.restore({str(backup)!r}, {str(rich_db.data_dir)!r}, [ct.PassphraseIdentity({PASS!r})])
    """)
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    t0 = time.monotonic()
    subprocess.run([sys.executable, "-c", script], env=env, check=True, timeout=120)
    full = time.monotonic() - t0
    assert not _marker(live)
    rnd = random.Random(8)
    for _ in range(5):
        conn = rawdb.connect(live)
        with conn:
            conn.execute("INSERT OR REPLACE INTO settings (key, value) VALUES ('marqueur-h8', '1')")
        conn.close()
        old = dump(live)
        proc = subprocess.Popen([sys.executable, "-c", script], env=env)
        time.sleep(rnd.uniform(0.3, full))
        proc.send_signal(signal.SIGKILL)
        proc.wait(60)
        _integrity(live)
        if _marker(live):
            assert dump(live) == old
        bk.clean_leftovers_at_start(rich_db.data_dir)
    assert not [p for p in rich_db.data_dir.iterdir() if p.name.startswith(".ccs-")]


def test_backup_and_automatic_copy_killed_at_every_step_leave_no_half_file(
        rich_db, tmp_path: Path) -> None:  # noqa: ANN001
    rich_db.close()
    stick = tmp_path / "usb"
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    script = STEPS + textwrap.dedent(f"""
        from ccs_desktop.db.engine import open_database
        db = open_database({str(rich_db.data_dir)!r})
        bk.create_backup(db, {str(stick)!r}, {PASS!r})
        bk.auto_backup(db, min_interval=None)
        print("fini")
    """)
    k = 1
    while True:
        proc = subprocess.run([sys.executable, "-c", script, str(k)], env=env,
                              capture_output=True, text=True, timeout=120)
        assert proc.returncode in (0, -signal.SIGKILL), proc.stderr
        # every visible file is whole: each backup verifies, each automatic copy is sound
        for f in stick.glob("*.ccsbak"):
            assert bk.verify_file(f, [ct.PassphraseIdentity(PASS)],
                                  work_dir=rich_db.data_dir)["kind"] == "backup"
        for f in (rich_db.data_dir / bk.AUTO_FOLDER).glob("ccs-*.sqlite3"):
            _integrity(f)
        if proc.returncode == 0:
            print("backup kill points:", k - 1)
            break
        k += 1
        assert k < 400
    assert k > 5
