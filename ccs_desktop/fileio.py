"""Writing files atomically: a crash or a power cut leaves the old file or the new one whole,
never half of one (documents, drafts, exported keys...)."""

from __future__ import annotations

import errno
import os
import tempfile
from pathlib import Path


def write_atomically(path: str | os.PathLike[str], data: bytes, *,
                     overwrite: bool = True) -> Path:
    """Temp file in the same folder, flush, fsync, rename, then fsync the folder.

    overwrite=False never replaces an existing file, even one created by another program
    between a check and the write: the temp file is hard-linked to its name (which fails if
    the name exists) instead of renamed over it; FileExistsError then. Where the file system
    has no hard links (FAT USB sticks), an existence check just before the rename is the
    best there is."""
    path = Path(path)
    folder = path.parent
    folder.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        if overwrite:
            os.replace(tmp, path)
        else:
            _publish_without_overwrite(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
    if hasattr(os, "O_DIRECTORY"):  # make the rename itself durable (POSIX)
        try:
            dir_fd = os.open(folder, os.O_DIRECTORY)
        except OSError:
            return path
        try:
            os.fsync(dir_fd)
        except OSError:
            pass
        finally:
            os.close(dir_fd)
    return path


def _publish_without_overwrite(tmp: str, path: Path) -> None:
    try:
        os.link(tmp, path)
    except FileExistsError:
        raise
    except OSError as exc:
        if exc.errno not in (errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EXDEV,
                             errno.EMLINK, errno.ENOSYS, errno.EACCES):
            raise
        if os.path.lexists(path):
            raise FileExistsError(errno.EEXIST, os.strerror(errno.EEXIST), str(path)) from None
        os.replace(tmp, path)
        return
    os.unlink(tmp)


_ERRNO_FR = {
    errno.ENOENT: "fichier ou dossier introuvable",
    errno.EACCES: "accès refusé",
    errno.EPERM: "opération non permise",
    errno.ENOSPC: "plus de place sur le disque",
    errno.EROFS: "support en lecture seule",
    errno.EISDIR: "c'est un dossier, pas un fichier",
    errno.ENOTDIR: "ce n'est pas un dossier",
    errno.EIO: "erreur de lecture ou d'écriture du support",
    errno.EEXIST: "le fichier existe déjà",
    errno.ENAMETOOLONG: "nom de fichier trop long",
    errno.EBUSY: "fichier ou périphérique occupé",
}


def french_os_error(exc: OSError) -> str:
    """The cause of a system error in French (the system's own text is often English)."""
    return _ERRNO_FR.get(exc.errno or -1, exc.strerror or str(exc))
