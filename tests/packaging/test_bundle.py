"""The Linux one-folder bundle, built from this checkout with packaging/build-linux.sh (the
README's steps), runs its own `ccs-desktop --self-test` (issue 18).

Marked `packaging` (deselected by default: `pytest -m packaging tests/packaging`) and skipped
unless PyInstaller is installed (the `packaging` extra) or CCS_PACKAGING_TESTS=1. The build
takes about 35-45 s on 2 CPUs; `.ci/run` runs it after the suite."""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
import tarfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
HAS_PYINSTALLER = importlib.util.find_spec("PyInstaller") is not None
pytestmark = [
    pytest.mark.packaging,
    pytest.mark.skipif(sys.platform != "linux", reason="the Linux bundle"),
    pytest.mark.skipif(not (HAS_PYINSTALLER or os.environ.get("CCS_PACKAGING_TESTS") == "1"),
                       reason="PyInstaller not installed (pip install -e '.[packaging]')"),
]
# what the bundle must not carry (the application never loads them)
UNUSED = ("QtWebEngine", "Qt6WebEngine", "Qt6Quick", "Qt6Qml", "qml/", "VirtualKeyboard",
          "wayland", "Qt6Charts", "Qt63D", "Qt6Multimedia")


@pytest.fixture(scope="module")
def bundle(tmp_path_factory):
    out = tmp_path_factory.mktemp("dist")
    done = subprocess.run(["bash", str(ROOT / "packaging" / "build-linux.sh"), str(out)],
                          env=dict(os.environ, PYTHON=sys.executable), capture_output=True,
                          text=True, timeout=1200)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    archive = Path(done.stdout.strip().splitlines()[-1])
    assert archive.is_file() and archive.name.endswith(".tar.gz")
    unpacked = tmp_path_factory.mktemp("unpacked")
    with tarfile.open(archive) as tar:
        tar.extractall(unpacked, filter="tar")
    (folder,) = unpacked.iterdir()
    return archive, folder


def test_the_bundle_runs_its_self_test_headless(bundle, tmp_path):
    _archive, folder = bundle
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("CCS_", "PYTHON", "QT_")) and k != "DISPLAY"}
    # no screen at all: a QApplication would abort on this platform name
    env.update(HOME=str(tmp_path), XDG_DATA_HOME=str(tmp_path / "share"),
               XDG_CONFIG_HOME=str(tmp_path / "cfg"), QT_QPA_PLATFORM="none")
    done = subprocess.run([str(folder / "ccs-desktop"), "--self-test"], env=env,
                          capture_output=True, text=True, timeout=300, cwd=tmp_path)
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout.count("[OK]") == 4, done.stdout
    assert "Traceback" not in done.stderr
    # the console tool beside it, from the same libraries
    ccs = subprocess.run([str(folder / "ccs"), "--help"], env=env, capture_output=True,
                         text=True, timeout=120, cwd=tmp_path)
    assert ccs.returncode == 0 and "demo" in ccs.stdout, ccs.stderr


def test_the_archive_has_its_desktop_entry_and_icons_and_nothing_unused(bundle):
    archive, folder = bundle
    assert (folder / "ccs-desktop.desktop").is_file() and (folder / "install.sh").is_file()
    assert {p.name for p in (folder / "icons").glob("*.png")} >= {
        f"ccs-desktop-{n}.png" for n in (16, 32, 48, 128, 256)}
    # PyInstaller links some libraries to a second name: counted once
    files = [p for p in folder.rglob("*") if p.is_file() and not p.is_symlink()]
    names = [str(p.relative_to(folder)) for p in files]
    for needed in ("resources/fonts/DejaVuSansCondensed.ttf",
                   "resources/locale/fr/LC_MESSAGES/ccs_desktop.mo",
                   "resources/data/mali_communes.csv",
                   "ccs_desktop/db/migrations/versions/0001_initial_schema.py",
                   "PySide6/Qt/plugins/platforms/libqxcb.so"):
        assert any(n.endswith(needed) for n in names), needed
    assert any("sqlcipher3" in n and n.endswith(".so") for n in names)
    unused = [n for n in names if any(u.lower() in n.lower() for u in UNUSED)]
    assert not unused, unused[:10]
    size = sum(p.stat().st_size for p in files)
    assert size < 300 * 2**20, f"{size / 2**20:.0f} MB"
    print(f"\nbundle {size / 2**20:.0f} MB, archive {archive.stat().st_size / 2**20:.0f} MB")
