"""The package works when installed from its wheel, not only from a checkout."""

from __future__ import annotations

import subprocess
import sys
import sysconfig
import venv
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.slow
def test_wheel_installs_in_a_fresh_venv_and_ccs_help_runs(tmp_path):
    dist = tmp_path / "dist"
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation",
                    "-q", "-w", str(dist), str(ROOT)], check=True, timeout=600)
    wheel = next(dist.glob("ccs_desktop-*.whl"))
    names = zipfile.ZipFile(wheel).namelist()
    assert "ccs_desktop/resources/data/mali_communes.csv" in names
    assert any(n.startswith("ccs_desktop/db/migrations/versions/0001") for n in names)
    env_dir = tmp_path / "venv"
    venv.create(env_dir, with_pip=True)
    bindir = env_dir / ("Scripts" if sys.platform == "win32" else "bin")
    py = bindir / "python"
    subprocess.run([str(py), "-m", "pip", "install", "-q", "--no-deps", "--no-index",
                    str(wheel)], check=True, timeout=600)
    # the dependencies come from the test environment (no download); the package itself
    # comes only from the wheel
    site = subprocess.run([str(py), "-c", "import sysconfig;print(sysconfig.get_paths()['purelib'])"],
                          capture_output=True, text=True, check=True).stdout.strip()
    deps = sysconfig.get_paths()["purelib"]
    Path(site, "zz_test_deps.pth").write_text(deps + "\n")
    done = subprocess.run([str(bindir / "ccs"), "--help"], capture_output=True, text=True,
                          timeout=120, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert "demo" in done.stdout and "list" in done.stdout
    where = subprocess.run([str(py), "-c", "import ccs_desktop, ccs_desktop.paths as p;"
                            "print(ccs_desktop.__file__);"
                            "print(p.resource_path('data','mali_communes.csv').is_file())"],
                           capture_output=True, text=True, timeout=120, cwd=tmp_path)
    lines = where.stdout.split()
    assert str(env_dir) in lines[0] and lines[1] == "True", where.stderr
