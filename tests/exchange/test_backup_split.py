"""Issue 10: the backup service split by job behind its public face `backup`, and its
drives listed through psutil."""

from __future__ import annotations

import ast
from collections import namedtuple
from pathlib import Path

import psutil
import pytest

from ccs_desktop.services.exchange import backup as bk
from ccs_desktop.services.exchange import drives, reading, restore, security, workfolders

EXCHANGE = Path(bk.__file__).parent
Part = namedtuple("Part", "device mountpoint fstype opts")
Usage = namedtuple("Usage", "total used free percent")


def test_no_module_over_900_lines_and_the_face_only_re_exports() -> None:
    for path in EXCHANGE.glob("*.py"):
        assert len(path.read_text(encoding="utf-8").splitlines()) <= 900, path
    tree = ast.parse((EXCHANGE / "backup.py").read_text(encoding="utf-8"))
    defined = [n.name for n in tree.body if isinstance(n, (ast.FunctionDef, ast.ClassDef))]
    assert defined == ["_Face", "__getattr__"]  # no job of its own


def test_assigning_a_name_of_the_face_reaches_the_module_that_uses_it(monkeypatch) -> None:  # noqa: ANN001
    """Tests stop a process at a step with `bk.<name> = ...`: the split keeps that working."""
    def denied(_folder):  # noqa: ANN001, ANN202
        raise PermissionError(13, "denied")

    real = workfolders.cleanup_leftovers
    monkeypatch.setattr(bk, "cleanup_leftovers", denied)
    assert workfolders.cleanup_leftovers is denied and reading.cleanup_leftovers is denied
    assert restore.cleanup_leftovers is denied
    monkeypatch.setattr(bk, "LIVE_READ_TIMEOUT", 0.3)
    assert security.LIVE_READ_TIMEOUT == 0.3
    monkeypatch.undo()
    assert workfolders.cleanup_leftovers is real and restore.cleanup_leftovers is real
    assert security.LIVE_READ_TIMEOUT == bk.LIVE_READ_TIMEOUT == 5.0


def test_no_ctypes_nor_proc_mounts() -> None:
    for path in EXCHANGE.glob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                assert all(a.name != "ctypes" for a in node.names), path
            elif isinstance(node, ast.Constant) and isinstance(node.value, str):
                assert "/proc/mounts" not in node.value or node is tree.body[0].value, path


def test_linux_drives_through_psutil(monkeypatch, tmp_path: Path) -> None:  # noqa: ANN001
    parts = [Part("/dev/vda1", "/", "ext4", "rw"),
             Part("/dev/sdb1", "/media/awa/CLE USB", "vfat", "rw,nosuid"),
             Part("/dev/sdc1", "/run/media/awa/DISQUE", "ext4", "rw"),
             Part("/dev/sdd1", "/mnt/archives", "ext4", "rw"),
             Part("/dev/sdd1", "/mnt/archives", "ext4", "rw"),  # bind mount: listed once
             Part("tmpfs", "/mnt/ram", "tmpfs", "rw"),
             Part("/dev/sde1", "/mnt/gone", "ext4", "rw")]
    monkeypatch.setattr(drives.os, "name", "posix")
    monkeypatch.setattr(psutil, "disk_partitions", lambda all=False: parts)  # noqa: A002

    def usage(path: str) -> Usage:
        if path == "/mnt/gone":
            raise OSError(5, "I/O error")
        return Usage(1000, 400, 600, 40.0)

    monkeypatch.setattr(psutil, "disk_usage", usage)
    monkeypatch.setattr(drives, "_sys_removable", lambda dev: False)
    got = bk.list_drives()
    assert [(str(d.path), d.label, d.removable) for d in got] == [
        ("/media/awa/CLE USB", "CLE USB", True),
        ("/run/media/awa/DISQUE", "DISQUE", True),
        ("/mnt/archives", "archives", False)]
    assert all(d.free == 600 and d.total == 1000 for d in got)
    monkeypatch.setattr(drives, "_sys_removable", lambda dev: dev == "/dev/sdd1")
    assert [d.removable for d in bk.list_drives()] == [True, True, True]


def test_windows_drives_through_psutil() -> None:
    assert drives._windows_drive(Part("E:\\", "E:\\", "FAT32", "rw,removable")) == (
        "E:\\", "E:", True)
    assert drives._windows_drive(Part("C:\\", "C:\\", "NTFS", "rw,fixed")) == (
        "C:\\", "C:", False)
    assert drives._windows_drive(Part("D:\\", "D:\\", "CDFS", "ro,cdrom")) is None
    assert drives._windows_drive(Part("Z:\\", "Z:\\", "NTFS", "rw,remote")) is None


@pytest.mark.parametrize("dev, flag, expected", [("/dev/sdb1", "1", True),
                                                  ("/dev/sdb1", "0", False)])
def test_sys_block_removable(monkeypatch, tmp_path: Path, dev: str, flag: str,  # noqa: ANN001
                             expected: bool) -> None:
    real = Path.read_text

    def read_text(self, *a, **k):  # noqa: ANN001, ANN002, ANN003, ANN202
        if str(self) == "/sys/block/sdb/removable":
            return flag + "\n"
        return real(self, *a, **k)

    monkeypatch.setattr(drives.os.path, "realpath", lambda p: p)
    monkeypatch.setattr(Path, "read_text", read_text)
    assert drives._sys_removable(dev) is expected
