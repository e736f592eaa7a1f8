"""Issue 10: the test infrastructure itself: the cheap key derivation comes from a fixture,
packaging tests are deselected by default."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from ccs_desktop.services.exchange import container as ct

ROOT = Path(__file__).resolve().parents[2]
CHILD = "from ccs_desktop.services.exchange import container as ct; print(ct.default_kdf())"


def _child_kdf(env: dict[str, str]) -> str:
    done = subprocess.run([sys.executable, "-c", CHILD], env=dict(env, PYTHONPATH=str(ROOT)),
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


def test_the_cheap_kdf_fixture_works_in_process_and_in_children(cheap_kdf):
    assert ct.default_kdf() == ct.CHEAP_KDF
    assert _child_kdf(dict(os.environ)) == str(ct.CHEAP_KDF)
    outside = {k: v for k, v in os.environ.items() if k != "PYTEST_CURRENT_TEST"}
    assert _child_kdf(outside) == str(ct.KdfParams())  # a child outside a test: the real one


def test_without_the_fixture_the_real_kdf(monkeypatch):
    monkeypatch.delenv(ct.TEST_CHEAP_ENV, raising=False)
    assert ct.default_kdf() == ct.KdfParams()


PACKAGING = '''
import pytest

@pytest.mark.packaging
def test_builds_a_wheel():
    raise AssertionError("must not run by default")

def test_ordinary():
    pass
'''


def test_packaging_tests_are_deselected_by_default(tmp_path):
    (tmp_path / "test_p.py").write_text(PACKAGING)
    args = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-c",
            str(ROOT / "pyproject.toml"), "--rootdir", str(tmp_path), str(tmp_path)]
    done = subprocess.run(args, capture_output=True, text=True, timeout=120, cwd=tmp_path)
    assert done.returncode == 0, done.stdout
    assert "1 passed, 1 deselected" in done.stdout, done.stdout
    done = subprocess.run(args + ["-m", "packaging"], capture_output=True, text=True,
                          timeout=120, cwd=tmp_path)
    assert "1 failed" in done.stdout and "must not run by default" in done.stdout
