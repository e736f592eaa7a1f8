"""Issue 15, trap 4: every window and dialog fits a small screen with its buttons visible.

Each check runs the probe (tests/ui/month_fit_probe.py) in a child process whose offscreen
screen is 1024×738 (a 1024×768 screen less a 30-pixel taskbar) and 911×482 (a 1366×768 screen
at 150 % scaling, less its taskbar); the probe opens the main
window, every form, the documents window, the wizard's pages and the backup, restore and key
dialogs (before and after a long success message) and grabs each one to a PNG.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

PROBE = Path(__file__).with_name("month_fit_probe.py")


def run_probe(tmp_path: Path, data_dir: Path, width: int, height: int) -> dict:
    config = tmp_path / "screen.json"
    config.write_text(json.dumps({"screens": [{"name": "small", "x": 0, "y": 0, "width": width,
                                               "height": height, "logicalDpi": 96,
                                               "dpr": 1}]}), encoding="utf-8")
    shots = tmp_path / f"shots-{width}x{height}"
    shots.mkdir()
    env = dict(os.environ, QT_QPA_PLATFORM=f"offscreen:configfile={config}",
               PYTHONPATH=os.pathsep.join([str(Path(__file__).parents[2]),
                                          os.environ.get("PYTHONPATH", "")]))
    done = subprocess.run([sys.executable, str(PROBE), str(data_dir), str(shots)], env=env,
                          capture_output=True, text=True, timeout=240)
    assert done.returncode == 0, done.stderr[-3000:]
    report = json.loads(done.stdout.strip().splitlines()[-1])
    assert report["screen"] == [width, height]
    return report


@pytest.mark.parametrize("width,height", [(1024, 738), (911, 482)])
def test_every_window_fits_the_screen_with_its_buttons(tmp_path, demo_db, width, height):
    data_dir = demo_db.data_dir
    demo_db.close()
    report = run_probe(tmp_path, data_dir, width, height)
    assert len(report["windows"]) >= 20, report
    for name, seen in report["windows"].items():
        x, y, w, h = seen["frame"]
        assert x >= 0 and y >= 0 and x + w <= width and y + h <= height, (name, seen)
        assert not seen["clipped"], (name, seen)


def test_a_form_remembers_its_size_within_the_screen(qtbot, window):
    """Resized, closed, opened again: the same size; a remembered size larger than the screen
    (another PC, another scaling) comes back within the screen, its buttons reachable."""
    from PySide6.QtCore import QSize

    from ccs_desktop.ui import window_fit

    editor = window.open_record("threats", None)
    qtbot.waitExposed(editor)
    editor.resize(600, 480)
    editor.close()
    again = window.open_record("threats", None)
    qtbot.waitExposed(again)
    assert again.size() == QSize(600, 480)
    again.close()
    window_fit.remember_size("editor/threats", QSize(3000, 2500))
    big = window.open_record("threats", None)
    qtbot.waitExposed(big)
    screen = big.screen().availableGeometry()
    assert screen.contains(big.frameGeometry())
    button = big.close_button
    assert big.rect().contains(button.mapTo(big, button.rect().bottomRight()))
    big.close()
