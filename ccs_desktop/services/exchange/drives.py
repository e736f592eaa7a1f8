"""The drives a backup can be written to, USB sticks first, listed through psutil (the same
call on Windows and Linux; no ctypes, no reading of /proc/mounts)."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

# Linux: where desktops mount what is plugged in, and the old mount folder of admins
AUTOMOUNT_ROOTS = ("/media/", "/run/media/")
MOUNT_ROOTS = (*AUTOMOUNT_ROOTS, "/mnt/")
# file systems of USB sticks and external disks, counted removable wherever mounted
STICK_FILE_SYSTEMS = ("vfat", "exfat", "fuseblk", "ntfs", "ntfs3")


@dataclass(frozen=True)
class Drive:
    path: Path
    label: str
    removable: bool
    free: int
    total: int


def list_drives() -> list[Drive]:
    """Writable drives, removable ones (USB sticks) first: on Windows the fixed and
    removable drives (opts say which), on Linux the mounts under /media, /run/media and
    /mnt (removable: under /media or /run/media, or /sys/block/<dev>/removable says so, or
    a stick's file system)."""
    import psutil

    out: list[Drive] = []
    seen: set[str] = set()
    for part in psutil.disk_partitions(all=False):
        found = _windows_drive(part) if os.name == "nt" else _posix_drive(part)
        if found is None or found[0] in seen:
            continue
        path, label, removable = found
        seen.add(path)
        try:
            usage = psutil.disk_usage(path)
        except OSError:
            continue
        out.append(Drive(Path(path), label, removable, usage.free, usage.total))
    out.sort(key=lambda d: (not d.removable, str(d.path)))
    return out


def _windows_drive(part) -> tuple[str, str, bool] | None:  # noqa: ANN001
    opts = part.opts.split(",")
    if "removable" not in opts and "fixed" not in opts:  # CD drives, network shares
        return None
    root = part.mountpoint  # "E:\\"; psutil gives no volume name: the letter is the label
    return root, root.rstrip("\\") or root, "removable" in opts


def _posix_drive(part) -> tuple[str, str, bool] | None:  # noqa: ANN001
    mnt = part.mountpoint
    if not part.device.startswith("/dev/") or not mnt.startswith(MOUNT_ROOTS):
        return None
    removable = (mnt.startswith(AUTOMOUNT_ROOTS) or _sys_removable(part.device)
                 or part.fstype in STICK_FILE_SYSTEMS)
    return mnt, Path(mnt).name, removable


def _sys_removable(dev: str) -> bool:
    name = Path(os.path.realpath(dev)).name
    base = re.sub(r"p?\d+$", "", name) if not name.startswith("nvme") else name
    try:
        return Path(f"/sys/block/{base}/removable").read_text().strip() == "1"
    except OSError:
        return False
