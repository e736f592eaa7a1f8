"""`ccs-desktop --demo` starts a window on a fresh demo database and exits cleanly."""

from __future__ import annotations

import os
import subprocess
import sys


def test_gui_starts_on_demo_database(tmp_path):
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", CCS_EXIT_AFTER_START="1",
               HOME=str(tmp_path), XDG_CONFIG_HOME=str(tmp_path / "cfg"),
               XDG_DATA_HOME=str(tmp_path / "share"))
    done = subprocess.run([sys.executable, "-m", "ccs_desktop", "--demo"], env=env,
                          capture_output=True, text=True, timeout=180)
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
