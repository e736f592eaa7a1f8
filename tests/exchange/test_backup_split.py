"""Issue 10: the backup service split by job behind its public face `backup`, and its
drives listed through psutil."""

from __future__ import annotations

import ast
import re
import types
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
    assert defined == ["__getattr__"]  # no job of its own: TRUST_AGAIN translated when read
    # plain re-exports: only `from .part import name` and `__all__`, no machinery that
    # rebinds names in the parts
    for node in tree.body[1:]:
        if isinstance(node, ast.ImportFrom):
            assert node.level == 1 or node.module == "__future__", ast.dump(node)
        elif isinstance(node, ast.Assign):
            assert [t.id for t in node.targets] == ["__all__"]
        else:
            assert isinstance(node, ast.FunctionDef), ast.dump(node)
    assert type(bk) is types.ModuleType
    for name in bk.__all__:
        assert getattr(bk, name) is not None, name


def test_tests_patch_the_part_that_uses_a_name_not_the_face() -> None:
    """Patching a name of the face (`bk.<name> = ...`) would change the face only: the
    part that uses the name would not see it."""
    tests = Path(__file__).resolve().parents[1]
    face = re.compile(r"setattr\((bk|backup|b), |\b(bk|b)\.[a-z_A-Z]+ = ")
    for path in tests.rglob("*.py"):
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            # the CLI imports clean_leftovers_at_start from the face when it runs
            called_from_face = "clean_leftovers_at_start" in line
            assert not face.search(line) or called_from_face, f"{path}:{n}"
    # the face and the part hold the same objects
    assert bk.cleanup_leftovers is workfolders.cleanup_leftovers
    assert bk.LIVE_READ_TIMEOUT == security.LIVE_READ_TIMEOUT == 5.0


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


def test_outside_the_service_code_goes_through_the_face() -> None:
    """The CLI, the screens and the CRSS import use `backup` (or the file format and the
    snapshots), never one of its parts: a part can be split again without touching them."""
    parts = {"naming", "workfolders", "security", "reading", "writing", "restore", "autocopy",
             "drives"}
    package = EXCHANGE.parents[1]  # ccs_desktop
    for path in package.rglob("*.py"):
        if path.parent == EXCHANGE:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module:
                module = node.module.split(".")
                names = {a.name for a in node.names}
                if module[-1] == "exchange":
                    assert not names & parts, (path, node.lineno)
                else:
                    assert not ("exchange" in module and module[-1] in parts), (path, node.lineno)
            elif isinstance(node, ast.Import):
                for a in node.names:
                    bits = a.name.split(".")
                    assert not ("exchange" in bits and bits[-1] in parts), (path, node.lineno)
