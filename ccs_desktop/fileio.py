"""Files on disk, one tool each: the atomic writer (`write_atomically`, and `publish` for a
file another tool built: a crash or a power cut leaves the old file or the new one whole,
never half of one; documents, drafts, exported keys, backups...), the folder fsync, the
wording of an OS error's cause (`french_os_error`), the safe reduction of outside names."""

from __future__ import annotations

import errno
import os
import tempfile
import time
import unicodedata
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO, TypeVar

from .i18n import N_, _

T = TypeVar("T")


# Windows refuses a rename for a moment while an antivirus or the search indexer holds the
# file open (ERROR_ACCESS_DENIED, ERROR_SHARING_VIOLATION, ERROR_LOCK_VIOLATION): the
# rename is tried again for about a second before the error is raised.
SHARING_VIOLATIONS = (5, 32, 33)
REPLACE_RETRY_DELAYS = (0.05, 0.1, 0.15, 0.2, 0.25, 0.25)  # seconds, 1 s in all


def replace(src: str | os.PathLike[str], dst: str | os.PathLike[str]) -> None:
    """`os.replace`, tried again briefly on a Windows sharing violation (a PermissionError
    whose winerror is 5, 32 or 33); any other error, or the same one after about a second,
    is raised."""
    for delay in (*REPLACE_RETRY_DELAYS, None):
        try:
            os.replace(src, dst)
            return
        except PermissionError as exc:
            if delay is None or getattr(exc, "winerror", None) not in SHARING_VIOLATIONS:
                raise
        time.sleep(delay)


def fsync_file(path: str | os.PathLike[str]) -> None:
    """Flush to the disk a file written by another tool (SQLite's backup API...)."""
    with open(path, "rb+") as fh:
        os.fsync(fh.fileno())


def publish(tmp: str | os.PathLike[str], path: str | os.PathLike[str], *,
            overwrite: bool = True) -> Path:
    """The last step of every atomic write: give the complete, synced file `tmp` (on the
    same disk) the name `path` in one rename (`replace`), then fsync the folder.

    overwrite=False never replaces an existing file, even one created by another program
    between a check and the write: `tmp` is hard-linked to its name (which fails if the
    name exists) instead of renamed over it; FileExistsError then. Where the file system
    has no hard links (FAT USB sticks), an existence check just before the rename is the
    best there is."""
    path = Path(path)
    if overwrite:
        replace(tmp, path)
    else:
        _publish_without_overwrite(os.fspath(tmp), path)
    fsync_dir(path.parent)
    return path


def write_atomically(path: str | os.PathLike[str], data: bytes | Callable[[BinaryIO], T], *,
                     overwrite: bool = True, work_dir: str | os.PathLike[str] | None = None,
                     check: Callable[[Path, T], None] | None = None) -> Path:
    """The one atomic writer: a crash or a power cut leaves the old file or the new one
    whole, never half of one. Temporary file in the same folder (or in `work_dir`, a folder
    on the same disk), flush, fsync, `check(tmp, result)` if given (a read-back), then
    `publish` (rename, retried on Windows sharing violations; fsync of the folder).

    `data`: the bytes, or `fill(fh)` that writes the content into the open file and returns
    what `check` receives. overwrite=False: see `publish` (FileExistsError). On any error
    the temporary file is removed and an earlier file of that name is untouched."""
    path = Path(path)
    folder = path.parent
    folder.mkdir(parents=True, exist_ok=True)
    # ".partial": the suffix `services.exchange.workfolders.cleanup_leftovers` knows
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".partial",
                               dir=folder if work_dir is None else work_dir)
    try:
        with os.fdopen(fd, "wb") as fh:
            result = fh.write(data) if isinstance(data, (bytes, bytearray, memoryview)) \
                else data(fh)
            fh.flush()
            os.fsync(fh.fileno())
        if check is not None:
            check(Path(tmp), result)
        publish(tmp, path, overwrite=overwrite)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
    return path


def fsync_dir(folder: str | os.PathLike[str]) -> None:
    """Make a rename (or a creation, a deletion) in `folder` durable: fsync the folder itself
    (POSIX; Windows has no such call and NTFS journals the rename)."""
    if not hasattr(os, "O_DIRECTORY"):
        return
    try:
        fd = os.open(folder, os.O_DIRECTORY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _publish_without_overwrite(tmp: str, path: Path) -> None:
    try:
        os.link(tmp, path)
    except FileExistsError:
        raise
    except OSError as exc:
        # no hard links here (FAT sticks: Windows says ERROR_INVALID_FUNCTION, EINVAL)
        if exc.errno not in (errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EXDEV,
                             errno.EMLINK, errno.ENOSYS, errno.EACCES, errno.EINVAL):
            raise
        if os.path.lexists(path):
            raise FileExistsError(errno.EEXIST, os.strerror(errno.EEXIST), str(path)) from None
        replace(tmp, path)
        return
    os.unlink(tmp)


_EDQUOT = getattr(errno, "EDQUOT", -2)  # not on every system (-2, -3: never an errno)
_ESTALE = getattr(errno, "ESTALE", -3)
_FULL = N_("no space left on the disk")
_NOT_ANSWERING = N_("the medium no longer answers")
_ERRNO_TEXT = {
    errno.ENOENT: N_("file or folder not found"),
    errno.EACCES: N_("access denied"),
    errno.EPERM: N_("operation not permitted"),
    errno.ENOSPC: _FULL,
    _EDQUOT: _FULL,
    errno.EROFS: N_("read-only medium"),
    errno.EISDIR: N_("it is a folder, not a file"),
    errno.ENOTDIR: N_("it is not a folder"),
    errno.EIO: N_("error reading or writing the medium"),
    errno.EEXIST: N_("the file already exists"),
    errno.ENAMETOOLONG: N_("file name too long"),
    errno.EBUSY: N_("file or device busy"),
    errno.ENODEV: _NOT_ANSWERING,
    errno.ENXIO: _NOT_ANSWERING,
    _ESTALE: _NOT_ANSWERING,
    errno.EAGAIN: N_("locked by another program"),
}
# what the user can do, said after the cause: a medium full, pulled out or locked
_FREE_SPACE = N_("the medium is full: free some space or use another medium")
_PLUG_BACK = N_("was the USB stick removed? Plug it back in, then try again")
_ADVICE = {
    errno.ENOSPC: _FREE_SPACE,
    _EDQUOT: _FREE_SPACE,
    errno.EIO: _PLUG_BACK,
    errno.ENODEV: _PLUG_BACK,
    errno.ENXIO: _PLUG_BACK,
    _ESTALE: _PLUG_BACK,
    errno.EROFS: N_("the USB stick's lock?"),
}


def french_os_error(exc: OSError) -> str:
    """The cause of a system error alone, in the interface's language (French by default;
    the system's own text is often English, and is the fallback for an unlisted errno).
    Messages use `os_error_text`, which adds what to do."""
    text = _ERRNO_TEXT.get(exc.errno or -1)
    return _(text) if text is not None else (exc.strerror or str(exc))


def os_error_text(exc: OSError) -> str:
    """The one wording of a system error, for a message `…: {error}.`: its cause and, when
    the user can do something, what ("plus de place sur le disque (le support est plein :
    libérez de la place ou utilisez un autre support)"). The same error reads the same in
    a backup, an attachment, a document export and the CLI."""
    cause = french_os_error(exc)
    advice = _ADVICE.get(exc.errno or -1)
    return _("{cause} ({advice})").format(cause=cause, advice=_(advice)) if advice else cause


def os_error_message(exc: OSError, where: str | os.PathLike[str] | None = None) -> str:
    """A whole sentence for an OS error when the caller has no sentence of its own: the
    file or folder (`where`, else the error's own file name) and `os_error_text`."""
    where = where if where is not None else getattr(exc, "filename", None)
    if where:
        return _("Disk access error on “{path}”: {error}.").format(path=where,
                                                                   error=os_error_text(exc))
    return _("Disk access error: {error}.").format(error=os_error_text(exc))


# --- file names from outside ------------------------------------------------------------

NAME_MAX = 150  # characters of a file name, extension included
DEFAULT_NAME = "piece-jointe"

# Names Windows keeps for devices, whatever the extension ("NUL.pdf" is the null device).
_RESERVED = {"CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$", "CLOCK$"} | {
    f"{dev}{n}" for dev in ("COM", "LPT") for n in (*"0123456789", "¹", "²", "³")}
_FORBIDDEN = set('<>:"/\\|?*')


def safe_base_name(name: object) -> str:
    """A file name that stays where it is written, on Windows and Linux (the one reduction of
    every file name that comes from outside: attachments created, opened, restored or
    imported at the CRSS): no folder, no
    drive, no UNC prefix, no `..`, no device name (CON, NUL...), no control or forbidden
    character, at most NAME_MAX characters; the extension is kept; never empty."""
    text = name if isinstance(name, str) else ""
    text = unicodedata.normalize("NFC", text)
    # every separator of either system: only the last part is a name
    text = text.replace("\\", "/").rsplit("/", 1)[-1]
    if len(text) >= 2 and text[1] == ":" and text[0].isalpha():  # "C:x.pdf"
        text = text[2:]
    text = "".join("_" if ch in _FORBIDDEN or not ch.isprintable() else ch for ch in text)
    # Windows drops trailing dots and spaces; leading ones make hidden or odd files
    text = text.strip(" .")
    stem, dot, ext = text.rpartition(".")
    if not dot:
        stem, ext = text, ""
    ext = ext[:16]
    stem = stem.strip(" .")
    if stem.split(".")[0].upper().rstrip() in _RESERVED:
        stem = f"_{stem}"
    if not stem:
        stem = DEFAULT_NAME
    room = NAME_MAX - (len(ext) + 1 if ext else 0)
    stem = stem[:room].rstrip(" .") or DEFAULT_NAME
    return f"{stem}.{ext}" if ext else stem
