"""Issue 10: one atomic writer (fileio), retrying os.replace briefly on Windows sharing
violations; the backup service's writers go through it."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from ccs_desktop import fileio
from ccs_desktop.services.crss import keys
from ccs_desktop.services.errors import UserError
from ccs_desktop.services.exchange import backup as bk

ROOT = Path(fileio.__file__).parent
MINE = [ROOT / "fileio.py", ROOT / "services" / "crss" / "keys.py",
        *sorted((ROOT / "services" / "exchange").glob("*.py"))]


def _sharing_violation() -> PermissionError:
    exc = PermissionError(13, "The process cannot access the file because it is being used "
                              "by another process")
    exc.winerror = 32  # what Windows sets; Linux has no such attribute
    return exc


@pytest.fixture()
def flaky_replace(monkeypatch):  # noqa: ANN001, ANN201
    """os.replace fails twice with a sharing violation (antivirus, indexer), then works."""
    real = os.replace
    calls: list[str] = []

    def replace(src, dst):  # noqa: ANN001, ANN202
        calls.append(os.fspath(dst))
        if len(calls) <= 2:
            raise _sharing_violation()
        return real(src, dst)

    monkeypatch.setattr(os, "replace", replace)
    return calls


def test_replace_retries_a_sharing_violation(tmp_path: Path, flaky_replace) -> None:  # noqa: ANN001
    target = tmp_path / "doc.pdf"
    target.write_bytes(b"old")
    assert fileio.write_atomically(target, b"new") == target
    assert target.read_bytes() == b"new" and len(flaky_replace) == 3
    assert [p.name for p in tmp_path.iterdir()] == ["doc.pdf"]


def test_replace_gives_up_after_about_a_second(tmp_path: Path, monkeypatch) -> None:  # noqa: ANN001
    slept: list[float] = []
    monkeypatch.setattr(fileio.time, "sleep", slept.append)
    monkeypatch.setattr(os, "replace", lambda *_a: (_ for _ in ()).throw(_sharing_violation()))
    target = tmp_path / "doc.pdf"
    target.write_bytes(b"old")
    with pytest.raises(PermissionError):
        fileio.write_atomically(target, b"new")
    assert 0.8 <= sum(slept) <= 1.2
    assert target.read_bytes() == b"old" and [p.name for p in tmp_path.iterdir()] == ["doc.pdf"]


def test_a_real_permission_error_is_not_retried(tmp_path: Path, monkeypatch) -> None:  # noqa: ANN001
    calls: list[int] = []

    def denied(*_a):  # noqa: ANN002, ANN202
        calls.append(1)
        raise PermissionError(13, "Permission denied")  # no winerror: Linux, or a real refusal

    monkeypatch.setattr(os, "replace", denied)
    with pytest.raises(PermissionError):
        fileio.write_atomically(tmp_path / "x", b"data")
    assert calls == [1] and list(tmp_path.iterdir()) == []


def test_streamed_write_checked_before_it_takes_its_name(tmp_path: Path) -> None:
    seen: list[tuple[bytes, int]] = []

    def fill(fh) -> int:  # noqa: ANN001
        fh.write(b"abc")
        return 3

    def check(tmp: Path, result: int) -> None:
        assert not (tmp_path / "out.bin").exists()
        seen.append((tmp.read_bytes(), result))

    fileio.write_atomically(tmp_path / "out.bin", fill, check=check)
    assert seen == [(b"abc", 3)] and (tmp_path / "out.bin").read_bytes() == b"abc"

    def refuse(_tmp: Path, _result: int) -> None:
        raise ValueError("bad read-back")

    with pytest.raises(ValueError):
        fileio.write_atomically(tmp_path / "other.bin", fill, check=refuse)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.bin"]
    with pytest.raises(FileExistsError):
        fileio.write_atomically(tmp_path / "out.bin", b"x", overwrite=False)
    assert (tmp_path / "out.bin").read_bytes() == b"abc"


def test_automatic_copy_and_key_files_go_through_the_one_writer(
        committee_db, tmp_path: Path, flaky_replace) -> None:  # noqa: ANN001
    copy = bk.auto_backup(committee_db, min_interval=None)
    assert copy is not None and copy.is_file() and len(flaky_replace) == 3
    pair = keys.generate()
    flaky_replace.clear()
    pub = keys.export_public_key(pair.public_key, tmp_path / "cle")
    assert keys.read_public_key(pub) == pair.public_key
    # a key file is never overwritten, even one that appears between a check and the write
    with pytest.raises(UserError):
        keys._write_new(pub, b"another key")
    assert keys.read_public_key(pub) == pair.public_key
    assert [p.name for p in pub.parent.iterdir()] == [pub.name]


def test_one_atomic_writer_and_one_folder_fsync() -> None:
    """Old code: backup.write_atomically and keys._write_new wrote their own temporary
    files and called os.replace; only fileio renames or fsyncs a folder."""
    for path in MINE:
        if path.name == "fileio.py":
            continue
        text = path.read_text(encoding="utf-8")
        assert not re.search(r"\bos\.replace\(|\bos\.fsync\(|O_DIRECTORY", text), path
    text = (ROOT / "fileio.py").read_text(encoding="utf-8")
    assert text.count("def write_atomically(") == 1 and text.count("def fsync_dir(") == 1


def test_no_hard_links_on_a_fat_stick_still_never_overwrites(tmp_path, monkeypatch):
    """Windows refuses hard links on FAT with ERROR_INVALID_FUNCTION (EINVAL): publish then
    renames when the name is free and refuses when it is taken."""
    import errno
    import os

    from ccs_desktop import fileio

    def no_link(src, dst):  # noqa: ANN001, ANN202
        raise OSError(errno.EINVAL, "Incorrect function")

    monkeypatch.setattr(os, "link", no_link)
    tmp = tmp_path / "new.partial"
    tmp.write_bytes(b"new")
    target = tmp_path / "ccs.sqlite3"
    fileio.publish(tmp, target, overwrite=False)
    assert target.read_bytes() == b"new" and not tmp.exists()
    tmp.write_bytes(b"other")
    with pytest.raises(FileExistsError):
        fileio.publish(tmp, target, overwrite=False)
    assert target.read_bytes() == b"new"
