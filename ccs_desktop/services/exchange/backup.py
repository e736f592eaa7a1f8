"""The backup service's public face (no Qt; the GUI runs these off its thread and passes a
progress callback `progress(done, total, message)`): the names the CLI, the screens, the
CRSS import and the tests use, as `from ccs_desktop.services.exchange import backup as bk`.

Each job lives in its own module:

- naming: kinds, labels, how a file was opened, file names and rotation on the stick
- workfolders: locked hidden work folders, leftovers of killed processes, disk errors
- writing: backups and transmissions written, read back and checked
- reading: manifests checked, descriptions, decryption, verification
- security: the security settings a restore never changes silently
- restore: restore of a backup or an automatic copy
- autocopy: automatic local copies, pruning of copies set aside
- drives: the USB sticks and disks to write to (psutil)

Assigning one of these names here (`bk.cleanup_leftovers = ...`, `monkeypatch.setattr(bk,
"LIVE_READ_TIMEOUT", ...)`) rebinds it in the modules that use it, as when the service was
one module.
"""

from __future__ import annotations

import datetime as dt  # noqa: F401 - callers patch bk.dt.datetime
import sys
import types

from . import autocopy, drives, naming, reading, restore as _restore, security, workfolders
from . import writing
from . import container as ct  # noqa: F401 - bk.ct
from . import snapshot as sn  # noqa: F401 - bk.sn
from .autocopy import auto_backup
from .drives import list_drives
from .naming import (AUTO_FOLDER, BACKUP_FOLDER, DEFAULT_KEEP, KIND_BACKUP, KIND_TRANSMISSION,
                     OPENED_CRSS_KEY, OPENED_LOCAL_COPY, OPENED_PASSPHRASE, SUFFIX, notice,
                     opened_with)
from .reading import (OpenedFile, _committee_info, check_manifest, contents_text, created_text,
                      describe, is_local_copy, missing_data_dir, open_any, open_file,
                      verify_file)
from .restore import _copy_aside_atomically, restore, security_report
from .security import (LIVE_READ_TIMEOUT, SECURITY_SETTINGS, current_security,
                       describe_security_changes, security_changes, security_fingerprints,
                       trust_again)
from .workfolders import (WorkFolder, _noop, _unlink_quietly,
                          clean_leftovers_at_start, cleanup_leftovers, log)
from .writing import create_backup, create_transmission

# what the CLI, the screens, the CRSS import and the tests use (private ones by tests that
# stop a process at a given step)
__all__ = [
    "AUTO_FOLDER", "BACKUP_FOLDER", "DEFAULT_KEEP", "KIND_BACKUP", "KIND_TRANSMISSION",
    "LIVE_READ_TIMEOUT", "OPENED_CRSS_KEY", "OPENED_LOCAL_COPY", "OPENED_PASSPHRASE",
    "OpenedFile", "SECURITY_SETTINGS", "SUFFIX", "TRUST_AGAIN", "WorkFolder",
    "_committee_info", "_copy_aside_atomically", "_noop", "_unlink_quietly", "auto_backup",
    "check_manifest", "clean_leftovers_at_start", "cleanup_leftovers", "contents_text",
    "create_backup", "create_transmission", "created_text", "ct", "current_security",
    "describe", "dt",
    "describe_security_changes", "is_local_copy", "list_drives", "log", "missing_data_dir",
    "notice", "open_any", "open_file", "opened_with", "restore", "security_changes",
    "security_fingerprints", "sn", "security_report", "trust_again", "verify_file",
]

# the modules whose names this face re-exports (an assignment here rebinds theirs)
_PARTS = (naming, workfolders, security, reading, writing, _restore, autocopy, drives)
_MISSING = object()


class _Face(types.ModuleType):
    def __setattr__(self, name: str, value: object) -> None:
        current = self.__dict__.get(name, _MISSING)
        if current is not _MISSING and not name.startswith("__"):
            for part in _PARTS:
                if part.__dict__.get(name, _MISSING) is current:
                    setattr(part, name, value)
        super().__setattr__(name, value)


def __getattr__(name: str) -> str:
    # `TRUST_AGAIN`, the old constant: translated when read (callers use bk.TRUST_AGAIN)
    if name == "TRUST_AGAIN":
        return trust_again()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


sys.modules[__name__].__class__ = _Face
